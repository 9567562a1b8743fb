/*
 * Turning charts into SVG text. The caller picks a width in points (RENDER_A4_WIDTH for
 * print, RENDER_PHONE_WIDTH for a phone screen) and the chart takes its natural height.
 * Nothing here needs cairo or pango: PNG and PDF are render_cairo.h's, in trp-render.so.
 */
#ifndef TRP_RENDER_RENDER_H
#define TRP_RENDER_RENDER_H

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

/* The chart's height at width with its title, and the one drawing pass onto any canvas
 * (for the cairo backend, render_cairo.c). */
struct canvas;
double render_chart_height(enum chart_kind kind, const void *data, double width,
                           const char *title);
void render_chart_draw(struct canvas *c, enum chart_kind kind, const void *data, double width,
                       double height, const char *title);

#endif
