/*
 * The SQLite store's intake and self-care plan tables (store.h, second half). Kept apart
 * from the diary code because they change for different reasons: the diary is the record,
 * these are settings for guidance.
 */
#include "store/sqlite_names.h"

#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct trp_err *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return sqlite_db_error(s, err, "prepare");
    sqlite_bind_person(s, *st);
    return 0;
}

static int step_done(struct store *s, sqlite3_stmt *st, const char *what, struct trp_err *err)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlite_db_error(s, err, what);
    sqlite3_finalize(st);
    return rc;
}

int store_intake_save(struct store *s, const char *answers_json, int64_t taken_at,
                      int red_flags, int64_t *id, struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    if (!(rc = prepare(s,
                       "INSERT INTO intake (taken_at, answers, red_flags, person_id) "
                       "VALUES (?1, ?2, ?3, :person)",
                       &st, err))) {
        sqlite3_bind_int64(st, 1, taken_at);
        sqlite3_bind_text(st, 2, answers_json, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, red_flags);
        rc = step_done(s, st, "saving the intake", err);
        if (!rc && id)
            *id = sqlite3_last_insert_rowid(s->db);
    }
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_intake_latest(struct store *s, struct arena *a, struct store_intake *out,
                        struct trp_err *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s,
                     "SELECT id, taken_at, coalesce(acknowledged_at, 0), red_flags, answers, "
                     "coalesce((SELECT cleared_at FROM intake_clearance c WHERE c.intake_id = intake.id), 0), "
                     "(SELECT cleared_by FROM intake_clearance c WHERE c.intake_id = intake.id) "
                     "FROM intake WHERE person_id = :person ORDER BY taken_at DESC, id DESC LIMIT 1",
                     &st, err);
    if (rc)
        return rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->taken_at = sqlite3_column_int64(st, 1);
        out->acknowledged_at = sqlite3_column_int64(st, 2);
        out->red_flags = sqlite3_column_int(st, 3);
        out->answers_json = arena_strdup(a, (const char *)sqlite3_column_text(st, 4));
        out->cleared_at = sqlite3_column_int64(st, 5);
        out->cleared_by = sqlite3_column_type(st, 6) == SQLITE_NULL
                              ? NULL
                              : arena_strdup(a, (const char *)sqlite3_column_text(st, 6));
        rc = 0;
    } else if (step == SQLITE_DONE) {
        rc = trp_err_set(err, TRP_ENOTFOUND, "no intake on record yet: run 'trp intake'");
    } else {
        rc = sqlite_db_error(s, err, "reading the intake");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_intake_acknowledge(struct store *s, int64_t id, int64_t at, struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    if (!(rc = prepare(s, "UPDATE intake SET acknowledged_at = ?2 WHERE id = ?1 "
                          "AND person_id = :person", &st, err))) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, at);
        rc = step_done(s, st, "acknowledging the intake", err);
        if (!rc && sqlite3_changes(s->db) != 1)
            rc = trp_err_set(err, TRP_ENOTFOUND, "no intake with id %lld", (long long)id);
    }
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_intake_clear(struct store *s, int64_t id, const char *by, int64_t at,
                       struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    if (!(rc = prepare(s,
                       "INSERT OR REPLACE INTO intake_clearance (intake_id, cleared_by, cleared_at) "
                       "SELECT id, ?3, ?2 FROM intake WHERE id = ?1 AND person_id = :person",
                       &st, err))) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, at);
        sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
        rc = step_done(s, st, "recording the clearance", err);
        if (!rc && sqlite3_changes(s->db) != 1)
            rc = trp_err_set(err, TRP_ENOTFOUND, "no intake with id %lld", (long long)id);
    }
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_treatment_passes_put(struct store *s, int64_t entry_id, const struct store_pass *p,
                               size_t n, struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    /* Only a treatment of the handle's person. */
    if (!(rc = prepare(s, "SELECT 1 FROM entry WHERE id = ?1 AND person_id = :person", &st,
                       err))) {
        sqlite3_bind_int64(st, 1, entry_id);
        int step = sqlite3_step(st);
        sqlite3_finalize(st);
        if (step == SQLITE_DONE)
            rc = trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld", (long long)entry_id);
        else if (step != SQLITE_ROW)
            rc = sqlite_db_error(s, err, "saving the passes");
    }
    if (!rc && !(rc = prepare(s, "DELETE FROM treatment_pass WHERE entry_id = ?1", &st, err))) {
        sqlite3_bind_int64(st, 1, entry_id);
        rc = step_done(s, st, "saving the passes", err);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        if (!(rc = prepare(s,
                           "INSERT INTO treatment_pass (entry_id, pass, hold_seconds, softened) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           &st, err))) {
            sqlite3_bind_int64(st, 1, entry_id);
            sqlite3_bind_int(st, 2, (int)i + 1);
            sqlite3_bind_int(st, 3, p[i].hold_seconds);
            sqlite3_bind_int(st, 4, p[i].softened ? 1 : 0);
            rc = step_done(s, st, "saving the passes", err);
        }
    }
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_treatment_passes_get(struct store *s, int64_t entry_id, struct arena *a,
                               struct store_pass **p, size_t *n, struct trp_err *err)
{
    *p = NULL;
    *n = 0;
    sqlite3_stmt *st;
    int rc = prepare(s,
                     "SELECT hold_seconds, softened FROM treatment_pass WHERE entry_id = ?1 "
                     "AND entry_id IN (SELECT id FROM entry WHERE person_id = :person) "
                     "ORDER BY pass",
                     &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, entry_id);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            struct store_pass *np = arena_zalloc(a, ncap, sizeof *np);
            if (*n)
                memcpy(np, *p, *n * sizeof *np);
            *p = np;
            cap = ncap;
        }
        (*p)[*n].hold_seconds = sqlite3_column_int(st, 0);
        (*p)[*n].softened = sqlite3_column_int(st, 1);
        (*n)++;
    }
    if (step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "reading the passes");
    sqlite3_finalize(st);
    return rc;
}

/* Ends the active item for muscle, if any; *ended says whether one was. */
static int plan_end_active(struct store *s, const char *muscle, int64_t at, int *ended,
                           struct trp_err *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s,
                     "UPDATE plan_item SET ended_at = ?2 WHERE muscle = ?1 "
                     "AND person_id = :person AND ended_at IS NULL",
                     &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, muscle, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, at);
    rc = step_done(s, st, "updating the plan", err);
    *ended = sqlite3_changes(s->db) > 0;
    return rc;
}

int store_plan_put(struct store *s, const struct store_plan_item *item, struct trp_err *err)
{
    int owned, rc, ended;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    /* Replacing ends the old item and starts a new one, so adherence history stays true to
     * the plan that was in force at the time. */
    rc = plan_end_active(s, item->muscle, item->created_at, &ended, err);
    if (!rc && !(rc = prepare(s,
                              "INSERT INTO plan_item (muscle, side, release_per_week, "
                              "stretch_per_day, strengthen_per_week, created_at, person_id) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, :person)",
                              &st, err))) {
        sqlite3_bind_text(st, 1, item->muscle, -1, SQLITE_STATIC);
        if (item->side)
            sqlite3_bind_text(st, 2, item->side, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 2);
        sqlite3_bind_int(st, 3, item->release_per_week);
        sqlite3_bind_int(st, 4, item->stretch_per_day);
        sqlite3_bind_int(st, 5, item->strengthen_per_week);
        sqlite3_bind_int64(st, 6, item->created_at);
        rc = step_done(s, st, "saving the plan", err);
    }
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_plan_end(struct store *s, const char *muscle, int64_t at, struct trp_err *err)
{
    int owned, rc, ended = 0;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    rc = plan_end_active(s, muscle, at, &ended, err);
    if (!rc && !ended)
        rc = trp_err_set(err, TRP_ENOTFOUND, "%s is not in your plan", muscle);
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_plan_list(struct store *s, struct arena *a, struct store_plan_item **items,
                    size_t *n, struct trp_err *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s,
                     "SELECT id, muscle, side, release_per_week, stretch_per_day, "
                     "strengthen_per_week, created_at FROM plan_item "
                     "WHERE person_id = :person AND ended_at IS NULL ORDER BY muscle",
                     &st, err);
    if (rc)
        return rc;
    size_t cap = 8, count = 0;
    struct store_plan_item *out = arena_zalloc(a, cap, sizeof *out);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            struct store_plan_item *grown = arena_zalloc(a, cap * 2, sizeof *grown);
            memcpy(grown, out, cap * sizeof *out);
            out = grown;
            cap *= 2;
        }
        struct store_plan_item *it = &out[count++];
        it->id = sqlite3_column_int64(st, 0);
        it->muscle = arena_strdup(a, (const char *)sqlite3_column_text(st, 1));
        const unsigned char *side = sqlite3_column_text(st, 2);
        it->side = side ? arena_strdup(a, (const char *)side) : NULL;
        it->release_per_week = sqlite3_column_int(st, 3);
        it->stretch_per_day = sqlite3_column_int(st, 4);
        it->strengthen_per_week = sqlite3_column_int(st, 5);
        it->created_at = sqlite3_column_int64(st, 6);
    }
    if (step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "reading the plan");
    sqlite3_finalize(st);
    *items = out;
    *n = count;
    return rc;
}

int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                      struct trp_err *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT value FROM setting WHERE key = ?1 AND person_id = :person", &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    *value = NULL;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *value = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
    else if (step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "reading a setting");
    sqlite3_finalize(st);
    return rc;
}

int store_setting_put(struct store *s, const char *key, const char *value, int64_t at,
                      struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    sqlite3_stmt *st;
    if (!(rc = prepare(s,
                       /* :person after the numbered parameters: it takes the next free index */
                       value ? "INSERT INTO setting (key, value, updated_at, person_id) "
                               "VALUES (?1, ?2, ?3, :person) "
                               "ON CONFLICT (person_id, key) DO UPDATE SET value = ?2, updated_at = ?3"
                             : "DELETE FROM setting WHERE key = ?1 AND person_id = :person",
                       &st, err))) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (value) {
            sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, at);
        }
        rc = step_done(s, st, "saving a setting", err);
    }
    return sqlite_tx_leave(s, owned, rc, err);
}
