/*
 * The intake (the red-flag questionnaire) as use cases for every face: saving answers,
 * acknowledging the red-flag advice, recording a clinician's clearance, and the latest
 * intake as data. `trp intake` prints them; GET and POST /api/v1/intake,
 * /intake/acknowledge and /intake/cleared-by serve them, so the two cannot drift apart.
 */
#ifndef TRP_APP_INTAKE_H
#define TRP_APP_INTAKE_H

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/intake.h"
#include "store/store.h"

/* {id, taken_at, acknowledged, cleared_by, cleared_at, missing_question?, answers,
 * red_flags: [{id, what, advice, urgent, see, source}]}. TRP_ENOTFOUND (with "run 'trp
 * intake'") when none was taken. *out is the caller's to json_decref. */
int app_intake_show(struct store *s, struct arena *a, json_t **out, struct trp_err *err);

#define APP_INTAKE_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* Stores in (answered on a terminal or read from JSON) as the new latest intake, taken now;
 * its id goes to *id. */
int app_intake_save(struct store *s, const struct intake *in, int64_t *id, struct trp_err *err);

/* Reads a complete answers object (every question, no unknown keys: core/intake.h) into
 * *in, then saves it as app_intake_save does. Bad answers: TRP_EINVAL naming the question,
 * nothing stored. */
int app_intake_answers(struct store *s, struct arena *a, const json_t *answers,
                       struct intake *in, int64_t *id, struct trp_err *err);

/* The latest intake with its stored record. */
struct app_intake_latest {
    struct intake in;
    struct store_intake rec;
    size_t n_flags, n_urgent;   /* red flags it raises, and how many of them are urgent */
};

/* Records that the person read the red-flag advice of the latest intake. Without red
 * flags nothing is recorded and *nothing is set. TRP_ENOTFOUND without an intake. */
int app_intake_acknowledge(struct store *s, struct arena *a, struct app_intake_latest *out,
                           int *nothing, struct trp_err *err);

/* Records that clinician `by` (1-200 characters; leading spaces dropped) cleared the
 * person for self-treatment now; out holds the intake with the clearance. */
int app_intake_clear(struct store *s, struct arena *a, const char *by,
                     struct app_intake_latest *out, struct trp_err *err);

/* Every question: [{id, text, kind, group, source}] as `trp intake --questions --json`
 * prints it (with APP_INTAKE_FLAGS). */
json_t *app_intake_questions_json(void);

/* A precaution question's answer in words a person reads ("blood thinners"); the id when
 * it has none. */
const char *app_intake_precaution_label(const char *id);

#endif
