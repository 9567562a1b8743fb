/*
 * Private to the PostgreSQL store: the handle and the helpers its source files share
 * (parameters, running a statement, transactions with retry). Every statement goes through
 * PQexecParams with its values as parameters; nothing a person typed is ever part of SQL.
 */
#ifndef TRP_STORE_PG_INTERNAL_H
#define TRP_STORE_PG_INTERNAL_H

#include <libpq-fe.h>
#include <stdint.h>

#include "store/store_backend.h"

/* Statements prepared on this connection, found by their text (see pg_exec). */
enum { PG_PREPARED_MAX = 96 };
struct pg_prepared {
    uint64_t hash;
    char *sql;
};

struct pg_store {
    struct store_common common; /* first: the operations table and the person */
    PGconn *conn;
    struct pg_prepared prepared[PG_PREPARED_MAX];
    int n_prepared;
    int in_tx;          /* inside store_begin .. store_commit */
    int retryable;      /* the last failure was a serialization failure or a deadlock */
    int read_only;      /* a standby or a read-only role */
    char *label;        /* the URI without its password, for messages */
    struct arena *scratch;
};

static inline struct pg_store *pg_of(struct store *s)
{
    return (struct pg_store *)(void *)s;
}

/* Up to PG_PARAMS_MAX values for one statement, as text (NULL is SQL NULL). */
enum { PG_PARAMS_MAX = 24, PG_NUM_BUF = 32 };
struct pg_params {
    int n;
    const char *v[PG_PARAMS_MAX];
    char num[PG_PARAMS_MAX][PG_NUM_BUF];
};
void pgp_init(struct pg_params *p);
void pgp_text(struct pg_params *p, const char *v);
void pgp_int(struct pg_params *p, int64_t v);
void pgp_int_or_null(struct pg_params *p, int v); /* ENTRY_UNSET is NULL */
void pgp_double(struct pg_params *p, double v);
void pgp_null(struct pg_params *p);

/* Runs one statement: SELECT, INSERT, UPDATE, DELETE and WITH are prepared on first use
 * and executed by name afterwards (PQprepare, PQexecPrepared), so an import of thousands of
 * entries plans each statement once; anything else goes through PQexecParams. On success *res holds the result (PQclear it; res may be NULL to
 * discard it). On failure sets err ("database: WHAT: message"), marks the handle retryable
 * for serialization failures and deadlocks, and returns TRP_EIO (TRP_ECONFLICT for a
 * unique violation). */
int pg_exec(struct pg_store *p, const char *sql, const struct pg_params *params,
            PGresult **res, const char *what, struct trp_err *err);

/* Column helpers over a text-format result. */
int64_t pg_int(const PGresult *r, int row, int col);       /* NULL reads as 0 */
int pg_int_or_unset(const PGresult *r, int row, int col); /* NULL reads as ENTRY_UNSET */
double pg_double(const PGresult *r, int row, int col);
const char *pg_text(struct arena *a, const PGresult *r, int row, int col); /* NULL stays NULL */

/* Runs body inside the caller's transaction, or in its own SERIALIZABLE transaction that
 * is retried (a few times, with a short random pause) when PostgreSQL reports a
 * serialization failure or deadlock, so that concurrent writers both succeed. */
typedef int (*pg_body_fn)(struct pg_store *p, void *arg, struct trp_err *err);
int pg_run(struct pg_store *p, pg_body_fn body, void *arg, struct trp_err *err);

/* The SELECT that reads entries (columns in the order pg_row_to_entry expects). */
extern const char pg_entry_select[];
void pg_row_to_entry(struct arena *a, const PGresult *r, int row, struct entry *e);

/* Diary operations of store_pg_history.c, for the operations table in store_pg.c. */
int pg_entry_purge(struct store *s, int64_t id, struct trp_err *err);
int pg_scrub(struct store *s, struct trp_err *err);
int pg_erase_all(struct store *s, int64_t *entries, struct trp_err *err);
int pg_entry_history(struct store *s, struct arena *a, int64_t id, struct store_revision **out,
                     size_t *n, struct trp_err *err);
int pg_entry_find_same(struct store *s, const struct entry *e, int64_t *id,
                       struct trp_err *err);
int pg_write_revisions(struct pg_store *p, int64_t id, const char *revisions,
                       struct trp_err *err);
int pg_intake_save(struct store *s, const char *answers_json, int64_t taken_at, int red_flags,
                   int64_t *id, struct trp_err *err);
int pg_intake_latest(struct store *s, struct arena *a, struct store_intake *out,
                     struct trp_err *err);
int pg_intake_acknowledge(struct store *s, int64_t id, int64_t at, struct trp_err *err);
int pg_intake_clear(struct store *s, int64_t id, const char *by, int64_t at,
                    struct trp_err *err);
int pg_treatment_passes_put(struct store *s, int64_t entry_id, const struct store_pass *p,
                            size_t n, struct trp_err *err);
int pg_treatment_passes_get(struct store *s, int64_t entry_id, struct arena *a,
                            struct store_pass **p, size_t *n, struct trp_err *err);
int pg_plan_put(struct store *s, const struct store_plan_item *item, struct trp_err *err);
int pg_plan_end(struct store *s, const char *muscle, int64_t at, struct trp_err *err);
int pg_plan_list(struct store *s, struct arena *a, struct store_plan_item **items, size_t *n,
                 struct trp_err *err);
int pg_setting_get(struct store *s, struct arena *a, const char *key, const char **value,
                   struct trp_err *err);
int pg_setting_put(struct store *s, const char *key, const char *value, int64_t at,
                   struct trp_err *err);

#endif
