/*
 * The self-care plan as use cases for every face: the plan with this week's tallies, what
 * is due today (through the safety gate), recording an activity as done, and adherence over
 * a span of local days. `trp plan`, `trp today` and the report print these; GET
 * /api/v1/today and POST /api/v1/plan/done serve them. Adherence is computed once, here,
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

#endif
