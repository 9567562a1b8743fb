/*
 * What the charts draw, as plain data. Commands (and later the web pages) gather these
 * from the store and the analysis modules; the renderers only read them, so a chart can be
 * tested from fixed fixture data and rendering never touches the database.
 *
 * Days are local day numbers (days since 1970-01-01 in the person's own offset, as
 * trp_time_local_day gives); times within a day are fractional day numbers. Missing
 * numbers are NaN. All pointers are borrowed.
 */
#ifndef TRP_RENDER_CHART_DATA_H
#define TRP_RENDER_CHART_DATA_H

#include <stddef.h>
#include <stdint.h>

enum chart_kind {
    CHART_TIMELINE = 0,
    CHART_BODYMAP,
    CHART_FACTORS,
    CHART_PROGRESS,
    CHART_KIND_COUNT
};

/* "timeline", "bodymap", "factors", "progress" and back (-1 if unknown). */
const char *chart_kind_name(enum chart_kind k);
int chart_kind_parse(const char *name);

/* --- timeline: pain over time with the day's tasks, sleep, stress and treatments --- */

struct chart_pain_point {
    double t;        /* fractional local day number */
    double value;    /* 0-10 */
    int flare;       /* marked by hand as a flare */
};

/* One lane under the pain plot: a value per day (NaN when nothing was logged). */
struct chart_lane {
    const char *name;    /* "computer", "sleep_hours" */
    const char *unit;    /* "min", "h", "0-10" */
    const double *per_day; /* n_days values */
    double scale_max;    /* the value that gets the darkest shade (0: the lane's own max) */
};

struct chart_treatment_mark {
    double t;            /* fractional local day number */
    const char *label;   /* "upper-trapezius (compression)" */
};

struct chart_timeline {
    int64_t first_day;   /* local day number of day index 0 */
    size_t n_days;       /* the period shown; 0 = nothing to show */
    const struct chart_pain_point *points;
    size_t n_points;
    const double *daily_max;  /* n_days values, NaN on days without a rating */
    const double *flare_onsets; /* fractional local day numbers */
    size_t n_flares;
    const struct chart_lane *tasks; /* one lane per task, most minutes first */
    size_t n_tasks;
    const struct chart_lane *sleep;  /* NULL when never logged */
    const struct chart_lane *stress; /* NULL when never logged */
    const struct chart_treatment_mark *treatments;
    size_t n_treatments;
    /* Rows drawn only when not empty: medication taken ("ibuprofen 400 mg") and outcome
     * ratings ("PGIC 2, much improved", "PSFS reaching overhead 6/10"). */
    const struct chart_treatment_mark *medications;
    size_t n_medications;
    const struct chart_treatment_mark *outcomes;
    size_t n_outcomes;
};

/* --- body map: where it hurts, how often and how strongly --- */

struct chart_region_value {
    const char *region;   /* a region id (CHOIR segment or sub-region) */
    double share;         /* share of pain days this region hurt, 0-1 */
    double intensity;     /* mean intensity there, 0-10, NaN if never rated per region */
};

struct chart_point_mark {
    const char *muscle;   /* knowledge-base muscle id, "upper-trapezius" */
    const char *side;     /* "left" | "right" | "both" | NULL */
    int sessions;         /* how many treatment entries */
};

struct chart_bodymap {
    const struct chart_region_value *regions;
    size_t n_regions;
    const struct chart_point_mark *points;
    size_t n_points;
    int pain_days;        /* days with any pain entry in the period */
};

/* --- factors: a forest plot of odds ratios (issue 4's analysis) --- */

struct chart_factor {
    const char *name;
    const char *kind;      /* "task" | "factor" | "treatment" */
    int lag_days;
    double odds_ratio;     /* NaN when not estimable */
    double ci_low, ci_high;
    const char *verdict;   /* "likely" | "possible" | "no-evidence" | "not-enough-data" */
    const char *direction; /* "raises" | "lowers" */
    int events_exposed, days_exposed;
};

struct chart_factors {
    const struct chart_factor *items;
    size_t n;
    const char *empty_message; /* shown when n == 0 ("analysis not available yet") */
};

/* --- progress: weekly medians against the baseline --- */

struct chart_week {
    int64_t start_day;
    double median;         /* NaN when the week had too few ratings */
    double psfs_mean;      /* mean PSFS rating that week (0-10, higher = better), NaN if none */
    int pgic;              /* the week's last PGIC answer 1-7, 0 if none */
};

struct chart_progress {
    const struct chart_week *weeks;
    size_t n_weeks;
    double baseline;       /* NaN when none yet */
    double threshold;      /* points a change needs at this baseline (NaN: none) */
    double current;        /* the current level (NaN: none) */
    double trend_start, trend_end; /* trend line at the first and last week; NaN: none */
    const char *status;    /* "improving" | "no-change" | "worsening" | "too-early" */
};

#endif
