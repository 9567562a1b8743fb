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

int authz_audit(struct store *s, const struct authz_actor *who, int64_t person,
                const char *action, const char *detail, struct trp_err *err)
{
    char actor[128];
    snprintf(actor, sizeof actor, "%s:%s", role_names[who->role],
             who->login ? who->login : "?");
    struct store_audit row = {0, (int64_t)time(NULL), actor, person, action, detail,
                              who->origin ? who->origin : "unknown"};
    return store_audit_add(s, &row, err);
}

/* The decision itself, with no side effects. */
static int allowed(struct store *s, const struct authz_actor *who, int64_t person, int *yes,
                   struct trp_err *err)
{
    *yes = 0;
    switch (who->role) {
    case AUTHZ_TERMINAL:
        *yes = 1;
        return 0;
    case AUTHZ_CLIENT:
        *yes = who->person_id != 0 && who->person_id == person;
        return 0;
    case AUTHZ_THERAPIST:
    case AUTHZ_ADMIN: {
        const char *kind = NULL;
        int rc = store_link_kind(s, who->user_id, person, &kind, err);
        *yes = !rc && kind != NULL;
        return rc;
    }
    }
    return 0;
}

int authz_client(struct store *s, const struct authz_actor *who, int64_t person,
                 enum authz_access access, const char *what, struct trp_err *err)
{
    int yes = 0;
    int rc = allowed(s, who, person, &yes, err);
    if (rc)
        return rc;
    if (yes && who->role == AUTHZ_TERMINAL) {
        /* The terminal may reach every client, but only clients that exist. */
        struct arena *a = arena_new();
        struct store_person_info info;
        rc = store_person_get(s, a, person, &info, err);
        arena_free(a);
        if (rc == TRP_ENOTFOUND)
            yes = 0;
        else if (rc)
            return rc;
    }
    char action[96];
    snprintf(action, sizeof action, "%s.%s", what, access == AUTHZ_WRITE ? "write" : "read");
    if (!yes) {
        trp_err_clear(err);
        if ((rc = authz_audit(s, who, person, "denied", action, err)))
            return rc;
        return trp_err_set(err, TRP_ENOTFOUND, "no client with id %lld", (long long)person);
    }
    if ((rc = authz_audit(s, who, person, action, NULL, err)))
        return rc;
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
