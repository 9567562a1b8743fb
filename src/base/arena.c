/*
 * Arena allocator behind arena.h. Blocks grow geometrically up to a limit; a request larger
 * than a block gets its own block so big buffers do not waste the rest of a small one.
 */
#include "base/arena.h"
#include "base/err.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_FIRST_BLOCK 4096u
#define ARENA_MAX_BLOCK (1u << 20)
#define ARENA_ALIGN _Alignof(max_align_t)

struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

struct arena_defer_item {
    struct arena_defer_item *next;
    void (*fn)(void *);
    void *ptr;
};

struct arena {
    struct arena_block *head;
    struct arena_defer_item *defers;
    size_t next_size;
    size_t used;
};

struct arena *arena_new(void)
{
    struct arena *a = xcalloc(1, sizeof *a);
    a->next_size = ARENA_FIRST_BLOCK;
    return a;
}

void arena_free(struct arena *a)
{
    if (!a)
        return;
    struct arena_defer_item *d = a->defers;
    while (d) {
        struct arena_defer_item *next = d->next;
        d->fn(d->ptr);
        d = next;
    }
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

static struct arena_block *arena_grow(struct arena *a, size_t need)
{
    size_t size = a->next_size;
    if (size < need)
        size = need;
    if (size > SIZE_MAX - sizeof(struct arena_block))
        BUG("arena request too large");
    struct arena_block *b = xmalloc(sizeof *b + size);
    b->size = size;
    b->used = 0;
    if (need > a->next_size && a->head) {
        /* An oversized request: keep the current block at the head for later small ones. */
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
        if (a->next_size < ARENA_MAX_BLOCK)
            a->next_size *= 2;
    }
    return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        BUG("arena request too large");
    size_t rounded = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    struct arena_block *b = a->head;
    if (!b || b->size - b->used < rounded)
        b = arena_grow(a, rounded);
    void *p = b->data + b->used;
    b->used += rounded;
    a->used += rounded;
    return p;
}

void *arena_zalloc(struct arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        BUG("arena_zalloc overflow");
    void *p = arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        BUG("bad format string");
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *ptr)
{
    struct arena_defer_item *d = arena_alloc(a, sizeof *d);
    d->fn = fn;
    d->ptr = ptr;
    d->next = a->defers;
    a->defers = d;
}

size_t arena_used(const struct arena *a)
{
    return a->used;
}
