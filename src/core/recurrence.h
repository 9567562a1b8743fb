/*
 * Flare-ups (recurrences) found in the pain diary, on the person's own scale, in the spirit
 * of Suri et al. (Spine 2018): pain distinctly worse than it has been recently, for at
 * least a couple of hours. The definition is written down here, and a person can change it
 * (`--flare`, `trp config flare`).
 *
 * Default definition ("adaptive"):
 *  - the usual level is the median of the ratings of the last 7 diary days outside earlier
 *    flares, looking back at most 28 days (at least 3 such days; before that no flare is
 *    detected automatically), leaving out days whose own median is half a rise or more
 *    above it (repeated until it settles: a skipped median), so that a flare the rule
 *    missed does not raise the bar and hide the next one. Looking further back than a week
 *    keeps a busy spell, with few calm days, from leaving the usual level unknown. Medians
 *    are read as grouped data, interpolated within the rating step (whole-number ratings
 *    would otherwise give a usual level of 3 or 3.5 and nothing between);
 *  - the day-to-day spread is the median absolute change of a rating from the one at the
 *    same time of day (within 2 hours) on the day before, over the previous 28 days
 *    outside flares, scaled to a standard deviation of one rating (x1.4826 / sqrt 2: the
 *    robust form of von Neumann's successive-difference estimator, Ann Math Stat 1941).
 *    The same time the day before leaves out the person's rhythm over the day and a slow
 *    drift of the course; single ratings, because single ratings are what is tested;
 *  - an onset is a rating at least max(2 x spread, 1 point) above the usual level: a rise
 *    beyond what the person's ordinary day-to-day variation explains (the reliable-change
 *    idea of Jacobson & Truax, J Consult Clin Psychol 1991, with about 2 standard
 *    deviations as the bar), and never less than one step of the 0-10 scale. No fixed
 *    level is required, so a diary that moves between 2 and 4 has flares and one that moves
 *    between 3 and 8 is not flooded (its spread raises the bar). With fewer than 7 calm
 *    days in the last 28, the rise is at least 2 points;
 *  - sustained: no rating falls back to the usual level (within half the rise of it) up
 *    to and including the first one 2 or more hours later ("for at least a couple of
 *    hours");
 *  - and clear of noise: a diary is tested at every rating, hundreds of times a year, so
 *    one rating 2 spreads up is no flare by itself. From the onset on, each rating counts
 *    by how far it stands above usual + half the rise (the reference value of Page's CUSUM,
 *    Biometrika 1954, set for a shift of one rise), and these must add up to 2.5 standard
 *    errors (spread x sqrt of the number of ratings; about 1 in 160 by chance, one-sided)
 *    before pain is back or 36 hours have passed. A rise of 3 on a steady scale is clear
 *    within the 2 hours; a rise of 1.5 on a scale that wanders by 0.7 needs most of a day;
 *  - a flare ends at the first rating back at the usual level (within half the rise of
 *    it); a new rise after that is a new flare, even on the same day;
 *  - a rating logged with --flare is always an onset (unless a flare is already running);
 *  - its duration counts days from the onset day to the day it ended (at least 1); the
 *    peak is the highest rating in between.
 * The "classic" preset is the earlier fixed rule: 2 points above usual and at least 4/10,
 * sustained for 2 hours with no test against noise (z=0), and a whole calm day before a
 * new flare (a rise sooner extends the last one).
 * Pure: works on arrays of ratings; no I/O.
 */
#ifndef TRP_CORE_RECURRENCE_H
#define TRP_CORE_RECURRENCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/timeutil.h"

enum recurrence_rise { RISE_ADAPTIVE, RISE_POINTS, RISE_PERCENT };

struct recurrence_config {
    int baseline_days;      /* 7 */
    int min_baseline_days;  /* 3 */
    int spread_days;        /* 28: window for the day-to-day spread */
    enum recurrence_rise rise_kind;
    double rise;            /* RISE_POINTS: points; RISE_PERCENT: percent of the usual level */
    double spread_k;        /* 2: RISE_ADAPTIVE rise = max(spread_k x spread, min_rise) */
    double min_rise;        /* 1 point: the least rise under any rule */
    double min_level;       /* 0: the "floor", a level an onset must reach */
    int sustain_minutes;    /* 120 */
    int calm_minutes;       /* 0: time after a flare ends before a new one can begin; a
                               rise sooner extends the last flare */
    double evidence;        /* 2.5: standard errors the rise must add up to (0: none) */
};
void recurrence_config_default(struct recurrence_config *c);

/* Parses a definition: a preset ("adaptive", "classic") and/or comma-separated settings,
 * applied in order to the default: rise=auto|N|N%, k=N, min=N, floor=N, calm=0|Nh|Nd,
 * hold=Nh|Nm, z=N (0-5), window=N (days). Example: "rise=1.5,floor=0,calm=1d". */
int recurrence_config_parse(const char *spec, struct recurrence_config *c, struct trp_err *err);

/* The definition as a spec that recurrence_config_parse reads back to the same config. */
char *recurrence_config_format(const struct recurrence_config *c, char *buf, size_t size);

/* One sentence describing the rule, for people. */
char *recurrence_config_describe(const struct recurrence_config *c, char *buf, size_t size);

struct recurrence_rating {
    struct trp_time at;
    double value;
    int flare;              /* marked by hand */
};

struct recurrence {
    struct trp_time onset;
    int64_t onset_day;      /* local day */
    double baseline;        /* the usual level at the onset */
    double rise;            /* the rise that counted as a flare then */
    double peak;
    int days;
    int manual;             /* from a --flare mark */
    int ongoing;            /* had not ended by the last rating */
};

/* Finds flares in ratings (time order). Writes at most max; returns the count. */
size_t recurrence_detect(const struct recurrence_rating *r, size_t n,
                         const struct recurrence_config *c, struct recurrence *out, size_t max);

/* True when any rating has a fractional part (then peaks are shown with a decimal). */
int recurrence_has_decimals(const struct recurrence_rating *r, size_t n);

#endif
