/*
 * Unit tests for the guided-session rules: cues at 30/60/90 s, passes ending on release or
 * at the pass limit, the longest hold kept when nothing released, and the treatment entry
 * a finished point becomes (which must pass entry validation).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/session.h"

static const struct session_point POINT = {"upper-trapezius", "Upper trapezius", "right",
                                           "compression", 90, 3, 15, "self"};

static void test_cues(void **state)
{
    (void)state;
    assert_non_null(session_cue(30, 90));
    assert_non_null(strstr(session_cue(60, 90), "Enter"));
    assert_non_null(strstr(session_cue(90, 90), "release"));
    assert_null(session_cue(45, 90));
    assert_null(session_cue(0, 90));
    assert_non_null(strstr(session_cue(60, 60), "release the pressure"));
}

static void test_release_on_second_pass(void **state)
{
    (void)state;
    struct session_result r = {.pain_before = 5, .pain_after = ENTRY_UNSET};
    assert_int_equal(session_pass_done(&POINT, &r, 90, 0), 0);
    assert_int_equal(session_pass_done(&POINT, &r, 48, 1), 1);
    assert_int_equal(r.passes_done, 2);
    assert_int_equal(r.released, 1);
    assert_int_equal(r.release_seconds, 48);
    r.pain_after = 2;
    struct entry e;
    struct trp_time at = {1772352000, 60};
    session_to_entry(&POINT, &r, &at, &e);
    assert_int_equal(e.kind, ENTRY_TREATMENT);
    assert_int_equal(e.treat.passes, 2);
    assert_int_equal(e.treat.hold_seconds, 48);
    assert_int_equal(e.treat.released, 1);
    assert_int_equal(e.treat.pain_before, 5);
    assert_int_equal(e.treat.pain_after, 2);
    assert_string_equal(e.treat.side, "right");
    assert_int_equal(entry_validate(&e, NULL), 0);
}

static void test_no_release_stops_at_limit(void **state)
{
    (void)state;
    struct session_result r = {.pain_before = 6, .pain_after = ENTRY_UNSET};
    assert_int_equal(session_pass_done(&POINT, &r, 70, 0), 0);
    assert_int_equal(session_pass_done(&POINT, &r, 90, 0), 0);
    assert_int_equal(session_pass_done(&POINT, &r, 80, 0), 1);
    assert_int_equal(r.released, 0);
    assert_int_equal(r.release_seconds, 90);
    struct entry e;
    struct trp_time at = {1772352000, 60};
    r.interrupted = 1;
    session_to_entry(&POINT, &r, &at, &e);
    assert_int_equal(e.treat.released, 0);
    assert_non_null(strstr(e.note, "Ctrl-C"));
    assert_int_equal(entry_validate(&e, NULL), 0);
}

/* 90 s without release, then 3 s that softened: both passes are kept as they happened,
 * and each trigger point has its own pass limit. */
static void test_every_pass_kept(void **state)
{
    (void)state;
    struct session_result r = {.pain_before = 6, .pain_after = ENTRY_UNSET};
    assert_int_equal(session_pass_done_at(&POINT, &r, 0, 90, 0), 0);
    assert_int_equal(session_pass_done_at(&POINT, &r, 0, 3, 1), 1);
    assert_int_equal(r.n_pass, 2);
    assert_int_equal(r.pass[0].seconds, 90);
    assert_int_equal(r.pass[0].softened, 0);
    assert_int_equal(r.pass[1].seconds, 3);
    assert_int_equal(r.pass[1].softened, 1);
    /* Another point of the same muscle starts its own count of passes. */
    assert_int_equal(session_passes_at(&r, 1), 0);
    assert_int_equal(session_pass_done_at(&POINT, &r, 1, 90, 0), 0);
    assert_int_equal(session_pass_done_at(&POINT, &r, 1, 90, 0), 0);
    assert_int_equal(session_pass_done_at(&POINT, &r, 1, 90, 0), 1);
    assert_int_equal(r.passes_done, 5);
    assert_int_equal(r.pass[4].point, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_release_on_second_pass),
        cmocka_unit_test(test_no_release_stops_at_limit),
        cmocka_unit_test(test_every_pass_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
