/*
 * session_targets.h: from names or a "where" phrase to checked, instructed targets.
 */
#include "app/session_targets.h"

#include <string.h>

#include "app/muscle_view.h"
#include "core/region.h"
#include "kb/muscle.h"
#include "kb/where.h"

static int add_target(struct arena *a, const struct session_request *req, const struct safety_gate *g,
                      const char *name, const char *side_text, struct session_target *t,
                      struct trp_err *err)
{
    struct muscle_view v;
    int rc = muscle_view_find(name, &v, err);
    if (rc)
        return rc;
    const char *side;
    if ((rc = muscle_view_side(&v, side_text, &side, err)))
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
    struct safety_result res;
    safety_gate_muscle(g, v.kb, side, a, &res);
    t->verdict = res.v;
    t->max_pressure = res.v.max_pressure;
    t->blocked = !res.v.allowed;
    return 0;
}

int session_targets_build(struct arena *a, const struct session_request *req,
                          const struct safety_gate *g, struct session_target **out, size_t *n,
                          struct trp_err *err)
{
    int rc = muscle_load(err);
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
        if ((rc = where_query_build(&req->where, 1, &q, err)))
            return rc;
        const char *side = req->side;
        for (size_t i = 0; i < q.n_phrases && !side; i++)
            if (q.match[i].side == REGION_LAT_LEFT || q.match[i].side == REGION_LAT_RIGHT)
                side = region_laterality_name(q.match[i].side);
        struct where_candidate cand[3];
        size_t nc = 0;
        if ((rc = where_rank(&q, cand, 3, &nc, err)))
            return rc;
        if (!nc)
            return trp_err_set(err, TRP_EINVAL, "no muscle in the knowledge base refers pain to \"%.60s\"",
                               req->where);
        for (size_t i = 0; i < nc && count < 16; i++) {
            names[count] = cand[i].muscle->id;
            sides[count++] = cand[i].muscle->midline ? NULL : side;
        }
    }
    struct session_target *t = arena_zalloc(a, count + 1, sizeof *t);
    for (size_t i = 0; i < count; i++) {
        if (!sides[i]) {
            struct muscle_view v;
            if ((rc = muscle_view_find(names[i], &v, err)))
                return rc;
            if (!v.midline)
                return trp_err_set(err, TRP_EINVAL,
                                   "say which side to treat: --side left or --side right");
        }
        if ((rc = add_target(a, req, g, names[i], sides[i], &t[i], err)))
            return rc;
    }
    *out = t;
    *n = count;
    return 0;
}

size_t session_place_warnings(const struct session_request *req, const char **notes, size_t max)
{
    struct where_query q;
    struct trp_err err = {0};
    if (!req->where || where_query_build(&req->where, 1, &q, &err))
        return 0;
    const struct region *placed[256];
    size_t nplaced = 0;
    for (size_t i = 0; i < q.n_phrases; i++)
        for (size_t r = 0; r < q.match[i].count && nplaced < 256; r++)
            placed[nplaced++] = q.match[i].regions[r];
    return safety_place_notes(placed, nplaced, notes, max);
}
