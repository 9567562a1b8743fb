/*
 * Unit tests for the use cases behind `trp analyze`, `trp chart` and `trp report` and their
 * web routes (src/app: analyze, charts, report), called as the web server calls them: a
 * store, an arena and an error, no command context. A diary of a few days: pain with one
 * flare, a task, an ibuprofen; no intake, no plan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/analyze.h"
#include "app/charts.h"
#include "app/report.h"
#include "base/arena.h"
#include "core/entry_json.h"
#include "store/store.h"

struct fixture {
    char path[64];
    struct store *s;
    struct arena *a;
};

static const char *const diary[] = {
    "{\"time\":\"2026-03-02T08:00:00+01:00\",\"kind\":\"pain\",\"value\":3,\"regions\":[{\"region\":\"left temple\",\"intensity\":3}]}",
    "{\"time\":\"2026-03-03T08:00:00+01:00\",\"kind\":\"pain\",\"value\":3}",
    "{\"time\":\"2026-03-03T10:00:00+01:00\",\"kind\":\"task\",\"name\":\"computer work\",\"minutes\":240}",
    "{\"time\":\"2026-03-04T08:00:00+01:00\",\"kind\":\"pain\",\"value\":8,\"flare\":true}",
    "{\"time\":\"2026-03-04T09:00:00+01:00\",\"kind\":\"medication\",\"name\":\"ibuprofen\",\"dose\":400,\"unit\":\"mg\"}",
    "{\"time\":\"2026-03-05T08:00:00+01:00\",\"kind\":\"pain\",\"value\":4}",
};

static int setup(void **state)
{
    setenv("TRP_NOW", "2026-03-06T12:00:00+01:00", 1);
    setenv("TZ", "Europe/Berlin", 1);
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/trp-test-app-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    close(fd);
    unlink(f->path);
    struct trp_err err = {0};
    if (store_open(f->path, &f->s, &err))
        fail_msg("open: %s", err.msg);
    f->a = arena_new();
    for (size_t i = 0; i < sizeof diary / sizeof diary[0]; i++) {
        json_error_t jerr;
        json_t *o = json_loads(diary[i], 0, &jerr);
        assert_non_null(o);
        struct entry e;
        if (entry_from_json(o, f->a, &e, &err) || store_entry_insert(f->s, &e, &err))
            fail_msg("entry %zu: %s", i, err.msg);
        json_decref(o);
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->s);
    arena_free(f->a);
    char side[80];
    unlink(f->path);
    snprintf(side, sizeof side, "%s-wal", f->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", f->path);
    unlink(side);
    free(f);
    return 0;
}

/* Analyze: the medication is counted as left out, the hand-marked flare is found, and the
 * JSON keeps its documented key order. */
static void test_analyze(void **state)
{
    struct fixture *f = *state;
    struct store_query q;
    store_query_init(&q);
    struct app_analysis an;
    struct trp_err err = {0};
    assert_int_equal(app_analyze(f->s, f->a, NULL, &q, &an, &err), 0);
    assert_int_equal(an.n_medication, 1);
    assert_int_equal(an.r.n_flares, 1);
    assert_false(an.definition_may_not_fit); /* four days are not a long diary */
    json_t *o = app_analyze_json(&an);
    char *s = json_dumps(o, APP_ANALYZE_FLAGS);
    json_decref(o);
    const char *keys[] = {"\"recurrences\"", "\"factors\"", "\"multivariable\"", "\"suspects\"",
                          "\"definition_may_not_fit\"", "\"medication_left_out\": 1", "\"data\""};
    const char *at = s;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *k = strstr(at, keys[i]);
        if (!k)
            fail_msg("%s missing or out of order in %s", keys[i], s);
        at = k;
    }
    free(s);
    /* A --flare definition that does not parse is refused as such. */
    assert_int_not_equal(app_analyze(f->s, f->a, "rise=lots", &q, &an, &err), 0);
    assert_non_null(strstr(err.msg, "rise"));
}

static void test_chart_kinds(void **state)
{
    (void)state;
    enum chart_kind k;
    struct trp_err err = {0};
    assert_int_equal(app_chart_kind("factors", &k, &err), 0);
    assert_int_equal(k, CHART_FACTORS);
    assert_int_equal(app_chart_kind("pie", &k, &err), TRP_EINVAL);
    assert_string_equal(err.msg, "unknown chart \"pie\": use timeline, bodymap, factors or progress");
}

/* A chart names its period in the title (from the first entry's day to the diary's last
 * day), and the SVG carries it. */
static void test_chart_svg(void **state)
{
    struct fixture *f = *state;
    struct chart_period p = {0};
    struct app_chart c;
    struct trp_err err = {0};
    assert_int_equal(app_chart(f->s, f->a, CHART_TIMELINE, &p, &c, &err), 0);
    assert_string_equal(c.title, "Pain, flares and daily tasks, 2 Mar 2026 to 5 Mar 2026");
    assert_int_equal(c.g.n_days, 4);
    assert_int_equal(c.g.n_pain, 4);
    assert_ptr_equal(c.data, &c.g.timeline);
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    assert_int_equal(app_chart_svg(f->s, f->a, CHART_BODYMAP, &p, 360, &sb, &err), 0);
    assert_non_null(strstr(strbuf_str(&sb), "<svg"));
    assert_non_null(strstr(strbuf_str(&sb), "Where it hurts, 2 Mar 2026 to 5 Mar 2026"));
    strbuf_release(&sb);
    /* A period that ends before it starts is refused, with the options' names. */
    p.has_since = p.has_until = 1;
    p.since = 1772700000;
    p.until = p.since - 86400;
    assert_int_equal(app_chart(f->s, f->a, CHART_TIMELINE, &p, &c, &err), TRP_EINVAL);
    assert_string_equal(err.msg, "--until must be after --since");
}

static const struct report_block *find_block(const struct report_doc *d, enum report_block_kind kind,
                                             const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->blocks[i].kind == kind && d->blocks[i].text && strstr(d->blocks[i].text, text))
            return &d->blocks[i];
    return NULL;
}

/* Safety comes first: without an intake the clinician is told it was not screened before
 * anything else; the patient's version ends with next steps, the first being the intake. */
static void test_report(void **state)
{
    struct fixture *f = *state;
    struct app_report_opts o = {.clinician = 1};
    struct report_doc d;
    struct trp_err err = {0};
    assert_int_equal(app_report(f->s, f->a, &o, &d, &err), 0);
    assert_string_equal(d.title, "Pain diary report for the clinician");
    assert_true(d.n > 2);
    assert_int_equal(d.blocks[0].kind, REPORT_HEADING);
    assert_string_equal(d.blocks[0].text, "Red flags and precautions");
    assert_int_equal(d.blocks[1].kind, REPORT_ALERT);
    assert_non_null(strstr(d.blocks[1].text, "No intake on record"));
    assert_non_null(find_block(&d, REPORT_PARA, "ibuprofen"));
    assert_null(find_block(&d, REPORT_HEADING, "Next steps"));

    assert_int_equal(app_report_audience("patient", &o, &err), 0);
    assert_int_equal(o.clinician, 0);
    assert_int_equal(app_report(f->s, f->a, &o, &d, &err), 0);
    assert_string_equal(d.title, "Your pain diary report");
    const struct report_block *next = find_block(&d, REPORT_HEADING, "Next steps");
    assert_non_null(next);
    assert_int_equal(next[1].kind, REPORT_BULLET);
    assert_non_null(strstr(next[1].text, "trp intake"));

    assert_int_equal(app_report_audience("nobody", &o, &err), TRP_EINVAL);
    assert_string_equal(err.msg, "--for \"nobody\": use clinician or patient");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_analyze, setup, teardown),
        cmocka_unit_test(test_chart_kinds),
        cmocka_unit_test_setup_teardown(test_chart_svg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
