/*
 * From the diary in the store to flares and to the perpetuating-factor analysis; shared by
 * `trp recurrences`, `trp analyze`, the demo, charts and the report.
 */
#ifndef TRP_CMD_FLARES_H
#define TRP_CMD_FLARES_H

#include "cmd/cmd.h"
#include "core/analysis.h"
#include "core/recurrence.h"
#include "store/store.h"

struct flares {
    size_t n;
    struct recurrence *items;   /* arena-owned */
    size_t n_ratings;
};

int flares_load(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                const struct recurrence_config *c, struct flares *out);

/* Runs the case-crossover analysis (default configuration) over the entries q selects. */
int flares_analyze(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                   struct analysis_result *out);

/* How many medication entries q selects: the analysis leaves them out and says so. */
int flares_medication_count(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                            int64_t *n);

#endif
