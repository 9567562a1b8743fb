/*
 * The SQLite store's history and erasure (store.h): earlier versions of an entry, finding an
 * entry that is already in the diary, and removing entries for good. Kept apart from the
 * everyday reads and writes because these functions exist for trust rather than for logging:
 * a person must be able to see what changed, import the same file twice without doubling
 * the diary, and take back what they wrote so that it is no longer in the file.
 */
#include "store/sqlite_names.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"
#include "core/entry_json.h"
#include "store/sqlite_internal.h"

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct trp_err *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return sqlite_db_error(s, err, "prepare");
    sqlite_bind_person(s, *st);
    return 0;
}

int sqlite_write_revisions(struct store *s, int64_t id, const char *revisions,
                           struct trp_err *err)
{
    json_t *arr = json_loads(revisions, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_array(arr)) {
        json_decref(arr);
        return trp_err_set(err, TRP_EINVAL, "revisions are not a JSON array");
    }
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT INTO entry_revision (entry_id, revised_at, previous) "
                        "VALUES (?1, ?2, ?3)", &st, err);
    for (size_t i = 0; !rc && i < json_array_size(arr); i++) {
        json_t *item = json_array_get(arr, i);
        json_t *prev = json_object_get(item, "previous");
        const char *at = json_string_value(json_object_get(item, "revised_at"));
        struct trp_time epoch = {0, 0}, when;
        if (!json_is_object(prev) || !at || trp_time_parse(at, &epoch, &when, err)) {
            rc = trp_err_set(err, TRP_EINVAL, "revision %zu is malformed", i + 1);
            break;
        }
        /* The earlier version names the entry it belongs to in this database. */
        json_object_set_new(prev, "id", json_integer(id));
        char *text = json_dumps(prev, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        if (!text)
            BUG("json_dumps failed");
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, when.utc);
        sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
        free(text);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = sqlite_db_error(s, err, "saving an earlier version");
    }
    sqlite3_finalize(st);
    json_decref(arr);
    return rc;
}

/* Decodes one stored earlier version. They were valid when written; a rule tightened since
 * must not hide the history, so a version that no longer passes is shown as a note holding
 * its JSON rather than dropped. */
static void decode_previous(struct arena *a, const char *text, struct entry *out)
{
    struct trp_err ignore;
    json_t *obj = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    if (!obj || entry_from_json(obj, a, out, &ignore) != 0) {
        entry_init(out, ENTRY_NOTE);
        out->note = arena_strdup(a, text);
    }
    json_decref(obj);
}

int store_entry_history(struct store *s, struct arena *a, int64_t id,
                        struct store_revision **out, size_t *n, struct trp_err *err)
{
    struct entry cur;
    int rc = store_entry_get(s, a, id, &cur, err);
    if (rc)
        return rc;
    sqlite3_stmt *st;
    if ((rc = prepare(s, "SELECT revised_at, previous FROM entry_revision WHERE entry_id = ?1 "
                         "ORDER BY id", &st, err)))
        return rc;
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 8, k = 0;
    struct store_revision *revs = arena_zalloc(a, cap, sizeof *revs);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            struct store_revision *grown = arena_zalloc(a, cap * 2, sizeof *grown);
            memcpy(grown, revs, cap * sizeof *grown);
            revs = grown;
            cap *= 2;
        }
        revs[k].revised_at = sqlite3_column_int64(st, 0);
        decode_previous(a, (const char *)sqlite3_column_text(st, 1), &revs[k].previous);
        revs[k].previous.id = id;
        k++;
    }
    if (step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "reading the history");
    sqlite3_finalize(st);
    *out = revs;
    *n = k;
    return rc;
}

int store_entry_find_same(struct store *s, const struct entry *e, int64_t *id,
                          struct trp_err *err)
{
    *id = 0;
    char *want = entry_json_content(e);
    struct arena *a = arena_new();
    int rc = 0, same = 0;
    if (e->id > 0) {
        rc = store_same_content(s, a, e->id, want, 1, &same, err);
        if (rc == TRP_ENOTFOUND) {
            trp_err_clear(err);
            rc = 0;
        } else if (!rc && same) {
            *id = e->id;
            goto out;
        }
    }
    /* Same instant and kind first (the time index), then the whole content. */
    if (rc)
        goto out;
    if (!s->same_stmt && sqlite3_prepare_v3(s->db,
                                            "SELECT id FROM entry WHERE at_utc = ?1 AND "
                                            "kind = ?2 AND person_id = :person ORDER BY id",
                                            -1, SQLITE_PREPARE_PERSISTENT, &s->same_stmt,
                                            NULL) != SQLITE_OK) {
        rc = sqlite_db_error(s, err, "prepare");
        goto out;
    }
    /* Candidates are collected first: store_same_content reads through other statements. */
    sqlite3_stmt *st = s->same_stmt;
    sqlite3_reset(st);
    sqlite_bind_person(s, st);
    sqlite3_bind_int64(st, 1, e->at.utc);
    sqlite3_bind_text(st, 2, entry_kind_name(e->kind), -1, SQLITE_STATIC);
    size_t nc = 0, cap = 16;
    int64_t *cand = arena_zalloc(a, cap, sizeof *cand);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (nc == cap) {
            int64_t *grown = arena_zalloc(a, cap * 2, sizeof *grown);
            memcpy(grown, cand, cap * sizeof *grown);
            cand = grown;
            cap *= 2;
        }
        cand[nc++] = sqlite3_column_int64(st, 0);
    }
    if (step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "looking for the same entry");
    sqlite3_reset(st);
    for (size_t i = 0; !rc && i < nc && !*id; i++)
        if (!(rc = store_same_content(s, a, cand[i], want, 0, &same, err)) && same)
            *id = cand[i];
out:
    arena_free(a);
    free(want);
    return rc;
}

int store_entry_purge(struct store *s, int64_t id, struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    /* Regions, treatment details and revisions go with the entry (ON DELETE CASCADE). */
    if (!(rc = prepare(s, "DELETE FROM entry WHERE id = ?1 AND person_id = :person", &st, err))) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = sqlite_db_error(s, err, "purging an entry");
        else if (sqlite3_changes(s->db) == 0)
            rc = trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld", (long long)id);
        sqlite3_finalize(st);
    }
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_scrub(struct store *s, struct trp_err *err)
{
    if (s->in_tx)
        BUG("store_scrub inside a transaction");
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    if (rc == SQLITE_BUSY || (rc == SQLITE_OK && log != done))
        return trp_err_set(err, TRP_ECONFLICT,
                           "another trp is reading the diary, so the removed text is still in "
                           "%s-wal; run the command again when it has finished",
                           s->path);
    if (rc != SQLITE_OK)
        return sqlite_db_error(s, err, "emptying the write-ahead log");
    return 0;
}

int store_erase_all(struct store *s, int64_t *entries, struct trp_err *err)
{
    struct store_query q;
    store_query_init(&q);
    q.include_deleted = 1;
    int rc = store_entry_count(s, &q, entries, err);
    if (rc || (rc = store_begin(s, err)))
        return rc;
    /* Every table but the person, whatever later migrations added: erasing means everything
     * a person wrote. A table with a person_id column loses the handle's person's rows (their
     * regions, details and versions follow by ON DELETE CASCADE); a table without one is
     * emptied only when the diary has one person. Table names cannot be bound as parameters;
     * they come from the schema itself and are quoted. Foreign keys are checked at commit. */
    sqlite3_stmt *st;
    rc = sqlite_exec(s, "PRAGMA defer_foreign_keys = ON;", err);
    if (!rc && !(rc = prepare(s, "SELECT m.name, EXISTS (SELECT 1 FROM pragma_table_info(m.name) c "
                                 "WHERE c.name = 'person_id'), (SELECT count(*) FROM person) "
                                 "FROM sqlite_master m WHERE m.type = 'table' "
                                 "AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                 "AND m.name <> 'person' ORDER BY m.name", &st, err))) {
        while (!rc && sqlite3_step(st) == SQLITE_ROW) {
            int per_person = sqlite3_column_int(st, 1);
            if (!per_person && sqlite3_column_int(st, 2) > 1)
                continue;
            char *q1 = sqlite3_mprintf(per_person ? "DELETE FROM \"%w\" WHERE person_id = :person"
                                                  : "DELETE FROM \"%w\"",
                                       sqlite3_column_text(st, 0));
            sqlite3_stmt *del;
            if (!(rc = prepare(s, q1, &del, err))) {
                if (sqlite3_step(del) != SQLITE_DONE)
                    rc = sqlite_db_error(s, err, "erasing");
                sqlite3_finalize(del);
            }
            sqlite3_free(q1);
        }
        sqlite3_finalize(st);
    }
    if (rc) {
        store_rollback(s);
        return rc;
    }
    if ((rc = store_commit(s, err)))
        return rc;
    /* VACUUM rebuilds the file from what is left, so nothing of the old pages remains and
     * the file shrinks; the scrub then empties the log that VACUUM wrote through. */
    if ((rc = sqlite_exec(s, "VACUUM", err)))
        return rc;
    return store_scrub(s, err);
}
