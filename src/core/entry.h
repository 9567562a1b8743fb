/*
 * A diary entry: the one record type a person writes (pain, a task, a life factor, a
 * treatment, a note, a medication taken, and two outcome ratings: the Patient Global
 * Impression of Change and the Patient-Specific Functional Scale). All input paths (CLI flags, CSV and JSON Lines import, the web API)
 * fill a struct entry and pass it through entry_validate, so the rules live in one place.
 * Strings are borrowed: they belong to whoever filled the entry (usually an arena).
 */
#ifndef TRP_CORE_ENTRY_H
#define TRP_CORE_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/timeutil.h"

enum entry_kind {
    ENTRY_PAIN = 0,
    ENTRY_TASK,
    ENTRY_FACTOR,
    ENTRY_TREATMENT,
    ENTRY_NOTE,
    ENTRY_MEDICATION, /* a dose taken: name, optional dose and unit */
    ENTRY_PGIC,       /* Patient Global Impression of Change, 1-7 (value) */
    ENTRY_PSFS,       /* Patient-Specific Functional Scale: activity (name), 0-10 (value) */
    ENTRY_KIND_COUNT
};

/* Optional integers are -1 when not given; optional doubles are negative. */
#define ENTRY_UNSET (-1)

struct entry_region {
    const char *region; /* a region id from the vocabulary, e.g. "temple.l" */
    int intensity;      /* 0-10 for this region, or ENTRY_UNSET */
};

/* One pass of a guided compression: how long the pressure was held and whether the point
 * softened during it. A summary hold cannot say "90 s unsoftened, then 3 s softened". */
struct entry_pass {
    int hold_seconds;      /* 0-3600 */
    int softened;          /* 1 yes, 0 no */
};

struct entry_treatment {
    const char *technique; /* compression | friction | stretch | strengthen | other */
    const char *muscle;    /* knowledge-base muscle id, or free text when unknown */
    const char *side;      /* left | right | both | midline, or NULL */
    int hold_seconds;      /* seconds held per pass, or ENTRY_UNSET */
    int passes;            /* 1-20, or ENTRY_UNSET */
    int released;          /* 1 yes, 0 no, ENTRY_UNSET unknown */
    double pressure;       /* 0-10 of tolerance, or < 0 unknown */
    int pain_before;       /* 0-10, or ENTRY_UNSET */
    int pain_after;        /* 0-10, or ENTRY_UNSET */
    const char *performer; /* self | practitioner */
    const struct entry_pass *per_pass; /* every pass in order (guided sessions), or NULL;
                                          when given, passes equals n_per_pass */
    size_t n_per_pass;
};

struct entry {
    int64_t id;            /* 0 until stored */
    enum entry_kind kind;
    struct trp_time at;
    double value;          /* pain 0-10; factor value; medication dose (< 0: not given);
                              PGIC 1-7; PSFS 0-10; unused (0) otherwise */
    const char *name;      /* task, factor or medication name; PSFS activity; NULL otherwise */
    const char *unit;      /* medication: unit of the dose (entry_med_units), NULL without dose */
    int minutes;           /* task duration in minutes; 0 otherwise */
    int effort;            /* task effort 0-10, or ENTRY_UNSET */
    const char *posture;   /* task posture, free text, or NULL */
    const char *note;      /* free text (the whole entry for a note), or NULL */
    int flare;             /* pain: marked by hand as a flare */
    const char **qualities; /* pain qualities (aching, burning, ...) */
    size_t n_qualities;
    struct entry_region *regions;
    size_t n_regions;
    struct entry_treatment treat;
    int64_t deleted_at;    /* 0 when live; UTC seconds when deleted (restorable) */
    int64_t created_at;    /* UTC seconds of the first write */
    const char *revisions; /* earlier versions as a JSON array, oldest first, or NULL: filled
                              only when asked for (JSON Lines export) and by import */
};

/* Names of the kinds ("pain", "task", ...) and back. */
const char *entry_kind_name(enum entry_kind kind);
int entry_kind_parse(const char *name, enum entry_kind *out, struct trp_err *err);

/* Clears e and sets every optional field to "not given". */
void entry_init(struct entry *e, enum entry_kind kind);

/* Checks every field against the rules for its kind (ranges, required fields, known
 * factor ranges, vocabulary of qualities, techniques, sides, performers). Region ids must
 * already be resolved; entry_validate checks that they exist. The message names the field
 * ("pain value 11 is outside 0-10"). */
int entry_validate(const struct entry *e, struct trp_err *err);

/* What "now" is when a person gives a new entry or changes one. Times more than
 * ENTRY_FUTURE_SLACK seconds after now are refused unless allow_future (plans), because a
 * pain rating dated next year is a typo that would distort every trend. Stored entries and
 * revisions are not checked against the clock: what was accepted once stays readable. */
struct entry_clock {
    int64_t now;       /* UTC seconds */
    int allow_future;
};
#define ENTRY_FUTURE_SLACK (24 * 3600)

/* entry_validate, and the time checked against clock. */
int entry_validate_new(const struct entry *e, const struct entry_clock *clock,
                       struct trp_err *err);

/* Resolves a region phrase or id ("left temple", "temple.l", "both heels") and appends the
 * regions it names to e, each with the given intensity (or ENTRY_UNSET). A sided region
 * named without a side is refused with a message asking which side, because guessing both
 * would record pain where there is none. */
struct arena;
int entry_add_region(struct arena *a, struct entry *e, const char *phrase, int intensity,
                     struct trp_err *err);

/* Known factors with their allowed range; custom names are accepted without a range. */
struct factor_info {
    const char *name;
    double min, max;
    const char *unit;
    const char *help;
};
const struct factor_info *entry_factor_info(const char *name);
extern const struct factor_info entry_known_factors[];
extern const size_t entry_known_factors_count;

/* Known pain qualities (validated so that "burnig" is caught). */
extern const char *const entry_qualities[];
extern const size_t entry_qualities_count;

/* Units a medication dose may be given in (mg, mcg, g, ml, ...). A short closed list, so
 * that "400 mg" and "400 mgs" do not become two different doses. */
extern const char *const entry_med_units[];
extern const size_t entry_med_units_count;

/* PGIC answers 1-7 in words (Guy 1976, ECDEU Assessment Manual: 1 very much improved ...
 * 7 very much worse); NULL outside 1-7. */
const char *entry_pgic_label(int value);

/* Longest accepted free text (note, names), in bytes. */
#define ENTRY_TEXT_MAX 4000
#define ENTRY_NAME_MAX 80
#define ENTRY_TASK_MAX_MINUTES (24 * 60)

#endif
