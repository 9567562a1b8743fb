/*
 * The error buffer behind err.h: formatting into a fixed buffer so that error paths never
 * allocate, and one place where broken invariants abort.
 */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int trp_err_set(struct trp_err *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
    return code;
}

int trp_err_prefix(struct trp_err *err, const char *fmt, ...)
{
    if (!err)
        return TRP_EINVAL;
    char prefix[TRP_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* Truncation is fine here: the message stays a readable, NUL-terminated prefix. */
    char joined[TRP_ERR_MAX];
    size_t plen = strnlen(prefix, sizeof joined - 1);
    memcpy(joined, prefix, plen);
    size_t mlen = strnlen(err->msg, sizeof joined - 1 - plen);
    memcpy(joined + plen, err->msg, mlen);
    joined[plen + mlen] = '\0';
    memcpy(err->msg, joined, sizeof err->msg);
    return err->code;
}

void trp_err_clear(struct trp_err *err)
{
    if (!err)
        return;
    err->code = TRP_OK;
    err->msg[0] = '\0';
}

void trp_bug(const char *file, int line, const char *what)
{
    fprintf(stderr, "trp: internal error at %s:%d: %s\n", file, line, what);
    abort();
}
