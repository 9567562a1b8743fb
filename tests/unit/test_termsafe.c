/*
 * Unit tests for termsafe: what a terminal would obey (escape sequences, carriage returns,
 * 8-bit and Unicode C1 controls, bidirectional overrides, broken UTF-8) comes out as
 * readable escapes; ordinary text in any script comes out unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/termsafe.h"

static struct arena *a;

static const char *esc(const char *s)
{
    return termsafe(a, s);
}

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    assert_string_equal(esc("left temple, aching"), "left temple, aching");
    assert_string_equal(esc("Schulter schmerzt, Übung gemacht"), "Schulter schmerzt, Übung gemacht");
    assert_string_equal(esc("肩こり 😣 עברית"), "肩こり 😣 עברית");
    assert_string_equal(esc("a \\x1b backslash stays"), "a \\x1b backslash stays");
    assert_string_equal(esc(""), "");
}

static void test_c0_controls(void **state)
{
    (void)state;
    /* A JSON time that sets the window title, a bell, a screen clear. */
    assert_string_equal(esc("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
    assert_string_equal(esc("\x1b[2J"), "\\x1b[2J");
    /* A carriage return would let a note overwrite the start of its own line. */
    assert_string_equal(esc("ok\r#99 fake"), "ok\\r#99 fake");
    assert_string_equal(esc("two\nlines"), "two\\nlines");
    assert_string_equal(esc("tab\there"), "tab\\there");
    assert_string_equal(esc("del\x7f"), "del\\x7f");
}

static void test_c1_and_broken_utf8(void **state)
{
    (void)state;
    /* U+009B (CSI) encoded in UTF-8, and the same value as a raw 8-bit byte. */
    assert_string_equal(esc("x\xc2\x9b" "31m"), "x\\u009b31m");
    assert_string_equal(esc("x\x9b" "31m"), "x\\x9b31m");
    assert_string_equal(esc("\xc2\x85"), "\\u0085");
    /* Overlong encodings and surrogates are not UTF-8: shown byte by byte. */
    assert_string_equal(esc("\xc0\x9b"), "\\xc0\\x9b");
    assert_string_equal(esc("\xed\xa0\x80"), "\\xed\\xa0\\x80");
    /* A sequence cut short at the end of the string. */
    assert_string_equal(esc("ab\xe2\x80"), "ab\\xe2\\x80");
}

static void test_bidi_controls(void **state)
{
    (void)state;
    /* RIGHT-TO-LEFT OVERRIDE makes "fdp.exe" read as "exe.pdf". */
    assert_string_equal(esc("\xe2\x80\xae" "fdp.exe"), "\\u202efdp.exe");
    assert_string_equal(esc("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"),
                        "\\u202a\\u202b\\u202c\\u202d");
    assert_string_equal(esc("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"),
                        "\\u2066\\u2067\\u2068\\u2069");
    assert_string_equal(esc("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c"), "\\u200e\\u200f\\u061c");
    /* Line and paragraph separators could fake a line break. */
    assert_string_equal(esc("a\xe2\x80\xa8" "b\xe2\x80\xa9"), "a\\u2028b\\u2029");
    /* Neighbours of the ranges are ordinary punctuation. */
    assert_string_equal(esc("\xe2\x80\xa9"), "\\u2029");
    assert_string_equal(esc("\xe2\x80\xaf"), "\xe2\x80\xaf");
    assert_string_equal(esc("\xe2\x81\xa5"), "\xe2\x81\xa5");
}

static void test_keep_newlines(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    termsafe_add(&sb, "line one\nline\x1b two", 1);
    assert_string_equal(strbuf_str(&sb), "line one\nline\\x1b two");
    strbuf_release(&sb);
}

int main(void)
{
    a = arena_new();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_c0_controls),
        cmocka_unit_test(test_c1_and_broken_utf8),
        cmocka_unit_test(test_bidi_controls),
        cmocka_unit_test(test_keep_newlines),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    arena_free(a);
    return rc;
}
