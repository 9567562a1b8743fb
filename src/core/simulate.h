/*
 * A seeded, deterministic generator of believable diaries, for the demo, the tests and the
 * benchmark of the analysis. Each day has weekday patterns (computer work and driving on
 * workdays, gardening at weekends), correlated tasks (phone calls ride along with computer
 * work), sleep, stress and mood, a recovery course with setbacks ("two steps forward, one
 * step back"), self-treatment, and flare-ups drawn from a daily hazard that PLANTED tasks
 * raise with a known odds ratio per hour and a known lag. Two traps test the analysis: a
 * bystander task ("video calls") done on the same days as heavy computer work with no effect
 * of its own, and gardening cut back in the days after a flare (reverse causation). The
 * weekly rhythm confounds too: workdays carry an unlogged strain of their own (desk,
 * commute), so every workday habit looks harmful unless the weekend is allowed for.
 * The truth (what was planted, which days flared) is returned alongside.
 */
#ifndef TRP_CORE_SIMULATE_H
#define TRP_CORE_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/entry.h"

#define SIM_MAX_PLANTED 8

struct sim_planted {
    const char *task;      /* task name as it appears in the diary */
    double or_per_hour;    /* odds ratio of a flare per hour of the task */
    int lag;               /* days between the task and the raised risk (0-3) */
    int window;            /* 0: the task on that one day; N: the mean hours per day over
                              the N days before (a build-up, as in training load) */
    double share;          /* 0: the task as usual; 0 < share < 1: only on this share of
                              the days it would be done (an occasional task: long drives,
                              heavy bags), for benchmarks that need episodic exposure */
};

struct sim_config {
    int days;              /* default 70 */
    uint64_t seed;         /* default 1 */
    int64_t start_day;     /* local day number of the first day */
    int offset_min;        /* UTC offset of every entry */
    size_t n_planted;
    struct sim_planted planted[SIM_MAX_PLANTED];
    double base_rate;      /* flare probability on a day with no exposure (default 0.04) */
    double workday_or;     /* odds ratio of an unlogged workday strain (default 1.5) */
    /* The pain scale (defaults: 6.2 falling by 2.6 over the diary, noise 0.6, flares 3
     * points up, whole numbers): the knee diary of issue 13 is level 3, trend 0, rise 1.5. */
    double pain_level, pain_trend, pain_noise, flare_rise, pain_step;
    int sports;            /* 1: cycling, in training blocks that build up over two weeks */
};

/* Defaults: 70 days from 2026-01-05, seed 1, "computer work" OR 1.35/hour at lag 1. */
void sim_config_default(struct sim_config *c);

/* Parses "computer work:or=3:lag=1,gardening:or=2.5:lag=0" or "none" into c->planted;
 * "cycling:or=1.5:win=14" plants a build-up over the 14 days before. */
int sim_parse_planted(const char *spec, struct arena *a, struct sim_config *c, struct trp_err *err);

/* Called for each generated entry, day by day; a non-zero return stops generation. */
typedef int (*sim_entry_fn)(const struct entry *e, void *data);

struct sim_truth {
    int n_flares;
    int64_t flare_days[512]; /* local day numbers of flare onsets */
};

/* Generates the diary. Strings in entries are static or live in a. */
int sim_generate(const struct sim_config *c, struct arena *a, sim_entry_fn fn, void *data,
                 struct sim_truth *truth);

#endif
