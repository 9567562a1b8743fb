/*
 * Which tasks and factors may be keeping the pain going, as data for every face: `trp
 * analyze` prints it (as text or --json) and GET /api/v1/analyze serves the same JSON, so
 * the two cannot drift apart.
 */
#ifndef TRP_APP_ANALYZE_H
#define TRP_APP_ANALYZE_H

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/analysis.h"
#include "store/store.h"

struct app_analysis {
    struct analysis_result r;    /* the case-crossover result (core/analysis.h) */
    struct analysis_config c;    /* the settings it ran with */
    int64_t n_medication;        /* medication entries left out of the comparison */
    /* A long diary with hardly any flares: more likely a definition that does not fit it
     * than a person who never flares. */
    int definition_may_not_fit;
};

/* Runs the analysis over the entries q selects; spec is a --flare definition for this call,
 * or NULL for the kept one. Memory from arena a. */
int app_analyze(struct store *s, struct arena *a, const char *spec, const struct store_query *q,
                struct app_analysis *out, struct trp_err *err);

/* {recurrences, factors, multivariable, suspects, definition_may_not_fit,
 * medication_left_out, data}: `trp analyze --json`. The caller json_decrefs it. */
json_t *app_analyze_json(const struct app_analysis *an);

#define APP_ANALYZE_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

#endif
