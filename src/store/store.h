/*
 * The storage interface. Everything above it (commands, HTTP, analysis) talks to a
 * `struct store` through these functions only, so that PostgreSQL can sit behind the same
 * interface as SQLite. Every write runs in a transaction: a call either changes the database
 * completely or not at all. Entries are never removed by `store_entry_delete`; they are
 * marked deleted and can be restored. Only `store_entry_purge` and `store_erase_all` remove
 * what a person wrote, and they make sure its text is gone from the file.
 */
#ifndef TRP_STORE_STORE_H
#define TRP_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/entry.h"

struct store;

/* trp's databases carry this SQLite application id ("TRP1" in ASCII). */
#define STORE_APPLICATION_ID 0x54525031

struct store_open_opts {
    /* Called once per wait when a write has waited about a second for another process's
     * write to finish (the caller tells the person); NULL to wait silently. */
    void (*on_wait)(void *data);
    void *wait_data;
    int wait_seconds; /* give up after this long; 0 means 600 */
};

/* Opens or creates the database at path and applies pending migrations. A path that starts
 * with "postgresql://" or "postgres://" is a libpq URI and opens PostgreSQL (a clinic's
 * server); anything else is an SQLite file. Refuses "", ":memory:" and "file:" URIs
 * (nothing would be kept) and, unchanged, any file that is not a trp database. A file the
 * caller may not write is opened read-only: reads work, writes fail saying so. opts may be
 * NULL. */
int store_open(const char *path, struct store **out, struct trp_err *err);
int store_open_with(const char *path, const struct store_open_opts *opts, struct store **out,
                    struct trp_err *err);
void store_close(struct store *s);
int store_is_read_only(struct store *s);

/* True when path names a PostgreSQL database (a postgresql:// or postgres:// URI). */
int store_path_is_pg(const char *path);

/* The database for messages: the file's path, or the URI without its password. */
const char *store_label(struct store *s);

/* "sqlite" or "postgresql". */
const char *store_backend(struct store *s);

/* Whose diary the handle reads and writes: every entry, intake and plan operation is
 * confined to this person (an id from the person table). A new handle starts at the
 * database's first person, the one-person diary's owner. Entries of other people are "not
 * found" through this handle, whatever their id. */
void store_set_person(struct store *s, int64_t person);
int64_t store_person(struct store *s);

/* The schema version after migrations (for tests). */
int store_schema_version(struct store *s);

/* Explicit transactions for multi-entry writes (import). Nested use is an error. A
 * single store_entry_* call outside a transaction runs in its own. */
int store_begin(struct store *s, struct trp_err *err);
int store_commit(struct store *s, struct trp_err *err);
void store_rollback(struct store *s);

/* Inserts a validated entry for the default person; sets e->id and e->created_at. An entry
 * with deleted_at set is stored deleted (dated now); e->revisions, when set, are stored as
 * its history. */
int store_entry_insert(struct store *s, struct entry *e, struct trp_err *err);

/* Replaces the entry with id e->id (which must be live). */
int store_entry_update(struct store *s, const struct entry *e, struct trp_err *err);

/* Loads one entry (deleted ones too, with deleted_at set). Strings go to arena. */
int store_entry_get(struct store *s, struct arena *a, int64_t id, struct entry *out,
                    struct trp_err *err);

/* Marks deleted / live again. TRP_ENOTFOUND for an unknown id; TRP_ECONFLICT when the
 * entry is already in that state. */
int store_entry_delete(struct store *s, int64_t id, struct trp_err *err);
int store_entry_restore(struct store *s, int64_t id, struct trp_err *err);

/* Removes an entry and every earlier version of it for good. TRP_ENOTFOUND for an unknown id.
 * The rows are overwritten on deletion (secure_delete); call store_scrub after the
 * transaction so that the old pages also leave the write-ahead log. */
int store_entry_purge(struct store *s, int64_t id, struct trp_err *err);

/* Copies the write-ahead log into the database and truncates it, so removed text is in
 * neither file. Outside a transaction. TRP_ECONFLICT when another process is reading and the
 * log could not be emptied (the message says so). */
int store_scrub(struct store *s, struct trp_err *err);

/* Removes every entry, revision, intake and plan (every table but the person), then
 * rebuilds the file (VACUUM) and scrubs the log. *entries is the number of entries removed. */
int store_erase_all(struct store *s, int64_t *entries, struct trp_err *err);

/* The earlier versions of an entry, oldest first: when each was replaced and what it was
 * (entries in arena). n is 0 for an entry never edited. TRP_ENOTFOUND for an unknown id. */
struct store_revision {
    int64_t revised_at;
    struct entry previous;
};
int store_entry_history(struct store *s, struct arena *a, int64_t id,
                        struct store_revision **out, size_t *n, struct trp_err *err);

/* The id of an entry (live or deleted) with the same content as e (entry_json_content:
 * time, kind and every field), or, when e->id names an entry, that entry if one of its
 * earlier versions had this content (an old export of an entry edited since); 0 when there
 * is none. */
int store_entry_find_same(struct store *s, const struct entry *e, int64_t *id,
                          struct trp_err *err);

/* A query over entries: live entries only unless include_deleted. */
struct store_query {
    int kind;             /* an enum entry_kind, or -1 for all */
    int has_since, has_until;
    int64_t since, until; /* UTC seconds; since inclusive, until exclusive */
    int include_deleted;
    int only_deleted;
    int with_revisions;   /* fill entry.revisions (JSON Lines export) */
    int64_t limit;        /* 0 = no limit */
};
void store_query_init(struct store_query *q);

/* Calls fn for each matching entry in time order (then id). The entry and its strings are
 * valid only during the call (the store reuses a scratch arena). A non-zero return from fn
 * stops the walk and is returned. */
typedef int (*store_entry_fn)(const struct entry *e, void *data);
int store_entry_each(struct store *s, const struct store_query *q, store_entry_fn fn,
                     void *data, struct trp_err *err);

/* Counts matching entries. */
int store_entry_count(struct store *s, const struct store_query *q, int64_t *count,
                      struct trp_err *err);

/* The time of the last entry q selects (charts end on the diary's own last day);
 * TRP_ENOTFOUND, without a message, when there is none. */
int store_entry_last_time(struct store *s, const struct store_query *q, struct trp_time *at,
                          struct trp_err *err);

/* --- intake (red flags, precautions, perpetuating factors) --- */

/* Saves one completed intake (answers as JSON text) and returns its id. */
int store_intake_save(struct store *s, const char *answers_json, int64_t taken_at,
                      int red_flags, int64_t *id, struct trp_err *err);

/* The latest intake; TRP_ENOTFOUND when none was taken. answers_json goes to arena. */
struct store_intake {
    int64_t id;
    int64_t taken_at;
    int64_t acknowledged_at; /* 0 when not acknowledged */
    int64_t cleared_at;      /* 0 until a clinician's clearance is recorded */
    const char *cleared_by;  /* NULL until then */
    int red_flags;
    const char *answers_json;
};
int store_intake_latest(struct store *s, struct arena *a, struct store_intake *out,
                        struct trp_err *err);

/* Records that the person read and acknowledged the red-flag advice of intake id. */
int store_intake_acknowledge(struct store *s, int64_t id, int64_t at, struct trp_err *err);

/* Records that clinician `by` cleared the person for self-treatment at `at` (intake id). */
int store_intake_clear(struct store *s, int64_t id, const char *by, int64_t at,
                       struct trp_err *err);

/* --- passes of a treatment (guided sessions) --- */

struct store_pass {
    int hold_seconds;
    int softened;
};

/* Stores the passes of treatment entry_id (replacing any), pass numbers 1..n. */
int store_treatment_passes_put(struct store *s, int64_t entry_id, const struct store_pass *p,
                               size_t n, struct trp_err *err);

/* The passes of entry_id in order (arena-allocated; *n = 0 when none were recorded). */
int store_treatment_passes_get(struct store *s, int64_t entry_id, struct arena *a,
                               struct store_pass **p, size_t *n, struct trp_err *err);

/* --- self-care plan --- */

struct store_plan_item {
    int64_t id;
    const char *muscle;
    const char *side;          /* NULL when not given */
    int release_per_week;
    int stretch_per_day;
    int strengthen_per_week;
    int64_t created_at;
};

/* Adds a muscle to the plan, or replaces the frequencies of the active item for it. */
int store_plan_put(struct store *s, const struct store_plan_item *item, struct trp_err *err);

/* Ends the active plan item for muscle (kept for history). TRP_ENOTFOUND if none. */
int store_plan_end(struct store *s, const char *muscle, int64_t at, struct trp_err *err);

/* The active plan items, ordered by muscle. */
int store_plan_list(struct store *s, struct arena *a, struct store_plan_item **items,
                    size_t *n, struct trp_err *err);

/* Settings (a person's choices, such as the flare definition), by key. get sets *value
 * to NULL (arena-owned otherwise) when the key is not set; put with value NULL removes it. */
int store_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                      struct trp_err *err);
int store_setting_put(struct store *s, const char *key, const char *value, int64_t at,
                      struct trp_err *err);

#endif
