/*
 * session_targets.h: from names or a "where" phrase to checked, instructed targets.
 */
#include "cmd/session_targets.h"

#include <string.h>

#include "cmd/muscle_view.h"
#include "core/region.h"
#include "kb/muscle.h"
#include "kb/where.h"

static int add_target(struct cmd_ctx *ctx, const struct session_request *req, const struct intake *in,
                      const char *name, const char *side_text, struct session_target *t)
{
    struct muscle_view v;
    int rc = muscle_view_find(ctx, name, &v);
    if (rc)
        return rc;
    const char *side;
    if ((rc = muscle_view_side(ctx, &v, side_text, &side)))
        return rc;
    memset(t, 0, sizeof *t);
    t->muscle = v.kb;
    t->point.muscle = v.id;
    t->point.muscle_name = v.name;
    t->point.side = side;
    t->point.technique = (req->friction && v.can_friction) || !v.can_compress ? "friction" : "compression";
    t->point.max_hold = v.hold_seconds > 90 ? v.hold_seconds : 90;
    t->point.max_passes = req->max_passes ? req->max_passes : v.passes;
    t->point.rest_seconds = 15;
    t->point.performer = req->performer ? req->performer : "self";
    t->friction_direction = v.friction_direction;
    struct safety_target st = {v.id, v.area, v.tp_base, v.n_tp,
                               !strcmp(side, "left") ? REGION_LEFT : !strcmp(side, "right") ? REGION_RIGHT : REGION_MIDLINE};
    safety_check(in, &st, &t->verdict);
    t->max_pressure = t->verdict.max_pressure;
    if (!strcmp(t->point.technique, "compression") && !t->verdict.compression_ok)
        t->blocked = 1;
    if (!strcmp(t->point.technique, "friction") && !t->verdict.friction_ok)
        t->blocked = 1;
    return 0;
}

int session_targets_build(struct cmd_ctx *ctx, const struct session_request *req,
                          const struct intake *in, struct session_target **out, size_t *n)
{
    int rc = muscle_load(&ctx->err);
    if (rc)
        return rc;
    const char *names[16];
    const char *sides[16];
    size_t count = 0;
    for (size_t i = 0; i < req->n_muscles && count < 16; i++) {
        names[count] = req->muscles[i];
        sides[count++] = req->side;
    }
    if (req->where) {
        struct where_query q;
        if ((rc = where_query_build(&req->where, 1, &q, &ctx->err)))
            return rc;
        const char *side = req->side;
        for (size_t i = 0; i < q.n_phrases && !side; i++)
            if (q.match[i].side == REGION_LAT_LEFT || q.match[i].side == REGION_LAT_RIGHT)
                side = region_laterality_name(q.match[i].side);
        struct where_candidate cand[3];
        size_t nc = 0;
        if ((rc = where_rank(&q, cand, 3, &nc, &ctx->err)))
            return rc;
        if (!nc)
            return trp_err_set(&ctx->err, TRP_EINVAL, "no muscle in the knowledge base refers pain to \"%.60s\"",
                               req->where);
        for (size_t i = 0; i < nc && count < 16; i++) {
            names[count] = cand[i].muscle->id;
            sides[count++] = cand[i].muscle->midline ? NULL : side;
        }
    }
    struct session_target *t = arena_zalloc(ctx->arena, count + 1, sizeof *t);
    for (size_t i = 0; i < count; i++) {
        if (!sides[i]) {
            struct muscle_view v;
            if ((rc = muscle_view_find(ctx, names[i], &v)))
                return rc;
            if (!v.midline)
                return trp_err_set(&ctx->err, TRP_EINVAL,
                                   "say which side to treat: --side left or --side right");
        }
        if ((rc = add_target(ctx, req, in, names[i], sides[i], &t[i])))
            return rc;
    }
    *out = t;
    *n = count;
    return 0;
}

void session_target_print(struct cmd_ctx *ctx, const struct session_target *t)
{
    const struct muscle *m = t->muscle;
    FILE *out = ctx->out;
    for (size_t i = 0; i < m->n_tp; i++)
        fprintf(out, "  Where: %s\n  Find it: %s\n", m->tp[i].location, m->tp[i].how_to_find);
    fprintf(out, "  Position: %s\n  Tool: %s\n", m->position, m->tool);
    if (t->max_pressure < 10)
        fprintf(out, "  Pressure: LIGHT, at most %.0f of 10 (see the notes below).\n", t->max_pressure);
    else
        fprintf(out, "  Pressure: %s.\n", m->pressure);
    if (m->n_endangerment) {
        fputs("  Take care near:", out);
        for (size_t i = 0; i < m->n_endangerment; i++)
            fprintf(out, "%s %s", i ? "," : "", m->endangerment[i]);
        fputs(" (endangerment sites: vessels and nerves run close to the surface)\n", out);
    }
    for (size_t i = 0; i < m->n_cautions; i++)
        fprintf(out, "  Caution: %s\n", m->cautions[i]);
    for (size_t i = 0; i < t->verdict.n_reasons; i++)
        fprintf(out, "  Note: %s\n", t->verdict.reasons[i]);
}
