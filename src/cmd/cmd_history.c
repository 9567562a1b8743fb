/*
 * `trp history ID`: every version of an entry, oldest first, with when each was replaced,
 * then the entry as it is now. `trp edit` keeps the earlier versions so that a mistaken
 * edit loses nothing; this is where a person sees them.
 */
#include <time.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "store/store.h"

/* "2026-03-10 12:05" in the local time zone. */
static void print_local(struct cmd_ctx *ctx, int64_t utc)
{
    time_t t = (time_t)utc;
    struct tm tm;
    char buf[32] = "?";
    if (localtime_r(&t, &tm))
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    fputs(buf, ctx->out);
}

static int cmd_history_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cmd_usage(ctx, &cmd_history_entry, "give one entry id (see 'trp list')");
    int64_t id;
    int rc = args_id(argv[1], &id, &ctx->err);
    if (rc)
        return rc;
    struct store *s;
    struct entry cur;
    struct store_revision *revs;
    size_t n;
    if ((rc = cmd_store(ctx, &s)) || (rc = store_entry_get(s, ctx->arena, id, &cur, &ctx->err)) ||
        (rc = store_entry_history(s, ctx->arena, id, &revs, &n, &ctx->err)))
        return rc;
    if (n == 0)
        fprintf(ctx->out, "entry %lld was never edited\n", (long long)id);
    for (size_t i = 0; i < n; i++) {
        fprintf(ctx->out, "version %zu, replaced ", i + 1);
        print_local(ctx, revs[i].revised_at);
        fputs(":\n  ", ctx->out);
        entry_print_line(ctx, &revs[i].previous);
    }
    fputs(cur.deleted_at ? "now (deleted):\n  " : "now:\n  ", ctx->out);
    entry_print_line(ctx, &cur);
    return 0;
}

const struct cmd_entry cmd_history_entry = {
    .name = "history",
    .usage = "ID",
    .summary = "Show every version of an entry, oldest first.",
    .help = "  'trp edit' keeps each earlier version; 'trp delete ID --purge' removes them.\n",
    .exec = cmd_history_exec,
};
