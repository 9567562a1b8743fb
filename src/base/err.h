/*
 * Error reporting for trp. Fallible functions return an int status (0 ok, a negative
 * TRP_E* code on failure) and fill a caller-owned struct trp_err with one line a user can
 * act on. Only the outermost layer (CLI main, HTTP handler) prints the message or maps the
 * code to an exit status or HTTP status; nothing deeper prints.
 */
#ifndef TRP_BASE_ERR_H
#define TRP_BASE_ERR_H

#include <stddef.h>

enum {
    TRP_OK = 0,
    TRP_EINVAL = -1,    /* bad input from a user or file: 4xx, exit 1 */
    TRP_ENOTFOUND = -2, /* named thing does not exist: 404, exit 1 */
    TRP_EIO = -3,       /* disk, database or system failure: 500, exit 1 */
    TRP_EUSAGE = -4,    /* wrong command-line usage: exit 2 */
    TRP_ECONFLICT = -5, /* state forbids it (already deleted, ...): 409, exit 1 */
    TRP_ELIMITED = -6,  /* too many attempts, wait and retry: 429, exit 1 */
};

#define TRP_ERR_MAX 512

struct trp_err {
    int code;
    char msg[TRP_ERR_MAX];
};

/* Sets err (if not NULL) to code and the formatted message; returns code, so callers can
 * write `return trp_err_set(err, TRP_EINVAL, "...")`. */
int trp_err_set(struct trp_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Puts context in front of an existing message ("line 3: " + "pain value 11 ..."). Returns
 * err->code. */
int trp_err_prefix(struct trp_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Clears err to TRP_OK and an empty message. */
void trp_err_clear(struct trp_err *err);

/* Aborts with a message: for broken invariants (a bug in trp), never for bad input. */
_Noreturn void trp_bug(const char *file, int line, const char *what);
#define BUG(what) trp_bug(__FILE__, __LINE__, (what))

#endif
