/*
 * Charts as PNG and PDF through cairo and pango. These live in the loadable module
 * trp-render.so only (render/module.h says why), so only the module's code and the tests
 * may call them; the trp binary draws SVG (render.h) without cairo. PDFs carry a fixed
 * creation date when $SOURCE_DATE_EPOCH or $TRP_NOW is set, so that their bytes are
 * repeatable for tests.
 */
#ifndef TRP_RENDER_RENDER_CAIRO_H
#define TRP_RENDER_RENDER_CAIRO_H

#include <cairo.h>
#include <stdio.h>

#include "render/render.h"

/* Writes the chart as SVG, PNG (2 pixels per point) or PDF to f. */
int render_chart_write(enum chart_kind kind, const void *data, double width, const char *title,
                       enum render_format fmt, FILE *f, struct trp_err *err);

/* Sets the PDF creation and modification dates from $SOURCE_DATE_EPOCH (seconds) or
 * $TRP_NOW (an ISO time); leaves cairo's default (the current time) otherwise. */
void render_pdf_set_date(cairo_surface_t *pdf);

/* cairo write callback for a FILE * closure. */
cairo_status_t render_write_file(void *closure, const unsigned char *data, unsigned int len);

#endif
