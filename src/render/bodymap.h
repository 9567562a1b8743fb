/*
 * The body-map figure: polygons for the 74 CHOIR segments on a front and a back view, and
 * the places where treated trigger points are marked, read from data/bodymap/figure.tsv
 * (compiled in). Shapes are keyed by region id, so a finer sub-region can get its own shape
 * later by adding rows; until then a sub-region is drawn through its CHOIR segment.
 * Parsed once per process and read-only afterwards.
 */
#ifndef TRP_RENDER_BODYMAP_H
#define TRP_RENDER_BODYMAP_H

#include <stddef.h>

#include "base/err.h"

/* Each view is a BODYMAP_W x BODYMAP_H box. */
#define BODYMAP_W 200.0
#define BODYMAP_H 480.0

struct bodymap_shape {
    const char *region; /* region id */
    int back;           /* 0 front view, 1 back view */
    size_t n;           /* points */
    const double *xy;   /* n (x, y) pairs */
};

struct bodymap_site {
    const char *key;    /* "upper-trapezius.r" */
    int back;
    double x, y;
};

struct bodymap {
    const struct bodymap_shape *shapes;
    size_t n_shapes;
    const struct bodymap_site *sites;
    size_t n_sites;
};

/* The embedded figure (parsed on first use), or NULL with err set if the data is broken. */
const struct bodymap *bodymap_get(struct trp_err *err);

/* Parses figure text as bodymap_get does; for tests and for checking an edited file. The
 * result lives until bodymap_free. */
int bodymap_parse(const char *text, struct bodymap **out, struct trp_err *err);
void bodymap_free(struct bodymap *bm);

/* The site for a muscle on one side ('l' or 'r'), or NULL when the figure has none. */
const struct bodymap_site *bodymap_site_find(const struct bodymap *bm, const char *muscle,
                                             char side);

#endif
