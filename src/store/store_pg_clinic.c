/*
 * The clinic's records on PostgreSQL (store_clinic.h): people, accounts, links, sessions
 * and the audit log. Statements take their values as parameters; decisions about who may
 * see what are made above, in src/app/authz.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/pg_internal.h"

struct person_arg {
    const struct store_person_info *in;
    int64_t id;
};

static int person_add_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct person_arg *pa = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, pa->in->name);
    pgp_text(&pp, pa->in->date_of_birth);
    pgp_text(&pp, pa->in->medications);
    pgp_text(&pp, pa->in->notes);
    pgp_int(&pp, pa->in->created_at);
    PGresult *r;
    int rc = pg_exec(p, "INSERT INTO person (name, date_of_birth, medications, notes, "
                        "created_at) VALUES ($1, $2::date, $3, $4, $5) RETURNING id",
                     &pp, &r, "adding a client", err);
    if (!rc) {
        pa->id = pg_int(r, 0, 0);
        PQclear(r);
    }
    return rc;
}

static int person_add(struct store *s, const struct store_person_info *in, int64_t *id,
                      struct trp_err *err)
{
    struct person_arg pa = {in, 0};
    int rc = pg_run(pg_of(s), person_add_body, &pa, err);
    if (!rc)
        *id = pa.id;
    return rc;
}

static int person_get(struct store *s, struct arena *a, int64_t id,
                      struct store_person_info *out, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, id);
    PGresult *r;
    int rc = pg_exec(pg_of(s),
                     "SELECT id, name, to_char(date_of_birth, 'YYYY-MM-DD'), medications, "
                     "notes, created_at, (SELECT u.login FROM care_link l JOIN app_user u ON "
                     "u.id = l.therapist_id WHERE l.person_id = person.id AND l.kind = 'own') "
                     "FROM person WHERE id = $1",
                     &pp, &r, "reading a client", err);
    if (rc)
        return rc;
    if (!PQntuples(r)) {
        rc = trp_err_set(err, TRP_ENOTFOUND, "no client with id %lld", (long long)id);
    } else {
        out->id = pg_int(r, 0, 0);
        out->name = pg_text(a, r, 0, 1);
        out->date_of_birth = pg_text(a, r, 0, 2);
        out->medications = pg_text(a, r, 0, 3);
        out->notes = pg_text(a, r, 0, 4);
        out->created_at = pg_int(r, 0, 5);
        out->therapist = pg_text(a, r, 0, 6);
    }
    PQclear(r);
    return rc;
}

struct user_arg {
    const struct store_user *u;
    int64_t id;
};

static int user_add_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct user_arg *ua = arg;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, ua->u->login);
    pgp_text(&pp, ua->u->role);
    pgp_text(&pp, ua->u->password_hash);
    if (ua->u->person_id)
        pgp_int(&pp, ua->u->person_id);
    else
        pgp_null(&pp);
    pgp_int(&pp, (int64_t)time(NULL));
    PGresult *r;
    int rc = pg_exec(p, "INSERT INTO app_user (login, role, password_hash, person_id, "
                        "created_at) VALUES ($1, $2, $3, $4, $5) "
                        "ON CONFLICT (login) DO NOTHING RETURNING id",
                     &pp, &r, "adding an account", err);
    if (rc)
        return rc;
    if (!PQntuples(r))
        rc = trp_err_set(err, TRP_ECONFLICT, "the login %s is taken", ua->u->login);
    else
        ua->id = pg_int(r, 0, 0);
    PQclear(r);
    return rc;
}

static int user_add(struct store *s, const struct store_user *u, int64_t *id,
                    struct trp_err *err)
{
    struct user_arg ua = {u, 0};
    int rc = pg_run(pg_of(s), user_add_body, &ua, err);
    if (!rc && id)
        *id = ua.id;
    return rc;
}

/* One account by login ($1 text) or by id ($1 bigint). */
static int user_read(struct store *s, struct arena *a, const char *sql,
                     const struct pg_params *pp, const char *missing, struct store_user *out,
                     struct trp_err *err)
{
    PGresult *r;
    int rc = pg_exec(pg_of(s), sql, pp, &r, "reading an account", err);
    if (rc)
        return rc;
    if (!PQntuples(r)) {
        rc = trp_err_set(err, TRP_ENOTFOUND, "no account %s", missing);
    } else {
        out->id = pg_int(r, 0, 0);
        out->login = pg_text(a, r, 0, 1);
        out->role = pg_text(a, r, 0, 2);
        out->password_hash = pg_text(a, r, 0, 3);
        out->person_id = pg_int(r, 0, 4);
        out->failed_logins = (int)pg_int(r, 0, 5);
        out->last_failed_at = pg_int(r, 0, 6);
        out->locked_until = pg_int(r, 0, 7);
    }
    PQclear(r);
    return rc;
}

#define USER_COLUMNS                                                                       \
    "SELECT id, login, role, password_hash, person_id, failed_logins, last_failed_at, "    \
    "locked_until FROM app_user "

static int user_find(struct store *s, struct arena *a, const char *login, struct store_user *out,
                     struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, login);
    return user_read(s, a, USER_COLUMNS "WHERE login = $1", &pp, "with that login", out, err);
}

static int user_by_id(struct store *s, struct arena *a, int64_t id, struct store_user *out,
                      struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, id);
    return user_read(s, a, USER_COLUMNS "WHERE id = $1", &pp, "with that id", out, err);
}

/* A single statement runs in its own transaction; it needs no retry loop. */
static int exec_one(struct store *s, const char *sql, const struct pg_params *pp,
                    const char *what, int must_change, struct trp_err *err)
{
    PGresult *r;
    int rc = pg_exec(pg_of(s), sql, pp, &r, what, err);
    if (rc)
        return rc;
    if (must_change && !strcmp(PQcmdTuples(r), "0"))
        rc = trp_err_set(err, TRP_ENOTFOUND, "%s: nothing to change", what);
    PQclear(r);
    return rc;
}

static int user_set_password(struct store *s, int64_t user, const char *hash,
                             struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, user);
    pgp_text(&pp, hash);
    return exec_one(s,
                    "UPDATE app_user SET password_hash = $2, failed_logins = 0, "
                    "locked_until = 0 WHERE id = $1",
                    &pp, "changing a password", 1, err);
}

static int user_login_result(struct store *s, int64_t user, int ok, int64_t now,
                             int64_t locked_until, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, user);
    if (ok)
        return exec_one(s, "UPDATE app_user SET failed_logins = 0, locked_until = 0 "
                           "WHERE id = $1", &pp, "recording a login", 0, err);
    pgp_int(&pp, now);
    pgp_int(&pp, locked_until);
    return exec_one(s,
                    "UPDATE app_user SET failed_logins = failed_logins + 1, "
                    "last_failed_at = $2, locked_until = $3 WHERE id = $1",
                    &pp, "recording a login", 0, err);
}

struct link_arg {
    int64_t therapist, person;
    const char *kind;
};

static int link_put_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct link_arg *l = arg;
    struct pg_params pp;
    int rc = 0;
    if (!strcmp(l->kind, "own")) {
        /* A client has one own therapist: the previous one's link goes. */
        pgp_init(&pp);
        pgp_int(&pp, l->person);
        rc = pg_exec(p, "DELETE FROM care_link WHERE person_id = $1 AND kind = 'own'", &pp,
                     NULL, "linking", err);
    }
    if (rc)
        return rc;
    pgp_init(&pp);
    pgp_int(&pp, l->therapist);
    pgp_int(&pp, l->person);
    pgp_text(&pp, l->kind);
    pgp_int(&pp, (int64_t)time(NULL));
    return pg_exec(p,
                   "INSERT INTO care_link (therapist_id, person_id, kind, created_at) "
                   "VALUES ($1, $2, $3, $4) ON CONFLICT (therapist_id, person_id) "
                   "DO UPDATE SET kind = EXCLUDED.kind",
                   &pp, NULL, "linking", err);
}

static int link_put(struct store *s, int64_t therapist, int64_t person, const char *kind,
                    struct trp_err *err)
{
    struct link_arg l = {therapist, person, kind};
    return pg_run(pg_of(s), link_put_body, &l, err);
}

static int link_kind(struct store *s, int64_t therapist, int64_t person, const char **kind,
                     struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, therapist);
    pgp_int(&pp, person);
    PGresult *r;
    int rc = pg_exec(pg_of(s), "SELECT kind FROM care_link WHERE therapist_id = $1 AND "
                               "person_id = $2", &pp, &r, "checking access", err);
    if (rc)
        return rc;
    *kind = NULL;
    if (PQntuples(r))
        *kind = !strcmp(PQgetvalue(r, 0, 0), "own") ? "own" : "shared";
    PQclear(r);
    return 0;
}

/* The client list's columns, for a therapist's list (care_link l joined) and the
 * terminal's (every linked client): the diary's change mark (clinic migration 4) rather
 * than its 28-day means, which a server keeps while the mark holds; the latest intake
 * from a LATERAL join, so that the urgent flags cost no query per client. */
#define CLIENT_COLUMNS(kind)                                                                  \
    "SELECT p.id, p.name, to_char(p.date_of_birth, 'YYYY-MM-DD'), " kind ", "                 \
    "(SELECT max(at_utc) FROM entry e WHERE e.person_id = p.id AND e.deleted_at IS NULL), "   \
    "greatest((SELECT max(v.at_utc) FROM visit v WHERE v.person_id = p.id), "                 \
    /* Newest first through the (person, time) index, stopping at the first match. */         \
    " (SELECT e.at_utc FROM entry e WHERE e.person_id = p.id AND e.kind = 'treatment' "       \
    "  AND e.deleted_at IS NULL AND EXISTS (SELECT 1 FROM treatment t WHERE "                  \
    "  t.entry_id = e.id AND t.performer = 'practitioner') ORDER BY e.at_utc DESC LIMIT 1)), " \
    "greatest(p.removed_rev, (SELECT max(e.rev) FROM entry e WHERE e.person_id = p.id)), "   \
    "CASE WHEN li.acknowledged_at IS NULL THEN coalesce(li.red_flags, 0) ELSE 0 END, "        \
    "li.id, li.taken_at, coalesce(li.acknowledged_at, 0), li.answers, "                       \
    "coalesce(li.cleared_at, 0), li.cleared_by, coalesce(li.red_flags, 0) "
#define CLIENT_JOINS                                                                          \
    "LEFT JOIN LATERAL (SELECT i.id, i.taken_at, i.acknowledged_at, i.red_flags, i.answers, " \
    "  c.cleared_at, c.cleared_by FROM intake i "                                             \
    "  LEFT JOIN intake_clearance c ON c.intake_id = i.id WHERE i.person_id = p.id "          \
    "  ORDER BY i.taken_at DESC, i.id DESC LIMIT 1) li ON true "

static int clients_list(struct store *s, struct arena *a, int64_t therapist,
                        struct store_client_row **rows, size_t *n, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, therapist);
    PGresult *r;
    /* Clients are the people with an own therapist; person 1 (a one-person diary's owner)
     * is listed only once someone links it. A therapist's list starts from her links (an
     * index range), not from every person. */
    int rc = pg_exec(
        pg_of(s),
        therapist
            ? CLIENT_COLUMNS("l.kind") "FROM care_link l JOIN person p ON p.id = l.person_id "
              CLIENT_JOINS "WHERE l.therapist_id = $1 ORDER BY p.name COLLATE \"C\", p.id"
            : CLIENT_COLUMNS("NULL::text") "FROM person p " CLIENT_JOINS
              "WHERE $1 = 0 AND EXISTS (SELECT 1 FROM care_link o WHERE o.person_id = p.id) "
              "ORDER BY p.name COLLATE \"C\", p.id",
        &pp, &r, "listing clients", err);
    if (rc)
        return rc;
    size_t k = (size_t)PQntuples(r);
    struct store_client_row *out = arena_zalloc(a, k ? k : 1, sizeof *out);
    for (size_t i = 0; i < k; i++) {
        int row = (int)i;
        out[i].person_id = pg_int(r, row, 0);
        out[i].name = pg_text(a, r, row, 1);
        out[i].date_of_birth = pg_text(a, r, row, 2);
        out[i].link = pg_text(a, r, row, 3);
        out[i].last_entry_at = pg_int(r, row, 4);
        out[i].last_treatment_at = pg_int(r, row, 5);
        out[i].diary_mark = pg_int(r, row, 6);
        out[i].pain_recent = out[i].pain_before = -1; /* store_pain_means */
        out[i].red_flags = (int)pg_int(r, row, 7);
        struct store_intake *in = &out[i].intake;
        in->id = pg_int(r, row, 8);
        in->taken_at = pg_int(r, row, 9);
        in->acknowledged_at = pg_int(r, row, 10);
        in->red_flags = (int)pg_int(r, row, 14);
        in->answers_json = pg_text(a, r, row, 11);
        in->cleared_at = pg_int(r, row, 12);
        in->cleared_by = pg_text(a, r, row, 13);
    }
    PQclear(r);
    *rows = out;
    *n = k;
    return 0;
}

static int pain_means(struct store *s, int64_t now, double *recent, double *before,
                      struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, pg_of(s)->common.person);
    pgp_int(&pp, now);
    PGresult *r;
    /* Both 28-day windows from one index range of the last 56 days. */
    int rc = pg_exec(pg_of(s),
                     "SELECT avg(value) FILTER (WHERE at_utc >= $2 - 28 * 86400), "
                     "avg(value) FILTER (WHERE at_utc < $2 - 28 * 86400) FROM entry "
                     "WHERE person_id = $1 AND kind = 'pain' AND deleted_at IS NULL "
                     "AND at_utc >= $2 - 56 * 86400 AND at_utc < $2",
                     &pp, &r, "reading the pain means", err);
    if (rc)
        return rc;
    *recent = PQgetisnull(r, 0, 0) ? -1 : pg_double(r, 0, 0);
    *before = PQgetisnull(r, 0, 1) ? -1 : pg_double(r, 0, 1);
    PQclear(r);
    return 0;
}

static int session_put(struct store *s, const char *token_hash, int64_t user, const char *csrf,
                       int64_t now, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, token_hash);
    pgp_int(&pp, user);
    pgp_text(&pp, csrf);
    pgp_int(&pp, now);
    return exec_one(s,
                    "INSERT INTO user_session (token_hash, user_id, csrf, created_at, "
                    "last_seen) VALUES ($1, $2, $3, $4, $4)",
                    &pp, "starting a session", 0, err);
}

static int session_get(struct store *s, struct arena *a, const char *token_hash,
                       struct store_session *out, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, token_hash);
    PGresult *r;
    /* One round trip per request instead of two: on a busy machine each round trip waits
     * for the backend to be scheduled. */
    int rc = pg_exec(pg_of(s),
                     "SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.id, u.login, "
                     "u.role, u.password_hash, u.person_id, u.failed_logins, u.last_failed_at, "
                     "u.locked_until FROM user_session s JOIN app_user u ON u.id = s.user_id "
                     "WHERE s.token_hash = $1",
                     &pp, &r, "reading a session", err);
    if (rc)
        return rc;
    if (!PQntuples(r)) {
        rc = trp_err_set(err, TRP_ENOTFOUND, "no such session");
    } else {
        out->user_id = pg_int(r, 0, 0);
        out->csrf = pg_text(a, r, 0, 1);
        out->created_at = pg_int(r, 0, 2);
        out->last_seen = pg_int(r, 0, 3);
        struct store_user *u = &out->user;
        u->id = pg_int(r, 0, 4);
        u->login = pg_text(a, r, 0, 5);
        u->role = pg_text(a, r, 0, 6);
        u->password_hash = pg_text(a, r, 0, 7);
        u->person_id = pg_int(r, 0, 8);
        u->failed_logins = (int)pg_int(r, 0, 9);
        u->last_failed_at = pg_int(r, 0, 10);
        u->locked_until = pg_int(r, 0, 11);
    }
    PQclear(r);
    return rc;
}

static int session_touch(struct store *s, const char *token_hash, int64_t now,
                         struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, token_hash);
    pgp_int(&pp, now);
    return exec_one(s, "UPDATE user_session SET last_seen = $2 WHERE token_hash = $1", &pp,
                    "keeping a session", 0, err);
}

static int session_drop(struct store *s, const char *token_hash, int64_t user,
                        struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    if (token_hash) {
        pgp_text(&pp, token_hash);
        return exec_one(s, "DELETE FROM user_session WHERE token_hash = $1", &pp,
                        "ending a session", 0, err);
    }
    pgp_int(&pp, user);
    return exec_one(s, "DELETE FROM user_session WHERE user_id = $1", &pp, "ending sessions",
                    0, err);
}

struct visit_arg {
    const struct store_visit *v;
    int link_day;
    int64_t id;
};

static int visit_add_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct visit_arg *va = arg;
    const struct store_visit *v = va->v;
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, p->common.person);
    pgp_text(&pp, v->therapist);
    pgp_int(&pp, v->at);
    pgp_int(&pp, v->offset_min);
    pgp_text(&pp, v->subjective);
    pgp_text(&pp, v->objective);
    pgp_text(&pp, v->assessment);
    pgp_text(&pp, v->plan);
    pgp_int(&pp, (int64_t)time(NULL));
    PGresult *r;
    int rc = pg_exec(p,
                     "INSERT INTO visit (person_id, therapist, at_utc, utc_offset, subjective, "
                     "objective, assessment, plan, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                     "$7, $8, $9) RETURNING id",
                     &pp, &r, "saving the visit", err);
    if (rc)
        return rc;
    va->id = pg_int(r, 0, 0);
    PQclear(r);
    for (size_t i = 0; i < v->n_entries; i++) {
        pgp_init(&pp);
        pgp_int(&pp, va->id);
        pgp_int(&pp, v->entries[i]);
        pgp_int(&pp, p->common.person);
        if ((rc = pg_exec(p,
                          "INSERT INTO visit_entry (visit_id, entry_id) SELECT $1, id FROM entry "
                          "WHERE id = $2 AND person_id = $3 ON CONFLICT DO NOTHING",
                          &pp, &r, "linking the visit", err)))
            return rc;
        int linked = strcmp(PQcmdTuples(r), "0") != 0;
        PQclear(r);
        if (!linked) {
            /* An id of another client reads like one that does not exist. */
            pgp_init(&pp);
            pgp_int(&pp, v->entries[i]);
            pgp_int(&pp, p->common.person);
            if ((rc = pg_exec(p, "SELECT 1 FROM entry WHERE id = $1 AND person_id = $2", &pp,
                              &r, "linking the visit", err)))
                return rc;
            int mine = PQntuples(r) > 0;
            PQclear(r);
            if (!mine)
                return trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld",
                                   (long long)v->entries[i]);
        }
    }
    if (va->link_day) {
        /* The local day of the visit, in the visit's own offset. */
        pgp_init(&pp);
        pgp_int(&pp, va->id);
        pgp_int(&pp, p->common.person);
        pgp_int(&pp, v->at + (int64_t)v->offset_min * 60);
        rc = pg_exec(p,
                     "INSERT INTO visit_entry (visit_id, entry_id) SELECT $1, e.id FROM entry e "
                     "LEFT JOIN treatment t ON t.entry_id = e.id WHERE e.person_id = $2 "
                     "AND e.deleted_at IS NULL "
                     "AND (e.at_utc + e.utc_offset * 60) / 86400 = $3 / 86400 "
                     "AND (t.performer = 'practitioner' OR e.kind IN ('pgic', 'psfs')) "
                     "ON CONFLICT DO NOTHING",
                     &pp, NULL, "linking the visit", err);
    }
    return rc;
}

static int visit_add(struct store *s, const struct store_visit *v, int link_day, int64_t *id,
                     struct trp_err *err)
{
    struct visit_arg va = {v, link_day, 0};
    int rc = pg_run(pg_of(s), visit_add_body, &va, err);
    if (!rc && id)
        *id = va.id;
    return rc;
}

static int visit_list(struct store *s, struct arena *a, struct store_visit **out, size_t *n,
                      struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, pg_of(s)->common.person);
    PGresult *r;
    int rc = pg_exec(pg_of(s),
                     "SELECT v.id, v.therapist, v.at_utc, v.utc_offset, v.subjective, "
                     "v.objective, v.assessment, v.plan, (SELECT string_agg(ve.entry_id::text, "
                     "';' ORDER BY ve.entry_id) FROM visit_entry ve WHERE ve.visit_id = v.id) "
                     "FROM visit v WHERE v.person_id = $1 ORDER BY v.at_utc DESC, v.id DESC",
                     &pp, &r, "reading visits", err);
    if (rc)
        return rc;
    size_t k = (size_t)PQntuples(r);
    struct store_visit *vs = arena_zalloc(a, k ? k : 1, sizeof *vs);
    for (size_t i = 0; i < k; i++) {
        int row = (int)i;
        vs[i].id = pg_int(r, row, 0);
        vs[i].therapist = pg_text(a, r, row, 1);
        vs[i].at = pg_int(r, row, 2);
        vs[i].offset_min = (int)pg_int(r, row, 3);
        vs[i].subjective = pg_text(a, r, row, 4);
        vs[i].objective = pg_text(a, r, row, 5);
        vs[i].assessment = pg_text(a, r, row, 6);
        vs[i].plan = pg_text(a, r, row, 7);
        const char *ids = PQgetisnull(r, row, 8) ? "" : PQgetvalue(r, row, 8);
        size_t cnt = *ids ? 1 : 0;
        for (const char *c = ids; *c; c++)
            cnt += *c == ';';
        vs[i].entries = arena_zalloc(a, cnt ? cnt : 1, sizeof *vs[i].entries);
        const char *c = ids;
        for (size_t j = 0; j < cnt; j++) {
            char *end;
            vs[i].entries[j] = strtoll(c, &end, 10);
            c = *end ? end + 1 : end;
        }
        vs[i].n_entries = cnt;
    }
    PQclear(r);
    *out = vs;
    *n = k;
    return 0;
}

static int audit_add(struct store *s, const struct store_audit *row, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, row->at);
    pgp_text(&pp, row->actor);
    if (row->person_id)
        pgp_int(&pp, row->person_id);
    else
        pgp_null(&pp);
    pgp_text(&pp, row->action);
    pgp_text(&pp, row->detail);
    pgp_text(&pp, row->origin);
    return exec_one(s,
                    "INSERT INTO audit_log (at, actor, person_id, action, detail, origin) "
                    "VALUES ($1, $2, $3, $4, $5, $6)",
                    &pp, "writing the audit log", 0, err);
}

static int link_audit(struct store *s, int64_t therapist, const struct store_audit *row,
                      const char **kind, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, therapist);
    pgp_int(&pp, row->at);
    pgp_int(&pp, row->person_id);
    pgp_text(&pp, row->actor);
    pgp_text(&pp, row->action);
    pgp_text(&pp, row->detail);
    pgp_text(&pp, row->origin);
    PGresult *r;
    /* A data-modifying WITH runs once, whatever the outer SELECT reads. */
    int rc = pg_exec(pg_of(s),
                     "WITH l AS (SELECT kind FROM care_link WHERE therapist_id = $1 AND "
                     "  person_id = $3), "
                     "a AS (INSERT INTO audit_log (at, actor, person_id, action, detail, origin) "
                     "  SELECT $2, $4, $3, "
                     "  CASE WHEN EXISTS (SELECT 1 FROM l) THEN $5::text ELSE 'denied' END, "
                     "  CASE WHEN EXISTS (SELECT 1 FROM l) THEN $6::text ELSE $5::text END, $7 "
                     "  RETURNING id) "
                     "SELECT (SELECT kind FROM l), (SELECT count(*) FROM a)",
                     &pp, &r, "checking access", err);
    if (rc)
        return rc;
    *kind = NULL;
    if (PQntuples(r) != 1 || pg_int(r, 0, 1) != 1)
        rc = trp_err_set(err, TRP_EIO, "database: writing the audit log: no row written");
    else if (!PQgetisnull(r, 0, 0))
        *kind = !strcmp(PQgetvalue(r, 0, 0), "own") ? "own" : "shared";
    PQclear(r);
    return rc;
}

static int audit_list(struct store *s, struct arena *a, int64_t person, int64_t limit,
                      struct store_audit **rows, size_t *n, struct trp_err *err)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, person);
    pgp_int(&pp, limit);
    PGresult *r;
    /* One client's rows through the (person, id) index: a plan kept for both cases would
     * read the whole log for one client. */
#define AUDIT_COLUMNS "SELECT id, at, actor, coalesce(person_id, 0), action, detail, origin "
    int rc = pg_exec(pg_of(s),
                     person ? AUDIT_COLUMNS "FROM audit_log WHERE person_id = $1 "
                                            "ORDER BY person_id DESC, id DESC "
                                            "LIMIT CASE WHEN $2 > 0 THEN $2 END"
                            : AUDIT_COLUMNS "FROM audit_log WHERE $1 = 0 ORDER BY id DESC "
                                            "LIMIT CASE WHEN $2 > 0 THEN $2 END",
                     &pp, &r, "reading the audit log", err);
    if (rc)
        return rc;
    size_t k = (size_t)PQntuples(r);
    struct store_audit *out = arena_zalloc(a, k ? k : 1, sizeof *out);
    for (size_t i = 0; i < k; i++) {
        int row = (int)i;
        out[i].id = pg_int(r, row, 0);
        out[i].at = pg_int(r, row, 1);
        out[i].actor = pg_text(a, r, row, 2);
        out[i].person_id = pg_int(r, row, 3);
        out[i].action = pg_text(a, r, row, 4);
        out[i].detail = pg_text(a, r, row, 5);
        out[i].origin = pg_text(a, r, row, 6);
    }
    PQclear(r);
    *rows = out;
    *n = k;
    return 0;
}

const struct store_clinic_ops pg_clinic_ops = {
    .person_add = person_add,
    .person_get = person_get,
    .user_add = user_add,
    .user_find = user_find,
    .user_by_id = user_by_id,
    .user_set_password = user_set_password,
    .user_login_result = user_login_result,
    .link_put = link_put,
    .link_kind = link_kind,
    .clients_list = clients_list,
    .pain_means = pain_means,
    .session_put = session_put,
    .session_get = session_get,
    .session_touch = session_touch,
    .session_drop = session_drop,
    .visit_add = visit_add,
    .visit_list = visit_list,
    .audit_add = audit_add,
    .link_audit = link_audit,
    .audit_list = audit_list,
};
