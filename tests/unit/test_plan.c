/*
 * Unit tests for the self-care plan arithmetic (due today, weekly targets, adherence with
 * partial weeks), the iCalendar writer (escaping, CRLF, folding at 75 octets without
 * splitting UTF-8), and adding a muscle to the plan through the safety gate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/intake.h"
#include "app/plan.h"
#include "base/timeutil.h"
#include "core/plan.h"
#include "io/ics.h"

static struct entry treat(const char *muscle, const char *technique, int64_t day, int hour)
{
    struct entry e;
    entry_init(&e, ENTRY_TREATMENT);
    e.at.offset_min = 60;
    e.at.utc = day * 86400 + hour * 3600 - 3600;
    e.treat.muscle = muscle;
    e.treat.technique = technique;
    e.treat.performer = "self";
    return e;
}

static void test_week_start(void **state)
{
    (void)state;
    int64_t mon = trp_days_from_civil(2026, 3, 9); /* a Monday */
    for (int i = 0; i < 7; i++)
        assert_int_equal(plan_week_start(mon + i), mon);
    assert_int_equal(plan_week_start(mon - 1), mon - 7);
    assert_int_equal(plan_week_start(0), -3); /* 1970-01-01 was a Thursday */
}

static void test_due_today(void **state)
{
    (void)state;
    int64_t mon = trp_days_from_civil(2026, 3, 9);
    struct plan_goal g = {"upper-trapezius", {3, 2, 2}, mon};
    struct plan_tally t = {{0}, {0}};
    int64_t wed = mon + 2;
    assert_int_equal(plan_due_today(&g, &t, PLAN_RELEASE), 1);
    assert_int_equal(plan_due_today(&g, &t, PLAN_STRETCH), 2);
    struct entry e1 = treat("upper-trapezius", "compression", mon, 9);
    struct entry e2 = treat("upper-trapezius", "friction", mon + 1, 9);
    struct entry e3 = treat("upper-trapezius", "stretch", wed, 8);
    struct entry other = treat("soleus", "stretch", wed, 8);
    struct entry last_week = treat("upper-trapezius", "compression", mon - 1, 9);
    plan_tally_add(&t, &g, &e1, wed);
    plan_tally_add(&t, &g, &e2, wed);
    plan_tally_add(&t, &g, &e3, wed);
    plan_tally_add(&t, &g, &other, wed);
    plan_tally_add(&t, &g, &last_week, wed);
    assert_int_equal(t.this_week[PLAN_RELEASE], 2);
    assert_int_equal(t.today[PLAN_STRETCH], 1);
    assert_int_equal(plan_due_today(&g, &t, PLAN_RELEASE), 1);
    assert_int_equal(plan_due_today(&g, &t, PLAN_STRETCH), 1);
    struct entry e4 = treat("upper-trapezius", "compression", wed, 18);
    plan_tally_add(&t, &g, &e4, wed);
    assert_int_equal(plan_due_today(&g, &t, PLAN_RELEASE), 0); /* target met */
    assert_int_equal(plan_due_today(&g, &t, PLAN_STRENGTHEN), 1);
    struct entry s1 = treat("upper-trapezius", "strengthen", wed, 19);
    plan_tally_add(&t, &g, &s1, wed);
    assert_int_equal(plan_due_today(&g, &t, PLAN_STRENGTHEN), 0); /* once a day at most */
    g.per[PLAN_STRENGTHEN] = 0;
    assert_int_equal(plan_due_today(&g, &t, PLAN_STRENGTHEN), 0);
}

static void test_adherence(void **state)
{
    (void)state;
    int64_t mon = trp_days_from_civil(2026, 3, 9);
    struct plan_goal g = {"soleus", {2, 1, 0}, mon};
    int done[14][PLAN_ACTIVITY_COUNT];
    memset(done, 0, sizeof done);
    /* Week 1: release twice (100%), stretch 7/7. Week 2: release once (50%), stretch 0/7. */
    done[0][PLAN_RELEASE] = 1;
    done[3][PLAN_RELEASE] = 2; /* extra does not lift the week above 100% */
    for (int d = 0; d < 7; d++)
        done[d][PLAN_STRETCH] = 1;
    done[9][PLAN_RELEASE] = 1;
    struct plan_adherence a;
    plan_adherence_compute(&g, mon, mon + 13, done, &a);
    assert_int_equal(a.weeks, 2);
    assert_true(a.rate[PLAN_RELEASE] > 0.749 && a.rate[PLAN_RELEASE] < 0.751);
    assert_true(a.rate[PLAN_STRETCH] > 0.499 && a.rate[PLAN_STRETCH] < 0.501);
    assert_true(a.rate[PLAN_STRENGTHEN] < 0);
    assert_int_equal(a.target[PLAN_STRETCH], 14);
    /* Starting on a Friday: the first, partial week asks for a pro-rated target. */
    memset(done, 0, sizeof done);
    done[0][PLAN_RELEASE] = 1;
    plan_adherence_compute(&g, mon + 4, mon + 6, done, &a);
    assert_int_equal(a.weeks, 1);
    assert_int_equal(a.target[PLAN_RELEASE], 1);
    assert_true(a.rate[PLAN_RELEASE] > 0.999);
}

static void test_ics_escaping_and_folding(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    assert_int_equal(ics_text(&sb, "SUMMARY", "Stretch; upper, trapezius\\now\nnext"), 0);
    assert_string_equal(strbuf_str(&sb), "SUMMARY:Stretch\\; upper\\, trapezius\\\\now\\nnext\r\n");
    strbuf_reset(&sb);
    char longtext[300];
    memset(longtext, 'a', sizeof longtext);
    memcpy(longtext + 70, "\xc3\xa9\xc3\xa9\xc3\xa9", 6); /* é straddling the fold point */
    longtext[299] = '\0';
    assert_int_equal(ics_text(&sb, "DESCRIPTION", longtext), 0);
    const char *p = strbuf_str(&sb);
    size_t line_len = 0;
    for (size_t i = 0; p[i]; i++) {
        if (p[i] == '\r') {
            assert_int_equal(p[i + 1], '\n');
            assert_true(line_len <= 75);
            line_len = 0;
            i++;
            continue;
        }
        /* A continuation line never starts in the middle of a UTF-8 character. */
        if (line_len == 1 && i > 0 && p[i - 1] == ' ')
            assert_true(((unsigned char)p[i] & 0xC0) != 0x80);
        line_len++;
    }
    /* Unfolding gives back the original value. */
    struct strbuf unfolded;
    strbuf_init(&unfolded, 0);
    for (size_t i = 0; p[i]; i++) {
        if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == ' ') {
            i += 2;
            continue;
        }
        strbuf_addc(&unfolded, p[i]);
    }
    assert_string_equal(strbuf_str(&unfolded) + strlen("DESCRIPTION:"),
                        strcat(strcpy((char[320]){0}, longtext), "\r\n"));
    strbuf_release(&unfolded);
    strbuf_release(&sb);
}

/* Adherence by local day, the one computation behind 'trp plan adherence' and the report.
 * In Los Angeles a plan started at 23:30 on 2 March (winter, -08:00) and a stretch done
 * at 23:45 that evening: both belong to 2 March. The plan used to take the creation day
 * in UTC (3 March) and the report at today's summer offset (-07:00, 00:30 on 3 March), so
 * both dropped that stretch and each started the plan a day late. */
static void test_adherence_local_days(void **state)
{
    (void)state;
    setenv("TZ", "America/Los_Angeles", 1);
    tzset();
    setenv("TRP_NOW", "2026-03-20T12:00:00-07:00", 1);
    char path[] = "/tmp/trp-test-plan-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct store *s;
    struct trp_err err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    struct store_plan_item item = {0, "upper-trapezius", "left", 0, 1, 0, 1772523000}; /* 2026-03-02T23:30-08:00 */
    assert_int_equal(store_plan_put(s, &item, &err), 0);
    struct entry e;
    entry_init(&e, ENTRY_TREATMENT);
    e.at.utc = 1772523900; /* 2026-03-02T23:45-08:00 */
    e.at.offset_min = -480;
    e.treat.muscle = "upper-trapezius";
    e.treat.side = "left";
    e.treat.technique = "stretch";
    e.treat.performer = "self";
    assert_int_equal(store_entry_insert(s, &e, &err), 0);
    struct arena *a = arena_new();
    int64_t mar2 = trp_days_from_civil(2026, 3, 2), mar20 = trp_days_from_civil(2026, 3, 20);
    struct app_plan_adherence *rows;
    size_t n;
    /* The report's span (the diary's days) and the plan's (whole weeks up to today). */
    int64_t spans[2][2] = {{mar2, mar20}, {plan_week_start(mar20) - 7 * 3, mar20}};
    for (int k = 0; k < 2; k++) {
        assert_int_equal(app_plan_adherence(s, a, spans[k][0], spans[k][1], &rows, &n, &err), 0);
        assert_int_equal(n, 1);
        assert_int_equal(rows[0].first_day, mar2);
        assert_int_equal(rows[0].ad.done[PLAN_STRETCH], 1);
        assert_int_equal(rows[0].ad.rate[PLAN_RELEASE] < 0, 1); /* release not planned */
    }
    arena_free(a);
    store_close(s);
    unlink(path);
    unsetenv("TRP_NOW");
}

static size_t plan_size(struct store *s, struct arena *a)
{
    struct store_plan_item *items;
    size_t n;
    struct trp_err err = {0};
    assert_int_equal(store_plan_list(s, a, &items, &n, &err), 0);
    return n;
}

/* A person whose health questions found varicose veins in the left calf may put the right
 * calf in their plan but not the left one, nor "the calf" without a side (the stricter
 * side decides), nor anything before the questions are answered; the refusal says why and
 * whom to see, and nothing is stored. Frequencies outside what a day or week can hold, a
 * side the muscle lacks, or a plan with nothing to do are bad input. */
static void test_add_through_gate(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    setenv("TRP_NOW", "2026-03-11T12:00:00+01:00", 1);
    char path[] = "/tmp/trp-test-plan-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct store *s;
    struct trp_err err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    struct arena *a = arena_new();
    struct app_plan_add req;
    struct app_plan_added got;

    app_plan_add_defaults(&req, "upper-trapezius");
    assert_int_equal(app_plan_add(s, a, &req, &got, &err), TRP_ECONFLICT);
    assert_non_null(strstr(err.msg, "safety questions"));
    assert_int_equal(plan_size(s, a), 0);

    json_error_t jerr;
    json_t *answers = json_load_file(TRP_SOURCE_ROOT "/doc/intake-answers.example.json", 0, &jerr);
    assert_non_null(answers);
    struct intake in;
    int64_t id;
    assert_int_equal(app_intake_answers(s, a, answers, &in, &id, &err), 0);
    json_decref(answers);

    app_plan_add_defaults(&req, "gastrocnemius");
    req.side = "left";
    assert_int_equal(app_plan_add(s, a, &req, &got, &err), TRP_ECONFLICT);
    assert_non_null(strstr(err.msg, "Varicose veins"));
    assert_non_null(strstr(err.msg, "doctor or physiotherapist"));
    req.side = NULL;
    assert_int_equal(app_plan_add(s, a, &req, &got, &err), TRP_ECONFLICT);
    assert_int_equal(plan_size(s, a), 0);
    req.side = "right";
    assert_int_equal(app_plan_add(s, a, &req, &got, &err), 0);
    assert_string_equal(got.item.muscle, "gastrocnemius");
    assert_string_equal(got.item.side, "right");
    assert_string_equal(got.name, "Gastrocnemius");
    assert_int_equal(got.item.release_per_week, 3);
    assert_int_equal(got.item.stretch_per_day, 2);
    assert_int_equal(got.item.strengthen_per_week, 2);
    assert_int_equal(plan_size(s, a), 1);

    /* Bad input: refused by the check alone and by the use case, nothing stored. */
    struct app_plan_add bad[6];
    for (int k = 0; k < 6; k++)
        app_plan_add_defaults(&bad[k], "upper-trapezius");
    bad[0].per[PLAN_RELEASE] = 22;   /* more than three a day */
    bad[1].per[PLAN_STRETCH] = 11;
    bad[2].per[PLAN_STRENGTHEN] = -1;
    bad[3].per[PLAN_RELEASE] = bad[3].per[PLAN_STRETCH] = bad[3].per[PLAN_STRENGTHEN] = 0;
    bad[4].side = "up";
    bad[5].muscle = "trapezuis";
    for (int k = 0; k < 6; k++) {
        assert_int_equal(app_plan_add_check(&bad[k], &err), TRP_EINVAL);
        assert_int_equal(app_plan_add(s, a, &bad[k], &got, &err), TRP_EINVAL);
    }
    assert_int_equal(plan_size(s, a), 1);
    bad[0].per[PLAN_RELEASE] = 21;
    assert_int_equal(app_plan_add_check(&bad[0], &err), 0);

    const char *name = NULL;
    assert_int_equal(app_plan_remove(s, "gastrocnemius", &name, &err), 0);
    assert_string_equal(name, "Gastrocnemius");
    assert_int_equal(plan_size(s, a), 0);
    assert_int_equal(app_plan_remove(s, "gastrocnemius", NULL, &err), TRP_ENOTFOUND);
    assert_int_equal(app_plan_remove(s, "trapezuis", NULL, &err), TRP_EINVAL);

    arena_free(a);
    store_close(s);
    unlink(path);
    unsetenv("TRP_NOW");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_week_start),
        cmocka_unit_test(test_due_today),
        cmocka_unit_test(test_adherence),
        cmocka_unit_test(test_adherence_local_days),
        cmocka_unit_test(test_ics_escaping_and_folding),
        cmocka_unit_test(test_add_through_gate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
