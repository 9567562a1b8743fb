/*
 * Charts as SVG: one drawing pass through the canvas interface onto an SVG buffer. The
 * same pass draws PNG and PDF onto a cairo surface in render_cairo.c; this file needs no
 * cairo, so the web server and `trp chart --format svg` draw without loading it.
 */
#include "render/render.h"

#include <math.h>
#include <string.h>

#include "base/arena.h"
#include "render/chart.h"
#include "render/chart_internal.h"
#include "render/svg.h"

static const char *const format_names[] = {"svg", "png", "pdf", "html"};

int render_format_parse(const char *name, enum render_format *out, struct trp_err *err)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *out = (enum render_format)i;
            return 0;
        }
    return trp_err_set(err, TRP_EINVAL, "unknown format \"%s\": use svg, png, pdf or html",
                       name);
}

const char *render_format_name(enum render_format f)
{
    return (unsigned)f < 4 ? format_names[f] : "?";
}

#define TITLE_H 22.0

/* A title wraps onto a second line on narrow charts (a phone) rather than being cut. */
static size_t title_lines(struct arena *a, const char *title, double width, const char **lines)
{
    return title ? canvas_wrap(a, title, 11, 1, width - 16, lines, 2) : 0;
}

double render_chart_height(enum chart_kind kind, const void *data, double width,
                           const char *title)
{
    struct arena *a = arena_new();
    const char *lines[2];
    size_t nl = title_lines(a, title, width, lines);
    arena_free(a);
    return ceil(chart_natural_height(kind, data, width - 16) + 16 +
                (nl ? TITLE_H + (double)(nl - 1) * 14 : 0));
}

/* The one drawing pass, whatever the backend (render_cairo.c draws PNG and PDF with it). */
void render_chart_draw(struct canvas *c, enum chart_kind kind, const void *data, double width,
                       double height, const char *title)
{
    double y = 8;
    struct arena *a = arena_new();
    const char *lines[2];
    size_t nl = title_lines(a, title, width, lines);
    for (size_t i = 0; i < nl; i++) {
        canvas_text(c, 8, y + 12, lines[i], 11, 1, CANVAS_START, PAL_INK);
        y += i + 1 < nl ? 14 : TITLE_H;
    }
    arena_free(a);
    chart_draw(c, kind, data, 8, y, width - 16, height - y - 8);
}

int render_chart_svg(enum chart_kind kind, const void *data, double width, const char *title,
                     struct strbuf *out, struct trp_err *err)
{
    double height = render_chart_height(kind, data, width, title);
    struct svg_canvas sc;
    svg_canvas_begin(&sc, out, width, height, title);
    render_chart_draw(&sc.canvas, kind, data, width, height, title);
    if (svg_canvas_end(&sc))
        return trp_err_set(err, TRP_EINVAL, "the chart is larger than the output limit");
    return 0;
}
