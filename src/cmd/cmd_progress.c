/*
 * `trp progress [--since T] [--until T] [--baseline DATE] [--json] ...`: the course of pain,
 * function (PSFS) and the person's own impression (PGIC) against the first two weeks of
 * the course, judged by core/progress.h (the same computation as the chart and the
 * report), plus how treatment sessions went per muscle.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/progress_data.h"
#include "core/progress.h"
#include "store/store.h"

/* One decimal is what a 0-10 scale averaged over days can carry. */
static json_t *num_or_null(double v)
{
    return isnan(v) || isinf(v) ? json_null() : json_real(round(v * 10) / 10 + 0.0);
}

static const char *day_text(struct cmd_ctx *ctx, int64_t day)
{
    int64_t y;
    int m, d;
    trp_civil_from_days(day, &y, &m, &d);
    return arena_printf(ctx->arena, "%04lld-%02d-%02d", (long long)y, m, d);
}

static void print_text(struct cmd_ctx *ctx, const struct progress_data *pd)
{
    const struct progress_result *r = &pd->result;
    FILE *out = ctx->out;
    fprintf(out, "Status: %s%s\n", progress_status_name(r->status),
            r->seek_other_opinion ? "  (advice: seek another opinion)" : "");
    if (r->reason[0])
        fprintf(out, "Because: %s\n", r->reason);
    if (pd->n_days)
        fprintf(out, "Course: %s to %s (%d week%s); baseline %s\n", day_text(ctx, pd->first_day),
                day_text(ctx, pd->last_day), r->weeks, r->weeks == 1 ? "" : "s",
                progress_start_text(pd->start));
    if (pd->n_days && pd->today - pd->last_day > 14)
        fprintf(out, "Your last pain rating is from %s, %lld days ago: this describes that time, "
                     "not today.\n",
                day_text(ctx, pd->last_day), (long long)(pd->today - pd->last_day));
    if (!isnan(r->baseline))
        fprintf(out, "Baseline (first %d days): median pain %.1f/10\n", pd->config.baseline_days,
                r->baseline);
    if (!isnan(r->current))
        fprintf(out, "Now (median of the last %d weekly medians): %.1f/10\n", r->current_weeks,
                r->current);
    if (!isnan(r->threshold))
        fprintf(out, "A change counts at this baseline from %.1f points.\n", r->threshold);
    char trend[160];
    progress_trend_text(r, trend, sizeof trend);
    if (trend[0])
        fprintf(out, "Trend: %s\n", trend);
    if (r->psfs_activities)
        fprintf(out, "Function (PSFS, mean of %d activit%s, 0-10, higher is better): %.1f -> %.1f\n",
                r->psfs_activities, r->psfs_activities == 1 ? "y" : "ies", r->psfs_first,
                r->psfs_latest);
    else if (pd->n_psfs)
        fputs("Function (PSFS): rate the same activities again in a week or two to see a change.\n",
              out);
    if (r->pgic_latest)
        fprintf(out, "Your impression (PGIC, %s): %d, %s\n", day_text(ctx, r->pgic_day),
                r->pgic_latest, entry_pgic_label(r->pgic_latest));
    if (r->n_weeks) {
        fputs("Weekly medians:", out);
        /* A long course shows its last year; the JSON has every week. */
        size_t from = r->n_weeks > 52 ? r->n_weeks - 52 : 0;
        if (from)
            fprintf(out, " (last 52 of %zu weeks)", r->n_weeks);
        for (size_t w = from; w < r->n_weeks; w++) {
            if (isnan(r->week[w].median))
                fputs(" -", out);
            else
                fprintf(out, " %.1f", r->week[w].median);
        }
        fputc('\n', out);
    }
    if (pd->n_muscles) {
        fputs("Treatment response per muscle:\n", out);
        for (size_t i = 0; i < pd->n_muscles; i++) {
            const struct progress_muscle *m = &pd->muscles[i];
            fprintf(out, "  %-26s %3d session(s)", m->muscle, m->sessions);
            if (m->with_pain)
                fprintf(out, "  pain %.1f -> %.1f", m->mean_before, m->mean_after);
            if (m->with_release)
                fprintf(out, "  released %.0f%%", 100.0 * m->released / m->with_release);
            if (!isnan(m->median_hold_seconds))
                fprintf(out, "  median hold %.0f s over %d pass(es)", m->median_hold_seconds,
                        m->n_passes);
            if (!isnan(m->median_release_seconds))
                fprintf(out, ", softened after a median %.0f s in %d", m->median_release_seconds,
                        m->n_softened);
            fputc('\n', out);
        }
    }
    fprintf(out, "\n%s\n", r->advice);
}

static json_t *to_json(struct cmd_ctx *ctx, const struct progress_data *pd)
{
    const struct progress_result *r = &pd->result;
    static const char *const starts[] = {"option", "period", "first-treatment", "diary-start",
                                         "recent"};
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(progress_status_name(r->status)));
    json_object_set_new(o, "seek_other_opinion", json_boolean(r->seek_other_opinion));
    json_object_set_new(o, "recheck_red_flags", json_boolean(r->recheck_red_flags));
    json_object_set_new(o, "reason", json_string(r->reason));
    json_object_set_new(o, "course_start", pd->n_days ? json_string(day_text(ctx, pd->first_day))
                                                      : json_null());
    json_object_set_new(o, "course_end", pd->n_days ? json_string(day_text(ctx, pd->last_day))
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
        json_object_set_new(x, "week_start", json_string(day_text(ctx, r->week[w].start_day)));
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

static int cmd_progress_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"baseline", required_argument, NULL, 'B'},
        {"json", no_argument, NULL, 'j'},
        {"baseline-days", required_argument, NULL, 'b'},
        {"change-pct", required_argument, NULL, 'i'},
        {"change-points", required_argument, NULL, 'p'},
        {"seek-weeks", required_argument, NULL, 'k'},
        {NULL, 0, NULL, 0},
    };
    struct progress_data pd;
    progress_data_init(&pd);
    int json = 0, opt, rc = 0;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 's':
            rc = cmd_parse_time(ctx, "--since", optarg, &pd.since);
            pd.has_since = 1;
            break;
        case 'u':
            rc = cmd_parse_time(ctx, "--until", optarg, &pd.until);
            pd.has_until = 1;
            break;
        case 'B':
            rc = cmd_parse_time(ctx, "--baseline", optarg, &pd.baseline_at);
            pd.has_baseline = 1;
            break;
        case 'j': json = 1; break;
        case 'b': rc = args_int("--baseline-days", optarg, 7, 28, &pd.config.baseline_days, &ctx->err); break;
        case 'i': rc = args_double("--change-pct", optarg, 5, 90, &pd.config.change_pct, &ctx->err); break;
        case 'p': rc = args_double("--change-points", optarg, 0.5, 5, &pd.config.change_points, &ctx->err); break;
        case 'k': rc = args_int("--seek-weeks", optarg, 2, 52, &pd.config.seek_weeks, &ctx->err); break;
        case ':':
            return cmd_usage(ctx, &cmd_progress_entry,
                             arena_printf(ctx->arena, "option %s needs a value", argv[optind - 1]));
        default:
            return cmd_usage(ctx, &cmd_progress_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cmd_usage(ctx, &cmd_progress_entry, "progress takes no arguments");
    if (pd.has_since && pd.has_until && pd.until <= pd.since)
        return trp_err_set(&ctx->err, TRP_EINVAL, "--until must be after --since");
    /* The change the rule needs never falls below its floor. */
    if (pd.config.min_points > pd.config.change_points)
        pd.config.min_points = pd.config.change_points;
    struct store *s;
    if ((rc = cmd_store(ctx, &s)) || (rc = progress_data_load(ctx, s, &pd)))
        return rc;
    if (json) {
        json_t *o = to_json(ctx, &pd);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        fputc('\n', ctx->out);
        json_decref(o);
    } else {
        print_text(ctx, &pd);
    }
    return 0;
}

const struct cmd_entry cmd_progress_entry = {
    .name = "progress",
    .usage = "[--since T] [--until T] [--baseline DATE] [--json] [--baseline-days N] "
             "[--change-points P] [--change-pct P] [--seek-weeks W]",
    .summary = "Is it getting better? Pain, function and your own impression, honestly.",
    .help = "  The course starts at --baseline DATE, else at --since, else at your first\n"
            "  treatment, else at the start of a diary of up to 26 weeks (a longer one: its\n"
            "  last 26 weeks). Its first N days (default 14) are the baseline. Now is the\n"
            "  median of the last 4 weekly medians, so one good or bad week does not decide.\n"
            "  A change counts when pain moves by 2 points, or by 30% when that is at least\n"
            "  1.5 points (IMMPACT, Dworkin et al. 2008; Farrar et al. 2001), upwards as well\n"
            "  as downwards. Function (trp log psfs: 2 points on the mean, Stratford et al.\n"
            "  1995) and your impression (trp log pgic: 'much improved' or better) count too.\n"
            "  After 6 weeks without improvement it advises another opinion (NICE CKS neck\n"
            "  pain: referral at 4-12 weeks); when worsening, sooner, with a re-check of the\n"
            "  warning signs (trp intake).\n",
    .exec = cmd_progress_exec,
};
