/*
 * The clinic's records (store_clinic.h) through the handle's backend. The SQLite store has
 * none: one person, no accounts, so every call there says how to reach a clinic.
 */
#include "store/store_clinic.h"

#include "store/store_backend.h"

static const struct store_clinic_ops *clinic_ops(struct store *s, struct trp_err *err)
{
    const struct store_clinic_ops *c = store_common_of(s)->ops->clinic;
    if (!c)
        trp_err_set(err, TRP_EINVAL,
                    "the clinic (accounts, clients, audit) needs a PostgreSQL database: give "
                    "--db postgresql://...");
    return c;
}

int store_person_add(struct store *s, const struct store_person_info *p, int64_t *id, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->person_add(s, p, id, err) : TRP_EINVAL;
}

int store_person_get(struct store *s, struct arena *a, int64_t id, struct store_person_info *out, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->person_get(s, a, id, out, err) : TRP_EINVAL;
}

int store_user_add(struct store *s, const struct store_user *u, int64_t *id, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->user_add(s, u, id, err) : TRP_EINVAL;
}

int store_user_find(struct store *s, struct arena *a, const char *login, struct store_user *out, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->user_find(s, a, login, out, err) : TRP_EINVAL;
}

int store_user_by_id(struct store *s, struct arena *a, int64_t id, struct store_user *out,
                     struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->user_by_id(s, a, id, out, err) : TRP_EINVAL;
}

int store_user_set_password(struct store *s, int64_t user, const char *hash, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->user_set_password(s, user, hash, err) : TRP_EINVAL;
}

int store_user_login_result(struct store *s, int64_t user, int ok, int64_t now, int64_t locked_until, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->user_login_result(s, user, ok, now, locked_until, err) : TRP_EINVAL;
}

int store_link_put(struct store *s, int64_t therapist, int64_t person, const char *kind, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->link_put(s, therapist, person, kind, err) : TRP_EINVAL;
}

int store_link_kind(struct store *s, int64_t therapist, int64_t person, const char **kind, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->link_kind(s, therapist, person, kind, err) : TRP_EINVAL;
}

int store_clients_list(struct store *s, struct arena *a, int64_t therapist, struct store_client_row **rows, size_t *n, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->clients_list(s, a, therapist, rows, n, err) : TRP_EINVAL;
}

int store_session_put(struct store *s, const char *token_hash, int64_t user, const char *csrf, int64_t now, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->session_put(s, token_hash, user, csrf, now, err) : TRP_EINVAL;
}

int store_session_get(struct store *s, struct arena *a, const char *token_hash, struct store_session *out, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->session_get(s, a, token_hash, out, err) : TRP_EINVAL;
}

int store_session_touch(struct store *s, const char *token_hash, int64_t now, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->session_touch(s, token_hash, now, err) : TRP_EINVAL;
}

int store_session_drop(struct store *s, const char *token_hash, int64_t user, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->session_drop(s, token_hash, user, err) : TRP_EINVAL;
}

int store_visit_add(struct store *s, const struct store_visit *v, int link_day, int64_t *id,
                    struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->visit_add(s, v, link_day, id, err) : TRP_EINVAL;
}

int store_visit_list(struct store *s, struct arena *a, struct store_visit **out, size_t *n,
                     struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->visit_list(s, a, out, n, err) : TRP_EINVAL;
}

int store_audit_add(struct store *s, const struct store_audit *row, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->audit_add(s, row, err) : TRP_EINVAL;
}

int store_audit_list(struct store *s, struct arena *a, int64_t person, int64_t limit, struct store_audit **rows, size_t *n, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->audit_list(s, a, person, limit, rows, n, err) : TRP_EINVAL;
}

int store_link_audit(struct store *s, int64_t therapist, const struct store_audit *row,
                     const char **kind, struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->link_audit(s, therapist, row, kind, err) : TRP_EINVAL;
}

int store_pain_means(struct store *s, int64_t now, double *recent, double *before,
                     struct trp_err *err)
{
    const struct store_clinic_ops *c = clinic_ops(s, err);
    return c ? c->pain_means(s, now, recent, before, err) : TRP_EINVAL;
}
