/*
 * The latest intake as JSON (see intake.h): the answers, whether it was acknowledged or
 * cleared by a clinician, and the red flags it raises with their advice and sources.
 */
#include "app/intake.h"

#include "app/safety_gate.h"
#include "base/timeutil.h"
#include "core/intake.h"

int app_intake_show(struct store *s, struct arena *a, json_t **out, struct trp_err *err)
{
    *out = NULL;
    struct intake in;
    struct store_intake rec;
    int rc = safety_intake_latest(s, a, &in, &rec, err);
    if (rc)
        return rc;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(rec.id));
    struct trp_time t = {rec.taken_at, 0};
    char when[TRP_TIME_BUF];
    json_object_set_new(o, "taken_at", json_string(trp_time_format(&t, when)));
    json_object_set_new(o, "acknowledged", json_boolean(rec.acknowledged_at != 0));
    if (rec.cleared_at) {
        struct trp_time ct = {rec.cleared_at, 0};
        char cwhen[TRP_TIME_BUF];
        json_object_set_new(o, "cleared_by", json_string(rec.cleared_by));
        json_object_set_new(o, "cleared_at", json_string(trp_time_format(&ct, cwhen)));
    } else {
        json_object_set_new(o, "cleared_by", json_null());
        json_object_set_new(o, "cleared_at", json_null());
    }
    if (in.missing)
        json_object_set_new(o, "missing_question", json_string(in.missing));
    json_object_set_new(o, "answers", intake_to_json(&in));
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(&in, flags);
    json_t *arr = json_array();
    for (size_t i = 0; i < nf; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "id", json_string(flags[i].id));
        json_object_set_new(f, "what", json_string(flags[i].what));
        json_object_set_new(f, "advice", json_string(flags[i].advice));
        json_object_set_new(f, "urgent", json_boolean(flags[i].urgent));
        json_object_set_new(f, "see", json_string(flags[i].see));
        json_object_set_new(f, "source", json_string(flags[i].source));
        json_array_append_new(arr, f);
    }
    json_object_set_new(o, "red_flags", arr);
    *out = o;
    return 0;
}
