/*
 * The four charts (timeline, body map, factors, progress), drawn through the canvas
 * interface into a box, so the same code makes a standalone SVG/PNG/PDF chart, a figure in
 * the report, and later a web page. Each chart copes with empty and one-day data by saying
 * so in words rather than drawing an empty frame.
 */
#ifndef TRP_RENDER_CHART_H
#define TRP_RENDER_CHART_H

#include "render/canvas.h"
#include "render/chart_data.h"

/* The height a chart wants at width w (points), given its data (more lanes, more rows). */
double chart_natural_height(enum chart_kind kind, const void *data, double w);

/* Draws chart kind from data (a struct chart_timeline, chart_bodymap, chart_factors or
 * chart_progress, matching kind) into the box x, y, w, h of canvas c. */
void chart_draw(struct canvas *c, enum chart_kind kind, const void *data, double x, double y,
                double w, double h);

void chart_timeline_draw(struct canvas *c, const struct chart_timeline *d, double x, double y,
                         double w, double h);
void chart_bodymap_draw(struct canvas *c, const struct chart_bodymap *d, double x, double y,
                        double w, double h);
void chart_factors_draw(struct canvas *c, const struct chart_factors *d, double x, double y,
                        double w, double h);
void chart_progress_draw(struct canvas *c, const struct chart_progress *d, double x, double y,
                         double w, double h);

/* Formats local day number day as "3 Mar", "Mar 2026" or "3 Mar 2026" (style 0, 1, 2). */
#define CHART_DATE_BUF 24
char *chart_date(int64_t day, int style, char *buf);

#endif
