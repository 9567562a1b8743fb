/*
 * `trp export [--format csv|jsonl] [--since T] [--until T] [-o FILE]`: the diary in the
 * import format. -o writes through base/atomic_file (private, complete or not at all).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/export.h"
#include "base/atomic_file.h"
#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/out_format.h"
#include "store/store.h"

struct file_sink {
    FILE *f;
    int errnum;
};

static int file_write(void *data, const char *buf, size_t len)
{
    struct file_sink *fs = data;
    if (fwrite(buf, 1, len, fs->f) == len)
        return 0;
    fs->errnum = errno ? errno : EIO;
    return -1;
}

static int cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *format = NULL, *out_path = NULL;
    struct store_query q;
    store_query_init(&q);
    struct trp_time now, t;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc && (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--since") || !strcmp(a, "--until")))
            return cmd_usage(ctx, &cmd_export_entry, arena_printf(ctx->arena, "%s needs a value", a));
        if (!strcmp(a, "--format"))
            format = argv[++i];
        else if (!strcmp(a, "-o"))
            out_path = argv[++i];
        else if (!strcmp(a, "--deleted"))
            q.include_deleted = 1;
        else if (!strcmp(a, "--history"))
            q.with_revisions = 1;
        else if (!strcmp(a, "--since") || !strcmp(a, "--until")) {
            if ((rc = trp_time_parse(argv[++i], &now, &t, &ctx->err)))
                return trp_err_prefix(&ctx->err, "%s: ", a);
            if (a[2] == 's')
                q.has_since = 1, q.since = t.utc;
            else
                q.has_until = 1, q.until = t.utc;
        } else
            return cmd_usage(ctx, &cmd_export_entry, arena_printf(ctx->arena, "unexpected \"%s\"", a));
    }
    static const char *const export_formats[] = {"csv", "jsonl", "fhir", NULL};
    struct store_query any;
    store_query_init(&any);
    if (format && (rc = app_export_check(format, &any, &ctx->err)))
        return rc;
    /* A FHIR Bundle is JSON: -o NAME.json is its usual name. */
    size_t pl = out_path ? strlen(out_path) : 0;
    int fhir_json = format && !strcmp(format, "fhir") && pl > 5 && !strcmp(out_path + pl - 5, ".json");
    if (!fhir_json && (rc = out_format_check(out_path, export_formats, &format, &ctx->err)))
        return rc;
    if (!format)
        format = "csv";
    if ((rc = app_export_check(format, &q, &ctx->err)))
        return rc;
    struct store *s;
    struct atomic_file *af;
    if ((rc = cmd_store(ctx, &s)) ||
        (rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err)))
        return rc;
    struct file_sink fs = {af->f, 0};
    struct app_sink sink = {file_write, &fs};
    if ((rc = app_export(s, ctx->arena, format, &q, &sink, &ctx->err))) {
        atomic_file_abort(af);
        if (fs.errnum)
            trp_err_set(&ctx->err, TRP_EIO, "cannot write %s: %s",
                        atomic_file_is_stdout(out_path) ? "to standard output" : out_path,
                        strerror(fs.errnum));
        return rc;
    }
    return atomic_file_commit(af, &ctx->err);
}

const struct cmd_entry cmd_export_entry = {
    .name = "export",
    .usage = "[--format csv|jsonl|fhir] [--since TIME] [--until TIME] [--deleted] [--history] [-o FILE]",
    .summary = "Export the diary as CSV or JSON Lines (re-importable).",
    .help = "  -o FILE.jsonl implies --format jsonl; a name saying another format is refused.\n"
            "  --deleted  include deleted entries, marked \"deleted\": true (JSON Lines)\n"
            "  --history  include each entry's earlier versions, \"revisions\" (JSON Lines)\n"
            "  --format fhir  a FHIR R4 Bundle: Patient, pain as Observations (LOINC 72514-3)\n"
            "             with body sites, treatments as Procedures, the intake as a\n"
            "             QuestionnaireResponse; 'trp import' reads it back\n",
    .exec = cmd_export_exec,
};
