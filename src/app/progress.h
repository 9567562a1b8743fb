/*
 * Is it getting better, as data for every face: `trp progress --json` prints it and
 * GET /api/v1/progress serves it, so the two cannot drift apart.
 */
#ifndef TRP_APP_PROGRESS_H
#define TRP_APP_PROGRESS_H

#include <jansson.h>

#include "app/progress_data.h"

/* The JSON of a loaded pd: {status, seek_other_opinion, ..., weekly, treatment_response,
 * advice, thresholds}; strings in arena a. The caller json_decrefs it. */
json_t *app_progress_json(struct arena *a, const struct progress_data *pd);

/* Loads pd (its options set by the caller after progress_data_init) and returns its JSON. */
int app_progress(struct store *s, struct arena *a, struct progress_data *pd, json_t **out,
                 struct trp_err *err);

#define APP_PROGRESS_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6))

#endif
