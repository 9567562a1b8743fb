/*
 * The commands' side of app/flares.h: the --flare option kept in the command context, and
 * the use cases called with the context's store, arena and error.
 */
#ifndef TRP_CMD_FLARES_H
#define TRP_CMD_FLARES_H

#include "app/flares.h"
#include "cmd/cmd.h"

#define FLARES_SETTING APP_FLARES_SETTING

/* A command's --flare DEF: checks it and keeps it in ctx for flares_config. */
static inline int flares_option(struct cmd_ctx *ctx, const char *spec)
{
    ctx->flare_spec = spec;
    return app_flares_check_spec(spec, &ctx->err);
}

static inline int flares_config(struct cmd_ctx *ctx, struct store *s, struct recurrence_config *c)
{
    return app_flares_config(s, ctx->arena, ctx->flare_spec, c, &ctx->err);
}

static inline int flares_load(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                              const struct recurrence_config *c, struct app_flares *out)
{
    return app_flares_load(s, ctx->arena, q, c, out, &ctx->err);
}

static inline int flares_analyze(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                                 struct analysis_result *out)
{
    return app_flares_analyze(s, ctx->arena, ctx->flare_spec, q, out, &ctx->err);
}

static inline int flares_medication_count(struct cmd_ctx *ctx, struct store *s,
                                          const struct store_query *q, int64_t *n)
{
    return app_flares_medication_count(s, q, n, &ctx->err);
}

#endif
