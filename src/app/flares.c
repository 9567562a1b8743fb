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

int app_flares_load(struct store *s, struct arena *a, const struct store_query *q,
                    const struct recurrence_config *c, struct app_flares *out, struct trp_err *err)
{
    struct store_query pq = *q;
    pq.kind = ENTRY_PAIN;
    struct ratings r = {NULL, 0, 0};
    int rc = store_entry_each(s, &pq, add_rating, &r, err);
    if (!rc) {
        size_t max = r.n / 2 + 1;
        out->items = arena_zalloc(a, max, sizeof *out->items);
        out->n = recurrence_detect(r.v, r.n, c, out->items, max);
        out->n_ratings = r.n;
        out->decimals = recurrence_has_decimals(r.v, r.n);
        out->n_days = r.n ? (size_t)(trp_time_local_day(&r.v[r.n - 1].at) - trp_time_local_day(&r.v[0].at) + 1) : 0;
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
            out->n_relative = recurrence_detect(r.v, r.n, &alt, tmp, max);
            alt = *c;
            if (alt.rise_kind == RISE_ADAPTIVE)
                alt.spread_k /= 2, alt.min_rise /= 2;
            else
                alt.rise /= 2, alt.min_rise /= 2;
            out->n_half = recurrence_detect(r.v, r.n, &alt, tmp, max);
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
