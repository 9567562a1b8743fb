/*
 * The cairo backend of the drawing interface, for PDF and PNG. Text goes through pango
 * (real font selection, shaping and UTF-8), never cairo's toy text API.
 */
#ifndef TRP_RENDER_CANVAS_CAIRO_H
#define TRP_RENDER_CANVAS_CAIRO_H

#include <cairo.h>

#include "render/canvas.h"

struct cairo_canvas {
    struct canvas canvas;
    cairo_t *cr;
    void *layout; /* one PangoLayout reused for every text call (made on first use) */
};

/* Wraps an existing cairo context (not owned) of w x h points. */
void cairo_canvas_init(struct cairo_canvas *cc, cairo_t *cr, double w, double h);

/* Releases the text layout; call before destroying the cairo context. */
void cairo_canvas_release(struct cairo_canvas *cc);

#endif
