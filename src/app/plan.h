/*
 * The self-care plan as use cases for every face: the plan with this week's tallies, what
 * is due today (through the safety gate), recording an activity as done, and adherence over
 * a span of local days, and adding or removing a muscle (adding through the safety gate).
 * `trp plan`, `trp today` and the report print these; GET /api/v1/today, POST /api/v1/plan,
 * DELETE /api/v1/plan/MUSCLE and POST /api/v1/plan/done serve them. Adherence is computed once, here,
 * so the plan's own figures and the report's cannot disagree (they used to, on the local
 * day a plan item was created).
 */
#ifndef TRP_APP_PLAN_H
#define TRP_APP_PLAN_H

#include <jansson.h>

#include "app/safety_gate.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/timeutil.h"
#include "core/entry.h"
#include "core/plan.h"
#include "store/store.h"

/* The active plan with what was done today and this week (Monday to Sunday, local). */
struct app_plan {
    struct store_plan_item *items;
    size_t n;
    struct plan_goal *goals;    /* one per item */
    struct plan_tally *tallies; /* one per item */
    int64_t today;              /* local day number */
};

int app_plan_load(struct store *s, struct arena *a, struct app_plan *out, struct trp_err *err);

/* Adherence of one plan item. */
struct app_plan_adherence {
    const struct store_plan_item *item;
    int64_t first_day;          /* the later of the span's first day and the item's creation */
    struct plan_adherence ad;
};

/* Adherence of every active plan item over local days first_day..last_day (inclusive),
 * each item counted from the local day it was created (in $TZ at that instant, not at
 * today's offset) and each activity on the local day it was done (at the offset it was
 * logged with). rows and *n are in a. */
int app_plan_adherence(struct store *s, struct arena *a, int64_t first_day, int64_t last_day,
                       struct app_plan_adherence **rows, size_t *n, struct trp_err *err);

/* [{muscle, weeks, release: {done, target, rate}, stretch: {...}, strengthen: {...}}] as
 * `trp plan adherence --json` prints it. The caller owns the reference. */
json_t *app_plan_adherence_json(const struct app_plan_adherence *rows, size_t n);

#define APP_PLAN_ADHERENCE_FLAGS JSON_INDENT(2)

/* One activity due today. */
struct app_today_item {
    const char *muscle;         /* knowledge-base id */
    const char *name;           /* the muscle's name */
    enum plan_activity activity;
    int due;                    /* how many more times today */
    const char *how;            /* instructions, or "Not today: why" when blocked */
    struct safety_result res;   /* the gate's verdict for the muscle and side */
};

struct app_today {
    size_t n_plan;              /* items in the plan (0: no plan yet) */
    struct app_today_item *items;
    size_t n;
};

/* What the plan asks for today, each through the safety gate: a blocked muscle stays in
 * the list, marked not allowed, and a pressure cap replaces the usual pressure. */
int app_today(struct store *s, struct arena *a, struct app_today *out, struct trp_err *err);

/* [{muscle, activity, due, allowed, how, safety}] as `trp today --json` prints it. */
json_t *app_today_json(const struct app_today *t);

#define APP_TODAY_FLAGS JSON_INDENT(2)

/* `trp plan done MUSCLE ACTIVITY`: records the activity as a treatment entry. */
struct app_plan_done {
    const char *muscle;         /* id or alias */
    const char *activity;       /* release | stretch | strengthen */
    const char *side;           /* left | right, or NULL (midline muscles need none) */
    int friction;               /* release by friction rather than compression */
    int has_at;
    struct trp_time at;         /* when it was done; now when !has_at */
};

/* Stores the entry (its id set in *out). Unknown muscle or activity, or a bad side:
 * TRP_EINVAL and nothing stored. */
int app_plan_done(struct store *s, struct arena *a, const struct app_plan_done *req,
                  struct entry *out, struct trp_err *err);

/* The same checks without a store, for a face that would rather not open (and perhaps
 * create) the database for a typo. */
int app_plan_done_check(const struct app_plan_done *req, struct trp_err *err);

/* `trp plan add MUSCLE`: a muscle in the plan at set frequencies. */
struct app_plan_add {
    const char *muscle;         /* id or alias */
    const char *side;           /* left | right, or NULL for both sides (midline: NULL) */
    int per[PLAN_ACTIVITY_COUNT]; /* release/week, stretch/day, strengthen/week */
};

/* The frequencies a new item gets when none is given: release 3/week, stretch 2/day,
 * strengthen 2/week. */
void app_plan_add_defaults(struct app_plan_add *req, const char *muscle);

/* The most each activity may be asked for, per its unit: release 21/week, stretch 10/day,
 * strengthen 14/week. */
int app_plan_per_max(enum plan_activity a);

/* "week" or "day": what each activity's frequency counts per. */
const char *app_plan_per_unit(enum plan_activity a);

/* The checks that need no store: a known muscle, a side that fits it, each frequency
 * within 0..app_plan_per_max and at least one above 0. TRP_EINVAL with a message. */
int app_plan_add_check(const struct app_plan_add *req, struct trp_err *err);

/* The item added, for the face to say what was stored. */
struct app_plan_added {
    struct store_plan_item item;  /* muscle is the knowledge-base id */
    const char *name;             /* the muscle's name */
};

/* Adds the muscle to the plan (or replaces the frequencies of its active item). A plan
 * asks the person to treat the muscle on their own, so the safety gate decides first, for
 * the side given or, without one, for the stricter of both sides: a muscle it blocks is
 * refused with TRP_ECONFLICT saying why and whom to see, and nothing is stored. Bad input
 * as app_plan_add_check, nothing stored. */
int app_plan_add(struct store *s, struct arena *a, const struct app_plan_add *req,
                 struct app_plan_added *out, struct trp_err *err);

/* `trp plan remove MUSCLE`: ends the muscle's active item (its history stays in the diary).
 * Unknown muscle: TRP_EINVAL; not in the plan: TRP_ENOTFOUND. *name (may be NULL) gets the
 * muscle's name. */
int app_plan_remove(struct store *s, const char *muscle, const char **name, struct trp_err *err);

#endif
