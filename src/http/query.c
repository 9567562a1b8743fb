/*
 * Query strings of API requests ("since=-7d&kind=pain"), parsed by hand rather than by
 * libmicrohttpd so the rules are trp's own and a fuzz target can reach them: a bad percent
 * escape, a NUL byte or invalid UTF-8 is refused with a message naming the parameter
 * instead of being passed on half-decoded.
 */
#include <string.h>

#include "base/csv.h"
#include "http/http.h"

#define QUERY_VALUE_MAX 1000

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int http_url_decode(struct arena *a, const char *s, size_t len, int plus_is_space, char **out)
{
    char *d = arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= len)
                return -1;
            int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            c = hi * 16 + lo;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == 0)
            return -1;
        d[n++] = (char)c;
    }
    d[n] = 0;
    *out = d;
    return 0;
}

int http_query_get(struct arena *a, const char *query, const char *key, const char **out,
                   struct trp_err *err)
{
    *out = NULL;
    size_t klen = strlen(key);
    const char *p = query ? query : "";
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        size_t kn = eq ? (size_t)(eq - p) : n;
        char *k;
        if (http_url_decode(a, p, kn, 1, &k) == 0 && strlen(k) == klen && !memcmp(k, key, klen)) {
            const char *v = eq ? eq + 1 : p + n;
            size_t vn = (size_t)(p + n - v);
            char *val;
            if (vn > QUERY_VALUE_MAX * 3 || http_url_decode(a, v, vn, 1, &val))
                return trp_err_set(err, TRP_EINVAL, "query parameter %s: bad %%-escape or NUL byte",
                                   key);
            size_t vl = strlen(val);
            if (vl > QUERY_VALUE_MAX)
                return trp_err_set(err, TRP_EINVAL, "query parameter %s: longer than %d bytes", key,
                                   QUERY_VALUE_MAX);
            if (csv_utf8_valid_prefix(val, vl) != vl)
                return trp_err_set(err, TRP_EINVAL, "query parameter %s: not valid UTF-8", key);
            *out = val;
            return 0;
        }
        p += n;
        if (*p == '&')
            p++;
    }
    return 0;
}
