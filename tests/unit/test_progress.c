/*
 * Unit tests for the progress rules: too early with little data, a steady improvement, a
 * setback week inside a good course that must not flip the verdict, no change for six
 * weeks advising another opinion, clear worsening advising it sooner, configurable
 * thresholds, and the Theil-Sen slope and interval.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/progress.h"

/* A course of `weeks` weeks whose week w has daily pain level[w]. */
static void run(const double *level, int weeks, const struct progress_config *c,
                struct progress_result *r)
{
    static double daily[7 * 60];
    for (int w = 0; w < weeks; w++)
        for (int d = 0; d < 7; d++)
            daily[w * 7 + d] = level[w] + (d % 3 == 0 ? 0.5 : d % 3 == 1 ? -0.5 : 0);
    struct progress_input in = {20000, (size_t)weeks * 7, daily};
    progress_compute(&in, c, r);
}

static void test_too_early(void **state)
{
    (void)state;
    struct progress_config c;
    progress_config_default(&c);
    double lv[] = {6, 6};
    struct progress_result r;
    run(lv, 2, &c, &r);
    assert_int_equal(r.status, PROGRESS_TOO_EARLY);
    assert_int_equal(r.seek_other_opinion, 0);
    assert_non_null(strstr(r.advice, "Too early"));
}

static void test_improving_with_setback(void **state)
{
    (void)state;
    struct progress_config c;
    progress_config_default(&c);
    /* Two steps forward, one step back: the last week is a setback to 5. */
    double lv[] = {7, 7, 6, 5, 4.5, 4, 3.5, 5};
    struct progress_result r;
    run(lv, 8, &c, &r);
    assert_true(r.change_percent < 30); /* the last week alone would not count ... */
    assert_int_equal(r.status, PROGRESS_IMPROVING); /* ... but the trend does */
    assert_int_equal(r.seek_other_opinion, 0);
    assert_true(r.slope_per_week < 0);
    assert_non_null(strstr(r.advice, "IMMPACT"));
    assert_int_equal(r.n_weeks, 8);
    assert_true(fabs(r.week[0].median - 7) < 1e-9);
}

static void test_no_change_six_weeks(void **state)
{
    (void)state;
    struct progress_config c;
    progress_config_default(&c);
    double lv[] = {6, 6, 5.5, 6, 6, 5.5};
    struct progress_result r;
    run(lv, 5, &c, &r);
    assert_int_equal(r.status, PROGRESS_NO_CHANGE);
    assert_int_equal(r.seek_other_opinion, 0); /* five weeks: not yet */
    run(lv, 6, &c, &r);
    assert_int_equal(r.status, PROGRESS_NO_CHANGE);
    assert_int_equal(r.seek_other_opinion, 1);
    assert_non_null(strstr(r.advice, "another opinion"));
    c.seek_weeks = 8; /* configurable */
    run(lv, 6, &c, &r);
    assert_int_equal(r.seek_other_opinion, 0);
}

static void test_worsening_sooner(void **state)
{
    (void)state;
    struct progress_config c;
    progress_config_default(&c);
    double lv[] = {4, 4, 5.5, 7};
    struct progress_result r;
    run(lv, 4, &c, &r);
    assert_int_equal(r.status, PROGRESS_WORSENING);
    assert_int_equal(r.seek_other_opinion, 1);
}

static void test_theil_sen(void **state)
{
    (void)state;
    double x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double y[] = {10, 9, 8, 7, 6, 50, 4, 3, 2, 1}; /* one wild outlier */
    double lo, hi;
    double s = progress_theil_sen(x, y, 10, &lo, &hi);
    assert_true(fabs(s + 1) < 1e-9);
    assert_true(lo <= s && s <= hi);
    assert_true(isnan(progress_theil_sen(x, y, 1, &lo, &hi)));
    double m[] = {3, NAN, 1, 2};
    assert_true(fabs(progress_median(m, 4) - 2) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_too_early),
        cmocka_unit_test(test_improving_with_setback),
        cmocka_unit_test(test_no_change_six_weeks),
        cmocka_unit_test(test_worsening_sooner),
        cmocka_unit_test(test_theil_sen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
