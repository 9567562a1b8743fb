/*
 * Benchmark of the perpetuating-factor analysis on simulated diaries with known truth:
 * recall and precision of "likely" findings, interval coverage of the planted odds ratio,
 * and the share of null diaries (nothing planted) with any "likely" finding, for trp's
 * method (Firth, weekend and sleep adjustment, Benjamini-Hochberg) side by side with a plain
 * univariate case-crossover baseline (no penalty, no adjustment, p < 0.05) on the same
 * diaries; plus the time per one-year analysis.
 * usage: analysis_bench [DIARIES] [DAYS]   (defaults 200 and 365; half planted, half null)
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
    double seconds;
};

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

static void run(const struct sim_config *sc, int baseline, struct tally *t)
{
    struct arena *a = arena_new();
    struct analysis *an = analysis_new(a);
    struct sim_truth truth;
    sim_generate(sc, a, feed, an, &truth);
    struct analysis_config c;
    analysis_config_default(&c);
    if (baseline) {
        c.firth = 0;
        c.adjust = 0;
        c.use_fdr = 0;
    }
    struct analysis_result r;
    double t0 = now_s();
    if (analysis_run(an, &c, &r, NULL)) {
        arena_free(a);
        return;
    }
    t->seconds += now_s() - t0;
    int any = 0, hit = 0;
    for (size_t i = 0; i < r.n_factors; i++) {
        const struct analysis_factor *f = &r.factors[i];
        /* The planted task at its planted lag; a finding on the planted task at a
         * neighbouring lag is not counted as a false discovery of a wrong task. */
        int same_task = sc->n_planted && !strcmp(f->name, sc->planted[0].task);
        int planted = same_task && f->lag == (sc->planted[0].lag > 1 ? 2 : sc->planted[0].lag);
        if (planted && isfinite(f->ci_lo)) {
            t->with_or++;
            double truth_or = sc->planted[0].or_per_hour;
            t->covered += f->ci_lo <= truth_or && truth_or <= f->ci_hi;
        }
        if (f->verdict != VERDICT_LIKELY || !f->raises)
            continue;
        any = 1;
        if (sc->n_planted) {
            t->likely_total++;
            if (same_task) {
                t->likely_true++;
                hit |= planted;
            }
        }
    }
    if (sc->n_planted) {
        t->planted++;
        t->found += hit;
    } else {
        t->null_diaries++;
        t->null_alarm += any;
    }
    arena_free(a);
}

static void report(const char *name, const struct tally *t, int runs)
{
    printf("%-28s recall %5.1f%%  precision %5.1f%% (FDP %4.1f%%)  coverage %5.1f%%  null alarms %5.1f%%  %.1f ms/diary\n",
           name, 100.0 * t->found / (t->planted ? t->planted : 1),
           t->likely_total ? 100.0 * t->likely_true / t->likely_total : 100.0,
           t->likely_total ? 100.0 * (t->likely_total - t->likely_true) / t->likely_total : 0.0,
           t->with_or ? 100.0 * t->covered / t->with_or : NAN,
           100.0 * t->null_alarm / (t->null_diaries ? t->null_diaries : 1), 1000 * t->seconds / runs);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200, days = argc > 2 ? atoi(argv[2]) : 365;
    static const struct sim_planted options[] = {
        {"computer work", 1.35, 1}, {"gardening", 1.8, 0}, {"driving", 2.5, 1}, {"carrying a bag", 3.0, 0},
    };
    struct tally trp = {0}, plain = {0};
    for (int i = 0; i < n; i++) {
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = days;
        sc.seed = 1000 + (uint64_t)i;
        sc.n_planted = i % 2 == 0;
        if (sc.n_planted)
            sc.planted[0] = options[(i / 2) % 4];
        run(&sc, 0, &trp);
        run(&sc, 1, &plain);
    }
    printf("%d diaries of %d days (%d planted, %d null)\n", n, days, (n + 1) / 2, n / 2);
    report("trp (Firth, adjusted, BH)", &trp, n);
    report("plain case-crossover", &plain, n);
    return 0;
}
