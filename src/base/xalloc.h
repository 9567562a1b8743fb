/*
 * Allocation that cannot fail from the caller's point of view: out of memory aborts here,
 * in one place, so no caller tests for NULL (the git and curl convention).
 */
#ifndef TRP_BASE_XALLOC_H
#define TRP_BASE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
