/*
 * Visit notes (visits.h).
 */
#include "app/visits.h"

#include <string.h>

#include "base/timeutil.h"
#include "store/store.h"
#include "store/store_clinic.h"

/* NULL for an empty part, so "" and a missing part are stored alike. */
static const char *part(const char *text)
{
    return text && text[0] ? text : NULL;
}

int app_visit_add(struct store *s, const struct authz_actor *who, int64_t person,
                  const struct app_visit_in *in, int64_t *id, struct trp_err *err)
{
    /* Authorisation first: a refused client answers "no client" whatever the body says. */
    int rc = authz_client(s, who, person, AUTHZ_WRITE, "visit", err);
    if (rc)
        return rc;
    struct store_visit v = {0};
    v.subjective = part(in->subjective);
    v.objective = part(in->objective);
    v.assessment = part(in->assessment);
    v.plan = part(in->plan);
    const char *parts[] = {v.subjective, v.objective, v.assessment, v.plan};
    static const char *const names[] = {"subjective", "objective", "assessment", "plan"};
    int any = 0;
    for (int k = 0; k < 4; k++) {
        if (parts[k] && strlen(parts[k]) > APP_VISIT_NOTE_MAX)
            return trp_err_set(err, TRP_EINVAL, "the %s note is longer than %d characters",
                               names[k], APP_VISIT_NOTE_MAX);
        any |= parts[k] != NULL;
    }
    if (!any)
        return trp_err_set(err, TRP_EINVAL,
                           "write at least one of subjective, objective, assessment, plan");
    struct trp_time now, when;
    rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    when = now;
    if (part(in->time) && (rc = trp_time_parse(in->time, &now, &when, err)))
        return trp_err_prefix(err, "time: ");
    /* A day's grace for a clock or time zone that is off; a visit is noted after it. */
    if (when.utc > now.utc + 86400)
        return trp_err_set(err, TRP_EINVAL, "time: a visit is recorded after it happened");
    v.at = when.utc;
    v.offset_min = when.offset_min;
    v.therapist = who->login;
    return store_visit_add(s, &v, 1, id, err);
}

int app_visits_json(struct store *s, struct arena *a, const struct authz_actor *who,
                    int64_t person, json_t **out, struct trp_err *err)
{
    struct store_visit *vs;
    size_t n;
    int rc = authz_client(s, who, person, AUTHZ_READ, "visits", err);
    if (!rc)
        rc = store_visit_list(s, a, &vs, &n, err);
    if (rc)
        return rc;
    static const char *const soap[] = {"subjective", "objective", "assessment", "plan"};
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        struct trp_time t = {vs[i].at, vs[i].offset_min};
        char when[TRP_TIME_BUF];
        const char *text[4] = {vs[i].subjective, vs[i].objective, vs[i].assessment, vs[i].plan};
        json_t *o = json_object(), *ids = json_array();
        json_object_set_new(o, "id", json_integer(vs[i].id));
        json_object_set_new(o, "time", json_string(trp_time_format(&t, when)));
        json_object_set_new(o, "therapist", json_string(vs[i].therapist));
        for (int k = 0; k < 4; k++)
            json_object_set_new(o, soap[k], text[k] ? json_string(text[k]) : json_null());
        for (size_t j = 0; j < vs[i].n_entries; j++)
            json_array_append_new(ids, json_integer(vs[i].entries[j]));
        json_object_set_new(o, "entries", ids);
        json_array_append_new(arr, o);
    }
    *out = arr;
    return 0;
}
