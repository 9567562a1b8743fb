/*
 * Gathering chart data from the diary, for `trp chart` and `trp report`: one pass over the
 * entries of a period fills the timeline, body-map and summary structures that src/render
 * draws (rendering never queries the store). Progress comes from cmd/progress_data.h.
 *
 * Flare onsets come from core/recurrence.h (run over the period's ratings) and the
 * perpetuating factors from core/analysis.h (chart_gather_factors).
 */
#ifndef TRP_CMD_CHART_GATHER_H
#define TRP_CMD_CHART_GATHER_H

#include "cmd/cmd.h"
#include "cmd/progress_data.h"
#include "render/chart_data.h"
#include "store/store.h"

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

/* Loads the entries between since and until (UTC seconds; has_* 0 means open) into g. When
 * since is open the period starts on the first entry's day; when until is open it ends
 * today ($TRP_NOW). All memory comes from ctx->arena. */
int chart_gather_load(struct cmd_ctx *ctx, struct store *s, int has_since, int64_t since,
                      int has_until, int64_t until, struct chart_gather *g);

/* Fills g->progress (and g->pd) through cmd/progress_data.h with the period asked for
 * (the same call `trp progress --since --until` makes). */
int chart_gather_progress(struct cmd_ctx *ctx, struct store *s, int has_since, int64_t since,
                          int has_until, int64_t until, struct chart_gather *g);

/* Fills g->factors from the case-crossover analysis (core/analysis.h) over g's period:
 * every exposure and lag, sorted by p, with counts and verdicts. */
int chart_gather_factors(struct cmd_ctx *ctx, struct store *s, struct chart_gather *g);

#endif
