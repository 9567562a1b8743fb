/*
 * intake_load.h: the command-line face of safety_intake_latest (src/app/safety_gate.h).
 */
#include "cmd/intake_load.h"

#include "app/safety_gate.h"

int intake_load_latest(struct cmd_ctx *ctx, struct store *s, struct intake *in,
                       struct store_intake *rec)
{
    return safety_intake_latest(s, ctx->arena, in, rec, &ctx->err);
}
