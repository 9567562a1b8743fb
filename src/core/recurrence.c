/*
 * recurrence.h. Daily medians are computed once (ratings bucketed by day); each day's usual
 * level and spread then look back over the previous days' medians, so the whole pass is
 * linear in the number of ratings plus days times the spread window. The walk itself is
 * rating by rating, so a flare can end and a new one begin on the same day.
 */
#include "core/recurrence.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void recurrence_config_default(struct recurrence_config *c)
{
    c->baseline_days = 7;
    c->min_baseline_days = 3;
    c->spread_days = 28;
    c->rise_kind = RISE_ADAPTIVE;
    c->rise = 2;
    c->spread_k = 2;
    c->min_rise = 1;
    c->min_level = 0;
    c->sustain_minutes = 120;
    c->calm_minutes = 0;
    c->evidence = 2.5;
}

static void classic(struct recurrence_config *c)
{
    recurrence_config_default(c);
    c->rise_kind = RISE_POINTS;
    c->rise = 2;
    c->min_level = 4;
    c->calm_minutes = 24 * 60;
    c->evidence = 0;
}

static int number(const char *v, double lo, double hi, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= lo && x <= hi))
        return -1;
    *out = x;
    return 0;
}

/* "0", "90m", "6h", "1d", "1.5d": minutes, at most max_days. */
static int span(const char *v, int max_days, int *minutes)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || !(x >= 0))
        return -1;
    double unit = !strcmp(end, "d") ? 1440 : !strcmp(end, "h") ? 60 : !strcmp(end, "m") ? 1 : x == 0 && !*end ? 1 : -1;
    if (unit < 0 || x * unit > max_days * 1440.0)
        return -1;
    *minutes = (int)lround(x * unit);
    return 0;
}

int recurrence_config_parse(const char *spec, struct recurrence_config *c, struct trp_err *err)
{
    char buf[256];
    if (!spec || !*spec || strlen(spec) >= sizeof buf)
        return trp_err_set(err, TRP_EINVAL, "flare definition: give a preset (adaptive, classic) or settings "
                                            "such as rise=1.5,floor=0,calm=1d");
    strcpy(buf, spec);
    char *save = NULL;
    for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) {
            if (!strcmp(item, "adaptive"))
                recurrence_config_default(c);
            else if (!strcmp(item, "classic"))
                classic(c);
            else
                return trp_err_set(err, TRP_EINVAL, "flare definition: \"%.40s\" is not a preset (adaptive, classic) "
                                                    "or a setting like rise=1.5",
                                   item);
            continue;
        }
        *eq = 0;
        const char *k = item, *v = eq + 1;
        double x = 0;
        int m = 0, bad = 0;
        if (!strcmp(k, "rise")) {
            size_t len = strlen(v);
            if (!strcmp(v, "auto"))
                c->rise_kind = RISE_ADAPTIVE;
            else if (len > 1 && v[len - 1] == '%') {
                char num[32];
                snprintf(num, sizeof num, "%.*s", (int)(len - 1), v);
                bad = number(num, 1, 200, &x);
                c->rise_kind = RISE_PERCENT;
                c->rise = x;
            } else {
                bad = number(v, 0.1, 10, &x);
                c->rise_kind = RISE_POINTS;
                c->rise = x;
            }
            if (bad)
                return trp_err_set(err, TRP_EINVAL, "flare definition: rise must be auto, points (0.1-10) or a "
                                                    "percentage of the usual level (1%%-200%%), not \"%.20s\"",
                                   v);
        } else if (!strcmp(k, "k")) {
            if (number(v, 0.5, 5, &x))
                return trp_err_set(err, TRP_EINVAL, "flare definition: k (spreads above usual) must be 0.5-5");
            c->spread_k = x;
        } else if (!strcmp(k, "min")) {
            if (number(v, 0, 10, &x))
                return trp_err_set(err, TRP_EINVAL, "flare definition: min (the least rise) must be 0-10 points");
            c->min_rise = x;
        } else if (!strcmp(k, "floor")) {
            if (number(v, 0, 10, &x))
                return trp_err_set(err, TRP_EINVAL, "flare definition: floor must be 0-10");
            c->min_level = x;
        } else if (!strcmp(k, "calm")) {
            if (span(v, 14, &m))
                return trp_err_set(err, TRP_EINVAL, "flare definition: calm must be 0 or a time like 6h or 1d "
                                                    "(at most 14d), not \"%.20s\"",
                                   v);
            c->calm_minutes = m;
        } else if (!strcmp(k, "hold")) {
            if (span(v, 1, &m) || m > 1440)
                return trp_err_set(err, TRP_EINVAL, "flare definition: hold must be 0 or a time like 2h "
                                                    "(at most 24h), not \"%.20s\"",
                                   v);
            c->sustain_minutes = m;
        } else if (!strcmp(k, "z")) {
            if (number(v, 0, 5, &x))
                return trp_err_set(err, TRP_EINVAL, "flare definition: z (how clear of day-to-day noise, in standard "
                                                    "errors) must be 0-5");
            c->evidence = x;
        } else if (!strcmp(k, "window")) {
            if (number(v, 3, 60, &x) || x != floor(x))
                return trp_err_set(err, TRP_EINVAL, "flare definition: window must be 3-60 days");
            c->baseline_days = (int)x;
        } else {
            return trp_err_set(err, TRP_EINVAL, "flare definition: unknown setting \"%.20s\" (rise, k, min, floor, "
                                                "calm, hold, z, window)",
                               k);
        }
    }
    return 0;
}

static char *fmt_span(int minutes, char *buf, size_t size)
{
    if (minutes == 0)
        snprintf(buf, size, "0");
    else if (minutes % 1440 == 0)
        snprintf(buf, size, "%dd", minutes / 1440);
    else if (minutes % 60 == 0)
        snprintf(buf, size, "%dh", minutes / 60);
    else
        snprintf(buf, size, "%dm", minutes);
    return buf;
}

char *recurrence_config_format(const struct recurrence_config *c, char *buf, size_t size)
{
    char rise[96], calm[16], hold[16];
    if (c->rise_kind == RISE_ADAPTIVE)
        snprintf(rise, sizeof rise, "auto,k=%g,min=%g", c->spread_k, c->min_rise);
    else if (c->rise_kind == RISE_PERCENT)
        snprintf(rise, sizeof rise, "%g%%,min=%g", c->rise, c->min_rise);
    else
        snprintf(rise, sizeof rise, "%g", c->rise);
    snprintf(buf, size, "rise=%s,floor=%g,calm=%s,hold=%s,z=%g,window=%d", rise, c->min_level,
             fmt_span(c->calm_minutes, calm, sizeof calm), fmt_span(c->sustain_minutes, hold, sizeof hold),
             c->evidence, c->baseline_days);
    return buf;
}

char *recurrence_config_describe(const struct recurrence_config *c, char *buf, size_t size)
{
    char rise[160], floor_[48] = "", calm[96], hold[16], clear[96] = "";
    if (c->rise_kind == RISE_ADAPTIVE)
        snprintf(rise, sizeof rise, "at least %g times your usual day-to-day spread (and at least %g point%s)",
                 c->spread_k, c->min_rise, c->min_rise == 1 ? "" : "s");
    else if (c->rise_kind == RISE_PERCENT)
        snprintf(rise, sizeof rise, "at least %g%% (and at least %g point%s)", c->rise, c->min_rise,
                 c->min_rise == 1 ? "" : "s");
    else
        snprintf(rise, sizeof rise, "at least %g point%s", c->rise, c->rise == 1 ? "" : "s");
    if (c->min_level > 0)
        snprintf(floor_, sizeof floor_, " and at least %g/10", c->min_level);
    if (c->evidence > 0)
        snprintf(clear, sizeof clear, ", and raised long enough to stand clear of your day-to-day ups and downs");
    if (c->calm_minutes)
        snprintf(calm, sizeof calm, "; a new one needs %s back at the usual level first",
                 fmt_span(c->calm_minutes, hold, sizeof hold));
    else
        snprintf(calm, sizeof calm, "; a new rise after that is a new flare-up, even the same day");
    snprintf(buf, size,
             "A flare-up: pain %s above your usual level (median of the previous %d days, leaving out earlier "
             "flare-ups)%s, still raised %s later%s; it ends when pain is back at the usual level%s (after Suri "
             "et al., Spine 2018).",
             rise, c->baseline_days, floor_, fmt_span(c->sustain_minutes, hold, sizeof hold), clear, calm);
    return buf;
}

int recurrence_has_decimals(const struct recurrence_rating *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].value != floor(r[i].value))
            return 1;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n), sorting it in place (n > 0). */
static double median_inplace(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The median of v[0..n) (n > 0, sorted in place) read as grouped data: each distinct value
 * stands for an interval one rating step wide (the step being the smallest gap between the
 * values), and the median is interpolated within the interval it falls in, the textbook
 * median of grouped data. Ratings are whole numbers or halves: a plain median can only
 * jump by a step (a usual level of 3 or 3.5, a spread of 0.52 or 1.05, nothing between),
 * which is as coarse as the flares on a quiet scale. For absolute differences (absolute
 * set) 0 stands for only half a step (a difference under half a step rounds to 0).
 * Without ties it is the plain median. */
static double grouped_median(double *v, size_t n, int absolute)
{
    qsort(v, n, sizeof *v, cmp_double);
    double step = 0;
    int ties = 0;
    for (size_t i = 1; i < n; i++) {
        double gap = v[i] - v[i - 1];
        if (gap < 1e-9)
            ties = 1;
        else if (step == 0 || gap < step)
            step = gap;
    }
    if (!ties || step == 0)
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    double half = n / 2.0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && v[j] - v[i] < 1e-9; j++)
            ;
        if ((double)j >= half) {
            int zero = absolute && v[i] < 1e-9;
            double lo = zero ? 0 : v[i] - step / 2, width = zero ? step / 2 : step;
            return lo + (half - (double)i) / (double)(j - i) * width;
        }
    }
    return v[n - 1];
}

struct walk {
    const struct recurrence_config *c;
    int64_t first, last;
    double *median;         /* per day: the median rating (NaN: no rating) */
    const double *value;    /* ratings by day, in time order within the day */
    const int *minute;      /* their local minute of the day */
    const size_t *start;    /* day d's ratings: [start[d], start[d + 1]) */
    char *in_flare;
    double *tmp;
    int64_t cached_day;
    double cached_base, cached_rise, cached_spread;
};

/* The day-to-day spread of single ratings: each rating against the one nearest the same
 * time of day on the day before (within 2 hours), over the days before `to` back to
 * `from`, leaving out pairs with a day in a flare; the grouped median absolute difference
 * scaled to a standard deviation of one rating (x1.4826 for the MAD, /sqrt 2 because a
 * difference carries two ratings' noise: the robust form of von Neumann's successive-
 * difference estimator, Ann Math Stat 1941). The same time the day before leaves out the
 * person's rhythm over the day (mornings at 2 and evenings at 4 every day is no noise) and
 * a slow drift of the course; single ratings, not daily medians, because it is single
 * ratings that the rule tests. NaN with fewer than 10 pairs. */
static double rating_spread(const struct walk *w, int64_t from, int64_t to, double *tmp)
{
    size_t n = 0;
    for (int64_t b = from < w->first + 1 ? w->first + 1 : from; b < to; b++) {
        size_t d = (size_t)(b - w->first);
        if (w->in_flare[d] || w->in_flare[d - 1])
            continue;
        for (size_t q = w->start[d]; q < w->start[d + 1]; q++) {
            int best = 121;
            double prev = 0;
            for (size_t p = w->start[d - 1]; p < w->start[d]; p++) {
                int gap = abs(w->minute[p] - w->minute[q]);
                if (gap < best)
                    best = gap, prev = w->value[p];
            }
            if (best <= 120)
                tmp[n++] = fabs(w->value[q] - prev);
        }
    }
    return n >= 10 ? 1.4826 * grouped_median(tmp, n, 1) / sqrt(2) : NAN;
}

/* The usual level on `day` from calm days' medians (cand, newest first, with their days):
 * the grouped median of the ratings of the newest baseline_days of them, leaving out days
 * whose median is itself half a rise or more above that level, repeated until it settles
 * (a skipped median), starting from the level of all of them. A flare the rule missed would otherwise count as a usual day, raise
 * the bar and hide the next flare, and in a busy spell the bar crept up until nothing was
 * found any more. */
static double skipped_level(const struct walk *w, const double *cand, const int64_t *cday, size_t nc,
                            double rise_points, double *tmp)
{
    const struct recurrence_config *c = w->c;
    /* Start from all the calm days in the window, not the newest week: a week of days
     * that looked like a flare is a minority of four, and the first level then skips them. */
    size_t n0 = 0;
    for (size_t q = 0; q < nc; q++) {
        size_t d = (size_t)(cday[q] - w->first);
        for (size_t i = w->start[d]; i < w->start[d + 1]; i++)
            tmp[n0++] = w->value[i];
    }
    if (nc < (size_t)c->min_baseline_days)
        return NAN;
    double level = grouped_median(tmp, n0, 0);
    for (int it = 0; it < 20; it++) {
        double rise = c->rise_kind == RISE_PERCENT && isfinite(level) ? fmax(c->rise / 100 * level, c->min_rise)
                                                                      : rise_points;
        size_t days = 0, n = 0;
        for (size_t q = 0; q < nc && days < (size_t)c->baseline_days; q++) {
            if (!(cand[q] < level + rise / 2))
                continue;
            days++;
            size_t d = (size_t)(cday[q] - w->first);
            for (size_t i = w->start[d]; i < w->start[d + 1]; i++)
                tmp[n++] = w->value[i];
        }
        if (days < (size_t)c->min_baseline_days)
            break; /* keep the last level that had enough days */
        double next = grouped_median(tmp, n, 0);
        if (fabs(next - level) < 1e-9)
            break;
        level = next;
    }
    return isfinite(level) ? level : NAN;
}

/* The usual level, the rise that counts as a flare and the spread of single ratings on
 * `day`. */
static void usual(struct walk *w, int64_t day, double *base, double *rise, double *spread)
{
    if (w->cached_day == day) {
        *base = w->cached_base;
        *rise = w->cached_rise;
        *spread = w->cached_spread;
        return;
    }
    const struct recurrence_config *c = w->c;
    size_t window = (size_t)c->spread_days;
    /* Calm days back to spread_days: in a busy spell the last week may hold too few calm
     * days to say what usual is. */
    double *cand = w->tmp;
    int64_t *cday = (int64_t *)(w->tmp + 2 * window + 2);
    double *tmp = w->tmp + 4 * window + 4;
    size_t nc = 0, calm_days = 0;
    for (int64_t b = day - 1; b >= day - c->spread_days; b--)
        if (b >= w->first && !isnan(w->median[b - w->first]) && !w->in_flare[b - w->first])
            cday[nc] = b, cand[nc++] = w->median[b - w->first];
    calm_days = nc;
    /* The diary's first days have no past to go by: the usual level is then read from
     * the days that follow (as many as the window holds), so that flares in the first
     * weeks are not lost for want of a baseline. Only the diary's start: later, a gap in
     * the past is a gap. */
    if (nc < (size_t)c->min_baseline_days && day - w->first < c->spread_days)
        for (int64_t b = day + 1; b <= day + c->spread_days && b <= w->last && nc < 2 * window; b++)
            if (!isnan(w->median[b - w->first]) && !w->in_flare[b - w->first])
                cday[nc] = b, cand[nc++] = w->median[b - w->first];
    *spread = rating_spread(w, day - c->spread_days, day, tmp);
    double points;
    if (c->rise_kind == RISE_POINTS) {
        points = c->rise;
    } else if (c->rise_kind == RISE_PERCENT) {
        points = c->min_rise; /* the level decides it, in skipped_level */
    } else {
        /* Under a week of calm days is too little to trust a small spread: the rise is
         * then at least 2 points. */
        double least = calm_days >= 7 ? c->min_rise : fmax(2, c->min_rise);
        points = fmax(c->spread_k * (isnan(*spread) ? 0 : *spread), least);
    }
    *base = skipped_level(w, cand, cday, nc, points, tmp);
    *rise = c->rise_kind == RISE_PERCENT ? fmax(c->rise / 100 * (isnan(*base) ? 0 : *base), c->min_rise) : points;
    w->cached_day = day;
    w->cached_base = *base;
    w->cached_rise = *rise;
    w->cached_spread = *spread;
}

static void mark(struct walk *w, int64_t from, int64_t to)
{
    for (int64_t d = from; d <= to; d++)
        if (d >= w->first && d <= w->last)
            w->in_flare[d - w->first] = 1;
    w->cached_day = INT64_MIN;
}

/* Is the rise at rating i (at least base + rise) a flare? Sustained: no rating falls back
 * to the usual level (within half the rise of it, the test that ends a flare) up to and
 * including the first one sustain_minutes or more later; a rating a little lower is noise,
 * and the next morning's rating after an evening onset need not reach the peak again.
 * And clear of noise (c->evidence > 0): the ratings from the onset on, each counted by how
 * far it stands above usual + half the rise (the reference value of Page's CUSUM, Biometrika
 * 1954, for a shift of one rise), must add up to `evidence` standard errors (spread x
 * sqrt(ratings)) before pain is back or 36 hours have passed. A rise of 1.5 on a scale that
 * wanders by 0.7 needs a day of it; a rise of 3 on a steady scale, the 2 hours. */
static int sustained(const struct recurrence_rating *r, size_t n, size_t i, double base, double rise,
                     double spread, const struct recurrence_config *c)
{
    if (c->sustain_minutes == 0 && c->evidence <= 0)
        return 1;
    double ref = base + rise / 2, sum = r[i].value - ref;
    /* A diary that never moves still has the rounding of its ratings: a spread of at
     * least a quarter point (whole numbers round by up to half a point, sd 0.29). */
    double se = fmax(isnan(spread) ? rise / c->spread_k : spread, 0.25);
    for (size_t j = i + 1; j < n; j++) {
        int64_t dt = (r[j].at.utc - r[i].at.utc) / 60;
        if (dt > 36 * 60 || r[j].value <= ref)
            return 0;
        sum += r[j].value - ref;
        if (dt >= c->sustain_minutes && sum >= c->evidence * se * sqrt((double)(j - i + 1)))
            return 1;
    }
    return 0;
}

size_t recurrence_detect(const struct recurrence_rating *r, size_t n,
                         const struct recurrence_config *c, struct recurrence *out, size_t max)
{
    if (n == 0 || max == 0)
        return 0;
    int64_t *day = xmalloc(n * sizeof *day);
    int64_t first = INT64_MAX, last = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        day[i] = trp_time_local_day(&r[i].at);
        if (day[i] < first)
            first = day[i];
        if (day[i] > last)
            last = day[i];
    }
    size_t nd = (size_t)(last - first + 1);
    /* Bucket the ratings by day (counting sort, stable: time order within a day), then
     * one median per day. */
    size_t *start = xcalloc(nd + 1, sizeof *start), *fill = xcalloc(nd, sizeof *fill);
    for (size_t i = 0; i < n; i++)
        start[day[i] - first + 1]++;
    for (size_t d = 0; d < nd; d++)
        start[d + 1] += start[d];
    double *byday = xmalloc(n * sizeof *byday), *sorted = xmalloc(n * sizeof *sorted);
    int *minute = xmalloc(n * sizeof *minute);
    for (size_t i = 0; i < n; i++) {
        size_t d = (size_t)(day[i] - first), k = start[d] + fill[d]++;
        byday[k] = r[i].value;
        int64_t local = r[i].at.utc + (int64_t)r[i].at.offset_min * 60;
        minute[k] = (int)(((local % 86400) + 86400) % 86400 / 60);
    }
    memcpy(sorted, byday, n * sizeof *sorted);
    size_t window = (size_t)c->spread_days;
    struct walk w = {c, first, last, xmalloc(nd * sizeof(double)), byday, minute, start, xcalloc(nd, 1),
                     xmalloc((4 * window + 4 + 4 * n + 16) * sizeof(double)), INT64_MIN, 0, 0, 0};
    for (size_t d = 0; d < nd; d++) {
        size_t k = start[d + 1] - start[d];
        w.median[d] = k ? median_inplace(&sorted[start[d]], k) : NAN;
    }

    size_t count = 0;
    struct recurrence *run = NULL;   /* the flare running now */
    int64_t calm_until = INT64_MIN;  /* utc before which a rise extends the last flare */
    for (size_t i = 0; i < n; i++) {
        if (run) {
            if (r[i].value <= run->baseline + run->rise / 2) {
                /* Back at the usual level: it has ended. */
                run->days = day[i] - run->onset_day > 0 ? (int)(day[i] - run->onset_day) : 1;
                run->ongoing = 0;
                calm_until = r[i].at.utc + (int64_t)c->calm_minutes * 60;
                run = NULL;
            } else {
                if (r[i].value > run->peak)
                    run->peak = r[i].value;
                mark(&w, day[i], day[i]);
            }
            continue;
        }
        if (count && r[i].at.utc < calm_until && !r[i].flare) {
            /* Raised again before the calm period is over: the same flare goes on, rather
             * than a new onset being dated to whenever the calm period happens to close. */
            struct recurrence *prev = &out[count - 1];
            if (r[i].value >= prev->baseline + prev->rise) {
                run = prev;
                run->ongoing = 1;
                run->days = (int)(last - run->onset_day) > 0 ? (int)(last - run->onset_day) : 1;
                if (r[i].value > run->peak)
                    run->peak = r[i].value;
                mark(&w, run->onset_day, day[i]);
            }
            continue;
        }
        if (count == max)
            break;
        /* "Worse than it has been recently" means worse than the usual level between
         * flares, else a run of flares would raise the bar and hide the next one. */
        double base, rise, spread;
        usual(&w, day[i], &base, &rise, &spread);
        int onset = r[i].flare;
        if (!onset && !isnan(base) && r[i].value >= base + rise && r[i].value >= c->min_level)
            onset = sustained(r, n, i, base, rise, spread, c);
        if (!onset)
            continue;
        run = &out[count++];
        memset(run, 0, sizeof *run);
        run->onset = r[i].at;
        run->onset_day = day[i];
        run->rise = rise;
        run->baseline = isnan(base) ? r[i].value - rise : base;
        run->manual = r[i].flare;
        run->peak = r[i].value;
        run->ongoing = 1;
        run->days = (int)(last - day[i]) > 0 ? (int)(last - day[i]) : 1;
        mark(&w, day[i], day[i]);
    }
    free(day);
    free(start);
    free(fill);
    free(byday);
    free(sorted);
    free(minute);
    free(w.median);
    free(w.in_flare);
    free(w.tmp);
    return count;
}
