/*
 * Helpers shared by the chart files: date ticks, the empty-state box, legends. Private to
 * src/render.
 */
#ifndef TRP_RENDER_CHART_INTERNAL_H
#define TRP_RENDER_CHART_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "render/canvas.h"

/* Font sizes in points: readable on A4 and on a phone at the charts' natural widths. */
#define CHART_FONT 8.5
#define CHART_SMALL 7.5

/* Chooses date ticks for days first..first+n_days-1 on an axis width points wide: every
 * day, every 2 days, weekly (Mondays), fortnightly, monthly or quarterly (first of the
 * month). Returns the count; *style is the chart_date style the labels should use. */
#define CHART_MAX_TICKS 64
size_t chart_day_ticks(int64_t first, size_t n_days, double width, int64_t *ticks,
                       int *style);

/* A framed box with a message in it, for charts without data. */
void chart_empty(struct canvas *c, double x, double y, double w, double h, const char *msg);

/* One legend item (a swatch drawn by the caller's kind, then a label); returns the x after
 * it. kind: 0 dot, 1 line, 2 triangle down, 3 diamond, 4 square, 5 dashed line. */
double chart_legend_item(struct canvas *c, double x, double y, int kind, uint32_t color,
                         const char *label);

/* Shortens s in place (ending it with "..") until it fits max_w points; never cuts inside
 * a UTF-8 character. */
void chart_fit(char *s, double size, int bold, double max_w);

/* Small markers. */
void chart_triangle_down(struct canvas *c, double cx, double cy, double r, uint32_t fill);
void chart_diamond(struct canvas *c, double cx, double cy, double r, uint32_t fill);

#endif
