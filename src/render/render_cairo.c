/*
 * Charts as PNG and PDF through cairo and pango. Built only into trp-render.so (see
 * render/module.h): the SVG path (render.c) draws the same pass without them.
 */
#include "render/render_cairo.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>

#include "base/timeutil.h"
#include "render/canvas_cairo.h"

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
    double height = render_chart_height(kind, data, width, title);
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
    render_chart_draw(&cc.canvas, kind, data, width, height, title);
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
