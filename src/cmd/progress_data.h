/*
 * The commands' side of app/progress_data.h: the loader called with the command context.
 */
#ifndef TRP_CMD_PROGRESS_DATA_H
#define TRP_CMD_PROGRESS_DATA_H

#include "app/progress_data.h"
#include "cmd/cmd.h"

static inline int progress_data_load(struct cmd_ctx *ctx, struct store *s, struct progress_data *pd)
{
    return app_progress_data_load(s, ctx->arena, pd, &ctx->err);
}

#endif
