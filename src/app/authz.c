/*
 * The clinic's authorisation rules and the audit trail (authz.h).
 */
#include "app/authz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "store/store_clinic.h"

static const char *const role_names[] = {"client", "therapist", "admin", "terminal"};

int authz_role_parse(const char *name, enum authz_role *out)
{
    for (int i = 0; i < AUTHZ_TERMINAL; i++)
        if (!strcmp(name, role_names[i])) {
            *out = (enum authz_role)i;
            return 0;
        }
    return TRP_EINVAL;
}

const char *authz_role_name(enum authz_role role)
{
    return role_names[role];
}

/* who's audit row; actor is the caller's buffer for "role:login". */
static struct store_audit audit_row(const struct authz_actor *who, int64_t person,
                                    const char *action, const char *detail, char actor[128])
{
    snprintf(actor, 128, "%s:%s", role_names[who->role], who->login ? who->login : "?");
    return (struct store_audit){0, (int64_t)time(NULL), actor, person, action, detail,
                                who->origin ? who->origin : "unknown"};
}

int authz_audit(struct store *s, const struct authz_actor *who, int64_t person,
                const char *action, const char *detail, struct trp_err *err)
{
    char actor[128];
    struct store_audit row = audit_row(who, person, action, detail, actor);
    return store_audit_add(s, &row, err);
}

/* The rule, with its audit row: the terminal reaches every client that exists; a client
 * account only its own diary; a therapist or an admin the clients linked to her, own or
 * shared. A therapist's check and its audit row take one statement (store_link_audit):
 * every request of hers makes it. */
static int decide_and_audit(struct store *s, const struct authz_actor *who, int64_t person,
                            const char *action, int *yes, struct trp_err *err)
{
    *yes = 0;
    if (who->role == AUTHZ_THERAPIST || who->role == AUTHZ_ADMIN) {
        char actor[128];
        struct store_audit row = audit_row(who, person, action, NULL, actor);
        const char *kind = NULL;
        int rc = store_link_audit(s, who->user_id, &row, &kind, err);
        *yes = !rc && kind != NULL;
        return rc;
    }
    if (who->role == AUTHZ_CLIENT) {
        *yes = who->person_id != 0 && who->person_id == person;
    } else {
        struct arena *a = arena_new();
        struct store_person_info info;
        int rc = store_person_get(s, a, person, &info, err);
        arena_free(a);
        if (rc && rc != TRP_ENOTFOUND)
            return rc;
        *yes = rc == 0;
        trp_err_clear(err);
    }
    return *yes ? authz_audit(s, who, person, action, NULL, err)
                : authz_audit(s, who, person, "denied", action, err);
}

int authz_client(struct store *s, const struct authz_actor *who, int64_t person,
                 enum authz_access access, const char *what, struct trp_err *err)
{
    char action[96];
    snprintf(action, sizeof action, "%s.%s", what, access == AUTHZ_WRITE ? "write" : "read");
    int yes = 0;
    int rc = decide_and_audit(s, who, person, action, &yes, err);
    if (rc)
        return rc;
    if (!yes)
        return trp_err_set(err, TRP_ENOTFOUND, "no client with id %lld", (long long)person);
    store_set_person(s, person);
    return 0;
}

int authz_client_list(const struct authz_actor *who, int64_t *therapist, struct trp_err *err)
{
    switch (who->role) {
    case AUTHZ_TERMINAL:
    case AUTHZ_ADMIN:
        *therapist = who->role == AUTHZ_ADMIN ? who->user_id : 0;
        /* An admin sees the clients linked to her account, like a therapist. */
        return 0;
    case AUTHZ_THERAPIST:
        *therapist = who->user_id;
        return 0;
    case AUTHZ_CLIENT:
        break;
    }
    return trp_err_set(err, TRP_ENOTFOUND, "a client account has no client list");
}

int authz_manage(const struct authz_actor *who, struct trp_err *err)
{
    if (who->role == AUTHZ_ADMIN || who->role == AUTHZ_TERMINAL)
        return 0;
    return trp_err_set(err, TRP_ENOTFOUND, "not found");
}
