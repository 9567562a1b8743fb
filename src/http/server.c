/*
 * The server glue around libmicrohttpd: a pool of worker threads, one request state with
 * its own arena per connection request, the body read in capped chunks, and the order of
 * the checks every request passes before a route sees it (Host, then login, then cookie,
 * Origin and CSRF for the API, then the body cap). Each worker thread keeps its own SQLite
 * connection (WAL lets readers run beside a writer), opened on first use and closed when
 * the thread ends.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/clients.h"
#include "base/xalloc.h"
#include "core/region.h"
#include "kb/muscle.h"
#include "store/store.h"

struct http_server {
    struct MHD_Daemon *d;
    struct http_config cfg;
    struct http_auth auth;
    atomic_int token_spent;
    atomic_ulong finished; /* requests completed, for the idle memory trim (cmd_serve) */
    unsigned port;
    int tls;
};

struct req_state {
    struct http_req q;
    struct http_server *srv;
    int started;
};

static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

static void store_key_destroy(void *p)
{
    store_close(p);
}

static void store_key_make(void)
{
    if (pthread_key_create(&store_key, store_key_destroy))
        BUG("pthread_key_create");
}

int http_store(struct http_req *q, struct store **out, struct trp_err *err)
{
    pthread_once(&store_key_once, store_key_make);
    struct store *s = pthread_getspecific(store_key);
    if (!s) {
        int rc = store_open(q->cfg->db_path, &s, err);
        if (rc)
            return rc;
        pthread_setspecific(store_key, s);
    }
    q->store = s;
    *out = s;
    return 0;
}

void http_resp_header(struct http_resp *r, const char *name, const char *value)
{
    if (r->n_headers >= sizeof r->headers / sizeof r->headers[0])
        BUG("too many response headers");
    r->headers[r->n_headers][0] = name;
    r->headers[r->n_headers][1] = value;
    r->n_headers++;
}

int http_status_of(int code)
{
    switch (code) {
    case TRP_EINVAL:
    case TRP_EUSAGE:
        return 400;
    case TRP_ENOTFOUND:
        return 404;
    case TRP_ECONFLICT:
        return 409;
    default:
        return 500;
    }
}

void http_resp_error(struct http_req *q, struct http_resp *r, int status, const char *msg)
{
    json_t *o = json_pack("{s:s}", "error", msg);
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    r->status = status;
    r->type = "application/json";
    r->body = arena_printf(q->arena, "%s\n", s ? s : "{\"error\":\"internal error\"}");
    r->len = strlen(r->body);
    free(s);
}

static const char *header_of(void *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)conn;
    struct http_server *srv = cls;
    struct req_state *st = xcalloc(1, sizeof *st);
    st->srv = srv;
    st->q.arena = arena_new();
    const char *qm = strchr(uri, '?');
    st->q.query = qm ? arena_strdup(st->q.arena, qm + 1) : "";
    st->q.cfg = &srv->cfg;
    st->q.auth = &srv->auth;
    st->q.header = header_of;
    return st;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                    enum MHD_RequestTerminationCode why)
{
    (void)conn, (void)why;
    struct http_server *srv = cls;
    atomic_fetch_add_explicit(&srv->finished, 1, memory_order_relaxed);
    struct req_state *st = *con_cls;
    if (!st)
        return;
    strbuf_release(&st->q.body);
    arena_free(st->q.arena);
    free(st);
    *con_cls = NULL;
}

static enum http_method method_of(const char *m)
{
    if (!strcmp(m, "GET"))
        return HTTP_GET;
    if (!strcmp(m, "HEAD"))
        return HTTP_HEAD;
    if (!strcmp(m, "POST"))
        return HTTP_POST;
    if (!strcmp(m, "PUT"))
        return HTTP_PUT;
    if (!strcmp(m, "DELETE"))
        return HTTP_DELETE;
    return HTTP_OTHER;
}

/* The policy for the app's pages: nothing but this origin, no inline script or style, no
 * framing. Charts (SVG shown through <img>) may style themselves inline and load nothing. */
static const char csp_app[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";
static const char csp_data[] = "default-src 'none'; style-src 'unsafe-inline'; "
                               "frame-ancestors 'none'";

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct http_req *q,
                            struct http_resp *r)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r->len, (void *)(r->body ? r->body : ""), MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", r->type ? r->type : "application/json");
    MHD_add_response_header(resp, "Content-Security-Policy", r->is_app ? csp_app : csp_data);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (q->cfg->tls_cert)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    for (size_t i = 0; i < r->n_headers; i++)
        MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void serve_login(struct req_state *st, struct http_resp *r)
{
    struct http_req *q = &st->q;
    struct trp_err err;
    const char *tok = NULL;
    if (http_query_get(q->arena, q->query, "token", &tok, &err) || !tok ||
        !http_secret_eq(tok, q->auth->token)) {
        http_resp_error(q, r, 403, "this link is not valid; open the one 'trp serve' printed");
        return;
    }
    int expected = 0;
    if (!atomic_compare_exchange_strong(&st->srv->token_spent, &expected, 1)) {
        http_resp_error(q, r, 403, "this link was already used; restart 'trp serve' for a new one");
        return;
    }
    r->status = 303;
    r->type = "text/plain; charset=utf-8";
    r->body = "";
    http_resp_header(r, "Location", "/");
    http_resp_header(r, "Set-Cookie",
                     arena_printf(q->arena, "trp_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
                                  q->auth->session, q->cfg->tls_cert ? "; Secure" : ""));
}

static void dispatch(struct req_state *st, struct MHD_Connection *conn, const char *url,
                     struct http_resp *r)
{
    struct http_req *q = &st->q;
    struct http_server *srv = st->srv;
    const char *host = header_of(conn, "Host");
    if (!http_host_ok(host, srv->cfg.host, srv->port)) {
        http_resp_error(q, r, 403, "the Host header does not name this server");
        return;
    }
    if (q->method == HTTP_OTHER) {
        http_resp_error(q, r, 405, "method not allowed");
        return;
    }
    const char *cookie = http_cookie_get(q->arena, header_of(conn, "Cookie"), "trp_session");
    q->authed = http_secret_eq(cookie, q->auth->session);
    if (!strcmp(url, "/login") && q->method == HTTP_GET && !srv->cfg.clinic) {
        serve_login(st, r);
        return;
    }
    if (!strncmp(url, "/api/", 5)) {
        if (!http_origin_ok(header_of(conn, "Origin"), host, srv->tls)) {
            http_resp_error(q, r, 403, "cross-origin requests are refused");
            return;
        }
        if (srv->cfg.clinic) {
            if (q->too_big && !strcmp(url, "/api/v1/login")) {
                http_resp_error(q, r, 413, "the request body is too large");
                return;
            }
            http_clinic_handle(q, r, cookie, header_of(conn, "X-CSRF-Token"));
            return;
        }
        if (!q->authed) {
            http_resp_error(q, r, 401, "not signed in: open the link 'trp serve' printed");
            return;
        }
        if (q->method != HTTP_GET && q->method != HTTP_HEAD &&
            !http_secret_eq(header_of(conn, "X-CSRF-Token"), q->auth->csrf)) {
            http_resp_error(q, r, 403, "missing or wrong X-CSRF-Token header");
            return;
        }
        if (q->too_big) {
            http_resp_error(q, r, 413, "the request body is too large");
            return;
        }
        http_api_handle(q, r);
        return;
    }
    const char *data, *type;
    size_t len;
    if ((q->method == HTTP_GET || q->method == HTTP_HEAD) &&
        http_asset_find(url, &data, &len, &type)) {
        r->status = 200;
        r->body = data;
        r->len = len;
        r->type = type;
        r->is_app = 1;
        return;
    }
    http_resp_error(q, r, 404, arena_printf(q->arena, "no such page: %s", url));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)cls, (void)version;
    struct req_state *st = *con_cls;
    struct http_req *q = &st->q;
    if (!st->started) {
        st->started = 1;
        q->method = method_of(method);
        q->path = arena_strdup(q->arena, url);
        size_t cap = !strcmp(url, "/api/v1/import") ? HTTP_IMPORT_MAX : HTTP_BODY_MAX;
        strbuf_init(&q->body, cap);
        const char *cl = header_of(conn, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > cap)
            q->too_big = 1;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!q->too_big && strbuf_add(&q->body, upload, *upload_size))
            q->too_big = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    struct http_resp r = {0};
    q->conn = conn;
    dispatch(st, conn, url, &r);
    return send_resp(conn, q, &r);
}

static void log_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("trp: serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

int http_server_start(const struct http_config *cfg, struct http_server **out,
                      struct trp_err *err)
{
    int rc = region_load(err);
    if (!rc)
        rc = muscle_load(err); /* loaded before the threads start, read-only afterwards */
    if (rc)
        return rc;
    struct http_server *srv = xcalloc(1, sizeof *srv);
    srv->cfg = *cfg;
    if ((rc = http_auth_init(&srv->auth, err))) {
        free(srv);
        return rc;
    }
    struct sockaddr_in a4 = {0};
    struct sockaddr_in6 a6 = {0};
    struct sockaddr *sa;
    /* epoll on Linux (select() costs a scan of every descriptor per wake-up); TURBO skips
     * checks that matter only for hostile local sockets. */
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
    const char *h = cfg->host;
    if (!strcmp(h, "localhost"))
        h = "127.0.0.1";
    if (inet_pton(AF_INET, h, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, h, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        free(srv);
        return trp_err_set(err, TRP_EUSAGE, "--listen: \"%s\" is not an IP address (use 127.0.0.1)",
                           cfg->host);
    }
    if (cfg->tls_cert) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            free(srv);
            return trp_err_set(err, TRP_EIO, "this libmicrohttpd was built without TLS");
        }
        flags |= MHD_USE_TLS;
        srv->tls = 1;
    }
    unsigned threads = cfg->threads ? cfg->threads : 4;
    srv->d = cfg->tls_cert
                 ? MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
                                    MHD_OPTION_EXTERNAL_LOGGER, log_error, NULL,
                                    MHD_OPTION_SOCK_ADDR, sa,
                                    MHD_OPTION_THREAD_POOL_SIZE, threads,
                                    MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
                                    MHD_OPTION_NOTIFY_COMPLETED, on_done, srv,
                                    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
                                    MHD_OPTION_HTTPS_MEM_CERT, cfg->tls_cert,
                                    MHD_OPTION_HTTPS_MEM_KEY, cfg->tls_key,
                                    MHD_OPTION_END)
                 : MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
                                    MHD_OPTION_EXTERNAL_LOGGER, log_error, NULL,
                                    MHD_OPTION_SOCK_ADDR, sa,
                                    MHD_OPTION_THREAD_POOL_SIZE, threads,
                                    MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
                                    MHD_OPTION_NOTIFY_COMPLETED, on_done, srv,
                                    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
                                    MHD_OPTION_END);
    if (!srv->d) {
        free(srv);
        return trp_err_set(err, TRP_EIO, "cannot listen on %s port %u (in use, or not this "
                           "machine's address?)", cfg->host, cfg->port);
    }
    /* A clinic's client list keeps each client's progress status while a background
     * thread recomputes the ones whose diaries moved (app/clients.c). */
    if (cfg->clinic && (rc = app_clients_refresher_start(cfg->db_path, err))) {
        MHD_stop_daemon(srv->d);
        free(srv);
        return rc;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info && info->port ? info->port : cfg->port;
    *out = srv;
    return 0;
}

unsigned http_server_port(const struct http_server *srv)
{
    return srv->port;
}

unsigned long http_server_requests(const struct http_server *srv)
{
    return atomic_load_explicit(&srv->finished, memory_order_relaxed);
}

const char *http_server_token(const struct http_server *srv)
{
    return srv->auth.token;
}

void http_server_stop(struct http_server *srv)
{
    if (!srv)
        return;
    MHD_stop_daemon(srv->d);
    if (srv->cfg.clinic)
        app_clients_refresher_stop();
    free(srv);
}
