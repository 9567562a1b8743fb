/*
 * The progress chart: weekly medians of daily pain against the baseline, with the lines a
 * 30% and a 50% improvement would reach (IMMPACT: moderately important and substantial
 * change, Dworkin et al., J Pain 2008) and the robust trend through the weeks. Weekly
 * medians rather than days, because recovery goes two steps forward and one step back.
 */
#include <math.h>
#include <stdio.h>

#include "base/timeutil.h"
#include "render/chart.h"
#include "render/chart_internal.h"

void chart_progress_draw(struct canvas *c, const struct chart_progress *d, double x, double y,
                         double w, double h)
{
    if (!d || d->n_weeks == 0) {
        chart_empty(c, x, y, w, h, "No weeks with pain ratings in this period.");
        return;
    }
    double left = 34, right_lab = 78;
    double px0 = x + left, px1 = x + w - right_lab;
    double top = y + 30, bottom = y + h - 30;
    double ph = bottom - top;
    size_t n = d->n_weeks;
    /* Weeks sit at slot centres so a single week is drawn in the middle. */
#define WX(i) (px0 + ((double)(i) + 0.5) / (double)n * (px1 - px0))
#define VY(v) (bottom - (v) / 10.0 * ph)

    /* Legend and status. */
    double lx = x + left;
    lx = chart_legend_item(c, lx, y + 10, 0, PAL_BLUE, "weekly median");
    lx = chart_legend_item(c, lx, y + 10, 1, PAL_VERMILION, "trend");
    if (lx > x + w - 120)
        lx = x + left;
    if (d->status) {
        char st[64];
        snprintf(st, sizeof st, "status: %s", d->status);
        canvas_text(c, x + w - 2, y + 22, st, CHART_FONT, 1, CANVAS_END, PAL_INK);
    }

    canvas_rect(c, px0, top, px1 - px0, ph, CANVAS_NONE, PAL_LIGHT, 0.8);
    for (int v = 0; v <= 10; v += 2) {
        double yy = VY(v);
        if (v > 0 && v < 10)
            canvas_line(c, px0, yy, px1, yy, PAL_FAINT, 0.6);
        char buf[8];
        snprintf(buf, sizeof buf, "%d", v);
        canvas_text(c, px0 - 4, yy + 3, buf, CHART_SMALL, 0, CANVAS_END, PAL_GREY);
    }
    canvas_vtext(c, x + 9, (top + bottom) / 2, "Pain, weekly median (0-10)", CHART_SMALL,
                 PAL_INK);

    /* Baseline and the improvement lines, labelled at the right. */
    if (isfinite(d->baseline)) {
        struct {
            double f;
            const char *name;
            uint32_t col;
            double dash;
        } lines[] = {
            {1.0, "baseline", PAL_GREY, 0},
            {0.7, "30% better", PAL_GREEN, 4},
            {0.5, "50% better", PAL_BLUE, 1.5},
        };
        for (size_t i = 0; i < 3; i++) {
            double v = d->baseline * lines[i].f, yy = VY(v);
            canvas_dashed(c, px0, yy, px1, yy, lines[i].col, 1.1, lines[i].dash);
            char buf[48];
            snprintf(buf, sizeof buf, "%s %.1f", lines[i].name, v);
            canvas_text(c, px1 + 4, yy + 3, buf, CHART_SMALL, 0, CANVAS_START, lines[i].col);
        }
    } else {
        canvas_text(c, px1 + 4, top + 10, "no baseline", CHART_SMALL, 0, CANVAS_START,
                    PAL_GREY);
        canvas_text(c, px1 + 4, top + 20, "yet", CHART_SMALL, 0, CANVAS_START, PAL_GREY);
    }

    /* Date ticks: label as many weeks as fit; the first label and the first of each new
     * year carry the year, so a long course is not ambiguous. */
    size_t every = 1;
    while ((double)n / (double)every * 58 > px1 - px0)
        every++;
    int64_t last_year = -1;
    for (size_t i = 0; i < n; i++) {
        if (i % every)
            continue;
        char buf[CHART_DATE_BUF];
        int64_t yy;
        int mm, dd;
        trp_civil_from_days(d->weeks[i].start_day, &yy, &mm, &dd);
        int style = (yy != last_year && n > 8) ? 2 : 0;
        last_year = yy;
        canvas_line(c, WX(i), bottom, WX(i), bottom + 3, PAL_GREY, 0.8);
        canvas_text(c, WX(i), bottom + 12, chart_date(d->weeks[i].start_day, style, buf),
                    CHART_SMALL, 0, CANVAS_MIDDLE, PAL_INK);
    }
    canvas_text(c, (px0 + px1) / 2, bottom + 24, "Week starting", CHART_SMALL, 0,
                CANVAS_MIDDLE, PAL_GREY);

    if (isfinite(d->trend_start) && isfinite(d->trend_end) && n >= 2)
        canvas_line(c, WX(0), VY(fmin(fmax(d->trend_start, 0), 10)), WX(n - 1),
                    VY(fmin(fmax(d->trend_end, 0), 10)), PAL_VERMILION, 1.6);

    /* Medians joined over consecutive rated weeks. */
    struct canvas_style ls = {CANVAS_NONE, PAL_BLUE, 1.2, 1, 0};
    for (size_t i = 0; i + 1 < n; i++)
        if (isfinite(d->weeks[i].median) && isfinite(d->weeks[i + 1].median)) {
            double seg[4] = {WX(i), VY(d->weeks[i].median), WX(i + 1),
                             VY(d->weeks[i + 1].median)};
            canvas_poly(c, seg, 2, 0, &ls);
        }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(d->weeks[i].median))
            continue;
        char t[64], buf[CHART_DATE_BUF];
        snprintf(t, sizeof t, "week of %s: median %.1f", chart_date(d->weeks[i].start_day, 2, buf),
                 d->weeks[i].median);
        canvas_group_begin(c, t);
        double r = fmin(3, (px1 - px0) / (double)n * 0.4);
        canvas_circle(c, WX(i), VY(d->weeks[i].median), r < 1.2 ? 1.2 : r, PAL_BLUE, PAL_WHITE,
                      r < 2 ? 0.3 : 0.8);
        canvas_group_end(c);
    }
#undef WX
#undef VY
}
