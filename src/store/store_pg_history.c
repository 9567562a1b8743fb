/*
 * The PostgreSQL store's history, erasure, intake and plan (store.h): the same rules as
 * store_sqlite_history.c and store_sqlite_care.c, in PostgreSQL's SQL. Every statement is
 * confined to the handle's person.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"
#include "core/entry_json.h"
#include "store/pg_internal.h"

int pg_write_revisions(struct pg_store *p, int64_t id, const char *revisions,
                       struct trp_err *err)
{
    json_t *arr = json_loads(revisions, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_array(arr)) {
        json_decref(arr);
        return trp_err_set(err, TRP_EINVAL, "revisions are not a JSON array");
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < json_array_size(arr); i++) {
        json_t *item = json_array_get(arr, i);
        json_t *prev = json_object_get(item, "previous");
        const char *at = json_string_value(json_object_get(item, "revised_at"));
        struct trp_time epoch = {0, 0}, when;
        if (!json_is_object(prev) || !at || trp_time_parse(at, &epoch, &when, err)) {
            rc = trp_err_set(err, TRP_EINVAL, "revision %zu is malformed", i + 1);
            break;
        }
        json_object_set_new(prev, "id", json_integer(id));
        char *text = json_dumps(prev, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        if (!text)
            BUG("json_dumps failed");
        struct pg_params pp;
        pgp_init(&pp);
        pgp_int(&pp, id);
        pgp_int(&pp, when.utc);
        pgp_text(&pp, text);
        rc = pg_exec(p, "INSERT INTO entry_revision (entry_id, revised_at, previous) "
                        "VALUES ($1, $2, $3)", &pp, NULL, "saving an earlier version", err);
        free(text);
    }
    json_decref(arr);
    return rc;
}

/* A stored earlier version that no longer passes today's rules is shown as a note holding
 * its JSON rather than dropped (as in the SQLite store). */
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

int pg_entry_history(struct store *s, struct arena *a, int64_t id, struct store_revision **out,
                     size_t *n, struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct entry cur;
    int rc = store_entry_get(s, a, id, &cur, err);
    if (rc)
        return rc;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, id);
    PGresult *r;
    if ((rc = pg_exec(p, "SELECT revised_at, previous FROM entry_revision WHERE entry_id = $1 "
                         "ORDER BY id", &pp, &r, "reading the history", err)))
        return rc;
    size_t k = (size_t)PQntuples(r);
    struct store_revision *revs = arena_zalloc(a, k ? k : 1, sizeof *revs);
    for (size_t i = 0; i < k; i++) {
        revs[i].revised_at = pg_int(r, (int)i, 0);
        decode_previous(a, PQgetvalue(r, (int)i, 1), &revs[i].previous);
        revs[i].previous.id = id;
    }
    PQclear(r);
    *out = revs;
    *n = k;
    return 0;
}

int pg_entry_find_same(struct store *s, const struct entry *e, int64_t *id,
                       struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    *id = 0;
    char *want = entry_json_content(e);
    struct arena *a = arena_new();
    int rc = 0, same = 0;
    PGresult *r = NULL;
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
    if (rc)
        goto out;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, e->at.utc);
    pgp_text(&pp, entry_kind_name(e->kind));
    pgp_int(&pp, p->common.person);
    if ((rc = pg_exec(p, "SELECT id FROM entry WHERE at_utc = $1 AND kind = $2 AND "
                         "person_id = $3 ORDER BY id", &pp, &r, "looking for the same entry",
                      err)))
        goto out;
    for (int i = 0; !rc && i < PQntuples(r) && !*id; i++) {
        int64_t cand = pg_int(r, i, 0);
        if (!(rc = store_same_content(s, a, cand, want, 0, &same, err)) && same)
            *id = cand;
    }
out:
    PQclear(r);
    arena_free(a);
    free(want);
    return rc;
}

static int purge_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    int64_t id = *(int64_t *)arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, id);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    /* Regions, treatment details and revisions go with the entry (ON DELETE CASCADE). */
    int rc = pg_exec(p, "DELETE FROM entry WHERE id = $1 AND person_id = $2", &pp, &r,
                     "purging an entry", err);
    if (rc)
        return rc;
    if (!strcmp(PQcmdTuples(r), "0"))
        rc = trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld", (long long)id);
    PQclear(r);
    return rc;
}

int pg_entry_purge(struct store *s, int64_t id, struct trp_err *err)
{
    return pg_run(pg_of(s), purge_body, &id, err);
}

/* PostgreSQL keeps a deleted row's bytes until VACUUM reuses its space; VACUUM of the diary
 * tables makes that happen now. Base backups and archived WAL keep them until they expire
 * (doc/OPERATIONS.md). A role that may not vacuum leaves it to autovacuum. */
int pg_scrub(struct store *s, struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    if (p->in_tx)
        BUG("store_scrub inside a transaction");
    (void)err;
    pg_exec(p, "VACUUM entry, pain_region, treatment, treatment_pass, entry_revision, intake, "
                 "intake_clearance, plan_item", NULL,
            NULL, "vacuum", NULL);
    return 0;
}

static int erase_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    (void)arg;
    /* Every table that holds this person's diary (a column person_id), whatever later
     * migrations add; not the person, their accounts, their therapists' links or the audit
     * log, which records that the erasure happened. Names come from the catalogue and are
     * quoted by format('%I'). */
    PGresult *r;
    int rc = pg_exec(p,
                     "SELECT format('DELETE FROM %I WHERE person_id = $1', c.relname) "
                     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = current_schema() AND c.relkind = 'r' "
                     "AND a.attname = 'person_id' AND NOT a.attisdropped AND c.relname NOT IN "
                     "('person', 'app_user', 'care_link', 'audit_log') ORDER BY c.relname",
                     NULL, &r, "erasing", err);
    if (rc)
        return rc;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, p->common.person);
    for (int i = 0; !rc && i < PQntuples(r); i++)
        rc = pg_exec(p, PQgetvalue(r, i, 0), &pp, NULL, "erasing", err);
    PQclear(r);
    return rc;
}

int pg_erase_all(struct store *s, int64_t *entries, struct trp_err *err)
{
    struct store_query q;
    store_query_init(&q);
    q.include_deleted = 1;
    int rc = store_entry_count(s, &q, entries, err);
    if (rc || (rc = pg_run(pg_of(s), erase_body, NULL, err)))
        return rc;
    return pg_scrub(s, err);
}

/* --- intake --- */

struct intake_arg {
    const char *answers;
    int64_t taken_at;
    int red_flags;
    int64_t id;
};

static int intake_save_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct intake_arg *in = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, in->taken_at);
    pgp_text(&pp, in->answers);
    pgp_int(&pp, in->red_flags);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p, "INSERT INTO intake (taken_at, answers, red_flags, person_id) "
                        "VALUES ($1, $2, $3, $4) RETURNING id", &pp, &r, "saving the intake",
                     err);
    if (!rc) {
        in->id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

int pg_intake_save(struct store *s, const char *answers_json, int64_t taken_at, int red_flags,
                   int64_t *id, struct trp_err *err)
{
    struct intake_arg in = {answers_json, taken_at, red_flags, 0};
    int rc = pg_run(pg_of(s), intake_save_body, &in, err);
    if (!rc && id)
        *id = in.id;
    return rc;
}

int pg_intake_latest(struct store *s, struct arena *a, struct store_intake *out,
                     struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p,
                     "SELECT id, taken_at, coalesce(acknowledged_at, 0), red_flags, answers, "
                     "coalesce(c.cleared_at, 0), c.cleared_by FROM intake "
                     "LEFT JOIN intake_clearance c ON c.intake_id = intake.id "
                     "WHERE person_id = $1 ORDER BY taken_at DESC, id DESC LIMIT 1",
                     &pp, &r, "reading the intake", err);
    if (rc)
        return rc;
    if (PQntuples(r) == 0) {
        rc = trp_err_set(err, TRP_ENOTFOUND, "no intake on record yet: run 'trp intake'");
    } else {
        out->id = pg_int(r, 0, 0);
        out->taken_at = pg_int(r, 0, 1);
        out->acknowledged_at = pg_int(r, 0, 2);
        out->red_flags = (int)pg_int(r, 0, 3);
        out->answers_json = pg_text(a, r, 0, 4);
        out->cleared_at = pg_int(r, 0, 5);
        out->cleared_by = pg_text(a, r, 0, 6);
    }
    PQclear(r);
    return rc;
}

struct ack_arg {
    int64_t id, at;
};

static int ack_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct ack_arg *k = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, k->id);
    pgp_int(&pp, k->at);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p, "UPDATE intake SET acknowledged_at = $2 WHERE id = $1 AND "
                        "person_id = $3", &pp, &r, "acknowledging the intake", err);
    if (rc)
        return rc;
    if (strcmp(PQcmdTuples(r), "1") != 0)
        rc = trp_err_set(err, TRP_ENOTFOUND, "no intake with id %lld", (long long)k->id);
    PQclear(r);
    return rc;
}

int pg_intake_acknowledge(struct store *s, int64_t id, int64_t at, struct trp_err *err)
{
    struct ack_arg k = {id, at};
    return pg_run(pg_of(s), ack_body, &k, err);
}

struct clear_arg {
    int64_t id, at;
    const char *by;
};

static int clear_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct clear_arg *c = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, c->id);
    pgp_int(&pp, c->at);
    pgp_text(&pp, c->by);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p,
                     "INSERT INTO intake_clearance (intake_id, cleared_by, cleared_at) "
                     "SELECT id, $3, $2 FROM intake WHERE id = $1 AND person_id = $4 "
                     "ON CONFLICT (intake_id) DO UPDATE SET cleared_by = EXCLUDED.cleared_by, "
                     "cleared_at = EXCLUDED.cleared_at",
                     &pp, &r, "recording the clearance", err);
    if (rc)
        return rc;
    if (strcmp(PQcmdTuples(r), "1") != 0)
        rc = trp_err_set(err, TRP_ENOTFOUND, "no intake with id %lld", (long long)c->id);
    PQclear(r);
    return rc;
}

int pg_intake_clear(struct store *s, int64_t id, const char *by, int64_t at,
                    struct trp_err *err)
{
    struct clear_arg c = {id, at, by};
    return pg_run(pg_of(s), clear_body, &c, err);
}

/* --- passes of a treatment --- */

struct passes_arg {
    int64_t entry_id;
    const struct store_pass *p;
    size_t n;
};

static int passes_put_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct passes_arg *pa = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, pa->entry_id);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    /* Only a treatment of the handle's person; touching its row moves the diary's change
     * mark (clinic migration 4), as any other change of the entry does. */
    int rc = pg_exec(p, "UPDATE entry SET rev = rev WHERE id = $1 AND person_id = $2 "
                        "RETURNING 1", &pp, &r, "saving the passes", err);
    if (rc)
        return rc;
    int found = PQntuples(r) > 0;
    PQclear(r);
    if (!found)
        return trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld",
                           (long long)pa->entry_id);
    pgp_init(&pp);
    pgp_int(&pp, pa->entry_id);
    if ((rc = pg_exec(p, "DELETE FROM treatment_pass WHERE entry_id = $1", &pp, NULL,
                      "saving the passes", err)))
        return rc;
    for (size_t i = 0; !rc && i < pa->n; i++) {
        pgp_init(&pp);
        pgp_int(&pp, pa->entry_id);
        pgp_int(&pp, (int64_t)i + 1);
        pgp_int(&pp, pa->p[i].hold_seconds);
        pgp_int(&pp, pa->p[i].softened ? 1 : 0);
        rc = pg_exec(p, "INSERT INTO treatment_pass (entry_id, pass, hold_seconds, softened) "
                        "VALUES ($1, $2, $3, $4)", &pp, NULL, "saving the passes", err);
    }
    return rc;
}

int pg_treatment_passes_put(struct store *s, int64_t entry_id, const struct store_pass *p,
                            size_t n, struct trp_err *err)
{
    struct passes_arg pa = {entry_id, p, n};
    return pg_run(pg_of(s), passes_put_body, &pa, err);
}

int pg_treatment_passes_get(struct store *s, int64_t entry_id, struct arena *a,
                            struct store_pass **p, size_t *n, struct trp_err *err)
{
    *p = NULL;
    *n = 0;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, entry_id);
    pgp_int(&pp, pg_of(s)->common.person);
    PGresult *r;
    int rc = pg_exec(pg_of(s),
                     "SELECT hold_seconds, softened FROM treatment_pass WHERE entry_id = $1 "
                     "AND entry_id IN (SELECT id FROM entry WHERE person_id = $2) ORDER BY pass",
                     &pp, &r, "reading the passes", err);
    if (rc)
        return rc;
    size_t k = (size_t)PQntuples(r);
    if (k) {
        *p = arena_zalloc(a, k, sizeof **p);
        for (size_t i = 0; i < k; i++) {
            (*p)[i].hold_seconds = (int)pg_int(r, (int)i, 0);
            (*p)[i].softened = (int)pg_int(r, (int)i, 1);
        }
    }
    *n = k;
    PQclear(r);
    return 0;
}

/* --- self-care plan --- */

static int plan_end_active(struct pg_store *p, const char *muscle, int64_t at, int *ended,
                           struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, muscle);
    pgp_int(&pp, at);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p, "UPDATE plan_item SET ended_at = $2 WHERE muscle = $1 AND "
                        "person_id = $3 AND ended_at IS NULL", &pp, &r, "updating the plan",
                     err);
    if (rc)
        return rc;
    *ended = strcmp(PQcmdTuples(r), "0") != 0;
    PQclear(r);
    return 0;
}

static int plan_put_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    const struct store_plan_item *item = arg;
    int ended;
    int rc = plan_end_active(p, item->muscle, item->created_at, &ended, err);
    if (rc)
        return rc;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, item->muscle);
    pgp_text(&pp, item->side);
    pgp_int(&pp, item->release_per_week);
    pgp_int(&pp, item->stretch_per_day);
    pgp_int(&pp, item->strengthen_per_week);
    pgp_int(&pp, item->created_at);
    pgp_int(&pp, p->common.person);
    return pg_exec(p, "INSERT INTO plan_item (muscle, side, release_per_week, stretch_per_day, "
                      "strengthen_per_week, created_at, person_id) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)", &pp, NULL, "saving the plan", err);
}

int pg_plan_put(struct store *s, const struct store_plan_item *item, struct trp_err *err)
{
    return pg_run(pg_of(s), plan_put_body, (void *)item, err);
}

struct plan_end_arg {
    const char *muscle;
    int64_t at;
};

static int plan_end_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct plan_end_arg *pe = arg;
    int ended = 0;
    int rc = plan_end_active(p, pe->muscle, pe->at, &ended, err);
    if (!rc && !ended)
        rc = trp_err_set(err, TRP_ENOTFOUND, "%s is not in your plan", pe->muscle);
    return rc;
}

int pg_plan_end(struct store *s, const char *muscle, int64_t at, struct trp_err *err)
{
    struct plan_end_arg pe = {muscle, at};
    return pg_run(pg_of(s), plan_end_body, &pe, err);
}

int pg_plan_list(struct store *s, struct arena *a, struct store_plan_item **items, size_t *n,
                 struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p,
                     "SELECT id, muscle, side, release_per_week, stretch_per_day, "
                     "strengthen_per_week, created_at FROM plan_item "
                     "WHERE person_id = $1 AND ended_at IS NULL ORDER BY muscle COLLATE \"C\"",
                     &pp, &r, "reading the plan", err);
    if (rc)
        return rc;
    size_t k = (size_t)PQntuples(r);
    struct store_plan_item *out = arena_zalloc(a, k ? k : 1, sizeof *out);
    for (size_t i = 0; i < k; i++) {
        int row = (int)i;
        out[i].id = pg_int(r, row, 0);
        out[i].muscle = pg_text(a, r, row, 1);
        out[i].side = pg_text(a, r, row, 2);
        out[i].release_per_week = (int)pg_int(r, row, 3);
        out[i].stretch_per_day = (int)pg_int(r, row, 4);
        out[i].strengthen_per_week = (int)pg_int(r, row, 5);
        out[i].created_at = pg_int(r, row, 6);
    }
    PQclear(r);
    *items = out;
    *n = k;
    return 0;
}

/* --- settings (the flare definition) --- */

int pg_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                   struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, key);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p, "SELECT value FROM setting WHERE key = $1 AND person_id = $2", &pp, &r,
                     "reading a setting", err);
    if (rc)
        return rc;
    *value = PQntuples(r) ? pg_text(a, r, 0, 0) : NULL;
    PQclear(r);
    return 0;
}

struct setting_arg {
    const char *key, *value;
    int64_t at;
};

static int setting_put_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    const struct setting_arg *sa = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, sa->key);
    pgp_int(&pp, p->common.person);
    if (!sa->value)
        return pg_exec(p, "DELETE FROM setting WHERE key = $1 AND person_id = $2", &pp, NULL,
                       "saving a setting", err);
    pgp_text(&pp, sa->value);
    pgp_int(&pp, sa->at);
    return pg_exec(p, "INSERT INTO setting (key, person_id, value, updated_at) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT (person_id, key) DO UPDATE SET value = $3, updated_at = $4",
                   &pp, NULL, "saving a setting", err);
}

int pg_setting_put(struct store *s, const char *key, const char *value, int64_t at,
                   struct trp_err *err)
{
    struct setting_arg sa = {key, value, at};
    return pg_run(pg_of(s), setting_put_body, &sa, err);
}
