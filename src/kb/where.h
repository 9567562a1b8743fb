/*
 * "Where does it hurt?": ranking the muscles whose trigger points refer pain to the places
 * a person names. Each phrase resolves to regions (side words included); a CHOIR segment
 * stands for every finer zone inside it. A muscle scores per phrase by the best zone it has
 * there: its primary essential zone (listed first) 3, another essential zone 2, a spillover
 * zone 1. Ranking: muscles that explain more of the phrases first, then the higher zone
 * score, then clinical commonness, then the more specific muscle (fewer essential zones).
 * The same scoring runs over the regions of recent diary entries, weighted by how often
 * and how strongly they hurt. The result is a list of places to check, not a diagnosis.
 */
#ifndef TRP_KB_WHERE_H
#define TRP_KB_WHERE_H

#include <stddef.h>

#include "base/err.h"
#include "core/region.h"
#include "kb/index.h"
#include "kb/muscle.h"

#define WHERE_MAX_PHRASES 16
#define WHERE_MAX_MATCHED 16

struct where_hit {
    const char *base;       /* the zone that matched */
    int essential;          /* 1 essential, 0 spillover */
    int phrase;             /* index of the phrase, or -1 for diary weights */
};

struct where_candidate {
    const struct kb_index_entry *entry;
    const struct muscle *muscle;   /* the full entry, filled for the candidates returned */
    double score;
    int phrases_explained;
    double zone_score;
    size_t n_hits;
    struct where_hit hits[WHERE_MAX_MATCHED];
};

struct where_query {
    size_t n_phrases;
    struct region_match match[WHERE_MAX_PHRASES];
};

/* Resolves each phrase (unknown ones fail with suggestions). */
int where_query_build(const char *const *phrases, size_t n, struct where_query *q,
                      struct trp_err *err);

/* Ranks all muscles for q; fills at most max candidates, best first, and sets *n to the
 * count (only muscles that explain at least one phrase). Fails only if a muscle entry
 * cannot be read. */
int where_rank(const struct where_query *q, struct where_candidate *out, size_t max, size_t *n,
               struct trp_err *err);

/* Diary variant: weights[i] for region base names bases[i]. */
int where_rank_weighted(const char *const *bases, const double *weights, size_t nb,
                        struct where_candidate *out, size_t max, size_t *n, struct trp_err *err);

/* The bases a region stands for (itself, or every sub-region of a CHOIR segment); returns
 * how many were written (at most max). */
size_t where_bases_of(const struct region *r, const char **out, size_t max);

#endif
