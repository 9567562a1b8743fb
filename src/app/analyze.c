/*
 * The perpetuating-factor analysis and its JSON (see analyze.h). Odds ratios are rounded
 * to four decimals and an interval wider than a factor of 100 gives no number at all: it
 * says nothing yet.
 */
#include "app/analyze.h"

#include <math.h>

#include "app/flares.h"
#include "base/timeutil.h"

int app_analyze(struct store *s, struct arena *a, const char *spec, const struct store_query *q,
                struct app_analysis *out, struct trp_err *err)
{
    int rc = app_flares_analyze(s, a, spec, q, &out->r, err);
    if (rc)
        return rc;
    analysis_config_default(&out->c);
    out->n_medication = 0;
    if ((rc = app_flares_medication_count(s, q, &out->n_medication, err)))
        return rc;
    out->definition_may_not_fit = out->r.n_days >= 90 && (size_t)out->r.n_flares * 60 < out->r.n_days;
    return 0;
}

static json_t *lag_json(int lag)
{
    static const char *const names[] = {"0", "1", "2-3", "1-7", "1-14"};
    return lag < 2 ? json_integer(lag) : json_string(names[lag]);
}

static json_t *num(double v)
{
    return isfinite(v) ? json_real(round(v * 1e4) / 1e4) : json_null();
}

/* An entry of the joint refit: its estimate is adjusted for the others, so the single-test
 * fields (q, counts, verdict) do not apply. */
static json_t *joint_json(const struct analysis_factor *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(f->name));
    json_object_set_new(o, "kind", json_string(analysis_kind_name(f->kind)));
    json_object_set_new(o, "lag_days", lag_json(f->lag));
    int est = analysis_estimable(f->odds_ratio, f->ci_lo, f->ci_hi);
    json_object_set_new(o, "estimable", json_boolean(est));
    json_object_set_new(o, "odds_ratio", est ? num(f->odds_ratio) : json_null());
    json_object_set_new(o, "ci95", est ? json_pack("[o,o]", num(f->ci_lo), num(f->ci_hi)) : json_null());
    json_object_set_new(o, "p", num(f->p));
    json_object_set_new(o, "per", json_string(f->unit));
    return o;
}

static json_t *factor_json(const struct analysis_factor *f)
{
    json_t *o = joint_json(f);
    json_object_set_new(o, "q", num(f->q));
    json_object_set_new(o, "events_exposed", json_integer(f->events_exposed));
    json_object_set_new(o, "days_exposed", json_integer(f->days_exposed));
    json_object_set_new(o, "verdict", json_string(analysis_verdict_name(f->verdict)));
    json_object_set_new(o, "direction", json_string(!analysis_estimable(f->odds_ratio, f->ci_lo, f->ci_hi) ? "unknown"
                                                    : f->raises ? "raises"
                                                                : "lowers"));
    if (f->explained_by)
        json_object_set_new(o, "explained_by", json_string(f->explained_by));
    return o;
}

static json_t *suspect_json(const struct analysis_suspect *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(u->name));
    json_object_set_new(o, "kind", json_string(analysis_kind_name(u->kind)));
    json_object_set_new(o, "lag_days", lag_json(u->lag));
    json_object_set_new(o, "at_least", num(u->threshold));
    json_object_set_new(o, "per", json_string(u->unit));
    json_object_set_new(o, "flares", json_integer(u->flares));
    json_object_set_new(o, "flares_exposed", json_integer(u->flares_exposed));
    json_object_set_new(o, "other_days_share", num(u->other_share));
    json_object_set_new(o, "flares_to_settle",
                        u->flares_to_settle >= 0 ? json_integer(u->flares_to_settle) : json_null());
    return o;
}

json_t *app_analyze_json(const struct app_analysis *an)
{
    const struct analysis_result *r = &an->r;
    json_t *o = json_object(), *rec = json_array(), *fa = json_array(), *mu = json_array();
    for (int i = 0; i < r->n_flares; i++) {
        char when[TRP_TIME_BUF];
        json_array_append_new(rec, json_pack("{s:s,s:f,s:i}", "onset", trp_time_format(&r->flares[i].onset, when),
                                             "peak", r->flares[i].peak, "days", r->flares[i].days));
    }
    for (size_t i = 0; i < r->n_factors; i++)
        json_array_append_new(fa, factor_json(&r->factors[i]));
    for (size_t i = 0; i < r->n_multi; i++)
        json_array_append_new(mu, joint_json(&r->multi[i]));
    json_t *su = json_array();
    for (size_t i = 0; i < r->n_suspects; i++)
        json_array_append_new(su, suspect_json(&r->suspects[i]));
    json_object_set_new(o, "recurrences", rec);
    json_object_set_new(o, "factors", fa);
    json_object_set_new(o, "multivariable", mu);
    json_object_set_new(o, "suspects", su);
    json_object_set_new(o, "definition_may_not_fit", json_boolean(an->definition_may_not_fit));
    json_object_set_new(o, "medication_left_out", json_integer(an->n_medication));
    json_object_set_new(o, "data", json_pack("{s:i,s:i,s:i,s:i,s:i}", "days", (int)r->n_days, "eligible_days",
                                             (int)r->n_eligible, "flares", r->n_flares, "flares_compared",
                                             r->n_cases, "flares_needed", r->flares_needed));
    return o;
}
