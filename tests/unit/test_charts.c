/*
 * Golden tests for the charts: each chart is drawn from fixed fixture data (and empty and
 * one-day variants) as SVG and compared byte for byte with tests/golden/charts/NAME.svg;
 * TRP_UPDATE_GOLDEN=1 rewrites the files (review the diff). With TRP_CHART_PNG_DIR set the
 * same charts are also written as PNG at A4 and phone widths, for looking at them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "core/region.h"
#include "render/bodymap.h"
#include "render/chart.h"
#include "render/render_cairo.h"

#include "chart_fixtures.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

static void check_golden(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/golden/charts/%s", TRP_SOURCE_ROOT, name);
    const char *upd = getenv("TRP_UPDATE_GOLDEN");
    if (upd && strcmp(upd, "1") == 0) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        return;
    }
    char *want = read_file(path);
    if (!want)
        fail_msg("golden file %s is missing (run with TRP_UPDATE_GOLDEN=1)", path);
    if (strcmp(want, text) != 0) {
        /* Show where they part, then fail. */
        size_t i = 0;
        while (want[i] && want[i] == text[i])
            i++;
        fprintf(stderr, "%s differs at byte %zu:\n  want: %.80s\n  got:  %.80s\n", name, i,
                want + i, text + i);
        free(want);
        fail_msg("output differs from golden %s", name);
    }
    free(want);
}

/* Renders one chart to SVG, checks it against its golden file and, on request, writes
 * PNGs for inspection. */
static void golden_chart(const char *name, enum chart_kind kind, const void *data,
                         const char *title)
{
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    struct trp_err err;
    assert_int_equal(render_chart_svg(kind, data, RENDER_A4_WIDTH, title, &sb, &err), 0);
    assert_non_null(strstr(strbuf_str(&sb), "<svg xmlns="));
    assert_non_null(strstr(strbuf_str(&sb), "</svg>\n"));
    char file[128];
    snprintf(file, sizeof file, "%s.svg", name);
    check_golden(file, strbuf_str(&sb));
    strbuf_release(&sb);

    const char *dir = getenv("TRP_CHART_PNG_DIR");
    if (dir) {
        static const double widths[] = {RENDER_A4_WIDTH, RENDER_PHONE_WIDTH};
        static const char *const tags[] = {"a4", "phone"};
        for (int i = 0; i < 2; i++) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s-%s.png", dir, name, tags[i]);
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            assert_int_equal(render_chart_write(kind, data, widths[i], title, RENDER_PNG, f,
                                                &err), 0);
            fclose(f);
        }
    }
}

static void test_timeline(void **state)
{
    (void)state;
    static struct fx_timeline f;
    fx_timeline_init(&f);
    golden_chart("timeline", CHART_TIMELINE, &f.tl, "Pain and daily tasks");
}

static void test_timeline_one_day(void **state)
{
    (void)state;
    static struct fx_timeline f;
    fx_timeline_init(&f);
    /* Only the first day: three ratings, one task, no flares. */
    f.tl.n_days = 1;
    f.tl.n_points = 2;
    f.tl.n_flares = 0;
    f.tl.n_tasks = 1;
    f.tl.n_treatments = 0;
    f.tl.sleep = NULL;
    f.tl.stress = NULL;
    golden_chart("timeline_one_day", CHART_TIMELINE, &f.tl, "One day");
}

static void test_timeline_empty(void **state)
{
    (void)state;
    struct chart_timeline empty = {0};
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    assert_int_equal(render_chart_svg(CHART_TIMELINE, &empty, 360, NULL, &sb, NULL), 0);
    assert_non_null(strstr(strbuf_str(&sb), "No entries in this period."));
    check_golden("timeline_empty.svg", strbuf_str(&sb));
    strbuf_release(&sb);
}

static void test_bodymap(void **state)
{
    (void)state;
    golden_chart("bodymap", CHART_BODYMAP, &fx_bodymap, "Where it hurt");
    struct chart_bodymap none = {0};
    golden_chart("bodymap_empty", CHART_BODYMAP, &none, NULL);
}

static void test_bodymap_figure(void **state)
{
    (void)state;
    struct trp_err err;
    const struct bodymap *bm = bodymap_get(&err);
    assert_non_null(bm);
    /* Every CHOIR segment has a shape on the figures: 74 in all, each drawn once. */
    size_t figures = 0;
    for (size_t i = 0; i < bm->n_shapes; i++)
        figures += bm->shapes[i].back != BODYMAP_CLOSEUP;
    assert_int_equal(figures, 74);
    /* Every finer place on the head, neck, hands and feet (the temple, the base of the
     * skull, each finger, the arch, the heel) can be tapped on a close-up: once, so each is
     * one control with one name. */
    static const char *const closeup_parents[] = {"upper-head", "lower-head", "neck", "hand",
                                                  "wrist", "ankle", "foot"};
    size_t fine = 0;
    for (size_t i = 0; i < region_count(); i++) {
        const struct region *r = region_at(i);
        if (!r->parent)
            continue;
        int wanted = 0;
        for (size_t k = 0; k < 7; k++) {
            const char *p = strchr(r->parent->base, '-') + 1;
            wanted |= strcmp(p, closeup_parents[k]) == 0;
        }
        size_t shapes = 0;
        for (size_t k = 0; k < bm->n_shapes; k++)
            shapes += bm->shapes[k].back == BODYMAP_CLOSEUP && !strcmp(bm->shapes[k].region, r->id);
        if (wanted && shapes != 1)
            fail_msg("%s (%s) has %zu close-up shapes, not 1", r->id, r->label, shapes);
        fine += shapes;
    }
    assert_true(fine >= 90);
    assert_int_equal(fine, bm->n_shapes - 74); /* and every close-up shape is a fine region */
    assert_non_null(bodymap_site_find(bm, "upper-trapezius", 'l'));
    assert_null(bodymap_site_find(bm, "upper-trap", 'l'));
    struct bodymap *bad;
    assert_int_equal(bodymap_parse("shape\tx.l\tfront\t1,2 3,4\n", &bad, &err), TRP_EIO);
    assert_non_null(strstr(err.msg, "3 points"));
    assert_int_equal(bodymap_parse("shape\tx.l\tside\t1,2 3,4 5,6\n", &bad, &err), TRP_EIO);
    assert_int_equal(bodymap_parse("shape\tx.l\tfront\t1,2 3,4 5,999\n", &bad, &err), TRP_EIO);
    /* Close-ups: a known view and outlines are fine; outlines are not shapes; a site or an
     * outline on a view without close-ups is a mistake. */
    assert_int_equal(bodymap_parse("outline\t-\tpalms\t1,2 3,4 5,6\n"
                                   "shape\tthumb.l\tpalms\t1,2 3,4 5,6\n", &bad, &err), 0);
    assert_int_equal(bad->n_shapes, 1);
    assert_int_equal(bad->shapes[0].back, BODYMAP_CLOSEUP);
    bodymap_free(bad);
    assert_int_equal(bodymap_parse("shape\tthumb.l\tpalm\t1,2 3,4 5,6\n", &bad, &err), TRP_EIO);
    assert_non_null(strstr(err.msg, "hand-backs"));
    assert_int_equal(bodymap_parse("outline\t-\tfront\t1,2 3,4 5,6\n", &bad, &err), TRP_EIO);
    assert_int_equal(bodymap_parse("site\tdeltoid.l\tpalms\t1,2\n", &bad, &err), TRP_EIO);
}

static void test_factors(void **state)
{
    (void)state;
    golden_chart("factors", CHART_FACTORS, &fx_factors, "Perpetuating factors");
    /* Never done before a flare, ever: Firth's optimum sits far out and the interval spans
     * 3e-8 to 1.5e13. Not estimable yet: no marker, no number, on neither side. */
    static const struct chart_factor cliff[] = {
        {"cliff jumping, per hour", "task", 0, 330912, 3e-8, 1.5e13, "not-enough-data", "raises", 0, 10},
    };
    struct chart_factors one = {cliff, 1, NULL};
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    struct trp_err err;
    assert_int_equal(render_chart_svg(CHART_FACTORS, &one, RENDER_A4_WIDTH, NULL, &sb, &err), 0);
    assert_non_null(strstr(strbuf_str(&sb), "not estimable yet"));
    assert_null(strstr(strbuf_str(&sb), "330912"));
    strbuf_release(&sb);
    struct chart_factors none = {NULL, 0, "Analysis not available yet."};
    golden_chart("factors_empty", CHART_FACTORS, &none, NULL);
}

static void test_progress(void **state)
{
    (void)state;
    struct chart_progress p;
    struct chart_week weeks[8];
    fx_progress_init(&p, weeks);
    golden_chart("progress", CHART_PROGRESS, &p, "Progress");
    p.n_weeks = 1;
    p.baseline = p.threshold = p.current = NAN;
    p.trend_start = p.trend_end = NAN;
    p.status = "too-early";
    golden_chart("progress_one_week", CHART_PROGRESS, &p, NULL);
}

static void test_formats(void **state)
{
    (void)state;
    /* PNG and PDF come out with their magic numbers. */
    static struct fx_timeline f;
    fx_timeline_init(&f);
    struct trp_err err;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(render_chart_write(CHART_TIMELINE, &f.tl, 360, NULL, RENDER_PNG, m, &err), 0);
    fclose(m);
    assert_true(len > 8 && memcmp(buf, "\x89PNG", 4) == 0);
    free(buf);
    m = open_memstream(&buf, &len);
    assert_int_equal(render_chart_write(CHART_BODYMAP, &fx_bodymap, 515, "x", RENDER_PDF, m,
                                        &err), 0);
    fclose(m);
    assert_true(len > 8 && memcmp(buf, "%PDF-", 5) == 0);
    free(buf);
    enum render_format fmt;
    assert_int_equal(render_format_parse("gif", &fmt, &err), TRP_EINVAL);
    assert_int_equal(chart_kind_parse("bodymap"), CHART_BODYMAP);
    assert_int_equal(chart_kind_parse("pie"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_timeline_one_day),
        cmocka_unit_test(test_timeline_empty),
        cmocka_unit_test(test_bodymap),
        cmocka_unit_test(test_bodymap_figure),
        cmocka_unit_test(test_factors),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
