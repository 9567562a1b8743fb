/*
 * Fuzz target for what `trp serve` parses from a request: the first line of the input is a
 * query string (and doubles as a Cookie, Host and Origin header), the rest a JSON body for
 * POST /api/v1/entries. Any bytes give values or clean errors with messages; an accepted
 * value is valid UTF-8 without NUL and within its cap; an accepted body is a valid entry.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/diary.h"
#include "base/arena.h"
#include "base/csv.h"
#include "core/entry.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t qlen = nl ? (size_t)(nl - text) : size;
    struct arena *a = arena_new();
    char *query = arena_strndup(a, text, qlen);
    static const char *const keys[] = {"since", "until", "kind", "q", "limit", "format", ""};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v;
        struct trp_err err = {0};
        if (http_query_get(a, query, keys[i], &v, &err) == 0) {
            if (v && (strlen(v) > 1000 || csv_utf8_valid_prefix(v, strlen(v)) != strlen(v)))
                abort();
        } else if (!err.msg[0]) {
            abort();
        }
    }
    char *dec;
    if (http_url_decode(a, query, strlen(query), 1, &dec) == 0 && strlen(dec) > strlen(query))
        abort();
    (void)http_cookie_get(a, query, "trp_session");
    (void)http_host_ok(query, "127.0.0.1", 8737);
    (void)http_origin_ok(query, "127.0.0.1:8737", 0);
    if (nl) {
        struct entry e;
        struct trp_err err = {0};
        if (app_entry_parse(a, nl + 1, size - qlen - 1, &e, &err) == 0) {
            if (entry_validate(&e, NULL) != 0)
                abort();
        } else if (!err.msg[0]) {
            abort();
        }
    }
    arena_free(a);
    return 0;
}
