/*
 * Data files compiled into the binary by scripts/embed.py (regions, muscles, body-map
 * shapes). Keeping the knowledge base inside the executable means `trp where` needs no
 * install path and no file I/O, which is also what keeps it fast.
 */
#ifndef TRP_BASE_EMBEDDED_H
#define TRP_BASE_EMBEDDED_H

#include <stddef.h>

struct trp_embedded_file {
    const char *name; /* base name, e.g. "upper-trapezius.json" */
    const char *data; /* NUL-terminated contents */
    size_t size;
};

#endif
