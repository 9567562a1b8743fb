/*
 * progress.h. Theil-Sen is computed here over at most a few hundred weekly points, so the
 * O(n^2) pairwise slopes are cheap and need no cleverness.
 */
#include "core/progress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void progress_config_default(struct progress_config *c)
{
    c->baseline_days = 14;
    c->improve_pct = 30;
    c->worsen_pct = 30;
    c->seek_weeks = 6;
    c->worsen_weeks = 3;
    c->min_days_per_week = 3;
}

const char *progress_status_name(enum progress_status s)
{
    switch (s) {
    case PROGRESS_IMPROVING: return "improving";
    case PROGRESS_NO_CHANGE: return "no-change";
    case PROGRESS_WORSENING: return "worsening";
    default: return "too-early";
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double progress_median(const double *v, size_t n)
{
    double *copy = xmalloc((n ? n : 1) * sizeof *copy);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]))
            copy[k++] = v[i];
    double m = NAN;
    if (k) {
        qsort(copy, k, sizeof *copy, cmp_double);
        m = k % 2 ? copy[k / 2] : (copy[k / 2 - 1] + copy[k / 2]) / 2;
    }
    free(copy);
    return m;
}

double progress_theil_sen(const double *x, const double *y, size_t n, double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (n < 2)
        return NAN;
    size_t m = n * (n - 1) / 2, k = 0;
    double *s = xmalloc(m * sizeof *s);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (x[j] != x[i])
                s[k++] = (y[j] - y[i]) / (x[j] - x[i]);
    double slope = NAN;
    if (k) {
        qsort(s, k, sizeof *s, cmp_double);
        slope = k % 2 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
        if (n >= 4) {
            /* Sen (1968): the interval runs between order statistics of the slopes, offset by
             * z * sd(S) with Kendall's variance n(n-1)(2n+5)/18 (ties in y ignored). */
            double var_s = (double)n * (n - 1) * (2.0 * n + 5) / 18.0;
            double c = 1.959964 * sqrt(var_s);
            double m1 = (k - c) / 2, m2 = (k + c) / 2;
            long i1 = (long)floor(m1), i2 = (long)ceil(m2);
            if (i1 >= 0 && i2 < (long)k) {
                *lo = s[i1];
                *hi = s[i2];
            } else {
                *lo = -INFINITY;
                *hi = INFINITY;
            }
        }
    }
    free(s);
    return slope;
}

void progress_compute(const struct progress_input *in, const struct progress_config *c,
                      struct progress_result *out)
{
    memset(out, 0, sizeof *out);
    out->baseline = out->current = out->change_percent = out->trend_change_percent = NAN;
    out->slope_per_week = out->slope_lo = out->slope_hi = NAN;
    out->status = PROGRESS_TOO_EARLY;

    size_t nb = (size_t)c->baseline_days < in->n_days ? (size_t)c->baseline_days : in->n_days;
    out->baseline = progress_median(in->daily, nb);
    if (in->n_days >= 7)
        out->current = progress_median(in->daily + in->n_days - 7, 7);
    out->weeks = (int)(in->n_days / 7);

    /* Weekly medians over consecutive 7-day blocks from the first day. */
    double xs[PROGRESS_MAX_WEEKS], ys[PROGRESS_MAX_WEEKS];
    size_t npts = 0;
    for (size_t w = 0; w * 7 < in->n_days && w < PROGRESS_MAX_WEEKS; w++) {
        struct progress_week *wk = &out->week[out->n_weeks++];
        size_t len = in->n_days - w * 7 < 7 ? in->n_days - w * 7 : 7;
        wk->start_day = in->first_day + (int64_t)(w * 7);
        for (size_t d = 0; d < len; d++)
            wk->days_rated += !isnan(in->daily[w * 7 + d]);
        wk->median = wk->days_rated >= c->min_days_per_week ? progress_median(in->daily + w * 7, len) : NAN;
        if (!isnan(wk->median)) {
            xs[npts] = (double)w;
            ys[npts] = wk->median;
            npts++;
        }
    }
    out->slope_per_week = progress_theil_sen(xs, ys, npts, &out->slope_lo, &out->slope_hi);

    int enough = !isnan(out->baseline) && !isnan(out->current) &&
                 in->n_days >= (size_t)c->baseline_days + 7 && npts >= 3;
    if (!enough) {
        snprintf(out->advice, sizeof out->advice,
                 "Too early to judge: trp compares your first %d days with later weeks and needs "
                 "at least %d days with ratings in three weeks. Keep logging your pain daily.",
                 c->baseline_days, c->min_days_per_week);
        return;
    }
    if (out->baseline > 0) {
        out->change_percent = (out->baseline - out->current) / out->baseline * 100;
        /* The trend's value at the last rated week: median line through the points. */
        double xbar_med = progress_median(xs, npts), ybar_med = progress_median(ys, npts);
        double fitted = ybar_med + out->slope_per_week * (xs[npts - 1] - xbar_med);
        out->trend_change_percent = (out->baseline - fitted) / out->baseline * 100;
    } else {
        /* A baseline of 0 cannot improve by a percentage; any rise is worsening. */
        out->change_percent = out->current > 0 ? -100 : 0;
        out->trend_change_percent = out->change_percent;
    }

    int trend_up = !isnan(out->slope_lo) && out->slope_lo > 0;
    int trend_down = !isnan(out->slope_hi) && out->slope_hi < 0;
    if (out->trend_change_percent >= c->improve_pct ||
        (out->change_percent >= c->improve_pct && !trend_up))
        out->status = PROGRESS_IMPROVING;
    else if (out->trend_change_percent <= -c->worsen_pct ||
             (out->change_percent <= -c->worsen_pct && trend_up))
        out->status = PROGRESS_WORSENING;
    else
        out->status = PROGRESS_NO_CHANGE;
    (void)trend_down;

    if (out->status == PROGRESS_WORSENING && out->weeks >= c->worsen_weeks)
        out->seek_other_opinion = 1;
    if (out->status != PROGRESS_IMPROVING && out->weeks >= c->seek_weeks)
        out->seek_other_opinion = 1;

    const char *cite = "(IMMPACT: Dworkin et al., J Pain 2008, counts 30% less pain as a "
                       "moderately important change.)";
    switch (out->status) {
    case PROGRESS_IMPROVING:
        snprintf(out->advice, sizeof out->advice,
                 "Your pain is about %.0f%% lower than in your first weeks (trend %.0f%%): a "
                 "meaningful improvement %s Setbacks along the way are normal; keep going.",
                 out->change_percent, out->trend_change_percent, cite);
        break;
    case PROGRESS_WORSENING:
        snprintf(out->advice, sizeof out->advice,
                 "Your pain is about %.0f%% higher than in your first weeks and the trend is "
                 "upward. %s %s",
                 -out->change_percent,
                 out->seek_other_opinion ? "Please see your doctor or another therapist soon: "
                                           "this course is not what self-care should give."
                                         : "If this continues for another week or two, seek "
                                           "another opinion.",
                 cite);
        break;
    default:
        snprintf(out->advice, sizeof out->advice,
                 "After %d weeks your pain has changed by %.0f%% (trend %.0f%%), less than the "
                 "30%% that counts as a meaningful improvement. %s %s",
                 out->weeks, out->change_percent, out->trend_change_percent,
                 out->seek_other_opinion
                     ? "Several weeks without noticeable improvement is the point to seek "
                       "another opinion: ask your doctor or a different therapist to look again."
                     : "Keep going and review again in a week or two.",
                 cite);
        break;
    }
}
