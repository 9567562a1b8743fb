/*
 * The latest intake as JSON (see intake.h): the answers, whether it was acknowledged or
 * cleared by a clinician, and the red flags it raises with their advice and sources.
 */
#include "app/intake.h"

#include <stdlib.h>
#include <string.h>

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

int app_intake_save(struct store *s, const struct intake *in, int64_t *id, struct trp_err *err)
{
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    int nf = (int)intake_red_flags(in, flags);
    json_t *obj = intake_to_json(in);
    char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(obj);
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    *id = 0;
    if (!rc)
        rc = store_intake_save(s, text, now.utc, nf, id, err);
    free(text);
    return rc;
}

int app_intake_answers(struct store *s, struct arena *a, const json_t *answers,
                       struct intake *in, int64_t *id, struct trp_err *err)
{
    int rc = intake_from_json(answers, a, in, err);
    return rc ? rc : app_intake_save(s, in, id, err);
}

static int latest(struct store *s, struct arena *a, struct app_intake_latest *out,
                  struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    int rc = safety_intake_latest(s, a, &out->in, &out->rec, err);
    if (rc)
        return rc;
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    out->n_flags = intake_red_flags(&out->in, flags);
    for (size_t i = 0; i < out->n_flags; i++)
        out->n_urgent += flags[i].urgent;
    return 0;
}

int app_intake_acknowledge(struct store *s, struct arena *a, struct app_intake_latest *out,
                           int *nothing, struct trp_err *err)
{
    *nothing = 0;
    int rc = latest(s, a, out, err);
    if (rc)
        return rc;
    if (out->rec.red_flags == 0 && out->n_flags == 0) {
        *nothing = 1;
        return 0;
    }
    struct trp_time now;
    if ((rc = trp_time_now(&now, err)) ||
        (rc = store_intake_acknowledge(s, out->rec.id, now.utc, err)))
        return rc;
    out->rec.acknowledged_at = now.utc;
    return 0;
}

int app_intake_clear(struct store *s, struct arena *a, const char *by,
                     struct app_intake_latest *out, struct trp_err *err)
{
    while (*by == ' ')
        by++;
    if (!*by || strlen(by) > 200)
        return trp_err_set(err, TRP_EUSAGE,
                           "the clearance needs the clinician's name (at most 200 characters)");
    int rc = latest(s, a, out, err);
    struct trp_time now;
    if (rc || (rc = trp_time_now(&now, err)) ||
        (rc = store_intake_clear(s, out->rec.id, by, now.utc, err)))
        return rc;
    out->in.cleared_at = out->rec.cleared_at = now.utc;
    out->in.cleared_by = out->rec.cleared_by = arena_strdup(a, by);
    return 0;
}

const char *app_intake_precaution_label(const char *id)
{
    /* The questions' own words, shortened (core/intake.c has the questions and sources). */
    static const struct {
        const char *id, *label;
    } labels[] = {
        {"anticoagulants", "blood thinners"},
        {"bleeding_disorder", "a bleeding disorder, low platelets or easy bruising"},
        {"dvt_history", "a blood clot in a vein (DVT) or phlebitis in the past"},
        {"varicose_veins", "varicose veins"},
        {"pregnancy", "pregnancy"},
        {"recent_birth", "a birth in the last six weeks"},
        {"neuropathy", "reduced feeling (numb skin)"},
        {"active_cancer", "cancer now or in treatment"},
        {"recent_injury", "an injury or operation in the last three months"},
        {"skin_problems", "broken skin, a rash, an infection or a burn"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (!strcmp(labels[i].id, id))
            return labels[i].label;
    return id;
}

json_t *app_intake_questions_json(void)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(q->id));
        json_object_set_new(o, "text", json_string(q->prompt));
        json_object_set_new(o, "kind", json_string(intake_kind_name(q->type)));
        json_object_set_new(o, "group", json_string(intake_group_name(q->section)));
        json_object_set_new(o, "source", json_string(q->source));
        json_array_append_new(arr, o);
    }
    return arr;
}
