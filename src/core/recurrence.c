/*
 * recurrence.h. Daily medians are computed once; each rating's baseline then looks back over
 * the previous days' medians, so the whole pass is linear in the number of ratings times the
 * baseline window.
 */
#include "core/recurrence.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "core/progress.h"

void recurrence_config_default(struct recurrence_config *c)
{
    c->baseline_days = 7;
    c->min_baseline_days = 3;
    c->rise = 2;
    c->min_level = 4;
    c->sustain_minutes = 120;
    c->quiet_days = 1;
    c->end_margin = 1;
}

/* The first day after `day` whose highest rating is back at `calm` or below, raising *peak
 * to the highest daily rating on the way; the last day, with *ongoing set, if none is. */
static int64_t episode_end(const double *dmax, int64_t first, int64_t last, int64_t day, double calm, double *peak,
                           int *ongoing)
{
    *ongoing = 0;
    for (int64_t d = day; d <= last; d++) {
        double m = dmax[d - first];
        if (isnan(m))
            continue;
        if (d > day && m <= calm)
            return d;
        if (m > *peak)
            *peak = m;
    }
    *ongoing = 1;
    return last;
}

size_t recurrence_detect(const struct recurrence_rating *r, size_t n,
                         const struct recurrence_config *c, struct recurrence *out, size_t max)
{
    if (n == 0)
        return 0;
    int64_t first = trp_time_local_day(&r[0].at), last = first;
    for (size_t i = 0; i < n; i++) {
        int64_t d = trp_time_local_day(&r[i].at);
        if (d < first)
            first = d;
        if (d > last)
            last = d;
    }
    size_t nd = (size_t)(last - first + 1);
    double *median = xmalloc(nd * sizeof *median), *dmax = xmalloc(nd * sizeof *dmax);
    double *tmp = xmalloc(n * sizeof *tmp);
    char *in_flare = xcalloc(nd, 1);
    for (size_t d = 0; d < nd; d++) {
        size_t k = 0;
        dmax[d] = NAN;
        for (size_t i = 0; i < n; i++)
            if (trp_time_local_day(&r[i].at) - first == (int64_t)d) {
                tmp[k++] = r[i].value;
                if (isnan(dmax[d]) || r[i].value > dmax[d])
                    dmax[d] = r[i].value;
            }
        median[d] = progress_median(tmp, k);
    }
    size_t count = 0;
    int64_t busy_until = INT64_MIN; /* last day of the running or last flare */
    for (size_t i = 0; i < n && count < max; i++) {
        int64_t day = trp_time_local_day(&r[i].at);
        if (day <= busy_until)
            continue;
        /* busy_until is the flare's first calm day, so it is the first quiet day. */
        if (busy_until != INT64_MIN && day - busy_until < c->quiet_days && !r[i].flare) {
            /* Raised again before a quiet spell: the same episode goes on, rather than a
             * new onset being dated to whenever the quiet window happens to close. */
            struct recurrence *prev = &out[count - 1];
            if (r[i].value >= prev->baseline + c->rise) {
                int64_t end = episode_end(dmax, first, last, day, prev->baseline + c->end_margin, &prev->peak,
                                          &prev->ongoing);
                prev->days = (int)(end - prev->onset_day);
                for (int64_t d = busy_until; d < end; d++)
                    in_flare[d - first] = 1;
                busy_until = end;
            }
            continue;
        }
        if (r[i].flare && day <= busy_until)
            continue;
        /* Baseline from the previous days' medians, leaving out days inside earlier flares:
         * "worse than it has been recently" means worse than the usual level between
         * flares, else a run of flares would raise the bar and hide the next one. */
        size_t k = 0;
        for (int64_t b = day - c->baseline_days; b < day; b++)
            if (b >= first && !isnan(median[b - first]) && !in_flare[b - first])
                tmp[k++] = median[b - first];
        double base = k >= (size_t)c->min_baseline_days ? progress_median(tmp, k) : NAN;
        int onset = r[i].flare;
        if (!onset && !isnan(base) && r[i].value >= base + c->rise && r[i].value >= c->min_level) {
            /* Sustained: the first rating at least sustain_minutes later is raised too,
             * and none in between falls back to the baseline half (a single rating a
             * point lower is noise, a drop to the usual level ends the episode). */
            for (size_t j = i + 1; j < n; j++) {
                int64_t dt = (r[j].at.utc - r[i].at.utc) / 60;
                if (dt > 24 * 60 || r[j].value < base + c->rise / 2)
                    break;
                if (dt >= c->sustain_minutes) {
                    onset = r[j].value >= base + c->rise;
                    break;
                }
            }
        }
        if (!onset)
            continue;
        struct recurrence *f = &out[count++];
        memset(f, 0, sizeof *f);
        f->onset = r[i].at;
        f->onset_day = day;
        f->baseline = isnan(base) ? r[i].value - c->rise : base;
        f->manual = r[i].flare;
        f->peak = r[i].value;
        int64_t end = episode_end(dmax, first, last, day, f->baseline + c->end_margin, &f->peak, &f->ongoing);
        f->days = (int)(end - day) > 0 ? (int)(end - day) : 1;
        busy_until = end;
        for (int64_t d = day; d < end; d++)
            in_flare[d - first] = 1;
    }
    free(median);
    free(dmax);
    free(tmp);
    free(in_flare);
    return count;
}
