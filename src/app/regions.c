/*
 * The body-region vocabulary as JSON (see regions.h): built here once for the terminal and
 * the web server alike.
 */
#include "app/regions.h"

#include "core/region.h"

int app_regions_list(json_t **out, struct trp_err *err)
{
    *out = NULL;
    int rc = region_load(err);
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < region_count(); i++) {
        const struct region *r = region_at(i);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(r->id));
        json_object_set_new(o, "code", r->code ? json_integer(r->code) : json_null());
        json_object_set_new(o, "label", json_string(r->label));
        json_object_set_new(o, "side", json_string(region_side_name(r->side)));
        json_object_set_new(o, "view", json_string(region_view_name(r->view)));
        json_object_set_new(o, "parent", r->parent ? json_string(r->parent->id) : json_null());
        json_array_append_new(arr, o);
    }
    *out = arr;
    return 0;
}

int app_regions_match(const char *phrase, json_t **out, struct trp_err *err)
{
    *out = NULL;
    int rc = region_load(err);
    if (rc)
        return rc;
    struct region_match m;
    rc = region_resolve(phrase, &m, err);
    if (rc)
        return rc;
    json_t *o = json_object();
    json_object_set_new(o, "phrase", json_string(phrase));
    json_object_set_new(o, "base", json_string(m.base));
    json_object_set_new(o, "side",
                        m.side ? json_string(region_laterality_name(m.side)) : json_null());
    json_t *ids = json_array();
    for (size_t i = 0; i < m.count; i++)
        json_array_append_new(ids, json_string(m.regions[i]->id));
    json_object_set_new(o, "regions", ids);
    *out = o;
    return 0;
}
