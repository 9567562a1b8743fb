/*
 * `trp progress [--since T] [--json] [--improve-pct P] [--seek-weeks W] ...`: the course of
 * pain against the first weeks, judged on weekly medians and a robust trend
 * (core/progress.h), plus how treatment sessions went per muscle (pain before and after,
 * release rate, median time to release).
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

static json_t *num_or_null(double v)
{
    return isnan(v) || isinf(v) ? json_null() : json_real(round(v * 100) / 100);
}

static void print_text(struct cmd_ctx *ctx, const struct progress_data *pd)
{
    const struct progress_result *r = &pd->result;
    FILE *out = ctx->out;
    fprintf(out, "Status: %s%s\n", progress_status_name(r->status),
            r->seek_other_opinion ? "  (advice: seek another opinion)" : "");
    if (!isnan(r->baseline))
        fprintf(out, "Baseline (first %d days): median pain %.1f/10\n", pd->config.baseline_days,
                r->baseline);
    if (!isnan(r->current))
        fprintf(out, "Last 7 days: median pain %.1f/10", r->current);
    if (!isnan(r->change_percent))
        fprintf(out, "  (%+.0f%% %s)", fabs(r->change_percent),
                r->change_percent >= 0 ? "better" : "worse");
    if (!isnan(r->current))
        fputc('\n', out);
    if (!isnan(r->slope_per_week))
        fprintf(out, "Trend: %+.2f points per week (95%% interval %+.2f to %+.2f)\n",
                r->slope_per_week, r->slope_lo, r->slope_hi);
    if (r->n_weeks) {
        fputs("Weekly medians:", out);
        for (size_t w = 0; w < r->n_weeks; w++) {
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
            if (!isnan(m->median_release_seconds))
                fprintf(out, "  median %.0f s", m->median_release_seconds);
            fputc('\n', out);
        }
    }
    fprintf(out, "\n%s\n", r->advice);
}

static json_t *to_json(const struct progress_data *pd)
{
    const struct progress_result *r = &pd->result;
    json_t *o = json_object();
    json_object_set_new(o, "status", json_string(progress_status_name(r->status)));
    json_object_set_new(o, "seek_other_opinion", json_boolean(r->seek_other_opinion));
    json_object_set_new(o, "baseline", num_or_null(r->baseline));
    json_object_set_new(o, "current", num_or_null(r->current));
    json_object_set_new(o, "change_percent", num_or_null(r->change_percent));
    json_object_set_new(o, "trend_change_percent", num_or_null(r->trend_change_percent));
    json_object_set_new(o, "weeks", json_integer(r->weeks));
    json_t *trend = json_object();
    json_object_set_new(trend, "slope_per_week", num_or_null(r->slope_per_week));
    json_object_set_new(trend, "ci95", json_pack("[o,o]", num_or_null(r->slope_lo), num_or_null(r->slope_hi)));
    json_object_set_new(o, "trend", trend);
    json_t *weekly = json_array();
    for (size_t w = 0; w < r->n_weeks; w++) {
        struct trp_time t = {r->week[w].start_day * 86400, 0};
        char when[TRP_TIME_BUF];
        trp_time_format(&t, when);
        when[10] = '\0';
        json_t *x = json_object();
        json_object_set_new(x, "week_start", json_string(when));
        json_object_set_new(x, "median", num_or_null(r->week[w].median));
        json_object_set_new(x, "days_rated", json_integer(r->week[w].days_rated));
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
                            m->with_release ? json_real((double)m->released / m->with_release) : json_null());
        json_object_set_new(x, "median_release_seconds", num_or_null(m->median_release_seconds));
        json_array_append_new(muscles, x);
    }
    json_object_set_new(o, "treatment_response", muscles);
    json_object_set_new(o, "advice", json_string(r->advice));
    json_t *cfg = json_object();
    json_object_set_new(cfg, "baseline_days", json_integer(pd->config.baseline_days));
    json_object_set_new(cfg, "improve_pct", json_real(pd->config.improve_pct));
    json_object_set_new(cfg, "worsen_pct", json_real(pd->config.worsen_pct));
    json_object_set_new(cfg, "seek_weeks", json_integer(pd->config.seek_weeks));
    json_object_set_new(o, "thresholds", cfg);
    return o;
}

static int cmd_progress_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"since", required_argument, NULL, 's'},
        {"json", no_argument, NULL, 'j'},
        {"baseline-days", required_argument, NULL, 'b'},
        {"improve-pct", required_argument, NULL, 'i'},
        {"worsen-pct", required_argument, NULL, 'w'},
        {"seek-weeks", required_argument, NULL, 'k'},
        {NULL, 0, NULL, 0},
    };
    struct progress_data pd;
    memset(&pd, 0, sizeof pd);
    progress_config_default(&pd.config);
    int json = 0, opt, rc = 0;
    struct trp_time now, t;
    if ((rc = trp_time_now(&now, &ctx->err)))
        return rc;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 's':
            if ((rc = trp_time_parse(optarg, &now, &t, &ctx->err)))
                return trp_err_prefix(&ctx->err, "--since: ");
            pd.has_since = 1;
            pd.since = t.utc;
            break;
        case 'j': json = 1; break;
        case 'b': rc = args_int("--baseline-days", optarg, 7, 28, &pd.config.baseline_days, &ctx->err); break;
        case 'i': rc = args_double("--improve-pct", optarg, 5, 90, &pd.config.improve_pct, &ctx->err); break;
        case 'w': rc = args_double("--worsen-pct", optarg, 5, 90, &pd.config.worsen_pct, &ctx->err); break;
        case 'k': rc = args_int("--seek-weeks", optarg, 2, 52, &pd.config.seek_weeks, &ctx->err); break;
        default:
            return cmd_usage(ctx, &cmd_progress_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cmd_usage(ctx, &cmd_progress_entry, "progress takes no arguments");
    struct store *s;
    if ((rc = cmd_store(ctx, &s)) || (rc = progress_data_load(ctx, s, &pd)))
        return rc;
    if (json) {
        json_t *o = to_json(&pd);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
    } else {
        print_text(ctx, &pd);
    }
    return 0;
}

const struct cmd_entry cmd_progress_entry = {
    .name = "progress",
    .usage = "[--since TIME] [--json] [--baseline-days N] [--improve-pct P] [--worsen-pct P] "
             "[--seek-weeks W]",
    .summary = "Is it getting better? Weekly medians, trend and honest advice.",
    .help = "  Compares the first N days (default 14) with the last week, on daily medians,\n"
            "  and fits a robust trend through the weekly medians. 'improving' means at least\n"
            "  30% less pain (IMMPACT: moderately important); one setback week inside a good\n"
            "  course does not change the verdict. After 6 weeks without improvement, or\n"
            "  sooner when clearly worsening, it advises seeking another opinion.\n",
    .exec = cmd_progress_exec,
};
