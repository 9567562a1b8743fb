/*
 * A small hand-written SVG writer: XML escaping, the document frame and the canvas
 * backend that turns drawing calls into SVG elements. Output is deterministic (fixed
 * number formatting, no timestamps) so golden files can pin it, and self-contained (no
 * external fonts or styles) so it can be inlined in HTML pages and reports.
 */
#ifndef TRP_RENDER_SVG_H
#define TRP_RENDER_SVG_H

#include "base/strbuf.h"
#include "render/canvas.h"

/* Appends s with &, <, >, " and ' escaped, and control characters other than tab and
 * newline dropped (they are not allowed in XML 1.0). Returns 0 or TRP_EINVAL at the cap. */
int svg_escape(struct strbuf *sb, const char *s);

/* A canvas that writes SVG into sb. svg_canvas_begin writes the <svg> opening tag with a
 * viewBox of w x h points (the picture scales to its container); svg_canvas_end closes it
 * and returns 0, or TRP_EINVAL if the buffer cap was hit at any point. title becomes the
 * SVG <title> (what screen readers announce). */
struct svg_canvas {
    struct canvas canvas;
    struct strbuf *sb;
    int failed;
};
void svg_canvas_begin(struct svg_canvas *sc, struct strbuf *sb, double w, double h,
                      const char *title);
int svg_canvas_end(struct svg_canvas *sc);

#endif
