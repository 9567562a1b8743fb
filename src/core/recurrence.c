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
}

static void classic(struct recurrence_config *c)
{
    recurrence_config_default(c);
    c->rise_kind = RISE_POINTS;
    c->rise = 2;
    c->min_level = 4;
    c->calm_minutes = 24 * 60;
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
        } else if (!strcmp(k, "window")) {
            if (number(v, 3, 60, &x) || x != floor(x))
                return trp_err_set(err, TRP_EINVAL, "flare definition: window must be 3-60 days");
            c->baseline_days = (int)x;
        } else {
            return trp_err_set(err, TRP_EINVAL, "flare definition: unknown setting \"%.20s\" (rise, k, min, floor, "
                                                "calm, hold, window)",
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
    snprintf(buf, size, "rise=%s,floor=%g,calm=%s,hold=%s,window=%d", rise, c->min_level,
             fmt_span(c->calm_minutes, calm, sizeof calm), fmt_span(c->sustain_minutes, hold, sizeof hold),
             c->baseline_days);
    return buf;
}

char *recurrence_config_describe(const struct recurrence_config *c, char *buf, size_t size)
{
    char rise[160], floor_[48] = "", calm[96], hold[16];
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
    if (c->calm_minutes)
        snprintf(calm, sizeof calm, "; a new one needs %s back at the usual level first",
                 fmt_span(c->calm_minutes, hold, sizeof hold));
    else
        snprintf(calm, sizeof calm, "; a new rise after that is a new flare-up, even the same day");
    snprintf(buf, size,
             "A flare-up: pain %s above your usual level (median of the previous %d days, leaving out earlier "
             "flare-ups)%s, still that high %s later; it ends when pain is back at the usual level%s (after Suri "
             "et al., Spine 2018).",
             rise, c->baseline_days, floor_, fmt_span(c->sustain_minutes, hold, sizeof hold), calm);
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

struct walk {
    const struct recurrence_config *c;
    int64_t first, last;
    double *median;
    char *in_flare;
    double *tmp;
    int64_t cached_day;
    double cached_base, cached_rise;
};

/* The day-to-day spread: the median absolute change between successive days' medians
 * (flare days included: leaving them out made the spread shrink as flares were found, and
 * a busy diary found ever more), scaled to a standard deviation of one day's level: x1.4826
 * for the MAD, /sqrt(2) because a difference carries two days' noise (the robust form of
 * von Neumann's successive-difference estimator, Ann Math Stat 1941). Differences leave
 * out a slow drift of the usual level (a course improving over months is not day-to-day
 * noise), and the median leaves out the odd big change (a flare the rule missed). */
static double successive_spread(const struct walk *w, int64_t from, int64_t to, double *tmp)
{
    size_t n = 0;
    double prev = NAN;
    for (int64_t b = from; b < to; b++) {
        if (b < w->first || isnan(w->median[b - w->first]))
            continue;
        if (!isnan(prev))
            tmp[n++] = fabs(w->median[b - w->first] - prev);
        prev = w->median[b - w->first];
    }
    return n ? 1.4826 * median_inplace(tmp, n) / sqrt(2) : 0;
}

/* The usual level and the rise that counts as a flare on `day`. */
static void usual(struct walk *w, int64_t day, double *base, double *rise)
{
    if (w->cached_day == day) {
        *base = w->cached_base;
        *rise = w->cached_rise;
        return;
    }
    const struct recurrence_config *c = w->c;
    /* The last baseline_days diary days outside flares, looking back at most spread_days:
     * in a busy spell the last week may hold too few calm days to say what usual is. */
    size_t k = 0;
    for (int64_t b = day - 1; b >= day - c->spread_days && k < (size_t)c->baseline_days; b--)
        if (b >= w->first && !isnan(w->median[b - w->first]) && !w->in_flare[b - w->first])
            w->tmp[k++] = w->median[b - w->first];
    /* The diary's first days have no past to go by: the usual level is then read from
     * the days that follow (as many as the window holds), so that flares in the first
     * weeks are not lost for want of a baseline. Only the diary's start: later, a gap in
     * the past is a gap. */
    if (k < (size_t)c->min_baseline_days && day - w->first < c->spread_days)
        for (int64_t b = day + 1; b <= day + c->spread_days && b <= w->last && k < (size_t)c->baseline_days; b++)
            if (!isnan(w->median[b - w->first]) && !w->in_flare[b - w->first])
                w->tmp[k++] = w->median[b - w->first];
    *base = k >= (size_t)c->min_baseline_days ? median_inplace(w->tmp, k) : NAN;
    if (c->rise_kind == RISE_POINTS) {
        *rise = c->rise;
    } else if (c->rise_kind == RISE_PERCENT) {
        *rise = fmax(c->rise / 100 * (isnan(*base) ? 0 : *base), c->min_rise);
    } else {
        k = 0;
        for (int64_t b = day - c->spread_days; b < day; b++)
            k += b >= w->first && !isnan(w->median[b - w->first]) && !w->in_flare[b - w->first];
        /* Under a week of days is too little to trust a small spread: the rise is then at
         * least 2 points. */
        double sd = successive_spread(w, day - c->spread_days, day, w->tmp);
        *rise = fmax(c->spread_k * sd, k >= 7 ? c->min_rise : fmax(2, c->min_rise));
    }
    w->cached_day = day;
    w->cached_base = *base;
    w->cached_rise = *rise;
}

static void mark(struct walk *w, int64_t from, int64_t to)
{
    for (int64_t d = from; d <= to; d++)
        if (d >= w->first && d <= w->last)
            w->in_flare[d - w->first] = 1;
    w->cached_day = INT64_MIN;
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
    /* Bucket the ratings by day (counting sort), then one median per day. */
    size_t *start = xcalloc(nd + 1, sizeof *start), *fill = xcalloc(nd, sizeof *fill);
    for (size_t i = 0; i < n; i++)
        start[day[i] - first + 1]++;
    for (size_t d = 0; d < nd; d++)
        start[d + 1] += start[d];
    double *byday = xmalloc(n * sizeof *byday);
    for (size_t i = 0; i < n; i++) {
        size_t d = (size_t)(day[i] - first);
        byday[start[d] + fill[d]++] = r[i].value;
    }
    struct walk w = {c, first, last, xmalloc(nd * sizeof(double)), xcalloc(nd, 1),
                     xmalloc((n + (size_t)c->spread_days + (size_t)c->baseline_days) * sizeof(double)), INT64_MIN, 0,
                     0};
    for (size_t d = 0; d < nd; d++) {
        size_t k = start[d + 1] - start[d];
        w.median[d] = k ? median_inplace(&byday[start[d]], k) : NAN;
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
        double base, rise;
        usual(&w, day[i], &base, &rise);
        int onset = r[i].flare;
        if (!onset && !isnan(base) && r[i].value >= base + rise && r[i].value >= c->min_level) {
            /* Sustained: no rating falls back to the usual level (within half the rise of
             * it, the same test that ends a flare) up to and including the first one at
             * least sustain_minutes later. A rating a little lower is noise; the next
             * morning's rating after an evening onset need not reach the peak again. */
            onset = c->sustain_minutes == 0;
            for (size_t j = i + 1; j < n && !onset; j++) {
                int64_t dt = (r[j].at.utc - r[i].at.utc) / 60;
                if (dt > 24 * 60 || r[j].value <= base + rise / 2)
                    break;
                if (dt >= c->sustain_minutes) {
                    onset = 1; /* still clearly above the usual level */
                    break;
                }
            }
        }
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
    free(w.median);
    free(w.in_flare);
    free(w.tmp);
    return count;
}
