/*
 * Unit tests for what is particular to the SQLite store: migrations on open and reopen,
 * insert and read back of every kind, edits keeping a revision, delete and restore,
 * all-or-nothing transactions, the exact JSON of imported revisions, and the paths and files
 * the store refuses. What every backend must do alike (queries, history, recognising an
 * entry already stored, purge, erase, refused inserts) is in test_store_conformance.c.
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
#include <sqlite3.h>

#include "base/arena.h"
#include "core/entry.h"
#include "store/migrations.h"
#include "store/sqlite_internal.h"
#include "store/store.h"

struct fixture {
    char path[64];
    struct store *s;
    struct arena *a;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/trp-test-store-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    close(fd);
    unlink(f->path);
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
    char side[80];
    unlink(f->path);
    snprintf(side, sizeof side, "%s-wal", f->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", f->path);
    unlink(side);
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

static void test_migrated_and_reopen(void **state)
{
    struct fixture *f = *state;
    assert_true(store_schema_version(f->s) >= 1);
    store_close(f->s);
    struct trp_err err = {0};
    assert_int_equal(store_open(f->path, &f->s, &err), 0);
    assert_true(store_schema_version(f->s) >= 1);
}

static void test_insert_and_get_every_kind(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry p = pain_at(1772352000, 6);
    assert_int_equal(entry_add_region(f->a, &p, "left temple", 7, NULL), 0);
    assert_int_equal(entry_add_region(f->a, &p, "low back on the right", ENTRY_UNSET, NULL), 0);
    const char *q[] = {"aching", "throbbing"};
    p.qualities = q;
    p.n_qualities = 2;
    p.flare = 1;
    p.note = "woke with it";
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    assert_true(p.id > 0);

    struct entry t;
    entry_init(&t, ENTRY_TASK);
    t.at = p.at;
    t.name = "computer work";
    t.minutes = 150;
    t.effort = 3;
    t.posture = "sitting";
    assert_int_equal(store_entry_insert(f->s, &t, &err), 0);

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
    assert_true(g.value == 6);
    assert_int_equal(g.n_regions, 2);
    assert_int_equal(g.at.utc, p.at.utc);
    assert_int_equal(g.at.offset_min, 60);
    assert_int_equal(g.flare, 1);
    assert_int_equal(g.n_qualities, 2);
    assert_string_equal(g.qualities[1], "throbbing");
    assert_string_equal(g.note, "woke with it");
    int seen_temple = 0;
    for (size_t i = 0; i < g.n_regions; i++)
        if (strcmp(g.regions[i].region, "temple.l") == 0 && g.regions[i].intensity == 7)
            seen_temple = 1;
    assert_true(seen_temple);

    assert_int_equal(store_entry_get(f->s, f->a, t.id, &g, &err), 0);
    assert_string_equal(g.name, "computer work");
    assert_int_equal(g.minutes, 150);
    assert_int_equal(g.effort, 3);
    assert_string_equal(g.posture, "sitting");

    assert_int_equal(store_entry_get(f->s, f->a, tr.id, &g, &err), 0);
    assert_string_equal(g.treat.muscle, "upper-trapezius");
    assert_int_equal(g.treat.hold_seconds, 75);
    assert_int_equal(g.treat.released, 1);
    assert_true(g.treat.pressure == 6.5);
    assert_int_equal(g.treat.pain_after, 2);
    assert_string_equal(g.treat.performer, "practitioner");

    assert_int_equal(store_entry_get(f->s, f->a, 9999, &g, &err), TRP_ENOTFOUND);
}

static void test_update_keeps_revision_and_delete_restore(void **state)
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

    assert_int_equal(store_entry_delete(f->s, p.id, &err), 0);
    assert_int_equal(store_entry_delete(f->s, p.id, &err), TRP_ECONFLICT);
    assert_int_equal(store_entry_update(f->s, &p, &err), TRP_ECONFLICT);
    struct store_query q;
    store_query_init(&q);
    int64_t n = -1;
    assert_int_equal(store_entry_count(f->s, &q, &n, &err), 0);
    assert_int_equal(n, 0);
    q.only_deleted = 1;
    assert_int_equal(store_entry_count(f->s, &q, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_entry_restore(f->s, p.id, &err), 0);
    assert_int_equal(store_entry_restore(f->s, p.id, &err), TRP_ECONFLICT);
    assert_int_equal(store_entry_delete(f->s, 424242, &err), TRP_ENOTFOUND);
}

static void test_transaction_rollback(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    assert_int_equal(store_begin(f->s, &err), 0);
    for (int i = 0; i < 10; i++) {
        struct entry e = pain_at(1772352000 + i, 5);
        assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    }
    store_rollback(f->s);
    struct store_query q;
    store_query_init(&q);
    int64_t n = -1;
    assert_int_equal(store_entry_count(f->s, &q, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_begin(f->s, &err), 0);
    struct entry e = pain_at(1772352000, 5);
    assert_int_equal(store_entry_insert(f->s, &e, &err), 0);
    assert_int_equal(store_commit(f->s, &err), 0);
    assert_int_equal(store_entry_count(f->s, &q, &n, &err), 0);
    assert_int_equal(n, 1);
}

/* A diary written by a trp whose schema stopped before medication, PGIC and PSFS is
 * opened by this trp: every row keeps its id, pain regions, treatment details and
 * edit history stay attached, foreign keys are on again afterwards, and the new kinds can
 * be stored. */
static void test_migration_from_version_2(void **state)
{
    struct fixture *f = *state;
    store_close(f->s);
    f->s = NULL;
    unlink(f->path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char *msg = NULL;
    /* Every migration before the one that rebuilds the entry table, so tables added by
     * other migrations that point at entries (treatment passes) are there too. */
    size_t before = 0;
    while (before < store_sqlite_migrations_count && !store_sqlite_migrations[before].rebuilds_tables)
        before++;
    assert_true(before > 0 && before < store_sqlite_migrations_count);
    for (size_t i = 0; i < before; i++) {
        assert_int_equal(store_sqlite_migrations[i].version, (int)i + 1);
        if (sqlite3_exec(db, store_sqlite_migrations[i].sql, NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("old schema: %s", msg);
    }
    char version[64];
    snprintf(version, sizeof version, "PRAGMA user_version = %d;",
             store_sqlite_migrations[before - 1].version);
    if (sqlite3_exec(db, version, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("old version: %s", msg);
    const char *rows =
        "INSERT INTO entry (id, person_id, kind, at_utc, at_local, utc_offset, value, name,"
        " minutes, note, flare, qualities, created_at, updated_at, deleted_at) VALUES"
        " (5, 1, 'pain', 1772352000, '2026-03-01T08:00:00', 60, 6, NULL, NULL, 'woke stiff', 1,"
        "  'aching;dull', 1, 2, NULL),"
        " (9, 1, 'task', 1772355600, '2026-03-01T09:00:00', 60, NULL, 'computer work', 120,"
        "  NULL, 0, NULL, 1, 1, NULL),"
        " (12, 1, 'treatment', 1772359200, '2026-03-01T10:00:00', 60, NULL, NULL, NULL, NULL,"
        "  0, NULL, 1, 1, NULL),"
        " (13, 1, 'note', 1772362800, '2026-03-01T11:00:00', 60, NULL, NULL, NULL, 'gone', 0,"
        "  NULL, 1, 1, 1772366400);"
        "INSERT INTO pain_region VALUES (5, 'temple.l', 7), (5, 'temple.r', NULL);"
        "INSERT INTO treatment (entry_id, technique, muscle, side, hold_seconds, passes,"
        " released, pressure, pain_before, pain_after, performer) VALUES"
        " (12, 'compression', 'upper-trapezius', 'left', 90, 3, 1, 6, 5, 3, 'self');"
        "INSERT INTO entry_revision (entry_id, revised_at, previous) VALUES (5, 2, '{}');"
        "INSERT INTO intake (person_id, taken_at, answers, red_flags) VALUES (1, 1, '{}', 0);";
    if (sqlite3_exec(db, rows, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("old rows: %s", msg);
    if (sqlite3_exec(db, "INSERT INTO treatment_pass VALUES (12, 1, 90, 1)", NULL, NULL, &msg) !=
        SQLITE_OK)
        fail_msg("old treatment pass: %s", msg);
    sqlite3_close(db);

    struct trp_err err = {0};
    if (store_open(f->path, &f->s, &err))
        fail_msg("open: %s", err.msg);
    assert_int_equal(store_schema_version(f->s),
                     store_sqlite_migrations[store_sqlite_migrations_count - 1].version);
    struct entry e;
    assert_int_equal(store_entry_get(f->s, f->a, 5, &e, &err), 0);
    assert_int_equal(e.kind, ENTRY_PAIN);
    assert_true(e.value == 6 && e.flare == 1 && e.n_regions == 2 && e.n_qualities == 2);
    assert_string_equal(e.note, "woke stiff");
    assert_int_equal(store_entry_get(f->s, f->a, 9, &e, &err), 0);
    assert_string_equal(e.name, "computer work");
    assert_int_equal(e.minutes, 120);
    assert_int_equal(store_entry_get(f->s, f->a, 12, &e, &err), 0);
    assert_string_equal(e.treat.muscle, "upper-trapezius");
    assert_true(e.treat.hold_seconds == 90 && e.treat.pain_after == 3);
    assert_int_equal(store_entry_get(f->s, f->a, 13, &e, &err), 0);
    assert_true(e.deleted_at == 1772366400);

    sqlite3_stmt *st;
    const char *checks[] = {
        "SELECT count(*) FROM entry_revision WHERE entry_id = 5",
        "SELECT count(*) FROM pain_region WHERE entry_id = 5",
        "PRAGMA foreign_keys",
        "SELECT count(*) FROM intake",
        "SELECT count(*) FROM treatment_pass WHERE entry_id = 12",
    };
    const int want[] = {1, 2, 1, 1, 1};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(sqlite3_prepare_v2(f->s->db, checks[i], -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), want[i]);
        sqlite3_finalize(st);
    }
    /* The rebuilt table still cascades: deleting a parent takes its regions along. */
    assert_int_equal(sqlite3_exec(f->s->db, "DELETE FROM entry WHERE id = 5", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(f->s->db, "SELECT count(*) FROM pain_region", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);

    struct entry m;
    entry_init(&m, ENTRY_MEDICATION);
    m.at.utc = 1772370000;
    m.name = "ibuprofen";
    m.value = 400;
    m.unit = "mg";
    assert_int_equal(store_entry_insert(f->s, &m, &err), 0);
    assert_true(m.id > 13);
    assert_int_equal(store_entry_get(f->s, f->a, m.id, &e, &err), 0);
    assert_int_equal(e.kind, ENTRY_MEDICATION);
    assert_true(e.value == 400);
    assert_string_equal(e.unit, "mg");
    /* A version set back by hand does not rebuild the table twice. */
    assert_int_equal(sqlite3_exec(f->s->db, version, NULL, NULL, NULL), SQLITE_OK);
    store_close(f->s);
    if (store_open(f->path, &f->s, &err))
        fail_msg("reopen after the version was set back: %s", err.msg);
    assert_int_equal(store_entry_get(f->s, f->a, m.id, &e, &err), 0);
    assert_string_equal(e.unit, "mg");
    /* The database itself refuses what entry_validate would: a PGIC of 9. */
    assert_int_not_equal(sqlite3_exec(f->s->db,
                                      "INSERT INTO entry (person_id, kind, at_utc, at_local,"
                                      " utc_offset, value, created_at, updated_at) VALUES"
                                      " (1, 'pgic', 0, '1970-01-01T00:00:00', 0, 9, 0, 0)",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
}

/* The new kinds go in and come back as they were. */
static void test_new_kinds_round_trip(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    struct entry m, p, q, back;
    entry_init(&m, ENTRY_MEDICATION);
    m.at.utc = 1772370000;
    m.name = "paracetamol";
    assert_int_equal(store_entry_insert(f->s, &m, &err), 0);
    assert_int_equal(store_entry_get(f->s, f->a, m.id, &back, &err), 0);
    assert_true(back.value < 0 && back.unit == NULL);
    assert_string_equal(back.name, "paracetamol");
    entry_init(&p, ENTRY_PGIC);
    p.at.utc = 1772370000;
    p.value = 2;
    assert_int_equal(store_entry_insert(f->s, &p, &err), 0);
    assert_int_equal(store_entry_get(f->s, f->a, p.id, &back, &err), 0);
    assert_int_equal(back.kind, ENTRY_PGIC);
    assert_true(back.value == 2);
    entry_init(&q, ENTRY_PSFS);
    q.at.utc = 1772370000;
    q.name = "reaching overhead";
    q.value = 4.5;
    assert_int_equal(store_entry_insert(f->s, &q, &err), 0);
    assert_int_equal(store_entry_get(f->s, f->a, q.id, &back, &err), 0);
    assert_string_equal(back.name, "reaching overhead");
    assert_true(back.value == 4.5);
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

/* An imported entry marked deleted stays deleted; imported revisions become its history and
 * come back out of a walk that asks for them. */
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
    assert_non_null(strstr(first.revisions, "\"revised_at\":\"2026-03-01T09:00:00+00:00\""));
    free((char *)first.revisions);
}

/* Paths that would keep nothing, and a database of another program, are refused; the
 * latter byte for byte unchanged. trp's own are marked. */
static void test_open_refuses(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct trp_err err = {0};
    assert_int_equal(store_open("", &s, &err), TRP_EUSAGE);
    assert_int_equal(store_open(":memory:", &s, &err), TRP_EUSAGE);
    assert_int_equal(store_open("file::memory:?cache=shared", &s, &err), TRP_EUSAGE);
    assert_null(s);

    char other[96];
    snprintf(other, sizeof other, "%s-other", f->path);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'CREATE TABLE t (x); PRAGMA user_version = 7;'", other);
    assert_int_equal(system(cmd), 0);
    FILE *fp = fopen(other, "rb");
    char before[8192], after[8192];
    size_t nb = fread(before, 1, sizeof before, fp);
    fclose(fp);
    assert_int_equal(store_open(other, &s, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "another program"));
    fp = fopen(other, "rb");
    size_t na = fread(after, 1, sizeof after, fp);
    fclose(fp);
    assert_int_equal(na, nb);
    assert_memory_equal(before, after, nb);
    unlink(other);

    /* Bytes 68-71 of the header: the application id, big-endian "TRP1". */
    store_close(f->s);
    f->s = NULL;
    fp = fopen(f->path, "rb");
    unsigned char head[100];
    assert_int_equal(fread(head, 1, sizeof head, fp), sizeof head);
    fclose(fp);
    assert_memory_equal(head + 68, "TRP1", 4);
    assert_int_equal(store_open(f->path, &f->s, &err), 0);
}

static void count_wait(void *data)
{
    ++*(int *)data;
}

/* A write that finds another writer waits, tells the caller once, and gives up after
 * wait_seconds with a message that says nothing was written. */
static void test_waiting_writer(void **state)
{
    struct fixture *f = *state;
    struct trp_err err = {0};
    int waits = 0;
    const struct store_open_opts opts = {.on_wait = count_wait, .wait_data = &waits,
                                         .wait_seconds = 2};
    struct store *second = NULL;
    assert_int_equal(store_open_with(f->path, &opts, &second, &err), 0);
    assert_int_equal(store_begin(f->s, &err), 0); /* the first connection holds the lock */
    struct entry p = pain_at(1772352000, 3);
    assert_int_equal(store_entry_insert(second, &p, &err), TRP_EIO);
    assert_non_null(strstr(err.msg, "nothing was written"));
    assert_int_equal(waits, 1);
    store_rollback(f->s);
    assert_int_equal(store_entry_insert(second, &p, &err), 0);
    assert_int_equal(waits, 1); /* no wait, no notice */
    store_close(second);
}

static void test_open_failure_message(void **state)
{
    (void)state;
    struct store *s = NULL;
    struct trp_err err = {0};
    assert_int_equal(store_open("/nonexistent-dir/x/y.db", &s, &err), TRP_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/x/y.db"));
    assert_null(s);
}

/* A diary written before the inner border of the shoulder blade was renamed keeps its
 * regions: the migration moves the pain region and the edit history to the new id. */
static void test_migration_renames_scapula_border(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/trp-test-rename-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    size_t i = 0;
    while (i < store_sqlite_migrations_count &&
           strcmp(store_sqlite_migrations[i].name, "region scapula-medial-border") != 0) {
        assert_int_equal(sqlite3_exec(db, store_sqlite_migrations[i].sql, NULL, NULL, NULL), SQLITE_OK);
        i++;
    }
    assert_true(i > 0 && i < store_sqlite_migrations_count);
    char sql[512];
    snprintf(sql, sizeof sql,
             "PRAGMA user_version = %d;"
             "INSERT INTO entry (id, person_id, kind, at_utc, at_local, utc_offset, value, created_at, updated_at)"
             "  VALUES (1, 1, 'pain', 0, '1970-01-01T00:00', 0, 4, 0, 0);"
             "INSERT INTO pain_region (entry_id, region) VALUES (1, 'medial-scapular-border.l'), (1, 'temple.r');"
             "INSERT INTO entry_revision (entry_id, revised_at, previous)"
             "  VALUES (1, 0, '{\"regions\":[\"medial-scapular-border.r\"]}');",
             store_sqlite_migrations[i - 1].version);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    struct store *s;
    struct trp_err err = {0};
    if (store_open(path, &s, &err))
        fail_msg("open: %s", err.msg);
    store_close(s);

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(region, ' ') FROM "
                                            "(SELECT region FROM pain_region ORDER BY region)", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "scapula-medial-border.l temple.r");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT previous FROM entry_revision", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "{\"regions\":[\"scapula-medial-border.r\"]}");
    sqlite3_finalize(st);
    sqlite3_close(db);
    char side[80];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrated_and_reopen, setup, teardown),
        cmocka_unit_test(test_migration_renames_scapula_border),
        cmocka_unit_test_setup_teardown(test_insert_and_get_every_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_keeps_revision_and_delete_restore, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_from_version_2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_kinds_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_deleted_with_revisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waiting_writer, setup, teardown),
        cmocka_unit_test(test_open_failure_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
