/*
 * progress.h. Theil-Sen is computed here over at most a few hundred weekly points, so the
 * O(n^2) pairwise slopes are cheap and need no cleverness.
 */
#include "core/progress.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

void progress_config_default(struct progress_config *c)
{
    c->baseline_days = 14;
    c->change_points = 2;
    c->change_pct = 30;
    c->min_points = 1.5;
    c->current_weeks = 4;
    c->seek_weeks = 6;
    c->worsen_weeks = 3;
    c->min_days_per_week = 3;
    c->psfs_points = 2;
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

const char *progress_signal_name(enum progress_signal s)
{
    switch (s) {
    case PROGRESS_SIGNAL_BETTER: return "better";
    case PROGRESS_SIGNAL_SAME: return "no clear change";
    case PROGRESS_SIGNAL_WORSE: return "worse";
    default: return "not measured";
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

/* Rounds to one decimal without ever printing "-0.0". */
static double round1(double v)
{
    double r = round(v * 10) / 10;
    return r == 0 ? 0 : r;
}

/* "+0.4", "-0.2", and a bare "0.0", which carries no sign to over-read. */
static const char *signed1(double v, char buf[16])
{
    snprintf(buf, 16, v == 0 ? "%.1f" : "%+.1f", v);
    return buf;
}

void progress_trend_text(const struct progress_result *r, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!r->trend_shown)
        return;
    /* Weekly medians move in half points, so a weekly slope of a few hundredths is real
     * but unreadable; a month is the scale on which people feel a course change. */
    static const struct {
        double weeks;
        const char *unit;
    } scales[] = {{30.4375 / 7, "a month"}, {365.25 / 7, "a year"}};
    for (size_t i = 0; i < 2; i++) {
        double s = round1(r->slope_per_week * scales[i].weeks);
        double lo = round1(r->slope_lo * scales[i].weeks);
        double hi = round1(r->slope_hi * scales[i].weeks);
        /* Nothing readable on this scale, or an interval that collapses to one number
         * ("-0.1 (-0.1 to -0.1)" says less than it seems): the next scale shows more. */
        if ((s == 0 && lo == 0 && hi == 0) || (lo == hi && i + 1 < 2))
            continue;
        char a[3][16];
        snprintf(buf, size, "%s points %s (95%% interval %s to %s)", signed1(s, a[0]),
                 scales[i].unit, signed1(lo, a[1]), signed1(hi, a[2]));
        return;
    }
    snprintf(buf, size, "flat (under 0.1 points a year either way)");
}

void progress_change_text(const struct progress_result *r, char *buf, size_t size)
{
    buf[0] = '\0';
    if (isnan(r->baseline) || isnan(r->current))
        return;
    double d = round1(r->change_points);
    if (d == 0) {
        snprintf(buf, size, "from %.1f to %.1f (unchanged)", r->baseline, r->current);
        return;
    }
    if (!isnan(r->change_percent) && r->baseline >= 4)
        snprintf(buf, size, "from %.1f to %.1f (%.1f points, %.0f%% %s)", r->baseline,
                 r->current, fabs(d), fabs(r->change_percent), d > 0 ? "lower" : "higher");
    else
        snprintf(buf, size, "from %.1f to %.1f (%.1f points %s)", r->baseline, r->current,
                 fabs(d), d > 0 ? "lower" : "higher");
}

static enum progress_signal pain_signal(struct progress_result *out, const struct progress_config *c)
{
    if (isnan(out->baseline) || isnan(out->current))
        return PROGRESS_SIGNAL_NONE;
    double b = out->baseline;
    double thr = fmax(c->min_points, c->change_pct / 100 * b);
    if (thr > c->change_points)
        thr = c->change_points;
    out->threshold = thr;
    out->change_points = b - out->current;
    out->change_percent = b >= 1 ? out->change_points / b * 100 : NAN;
    /* A hair of tolerance: 6.0 -> 4.0 is exactly 2 points in decimal, not in binary. */
    if (out->change_points >= thr - 1e-9)
        return PROGRESS_SIGNAL_BETTER;
    if (-out->change_points >= thr - 1e-9)
        return PROGRESS_SIGNAL_WORSE;
    return PROGRESS_SIGNAL_SAME;
}

/* PSFS: each activity's first rating against its latest, averaged over the activities
 * rated at least twice on different days (Stratford et al. 1995 score the mean). */
static enum progress_signal function_signal(const struct progress_input *in,
                                            const struct progress_config *c,
                                            struct progress_result *out)
{
    double sum_first = 0, sum_last = 0;
    int n = 0;
    for (size_t i = 0; i < in->n_psfs; i++) {
        const struct progress_psfs_rating *p = &in->psfs[i];
        int seen_before = 0;
        for (size_t j = 0; j < i && !seen_before; j++)
            seen_before = strcmp(in->psfs[j].activity, p->activity) == 0;
        if (seen_before)
            continue;
        const struct progress_psfs_rating *last = p;
        for (size_t j = i + 1; j < in->n_psfs; j++)
            if (strcmp(in->psfs[j].activity, p->activity) == 0)
                last = &in->psfs[j];
        if (last->day <= p->day)
            continue;
        sum_first += p->value;
        sum_last += last->value;
        n++;
    }
    out->psfs_activities = n;
    out->psfs_first = out->psfs_latest = NAN;
    if (!n)
        return PROGRESS_SIGNAL_NONE;
    out->psfs_first = sum_first / n;
    out->psfs_latest = sum_last / n;
    double d = out->psfs_latest - out->psfs_first;
    if (d >= c->psfs_points - 1e-9)
        return PROGRESS_SIGNAL_BETTER;
    if (-d >= c->psfs_points - 1e-9)
        return PROGRESS_SIGNAL_WORSE;
    return PROGRESS_SIGNAL_SAME;
}

/* The latest PGIC answer, if recent: an answer from months ago says little about now. */
static enum progress_signal impression_signal(const struct progress_input *in,
                                              const struct progress_config *c,
                                              struct progress_result *out)
{
    if (!in->n_pgic || !in->n_days)
        return PROGRESS_SIGNAL_NONE;
    const struct progress_pgic_answer *a = &in->pgic[in->n_pgic - 1];
    int64_t last_day = in->first_day + (int64_t)in->n_days - 1;
    if (a->day < last_day - (int64_t)c->current_weeks * 7 + 1)
        return PROGRESS_SIGNAL_NONE;
    out->pgic_latest = a->value;
    out->pgic_day = a->day;
    return a->value <= 2 ? PROGRESS_SIGNAL_BETTER
         : a->value >= 6 ? PROGRESS_SIGNAL_WORSE
                         : PROGRESS_SIGNAL_SAME;
}

static const char *const pgic_words[] = {"", "very much improved", "much improved",
                                         "minimally improved", "no change", "minimally worse",
                                         "much worse", "very much worse"};

static void write_reason(struct progress_result *out)
{
    struct strbuf sb;
    strbuf_init(&sb, sizeof out->reason);
    char change[128];
    progress_change_text(out, change, sizeof change);
    if (out->pain != PROGRESS_SIGNAL_NONE)
        strbuf_addf(&sb, "pain %s: %s", change, progress_signal_name(out->pain));
    if (out->function != PROGRESS_SIGNAL_NONE)
        strbuf_addf(&sb, "%sfunction (PSFS, %d activit%s) %.1f to %.1f: %s", sb.len ? "; " : "",
                    out->psfs_activities, out->psfs_activities == 1 ? "y" : "ies", out->psfs_first,
                    out->psfs_latest, progress_signal_name(out->function));
    if (out->impression != PROGRESS_SIGNAL_NONE)
        strbuf_addf(&sb, "%syour impression (PGIC) %d, %s", sb.len ? "; " : "", out->pgic_latest,
                    pgic_words[out->pgic_latest]);
    snprintf(out->reason, sizeof out->reason, "%s", strbuf_str(&sb));
    strbuf_release(&sb);
}

static void write_advice(struct progress_result *out, const struct progress_config *c, int short_course)
{
    struct strbuf sb;
    strbuf_init(&sb, sizeof out->advice);
    const char *rule = "A change counts when pain moves by 2 points, or by 30% when that is at "
                       "least 1.5 points (IMMPACT: Dworkin et al., J Pain 2008; Farrar et al., "
                       "Pain 2001).";
    char change[128];
    progress_change_text(out, change, sizeof change);
    switch (out->status) {
    case PROGRESS_TOO_EARLY:
        if (short_course)
            strbuf_addf(&sb, "Too early to judge: trp compares your first %d days with the "
                             "weeks after them and needs at least two more weeks. Keep logging "
                             "your pain daily, even on good days.",
                        c->baseline_days);
        else
            strbuf_addf(&sb, "Not enough ratings to judge: trp needs pain ratings on at least "
                             "%d days in each of the first two weeks and in two of the last "
                             "%d weeks. Keep logging your pain daily, even on good days.",
                        c->min_days_per_week, c->current_weeks);
        break;
    case PROGRESS_IMPROVING:
        if (out->pain == PROGRESS_SIGNAL_BETTER)
            strbuf_addf(&sb, "Your pain is clearly lower than at the start, %s. %s", change, rule);
        else if (out->function == PROGRESS_SIGNAL_BETTER)
            strbuf_addf(&sb, "What you can do has clearly improved: your activities went from "
                             "%.1f to %.1f out of 10 (a change of 2 points on the mean counts: "
                             "Stratford et al. 1995), even though the pain has not moved much. "
                             "Better function counts.",
                        out->psfs_first, out->psfs_latest);
        else
            strbuf_addf(&sb, "You rate yourself %s since you started (PGIC; \"much improved\" or "
                             "better counts: Hurst & Bolton 2004), even though the pain has not "
                             "moved much.",
                        pgic_words[out->pgic_latest]);
        strbuf_adds(&sb, " Setbacks along the way are normal; keep going.");
        break;
    case PROGRESS_WORSENING:
        if (out->pain == PROGRESS_SIGNAL_WORSE)
            strbuf_addf(&sb, "Your pain is clearly higher than at the start, %s.", change);
        else if (out->function == PROGRESS_SIGNAL_WORSE)
            strbuf_addf(&sb, "What you can do has clearly got worse: your activities went from "
                             "%.1f to %.1f out of 10.",
                        out->psfs_first, out->psfs_latest);
        else
            strbuf_addf(&sb, "You rate yourself %s since you started (PGIC).",
                        pgic_words[out->pgic_latest]);
        strbuf_adds(&sb, " Go through the warning signs again with 'trp intake'. ");
        strbuf_adds(&sb, out->seek_other_opinion
                             ? "Please see your doctor soon: this is not the course self-care "
                               "should take."
                             : "If it does not settle within a week or two, see your doctor.");
        break;
    case PROGRESS_NO_CHANGE:
        if ((out->pain == PROGRESS_SIGNAL_BETTER || out->function == PROGRESS_SIGNAL_BETTER ||
             out->impression == PROGRESS_SIGNAL_BETTER) &&
            (out->function == PROGRESS_SIGNAL_WORSE || out->impression == PROGRESS_SIGNAL_WORSE))
            strbuf_addf(&sb, "After %d weeks the signs point both ways (%s). ", out->weeks,
                        out->reason);
        else if (out->pain != PROGRESS_SIGNAL_NONE)
            strbuf_addf(&sb, "After %d weeks there is no clear change: pain went %s, and at your "
                             "baseline a change needs %.1f points. %s ",
                        out->weeks, change, out->threshold, rule);
        else
            strbuf_addf(&sb, "After %d weeks there is no clear change. ", out->weeks);
        strbuf_adds(&sb, out->seek_other_opinion
                             ? "Several weeks without noticeable improvement is the point to "
                               "seek another opinion: ask your doctor or a different therapist "
                               "to look again (NICE CKS neck pain: reassess at 4 weeks, consider "
                               "referral at 4-12 weeks)."
                             : "Keep going and review again in a week or two.");
        break;
    }
    snprintf(out->advice, sizeof out->advice, "%s", strbuf_str(&sb));
    strbuf_release(&sb);
}

void progress_compute(const struct progress_input *in, const struct progress_config *c,
                      struct progress_result *out)
{
    memset(out, 0, sizeof *out);
    out->baseline = out->current = out->change_points = out->change_percent = NAN;
    out->threshold = NAN;
    out->slope_per_week = out->slope_lo = out->slope_hi = NAN;
    out->psfs_first = out->psfs_latest = NAN;
    out->status = PROGRESS_TOO_EARLY;

    /* Weekly blocks from the first day of the course, so the baseline is weeks 0 and 1. A
     * course longer than PROGRESS_MAX_WEEKS keeps its first weeks (the caller limits it). */
    size_t n_days = in->n_days;
    if (n_days > (size_t)PROGRESS_MAX_WEEKS * 7)
        n_days = (size_t)PROGRESS_MAX_WEEKS * 7;
    out->weeks = (int)(n_days / 7);
    double xs[PROGRESS_MAX_WEEKS], ys[PROGRESS_MAX_WEEKS];
    size_t npts = 0;
    for (size_t w = 0; w * 7 < n_days; w++) {
        struct progress_week *wk = &out->week[out->n_weeks++];
        size_t len = n_days - w * 7 < 7 ? n_days - w * 7 : 7;
        wk->start_day = in->first_day + (int64_t)(w * 7);
        for (size_t d = 0; d < len; d++)
            wk->days_rated += !isnan(in->daily[w * 7 + d]);
        wk->median = wk->days_rated >= c->min_days_per_week ? progress_median(in->daily + w * 7, len)
                                                            : NAN;
        wk->psfs_mean = NAN;
        if (!isnan(wk->median)) {
            xs[npts] = (double)w;
            ys[npts] = wk->median;
            npts++;
        }
    }
    double psum[PROGRESS_MAX_WEEKS] = {0};
    int pn[PROGRESS_MAX_WEEKS] = {0};
    for (size_t i = 0; i < in->n_psfs; i++) {
        int64_t w = (in->psfs[i].day - in->first_day) / 7;
        if (in->psfs[i].day >= in->first_day && w < (int64_t)out->n_weeks) {
            psum[w] += in->psfs[i].value;
            pn[w]++;
        }
    }
    for (size_t w = 0; w < out->n_weeks; w++)
        out->week[w].psfs_mean = pn[w] ? psum[w] / pn[w] : NAN;
    for (size_t i = 0; i < in->n_pgic; i++) {
        int64_t w = (in->pgic[i].day - in->first_day) / 7;
        if (in->pgic[i].day >= in->first_day && w < (int64_t)out->n_weeks)
            out->week[w].pgic = in->pgic[i].value;
    }

    out->slope_per_week = progress_theil_sen(xs, ys, npts, &out->slope_lo, &out->slope_hi);
    out->trend_shown = npts >= 4 && isfinite(out->slope_per_week) && isfinite(out->slope_lo) &&
                       isfinite(out->slope_hi);

    /* Baseline: enough rated days for two valid weeks' worth. */
    size_t nb = (size_t)c->baseline_days < n_days ? (size_t)c->baseline_days : n_days;
    for (size_t d = 0; d < nb; d++)
        out->baseline_days_rated += !isnan(in->daily[d]);
    int base_weeks = (c->baseline_days + 6) / 7;
    if (out->baseline_days_rated >= base_weeks * c->min_days_per_week)
        out->baseline = progress_median(in->daily, nb);

    /* Current level: the last few weekly medians after the baseline weeks. */
    double cur[PROGRESS_MAX_WEEKS];
    size_t first_w = out->n_weeks > (size_t)c->current_weeks ? out->n_weeks - (size_t)c->current_weeks : 0;
    if (first_w < (size_t)base_weeks)
        first_w = (size_t)base_weeks;
    for (size_t w = first_w; w < out->n_weeks; w++)
        if (!isnan(out->week[w].median))
            cur[out->current_weeks++] = out->week[w].median;
    if (out->current_weeks >= 2)
        out->current = progress_median(cur, (size_t)out->current_weeks);

    int short_course = n_days < (size_t)c->baseline_days + 14;
    if (!short_course) {
        out->pain = pain_signal(out, c);
        out->function = function_signal(in, c, out);
        out->impression = impression_signal(in, c, out);
    }
    int better = out->pain == PROGRESS_SIGNAL_BETTER || out->function == PROGRESS_SIGNAL_BETTER ||
                 out->impression == PROGRESS_SIGNAL_BETTER;
    int worse = out->pain == PROGRESS_SIGNAL_WORSE || out->function == PROGRESS_SIGNAL_WORSE ||
                out->impression == PROGRESS_SIGNAL_WORSE;
    int any = out->pain || out->function || out->impression;
    if (out->pain == PROGRESS_SIGNAL_WORSE)
        out->status = PROGRESS_WORSENING; /* a clear rise of pain is never outweighed */
    else if (better && !worse)
        out->status = PROGRESS_IMPROVING;
    else if (worse && !better)
        out->status = PROGRESS_WORSENING;
    else if (any)
        out->status = PROGRESS_NO_CHANGE;

    if (out->status == PROGRESS_WORSENING) {
        out->recheck_red_flags = 1;
        out->seek_other_opinion = out->weeks >= c->worsen_weeks;
    } else if (out->status == PROGRESS_NO_CHANGE) {
        out->seek_other_opinion = out->weeks >= c->seek_weeks;
    }
    write_reason(out);
    write_advice(out, c, short_course);
}
