/*
 * Turning charts into files: SVG text, PNG and PDF. The caller picks a width in points
 * (RENDER_A4_WIDTH for print, RENDER_PHONE_WIDTH for a phone screen) and the chart takes
 * its natural height. PDFs carry a fixed creation date when $SOURCE_DATE_EPOCH or $TRP_NOW
 * is set, so that their bytes are repeatable for tests.
 */
#ifndef TRP_RENDER_RENDER_H
#define TRP_RENDER_RENDER_H

#include <cairo.h>
#include <stdio.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "render/chart_data.h"

#define RENDER_A4_WIDTH 515.0    /* A4 (595 pt) less 40 pt margins */
#define RENDER_PHONE_WIDTH 360.0 /* a phone held upright, in CSS pixels */

enum render_format { RENDER_SVG = 0, RENDER_PNG, RENDER_PDF, RENDER_HTML };

/* "svg" | "png" | "pdf" | "html" -> format. */
int render_format_parse(const char *name, enum render_format *out, struct trp_err *err);
const char *render_format_name(enum render_format f);

/* Appends the chart as a standalone SVG document (title on top when not NULL). */
int render_chart_svg(enum chart_kind kind, const void *data, double width, const char *title,
                     struct strbuf *out, struct trp_err *err);

/* Writes the chart as SVG, PNG (2 pixels per point) or PDF to f. */
int render_chart_write(enum chart_kind kind, const void *data, double width, const char *title,
                       enum render_format fmt, FILE *f, struct trp_err *err);

/* Sets the PDF creation and modification dates from $SOURCE_DATE_EPOCH (seconds) or
 * $TRP_NOW (an ISO time); leaves cairo's default (the current time) otherwise. */
void render_pdf_set_date(cairo_surface_t *pdf);

/* cairo write callback for a FILE * closure. */
cairo_status_t render_write_file(void *closure, const unsigned char *data, unsigned int len);

#endif
