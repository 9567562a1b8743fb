/*
 * The body-map figure: polygons for the 74 CHOIR segments on a front and a back view, and
 * the places where treated trigger points are marked, read from data/bodymap/figure.tsv
 * (compiled in), and close-ups of the head and neck, hands and feet with a shape for each
 * fine region there. Shapes are keyed by region id; on the front and back figures a fine
 * region is drawn through its CHOIR segment.
 * Parsed once per process and read-only afterwards.
 */
#ifndef TRP_RENDER_BODYMAP_H
#define TRP_RENDER_BODYMAP_H

#include <stddef.h>

#include "base/err.h"

/* Each view is a BODYMAP_W x BODYMAP_H box. */
#define BODYMAP_W 200.0
#define BODYMAP_H 480.0

/* The close-up views, for messages (the web page draws them; charts draw front and back). */
#define BODYMAP_CLOSEUPS "face, head-back, mouth, palms, hand-backs, feet-top, soles"
#define BODYMAP_CLOSEUP (-1)

struct bodymap_shape {
    const char *region; /* region id */
    int back;           /* 0 front view, 1 back view, BODYMAP_CLOSEUP a close-up */
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
