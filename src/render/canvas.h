/*
 * The one drawing interface every chart and the report draw through: lines, rectangles,
 * polygons, circles and single lines of text, with fill and stroke colours. Two backends
 * implement it: SVG text (render/svg.c, also used by the web pages) and cairo with pango
 * for PDF and PNG (render/canvas_cairo.c). Because charts only ever see this interface,
 * a chart looks the same in every format and there is one code path to test.
 *
 * Coordinates are in points (1/72 inch), origin top left, y down. Colours are 0xRRGGBB;
 * CANVAS_NONE means "do not fill" or "do not stroke".
 */
#ifndef TRP_RENDER_CANVAS_H
#define TRP_RENDER_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#define CANVAS_NONE 0xFFFFFFFFu

struct canvas_style {
    uint32_t fill;        /* 0xRRGGBB or CANVAS_NONE */
    uint32_t stroke;      /* 0xRRGGBB or CANVAS_NONE */
    double stroke_width;  /* points */
    double opacity;       /* 0-1 for the fill; 0 is treated as 1 */
    double dash;          /* dash length in points, 0 for a solid line */
};

enum canvas_anchor { CANVAS_START = 0, CANVAS_MIDDLE, CANVAS_END };

struct canvas_font {
    double size;          /* points */
    int bold;
    enum canvas_anchor anchor;
    uint32_t color;
    int vertical;         /* 1: rotated 90 degrees anticlockwise (y-axis titles) */
};

struct canvas;

struct canvas_ops {
    void (*line)(struct canvas *c, double x1, double y1, double x2, double y2,
                 const struct canvas_style *st);
    void (*rect)(struct canvas *c, double x, double y, double w, double h,
                 const struct canvas_style *st);
    /* xy holds n (x, y) pairs; closed joins the last point to the first. */
    void (*poly)(struct canvas *c, const double *xy, size_t n, int closed,
                 const struct canvas_style *st);
    void (*circle)(struct canvas *c, double cx, double cy, double r,
                   const struct canvas_style *st);
    /* One line of text; y is the baseline. */
    void (*text)(struct canvas *c, double x, double y, const char *s,
                 const struct canvas_font *f);
    /* Groups carry a title (an SVG tooltip, for the web); the cairo backend ignores them. */
    void (*group_begin)(struct canvas *c, const char *title);
    void (*group_end)(struct canvas *c);
};

struct canvas {
    const struct canvas_ops *ops;
    void *impl;
    double width, height;
};

/* Convenience wrappers, so charts read as drawing code. */
void canvas_line(struct canvas *c, double x1, double y1, double x2, double y2, uint32_t color,
                 double width);
void canvas_dashed(struct canvas *c, double x1, double y1, double x2, double y2,
                   uint32_t color, double width, double dash);
void canvas_rect(struct canvas *c, double x, double y, double w, double h, uint32_t fill,
                 uint32_t stroke, double stroke_width);
void canvas_circle(struct canvas *c, double cx, double cy, double r, uint32_t fill,
                   uint32_t stroke, double stroke_width);
void canvas_poly(struct canvas *c, const double *xy, size_t n, int closed,
                 const struct canvas_style *st);
void canvas_text(struct canvas *c, double x, double y, const char *s, double size, int bold,
                 enum canvas_anchor anchor, uint32_t color);
void canvas_vtext(struct canvas *c, double x, double y, const char *s, double size,
                  uint32_t color);
void canvas_group_begin(struct canvas *c, const char *title);
void canvas_group_end(struct canvas *c);

/* Estimated width of s in points at the given size, for layout (wrapping, legends). Both
 * backends lay out with this same estimate so that SVG and PDF agree; it is deliberately a
 * little generous for DejaVu Sans so text never overruns the space reserved for it. */
double canvas_text_width(const char *s, double size, int bold);

/* Wraps s into lines no wider than width at the given size. Returns the number of lines and
 * fills lines[] (at most max, each allocated from arena; the last line gets "..." when
 * the text does not fit). */
struct arena;
size_t canvas_wrap(struct arena *a, const char *s, double size, int bold, double width,
                   const char **lines, size_t max);

/* The colour-blind-safe palette (Okabe and Ito, 2008) and the neutrals charts use. */
#define PAL_BLACK 0x000000u
#define PAL_ORANGE 0xE69F00u
#define PAL_SKY 0x56B4E9u
#define PAL_GREEN 0x009E73u
#define PAL_YELLOW 0xF0E442u
#define PAL_BLUE 0x0072B2u
#define PAL_VERMILION 0xD55E00u
#define PAL_PURPLE 0xCC79A7u
#define PAL_INK 0x222222u
#define PAL_GREY 0x777777u
#define PAL_LIGHT 0xDDDDDDu
#define PAL_FAINT 0xF2F2F2u
#define PAL_WHITE 0xFFFFFFu

/* A sequential colour for t in 0..1 (light to dark, perceptually ordered: a short viridis
 * ramp reversed so that "more" reads as "darker"). */
uint32_t canvas_ramp(double t);

#endif
