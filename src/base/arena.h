/*
 * Region allocator: every command and every HTTP request gets one arena, allocates freely
 * from it and frees everything at once at the end (the PostgreSQL memory-context idea).
 * Library objects that need their own release (sqlite statements, jansson values, cairo
 * surfaces) are registered with arena_defer so the single cleanup path releases them too.
 */
#ifndef TRP_BASE_ARENA_H
#define TRP_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* Creates an empty arena. Never returns NULL (out of memory aborts). */
struct arena *arena_new(void);

/* Runs deferred cleanups in reverse order of registration, then frees every block. */
void arena_free(struct arena *a);

/* Returns n bytes aligned for any object type; memory lives until arena_free. */
void *arena_alloc(struct arena *a, size_t n);

/* Like arena_alloc, zero-filled, for count objects of size bytes (overflow-checked). */
void *arena_zalloc(struct arena *a, size_t count, size_t size);

char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Registers fn(ptr) to run when the arena is freed. */
void arena_defer(struct arena *a, void (*fn)(void *), void *ptr);

/* Bytes handed out so far (for benchmarks and caps). */
size_t arena_used(const struct arena *a);

#endif
