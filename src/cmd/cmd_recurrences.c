/*
 * `trp recurrences [--since T] [--json]`: the flare-ups found in the pain diary, with the
 * definition used (core/recurrence.h).
 */
#include <jansson.h>
#include <string.h>

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
        } else
            return cmd_usage(ctx, &cmd_recurrences_entry, arena_printf(ctx->arena, "unexpected \"%s\"", argv[i]));
    }
    struct recurrence_config c;
    recurrence_config_default(&c);
    struct store *s;
    struct flares f;
    if ((rc = cmd_store(ctx, &s)) || (rc = flares_load(ctx, s, &q, &c, &f)))
        return rc;
    if (json) {
        json_t *o = json_object(), *arr = json_array();
        for (size_t i = 0; i < f.n; i++) {
            char when[TRP_TIME_BUF];
            json_array_append_new(arr, json_pack("{s:s,s:f,s:i,s:f,s:b,s:b}", "onset",
                                                 trp_time_format(&f.items[i].onset, when), "peak",
                                                 f.items[i].peak, "days", f.items[i].days, "baseline",
                                                 f.items[i].baseline, "manual", f.items[i].manual,
                                                 "ongoing", f.items[i].ongoing));
        }
        json_object_set_new(o, "recurrences", arr);
        json_object_set_new(o, "definition",
                            json_pack("{s:i,s:f,s:f,s:i,s:i,s:f,s:s}", "baseline_days", c.baseline_days,
                                      "rise", c.rise, "min_level", c.min_level, "sustain_minutes",
                                      c.sustain_minutes, "quiet_days", c.quiet_days, "end_margin",
                                      c.end_margin, "source", "after Suri et al., Spine 2018"));
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
        return 0;
    }
    if (!f.n) {
        fprintf(ctx->out, "No flare-ups found in %zu pain ratings.\n", f.n_ratings);
    } else {
        fprintf(ctx->out, "%zu flare-up(s):\n", f.n);
        for (size_t i = 0; i < f.n; i++) {
            int y, mo, d, h, mi;
            trp_time_local(&f.items[i].onset, &y, &mo, &d, &h, &mi, NULL, NULL);
            fprintf(ctx->out, "  %04d-%02d-%02d %02d:%02d  peak %.0f (usual %.1f)  %d day(s)%s%s\n", y, mo, d,
                    h, mi, f.items[i].peak, f.items[i].baseline, f.items[i].days,
                    f.items[i].ongoing ? ", still going" : "", f.items[i].manual ? ", marked by you" : "");
        }
    }
    fprintf(ctx->out, "A flare-up: pain at least %.0f points above your usual level (median of the previous %d "
                      "days, leaving out earlier flare-ups) and at least %.0f/10, still that high %d+ hours "
                      "later, after at least %d day%s back at the usual level%s (after Suri et al., Spine "
                      "2018). Mark one yourself with 'trp log pain N --flare'.\n",
            c.rise, c.baseline_days, c.min_level, c.sustain_minutes / 60, c.quiet_days, c.quiet_days == 1 ? "" : "s",
            c.quiet_days > 1 ? "; a rise sooner than that counts as the same flare-up going on" : "");
    return 0;
}

const struct cmd_entry cmd_recurrences_entry = {
    .name = "recurrences",
    .usage = "[--since TIME] [--json]",
    .summary = "Flare-ups found in your pain diary: onset, peak and duration.",
    .help = "",
    .exec = cmd_recurrences_exec,
};
