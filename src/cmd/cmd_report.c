/*
 * `trp report`: what to bring to an appointment, as PDF (through cairo and pango) or one
 * HTML page with the charts inline. What goes in is decided by app/report.h, which the web
 * server's report uses too; this command parses the options and writes the file.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/report.h"
#include "base/atomic_file.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/flares.h"
#include "cmd/out_format.h"
#include "render/render.h"
#include "render/report_pdf.h"

static int cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"for", required_argument, NULL, 'a'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"flare", required_argument, NULL, 'F'},
        {NULL, 0, NULL, 0},
    };
    struct app_report_opts o = {.clinician = 1, .client = ctx->client != NULL};
    struct chart_period *per = &o.period;
    int rc, fmt_given = 0;
    enum render_format fmt = RENDER_PDF;
    const char *out_path = NULL;
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
            if ((rc = cmd_parse_time(ctx, "--since", optarg, &per->since)))
                return rc;
            per->has_since = 1;
            break;
        case 'u':
            if ((rc = cmd_parse_time(ctx, "--until", optarg, &per->until)))
                return rc;
            per->has_until = 1;
            break;
        case 'a':
            if ((rc = app_report_audience(optarg, &o, &ctx->err)))
                return rc;
            break;
        case 'f':
            if ((rc = render_format_parse(optarg, &fmt, &ctx->err)))
                return rc;
            if (fmt != RENDER_PDF && fmt != RENDER_HTML)
                return trp_err_set(&ctx->err, TRP_EINVAL,
                                   "--format %s: a report is pdf or html", optarg);
            fmt_given = 1;
            break;
        case 'o':
            out_path = optarg;
            break;
        case ':':
            return cmd_usage(ctx, &cmd_report_entry,
                             arena_printf(ctx->arena, "option %s needs a value", argv[optind - 1]));
        default:
            return cmd_usage(ctx, &cmd_report_entry,
                             arena_printf(ctx->arena, "unknown option %s", argv[optind - 1]));
        }
    }
    if (optind < argc)
        return cmd_usage(ctx, &cmd_report_entry,
                         arena_printf(ctx->arena, "unexpected argument \"%s\"", argv[optind]));
    if (per->has_since && per->has_until && per->until <= per->since)
        return trp_err_set(&ctx->err, TRP_EINVAL, "--until must be after --since");
    if (atomic_file_is_stdout(out_path))
        out_path = NULL; /* "-o -" */
    static const char *const report_formats[] = {"pdf", "html", NULL};
    const char *fname = fmt_given ? render_format_name(fmt) : NULL;
    if ((rc = out_format_check(out_path, report_formats, &fname, &ctx->err)) ||
        (fname && (rc = render_format_parse(fname, &fmt, &ctx->err))))
        return rc;
    if (fmt == RENDER_PDF && !out_path && isatty(fileno(ctx->out)))
        return trp_err_set(&ctx->err, TRP_EINVAL,
                           "a PDF is binary: give -o FILE or redirect the output");

    per->flare_spec = ctx->flare_spec;
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    struct report_doc d;
    if ((rc = app_report(s, ctx->arena, &o, &d, &ctx->err)))
        return rc;
    struct atomic_file *af;
    if ((rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err)))
        return rc;
    int pages = 0;
    if (fmt == RENDER_HTML)
        rc = report_write_html(&d, af->f, &ctx->err);
    else
        rc = report_write_pdf(&d, af->f, &pages, &ctx->err);
    if (rc) {
        atomic_file_abort(af);
        return rc;
    }
    if ((rc = atomic_file_commit(af, &ctx->err)))
        return rc;
    if (out_path && fmt == RENDER_PDF)
        fprintf(ctx->out, "wrote %s (%d page%s)\n", out_path, pages, pages == 1 ? "" : "s");
    else if (out_path)
        fprintf(ctx->out, "wrote %s\n", out_path);
    return rc;
}

const struct cmd_entry cmd_report_entry = {
    .name = "report",
    .usage = "[--since T] [--until T] [--for clinician|patient] [--format pdf|html] [-o FILE] [--flare DEF]",
    .summary = "Write a report to bring to an appointment (PDF or HTML).",
    .help = "  --for clinician   (default) at most two A4 pages: red flags and precautions,\n"
            "                    the period, body map, timeline, perpetuating factors,\n"
            "                    progress, treatment response per muscle, self-care adherence\n"
            "  --for patient     the same in plain words, with next steps\n"
            "  --since T, --until T   the period (default: the whole diary up to today)\n"
            "  --format F        pdf (default) or html (charts inline); -o FILE.html implies html\n"
            "  -o, --output FILE write to FILE instead of standard output\n"
            "  --flare DEF       the flare definition (see 'trp help recurrences')\n"
            "  PDFs carry the creation date from $SOURCE_DATE_EPOCH or $TRP_NOW when set.\n",
    .exec = cmd_report_exec,
};
