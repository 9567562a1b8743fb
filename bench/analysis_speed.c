/*
 * Times trp's perpetuating-factor analysis of one simulated diary in-process (median of
 * RUNS fresh runs; diary generation is not timed) and writes every exposure-and-lag model it
 * fits, as CSV, so that bench/clogit_speed.R can fit exactly the same models with R's
 * survival::clogit in the same benchmark run (bench/analysis_speed.sh drives both).
 *
 * usage: analysis_speed DAYS SEED PLANTED OUTDIR [RUNS]
 *   PLANTED as for `trp simulate --planted`; the diary is the one `trp simulate --days DAYS
 *   --seed SEED --planted PLANTED` writes. OUTDIR gets model_NN.csv (stratum, y, x1..xp;
 *   x1 is the exposure) and models.tsv (file, exposure, lag).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/analysis.h"
#include "core/simulate.h"

struct tap {
    const char *dir;
    FILE *index;
    int n;
    int failed;
};

static int feed(const struct entry *e, void *data)
{
    analysis_add(data, e);
    return 0;
}

static void write_model(void *ctx, const char *name, int lag, const struct clogit_data *d)
{
    struct tap *t = ctx;
    char path[4096];
    snprintf(path, sizeof path, "%s/model_%02d.csv", t->dir, t->n);
    FILE *f = fopen(path, "w");
    if (!f) {
        t->failed = 1;
        return;
    }
    fputs("stratum,y", f);
    for (size_t k = 0; k < d->p; k++)
        fprintf(f, ",x%zu", k + 1);
    fputc('\n', f);
    for (size_t i = 0; i < d->n; i++) {
        fprintf(f, "%d,%d", d->stratum[i], d->y[i]);
        for (size_t k = 0; k < d->p; k++)
            fprintf(f, ",%.17g", d->x[i * d->p + k]);
        fputc('\n', f);
    }
    t->failed |= fclose(f) != 0;
    fprintf(t->index, "model_%02d.csv\t%s\t%d\n", t->n, name, lag);
    t->n++;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: analysis_speed DAYS SEED PLANTED OUTDIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 5 ? atoi(argv[5]) : 21;
    if (runs < 1 || runs > 1000)
        runs = 21;
    double times[1000];
    struct analysis_result r = {0};
    for (int run = 0; run <= runs; run++) {
        struct arena *a = arena_new();
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = atoi(argv[1]);
        sc.seed = strtoull(argv[2], NULL, 10);
        struct trp_err err = {0};
        if (sim_parse_planted(argv[3], a, &sc, &err)) {
            fprintf(stderr, "analysis_speed: %s\n", err.msg);
            return 2;
        }
        struct analysis *an = analysis_new(a);
        struct sim_truth truth;
        sim_generate(&sc, a, feed, an, &truth);
        struct analysis_config c;
        analysis_config_default(&c);
        struct tap tap = {argv[4], NULL, 0, 0};
        if (run == runs) { /* a last, untimed run writes the models out */
            char path[4096];
            snprintf(path, sizeof path, "%s/models.tsv", argv[4]);
            if (!(tap.index = fopen(path, "w"))) {
                perror(path);
                return 1;
            }
            c.model_tap = write_model;
            c.model_tap_ctx = &tap;
        }
        double t0 = now_ms();
        if (analysis_run(an, &c, &r, &err)) {
            fprintf(stderr, "analysis_speed: %s\n", err.msg);
            return 1;
        }
        if (run < runs) {
            times[run] = now_ms() - t0;
        } else {
            if (fclose(tap.index) || tap.failed) {
                fprintf(stderr, "analysis_speed: could not write the models to %s\n", argv[4]);
                return 1;
            }
            printf("diary: %d days, %d flare-ups, %zu exposure-and-lag tests (%d models written)\n", sc.days,
                   r.n_flares, r.n_factors, tap.n);
        }
        arena_free(a);
    }
    qsort(times, (size_t)runs, sizeof *times, cmp);
    printf("trp analysis, in-process: %.1f ms median of %d runs (min %.1f)\n", times[runs / 2], runs, times[0]);
    return 0;
}
