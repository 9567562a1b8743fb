/*
 * Who may read and write whose diary: the one place where the clinic decides it. Every
 * face (the terminal, the web server) asks here before it touches a client's data, and
 * every answer, yes or no, goes into the audit log with who asked, when, what for and from
 * where. The rules:
 *   - a therapist reaches the clients linked to her: her own and those shared with her;
 *   - a client reaches their own diary only;
 *   - an admin manages accounts and links and reads the audit log, but reads no diary
 *     unless linked like a therapist (least privilege);
 *   - the terminal (someone holding the database's credentials) reaches every client, and
 *     is logged as such.
 * A refusal says "no client with id N", as for a client that does not exist, so that
 * probing ids reveals nothing.
 */
#ifndef TRP_APP_AUTHZ_H
#define TRP_APP_AUTHZ_H

#include <stdint.h>

#include "base/err.h"

struct store;

enum authz_role { AUTHZ_CLIENT, AUTHZ_THERAPIST, AUTHZ_ADMIN, AUTHZ_TERMINAL };

struct authz_actor {
    enum authz_role role;
    int64_t user_id;     /* the account; 0 for the terminal */
    const char *login;   /* the account's login, or the system user at the terminal */
    int64_t person_id;   /* a client's own diary */
    const char *origin;  /* the remote address, or "terminal" */
};

enum authz_access { AUTHZ_READ, AUTHZ_WRITE };

/* Parses "client", "therapist", "admin". */
int authz_role_parse(const char *name, enum authz_role *out);
const char *authz_role_name(enum authz_role role);

/* Decides whether who may read or write person's diary for what ("entries", "report",
 * ...). Yes: the store's handle is pointed at that person, a row is appended to the audit
 * log, and 0 is returned. No: a row "denied" is appended and TRP_ENOTFOUND returned. */
int authz_client(struct store *s, const struct authz_actor *who, int64_t person,
                 enum authz_access access, const char *what, struct trp_err *err);

/* Whose clients who may list: *therapist is the account to list for, or 0 for all (the
 * terminal, an admin). A client may list nothing (TRP_ENOTFOUND). */
int authz_client_list(const struct authz_actor *who, int64_t *therapist, struct trp_err *err);

/* Whether who may manage accounts and links and read the audit log (admin, terminal). */
int authz_manage(const struct authz_actor *who, struct trp_err *err);

/* Appends one audit row for who (events that are not a client's data: logins, account
 * changes). person may be 0. */
int authz_audit(struct store *s, const struct authz_actor *who, int64_t person,
                const char *action, const char *detail, struct trp_err *err);

#endif
