/*
 * Progress: is the pain, or what the person can do, getting better? One status computation
 * shared by `trp progress`, the progress chart, the report and (later) the web, so they can
 * never disagree on the same diary. Pure: no I/O.
 *
 * The rules, and where they come from:
 * - Baseline: the median of the daily pain medians over the first 14 days of the course
 *   (the caller chooses where the course starts: first treatment, --baseline, --since).
 * - Current level: the median of the last 4 weekly medians after the baseline, so one good
 *   or bad week does not flip the status (recovery goes "two steps forward, one step back").
 * - A change of pain counts when it reaches 2 points, or 30% of the baseline provided that
 *   is at least 1.5 points. 30% is IMMPACT's "moderately important" change (Dworkin et al.,
 *   J Pain 2008); about 2 points or 30% matched "much improved" (Farrar et al., Pain 2001).
 *   At baselines under 5, 30% is under 1.5 points, about one step of a whole-number scale,
 *   which a diary cannot tell from day-to-day wobble: 2 to 3 out of 10 is "+50%" yet one
 *   step. Worsening uses the same size of change upwards: IMMPACT defines no threshold for
 *   worsening, and a symmetric rule neither hides a real rise nor alarms on a wobble.
 * - Function: the Patient-Specific Functional Scale (Stratford et al., Physiother Can
 *   1995): the mean over activities rated at least twice, first rating against latest; a
 *   change of 2 points on the mean counts.
 * - The person's own judgement: the Patient Global Impression of Change (Guy 1976; Hurst &
 *   Bolton, J Manipulative Physiol Ther 2004): "much improved" or better (1-2) counts as
 *   improvement, "much worse" or worse (6-7) as worsening, when answered in the last 4 weeks.
 * - Status: worsening when pain clearly rose; otherwise improving when pain, function or
 *   the PGIC improved and none worsened (better function counts even when pain does not
 *   move); worsening when only worse signs; no change otherwise (including mixed signs).
 * - Advice: after 6 weeks without improvement, seek another opinion (NICE CKS neck pain:
 *   reassess at 4 weeks, consider referral at 4-12 weeks); when worsening, sooner (3
 *   weeks), and always a re-check of the warning signs (`trp intake`).
 */
#ifndef TRP_CORE_PROGRESS_H
#define TRP_CORE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

struct progress_config {
    int baseline_days;      /* the first N days of the course form the baseline (14) */
    double change_points;   /* a change of this many points always counts (2, Farrar 2001) */
    double change_pct;      /* ... or this share of the baseline (30, IMMPACT moderate) */
    double min_points;      /* ... but never fewer points than this (1.5) */
    int current_weeks;      /* current level: median of the last N weekly medians (4) */
    int seek_weeks;         /* weeks without improvement before advising another opinion (6) */
    int worsen_weeks;       /* earliest week a clear worsening advises it (3) */
    int min_days_per_week;  /* a week needs this many days with pain ratings (3) */
    double psfs_points;     /* PSFS change on the mean that counts (2, Stratford 1995) */
};
void progress_config_default(struct progress_config *c);

struct progress_psfs_rating {
    int64_t day;            /* local day number */
    const char *activity;
    double value;           /* 0-10, higher = better */
};

struct progress_pgic_answer {
    int64_t day;
    int value;              /* 1 very much improved ... 7 very much worse */
};

/* The course, from its first day (where the baseline starts) to its last. */
struct progress_input {
    int64_t first_day;      /* local day number of daily[0] */
    size_t n_days;
    const double *daily;    /* n_days daily pain medians, NaN for days without a rating */
    const struct progress_psfs_rating *psfs; /* in time order */
    size_t n_psfs;
    const struct progress_pgic_answer *pgic; /* in time order */
    size_t n_pgic;
};

enum progress_status {
    PROGRESS_TOO_EARLY = 0,
    PROGRESS_IMPROVING,
    PROGRESS_NO_CHANGE,
    PROGRESS_WORSENING,
};

/* What one measure says on its own. */
enum progress_signal {
    PROGRESS_SIGNAL_NONE = 0, /* not measured, or too little to say */
    PROGRESS_SIGNAL_BETTER,
    PROGRESS_SIGNAL_SAME,
    PROGRESS_SIGNAL_WORSE,
};

#define PROGRESS_MAX_WEEKS 600

struct progress_week {
    int64_t start_day;
    int days_rated;
    double median;          /* NaN when days_rated < min_days_per_week */
    double psfs_mean;       /* mean PSFS rating logged that week, NaN if none */
    int pgic;               /* the week's last PGIC answer, 0 if none */
};

struct progress_result {
    enum progress_status status;
    int seek_other_opinion;
    int recheck_red_flags;  /* worsening: go through the warning signs again */
    int weeks;              /* whole weeks tracked since the course began */
    /* pain */
    double baseline;        /* median of the baseline days, NaN if too few */
    int baseline_days_rated;
    double current;         /* median of the last weekly medians, NaN if too few */
    int current_weeks;      /* weekly medians it rests on */
    double change_points;   /* baseline - current: positive = better */
    double change_percent;  /* the same relative to the baseline, NaN when baseline < 1 */
    double threshold;       /* points a change needs at this baseline */
    enum progress_signal pain;
    /* trend through the weekly medians (Theil-Sen), per week; shown only when finite */
    double slope_per_week, slope_lo, slope_hi;
    int trend_shown;
    /* function (PSFS) */
    enum progress_signal function;
    int psfs_activities;    /* activities rated at least twice */
    double psfs_first, psfs_latest; /* means over those activities, NaN if none */
    /* the person's impression (PGIC) */
    enum progress_signal impression;
    int pgic_latest;        /* 0 if none in the last weeks */
    int64_t pgic_day;
    size_t n_weeks;
    struct progress_week week[PROGRESS_MAX_WEEKS];
    char reason[256];       /* one line: what the status rests on */
    char advice[1024];      /* plain words, with the sources */
};

/* Computes the weekly medians, the trend, the signals, the status and the advice. */
void progress_compute(const struct progress_input *in, const struct progress_config *c,
                      struct progress_result *out);

const char *progress_status_name(enum progress_status s);
const char *progress_signal_name(enum progress_signal s);

/* The trend in words with meaningful digits, per month (or per year when smaller), with
 * its 95% interval: "-0.4 points a month (95% interval -0.7 to -0.1)", or "flat (under
 * 0.1 points a year either way)". Empty when the trend is not shown. */
void progress_trend_text(const struct progress_result *r, char *buf, size_t size);

/* The pain change in words: "from 6.0 to 4.0 (2.0 points, 33% lower)"; the percentage is
 * left out below a baseline of 4, where it says more about the baseline than the change
 * (2 to 3 is "50%"). */
void progress_change_text(const struct progress_result *r, char *buf, size_t size);

/* Median of n values (NaNs skipped); NaN when none. Sorts a copy. */
double progress_median(const double *v, size_t n);

/* Theil-Sen slope of (x, y) with a distribution-free 95% interval from Kendall's S
 * (Sen 1968); lo/hi are NaN for fewer than 4 points and infinite when the interval runs
 * past the slopes there are. Returns the slope (NaN for < 2). */
double progress_theil_sen(const double *x, const double *y, size_t n, double *lo, double *hi);

#endif
