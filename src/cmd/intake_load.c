/*
 * intake_load.h.
 */
#include "cmd/intake_load.h"

int intake_load_latest(struct cmd_ctx *ctx, struct store *s, struct intake *in,
                       struct store_intake *rec)
{
    int rc = store_intake_latest(s, ctx->arena, rec, &ctx->err);
    if (rc)
        return rc;
    json_error_t jerr;
    json_t *obj = json_loads(rec->answers_json, 0, &jerr);
    if (!obj)
        return trp_err_set(&ctx->err, TRP_EIO, "stored intake #%lld is unreadable: %s",
                           (long long)rec->id, jerr.text);
    rc = intake_from_json(obj, ctx->arena, in, &ctx->err);
    json_decref(obj);
    if (rc)
        return trp_err_prefix(&ctx->err, "stored intake #%lld: ", (long long)rec->id);
    in->taken_at = rec->taken_at;
    in->acknowledged_at = rec->acknowledged_at;
    return 0;
}
