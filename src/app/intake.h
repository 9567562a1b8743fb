/*
 * The latest intake (the red-flag questionnaire) as data for every face: `trp intake
 * --show --json` prints it and GET /api/v1/intake serves it, so the two cannot drift apart.
 */
#ifndef TRP_APP_INTAKE_H
#define TRP_APP_INTAKE_H

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

/* {id, taken_at, acknowledged, cleared_by, cleared_at, missing_question?, answers,
 * red_flags: [{id, what, advice, urgent, see, source}]}. TRP_ENOTFOUND (with "run 'trp
 * intake'") when none was taken. *out is the caller's to json_decref. */
int app_intake_show(struct store *s, struct arena *a, json_t **out, struct trp_err *err);

#define APP_INTAKE_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

#endif
