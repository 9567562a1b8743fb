/*
 * Gathering chart data from the diary, for `trp chart`, `trp report` and the web server's
 * charts and report: one pass over the entries of a period fills the timeline, body-map
 * and summary structures that src/render draws (rendering never queries the store).
 * Progress comes from app/progress_data.h.
 *
 * Flare onsets come from core/recurrence.h (run over the period's ratings) and the
 * perpetuating factors from core/analysis.h (chart_gather_factors).
 */
#ifndef TRP_APP_CHART_GATHER_H
#define TRP_APP_CHART_GATHER_H

#include "app/progress_data.h"
#include "base/arena.h"
#include "base/err.h"
#include "render/chart_data.h"
#include "store/store.h"

/* The period to chart and the flare definition to chart it with. */
struct chart_period {
    int has_since, has_until; /* 0: open (the diary's first day; its last day up to today) */
    int64_t since, until;     /* UTC seconds; until is exclusive */
    const char *flare_spec;   /* a --flare definition for this call, or NULL for the kept one */
};

struct chart_task_total {
    const char *name;
    double minutes;          /* over the period */
    int days;                /* days the task was done */
};

struct chart_med_total {
    const char *name;
    int times;               /* entries in the period */
    int days;                /* days with at least one */
};

struct chart_gather {
    /* The period, as local day numbers, inclusive. */
    int64_t first_day, last_day;
    size_t n_days;
    int64_t n_entries;       /* entries of any kind in the period */
    int64_t n_pain;          /* pain ratings */
    int pain_days;           /* days with at least one rating */
    double mean_daily_max;   /* NaN without ratings */
    int n_flares;
    struct chart_timeline timeline;
    struct chart_bodymap bodymap;
    struct chart_factors factors;
    int factors_available;   /* 1 once the analysis ran */
    const char *factors_note; /* "3 flares so far; about 12 more are needed ...", or NULL */
    struct chart_progress progress;
    struct progress_data *pd; /* NULL when progress was not loaded */
    struct chart_task_total *task_totals; /* most minutes first; n = timeline.n_tasks */
    int64_t n_treatments;
    struct chart_med_total *med_totals; /* most often first */
    size_t n_med_totals;
};

/* Loads the entries of period p into g. When since is open the period starts on the first
 * entry's day; when until is open it ends on the diary's last day up to today ($TRP_NOW).
 * All memory comes from arena a. */
int chart_gather_load(struct store *s, struct arena *a, const struct chart_period *p,
                      struct chart_gather *g, struct trp_err *err);

/* Fills g->progress (and g->pd) through app/progress_data.h with the period asked for
 * (the same call `trp progress --since --until` makes). */
int chart_gather_progress(struct store *s, struct arena *a, const struct chart_period *p,
                          struct chart_gather *g, struct trp_err *err);

/* Fills g->factors from the case-crossover analysis (core/analysis.h) over g's period:
 * every exposure and lag, sorted by p, with counts and verdicts. */
int chart_gather_factors(struct store *s, struct arena *a, const struct chart_period *p,
                         struct chart_gather *g, struct trp_err *err);

#endif
