/*
 * Loading pain ratings from the store and running flare detection on them; shared by
 * `trp recurrences`, the demo and the report.
 */
#ifndef TRP_CMD_FLARES_H
#define TRP_CMD_FLARES_H

#include "cmd/cmd.h"
#include "core/recurrence.h"
#include "store/store.h"

struct flares {
    size_t n;
    struct recurrence *items;   /* arena-owned */
    size_t n_ratings;
};

int flares_load(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                const struct recurrence_config *c, struct flares *out);

#endif
