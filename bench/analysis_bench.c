/*
 * Benchmark of the perpetuating-factor analysis on simulated diaries with known truth:
 * recall and precision of "likely" findings, interval coverage of the planted odds ratio,
 * and the share of null diaries (nothing planted) with any "likely" finding, for trp's
 * method (Firth, weekend and sleep adjustment, Benjamini-Hochberg) side by side with a plain
 * univariate case-crossover baseline (no penalty, no adjustment, p < 0.05) on the same
 * diaries, the same baseline with Benjamini-Hochberg (the same error control as trp, none
 * of its modelling), and both methods held to 10% false discoveries by an oracle p
 * threshold chosen with the truth in hand (how well each ranks true findings above false
 * ones); plus the time per one-year analysis. False discoveries are given two ways: the FDR, the mean over planted diaries of
 * each diary's false share (what Benjamini-Hochberg controls), and the pooled FDP, all false
 * findings over all findings. Findings count whichever way they point.
 * usage: analysis_bench [-v] [--no-adjust|--no-firth|--no-fdr|--no-confirm]
 *                       [--weekend-prior SD] [DIARIES] [DAYS]
 *        analysis_bench --held-out [-v] [DIARIES]
 *   --held-out: issue 13's scenario, 150-day diaries with about 20 flares, a third with
 *   two planted tasks, a third with nothing planted, a third whose flares simply follow the
 *   working week (nothing planted); every method of the ablation on the same diaries.
 *   -v: recall per planted task and the false findings by name; --no-X: ablate one part of
 *   trp's method; --weekend-prior: the prior sd on the weekend term (0 = flat).
 *   Defaults: 1000 diaries (half planted, half null) of 365 days; at 200 the Monte Carlo
 *   error of the false-discovery figures is several points.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/analysis.h"
#include "core/simulate.h"

struct tally {
    int planted, found, likely_total, likely_true, covered, with_or, null_diaries, null_alarm;
    int buildup_hits;
    int oracle; /* planted task at its planted lag, p < 0.05 alone: the power of one test */
    int planted_diaries, lag_right, true_flares, dated_exact, dated_near, found_flares;
    double seconds;
    double fdp_sum; /* sum over planted diaries of V/R (0 when nothing is found): the FDR */
    int option_planted[4], option_found[4];
    /* false "likely" findings by name, to show which trap caught the method */
    const char *false_name[64];
    int false_count[64];
    size_t n_false;
};

static int verbose;
static const char *flare_spec; /* --flare: another flare definition */
static struct recurrence_config flare_cfg;
static struct {
    int no_adjust, no_firth, no_fdr, no_confirm;
    double weekend_prior_sd; /* < 0: the default */
} ablate = {0, 0, 0, 0, -1};

/* Every finding with its p-value, to find the p threshold at which a method's false
 * discoveries would stay under 10% (an oracle threshold, see matched()). */
struct finding {
    double p;
    int diary, same_task, hit, null_diary;
};
struct findings {
    struct finding *v;
    size_t n, cap;
};
static struct findings ranked[2]; /* 0: trp, 1: the plain baseline */

static void keep_finding(struct findings *l, double p, int diary, int same_task, int hit, int null_diary)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    l->v[l->n++] = (struct finding){p, diary, same_task, hit, null_diary};
}

static void count_false(struct tally *t, const char *name)
{
    for (size_t i = 0; i < t->n_false; i++)
        if (!strcmp(t->false_name[i], name)) {
            t->false_count[i]++;
            return;
        }
    if (t->n_false < 64) {
        t->false_name[t->n_false] = strdup(name); /* the analysis' own copy dies with its arena */
        t->false_count[t->n_false++] = 1;
    }
}

static int feed(const struct entry *e, void *data)
{
    analysis_add(data, e);
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run(const struct sim_config *sc, int diary, int option, int baseline, struct tally *t)
{
    struct arena *a = arena_new();
    struct analysis *an = analysis_new(a);
    struct sim_truth truth;
    sim_generate(sc, a, feed, an, &truth);
    if (flare_spec)
        recurrence_config_parse(flare_spec, &flare_cfg, NULL);
    struct analysis_config c;
    analysis_config_default(&c);
    c.adjust &= !ablate.no_adjust;
    c.firth &= !ablate.no_firth;
    c.use_fdr &= !ablate.no_fdr;
    c.confirm &= !ablate.no_confirm;
    if (ablate.weekend_prior_sd >= 0)
        c.weekend_prior_sd = ablate.weekend_prior_sd;
    if (flare_spec)
        c.flare = flare_cfg;
    if (baseline == 1 || baseline == 2) { /* 1: plain at p < 0.05; 2: plain with Benjamini-Hochberg */
        c.firth = 0;
        c.adjust = 0;
        c.use_fdr = baseline == 2;
        c.confirm = 0;
        c.per_exposure = 0;
        c.buildup = 0;
    }
    if (baseline == 3) { /* issue 4's trp: BH over every exposure-and-lag test, no build-up */
        analysis_config_default(&c);
        c.per_exposure = 0;
        c.buildup = 0;
    }
    if (baseline == 4) /* without build-up lags */
        c.buildup = 0;
    if (baseline == 5) /* build-up, but BH over every exposure-and-lag test */
        c.per_exposure = 0;
    if (baseline == 6) /* Simes across lags instead of the effective number of lags */
        c.per_exposure = 2;
    if (baseline >= 3)
        baseline = 2; /* not kept for the oracle sweep */
    struct analysis_result r;
    double t0 = now_s();
    if (analysis_run(an, &c, &r, NULL)) {
        arena_free(a);
        return;
    }
    t->seconds += now_s() - t0;
    int any = 0, hit[SIM_MAX_PLANTED] = {0}, found = 0, wrong = 0;
    for (size_t i = 0; i < r.n_factors; i++) {
        const struct analysis_factor *f = &r.factors[i];
        /* A planted task at its planted lag; a finding on a planted task at another lag
         * (build-up, a neighbouring day) is not a false discovery of a wrong task. */
        int same_task = 0, planted = 0;
        for (size_t k = 0; k < sc->n_planted; k++)
            if (!strcmp(f->name, sc->planted[k].task)) {
                same_task = 1;
                planted |= f->lag == (sc->planted[k].lag > 1 ? 2 : sc->planted[k].lag);
                if (planted && k == 0 && analysis_estimable(f->odds_ratio, f->ci_lo, f->ci_hi)) {
                    t->with_or++;
                    double truth_or = sc->planted[0].or_per_hour;
                    t->covered += f->ci_lo <= truth_or && truth_or <= f->ci_hi;
                }
            }
        /* Every finding counts, whichever way it points: a task "lowering" the risk in
         * a diary where nothing protects is as false as one raising it, and so is the
         * planted task pointing the wrong way. */
        int right = same_task && f->raises;
        t->oracle += planted && f->raises && f->p < 0.05;
        /* For the thresholds swept afterwards: the plain baseline's p-values, and trp's
         * for the findings its confirmation step did not set aside. */
        if (baseline < 2 && isfinite(f->p) && !f->explained_by)
            keep_finding(&ranked[baseline], f->p, diary, right, planted && f->raises, !sc->n_planted);
        if (f->verdict != VERDICT_LIKELY)
            continue;
        any = 1;
        found++;
        wrong += !right;
        if (sc->n_planted) {
            t->likely_total++;
            if (right) {
                t->likely_true++;
                for (size_t k = 0; k < sc->n_planted; k++)
                    if (!strcmp(f->name, sc->planted[k].task)) {
                        t->lag_right += !hit[k] && planted;
                        t->buildup_hits += !hit[k] && f->lag >= LAG_WEEK;
                        hit[k] = 1;
                    }
            } else {
                count_false(t, f->raises ? f->name : arena_printf(a, "%s lag %d (lowers)", f->name, f->lag));
            }
        }
    }
    if (sc->n_planted) {
        for (size_t k = 0; k < sc->n_planted; k++) {
            t->planted++;
            t->found += hit[k];
        }
        t->planted_diaries++;
        t->fdp_sum += found ? (double)wrong / found : 0;
        t->option_planted[option]++;
        t->option_found[option] += hit[0];
    } else {
        t->null_diaries++;
        t->null_alarm += any;
    }
    /* Flare dating: each true onset with a detected one the same day, or within a day. */
    for (int k = 0; k < truth.n_flares; k++) {
        int exact = 0, near = 0;
        for (int f = 0; f < r.n_flares; f++) {
            int64_t dd = r.flares[f].onset_day - truth.flare_days[k];
            exact |= dd == 0;
            near |= dd >= -1 && dd <= 1;
        }
        t->true_flares++;
        t->dated_exact += exact;
        t->dated_near += near;
    }
    t->found_flares += r.n_flares;
    arena_free(a);
}

static void report(const char *name, const struct tally *t, int runs)
{
    printf("%-28s recall %5.1f%%  FDR %4.1f%%  pooled FDP %4.1f%%  coverage %5.1f%%  null alarms %5.1f%%  %.1f ms/diary\n",
           name, 100.0 * t->found / (t->planted ? t->planted : 1),
           100.0 * t->fdp_sum / (t->planted_diaries ? t->planted_diaries : 1),
           t->likely_total ? 100.0 * (t->likely_total - t->likely_true) / t->likely_total : 0.0,
           t->with_or ? 100.0 * t->covered / t->with_or : NAN,
           100.0 * t->null_alarm / (t->null_diaries ? t->null_diaries : 1), 1000 * t->seconds / runs);
    if (!verbose)
        return;
    for (int o = 0; o < 4; o++)
        printf("    found %d of %d\n", t->option_found[o], t->option_planted[o]);
    for (size_t i = 0; i < t->n_false; i++)
        printf("    false \"likely\": %s x%d\n", t->false_name[i], t->false_count[i]);
}

static int by_p(const void *a, const void *b)
{
    double x = ((const struct finding *)a)->p, y = ((const struct finding *)b)->p;
    return (x > y) - (x < y);
}

/* A method's best recall among p thresholds at which its error stays under 10%, by either
 * measure: the pooled FDP (all false findings over all findings) and the FDR (the mean over
 * planted diaries of each diary's false share, which is what Benjamini-Hochberg controls).
 * The threshold is chosen with the truth in hand, so this compares how well each method
 * ranks true findings above false ones, both held to the same error. */
static void matched(const char *name, struct findings *l, int diaries)
{
    qsort(l->v, l->n, sizeof *l->v, by_p);
    int *v = calloc((size_t)diaries, sizeof *v), *r = calloc((size_t)diaries, sizeof *r);
    char *hit = calloc((size_t)diaries, 1), *alarm = calloc((size_t)diaries, 1);
    int planted = (diaries + 1) / 2, total = 0, wrong = 0, hits = 0, alarms = 0;
    double fdp_sum = 0;
    struct {
        int hits, alarms;
        double p;
    } best_pooled = {0, 0, 0}, best_fdr = {0, 0, 0};
    for (size_t i = 0; i < l->n; i++) {
        const struct finding *f = &l->v[i];
        if (f->null_diary) {
            alarms += !alarm[f->diary];
            alarm[f->diary] = 1;
        } else {
            int k = f->diary;
            double before = r[k] ? (double)v[k] / r[k] : 0;
            r[k]++;
            v[k] += !f->same_task;
            fdp_sum += (double)v[k] / r[k] - before;
            total++;
            wrong += !f->same_task;
            if (f->hit && !hit[k]) {
                hit[k] = 1;
                hits++;
            }
        }
        if (i + 1 < l->n && l->v[i + 1].p == f->p)
            continue; /* ties enter together */
        if (10 * wrong < total && hits > best_pooled.hits)
            best_pooled.hits = hits, best_pooled.alarms = alarms, best_pooled.p = f->p;
        if (10 * fdp_sum < planted && hits > best_fdr.hits)
            best_fdr.hits = hits, best_fdr.alarms = alarms, best_fdr.p = f->p;
    }
    printf("%-28s recall %5.1f%% at pooled FDP < 10%% (p <= %.2g, null alarms %.1f%%); "
           "recall %5.1f%% at FDR < 10%% (p <= %.2g, null alarms %.1f%%)\n",
           name, 100.0 * best_pooled.hits / planted, best_pooled.p, 100.0 * best_pooled.alarms / (diaries / 2 ? diaries / 2 : 1),
           100.0 * best_fdr.hits / planted, best_fdr.p, 100.0 * best_fdr.alarms / (diaries / 2 ? diaries / 2 : 1));
    free(v);
    free(r);
    free(hit);
    free(alarm);
}

static void report_dating(const char *name, const struct tally *t)
{
    printf("%-28s flares found %d for %d true; true onsets dated the same day %.1f%%, within a day %.1f%%\n",
           name, t->found_flares, t->true_flares, 100.0 * t->dated_exact / (t->true_flares ? t->true_flares : 1),
           100.0 * t->dated_near / (t->true_flares ? t->true_flares : 1));
}

/* Issue 13's held-out scenario: 150 days, about 20 flares. Diary i: i % 3 == 0 two planted
 * tasks (distinct, from the options), 1 nothing planted, 2 a weekly rhythm only (workdays
 * carry a strong unlogged strain, OR 3, nothing planted). */
static int held_out_main(int n)
{
    static const struct sim_planted options[] = {
        {"gardening", 8.0, 0, 0}, {"driving", 15.0, 1, 0}, {"carrying a bag", 15.0, 0, 0}, {"cycling", 10.0, 0, 14},
    };
    enum { N_OPT = sizeof options / sizeof *options, N_METHODS = 7 };
    static const char *const names[N_METHODS] = {
        "trp (per exposure, build-up)", "trp, Simes across lags", "trp, no build-up lags",
        "trp, BH over each lag",        "issue 4's trp (BH, 3 lags)", "plain case-crossover",
        "plain + BH (q < 0.05)",
    };
    static const int method[N_METHODS] = {0, 6, 4, 5, 3, 1, 2};
    struct tally planted[N_METHODS] = {0}, null[N_METHODS] = {0}, weekly[N_METHODS] = {0};
    for (int i = 0; i < n; i++) {
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = 150;
        sc.seed = 5000 + (uint64_t)i;
        sc.base_rate = 0.125;
        sc.sports = 1;
        int type = i % 3;
        sc.n_planted = 0;
        if (type == 0) {
            int a = (i / 3) % N_OPT, b = (a + 1 + (i / 3 / N_OPT) % (N_OPT - 1)) % N_OPT;
            sc.planted[0] = options[a];
            sc.planted[1] = options[b];
            sc.n_planted = 2;
            sc.base_rate = 0.01; /* the planted tasks bring it to about 20 flares */
        } else if (type == 2) {
            sc.workday_or = 3.0;
            sc.base_rate = 0.075;
        }
        for (int m = 0; m < N_METHODS; m++)
            run(&sc, i, 0, method[m], type == 0 ? &planted[m] : type == 1 ? &null[m] : &weekly[m]);
    }
    printf("%d diaries of 150 days: %d with two planted tasks, %d with nothing planted, %d with a weekly rhythm only\n",
           n, (n + 2) / 3, (n + 1) / 3, n / 3);
    printf("%-28s %8s %10s %12s %14s %9s %12s\n", "method", "recall", "precision", "null alarms", "weekly alarms",
           "right lag", "one test");
    for (int m = 0; m < N_METHODS; m++) {
        const struct tally *t = &planted[m];
        printf("%-28s %7.1f%% %9.1f%% %11.1f%% %13.1f%% %8.1f%% %11.1f%%\n", names[m],
               100.0 * t->found / (t->planted ? t->planted : 1),
               t->likely_total ? 100.0 * t->likely_true / t->likely_total : 100.0,
               100.0 * null[m].null_alarm / (null[m].null_diaries ? null[m].null_diaries : 1),
               100.0 * weekly[m].null_alarm / (weekly[m].null_diaries ? weekly[m].null_diaries : 1),
               t->found ? 100.0 * t->lag_right / t->found : 0.0, 100.0 * t->oracle / (t->planted ? t->planted : 1));
        if (verbose)
            for (size_t k = 0; k < t->n_false; k++)
                printf("    false \"likely\": %s x%d\n", t->false_name[k], t->false_count[k]);
    }
    report_dating("  planted diaries", &planted[0]);
    report_dating("  null diaries", &null[0]);
    report_dating("  weekly-rhythm diaries", &weekly[0]);
    struct tally all = planted[0];
    all.true_flares += null[0].true_flares + weekly[0].true_flares;
    all.dated_exact += null[0].dated_exact + weekly[0].dated_exact;
    all.dated_near += null[0].dated_near + weekly[0].dated_near;
    all.found_flares += null[0].found_flares + weekly[0].found_flares;
    report_dating("flare dating (all diaries)", &all);
    printf("mean flares per diary: %.1f true, %.1f found\n", (double)all.true_flares / n, (double)all.found_flares / n);
    return 0;
}

/* Issue 13's real case, simulated: three years of knee pain between 2 and 4 (median 3),
 * flares 1.5 points up, with cycling in training blocks that build up over two weeks and
 * a planted build-up effect (odds ratio per hour of the mean daily load over the 14 days
 * before). Half the diaries plant it, half plant nothing. Flares found by the default
 * definition and by the fixed "classic" one, and what the analysis calls likely. */
static int knee_main(int n)
{
    struct tally t = {0}, null = {0};
    int flares_adaptive = 0, flares_classic = 0, truth_n = 0, diaries = 0;
    for (int i = 0; i < n; i++) {
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = 3 * 365;
        sc.seed = 9000 + (uint64_t)i;
        sc.pain_level = 3;
        sc.pain_trend = 0;
        sc.flare_rise = 1.5;
        sc.pain_noise = 0.5;
        sc.sports = 1;
        sc.base_rate = 0.01;
        sc.workday_or = 1.2;
        sc.n_planted = i % 2 == 0;
        sc.planted[0] = (struct sim_planted){"cycling", 6.0, 0, 14};
        struct arena *a = arena_new();
        struct analysis *an = analysis_new(a);
        struct sim_truth truth;
        sim_generate(&sc, a, feed, an, &truth);
        struct analysis_config c;
        analysis_config_default(&c);
        struct analysis_result r;
        if (!analysis_run(an, &c, &r, NULL))
            flares_adaptive += r.n_flares;
        recurrence_config_parse("classic", &c.flare, NULL);
        struct analysis *an2 = analysis_new(a);
        sim_generate(&sc, a, feed, an2, &truth);
        if (!analysis_run(an2, &c, &r, NULL))
            flares_classic += r.n_flares;
        truth_n += truth.n_flares;
        diaries++;
        arena_free(a);
        run(&sc, i, 0, 0, sc.n_planted ? &t : &null);
    }
    printf("%d simulated knee diaries of 3 years, pain 2-4 (median 3), flares 1.5 points up; half with cycling\n"
           "building up over 14 days planted (OR 6 per hour of the fortnight's mean daily load):\n", n);
    printf("  true flares %.1f per diary; found by the default definition %.1f, by the classic (2 points, 4/10) %.1f\n",
           (double)truth_n / diaries, (double)flares_adaptive / diaries, (double)flares_classic / diaries);
    printf("  cycling found likely in %d of %d planted diaries (%d at the 7- or 14-day build-up); null diaries with a "
           "false likely: %d of %d\n",
           t.found, t.planted, t.buildup_hits, null.null_alarm, null.null_diaries);
    report_dating("  flare dating", &t);
    /* The other side of issue 13's point 1: a diary whose daily level moves between 3 and 8
     * (level 5.5, rating noise 1.2) with no flare planted should not be flooded. */
    int wide_flares = 0;
    for (int i = 0; i < n; i++) {
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = 365;
        sc.seed = 7000 + (uint64_t)i;
        sc.pain_level = 5.5;
        sc.pain_trend = 0;
        sc.pain_noise = 1.2;
        sc.base_rate = 1e-9;
        sc.workday_or = 1;
        sc.n_planted = 0;
        struct arena *a = arena_new();
        struct analysis *an = analysis_new(a);
        struct sim_truth truth;
        sim_generate(&sc, a, feed, an, &truth);
        struct analysis_config c;
        analysis_config_default(&c);
        if (flare_spec)
            c.flare = flare_cfg;
        struct analysis_result r;
        if (!analysis_run(an, &c, &r, NULL))
            wide_flares += r.n_flares;
        arena_free(a);
    }
    printf("%d diaries of a year between 3 and 8 (level 5.5, rating noise 1.2), no flares planted: %.1f flares found "
           "a year\n", n, (double)wide_flares / n);
    return 0;
}

int main(int argc, char **argv)
{
    int held_out = 0, knee = 0;
    while (argc > 1 && argv[1][0] == '-') {
        if (!strcmp(argv[1], "-v"))
            verbose = 1;
        else if (!strcmp(argv[1], "--no-adjust"))
            ablate.no_adjust = 1;
        else if (!strcmp(argv[1], "--no-firth"))
            ablate.no_firth = 1;
        else if (!strcmp(argv[1], "--no-fdr"))
            ablate.no_fdr = 1;
        else if (!strcmp(argv[1], "--no-confirm"))
            ablate.no_confirm = 1;
        else if (!strcmp(argv[1], "--held-out"))
            held_out = 1;
        else if (!strcmp(argv[1], "--knee"))
            knee = 1;
        else if (!strcmp(argv[1], "--flare") && argc > 2) {
            flare_spec = argv[2];
            recurrence_config_default(&flare_cfg);
            if (recurrence_config_parse(flare_spec, &flare_cfg, NULL)) {
                fprintf(stderr, "analysis_bench: bad --flare\n");
                return 2;
            }
            argc--;
            argv++;
        }
        else if (!strcmp(argv[1], "--weekend-prior") && argc > 2) {
            ablate.weekend_prior_sd = atof(argv[2]);
            argc--;
            argv++;
        }
        else {
            fprintf(stderr, "analysis_bench: unknown option %s\n", argv[1]);
            return 2;
        }
        argc--;
        argv++;
    }
    if (knee)
        return knee_main(argc > 1 ? atoi(argv[1]) : 20);
    if (held_out)
        return held_out_main(argc > 1 ? atoi(argv[1]) : 600);
    int n = argc > 1 ? atoi(argv[1]) : 1000, days = argc > 2 ? atoi(argv[2]) : 365;
    static const struct sim_planted options[] = {
        {"computer work", 1.3, 1, 0}, {"gardening", 3.0, 0, 0}, {"driving", 5.0, 1, 0}, {"carrying a bag", 6.0, 0, 0},
    };
    struct tally trp = {0}, plain = {0}, plain_bh = {0}, old = {0}, nobuild = {0}, perlag = {0};
    for (int i = 0; i < n; i++) {
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = days;
        sc.seed = 1000 + (uint64_t)i;
        sc.n_planted = i % 2 == 0;
        if (sc.n_planted)
            sc.planted[0] = options[(i / 2) % 4];
        run(&sc, i, (i / 2) % 4, 0, &trp);
        run(&sc, i, (i / 2) % 4, 1, &plain);
        run(&sc, i, (i / 2) % 4, 2, &plain_bh);
        run(&sc, i, (i / 2) % 4, 3, &old);
        run(&sc, i, (i / 2) % 4, 4, &nobuild);
        run(&sc, i, (i / 2) % 4, 5, &perlag);
    }
    printf("%d diaries of %d days (%d planted, %d null)\n", n, days, (n + 1) / 2, n / 2);
    report("trp (Firth, adjusted, BH)", &trp, n);
    report("plain case-crossover", &plain, n);
    report("plain + BH (q < 0.05)", &plain_bh, n);
    report("issue 4's trp (BH, 3 lags)", &old, n);
    report("trp, no build-up lags", &nobuild, n);
    report("trp, BH over each lag", &perlag, n);
    report_dating("flare dating", &trp);
    puts("Each method's p threshold set with the truth in hand, holding it to 10% false discoveries:");
    matched("trp, oracle threshold", &ranked[0], n);
    matched("plain, oracle threshold", &ranked[1], n);
    return 0;
}
