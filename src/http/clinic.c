/*
 * `trp serve --clinic`: the web API for a clinic's server. Instead of the one-time link of
 * the single-person server, accounts log in (POST /api/v1/login) and get a session cookie
 * and a CSRF token; GET /api/v1/clients lists the caller's clients; /api/v1/clients/ID/...
 * mirrors the single-person API for one client. Who may reach which client is decided by
 * app/authz.c (and logged there), never here: this file only maps its answer to HTTP, and
 * a refused client answers 404 like one that does not exist. Each request starts with the
 * worker's store pointed at nobody, so no request can see the previous one's client.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/authz.h"
#include "app/clients.h"
#include "app/clinic.h"
#include "app/visits.h"
#include "http/http.h"
#include "store/store.h"
#include "store/store_clinic.h"

/* Each login costs an argon2id hash of 64 MiB: at most this many at once. */
enum { CLINIC_LOGINS_AT_ONCE = 4 };
static atomic_int logins_running;

static void reply_json(struct http_req *q, struct http_resp *r, int status, json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    r->status = status;
    r->type = "application/json";
    r->body = arena_printf(q->arena, "%s\n", s ? s : "null");
    r->len = strlen(r->body);
    free(s);
}

/* The remote address, for the audit log. */
static const char *remote_of(struct http_req *q)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(q->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "unknown";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                      sizeof buf);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      buf, sizeof buf);
    }
    return arena_strdup(q->arena, buf);
}

static void set_cookie(struct http_req *q, struct http_resp *r, const char *value, int max_age)
{
    http_resp_header(r, "Set-Cookie",
                     arena_printf(q->arena,
                                  "trp_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
                                  value, max_age, q->cfg->tls_cert ? "; Secure" : ""));
}

static void post_login(struct http_req *q, struct http_resp *r, struct store *s,
                       const char *old_token)
{
    json_error_t jerr;
    json_t *body = json_loadb(q->body.buf ? q->body.buf : "", q->body.len,
                              JSON_REJECT_DUPLICATES, &jerr);
    const char *login = json_string_value(json_object_get(body, "login"));
    const char *password = json_string_value(json_object_get(body, "password"));
    if (!login || !password) {
        json_decref(body);
        return http_resp_error(q, r, 400, "send {\"login\": ..., \"password\": ...}");
    }
    if (atomic_fetch_add(&logins_running, 1) >= CLINIC_LOGINS_AT_ONCE) {
        atomic_fetch_sub(&logins_running, 1);
        json_decref(body);
        http_resp_header(r, "Retry-After", "1");
        return http_resp_error(q, r, 429, "too many logins at once: try again in a second");
    }
    struct clinic_login in;
    struct trp_err err = {0};
    int rc = clinic_login(s, q->arena, login, password, remote_of(q), old_token,
                          (int64_t)time(NULL), &in, &err);
    atomic_fetch_sub(&logins_running, 1);
    json_decref(body);
    if (rc == TRP_ELIMITED) {
        http_resp_header(r, "Retry-After", arena_printf(q->arena, "%lld", (long long)in.retry_after));
        return http_resp_error(q, r, 429, err.msg);
    }
    if (rc == TRP_EINVAL)
        return http_resp_error(q, r, 401, err.msg);
    if (rc)
        return http_resp_error(q, r, http_status_of(rc), err.msg);
    set_cookie(q, r, in.token, CLINIC_SESSION_MAX);
    reply_json(q, r, 200,
               json_pack("{s:s,s:s,s:s}", "csrf", in.csrf, "login", in.actor.login, "role",
                         authz_role_name(in.actor.role)));
}

/* The list and its flags come from app/clients.c, as `trp clinic clients` prints them. */
static void get_clients(struct http_req *q, struct http_resp *r, struct store *s,
                        const struct authz_actor *who)
{
    struct trp_err err = {0};
    struct app_client *cs;
    size_t n;
    int rc = app_clients_list(s, q->arena, who, &cs, &n, &err);
    if (rc)
        return http_resp_error(q, r, http_status_of(rc), err.msg);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, app_client_json(&cs[i]));
    reply_json(q, r, 200, arr);
}

/* GET and POST /api/v1/clients/ID/visits: SOAP notes (app/visits.c decides and audits). */
static void client_visits(struct http_req *q, struct http_resp *r, struct store *s,
                          const struct authz_actor *who, int64_t id)
{
    struct trp_err err = {0};
    json_t *out = NULL;
    int rc;
    if (q->method == HTTP_GET || q->method == HTTP_HEAD) {
        if ((rc = app_visits_json(s, q->arena, who, id, &out, &err)))
            return http_resp_error(q, r, http_status_of(rc), err.msg);
        return reply_json(q, r, 200, out);
    }
    if (q->method != HTTP_POST)
        return http_resp_error(q, r, 405, "method not allowed here");
    json_error_t jerr;
    json_t *body = json_loadb(q->body.buf ? q->body.buf : "", q->body.len,
                              JSON_REJECT_DUPLICATES, &jerr);
    struct app_visit_in in = {0};
    const char **parts[] = {&in.time, &in.subjective, &in.objective, &in.assessment, &in.plan};
    static const char *const names[] = {"time", "subjective", "objective", "assessment", "plan"};
    const char *bad = json_is_object(body) ? NULL
                                            : "send {\"subjective\", \"objective\", "
                                              "\"assessment\", \"plan\", \"time\"?}";
    for (int k = 0; k < 5 && !bad; k++) {
        json_t *v = json_object_get(body, names[k]);
        if (v && !json_is_string(v) && !json_is_null(v))
            bad = arena_printf(q->arena, "%s: send text", names[k]);
        *parts[k] = json_is_string(v) ? arena_strdup(q->arena, json_string_value(v)) : NULL;
    }
    json_decref(body);
    int64_t vid = 0;
    if (bad) {
        /* Decided before the body is judged, so a refused client still answers 404. */
        if ((rc = authz_client(s, who, id, AUTHZ_WRITE, "visit", &err)))
            return http_resp_error(q, r, http_status_of(rc), err.msg);
        return http_resp_error(q, r, 400, bad);
    }
    if ((rc = app_visit_add(s, who, id, &in, &vid, &err)))
        return http_resp_error(q, r, http_status_of(rc), err.msg);
    if ((rc = app_visits_json(s, q->arena, who, id, &out, &err)))
        return http_resp_error(q, r, http_status_of(rc), err.msg);
    json_t *added = json_null();
    size_t i;
    json_t *v;
    json_array_foreach(out, i, v) {
        if (json_integer_value(json_object_get(v, "id")) == vid)
            added = v;
    }
    json_incref(added);
    json_decref(out);
    reply_json(q, r, 201, added);
}

/* /api/v1/clients/ID/REST: authz decides, then the single-person route REST answers for
 * that client. */
static void client_route(struct http_req *q, struct http_resp *r, struct store *s,
                         const struct authz_actor *who, const char *rest)
{
    const char *slash = strchr(rest, '/');
    char *end;
    long long id = strtoll(rest, &end, 10);
    if (end == rest || (*end && *end != '/') || id <= 0)
        return http_resp_error(q, r, 404, "no such client");
    const char *sub = slash ? slash + 1 : "";
    struct trp_err err = {0};
    if (!*sub) {
        if (q->method != HTTP_GET && q->method != HTTP_HEAD)
            return http_resp_error(q, r, 405, "method not allowed here");
        json_t *card;
        int rc = app_client_show(s, q->arena, who, id, &card, &err);
        if (rc)
            return http_resp_error(q, r, http_status_of(rc), err.msg);
        return reply_json(q, r, 200, card);
    }
    if (!strcmp(sub, "visits"))
        return client_visits(q, r, s, who, id);
    char what[32];
    size_t wl = strcspn(sub, "/");
    snprintf(what, sizeof what, "%.*s", (int)(wl < 31 ? wl : 31), sub);
    int write = q->method != HTTP_GET && q->method != HTTP_HEAD;
    int rc = authz_client(s, who, id, write ? AUTHZ_WRITE : AUTHZ_READ, what, &err);
    if (rc)
        return http_resp_error(q, r, http_status_of(rc), err.msg);
    q->path = arena_printf(q->arena, "/api/v1/%s", sub);
    http_api_handle(q, r);
}

void http_clinic_handle(struct http_req *q, struct http_resp *r, const char *cookie,
                        const char *csrf_header)
{
    struct store *s;
    struct trp_err err = {0};
    if (http_store(q, &s, &err))
        return http_resp_error(q, r, 500, err.msg);
    /* Nobody's diary until authz says whose (person ids start at 1). */
    store_set_person(s, 0);
    const char *path = q->path + strlen("/api/v1/");
    if (!strcmp(path, "login")) {
        if (q->method != HTTP_POST)
            return http_resp_error(q, r, 405, "log in with POST");
        return post_login(q, r, s, cookie);
    }
    struct authz_actor who;
    const char *csrf = NULL;
    int rc = clinic_session(s, q->arena, cookie, remote_of(q), (int64_t)time(NULL), &who, &csrf,
                            &err);
    if (rc == TRP_ENOTFOUND) {
        /* "clinic" tells the browser app to show its login page (the single-person
         * server's 401 means "open the link trp serve printed" instead). */
        return reply_json(q, r, 401, json_pack("{s:s,s:b}", "error", err.msg, "clinic", 1));
    }
    if (rc)
        return http_resp_error(q, r, 500, err.msg);
    if (q->method != HTTP_GET && q->method != HTTP_HEAD && !http_secret_eq(csrf_header, csrf))
        return http_resp_error(q, r, 403, "missing or wrong X-CSRF-Token header");
    if (q->too_big)
        return http_resp_error(q, r, 413, "the request body is too large");
    if (!strcmp(path, "logout")) {
        if (q->method != HTTP_POST)
            return http_resp_error(q, r, 405, "log out with POST");
        if ((rc = clinic_logout(s, &who, cookie, &err)))
            return http_resp_error(q, r, 500, err.msg);
        set_cookie(q, r, "", 0);
        return reply_json(q, r, 200, json_pack("{s:b}", "logged_out", 1));
    }
    if (!strcmp(path, "session")) {
        json_t *o = json_pack("{s:s,s:s,s:s,s:b}", "csrf", csrf, "login", who.login, "role",
                              authz_role_name(who.role), "clinic", 1);
        if (who.role == AUTHZ_CLIENT)
            json_object_set_new(o, "client", json_integer(who.person_id));
        return reply_json(q, r, 200, o);
    }
    if (!strcmp(path, "clients")) {
        if (q->method != HTTP_GET && q->method != HTTP_HEAD)
            return http_resp_error(q, r, 405, "method not allowed here");
        return get_clients(q, r, s, &who);
    }
    if (!strncmp(path, "clients/", 8))
        return client_route(q, r, s, &who, path + 8);
    /* A client's own diary also answers at the single-person paths. */
    if (who.role == AUTHZ_CLIENT)
        return client_route(q, r, s, &who,
                            arena_printf(q->arena, "%lld/%s", (long long)who.person_id, path));
    http_resp_error(q, r, 404, "on a clinic's server a client's data is under /api/v1/clients/ID/");
}
