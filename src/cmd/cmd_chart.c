/*
 * `trp chart KIND`: one chart of the diary (timeline, bodymap, factors, progress) as SVG,
 * PNG or PDF, on standard output or into a file. The data and title come from
 * app/charts.h (as for the web server); drawing is src/render's business.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/charts.h"
#include "base/atomic_file.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/flares.h"
#include "cmd/out_format.h"
#include "cmd/commands.h"
#include "render/chart.h"
#include "render/render_cairo.h"

static int cmd_chart_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"width", required_argument, NULL, 'w'},
        {"flare", required_argument, NULL, 'F'},
        {NULL, 0, NULL, 0},
    };
    struct chart_period per = {0};
    int rc;
    enum render_format fmt = RENDER_SVG;
    int fmt_given = 0;
    const char *out_path = NULL;
    double width = RENDER_A4_WIDTH;
    opterr = 0;
    optind = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        switch (opt) {
        case 'F':
            if ((rc = flares_option(ctx, optarg)))
                return rc;
            break;
        case 's':
            if ((rc = cmd_parse_time(ctx, "--since", optarg, &per.since)))
                return rc;
            per.has_since = 1;
            break;
        case 'u':
            if ((rc = cmd_parse_time(ctx, "--until", optarg, &per.until)))
                return rc;
            per.has_until = 1;
            break;
        case 'f':
            if ((rc = render_format_parse(optarg, &fmt, &ctx->err)))
                return rc;
            if (fmt == RENDER_HTML)
                return trp_err_set(&ctx->err, TRP_EINVAL,
                                   "--format html is for 'trp report'; use svg, png or pdf");
            fmt_given = 1;
            break;
        case 'o':
            out_path = optarg;
            break;
        case 'w':
            if (strcmp(optarg, "a4") == 0)
                width = RENDER_A4_WIDTH;
            else if (strcmp(optarg, "phone") == 0)
                width = RENDER_PHONE_WIDTH;
            else {
                int wi;
                if ((rc = args_int("--width", optarg, 240, 2000, &wi, &ctx->err)))
                    return rc;
                width = wi;
            }
            break;
        case ':':
            return cmd_usage(ctx, &cmd_chart_entry,
                             arena_printf(ctx->arena, "option %s needs a value", argv[optind - 1]));
        default:
            return cmd_usage(ctx, &cmd_chart_entry,
                             arena_printf(ctx->arena, "unknown option %s", argv[optind - 1]));
        }
    }
    if (optind >= argc)
        return cmd_usage(ctx, &cmd_chart_entry,
                         "name the chart: timeline, bodymap, factors or progress");
    int kind = chart_kind_parse(argv[optind]);
    if (kind < 0)
        return cmd_usage(ctx, &cmd_chart_entry,
                         arena_printf(ctx->arena, "unknown chart \"%s\": use timeline, bodymap, "
                                      "factors or progress", argv[optind]));
    if (optind + 1 < argc)
        return cmd_usage(ctx, &cmd_chart_entry,
                         arena_printf(ctx->arena, "unexpected argument \"%s\"", argv[optind + 1]));
    if (per.has_since && per.has_until && per.until <= per.since)
        return trp_err_set(&ctx->err, TRP_EINVAL, "--until must be after --since");
    per.flare_spec = ctx->flare_spec;
    if (atomic_file_is_stdout(out_path))
        out_path = NULL; /* "-o -" */
    /* The format follows the file name when not given; a name saying otherwise is refused. */
    static const char *const chart_formats[] = {"svg", "png", "pdf", NULL};
    const char *fname = fmt_given ? render_format_name(fmt) : NULL;
    if ((rc = out_format_check(out_path, chart_formats, &fname, &ctx->err)) ||
        (fname && (rc = render_format_parse(fname, &fmt, &ctx->err))))
        return rc;
    if (fmt != RENDER_SVG && !out_path && isatty(fileno(ctx->out)))
        return trp_err_set(&ctx->err, TRP_EINVAL,
                           "a %s chart is binary: give -o FILE or redirect the output",
                           render_format_name(fmt));

    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    struct app_chart c;
    if ((rc = app_chart(s, ctx->arena, (enum chart_kind)kind, &per, &c, &ctx->err)))
        return rc;
    struct atomic_file *af;
    if ((rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err)))
        return rc;
    rc = render_chart_write(c.kind, c.data, width, c.title, fmt, af->f, &ctx->err);
    if (rc) {
        atomic_file_abort(af);
        return rc;
    }
    if ((rc = atomic_file_commit(af, &ctx->err)))
        return rc;
    if (out_path)
        fprintf(ctx->out, "wrote %s\n", out_path);
    return 0;
}

const struct cmd_entry cmd_chart_entry = {
    .name = "chart",
    .usage = "timeline|bodymap|factors|progress [--since T] [--until T] [--format svg|png|pdf] "
             "[--width a4|phone|N] [-o FILE] [--flare DEF]",
    .summary = "Draw a chart of the diary (SVG, PNG or PDF).",
    .help = "  timeline   pain and the daily maximum, flare onsets, and beneath on the same\n"
            "             days one lane per task, sleep, stress and treatment sessions\n"
            "  bodymap    front and back figures shaded by how often each area hurt, with\n"
            "             treated trigger points marked\n"
            "  factors    odds ratios of perpetuating factors with 95% intervals (log scale)\n"
            "  progress   weekly medians, trend, baseline and the 30%/50% improvement lines\n"
            "  --since T, --until T   the period (default: the whole diary up to today)\n"
            "  --format F             svg (default), png or pdf; -o FILE.png/.pdf implies it\n"
            "  --width W              a4 (515 pt, default), phone (360) or points\n"
            "  -o, --output FILE      write to FILE instead of standard output\n"
            "  --flare DEF            the flare definition (see 'trp help recurrences')\n",
    .exec = cmd_chart_exec,
};
