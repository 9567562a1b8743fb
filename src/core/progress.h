/*
 * Progress, judged on weekly medians of daily pain and a
 * robust trend, never on one bad day, against the IMMPACT thresholds for clinically
 * meaningful change (Dworkin et al., J Pain 2008: >= 30% moderately important, >= 50%
 * substantial; Farrar et al., Pain 2001). Recovery goes "two steps forward, one step back",
 * so the verdict rests on the trend over the weeks (Theil-Sen slope through weekly medians)
 * and one setback week inside a good course does not flip it. After several weeks without
 * noticeable improvement, or as soon as the course is clearly worsening, it advises another
 * opinion (NICE CKS neck pain: reassess at 4 weeks, consider referral at 4-12 weeks).
 * Pure: no I/O.
 */
#ifndef TRP_CORE_PROGRESS_H
#define TRP_CORE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

struct progress_config {
    int baseline_days;      /* first N days form the baseline (default 14) */
    double improve_pct;     /* improvement that counts (default 30, IMMPACT moderate) */
    double worsen_pct;      /* worsening that counts (default 30) */
    int seek_weeks;         /* weeks without improvement before advising another opinion (6) */
    int worsen_weeks;       /* earliest week a clear worsening advises it (3) */
    int min_days_per_week;  /* a week needs this many days with pain ratings (3) */
};
void progress_config_default(struct progress_config *c);

/* Daily pain summary: one value per local day (the day's median rating), NaN if none. */
struct progress_input {
    int64_t first_day;      /* local day number of values[0] */
    size_t n_days;
    const double *daily;    /* n_days values, NaN for days without a rating */
};

enum progress_status {
    PROGRESS_TOO_EARLY = 0,
    PROGRESS_IMPROVING,
    PROGRESS_NO_CHANGE,
    PROGRESS_WORSENING,
};

#define PROGRESS_MAX_WEEKS 520

struct progress_week {
    int64_t start_day;
    int days_rated;
    double median;          /* NaN when days_rated < min_days_per_week */
};

struct progress_result {
    enum progress_status status;
    int seek_other_opinion;
    double baseline;        /* median of the baseline days, NaN if none */
    double current;         /* median of the last 7 days, NaN if none */
    double change_percent;  /* (baseline - current) / baseline * 100: positive = better */
    double trend_change_percent; /* the same, using the trend's value at the last week */
    double slope_per_week;  /* Theil-Sen slope of weekly medians (points per week) */
    double slope_lo, slope_hi; /* its 95% interval (NaN when too few weeks) */
    int weeks;              /* whole weeks tracked */
    size_t n_weeks;
    struct progress_week week[PROGRESS_MAX_WEEKS];
    char advice[1024];      /* plain words, citing IMMPACT */
};

/* Computes the weekly medians, the trend, the status and the advice. */
void progress_compute(const struct progress_input *in, const struct progress_config *c,
                      struct progress_result *out);

const char *progress_status_name(enum progress_status s);

/* Median of n values (NaNs skipped); NaN when none. Sorts a copy. */
double progress_median(const double *v, size_t n);

/* Theil-Sen slope of (x, y) with a distribution-free 95% interval from Kendall's S
 * (Sen 1968); lo/hi are NaN for fewer than 4 points. Returns the slope (NaN for < 2). */
double progress_theil_sen(const double *x, const double *y, size_t n, double *lo, double *hi);

#endif
