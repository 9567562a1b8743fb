/*
 * The intake questionnaire: urgent signs, red flags, precautions for deep pressure and
 * friction, and the perpetuating-factor checklist. The questions are data (one table, each
 * with its group and its own source), so the terminal prompt, the JSON answers file and the
 * web form ask the same things in the same words. Evaluating answers is pure: no I/O here.
 *
 * Each red flag cites its own source: spine (Finucane et al., JOSPT 2020: cauda equina,
 * fracture, malignancy, infection), neck (Rushton et al., JOSPT 2023: vascular signs, artery
 * dissection, myelopathy), headache (SNOOP10, Do et al., Neurology 2019), chest (NICE CG95)
 * and clots (NICE NG158). Urgent flags mean emergency or same-day care and lock
 * self-treatment until a clinician has cleared the person; other flags need a doctor's
 * check and the person's acknowledgement.
 */
#ifndef TRP_CORE_INTAKE_H
#define TRP_CORE_INTAKE_H

#include <jansson.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

enum intake_qtype {
    INTAKE_YESNO,
    INTAKE_AGE,     /* whole years 1-120 */
    INTAKE_REGIONS, /* "no" or region phrases separated by commas */
};

/* The group a question belongs to (the "group" of `trp intake --questions --json`). */
enum intake_section {
    INTAKE_URGENT,       /* a yes raises an urgent flag: emergency or same-day care */
    INTAKE_RED_FLAG,     /* a yes (alone or with others) raises a red flag: see a doctor */
    INTAKE_PRECAUTION,   /* a yes narrows what pressure and friction trp offers */
    INTAKE_PERPETUATING, /* checklist of factors that keep trigger points going */
};

struct intake_question {
    const char *id;     /* key in the answers file, e.g. "bladder_bowel" */
    enum intake_section section;
    enum intake_qtype type;
    const char *prompt; /* plain words, asked as written */
    const char *source; /* where the question comes from */
};

/* "yes-no", "number", "regions"; "urgent", "red-flag", "precaution", "perpetuating". */
const char *intake_kind_name(enum intake_qtype t);
const char *intake_group_name(enum intake_section s);

extern const struct intake_question intake_questions[];
extern const size_t intake_questions_count;

#define INTAKE_MAX_REGIONS 16

struct intake_answer {
    int yes;            /* INTAKE_YESNO */
    int age;            /* INTAKE_AGE */
    size_t n_regions;   /* INTAKE_REGIONS: resolved region ids */
    const char *regions[INTAKE_MAX_REGIONS];
};

/* One answer per question, in the order of intake_questions. */
#define INTAKE_MAX_QUESTIONS 64

struct intake {
    struct intake_answer a[INTAKE_MAX_QUESTIONS];
    long long taken_at;        /* UTC seconds */
    long long acknowledged_at; /* 0 until the person acknowledged the red-flag advice */
    long long cleared_at;      /* 0 until a clinician's clearance was recorded */
    const char *cleared_by;    /* who cleared the person (NULL when not cleared) */
    const char *missing;       /* a stored intake from before a question existed: its id */
};

/* Parses one typed answer for question q ("y", "no", "42", "left calf, right knee", "no").
 * Region phrases resolve through the vocabulary (a sided one needs a side word). */
int intake_parse_answer(const struct intake_question *q, const char *text, struct arena *a,
                        struct intake_answer *out, struct trp_err *err);

/* Reads a complete answers object {"age": 42, "bladder_bowel": false, "varicose_veins":
 * ["left calf"], ...}: every question must be answered (a missing one is refused, naming
 * it), unknown keys are refused. */
int intake_from_json(const json_t *obj, struct arena *a, struct intake *out, struct trp_err *err);

/* Like intake_from_json for an intake stored by an older trp: a question added since is not
 * an error but sets out->missing to its id (the safety gate then asks for a retake). */
int intake_from_json_stored(const json_t *obj, struct arena *a, struct intake *out,
                            struct trp_err *err);

/* The answers as a JSON object (same shape intake_from_json reads). */
json_t *intake_to_json(const struct intake *in);

/* The answer to the question with this id (BUG if the id is unknown). */
const struct intake_answer *intake_get(const struct intake *in, const char *id);

/* A red flag raised by the answers, with what to do about it. */
struct intake_flag {
    const char *id;      /* "cardiac", "cauda_equina", ... */
    const char *what;    /* what was reported, in plain words */
    const char *advice;  /* what to do now, naming the clinician and the urgency */
    const char *see;     /* who to see and how soon, in a few words */
    const char *source;  /* the flag's own source */
    int urgent;          /* 1: emergency services or a same-day doctor */
    int emergency;       /* 1: emergency services now (the most urgent kind) */
};

#define INTAKE_MAX_FLAGS 24
/* Fills flags (room for INTAKE_MAX_FLAGS) and returns how many red flags the answers raise. */
size_t intake_red_flags(const struct intake *in, struct intake_flag *flags);

/* The answer to a question that may be missing from an older stored intake: NULL then. */
const struct intake_answer *intake_find(const struct intake *in, const char *id);

/* True when the question id exists (tests check that rules name real questions). */
int intake_question_exists(const char *id);

/* Perpetuating factors ticked in the checklist, as short labels ("long desk work"). */
size_t intake_perpetuating(const struct intake *in, const char **labels, size_t max);

#endif
