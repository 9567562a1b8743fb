/*
 * plan.h: due-today and adherence rules.
 */
#include "core/plan.h"

#include <string.h>

#include "base/timeutil.h"

static const char *const activity_names[PLAN_ACTIVITY_COUNT] = {"release", "stretch",
                                                                "strengthen"};

const char *plan_activity_name(enum plan_activity a)
{
    return a < PLAN_ACTIVITY_COUNT ? activity_names[a] : "?";
}

int plan_activity_parse(const char *name, enum plan_activity *out)
{
    for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++)
        if (strcmp(name, activity_names[a]) == 0)
            return *out = (enum plan_activity)a, 0;
    return -1;
}

int plan_activity_of(const struct entry *e)
{
    if (e->kind != ENTRY_TREATMENT || !e->treat.technique)
        return -1;
    const char *t = e->treat.technique;
    if (!strcmp(t, "compression") || !strcmp(t, "friction"))
        return PLAN_RELEASE;
    if (!strcmp(t, "stretch"))
        return PLAN_STRETCH;
    if (!strcmp(t, "strengthen"))
        return PLAN_STRENGTHEN;
    return -1;
}

int64_t plan_week_start(int64_t day)
{
    return day - (trp_weekday_of_day(day) + 6) % 7; /* back to Monday */
}

void plan_tally_add(struct plan_tally *t, const struct plan_goal *goal, const struct entry *e,
                    int64_t today)
{
    int a = plan_activity_of(e);
    if (a < 0 || !e->treat.muscle || strcmp(e->treat.muscle, goal->muscle) != 0)
        return;
    int64_t day = trp_time_local_day(&e->at);
    if (day == today)
        t->today[a]++;
    if (day >= plan_week_start(today) && day <= today)
        t->this_week[a]++;
}

int plan_due_today(const struct plan_goal *goal, const struct plan_tally *t,
                   enum plan_activity a)
{
    int per = goal->per[a];
    if (per <= 0)
        return 0;
    if (a == PLAN_STRETCH)
        return per > t->today[a] ? per - t->today[a] : 0;
    if (t->this_week[a] >= per || t->today[a] > 0)
        return 0;
    return 1;
}

void plan_adherence_compute(const struct plan_goal *goal, int64_t start_day, int64_t end_day,
                            const int (*done_by_day)[PLAN_ACTIVITY_COUNT],
                            struct plan_adherence *out)
{
    memset(out, 0, sizeof *out);
    if (end_day < start_day) {
        for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++)
            out->rate[a] = -1;
        return;
    }
    double sum[PLAN_ACTIVITY_COUNT] = {0};
    for (int64_t w = plan_week_start(start_day); w <= end_day; w += 7) {
        out->weeks++;
        for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++) {
            int64_t lo = w < start_day ? start_day : w;
            int64_t hi = w + 6 > end_day ? end_day : w + 6;
            int days = (int)(hi - lo + 1);
            /* A partly covered week asks for a pro-rated target so that starting on a
             * Friday does not count as a failed week. */
            int target = a == PLAN_STRETCH ? goal->per[a] * days
                                           : (goal->per[a] * days + 6) / 7;
            int done = 0;
            for (int64_t d = lo; d <= hi; d++)
                done += done_by_day[d - start_day][a];
            out->done[a] += done;
            out->target[a] += target;
            if (target > 0)
                sum[a] += done >= target ? 1.0 : (double)done / target;
        }
    }
    for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++)
        out->rate[a] = goal->per[a] > 0 && out->weeks ? sum[a] / out->weeks : -1;
}
