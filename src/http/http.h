/*
 * The web face of trp: one request, one response, and the pieces that pass between the
 * server glue (server.c), the security checks (auth.c), the API routes (api.c) and the
 * embedded app (assets.c). A request owns an arena that is freed when the connection has
 * sent its response, so handlers allocate freely and never free.
 */
#ifndef TRP_HTTP_HTTP_H
#define TRP_HTTP_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"

struct store;

/* The port `trp serve` listens on when none is given (documented in trp.1 and README). */
#define HTTP_DEFAULT_PORT 8737

/* Largest request body for the JSON API, and for an import (a diary file). */
#define HTTP_BODY_MAX ((size_t)64 << 10)
#define HTTP_IMPORT_MAX ((size_t)32 << 20)

/* How the server was started; read-only while it runs. */
struct http_config {
    const char *host;        /* listen address as given: "127.0.0.1", "0.0.0.0", "::1" */
    unsigned port;           /* 0 picks a free port */
    const char *db_path;     /* each worker thread opens its own connection */
    const char *tls_cert;    /* PEM text or NULL */
    const char *tls_key;
    unsigned threads;        /* worker threads; 0 = a default */
    int clinic;              /* a clinic's server: accounts log in (http/clinic.c) */
};

/* Secrets of the one browser session the server hands out (auth.c). */
struct http_auth {
    char token[65];   /* one-time: spent by the first GET /login?token= that carries it */
    char session[65]; /* the cookie value */
    char csrf[65];    /* X-CSRF-Token for every state change */
};

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_DELETE, HTTP_OTHER };

struct http_req {
    struct arena *arena;
    enum http_method method;
    const char *path;     /* decoded path without the query */
    const char *query;    /* raw query string after '?', "" when none */
    struct strbuf body;   /* capped; too_big set when the cap was passed */
    int too_big;
    int authed;           /* carries the session cookie */
    struct store *store;  /* this worker thread's connection (opened on first use) */
    const struct http_config *cfg;
    struct http_auth *auth;
    const char *(*header)(void *conn, const char *name); /* request header lookup */
    void *conn;
};

struct http_resp {
    int status;
    const char *type;     /* Content-Type */
    const char *body;
    size_t len;
    const char *headers[8][2]; /* extra headers (Set-Cookie, Location, Content-Disposition) */
    size_t n_headers;
    int is_app;           /* an HTML page of the app: the strict CSP applies */
};

/* Adds a response header (name and value must outlive the request: arena or static). */
void http_resp_header(struct http_resp *r, const char *name, const char *value);

/* Sets a JSON body {"error": msg} with status. */
void http_resp_error(struct http_req *q, struct http_resp *r, int status, const char *msg);

/* The HTTP status for a TRP_E* code (EINVAL 400, ENOTFOUND 404, ECONFLICT 409, else 500). */
int http_status_of(int code);

/* --- query strings (query.c) --- */

/* The decoded value of key in a raw query string "a=1&b=x%20y" (the first occurrence), or
 * NULL when absent. Refuses (TRP_EINVAL) malformed percent escapes, NUL bytes, invalid
 * UTF-8 and values longer than 1000 bytes, naming the parameter. */
int http_query_get(struct arena *a, const char *query, const char *key, const char **out,
                   struct trp_err *err);

/* Decodes %XX and '+' in s (len bytes) into a new arena string; -1 on a bad escape or a
 * NUL byte. */
int http_url_decode(struct arena *a, const char *s, size_t len, int plus_is_space, char **out);

/* --- security (auth.c) --- */

/* Fills auth with fresh random secrets (from the kernel). */
int http_auth_init(struct http_auth *auth, struct trp_err *err);

/* Compares secrets in constant time. */
int http_secret_eq(const char *a, const char *b);

/* The value of cookie name in a Cookie header, into an arena string, or NULL. */
const char *http_cookie_get(struct arena *a, const char *cookie_header, const char *name);

/* True if a Host header names this server: the listen address, or a loopback name or an
 * IP literal, with the listening port. A name that is not an IP literal and not the
 * listen address could be an attacker's domain re-pointed at 127.0.0.1 (DNS rebinding). */
int http_host_ok(const char *host_header, const char *listen_host, unsigned port);

/* True if an Origin header (when present) is this server's own origin for this Host. */
int http_origin_ok(const char *origin, const char *host_header, int tls);

/* --- routes --- */

/* The API under /api/v1/ (api.c). */
void http_api_handle(struct http_req *q, struct http_resp *r);

/* The API of a clinic's server (clinic.c): login, logout, session, clients, and the
 * single-person API under /api/v1/clients/ID/. cookie is the trp_session cookie and
 * csrf_header the X-CSRF-Token header, either NULL. */
void http_clinic_handle(struct http_req *q, struct http_resp *r, const char *cookie,
                        const char *csrf_header);

/* The embedded app: index.html for "/", files by name otherwise; 0 when not found. */
int http_asset_find(const char *path, const char **data, size_t *len, const char **type);

/* The SQLite connection of the calling worker thread, opened on first use (server.c). */
int http_store(struct http_req *q, struct store **out, struct trp_err *err);

#endif
