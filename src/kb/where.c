/*
 * where.h: scoring and ranking. With a few hundred muscles and a handful of zones each, a
 * direct scan over the build-time index is faster than building any other structure.
 */
#include "kb/where.h"

#include "base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int where_query_build(const char *const *phrases, size_t n, struct where_query *q,
                      struct trp_err *err)
{
    memset(q, 0, sizeof *q);
    if (n == 0)
        return trp_err_set(err, TRP_EUSAGE, "say where it hurts, as in 'trp where temple'");
    /* `trp where pain behind my left eye` arrives as five words: one sentence again */
    char sentence[REGION_SENTENCE_MAX + 1];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(phrases[i]);
        if (o + len + 2 > sizeof sentence)
            return trp_err_set(err, TRP_EINVAL, "say where it hurts in at most %d characters",
                               REGION_SENTENCE_MAX);
        if (o)
            sentence[o++] = ' ';
        memcpy(sentence + o, phrases[i], len);
        o += len;
    }
    sentence[o] = '\0';
    struct region_sentence s;
    int rc = region_parse(sentence, &s, err);
    if (rc)
        return rc;
    q->n_phrases = s.n_places;
    for (size_t i = 0; i < s.n_places; i++) {
        const struct region_place *p = &s.places[i];
        struct region_match *m = &q->match[i];
        m->base = p->regions[0]->base;
        m->side = p->side;
        m->places = 1;
        m->count = p->count;
        memcpy(m->regions, p->regions, p->count * sizeof *p->regions);
        memcpy(q->text[i], p->text, sizeof q->text[i]);
    }
    memcpy(q->ignored, s.ignored, sizeof q->ignored);
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

/* Whether one of m's trigger points lies in base: trigger-point pain is felt there too, as
 * the referral charts draw it (Travell & Simons vol 1, 2nd ed. 1999, ch. 2). */
static int tp_here(const struct kb_index_entry *m, const char *base)
{
    for (size_t k = 0; k < m->n_tp_regions; k++)
        if (!strcmp(m->tp_regions[k], base))
            return 1;
    return 0;
}

/* Whether base is one of m's referral zones: 2 essential, 1 spillover, 0 neither. Every
 * essential zone counts the same: their order in the file carries no meaning. */
static int zone_weight(const struct kb_index_entry *m, const char *base, int *essential)
{
    for (size_t k = 0; k < m->n_essential; k++)
        if (!strcmp(m->essential[k], base))
            return *essential = 1, 2;
    for (size_t k = 0; k < m->n_spillover; k++)
        if (!strcmp(m->spillover[k], base))
            return *essential = 0, 1;
    return 0;
}

double where_specificity(const struct kb_index_entry *m)
{
    return 1.0 / sqrt((double)(m->n_essential ? m->n_essential : 1));
}

/* The order of where.h as one number, so that `matched` and `score` in the JSON explain
 * it: places and weight are whole numbers, and the tie-breaks together stay below 1. */
static double candidate_score(const struct where_candidate *c)
{
    return 100.0 * c->phrases_explained + c->weight + c->coverage / 2.0 +
           c->entry->evidence / 6.0 + c->specificity / 12.0;
}

/* Strength of one place for one muscle: 2 for an essential zone, 1 for spillover or for
 * the local pain around a trigger point lying there, and 2 where both of the latter meet
 * (the point is tender in everyone who has it, and its referral reaches the same place). */
static int place_strength(int zone_w, int tp_there)
{
    if (zone_w == 2 || (zone_w == 1 && tp_there))
        return 2;
    return zone_w || tp_there ? 1 : 0;
}

/* Keeps, of the entries of one group (a composite such as the thoracolumbar paraspinals
 * and the parts with entries of their own), only the best ranked: they describe the same
 * tissue, and listing them all would crowd out other muscles. all is sorted best first;
 * returns the new count. */
static size_t drop_overlaps(struct where_candidate *all, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = !strcmp(all[j].entry->group, all[i].entry->group);
        if (!seen)
            all[k++] = all[i];
    }
    return k;
}

static int cmp_candidates(const void *a, const void *b)
{
    const struct where_candidate *x = a, *y = b;
    if (x->zone_score != y->zone_score)
        return x->zone_score < y->zone_score ? 1 : -1;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
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

static struct where_candidate candidate_new(const struct kb_index_entry *e)
{
    struct where_candidate c;
    memset(&c, 0, sizeof c);
    c.entry = e;
    c.specificity = where_specificity(e);
    return c;
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
        struct where_candidate c = candidate_new(&trp_kb_index[i]);
        for (size_t p = 0; p < q->n_phrases; p++) {
            int best = 0;
            /* the zones of the place, each once (left and right share their bases) */
            const char *zones[64];
            size_t nzones = 0, nhit = 0;
            for (size_t r = 0; r < q->match[p].count; r++) {
                const char *bases[64];
                size_t nb = where_bases_of(q->match[p].regions[r], bases, 64);
                for (size_t b = 0; b < nb; b++) {
                    int again = 0;
                    for (size_t z = 0; z < nzones && !again; z++)
                        again = !strcmp(zones[z], bases[b]);
                    if (again || nzones == 64) /* a place has a handful of zones */
                        continue;
                    zones[nzones++] = bases[b];
                    int ess = 0, zw = zone_weight(c.entry, bases[b], &ess);
                    int tp = tp_here(c.entry, bases[b]);
                    int w = place_strength(zw, tp);
                    if (!zw && tp)
                        ess = -1; /* local pain around its own trigger point */
                    else if (zw == 1 && tp)
                        ess = 2; /* spillover where a trigger point lies too */
                    if (w) {
                        nhit++;
                        add_hit(&c, bases[b], ess, (int)p);
                        if (w > best)
                            best = w;
                    }
                }
            }
            c.phrases_explained += best > 0;
            c.essential_places += best == 2;
            c.weight += best * c.entry->commonness;
            if (nzones)
                c.coverage += (double)nhit / (double)nzones / (double)q->n_phrases;
        }
        c.score = candidate_score(&c);
        if (c.phrases_explained)
            all[n++] = c;
    }
    qsort(all, n, sizeof *all, cmp_candidates);
    n = drop_overlaps(all, n);
    return take_best(all, n, out, max, count, err);
}

int where_rank_weighted(const char *const *bases, const double *weights, size_t nb,
                        struct where_candidate *out, size_t max, size_t *count, struct trp_err *err)
{
    size_t nm = trp_kb_index_count;
    struct where_candidate *all = xcalloc(nm ? nm : 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < nm; i++) {
        struct where_candidate c = candidate_new(&trp_kb_index[i]);
        for (size_t b = 0; b < nb; b++) {
            int ess = 0, w = zone_weight(c.entry, bases[b], &ess);
            if (w) {
                add_hit(&c, bases[b], ess, -1);
                /* how much of the felt pain the muscle explains, essential zones counting
                 * twice; commonness and specificity break ties */
                c.zone_score += w * weights[b];
                c.essential_places += ess;
            }
        }
        c.phrases_explained = (int)c.n_hits;
        c.score = c.entry->commonness + c.specificity;
        if (c.n_hits)
            all[n++] = c;
    }
    qsort(all, n, sizeof *all, cmp_candidates);
    n = drop_overlaps(all, n);
    return take_best(all, n, out, max, count, err);
}
