/*
 * The backend-independent half of the drawing interface: convenience wrappers, the text
 * width estimate both backends lay out with, word wrapping and the colour ramp.
 */
#include "render/canvas.h"

#include <math.h>
#include <string.h>

#include "base/arena.h"

void canvas_line(struct canvas *c, double x1, double y1, double x2, double y2, uint32_t color,
                 double width)
{
    struct canvas_style st = {CANVAS_NONE, color, width, 1, 0};
    c->ops->line(c, x1, y1, x2, y2, &st);
}

void canvas_dashed(struct canvas *c, double x1, double y1, double x2, double y2,
                   uint32_t color, double width, double dash)
{
    struct canvas_style st = {CANVAS_NONE, color, width, 1, dash};
    c->ops->line(c, x1, y1, x2, y2, &st);
}

void canvas_rect(struct canvas *c, double x, double y, double w, double h, uint32_t fill,
                 uint32_t stroke, double stroke_width)
{
    struct canvas_style st = {fill, stroke, stroke_width, 1, 0};
    c->ops->rect(c, x, y, w, h, &st);
}

void canvas_circle(struct canvas *c, double cx, double cy, double r, uint32_t fill,
                   uint32_t stroke, double stroke_width)
{
    struct canvas_style st = {fill, stroke, stroke_width, 1, 0};
    c->ops->circle(c, cx, cy, r, &st);
}

void canvas_poly(struct canvas *c, const double *xy, size_t n, int closed,
                 const struct canvas_style *st)
{
    if (n >= 2)
        c->ops->poly(c, xy, n, closed, st);
}

void canvas_text(struct canvas *c, double x, double y, const char *s, double size, int bold,
                 enum canvas_anchor anchor, uint32_t color)
{
    if (!s || !*s)
        return;
    struct canvas_font f = {size, bold, anchor, color, 0};
    c->ops->text(c, x, y, s, &f);
}

void canvas_vtext(struct canvas *c, double x, double y, const char *s, double size,
                  uint32_t color)
{
    struct canvas_font f = {size, 0, CANVAS_MIDDLE, color, 1};
    c->ops->text(c, x, y, s, &f);
}

void canvas_group_begin(struct canvas *c, const char *title)
{
    if (c->ops->group_begin)
        c->ops->group_begin(c, title);
}

void canvas_group_end(struct canvas *c)
{
    if (c->ops->group_end)
        c->ops->group_end(c);
}

/* Advance widths of DejaVu Sans in 1/1000 em, grouped by shape; rounded up a little. */
static double glyph_em(unsigned char ch)
{
    if (ch >= 0x80)
        return 0.34; /* one byte of a multi-byte UTF-8 character (~0.65 em per character) */
    if (strchr("il.,:;'|!", ch))
        return 0.30;
    if (strchr("fjrt()[]{}/\\ -", ch))
        return 0.40;
    if (strchr("mwMW", ch))
        return 0.92;
    if (ch >= 'A' && ch <= 'Z')
        return 0.72;
    if (ch >= '0' && ch <= '9')
        return 0.64;
    return 0.60;
}

double canvas_text_width(const char *s, double size, int bold)
{
    double em = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        em += glyph_em(*p);
    return em * size * (bold ? 1.12 : 1.0);
}

size_t canvas_wrap(struct arena *a, const char *s, double size, int bold, double width,
                   const char **lines, size_t max)
{
    size_t n = 0;
    const char *p = s ? s : "";
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        /* Take words while the line fits; a single over-long word is cut hard. */
        const char *end = p, *best = NULL;
        for (;;) {
            const char *q = end;
            while (*q == ' ')
                q++;
            const char *w = q;
            while (*w && *w != ' ' && *w != '\n')
                w++;
            char *trial = arena_strndup(a, p, (size_t)(w - p));
            if (canvas_text_width(trial, size, bold) > width && best)
                break;
            best = w;
            end = w;
            if (!*w || *w == '\n')
                break;
        }
        if (best == p) /* nothing fitted: should not happen with real widths */
            best = p + 1;
        const char *next = best;
        if (n + 1 == max && *next && *next != '\n') {
            char *last = arena_strndup(a, p, (size_t)(best - p));
            lines[n++] = arena_printf(a, "%s...", last);
            return n;
        }
        lines[n++] = arena_strndup(a, p, (size_t)(best - p));
        p = next;
        if (*p == '\n')
            p++;
    }
    return n;
}

/* Viridis at eight stops, from its yellow end (little) to its purple end (much). */
static const uint32_t ramp_stops[] = {
    0xFDE725u, 0xAADC32u, 0x5DC863u, 0x27AD81u, 0x21908Du, 0x2C728Eu, 0x3B528Bu, 0x472D7Bu,
};

uint32_t canvas_ramp(double t)
{
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    double pos = t * 7;
    int i = (int)floor(pos);
    if (i >= 7)
        return ramp_stops[7];
    double f = pos - i;
    uint32_t a = ramp_stops[i], b = ramp_stops[i + 1];
    uint32_t out = 0;
    for (int sh = 16; sh >= 0; sh -= 8) {
        double ca = (a >> sh) & 0xFF, cb = (b >> sh) & 0xFF;
        out |= (uint32_t)lround(ca + (cb - ca) * f) << sh;
    }
    return out;
}
