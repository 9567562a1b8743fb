/*
 * analysis.h. Entries are reduced to daily series as they arrive (tasks and treatments
 * summed per day, factors averaged per day, each entry's time kept for the same-day
 * window, pain ratings kept for flare detection), so a year of diary costs a few megabytes.
 * Each model is small (one row per eligible day in a block with a flare), so one model with
 * its interval and test is a few dozen likelihood evaluations.
 */
#include "core/analysis.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/timeutil.h"
#include "base/xalloc.h"
#include "stats/clogit.h"
#include "stats/fdr.h"
#include "stats/linalg.h"

#define MAX_SERIES 128
#define MAX_DAYS 4000
#define MAX_THREADS 8

/* One entry of a series, kept for the same-day window: its day, the local minute it was
 * logged at, and for a task the minutes it lasted up to then. */
struct event {
    int32_t day;
    int16_t minute, minutes;
    double value;
};

struct series {
    const char *name;
    enum analysis_kind kind;
    double sum[MAX_DAYS];
    int count[MAX_DAYS];
    int days_present;
    double lag0[MAX_DAYS]; /* the same day, before the onset (set by analysis_run) */
    double *build[2];      /* mean daily load over the previous 7 and 14 days (LAG_WEEK,
                              LAG_FORTNIGHT; set by analysis_run) */
    struct event *ev;
    size_t n_ev, cap_ev;
};

struct analysis {
    struct arena *a;
    int64_t first_day;
    int have_first;
    size_t n_days;
    size_t n_series;
    struct series *series[MAX_SERIES];
    struct recurrence_rating *ratings;
    size_t n_ratings, cap_ratings;
};

void analysis_config_default(struct analysis_config *c)
{
    c->block_days = 28;
    c->exclude_after = 0;
    c->min_flares = 5;
    c->target_flares = 15;
    c->min_exposed_events = 2;
    /* 1 in 12: when a diary holds nothing to find, Benjamini-Hochberg at level q calls
     * something "likely" with probability at most q (Benjamini & Hochberg, JRSS B 1995),
     * and issue 13 asks for at most 1 in 12 such diaries with a false "likely". Issue 4
     * used 0.05; in analysis_bench --held-out (600 diaries, with the flare dating of the
     * time) 1/12 raised recall from 51% to 56%, precision 95% -> 92.5%, null-diary alarms
     * 3% -> 5%. */
    c->fdr = 1.0 / 12;
    c->firth = 1;
    c->adjust = 1;
    c->use_fdr = 1;
    c->confirm = 1;
    c->weekend_prior_sd = 0.5;
    c->buildup = 1;
    c->per_exposure = 1;
    c->model_tap = NULL;
    c->model_tap_ctx = NULL;
    c->threads = 0;
    recurrence_config_default(&c->flare);
}

const char *analysis_verdict_name(enum analysis_verdict v)
{
    static const char *const names[] = {"not-enough-data", "no-evidence", "possible", "likely"};
    return names[v];
}

int analysis_estimable(double odds_ratio, double ci_lo, double ci_hi)
{
    return isfinite(odds_ratio) && ci_lo > 0 && isfinite(ci_hi) && ci_hi / ci_lo <= 100;
}

const char *analysis_lag_words(int lag)
{
    static const char *const words[LAG_COUNT] = {"the same day, before it began", "the day before",
                                                 "2-3 days before", "over the 7 days before",
                                                 "over the 14 days before"};
    return lag >= 0 && lag < LAG_COUNT ? words[lag] : "?";
}

const char *analysis_kind_name(enum analysis_kind k)
{
    return k == ANALYSIS_TASK ? "task" : k == ANALYSIS_FACTOR ? "factor" : "treatment";
}

struct analysis *analysis_new(struct arena *a)
{
    struct analysis *an = arena_zalloc(a, 1, sizeof *an);
    an->a = a;
    return an;
}

static struct series *series_for(struct analysis *an, const char *name, enum analysis_kind kind)
{
    for (size_t i = 0; i < an->n_series; i++)
        if (an->series[i]->kind == kind && !strcmp(an->series[i]->name, name))
            return an->series[i];
    if (an->n_series == MAX_SERIES)
        return NULL;
    struct series *s = arena_zalloc(an->a, 1, sizeof *s);
    s->name = arena_strdup(an->a, name);
    s->kind = kind;
    an->series[an->n_series++] = s;
    return s;
}

/* Doubles an arena array holding n items of `size` bytes (the old copy stays in the arena
 * until it is freed with the rest). */
static void *grow(struct arena *a, void *old, size_t n, size_t *cap, size_t size)
{
    *cap = *cap ? *cap * 2 : 64;
    void *grown = arena_alloc(a, *cap * size);
    if (n)
        memcpy(grown, old, n * size);
    return grown;
}

void analysis_add(struct analysis *an, const struct entry *e)
{
    int64_t day = trp_time_local_day(&e->at);
    if (!an->have_first) {
        an->first_day = day;
        an->have_first = 1;
    }
    if (day < an->first_day || day - an->first_day >= MAX_DAYS)
        return;
    size_t d = (size_t)(day - an->first_day);
    if (d + 1 > an->n_days)
        an->n_days = d + 1;
    struct series *s = NULL;
    double v = 0;
    switch (e->kind) {
    case ENTRY_PAIN:
        if (an->n_ratings == an->cap_ratings)
            an->ratings = grow(an->a, an->ratings, an->n_ratings, &an->cap_ratings, sizeof *an->ratings);
        an->ratings[an->n_ratings++] = (struct recurrence_rating){e->at, e->value, e->flare};
        return;
    case ENTRY_TASK:
        s = series_for(an, e->name, ANALYSIS_TASK);
        v = e->minutes / 60.0;
        break;
    case ENTRY_FACTOR:
        s = series_for(an, e->name, ANALYSIS_FACTOR);
        v = e->value;
        break;
    case ENTRY_TREATMENT:
        s = series_for(an, !strcmp(e->treat.technique, "stretch") ? "stretching"
                           : !strcmp(e->treat.technique, "strengthen") ? "strengthening"
                                                                          : "self-release (compression/friction)",
                       ANALYSIS_TREATMENT);
        v = 1;
        break;
    default:
        return;
    }
    if (!s)
        return;
    if (!s->count[d])
        s->days_present++;
    s->sum[d] += v;
    s->count[d]++;
    if (s->n_ev == s->cap_ev)
        s->ev = grow(an->a, s->ev, s->n_ev, &s->cap_ev, sizeof *s->ev);
    int h, mi;
    trp_time_local(&e->at, NULL, NULL, NULL, &h, &mi, NULL, NULL);
    int minutes = e->kind == ENTRY_TASK ? (e->minutes > 1440 ? 1440 : e->minutes) : 0;
    s->ev[s->n_ev++] = (struct event){(int32_t)d, (int16_t)(h * 60 + mi), (int16_t)minutes, v};
}

/*
 * The same-day exposure "before the onset". A task is taken to have lasted up to the time
 * it was logged (`trp log task` is written when it is done), so only its minutes before
 * the cutoff count; a session or a factor counts when logged before it. On a case day the
 * cutoff is the onset; on the other days of its block, the median onset time of the
 * block's flares, so that both sides compare the same part of the day.
 */
static void same_day_before(struct series *s, size_t n_days, const int *cutoff)
{
    int *count = xcalloc(n_days ? n_days : 1, sizeof *count);
    for (size_t d = 0; d < n_days; d++)
        s->lag0[d] = 0;
    for (size_t i = 0; i < s->n_ev; i++) {
        const struct event *e = &s->ev[i];
        int c = cutoff[e->day];
        if (s->kind == ANALYSIS_TASK) {
            int start = e->minute - e->minutes, end = e->minute < c ? e->minute : c;
            if (end > start)
                s->lag0[e->day] += (end - (start > 0 ? start : 0)) / 60.0;
        } else if (e->minute < c) {
            s->lag0[e->day] += e->value;
            count[e->day]++;
        }
    }
    if (s->kind == ANALYSIS_FACTOR)
        for (size_t d = 0; d < n_days; d++)
            s->lag0[d] = count[d] ? s->lag0[d] / count[d] : NAN;
    free(count);
}

/* Daily value of s on day d: tasks and treatments sum (0 when absent: not done), factors
 * mean (NaN when not logged). Before the diary began nothing is known (NaN): such rows
 * leave the lagged models rather than count as days without the task. */
static double value(const struct series *s, long d)
{
    if (d < 0)
        return NAN;
    if (s->kind == ANALYSIS_FACTOR)
        return s->count[d] ? s->sum[d] / s->count[d] : NAN;
    return s->sum[d];
}

/* Build-up: the mean daily load over days d-1 .. d-w, from prefix sums, taken over the
 * days the person was free to choose it: days inside an earlier flare and the days just
 * after it (blocked[d], the days that are not referents either) are left out, since what
 * triggers flares is cut short by the flare itself (no new flare while one runs, a task put
 * down during it), and a load that was high in such a window would look protective (in the
 * 1000-diary year benchmark, "carrying a bag over the last fortnight" became a false
 * protective finding in diaries where carrying the bag caused flares the same day). The
 * mean needs half of the window's days usable (for a factor, usable and logged). Earlier
 * versions dropped every window that held a flare day; with a flare a week, as in issue
 * 13's 150-day diaries, that left almost no fortnight to compare, and a planted 14-day
 * build-up was found in 1 of 50 diaries (a single test of it had 20% power; now see
 * analysis_bench --held-out). */
static void build_up(struct arena *a, struct series *s, size_t n_days, const char *blocked)
{
    static const int width[2] = {7, 14};
    double *sum = xcalloc(n_days + 1, sizeof *sum);
    int *known = xcalloc(n_days + 1, sizeof *known);
    for (size_t d = 0; d < n_days; d++) {
        double v = blocked[d] ? NAN : value(s, (long)d);
        sum[d + 1] = sum[d] + (isnan(v) ? 0 : v);
        known[d + 1] = known[d] + !isnan(v);
    }
    for (int k = 0; k < 2; k++) {
        s->build[k] = arena_alloc(a, (n_days ? n_days : 1) * sizeof(double));
        for (size_t d = 0; d < n_days; d++) {
            int w = width[k], n = d >= (size_t)w ? known[d] - known[d - (size_t)w] : 0;
            s->build[k][d] = d < (size_t)w || 4 * n < w ? NAN : (sum[d] - sum[d - (size_t)w]) / n;
        }
    }
    free(sum);
    free(known);
}

static double lagged(const struct series *s, long d, int lag)
{
    if (lag >= LAG_WEEK)
        return d >= 0 ? s->build[lag - LAG_WEEK][d] : NAN;
    if (lag == 0)
        return d >= 0 ? s->lag0[d] : NAN;
    if (lag == 1)
        return value(s, d - 1);
    double a = value(s, d - 2), b = value(s, d - 3);
    if (isnan(a))
        return b;
    if (isnan(b))
        return a;
    return (a + b) / 2;
}

static int is_weekend(const struct analysis *an, long d)
{
    int wd = trp_weekday_of_day(an->first_day + d);
    return wd == 0 || wd == 6;
}

/* Share of the exposure window that fell on a weekend: the day itself for lags 0 and 1,
 * half for each of days 2 and 3. */
static double weekend_share(const struct analysis *an, long d, int lag)
{
    if (lag < 2)
        return is_weekend(an, d - lag);
    return (is_weekend(an, d - 2) + is_weekend(an, d - 3)) / 2.0;
}

struct design {
    size_t n;
    double *x;
    int *y, *stratum;
    double *exposure;
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Each exposure's interval and test in a fitted model: independent profile searches, run
 * on several threads when a joint model has several exposures. A coefficient whose search
 * fails keeps NaN (shown as not estimable). */
struct coef_jobs {
    const struct clogit_data *cd;
    const struct clogit_opts *o;
    const struct clogit_fit *fit;
    size_t first, stride, n;
    int want_ci, worker;
    struct analysis_factor *out;
};

static void *estimate_some(void *arg)
{
    struct coef_jobs *w = arg;
    for (size_t k = w->first; k < w->n; k += w->stride) {
        struct analysis_factor *f = &w->out[k];
        if (isnan(w->fit->se[k]))
            continue;
        double lo = NAN, hi = NAN, chi2, pv;
        if ((w->want_ci && clogit_profile_ci(w->cd, w->o, w->fit, k, 0.95, &lo, &hi, NULL)) ||
            clogit_lrt(w->cd, w->o, w->fit, k, &chi2, &pv, NULL))
            continue;
        f->odds_ratio = exp(w->fit->beta[k]);
        f->ci_lo = exp(lo);
        f->ci_hi = exp(hi);
        f->p = pv;
        f->raises = w->fit->beta[k] > 0;
    }
    if (w->worker)
        clogit_release_scratch();
    return NULL;
}

static size_t thread_count(int configured, size_t jobs)
{
    if (jobs <= 1 || configured == 1)
        return 1; /* before sysconf, which reads /sys: this runs for every model */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t t = configured > 0 ? (size_t)configured : cores > 0 ? (size_t)cores : 1;
    if (t > MAX_THREADS)
        t = MAX_THREADS;
    return t < jobs ? t : jobs ? jobs : 1;
}

static void estimate_all(const struct clogit_data *cd, const struct clogit_opts *o, const struct clogit_fit *fit,
                         size_t n, int want_ci, int threads, struct analysis_factor *out)
{
    size_t t = thread_count(threads, n);
    struct coef_jobs w[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    size_t started = 1;
    for (size_t k = 0; k < t; k++)
        w[k] = (struct coef_jobs){cd, o, fit, k, t, n, want_ci, k > 0, out};
    for (size_t k = 1; k < t && !pthread_create(&tid[k], NULL, estimate_some, &w[k]); k++)
        started++;
    if (started < t) /* fewer threads than planned: the main one takes the rest */
        for (size_t k = started; k < t; k++) {
            w[k].worker = 0;
            estimate_some(&w[k]);
        }
    estimate_some(&w[0]);
    for (size_t k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
}

/* Builds and fits one model: exposures[k] at lags[k], plus weekend and sleep adjusters.
 * Profile intervals only when want_ci: the confirmation refits need just the p-values,
 * and the intervals are most of a fit's cost. */
static int fit_model(const struct analysis *an, const struct analysis_config *c, const int *eligible,
                     const int *is_case, struct series *const *exps, const int *lags, size_t ne,
                     const struct series *sleep, int want_ci, struct analysis_factor *out, struct trp_err *err)
{
    if (!c->adjust)
        sleep = NULL;
    /* The weekly rhythm is adjusted for on the case day and on each lagged exposure's own
     * day: a Monday case looks back at a Sunday, so the previous day's weekend is what
     * ties a lag-1 exposure to every other weekday habit. Each weekend term carries a
     * weakly informative prior (see analysis_config.weekend_prior_sd): with a flat prior
     * the terms soaked up the effect of any task done mostly on workdays or at weekends
     * (analysis_bench, 1000 diaries: recall at a pooled FDP under 10% fell from 21.8% to
     * 7.8%). */
    int wlags[3];
    size_t nw = 0;
    if (c->adjust) {
        wlags[nw++] = 0;
        for (size_t k = 0; k < ne; k++) {
            /* A week or a fortnight holds the same share of weekend days on every day:
             * nothing to adjust for there. */
            int seen = lags[k] >= LAG_WEEK;
            for (size_t j = 0; j < nw; j++)
                seen |= wlags[j] == lags[k];
            if (!seen && nw < 3)
                wlags[nw++] = lags[k];
        }
    }
    size_t p = ne + nw + (sleep ? 1 : 0);
    struct design dz;
    dz.x = xmalloc(an->n_days * p * sizeof *dz.x);
    dz.y = xmalloc(an->n_days * sizeof *dz.y);
    dz.stratum = xmalloc(an->n_days * sizeof *dz.stratum);
    dz.n = 0;
    for (size_t d = 0; d < an->n_days; d++) {
        if (!eligible[d])
            continue;
        double row[CLOGIT_MAX_P];
        int ok = 1;
        for (size_t k = 0; k < ne; k++) {
            row[k] = lagged(exps[k], (long)d, lags[k]);
            if (isnan(row[k]))
                ok = 0;
        }
        for (size_t j = 0; j < nw; j++)
            row[ne + j] = weekend_share(an, (long)d, wlags[j]);
        if (sleep) {
            row[ne + nw] = value(sleep, (long)d);
            if (isnan(row[ne + nw]))
                ok = 0;
        }
        if (!ok)
            continue;
        memcpy(&dz.x[dz.n * p], row, p * sizeof *row);
        dz.y[dz.n] = is_case[d];
        dz.stratum[dz.n] = (int)(d / (size_t)c->block_days);
        dz.n++;
    }
    struct clogit_data cd = {dz.n, p, dz.x, dz.y, dz.stratum};
    if (ne == 1 && c->model_tap && dz.n)
        c->model_tap(c->model_tap_ctx, exps[0]->name, lags[0], &cd);
    struct clogit_opts o;
    clogit_opts_default(&o);
    o.firth = c->firth;
    for (size_t j = 0; j < nw; j++)
        o.prior_sd[ne + j] = c->weekend_prior_sd;
    struct clogit_fit fit;
    int rc = dz.n ? clogit_fit(&cd, &o, &fit, err) : trp_err_set(err, TRP_EINVAL, "no rows");
    for (size_t k = 0; k < ne; k++) {
        out[k].odds_ratio = out[k].ci_lo = out[k].ci_hi = out[k].p = NAN;
        out[k].adjusted_sleep = sleep != NULL;
    }
    if (!rc)
        estimate_all(&cd, &o, &fit, ne, want_ci, c->threads, out);
    free(dz.x);
    free(dz.y);
    free(dz.stratum);
    return rc == TRP_EINVAL ? 0 : rc;
}

/* Pearson correlation of two lagged series over the eligible days where both are known. */
static double correlation(const struct analysis *an, const int *eligible, const struct series *a, int la,
                          const struct series *b, int lb)
{
    double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (size_t d = 0; d < an->n_days; d++) {
        double x = lagged(a, (long)d, la), y = lagged(b, (long)d, lb);
        if (!eligible[d] || isnan(x) || isnan(y))
            continue;
        n++;
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
    }
    double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
    return n > 2 && va > 0 && vb > 0 ? (sab - sa * sb / n) / sqrt(va * vb) : 0;
}

struct candidate {
    struct series *s;
    int lag;
};

/* Appends to cand the distinct exposures (best lag each, in p order) among the "likely"
 * findings (likely_only) or among those with p < p_max; returns the new count. */
static size_t gather_group(struct analysis *an, const struct analysis_result *out, int likely_only, double p_max,
                           int group, struct candidate *cand, size_t n, size_t max)
{
    for (size_t i = 0; i < out->n_factors && n < max; i++) {
        const struct analysis_factor *f = &out->factors[i];
        if (likely_only ? f->verdict != VERDICT_LIKELY
                        : (f->verdict == VERDICT_NOT_ENOUGH || isnan(f->p) || f->p >= p_max))
            continue;
        if (group >= 0 && (f->lag >= LAG_WEEK) != group)
            continue;
        struct series *s = series_for(an, f->name, f->kind);
        int dup = 0;
        for (size_t k = 0; k < n; k++)
            dup |= cand[k].s == s;
        if (!dup)
            cand[n++] = (struct candidate){s, f->lag};
    }
    return n;
}

static size_t gather(struct analysis *an, const struct analysis_result *out, int likely_only, double p_max,
                     struct candidate *cand, size_t n, size_t max)
{
    return gather_group(an, out, likely_only, p_max, -1, cand, n, max);
}

static int fit_candidates(const struct analysis *an, const struct analysis_config *c, const int *eligible,
                          const int *is_case, const struct series *sleep, const struct candidate *cand, size_t n,
                          int want_ci, struct analysis_factor *res, struct trp_err *err)
{
    struct series *exps[CLOGIT_MAX_P];
    int lags[CLOGIT_MAX_P];
    const struct series *adj = sleep;
    for (size_t k = 0; k < n; k++) {
        exps[k] = cand[k].s;
        lags[k] = cand[k].lag;
        if (cand[k].s == sleep)
            adj = NULL; /* sleep is itself a candidate: no second copy as an adjuster */
        res[k].name = cand[k].s->name;
        res[k].kind = cand[k].s->kind;
        res[k].lag = cand[k].lag;
        res[k].unit = cand[k].s->kind == ANALYSIS_TASK ? "hour" : cand[k].s->kind == ANALYSIS_TREATMENT ? "session" : "unit";
    }
    return fit_model(an, c, eligible, is_case, exps, lags, n, adj, want_ci, res, err);
}

/* Every "likely" finding of exposure s (at any lag) becomes "possible", naming by. */
static void demote(struct analysis_result *out, const struct series *s, const char *by)
{
    for (size_t i = 0; i < out->n_factors; i++) {
        struct analysis_factor *f = &out->factors[i];
        if (f->verdict == VERDICT_LIKELY && f->kind == s->kind && !strcmp(f->name, s->name)) {
            f->verdict = VERDICT_POSSIBLE;
            f->explained_by = by;
        }
    }
}

/*
 * Backward elimination over the exposures called "likely": refit them together, drop the
 * least significant while its joint p is 0.05 or more, repeat. The dropped ones become
 * "possible", naming the remaining exposure they are most correlated with.
 */
static int confirm_jointly(struct analysis *an, const struct analysis_config *c, const int *eligible,
                           const int *is_case, const struct series *sleep, struct analysis_result *out,
                           struct trp_err *err)
{
    enum { MAX_JOINT = CLOGIT_MAX_P - 2 };
    struct candidate cand[MAX_JOINT];
    size_t n = gather(an, out, 1, 1, cand, 0, MAX_JOINT);
    struct analysis_factor res[MAX_JOINT];
    while (n >= 2) {
        memset(res, 0, sizeof res);
        int rc = fit_candidates(an, c, eligible, is_case, sleep, cand, n, 0, res, err);
        if (rc)
            return rc;
        size_t worst = 0;
        for (size_t k = 1; k < n; k++)
            if (isnan(res[k].p) || res[k].p > res[worst].p)
                worst = k;
        if (!isnan(res[worst].p) && res[worst].p < 0.05)
            break;
        struct candidate gone = cand[worst];
        memmove(&cand[worst], &cand[worst + 1], (n - worst - 1) * sizeof *cand);
        n--;
        size_t partner = 0;
        double best = -1;
        for (size_t k = 0; k < n; k++) {
            double r = fabs(correlation(an, eligible, gone.s, gone.lag, cand[k].s, cand[k].lag));
            if (r > best) {
                best = r;
                partner = k;
            }
        }
        demote(out, gone.s, cand[partner].s->name);
    }
    return 0;
}

/*
 * A likely finding must also stand next to any other exposure it travels with (|r| >= 0.3
 * on the eligible days, at that exposure's best lag, univariate p < 0.2), even one that
 * did not pass the false-discovery control itself: phone calls that come with computer work
 * get computer work's association, and the pair fitted together tells which one carries it.
 * When it no longer holds (p >= 0.05 in the pair), it is demoted to "possible": "likely"
 * is kept for what stands on its own.
 */
static int confirm_against_partners(struct analysis *an, const struct analysis_config *c, const int *eligible,
                                    const int *is_case, const struct series *sleep, struct analysis_result *out,
                                    struct trp_err *err)
{
    struct candidate likely[CLOGIT_MAX_P - 2], all[2][MAX_SERIES];
    size_t nl = gather(an, out, 1, 1, likely, 0, CLOGIT_MAX_P - 2);
    /* Partners on the same time scale: a task done alongside on the day (phone calls
     * during computer work) for a day-scale finding, a load built up alongside for a
     * build-up one. Fortnight means of unrelated tasks correlate through the seasons of a
     * diary, and pairing across scales demoted true day-scale findings. */
    size_t nall[2] = {gather_group(an, out, 0, 0.2, 0, all[0], 0, MAX_SERIES),
                      gather_group(an, out, 0, 0.2, 1, all[1], 0, MAX_SERIES)};
    for (size_t i = 0; i < nl; i++) {
        int g = likely[i].lag >= LAG_WEEK;
        size_t na = nall[g];
        for (size_t j = 0; j < na; j++) {
            if (all[g][j].s == likely[i].s ||
                fabs(correlation(an, eligible, likely[i].s, likely[i].lag, all[g][j].s, all[g][j].lag)) < 0.3)
                continue;
            struct candidate pair[2] = {likely[i], all[g][j]};
            struct analysis_factor res[2];
            memset(res, 0, sizeof res);
            int rc = fit_candidates(an, c, eligible, is_case, sleep, pair, 2, 0, res, err);
            if (rc)
                return rc;
            if (!isnan(res[0].p) && res[0].p < 0.05)
                continue;
            demote(out, likely[i].s, all[g][j].s->name);
            break;
        }
    }
    return 0;
}

/* The multivariable table shown to the user: the confirmed likely exposures, topped up to
 * three with candidates at p < 0.1, refitted together when there are at least two. */
static int refit_leading(struct analysis *an, const struct analysis_config *c, const int *eligible,
                         const int *is_case, const struct series *sleep, struct analysis_result *out,
                         struct trp_err *err)
{
    struct candidate cand[CLOGIT_MAX_P - 2];
    size_t n = gather(an, out, 1, 1, cand, 0, CLOGIT_MAX_P - 2);
    if (n < 3)
        n = gather(an, out, 0, 0.1, cand, n, 3);
    if (n < 2)
        return 0;
    out->multi = arena_zalloc(an->a, n, sizeof *out->multi);
    int rc = fit_candidates(an, c, eligible, is_case, sleep, cand, n, 1, out->multi, err);
    if (!rc)
        out->n_multi = n;
    return rc;
}

/*
 * The exposure-and-lag models are independent, and they are nearly all of the run time, so
 * they are fitted on every core (two on the machines trp is built for): each thread takes
 * every n-th job and writes only its own results. A model tap (benchmarks) runs them in
 * order on one thread.
 */
struct fit_job {
    struct series *s;
    int lag;
    const struct series *adj;
    struct analysis_factor *f;
};

struct fit_jobs {
    const struct analysis *an;
    const struct analysis_config *c;
    const int *in_model, *is_case;
    struct fit_job *jobs;
    size_t n;
    size_t first, stride;
    int rc;
    struct trp_err err;
    const struct series *part; /* with part_mode 1: only its jobs; 2: all the others */
    int part_mode;
};

static void *fit_some(void *arg)
{
    struct fit_jobs *w = arg;
    for (size_t i = w->first; i < w->n && !w->rc; i += w->stride) {
        struct fit_job *j = &w->jobs[i];
        if (w->part_mode && (j->s == w->part) != (w->part_mode == 1))
            continue;
        struct series *one[1] = {j->s};
        int lags[1] = {j->lag};
        w->rc = fit_model(w->an, w->c, w->in_model, w->is_case, one, lags, 1, j->adj, 1, j->f, &w->err);
    }
    clogit_release_scratch();
    return NULL;
}

static int run_fit_jobs(const struct fit_jobs *all, struct trp_err *err)
{
    size_t t = all->c->model_tap || all->n < 8 ? 1 : thread_count(all->c->threads, all->n);
    struct fit_jobs w[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    size_t started = 1;
    for (size_t k = 0; k < t; k++) {
        w[k] = *all;
        w[k].first = k;
        w[k].stride = t;
    }
    for (size_t k = 1; k < t && !pthread_create(&tid[k], NULL, fit_some, &w[k]); k++)
        started++;
    for (size_t k = started; k < t; k++) /* a thread that could not start: its share here */
        fit_some(&w[k]);
    fit_some(&w[0]);
    for (size_t k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
    for (size_t k = 0; k < t; k++)
        if (w[k].rc) {
            if (err)
                *err = w[k].err;
            return w[k].rc;
        }
    return 0;
}

static int minute_of_day(const struct trp_time *t)
{
    int h, mi;
    trp_time_local(t, NULL, NULL, NULL, &h, &mi, NULL, NULL);
    return h * 60 + mi;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The minute of the day that ends each day's same-day window (see same_day_before). */
static void same_day_cutoffs(const struct analysis *an, const struct analysis_config *c,
                             const struct analysis_result *out, int *cutoff)
{
    int onset_min[64];
    for (size_t b0 = 0; b0 < an->n_days; b0 += (size_t)c->block_days) {
        size_t b1 = b0 + (size_t)c->block_days < an->n_days ? b0 + (size_t)c->block_days : an->n_days;
        int n = 0;
        for (int f = 0; f < out->n_flares && n < 64; f++) {
            int64_t d = out->flares[f].onset_day - an->first_day;
            if (d >= (int64_t)b0 && d < (int64_t)b1)
                onset_min[n++] = minute_of_day(&out->flares[f].onset);
        }
        qsort(onset_min, (size_t)n, sizeof *onset_min, cmp_int);
        for (size_t d = b0; d < b1; d++)
            cutoff[d] = n ? onset_min[n / 2] : 1440;
    }
    for (int f = 0; f < out->n_flares; f++) {
        int64_t d = out->flares[f].onset_day - an->first_day;
        if (d >= 0 && (size_t)d < an->n_days)
            cutoff[d] = minute_of_day(&out->flares[f].onset);
    }
}

static int by_time(const void *a, const void *b)
{
    int64_t x = ((const struct recurrence_rating *)a)->at.utc, y = ((const struct recurrence_rating *)b)->at.utc;
    return (x > y) - (x < y);
}

/* P(X >= k) for X ~ Binomial(n, p). */
static double binom_tail(int k, int n, double p)
{
    if (k <= 0)
        return 1;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    double t = 0;
    for (int i = k; i <= n; i++)
        t += exp(lgamma(n + 1.0) - lgamma(i + 1.0) - lgamma(n - i + 1.0) + i * log(p) + (n - i) * log1p(-p));
    return t > 1 ? 1 : t;
}

/* Upper normal quantile for small tail probabilities (Acklam-free: bisection on erfc). */
static double z_upper(double alpha)
{
    double lo = 0, hi = 10;
    for (int i = 0; i < 60; i++) {
        double mid = (lo + hi) / 2;
        if (0.5 * erfc(mid / sqrt(2)) > alpha)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/*
 * Suspects so far: for each exposure at lags 0-2, how many of the compared flares came
 * with X or more (X as in the counts of the findings) against how often the other eligible
 * days had that; ranked by the one-sided binomial tail. How many more flares would settle
 * it: the sample size for a one-sided test of a proportion (80% power, alpha 0.05 shared
 * Bonferroni-wise among the exposures), were the two shares to stay as they are.
 */
static void find_suspects(struct analysis *an, const int *eligible, const int *is_case, struct analysis_result *out)
{
    size_t n_exp = 0;
    for (size_t i = 0; i < out->n_factors; i++)
        n_exp += i == 0 || out->factors[i].name != out->factors[i - 1].name;
    struct analysis_suspect *all = arena_zalloc(an->a, out->n_factors + 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < out->n_factors; i++) {
        const struct analysis_factor *f = &out->factors[i];
        if (f->lag >= LAG_WEEK || !(f->threshold > 0))
            continue;
        struct series *s = series_for(an, f->name, f->kind);
        int cases = 0, cases_x = 0, others = 0, others_x = 0;
        for (size_t d = 0; d < an->n_days; d++) {
            double v = lagged(s, (long)d, f->lag);
            if (!eligible[d] || isnan(v))
                continue;
            int x = v >= f->threshold;
            if (is_case[d]) {
                cases++;
                cases_x += x;
            } else {
                others++;
                others_x += x;
            }
        }
        if (cases < 2 || others < 5)
            continue;
        double p0 = (double)others_x / others, p1 = (double)cases_x / cases;
        if (p1 <= p0)
            continue;
        struct analysis_suspect *u = &all[n];
        *u = (struct analysis_suspect){f->name, f->kind, f->lag, f->unit, f->threshold, cases, cases_x, p0,
                                       binom_tail(cases_x, cases, p0), -1};
        /* Shrunk a little toward the other days (half a flare each way), so that 3 of 3
         * does not promise certainty. */
        double q1 = (cases_x + 0.5) / (cases + 1.0);
        if (q1 > p0 && p0 > 0) {
            double za = z_upper(0.05 / (double)(n_exp ? n_exp : 1)), zb = 0.8416;
            double root = (za * sqrt(p0 * (1 - p0)) + zb * sqrt(q1 * (1 - q1))) / (q1 - p0);
            int need = (int)ceil(root * root);
            u->flares_to_settle = need > cases ? need - cases : 0;
        }
        /* One per exposure: its strongest lag. */
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++)
            if (all[k].name == u->name && all[k].kind == u->kind) {
                dup = 1;
                if (u->p_tail < all[k].p_tail)
                    all[k] = *u;
            }
        n += !dup;
    }
    /* Strongest first; keep five. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && all[j].p_tail < all[j - 1].p_tail; j--) {
            struct analysis_suspect t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    out->suspects = all;
    out->n_suspects = n < 5 ? n : 5;
}

/*
 * One test per exposure across its lag profile, so that looking at more lags (build-up
 * over a week and a fortnight) does not make each exposure harder to find: the smallest
 * lag p-value is corrected for the effective number of independent lags, from the
 * eigenvalues of the lagged series' correlation matrix on the days in the models (Li & Ji,
 * Heredity 2005), with Sidak's formula 1 - (1 - p_min)^M_eff: a permutation-free min-p
 * test. Overlapping lags count for less than independent ones. The build-up lags form a
 * group of their own, weighted against the day-scale ones (below). (per_exposure 2: Simes' combination instead, valid for
 * positively dependent tests, Simes 1986, Sarkar 1998; it pays the full number of lags for
 * a one-lag effect.) Benjamini-Hochberg then runs over exposures; every lag carries its
 * exposure's q, and only the exposure's best lag (lowest p) can be "likely". pv holds NaN
 * for lags that cannot be tested (too few exposed flares).
 * Where the power goes (analysis_bench --held-out, 300-600 diaries, issue 13's scenario
 * calibrated to a one-test power of 86-96% for the day-scale planted tasks): the lag
 * correction costs about 5 points of recall (taking each exposure's smallest lag p as it
 * is: 48% against 43%, with 11% of null diaries alarmed instead of 4%), Benjamini-Hochberg
 * over about 11 exposures the most; the adjustment 3-6, Firth and the confirmation 1-3 each
 * (all within the Monte Carlo error of 3-4 points). A Cauchy combination across the lags
 * (Liu & Xie, JASA 2020) found the same (43% against 43%) and was not kept. What did pay:
 * counting the days after a flare's end again (exclude_after 0, analysis_run).
 */
static void per_exposure_fdr(const struct analysis *an, const int *in_model, int method,
                             struct analysis_result *out, const double *pv, double *q)
{
    size_t n = out->n_factors, ne = 0;
    size_t *first = xmalloc((n + 1) * sizeof *first);
    double *pe = xmalloc((n + 1) * sizeof *pe), *qe = xmalloc((n + 1) * sizeof *qe), lagp[LAG_COUNT];
    for (size_t i = 0; i < n;) {
        size_t j = i, k = 0, best = n, idx[LAG_COUNT];
        while (j < n && out->factors[j].name == out->factors[i].name && out->factors[j].kind == out->factors[i].kind) {
            if (!isnan(pv[j]) && k < LAG_COUNT) {
                idx[k] = j;
                lagp[k++] = pv[j];
                if (best == n || pv[j] < pv[best])
                    best = j;
            }
            j++;
        }
        double pexp = NAN;
        if (k && method == 2) {
            qsort(lagp, k, sizeof *lagp, cmp_double);
            for (size_t m = 0; m < k; m++) {
                double v = lagp[m] * (double)k / (double)(m + 1);
                if (isnan(pexp) || v < pexp)
                    pexp = v;
            }
        } else if (k) {
            /* Two groups, the day-scale lags (0, 1, 2-3) and the build-up (7, 14 days),
             * each min-p corrected for its effective number of lags, then a weighted
             * Bonferroni between them (weights 0.8 and 0.2; Genovese, Roeder & Wasserman,
             * Biometrika 2006): a strong build-up is still found, and the short lags,
             * where most triggers act, pay 1.25 for the build-up rather than a full share. */
            struct series *s = series_for((struct analysis *)an, out->factors[i].name, out->factors[i].kind);
            double pg[2] = {NAN, NAN};
            size_t gwin[2] = {n, n};
            for (int g = 0; g < 2; g++) {
                size_t gi[LAG_COUNT], m = 0, gbest = 0;
                for (size_t a = 0; a < k; a++)
                    if ((out->factors[idx[a]].lag >= LAG_WEEK) == g) {
                        if (!m || pv[idx[a]] < pv[gi[gbest]])
                            gbest = m;
                        gi[m++] = idx[a];
                    }
                if (!m)
                    continue;
                double r[LAG_COUNT * LAG_COUNT], eig[LAG_COUNT];
                for (size_t a = 0; a < m; a++)
                    for (size_t b = 0; b < m; b++)
                        r[a * m + b] = a == b ? 1
                                              : correlation(an, in_model, s, out->factors[gi[a]].lag, s,
                                                            out->factors[gi[b]].lag);
                linalg_sym_eigenvalues(r, m, eig);
                double meff = linalg_effective_tests(eig, m);
                if (meff < 1)
                    meff = 1;
                pg[g] = -expm1(meff * log1p(-pv[gi[gbest]]));
                gwin[g] = gi[gbest];
            }
            /* The lag reported is the best of the group that carries the test: a build-up
             * with a slightly smaller raw p does not displace a day-scale lag that the
             * weights favour. */
            int g = isnan(pg[1]) ? 0 : isnan(pg[0]) ? 1 : pg[1] / 0.2 < pg[0] / 0.8;
            /* A group with nothing testable (too few exposed flares, decided before any
             * p-value) gives its weight to the other. */
            if (isnan(pg[0]) || isnan(pg[1]))
                pexp = pg[g];
            else
                pexp = g ? pg[1] / 0.2 : pg[0] / 0.8;
            best = gwin[g];
        }
        if (best < n)
            out->factors[best].best_lag = 1;
        first[ne] = i;
        pe[ne++] = pexp > 1 ? 1 : pexp;
        i = j;
    }
    first[ne] = n;
    fdr_bh(pe, ne, qe);
    for (size_t e = 0; e < ne; e++)
        for (size_t i = first[e]; i < first[e + 1]; i++)
            q[i] = isnan(pv[i]) ? NAN : qe[e];
    free(first);
    free(pe);
    free(qe);
}

int analysis_run(struct analysis *an, const struct analysis_config *c, struct analysis_result *out,
                 struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    out->weeks_needed = NAN;
    out->n_days = an->n_days;
    /* Flare detection walks the ratings in time order; entries may arrive in any order. */
    if (an->n_ratings > 1)
        qsort(an->ratings, an->n_ratings, sizeof *an->ratings, by_time);
    size_t maxf = an->n_ratings / 2 + 1;
    out->flares = arena_zalloc(an->a, maxf, sizeof *out->flares);
    out->n_flares = (int)recurrence_detect(an->ratings, an->n_ratings, &c->flare, out->flares, maxf);
    if (!an->n_days)
        return 0;

    int *eligible = arena_zalloc(an->a, an->n_days, sizeof *eligible);
    int *is_case = arena_zalloc(an->a, an->n_days, sizeof *is_case);
    for (size_t i = 0; i < an->n_ratings; i++) {
        int64_t d = trp_time_local_day(&an->ratings[i].at) - an->first_day;
        if (d >= 0 && (size_t)d < an->n_days)
            eligible[d] = 1; /* a day the diary was kept */
    }
    /* Days in a flare (after its onset day, up to the day it ended) and the
     * exclude_after days after it are at risk neither as referents nor as cases: a flare
     * that begins there is listed but not compared, since the days it would be compared
     * with could not have been chosen from that stretch (tasks cut back and sleep spoiled
     * during a flare would otherwise pass for causes). By default no day after the flare
     * is left out (exclude_after 0): a flare ends when pain is back at the person's usual
     * level, and from then on a new flare can begin, so those days belong to the risk set
     * like any other. Leaving out two more days (issue 4's rule) cost a third of the
     * flares as cases in diaries with a flare a week (analysis_bench --held-out: recall of
     * planted tasks 43% against 52% without, at the same null and weekly-rhythm alarms;
     * in the 1000 one-year diaries recall 23% against 36%, false discoveries per diary
     * 4% and 8%, null alarms 4% both; --exclude-after N reruns either). */
    for (int f = 0; f < out->n_flares; f++) {
        int64_t d0 = out->flares[f].onset_day - an->first_day;
        if (d0 >= 0 && (size_t)d0 < an->n_days && eligible[d0]) {
            is_case[d0] = 1;
            out->n_cases++;
        }
        for (int64_t d = d0 + 1; d < d0 + out->flares[f].days + c->exclude_after + 1; d++)
            if (d >= 0 && (size_t)d < an->n_days)
                eligible[d] = 0;
    }
    for (size_t d = 0; d < an->n_days; d++)
        out->n_eligible += (size_t)eligible[d];
    /* The models only see blocks with a flare: a block without one adds nothing to the
     * conditional likelihood, so its days are dropped before fitting (the counts shown to
     * the person still use every eligible day). */
    int *in_model = arena_zalloc(an->a, an->n_days, sizeof *in_model);
    for (size_t b0 = 0; b0 < an->n_days; b0 += (size_t)c->block_days) {
        size_t b1 = b0 + (size_t)c->block_days < an->n_days ? b0 + (size_t)c->block_days : an->n_days;
        int any = 0;
        for (size_t d = b0; d < b1; d++)
            any |= is_case[d];
        for (size_t d = b0; d < b1; d++)
            in_model[d] = any && eligible[d];
    }
    if (out->n_cases < c->target_flares) {
        out->flares_needed = c->target_flares - out->n_cases;
        if (out->n_cases > 0)
            out->weeks_needed = out->flares_needed * (an->n_days / 7.0) / out->n_cases;
    }

    int *cutoff = arena_zalloc(an->a, an->n_days, sizeof *cutoff);
    same_day_cutoffs(an, c, out, cutoff);
    for (size_t i = 0; i < an->n_series; i++)
        same_day_before(an->series[i], an->n_days, cutoff);

    struct series *sleep = NULL;
    for (size_t i = 0; i < an->n_series; i++)
        if (an->series[i]->kind == ANALYSIS_FACTOR && !strcmp(an->series[i]->name, "sleep_hours") &&
            an->series[i]->days_present * 2 >= (int)an->n_days)
            sleep = an->series[i];

    int n_lags = c->buildup ? LAG_COUNT : LAG_WEEK;
    /* Days in a flare or just after it (not referents either): left out of the build-up. */
    char *blocked = arena_zalloc(an->a, an->n_days + 1, 1);
    for (int f = 0; f < out->n_flares; f++)
        for (int64_t d = out->flares[f].onset_day - an->first_day;
             d <= out->flares[f].onset_day - an->first_day + out->flares[f].days + c->exclude_after; d++)
            if (d >= 0 && (size_t)d < an->n_days)
                blocked[d] = 1;
    for (size_t i = 0; c->buildup && i < an->n_series; i++)
        build_up(an->a, an->series[i], an->n_days, blocked);
    out->factors = arena_zalloc(an->a, an->n_series * LAG_COUNT + 1, sizeof *out->factors);
    struct fit_job *jobs = arena_zalloc(an->a, an->n_series * LAG_COUNT + 1, sizeof *jobs);
    double *pv = arena_zalloc(an->a, an->n_series * LAG_COUNT + 1, sizeof *pv);
    for (size_t i = 0; i < an->n_series; i++) {
        struct series *s = an->series[i];
        int min_days = s->kind == ANALYSIS_TREATMENT ? 3 : 5;
        if (s->days_present < min_days)
            continue;
        /* Build-up is a load: tasks only. A week's mean sleep or stress is another
         * question, and every extra lag of a factor would be one more to pay for. */
        int lags_here = s->kind == ANALYSIS_TASK ? n_lags : LAG_WEEK;
        for (int lag = 0; lag < lags_here; lag++) {
            struct analysis_factor *f = &out->factors[out->n_factors];
            memset(f, 0, sizeof *f);
            f->name = s->name;
            f->kind = s->kind;
            f->lag = lag;
            f->unit = s->kind == ANALYSIS_TASK ? "hour" : s->kind == ANALYSIS_TREATMENT ? "session" : "unit";
            /* Counts first: the level used is the median of the days with any exposure. */
            double *vals = xmalloc(an->n_days * sizeof *vals);
            size_t nv = 0;
            for (size_t d = 0; d < an->n_days; d++) {
                double v = lagged(s, (long)d, lag);
                if (eligible[d] && !isnan(v) && (s->kind == ANALYSIS_FACTOR || v > 0))
                    vals[nv++] = v;
            }
            if (nv) {
                qsort(vals, nv, sizeof *vals, cmp_double);
                f->threshold = vals[nv / 2];
                if (s->kind == ANALYSIS_TASK)
                    f->threshold = floor(f->threshold * 2) / 2 > 0 ? floor(f->threshold * 2) / 2 : vals[nv / 2];
            }
            free(vals);
            for (size_t d = 0; d < an->n_days; d++) {
                double v = lagged(s, (long)d, lag);
                if (eligible[d] && !isnan(v) && v >= f->threshold && v > 0) {
                    f->days_exposed++;
                    f->events_exposed += is_case[d];
                }
            }
            f->odds_ratio = f->ci_lo = f->ci_hi = f->p = NAN;
            jobs[out->n_factors] = (struct fit_job){s, lag, s == sleep ? NULL : sleep, f};
            out->n_factors++;
        }
    }
    if (out->n_cases >= c->min_flares) {
        /*
         * Last night's sleep is adjusted for only when it goes with the flares at all:
         * its own model (the same morning's sleep, lag 0) is fitted first, and at p >= 0.25
         * it is left out of the others, as in purposeful selection (Hosmer, Lemeshow &
         * Sturdivant, Applied Logistic Regression, 3rd ed. 2013, ch. 4: candidates at
         * univariable p < 0.25): what does not go with the outcome cannot confound. It
         * also keeps the speed budget: a fourth coefficient makes each Firth step cost a
         * third more and every exposure's model about 45% more (bench/analysis_speed.sh),
         * and counting the days after a flare again (exclude_after 0) had made a year's
         * analysis half again as long. In analysis_bench --held-out (300 diaries) leaving
         * sleep out altogether changed recall by 2 points and alarms by 1 (noise).
         */
        struct fit_jobs all = {an, c, in_model, is_case, jobs, out->n_factors, 0, 1, 0, {0}, sleep, 0};
        int rc = 0;
        if (sleep && c->adjust) {
            all.part_mode = 1;
            rc = run_fit_jobs(&all, err);
            double p0 = NAN;
            for (size_t i = 0; i < out->n_factors; i++)
                if (jobs[i].s == sleep && jobs[i].lag == LAG_SAME_DAY)
                    p0 = out->factors[i].p;
            if (!rc && !(p0 < 0.25)) {
                sleep = NULL;
                for (size_t i = 0; i < out->n_factors; i++)
                    jobs[i].adj = NULL;
            }
            all.part_mode = 2;
        }
        if (!rc)
            rc = run_fit_jobs(&all, err);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < out->n_factors; i++) {
        struct analysis_factor *f = &out->factors[i];
        int testable = out->n_cases >= c->min_flares && !isnan(f->p) && f->events_exposed >= c->min_exposed_events;
        pv[i] = testable ? f->p : NAN;
        f->verdict = testable ? VERDICT_NO_EVIDENCE : VERDICT_NOT_ENOUGH;
    }
    find_suspects(an, eligible, is_case, out);
    double *q = arena_zalloc(an->a, out->n_factors + 1, sizeof *q);
    if (c->per_exposure)
        per_exposure_fdr(an, in_model, c->per_exposure, out, pv, q);
    else
        fdr_bh(pv, out->n_factors, q);
    for (size_t i = 0; i < out->n_factors; i++) {
        struct analysis_factor *f = &out->factors[i];
        f->q = q[i];
        if (f->verdict == VERDICT_NOT_ENOUGH)
            continue;
        /* A "lowers" finding stays "possible" at most: in a diary, what people do after a
         * flare (rest, self-treatment, cutting back a task) looks protective the next days,
         * so a protective association is the one reverse causation fakes most easily
         * (Maclure and Mittleman 2000 on case-crossover designs). */
        if (c->use_fdr ? f->q < c->fdr && (!c->per_exposure || f->best_lag) &&
                             (!c->per_exposure || f->raises)
                       : f->p < 0.05)
            f->verdict = VERDICT_LIKELY;
        else if (f->p < 0.05)
            f->verdict = VERDICT_POSSIBLE;
    }
    /* Sort by verdict strength, then p. */
    for (size_t i = 1; i < out->n_factors; i++) {
        struct analysis_factor t = out->factors[i];
        size_t j = i;
        while (j > 0) {
            const struct analysis_factor *u = &out->factors[j - 1];
            double pu = isnan(u->p) ? 2 : u->p, pt = isnan(t.p) ? 2 : t.p;
            if (u->verdict > t.verdict || (u->verdict == t.verdict && pu <= pt))
                break;
            out->factors[j] = out->factors[j - 1];
            j--;
        }
        out->factors[j] = t;
    }
    int rc = c->confirm ? confirm_jointly(an, c, in_model, is_case, sleep, out, err) : 0;
    if (!rc && c->confirm)
        rc = confirm_against_partners(an, c, in_model, is_case, sleep, out, err);
    if (rc)
        return rc;
    return refit_leading(an, c, in_model, is_case, sleep, out, err);
}
