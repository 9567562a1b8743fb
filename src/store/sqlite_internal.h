/*
 * Private to the SQLite store: the connection struct and the helpers that the store's
 * source files (diary entries, intake, plan) share. Nothing outside src/store includes it.
 */
#ifndef TRP_STORE_SQLITE_INTERNAL_H
#define TRP_STORE_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_backend.h"

enum { SQLITE_STMT_SLOTS = 16 };
/* store_entry_each's query shapes: revisions, deleted mode (2 bits), kind, since, until, limit. */
enum { SQLITE_EACH_SHAPES = 128 };

struct store {
    struct store_common common; /* first: the operations table and the person */
    sqlite3 *db;
    sqlite3_stmt *stmt[SQLITE_STMT_SLOTS];
    int in_tx;
    struct arena *scratch; /* entries handed to store_entry_each callbacks */
    char *path;            /* as given to store_open, for messages */
    int read_only;         /* opened read-only: the person may read but not write the file */
    void (*on_wait)(void *data);
    void *wait_data;
    int wait_seconds;      /* a write gives up after waiting this long for another writer */
    int wait_noticed;      /* on_wait already called for the current wait */
    int64_t wait_started_ms;
    sqlite3_stmt *same_stmt; /* store_entry_find_same's lookup, once per import row */
    /* store_entry_each's statements, prepared once per connection and shape: a server asks
     * the same few questions thousands of times, and preparing cost a fifth of each answer. */
    sqlite3_stmt *each_stmt[SQLITE_EACH_SHAPES];
};

/* Binds the handle's person to the statement's :person parameter, if it has one. Every
 * statement that reads or writes a diary names :person, so one handle never reaches
 * another person's rows. */
static inline void sqlite_bind_person(struct store *s, sqlite3_stmt *st)
{
    int i = sqlite3_bind_parameter_index(st, ":person");
    if (i)
        sqlite3_bind_int64(st, i, s->common.person);
}

/* Sets err from the connection's last error: "database: WHAT: message". */
int sqlite_db_error(struct store *s, struct trp_err *err, const char *what);

/* Runs SQL without parameters (schema, pragmas, BEGIN/COMMIT). */
int sqlite_exec(struct store *s, const char *sql, struct trp_err *err);

/* Joins the caller's transaction or starts one (*owned says which); leave commits or rolls
 * back an owned one according to rc and returns the final status. */
int sqlite_tx_enter(struct store *s, int *owned, struct trp_err *err);
int sqlite_tx_leave(struct store *s, int owned, int rc, struct trp_err *err);

/* Stores the earlier versions in revisions (the JSON Lines "revisions" array, as checked by
 * entry_from_json) as the history of entry id. Inside the caller's transaction. */
int sqlite_write_revisions(struct store *s, int64_t id, const char *revisions,
                           struct trp_err *err);

#endif
