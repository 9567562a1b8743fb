/*
 * The progress chart: weekly medians of daily pain against the baseline, with the levels a
 * change must reach to count (2 points, or 30% of the baseline when that is at least 1.5
 * points, upwards and downwards: core/progress.h, after IMMPACT, Dworkin et al., J Pain
 * 2008, and Farrar et al., Pain 2001), the current level (median of the last weekly
 * medians), the robust trend when its interval is finite, the PSFS mean (function, higher
 * is better) and PGIC answers. Weekly medians rather than days, because recovery goes two
 * steps forward and one step back.
 */
#include <math.h>
#include <stdio.h>

#include "base/timeutil.h"
#include "render/chart.h"
#include "render/chart_internal.h"

struct level {
    double v;
    const char *name;
    uint32_t col;
    double dash;
    double label_y;
};

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
    int has_psfs = 0;
    for (size_t i = 0; i < n; i++)
        has_psfs |= isfinite(d->weeks[i].psfs_mean);
    double lx = x + left;
    lx = chart_legend_item(c, lx, y + 10, 0, PAL_BLUE, "weekly median");
    if (isfinite(d->trend_start) && isfinite(d->trend_end))
        lx = chart_legend_item(c, lx, y + 10, 1, PAL_VERMILION, "trend");
    if (has_psfs)
        lx = chart_legend_item(c, lx, y + 10, 3, PAL_GREEN, "function (PSFS, higher is better)");
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

    /* Baseline and the levels a change must reach, labelled at the right; labels are
     * pushed apart so that close levels stay readable. */
    if (isfinite(d->baseline)) {
        struct level lines[4] = {{d->baseline, "baseline", PAL_GREY, 0, 0}};
        size_t nl = 1;
        if (isfinite(d->threshold)) {
            lines[nl++] = (struct level){d->baseline - d->threshold, "counts as better",
                                             PAL_GREEN, 4, 0};
            if (d->baseline + d->threshold <= 10)
                lines[nl++] = (struct level){d->baseline + d->threshold, "counts as worse",
                                                 PAL_VERMILION, 4, 0};
        }
        for (size_t i = 0; i < nl; i++) {
            double yy = VY(fmax(lines[i].v, 0));
            canvas_dashed(c, px0, yy, px1, yy, lines[i].col, 1.1, lines[i].dash);
            lines[i].label_y = yy + 3;
        }
        /* The current level is labelled among them (its segment is drawn below). */
        if (isfinite(d->current)) {
            lines[nl] = (struct level){d->current, "now", PAL_BLUE, 0, VY(d->current) + 3};
            nl++;
        }
        /* lines[] runs worse (top) .. baseline .. better (bottom) once sorted by y. */
        for (size_t i = 0; i < nl; i++)
            for (size_t j = i + 1; j < nl; j++)
                if (lines[j].label_y < lines[i].label_y) {
                    struct level t = lines[i];
                    lines[i] = lines[j];
                    lines[j] = t;
                }
        for (size_t i = 1; i < nl; i++)
            if (lines[i].label_y < lines[i - 1].label_y + 9)
                lines[i].label_y = lines[i - 1].label_y + 9;
        for (size_t i = 0; i < nl; i++) {
            char buf[48];
            snprintf(buf, sizeof buf, "%s %.1f", lines[i].name, fmax(lines[i].v, 0));
            canvas_text(c, px1 + 4, lines[i].label_y, buf, CHART_SMALL, 0, CANVAS_START,
                        lines[i].col);
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
    /* The current level over the last weeks it rests on (at most four). */
    if (isfinite(d->current)) {
        size_t from = n > 4 ? n - 4 : 0;
        canvas_line(c, WX(from) - 4, VY(d->current), WX(n - 1) + 4, VY(d->current), PAL_BLUE,
                    2.4);
    }
    /* Function and the person's impression, on the same weeks. */
    for (size_t i = 0; i < n; i++) {
        if (isfinite(d->weeks[i].psfs_mean)) {
            char t[64];
            snprintf(t, sizeof t, "PSFS mean %.1f", d->weeks[i].psfs_mean);
            canvas_group_begin(c, t);
            chart_diamond(c, WX(i), VY(d->weeks[i].psfs_mean), 3.2, PAL_GREEN);
            canvas_group_end(c);
        }
        if (d->weeks[i].pgic >= 1 && d->weeks[i].pgic <= 7) {
            char t[16];
            snprintf(t, sizeof t, "PGIC %d", d->weeks[i].pgic);
            canvas_text(c, WX(i), top + 10, t, CHART_SMALL, 0, CANVAS_MIDDLE, PAL_PURPLE);
        }
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
