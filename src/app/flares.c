/*
 * From the diary in the store to flares and to the perpetuating-factor analysis (see
 * flares.h): no command context, so the terminal and the web server share it.
 */
#include "app/flares.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

struct ratings {
    struct recurrence_rating *v;
    size_t n, cap;
};

static int add_rating(const struct entry *e, void *data)
{
    struct ratings *r = data;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->v = xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = (struct recurrence_rating){e->at, e->value, e->flare};
    return 0;
}

int app_flares_config(struct store *s, struct arena *a, const char *spec,
                      struct recurrence_config *c, struct trp_err *err)
{
    recurrence_config_default(c);
    if (!spec) {
        int rc = store_setting_get(s, a, APP_FLARES_SETTING, &spec, err);
        if (rc)
            return rc;
    }
    return spec ? recurrence_config_parse(spec, c, err) : 0;
}

int app_flares_check_spec(const char *spec, struct trp_err *err)
{
    struct recurrence_config c;
    recurrence_config_default(&c);
    return recurrence_config_parse(spec, &c, err);
}

/* How many of the n flares begin in the query's period. */
static size_t in_period(const struct recurrence *f, size_t n, const struct store_query *q)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !q->has_since || f[i].onset.utc >= q->since;
    return k;
}

int app_flares_load(struct store *s, struct arena *a, const struct store_query *q,
                    const struct recurrence_config *c, struct app_flares *out, struct trp_err *err)
{
    struct store_query pq = *q;
    pq.kind = ENTRY_PAIN;
    /* With a period, the ratings of the weeks before it are read too, so that a flare early
     * in the period is judged against the usual level and spread before it, as it is when
     * the whole diary is read; only flares that begin in the period are kept. */
    if (pq.has_since)
        pq.since -= (int64_t)2 * c->spread_days * 86400;
    struct ratings r = {NULL, 0, 0};
    int rc = store_entry_each(s, &pq, add_rating, &r, err);
    if (!rc) {
        size_t max = r.n / 2 + 1, skip = 0;
        out->items = arena_zalloc(a, max, sizeof *out->items);
        out->n = recurrence_detect(r.v, r.n, c, out->items, max);
        if (q->has_since) {
            size_t keep = 0;
            for (size_t i = 0; i < out->n; i++)
                if (out->items[i].onset.utc >= q->since)
                    out->items[keep++] = out->items[i];
            out->n = keep;
            while (skip < r.n && r.v[skip].at.utc < q->since)
                skip++;
        }
        /* Counts of the period alone. */
        const struct recurrence_rating *v = r.v + skip;
        size_t nv = r.n - skip;
        out->n_ratings = nv;
        out->decimals = recurrence_has_decimals(v, nv);
        out->n_days = nv ? (size_t)(trp_time_local_day(&v[nv - 1].at) - trp_time_local_day(&v[0].at) + 1) : 0;
        /* Few flares in a long diary (fewer than one in two months over three months or
         * more): count what other rises would find, so the person can judge the fit. */
        out->n_relative = out->n_half = 0;
        if (out->n_days >= 90 && out->n * 60 < out->n_days) {
            struct recurrence_config alt = *c;
            struct recurrence *tmp = xmalloc(max * sizeof *tmp);
            alt.rise_kind = RISE_PERCENT;
            alt.rise = 20;
            alt.min_rise = 0.1;
            alt.min_level = 0;
            out->n_relative = in_period(tmp, recurrence_detect(r.v, r.n, &alt, tmp, max), q);
            alt = *c;
            if (alt.rise_kind == RISE_ADAPTIVE)
                alt.spread_k /= 2, alt.min_rise /= 2;
            else
                alt.rise /= 2, alt.min_rise /= 2;
            out->n_half = in_period(tmp, recurrence_detect(r.v, r.n, &alt, tmp, max), q);
            free(tmp);
        }
    }
    free(r.v);
    return rc;
}

static int feed_analysis(const struct entry *e, void *data)
{
    /* Medication is left out: people take it because of pain, so it would pass for a
     * trigger. PGIC and PSFS are outcomes, not exposures. */
    if (e->kind == ENTRY_MEDICATION || e->kind == ENTRY_PGIC || e->kind == ENTRY_PSFS)
        return 0;
    analysis_add(data, e);
    return 0;
}

int app_flares_medication_count(struct store *s, const struct store_query *q, int64_t *n,
                                struct trp_err *err)
{
    struct store_query mq = *q;
    mq.kind = ENTRY_MEDICATION;
    return store_entry_count(s, &mq, n, err);
}

int app_flares_analyze(struct store *s, struct arena *a, const char *spec,
                       const struct store_query *q, struct analysis_result *out,
                       struct trp_err *err)
{
    struct analysis *an = analysis_new(a);
    int rc = store_entry_each(s, q, feed_analysis, an, err);
    if (rc)
        return rc;
    struct analysis_config c;
    analysis_config_default(&c);
    if ((rc = app_flares_config(s, a, spec, &c.flare, err)))
        return rc;
    return analysis_run(an, &c, out, err);
}
