/*
 * The bridge from the API to trp's commands (see bridge.c for why it exists and when it
 * goes away).
 */
#ifndef TRP_HTTP_BRIDGE_H
#define TRP_HTTP_BRIDGE_H

#include "http/http.h"

struct http_bridge_out {
    const char *data; /* what the command printed, in the request's arena */
    size_t len;
};

/* Runs the command args[0] with args (NULL-terminated) on the request's store, with in as
 * its standard input. On failure err holds the command's own one-line message. */
int http_bridge_run(struct http_req *q, const char *const *args, const char *in, size_t in_len,
                    struct http_bridge_out *out, struct trp_err *err);

#endif
