/*
 * The report document (blocks of text, tables and charts) and its HTML page, which needs
 * no cairo; the A4 PDF is laid out in report_pdf.c, inside trp-render.so. The HTML page
 * carries each chart twice, laid out for a wide and for a narrow screen, and shows the one
 * that fits (CSS media query), so the text in charts stays legible on a phone.
 */
#include "render/report.h"

#include <stdarg.h>
#include <string.h>

#include "base/strbuf.h"
#include "render/chart.h"
#include "render/render.h"
#include "render/svg.h"

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
