/*
 * `trp analyze [--since T] [--json]`: which tasks and factors may be keeping the pain going
 * (core/analysis.h). The text leads with absolute counts, then the ratio with its range, a
 * plain verdict and a suggested next step; with too little data it says how much more to
 * log.
 */
#include <math.h>
#include <string.h>

#include "app/analyze.h"
#include "base/termsafe.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/flares.h"
#include "core/analysis.h"
#include "store/store.h"

static const char *lag_words(int lag)
{
    return analysis_lag_words(lag);
}

/* "5 of 6 flares followed a day with 4.0 h or more of computer work; other days had that
 * 30% of the time." */
static void print_suspects(FILE *out, const struct analysis_result *r)
{
    if (!r->n_suspects)
        return;
    fputs("\nSuspects so far (plain counts, not yet evidence):\n", out);
    for (size_t i = 0; i < r->n_suspects; i++) {
        const struct analysis_suspect *u = &r->suspects[i];
        static const char *const how[] = {"came on a day with", "followed a day with", "came 2-3 days after days with"};
        char what[160];
        if (u->kind == ANALYSIS_TASK)
            snprintf(what, sizeof what, "%.1f h or more of %s", u->threshold, u->name);
        else if (u->kind == ANALYSIS_TREATMENT)
            snprintf(what, sizeof what, "%s", u->name);
        else
            snprintf(what, sizeof what, "%s at %.1f or more", u->name, u->threshold);
        fprintf(out, "- %d of %d flares %s %s%s; other days had that %.0f%% of the time.", u->flares_exposed, u->flares,
                how[u->lag < 3 ? u->lag : 2], what, u->lag == 0 ? " before it began" : "", 100 * u->other_share);
        if (u->flares_to_settle > 0)
            fprintf(out, " About %d more flare%s would settle it, if this held.\n", u->flares_to_settle,
                    u->flares_to_settle == 1 ? "" : "s");
        else
            fputs(" Enough flares to test it.\n", out);
    }
}

static void print_factor(FILE *out, const struct analysis_factor *f)
{
    if (f->kind == ANALYSIS_TASK)
        fprintf(out, "- %s (%s): after %d day%s with %.1f h or more, a flare followed %d time%s.\n", f->name,
                lag_words(f->lag), f->days_exposed, f->days_exposed == 1 ? "" : "s", f->threshold,
                f->events_exposed, f->events_exposed == 1 ? "" : "s");
    else
        fprintf(out, "- %s (%s): on %d day%s at %.1f or more, a flare followed %d time%s.\n", f->name,
                lag_words(f->lag), f->days_exposed, f->days_exposed == 1 ? "" : "s", f->threshold,
                f->events_exposed, f->events_exposed == 1 ? "" : "s");
    if (!analysis_estimable(f->odds_ratio, f->ci_lo, f->ci_hi)) {
        fputs("  Odds of a flare: not estimable yet (too few flares with and without it).\n", out);
    } else {
        fprintf(out, "  Odds of a flare x%.2f per %s (95%% range %.2f to %.2f), p = %.3f, q = %.3f.\n",
                f->odds_ratio, f->unit, f->ci_lo, f->ci_hi, f->p, f->q);
        /* Per hour overstates a task that never lasts an hour: also say it for a usual day. */
        if (f->kind == ANALYSIS_TASK && f->threshold > 0 && f->threshold < 1)
            fprintf(out, "  For a usual day's %.0f min: x%.2f (95%% range %.2f to %.2f).\n", f->threshold * 60,
                    pow(f->odds_ratio, f->threshold), pow(f->ci_lo, f->threshold), pow(f->ci_hi, f->threshold));
    }
    switch (f->verdict) {
    case VERDICT_LIKELY:
        fprintf(out, "  Verdict: LIKELY %s the risk. Next step: %s\n", f->raises ? "raises" : "lowers",
                f->raises ? "change this task (shorter spells, breaks, set-up), or test it: alternate weeks with and "
                            "without it and compare."
                          : "keep it up.");
        break;
    case VERDICT_POSSIBLE:
        if (f->explained_by)
            fprintf(out, "  Verdict: possibly, but it goes together with %s in your diary, and fitted side\n"
                         "  by side %s carries the link better. Next step: look at %s first.\n",
                    f->explained_by, f->explained_by, f->explained_by);
        else if (f->raises)
            fputs("  Verdict: possibly raises the risk (not certain after allowing for the many things tested).\n"
                  "  Next step: test it on alternate weeks rather than avoiding it outright.\n",
                  out);
        else
            fputs("  Verdict: possibly lowers the risk (never more than possible: resting, self-treatment\n"
                  "  or doing less after a flare can look protective in a diary).\n"
                  "  Next step: keep doing it; it may be helping.\n",
                  out);
        break;
    case VERDICT_NO_EVIDENCE:
        fputs("  Verdict: no evidence either way yet (which is not proof of no effect).\n", out);
        break;
    default:
        fputs("  Verdict: not enough data yet.\n", out);
        break;
    }
}

static int cmd_analyze_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int json = 0, all = 0, rc;
    struct store_query q;
    store_query_init(&q);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--all"))
            all = 1;
        else if (!strcmp(argv[i], "--since") && i + 1 < argc) {
            if ((rc = cmd_parse_time(ctx, "--since", argv[++i], &q.since)))
                return rc;
            q.has_since = 1;
        } else if (!strcmp(argv[i], "--flare") && i + 1 < argc) {
            if ((rc = flares_option(ctx, argv[++i])))
                return rc;
        } else
            return cmd_usage(ctx, &cmd_analyze_entry, arena_printf(ctx->arena, "unexpected \"%s\"", argv[i]));
    }
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    struct app_analysis an;
    if ((rc = app_analyze(s, ctx->arena, ctx->flare_spec, &q, &an, &ctx->err)))
        return rc;
    if (json)
        return cmd_print_json(ctx, app_analyze_json(&an), APP_ANALYZE_FLAGS, "analysis");
    struct analysis_result r = an.r;
    const struct analysis_config c = an.c;
    int64_t n_med = an.n_medication;
    const char *med_note = "Medication entries are left out of this comparison: people take "
                           "medication because of pain, so it would look like a trigger.";
    /* Task and factor names are what people typed: terminal-safe from here on. */
    for (size_t i = 0; i < r.n_factors; i++) {
        r.factors[i].name = termsafe(ctx->arena, r.factors[i].name);
        r.factors[i].explained_by = termsafe(ctx->arena, r.factors[i].explained_by);
    }
    for (size_t i = 0; i < r.n_multi; i++)
        r.multi[i].name = termsafe(ctx->arena, r.multi[i].name);
    for (size_t i = 0; i < r.n_suspects; i++)
        r.suspects[i].name = termsafe(ctx->arena, r.suspects[i].name);
    FILE *out = ctx->out;
    fprintf(out, "%zu diary day%s, %d flare-up%s", r.n_days, r.n_days == 1 ? "" : "s", r.n_flares,
            r.n_flares == 1 ? "" : "s");
    if (r.n_cases < r.n_flares && c.exclude_after)
        fprintf(out, "; %d compared (%d began within %d days of the one before, when days are not\n"
                     "comparable)",
                r.n_cases, r.n_flares - r.n_cases, c.exclude_after);
    else if (r.n_cases < r.n_flares)
        fprintf(out, "; %d compared (%d began before the one before was over, when days are not\n"
                     "comparable)",
                r.n_cases, r.n_flares - r.n_cases);
    fputs(".\n", out);
    if (n_med)
        fprintf(out, "%s\n", med_note);
    /* Eight years and no flare is more likely a definition that does not fit this diary
     * than a person who never flares: say so, and where to look. */
    if (an.definition_may_not_fit)
        fprintf(out, "Only %d flare-up%s in %zu days: the flare definition may not fit your diary. 'trp "
                     "recurrences' shows what a relative rise would find; try --flare rise=20%%,min=0.1 or keep "
                     "your own with 'trp config flare'.\n",
                r.n_flares, r.n_flares == 1 ? "" : "s", r.n_days);
    if (r.n_cases < c.min_flares) {
        fprintf(out, "Not enough data yet: trp needs at least %d flare-ups to compare days before flares with "
                     "other days, and about %d to find a doubling of risk. Keep logging pain, tasks and sleep",
                c.min_flares, c.target_flares);
        if (isfinite(r.weeks_needed))
            fprintf(out, " (about %.0f more weeks at your current rate)", r.weeks_needed);
        fputs(". This is not evidence that nothing matters.\n", out);
        print_suspects(out, &r);
        return 0;
    }
    size_t shown = 0;
    fputs("\nWhat may be keeping the pain going (days before flare-ups compared with other days in the\n"
          "same four weeks; case-crossover, Firth-penalised conditional logistic regression):\n\n",
          out);
    for (size_t i = 0; i < r.n_factors; i++) {
        const struct analysis_factor *f = &r.factors[i];
        if (!all && f->verdict < VERDICT_POSSIBLE)
            continue;
        print_factor(out, f);
        shown++;
    }
    if (!shown) {
        fputs("Nothing stands out yet. With more flare-ups logged, smaller effects become visible.\n", out);
        print_suspects(out, &r);
    }
    if (r.n_multi) {
        fputs("\nThe leading candidates fitted together (each adjusted for the others):\n", out);
        for (size_t i = 0; i < r.n_multi; i++)
            if (analysis_estimable(r.multi[i].odds_ratio, r.multi[i].ci_lo, r.multi[i].ci_hi))
                fprintf(out, "  %s (%s): x%.2f per %s (95%% range %.2f to %.2f)\n", r.multi[i].name,
                        lag_words(r.multi[i].lag), r.multi[i].odds_ratio, r.multi[i].unit, r.multi[i].ci_lo,
                        r.multi[i].ci_hi);
            else
                fprintf(out, "  %s (%s): not estimable yet\n", r.multi[i].name, lag_words(r.multi[i].lag));
    }
    if (r.flares_needed)
        fprintf(out, "\nWith %d flare-ups only strong effects (odds ratios near 5) can show; about %d more would "
                     "make the picture much clearer.\n",
                r.n_flares, r.flares_needed);
    fprintf(out, "\n%zu exposure-and-lag estimates in all ('trp analyze --all' lists them), one test per exposure "
                 "across its lags; 'likely' survives a false discovery rate of %.0f%%. Associations, not proof: talk them "
                 "over with your therapist.\n",
            r.n_factors, 100 * c.fdr);
    return 0;
}

const struct cmd_entry cmd_analyze_entry = {
    .name = "analyze",
    .usage = "[--since TIME] [--flare DEF] [--all] [--json]",
    .summary = "Which tasks and factors may be keeping the pain going.",
    .help = "  Compares the days before each flare-up with other days in the same four-week\n"
            "  block (time-stratified case-crossover), for every task, factor and self-care\n"
            "  activity at lags of 0, 1 and 2-3 days (tasks also the build-up over the 7 and\n"
            "  14 days before), adjusting for weekends and last night's sleep. Each exposure\n"
            "  is tested once across its lags and the strongest lag is reported. Verdicts: likely\n"
            "  (survives 8% false discovery control over exposures and still holds when\n"
            "  refitted with the other likely ones and with what it goes together with),\n"
            "  possible, no-evidence, not-enough-data. An odds ratio whose 95% range spans\n"
            "  more than a factor of 100 is 'not estimable yet'. With few flares, 'suspects\n"
            "  so far' gives plain counts and how many more flares would settle each.\n"
            "  Medication entries are left out (people take medication because of pain).\n"
            "  --flare DEF   the flare definition (see 'trp help recurrences').\n",
    .exec = cmd_analyze_exec,
};
