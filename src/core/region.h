/*
 * The body-region vocabulary: where pain is felt. Two layers live in data/regions/ and are
 * compiled into the binary: the 74 segments of the CHOIR body map (so drawings stay
 * comparable with clinical data) and finer referral zones beneath them (temple, thumb web,
 * heel ...). Lay phrases such as "outer elbow" or "between the shoulder blades" resolve to
 * region ids through data/regions/synonyms.tsv.
 *
 * The vocabulary is parsed and checked once per process on first use and then stays
 * read-only for the life of the process, so the pointers handed out here never dangle and
 * may be shared between threads. Nothing here prints.
 */
#ifndef TRP_CORE_REGION_H
#define TRP_CORE_REGION_H

#include <stddef.h>

#include "base/err.h"

/* Which side of the body a region is on. */
enum region_side {
    REGION_MIDLINE = 0,
    REGION_LEFT,
    REGION_RIGHT,
};

/* Which figure a region is drawn on; deep regions (behind the eye, teeth) are felt inside. */
enum region_view {
    REGION_FRONT = 0,
    REGION_BACK,
    REGION_DEEP,
};

/* The side a phrase asked for: "left temple", "both heels", or no side word at all. */
enum region_laterality {
    REGION_LAT_UNSPECIFIED = 0,
    REGION_LAT_LEFT,
    REGION_LAT_RIGHT,
    REGION_LAT_BOTH,
};

struct region {
    const char *id;               /* "temple.l", "sternum", "anterior-shoulder.r" */
    const char *base;             /* the id without its side suffix: "temple" */
    const char *label;            /* "Left temple" */
    int code;                     /* CHOIR segment code (101-136, 201-238), 0 for sub-regions */
    enum region_side side;
    enum region_view view;
    const struct region *parent;  /* the CHOIR segment a sub-region lies in; NULL for one */
    const struct region *mirror;  /* the same region on the other side; NULL for midline */
};

/* Most regions one phrase can name ("fingers" is four bases on two sides = 8). */
#define REGION_MATCH_MAX 16

/* Longest phrase region_resolve accepts, in bytes. */
#define REGION_PHRASE_MAX 200

struct region_match {
    const char *base;             /* the first matched base name, e.g. "lateral-epicondyle" */
    enum region_laterality side;  /* the side the phrase asked for (both if places differ) */
    int unsided;                  /* a place on both sides of the body was named without a
                                     side ("neck"); a diary entry must then ask which */
    size_t places;                /* how many places the phrase named ("jaw and temple": 2) */
    size_t count;                 /* number of regions below, 1..REGION_MATCH_MAX */
    const struct region *regions[REGION_MATCH_MAX];
};

/* Most places one sentence can name, and the longest sentence region_parse reads. */
#define REGION_PLACES_MAX 8
#define REGION_SENTENCE_MAX 400

/* One place a sentence names, with the words that named it. */
struct region_place {
    char text[64];                /* the words understood, normalised: "back of head" */
    enum region_laterality side;  /* its own side word, or the one it shares with a neighbour */
    size_t count;
    const struct region *regions[REGION_MATCH_MAX];
};

struct region_sentence {
    size_t n_places;
    struct region_place places[REGION_PLACES_MAX];
    char ignored[REGION_SENTENCE_MAX + 1]; /* words that are neither a place nor common
                                              filler, space-separated ("" if none) */
};

/* Loads and checks the embedded vocabulary (once; later calls are free). Returns 0, or
 * TRP_EIO with the file, line and problem if the compiled-in data is broken. Every other
 * function loads on demand, so calling this is only needed to get that error message. */
int region_load(struct trp_err *err);

/* Parses and checks a vocabulary given as text, as region_load does for the embedded
 * files, then frees it. For tests and for checking edited data files. */
int region_vocab_check(const char *regions_tsv, const char *synonyms_tsv, struct trp_err *err);

/* The region with this exact id, or NULL (also NULL if the vocabulary failed to load). */
const struct region *region_find(const char *id);

/* The CHOIR segment with this code (101-136, 201-238), or NULL. */
const struct region *region_find_code(int code);

/* Number of regions, and the i-th in file order (CHOIR segments first). */
size_t region_count(void);
const struct region *region_at(size_t i);

/*
 * Reads a sentence as people say it ("headache at the back of my head", "toothache upper jaw
 * on the left", "my left jaw and temple", "pain down the outside of my thigh") into the
 * places it names, longest phrase first. Symptom and filler words are skipped; a side word
 * belongs to the place right after it, else to the one before ("temple on the left"), and a
 * place without one shares its neighbour's ("left jaw and temple"); "left side of my chest"
 * is the left chest front and side. Symptom words that imply a place ("headache",
 * "toothache") count only when nothing more precise is named. Words that name nothing are
 * listed in out->ignored. Fails (TRP_EINVAL, with suggestions) when no place is named.
 */
int region_parse(const char *sentence, struct region_sentence *out, struct trp_err *err);

/* Resolves what a person typed ("left temple", "Outer elbow", "both heels", "temples",
 * "pain in my left knee", "temple.l", "choir 105", "left jaw and temple") to regions: the
 * union of the places region_parse finds. Stricter than region_parse: a word that names no
 * place and is not common filler is refused, so a typo never drops part of a diary region.
 * A sided region named without a side gives both sides and sets unsided. On failure returns
 * TRP_EINVAL with a message that quotes the phrase and offers up to three suggestions. */
int region_resolve(const char *phrase, struct region_match *out, struct trp_err *err);

/* region_resolve, reduced to the matched ids (pointers into the vocabulary, valid for the
 * life of the process). ids must have room for REGION_MATCH_MAX entries. */
int region_resolve_ids(const char *phrase, const char *ids[static REGION_MATCH_MAX], size_t *n,
                       struct trp_err *err);

/* The base name of a region id ("temple.l" -> "temple"), or NULL if the id is unknown. */
const char *region_base_of(const char *id);

/* The side of a region id; -1 if the id is unknown. */
int region_side_of(const char *id);

/* The CHOIR segment a region belongs to (itself for a segment). Never NULL for a region of
 * a loaded vocabulary. */
const struct region *region_choir_of(const struct region *r);

/* The CHOIR segments a region covers: one for a sided region, both sides for a midline
 * one (the sternum lies on the right and the left chest segment). Returns the count. */
size_t region_choir_pair(const struct region *r, const struct region *out[2]);

/* Whether a base name exists in the vocabulary ("temple", "anterior-knee"). */
int region_base_exists(const char *base);

/* "left" | "right" | "midline", "front" | "back" | "deep", "left" | "right" | "both" | "". */
const char *region_side_name(enum region_side side);
const char *region_view_name(enum region_view view);
const char *region_laterality_name(enum region_laterality lat);

#endif
