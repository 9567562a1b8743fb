/*
 * Is it getting better, as JSON (see progress.h): the status, pain, function and
 * impression against the baseline, the weekly course and how sessions went per muscle.
 */
#include "app/progress.h"

#include <math.h>

#include "base/timeutil.h"
#include "core/entry.h"

/* One decimal is what a 0-10 scale averaged over days can carry. */
static json_t *num_or_null(double v)
{
    return isnan(v) || isinf(v) ? json_null() : json_real(round(v * 10) / 10 + 0.0);
}

static const char *day_text(struct arena *a, int64_t day)
{
    int64_t y;
    int m, d;
    trp_civil_from_days(day, &y, &m, &d);
    return arena_printf(a, "%04lld-%02d-%02d", (long long)y, m, d);
}

json_t *app_progress_json(struct arena *a, const struct progress_data *pd)
{
    const struct progress_result *r = &pd->result;
    static const char *const starts[] = {"option", "period", "first-treatment", "diary-start",
                                         "recent"};
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(progress_status_name(r->status)));
    json_object_set_new(o, "seek_other_opinion", json_boolean(r->seek_other_opinion));
    json_object_set_new(o, "recheck_red_flags", json_boolean(r->recheck_red_flags));
    json_object_set_new(o, "reason", json_string(r->reason));
    json_object_set_new(o, "course_start", pd->n_days ? json_string(day_text(a, pd->first_day))
                                                      : json_null());
    json_object_set_new(o, "course_end", pd->n_days ? json_string(day_text(a, pd->last_day))
                                                    : json_null());
    json_object_set_new(o, "baseline_from", json_string(starts[pd->start]));
    json_object_set_new(o, "days_since_last_rating",
                        pd->n_days ? json_integer(pd->today - pd->last_day) : json_null());
    json_object_set_new(o, "weeks", json_integer(r->weeks));
    json_t *pain = json_object();
    json_object_set_new(pain, "baseline", num_or_null(r->baseline));
    json_object_set_new(pain, "current", num_or_null(r->current));
    json_object_set_new(pain, "current_weeks", json_integer(r->current_weeks));
    json_object_set_new(pain, "change_points", num_or_null(r->change_points));
    json_object_set_new(pain, "change_percent",
                        isnan(r->change_percent) ? json_null()
                                                 : json_integer((json_int_t)lround(r->change_percent)));
    json_object_set_new(pain, "threshold_points", num_or_null(r->threshold));
    json_object_set_new(pain, "signal", json_string(progress_signal_name(r->pain)));
    json_object_set_new(o, "pain", pain);
    json_t *trend = json_object();
    /* Per month, with one decimal: the digits a weekly-median trend can carry. */
    double k = 30.4375 / 7;
    json_object_set_new(trend, "points_per_month",
                        r->trend_shown ? num_or_null(r->slope_per_week * k) : json_null());
    json_object_set_new(trend, "ci95",
                        r->trend_shown ? json_pack("[o,o]", num_or_null(r->slope_lo * k),
                                                   num_or_null(r->slope_hi * k))
                                       : json_null());
    json_object_set_new(o, "trend", trend);
    json_t *fn = json_object();
    json_object_set_new(fn, "activities", json_integer(r->psfs_activities));
    json_object_set_new(fn, "first_mean", num_or_null(r->psfs_first));
    json_object_set_new(fn, "latest_mean", num_or_null(r->psfs_latest));
    json_object_set_new(fn, "signal", json_string(progress_signal_name(r->function)));
    json_object_set_new(o, "function_psfs", fn);
    json_t *pg = json_object();
    json_object_set_new(pg, "latest", r->pgic_latest ? json_integer(r->pgic_latest) : json_null());
    json_object_set_new(pg, "label", r->pgic_latest ? json_string(entry_pgic_label(r->pgic_latest))
                                                    : json_null());
    json_object_set_new(pg, "signal", json_string(progress_signal_name(r->impression)));
    json_object_set_new(o, "impression_pgic", pg);
    json_t *weekly = json_array();
    for (size_t w = 0; w < r->n_weeks; w++) {
        json_t *x = json_object();
        json_object_set_new(x, "week_start", json_string(day_text(a, r->week[w].start_day)));
        json_object_set_new(x, "median", num_or_null(r->week[w].median));
        json_object_set_new(x, "days_rated", json_integer(r->week[w].days_rated));
        if (!isnan(r->week[w].psfs_mean))
            json_object_set_new(x, "psfs_mean", num_or_null(r->week[w].psfs_mean));
        if (r->week[w].pgic)
            json_object_set_new(x, "pgic", json_integer(r->week[w].pgic));
        json_array_append_new(weekly, x);
    }
    json_object_set_new(o, "weekly", weekly);
    json_t *muscles = json_array();
    for (size_t i = 0; i < pd->n_muscles; i++) {
        const struct progress_muscle *m = &pd->muscles[i];
        json_t *x = json_object();
        json_object_set_new(x, "muscle", json_string(m->muscle));
        json_object_set_new(x, "sessions", json_integer(m->sessions));
        json_object_set_new(x, "pain_before", m->with_pain ? num_or_null(m->mean_before) : json_null());
        json_object_set_new(x, "pain_after", m->with_pain ? num_or_null(m->mean_after) : json_null());
        json_object_set_new(x, "release_rate",
                            m->with_release ? json_real(round(100.0 * m->released / m->with_release) / 100)
                                            : json_null());
        json_object_set_new(x, "median_release_seconds", num_or_null(m->median_release_seconds));
        json_object_set_new(x, "softened_passes", json_integer(m->n_softened));
        json_object_set_new(x, "median_hold_seconds", num_or_null(m->median_hold_seconds));
        json_object_set_new(x, "passes", json_integer(m->n_passes));
        json_array_append_new(muscles, x);
    }
    json_object_set_new(o, "treatment_response", muscles);
    json_object_set_new(o, "advice", json_string(r->advice));
    json_t *cfg = json_object();
    json_object_set_new(cfg, "baseline_days", json_integer(pd->config.baseline_days));
    json_object_set_new(cfg, "change_points", json_real(pd->config.change_points));
    json_object_set_new(cfg, "change_pct", json_real(pd->config.change_pct));
    json_object_set_new(cfg, "min_points", json_real(pd->config.min_points));
    json_object_set_new(cfg, "current_weeks", json_integer(pd->config.current_weeks));
    json_object_set_new(cfg, "seek_weeks", json_integer(pd->config.seek_weeks));
    json_object_set_new(cfg, "worsen_weeks", json_integer(pd->config.worsen_weeks));
    json_object_set_new(o, "thresholds", cfg);
    return o;
}

int app_progress(struct store *s, struct arena *a, struct progress_data *pd, json_t **out,
                 struct trp_err *err)
{
    *out = NULL;
    int rc = app_progress_data_load(s, a, pd, err);
    if (rc)
        return rc;
    *out = app_progress_json(a, pd);
    return 0;
}
