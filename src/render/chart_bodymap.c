/*
 * The body map: a front and a back figure whose CHOIR segments are shaded by how often
 * they hurt (share of pain days, a viridis ramp: darker is more often), with the regions
 * that hurt most listed beside the figures with their mean intensity, and treated trigger
 * points marked where the muscle lies. Sub-regions ("temple.l") shade the CHOIR segment
 * they lie in unless the figure data has a shape for them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/region.h"
#include "render/bodymap.h"
#include "render/chart.h"
#include "render/chart_internal.h"

#define BM_TOP 5

/* The value shown for a shape: the largest share of any region drawn through it. */
static double shape_share(const struct chart_bodymap *d, const char *shape_id,
                          const struct bodymap *bm, double *intensity)
{
    double best = 0;
    *intensity = NAN;
    for (size_t i = 0; i < d->n_regions; i++) {
        const struct chart_region_value *rv = &d->regions[i];
        int hit = strcmp(rv->region, shape_id) == 0;
        if (!hit) {
            const struct region *r = region_find(rv->region);
            /* A sub-region without a shape of its own on the figures lands on its CHOIR
             * segment(s); a close-up's shape does not count, the chart does not draw those. */
            int has_own = 0;
            for (size_t k = 0; k < bm->n_shapes && !has_own; k++)
                has_own = bm->shapes[k].back != BODYMAP_CLOSEUP &&
                          strcmp(bm->shapes[k].region, rv->region) == 0;
            if (r && !has_own) {
                const struct region *pair[2];
                size_t np = region_choir_pair(r, pair);
                for (size_t k = 0; k < np; k++)
                    if (strcmp(pair[k]->id, shape_id) == 0)
                        hit = 1;
            }
        }
        if (hit && rv->share > best) {
            best = rv->share;
            *intensity = rv->intensity;
        }
    }
    return best;
}

static void draw_figure(struct canvas *c, const struct bodymap *bm,
                        const struct chart_bodymap *d, int back, double ox, double oy,
                        double scale)
{
    double xy[2 * 256];
    for (size_t i = 0; i < bm->n_shapes; i++) {
        const struct bodymap_shape *s = &bm->shapes[i];
        if (s->back != back)
            continue;
        double inten;
        double share = shape_share(d, s->region, bm, &inten);
        for (size_t k = 0; k < s->n && k < 256; k++) {
            xy[2 * k] = ox + s->xy[2 * k] * scale;
            xy[2 * k + 1] = oy + s->xy[2 * k + 1] * scale;
        }
        struct canvas_style st = {share > 0 ? canvas_ramp(0.12 + 0.88 * share) : 0xE8E8E8u,
                                  0x9A9A9Au, 0.6, 1, 0};
        const struct region *r = region_find(s->region);
        char title[160];
        if (share > 0)
            snprintf(title, sizeof title, "%s: %.0f%% of pain days", r ? r->label : s->region,
                     share * 100);
        else
            snprintf(title, sizeof title, "%s", r ? r->label : s->region);
        canvas_group_begin(c, title);
        canvas_poly(c, xy, s->n, 1, &st);
        canvas_group_end(c);
    }
    /* Treated trigger points. */
    for (size_t i = 0; i < d->n_points; i++) {
        const struct chart_point_mark *p = &d->points[i];
        const char *side = p->side ? p->side : "both";
        char sides[2];
        size_t ns = 0;
        if (strcmp(side, "left") == 0)
            sides[ns++] = 'l';
        else if (strcmp(side, "right") == 0)
            sides[ns++] = 'r';
        else {
            sides[ns++] = 'l';
            sides[ns++] = 'r';
        }
        for (size_t k = 0; k < ns; k++) {
            const struct bodymap_site *site = bodymap_site_find(bm, p->muscle, sides[k]);
            if (!site || site->back != back)
                continue;
            double cx = ox + site->x * scale, cy = oy + site->y * scale;
            char title[160];
            snprintf(title, sizeof title, "%s: treated %d times", p->muscle, p->sessions);
            canvas_group_begin(c, title);
            canvas_circle(c, cx, cy, 3.2, PAL_ORANGE, PAL_BLACK, 0.9);
            canvas_line(c, cx - 1.6, cy, cx + 1.6, cy, PAL_BLACK, 0.8);
            canvas_line(c, cx, cy - 1.6, cx, cy + 1.6, PAL_BLACK, 0.8);
            canvas_group_end(c);
        }
    }
}

/* Regions by share, largest first (insertion sort into a short list). */
static size_t top_regions(const struct chart_bodymap *d, const struct chart_region_value **top,
                          size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_regions; i++) {
        const struct chart_region_value *rv = &d->regions[i];
        if (!(rv->share > 0))
            continue;
        size_t pos = n;
        while (pos > 0 && (top[pos - 1]->share < rv->share ||
                           (top[pos - 1]->share == rv->share &&
                            strcmp(top[pos - 1]->region, rv->region) > 0)))
            pos--;
        if (pos >= max)
            continue;
        if (n < max)
            n++;
        memmove(&top[pos + 1], &top[pos], (n - 1 - pos) * sizeof top[0]);
        top[pos] = rv;
    }
    return n;
}

static void draw_legend(struct canvas *c, const struct chart_bodymap *d, double x, double y,
                        double w)
{
    canvas_text(c, x, y, "Share of pain days", CHART_SMALL, 1, CANVAS_START, PAL_INK);
    double bw = w < 150 ? w : 150;
    for (int i = 0; i < 10; i++)
        canvas_rect(c, x + i * bw / 10, y + 5, bw / 10 + 0.3, 8, canvas_ramp(0.12 + 0.88 * (i + 0.5) / 10),
                    CANVAS_NONE, 0);
    canvas_rect(c, x, y + 5, bw, 8, CANVAS_NONE, 0x9A9A9Au, 0.5);
    canvas_text(c, x, y + 22, "0%", CHART_SMALL, 0, CANVAS_START, PAL_INK);
    canvas_text(c, x + bw / 2, y + 22, "50%", CHART_SMALL, 0, CANVAS_MIDDLE, PAL_INK);
    canvas_text(c, x + bw, y + 22, "100%", CHART_SMALL, 0, CANVAS_END, PAL_INK);
    double yy = y + 36;
    if (d->n_points > 0) {
        canvas_circle(c, x + 4, yy - 3, 3.2, PAL_ORANGE, PAL_BLACK, 0.9);
        canvas_text(c, x + 11, yy, "treated trigger point", CHART_SMALL, 0, CANVAS_START,
                    PAL_INK);
        yy += 14;
    }
    const struct chart_region_value *top[BM_TOP];
    size_t nt = top_regions(d, top, BM_TOP);
    char buf[64];
    snprintf(buf, sizeof buf, "Most often (of %d pain day%s)", d->pain_days,
             d->pain_days == 1 ? "" : "s");
    canvas_text(c, x, yy + 4, buf, CHART_SMALL, 1, CANVAS_START, PAL_INK);
    yy += 16;
    for (size_t i = 0; i < nt; i++) {
        const struct region *r = region_find(top[i]->region);
        char line[160];
        snprintf(line, sizeof line, "%s", r ? r->label : top[i]->region);
        /* Keep within the column: drop the parenthesis of long labels. */
        char *paren = strstr(line, " (");
        if (paren && canvas_text_width(line, CHART_SMALL, 0) > w)
            *paren = '\0';
        canvas_text(c, x, yy, line, CHART_SMALL, 0, CANVAS_START, PAL_INK);
        if (isnan(top[i]->intensity))
            snprintf(line, sizeof line, "%.0f%% of days", top[i]->share * 100);
        else
            snprintf(line, sizeof line, "%.0f%% of days, mean %.1f/10", top[i]->share * 100,
                     top[i]->intensity);
        canvas_text(c, x + 6, yy + 10, line, CHART_SMALL, 0, CANVAS_START, PAL_GREY);
        yy += 23;
    }
}

void chart_bodymap_draw(struct canvas *c, const struct chart_bodymap *d, double x, double y,
                        double w, double h)
{
    struct trp_err err;
    const struct bodymap *bm = bodymap_get(&err);
    if (!bm) {
        chart_empty(c, x, y, w, h, err.msg);
        return;
    }
    static const struct chart_bodymap none = {0};
    if (!d)
        d = &none;
    /* Wide: figures left, legend right. Narrow (phone): figures on top, legend below. */
    int narrow = w < 420;
    double fig_w = narrow ? w : w * 0.64;
    double fig_h = narrow ? h - 190 : h;
    double label_h = 14;
    double scale = fmin(fig_w / (2 * BODYMAP_W + 10), (fig_h - label_h - 4) / BODYMAP_H);
    double fw = BODYMAP_W * scale;
    double gap = (fig_w - 2 * fw) / 3;
    double fx0 = x + gap, fx1 = x + 2 * gap + fw, fy = y + label_h + 2;
    canvas_text(c, fx0 + fw / 2, y + 10, "Front", CHART_FONT, 1, CANVAS_MIDDLE, PAL_INK);
    canvas_text(c, fx1 + fw / 2, y + 10, "Back", CHART_FONT, 1, CANVAS_MIDDLE, PAL_INK);
    /* Which side is which: the front view is a mirror of the viewer. */
    canvas_text(c, fx0 + 6, y + 10, "R", CHART_SMALL, 0, CANVAS_START, PAL_GREY);
    canvas_text(c, fx0 + fw - 6, y + 10, "L", CHART_SMALL, 0, CANVAS_END, PAL_GREY);
    canvas_text(c, fx1 + 6, y + 10, "L", CHART_SMALL, 0, CANVAS_START, PAL_GREY);
    canvas_text(c, fx1 + fw - 6, y + 10, "R", CHART_SMALL, 0, CANVAS_END, PAL_GREY);
    draw_figure(c, bm, d, 0, fx0, fy, scale);
    draw_figure(c, bm, d, 1, fx1, fy, scale);
    if (d->n_regions == 0 && d->pain_days == 0) {
        double mh = 22;
        canvas_rect(c, x + fig_w / 2 - 95, fy + fig_h * 0.45, 190, mh, PAL_WHITE, PAL_LIGHT, 1);
        canvas_text(c, x + fig_w / 2, fy + fig_h * 0.45 + 15, "No pain logged in this period.",
                    CHART_FONT, 0, CANVAS_MIDDLE, PAL_GREY);
    }
    if (narrow)
        draw_legend(c, d, x + 8, y + fig_h + 8, w - 16);
    else
        draw_legend(c, d, x + fig_w + 12, y + 20, w - fig_w - 16);
}
