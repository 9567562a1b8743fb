/*
 * The intake questionnaire: red flags, precautions for deep pressure and friction, and the
 * perpetuating-factor checklist (Gerwin, Acupunct Med 2005). The questions are data (one
 * table), so the terminal prompt, the JSON answers file and the web form ask the same
 * things in the same words. Evaluating answers is pure: no I/O here.
 *
 * Red flags follow the IFOMPT cervical framework and red-flag literature (Finucane et al.,
 * JOSPT 2020; Rushton et al., JOSPT 2023): a single flag is weak evidence, clusters matter,
 * but any flag means "see a clinician before treating yourself".
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

enum intake_section {
    INTAKE_RED_FLAG,
    INTAKE_PRECAUTION,
    INTAKE_PERPETUATING,
    INTAKE_ABOUT_YOU,
};

struct intake_question {
    const char *id;     /* key in the answers file, e.g. "bladder_bowel" */
    enum intake_section section;
    enum intake_qtype type;
    const char *prompt; /* plain words, asked as written */
};

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
struct intake {
    struct intake_answer a[32];
    long long taken_at;       /* UTC seconds */
    long long acknowledged_at; /* 0 until the person acknowledged the red-flag advice */
};

/* Parses one typed answer for question q ("y", "no", "42", "left calf, right knee", "no").
 * Region phrases resolve through the vocabulary (a sided one needs a side word). */
int intake_parse_answer(const struct intake_question *q, const char *text, struct arena *a,
                        struct intake_answer *out, struct trp_err *err);

/* Reads a complete answers object {"age": 42, "bladder_bowel": false, "varicose_veins":
 * ["left calf"], ...}: every question must be answered, unknown keys are refused. */
int intake_from_json(const json_t *obj, struct arena *a, struct intake *out, struct trp_err *err);

/* The answers as a JSON object (same shape intake_from_json reads). */
json_t *intake_to_json(const struct intake *in);

/* The answer to the question with this id (BUG if the id is unknown). */
const struct intake_answer *intake_get(const struct intake *in, const char *id);

/* A red flag raised by the answers, with what to do about it. */
struct intake_flag {
    const char *id;      /* "cardiac", "cauda_equina", ... */
    const char *what;    /* what was reported, in plain words */
    const char *advice;  /* what to do, naming the clinician and the urgency */
    int urgent;          /* 1: today / emergency services */
};

#define INTAKE_MAX_FLAGS 12
/* Fills flags (room for INTAKE_MAX_FLAGS) and returns how many red flags the answers raise. */
size_t intake_red_flags(const struct intake *in, struct intake_flag *flags);

/* Perpetuating factors ticked in the checklist, as short labels ("long desk work"). */
size_t intake_perpetuating(const struct intake *in, const char **labels, size_t max);

#endif
