/*
 * `trp export [--format csv|jsonl] [--since T] [--until T] [-o FILE]`: the diary in the
 * import format. -o writes through base/atomic_file (private, complete or not at all).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/out_format.h"
#include "core/entry_json.h"
#include "io/diary_csv.h"
#include "store/store.h"

struct export_state {
    FILE *f;
    int jsonl;
    struct strbuf sb;
    int failed;
};

static int export_one(const struct entry *e, void *data)
{
    struct export_state *st = data;
    if (st->jsonl) {
        char *line = entry_json_encode(e);
        strbuf_adds(&st->sb, line);
        strbuf_addc(&st->sb, '\n');
        free(line);
    } else {
        diary_csv_write_entry(&st->sb, e);
    }
    if (st->sb.len > (1 << 20)) {
        if (fwrite(st->sb.buf, 1, st->sb.len, st->f) != st->sb.len)
            return st->failed = errno ? errno : EIO;
        strbuf_reset(&st->sb);
    }
    return 0;
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
    static const char *const export_formats[] = {"csv", "jsonl", NULL};
    if (format && strcmp(format, "csv") && strcmp(format, "jsonl"))
        return trp_err_set(&ctx->err, TRP_EUSAGE, "--format must be csv or jsonl");
    if ((rc = out_format_check(out_path, export_formats, &format, &ctx->err)))
        return rc;
    if (!format)
        format = "csv";
    /* CSV has no column for them: importing would bring deleted entries back as live. */
    if ((q.include_deleted || q.with_revisions) && strcmp(format, "jsonl"))
        return trp_err_set(&ctx->err, TRP_EUSAGE, "--deleted and --history need --format jsonl");
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    struct atomic_file *af;
    if ((rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err)))
        return rc;
    struct export_state st = {af->f, !strcmp(format, "jsonl"), {0}, 0};
    strbuf_init(&st.sb, 1 << 24);
    if (!st.jsonl)
        diary_csv_write_header(&st.sb);
    rc = store_entry_each(s, &q, export_one, &st, &ctx->err);
    if (!rc && st.sb.len && fwrite(st.sb.buf, 1, st.sb.len, st.f) != st.sb.len)
        st.failed = errno ? errno : EIO;
    strbuf_release(&st.sb);
    if (rc) {
        atomic_file_abort(af);
        return rc;
    }
    if (st.failed) {
        atomic_file_abort(af);
        return trp_err_set(&ctx->err, TRP_EIO, "cannot write %s: %s",
                           atomic_file_is_stdout(out_path) ? "to standard output" : out_path,
                           strerror(st.failed));
    }
    return atomic_file_commit(af, &ctx->err);
}

const struct cmd_entry cmd_export_entry = {
    .name = "export",
    .usage = "[--format csv|jsonl] [--since TIME] [--until TIME] [--deleted] [--history] [-o FILE]",
    .summary = "Export the diary as CSV or JSON Lines (re-importable).",
    .help = "  -o FILE.jsonl implies --format jsonl; a name saying another format is refused.\n"
            "  --deleted  include deleted entries, marked \"deleted\": true (JSON Lines)\n"
            "  --history  include each entry's earlier versions, \"revisions\" (JSON Lines)\n",
    .exec = cmd_export_exec,
};
