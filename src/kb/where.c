/*
 * where.h: scoring and ranking. With under a hundred muscles and a handful of zones each,
 * a direct scan is faster than building any index.
 */
#include "kb/where.h"

#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

int where_query_build(const char *const *phrases, size_t n, struct where_query *q,
                      struct trp_err *err)
{
    if (n == 0)
        return trp_err_set(err, TRP_EUSAGE, "say where it hurts, as in 'trp where temple'");
    if (n > WHERE_MAX_PHRASES)
        return trp_err_set(err, TRP_EINVAL, "at most %d places at once", WHERE_MAX_PHRASES);
    q->n_phrases = n;
    for (size_t i = 0; i < n; i++) {
        int rc = region_resolve(phrases[i], &q->match[i], err);
        if (rc)
            return rc;
    }
    return 0;
}

size_t where_bases_of(const struct region *r, const char **out, size_t max)
{
    size_t n = 0;
    if (!r->code) {
        out[n++] = r->base;
        return n;
    }
    size_t total = region_count();
    for (size_t i = 0; i < total && n < max; i++) {
        const struct region *s = region_at(i);
        if (s->code)
            continue;
        const struct region *pair[2];
        size_t np = region_choir_pair(s, pair);
        if ((np > 0 && pair[0] == r) || (np > 1 && pair[1] == r)) {
            int dup = 0;
            for (size_t k = 0; k < n; k++)
                dup |= !strcmp(out[k], s->base);
            if (!dup)
                out[n++] = s->base;
        }
    }
    return n;
}

/* Zone weight of base for muscle m: 3 primary essential, 2 essential, 1 spillover, 0. */
static int zone_weight(const struct kb_index_entry *m, const char *base, int *essential)
{
    for (size_t k = 0; k < m->n_essential; k++)
        if (!strcmp(m->essential[k], base))
            return *essential = 1, k == 0 ? 3 : 2;
    for (size_t k = 0; k < m->n_spillover; k++)
        if (!strcmp(m->spillover[k], base))
            return *essential = 0, 1;
    return 0;
}

static int cmp_candidates(const void *a, const void *b)
{
    const struct where_candidate *x = a, *y = b;
    if (x->phrases_explained != y->phrases_explained)
        return y->phrases_explained - x->phrases_explained;
    if (x->zone_score != y->zone_score)
        return x->zone_score < y->zone_score ? 1 : -1;
    if (x->entry->commonness != y->entry->commonness)
        return y->entry->commonness - x->entry->commonness;
    if (x->entry->n_essential != y->entry->n_essential)
        return (int)x->entry->n_essential - (int)y->entry->n_essential;
    return strcmp(x->entry->id, y->entry->id);
}

static void add_hit(struct where_candidate *c, const char *base, int essential, int phrase)
{
    for (size_t i = 0; i < c->n_hits; i++)
        if (!strcmp(c->hits[i].base, base))
            return;
    if (c->n_hits < WHERE_MAX_MATCHED)
        c->hits[c->n_hits++] = (struct where_hit){base, essential, phrase};
}

static void finish_scores(struct where_candidate *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        c[i].score = c[i].phrases_explained * 100.0 + c[i].zone_score * 10.0 + c[i].entry->commonness;
    qsort(c, n, sizeof *c, cmp_candidates);
}

/* Copies the best k candidates out and loads their full entries. */
static int take_best(struct where_candidate *all, size_t n, struct where_candidate *out,
                     size_t max, size_t *count, struct trp_err *err)
{
    size_t k = n < max ? n : max;
    memcpy(out, all, k * sizeof *out);
    free(all);
    for (size_t i = 0; i < k; i++) {
        int rc = muscle_of_file(out[i].entry->file, &out[i].muscle, err);
        if (rc)
            return rc;
    }
    *count = k;
    return 0;
}

int where_rank(const struct where_query *q, struct where_candidate *out, size_t max, size_t *count,
               struct trp_err *err)
{
    size_t nm = trp_kb_index_count;
    struct where_candidate *all = xcalloc(nm ? nm : 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < nm; i++) {
        struct where_candidate c = {&trp_kb_index[i], NULL, 0, 0, 0, 0, {{0}}};
        for (size_t p = 0; p < q->n_phrases; p++) {
            int best = 0;
            for (size_t r = 0; r < q->match[p].count; r++) {
                const char *bases[64];
                size_t nb = where_bases_of(q->match[p].regions[r], bases, 64);
                for (size_t b = 0; b < nb; b++) {
                    int ess = 0, w = zone_weight(c.entry, bases[b], &ess);
                    if (w) {
                        add_hit(&c, bases[b], ess, (int)p);
                        if (w > best)
                            best = w;
                    }
                }
            }
            if (best) {
                c.phrases_explained++;
                c.zone_score += best;
            }
        }
        if (c.phrases_explained)
            all[n++] = c;
    }
    finish_scores(all, n);
    return take_best(all, n, out, max, count, err);
}

int where_rank_weighted(const char *const *bases, const double *weights, size_t nb,
                        struct where_candidate *out, size_t max, size_t *count, struct trp_err *err)
{
    size_t nm = trp_kb_index_count;
    struct where_candidate *all = xcalloc(nm ? nm : 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < nm; i++) {
        struct where_candidate c = {&trp_kb_index[i], NULL, 0, 0, 0, 0, {{0}}};
        for (size_t b = 0; b < nb; b++) {
            int ess = 0, w = zone_weight(c.entry, bases[b], &ess);
            if (w) {
                add_hit(&c, bases[b], ess, -1);
                c.phrases_explained++;
                c.zone_score += w * weights[b];
            }
        }
        if (c.phrases_explained)
            all[n++] = c;
    }
    /* With diary weights the zone score leads: how much of the felt pain a muscle explains. */
    for (size_t i = 0; i < n; i++)
        all[i].phrases_explained = 0;
    finish_scores(all, n);
    for (size_t i = 0; i < n; i++) {
        all[i].phrases_explained = (int)all[i].n_hits;
        all[i].score = all[i].zone_score * 10.0 + all[i].entry->commonness;
    }
    return take_best(all, n, out, max, count, err);
}
