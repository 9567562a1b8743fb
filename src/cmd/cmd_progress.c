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

#include "app/progress.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/progress_data.h"
#include "core/progress.h"
#include "store/store.h"

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
            fprintf(out, "  %-26s %3d session%s", m->muscle, m->sessions, m->sessions == 1 ? " " : "s");
            if (m->with_pain)
                fprintf(out, "  pain %.1f -> %.1f", m->mean_before, m->mean_after);
            if (m->with_release)
                fprintf(out, "  released %.0f%%", 100.0 * m->released / m->with_release);
            if (!isnan(m->median_hold_seconds))
                fprintf(out, "  median hold %.0f s over %d pass%s", m->median_hold_seconds,
                        m->n_passes, m->n_passes == 1 ? "" : "es");
            if (!isnan(m->median_release_seconds))
                fprintf(out, ", softened after a median %.0f s in %d", m->median_release_seconds,
                        m->n_softened);
            fputc('\n', out);
        }
    }
    fprintf(out, "\n%s\n", r->advice);
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
    if (json)
        return cmd_print_json(ctx, app_progress_json(ctx->arena, &pd), APP_PROGRESS_FLAGS,
                              "progress");
    print_text(ctx, &pd);
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
