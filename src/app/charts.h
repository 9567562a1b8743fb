/*
 * One chart of the diary, as data for every face: `trp chart` draws it in any format and
 * GET /api/v1/charts/KIND.svg serves the same SVG, gathered and titled here once.
 */
#ifndef TRP_APP_CHARTS_H
#define TRP_APP_CHARTS_H

#include "app/chart_gather.h"
#include "base/strbuf.h"

struct app_chart {
    enum chart_kind kind;
    struct chart_gather g;
    const void *data;    /* g's structure for kind, as render/chart.h draws it */
    const char *title;   /* "Pain, flares and daily tasks, 3 Mar 2026 to 31 Mar 2026" */
};

/* "timeline" | "bodymap" | "factors" | "progress" -> kind; a clear message otherwise. */
int app_chart_kind(const char *name, enum chart_kind *out, struct trp_err *err);

/* Gathers what chart kind needs over period p (factors run the analysis; progress loads
 * the course). Memory from arena a. */
int app_chart(struct store *s, struct arena *a, enum chart_kind kind, const struct chart_period *p,
              struct app_chart *out, struct trp_err *err);

/* The chart as a standalone SVG document width points wide, appended to out. */
int app_chart_svg(struct store *s, struct arena *a, enum chart_kind kind,
                  const struct chart_period *p, double width, struct strbuf *out,
                  struct trp_err *err);

#endif
