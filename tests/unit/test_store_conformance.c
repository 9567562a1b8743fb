/*
 * The store's contract (store.h, store_clinic.h), run against whichever backend the
 * environment names: an SQLite file by default, PostgreSQL when TRP_TEST_PG holds a libpq
 * URI (tests/pg/with_cluster.sh starts a throwaway cluster and sets it). The same tests,
 * the same expectations: every kind round-trips, edits keep the earlier version, deleting
 * and restoring refuse the wrong state, queries filter and order alike, an explicit
 * transaction is all or nothing, one person's handle never reaches another's entries,
 * concurrent writers all succeed, and a database of another program is left alone.
 */
#include <libpq-fe.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/arena.h"
#include "core/entry.h"
#include "store/migrations.h"
#include "store/migrations_pg.h"
#include "store/store.h"
#include "store/store_clinic.h"

struct fixture {
    char path[512];
    struct store *s;
    struct arena *a;
};

static const char *pg_uri(void)
{
    const char *u = getenv("TRP_TEST_PG");
    return u && u[0] ? u : NULL;
}

/* Runs SQL on the test cluster directly (setting up and inspecting, never through trp). */
static void pg_sql(const char *sql)
{
    PGconn *c = PQconnectdb(pg_uri());
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (pg_uri()) {
        snprintf(f->path, sizeof f->path, "%s", pg_uri());
        pg_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    } else {
        snprintf(f->path, sizeof f->path, "/tmp/trp-test-conf-XXXXXX");
        int fd = mkstemp(f->path);
        assert_true(fd >= 0);
        close(fd);
        unlink(f->path);
    }
    struct trp_err err = {0};
    if (store_open(f->path, &f->s, &err))
        fail_msg("open: %s", err.msg);
    f->a = arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->s);
    arena_free(f->a);
    if (!pg_uri()) {
        char side[600];
        unlink(f->path);
        snprintf(side, sizeof side, "%s-wal", f->path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", f->path);
        unlink(side);
    }
    free(f);
    return 0;
}

static struct entry pain_at(int64_t utc, double v)
{
    struct entry e;
    entry_init(&e, ENTRY_PAIN);
    e.at.utc = utc;
    e.at.offset_min = 60;
    e.value = v;
    return e;
}

static int64_t count(struct store *s, int include_deleted)
{
    struct store_query q;
    store_query_init(&q);
    q.include_deleted = include_deleted;
    int64_t n = -1;
    struct trp_err err = {0};
    assert_int_equal(store_entry_count(s, &q, &n, &err), 0);
    return n;
}

static void test_backend_and_schema(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(store_backend(f->s), pg_uri() ? "postgresql" : "sqlite");
    /* Every SQLite migration has its PostgreSQL twin, with the same number and name. */
    assert_int_equal(store_pg_diary_migrations_count, store_sqlite_migrations_count);
    for (size_t i = 0; i < store_sqlite_migrations_count; i++) {
        assert_int_equal(store_pg_diary_migrations[i].version, store_sqlite_migrations[i].version);
        assert_string_equal(store_pg_diary_migrations[i].name, store_sqlite_migrations[i].name);
    }
    int v = store_schema_version(f->s);
    assert_int_equal(v, store_sqlite_migrations[store_sqlite_migrations_count - 1].version);
    store_close(f->s);
    struct trp_err err = {0};
    assert_int_equal(store_open(f->path, &f->s, &err), 0); /* reopening migrates nothing */
    assert_int_equal(store_schema_version(f->s), v);
    assert_int_equal(store_is_read_only(f->s), 0);
    assert_int_equal(store_person(f->s), 1);
}

static void test_every_kind_round_trips(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry p = pain_at(1772352000, 6.5);
    assert_int_equal(entry_add_region(f->a, &p, "left temple", 7, NULL), 0);
    assert_int_equal(entry_add_region(f->a, &p, "low back on the right", ENTRY_UNSET, NULL), 0);
    const char *q[] = {"aching", "throbbing"};
    p.qualities = q;
    p.n_qualities = 2;
    p.flare = 1;
    p.note = "woke with it; 'quotes' and \"double\" and ü";
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    assert_true(p.id > 0);
    assert_true(p.created_at > 0);

    struct entry t;
    entry_init(&t, ENTRY_TASK);
    t.at = p.at;
    t.name = "computer work";
    t.minutes = 150;
    t.effort = 3;
    t.posture = "sitting";
    assert_int_equal(store_entry_insert(f->s, &t, &err), 0);

    struct entry fa;
    entry_init(&fa, ENTRY_FACTOR);
    fa.at = p.at;
    fa.name = "sleep";
    fa.value = 6.25;
    assert_int_equal(store_entry_insert(f->s, &fa, &err), 0);

    struct entry tr;
    entry_init(&tr, ENTRY_TREATMENT);
    tr.at = p.at;
    tr.treat.technique = "compression";
    tr.treat.muscle = "upper-trapezius";
    tr.treat.side = "right";
    tr.treat.hold_seconds = 75;
    tr.treat.passes = 3;
    tr.treat.released = 1;
    tr.treat.pressure = 6.5;
    tr.treat.pain_before = 6;
    tr.treat.pain_after = 2;
    tr.treat.performer = "practitioner";
    assert_int_equal(store_entry_insert(f->s, &tr, &err), 0);

    struct entry g;
    assert_int_equal(store_entry_get(f->s, f->a, p.id, &g, &err), 0);
    assert_int_equal(g.kind, ENTRY_PAIN);
    assert_true(g.value == 6.5);
    assert_int_equal(g.at.utc, p.at.utc);
    assert_int_equal(g.at.offset_min, 60);
    assert_int_equal(g.flare, 1);
    assert_int_equal(g.n_qualities, 2);
    assert_string_equal(g.qualities[1], "throbbing");
    assert_string_equal(g.note, p.note);
    assert_int_equal(g.n_regions, 2);
    /* Regions come back in the byte order of their ids on both backends. */
    assert_true(strcmp(g.regions[0].region, g.regions[1].region) < 0);
    int seen_temple = 0;
    for (size_t i = 0; i < g.n_regions; i++)
        if (!strcmp(g.regions[i].region, "temple.l") && g.regions[i].intensity == 7)
            seen_temple = 1;
    assert_true(seen_temple);
    assert_int_equal(g.deleted_at, 0);

    assert_int_equal(store_entry_get(f->s, f->a, t.id, &g, &err), 0);
    assert_string_equal(g.name, "computer work");
    assert_int_equal(g.minutes, 150);
    assert_int_equal(g.effort, 3);
    assert_string_equal(g.posture, "sitting");
    assert_null(g.note);

    assert_int_equal(store_entry_get(f->s, f->a, fa.id, &g, &err), 0);
    assert_true(g.value == 6.25);
    assert_int_equal(g.effort, ENTRY_UNSET);

    assert_int_equal(store_entry_get(f->s, f->a, tr.id, &g, &err), 0);
    assert_string_equal(g.treat.muscle, "upper-trapezius");
    assert_string_equal(g.treat.side, "right");
    assert_int_equal(g.treat.hold_seconds, 75);
    assert_int_equal(g.treat.passes, 3);
    assert_int_equal(g.treat.released, 1);
    assert_true(g.treat.pressure == 6.5);
    assert_int_equal(g.treat.pain_before, 6);
    assert_int_equal(g.treat.pain_after, 2);
    assert_string_equal(g.treat.performer, "practitioner");

    assert_int_equal(store_entry_get(f->s, f->a, 9999, &g, &err), TRP_ENOTFOUND);
    assert_non_null(strstr(err.msg, "9999"));
}

/* Medication (with and without a dose), PGIC and PSFS, and the last entry's time. */
static void test_outcome_and_medication_kinds(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry m;
    entry_init(&m, ENTRY_MEDICATION);
    m.at.utc = 1772352000;
    m.at.offset_min = 60;
    m.name = "ibuprofen";
    m.value = 400;
    m.unit = "mg";
    assert_int_equal(store_entry_insert(f->s, &m, &err), 0);
    struct entry m2;
    entry_init(&m2, ENTRY_MEDICATION);
    m2.at.utc = 1772352100;
    m2.name = "heat pack";
    assert_int_equal(store_entry_insert(f->s, &m2, &err), 0);
    struct entry g;
    entry_init(&g, ENTRY_PGIC);
    g.at.utc = 1772352200;
    g.value = 3;
    assert_int_equal(store_entry_insert(f->s, &g, &err), 0);
    struct entry p;
    entry_init(&p, ENTRY_PSFS);
    p.at.utc = 1772352300;
    p.at.offset_min = -300;
    p.name = "lifting my child";
    p.value = 4;
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);

    struct entry back;
    assert_int_equal(store_entry_get(f->s, f->a, m.id, &back, &err), 0);
    assert_int_equal(back.kind, ENTRY_MEDICATION);
    assert_true(back.value == 400);
    assert_string_equal(back.unit, "mg");
    assert_int_equal(store_entry_get(f->s, f->a, m2.id, &back, &err), 0);
    assert_true(back.value < 0);
    assert_null(back.unit);
    assert_int_equal(store_entry_get(f->s, f->a, g.id, &back, &err), 0);
    assert_true(back.value == 3);
    assert_int_equal(store_entry_get(f->s, f->a, p.id, &back, &err), 0);
    assert_string_equal(back.name, "lifting my child");

    struct store_query q;
    store_query_init(&q);
    struct trp_time last;
    assert_int_equal(store_entry_last_time(f->s, &q, &last, &err), 0);
    assert_int_equal(last.utc, 1772352300);
    assert_int_equal(last.offset_min, -300);
    q.kind = ENTRY_PGIC;
    assert_int_equal(store_entry_last_time(f->s, &q, &last, &err), 0);
    assert_int_equal(last.utc, 1772352200);
    q.kind = ENTRY_TASK;
    assert_int_equal(store_entry_last_time(f->s, &q, &last, &err), TRP_ENOTFOUND);
}

static void test_invalid_insert_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct entry bad = pain_at(1772352000, 12);
    struct trp_err err = {0};
    assert_int_equal(store_entry_insert(f->s, &bad, &err), TRP_EINVAL);
    assert_int_equal(count(f->s, 1), 0);
}

static void test_update_delete_restore(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry p = pain_at(1772352000, 4);
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    p.value = 8;
    assert_int_equal(store_entry_update(f->s, &p, &err), 0);
    struct entry g;
    assert_int_equal(store_entry_get(f->s, f->a, p.id, &g, &err), 0);
    assert_true(g.value == 8);
    struct store_revision *revs;
    size_t n = 0;
    assert_int_equal(store_entry_history(f->s, f->a, p.id, &revs, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(revs[0].previous.value == 4);

    assert_int_equal(store_entry_delete(f->s, p.id, &err), 0);
    assert_int_equal(store_entry_delete(f->s, p.id, &err), TRP_ECONFLICT);
    assert_int_equal(store_entry_update(f->s, &p, &err), TRP_ECONFLICT);
    assert_int_equal(count(f->s, 0), 0);
    struct store_query q;
    store_query_init(&q);
    q.only_deleted = 1;
    int64_t k = -1;
    assert_int_equal(store_entry_count(f->s, &q, &k, &err), 0);
    assert_int_equal(k, 1);
    assert_int_equal(store_entry_restore(f->s, p.id, &err), 0);
    assert_int_equal(store_entry_restore(f->s, p.id, &err), TRP_ECONFLICT);
    assert_int_equal(store_entry_delete(f->s, 424242, &err), TRP_ENOTFOUND);
    assert_int_equal(count(f->s, 0), 1);
}

struct collect {
    int64_t ids[16];
    int n;
};

static int collect_one(const struct entry *e, void *data)
{
    struct collect *c = data;
    c->ids[c->n++] = e->id;
    return 0;
}

static void test_query_filters_and_order(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    int64_t base = 1772352000;
    int64_t ids[5];
    int64_t times[5] = {base + 300, base, base + 200, base + 100, base + 400};
    for (int i = 0; i < 5; i++) {
        struct entry e = pain_at(times[i], i);
        assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
        ids[i] = e.id;
    }
    struct entry same_time = pain_at(base + 100, 9); /* ties go by id */
    assert_int_equal(store_entry_insert(f->s, &same_time, &err), 0);
    struct entry note;
    entry_init(&note, ENTRY_NOTE);
    note.at.utc = base + 150;
    note.note = "n";
    assert_int_equal(store_entry_insert(f->s, &note, &err), 0);

    struct store_query q;
    store_query_init(&q);
    q.kind = ENTRY_PAIN;
    q.has_since = 1;
    q.since = base + 100;
    q.has_until = 1;
    q.until = base + 400;
    struct collect c = {{0}, 0};
    assert_int_equal(store_entry_each(f->s, &q, collect_one, &c, &err), 0);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.ids[0], ids[3]);
    assert_int_equal(c.ids[1], same_time.id);
    assert_int_equal(c.ids[2], ids[2]);
    assert_int_equal(c.ids[3], ids[0]);
    q.limit = 2;
    c.n = 0;
    assert_int_equal(store_entry_each(f->s, &q, collect_one, &c, &err), 0);
    assert_int_equal(c.n, 2);
    store_query_init(&q);
    q.kind = ENTRY_NOTE;
    c.n = 0;
    assert_int_equal(store_entry_each(f->s, &q, collect_one, &c, &err), 0);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.ids[0], note.id);
}

static int stop_at_two(const struct entry *e, void *data)
{
    (void)e;
    return ++*(int *)data == 2 ? 7 : 0;
}

static void test_walk_stops_on_callback(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    for (int i = 0; i < 5; i++) {
        struct entry e = pain_at(1772352000 + i, 1);
        assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    }
    struct store_query q;
    store_query_init(&q);
    int seen = 0;
    assert_int_equal(store_entry_each(f->s, &q, stop_at_two, &seen, &err), 7);
    assert_int_equal(seen, 2);
}

/* An import: all of it or none of it. */
static void test_transaction_all_or_nothing(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    assert_int_equal(store_begin(f->s, &err), 0);
    for (int i = 0; i < 10; i++) {
        struct entry e = pain_at(1772352000 + i, 5);
        assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    }
    struct entry bad = pain_at(1772352000, 11);
    assert_int_equal(store_entry_insert(f->s, &bad, &err), TRP_EINVAL);
    store_rollback(f->s);
    assert_int_equal(count(f->s, 1), 0);
    assert_int_equal(store_begin(f->s, &err), 0);
    struct entry e = pain_at(1772352000, 5);
    assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    assert_int_equal(store_commit(f->s, &err), 0);
    assert_int_equal(count(f->s, 1), 1);
}

static void test_history_find_same_and_purge(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry p = pain_at(1772352000, 4);
    p.note = "first";
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    struct entry old = p;
    p.note = "second";
    assert_int_equal(store_entry_update(f->s, &p, &err), 0);
    p.note = "third";
    assert_int_equal(store_entry_update(f->s, &p, &err), 0);

    struct store_revision *revs;
    size_t n = 0;
    assert_int_equal(store_entry_history(f->s, f->a, p.id, &revs, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(revs[0].previous.note, "first");
    assert_string_equal(revs[1].previous.note, "second");

    int64_t same = -1;
    struct entry probe = p; /* the live content, under no id */
    probe.id = 0;
    assert_int_equal(store_entry_find_same(f->s, &probe, &same, &err), 0);
    assert_int_equal(same, p.id);
    old.id = 0;                /* an old version without an id hint is new content */
    assert_int_equal(store_entry_find_same(f->s, &old, &same, &err), 0);
    assert_int_equal(same, 0);
    old.id = p.id;             /* with the id: an old export of this entry */
    assert_int_equal(store_entry_find_same(f->s, &old, &same, &err), 0);
    assert_int_equal(same, p.id);
    struct entry other = pain_at(1772352000, 5); /* same time, other value */
    assert_int_equal(store_entry_find_same(f->s, &other, &same, &err), 0);
    assert_int_equal(same, 0);

    assert_int_equal(store_entry_delete(f->s, p.id, &err), 0); /* deleted still counts */
    assert_int_equal(store_entry_find_same(f->s, &probe, &same, &err), 0);
    assert_int_equal(same, p.id);

    assert_int_equal(store_entry_purge(f->s, p.id, &err), 0);
    assert_int_equal(store_scrub(f->s, &err), 0);
    struct entry g;
    assert_int_equal(store_entry_get(f->s, f->a, p.id, &g, &err), TRP_ENOTFOUND);
    assert_int_equal(store_entry_history(f->s, f->a, p.id, &revs, &n, &err), TRP_ENOTFOUND);
    assert_int_equal(store_entry_purge(f->s, p.id, &err), TRP_ENOTFOUND);
}

static int keep_first(const struct entry *e, void *data)
{
    struct entry *out = data;
    if (!out->id) {
        *out = *e;
        out->revisions = e->revisions ? strdup(e->revisions) : NULL;
    }
    return 0;
}

static void test_insert_deleted_with_revisions(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry p = pain_at(1772352000, 6);
    p.deleted_at = 1;
    p.revisions = "[{\"revised_at\":\"2026-03-01T09:00:00+00:00\",\"previous\":"
                  "{\"time\":\"2026-03-01T09:00:00+01:00\",\"kind\":\"pain\",\"value\":3}}]";
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    struct entry g;
    assert_int_equal(store_entry_get(f->s, f->a, p.id, &g, &err), 0);
    assert_true(g.deleted_at > 1);
    struct store_revision *revs;
    size_t n = 0;
    assert_int_equal(store_entry_history(f->s, f->a, p.id, &revs, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(revs[0].previous.value == 3);
    assert_int_equal(revs[0].revised_at, 1772355600);

    struct store_query q;
    store_query_init(&q);
    q.include_deleted = 1;
    q.with_revisions = 1;
    struct entry first = {0};
    assert_int_equal(store_entry_each(f->s, &q, keep_first, &first, &err), 0);
    assert_non_null(first.revisions);
    /* Spacing may differ between backends; the fields may not. */
    assert_non_null(strstr(first.revisions, "2026-03-01T09:00:00+00:00"));
    assert_non_null(strstr(first.revisions, "\"kind\":\"pain\""));
    free((char *)first.revisions);
}

static void test_intake_and_plan(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct store_intake in;
    assert_int_equal(store_intake_latest(f->s, f->a, &in, &err), TRP_ENOTFOUND);
    int64_t id1 = 0, id2 = 0;
    assert_int_equal(store_intake_save(f->s, "{\"a\":1}", 1772352000, 2, &id1, &err), 0);
    assert_int_equal(store_intake_save(f->s, "{\"a\":2}", 1772352100, 0, &id2, &err), 0);
    assert_true(id2 > id1);
    assert_int_equal(store_intake_latest(f->s, f->a, &in, &err), 0);
    assert_int_equal(in.id, id2);
    assert_string_equal(in.answers_json, "{\"a\":2}");
    assert_int_equal(in.acknowledged_at, 0);
    assert_int_equal(store_intake_acknowledge(f->s, id2, 1772352200, &err), 0);
    assert_int_equal(store_intake_latest(f->s, f->a, &in, &err), 0);
    assert_int_equal(in.acknowledged_at, 1772352200);
    assert_int_equal(store_intake_acknowledge(f->s, 999, 1, &err), TRP_ENOTFOUND);
    assert_int_equal(in.cleared_at, 0);
    assert_null(in.cleared_by);
    assert_int_equal(store_intake_clear(f->s, id2, "Dr. Weiss, GP", 1772352300, &err), 0);
    assert_int_equal(store_intake_latest(f->s, f->a, &in, &err), 0);
    assert_int_equal(in.cleared_at, 1772352300);
    assert_string_equal(in.cleared_by, "Dr. Weiss, GP");
    assert_int_equal(store_intake_clear(f->s, 999, "x", 1, &err), TRP_ENOTFOUND);

    struct store_plan_item it = {0, "upper-trapezius", "right", 3, 2, 1, 1772352000};
    assert_int_equal(store_plan_put(f->s, &it, &err), 0);
    it.release_per_week = 5;
    assert_int_equal(store_plan_put(f->s, &it, &err), 0); /* replaces, keeps history */
    struct store_plan_item it2 = {0, "levator-scapulae", NULL, 1, 1, 0, 1772352000};
    assert_int_equal(store_plan_put(f->s, &it2, &err), 0);
    struct store_plan_item *items;
    size_t n = 0;
    assert_int_equal(store_plan_list(f->s, f->a, &items, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].muscle, "levator-scapulae");
    assert_null(items[0].side);
    assert_string_equal(items[1].muscle, "upper-trapezius");
    assert_int_equal(items[1].release_per_week, 5);
    assert_int_equal(store_plan_end(f->s, "upper-trapezius", 1772352500, &err), 0);
    assert_int_equal(store_plan_end(f->s, "upper-trapezius", 1772352500, &err), TRP_ENOTFOUND);
    assert_int_equal(store_plan_list(f->s, f->a, &items, &n, &err), 0);
    assert_int_equal(n, 1);
}

static void test_treatment_passes(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry tr;
    entry_init(&tr, ENTRY_TREATMENT);
    tr.at.utc = 1772352000;
    tr.treat.technique = "compression";
    tr.treat.muscle = "upper-trapezius";
    tr.treat.performer = "self";
    assert_int_equal(store_entry_insert(f->s, &tr, &err), 0);
    struct store_pass in[2] = {{90, 0}, {3, 1}};
    assert_int_equal(store_treatment_passes_put(f->s, tr.id, in, 2, &err), 0);
    struct store_pass *out;
    size_t n = 0;
    assert_int_equal(store_treatment_passes_get(f->s, tr.id, f->a, &out, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(out[0].hold_seconds, 90);
    assert_int_equal(out[1].softened, 1);
    assert_int_equal(store_treatment_passes_put(f->s, 4242, in, 2, &err), TRP_ENOTFOUND);
    /* Purging the treatment takes its passes. */
    assert_int_equal(store_entry_purge(f->s, tr.id, &err), 0);
    assert_int_equal(store_treatment_passes_get(f->s, tr.id, f->a, &out, &n, &err), 0);
    assert_int_equal(n, 0);
}

/* A walk sees each entry's passes: "90 s, did not soften; 3 s, softened". */
static int passes_seen(const struct entry *e, void *data)
{
    char *buf = data;
    for (size_t i = 0; i < e->treat.n_per_pass; i++)
        sprintf(buf + strlen(buf), "%d%c ", e->treat.per_pass[i].hold_seconds,
                e->treat.per_pass[i].softened ? 'y' : 'n');
    if (e->revisions && strstr(e->revisions, "\"each_pass\":[{\"hold_seconds\":90,\"softened\":false}"))
        strcat(buf, "was 90n");
    return 0;
}

/* The passes are part of the entry: written with it, read with it by get and by walks, kept
 * in the earlier version on edit, replaced by an edit, and gone with an erase. */
static void test_entry_carries_passes(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry tr;
    entry_init(&tr, ENTRY_TREATMENT);
    tr.at.utc = 1772352000;
    tr.treat.technique = "compression";
    tr.treat.muscle = "upper-trapezius";
    tr.treat.performer = "self";
    tr.treat.passes = 2;
    tr.treat.hold_seconds = 3;
    const struct entry_pass two[2] = {{90, 0}, {3, 1}};
    tr.treat.per_pass = two;
    tr.treat.n_per_pass = 2;
    assert_int_equal(store_entry_insert(f->s, &tr, &err), 0);
    struct entry g;
    assert_int_equal(store_entry_get(f->s, f->a, tr.id, &g, &err), 0);
    assert_int_equal(g.treat.n_per_pass, 2);
    assert_int_equal(g.treat.per_pass[0].hold_seconds, 90);
    assert_int_equal(g.treat.per_pass[0].softened, 0);
    assert_int_equal(g.treat.per_pass[1].hold_seconds, 3);
    assert_int_equal(g.treat.per_pass[1].softened, 1);
    char buf[256] = "";
    struct store_query q;
    store_query_init(&q);
    assert_int_equal(store_entry_each(f->s, &q, passes_seen, buf, &err), 0);
    assert_string_equal(buf, "90n 3y ");
    /* Disagreeing counts are refused, and nothing is written. */
    tr.treat.passes = 3;
    assert_int_equal(store_entry_insert(f->s, &tr, &err), TRP_EINVAL);
    assert_int_equal(count(f->s, 0), 1);
    /* An edit with one pass replaces both rows; the earlier version keeps them. */
    const struct entry_pass one[1] = {{45, 1}};
    g.treat.per_pass = one;
    g.treat.n_per_pass = 1;
    g.treat.passes = 1;
    assert_int_equal(store_entry_update(f->s, &g, &err), 0);
    struct entry h;
    assert_int_equal(store_entry_get(f->s, f->a, tr.id, &h, &err), 0);
    assert_int_equal(h.treat.n_per_pass, 1);
    assert_int_equal(h.treat.per_pass[0].hold_seconds, 45);
    q.with_revisions = 1;
    buf[0] = '\0';
    assert_int_equal(store_entry_each(f->s, &q, passes_seen, buf, &err), 0);
    assert_string_equal(buf, "45y was 90n");
    struct store_pass *rows;
    size_t n = 0;
    assert_int_equal(store_treatment_passes_get(f->s, tr.id, f->a, &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    int64_t erased = 0;
    assert_int_equal(store_erase_all(f->s, &erased, &err), 0);
    assert_int_equal(store_treatment_passes_get(f->s, tr.id, f->a, &rows, &n, &err), 0);
    assert_int_equal(n, 0);
}

/* Settings are per person; put NULL removes one. */
static void test_settings(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    const char *v = "x";
    assert_int_equal(store_setting_get(f->s, f->a, "flare", &v, &err), 0);
    assert_null(v);
    assert_int_equal(store_setting_put(f->s, "flare", "rise=2", 1772352000, &err), 0);
    assert_int_equal(store_setting_put(f->s, "flare", "rise=3", 1772352100, &err), 0);
    assert_int_equal(store_setting_get(f->s, f->a, "flare", &v, &err), 0);
    assert_string_equal(v, "rise=3");
    assert_int_equal(store_setting_put(f->s, "flare", NULL, 1772352200, &err), 0);
    assert_int_equal(store_setting_get(f->s, f->a, "flare", &v, &err), 0);
    assert_null(v);
}

static void test_erase_all(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    for (int i = 0; i < 3; i++) {
        struct entry p = pain_at(1772352000 + i, 2);
        assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    }
    assert_int_equal(store_intake_save(f->s, "{}", 1772352000, 0, NULL, &err), 0);
    int64_t erased = 0;
    assert_int_equal(store_erase_all(f->s, &erased, &err), 0);
    assert_int_equal(erased, 3);
    assert_int_equal(count(f->s, 1), 0);
    struct store_intake in;
    assert_int_equal(store_intake_latest(f->s, f->a, &in, &err), TRP_ENOTFOUND);
    struct entry p = pain_at(1772352000, 2);
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
}

/* Two people in one database (a clinic's server): the handle's person decides everything.
 * On SQLite the second person is added by hand, as only a clinic server has accounts. */
static void test_people_are_apart(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    int64_t other = 0;
    if (pg_uri()) {
        struct store_person_info pi = {0, "Ada Client", "1980-02-29", "ibuprofen 400 mg", NULL, NULL, 1};
        assert_int_equal(store_person_add(f->s, &pi, &other, &err), 0);
    } else {
        char cmd[700];
        snprintf(cmd, sizeof cmd,
                 "sqlite3 '%s' \"INSERT INTO person (id, name, created_at) VALUES (2, 'b', 0)\"",
                 f->path);
        assert_int_equal(system(cmd), 0);
        other = 2;
    }
    assert_true(other > 1);
    struct entry mine = pain_at(1772352000, 3);
    assert_int_equal(store_entry_insert(f->s, &mine, &err), 0);
    store_set_person(f->s, other);
    assert_int_equal(store_person(f->s), other);
    assert_int_equal(count(f->s, 1), 0);
    struct entry g;
    assert_int_equal(store_entry_get(f->s, f->a, mine.id, &g, &err), TRP_ENOTFOUND);
    struct entry edit = mine;
    edit.value = 9;
    assert_int_equal(store_entry_update(f->s, &edit, &err), TRP_ENOTFOUND);
    assert_int_equal(store_entry_delete(f->s, mine.id, &err), TRP_ENOTFOUND);
    assert_int_equal(store_entry_purge(f->s, mine.id, &err), TRP_ENOTFOUND);
    struct store_revision *revs;
    size_t n;
    assert_int_equal(store_entry_history(f->s, f->a, mine.id, &revs, &n, &err), TRP_ENOTFOUND);
    int64_t same = -1;
    struct entry probe = mine;
    probe.id = 0;
    assert_int_equal(store_entry_find_same(f->s, &probe, &same, &err), 0);
    assert_int_equal(same, 0);
    struct entry theirs = pain_at(1772352000, 7);
    assert_int_equal(store_entry_insert(f->s, &theirs, &err), 0);
    int64_t erased = 0;
    assert_int_equal(store_erase_all(f->s, &erased, &err), 0);
    assert_int_equal(erased, 1);
    store_set_person(f->s, 1);
    assert_int_equal(count(f->s, 1), 1);
    assert_int_equal(store_entry_get(f->s, f->a, mine.id, &g, &err), 0);
    assert_true(g.value == 3);
}

struct writer {
    const char *path;
    int64_t id;
    int fails;
    char msg[TRP_ERR_MAX];
};

enum { WRITERS = 4, EDITS = 25 };

static void *edit_many(void *arg)
{
    struct writer *w = arg;
    struct store *s = NULL;
    struct trp_err err = {0};
    if (store_open(w->path, &s, &err)) {
        w->fails = EDITS;
        snprintf(w->msg, sizeof w->msg, "%s", err.msg);
        return NULL;
    }
    for (int i = 0; i < EDITS; i++) {
        struct entry e = pain_at(1772352000, i % 10);
        e.id = w->id;
        if (store_entry_update(s, &e, &err)) {
            w->fails++;
            snprintf(w->msg, sizeof w->msg, "%s", err.msg);
        }
    }
    store_close(s);
    return NULL;
}

/* Four writers edit the same entry at once; every edit is kept (one revision each) and none
 * fails: the store serialises them (SQLite's write lock; PostgreSQL SERIALIZABLE, retried). */
static void test_concurrent_writers(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry p = pain_at(1772352000, 1);
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    pthread_t th[WRITERS];
    struct writer w[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){f->path, p.id, 0, ""};
        assert_int_equal(pthread_create(&th[i], NULL, edit_many, &w[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(th[i], NULL);
        if (w[i].fails)
            fail_msg("writer %d: %d failed: %s", i, w[i].fails, w[i].msg);
    }
    struct store_revision *revs;
    size_t n = 0;
    assert_int_equal(store_entry_history(f->s, f->a, p.id, &revs, &n, &err), 0);
    assert_int_equal(n, WRITERS * EDITS);
}

/* A database that holds another program's tables is refused and left as it was. */
static void test_refuses_another_programs_database(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct store *s = NULL;
    if (!pg_uri()) {
        skip();
        return;
    }
    store_close(f->s);
    f->s = NULL;
    pg_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE t (x int);");
    assert_int_equal(store_open(f->path, &s, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "another program"));
    assert_null(strstr(err.msg, "secret")); /* no password in messages */
    PGconn *c = PQconnectdb(pg_uri());
    PGresult *r = PQexec(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    assert_string_equal(PQgetvalue(r, 0, 0), "1");
    PQclear(r);
    PQfinish(c);
    pg_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    assert_int_equal(store_open(f->path, &f->s, &err), 0);
}

static void test_clinic_records(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    int64_t id = 0;
    struct store_person_info pi = {0, "Ada Client", "1980-02-29", "ibuprofen 400 mg", "", NULL, 5};
    if (!pg_uri()) {
        /* One person, no accounts: the clinic calls say where a clinic lives. */
        assert_int_equal(store_person_add(f->s, &pi, &id, &err), TRP_EINVAL);
        assert_non_null(strstr(err.msg, "postgresql://"));
        return;
    }
    assert_int_equal(store_person_add(f->s, &pi, &id, &err), 0);
    struct store_person_info got;
    assert_int_equal(store_person_get(f->s, f->a, id, &got, &err), 0);
    assert_string_equal(got.name, "Ada Client");
    assert_string_equal(got.date_of_birth, "1980-02-29");
    assert_string_equal(got.medications, "ibuprofen 400 mg");
    assert_int_equal(store_person_get(f->s, f->a, 999, &got, &err), TRP_ENOTFOUND);

    struct store_user u = {0, "anna", "therapist", "$argon2id$x", 0, 0, 0, 0};
    int64_t anna = 0, bert = 0;
    assert_int_equal(store_user_add(f->s, &u, &anna, &err), 0);
    assert_int_equal(store_user_add(f->s, &u, NULL, &err), TRP_ECONFLICT);
    u.login = "bert";
    assert_int_equal(store_user_add(f->s, &u, &bert, &err), 0);
    assert_int_equal(store_link_put(f->s, anna, id, "own", &err), 0);
    assert_int_equal(store_person_get(f->s, f->a, id, &got, &err), 0);
    assert_string_equal(got.therapist, "anna");
    const char *kind = "x";
    assert_int_equal(store_link_kind(f->s, anna, id, &kind, &err), 0);
    assert_string_equal(kind, "own");
    assert_int_equal(store_link_kind(f->s, bert, id, &kind, &err), 0);
    assert_null(kind);
    struct store_client_row *rows;
    size_t n = 9;
    assert_int_equal(store_clients_list(f->s, f->a, bert, &rows, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_link_put(f->s, bert, id, "shared", &err), 0);
    assert_int_equal(store_clients_list(f->s, f->a, bert, &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].link, "shared");

    struct store_audit row = {0, 1772352000, "therapist:anna", id, "entries.read", "3", "::1"};
    assert_int_equal(store_audit_add(f->s, &row, &err), 0);
    struct store_audit *log;
    assert_int_equal(store_audit_list(f->s, f->a, id, 0, &log, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(log[0].actor, "therapist:anna");
    /* The access check with its audit row: a linked therapist's read is logged as it is,
     * an unlinked one's as a refusal naming what was asked. */
    struct store_audit ask = {0, 1772352001, "therapist:anna", id, "report.read", NULL, "::1"};
    kind = NULL;
    assert_int_equal(store_link_audit(f->s, anna, &ask, &kind, &err), 0);
    assert_string_equal(kind, "own");
    int64_t carl = 0;
    u.login = "carl";
    assert_int_equal(store_user_add(f->s, &u, &carl, &err), 0);
    ask.actor = "therapist:carl";
    kind = "x";
    assert_int_equal(store_link_audit(f->s, carl, &ask, &kind, &err), 0);
    assert_null(kind);
    assert_int_equal(store_audit_list(f->s, f->a, id, 0, &log, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(log[0].actor, "therapist:carl");
    assert_string_equal(log[0].action, "denied");
    assert_string_equal(log[0].detail, "report.read");
    assert_string_equal(log[1].actor, "therapist:anna");
    assert_string_equal(log[1].action, "report.read");
    assert_null(log[1].detail);
    /* Append-only, even for the database role trp runs as. */
    PGconn *c = PQconnectdb(pg_uri());
    PGresult *r = PQexec(c, "UPDATE audit_log SET actor = 'x'");
    assert_int_equal(PQresultStatus(r), PGRES_FATAL_ERROR);
    PQclear(r);
    r = PQexec(c, "DELETE FROM audit_log");
    assert_int_equal(PQresultStatus(r), PGRES_FATAL_ERROR);
    PQclear(r);
    r = PQexec(c, "TRUNCATE audit_log");
    assert_int_equal(PQresultStatus(r), PGRES_FATAL_ERROR);
    PQclear(r);
    PQfinish(c);
}

/* The terminal's list row of person id: its diary's change mark. */
static int64_t mark_of(struct fixture *f, int64_t id)
{
    struct trp_err err = {0};
    struct store_client_row *rows;
    size_t n = 0;
    assert_int_equal(store_clients_list(f->s, f->a, 0, &rows, &n, &err), 0);
    for (size_t i = 0; i < n; i++)
        if (rows[i].person_id == id)
            return rows[i].diary_mark;
    fail_msg("client %lld is not listed", (long long)id);
    return -1;
}

/* Every change of a client's diary moves its change mark (a new entry, an edit, a removal,
 * a restore, a purge, the passes of a treatment, an erasure); reading does not, and
 * another client's changes do not: the client list keeps its figures while the mark
 * holds. */
static void test_diary_mark_moves_with_changes(void **state)
{
    struct fixture *f = *state;
    if (!pg_uri())
        skip();
    struct trp_err err = {0};
    struct store_person_info pi = {0, "Mark Client", NULL, NULL, NULL, NULL, 5};
    int64_t id = 0, other = 0;
    assert_int_equal(store_person_add(f->s, &pi, &id, &err), 0);
    pi.name = "Other Client";
    assert_int_equal(store_person_add(f->s, &pi, &other, &err), 0);
    struct store_user u = {0, "tess", "therapist", "$argon2id$x", 0, 0, 0, 0};
    int64_t tess = 0;
    assert_int_equal(store_user_add(f->s, &u, &tess, &err), 0);
    assert_int_equal(store_link_put(f->s, tess, id, "own", &err), 0);
    assert_int_equal(store_link_put(f->s, tess, other, "own", &err), 0);

    int64_t m = mark_of(f, id);
    store_set_person(f->s, id);
    struct entry e;
    entry_init(&e, ENTRY_PAIN);
    e.at.utc = 1772000000; /* an old entry: neither the newest nor in the 28-day windows */
    e.value = 6;
    assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    int64_t m1 = mark_of(f, id);
    assert_true(m1 != m);
    assert_int_equal(mark_of(f, id), m1); /* reading moves nothing */
    store_set_person(f->s, id);
    e.value = 7;
    assert_int_equal(store_entry_update(f->s, &e, &err), 0);
    int64_t m2 = mark_of(f, id);
    assert_true(m2 != m1);
    store_set_person(f->s, id);
    assert_int_equal(store_entry_delete(f->s, e.id, &err), 0);
    int64_t m3 = mark_of(f, id);
    assert_true(m3 != m2);
    store_set_person(f->s, id);
    assert_int_equal(store_entry_restore(f->s, e.id, &err), 0);
    int64_t m4 = mark_of(f, id);
    assert_true(m4 != m3);

    struct entry tr;
    entry_init(&tr, ENTRY_TREATMENT);
    tr.at.utc = 1771000000;
    tr.treat.technique = "compression";
    tr.treat.muscle = "upper-trapezius";
    tr.treat.performer = "self";
    store_set_person(f->s, id);
    assert_int_equal(store_entry_insert(f->s, &tr, &err), 0);
    int64_t m5 = mark_of(f, id);
    struct store_pass in[1] = {{60, 1}};
    store_set_person(f->s, id);
    assert_int_equal(store_treatment_passes_put(f->s, tr.id, in, 1, &err), 0);
    int64_t m6 = mark_of(f, id);
    assert_true(m6 != m5);
    store_set_person(f->s, id);
    assert_int_equal(store_entry_purge(f->s, tr.id, &err), 0);
    int64_t m7 = mark_of(f, id);
    assert_true(m7 != m6);

    /* Another client's diary is another mark. */
    store_set_person(f->s, other);
    entry_init(&e, ENTRY_PAIN);
    e.at.utc = 1772000000;
    e.value = 3;
    assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    assert_int_equal(mark_of(f, id), m7);
    store_set_person(f->s, id);
    int64_t erased = 0;
    assert_int_equal(store_erase_all(f->s, &erased, &err), 0);
    assert_true(mark_of(f, id) != m7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_backend_and_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_kind_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outcome_and_medication_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_insert_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_delete_restore, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_filters_and_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_stops_on_callback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_find_same_and_purge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_deleted_with_revisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intake_and_plan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_treatment_passes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_carries_passes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_people_are_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_another_programs_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clinic_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diary_mark_moves_with_changes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
