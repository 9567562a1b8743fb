/*
 * `trp erase --all`: the whole diary gone for good (entries, their history, intakes, plans),
 * the file rebuilt so none of it remains on its pages. Because nothing can undo it, the
 * person types a phrase to confirm; scripts say so with --yes-erase-everything, a flag long
 * enough that nobody types it by accident.
 */
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/prompt.h"
#include "store/store.h"

#define ERASE_PHRASE "erase everything"

static int cmd_erase_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int all = 0, yes = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--all"))
            all = 1;
        else if (!strcmp(argv[i], "--yes-erase-everything"))
            yes = 1;
        else
            return cmd_usage(ctx, &cmd_erase_entry,
                             arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!all)
        return cmd_usage(ctx, &cmd_erase_entry,
                         "say --all to erase the whole diary (one entry: 'trp delete ID --purge')");
    struct store *s;
    int rc = cmd_store(ctx, &s);
    if (rc)
        return rc;
    if (!yes) {
        struct store_query q;
        store_query_init(&q);
        q.include_deleted = 1;
        int64_t count = 0;
        if ((rc = store_entry_count(s, &q, &count, &ctx->err)))
            return rc;
        fprintf(ctx->out,
                "This removes %s %lld %s of %s, their history, intakes and plans for "
                "good. Nothing can bring them back (keep an export if you may want them).\n",
                count == 1 ? "the" : "all", (long long)count, count == 1 ? "entry" : "entries",
                store_label(s));
        char *answer = NULL;
        rc = prompt_line(ctx, "Type \"" ERASE_PHRASE "\" to go on:", NULL, &answer);
        if (rc || strcmp(answer, ERASE_PHRASE) != 0)
            return trp_err_set(&ctx->err, TRP_ECONFLICT, "not confirmed: nothing was erased");
    }
    int64_t erased = 0;
    if ((rc = store_erase_all(s, &erased, &ctx->err)))
        return rc;
    fprintf(ctx->out, "erased %lld %s, with their history, intakes and plans\n",
            (long long)erased, erased == 1 ? "entry" : "entries");
    return 0;
}

const struct cmd_entry cmd_erase_entry = {
    .name = "erase",
    .usage = "--all [--yes-erase-everything]",
    .summary = "Erase the whole diary for good, after a typed confirmation.",
    .help = "  Removes every entry, earlier version, intake and plan and rebuilds the database\n"
            "  file so that none of it remains there. Asks you to type \"" ERASE_PHRASE "\";\n"
            "  --yes-erase-everything skips the question (for scripts).\n",
    .exec = cmd_erase_exec,
};
