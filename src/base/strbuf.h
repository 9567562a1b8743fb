/*
 * Growable byte string with a hard size cap (the curl dynbuf idea): output builders and
 * readers of outside input use it so that a hostile file cannot make trp allocate without
 * bound. Always NUL-terminated once anything was added.
 */
#ifndef TRP_BASE_STRBUF_H
#define TRP_BASE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
    size_t max; /* hard cap on len; adding past it fails with TRP_EINVAL */
};

#define STRBUF_DEFAULT_MAX ((size_t)256 << 20)

void strbuf_init(struct strbuf *sb, size_t max);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);

/* Each returns 0, or TRP_EINVAL when the cap would be exceeded (the buffer is unchanged). */
int strbuf_add(struct strbuf *sb, const void *data, size_t n);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addc(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Returns the contents as a C string ("" when empty). */
const char *strbuf_str(const struct strbuf *sb);

#endif
