/*
 * `trp chart KIND`: one chart of the diary (timeline, bodymap, factors, progress) as SVG,
 * PNG or PDF, on standard output or into a file. The data is gathered here
 * (cmd/chart_gather.h); drawing is src/render's business.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/chart_gather.h"
#include "base/atomic_file.h"
#include "cmd/cmd.h"
#include "cmd/flares.h"
#include "cmd/out_format.h"
#include "cmd/commands.h"
#include "render/chart.h"
#include "render/render.h"

static const char *chart_title(struct cmd_ctx *ctx, enum chart_kind kind,
                               const struct chart_gather *g)
{
    static const char *const names[] = {
        "Pain, flares and daily tasks", "Where it hurts", "Perpetuating factors",
        "Progress: weekly pain against the baseline",
    };
    char a[CHART_DATE_BUF], b[CHART_DATE_BUF];
    /* Progress is drawn over its course, which may start later than the period. */
    int64_t first = g->first_day, last = g->last_day;
    if (kind == CHART_PROGRESS && g->pd && g->pd->n_days) {
        first = g->pd->first_day;
        last = g->pd->last_day;
    }
    return arena_printf(ctx->arena, "%s, %s to %s", names[kind], chart_date(first, 2, a),
                        chart_date(last, 2, b));
}

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
    int has_since = 0, has_until = 0, rc;
    int64_t since = 0, until = 0;
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
            if ((rc = cmd_parse_time(ctx, "--since", optarg, &since)))
                return rc;
            has_since = 1;
            break;
        case 'u':
            if ((rc = cmd_parse_time(ctx, "--until", optarg, &until)))
                return rc;
            has_until = 1;
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
    if (has_since && has_until && until <= since)
        return trp_err_set(&ctx->err, TRP_EINVAL, "--until must be after --since");
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
    struct chart_gather g;
    if ((rc = chart_gather_load(ctx, s, has_since, since, has_until, until, &g)))
        return rc;
    const void *data = NULL;
    switch (kind) {
    case CHART_TIMELINE:
        data = &g.timeline;
        break;
    case CHART_BODYMAP:
        data = &g.bodymap;
        break;
    case CHART_FACTORS:
        if ((rc = chart_gather_factors(ctx, s, &g)))
            return rc;
        data = &g.factors;
        break;
    case CHART_PROGRESS:
        if ((rc = chart_gather_progress(ctx, s, has_since, since, has_until, until, &g)))
            return rc;
        data = &g.progress;
        break;
    }
    struct atomic_file *af;
    if ((rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err)))
        return rc;
    rc = render_chart_write((enum chart_kind)kind, data, width,
                            chart_title(ctx, (enum chart_kind)kind, &g), fmt, af->f, &ctx->err);
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
