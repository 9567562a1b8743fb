/*
 * Unit tests for the request parsing and checks of trp serve: query strings as browsers
 * and scripts write them (spaces as + or %20, UTF-8, repeated keys), the refusals (bad
 * escapes, NUL bytes, invalid UTF-8, overlong values), cookies, and the Host and Origin
 * rules that stop DNS rebinding and cross-site requests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "http/http.h"

static const char *get(struct arena *a, const char *query, const char *key, int *rc)
{
    const char *v = NULL;
    struct trp_err err = {0};
    *rc = http_query_get(a, query, key, &v, &err);
    if (*rc)
        assert_true(strstr(err.msg, key) != NULL); /* the message names the parameter */
    return v;
}

static void test_query_values(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    int rc;
    assert_string_equal(get(a, "since=-7d&kind=pain", "kind", &rc), "pain");
    assert_string_equal(get(a, "q=left+temple%2C%20outer%20elbow", "q", &rc), "left temple, outer elbow");
    assert_string_equal(get(a, "q=Schl%C3%A4fe", "q", &rc), "Schl\xc3\xa4" "fe");
    assert_string_equal(get(a, "kind=pain&kind=task", "kind", &rc), "pain"); /* the first wins */
    assert_string_equal(get(a, "deleted", "deleted", &rc), "");
    assert_string_equal(get(a, "sin%63e=-1d", "since", &rc), "-1d"); /* keys are decoded too */
    assert_null(get(a, "sincex=1&xsince=2", "since", &rc));
    assert_int_equal(rc, 0);
    assert_null(get(a, "", "since", &rc));
    arena_free(a);
}

static void test_query_refusals(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    int rc;
    get(a, "since=%zz", "since", &rc);
    assert_int_equal(rc, TRP_EINVAL);
    get(a, "since=%2", "since", &rc);
    assert_int_equal(rc, TRP_EINVAL);
    get(a, "since=a%00b", "since", &rc);
    assert_int_equal(rc, TRP_EINVAL);
    get(a, "q=%C3%28", "q", &rc); /* invalid UTF-8 */
    assert_int_equal(rc, TRP_EINVAL);
    char big[1200];
    memcpy(big, "q=", 2);
    memset(big + 2, 'x', sizeof big - 3);
    big[sizeof big - 1] = 0;
    get(a, big, "q", &rc);
    assert_int_equal(rc, TRP_EINVAL);
    arena_free(a);
}

static void test_cookie(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_string_equal(http_cookie_get(a, "a=1; trp_session=abc; b=2", "trp_session"), "abc");
    assert_string_equal(http_cookie_get(a, "trp_session=xyz", "trp_session"), "xyz");
    assert_null(http_cookie_get(a, "xtrp_session=abc", "trp_session"));
    assert_null(http_cookie_get(a, NULL, "trp_session"));
    arena_free(a);
}

static void test_secret_eq(void **state)
{
    (void)state;
    assert_true(http_secret_eq("abc", "abc"));
    assert_false(http_secret_eq("abc", "abd"));
    assert_false(http_secret_eq("abc", "abcd"));
    assert_false(http_secret_eq("", ""));
    assert_false(http_secret_eq(NULL, "abc"));
}

static void test_host(void **state)
{
    (void)state;
    assert_true(http_host_ok("127.0.0.1:8737", "127.0.0.1", 8737));
    assert_true(http_host_ok("localhost:8737", "127.0.0.1", 8737));
    assert_true(http_host_ok("192.168.1.20:8737", "0.0.0.0", 8737)); /* a phone on the Wi-Fi */
    assert_true(http_host_ok("[::1]:8737", "::1", 8737));
    assert_false(http_host_ok("attacker.example:8737", "127.0.0.1", 8737));
    assert_false(http_host_ok("127.0.0.1.attacker.example:8737", "127.0.0.1", 8737));
    assert_false(http_host_ok("127.0.0.1:8738", "127.0.0.1", 8737));
    assert_false(http_host_ok("127.0.0.1", "127.0.0.1", 8737));
    assert_false(http_host_ok("1.2.3.4.5:8737", "127.0.0.1", 8737));
    assert_false(http_host_ok(NULL, "127.0.0.1", 8737));
    assert_true(http_host_ok("mylaptop.local:8737", "mylaptop.local", 8737));
}

static void test_origin(void **state)
{
    (void)state;
    assert_true(http_origin_ok(NULL, "127.0.0.1:8737", 0));
    assert_true(http_origin_ok("http://127.0.0.1:8737", "127.0.0.1:8737", 0));
    assert_false(http_origin_ok("https://127.0.0.1:8737", "127.0.0.1:8737", 0));
    assert_false(http_origin_ok("http://evil.example", "127.0.0.1:8737", 0));
    assert_false(http_origin_ok("null", "127.0.0.1:8737", 0));
    assert_true(http_origin_ok("https://192.168.1.20:8737", "192.168.1.20:8737", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_values), cmocka_unit_test(test_query_refusals),
        cmocka_unit_test(test_cookie),       cmocka_unit_test(test_secret_eq),
        cmocka_unit_test(test_host),         cmocka_unit_test(test_origin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
