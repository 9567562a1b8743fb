/*
 * "Where does it hurt?": ranking the muscles whose trigger points are documented to refer
 * pain to the places a person names. A sentence ("my left jaw and temple") is read into
 * places (core/region.h); a CHOIR segment stands for every finer zone inside it. The order
 * is by strength of documented evidence, never by the order of lists in a data file:
 *   1. muscles that explain more of the places named (a place is explained by a referral
 *      zone, essential or spillover, or by a trigger point of the muscle lying there,
 *      whose pain is felt locally too);
 *   2. then how strongly and how often the muscle refers there: over the places, the sum of
 *      strength x commonness. Strength is 2 for an essential zone (the main zone of the
 *      referral pattern, felt by nearly everyone with the trigger point) and 1 for
 *      spillover (felt by some) or for the local pain of a trigger point lying there; a
 *      spillover zone where a trigger point lies too counts 2. Commonness (1-5) is how
 *      often the muscle is clinically involved. The product follows the Travell & Simons
 *      pain guides, which list the muscles for a place by how often each is the cause
 *      there, whether the place is essential or spillover for it: a very common muscle's
 *      spillover (the upper trapezius behind the eye) can come before an uncommon
 *      muscle's essential zone (the occipitalis);
 *   3. then, weighed together as tie-breaks: how much of the places its zones cover
 *      (coverage: the front of the knee is kneecap, inner and outer knee; a pattern over
 *      all three matches better than one over a single one), the grade of the evidence
 *      for its pattern (an experimental referral study above the consensus text, above
 *      expert opinion), and how specific its referral is, 1/sqrt(number of essential
 *      zones): a muscle with few essential zones points at each of them more strongly
 *      than one that refers almost everywhere.
 * score = 100 x places explained + sum of strength x commonness + coverage / 2 +
 * grade / 6 + specificity / 12 is that order in one number: the places and the sum are
 * whole numbers (at most 8 places, so the sum stays below one step of the first part) and
 * the tie-breaks together stay below 1. Entries that overlap, a composite and its parts
 * with entries of their own (part_of in the muscle file), are shown once: the best ranked.
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

#define WHERE_MAX_PHRASES REGION_PLACES_MAX
#define WHERE_MAX_MATCHED 16

struct where_hit {
    const char *base;       /* the zone that matched */
    int essential;          /* 1 essential, 0 spillover, -1 a trigger point of the muscle
                               lies there (local pain, ranked like spillover), 2 spillover
                               where a trigger point lies too (ranked like essential) */
    int phrase;             /* index of the place, or -1 for diary weights */
};

struct where_candidate {
    const struct kb_index_entry *entry;
    const struct muscle *muscle;   /* the full entry, filled for the candidates returned */
    double score;                  /* the order above as one number, for display */
    int phrases_explained;         /* places with at least one zone of this muscle */
    int essential_places;          /* places of strength 2 (an essential zone, or spillover
                                      where a trigger point lies too) */
    int weight;                    /* sum over the places of zone strength (essential 2,
                                      spillover or local 1) x commonness */
    double specificity;            /* 1 / sqrt(number of essential zones) */
    double coverage;               /* how much of the places its zones cover: per place,
                                      the share of the place's zones (a CHOIR segment has
                                      several) that it refers to, averaged (0-1) */
    double zone_score;             /* diary variant: weighted zone strength (leads there) */
    size_t n_hits;
    struct where_hit hits[WHERE_MAX_MATCHED];
};

struct where_query {
    size_t n_phrases;                       /* places understood */
    struct region_match match[WHERE_MAX_PHRASES];
    char text[WHERE_MAX_PHRASES][64];       /* the words that named each place */
    char ignored[REGION_SENTENCE_MAX + 1];  /* words not understood */
};

/* Reads the words (the arguments of `trp where`, joined with spaces into one sentence) into
 * places. Fails with suggestions when they name no place. */
int where_query_build(const char *const *phrases, size_t n, struct where_query *q,
                      struct trp_err *err);

/* Ranks all muscles for q; fills at most max candidates, best first, and sets *n to the
 * count (only muscles that explain at least one place). Fails only if a muscle entry
 * cannot be read. */
int where_rank(const struct where_query *q, struct where_candidate *out, size_t max, size_t *n,
               struct trp_err *err);

/* Diary variant: weights[i] for region base names bases[i]. */
int where_rank_weighted(const char *const *bases, const double *weights, size_t nb,
                        struct where_candidate *out, size_t max, size_t *n, struct trp_err *err);

/* The bases a region stands for (itself, or every sub-region of a CHOIR segment); returns
 * how many were written (at most max). */
size_t where_bases_of(const struct region *r, const char **out, size_t max);

/* 1 / sqrt(number of essential zones) of an index entry. */
double where_specificity(const struct kb_index_entry *m);

#endif
