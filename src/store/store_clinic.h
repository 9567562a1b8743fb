/*
 * The clinic's records: people (the client whose diary it is), accounts with roles, the
 * links between therapists and clients, login sessions and the append-only audit log. They
 * live on the clinic's PostgreSQL server; an SQLite diary has one person and no accounts,
 * and these calls on it answer "the clinic needs a PostgreSQL database". Who may do what
 * is not decided here but in src/app/authz.c; the store only records.
 */
#ifndef TRP_STORE_STORE_CLINIC_H
#define TRP_STORE_STORE_CLINIC_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

struct store;

struct store_person_info {
    int64_t id;
    const char *name;
    const char *date_of_birth; /* YYYY-MM-DD or NULL */
    const char *medications;   /* free text or NULL */
    const char *notes;         /* free text or NULL */
    const char *therapist;     /* the own therapist's login (read only), or NULL */
    int64_t created_at;
};

struct store_user {
    int64_t id;
    const char *login;
    const char *role;          /* "client", "therapist" or "admin" */
    const char *password_hash; /* crypto_pwhash_str output */
    int64_t person_id;         /* a client's own diary; 0 for staff */
    int failed_logins;         /* since the last successful login */
    int64_t last_failed_at;
    int64_t locked_until;      /* UTC seconds; 0 when not locked */
};

struct store_client_row {
    int64_t person_id;
    const char *name;
    const char *date_of_birth;
    const char *link;          /* "own" or "shared" for a therapist; NULL for an admin */
    int64_t last_entry_at;     /* 0 when the diary is empty */
    int64_t last_treatment_at; /* the last visit or practitioner treatment, or 0 */
    int64_t diary_mark;        /* moves with every change of the diary (0: none yet) */
    double pain_recent;        /* mean pain of the last 28 days, or -1 (store_pain_means) */
    double pain_before;        /* mean pain of the 28 days before that, or -1 */
    int red_flags;             /* of the latest intake, not acknowledged */
    /* The latest intake in full (intake.id 0 when none), read in the same query so that
     * the list's urgent flags cost no round trip per client. */
    struct store_intake intake;
};

struct store_session {
    int64_t user_id;
    const char *csrf;
    int64_t created_at;
    int64_t last_seen;
    struct store_user user; /* its account, read in the same query: every request needs both */
};

struct store_audit {
    int64_t id;
    int64_t at;
    const char *actor;  /* "therapist:anna", "cli:root" */
    int64_t person_id;  /* whose data, or 0 */
    const char *action; /* "entries.read", "entry.write", "login.failed", ... */
    const char *detail; /* ids or counts, never diary text; may be NULL */
    const char *origin; /* remote address or "terminal" */
};

/* A visit: SOAP notes and the entries (treatments, outcome ratings) that belong to it. */
struct store_visit {
    int64_t id;
    const char *therapist; /* who saw the client (a login, or the terminal's user) */
    int64_t at;            /* UTC seconds */
    int offset_min;        /* the local offset at the visit */
    const char *subjective, *objective, *assessment, *plan; /* NULL when not written */
    int64_t *entries;      /* ids of its entries */
    size_t n_entries;
};

struct store_clinic_ops {
    int (*person_add)(struct store *s, const struct store_person_info *p, int64_t *id,
                      struct trp_err *err);
    int (*person_get)(struct store *s, struct arena *a, int64_t id,
                      struct store_person_info *out, struct trp_err *err);
    int (*user_add)(struct store *s, const struct store_user *u, int64_t *id,
                    struct trp_err *err);
    int (*user_find)(struct store *s, struct arena *a, const char *login,
                     struct store_user *out, struct trp_err *err);
    int (*user_by_id)(struct store *s, struct arena *a, int64_t id, struct store_user *out,
                      struct trp_err *err);
    int (*user_set_password)(struct store *s, int64_t user, const char *hash,
                             struct trp_err *err);
    int (*user_login_result)(struct store *s, int64_t user, int ok, int64_t now,
                             int64_t locked_until, struct trp_err *err);
    int (*link_put)(struct store *s, int64_t therapist, int64_t person, const char *kind,
                    struct trp_err *err);
    int (*link_kind)(struct store *s, int64_t therapist, int64_t person, const char **kind,
                     struct trp_err *err);
    int (*clients_list)(struct store *s, struct arena *a, int64_t therapist,
                        struct store_client_row **rows, size_t *n, struct trp_err *err);
    int (*pain_means)(struct store *s, int64_t now, double *recent, double *before,
                      struct trp_err *err);
    int (*session_put)(struct store *s, const char *token_hash, int64_t user, const char *csrf,
                       int64_t now, struct trp_err *err);
    int (*session_get)(struct store *s, struct arena *a, const char *token_hash,
                       struct store_session *out, struct trp_err *err);
    int (*session_touch)(struct store *s, const char *token_hash, int64_t now,
                         struct trp_err *err);
    int (*session_drop)(struct store *s, const char *token_hash, int64_t user,
                        struct trp_err *err);
    int (*visit_add)(struct store *s, const struct store_visit *v, int link_day, int64_t *id,
                     struct trp_err *err);
    int (*visit_list)(struct store *s, struct arena *a, struct store_visit **out, size_t *n,
                      struct trp_err *err);
    int (*audit_add)(struct store *s, const struct store_audit *row, struct trp_err *err);
    int (*link_audit)(struct store *s, int64_t therapist, const struct store_audit *row,
                      const char **kind, struct trp_err *err);
    int (*audit_list)(struct store *s, struct arena *a, int64_t person, int64_t limit,
                      struct store_audit **rows, size_t *n, struct trp_err *err);
};

/* Adds a person (a client) and returns the id. */
int store_person_add(struct store *s, const struct store_person_info *p, int64_t *id,
                     struct trp_err *err);
/* TRP_ENOTFOUND for an unknown id. */
int store_person_get(struct store *s, struct arena *a, int64_t id,
                     struct store_person_info *out, struct trp_err *err);

/* Adds an account; TRP_ECONFLICT when the login is taken. */
int store_user_add(struct store *s, const struct store_user *u, int64_t *id,
                   struct trp_err *err);
/* TRP_ENOTFOUND for an unknown login. */
int store_user_find(struct store *s, struct arena *a, const char *login, struct store_user *out,
                    struct trp_err *err);
int store_user_by_id(struct store *s, struct arena *a, int64_t id, struct store_user *out,
                     struct trp_err *err);
int store_user_set_password(struct store *s, int64_t user, const char *hash,
                            struct trp_err *err);
/* Records a login attempt: ok clears the failure count; a failure counts it, with its time,
 * and sets locked_until (0 for no lock). */
int store_user_login_result(struct store *s, int64_t user, int ok, int64_t now,
                            int64_t locked_until, struct trp_err *err);

/* Links a therapist to a client: kind "own" (one per client; replaces the previous own
 * therapist, who keeps no access) or "shared". */
int store_link_put(struct store *s, int64_t therapist, int64_t person, const char *kind,
                   struct trp_err *err);
/* *kind is "own", "shared" or NULL (no link). */
int store_link_kind(struct store *s, int64_t therapist, int64_t person, const char **kind,
                    struct trp_err *err);

/* The clients of a therapist (own and shared), or every client when therapist is 0, by
 * name, with the figures a client list shows (all but the pain means). */
int store_clients_list(struct store *s, struct arena *a, int64_t therapist,
                       struct store_client_row **rows, size_t *n, struct trp_err *err);

/* The handle's person's mean pain of the 28 days before now and of the 28 days before
 * those (-1 for a window without ratings). */
int store_pain_means(struct store *s, int64_t now, double *recent, double *before,
                     struct trp_err *err);

/* Login sessions, stored by the hash of their token. session_get answers TRP_ENOTFOUND for
 * an unknown hash. session_drop removes one session (token_hash) or, with token_hash NULL,
 * every session of user. */
int store_session_put(struct store *s, const char *token_hash, int64_t user, const char *csrf,
                      int64_t now, struct trp_err *err);
int store_session_get(struct store *s, struct arena *a, const char *token_hash,
                      struct store_session *out, struct trp_err *err);
int store_session_touch(struct store *s, const char *token_hash, int64_t now,
                        struct trp_err *err);
int store_session_drop(struct store *s, const char *token_hash, int64_t user,
                       struct trp_err *err);

/* Adds a visit to the handle's person's record. The entries named in v must be theirs
 * (TRP_ENOTFOUND otherwise); with link_day, the practitioner's treatments and the PGIC and
 * PSFS ratings of the visit's local day are linked as well. */
int store_visit_add(struct store *s, const struct store_visit *v, int link_day, int64_t *id,
                    struct trp_err *err);
/* The handle's person's visits, newest first, with their entries. */
int store_visit_list(struct store *s, struct arena *a, struct store_visit **out, size_t *n,
                     struct trp_err *err);

/* Appends to the audit log (it cannot be changed or shortened: the database refuses). */
int store_audit_add(struct store *s, const struct store_audit *row, struct trp_err *err);
/* store_link_kind and store_audit_add in one statement, for the check every therapist's
 * request makes (one round trip and one commit rather than two round trips): *kind as
 * store_link_kind answers for therapist and row->person_id, and row appended to the audit
 * log when there is a link, or else recorded as a refusal (action "denied", row->action as
 * its detail). */
int store_link_audit(struct store *s, int64_t therapist, const struct store_audit *row,
                     const char **kind, struct trp_err *err);
/* The newest rows first, of one person (or all when person is 0), at most limit (0 = all). */
int store_audit_list(struct store *s, struct arena *a, int64_t person, int64_t limit,
                     struct store_audit **rows, size_t *n, struct trp_err *err);

#endif
