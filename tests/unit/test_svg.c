/*
 * Unit tests for the SVG writer: XML escaping (markup, quotes, control characters), the
 * document frame, element output and number formatting, and the buffer cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "render/canvas.h"
#include "render/svg.h"

static void test_escape(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    assert_int_equal(svg_escape(&sb, "a<b & c>\"d\" 'e'"), 0);
    assert_string_equal(strbuf_str(&sb), "a&lt;b &amp; c&gt;&quot;d&quot; &#39;e&#39;");
    strbuf_reset(&sb);
    /* Control characters are not allowed in XML 1.0; tab, newline and UTF-8 pass. */
    assert_int_equal(svg_escape(&sb, "x\x01y\tz\n\xc3\xa9"), 0);
    assert_string_equal(strbuf_str(&sb), "xy\tz\n\xc3\xa9");
    strbuf_reset(&sb);
    assert_int_equal(svg_escape(&sb, NULL), 0);
    assert_string_equal(strbuf_str(&sb), "");
    strbuf_release(&sb);
}

static void test_document(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    struct svg_canvas sc;
    svg_canvas_begin(&sc, &sb, 100, 50.25, "Pain & <tasks>");
    struct canvas *c = &sc.canvas;
    canvas_rect(c, 1, 2, 3.04, 4.06, PAL_BLUE, CANVAS_NONE, 0);
    canvas_line(c, -0.01, 0, 10, 10, PAL_VERMILION, 1.5);
    canvas_text(c, 5, 6, "7 < 8", 9, 1, CANVAS_MIDDLE, PAL_INK);
    canvas_group_begin(c, "a \"title\"");
    canvas_circle(c, 1, 1, 2, CANVAS_NONE, PAL_BLACK, 1);
    canvas_group_end(c);
    assert_int_equal(svg_canvas_end(&sc), 0);
    const char *s = strbuf_str(&sb);
    assert_non_null(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50.3\""));
    assert_non_null(strstr(s, "<title>Pain &amp; &lt;tasks&gt;</title>"));
    assert_non_null(strstr(s, "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4.1\" fill=\"#0072b2\"/>"));
    assert_non_null(strstr(s, "<line x1=\"0\" y1=\"0\" x2=\"10\" y2=\"10\" fill=\"none\" "
                              "stroke=\"#d55e00\" stroke-width=\"1.5\"/>"));
    assert_non_null(strstr(s, "text-anchor=\"middle\" font-weight=\"bold\">7 &lt; 8</text>"));
    assert_non_null(strstr(s, "<g><title>a &quot;title&quot;</title>"));
    assert_non_null(strstr(s, "</g>\n</svg>\n"));
    /* Every opened element is closed: as many "<g>" as "</g>". */
    size_t open = 0, close = 0;
    for (const char *p = s; (p = strstr(p, "<g>")); p++)
        open++;
    for (const char *p = s; (p = strstr(p, "</g>")); p++)
        close++;
    assert_int_equal(open, close);
    strbuf_release(&sb);
}

static void test_cap(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 300);
    struct svg_canvas sc;
    svg_canvas_begin(&sc, &sb, 10, 10, NULL);
    for (int i = 0; i < 100; i++)
        canvas_rect(&sc.canvas, i, i, 1, 1, PAL_BLUE, CANVAS_NONE, 0);
    assert_int_equal(svg_canvas_end(&sc), TRP_EINVAL);
    strbuf_release(&sb);
}

static void test_wrap_and_ramp(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    const char *lines[4];
    size_t n = canvas_wrap(a, "the quick brown fox jumps over the lazy dog", 10, 0, 80, lines, 4);
    assert_true(n >= 2);
    for (size_t i = 0; i < n; i++)
        assert_true(canvas_text_width(lines[i], 10, 0) <= 80 || strchr(lines[i], ' ') == NULL);
    n = canvas_wrap(a, "one two three four five six seven eight nine ten", 10, 0, 40, lines, 2);
    assert_int_equal(n, 2);
    assert_non_null(strstr(lines[1], "..."));
    assert_int_equal(canvas_ramp(0), 0xFDE725u);
    assert_int_equal(canvas_ramp(1), 0x472D7Bu);
    assert_int_equal(canvas_ramp(-3), canvas_ramp(0));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_wrap_and_ramp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
