/*
 * `trp delete ID` and `trp restore ID`. Delete only marks an entry, so one mistaken command
 * never loses what a person wrote; restore brings it back.
 */
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "store/store.h"

static int delete_or_restore(struct cmd_ctx *ctx, const struct cmd_entry *self, int argc,
                             char **argv, int deleting)
{
    if (argc != 2)
        return cmd_usage(ctx, self, "give one entry id (see 'trp list')");
    int64_t id;
    int rc = args_id(argv[1], &id, &ctx->err);
    if (rc)
        return rc;
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    rc = deleting ? store_entry_delete(s, id, &ctx->err) : store_entry_restore(s, id, &ctx->err);
    if (rc)
        return rc;
    struct entry e;
    if ((rc = store_entry_get(s, ctx->arena, id, &e, &ctx->err)))
        return rc;
    fputs(deleting ? "deleted " : "restored ", ctx->out);
    entry_print_line(ctx, &e);
    if (deleting)
        fprintf(ctx->out, "(undo with 'trp restore %lld')\n", (long long)id);
    return 0;
}

static int cmd_delete_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    return delete_or_restore(ctx, &cmd_delete_entry, argc, argv, 1);
}

static int cmd_restore_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    return delete_or_restore(ctx, &cmd_restore_entry, argc, argv, 0);
}

const struct cmd_entry cmd_delete_entry = {
    .name = "delete",
    .usage = "ID",
    .summary = "Delete an entry (it stays restorable).",
    .help = "  The entry is hidden from lists, exports and analysis; 'trp list --deleted'\n"
            "  shows deleted entries and 'trp restore ID' brings one back.\n",
    .exec = cmd_delete_exec,
};

const struct cmd_entry cmd_restore_entry = {
    .name = "restore",
    .usage = "ID",
    .summary = "Bring back a deleted entry.",
    .help = "",
    .exec = cmd_restore_exec,
};
