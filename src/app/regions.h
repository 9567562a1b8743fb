/*
 * The body-region vocabulary as data, for every face: the whole list, or what one phrase
 * ("outer elbow", "both heels") resolves to. `trp regions --json` prints these objects and
 * GET /api/v1/regions serves them, so the two cannot drift apart.
 */
#ifndef TRP_APP_REGIONS_H
#define TRP_APP_REGIONS_H

#include <jansson.h>

#include "base/err.h"

/* Every region, CHOIR segments first: an array of {id, code, label, side, view, parent}.
 * *out is the caller's to json_decref. */
int app_regions_list(json_t **out, struct trp_err *err);

/* What phrase resolves to: {phrase, base, side, regions: [id...]}; an unknown phrase fails
 * with the message the region module gives. *out is the caller's to json_decref. */
int app_regions_match(const char *phrase, json_t **out, struct trp_err *err);

/* How each shape is printed, byte for byte the same at the terminal and over HTTP. */
#define APP_REGIONS_LIST_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)
#define APP_REGIONS_MATCH_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

#endif
