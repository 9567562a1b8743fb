/*
 * The report as an A4 PDF, through cairo and pango (built into trp-render.so only). It is
 * laid out top to bottom on A4 pages with 40-point margins; a block that does not fit in
 * what is left of a page starts the next one (charts and table rows are never split).
 * Layout runs twice, first on a canvas that draws nothing to count the pages for the
 * "page N of M" footer.
 */
#include "render/report_pdf.h"

#include <cairo-pdf.h>
#include <string.h>

#include "render/canvas_cairo.h"
#include "render/chart.h"
#include "render/chart_internal.h"
#include "render/render_cairo.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 40.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define FOOTER_H 18.0

static void null_line(struct canvas *c, double a, double b, double x, double y,
                      const struct canvas_style *s)
{
    (void)c, (void)a, (void)b, (void)x, (void)y, (void)s;
}
static void null_rect(struct canvas *c, double a, double b, double x, double y,
                      const struct canvas_style *s)
{
    (void)c, (void)a, (void)b, (void)x, (void)y, (void)s;
}
static void null_poly(struct canvas *c, const double *xy, size_t n, int cl,
                      const struct canvas_style *s)
{
    (void)c, (void)xy, (void)n, (void)cl, (void)s;
}
static void null_circle(struct canvas *c, double a, double b, double r,
                        const struct canvas_style *s)
{
    (void)c, (void)a, (void)b, (void)r, (void)s;
}
static void null_text(struct canvas *c, double x, double y, const char *s,
                      const struct canvas_font *f)
{
    (void)c, (void)x, (void)y, (void)s, (void)f;
}
static const struct canvas_ops null_ops = {null_line, null_rect, null_poly, null_circle,
                                           null_text, NULL, NULL};

struct pdf_layout {
    const struct report_doc *d;
    struct canvas *c;
    cairo_t *cr;          /* NULL when only measuring */
    cairo_surface_t *surf;
    int page, total;
    double y;
};

static void footer(struct pdf_layout *L)
{
    char buf[64];
    snprintf(buf, sizeof buf, "page %d of %d", L->page, L->total);
    double fy = PAGE_H - MARGIN + 16;
    canvas_line(L->c, MARGIN, fy - 10, PAGE_W - MARGIN, fy - 10, PAL_LIGHT, 0.6);
    if (L->d->footer)
        canvas_text(L->c, MARGIN, fy, L->d->footer, 7, 0, CANVAS_START, PAL_GREY);
    canvas_text(L->c, PAGE_W - MARGIN, fy, buf, 7, 0, CANVAS_END, PAL_GREY);
}

static void new_page(struct pdf_layout *L)
{
    footer(L);
    if (L->cr) {
        cairo_show_page(L->cr);
        cairo_set_source_rgb(L->cr, 1, 1, 1);
        cairo_paint(L->cr);
    }
    L->page++;
    L->y = MARGIN;
}

/* Makes room for h points, starting a new page if needed. */
static void need(struct pdf_layout *L, double h)
{
    if (L->y + h > PAGE_H - MARGIN - FOOTER_H && L->y > MARGIN + 1)
        new_page(L);
}

static void text_lines(struct pdf_layout *L, const char *text, double x, double width,
                       double size, int bold, uint32_t color, double lh)
{
    const char *lines[64];
    size_t n = canvas_wrap(L->d->a, text, size, bold, width, lines, 64);
    for (size_t i = 0; i < n; i++) {
        need(L, lh);
        canvas_text(L->c, x, L->y + size, lines[i], size, bold, CANVAS_START, color);
        L->y += lh;
    }
}

/* The least room block b needs on the page it starts on (a heading keeps that much of
 * what follows it, so it is never left alone at the foot of a page). */
static double block_min_height(const struct report_doc *d, const struct report_block *b)
{
    double lh = d->font_size * 1.35;
    switch (b->kind) {
    case REPORT_CHART:
        return (b->chart_height > 0 ? b->chart_height
                                    : chart_natural_height(b->chart, b->data, TEXT_W)) + 4;
    case REPORT_TABLE: {
        double all = (double)b->n_rows * (lh + 2);
        return all < 200 ? all : 2 * (lh + 2);
    }
    case REPORT_ALERT:
        return 2 * lh + 8;
    default:
        return 2 * lh;
    }
}

static void layout(struct pdf_layout *L)
{
    const struct report_doc *d = L->d;
    double fs = d->font_size, lh = fs * 1.35;
    L->page = 1;
    L->y = MARGIN;
    canvas_text(L->c, MARGIN, L->y + 15, d->title, 15, 1, CANVAS_START, PAL_INK);
    L->y += 22;
    if (d->subtitle) {
        text_lines(L, d->subtitle, MARGIN, TEXT_W, fs, 0, PAL_GREY, lh);
    }
    L->y += 4;
    for (size_t i = 0; i < d->n; i++) {
        const struct report_block *b = &d->blocks[i];
        switch (b->kind) {
        case REPORT_HEADING:
            need(L, fs + 16 + (i + 1 < d->n ? block_min_height(d, &d->blocks[i + 1]) : lh));
            L->y += 6;
            canvas_text(L->c, MARGIN, L->y + fs + 2, b->text, fs + 2.5, 1, CANVAS_START,
                        PAL_INK);
            L->y += fs + 6;
            canvas_line(L->c, MARGIN, L->y, PAGE_W - MARGIN, L->y, PAL_LIGHT, 0.7);
            L->y += 4;
            break;
        case REPORT_PARA:
            text_lines(L, b->text, MARGIN, TEXT_W, fs, 0, PAL_INK, lh);
            L->y += 3;
            break;
        case REPORT_NOTE:
            text_lines(L, b->text, MARGIN, TEXT_W, fs - 1, 0, PAL_GREY, lh * 0.92);
            L->y += 2;
            break;
        case REPORT_BULLET: {
            need(L, lh);
            canvas_circle(L->c, MARGIN + 4, L->y + fs * 0.62, 1.5, PAL_INK, CANVAS_NONE, 0);
            text_lines(L, b->text, MARGIN + 11, TEXT_W - 11, fs, 0, PAL_INK, lh);
            L->y += 1;
            break;
        }
        case REPORT_ALERT: {
            const char *lines[32];
            size_t n = canvas_wrap(d->a, b->text, fs, 1, TEXT_W - 16, lines, 32);
            double h = (double)n * lh + 8;
            need(L, h);
            canvas_rect(L->c, MARGIN, L->y, TEXT_W, h, 0xFDF0E6u, CANVAS_NONE, 0);
            canvas_rect(L->c, MARGIN, L->y, 3, h, PAL_VERMILION, CANVAS_NONE, 0);
            for (size_t k = 0; k < n; k++)
                canvas_text(L->c, MARGIN + 10, L->y + 4 + fs + k * lh, lines[k], fs, 1,
                            CANVAS_START, PAL_INK);
            L->y += h + 4;
            break;
        }
        case REPORT_TABLE: {
            double rh = lh + 2;
            /* Keep a table on one page when it fits on one; else at least two rows. */
            double all = (double)b->n_rows * rh;
            need(L, all < PAGE_H - 2 * MARGIN - FOOTER_H - 40 ? all : 2 * rh);
            for (size_t r = 0; r < b->n_rows; r++) {
                need(L, rh);
                double x = MARGIN;
                if (r > 0 && r % 2 == 0)
                    canvas_rect(L->c, MARGIN, L->y, TEXT_W, rh, 0xF5F5F5u, CANVAS_NONE, 0);
                for (size_t c = 0; c < b->n_cols; c++) {
                    double cw = b->col_frac[c] * TEXT_W;
                    char cell[256];
                    snprintf(cell, sizeof cell, "%s", b->cells[r * b->n_cols + c]);
                    chart_fit(cell, fs - 0.5, r == 0, cw - 6);
                    canvas_text(L->c, x + 3, L->y + fs + 1, cell, fs - 0.5, r == 0,
                                CANVAS_START, PAL_INK);
                    x += cw;
                }
                L->y += rh;
                if (r == 0)
                    canvas_line(L->c, MARGIN, L->y, PAGE_W - MARGIN, L->y, PAL_GREY, 0.7);
            }
            L->y += 5;
            break;
        }
        case REPORT_CHART: {
            double h = b->chart_height > 0 ? b->chart_height
                                           : chart_natural_height(b->chart, b->data, TEXT_W);
            need(L, h + 4);
            chart_draw(L->c, b->chart, b->data, MARGIN, L->y, TEXT_W, h);
            L->y += h + 6;
            break;
        }
        }
    }
    footer(L);
}

int report_count_pages(const struct report_doc *d)
{
    struct canvas nc = {&null_ops, NULL, PAGE_W, PAGE_H};
    struct pdf_layout L = {d, &nc, NULL, NULL, 1, 0, 0};
    layout(&L);
    return L.page;
}

int report_write_pdf(const struct report_doc *d, FILE *f, int *pages, struct trp_err *err)
{
    int total = report_count_pages(d);
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(render_write_file, f, PAGE_W,
                                                                PAGE_H);
    render_pdf_set_date(surf);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "trp " TRP_VERSION);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    struct cairo_canvas cc;
    cairo_canvas_init(&cc, cr, PAGE_W, PAGE_H);
    struct pdf_layout L = {d, &cc.canvas, cr, surf, 1, total, 0};
    layout(&L);
    cairo_show_page(cr);
    cairo_canvas_release(&cc);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    int rc = 0;
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
        rc = trp_err_set(err, TRP_EIO, "could not write the PDF: %s",
                         cairo_status_to_string(cairo_surface_status(surf)));
    cairo_surface_destroy(surf);
    if (pages)
        *pages = L.page;
    return rc;
}

