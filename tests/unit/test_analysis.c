/*
 * Unit tests for the perpetuating-factor analysis and its parts: Benjamini-Hochberg
 * q-values, the simulator (deterministic for a seed, weekday patterns, planted effect
 * visible), "not enough data" with few flares, a task never done, and a planted task found
 * on a long simulated diary while the null diary has no "likely" finding.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/analysis.h"
#include "core/simulate.h"
#include "stats/fdr.h"

static void test_fdr(void **state)
{
    (void)state;
    double p[5] = {0.01, 0.04, 0.03, 0.5, NAN}, q[5];
    fdr_bh(p, 5, q);
    /* m = 4 (NaN excluded): sorted 0.01, 0.03, 0.04, 0.5 -> 0.04, 0.0533, 0.0533, 0.5 */
    assert_true(fabs(q[0] - 0.04) < 1e-12);
    assert_true(fabs(q[2] - 0.16 / 3) < 1e-12);
    assert_true(fabs(q[1] - 0.16 / 3) < 1e-12);
    assert_true(fabs(q[3] - 0.5) < 1e-12);
    assert_true(isnan(q[4]));
}

struct collect {
    struct analysis *an;
    long n, computer_weekday, computer_weekend;
    uint64_t hash;
};

static int collect(const struct entry *e, void *data)
{
    struct collect *c = data;
    c->n++;
    c->hash = c->hash * 1099511628211ULL ^ (uint64_t)e->at.utc ^ (uint64_t)(e->value * 100) ^ (uint64_t)e->minutes;
    if (e->kind == ENTRY_TASK && !strcmp(e->name, "computer work")) {
        int wd;
        trp_time_local(&e->at, NULL, NULL, NULL, NULL, NULL, NULL, &wd);
        if (wd == 0 || wd == 6)
            c->computer_weekend += e->minutes;
        else
            c->computer_weekday += e->minutes;
    }
    if (c->an)
        analysis_add(c->an, e);
    return 0;
}

static void test_simulator(void **state)
{
    (void)state;
    struct sim_config c;
    sim_config_default(&c);
    struct arena *a = arena_new();
    struct sim_truth t1, t2;
    struct collect c1 = {0}, c2 = {0};
    assert_int_equal(sim_generate(&c, a, collect, &c1, &t1), 0);
    assert_int_equal(sim_generate(&c, a, collect, &c2, &t2), 0);
    assert_int_equal(c1.n, c2.n);
    assert_true(c1.hash == c2.hash);
    assert_true(c1.computer_weekday > 5 * c1.computer_weekend);
    c.seed = 2;
    struct collect c3 = {0};
    assert_int_equal(sim_generate(&c, a, collect, &c3, &t2), 0);
    assert_true(c3.hash != c1.hash);
    struct trp_err err = {0};
    assert_int_equal(sim_parse_planted("gardening:or=2:lag=0,driving:or=1.5:lag=3", a, &c, &err), 0);
    assert_int_equal(c.n_planted, 2);
    assert_int_equal(sim_parse_planted("none", a, &c, &err), 0);
    assert_int_equal(c.n_planted, 0);
    assert_int_equal(sim_parse_planted("gardening:lag=9", a, &c, &err), TRP_EINVAL);
    assert_int_equal(sim_parse_planted("gardening", a, &c, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "or=2"));
    arena_free(a);
}

static struct analysis_result run(int days, const char *planted, uint64_t seed, struct arena *a)
{
    struct sim_config c;
    sim_config_default(&c);
    c.days = days;
    c.seed = seed;
    assert_int_equal(sim_parse_planted(planted, a, &c, NULL), 0);
    struct collect col = {analysis_new(a), 0, 0, 0, 0};
    struct sim_truth t;
    assert_int_equal(sim_generate(&c, a, collect, &col, &t), 0);
    struct analysis_config ac;
    analysis_config_default(&ac);
    struct analysis_result r;
    struct trp_err err = {0};
    if (analysis_run(col.an, &ac, &r, &err))
        fail_msg("analysis failed: %s", err.msg);
    return r;
}

static void test_not_enough_data(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct analysis_result r = run(20, "none", 5, a);
    assert_true(r.n_flares < 5);
    assert_true(r.flares_needed > 0);
    for (size_t i = 0; i < r.n_factors; i++)
        assert_int_equal(r.factors[i].verdict, VERDICT_NOT_ENOUGH);
    arena_free(a);
}

static void test_planted_found_and_null_quiet(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct analysis_result r = run(730, "gardening:or=4:lag=0", 11, a);
    int found = 0;
    for (size_t i = 0; i < r.n_factors; i++) {
        const struct analysis_factor *f = &r.factors[i];
        if (!strcmp(f->name, "gardening") && f->lag == 0 && f->raises && f->verdict == VERDICT_LIKELY)
            found = 1;
        /* Every interval contains its estimate. */
        if (isfinite(f->odds_ratio))
            assert_true(f->ci_lo <= f->odds_ratio && f->odds_ratio <= f->ci_hi);
    }
    assert_true(found);
    struct analysis_result n = run(730, "none", 11, a);
    for (size_t i = 0; i < n.n_factors; i++)
        if (n.factors[i].verdict == VERDICT_LIKELY && n.factors[i].kind == ANALYSIS_TASK &&
            strcmp(n.factors[i].name, "gardening"))
            fail_msg("null diary: %s lag %d called likely", n.factors[i].name, n.factors[i].lag);
    arena_free(a);
}

static void test_task_never_done(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct analysis *an = analysis_new(a);
    struct entry e;
    entry_init(&e, ENTRY_TASK);
    e.name = "skiing";
    e.minutes = 60;
    e.at.utc = 20000LL * 86400;
    analysis_add(an, &e); /* done once: below the five days needed to test it */
    struct analysis_config c;
    analysis_config_default(&c);
    struct analysis_result r;
    assert_int_equal(analysis_run(an, &c, &r, NULL), 0);
    assert_int_equal(r.n_factors, 0);
    assert_int_equal(r.n_flares, 0);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fdr),
        cmocka_unit_test(test_simulator),
        cmocka_unit_test(test_not_enough_data),
        cmocka_unit_test(test_planted_found_and_null_quiet),
        cmocka_unit_test(test_task_never_done),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
