/*
 * Drawing calls onto a cairo context. Line caps and joins are round so thin lines look
 * the same as in browsers; text is laid out by pango with DejaVu Sans, the font the SVG
 * output asks for first, so both formats match.
 */
#include "render/canvas_cairo.h"

#include <math.h>
#include <pango/pangocairo.h>

static cairo_t *cr_of(struct canvas *c)
{
    return ((struct cairo_canvas *)c->impl)->cr;
}

static void set_rgb(cairo_t *cr, uint32_t c, double alpha)
{
    cairo_set_source_rgba(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                          (c & 0xFF) / 255.0, alpha);
}

/* Fills and strokes the current path as the style says. */
static void paint(cairo_t *cr, const struct canvas_style *st)
{
    if (st->fill != CANVAS_NONE) {
        set_rgb(cr, st->fill, st->opacity > 0 && st->opacity < 1 ? st->opacity : 1);
        if (st->stroke != CANVAS_NONE && st->stroke_width > 0)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (st->stroke != CANVAS_NONE && st->stroke_width > 0) {
        set_rgb(cr, st->stroke, 1);
        cairo_set_line_width(cr, st->stroke_width);
        if (st->dash > 0) {
            double d = st->dash;
            cairo_set_dash(cr, &d, 1, 0);
        } else {
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static void cc_line(struct canvas *c, double x1, double y1, double x2, double y2,
                    const struct canvas_style *st)
{
    cairo_t *cr = cr_of(c);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    struct canvas_style s2 = *st;
    s2.fill = CANVAS_NONE;
    paint(cr, &s2);
}

static void cc_rect(struct canvas *c, double x, double y, double w, double h,
                    const struct canvas_style *st)
{
    cairo_t *cr = cr_of(c);
    cairo_rectangle(cr, x, y, w < 0 ? 0 : w, h < 0 ? 0 : h);
    paint(cr, st);
}

static void cc_poly(struct canvas *c, const double *xy, size_t n, int closed,
                    const struct canvas_style *st)
{
    cairo_t *cr = cr_of(c);
    cairo_move_to(cr, xy[0], xy[1]);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(cr, xy[2 * i], xy[2 * i + 1]);
    if (closed)
        cairo_close_path(cr);
    paint(cr, st);
}

static void cc_circle(struct canvas *c, double cx, double cy, double r,
                      const struct canvas_style *st)
{
    cairo_t *cr = cr_of(c);
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
    paint(cr, st);
}

static void cc_text(struct canvas *c, double x, double y, const char *s,
                    const struct canvas_font *f)
{
    struct cairo_canvas *cc = c->impl;
    cairo_t *cr = cc->cr;
    /* Making a layout (and its pango context) per call was a third of a report's time;
     * one layout per canvas is updated to the current transformation instead. */
    if (!cc->layout)
        cc->layout = pango_cairo_create_layout(cr);
    PangoLayout *layout = cc->layout;
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, "DejaVu Sans");
    pango_font_description_set_weight(fd, f->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, f->size * PANGO_SCALE);
    pango_layout_set_font_description(layout, fd);
    pango_layout_set_text(layout, s, -1);
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    double tw = (double)w / PANGO_SCALE;
    double baseline = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
    double dx = f->anchor == CANVAS_MIDDLE ? -tw / 2 : f->anchor == CANVAS_END ? -tw : 0;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    if (f->vertical)
        cairo_rotate(cr, -M_PI / 2);
    pango_cairo_update_layout(cr, layout);
    cairo_move_to(cr, dx, -baseline);
    set_rgb(cr, f->color, 1);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    cairo_new_path(cr);
    pango_font_description_free(fd);
}

static const struct canvas_ops cairo_ops = {
    cc_line, cc_rect, cc_poly, cc_circle, cc_text, NULL, NULL,
};

void cairo_canvas_init(struct cairo_canvas *cc, cairo_t *cr, double w, double h)
{
    cc->canvas.ops = &cairo_ops;
    cc->canvas.impl = cc;
    cc->canvas.width = w;
    cc->canvas.height = h;
    cc->cr = cr;
    cc->layout = NULL;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

void cairo_canvas_release(struct cairo_canvas *cc)
{
    if (cc->layout)
        g_object_unref(cc->layout);
    cc->layout = NULL;
}
