/*
 * `trp config flare [DEF|--reset]`: keeps a person's flare definition (core/recurrence.h)
 * in the database, so that `recurrences`, `analyze`, `chart` and `report` read the diary
 * the same way without --flare each time. Without DEF it shows the definition in force.
 */
#include <string.h>

#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/flares.h"
#include "core/recurrence.h"
#include "store/store.h"

static int show(struct cmd_ctx *ctx, struct store *s)
{
    const char *kept;
    int rc = store_setting_get(s, ctx->arena, FLARES_SETTING, &kept, &ctx->err);
    struct recurrence_config c;
    if (rc || (rc = flares_config(ctx, s, &c)))
        return rc;
    char spec[160], words[600];
    fprintf(ctx->out, "flare %s (%s)\n%s\n", recurrence_config_format(&c, spec, sizeof spec),
            kept ? "kept with 'trp config flare'" : "the default", recurrence_config_describe(&c, words, sizeof words));
    return 0;
}

static int cmd_config_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cmd_usage(ctx, &cmd_config_entry, "which setting? (flare)");
    if (strcmp(argv[1], "flare"))
        return cmd_usage(ctx, &cmd_config_entry, arena_printf(ctx->arena, "unknown setting \"%s\"", argv[1]));
    if (argc > 3)
        return cmd_usage(ctx, &cmd_config_entry, arena_printf(ctx->arena, "unexpected \"%s\"", argv[3]));
    struct store *s;
    int rc;
    if (argc == 2) {
        if ((rc = cmd_store(ctx, &s)))
            return rc;
        return show(ctx, s);
    }
    const char *spec = argv[2];
    struct recurrence_config c;
    recurrence_config_default(&c);
    if (strcmp(spec, "--reset") && (rc = recurrence_config_parse(spec, &c, &ctx->err)))
        return rc;
    struct trp_time now;
    if ((rc = trp_time_now(&now, &ctx->err)) || (rc = cmd_store(ctx, &s)))
        return rc;
    char canon[160];
    /* Kept in canonical form, so that a later change of defaults does not alter it. */
    const char *keep = strcmp(spec, "--reset") ? recurrence_config_format(&c, canon, sizeof canon) : NULL;
    rc = store_setting_put(s, FLARES_SETTING, keep, now.utc, &ctx->err);
    return rc ? rc : show(ctx, s);
}

const struct cmd_entry cmd_config_entry = {
    .name = "config",
    .usage = "flare [DEF|--reset]",
    .summary = "Keep your own flare definition (shown without DEF).",
    .help = "  trp config flare                 show the definition in force\n"
            "  trp config flare DEF             keep DEF, e.g. rise=1.5,floor=0,calm=1d or classic\n"
            "  trp config flare --reset         back to the default (adaptive)\n"
            "  DEF as for --flare (see 'trp help recurrences'). A --flare given to a command\n"
            "  overrides the kept one for that run.\n",
    .exec = cmd_config_exec,
};
