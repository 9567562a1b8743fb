/*
 * progress_data.h. Daily values are collected in one pass over pain and treatment entries;
 * the per-day median keeps a day with one bad evening from weighing more than its share.
 */
#include "cmd/progress_data.h"

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
    int64_t first_day, last_day;
    size_t n_days_alloc;
    struct day_values *days;
    struct progress_muscle muscles[MAX_MUSCLES];
    double *release_secs[MAX_MUSCLES];
    size_t n_release[MAX_MUSCLES];
    double sum_before[MAX_MUSCLES], sum_after[MAX_MUSCLES];
    size_t n_muscles;
};

static void day_add(struct collect *c, int64_t day, double v)
{
    if (c->first_day == INT64_MIN)
        c->first_day = day;
    if (day < c->first_day)
        return; /* entries come in time order; an earlier local day only via odd offsets */
    size_t idx = (size_t)(day - c->first_day);
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
    if (day > c->last_day)
        c->last_day = day;
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

static int collect_one(const struct entry *e, void *data)
{
    struct collect *c = data;
    if (e->kind == ENTRY_PAIN) {
        day_add(c, trp_time_local_day(&e->at), e->value);
    } else if (e->kind == ENTRY_TREATMENT && e->treat.muscle) {
        const char *t = e->treat.technique;
        if (!t || (strcmp(t, "compression") && strcmp(t, "friction")))
            return 0;
        size_t i;
        struct progress_muscle *m = muscle_slot(c, e->treat.muscle, &i);
        if (!m)
            return 0;
        m->sessions++;
        if (e->treat.pain_before != ENTRY_UNSET && e->treat.pain_after != ENTRY_UNSET) {
            m->with_pain++;
            c->sum_before[i] += e->treat.pain_before;
            c->sum_after[i] += e->treat.pain_after;
        }
        if (e->treat.released != ENTRY_UNSET) {
            m->with_release++;
            m->released += e->treat.released;
            if (e->treat.released && e->treat.hold_seconds != ENTRY_UNSET) {
                c->release_secs[i] = xrealloc(c->release_secs[i], (c->n_release[i] + 1) * sizeof(double));
                c->release_secs[i][c->n_release[i]++] = e->treat.hold_seconds;
            }
        }
    }
    return 0;
}

int progress_data_load(struct cmd_ctx *ctx, struct store *s, struct progress_data *pd)
{
    struct collect *c = xcalloc(1, sizeof *c);
    c->a = ctx->arena;
    c->first_day = INT64_MIN;
    c->last_day = INT64_MIN;
    struct store_query q;
    store_query_init(&q);
    q.has_since = pd->has_since;
    q.has_until = pd->has_until;
    q.until = pd->until;
    q.since = pd->since;
    int rc = store_entry_each(s, &q, collect_one, c, &ctx->err);
    if (!rc) {
        pd->first_day = c->first_day == INT64_MIN ? 0 : c->first_day;
        pd->n_days = c->first_day == INT64_MIN ? 0 : (size_t)(c->last_day - c->first_day + 1);
        pd->daily = arena_zalloc(ctx->arena, pd->n_days + 1, sizeof *pd->daily);
        for (size_t d = 0; d < pd->n_days; d++)
            pd->daily[d] = c->days[d].n ? progress_median(c->days[d].v, c->days[d].n) : NAN;
        struct progress_input in = {pd->first_day, pd->n_days, pd->daily};
        progress_compute(&in, &pd->config, &pd->result);
        pd->n_muscles = c->n_muscles;
        pd->muscles = arena_zalloc(ctx->arena, c->n_muscles + 1, sizeof *pd->muscles);
        for (size_t i = 0; i < c->n_muscles; i++) {
            pd->muscles[i] = c->muscles[i];
            struct progress_muscle *m = &pd->muscles[i];
            if (m->with_pain) {
                m->mean_before = c->sum_before[i] / m->with_pain;
                m->mean_after = c->sum_after[i] / m->with_pain;
            }
            m->median_release_seconds = progress_median(c->release_secs[i], c->n_release[i]);
        }
    }
    for (size_t d = 0; d < c->n_days_alloc; d++)
        free(c->days[d].v);
    free(c->days);
    for (size_t i = 0; i < c->n_muscles; i++)
        free(c->release_secs[i]);
    free(c);
    return rc;
}
