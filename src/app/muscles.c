/*
 * The muscle knowledge base as JSON (see muscles.h): built here once for the terminal and
 * the web server alike.
 */
#include "app/muscles.h"

#include <string.h>

#include "kb/muscle.h"

static json_t *str_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *muscle_json(const struct muscle *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(m->id));
    json_object_set_new(o, "name", json_string(m->name));
    json_object_set_new(o, "aliases", str_array(m->aliases, m->n_aliases));
    json_object_set_new(o, "area", json_string(m->area));
    json_object_set_new(o, "commonness", json_integer(m->commonness));
    json_t *tps = json_array();
    for (size_t i = 0; i < m->n_tp; i++) {
        json_t *tp = json_pack("{s:s,s:s,s:s,s:s}", "name", m->tp[i].name, "region", m->tp[i].region,
                               "location", m->tp[i].location, "how_to_find", m->tp[i].how_to_find);
        if (m->tp[i].n_refers)
            json_object_set_new(tp, "refers_to", str_array(m->tp[i].refers_to, m->tp[i].n_refers));
        json_array_append_new(tps, tp);
    }
    json_object_set_new(o, "trigger_points", tps);
    json_object_set_new(o, "referral", json_pack("{s:o,s:o}", "essential", str_array(m->essential, m->n_essential),
                                                 "spillover", str_array(m->spillover, m->n_spillover)));
    json_object_set_new(o, "symptoms", str_array(m->symptoms, m->n_symptoms));
    json_t *tech = json_array();
    if (m->compression)
        json_array_append_new(tech, json_string("compression"));
    if (m->friction)
        json_array_append_new(tech, json_string("friction"));
    json_object_set_new(o, "self_treatment",
                        json_pack("{s:o,s:s,s:s,s:s,s:i,s:i,s:s,s:o,s:o}", "techniques", tech, "position", m->position,
                                  "tool", m->tool, "pressure", m->pressure, "hold_seconds", m->hold_seconds,
                                  "passes", m->passes, "friction_direction", m->friction_direction, "cautions",
                                  str_array(m->cautions, m->n_cautions), "endangerment_sites",
                                  str_array(m->endangerment, m->n_endangerment)));
    json_object_set_new(o, "stretch", json_string(m->stretch));
    json_object_set_new(o, "strengthen", json_string(m->strengthen));
    json_t *perp = json_array();
    for (size_t i = 0; i < m->n_perpetuating; i++)
        json_array_append_new(perp, json_pack("{s:s,s:o}", "task", m->perpetuating[i].task, "keywords",
                                              str_array(m->perpetuating[i].keywords, m->perpetuating[i].n_keywords)));
    json_object_set_new(o, "perpetuating", perp);
    json_t *src = json_array();
    for (size_t i = 0; i < m->n_sources; i++)
        json_array_append_new(src, json_pack("{s:s,s:s}", "citation", m->sources[i].citation, "kind", m->sources[i].kind));
    json_object_set_new(o, "sources", src);
    if (m->caution)
        json_object_set_new(o, "caution", json_pack("{s:s,s:s}", "text", m->caution, "source", m->caution_source));
    json_object_set_new(o, "evidence", json_string(m->evidence));
    json_object_set_new(o, "reviewed", json_string(m->reviewed));
    return o;
}

int app_muscle(const char *name, json_t **out, struct trp_err *err)
{
    *out = NULL;
    const struct muscle *m;
    int rc = muscle_lookup(name, &m, err);
    if (rc)
        return rc;
    *out = muscle_json(m);
    return 0;
}

int app_muscles(const char *area, json_t **out, struct trp_err *err)
{
    *out = NULL;
    int rc = muscle_load(err);
    if (rc)
        return rc;
    if (area) {
        size_t a = 0;
        while (a < muscle_areas_count && strcmp(muscle_areas[a], area))
            a++;
        if (a == muscle_areas_count)
            return trp_err_set(err, TRP_EINVAL,
                               "unknown area \"%.40s\": use head, neck, shoulder, arm, forearm-hand, "
                               "chest-abdomen, back, hip-pelvis, thigh, leg or foot", area);
    }
    json_t *arr = json_array();
    for (size_t a = 0; a < muscle_areas_count; a++) {
        if (area && strcmp(area, muscle_areas[a]))
            continue;
        for (size_t i = 0; i < muscle_count(); i++) {
            const struct muscle *m = muscle_at(i);
            if (!strcmp(m->area, muscle_areas[a]))
                json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:i}", "id", m->id, "name", m->name,
                                                     "area", m->area, "commonness", m->commonness));
        }
    }
    *out = arr;
    return 0;
}
