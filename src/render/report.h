/*
 * A report as a flat list of blocks (headings, paragraphs, bullets, alerts, tables,
 * charts) and its two renderings: a self-contained HTML page with the charts as inline SVG,
 * and an A4 PDF through cairo and pango, paginated block by block (report_pdf.h, in the
 * loadable module). src/app/report.c decides what goes in; this module only lays it out,
 * so both formats say the same things.
 */
#ifndef TRP_RENDER_REPORT_H
#define TRP_RENDER_REPORT_H

#include <stdio.h>

#include "base/arena.h"
#include "base/err.h"
#include "render/chart_data.h"

enum report_block_kind {
    REPORT_HEADING = 0,
    REPORT_PARA,
    REPORT_BULLET,
    REPORT_ALERT,   /* a boxed warning (red flags) */
    REPORT_NOTE,    /* small grey text (sources, "not available") */
    REPORT_TABLE,
    REPORT_CHART,
};

#define REPORT_MAX_COLS 7

struct report_block {
    enum report_block_kind kind;
    const char *text;
    /* tables: row 0 is the header; cells[r * n_cols + c] */
    size_t n_cols, n_rows;
    const char **cells;
    double col_frac[REPORT_MAX_COLS]; /* column widths as fractions of the text width */
    /* charts */
    enum chart_kind chart;
    const void *data;
    double chart_height;  /* points at A4 text width; 0: the chart's natural height */
};

struct report_doc {
    struct arena *a;
    const char *title;
    const char *subtitle;
    const char *footer;   /* printed small at the bottom of every page */
    double font_size;     /* body text in points */
    struct report_block *blocks;
    size_t n, cap;
};

void report_init(struct report_doc *d, struct arena *a, const char *title, double font_size);
void report_heading(struct report_doc *d, const char *text);
void report_para(struct report_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void report_bullet(struct report_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void report_alert(struct report_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void report_note(struct report_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Starts a table with the header cells; add rows with report_table_row (n_cols cells). */
struct report_block *report_table(struct report_doc *d, size_t n_cols, const char *const *header,
                                  const double *col_frac);
void report_table_row(struct report_doc *d, struct report_block *t, const char *const *cells);
void report_chart(struct report_doc *d, enum chart_kind kind, const void *data, double height);

/* Writes the report as one HTML page. */
int report_write_html(const struct report_doc *d, FILE *f, struct trp_err *err);

#endif
