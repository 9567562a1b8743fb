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
    int decimals;               /* some rating has a fractional part */
    size_t n_days;              /* days from the first rating to the last */
    /* For a long diary with few flares: what a relative rise would find instead. */
    size_t n_relative;          /* flares at a rise of 20% of the usual level */
    size_t n_half;              /* flares at half the rise in force (adaptive: k = 1) */
};

/* The flare definition in force: the command's --flare (ctx->flare_spec), else the one
 * kept with `trp config flare`, else the default (core/recurrence.h). */
int flares_config(struct cmd_ctx *ctx, struct store *s, struct recurrence_config *c);

/* The setting key under which `trp config flare` keeps the definition. */
#define FLARES_SETTING "flare"

/* A command's --flare DEF: checks it and keeps it in ctx for flares_config. */
int flares_option(struct cmd_ctx *ctx, const char *spec);

int flares_load(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                const struct recurrence_config *c, struct flares *out);

/* Runs the case-crossover analysis (the flare definition from flares_config) over the entries q selects. */
int flares_analyze(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                   struct analysis_result *out);

/* How many medication entries q selects: the analysis leaves them out and says so. */
int flares_medication_count(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                            int64_t *n);

#endif
