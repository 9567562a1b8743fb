/*
 * The SVG backend of the drawing interface. Numbers are written with one decimal (a tenth
 * of a point is below what any screen or printer shows) which keeps files small and
 * byte-for-byte repeatable.
 */
#include "render/svg.h"

#include <math.h>
#include <stdio.h>

#include "base/err.h"

int svg_escape(struct strbuf *sb, const char *s)
{
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && !rc; p++) {
        switch (*p) {
        case '&': rc = strbuf_adds(sb, "&amp;"); break;
        case '<': rc = strbuf_adds(sb, "&lt;"); break;
        case '>': rc = strbuf_adds(sb, "&gt;"); break;
        case '"': rc = strbuf_adds(sb, "&quot;"); break;
        case '\'': rc = strbuf_adds(sb, "&#39;"); break;
        default:
            if (*p < 0x20 && *p != '\t' && *p != '\n')
                break;
            rc = strbuf_addc(sb, (char)*p);
        }
    }
    return rc;
}

static struct svg_canvas *sc_of(struct canvas *c)
{
    return c->impl;
}

static void emit(struct svg_canvas *sc, int rc)
{
    if (rc)
        sc->failed = 1;
}

/* Formats a coordinate with one decimal, writing "-0.0" as "0". */
static void num(struct svg_canvas *sc, double v)
{
    if (!isfinite(v))
        v = 0;
    double r = round(v * 10) / 10;
    if (r == 0)
        r = 0;
    if (r == floor(r))
        emit(sc, strbuf_addf(sc->sb, "%.0f", r));
    else
        emit(sc, strbuf_addf(sc->sb, "%.1f", r));
}

static void color(struct svg_canvas *sc, uint32_t c)
{
    if (c == CANVAS_NONE)
        emit(sc, strbuf_adds(sc->sb, "none"));
    else
        emit(sc, strbuf_addf(sc->sb, "#%06x", (unsigned)(c & 0xFFFFFF)));
}

static void style_attrs(struct svg_canvas *sc, const struct canvas_style *st)
{
    emit(sc, strbuf_adds(sc->sb, " fill=\""));
    color(sc, st->fill);
    emit(sc, strbuf_adds(sc->sb, "\""));
    if (st->fill != CANVAS_NONE && st->opacity > 0 && st->opacity < 1) {
        emit(sc, strbuf_adds(sc->sb, " fill-opacity=\""));
        num(sc, st->opacity);
        emit(sc, strbuf_adds(sc->sb, "\""));
    }
    if (st->stroke != CANVAS_NONE && st->stroke_width > 0) {
        emit(sc, strbuf_adds(sc->sb, " stroke=\""));
        color(sc, st->stroke);
        emit(sc, strbuf_adds(sc->sb, "\" stroke-width=\""));
        num(sc, st->stroke_width);
        emit(sc, strbuf_adds(sc->sb, "\""));
        if (st->dash > 0) {
            emit(sc, strbuf_adds(sc->sb, " stroke-dasharray=\""));
            num(sc, st->dash);
            emit(sc, strbuf_adds(sc->sb, " "));
            num(sc, st->dash);
            emit(sc, strbuf_adds(sc->sb, "\""));
        }
    }
}

static void svg_line(struct canvas *c, double x1, double y1, double x2, double y2,
                     const struct canvas_style *st)
{
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, "<line x1=\""));
    num(sc, x1);
    emit(sc, strbuf_adds(sc->sb, "\" y1=\""));
    num(sc, y1);
    emit(sc, strbuf_adds(sc->sb, "\" x2=\""));
    num(sc, x2);
    emit(sc, strbuf_adds(sc->sb, "\" y2=\""));
    num(sc, y2);
    emit(sc, strbuf_adds(sc->sb, "\""));
    struct canvas_style s2 = *st;
    s2.fill = CANVAS_NONE;
    style_attrs(sc, &s2);
    emit(sc, strbuf_adds(sc->sb, "/>\n"));
}

static void svg_rect(struct canvas *c, double x, double y, double w, double h,
                     const struct canvas_style *st)
{
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, "<rect x=\""));
    num(sc, x);
    emit(sc, strbuf_adds(sc->sb, "\" y=\""));
    num(sc, y);
    emit(sc, strbuf_adds(sc->sb, "\" width=\""));
    num(sc, w < 0 ? 0 : w);
    emit(sc, strbuf_adds(sc->sb, "\" height=\""));
    num(sc, h < 0 ? 0 : h);
    emit(sc, strbuf_adds(sc->sb, "\""));
    style_attrs(sc, st);
    emit(sc, strbuf_adds(sc->sb, "/>\n"));
}

static void svg_poly(struct canvas *c, const double *xy, size_t n, int closed,
                     const struct canvas_style *st)
{
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, closed ? "<polygon points=\"" : "<polyline points=\""));
    for (size_t i = 0; i < n; i++) {
        if (i)
            emit(sc, strbuf_addc(sc->sb, ' '));
        num(sc, xy[2 * i]);
        emit(sc, strbuf_addc(sc->sb, ','));
        num(sc, xy[2 * i + 1]);
    }
    emit(sc, strbuf_adds(sc->sb, "\""));
    style_attrs(sc, st);
    if (!closed)
        emit(sc, strbuf_adds(sc->sb, " stroke-linejoin=\"round\""));
    emit(sc, strbuf_adds(sc->sb, "/>\n"));
}

static void svg_circle(struct canvas *c, double cx, double cy, double r,
                       const struct canvas_style *st)
{
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, "<circle cx=\""));
    num(sc, cx);
    emit(sc, strbuf_adds(sc->sb, "\" cy=\""));
    num(sc, cy);
    emit(sc, strbuf_adds(sc->sb, "\" r=\""));
    num(sc, r);
    emit(sc, strbuf_adds(sc->sb, "\""));
    style_attrs(sc, st);
    emit(sc, strbuf_adds(sc->sb, "/>\n"));
}

static void svg_text(struct canvas *c, double x, double y, const char *s,
                     const struct canvas_font *f)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, "<text x=\""));
    num(sc, x);
    emit(sc, strbuf_adds(sc->sb, "\" y=\""));
    num(sc, y);
    emit(sc, strbuf_adds(sc->sb, "\" font-size=\""));
    num(sc, f->size);
    emit(sc, strbuf_adds(sc->sb, "\""));
    if (f->anchor != CANVAS_START)
        emit(sc, strbuf_addf(sc->sb, " text-anchor=\"%s\"", anchors[f->anchor]));
    if (f->bold)
        emit(sc, strbuf_adds(sc->sb, " font-weight=\"bold\""));
    if (f->color != PAL_INK) {
        emit(sc, strbuf_adds(sc->sb, " fill=\""));
        color(sc, f->color);
        emit(sc, strbuf_adds(sc->sb, "\""));
    }
    if (f->vertical) {
        emit(sc, strbuf_adds(sc->sb, " transform=\"rotate(-90 "));
        num(sc, x);
        emit(sc, strbuf_addc(sc->sb, ' '));
        num(sc, y);
        emit(sc, strbuf_adds(sc->sb, ")\""));
    }
    emit(sc, strbuf_adds(sc->sb, ">"));
    emit(sc, svg_escape(sc->sb, s));
    emit(sc, strbuf_adds(sc->sb, "</text>\n"));
}

static void svg_group_begin(struct canvas *c, const char *title)
{
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, "<g>"));
    if (title && *title) {
        emit(sc, strbuf_adds(sc->sb, "<title>"));
        emit(sc, svg_escape(sc->sb, title));
        emit(sc, strbuf_adds(sc->sb, "</title>"));
    }
    emit(sc, strbuf_adds(sc->sb, "\n"));
}

static void svg_group_end(struct canvas *c)
{
    struct svg_canvas *sc = sc_of(c);
    emit(sc, strbuf_adds(sc->sb, "</g>\n"));
}

static const struct canvas_ops svg_ops = {
    svg_line, svg_rect, svg_poly, svg_circle, svg_text, svg_group_begin, svg_group_end,
};

void svg_canvas_begin(struct svg_canvas *sc, struct strbuf *sb, double w, double h,
                      const char *title)
{
    sc->canvas.ops = &svg_ops;
    sc->canvas.impl = sc;
    sc->canvas.width = w;
    sc->canvas.height = h;
    sc->sb = sb;
    sc->failed = 0;
    emit(sc, strbuf_adds(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    num(sc, w);
    emit(sc, strbuf_addc(sb, ' '));
    num(sc, h);
    emit(sc, strbuf_adds(sb, "\" width=\""));
    num(sc, w);
    emit(sc, strbuf_adds(sb, "pt\" height=\""));
    num(sc, h);
    emit(sc, strbuf_adds(sb, "pt\" role=\"img\" font-family=\"DejaVu Sans, Verdana, "
                             "Helvetica, Arial, sans-serif\" fill=\"#222222\">\n"));
    if (title && *title) {
        emit(sc, strbuf_adds(sb, "<title>"));
        emit(sc, svg_escape(sb, title));
        emit(sc, strbuf_adds(sb, "</title>\n"));
    }
    emit(sc, strbuf_adds(sb, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"));
}

int svg_canvas_end(struct svg_canvas *sc)
{
    emit(sc, strbuf_adds(sc->sb, "</svg>\n"));
    return sc->failed ? TRP_EINVAL : 0;
}
