/*
 * safety_gate.h: loading the intake and applying the gate to knowledge-base muscles.
 */
#include "app/safety_gate.h"

#include <string.h>

int safety_intake_latest(struct store *s, struct arena *a, struct intake *in,
                         struct store_intake *rec, struct trp_err *err)
{
    int rc = store_intake_latest(s, a, rec, err);
    return rc ? rc : safety_intake_parse(rec, a, in, err);
}

int safety_intake_parse(const struct store_intake *rec, struct arena *a, struct intake *in,
                        struct trp_err *err)
{
    json_error_t jerr;
    json_t *obj = json_loads(rec->answers_json, 0, &jerr);
    if (!obj)
        return trp_err_set(err, TRP_EIO, "stored intake #%lld is unreadable: %s",
                           (long long)rec->id, jerr.text);
    int rc = intake_from_json_stored(obj, a, in, err);
    json_decref(obj);
    if (rc)
        return trp_err_prefix(err, "stored intake #%lld: ", (long long)rec->id);
    if (in->missing)
        in->missing = arena_strdup(a, in->missing);
    in->taken_at = rec->taken_at;
    in->acknowledged_at = rec->acknowledged_at;
    in->cleared_at = rec->cleared_at;
    in->cleared_by = rec->cleared_by;
    return 0;
}

int safety_gate_load(struct store *s, struct arena *a, struct safety_gate *g, struct trp_err *err)
{
    memset(g, 0, sizeof *g);
    int rc = safety_intake_latest(s, a, &g->in, &g->rec, err);
    if (rc == TRP_ENOTFOUND) {
        trp_err_clear(err);
        return 0;
    }
    if (rc)
        return rc;
    g->have_intake = 1;
    return 0;
}

static void verdict_for(const struct safety_gate *g, const struct muscle *m, enum region_side side,
                        struct arena *a, struct safety_verdict *v)
{
    const char *bases[MUSCLE_MAX_TP];
    for (size_t i = 0; i < m->n_tp; i++)
        bases[i] = m->tp[i].region;
    /* The knowledge base marks such muscles with the tool "none (therapist only)" or
     * "none (specialist care)". */
    const char *only = m->tool && strncmp(m->tool, "none", 4) == 0 ? m->pressure : NULL;
    struct safety_target t = {m->id, m->area, bases, m->n_tp, side, only};
    safety_check(g->have_intake ? &g->in : NULL, &t, a, v);
}

/* The stricter of two verdicts (both sides of a sided muscle). */
static void merge(struct safety_verdict *into, const struct safety_verdict *other)
{
    into->allowed = into->allowed && other->allowed;
    if (other->max_pressure < into->max_pressure)
        into->max_pressure = other->max_pressure;
    into->urgent = into->urgent || other->urgent;
    if (!into->see)
        into->see = other->see;
    for (size_t i = 0; i < other->n_reasons; i++) {
        int dup = 0;
        for (size_t k = 0; k < into->n_reasons && !dup; k++)
            dup = strcmp(into->reasons[k], other->reasons[i]) == 0;
        if (dup || into->n_reasons >= SAFETY_MAX_REASONS)
            continue;
        if (i < other->n_blocking) { /* keep what blocks first */
            memmove(&into->reasons[into->n_blocking + 1], &into->reasons[into->n_blocking],
                    (into->n_reasons - into->n_blocking) * sizeof *into->reasons);
            into->reasons[into->n_blocking++] = other->reasons[i];
            into->n_reasons++;
        } else {
            into->reasons[into->n_reasons++] = other->reasons[i];
        }
    }
    if (!into->allowed)
        into->max_pressure = 0;
}

void safety_gate_muscle(const struct safety_gate *g, const struct muscle *m, const char *side,
                        struct arena *a, struct safety_result *out)
{
    memset(out, 0, sizeof *out);
    out->muscle = m;
    if (m->midline) {
        out->side = "midline";
        verdict_for(g, m, REGION_MIDLINE, a, &out->v);
    } else if (side && !strcmp(side, "left")) {
        out->side = "left";
        verdict_for(g, m, REGION_LEFT, a, &out->v);
    } else if (side && !strcmp(side, "right")) {
        out->side = "right";
        verdict_for(g, m, REGION_RIGHT, a, &out->v);
    } else {
        struct safety_verdict right;
        out->side = "both";
        verdict_for(g, m, REGION_LEFT, a, &out->v);
        verdict_for(g, m, REGION_RIGHT, a, &right);
        merge(&out->v, &right);
    }
}

int safety_gate_check(const struct safety_gate *g, const char *muscle, const char *side,
                      struct arena *a, struct safety_result *out, struct trp_err *err)
{
    int rc = muscle_load(err);
    if (rc)
        return rc;
    const struct muscle *m;
    if ((rc = muscle_lookup(muscle, &m, err)))
        return rc;
    if (side && strcmp(side, "left") && strcmp(side, "right") && strcmp(side, "both"))
        return trp_err_set(err, TRP_EINVAL, "side must be left or right, not \"%.20s\"", side);
    if (side && m->midline)
        return trp_err_set(err, TRP_EINVAL, "%s lies on the midline: leave out --side", m->name);
    safety_gate_muscle(g, m, side && strcmp(side, "both") ? side : NULL, a, out);
    return 0;
}

json_t *safety_result_json(const struct safety_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "muscle", json_string(r->muscle->id));
    json_object_set_new(o, "side", json_string(r->side));
    json_object_set_new(o, "allowed", json_boolean(r->v.allowed));
    json_object_set_new(o, "pressure_max", r->v.allowed && r->v.max_pressure >= SAFETY_NO_CAP
                                               ? json_null()
                                               : json_integer(r->v.max_pressure));
    json_object_set_new(o, "urgent", json_boolean(r->v.urgent));
    json_t *reasons = json_array();
    for (size_t i = 0; i < r->v.n_reasons; i++)
        json_array_append_new(reasons, json_string(r->v.reasons[i]));
    json_object_set_new(o, "reasons", reasons);
    json_object_set_new(o, "see", r->v.see ? json_string(r->v.see) : json_null());
    return o;
}

const char *safety_result_why(const struct safety_result *r)
{
    return r->v.n_reasons ? r->v.reasons[0] : "the safety gate does not allow it";
}
