/*
 * The clinic's accounts, logins and sessions (clinic.h).
 */
#include "app/clinic.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "store/store_clinic.h"

static int valid_login(const char *login, struct trp_err *err)
{
    size_t n = strlen(login);
    if (n < 1 || n > 64)
        return trp_err_set(err, TRP_EINVAL, "a login is 1 to 64 characters");
    for (const char *c = login; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
              *c == '_'))
            return trp_err_set(err, TRP_EINVAL,
                               "a login may hold lower-case letters, digits, '.', '-' and '_'");
    return 0;
}

/* YYYY-MM-DD of a real calendar day. */
static int valid_date(const char *d, struct trp_err *err)
{
    int y, m, day;
    char tail;
    if (sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3 || strlen(d) != 10 || y < 1900 ||
        m < 1 || m > 12 || day < 1)
        return trp_err_set(err, TRP_EINVAL, "date of birth %s is not YYYY-MM-DD", d);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (day > days[m - 1] + (m == 2 && leap))
        return trp_err_set(err, TRP_EINVAL, "date of birth %s is not a day of the calendar", d);
    return 0;
}

int clinic_add_staff(struct store *s, const struct authz_actor *who, const char *login,
                     const char *role, const char *password, int64_t *id, struct trp_err *err)
{
    int rc = authz_manage(who, err);
    if (rc || (rc = valid_login(login, err)))
        return rc;
    if (strcmp(role, "therapist") && strcmp(role, "admin"))
        return trp_err_set(err, TRP_EINVAL, "a staff role is therapist or admin");
    char hash[PASSWORD_HASH_MAX];
    if ((rc = password_hash(password, hash, err)))
        return rc;
    struct store_user u = {0, login, role, hash, 0, 0, 0, 0};
    int64_t uid = 0;
    if ((rc = store_user_add(s, &u, &uid, err)))
        return rc;
    if (id)
        *id = uid;
    char detail[96];
    snprintf(detail, sizeof detail, "%s %s", role, login);
    return authz_audit(s, who, 0, "account.add", detail, err);
}

/* The account of a therapist (or admin) by login. */
static int find_staff(struct store *s, struct arena *a, const char *login, struct store_user *u,
                      struct trp_err *err)
{
    int rc = store_user_find(s, a, login, u, err);
    if (rc == TRP_ENOTFOUND)
        return trp_err_set(err, TRP_ENOTFOUND,
                           "no therapist with the login %s: add one with 'trp clinic "
                           "add-therapist %s --password-stdin'",
                           login, login);
    if (!rc && !strcmp(u->role, "client"))
        return trp_err_set(err, TRP_EINVAL, "%s is a client's login, not a therapist's", login);
    return rc;
}

int clinic_add_client(struct store *s, const struct authz_actor *who,
                      const struct clinic_client *c, int64_t *id, struct trp_err *err)
{
    int rc = authz_manage(who, err);
    if (rc)
        return rc;
    if (!c->name || !c->name[0] || strlen(c->name) > 200)
        return trp_err_set(err, TRP_EINVAL, "a client's name is 1 to 200 characters");
    if (c->date_of_birth && (rc = valid_date(c->date_of_birth, err)))
        return rc;
    if (c->login && (rc = valid_login(c->login, err)))
        return rc;
    char hash[PASSWORD_HASH_MAX];
    if (c->login && (rc = password_hash(c->password ? c->password : "", hash, err)))
        return rc;
    struct arena *a = arena_new();
    struct store_user therapist;
    if ((rc = find_staff(s, a, c->therapist, &therapist, err)))
        goto out;
    /* One transaction: the client, the link and the account appear together or not at all. */
    if ((rc = store_begin(s, err)))
        goto out;
    struct store_person_info p = {0, c->name, c->date_of_birth, c->medications, c->notes, NULL,
                                  (int64_t)time(NULL)};
    int64_t pid = 0;
    rc = store_person_add(s, &p, &pid, err);
    if (!rc)
        rc = store_link_put(s, therapist.id, pid, "own", err);
    if (!rc && c->login) {
        struct store_user u = {0, c->login, "client", hash, pid, 0, 0, 0};
        rc = store_user_add(s, &u, NULL, err);
    }
    if (!rc) {
        char detail[96];
        snprintf(detail, sizeof detail, "therapist %s", c->therapist);
        rc = authz_audit(s, who, pid, "client.add", detail, err);
    }
    if (rc) {
        store_rollback(s);
        goto out;
    }
    if ((rc = store_commit(s, err)))
        goto out;
    *id = pid;
out:
    arena_free(a);
    return rc;
}

int clinic_link(struct store *s, const struct authz_actor *who, int64_t client,
                const char *therapist, const char *kind, struct trp_err *err)
{
    int rc = authz_manage(who, err);
    if (rc)
        return rc;
    struct arena *a = arena_new();
    struct store_user t;
    struct store_person_info p;
    if (!(rc = find_staff(s, a, therapist, &t, err)) &&
        !(rc = store_person_get(s, a, client, &p, err)) &&
        !(rc = store_link_put(s, t.id, client, kind, err))) {
        char detail[96];
        snprintf(detail, sizeof detail, "%s %s", kind, therapist);
        rc = authz_audit(s, who, client, "client.link", detail, err);
    }
    arena_free(a);
    return rc;
}

int clinic_passwd(struct store *s, const struct authz_actor *who, const char *login,
                  const char *password, struct trp_err *err)
{
    int rc = authz_manage(who, err);
    if (rc)
        return rc;
    char hash[PASSWORD_HASH_MAX];
    if ((rc = password_hash(password, hash, err)))
        return rc;
    struct arena *a = arena_new();
    struct store_user u;
    if (!(rc = store_user_find(s, a, login, &u, err)) &&
        !(rc = store_user_set_password(s, u.id, hash, err)) &&
        !(rc = store_session_drop(s, NULL, u.id, err)))
        rc = authz_audit(s, who, u.person_id, "account.password", login, err);
    arena_free(a);
    return rc;
}

/* Seconds the account must still wait before another attempt, given its failures. */
static int64_t wait_left(const struct store_user *u, int64_t now)
{
    int64_t until = u->locked_until;
    if (u->failed_logins >= CLINIC_FREE_FAILURES) {
        int shift = u->failed_logins - CLINIC_FREE_FAILURES;
        int64_t backoff = shift >= 10 ? CLINIC_LOCK_SECONDS : (int64_t)1 << shift;
        if (backoff > CLINIC_LOCK_SECONDS)
            backoff = CLINIC_LOCK_SECONDS;
        if (u->last_failed_at + backoff > until)
            until = u->last_failed_at + backoff;
    }
    return until > now ? until - now : 0;
}

static void actor_of(struct arena *a, const struct store_user *u, const char *origin,
                     struct authz_actor *out)
{
    enum authz_role role = AUTHZ_CLIENT;
    authz_role_parse(u->role, &role);
    out->role = role;
    out->user_id = u->id;
    out->login = arena_strdup(a, u->login);
    out->person_id = u->person_id;
    out->origin = arena_strdup(a, origin ? origin : "unknown");
}

int clinic_login(struct store *s, struct arena *a, const char *login, const char *password,
                 const char *origin, const char *old_token, int64_t now,
                 struct clinic_login *out, struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    struct store_user u;
    struct authz_actor anon = {AUTHZ_CLIENT, 0, login, 0, origin};
    int rc = store_user_find(s, a, login, &u, err);
    if (rc == TRP_ENOTFOUND) {
        password_verify_dummy(password);
        trp_err_clear(err);
        if ((rc = authz_audit(s, &anon, 0, "login.failed", "unknown login", err)))
            return rc;
        return trp_err_set(err, TRP_EINVAL, "wrong login or password");
    }
    if (rc)
        return rc;
    actor_of(a, &u, origin, &out->actor);
    int64_t left = wait_left(&u, now);
    if (left > 0) {
        /* Counted as a failure: hammering during the wait only lengthens it. */
        int failures = u.failed_logins + 1;
        int64_t lock = failures >= CLINIC_LOCK_FAILURES ? now + CLINIC_LOCK_SECONDS
                                                        : u.locked_until;
        if ((rc = store_user_login_result(s, u.id, 0, now, lock, err)) ||
            (rc = authz_audit(s, &out->actor, u.person_id, "login.limited", NULL, err)))
            return rc;
        out->retry_after = left;
        return trp_err_set(err, TRP_ELIMITED,
                           "too many attempts: try again in %lld seconds", (long long)left);
    }
    if (!password_verify(u.password_hash, password)) {
        int failures = u.failed_logins + 1;
        int64_t lock = failures >= CLINIC_LOCK_FAILURES ? now + CLINIC_LOCK_SECONDS : 0;
        if ((rc = store_user_login_result(s, u.id, 0, now, lock, err)) ||
            (rc = authz_audit(s, &out->actor, u.person_id, "login.failed", NULL, err)))
            return rc;
        return trp_err_set(err, TRP_EINVAL, "wrong login or password");
    }
    if (old_token && old_token[0]) {
        char old_hash[TOKEN_HEX];
        token_hash(old_token, old_hash);
        if ((rc = store_session_drop(s, old_hash, 0, err)))
            return rc;
    }
    char hash[TOKEN_HEX];
    token_new(out->token);
    token_new(out->csrf);
    token_hash(out->token, hash);
    if ((rc = store_user_login_result(s, u.id, 1, now, 0, err)) ||
        (rc = store_session_put(s, hash, u.id, out->csrf, now, err)))
        return rc;
    return authz_audit(s, &out->actor, u.person_id, "login", NULL, err);
}

int clinic_session(struct store *s, struct arena *a, const char *token, const char *origin,
                   int64_t now, struct authz_actor *actor, const char **csrf,
                   struct trp_err *err)
{
    if (!token || strlen(token) != TOKEN_HEX - 1)
        return trp_err_set(err, TRP_ENOTFOUND, "not logged in");
    char hash[TOKEN_HEX];
    token_hash(token, hash);
    struct store_session ses;
    int rc = store_session_get(s, a, hash, &ses, err);
    if (rc == TRP_ENOTFOUND)
        return trp_err_set(err, TRP_ENOTFOUND, "not logged in");
    if (rc)
        return rc;
    if (now - ses.last_seen > CLINIC_SESSION_IDLE || now - ses.created_at > CLINIC_SESSION_MAX) {
        if ((rc = store_session_drop(s, hash, 0, err)))
            return rc;
        return trp_err_set(err, TRP_ENOTFOUND, "the session has expired: log in again");
    }
    actor_of(a, &ses.user, origin, actor);
    *csrf = ses.csrf;
    /* Refreshing the idle clock once a minute is enough and spares a write per request. */
    if (now - ses.last_seen >= 60)
        rc = store_session_touch(s, hash, now, err);
    return rc;
}

int clinic_logout(struct store *s, const struct authz_actor *who, const char *token,
                  struct trp_err *err)
{
    char hash[TOKEN_HEX];
    token_hash(token, hash);
    int rc = store_session_drop(s, hash, 0, err);
    if (!rc)
        rc = authz_audit(s, who, who->person_id, "logout", NULL, err);
    return rc;
}
