/*
 * `trp delete ID... [--purge]` and `trp restore ID...`. Delete only marks entries, so one
 * mistaken command never loses what a person wrote; restore brings them back. --purge is the
 * person's right to take back what they wrote: the entries and every earlier version go,
 * and the text is overwritten so that it is no longer in the database file. All the ids of
 * one command change together or not at all.
 */
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "store/store.h"

enum action { ACT_DELETE, ACT_RESTORE, ACT_PURGE };

/* Reads the ids (each once, in the order given) and --purge when allowed. */
static int parse_ids(struct cmd_ctx *ctx, const struct cmd_entry *self, int argc, char **argv,
                     int purge_allowed, int64_t **ids, size_t *n, int *purge)
{
    *ids = arena_zalloc(ctx->arena, (size_t)argc, sizeof **ids);
    *n = 0;
    *purge = 0;
    for (int i = 1; i < argc; i++) {
        if (purge_allowed && !strcmp(argv[i], "--purge")) {
            *purge = 1;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] && (argv[i][1] < '0' || argv[i][1] > '9'))
            return cmd_usage(ctx, self, arena_printf(ctx->arena, "unknown option %s", argv[i]));
        int64_t id;
        int rc = args_id(argv[i], &id, &ctx->err);
        if (rc)
            return rc;
        int seen = 0;
        for (size_t k = 0; k < *n; k++)
            seen |= (*ids)[k] == id;
        if (!seen)
            (*ids)[(*n)++] = id;
    }
    if (!*n)
        return cmd_usage(ctx, self, "give the ids of the entries (see 'trp list')");
    return 0;
}

static int apply(struct cmd_ctx *ctx, const struct cmd_entry *self, int argc, char **argv,
                 int restoring)
{
    int64_t *ids;
    size_t n;
    int purge;
    int rc = parse_ids(ctx, self, argc, argv, !restoring, &ids, &n, &purge);
    if (rc)
        return rc;
    enum action act = restoring ? ACT_RESTORE : purge ? ACT_PURGE : ACT_DELETE;
    struct store *s;
    if ((rc = cmd_store(ctx, &s)) || (rc = store_begin(s, &ctx->err)))
        return rc;
    /* A purged entry cannot be read afterwards: keep what it was for the confirmation. */
    struct entry *shown = arena_zalloc(ctx->arena, n, sizeof *shown);
    for (size_t i = 0; i < n && !rc; i++) {
        if (act == ACT_PURGE) {
            rc = store_entry_get(s, ctx->arena, ids[i], &shown[i], &ctx->err);
            if (!rc)
                rc = store_entry_purge(s, ids[i], &ctx->err);
        } else {
            rc = act == ACT_DELETE ? store_entry_delete(s, ids[i], &ctx->err)
                                   : store_entry_restore(s, ids[i], &ctx->err);
            if (!rc)
                rc = store_entry_get(s, ctx->arena, ids[i], &shown[i], &ctx->err);
        }
    }
    if (rc) {
        store_rollback(s);
        if (n > 1)
            trp_err_prefix(&ctx->err, "nothing changed: ");
        return rc;
    }
    if ((rc = store_commit(s, &ctx->err)))
        return rc;
    if (act == ACT_PURGE && (rc = store_scrub(s, &ctx->err)))
        return rc;
    static const char *const verb[] = {"deleted ", "restored ", "purged "};
    for (size_t i = 0; i < n; i++) {
        fputs(verb[act], ctx->out);
        entry_print_line(ctx, &shown[i]);
    }
    if (act == ACT_DELETE) {
        fputs("(undo with 'trp restore", ctx->out);
        for (size_t i = 0; i < n; i++)
            fprintf(ctx->out, " %lld", (long long)ids[i]);
        fputs("')\n", ctx->out);
    } else if (act == ACT_PURGE) {
        fputs("(gone for good, with every earlier version: the text is no longer in the "
              "database file)\n",
              ctx->out);
    }
    return 0;
}

static int cmd_delete_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    return apply(ctx, &cmd_delete_entry, argc, argv, 0);
}

static int cmd_restore_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    return apply(ctx, &cmd_restore_entry, argc, argv, 1);
}

const struct cmd_entry cmd_delete_entry = {
    .name = "delete",
    .usage = "ID... [--purge]",
    .summary = "Delete entries (they stay restorable), or purge them for good.",
    .help = "  The entries are hidden from lists, exports and analysis; 'trp list --deleted'\n"
            "  shows deleted entries and 'trp restore ID...' brings them back.\n"
            "  --purge  remove the entries and every earlier version of them for good: their\n"
            "           text is overwritten and no longer in the database file. No undo.\n"
            "  All the ids change together, or none if one of them cannot.\n",
    .exec = cmd_delete_exec,
};

const struct cmd_entry cmd_restore_entry = {
    .name = "restore",
    .usage = "ID...",
    .summary = "Bring back deleted entries.",
    .help = "",
    .exec = cmd_restore_exec,
};
