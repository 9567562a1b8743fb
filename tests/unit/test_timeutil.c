/*
 * Unit tests for time and duration parsing: every accepted form, strict refusal of
 * impossible dates and junk, offsets, the local zone across daylight saving, and the
 * calendar arithmetic against known dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "base/timeutil.h"

/* 2026-03-10T12:00:00+01:00 */
static const struct trp_time NOW = {1773140400, 60};

static int setup_tz(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    return 0;
}

static void check_parse(const char *text, const char *expect)
{
    struct trp_time t;
    struct trp_err err = {0};
    int rc = trp_time_parse(text, &NOW, &t, &err);
    if (rc)
        fail_msg("parse \"%s\" failed: %s", text, err.msg);
    char buf[TRP_TIME_BUF];
    assert_string_equal(trp_time_format(&t, buf), expect);
}

static void check_refused(const char *text, const char *fragment)
{
    struct trp_time t;
    struct trp_err err = {0};
    assert_int_equal(trp_time_parse(text, &NOW, &t, &err), TRP_EINVAL);
    if (!strstr(err.msg, fragment))
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", text, err.msg, fragment);
}

static void test_iso_forms(void **state)
{
    (void)state;
    check_parse("2026-03-01T08:00", "2026-03-01T08:00:00+01:00");
    check_parse("2026-03-01 08:00:30", "2026-03-01T08:00:30+01:00");
    check_parse("2026-03-01T08:00:00Z", "2026-03-01T08:00:00+00:00");
    check_parse("2026-03-01T08:00+05:30", "2026-03-01T08:00:00+05:30");
    check_parse("2026-03-01T08:00-0400", "2026-03-01T08:00:00-04:00");
    check_parse("2026-03-01", "2026-03-01T00:00:00+01:00");
    check_parse("2026-07-01T08:00", "2026-07-01T08:00:00+02:00"); /* summer time */
    check_parse("2024-02-29T23:59:59", "2024-02-29T23:59:59+01:00");
    check_parse("2026-03-01t08:00:00.250", "2026-03-01T08:00:00+01:00");
}

static void test_relative_forms(void **state)
{
    (void)state;
    check_parse("now", "2026-03-10T12:00:00+01:00");
    check_parse("NOW", "2026-03-10T12:00:00+01:00");
    check_parse("today 14:00", "2026-03-10T14:00:00+01:00");
    check_parse("today 9:05", "2026-03-10T09:05:00+01:00");
    check_parse("yesterday 21:30", "2026-03-09T21:30:00+01:00");
    check_parse("yesterday", "2026-03-09T00:00:00+01:00");
    check_parse("-2h", "2026-03-10T10:00:00+01:00");
    check_parse("-1h30m", "2026-03-10T10:30:00+01:00");
    check_parse("-1d", "2026-03-09T12:00:00+01:00");
    check_parse("  -30m ", "2026-03-10T11:30:00+01:00");
}

static void test_refusals(void **state)
{
    (void)state;
    check_refused("2026-02-30T08:00", "has no day 30");
    check_refused("2025-02-29", "has no day 29");
    check_refused("2026-13-01", "month 13");
    check_refused("2026-03-01T24:00", "not a clock time");
    check_refused("2026-03-01T08:60", "not a clock time");
    check_refused("1899-12-31", "outside 1900-2199");
    check_refused("2026-03-01T08:00+15:00", "offset");
    check_refused("2026-03-01T08:00 junk", "extra characters");
    check_refused("tomorrow", "not understood");
    check_refused("", "empty");
    check_refused("-2", "unit");
    check_refused("-2x", "unit");
    check_refused("today 25:00", "HH:MM");
    check_refused("today 13pm", "HH:MM or 9am");
    check_refused("yesterday at nine", "HH:MM or 9am");
    check_refused("9", "not understood");          /* morning or evening? */
    check_refused("last someday", "not understood");
    check_refused("3 fortnights ago", "minutes, hours, days or weeks");
    check_refused("three days ago", "digits");
    check_refused("-1y", "unit");
    check_refused("26-03-01", "not understood");
    check_refused("-99999999999d", "too far back");
}

/* NOW is Tuesday 2026-03-10, 12:00 in Berlin. */
static void test_words_people_type(void **state)
{
    (void)state;
    /* "--since today" must include 00:30: today is the day, from midnight. */
    check_parse("today", "2026-03-10T00:00:00+01:00");
    check_parse("Today", "2026-03-10T00:00:00+01:00");
    check_parse("today 9am", "2026-03-10T09:00:00+01:00");
    check_parse("yesterday 9am", "2026-03-09T09:00:00+01:00");
    check_parse("yesterday 9 pm", "2026-03-09T21:00:00+01:00");
    check_parse("yesterday 9:30pm", "2026-03-09T21:30:00+01:00");
    check_parse("today noon", "2026-03-10T12:00:00+01:00");
    check_parse("today midnight", "2026-03-10T00:00:00+01:00");
    check_parse("12am", "2026-03-10T00:00:00+01:00");
    check_parse("12pm", "2026-03-10T12:00:00+01:00");
    check_parse("8:15", "2026-03-10T08:15:00+01:00");
    check_parse("7am", "2026-03-10T07:00:00+01:00");
    /* "last monday" is the latest Monday before today; on a Tuesday, a week ago. */
    check_parse("last monday", "2026-03-09T00:00:00+01:00");
    check_parse("last tuesday", "2026-03-03T00:00:00+01:00");
    check_parse("last sunday 18:00", "2026-03-08T18:00:00+01:00");
    check_parse("last fri 7am", "2026-03-06T07:00:00+01:00");
    check_parse("3 days ago", "2026-03-07T12:00:00+01:00");
    check_parse("1 day ago", "2026-03-09T12:00:00+01:00");
    check_parse("10 days ago", "2026-02-28T12:00:00+01:00");
    check_parse("a week ago", "2026-03-03T12:00:00+01:00");
    check_parse("2 weeks ago", "2026-02-24T12:00:00+01:00");
    check_parse("2 hours ago", "2026-03-10T10:00:00+01:00");
    check_parse("90 min ago", "2026-03-10T10:30:00+01:00");
    check_parse("-1w", "2026-03-03T12:00:00+01:00");
    check_parse("-2w1d", "2026-02-23T12:00:00+01:00");
}

static void check_parse_at(const struct trp_time *now, const char *text, const char *expect)
{
    struct trp_time t;
    struct trp_err err = {0};
    if (trp_time_parse(text, now, &t, &err))
        fail_msg("parse \"%s\" failed: %s", text, err.msg);
    char buf[TRP_TIME_BUF];
    assert_string_equal(trp_time_format(&t, buf), expect);
}

static void test_daylight_saving(void **state)
{
    (void)state;
    /* Berlin went to summer time on 2026-03-29: 02:00 became 03:00. */
    check_refused("2026-03-29T02:30", "the clocks went forward from 02:00 to 03:00");
    check_refused("2026-03-29T02:00", "does not exist");
    check_parse("2026-03-29T01:59", "2026-03-29T01:59:00+01:00");
    check_parse("2026-03-29T03:00", "2026-03-29T03:00:00+02:00");
    /* An explicit offset names an instant: no gap question. */
    check_parse("2026-03-29T02:30+01:00", "2026-03-29T02:30:00+01:00");
    /* 2026-10-25: 03:00 became 02:00 again, so 02:30 happened twice: the first is taken. */
    check_parse("2026-10-25T02:30", "2026-10-25T02:30:00+02:00");
    check_parse("2026-10-25T02:30+01:00", "2026-10-25T02:30:00+01:00");
    check_parse("2026-10-25T03:00", "2026-10-25T03:00:00+01:00");
    /* Days back keep the clock time across the change; hours back are exact. */
    struct trp_time april;
    assert_int_equal(trp_time_parse("2026-04-01T10:00+02:00", &NOW, &april, NULL), 0);
    check_parse_at(&april, "3 days ago", "2026-03-29T10:00:00+02:00");
    check_parse_at(&april, "-1w", "2026-03-25T10:00:00+01:00");
    check_parse_at(&april, "a week ago", "2026-03-25T10:00:00+01:00");
    check_parse_at(&april, "96 hours ago", "2026-03-28T09:00:00+01:00");
    check_parse_at(&april, "4 days ago", "2026-03-28T10:00:00+01:00");
    /* A phrase landing in the gap is refused too. */
    struct trp_time gapday;
    assert_int_equal(trp_time_parse("2026-03-30T02:30+02:00", &NOW, &gapday, NULL), 0);
    struct trp_err err = {0};
    struct trp_time t;
    assert_int_equal(trp_time_parse("yesterday 2:30", &gapday, &t, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "clocks went forward"));
    /* New York changes on another date (2026-03-08), and its rule is the same. */
    setenv("TZ", "America/New_York", 1);
    tzset();
    check_refused("2026-03-08T02:30", "the clocks went forward from 02:00 to 03:00");
    check_parse("2026-11-01T01:30", "2026-11-01T01:30:00-04:00");
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
}

/* The start of a local day in UTC, at that day's own offset: across a daylight-saving
 * change "day * 86400 - today's offset" is an hour off, which moves an entry logged just
 * after midnight into the wrong day. */
static void test_local_day_start(void **state)
{
    (void)state;
    setenv("TZ", "America/Los_Angeles", 1);
    tzset();
    /* Clocks went forward on 8 March 2026: 8 March starts at 08:00Z (PST), 9 March at
     * 07:00Z (PDT). */
    int64_t d8 = trp_days_from_civil(2026, 3, 8);
    assert_int_equal(trp_local_day_start(d8), 1772956800);     /* 2026-03-08T08:00:00Z */
    assert_int_equal(trp_local_day_start(d8 + 1), 1773039600); /* 2026-03-09T07:00:00Z */
    /* Back on 1 November: that day lasts 25 hours. */
    int64_t n1 = trp_days_from_civil(2026, 11, 1);
    assert_int_equal(trp_local_day_start(n1 + 1) - trp_local_day_start(n1), 25 * 3600);
    /* The local day of an instant uses the offset of that instant, not today's: 23:30 PST
     * on 2 March is 2 March, whatever the season now. */
    assert_int_equal(trp_local_day_of(1772523000), trp_days_from_civil(2026, 3, 2)); /* 07:30Z on 3 March */
    assert_int_equal(trp_local_day_of(trp_local_day_start(d8 + 1)), d8 + 1);
    assert_int_equal(trp_local_day_of(trp_local_day_start(d8 + 1) - 1), d8);
    /* A stored UTC instant shown as the clock read it then: -08:00 in winter, -07:00 after. */
    assert_int_equal(trp_time_zoned(1772523000).offset_min, -480);
    assert_int_equal(trp_time_zoned(trp_local_day_start(d8 + 1)).offset_min, -420);
    /* São Paulo skipped midnight on 4 November 2018 (00:00 became 01:00): the day began
     * when the clocks jumped, 03:00Z. */
    setenv("TZ", "America/Sao_Paulo", 1);
    tzset();
    assert_int_equal(trp_local_day_start(trp_days_from_civil(2018, 11, 4)), 1541300400);
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    assert_int_equal(trp_local_day_start(trp_days_from_civil(2026, 3, 1)), 1772319600); /* 2026-02-28T23:00Z */
}

/* For every day of two years in zones with changes at 02:00, at midnight (São Paulo 2018,
 * Havana) and none: a day begins where the day before ends. */
static void test_local_day_start_every_day(void **state)
{
    (void)state;
    static const char *const zones[] = {"Europe/Berlin", "America/Los_Angeles", "America/Sao_Paulo",
                                        "America/Havana", "Australia/Lord_Howe", "Asia/Kolkata"};
    for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
        setenv("TZ", zones[z], 1);
        tzset();
        int64_t first = trp_days_from_civil(2018, 1, 1);
        for (int64_t d = first; d < first + 731; d++) {
            int64_t start = trp_local_day_start(d);
            if (trp_local_day_of(start) != d || trp_local_day_of(start - 1) != d - 1)
                fail_msg("%s: day %lld starts at %lld", zones[z], (long long)d, (long long)start);
            int64_t len = trp_local_day_start(d + 1) - start;
            assert_true(len >= 23 * 3600 && len <= 25 * 3600);
        }
    }
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
}

static void test_local_day_and_fields(void **state)
{
    (void)state;
    /* 23:30 local on 1 March belongs to 1 March even though it is 22:30 UTC. */
    struct trp_time t;
    assert_int_equal(trp_time_parse("2026-03-01T23:30", &NOW, &t, NULL), 0);
    assert_int_equal(trp_time_local_day(&t), trp_days_from_civil(2026, 3, 1));
    int y, mo, d, h, mi, s, wd;
    trp_time_local(&t, &y, &mo, &d, &h, &mi, &s, &wd);
    assert_int_equal(y, 2026);
    assert_int_equal(mo, 3);
    assert_int_equal(d, 1);
    assert_int_equal(h, 23);
    assert_int_equal(mi, 30);
    assert_int_equal(wd, 0); /* 1 March 2026 is a Sunday */
    assert_int_equal(trp_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(trp_days_from_civil(2000, 3, 1), 11017);
    int64_t yy;
    trp_civil_from_days(11017, &yy, &mo, &d);
    assert_int_equal(yy, 2000);
    assert_int_equal(mo, 3);
    assert_int_equal(d, 1);
    /* Before the epoch: the day number is floored, not truncated toward zero. */
    struct trp_time pre = {-1, 0};
    assert_int_equal(trp_time_local_day(&pre), -1);
}

static void test_now_env(void **state)
{
    (void)state;
    setenv("TRP_NOW", "2026-03-10T12:00:00+01:00", 1);
    struct trp_time t;
    assert_int_equal(trp_time_now(&t, NULL), 0);
    assert_int_equal(t.utc, NOW.utc);
    setenv("TRP_NOW", "garbage", 1);
    struct trp_err err = {0};
    assert_int_equal(trp_time_now(&t, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "TRP_NOW"));
    unsetenv("TRP_NOW");
    assert_int_equal(trp_time_now(&t, NULL), 0);
    assert_true(llabs(t.utc - (int64_t)time(NULL)) < 5);
}

static void check_duration(const char *text, int expect)
{
    int m = -1;
    struct trp_err err = {0};
    if (trp_duration_parse(text, 1440, &m, &err))
        fail_msg("duration \"%s\" failed: %s", text, err.msg);
    assert_int_equal(m, expect);
}

static void check_duration_refused(const char *text, const char *fragment)
{
    int m = -1;
    struct trp_err err = {0};
    assert_int_equal(trp_duration_parse(text, 1440, &m, &err), TRP_EINVAL);
    if (!strstr(err.msg, fragment))
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", text, err.msg, fragment);
    assert_int_equal(m, -1);
}

static void test_durations(void **state)
{
    (void)state;
    check_duration("45m", 45);
    check_duration("3h", 180);
    check_duration("1h30m", 90);
    check_duration("1.5h", 90);
    check_duration("90min", 90);
    check_duration("2hours", 120);
    check_duration("24h", 1440);
    check_duration_refused("45", "unit");
    check_duration_refused("-45m", "negative");
    check_duration_refused("0m", "shorter than a minute");
    check_duration_refused("25h", "longer than 24 hours");
    check_duration_refused("", "missing");
    check_duration_refused("30m1h", "before minutes");
    check_duration_refused("1h1h", "once");
    check_duration_refused("abc", "not understood");
    char buf[16];
    assert_string_equal(trp_duration_format(90, buf, sizeof buf), "1h30m");
    assert_string_equal(trp_duration_format(45, buf, sizeof buf), "45m");
    assert_string_equal(trp_duration_format(180, buf, sizeof buf), "3h");
}

static void test_weekday_of_day(void **state)
{
    (void)state;
    assert_int_equal(trp_weekday_of_day(0), 4);                                 /* 1970-01-01, Thursday */
    assert_int_equal(trp_weekday_of_day(-1), 3);                                /* 1969-12-31, Wednesday */
    assert_int_equal(trp_weekday_of_day(trp_days_from_civil(2026, 11, 30)), 1); /* a Monday */
    assert_int_equal(trp_weekday_of_day(trp_days_from_civil(2026, 11, 29)), 0); /* a Sunday */
    assert_int_equal(trp_weekday_of_day(trp_days_from_civil(1900, 1, 1)), 1);   /* a Monday */
}

/* A message quotes the time as it was typed, capitals included. */
static void test_message_quotes_input(void **state)
{
    (void)state;
    check_refused("2026-03-29T02:30", "\"2026-03-29T02:30\" does not exist");
    check_refused("Yesterday 25PM", "\"Yesterday 25PM\"");
    check_refused("2026-13-01T08:00", "\"2026-13-01T08:00\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_forms),
        cmocka_unit_test(test_relative_forms),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_words_people_type),
        cmocka_unit_test(test_daylight_saving),
        cmocka_unit_test(test_weekday_of_day),
        cmocka_unit_test(test_local_day_and_fields),
        cmocka_unit_test(test_now_env),
        cmocka_unit_test(test_local_day_start),
        cmocka_unit_test(test_local_day_start_every_day),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_message_quotes_input),
    };
    return cmocka_run_group_tests(tests, setup_tz, NULL);
}
