/*
 * Unit tests for flare detection: each rule of the definition (rise above the recent
 * baseline, minimum level, sustained for two hours without falling back, quiet spell and
 * what a rise inside it does, a baseline that leaves out earlier flares, manual marks),
 * peak and duration, an ongoing flare, and empty input.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/recurrence.h"

static struct recurrence_rating R[200];
static size_t N;

static void add(int day, int hour, double v, int flare)
{
    R[N].at.offset_min = 60;
    R[N].at.utc = (int64_t)(20000 + day) * 86400 + hour * 3600 - 3600;
    R[N].value = v;
    R[N].flare = flare;
    N++;
}

/* Ten quiet days at 3 (morning and evening). */
static void quiet(int from, int to)
{
    for (int d = from; d < to; d++) {
        add(d, 8, 3, 0);
        add(d, 20, 3, 0);
    }
}

static size_t detect(struct recurrence *out)
{
    struct recurrence_config c;
    recurrence_config_default(&c);
    return recurrence_detect(R, N, &c, out, 50);
}

static void test_sustained_rise_is_a_flare(void **state)
{
    (void)state;
    N = 0;
    quiet(0, 10);
    add(10, 8, 7, 0);
    add(10, 12, 7, 0); /* still high 4 h later */
    add(11, 8, 6, 0);
    add(12, 8, 3, 0); /* back within 1 point of the baseline: ends */
    quiet(13, 16);
    struct recurrence f[50];
    assert_int_equal(detect(f), 1);
    assert_int_equal(f[0].onset_day, 20010);
    assert_true(f[0].peak == 7);
    assert_true(fabs(f[0].baseline - 3) < 1e-9);
    assert_int_equal(f[0].days, 2);
    assert_false(f[0].ongoing);
}

static void test_brief_or_low_spikes_are_not(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    quiet(0, 10);
    add(10, 8, 7, 0);
    add(10, 9, 3, 0); /* gone within the hour, and nothing high 2 h on */
    add(10, 20, 3, 0);
    quiet(11, 14);
    assert_int_equal(detect(f), 0);
    N = 0;
    for (int d = 0; d < 10; d++)
        add(d, 8, 0, 0), add(d, 20, 1, 0);
    add(10, 8, 3, 0);
    add(10, 12, 3, 0); /* 2+ points above but below the 4/10 minimum */
    quiet(11, 13);
    assert_int_equal(detect(f), 0);
}

static void test_needs_a_baseline_and_a_quiet_spell(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    quiet(0, 2); /* only two days: no baseline yet */
    add(2, 8, 8, 0);
    add(2, 12, 8, 0);
    assert_int_equal(detect(f), 0);
    N = 0;
    quiet(0, 10);
    add(10, 8, 7, 0), add(10, 12, 7, 0), add(11, 8, 3, 0);
    add(12, 8, 7, 0), add(12, 12, 7, 0), add(13, 8, 3, 0); /* one day after the end */
    quiet(14, 25);
    add(25, 8, 8, 0), add(25, 14, 8, 0);                    /* well after */
    /* Day 11 is back at the usual level: one quiet day, so day 12 starts a new flare. */
    size_t n = detect(f);
    assert_int_equal(n, 3);
    assert_int_equal(f[1].onset_day, 20012);
    assert_int_equal(f[2].onset_day, 20025);
    assert_true(f[2].ongoing);
    /* Asking for two quiet days, the rise on day 12 is the first flare going on. */
    struct recurrence_config c;
    recurrence_config_default(&c);
    c.quiet_days = 2;
    n = recurrence_detect(R, N, &c, f, 50);
    assert_int_equal(n, 2);
    assert_int_equal(f[0].onset_day, 20010);
    assert_int_equal(f[0].days, 3);
    assert_int_equal(f[1].onset_day, 20025);
}

static void test_baseline_leaves_out_earlier_flares(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    quiet(0, 10);
    for (int d = 10; d < 14; d++)
        add(d, 8, 8, 0), add(d, 20, 8, 0); /* a four-day flare */
    quiet(14, 17);
    add(17, 8, 6, 0), add(17, 12, 6, 0); /* 3 above the usual level, 2 below the flare's */
    quiet(18, 20);
    assert_int_equal(detect(f), 2);
    assert_int_equal(f[1].onset_day, 20017);
    assert_true(fabs(f[1].baseline - 3) < 1e-9);
}

static void test_falling_back_breaks_sustain(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    quiet(0, 10);
    add(10, 8, 7, 0);
    add(10, 9, 3, 0); /* back at the usual level in between */
    add(10, 11, 7, 0);
    add(10, 20, 3, 0);
    quiet(11, 14);
    assert_int_equal(detect(f), 0);
    N = 0;
    quiet(0, 10);
    add(10, 8, 7, 0);
    add(10, 9, 4.5, 0); /* a point and a half lower is noise, not the end */
    add(10, 11, 7, 0);
    quiet(11, 14);
    assert_int_equal(detect(f), 1);
}

static void test_manual_mark(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    add(0, 8, 5, 1); /* marked by hand: counts even without a baseline */
    quiet(1, 5);
    assert_int_equal(detect(f), 1);
    assert_true(f[0].manual);
    N = 0;
    assert_int_equal(detect(f), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sustained_rise_is_a_flare),
        cmocka_unit_test(test_brief_or_low_spikes_are_not),
        cmocka_unit_test(test_needs_a_baseline_and_a_quiet_spell),
        cmocka_unit_test(test_manual_mark),
        cmocka_unit_test(test_baseline_leaves_out_earlier_flares),
        cmocka_unit_test(test_falling_back_breaks_sustain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
