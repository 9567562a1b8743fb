/*
 * muscle_view.h over kb/muscle.h.
 */
#include "app/muscle_view.h"

#include <string.h>

#include "kb/muscle.h"

int muscle_view_find(const char *name, struct muscle_view *v, struct trp_err *err)
{
    const struct muscle *m;
    int rc = muscle_lookup(name, &m, err);
    if (rc)
        return rc;
    memset(v, 0, sizeof *v);
    v->kb = m;
    v->id = m->id;
    v->name = m->name;
    v->area = m->area;
    v->midline = m->midline;
    v->can_compress = m->compression;
    v->can_friction = m->friction;
    v->stretch = m->stretch;
    v->strengthen = m->strengthen;
    v->position = m->position;
    v->tool = m->tool;
    v->pressure = m->pressure;
    v->friction_direction = m->friction_direction;
    v->hold_seconds = m->hold_seconds;
    v->passes = m->passes;
    for (size_t i = 0; i < m->n_tp && i < MUSCLE_VIEW_MAX_TP; i++) {
        v->tp_name[i] = m->tp[i].name;
        v->tp_location[i] = m->tp[i].location;
        v->tp_how[i] = m->tp[i].how_to_find;
        v->tp_base[i] = m->tp[i].region;
        v->n_tp++;
    }
    for (size_t i = 0; i < m->n_endangerment && i < 8; i++)
        v->endangerment[v->n_endangerment++] = m->endangerment[i];
    for (size_t i = 0; i < m->n_cautions && i < 8; i++)
        v->cautions[v->n_cautions++] = m->cautions[i];
    v->caution = m->caution;
    v->caution_source = m->caution_source;
    return 0;
}

int muscle_view_side(const struct muscle_view *v, const char *text, const char **side,
                     struct trp_err *err)
{
    if (v->midline) {
        if (text && strcmp(text, "midline") != 0)
            return trp_err_set(err, TRP_EINVAL,
                               "%s lies on the midline of the body: leave out --side", v->name);
        *side = "midline";
        return 0;
    }
    if (!text)
        return trp_err_set(err, TRP_EINVAL, "say which side of %s: --side left or --side right",
                           v->name);
    if (!strcmp(text, "left") || !strcmp(text, "l"))
        *side = "left";
    else if (!strcmp(text, "right") || !strcmp(text, "r"))
        *side = "right";
    else
        return trp_err_set(err, TRP_EINVAL, "side \"%.20s\" is not left or right", text);
    return 0;
}
