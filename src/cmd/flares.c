/*
 * flares.h.
 */
#include "cmd/flares.h"

#include <stdlib.h>

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

int flares_load(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                const struct recurrence_config *c, struct flares *out)
{
    struct store_query pq = *q;
    pq.kind = ENTRY_PAIN;
    struct ratings r = {NULL, 0, 0};
    int rc = store_entry_each(s, &pq, add_rating, &r, &ctx->err);
    if (!rc) {
        size_t max = r.n / 2 + 1;
        out->items = arena_zalloc(ctx->arena, max, sizeof *out->items);
        out->n = recurrence_detect(r.v, r.n, c, out->items, max);
        out->n_ratings = r.n;
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

int flares_medication_count(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                            int64_t *n)
{
    struct store_query mq = *q;
    mq.kind = ENTRY_MEDICATION;
    return store_entry_count(s, &mq, n, &ctx->err);
}

int flares_analyze(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                   struct analysis_result *out)
{
    struct analysis *an = analysis_new(ctx->arena);
    int rc = store_entry_each(s, q, feed_analysis, an, &ctx->err);
    if (rc)
        return rc;
    struct analysis_config c;
    analysis_config_default(&c);
    return analysis_run(an, &c, out, &ctx->err);
}
