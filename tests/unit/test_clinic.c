/*
 * The clinic's rules in src/app (authz.c, clinic.c, password.c), on a throwaway PostgreSQL
 * cluster (tests/pg/with_cluster.sh sets TRP_TEST_PG): who reaches whose diary for every
 * role against an own, a shared and another therapist's client, reading and writing;
 * refusals that look like a missing client and are logged; logins that slow down and lock
 * after repeated failures; sessions that rotate at login, expire when idle and after their
 * absolute limit, and end when the password changes.
 */
#include <libpq-fe.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/authz.h"
#include "app/clinic.h"
#include "app/password.h"
#include "core/entry.h"
#include "store/store.h"
#include "store/store_clinic.h"

#define PW "correct horse battery"

struct world {
    struct store *s;
    struct arena *a;
    struct authz_actor terminal;
    int64_t anna, bert, admin;   /* staff accounts */
    int64_t own, shared, other; /* clients: anna's own, bert's shared with anna, bert's own */
    int64_t client_user;         /* the account of client `own` */
};

static void sql(const char *text)
{
    PGconn *c = PQconnectdb(getenv("TRP_TEST_PG"));
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PQclear(PQexec(c, "SET client_min_messages = warning"));
    PGresult *r = PQexec(c, text);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", text, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

static int setup(void **state)
{
    const char *uri = getenv("TRP_TEST_PG");
    if (!uri || !uri[0]) {
        print_message("TRP_TEST_PG is not set: run through tests/pg/with_cluster.sh\n");
        return -1;
    }
    sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    struct world *w = calloc(1, sizeof *w);
    struct trp_err err = {0};
    if (store_open(uri, &w->s, &err))
        fail_msg("open: %s", err.msg);
    w->a = arena_new();
    w->terminal = (struct authz_actor){AUTHZ_TERMINAL, 0, "tester", 0, "terminal"};
    assert_int_equal(clinic_add_staff(w->s, &w->terminal, "anna", "therapist", PW, &w->anna, &err), 0);
    assert_int_equal(clinic_add_staff(w->s, &w->terminal, "bert", "therapist", PW, &w->bert, &err), 0);
    assert_int_equal(clinic_add_staff(w->s, &w->terminal, "root", "admin", PW, &w->admin, &err), 0);
    struct clinic_client c = {"Own Client", "1970-01-01", NULL, NULL, "anna", "ownclient", PW};
    assert_int_equal(clinic_add_client(w->s, &w->terminal, &c, &w->own, &err), 0);
    struct clinic_client c2 = {"Shared Client", NULL, NULL, NULL, "bert", NULL, NULL};
    assert_int_equal(clinic_add_client(w->s, &w->terminal, &c2, &w->shared, &err), 0);
    assert_int_equal(clinic_link(w->s, &w->terminal, w->shared, "anna", "shared", &err), 0);
    struct clinic_client c3 = {"Other Client", NULL, NULL, NULL, "bert", NULL, NULL};
    assert_int_equal(clinic_add_client(w->s, &w->terminal, &c3, &w->other, &err), 0);
    struct store_user u;
    assert_int_equal(store_user_find(w->s, w->a, "ownclient", &u, &err), 0);
    w->client_user = u.id;
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    store_close(w->s);
    arena_free(w->a);
    free(w);
    return 0;
}

static int64_t audit_rows(struct world *w, int64_t person, const char *action)
{
    struct store_audit *rows;
    size_t n;
    struct trp_err err = {0};
    assert_int_equal(store_audit_list(w->s, w->a, person, 0, &rows, &n, &err), 0);
    int64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(rows[i].action, action);
    return k;
}

/* Every role against an own, a shared and another therapist's client, reading and writing:
 * the expected answer, and a write that is refused leaves the diary unchanged. */
static void test_authorisation_matrix(void **state)
{
    struct world *w = *state;
    struct trp_err err = {0};
    struct authz_actor therapist = {AUTHZ_THERAPIST, w->anna, "anna", 0, "10.0.0.5"};
    struct authz_actor admin = {AUTHZ_ADMIN, w->admin, "root", 0, "10.0.0.6"};
    struct authz_actor client = {AUTHZ_CLIENT, w->client_user, "ownclient", w->own, "10.0.0.7"};
    const struct {
        const struct authz_actor *who;
        int64_t person;
        int allowed;
    } cases[] = {
        {&therapist, w->own, 1},     {&therapist, w->shared, 1}, {&therapist, w->other, 0},
        {&admin, w->own, 0},         {&admin, w->shared, 0},     {&admin, w->other, 0},
        {&client, w->own, 1},        {&client, w->shared, 0},    {&client, w->other, 0},
        {&w->terminal, w->own, 1},   {&w->terminal, w->other, 1}, {&w->terminal, 9999, 0},
        {&therapist, 9999, 0},       {&client, 1, 0},
    };
    int crossed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int access = AUTHZ_READ; access <= AUTHZ_WRITE; access++) {
            store_set_person(w->s, 1); /* a refusal must not leave the handle elsewhere */
            int rc = authz_client(w->s, cases[i].who, cases[i].person, (enum authz_access)access,
                                  "entries", &err);
            if (cases[i].allowed) {
                assert_int_equal(rc, 0);
                assert_int_equal(store_person(w->s), cases[i].person);
                struct entry e;
                entry_init(&e, ENTRY_NOTE);
                e.at.utc = 1772352000;
                e.note = "visit";
                if (access == AUTHZ_WRITE)
                    assert_int_equal(store_entry_insert(w->s, &e, &err), 0);
            } else {
                assert_int_equal(rc, TRP_ENOTFOUND);
                /* the same words as for a client that does not exist */
                char want[64];
                snprintf(want, sizeof want, "no client with id %lld", (long long)cases[i].person);
                assert_string_equal(err.msg, want);
                crossed += store_person(w->s) != 1;
            }
        }
    }
    assert_int_equal(crossed, 0);
    /* Every decision is in the audit log: 2 x (7 allowed) reads and writes, and refusals. */
    assert_int_equal(audit_rows(w, w->own, "entries.read"), 3);
    assert_int_equal(audit_rows(w, w->own, "entries.write"), 3);
    assert_int_equal(audit_rows(w, w->other, "denied"), 6);
    struct store_audit *rows;
    size_t n;
    assert_int_equal(store_audit_list(w->s, w->a, w->own, 1, &rows, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_non_null(strstr(rows[0].actor, "terminal:tester"));

    int64_t therapist_scope = -1;
    assert_int_equal(authz_client_list(&therapist, &therapist_scope, &err), 0);
    assert_int_equal(therapist_scope, w->anna);
    struct store_client_row *list;
    assert_int_equal(store_clients_list(w->s, w->a, therapist_scope, &list, &n, &err), 0);
    assert_int_equal(n, 2); /* own and shared, not the other */
    for (size_t i = 0; i < n; i++)
        assert_true(list[i].person_id != w->other);
    assert_int_equal(authz_client_list(&client, &therapist_scope, &err), TRP_ENOTFOUND);
    assert_int_equal(authz_manage(&therapist, &err), TRP_ENOTFOUND);
    assert_int_equal(authz_manage(&client, &err), TRP_ENOTFOUND);
    assert_int_equal(authz_manage(&admin, &err), 0);
    /* Managing needs an admin: a therapist cannot add herself a client. */
    struct clinic_client c = {"Sneaky", NULL, NULL, NULL, "anna", NULL, NULL};
    int64_t id;
    assert_int_equal(clinic_add_client(w->s, &therapist, &c, &id, &err), TRP_ENOTFOUND);
    assert_int_equal(clinic_link(w->s, &therapist, w->other, "anna", "shared", &err), TRP_ENOTFOUND);
}

static void test_handover_removes_the_old_therapist(void **state)
{
    struct world *w = *state;
    struct trp_err err = {0};
    struct authz_actor bert = {AUTHZ_THERAPIST, w->bert, "bert", 0, "x"};
    assert_int_equal(authz_client(w->s, &bert, w->other, AUTHZ_READ, "entries", &err), 0);
    assert_int_equal(clinic_link(w->s, &w->terminal, w->other, "anna", "own", &err), 0);
    assert_int_equal(authz_client(w->s, &bert, w->other, AUTHZ_READ, "entries", &err),
                     TRP_ENOTFOUND);
}

static void test_login_and_sessions(void **state)
{
    struct world *w = *state;
    struct trp_err err = {0};
    struct clinic_login in;
    int64_t t0 = 1772352000;
    assert_int_equal(clinic_login(w->s, w->a, "anna", PW, "10.0.0.5", NULL, t0, &in, &err), 0);
    assert_int_equal(strlen(in.token), 64);
    assert_int_equal(in.actor.role, AUTHZ_THERAPIST);
    struct authz_actor who;
    const char *csrf;
    assert_int_equal(clinic_session(w->s, w->a, in.token, "10.0.0.5", t0 + 60, &who, &csrf, &err), 0);
    assert_int_equal(who.user_id, w->anna);
    assert_string_equal(csrf, in.csrf);
    /* Only the hash of the token is stored. */
    PGconn *c = PQconnectdb(getenv("TRP_TEST_PG"));
    const char *v[1] = {in.token};
    PGresult *r = PQexecParams(c, "SELECT count(*) FROM user_session WHERE token_hash = $1", 1,
                               NULL, v, NULL, NULL, 0);
    assert_string_equal(PQgetvalue(r, 0, 0), "0");
    PQclear(r);
    PQfinish(c);

    /* A new login rotates: the old token no longer works. */
    struct clinic_login again;
    assert_int_equal(clinic_login(w->s, w->a, "anna", PW, "10.0.0.5", in.token, t0 + 120, &again, &err), 0);
    assert_string_not_equal(again.token, in.token);
    assert_int_equal(clinic_session(w->s, w->a, in.token, "x", t0 + 130, &who, &csrf, &err),
                     TRP_ENOTFOUND);
    /* Idle for more than 30 minutes: expired. */
    assert_int_equal(clinic_session(w->s, w->a, again.token, "x", t0 + 120 + 29 * 60, &who, &csrf, &err), 0);
    assert_int_equal(clinic_session(w->s, w->a, again.token, "x", t0 + 120 + 29 * 60 + 31 * 60, &who,
                                    &csrf, &err), TRP_ENOTFOUND);
    /* Busy all day: still ends 12 hours after login. */
    assert_int_equal(clinic_login(w->s, w->a, "anna", PW, "x", NULL, t0, &in, &err), 0);
    int64_t t = t0;
    for (; t < t0 + CLINIC_SESSION_MAX; t += 20 * 60)
        assert_int_equal(clinic_session(w->s, w->a, in.token, "x", t, &who, &csrf, &err), 0);
    assert_int_equal(clinic_session(w->s, w->a, in.token, "x", t + 60, &who, &csrf, &err),
                     TRP_ENOTFOUND);
    /* A new password ends every session of the account. */
    assert_int_equal(clinic_login(w->s, w->a, "anna", PW, "x", NULL, t0, &in, &err), 0);
    assert_int_equal(clinic_passwd(w->s, &w->terminal, "anna", "a whole new passphrase", &err), 0);
    assert_int_equal(clinic_session(w->s, w->a, in.token, "x", t0 + 1, &who, &csrf, &err),
                     TRP_ENOTFOUND);
    assert_int_equal(clinic_login(w->s, w->a, "anna", PW, "x", NULL, t0 + 2, &in, &err), TRP_EINVAL);
    assert_int_equal(clinic_logout(w->s, &who, "0000", &err), 0);
    assert_int_equal(clinic_session(w->s, w->a, "garbage", "x", t0, &who, &csrf, &err),
                     TRP_ENOTFOUND);
}

/* Three failures are free; then each attempt waits twice as long, and ten lock the account
 * for 15 minutes, even against the right password. Unknown logins answer like wrong
 * passwords. */
static void test_login_rate_limit(void **state)
{
    struct world *w = *state;
    struct trp_err err = {0};
    struct clinic_login in;
    int64_t t = 1772352000;
    assert_int_equal(clinic_login(w->s, w->a, "nobody", "whatever pw", "x", NULL, t, &in, &err),
                     TRP_EINVAL);
    char unknown[TRP_ERR_MAX];
    snprintf(unknown, sizeof unknown, "%s", err.msg);
    for (int i = 0; i < 3; i++)
        assert_int_equal(clinic_login(w->s, w->a, "bert", "wrong guess", "x", NULL, t, &in, &err),
                         TRP_EINVAL);
    assert_string_equal(err.msg, unknown);
    /* The fourth at once must wait 1 s, even with the right password. */
    assert_int_equal(clinic_login(w->s, w->a, "bert", PW, "x", NULL, t, &in, &err), TRP_ELIMITED);
    assert_true(in.retry_after >= 1);
    /* Keep guessing, waiting each time as told: once the wait is over a guess is checked
     * again (and fails), the waits grow, and the tenth failure locks the account. */
    int64_t longest = 0;
    int checked = 0;
    for (int i = 0; i < 40 && checked < 7; i++) {
        int rc = clinic_login(w->s, w->a, "bert", "wrong guess", "x", NULL, t, &in, &err);
        if (rc == TRP_ELIMITED) {
            if (in.retry_after > longest)
                longest = in.retry_after;
            t += in.retry_after;
        } else {
            assert_int_equal(rc, TRP_EINVAL);
            checked++;
        }
    }
    assert_true(longest >= 8);
    struct store_user u;
    assert_int_equal(store_user_find(w->s, w->a, "bert", &u, &err), 0);
    assert_true(u.failed_logins >= 10);
    assert_true(u.locked_until > t);
    assert_int_equal(clinic_login(w->s, w->a, "bert", PW, "x", NULL, t + 60, &in, &err),
                     TRP_ELIMITED);
    assert_int_equal(clinic_login(w->s, w->a, "bert", PW, "x", NULL, u.locked_until + 3600, &in, &err), 0);
    assert_true(audit_rows(w, 0, "login.failed") >= 4);
    assert_true(audit_rows(w, 0, "login.limited") >= 1);
}

static void test_passwords(void **state)
{
    (void)state;
    char h[PASSWORD_HASH_MAX];
    struct trp_err err = {0};
    assert_int_equal(password_hash("short", h, &err), TRP_EINVAL);
    assert_int_equal(password_hash(PW, h, &err), 0);
    assert_non_null(strstr(h, "$argon2id$"));
    assert_non_null(strstr(h, "m=65536"));
    assert_true(password_verify(h, PW));
    assert_false(password_verify(h, "correct horse batterz"));
    assert_false(password_verify("not a hash", PW));
    char a[TOKEN_HEX], b[TOKEN_HEX];
    token_new(a);
    token_new(b);
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_authorisation_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handover_removes_the_old_therapist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_and_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_rate_limit, setup, teardown),
        cmocka_unit_test(test_passwords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
