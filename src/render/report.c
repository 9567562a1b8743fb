/*
 * Report layout. The PDF is laid out top to bottom on A4 pages with 40-point margins; a
 * block that does not fit in what is left of a page starts the next one (charts and table
 * rows are never split). Layout runs twice, first on a canvas that draws nothing to count
 * the pages for the "page N of M" footer. The HTML page carries each chart twice, laid out
 * for a wide and for a narrow screen, and shows the one that fits (CSS media query), so the
 * text in charts stays legible on a phone.
 */
#include "render/report.h"

#include <cairo-pdf.h>
#include <stdarg.h>
#include <string.h>

#include "base/strbuf.h"
#include "render/canvas_cairo.h"
#include "render/chart.h"
#include "render/chart_internal.h"
#include "render/render.h"
#include "render/svg.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 40.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define FOOTER_H 18.0

void report_init(struct report_doc *d, struct arena *a, const char *title, double font_size)
{
    memset(d, 0, sizeof *d);
    d->a = a;
    d->title = title;
    d->font_size = font_size;
}

static struct report_block *push(struct report_doc *d, enum report_block_kind kind,
                                 const char *text)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 32;
        struct report_block *nb = arena_zalloc(d->a, cap, sizeof *nb);
        if (d->n)
            memcpy(nb, d->blocks, d->n * sizeof *nb);
        d->blocks = nb;
        d->cap = cap;
    }
    struct report_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = text;
    return b;
}

void report_heading(struct report_doc *d, const char *text)
{
    push(d, REPORT_HEADING, arena_strdup(d->a, text));
}

#define VPUSH(kind)                                                                            \
    do {                                                                                       \
        va_list ap;                                                                            \
        va_start(ap, fmt);                                                                     \
        push(d, kind, arena_vprintf(d->a, fmt, ap));                                           \
        va_end(ap);                                                                            \
    } while (0)

void report_para(struct report_doc *d, const char *fmt, ...)
{
    VPUSH(REPORT_PARA);
}

void report_bullet(struct report_doc *d, const char *fmt, ...)
{
    VPUSH(REPORT_BULLET);
}

void report_alert(struct report_doc *d, const char *fmt, ...)
{
    VPUSH(REPORT_ALERT);
}

void report_note(struct report_doc *d, const char *fmt, ...)
{
    VPUSH(REPORT_NOTE);
}

struct report_block *report_table(struct report_doc *d, size_t n_cols, const char *const *header,
                                  const double *col_frac)
{
    if (n_cols > REPORT_MAX_COLS)
        n_cols = REPORT_MAX_COLS;
    struct report_block *t = push(d, REPORT_TABLE, NULL);
    t->n_cols = n_cols;
    for (size_t c = 0; c < n_cols; c++)
        t->col_frac[c] = col_frac[c];
    report_table_row(d, t, header);
    return t;
}

void report_table_row(struct report_doc *d, struct report_block *t, const char *const *cells)
{
    const char **nc = arena_zalloc(d->a, (t->n_rows + 1) * t->n_cols, sizeof *nc);
    if (t->n_rows)
        memcpy(nc, t->cells, t->n_rows * t->n_cols * sizeof *nc);
    for (size_t c = 0; c < t->n_cols; c++)
        nc[t->n_rows * t->n_cols + c] = arena_strdup(d->a, cells[c] ? cells[c] : "");
    t->cells = nc;
    t->n_rows++;
}

void report_chart(struct report_doc *d, enum chart_kind kind, const void *data, double height)
{
    struct report_block *b = push(d, REPORT_CHART, NULL);
    b->chart = kind;
    b->data = data;
    b->chart_height = height;
}

/* --- PDF --- */

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

/* --- HTML --- */

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
static const char html_style[] =
    "</title>\n<style>\n"
    "body{font-family:\"DejaVu Sans\",Verdana,Helvetica,Arial,sans-serif;color:#222;"
    "max-width:48em;margin:1.5em auto;padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;border-bottom:1px solid #ddd;"
    "padding-bottom:.15em;margin-top:1.4em}\n"
    ".sub,.note{color:#666}.note{font-size:.9em}\n"
    ".alert{border-left:4px solid #d55e00;background:#fdf0e6;padding:.45em .8em;"
    "font-weight:bold;margin:.5em 0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92em}th,td{text-align:left;"
    "padding:.25em .4em;border-bottom:1px solid #e3e3e3}th{border-bottom:1px solid #777}\n"
    "figure{margin:.6em 0}svg{max-width:100%;height:auto;display:block}\n"
    ".narrow{display:none}@media (max-width:600px){.wide{display:none}.narrow{display:block}}\n"
    "footer{margin-top:2em;font-size:.8em;color:#666}\n"
    "</style>\n</head>\n<body>\n";

static int html_text(struct strbuf *sb, const char *tag, const char *cls, const char *text)
{
    int rc = strbuf_addf(sb, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "",
                         cls ? "\"" : "");
    rc |= svg_escape(sb, text);
    rc |= strbuf_addf(sb, "</%s>\n", tag);
    return rc;
}

int report_write_html(const struct report_doc *d, FILE *f, struct trp_err *err)
{
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    int rc = strbuf_adds(&sb, html_head);
    rc |= svg_escape(&sb, d->title);
    rc |= strbuf_adds(&sb, html_style);
    rc |= html_text(&sb, "h1", NULL, d->title);
    if (d->subtitle)
        rc |= html_text(&sb, "p", "sub", d->subtitle);
    int in_list = 0;
    for (size_t i = 0; i < d->n && !rc; i++) {
        const struct report_block *b = &d->blocks[i];
        if (b->kind != REPORT_BULLET && in_list) {
            rc |= strbuf_adds(&sb, "</ul>\n");
            in_list = 0;
        }
        switch (b->kind) {
        case REPORT_HEADING:
            rc |= html_text(&sb, "h2", NULL, b->text);
            break;
        case REPORT_PARA:
            rc |= html_text(&sb, "p", NULL, b->text);
            break;
        case REPORT_NOTE:
            rc |= html_text(&sb, "p", "note", b->text);
            break;
        case REPORT_ALERT:
            rc |= html_text(&sb, "p", "alert", b->text);
            break;
        case REPORT_BULLET:
            if (!in_list) {
                rc |= strbuf_adds(&sb, "<ul>\n");
                in_list = 1;
            }
            rc |= html_text(&sb, "li", NULL, b->text);
            break;
        case REPORT_TABLE:
            rc |= strbuf_adds(&sb, "<table>\n");
            for (size_t r = 0; r < b->n_rows; r++) {
                rc |= strbuf_adds(&sb, "<tr>");
                for (size_t c = 0; c < b->n_cols; c++) {
                    rc |= strbuf_adds(&sb, r == 0 ? "<th>" : "<td>");
                    rc |= svg_escape(&sb, b->cells[r * b->n_cols + c]);
                    rc |= strbuf_adds(&sb, r == 0 ? "</th>" : "</td>");
                }
                rc |= strbuf_adds(&sb, "</tr>\n");
            }
            rc |= strbuf_adds(&sb, "</table>\n");
            break;
        case REPORT_CHART: {
            static const char *const cls[] = {"wide", "narrow"};
            static const double widths[] = {RENDER_A4_WIDTH, RENDER_PHONE_WIDTH};
            for (int k = 0; k < 2 && !rc; k++) {
                rc |= strbuf_addf(&sb, "<figure class=\"%s\">\n", cls[k]);
                rc |= render_chart_svg(b->chart, b->data, widths[k], NULL, &sb, err);
                rc |= strbuf_adds(&sb, "</figure>\n");
            }
            break;
        }
        }
    }
    if (in_list)
        rc |= strbuf_adds(&sb, "</ul>\n");
    if (d->footer)
        rc |= html_text(&sb, "footer", NULL, d->footer);
    rc |= strbuf_adds(&sb, "</body>\n</html>\n");
    if (rc) {
        strbuf_release(&sb);
        return trp_err_set(err, TRP_EINVAL, "the report is larger than the output limit");
    }
    if (fwrite(sb.buf, 1, sb.len, f) != sb.len)
        rc = trp_err_set(err, TRP_EIO, "could not write the report");
    strbuf_release(&sb);
    return rc;
}
