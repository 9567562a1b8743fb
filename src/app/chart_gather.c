/*
 * One pass over the diary for the charts and the report. Entries arrive in time order, so
 * per-day and per-region tallies can be kept with a "last day seen" mark instead of sets.
 * Growing arrays live on the heap during the pass and are copied to the command's arena at
 * the end.
 */
#include "app/chart_gather.h"

#include "app/flares.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/xalloc.h"
#include "core/analysis.h"
#include "core/progress.h"
#include "core/recurrence.h"

struct g_region {
    const char *id;
    int64_t last_day;
    int days;
    double sum;
    int n;
};

struct g_task {
    const char *name;
    double *per_day;
    double total;
    int days;
};

struct g_point_mark {
    const char *muscle, *side;
    int sessions;
};

struct gather_pass {
    struct arena *a;
    struct chart_gather *g;
    int64_t first, n;
    /* pain */
    struct chart_pain_point *points;
    size_t n_points, cap_points;
    double *daily_max;
    double *flares;
    size_t n_flares, cap_flares;
    struct recurrence_rating *ratings;
    size_t n_ratings, cap_ratings;
    struct g_region *regions;
    size_t n_regions, cap_regions;
    int64_t last_pain_day;
    /* tasks and factors */
    struct g_task *tasks;
    size_t n_tasks, cap_tasks;
    double *sleep, *stress;
    int has_sleep, has_stress;
    /* treatments */
    struct chart_treatment_mark *treat;
    size_t n_treat, cap_treat;
    struct g_point_mark *marks;
    size_t n_marks, cap_marks;
    /* medication and outcome ratings */
    struct chart_treatment_mark *meds, *outcomes;
    size_t n_meds, cap_meds, n_outcomes, cap_outcomes;
    struct chart_med_total *med_totals;
    int64_t *med_last_day;
    size_t n_med_totals, cap_med_totals;
};

static void pass_med_total(struct gather_pass *p, const char *name, int64_t day)
{
    size_t k = 0;
    while (k < p->n_med_totals && strcmp(p->med_totals[k].name, name))
        k++;
    if (k == p->n_med_totals) {
        if (p->n_med_totals == p->cap_med_totals) {
            p->cap_med_totals = p->cap_med_totals ? 2 * p->cap_med_totals : 8;
            p->med_totals = xrealloc(p->med_totals, p->cap_med_totals * sizeof *p->med_totals);
            p->med_last_day = xrealloc(p->med_last_day, p->cap_med_totals * sizeof *p->med_last_day);
        }
        p->med_totals[k] = (struct chart_med_total){arena_strdup(p->a, name), 0, 0};
        p->med_last_day[k] = INT64_MIN;
        p->n_med_totals++;
    }
    p->med_totals[k].times++;
    if (p->med_last_day[k] != day) {
        p->med_last_day[k] = day;
        p->med_totals[k].days++;
    }
}

static int cmp_med(const void *x, const void *y)
{
    const struct chart_med_total *a = x, *b = y;
    if (a->times != b->times)
        return a->times < b->times ? 1 : -1;
    return strcmp(a->name, b->name);
}

#define GROW(arr, n, cap)                                                                      \
    do {                                                                                       \
        if ((n) == (cap)) {                                                                    \
            (cap) = (cap) ? 2 * (cap) : 64;                                                    \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                                    \
        }                                                                                      \
    } while (0)

static double frac_day(const struct trp_time *t)
{
    int y, mo, d, h, mi, s, wd;
    trp_time_local(t, &y, &mo, &d, &h, &mi, &s, &wd);
    return (double)trp_time_local_day(t) + (h * 3600 + mi * 60 + s) / 86400.0;
}

static double *nan_series(struct arena *a, int64_t n)
{
    double *v = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof *v);
    for (int64_t i = 0; i < n; i++)
        v[i] = NAN;
    return v;
}

static void add_to(double *v, double x)
{
    *v = isnan(*v) ? x : *v + x;
}

static void pass_region(struct gather_pass *p, const char *id, int intensity, int64_t day)
{
    struct g_region *r = NULL;
    for (size_t i = 0; i < p->n_regions; i++)
        if (strcmp(p->regions[i].id, id) == 0) {
            r = &p->regions[i];
            break;
        }
    if (!r) {
        GROW(p->regions, p->n_regions, p->cap_regions);
        r = &p->regions[p->n_regions++];
        *r = (struct g_region){arena_strdup(p->a, id), INT64_MIN, 0, 0, 0};
    }
    if (r->last_day != day) {
        r->last_day = day;
        r->days++;
    }
    if (intensity >= 0) {
        r->sum += intensity;
        r->n++;
    }
}

static int pass_one(const struct entry *e, void *data)
{
    struct gather_pass *p = data;
    int64_t day = trp_time_local_day(&e->at);
    int64_t i = day - p->first;
    if (i < 0 || i >= p->n)
        return 0;
    struct chart_gather *g = p->g;
    g->n_entries++;
    double t = frac_day(&e->at);
    switch (e->kind) {
    case ENTRY_PAIN:
        g->n_pain++;
        GROW(p->points, p->n_points, p->cap_points);
        p->points[p->n_points++] = (struct chart_pain_point){t, e->value, e->flare};
        if (isnan(p->daily_max[i]) || e->value > p->daily_max[i])
            p->daily_max[i] = e->value;
        if (day != p->last_pain_day) {
            g->pain_days++;
            p->last_pain_day = day;
        }
        /* Flare onsets come from the recurrence module (its documented definition, hand
         * marks included), run over these ratings after the pass. */
        GROW(p->ratings, p->n_ratings, p->cap_ratings);
        p->ratings[p->n_ratings++] = (struct recurrence_rating){e->at, e->value, e->flare};
        for (size_t k = 0; k < e->n_regions; k++)
            pass_region(p, e->regions[k].region,
                        e->regions[k].intensity >= 0 ? e->regions[k].intensity
                                                     : (int)lround(e->value),
                        day);
        break;
    case ENTRY_TASK: {
        struct g_task *tk = NULL;
        for (size_t k = 0; k < p->n_tasks; k++)
            if (strcmp(p->tasks[k].name, e->name) == 0) {
                tk = &p->tasks[k];
                break;
            }
        if (!tk) {
            GROW(p->tasks, p->n_tasks, p->cap_tasks);
            tk = &p->tasks[p->n_tasks++];
            *tk = (struct g_task){arena_strdup(p->a, e->name), nan_series(p->a, p->n), 0, 0};
        }
        if (isnan(tk->per_day[i]))
            tk->days++;
        add_to(&tk->per_day[i], e->minutes);
        tk->total += e->minutes;
        break;
    }
    case ENTRY_FACTOR:
        /* The last value of the day stands (a correction usually comes later). */
        if (e->name && strcmp(e->name, "sleep_hours") == 0) {
            p->sleep[i] = e->value;
            p->has_sleep = 1;
        } else if (e->name && strcmp(e->name, "stress") == 0) {
            p->stress[i] = e->value;
            p->has_stress = 1;
        }
        break;
    case ENTRY_TREATMENT: {
        g->n_treatments++;
        const char *muscle = e->treat.muscle ? e->treat.muscle : "?";
        GROW(p->treat, p->n_treat, p->cap_treat);
        p->treat[p->n_treat++] = (struct chart_treatment_mark){
            t, arena_printf(p->a, "%s (%s)", muscle,
                            e->treat.technique ? e->treat.technique : "treatment")};
        const char *side = e->treat.side ? e->treat.side : "both";
        struct g_point_mark *m = NULL;
        for (size_t k = 0; k < p->n_marks; k++)
            if (strcmp(p->marks[k].muscle, muscle) == 0 && strcmp(p->marks[k].side, side) == 0)
                m = &p->marks[k];
        if (!m) {
            GROW(p->marks, p->n_marks, p->cap_marks);
            m = &p->marks[p->n_marks++];
            *m = (struct g_point_mark){arena_strdup(p->a, muscle), arena_strdup(p->a, side), 0};
        }
        m->sessions++;
        break;
    }
    case ENTRY_MEDICATION:
        GROW(p->meds, p->n_meds, p->cap_meds);
        p->meds[p->n_meds++] = (struct chart_treatment_mark){
            t, e->value >= 0 ? arena_printf(p->a, "%s %g %s", e->name, e->value,
                                            e->unit ? e->unit : "")
                             : arena_strdup(p->a, e->name)};
        pass_med_total(p, e->name, day);
        break;
    case ENTRY_PGIC:
    case ENTRY_PSFS:
        GROW(p->outcomes, p->n_outcomes, p->cap_outcomes);
        p->outcomes[p->n_outcomes++] = (struct chart_treatment_mark){
            t, e->kind == ENTRY_PGIC
                   ? arena_printf(p->a, "PGIC %g, %s", e->value,
                                  entry_pgic_label((int)e->value) ? entry_pgic_label((int)e->value) : "?")
                   : arena_printf(p->a, "PSFS %s %g/10", e->name, e->value)};
        break;
    default:
        break;
    }
    return 0;
}

static int cmp_task(const void *x, const void *y)
{
    const struct g_task *a = x, *b = y;
    if (a->total != b->total)
        return a->total < b->total ? 1 : -1;
    return strcmp(a->name, b->name);
}

/* Finds the first and last local day with an entry (for open ends of the period). */
struct span {
    int64_t first, last;
};

static int span_one(const struct entry *e, void *data)
{
    struct span *sp = data;
    int64_t d = trp_time_local_day(&e->at);
    if (sp->first == INT64_MIN || d < sp->first)
        sp->first = d;
    if (sp->last == INT64_MIN || d > sp->last)
        sp->last = d;
    return 0;
}

int chart_gather_load(struct store *s, struct arena *a, const struct chart_period *per,
                      struct chart_gather *g, struct trp_err *err)
{
    int has_since = per->has_since, has_until = per->has_until;
    int64_t since = per->since, until = per->until;
    memset(g, 0, sizeof *g);
    g->mean_daily_max = NAN;
    g->factors.empty_message = "Analysis not available yet.";
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    struct store_query q;
    store_query_init(&q);
    q.has_since = has_since;
    q.since = since;
    q.has_until = has_until;
    q.until = until;
    /* The period: the days asked for, or the span of the diary up to today. */
    int64_t first, last;
    if (has_since) {
        first = trp_local_day_of(since);
    } else {
        struct store_query q1;
        store_query_init(&q1);
        q1.limit = 1;
        q1.has_until = has_until;
        q1.until = until;
        struct span sp = {INT64_MIN, INT64_MIN};
        if ((rc = store_entry_each(s, &q1, span_one, &sp, err)))
            return rc;
        first = sp.first == INT64_MIN ? trp_time_local_day(&now) : sp.first;
    }
    if (has_until) {
        last = trp_local_day_of(until - 1); /* until is exclusive */
    } else {
        /* The diary's own last day, so a diary that ended years ago still charts; entries
         * dated after today (plans) do not stretch the period. */
        struct store_query ql;
        store_query_init(&ql);
        ql.has_since = has_since;
        ql.since = since;
        ql.has_until = 1;
        ql.until = trp_local_day_start(trp_time_local_day(&now) + 1);
        struct trp_time lt;
        rc = store_entry_last_time(s, &ql, &lt, err);
        if (rc && rc != TRP_ENOTFOUND)
            return rc;
        last = rc ? trp_time_local_day(&now) : trp_time_local_day(&lt);
        rc = 0;
    }
    if (last < first)
        last = first;
    if (last - first > 3660)
        return trp_err_set(err, TRP_EINVAL,
                           "the diary spans more than ten years; give --since to chart at most "
                           "ten of them");
    g->first_day = first;
    g->last_day = last;
    g->n_days = (size_t)(last - first + 1);

    struct gather_pass p = {0};
    p.a = a;
    p.g = g;
    p.first = first;
    p.n = (int64_t)g->n_days;
    p.daily_max = nan_series(a, p.n);
    p.sleep = nan_series(a, p.n);
    p.stress = nan_series(a, p.n);
    p.last_pain_day = INT64_MIN;
    rc = store_entry_each(s, &q, pass_one, &p, err);
    if (rc)
        goto out;

    /* Copy to the arena and point the chart structures at it. */
    struct chart_timeline *tl = &g->timeline;
    tl->first_day = first;
    tl->n_days = g->n_entries ? g->n_days : 0;
    struct chart_pain_point *pts = arena_alloc(a, (p.n_points + 1) * sizeof *pts);
    if (p.n_points)
        memcpy(pts, p.points, p.n_points * sizeof *pts);
    tl->points = pts;
    tl->n_points = p.n_points;
    tl->daily_max = p.daily_max;
    struct recurrence_config rcfg;
    if ((rc = app_flares_config(s, a, per->flare_spec, &rcfg, err)))
        goto out;
    struct recurrence *rec = arena_zalloc(a, p.n_ratings + 1, sizeof *rec);
    size_t nrec = recurrence_detect(p.ratings, p.n_ratings, &rcfg, rec, p.n_ratings + 1);
    double *fl = arena_alloc(a, (nrec + 1) * sizeof *fl);
    for (size_t k = 0; k < nrec; k++)
        fl[k] = frac_day(&rec[k].onset);
    tl->flare_onsets = fl;
    tl->n_flares = nrec;
    g->n_flares = (int)nrec;
    if (p.n_tasks)
        qsort(p.tasks, p.n_tasks, sizeof *p.tasks, cmp_task);
    struct chart_lane *lanes = arena_zalloc(a, p.n_tasks + 3, sizeof *lanes);
    g->task_totals = arena_zalloc(a, p.n_tasks + 1, sizeof *g->task_totals);
    for (size_t k = 0; k < p.n_tasks; k++) {
        lanes[k] = (struct chart_lane){p.tasks[k].name, "min", p.tasks[k].per_day, 0};
        g->task_totals[k] = (struct chart_task_total){p.tasks[k].name, p.tasks[k].total,
                                                      p.tasks[k].days};
    }
    tl->tasks = lanes;
    tl->n_tasks = p.n_tasks;
    if (p.has_sleep) {
        lanes[p.n_tasks] = (struct chart_lane){"sleep", "h", p.sleep, 10};
        tl->sleep = &lanes[p.n_tasks];
    }
    if (p.has_stress) {
        lanes[p.n_tasks + 1] = (struct chart_lane){"stress", "0-10", p.stress, 10};
        tl->stress = &lanes[p.n_tasks + 1];
    }
    struct chart_treatment_mark *tm = arena_alloc(a, (p.n_treat + 1) * sizeof *tm);
    if (p.n_treat)
        memcpy(tm, p.treat, p.n_treat * sizeof *tm);
    tl->treatments = tm;
    tl->n_treatments = p.n_treat;
    struct chart_treatment_mark *mm = arena_alloc(a, (p.n_meds + 1) * sizeof *mm);
    if (p.n_meds)
        memcpy(mm, p.meds, p.n_meds * sizeof *mm);
    tl->medications = mm;
    tl->n_medications = p.n_meds;
    struct chart_treatment_mark *om = arena_alloc(a, (p.n_outcomes + 1) * sizeof *om);
    if (p.n_outcomes)
        memcpy(om, p.outcomes, p.n_outcomes * sizeof *om);
    tl->outcomes = om;
    tl->n_outcomes = p.n_outcomes;
    if (p.n_med_totals)
        qsort(p.med_totals, p.n_med_totals, sizeof *p.med_totals, cmp_med);
    g->med_totals = arena_zalloc(a, p.n_med_totals + 1, sizeof *g->med_totals);
    if (p.n_med_totals)
        memcpy(g->med_totals, p.med_totals, p.n_med_totals * sizeof *g->med_totals);
    g->n_med_totals = p.n_med_totals;

    double sum = 0;
    int nd = 0;
    for (int64_t i = 0; i < p.n; i++)
        if (!isnan(p.daily_max[i])) {
            sum += p.daily_max[i];
            nd++;
        }
    g->mean_daily_max = nd ? sum / nd : NAN;

    struct chart_region_value *rv = arena_zalloc(a, p.n_regions + 1, sizeof *rv);
    for (size_t k = 0; k < p.n_regions; k++) {
        const struct g_region *r = &p.regions[k];
        rv[k] = (struct chart_region_value){
            r->id, g->pain_days ? (double)r->days / g->pain_days : 0,
            r->n ? r->sum / r->n : NAN};
    }
    g->bodymap.regions = rv;
    g->bodymap.n_regions = p.n_regions;
    g->bodymap.pain_days = g->pain_days;
    struct chart_point_mark *pm = arena_zalloc(a, p.n_marks + 1, sizeof *pm);
    for (size_t k = 0; k < p.n_marks; k++)
        pm[k] = (struct chart_point_mark){p.marks[k].muscle, p.marks[k].side,
                                          p.marks[k].sessions};
    g->bodymap.points = pm;
    g->bodymap.n_points = p.n_marks;
out:
    free(p.points);
    free(p.flares);
    free(p.ratings);
    free(p.regions);
    free(p.tasks);
    free(p.treat);
    free(p.marks);
    free(p.meds);
    free(p.outcomes);
    free(p.med_totals);
    free(p.med_last_day);
    return rc;
}

int chart_gather_progress(struct store *s, struct arena *a, const struct chart_period *per,
                          struct chart_gather *g, struct trp_err *err)
{
    /* The same loader and the same options as `trp progress`, so the chart and the report
     * can never tell a different status than the command. */
    struct progress_data *pd = arena_zalloc(a, 1, sizeof *pd);
    progress_data_init(pd);
    pd->has_since = per->has_since;
    pd->since = per->since;
    pd->has_until = per->has_until;
    pd->until = per->until;
    int rc = app_progress_data_load(s, a, pd, err);
    if (rc)
        return rc;
    g->pd = pd;
    const struct progress_result *r = &pd->result;
    struct chart_week *weeks = arena_zalloc(a, r->n_weeks + 1, sizeof *weeks);
    double *resid = arena_zalloc(a, r->n_weeks + 1, sizeof *resid);
    size_t nres = 0;
    for (size_t w = 0; w < r->n_weeks; w++) {
        weeks[w] = (struct chart_week){r->week[w].start_day, r->week[w].median,
                                       r->week[w].psfs_mean, r->week[w].pgic};
        if (!isnan(r->week[w].median) && r->trend_shown)
            resid[nres++] = r->week[w].median - r->slope_per_week * (double)w;
    }
    /* The trend line, only when its interval is finite: Theil-Sen slope with the median
     * intercept (Sen 1968). */
    double icpt = nres ? progress_median(resid, nres) : NAN;
    g->progress = (struct chart_progress){
        weeks, r->n_weeks, r->baseline, r->threshold, r->current,
        icpt, isnan(icpt) ? NAN : icpt + r->slope_per_week * (double)(r->n_weeks ? r->n_weeks - 1 : 0),
        progress_status_name(r->status)};
    return 0;
}

int chart_gather_factors(struct store *s, struct arena *a, const struct chart_period *per,
                         struct chart_gather *g, struct trp_err *err)
{
    /* The case-crossover analysis (core/analysis.h) over the same days as the charts. */
    struct store_query q;
    store_query_init(&q);
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    q.has_since = 1;
    q.since = trp_local_day_start(g->first_day);
    q.has_until = 1;
    q.until = trp_local_day_start(g->last_day + 1);
    struct analysis_result r;
    if ((rc = app_flares_analyze(s, a, per->flare_spec, &q, &r, err)))
        return rc;
    struct chart_factor *items = arena_zalloc(a, r.n_factors + 1, sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < r.n_factors; i++) {
        const struct analysis_factor *f = &r.factors[i];
        /* A row with no exposed day and no estimate says nothing (a build-up window the
         * diary is still too young for): left out rather than listed empty. */
        if (!f->days_exposed && !analysis_estimable(f->odds_ratio, f->ci_lo, f->ci_hi))
            continue;
        items[n++] = (struct chart_factor){
            f->unit && *f->unit ? arena_printf(a, "%s, per %s", f->name, f->unit)
                                : f->name,
            analysis_kind_name(f->kind), f->lag, f->odds_ratio, f->ci_lo, f->ci_hi,
            analysis_verdict_name(f->verdict), f->raises ? "raises" : "lowers",
            f->events_exposed, f->days_exposed};
    }
    g->factors.items = items;
    g->factors.n = n;
    g->factors_available = 1;
    g->factors.empty_message =
        r.n_flares == 0 ? "No flares in this period: nothing to compare yet."
                        : "No exposures (tasks, factors, treatments) logged to compare.";
    if (r.flares_needed > 0)
        g->factors_note = arena_printf(a,
                                       "%d flare%s compared so far; about %d more are needed before weak "
                                       "effects can be told from chance.",
                                       r.n_cases, r.n_cases == 1 ? "" : "s", r.flares_needed);
    return 0;
}

