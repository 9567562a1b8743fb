/*
 * Unit tests for the arena: alignment, large requests, formatted strings and deferred
 * cleanups running once, in reverse order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"

static void test_alignment_and_growth(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    for (int i = 1; i < 5000; i += 37) {
        void *p = arena_alloc(a, (size_t)i);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        memset(p, 0xab, (size_t)i);
    }
    char *big = arena_alloc(a, 3u << 20);
    memset(big, 1, 3u << 20);
    char *small = arena_alloc(a, 8);
    assert_non_null(small);
    assert_true(arena_used(a) >= (3u << 20));
    arena_free(a);
}

static void test_strings(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    assert_string_equal(arena_printf(a, "%d-%s", 42, "x"), "42-x");
    assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
    assert_null(arena_strdup(a, NULL));
    int *z = arena_zalloc(a, 10, sizeof *z);
    for (int i = 0; i < 10; i++)
        assert_int_equal(z[i], 0);
    arena_free(a);
}

static int order[3];
static int order_n;
static void record(void *p) { order[order_n++] = *(int *)p; }

static void test_defer_reverse_order(void **state)
{
    (void)state;
    static int one = 1, two = 2, three = 3;
    order_n = 0;
    struct arena *a = arena_new();
    arena_defer(a, record, &one);
    arena_defer(a, record, &two);
    arena_defer(a, record, &three);
    arena_free(a);
    assert_int_equal(order_n, 3);
    assert_int_equal(order[0], 3);
    assert_int_equal(order[2], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_and_growth),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_defer_reverse_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
