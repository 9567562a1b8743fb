/*
 * The self-care programme, as arithmetic over days: what is due today and how well the plan
 * was kept. Each plan item asks for three activities per muscle: release (compression or
 * friction) N times a week, stretching N times a day, strengthening N times a week. Doing
 * an activity is recorded as an ordinary treatment entry (technique compression/friction,
 * stretch or strengthen), so the diary stays the single record and the analysis sees it.
 * Weeks run Monday to Sunday in the person's local time. Pure: no I/O.
 */
#ifndef TRP_CORE_PLAN_H
#define TRP_CORE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/entry.h"

enum plan_activity {
    PLAN_RELEASE = 0,
    PLAN_STRETCH,
    PLAN_STRENGTHEN,
    PLAN_ACTIVITY_COUNT
};

struct plan_goal {
    const char *muscle;
    int per[PLAN_ACTIVITY_COUNT]; /* release/week, stretch/day, strengthen/week */
    int64_t start_day;            /* local day number the goal started */
};

const char *plan_activity_name(enum plan_activity a);
int plan_activity_parse(const char *name, enum plan_activity *out);

/* Which activity a treatment entry counts toward, or -1 (compression and friction count as
 * release; stretch and strengthen as themselves). */
int plan_activity_of(const struct entry *e);

/* Counts toward one goal from the person's treatment entries. */
struct plan_tally {
    int today[PLAN_ACTIVITY_COUNT];
    int this_week[PLAN_ACTIVITY_COUNT];
};

/* Adds entry e (if it is a treatment of goal->muscle) to the tally for the given local
 * day. */
void plan_tally_add(struct plan_tally *t, const struct plan_goal *goal, const struct entry *e,
                    int64_t today);

/* How many more times activity a is due today (0 when done or not planned): stretching
 * counts per day; weekly activities are due while the week's target is not met, at most
 * once a day so that they spread over the week. */
int plan_due_today(const struct plan_goal *goal, const struct plan_tally *t,
                   enum plan_activity a);

/* Monday of the week that contains local day `day`. */
int64_t plan_week_start(int64_t day);

/* Adherence over whole weeks from start_day to end_day (inclusive): done/target per
 * activity, each week capped at 100%, as a fraction 0-1, or -1 when nothing was planned. */
struct plan_adherence {
    int weeks;
    double rate[PLAN_ACTIVITY_COUNT];
    int done[PLAN_ACTIVITY_COUNT];
    int target[PLAN_ACTIVITY_COUNT];
};
/* done_by_day[d][a] holds counts for day start_day + d. */
void plan_adherence_compute(const struct plan_goal *goal, int64_t start_day, int64_t end_day,
                            const int (*done_by_day)[PLAN_ACTIVITY_COUNT],
                            struct plan_adherence *out);

#endif
