/*
 * Unit tests for the RFC 4180 reader and writer: quoting, escaped quotes, embedded line
 * breaks, CRLF, BOM, blank lines, and each malformed input refused with its line number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/csv.h"

static void test_reading(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n,,\n";
    struct csv_reader r;
    struct trp_err err = {0};
    assert_int_equal(csv_open(&r, text, strlen(text), &err), 0);
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.n_fields, 3);
    assert_string_equal(r.fields[0], "a");
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.line, 2);
    assert_string_equal(r.fields[1], "x, \"y\"");
    assert_string_equal(r.fields[2], "two\nlines");
    assert_int_equal(csv_next(&r, &err), 1);
    assert_int_equal(r.line, 5);
    assert_int_equal(r.n_fields, 3);
    assert_string_equal(r.fields[2], "");
    assert_int_equal(csv_next(&r, &err), 0);
    csv_close(&r);
}

static void refused(const char *text, size_t len, const char *fragment)
{
    struct csv_reader r;
    struct trp_err err = {0};
    int rc = csv_open(&r, text, len, &err);
    while (rc == 0 && (rc = csv_next(&r, &err)) > 0)
        rc = 0;
    if (rc == 0)
        fail_msg("accepted: %s", text);
    if (!strstr(err.msg, fragment))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, fragment);
    csv_close(&r);
}

static void test_refusals(void **state)
{
    (void)state;
    refused("a,b\n1,\"open\n", 12, "line 2: unterminated quoted field");
    refused("a,b\n1,x\"y\n", 10, "line 2: quote inside an unquoted field");
    refused("a,b\n\"q\"x,1\n", 11, "line 2: text after a closing quote");
    refused("a,b\n1,\xff\n", 7, "line 2: not valid UTF-8");
    refused("a\nb\n\0c\n", 6, "line 3: contains a NUL byte");
    refused("a\n\xed\xa0\x80\n", 6, "not valid UTF-8"); /* a UTF-16 surrogate */
}

static void test_writer(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    const char *fields[] = {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""};
    for (size_t i = 0; i < 6; i++) {
        if (i)
            strbuf_addc(&sb, ',');
        assert_int_equal(csv_write_field(&sb, fields[i]), 0);
    }
    assert_string_equal(strbuf_str(&sb), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",");
    /* What the writer writes, the reader reads back. */
    strbuf_addc(&sb, '\n');
    struct csv_reader r;
    assert_int_equal(csv_open(&r, sb.buf, sb.len, NULL), 0);
    assert_int_equal(csv_next(&r, NULL), 1);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(r.fields[i], fields[i]);
    csv_close(&r);
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reading),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
