/*
 * progress_data.h. Daily values are collected in one pass over the diary; the per-day
 * median keeps a day with one bad evening from weighing more than its share.
 */
#include "app/progress_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define MAX_MUSCLES 128

struct day_values {
    double *v;
    size_t n, cap;
};

struct collect {
    struct arena *a;
    int64_t first_day, last_day;    /* span of pain ratings, PSFS and PGIC */
    int64_t origin;                 /* local day of days[0] */
    int64_t first_treatment;
    size_t n_days_alloc;
    struct day_values *days;
    struct progress_psfs_rating *psfs;
    size_t n_psfs, cap_psfs;
    struct progress_pgic_answer *pgic;
    size_t n_pgic, cap_pgic;
    struct progress_muscle muscles[MAX_MUSCLES];
    double *release_secs[MAX_MUSCLES];
    size_t n_release[MAX_MUSCLES];
    double *hold_secs[MAX_MUSCLES];
    size_t n_hold[MAX_MUSCLES];
    double sum_before[MAX_MUSCLES], sum_after[MAX_MUSCLES];
    size_t n_muscles;
};

void progress_data_init(struct progress_data *pd)
{
    memset(pd, 0, sizeof *pd);
    progress_config_default(&pd->config);
}

const char *progress_start_text(enum progress_start start)
{
    switch (start) {
    case PROGRESS_START_OPTION: return "from the date you gave";
    case PROGRESS_START_PERIOD: return "from the start of the period";
    case PROGRESS_START_TREATMENT: return "from your first treatment";
    case PROGRESS_START_DIARY: return "from the start of your diary";
    default: return "from 26 weeks before your last entry";
    }
}

static void span_add(struct collect *c, int64_t day)
{
    if (c->first_day == INT64_MIN || day < c->first_day)
        c->first_day = day;
    if (c->last_day == INT64_MIN || day > c->last_day)
        c->last_day = day;
}

static void day_add(struct collect *c, int64_t day, double v)
{
    if (c->origin == INT64_MIN)
        c->origin = day;
    if (day < c->origin)
        return; /* entries come in time order; an earlier local day only via odd offsets */
    size_t idx = (size_t)(day - c->origin);
    if (idx >= c->n_days_alloc) {
        size_t cap = c->n_days_alloc ? c->n_days_alloc : 64;
        while (cap <= idx)
            cap *= 2;
        c->days = xrealloc(c->days, cap * sizeof *c->days);
        memset(c->days + c->n_days_alloc, 0, (cap - c->n_days_alloc) * sizeof *c->days);
        c->n_days_alloc = cap;
    }
    struct day_values *d = &c->days[idx];
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 4;
        d->v = xrealloc(d->v, d->cap * sizeof *d->v);
    }
    d->v[d->n++] = v;
    span_add(c, day);
}

static struct progress_muscle *muscle_slot(struct collect *c, const char *muscle, size_t *idx)
{
    for (size_t i = 0; i < c->n_muscles; i++)
        if (!strcmp(c->muscles[i].muscle, muscle))
            return *idx = i, &c->muscles[i];
    if (c->n_muscles == MAX_MUSCLES)
        return NULL;
    *idx = c->n_muscles;
    struct progress_muscle *m = &c->muscles[c->n_muscles++];
    memset(m, 0, sizeof *m);
    m->muscle = arena_strdup(c->a, muscle);
    return m;
}

static void push(double **v, size_t *n, double x)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

static void collect_treatment(struct collect *c, const struct entry *e)
{
    const char *t = e->treat.technique;
    if (!t || (strcmp(t, "compression") && strcmp(t, "friction")))
        return;
    size_t i;
    struct progress_muscle *m = muscle_slot(c, e->treat.muscle, &i);
    if (!m)
        return;
    m->sessions++;
    if (e->treat.pain_before != ENTRY_UNSET && e->treat.pain_after != ENTRY_UNSET) {
        m->with_pain++;
        c->sum_before[i] += e->treat.pain_before;
        c->sum_after[i] += e->treat.pain_after;
    }
    const struct entry_treatment *tr = &e->treat;
    if (tr->released != ENTRY_UNSET) {
        m->with_release++;
        m->released += tr->released;
    }
    if (tr->n_per_pass) {
        /* Every pass as it happened: the unsoftened 90 s counts as a hold, not as a time
         * to soften. */
        for (size_t k = 0; k < tr->n_per_pass; k++) {
            push(&c->hold_secs[i], &c->n_hold[i], tr->per_pass[k].hold_seconds);
            if (tr->per_pass[k].softened)
                push(&c->release_secs[i], &c->n_release[i], tr->per_pass[k].hold_seconds);
        }
    } else if (tr->hold_seconds != ENTRY_UNSET) {
        /* Logged by hand: the hold is per pass; only the pass that softened is known to. */
        int n = tr->passes != ENTRY_UNSET ? tr->passes : 1;
        for (int k = 0; k < n; k++)
            push(&c->hold_secs[i], &c->n_hold[i], tr->hold_seconds);
        if (tr->released == 1)
            push(&c->release_secs[i], &c->n_release[i], tr->hold_seconds);
    }
}

static int collect_one(const struct entry *e, void *data)
{
    struct collect *c = data;
    int64_t day = trp_time_local_day(&e->at);
    switch (e->kind) {
    case ENTRY_PAIN:
        day_add(c, day, e->value);
        break;
    case ENTRY_TREATMENT:
        if (c->first_treatment == INT64_MIN || day < c->first_treatment)
            c->first_treatment = day;
        if (e->treat.muscle)
            collect_treatment(c, e);
        break;
    case ENTRY_PSFS:
        if (c->n_psfs == c->cap_psfs) {
            c->cap_psfs = c->cap_psfs ? 2 * c->cap_psfs : 32;
            c->psfs = xrealloc(c->psfs, c->cap_psfs * sizeof *c->psfs);
        }
        c->psfs[c->n_psfs++] = (struct progress_psfs_rating){day, arena_strdup(c->a, e->name),
                                                             e->value};
        span_add(c, day);
        break;
    case ENTRY_PGIC:
        if (c->n_pgic == c->cap_pgic) {
            c->cap_pgic = c->cap_pgic ? 2 * c->cap_pgic : 32;
            c->pgic = xrealloc(c->pgic, c->cap_pgic * sizeof *c->pgic);
        }
        c->pgic[c->n_pgic++] = (struct progress_pgic_answer){day, (int)e->value};
        span_add(c, day);
        break;
    default:
        break;
    }
    return 0;
}

/* Where the course starts; see progress_data.h. */
static int64_t course_start(const struct progress_data *pd, const struct collect *c,
                            enum progress_start *why)
{
    if (pd->has_baseline)
        return *why = PROGRESS_START_OPTION, trp_local_day_of(pd->baseline_at);
    if (pd->has_since)
        return *why = PROGRESS_START_PERIOD, trp_local_day_of(pd->since);
    if (c->first_treatment != INT64_MIN)
        return *why = PROGRESS_START_TREATMENT, c->first_treatment;
    if (c->last_day - c->first_day < PROGRESS_RECENT_DAYS)
        return *why = PROGRESS_START_DIARY, c->first_day;
    return *why = PROGRESS_START_RECENT, c->last_day - PROGRESS_RECENT_DAYS + 1;
}

static void finish(struct arena *a, struct progress_data *pd, struct collect *c)
{
    pd->n_days = 0;
    pd->daily = arena_zalloc(a, 1, sizeof *pd->daily);
    if (c->first_day != INT64_MIN) {
        int64_t first = course_start(pd, c, &pd->start);
        int64_t last = c->last_day;
        /* The core keeps at most PROGRESS_MAX_WEEKS from the start of the course. */
        if (last - first + 1 > (int64_t)PROGRESS_MAX_WEEKS * 7)
            last = first + (int64_t)PROGRESS_MAX_WEEKS * 7 - 1;
        pd->first_day = first;
        pd->last_day = last;
        if (last >= first) {
            pd->n_days = (size_t)(last - first + 1);
            pd->daily = arena_zalloc(a, pd->n_days, sizeof *pd->daily);
            for (size_t d = 0; d < pd->n_days; d++) {
                int64_t k = first + (int64_t)d - c->origin;
                const struct day_values *dv =
                    k >= 0 && (size_t)k < c->n_days_alloc ? &c->days[k] : NULL;
                pd->daily[d] = dv && dv->n ? progress_median(dv->v, dv->n) : NAN;
            }
        }
    }
    /* Only the answers inside the course count. */
    pd->psfs = arena_zalloc(a, c->n_psfs + 1, sizeof *pd->psfs);
    for (size_t i = 0; i < c->n_psfs; i++)
        if (pd->n_days && c->psfs[i].day >= pd->first_day && c->psfs[i].day <= pd->last_day)
            pd->psfs[pd->n_psfs++] = c->psfs[i];
    pd->pgic = arena_zalloc(a, c->n_pgic + 1, sizeof *pd->pgic);
    for (size_t i = 0; i < c->n_pgic; i++)
        if (pd->n_days && c->pgic[i].day >= pd->first_day && c->pgic[i].day <= pd->last_day)
            pd->pgic[pd->n_pgic++] = c->pgic[i];
    struct progress_input in = {pd->first_day, pd->n_days, pd->daily,
                                pd->psfs,      pd->n_psfs, pd->pgic, pd->n_pgic};
    progress_compute(&in, &pd->config, &pd->result);
}

int app_progress_data_load(struct store *s, struct arena *a, struct progress_data *pd,
                           struct trp_err *err)
{
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    pd->today = trp_time_local_day(&now);
    struct collect *c = xcalloc(1, sizeof *c);
    c->a = a;
    c->first_day = c->last_day = c->first_treatment = c->origin = INT64_MIN;
    struct store_query q;
    store_query_init(&q);
    q.has_since = pd->has_since;
    q.since = pd->since;
    /* Never past the end of today: a diary can hold planned entries, and pain that has not
     * happened yet cannot count as the current level. */
    int64_t end_of_today = trp_local_day_start(pd->today + 1);
    q.has_until = 1;
    q.until = pd->has_until && pd->until < end_of_today ? pd->until : end_of_today;
    rc = store_entry_each(s, &q, collect_one, c, err);
    if (!rc) {
        finish(a, pd, c);
        pd->n_muscles = c->n_muscles;
        pd->muscles = arena_zalloc(a, c->n_muscles + 1, sizeof *pd->muscles);
        for (size_t i = 0; i < c->n_muscles; i++) {
            pd->muscles[i] = c->muscles[i];
            struct progress_muscle *m = &pd->muscles[i];
            if (m->with_pain) {
                m->mean_before = c->sum_before[i] / m->with_pain;
                m->mean_after = c->sum_after[i] / m->with_pain;
            }
            m->median_release_seconds = progress_median(c->release_secs[i], c->n_release[i]);
            m->n_softened = (int)c->n_release[i];
            m->median_hold_seconds = progress_median(c->hold_secs[i], c->n_hold[i]);
            m->n_passes = (int)c->n_hold[i];
        }
    }
    for (size_t d = 0; d < c->n_days_alloc; d++)
        free(c->days[d].v);
    free(c->days);
    free(c->psfs);
    free(c->pgic);
    for (size_t i = 0; i < c->n_muscles; i++) {
        free(c->release_secs[i]);
        free(c->hold_secs[i]);
    }
    free(c);
    return rc;
}
