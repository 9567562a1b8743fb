/*
 * What keeps the diary private while a browser talks to it: random secrets for the one-time
 * login token, the session cookie and the CSRF token; the Host check against DNS rebinding
 * (a web page on an attacker's domain whose name is re-pointed at 127.0.0.1 would otherwise
 * be "same origin" with trp); and the Origin check for requests a browser sends on behalf of
 * another site.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "http/http.h"

static int random_hex(char out[65], struct trp_err *err)
{
    unsigned char raw[32];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0)
            return trp_err_set(err, TRP_EIO, "cannot read random bytes for the session secret");
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

int http_auth_init(struct http_auth *auth, struct trp_err *err)
{
    memset(auth, 0, sizeof *auth);
    int rc = random_hex(auth->token, err);
    if (!rc)
        rc = random_hex(auth->session, err);
    if (!rc)
        rc = random_hex(auth->csrf, err);
    return rc;
}

int http_secret_eq(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t la = strlen(a), lb = strlen(b);
    unsigned char diff = la != lb;
    for (size_t i = 0; i < la && i < lb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0 && la > 0;
}

const char *http_cookie_get(struct arena *a, const char *h, const char *name)
{
    size_t nl = strlen(name);
    const char *p = h;
    while (p && *p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > nl && p[nl] == '=' && !strncmp(p, name, nl))
            return arena_strndup(a, p + nl + 1, n - nl - 1);
        p = end;
    }
    return NULL;
}

/* Splits "name:port" or "[v6]:port"; returns 0 when the port is missing or not a number. */
static int split_host(const char *h, char *name, size_t cap, unsigned *port)
{
    const char *colon;
    if (*h == '[') {
        const char *close = strchr(h, ']');
        if (!close || close[1] != ':')
            return 0;
        colon = close + 1;
    } else {
        colon = strrchr(h, ':');
        if (!colon)
            return 0;
    }
    size_t n = (size_t)(colon - h);
    if (n == 0 || n >= cap)
        return 0;
    memcpy(name, h, n);
    name[n] = 0;
    const char *d = colon + 1;
    if (!*d || strlen(d) > 5)
        return 0;
    unsigned v = 0;
    for (; *d; d++) {
        if (!isdigit((unsigned char)*d))
            return 0;
        v = v * 10 + (unsigned)(*d - '0');
    }
    *port = v;
    return v > 0 && v < 65536;
}

/* An IPv4 dotted quad or a bracketed IPv6 literal: names no DNS can re-point. */
static int ip_literal(const char *name)
{
    if (name[0] == '[') {
        for (const char *p = name + 1; *p && *p != ']'; p++)
            if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '.')
                return 0;
        return name[strlen(name) - 1] == ']';
    }
    int dots = 0, digits = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '.') {
            if (!digits)
                return 0;
            dots++;
            digits = 0;
        } else if (isdigit((unsigned char)*p)) {
            if (++digits > 3)
                return 0;
        } else {
            return 0;
        }
    }
    return dots == 3 && digits;
}

int http_host_ok(const char *host, const char *listen_host, unsigned port)
{
    char name[256];
    unsigned p;
    if (!host || !split_host(host, name, sizeof name, &p) || p != port)
        return 0;
    if (!strcasecmp(name, "localhost") || ip_literal(name))
        return 1;
    return listen_host && !strcasecmp(name, listen_host);
}

int http_origin_ok(const char *origin, const char *host, int tls)
{
    if (!origin)
        return 1; /* not a browser request from another page: cookie and CSRF still apply */
    const char *scheme = tls ? "https://" : "http://";
    size_t sl = strlen(scheme);
    return host && !strncmp(origin, scheme, sl) && !strcasecmp(origin + sl, host);
}
