/*
 * From the diary in the store to flares and to the perpetuating-factor analysis; shared by
 * `trp recurrences`, `trp analyze`, the demo, charts, the report and the web server. The
 * flare definition is passed as a spec (a --flare given to this one request, or NULL for
 * the one kept with `trp config flare`, else the default of core/recurrence.h).
 */
#ifndef TRP_APP_FLARES_H
#define TRP_APP_FLARES_H

#include "base/arena.h"
#include "base/err.h"
#include "core/analysis.h"
#include "core/recurrence.h"
#include "store/store.h"

struct app_flares {
    size_t n;
    struct recurrence *items;   /* arena-owned */
    size_t n_ratings;
    int decimals;               /* some rating has a fractional part */
    size_t n_days;              /* days from the first rating to the last */
    /* For a long diary with few flares: what a relative rise would find instead. */
    size_t n_relative;          /* flares at a rise of 20% of the usual level */
    size_t n_half;              /* flares at half the rise in force (adaptive: k = 1) */
};

/* The setting key under which `trp config flare` keeps the definition. */
#define APP_FLARES_SETTING "flare"

/* The flare definition in force: spec if not NULL, else the kept one, else the default. */
int app_flares_config(struct store *s, struct arena *a, const char *spec,
                      struct recurrence_config *c, struct trp_err *err);

/* Checks a --flare DEF before anything runs, so a typo is reported as such. */
int app_flares_check_spec(const char *spec, struct trp_err *err);

/* The flares in the pain ratings q selects, under definition c; items in arena a. */
int app_flares_load(struct store *s, struct arena *a, const struct store_query *q,
                    const struct recurrence_config *c, struct app_flares *out, struct trp_err *err);

/* Runs the case-crossover analysis (the flare definition from app_flares_config) over the
 * entries q selects. */
int app_flares_analyze(struct store *s, struct arena *a, const char *spec,
                       const struct store_query *q, struct analysis_result *out,
                       struct trp_err *err);

/* How many medication entries q selects: the analysis leaves them out and says so. */
int app_flares_medication_count(struct store *s, const struct store_query *q, int64_t *n,
                                struct trp_err *err);

#endif
