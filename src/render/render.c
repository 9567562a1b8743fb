/*
 * Chart output in each format: one drawing pass through the canvas interface, onto an SVG
 * buffer or a cairo surface.
 */
#include "render/render.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/timeutil.h"
#include "render/canvas_cairo.h"
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

static double chart_total_height(enum chart_kind kind, const void *data, double width,
                                 const char *title)
{
    struct arena *a = arena_new();
    const char *lines[2];
    size_t nl = title_lines(a, title, width, lines);
    arena_free(a);
    return ceil(chart_natural_height(kind, data, width - 16) + 16 +
                (nl ? TITLE_H + (double)(nl - 1) * 14 : 0));
}

/* The one drawing pass, whatever the backend. */
static void draw_all(struct canvas *c, enum chart_kind kind, const void *data, double width,
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
    double height = chart_total_height(kind, data, width, title);
    struct svg_canvas sc;
    svg_canvas_begin(&sc, out, width, height, title);
    draw_all(&sc.canvas, kind, data, width, height, title);
    if (svg_canvas_end(&sc))
        return trp_err_set(err, TRP_EINVAL, "the chart is larger than the output limit");
    return 0;
}

cairo_status_t render_write_file(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
                                                : CAIRO_STATUS_WRITE_ERROR;
}

void render_pdf_set_date(cairo_surface_t *pdf)
{
    int64_t t = 0;
    int have = 0;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0) {
            t = v;
            have = 1;
        }
    }
    if (!have && getenv("TRP_NOW")) {
        struct trp_time now;
        if (trp_time_now(&now, NULL) == 0) {
            t = now.utc;
            have = 1;
        }
    }
    if (!have)
        return;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400, y;
    int m, d;
    trp_civil_from_days(days, &y, &m, &d);
    char buf[40];
    snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, buf);
}

int render_chart_write(enum chart_kind kind, const void *data, double width, const char *title,
                       enum render_format fmt, FILE *f, struct trp_err *err)
{
    if (fmt == RENDER_SVG || fmt == RENDER_HTML) {
        struct strbuf sb;
        strbuf_init(&sb, STRBUF_DEFAULT_MAX);
        int rc = render_chart_svg(kind, data, width, title, &sb, err);
        if (!rc && fwrite(sb.buf, 1, sb.len, f) != sb.len)
            rc = trp_err_set(err, TRP_EIO, "could not write the chart");
        strbuf_release(&sb);
        return rc;
    }
    double height = chart_total_height(kind, data, width, title);
    cairo_surface_t *surf;
    const double px = 2.0; /* PNG pixels per point: sharp on high-density screens */
    if (fmt == RENDER_PDF) {
        surf = cairo_pdf_surface_create_for_stream(render_write_file, f, width, height);
        render_pdf_set_date(surf);
        if (title)
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
    } else {
        surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(width * px),
                                          (int)ceil(height * px));
    }
    cairo_t *cr = cairo_create(surf);
    if (fmt == RENDER_PNG)
        cairo_scale(cr, px, px);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    struct cairo_canvas cc;
    cairo_canvas_init(&cc, cr, width, height);
    draw_all(&cc.canvas, kind, data, width, height, title);
    cairo_canvas_release(&cc);
    cairo_destroy(cr);
    int rc = 0;
    if (fmt == RENDER_PNG) {
        if (cairo_surface_write_to_png_stream(surf, render_write_file, f) != CAIRO_STATUS_SUCCESS)
            rc = trp_err_set(err, TRP_EIO, "could not write the PNG");
    } else {
        cairo_surface_finish(surf);
        if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
            rc = trp_err_set(err, TRP_EIO, "could not write the PDF: %s",
                             cairo_status_to_string(cairo_surface_status(surf)));
    }
    cairo_surface_destroy(surf);
    return rc;
}
