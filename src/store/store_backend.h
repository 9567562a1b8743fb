/*
 * Private to src/store: how one `struct store` handle reaches its backend. store.c holds
 * the public functions of store.h; each forwards through the handle's table of operations
 * to SQLite (store_sqlite*.c) or PostgreSQL (store_pg*.c). Every backend's handle begins
 * with a struct store_common, so store.c can read the table and the person without knowing
 * the backend.
 */
#ifndef TRP_STORE_STORE_BACKEND_H
#define TRP_STORE_STORE_BACKEND_H

#include "store/store.h"
#include "store/store_clinic.h"

struct store_ops {
    const char *name; /* "sqlite" or "postgresql" */
    void (*close)(struct store *s);
    int (*is_read_only)(struct store *s);
    int (*schema_version)(struct store *s);
    const char *(*label)(struct store *s);
    int (*begin)(struct store *s, struct trp_err *err);
    int (*commit)(struct store *s, struct trp_err *err);
    void (*rollback)(struct store *s);
    int (*entry_insert)(struct store *s, struct entry *e, struct trp_err *err);
    int (*entry_update)(struct store *s, const struct entry *e, struct trp_err *err);
    int (*entry_get)(struct store *s, struct arena *a, int64_t id, struct entry *out,
                     struct trp_err *err);
    int (*entry_delete)(struct store *s, int64_t id, struct trp_err *err);
    int (*entry_restore)(struct store *s, int64_t id, struct trp_err *err);
    int (*entry_purge)(struct store *s, int64_t id, struct trp_err *err);
    int (*scrub)(struct store *s, struct trp_err *err);
    int (*erase_all)(struct store *s, int64_t *entries, struct trp_err *err);
    int (*entry_history)(struct store *s, struct arena *a, int64_t id,
                         struct store_revision **out, size_t *n, struct trp_err *err);
    int (*entry_find_same)(struct store *s, const struct entry *e, int64_t *id,
                           struct trp_err *err);
    int (*entry_each)(struct store *s, const struct store_query *q, store_entry_fn fn,
                      void *data, struct trp_err *err);
    int (*entry_count)(struct store *s, const struct store_query *q, int64_t *count,
                       struct trp_err *err);
    int (*entry_last_time)(struct store *s, const struct store_query *q, struct trp_time *at,
                           struct trp_err *err);
    int (*intake_save)(struct store *s, const char *answers_json, int64_t taken_at,
                       int red_flags, int64_t *id, struct trp_err *err);
    int (*intake_latest)(struct store *s, struct arena *a, struct store_intake *out,
                         struct trp_err *err);
    int (*intake_acknowledge)(struct store *s, int64_t id, int64_t at, struct trp_err *err);
    int (*intake_clear)(struct store *s, int64_t id, const char *by, int64_t at,
                        struct trp_err *err);
    int (*treatment_passes_put)(struct store *s, int64_t entry_id, const struct store_pass *p,
                                size_t n, struct trp_err *err);
    int (*treatment_passes_get)(struct store *s, int64_t entry_id, struct arena *a,
                                struct store_pass **p, size_t *n, struct trp_err *err);
    int (*plan_put)(struct store *s, const struct store_plan_item *item, struct trp_err *err);
    int (*plan_end)(struct store *s, const char *muscle, int64_t at, struct trp_err *err);
    int (*plan_list)(struct store *s, struct arena *a, struct store_plan_item **items,
                     size_t *n, struct trp_err *err);
    int (*setting_get)(struct store *s, struct arena *a, const char *key, const char **value,
                       struct trp_err *err);
    int (*setting_put)(struct store *s, const char *key, const char *value, int64_t at,
                       struct trp_err *err);
    /* People, accounts, sessions and the audit log (store_clinic.h). */
    const struct store_clinic_ops *clinic;
};

/* The first member of every backend's handle. */
struct store_common {
    const struct store_ops *ops;
    int64_t person; /* whose diary every diary operation reads and writes */
};

static inline struct store_common *store_common_of(struct store *s)
{
    return (struct store_common *)(void *)s;
}

/* The backends' open functions, chosen by store_open_with. */
int store_sqlite_open(const char *path, const struct store_open_opts *opts, struct store **out,
                      struct trp_err *err);
int store_pg_open(const char *uri, const struct store_open_opts *opts, struct store **out,
                  struct trp_err *err);

/* For entry_find_same in every backend: sets *same when the entry stored under id (or, with
 * with_history, one of its earlier versions) has exactly the content want (as
 * entry_json_content writes it). Reads through the public store functions only. */
int store_same_content(struct store *s, struct arena *a, int64_t id, const char *want,
                       int with_history, int *same, struct trp_err *err);

#endif
