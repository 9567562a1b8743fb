/*
 * Unit tests for strbuf: appends, formatting, and the hard cap that protects trp from
 * unbounded input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "base/strbuf.h"

static void test_append(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(strbuf_adds(&sb, "pain"), 0);
    assert_int_equal(strbuf_addc(&sb, ' '), 0);
    assert_int_equal(strbuf_addf(&sb, "%d/10", 7), 0);
    assert_string_equal(strbuf_str(&sb), "pain 7/10");
    assert_int_equal(sb.len, 9);
    strbuf_reset(&sb);
    assert_string_equal(strbuf_str(&sb), "");
    strbuf_release(&sb);
}

static void test_cap(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 8);
    assert_int_equal(strbuf_adds(&sb, "12345678"), 0);
    assert_int_equal(strbuf_addc(&sb, '9'), TRP_EINVAL);
    assert_int_equal(strbuf_addf(&sb, "%s", "x"), TRP_EINVAL);
    assert_string_equal(strbuf_str(&sb), "12345678");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append),
        cmocka_unit_test(test_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
