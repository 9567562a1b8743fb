/*
 * Fixed chart data for the render tests: a five-week diary with two tasks, sleep, stress,
 * flares and treatments; a body map; a factor table; a progress course. Deterministic (no
 * random numbers, no clock) so the golden SVGs are stable.
 */
#ifndef TRP_TESTS_CHART_FIXTURES_H
#define TRP_TESTS_CHART_FIXTURES_H

#include <math.h>

#include "base/timeutil.h"
#include "render/chart_data.h"

#define FX_DAYS 35

struct fx_timeline {
    struct chart_timeline tl;
    struct chart_pain_point points[3 * FX_DAYS];
    double daily_max[FX_DAYS];
    double flares[3];
    double computer[FX_DAYS], driving[FX_DAYS], sleep[FX_DAYS], stress[FX_DAYS];
    struct chart_lane tasks[2], sleep_lane, stress_lane;
    struct chart_treatment_mark treat[6];
};

static inline void fx_timeline_init(struct fx_timeline *f)
{
    int64_t first = trp_days_from_civil(2026, 2, 2);
    size_t np = 0;
    for (int i = 0; i < FX_DAYS; i++) {
        int wd = i % 7; /* day 0 is a Monday */
        double base = 5.5 - i * 0.06 + ((i % 9) == 4 ? 2.5 : 0);
        double mx = NAN;
        for (int k = 0; k < 2 + (i % 2); k++) {
            double v = round(base + (k == 1 ? 1 : 0) - (k == 2 ? 1.5 : 0));
            if (i == 17 || i == 18)
                continue; /* two days without ratings */
            f->points[np].t = (double)(first + i) + 0.3 + 0.25 * k;
            f->points[np].value = v;
            f->points[np].flare = (i % 9) == 4 && k == 1;
            np++;
            if (isnan(mx) || v > mx)
                mx = v;
        }
        f->daily_max[i] = mx;
        f->computer[i] = wd < 5 ? 240 + 30 * (i % 3) : (wd == 5 ? 60 : NAN);
        f->driving[i] = (i % 4 == 0) ? 45 + 10 * (i % 3) : NAN;
        f->sleep[i] = 6.5 + (i % 3) * 0.5;
        f->stress[i] = (i % 5 == 0) ? NAN : 3 + (i % 4);
    }
    f->flares[0] = (double)(first + 4) + 0.55;
    f->flares[1] = (double)(first + 13) + 0.55;
    f->flares[2] = (double)(first + 22) + 0.55;
    f->tasks[0] = (struct chart_lane){"computer work", "min", f->computer, 0};
    f->tasks[1] = (struct chart_lane){"driving", "min", f->driving, 0};
    f->sleep_lane = (struct chart_lane){"sleep", "h", f->sleep, 10};
    f->stress_lane = (struct chart_lane){"stress", "0-10", f->stress, 10};
    for (int k = 0; k < 6; k++)
        f->treat[k] = (struct chart_treatment_mark){(double)(first + 3 + 5 * k) + 0.8,
                                                    "upper-trapezius (compression)"};
    f->tl = (struct chart_timeline){
        .first_day = first, .n_days = FX_DAYS, .points = f->points, .n_points = np,
        .daily_max = f->daily_max, .flare_onsets = f->flares, .n_flares = 3,
        .tasks = f->tasks, .n_tasks = 2, .sleep = &f->sleep_lane, .stress = &f->stress_lane,
        .treatments = f->treat, .n_treatments = 6,
    };
}

static const struct chart_region_value fx_regions[] = {
    {"posterior-shoulder.r", 0.8, 6.2},
    {"posterior-neck.r", 0.6, 5.0},
    {"temple.r", 0.35, 4.5},        /* a sub-region: shades its CHOIR segment */
    {"posterior-upper-back.r", 0.3, NAN},
    {"lateral-epicondyle.l", 0.1, 3.0},
};
static const struct chart_point_mark fx_points[] = {
    {"upper-trapezius", "right", 6},
    {"levator-scapulae", "both", 2},
    {"temporalis", "right", 1},
};
static const struct chart_bodymap fx_bodymap = {fx_regions, 5, fx_points, 3, 20};

static const struct chart_factor fx_factor_items[] = {
    {"computer work, per hour", "task", 0, 2.4, 1.3, 4.5, "likely", "raises", 9, 24},
    {"computer work, per hour", "task", 1, 1.6, 0.8, 3.1, "possible", "raises", 7, 24},
    {"driving, per hour", "task", 0, 1.1, 0.4, 2.9, "no-evidence", "raises", 2, 9},
    {"sleep under 6 h", "factor", 1, 3.5, 0.6, 90, "not-enough-data", "raises", 2, 3},
    {"stretching", "treatment", 0, 0.45, 0.2, 0.95, "possible", "lowers", 3, 20},
    {"stress <7> & \"quotes\"", "factor", 0, NAN, NAN, NAN, "not-enough-data", "raises", 0, 0},
};
static const struct chart_factors fx_factors = {fx_factor_items, 6, NULL};

/* Pain weekly medians, the PSFS mean where activities were rated, and two PGIC answers. */
static const struct chart_week fx_weeks[] = {
    {0, 6.0, 3.0, 0}, {0, 6.5, NAN, 0}, {0, 5.0, NAN, 0}, {0, 5.5, 4.0, 0},
    {0, NAN, NAN, 0}, {0, 4.0, NAN, 3},  {0, 3.5, 5.5, 0}, {0, 4.5, NAN, 2},
};

static inline void fx_progress_init(struct chart_progress *p, struct chart_week *weeks)
{
    int64_t first = trp_days_from_civil(2026, 2, 2);
    for (int i = 0; i < 8; i++) {
        weeks[i] = fx_weeks[i];
        weeks[i].start_day = first + 7 * i;
    }
    *p = (struct chart_progress){weeks, 8, 6.25, 1.9, 4.25, 6.3, 3.8, "improving"};
}

#endif
