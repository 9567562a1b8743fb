/*
 * The flare-ups in the pain diary as JSON (see recurrences.h), with the definition used.
 */
#include "app/recurrences.h"

#include "app/flares.h"
#include "base/timeutil.h"

int app_recurrences(struct store *s, struct arena *a, const struct store_query *q,
                    const char *spec_in, json_t **out, struct trp_err *err)
{
    *out = NULL;
    struct recurrence_config c;
    struct app_flares f;
    int rc;
    if ((rc = app_flares_config(s, a, spec_in, &c, err)) || (rc = app_flares_load(s, a, q, &c, &f, err)))
        return rc;
    char spec[160];
    recurrence_config_format(&c, spec, sizeof spec);
    json_t *o = json_object(), *arr = json_array();
    for (size_t i = 0; i < f.n; i++) {
        char when[TRP_TIME_BUF];
        json_array_append_new(arr, json_pack("{s:s,s:f,s:i,s:f,s:f,s:b,s:b}", "onset",
                                             trp_time_format(&f.items[i].onset, when), "peak",
                                             f.items[i].peak, "days", f.items[i].days, "baseline",
                                             f.items[i].baseline, "rise", f.items[i].rise, "manual",
                                             f.items[i].manual, "ongoing", f.items[i].ongoing));
    }
    json_object_set_new(o, "recurrences", arr);
    json_object_set_new(o, "definition",
                        json_pack("{s:s,s:s,s:i,s:f,s:i,s:i,s:s}", "spec", spec, "rise",
                                  c.rise_kind == RISE_ADAPTIVE  ? "adaptive"
                                  : c.rise_kind == RISE_PERCENT ? "percent"
                                                                : "points",
                                  "baseline_days", c.baseline_days, "min_level", c.min_level,
                                  "sustain_minutes", c.sustain_minutes, "calm_minutes", c.calm_minutes,
                                  "source", "after Suri et al., Spine 2018"));
    if (f.n_relative || f.n_half)
        json_object_set_new(o, "few_flares", json_pack("{s:i,s:i}", "at_rise_20_percent", (int)f.n_relative,
                                                       "at_half_the_rise", (int)f.n_half));
    *out = o;
    return 0;
}
