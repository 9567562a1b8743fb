/*
 * The public face of store.h: picks the backend when a store is opened (a postgresql:// URI
 * opens PostgreSQL, anything else an SQLite file) and forwards every call through the
 * handle's operations table. Nothing here knows SQL; the backends share only the rules
 * written in store.h, which the conformance suite (tests/unit/test_store_conformance.c)
 * checks against both.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "core/entry_json.h"
#include "store/store_backend.h"

#define OPS(s) (store_common_of(s)->ops)

int store_path_is_pg(const char *path)
{
    return path && (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11));
}

int store_open(const char *path, struct store **out, struct trp_err *err)
{
    return store_open_with(path, NULL, out, err);
}

int store_open_with(const char *path, const struct store_open_opts *opts, struct store **out,
                    struct trp_err *err)
{
    if (store_path_is_pg(path))
        return store_pg_open(path, opts, out, err);
    return store_sqlite_open(path, opts, out, err);
}

const char *store_label(struct store *s)
{
    return OPS(s)->label(s);
}

const char *store_backend(struct store *s)
{
    return OPS(s)->name;
}

void store_set_person(struct store *s, int64_t person)
{
    store_common_of(s)->person = person;
}

int64_t store_person(struct store *s)
{
    return store_common_of(s)->person;
}

void store_close(struct store *s)
{
    if (s)
        OPS(s)->close(s);
}

int store_is_read_only(struct store *s)
{
    return OPS(s)->is_read_only(s);
}

int store_schema_version(struct store *s)
{
    return OPS(s)->schema_version(s);
}

int store_begin(struct store *s, struct trp_err *err)
{
    return OPS(s)->begin(s, err);
}

int store_commit(struct store *s, struct trp_err *err)
{
    return OPS(s)->commit(s, err);
}

void store_rollback(struct store *s)
{
    OPS(s)->rollback(s);
}

int store_entry_insert(struct store *s, struct entry *e, struct trp_err *err)
{
    return OPS(s)->entry_insert(s, e, err);
}

int store_entry_update(struct store *s, const struct entry *e, struct trp_err *err)
{
    return OPS(s)->entry_update(s, e, err);
}

int store_entry_get(struct store *s, struct arena *a, int64_t id, struct entry *out,
                    struct trp_err *err)
{
    return OPS(s)->entry_get(s, a, id, out, err);
}

int store_entry_delete(struct store *s, int64_t id, struct trp_err *err)
{
    return OPS(s)->entry_delete(s, id, err);
}

int store_entry_restore(struct store *s, int64_t id, struct trp_err *err)
{
    return OPS(s)->entry_restore(s, id, err);
}

int store_entry_purge(struct store *s, int64_t id, struct trp_err *err)
{
    return OPS(s)->entry_purge(s, id, err);
}

int store_scrub(struct store *s, struct trp_err *err)
{
    return OPS(s)->scrub(s, err);
}

int store_erase_all(struct store *s, int64_t *entries, struct trp_err *err)
{
    return OPS(s)->erase_all(s, entries, err);
}

int store_entry_history(struct store *s, struct arena *a, int64_t id,
                        struct store_revision **out, size_t *n, struct trp_err *err)
{
    return OPS(s)->entry_history(s, a, id, out, n, err);
}

int store_entry_find_same(struct store *s, const struct entry *e, int64_t *id,
                          struct trp_err *err)
{
    return OPS(s)->entry_find_same(s, e, id, err);
}

void store_query_init(struct store_query *q)
{
    memset(q, 0, sizeof *q);
    q->kind = -1;
}

int store_entry_each(struct store *s, const struct store_query *q, store_entry_fn fn,
                     void *data, struct trp_err *err)
{
    return OPS(s)->entry_each(s, q, fn, data, err);
}

int store_entry_count(struct store *s, const struct store_query *q, int64_t *count,
                      struct trp_err *err)
{
    return OPS(s)->entry_count(s, q, count, err);
}

int store_entry_last_time(struct store *s, const struct store_query *q, struct trp_time *at,
                          struct trp_err *err)
{
    return OPS(s)->entry_last_time(s, q, at, err);
}

int store_intake_save(struct store *s, const char *answers_json, int64_t taken_at,
                      int red_flags, int64_t *id, struct trp_err *err)
{
    return OPS(s)->intake_save(s, answers_json, taken_at, red_flags, id, err);
}

int store_intake_latest(struct store *s, struct arena *a, struct store_intake *out,
                        struct trp_err *err)
{
    return OPS(s)->intake_latest(s, a, out, err);
}

int store_intake_acknowledge(struct store *s, int64_t id, int64_t at, struct trp_err *err)
{
    return OPS(s)->intake_acknowledge(s, id, at, err);
}

int store_intake_clear(struct store *s, int64_t id, const char *by, int64_t at,
                       struct trp_err *err)
{
    return OPS(s)->intake_clear(s, id, by, at, err);
}

int store_treatment_passes_put(struct store *s, int64_t entry_id, const struct store_pass *p,
                               size_t n, struct trp_err *err)
{
    return OPS(s)->treatment_passes_put(s, entry_id, p, n, err);
}

int store_treatment_passes_get(struct store *s, int64_t entry_id, struct arena *a,
                               struct store_pass **p, size_t *n, struct trp_err *err)
{
    return OPS(s)->treatment_passes_get(s, entry_id, a, p, n, err);
}

int store_plan_put(struct store *s, const struct store_plan_item *item, struct trp_err *err)
{
    return OPS(s)->plan_put(s, item, err);
}

int store_plan_end(struct store *s, const char *muscle, int64_t at, struct trp_err *err)
{
    return OPS(s)->plan_end(s, muscle, at, err);
}

int store_plan_list(struct store *s, struct arena *a, struct store_plan_item **items,
                    size_t *n, struct trp_err *err)
{
    return OPS(s)->plan_list(s, a, items, n, err);
}

int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                      struct trp_err *err)
{
    return OPS(s)->setting_get(s, a, key, value, err);
}

int store_setting_put(struct store *s, const char *key, const char *value, int64_t at,
                      struct trp_err *err)
{
    return OPS(s)->setting_put(s, key, value, at, err);
}

int store_same_content(struct store *s, struct arena *a, int64_t id, const char *want,
                       int with_history, int *same, struct trp_err *err)
{
    struct entry cur;
    int rc = store_entry_get(s, a, id, &cur, err);
    if (rc)
        return rc;
    char *have = entry_json_content(&cur);
    *same = strcmp(have, want) == 0;
    free(have);
    if (*same || !with_history)
        return 0;
    struct store_revision *revs;
    size_t n;
    if ((rc = store_entry_history(s, a, id, &revs, &n, err)))
        return rc;
    for (size_t i = 0; i < n && !*same; i++) {
        have = entry_json_content(&revs[i].previous);
        *same = strcmp(have, want) == 0;
        free(have);
    }
    return 0;
}
