/*
 * Times trp's perpetuating-factor analysis of one simulated diary in-process (median of
 * RUNS fresh runs; diary generation is not timed) and writes every exposure-and-lag model it
 * fits, as CSV, so that bench/clogit_speed.R can fit exactly the same models with R's
 * survival::clogit in the same benchmark run (bench/analysis_speed.sh drives both).
 * The simulator's diary has 10 candidate exposures; EXTRA more are added (tasks done on
 * about 40% of days, and daily factors), so that 20 makes the 30 candidates of the target.
 *
 * usage: analysis_speed DAYS SEED PLANTED EXTRA OUTDIR [RUNS]
 *   PLANTED as for `trp simulate --planted`. OUTDIR gets diary.csv (the whole diary, in
 *   the import format, for timing `trp analyze` on it), model_NN.csv (stratum, y, x1..xp;
 *   x1 is the exposure) and models.tsv (file, exposure, lag).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/strbuf.h"
#include "core/analysis.h"
#include "core/simulate.h"
#include "io/diary_csv.h"

struct tap {
    const char *dir;
    FILE *index;
    int n;
    int failed;
};

struct sink {
    struct analysis *an;
    struct strbuf *csv; /* NULL: not written */
    struct arena *a;
    int extra;
    int64_t last_day;
    uint64_t rng;
};

static double unit(struct sink *k)
{
    k->rng = k->rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(k->rng >> 11) / 9007199254740992.0;
}

static int put(struct sink *k, const struct entry *e)
{
    analysis_add(k->an, e);
    return k->csv ? diary_csv_write_entry(k->csv, e) : 0;
}

/* The extra exposures of one day: two in five tasks, the rest daily factors. */
static int extras(struct sink *k, int64_t day, int offset)
{
    for (int i = 0; i < k->extra; i++) {
        struct entry e;
        int task = i < k->extra * 7 / 10;
        entry_init(&e, task ? ENTRY_TASK : ENTRY_FACTOR);
        e.name = arena_printf(k->a, task ? "chore %02d" : "factor %02d", i + 1);
        e.at.offset_min = offset;
        e.at.utc = day * 86400 + (task ? 12 * 60 + i : 7 * 60 + 5 + i) * 60 - (int64_t)offset * 60;
        if (task) {
            if (unit(k) >= 0.4)
                continue;
            e.minutes = 15 + (int)(unit(k) * 105);
        } else {
            e.value = (int)(unit(k) * 11);
        }
        int rc = put(k, &e);
        if (rc)
            return rc;
    }
    return 0;
}

static int feed(const struct entry *e, void *data)
{
    struct sink *k = data;
    int64_t day = trp_time_local_day(&e->at);
    if (day != k->last_day) {
        k->last_day = day;
        int rc = extras(k, day, e->at.offset_min);
        if (rc)
            return rc;
    }
    return put(k, e);
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

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: analysis_speed DAYS SEED PLANTED EXTRA OUTDIR [RUNS]\n");
        return 2;
    }
    const char *dir = argv[5];
    int extra = atoi(argv[4]);
    if (extra < 0 || extra > 100)
        extra = 0;
    int runs = argc > 6 ? atoi(argv[6]) : 21;
    if (runs < 1 || runs > 1000)
        runs = 21;
    double times[1000], cpu[1000];
    struct analysis_result r = {0};
    for (int run = 0; run <= runs; run++) {
        struct arena *a = arena_new();
        struct sim_config sc;
        sim_config_default(&sc);
        sc.days = atoi(argv[1]);
        sc.seed = strtoull(argv[2], NULL, 10);
        /* Ending yesterday: `trp import` refuses entries dated ahead of today. */
        sc.start_day = (int64_t)(time(NULL) / 86400) - sc.days - 1;
        struct trp_err err = {0};
        if (sim_parse_planted(argv[3], a, &sc, &err)) {
            fprintf(stderr, "analysis_speed: %s\n", err.msg);
            return 2;
        }
        struct analysis *an = analysis_new(a);
        struct sim_truth truth;
        struct strbuf csv;
        strbuf_init(&csv, STRBUF_DEFAULT_MAX);
        struct sink sink = {an, run == runs ? &csv : NULL, a, extra, INT64_MIN, 99};
        if (sink.csv)
            diary_csv_write_header(&csv);
        if (sim_generate(&sc, a, feed, &sink, &truth)) {
            fprintf(stderr, "analysis_speed: could not generate the diary\n");
            return 1;
        }
        struct analysis_config c;
        analysis_config_default(&c);
        /* The named baseline of the speed figures: issue 4's configuration (the fixed
         * flare rule, three lags), run by bench/analysis_speed.sh with BASELINE=1. */
        if (getenv("BASELINE")) {
            recurrence_config_parse("classic", &c.flare, NULL);
            c.buildup = 0;
            c.per_exposure = 0;
        }
        struct tap tap = {dir, NULL, 0, 0};
        if (run == runs) { /* a last, untimed run writes the models out */
            char path[4096];
            snprintf(path, sizeof path, "%s/diary.csv", dir);
            FILE *f = fopen(path, "w");
            if (!f || fwrite(csv.buf, 1, csv.len, f) != csv.len || fclose(f)) {
                perror(path);
                return 1;
            }
            snprintf(path, sizeof path, "%s/models.tsv", dir);
            if (!(tap.index = fopen(path, "w"))) {
                perror(path);
                return 1;
            }
            c.model_tap = write_model;
            c.model_tap_ctx = &tap;
        }
        double t0 = now_ms(), c0 = cpu_ms();
        if (analysis_run(an, &c, &r, &err)) {
            fprintf(stderr, "analysis_speed: %s\n", err.msg);
            return 1;
        }
        if (run < runs) {
            times[run] = now_ms() - t0;
            cpu[run] = cpu_ms() - c0;
        } else {
            if (fclose(tap.index) || tap.failed) {
                fprintf(stderr, "analysis_speed: could not write the models to %s\n", dir);
                return 1;
            }
            size_t exposures = 0; /* factors hold each exposure's lags next to each other */
            for (size_t i = 0; i < r.n_factors; i++) {
                int seen = 0;
                for (size_t j = 0; j < i && !seen; j++)
                    seen = r.factors[j].kind == r.factors[i].kind && !strcmp(r.factors[j].name, r.factors[i].name);
                exposures += !seen;
            }
            printf("diary: %d days, %d flare-ups, %zu exposure-and-lag estimates of %zu candidate exposures (%d "
                   "models written)\n",
                   sc.days, r.n_flares, r.n_factors, exposures, tap.n);
        }
        strbuf_release(&csv);
        arena_free(a);
    }
    qsort(times, (size_t)runs, sizeof *times, cmp);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp);
    /* CPU time too: on a loaded machine the wall clock mostly measures the other load. */
    printf("trp analysis, in-process: %.1f ms median of %d runs (min %.1f; CPU time %.1f ms median, all threads)\n",
           times[runs / 2], runs, times[0], cpu[runs / 2]);
    return 0;
}
