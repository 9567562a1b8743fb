/*
 * Flare-ups (recurrences) found in the pain diary, with a definition that is written down
 * and configurable, in the spirit of Suri et al. (Spine 2018): pain distinctly worse than it
 * has been recently, for at least a couple of hours, after a quiet spell.
 *
 * Default definition:
 *  - "recently" is the median of the daily median pain over the previous 7 days, leaving out
 *    days inside earlier flares (at least 3 days with ratings; before that no flare is
 *    detected automatically);
 *  - an onset is a rating at least 2 points above that baseline and at least 4/10 ...
 *  - ... that is sustained: the first rating 2 or more hours later (within 24 hours) is
 *    still 2 points above the baseline, and none in between falls back below 1 point above;
 *  - after a quiet spell: at least 1 whole day at the usual level since the previous flare
 *    ended (the day it ended counts); a rise within the quiet spell extends that flare;
 *  - a rating logged with --flare is always an onset (unless a flare is already running);
 *  - a flare ends on the first day whose highest rating is within 1 point of the baseline;
 *    its duration counts days from the onset day to that day (at least 1); the peak is the
 *    highest rating in between.
 * Pure: works on arrays of ratings; no I/O.
 */
#ifndef TRP_CORE_RECURRENCE_H
#define TRP_CORE_RECURRENCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/timeutil.h"

struct recurrence_config {
    int baseline_days;      /* 7 */
    int min_baseline_days;  /* 3 */
    double rise;            /* 2 points */
    double min_level;       /* 4 */
    int sustain_minutes;    /* 120 */
    int quiet_days;         /* 1: calm days needed after a flare before a new onset */
    double end_margin;      /* 1 point */
};
void recurrence_config_default(struct recurrence_config *c);

struct recurrence_rating {
    struct trp_time at;
    double value;
    int flare;              /* marked by hand */
};

struct recurrence {
    struct trp_time onset;
    int64_t onset_day;      /* local day */
    double baseline;
    double peak;
    int days;
    int manual;             /* from a --flare mark */
    int ongoing;            /* had not ended by the last rating */
};

/* Finds flares in ratings (time order). Writes at most max; returns the count. */
size_t recurrence_detect(const struct recurrence_rating *r, size_t n,
                         const struct recurrence_config *c, struct recurrence *out, size_t max);

#endif
