/*
 * Unit tests for flare detection: each rule of the definition (rise above the recent
 * baseline, minimum level, sustained for two hours without falling back, calm period and
 * what a rise inside it does, a baseline that leaves out earlier flares, manual marks),
 * peak and duration, an ongoing flare, and empty input; the person's own scale (a diary
 * between 2 and 4 has flares, one between 3 and 8 is not flooded), back-to-back flares on
 * one day, and the --flare syntax; on a noisy low scale a one-rating blip is no flare but a
 * day-long rise is, days that look like a flare but did not count do not raise the usual
 * level, and the usual level of whole-number ratings falls between the steps.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/recurrence.h"

static struct recurrence_rating R[1000];
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

static size_t detect_with(const char *spec, struct recurrence *out)
{
    struct recurrence_config c;
    recurrence_config_default(&c);
    assert_int_equal(recurrence_config_parse(spec, &c, NULL), 0);
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
    assert_int_equal(detect_with("classic", f), 0);
    assert_int_equal(detect_with("classic,floor=3", f), 1);
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
    /* Day 11 is back at the usual level: one calm day, so day 12 starts a new flare. */
    size_t n = detect_with("classic", f);
    assert_int_equal(n, 3);
    assert_int_equal(f[1].onset_day, 20012);
    assert_int_equal(f[2].onset_day, 20025);
    assert_true(f[2].ongoing);
    /* Asking for two calm days, the rise on day 12 is the first flare going on. */
    n = detect_with("classic,calm=2d", f);
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

/* Pain between 2 and 4 all day, every day (median 3), then a few hours at 4 and 5: under
 * the fixed rule (2 points and 4/10) never a flare; on this person's scale, one. */
static void test_low_steady_diary_has_flares(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    for (int d = 0; d < 30; d++)
        add(d, 8, 2, 0), add(d, 13, 3, 0), add(d, 20, 4, 0);
    add(30, 8, 3, 0), add(30, 12, 4.5, 0), add(30, 15, 4.5, 0), add(30, 20, 3, 0);
    for (int d = 31; d < 40; d++)
        add(d, 8, 2, 0), add(d, 13, 3, 0), add(d, 20, 4, 0);
    assert_int_equal(detect_with("classic", f), 0);
    assert_int_equal(detect(f), 1);
    assert_int_equal(f[0].onset_day, 20030);
    assert_true(fabs(f[0].rise - 1) < 1e-9);
    assert_true(f[0].peak == 4.5);
}

/* Daily levels anywhere between 3 and 8: a 2-point rise is everyday life here. */
static void test_wide_diary_is_not_flooded(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    for (int d = 0; d < 120; d++) {
        uint32_t x = (uint32_t)d * 2654435761u; /* a hash: a daily level anywhere from 3 to 8 */
        x ^= x >> 15;
        x *= 2246822519u;
        x ^= x >> 13;
        double v = 3 + x % 6;
        add(d, 8, v, 0), add(d, 12, v, 0), add(d, 20, v, 0);
    }
    size_t classic = detect_with("classic", f);
    size_t own = detect(f);
    assert_true(classic >= 10);
    assert_true(own <= 1);
}

/* Back at the usual level for the afternoon, then a new spike in the evening: two flares. */
static void test_back_to_back_flares_on_one_day(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    quiet(0, 10);
    add(10, 7, 7, 0), add(10, 10, 7, 0), add(10, 13, 3, 0);
    add(10, 17, 8, 0), add(10, 20, 8, 0), add(11, 8, 3, 0);
    quiet(12, 15);
    assert_int_equal(detect(f), 2);
    assert_int_equal(f[0].onset.utc, R[20].at.utc);
    assert_int_equal(f[1].onset.utc, R[23].at.utc);
    assert_true(f[0].peak == 7 && f[1].peak == 8);
    assert_int_equal(f[0].days, 1);
    /* With a calm day required, the evening spike is the morning's flare going on. */
    assert_int_equal(detect_with("calm=1d", f), 1);
    assert_true(f[0].peak == 8);
}

/* Pain between 2 and 4 that wanders from day to day (whole numbers, morning, midday and
 * evening): a 5 at midday and a 4 that evening, back to usual next morning, is a blip
 * such a scale makes every few weeks; 5 from one midday to the next, then 4, is a flare. */
static void noisy_low(int from, int to)
{
    for (int d = from; d < to; d++)
        for (int k = 0; k < 3; k++) {
            uint32_t x = (uint32_t)(d * 3 + k) * 2654435761u;
            x ^= x >> 15;
            x *= 2246822519u;
            x ^= x >> 13;
            add(d, 8 + 6 * k, x % 4 == 0 ? 2 : x % 4 == 1 ? 4 : 3, 0);
        }
}

static void test_blip_on_a_noisy_scale_is_not_a_flare(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    noisy_low(0, 40);
    add(40, 8, 3, 0), add(40, 14, 5, 0), add(40, 20, 4, 0);
    add(41, 8, 3, 0), add(41, 14, 3, 0), add(41, 20, 3, 0);
    noisy_low(42, 50);
    assert_int_equal(detect(f), 0);
    /* Without the test against noise, the old rule: the blip counts. */
    assert_int_equal(detect_with("z=0", f), 1);
    N = 0;
    noisy_low(0, 40);
    add(40, 8, 3, 0), add(40, 14, 5, 0), add(40, 20, 5, 0);
    add(41, 8, 5, 0), add(41, 14, 5, 0), add(41, 20, 4, 0);
    add(42, 8, 3, 0), add(42, 14, 3, 0), add(42, 20, 3, 0);
    noisy_low(43, 50);
    assert_int_equal(detect(f), 1);
    assert_int_equal(f[0].onset_day, 20040);
}

/* Five days at 7 that do not count as a flare (here: under the floor of 8) are no usual
 * days: the usual level stays at 3, and a day at 8 after them is a flare. Counted as usual,
 * they had put the bar at 9. */
static void test_days_that_look_like_a_flare_do_not_raise_the_bar(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    quiet(0, 10);
    for (int d = 10; d < 15; d++)
        add(d, 8, 7, 0), add(d, 20, 7, 0);
    quiet(15, 17);
    add(17, 8, 8, 0), add(17, 12, 8, 0), add(17, 20, 8, 0);
    quiet(18, 20);
    assert_int_equal(detect_with("rise=2,floor=8", f), 1);
    assert_int_equal(f[0].onset_day, 20017);
    assert_true(fabs(f[0].baseline - 3) < 1e-9);
}

/* Whole-number ratings 3, 3 and 4 every day: the usual level is read between the steps
 * (3.25, the median of grouped data), not rounded down to 3. */
static void test_usual_level_between_the_steps(void **state)
{
    (void)state;
    struct recurrence f[50];
    N = 0;
    for (int d = 0; d < 20; d++)
        add(d, 8, 3, 0), add(d, 13, 3, 0), add(d, 20, 4, 0);
    add(20, 8, 7, 0), add(20, 13, 7, 0);
    quiet(21, 23);
    assert_int_equal(detect(f), 1);
    assert_true(fabs(f[0].baseline - 3.25) < 1e-9);
}

static void test_definition_syntax(void **state)
{
    (void)state;
    struct recurrence_config c;
    recurrence_config_default(&c);
    assert_int_equal(recurrence_config_parse("rise=1.5,floor=0,calm=1d", &c, NULL), 0);
    assert_int_equal(c.rise_kind, RISE_POINTS);
    assert_true(c.rise == 1.5 && c.min_level == 0);
    assert_int_equal(c.calm_minutes, 1440);
    assert_int_equal(recurrence_config_parse("classic,hold=3h,window=14", &c, NULL), 0);
    assert_true(c.rise == 2 && c.min_level == 4);
    assert_int_equal(c.sustain_minutes, 180);
    assert_int_equal(c.baseline_days, 14);
    assert_int_equal(recurrence_config_parse("adaptive", &c, NULL), 0);
    assert_int_equal(c.rise_kind, RISE_ADAPTIVE);
    assert_int_equal(recurrence_config_parse("rise=20%,min=0.2", &c, NULL), 0);
    assert_int_equal(c.rise_kind, RISE_PERCENT);
    assert_true(c.rise == 20 && c.min_rise == 0.2);
    assert_true(c.evidence == 2.5);
    assert_int_equal(recurrence_config_parse("classic", &c, NULL), 0);
    assert_true(c.evidence == 0);
    assert_int_equal(recurrence_config_parse("rise=20%,min=0.2,z=1.5", &c, NULL), 0);
    assert_true(c.evidence == 1.5);
    /* Written out and read back: the same definition. */
    char buf[160];
    struct recurrence_config back;
    recurrence_config_default(&back);
    assert_int_equal(recurrence_config_parse(recurrence_config_format(&c, buf, sizeof buf), &back, NULL), 0);
    assert_memory_equal(&c, &back, sizeof c);
    const char *bad[] = {"", "rise=", "rise=abc", "rise=0", "rise=11", "calm=3", "calm=20d", "hold=2d", "floor=-1",
                         "window=2", "sometimes", "rise=1.5;floor=2", "k=9", "z=6", "z=-1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct trp_err err = {0};
        assert_int_equal(recurrence_config_parse(bad[i], &c, &err), TRP_EINVAL);
        assert_true(strlen(err.msg) > 10);
    }
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
        cmocka_unit_test(test_low_steady_diary_has_flares),
        cmocka_unit_test(test_wide_diary_is_not_flooded),
        cmocka_unit_test(test_back_to_back_flares_on_one_day),
        cmocka_unit_test(test_blip_on_a_noisy_scale_is_not_a_flare),
        cmocka_unit_test(test_days_that_look_like_a_flare_do_not_raise_the_bar),
        cmocka_unit_test(test_usual_level_between_the_steps),
        cmocka_unit_test(test_definition_syntax),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
