/*
 * Gathering what progress needs from the diary: daily median pain per local day, and the
 * treatment sessions summarised per muscle. Shared by `trp progress` and the report.
 */
#ifndef TRP_CMD_PROGRESS_DATA_H
#define TRP_CMD_PROGRESS_DATA_H

#include "cmd/cmd.h"
#include "core/progress.h"
#include "store/store.h"

struct progress_muscle {
    const char *muscle;
    int sessions;
    int with_pain;              /* sessions with both pain before and after */
    double mean_before, mean_after;
    int with_release, released; /* compression sessions with a released answer */
    double median_release_seconds;
};

struct progress_data {
    struct progress_config config;
    int has_since, has_until;
    int64_t since, until;       /* UTC seconds; until exclusive */
    int64_t first_day;
    size_t n_days;
    double *daily;              /* arena-owned */
    struct progress_result result;
    size_t n_muscles;
    struct progress_muscle *muscles;
};

/* Loads entries (from pd->since if set), computes pd->result and the per-muscle summary. */
int progress_data_load(struct cmd_ctx *ctx, struct store *s, struct progress_data *pd);

#endif
