/*
 * The muscle knowledge base as data, for every face: one muscle's whole entry and the list
 * by body area. `trp muscle --json` and `trp muscles --json` print these objects and
 * GET /api/v1/muscles serves them, so the two cannot drift apart.
 */
#ifndef TRP_APP_MUSCLES_H
#define TRP_APP_MUSCLES_H

#include <jansson.h>

#include "base/err.h"

/* The entry for NAME (an id or an alias): trigger points, referral, self-treatment,
 * cautions, sources. An unknown name fails with TRP_ENOTFOUND-like code from the knowledge
 * base and its message. *out is the caller's to json_decref. */
int app_muscle(const char *name, json_t **out, struct trp_err *err);

/* Every muscle, grouped by area in the knowledge base's area order, or only AREA's when it
 * is not NULL: an array of {id, name, area, commonness}. An unknown area fails naming the
 * areas. *out is the caller's to json_decref. */
int app_muscles(const char *area, json_t **out, struct trp_err *err);

/* How both shapes are printed, byte for byte the same at the terminal and over HTTP. */
#define APP_MUSCLES_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

#endif
