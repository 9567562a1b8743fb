/*
 * Finding perpetuating factors (Gerwin, Acupunct Med 2005): a time-stratified case-crossover
 * within one person. Case days are flare onsets (core/recurrence.h). Referent days are the
 * other diary days in the same 28-day calendar block (Janes, Sheppard & Lumley 2005), minus
 * days inside a flare (so that what a flare makes a person stop doing is not read as
 * protective; once pain is back at the usual level, a new flare can begin, and those days
 * count again). For every candidate exposure (each task in hours, each
 * factor in its own unit, self-treatment in sessions) and each pre-specified lag (the same
 * day before the onset: a task's minutes before it, taking a task's time as when it ended;
 * on referent days the same part of the day, up to the block's median onset time; the
 * previous day; the mean of days 2-3; the build-up, the mean daily load over the previous 7
 * and 14 days) a Firth-penalised conditional logistic model, adjusted for weekend and the
 * previous night's sleep when sleep is logged and goes with the flares (p < 0.25 in its own
 * model), gives an odds ratio with a profile-likelihood
 * interval and a penalised likelihood ratio p-value. Each exposure is tested once across
 * its lags (its best lag's p corrected for the effective number of lags) and
 * Benjamini-Hochberg controls false discoveries across exposures. The survivors are then
 * refitted together and pruned by backward elimination: an exposure that is no longer
 * significant (p < 0.05) next to the others is demoted to "possible", with the exposure it
 * travels with named, because a task done alongside a harmful one (phone calls during
 * computer work) inherits its association. With few flares the verdict is "not enough data
 * yet", never "no effect", and "suspects so far" gives plain counts.
 */
#ifndef TRP_CORE_ANALYSIS_H
#define TRP_CORE_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/entry.h"
#include "core/recurrence.h"
#include "stats/clogit.h"

enum analysis_kind { ANALYSIS_TASK, ANALYSIS_FACTOR, ANALYSIS_TREATMENT };

/* Lags: 0 the same day before the onset, 1 the day before, 2 the mean of days 2-3, and the
 * build-up over the previous 7 and 14 days (mean load per day). */
enum { LAG_SAME_DAY = 0, LAG_DAY_BEFORE = 1, LAG_DAYS_2_3 = 2, LAG_WEEK = 3, LAG_FORTNIGHT = 4, LAG_COUNT = 5 };
enum analysis_verdict { VERDICT_NOT_ENOUGH = 0, VERDICT_NO_EVIDENCE, VERDICT_POSSIBLE, VERDICT_LIKELY };

struct analysis_config {
    int block_days;         /* 28 */
    int exclude_after;      /* 0: days after a flare's end left out as well (issue 4: 2) */
    int min_flares;         /* 5: fewer is "not enough data yet" */
    int target_flares;      /* 15: what "enough" looks like (odds ratios near 5 detectable) */
    int min_exposed_events; /* 2 */
    double fdr;             /* 1/12 (issue 4: 0.05) */
    int firth;              /* 1 */
    int adjust;             /* 1: adjust for weekend and last night's sleep (the latter when
                               its own model has p < 0.25) */
    int use_fdr;            /* 1: "likely" needs q < fdr; 0: p < 0.05 (the plain baseline) */
    int confirm;            /* 1: "likely" must also hold when refitted with the other likely ones */
    int buildup;            /* 1: also the load over the previous 7 and 14 days */
    int per_exposure;       /* 1: one test per exposure across its lags (min-p corrected for
                               the effective number of lags, Li & Ji 2005), BH over exposures;
                               2: the same with Simes' combination; 0: BH over every
                               exposure-and-lag test */
    double weekend_prior_sd; /* 0.56: prior on the weekend log odds ratio, 95% within x1/3 to x3;
                                0 for a flat prior */
    struct recurrence_config flare;
    /* For benchmarks: called with each exposure-and-lag model just before it is fitted
     * (column 0 is the exposure), so other software can be timed on the same models. */
    void (*model_tap)(void *ctx, const char *name, int lag, const struct clogit_data *d);
    void *model_tap_ctx;
    int threads;            /* 0: one per core (results do not depend on it) */
};
void analysis_config_default(struct analysis_config *c);

struct analysis_factor {
    const char *name;
    enum analysis_kind kind;
    int lag;                /* LAG_* */
    double odds_ratio, ci_lo, ci_hi, p, q;
    const char *unit;       /* "hour", "session", or the factor's unit */
    double threshold;       /* exposure level used for the counts (in the unit) */
    int days_exposed, events_exposed;
    enum analysis_verdict verdict;
    int raises;
    int best_lag;           /* the exposure's lowest p among its testable lags */
    int adjusted_sleep;
    /* Set when a "likely" finding lost its significance once refitted together with the
     * other likely ones: the exposure that goes with it in the diary (demoted to "possible"). */
    const char *explained_by;
};

/* Before verdicts are possible (or when nothing stands out): what flares have gone with so
 * far, in plain counts, ranked by a one-sided binomial tail probability of that many
 * exposed flares given how often other days were exposed. Not evidence: a ranking. */
struct analysis_suspect {
    const char *name;
    enum analysis_kind kind;
    int lag;
    const char *unit;
    double threshold;       /* "X or more" */
    int flares, flares_exposed;
    double other_share;     /* share of the other eligible days with X or more */
    double p_tail;          /* P(at least flares_exposed of flares | other_share) */
    int flares_to_settle;   /* more flares for 80% power at the Bonferroni level over the
                               exposures, if the shares stayed as they are; -1 unknown */
};

struct analysis_result {
    size_t n_days, n_eligible;
    int n_flares;
    int n_cases;                       /* flares used as cases: not inside or just after another */
    struct recurrence *flares;
    size_t n_factors;
    struct analysis_factor *factors;   /* sorted by p */
    size_t n_multi;
    struct analysis_factor *multi;     /* leading candidates refitted together (the confirmed
                                          likely ones, topped up with p < 0.1 candidates) */
    int flares_needed;                 /* more flares to reach target_flares, 0 if enough */
    size_t n_suspects;
    struct analysis_suspect *suspects; /* at most 5, strongest first */
    double weeks_needed;               /* at the observed flare rate; NaN if unknown */
};

struct analysis;
struct analysis *analysis_new(struct arena *a);

/* Feeds one diary entry (any kind; deleted entries must not be passed). */
void analysis_add(struct analysis *an, const struct entry *e);

int analysis_run(struct analysis *an, const struct analysis_config *c, struct analysis_result *out,
                 struct trp_err *err);

/* An estimate is shown only when its interval is finite and spans at most a factor of 100;
 * otherwise it is "not estimable yet" (never a number, never drawn). */
int analysis_estimable(double odds_ratio, double ci_lo, double ci_hi);

/* "the same day, before it began", "the day before", "2-3 days before", "over the 7 days
 * before", "over the 14 days before". */
const char *analysis_lag_words(int lag);

const char *analysis_verdict_name(enum analysis_verdict v);
const char *analysis_kind_name(enum analysis_kind k);

#endif
