/*
 * `trp edit ID OPTIONS...`: change fields of an entry with the same options as `trp log`.
 * The previous version is kept in the store's revision table, so an edit can be undone by
 * hand and nothing typed is lost.
 */
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "cmd/log.h"
#include "store/store.h"

static int cmd_edit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cmd_usage(ctx, &cmd_edit_entry, "give the entry id (see 'trp list')");
    int64_t id;
    int rc = args_id(argv[1], &id, &ctx->err);
    if (rc)
        return rc;
    struct store *s;
    struct entry e;
    if ((rc = cmd_store(ctx, &s)) || (rc = store_entry_get(s, ctx->arena, id, &e, &ctx->err)))
        return rc;
    if (e.deleted_at)
        return trp_err_set(&ctx->err, TRP_ECONFLICT,
                           "entry %lld is deleted; restore it first with 'trp restore %lld'",
                           (long long)id, (long long)id);
    /* --region and --quality replace the old lists rather than adding to them. */
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "--region", 8) == 0)
            e.n_regions = 0;
        if (strncmp(argv[i], "--quality", 9) == 0)
            e.n_qualities = 0;
        /* A hand-given hold or pass count replaces what a guided session recorded pass by
         * pass (that record stays in the revision history), rather than contradicting it. */
        if (strncmp(argv[i], "--hold", 6) == 0 || strncmp(argv[i], "--passes", 8) == 0) {
            e.treat.per_pass = NULL;
            e.treat.n_per_pass = 0;
        }
    }
    /* argv[1] (the id) stands where `log` has the kind word. */
    int json = 0;
    if ((rc = cmd_log_fill(ctx, &cmd_edit_entry, e.kind, argc - 1, argv + 1, &e, &json)))
        return rc;
    if ((rc = store_entry_update(s, &e, &ctx->err)))
        return rc;
    if (json)
        return entry_print_json(ctx, &e);
    fputs("updated ", ctx->out);
    entry_print_line(ctx, &e);
    return 0;
}

const struct cmd_entry cmd_edit_entry = {
    .name = "edit",
    .usage = "ID [VALUES...] [OPTIONS...]",
    .summary = "Change an entry; takes the same values and options as 'trp log'.",
    .help = "  trp edit 12 7                 pain entry 12 becomes 7\n"
            "  trp edit 12 --region \"left temple\" --at \"today 08:00\"\n"
            "  trp edit 15 \"computer work\" 2h30m\n"
            "  The previous version is kept in the database's revision history.\n",
    .exec = cmd_edit_exec,
};
