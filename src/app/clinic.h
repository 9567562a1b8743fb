/*
 * The clinic's use cases, shared by `trp clinic` and `trp serve --clinic`: accounts,
 * clients and their therapists, logging in and out, and the session that carries a login
 * from one request to the next. Access to a client's diary is decided by authz.h.
 *
 * Logins are rate-limited per account: after 3 failures in a row each further attempt
 * must wait 2^(failures-3) seconds (1, 2, 4, ... up to 15 minutes), and after 10 the
 * account is locked for 15 minutes; a wrong password during the wait counts too, and the
 * answer is the same "too many attempts" whatever the password, so guessing gains nothing.
 * Sessions end after 30 minutes without a request and 12 hours after login, whichever
 * comes first; a login always starts a new session (the old token, if any, is dropped).
 */
#ifndef TRP_APP_CLINIC_H
#define TRP_APP_CLINIC_H

#include <stdint.h>

#include "app/authz.h"
#include "app/password.h"
#include "base/arena.h"
#include "base/err.h"

struct store;

enum {
    CLINIC_SESSION_IDLE = 30 * 60,
    CLINIC_SESSION_MAX = 12 * 60 * 60,
    CLINIC_FREE_FAILURES = 3,
    CLINIC_LOCK_FAILURES = 10,
    CLINIC_LOCK_SECONDS = 15 * 60,
};

/* Adds a therapist or admin account (role "therapist" or "admin"). */
int clinic_add_staff(struct store *s, const struct authz_actor *who, const char *login,
                     const char *role, const char *password, int64_t *id, struct trp_err *err);

/* Adds a client, with their own therapist (a therapist's login), and returns the id. dob,
 * medications and notes may be NULL. A client login, when given, gets an account that
 * reaches this client's diary only. */
struct clinic_client {
    const char *name;
    const char *date_of_birth;
    const char *medications;
    const char *notes;
    const char *therapist;
    const char *login;
    const char *password;
};
int clinic_add_client(struct store *s, const struct authz_actor *who,
                      const struct clinic_client *c, int64_t *id, struct trp_err *err);

/* Shares client with a therapist (kind "shared"), or makes her the own therapist ("own"). */
int clinic_link(struct store *s, const struct authz_actor *who, int64_t client,
                const char *therapist, const char *kind, struct trp_err *err);

/* Sets a new password and ends every session of the account. */
int clinic_passwd(struct store *s, const struct authz_actor *who, const char *login,
                  const char *password, struct trp_err *err);

/* Checks a login. On success fills actor (strings in a), token (for the cookie) and csrf.
 * Failures: TRP_EINVAL "wrong login or password" (the same for an unknown login), or
 * TRP_ELIMITED while the account must wait; both are audited. old_token, when given, is
 * dropped (a login always rotates the session). */
struct clinic_login {
    struct authz_actor actor;
    char token[TOKEN_HEX];
    char csrf[TOKEN_HEX];
    int64_t retry_after; /* seconds, with TRP_ELIMITED */
};
int clinic_login(struct store *s, struct arena *a, const char *login, const char *password,
                 const char *origin, const char *old_token, int64_t now,
                 struct clinic_login *out, struct trp_err *err);

/* Resolves a session token to its actor and CSRF token, refreshing its idle time;
 * TRP_ENOTFOUND for an unknown or expired one (an expired one is removed). */
int clinic_session(struct store *s, struct arena *a, const char *token, const char *origin,
                   int64_t now, struct authz_actor *actor, const char **csrf,
                   struct trp_err *err);

/* Ends the session of token (audited). */
int clinic_logout(struct store *s, const struct authz_actor *who, const char *token,
                  struct trp_err *err);

#endif
