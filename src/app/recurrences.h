/*
 * The flare-ups found in the pain diary, as data for every face: `trp recurrences --json`
 * prints it and GET /api/v1/recurrences serves it, so the two cannot drift apart.
 */
#ifndef TRP_APP_RECURRENCES_H
#define TRP_APP_RECURRENCES_H

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

/* {recurrences: [{onset, peak, days, baseline, rise, manual, ongoing}], definition: {...},
 * few_flares?: {...}} over the pain ratings q selects. spec is a --flare definition for
 * this call, or NULL for the kept one. *out is the caller's to json_decref. */
int app_recurrences(struct store *s, struct arena *a, const struct store_query *q,
                    const char *spec, json_t **out, struct trp_err *err);

#define APP_RECURRENCES_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

#endif
