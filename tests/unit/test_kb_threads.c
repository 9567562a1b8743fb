/*
 * Unit tests for the knowledge base's process-wide tables under the server's thread pool:
 * many threads released at once by a barrier ask for the same muscles, regions and body-map
 * figure, the way parallel requests do right after `trp serve` starts. Every thread must get
 * the very same object (one build, nothing parsed twice, no half-built table seen), and
 * LeakSanitizer in the sanitized suite catches a copy built twice and dropped.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/region.h"
#include "kb/index.h"
#include "kb/muscle.h"
#include "kb/where.h"
#include "render/bodymap.h"

#define THREADS 16
#define MAXFILES 512

extern const size_t trp_muscle_files_count;

static pthread_barrier_t start;

/* What one thread saw. */
struct seen {
    const struct muscle *file[MAXFILES]; /* muscle_of_file(i), before the whole load */
    int rc;
    size_t count;
    const struct muscle *found;
    const struct region *temple;
    const struct bodymap *figure;
    char top[64]; /* first muscle for "left temple" */
};

static struct seen seen[THREADS];

static void *before_load(void *arg)
{
    struct seen *s = arg;
    struct trp_err err = {0};
    pthread_barrier_wait(&start);
    /* Each thread walks the files from a different place, so the slots are contended. */
    size_t n = trp_muscle_files_count, off = (size_t)(s - seen) * 7 % (n ? n : 1);
    for (size_t k = 0; k < n && k < MAXFILES; k++) {
        size_t i = (k + off) % n;
        s->rc |= muscle_of_file(i, &s->file[i], &err);
    }
    return NULL;
}

static void *whole_load(void *arg)
{
    struct seen *s = arg;
    struct trp_err err = {0};
    pthread_barrier_wait(&start);
    s->rc |= muscle_load(&err);
    s->count = muscle_count();
    s->found = muscle_find("upper trapezius");
    s->temple = region_find("temple.l");
    s->figure = bodymap_get(&err);
    const char *const phrase[] = {"left temple"};
    struct where_query q;
    struct where_candidate c[5];
    size_t got = 0;
    if (!where_query_build(phrase, 1, &q, &err) && !where_rank(&q, c, 5, &got, &err) && got)
        snprintf(s->top, sizeof s->top, "%s", c[0].muscle->id);
    return NULL;
}

static void run(void *(*fn)(void *))
{
    pthread_t t[THREADS];
    memset(seen, 0, sizeof seen);
    pthread_barrier_init(&start, NULL, THREADS);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, fn, &seen[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
}

/* Runs first: nothing has loaded the whole base yet, so `where` parses one file at a time. */
static void test_one_file_cache_is_shared(void **state)
{
    (void)state;
    assert_true(trp_muscle_files_count > 10 && trp_muscle_files_count <= MAXFILES);
    run(before_load);
    for (int k = 0; k < THREADS; k++) {
        assert_int_equal(seen[k].rc, 0);
        for (size_t i = 0; i < trp_muscle_files_count; i++) {
            assert_non_null(seen[k].file[i]);
            if (seen[k].file[i] != seen[0].file[i])
                fail_msg("thread %d got another copy of muscle file %zu (%s)", k, i,
                         seen[k].file[i]->id);
        }
    }
}

static void test_whole_base_built_once(void **state)
{
    (void)state;
    run(whole_load);
    assert_true(seen[0].count == trp_muscle_files_count);
    assert_non_null(seen[0].found);
    assert_string_equal(seen[0].found->id, "upper-trapezius");
    assert_non_null(seen[0].temple);
    assert_non_null(seen[0].figure);
    assert_true(seen[0].top[0]);
    for (int k = 0; k < THREADS; k++) {
        assert_int_equal(seen[k].rc, 0);
        assert_true(seen[k].count == seen[0].count);
        assert_ptr_equal(seen[k].found, seen[0].found);
        assert_ptr_equal(seen[k].temple, seen[0].temple);
        assert_ptr_equal(seen[k].figure, seen[0].figure);
        assert_string_equal(seen[k].top, seen[0].top);
    }
    /* Once loaded, every file is served from the one table. */
    const struct muscle *m;
    struct trp_err err = {0};
    assert_int_equal(muscle_of_file(0, &m, &err), 0);
    assert_ptr_equal(m, muscle_at(0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_file_cache_is_shared),
        cmocka_unit_test(test_whole_base_built_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
