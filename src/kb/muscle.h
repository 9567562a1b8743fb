/*
 * The muscle knowledge base: one JSON file per muscle in data/muscles/, compiled into the
 * binary, loaded and checked once per process. Each entry says where its trigger points
 * are, where they refer pain (essential and spillover zones, as base region names from the
 * vocabulary), how to treat it yourself, a stretch and a strengthening exercise, the tasks
 * that tend to keep it going, its sources and, where another condition must be ruled out
 * first, a caution with its own source. A broken entry is an error naming the file and the
 * field, so it fails the tests rather than misleading a person. Format: data/muscles/README.md.
 */
#ifndef TRP_KB_MUSCLE_H
#define TRP_KB_MUSCLE_H

#include <stddef.h>

#include "base/err.h"

#define MUSCLE_MAX_TP 6
#define MUSCLE_MAX_LIST 16

struct muscle_tp {
    const char *name;
    const char *region;      /* base region name */
    const char *location;
    const char *how_to_find;
    size_t n_refers;         /* optional: the zones this point is known for, when a */
    const char *refers_to[MUSCLE_MAX_LIST]; /* muscle's points refer to different places */
};

struct muscle_perp {
    const char *task;
    size_t n_keywords;
    const char *keywords[MUSCLE_MAX_LIST];
};

struct muscle_source {
    const char *citation;
    const char *kind;        /* consensus-text | referral-study | expert-opinion | trial */
};

struct muscle {
    const char *file;        /* "soleus.json" */
    const char *id, *name, *area;
    size_t n_aliases;
    const char *aliases[MUSCLE_MAX_LIST];
    int commonness;          /* 1-5 */
    size_t n_tp;
    struct muscle_tp tp[MUSCLE_MAX_TP];
    size_t n_essential, n_spillover;
    const char *essential[MUSCLE_MAX_LIST];
    const char *spillover[MUSCLE_MAX_LIST];
    size_t n_symptoms;
    const char *symptoms[MUSCLE_MAX_LIST];
    int compression, friction;    /* techniques offered */
    const char *position, *tool, *pressure, *friction_direction;
    int hold_seconds, passes;
    size_t n_cautions, n_endangerment;
    const char *cautions[MUSCLE_MAX_LIST];
    const char *endangerment[MUSCLE_MAX_LIST];
    const char *stretch, *strengthen;
    size_t n_perpetuating;
    struct muscle_perp perpetuating[MUSCLE_MAX_LIST];
    size_t n_sources;
    struct muscle_source sources[MUSCLE_MAX_LIST];
    const char *caution;     /* optional: a condition to rule out first; NULL if none */
    const char *caution_source; /* its source; set whenever caution is */
    const char *evidence;    /* consensus-text | experimental-referral-study | expert-opinion */
    const char *reviewed;    /* YYYY-MM-DD */
    const char *part_of;     /* optional: id of the group entry this one details (the
                                iliocostalis lumborum of the thoracolumbar paraspinals);
                                NULL if none */
    int midline;             /* every trigger point lies on a midline region */
};

/* Loads and checks every embedded muscle (once). TRP_EIO with "data/muscles/FILE: field:
 * problem" when an entry is broken. */
int muscle_load(struct trp_err *err);

/* Parses and checks one entry given as JSON text (for tests and for checking an edited
 * file); `file` names it in messages. The parsed entry is discarded. */
int muscle_check_text(const char *file, const char *json_text, struct trp_err *err);

size_t muscle_count(void);
const struct muscle *muscle_at(size_t i);

/* The entry of embedded file number i (the order of kb/index.h), parsing only that file
 * when the whole knowledge base is not loaded: `trp where` shows a few muscles and should
 * not pay for parsing all of them. */
int muscle_of_file(size_t i, const struct muscle **out, struct trp_err *err);

/* By id or alias, case-insensitive; NULL if unknown. */
const struct muscle *muscle_find(const char *name);

/* Like muscle_find, but an unknown name is TRP_EINVAL with up to three suggestions. */
int muscle_lookup(const char *name, const struct muscle **out, struct trp_err *err);

/* The areas, in body order. */
extern const char *const muscle_areas[];
extern const size_t muscle_areas_count;

#endif
