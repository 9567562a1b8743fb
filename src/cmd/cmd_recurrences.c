/*
 * `trp recurrences [--since T] [--flare DEF] [--json]`: the flare-ups found in the pain diary, with the
 * definition used (core/recurrence.h).
 */
#include <string.h>

#include "app/recurrences.h"
#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/flares.h"

static int cmd_recurrences_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int json = 0, rc;
    struct store_query q;
    store_query_init(&q);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--since") && i + 1 < argc) {
            if ((rc = cmd_parse_time(ctx, "--since", argv[++i], &q.since)))
                return rc;
            q.has_since = 1;
        } else if (!strcmp(argv[i], "--flare") && i + 1 < argc) {
            if ((rc = flares_option(ctx, argv[++i])))
                return rc;
        } else
            return cmd_usage(ctx, &cmd_recurrences_entry, arena_printf(ctx->arena, "unexpected \"%s\"", argv[i]));
    }
    struct recurrence_config c;
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    if (json) {
        json_t *o;
        rc = app_recurrences(s, ctx->arena, &q, ctx->flare_spec, &o, &ctx->err);
        return rc ? rc : cmd_print_json(ctx, o, APP_RECURRENCES_FLAGS, "flare-ups");
    }
    struct app_flares f;
    if ((rc = flares_config(ctx, s, &c)) || (rc = flares_load(ctx, s, &q, &c, &f)))
        return rc;
    char words[600];
    recurrence_config_describe(&c, words, sizeof words);
    if (!f.n) {
        fprintf(ctx->out, "No flare-ups found in %zu pain ratings.\n", f.n_ratings);
    } else {
        fprintf(ctx->out, "%zu flare-up%s:\n", f.n, f.n == 1 ? "" : "s");
        int dp = f.decimals ? 1 : 0;
        for (size_t i = 0; i < f.n; i++) {
            int y, mo, d, h, mi;
            trp_time_local(&f.items[i].onset, &y, &mo, &d, &h, &mi, NULL, NULL);
            fprintf(ctx->out, "  %04d-%02d-%02d %02d:%02d  peak %.*f (usual %.1f, rise %.1f)  %d day%s%s%s\n", y,
                    mo, d, h, mi, dp, f.items[i].peak, f.items[i].baseline, f.items[i].rise, f.items[i].days,
                    f.items[i].days == 1 ? "" : "s", f.items[i].ongoing ? ", still going" : "",
                    f.items[i].manual ? ", marked by you" : "");
        }
    }
    fprintf(ctx->out, "%s Mark one yourself with 'trp log pain N --flare'; change the definition with --flare or "
                      "'trp config flare'.\n",
            words);
    if (f.n_relative || f.n_half)
        fprintf(ctx->out,
                "Only %zu flare-up%s in %zu days: this definition may not fit your diary. A rise of 20%% above "
                "your usual level would find %zu (--flare rise=20%%,min=0.1); half the rise would find %zu.\n",
                f.n, f.n == 1 ? "" : "s", f.n_days, f.n_relative, f.n_half);
    return 0;
}

const struct cmd_entry cmd_recurrences_entry = {
    .name = "recurrences",
    .usage = "[--since TIME] [--flare DEF] [--json]",
    .summary = "Flare-ups found in your pain diary: onset, peak and duration.",
    .help = "  A flare-up is pain distinctly above your usual level for a couple of hours\n"
            "  (after Suri et al., Spine 2018). By default the rise that counts adapts to you:\n"
            "  twice your usual day-to-day spread, at least 1 point, with no fixed level,\n"
            "  and raised long enough to stand clear of your day-to-day ups and downs.\n"
            "  --flare DEF   another definition for this run: a preset (adaptive, classic:\n"
            "                2 points and 4/10) and/or settings, e.g. rise=1.5,floor=0,calm=1d.\n"
            "                rise=auto|POINTS|PERCENT%  k=SPREADS  min=POINTS  floor=LEVEL\n"
            "                calm=0|6h|1d (before a new flare-up)  hold=2h (still raised)\n"
            "                z=2.5 (how clear of day-to-day noise, in standard errors; 0: none)\n"
            "                window=DAYS (the usual level). 'trp config flare DEF' keeps one.\n",
    .exec = cmd_recurrences_exec,
};
