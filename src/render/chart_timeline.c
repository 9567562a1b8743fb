/*
 * The superimposed timeline: pain ratings and the daily maximum on top, flare onsets as
 * vertical marks running through every lane, and beneath on the same day axis one lane per
 * task (minutes as bars), sleep and stress, and a row for treatment sessions. Reading down
 * a flare line shows what the days before it held, which is the view a therapist uses to
 * spot perpetuating tasks.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/chart.h"
#include "render/chart_internal.h"

#define TL_MAX_TASKS 8

struct tl_axis {
    int64_t first;
    size_t n;
    double x0, w;
};

static double tl_x(const struct tl_axis *ax, double t)
{
    return ax->x0 + (t - (double)ax->first) / (double)ax->n * ax->w;
}

static double lane_max(const struct chart_lane *l, size_t n)
{
    if (l->scale_max > 0)
        return l->scale_max;
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (l->per_day[i] > m)
            m = l->per_day[i];
    return m > 0 ? m : 1;
}

/* "name (unit)", the name shortened with ".." when the whole does not fit max_w. */
static void fit_label(char *out, size_t size, const char *name, const char *unit,
                      double max_w)
{
    char u[40];
    snprintf(u, sizeof u, " (%s)", unit ? unit : "");
    double uw = canvas_text_width(u, CHART_SMALL, 0);
    char nm[120];
    snprintf(nm, sizeof nm, "%s", name);
    chart_fit(nm, CHART_SMALL, 0, max_w - uw);
    snprintf(out, size, "%s%s", nm, u);
}

static void tl_lane(struct canvas *c, const struct tl_axis *ax, const struct chart_lane *l,
                    double y, double h, uint32_t color, double label_w, double label_x)
{
    char label[160];
    fit_label(label, sizeof label, l->name, l->unit, label_w);
    canvas_group_begin(c, l->name);
    canvas_text(c, label_x, y + h - 4, label, CHART_SMALL, 0, CANVAS_END, PAL_INK);
    canvas_rect(c, ax->x0, y, ax->w, h, PAL_FAINT, CANVAS_NONE, 0);
    double max = lane_max(l, ax->n);
    double dw = ax->w / (double)ax->n;
    double bw = dw > 3 ? dw * 0.8 : dw;
    for (size_t i = 0; i < ax->n; i++) {
        double v = l->per_day[i];
        if (!(v > 0))
            continue;
        double f = v / max;
        if (f > 1)
            f = 1;
        double bh = f * (h - 2);
        if (bh < 1)
            bh = 1;
        canvas_rect(c, ax->x0 + i * dw + (dw - bw) / 2, y + h - bh, bw, bh, color, CANVAS_NONE,
                    0);
    }
    char mx[32];
    snprintf(mx, sizeof mx, "%g", round(max * 10) / 10);
    canvas_text(c, ax->x0 + ax->w + 3, y + 7, mx, CHART_SMALL - 1, 0, CANVAS_START, PAL_GREY);
    canvas_group_end(c);
}

/* A row of marks (treatment sessions, medication, outcome ratings), each titled with its
 * label so the SVG shows it on hover. */
static void tl_marks(struct canvas *c, const struct tl_axis *ax, const char *name,
                     const struct chart_treatment_mark *m, size_t n, double y, double dw,
                     uint32_t color, double label_x)
{
    canvas_text(c, label_x, y + 10, name, CHART_SMALL, 0, CANVAS_END, PAL_INK);
    for (size_t i = 0; i < n; i++) {
        double tx = tl_x(ax, m[i].t);
        if (tx < ax->x0 || tx > ax->x0 + ax->w)
            continue;
        canvas_group_begin(c, m[i].label);
        if (dw < 4) /* dense: a tick per mark, diamonds would pile up */
            canvas_line(c, tx, y + 2, tx, y + 12, color, 1);
        else
            chart_diamond(c, tx, y + 7, 3.5, color);
        canvas_group_end(c);
    }
}

void chart_timeline_draw(struct canvas *c, const struct chart_timeline *d, double x, double y,
                         double w, double h)
{
    if (!d || d->n_days == 0 || (d->n_points == 0 && d->n_tasks == 0 && !d->sleep &&
                                 !d->stress && d->n_treatments == 0 &&
                                 d->n_medications == 0 && d->n_outcomes == 0)) {
        chart_empty(c, x, y, w, h, "No entries in this period.");
        return;
    }
    size_t n_tasks = d->n_tasks > TL_MAX_TASKS ? TL_MAX_TASKS : d->n_tasks;
    /* Left margin: room for the longest lane label, within a third of the width. */
    double label_w = canvas_text_width("Pain (0-10)", CHART_SMALL, 0);
    for (size_t i = 0; i < n_tasks; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s (%s)", d->tasks[i].name, d->tasks[i].unit);
        double tw = canvas_text_width(buf, CHART_SMALL, 0);
        if (tw > label_w)
            label_w = tw;
    }
    if (label_w > w * 0.3)
        label_w = w * 0.3;
    struct tl_axis ax = {d->first_day, d->n_days, x + label_w + 8, 0};
    ax.w = x + w - 18 - ax.x0;

    /* Legend on top. */
    double ly = y + 10, lx = ax.x0;
    lx = chart_legend_item(c, lx, ly, 0, PAL_BLUE, "pain rating");
    lx = chart_legend_item(c, lx, ly, 1, PAL_VERMILION, "daily maximum");
    if (lx > x + w - 90) {
        ly += 12;
        lx = ax.x0;
    }
    lx = chart_legend_item(c, lx, ly, 2, PAL_ORANGE, "flare onset");
    if (lx > x + w - 80) {
        ly += 12;
        lx = ax.x0;
    }
    chart_legend_item(c, lx, ly, 3, PAL_GREEN, "treatment");

    size_t n_lanes = n_tasks + (d->sleep != NULL) + (d->stress != NULL);
    double lane_h = 14, lane_gap = 3;
    double axis_h = 26;
    double top = ly + 10;
    int n_rows = 1 + (d->n_medications > 0) + (d->n_outcomes > 0); /* rows of marks */
    double lanes_h = (double)n_lanes * (lane_h + lane_gap) + 14 * n_rows + lane_gap;
    double pain_h = y + h - axis_h - lanes_h - top - 6;
    if (pain_h < 60)
        pain_h = 60;
    double py0 = top, py1 = top + pain_h;

    /* Pain plot frame, gridlines at 0, 5, 10 and the axis title. */
    canvas_rect(c, ax.x0, py0, ax.w, pain_h, CANVAS_NONE, PAL_LIGHT, 0.8);
    for (int v = 0; v <= 10; v += 5) {
        double yy = py1 - v / 10.0 * pain_h;
        if (v > 0 && v < 10)
            canvas_dashed(c, ax.x0, yy, ax.x0 + ax.w, yy, PAL_LIGHT, 0.6, 2);
        char buf[8];
        snprintf(buf, sizeof buf, "%d", v);
        canvas_text(c, ax.x0 - 3, yy + 3, buf, CHART_SMALL, 0, CANVAS_END, PAL_GREY);
    }
    canvas_text(c, ax.x0 - 14, py0 + pain_h / 2 - 4, "Pain", CHART_SMALL, 1, CANVAS_END,
                PAL_INK);
    canvas_text(c, ax.x0 - 14, py0 + pain_h / 2 + 6, "(0-10)", CHART_SMALL, 0, CANVAS_END,
                PAL_INK);

    /* Date ticks and light vertical gridlines through the whole chart. */
    int64_t ticks[CHART_MAX_TICKS];
    int style;
    size_t nt = chart_day_ticks(d->first_day, d->n_days, ax.w, ticks, &style);
    double bottom = py1 + 6 + lanes_h;
    for (size_t i = 0; i < nt; i++) {
        double tx = tl_x(&ax, (double)ticks[i]);
        canvas_line(c, tx, py0, tx, bottom, PAL_FAINT, 0.6);
        canvas_line(c, tx, bottom, tx, bottom + 3, PAL_GREY, 0.8);
        char buf[CHART_DATE_BUF];
        canvas_text(c, tx, bottom + 12, chart_date(ticks[i], style, buf), CHART_SMALL, 0,
                    CANVAS_MIDDLE, PAL_INK);
    }
    canvas_line(c, ax.x0, bottom, ax.x0 + ax.w, bottom, PAL_GREY, 0.8);
    char from[CHART_DATE_BUF], to[CHART_DATE_BUF], axis_title[96];
    snprintf(axis_title, sizeof axis_title, "Date (%s to %s, one column per day)",
             chart_date(d->first_day, 2, from),
             chart_date(d->first_day + (int64_t)d->n_days - 1, 2, to));
    canvas_text(c, ax.x0 + ax.w / 2, bottom + 23, axis_title, CHART_SMALL, 0, CANVAS_MIDDLE,
                PAL_GREY);

    /* Flare onsets first, so the data draws over them. */
    for (size_t i = 0; i < d->n_flares; i++) {
        double fx = tl_x(&ax, d->flare_onsets[i]);
        if (fx < ax.x0 || fx > ax.x0 + ax.w)
            continue;
        canvas_dashed(c, fx, py0, fx, bottom, PAL_ORANGE, 1, 2.5);
        chart_triangle_down(c, fx, py0 - 1, 4, PAL_ORANGE);
    }

    /* Daily maximum as a line, broken over days without ratings. */
    canvas_group_begin(c, "daily maximum");
    double dw = ax.w / (double)d->n_days;
    double *seg = NULL;
    double segbuf[2 * 64];
    size_t ns = 0;
    seg = segbuf;
    /* Over months the line gets dense: thinner, so the dots and flares stay visible. */
    double lw = dw < 2 ? 0.9 : 1.6;
    struct canvas_style line_st = {CANVAS_NONE, PAL_VERMILION, lw, 1, 0};
    for (size_t i = 0; i <= d->n_days; i++) {
        double v = i < d->n_days && d->daily_max ? d->daily_max[i] : NAN;
        if (isnan(v) || ns == 64) {
            if (ns == 1)
                canvas_line(c, seg[0] - dw * 0.35, seg[1], seg[0] + dw * 0.35, seg[1],
                            PAL_VERMILION, lw);
            else
                canvas_poly(c, seg, ns, 0, &line_st);
            /* Continue a full buffer from its last point. */
            if (!isnan(v) && ns == 64) {
                seg[0] = seg[2 * 63];
                seg[1] = seg[2 * 63 + 1];
                ns = 1;
            } else {
                ns = 0;
            }
            if (isnan(v))
                continue;
        }
        seg[2 * ns] = ax.x0 + (i + 0.5) * dw;
        seg[2 * ns + 1] = py1 - v / 10.0 * pain_h;
        ns++;
    }
    canvas_group_end(c);

    /* Individual ratings as dots; hand-marked flares get an outline. */
    double r = dw < 2 ? 1.2 : dw < 6 ? 1.8 : 2.6;
    for (size_t i = 0; i < d->n_points; i++) {
        const struct chart_pain_point *p = &d->points[i];
        double px = tl_x(&ax, p->t), pyy = py1 - p->value / 10.0 * pain_h;
        if (px < ax.x0 || px > ax.x0 + ax.w)
            continue;
        canvas_circle(c, px, pyy, r, PAL_BLUE, p->flare ? PAL_INK : CANVAS_NONE,
                      p->flare ? 0.8 : 0);
    }

    /* Lanes. */
    double ly2 = py1 + 6 + lane_gap;
    double label_x = ax.x0 - 4;
    for (size_t i = 0; i < n_tasks; i++, ly2 += lane_h + lane_gap)
        tl_lane(c, &ax, &d->tasks[i], ly2, lane_h, PAL_BLUE, label_w, label_x);
    if (d->sleep) {
        tl_lane(c, &ax, d->sleep, ly2, lane_h, PAL_SKY, label_w, label_x);
        ly2 += lane_h + lane_gap;
    }
    if (d->stress) {
        tl_lane(c, &ax, d->stress, ly2, lane_h, PAL_PURPLE, label_w, label_x);
        ly2 += lane_h + lane_gap;
    }
    tl_marks(c, &ax, "treatment", d->treatments, d->n_treatments, ly2, dw, PAL_GREEN, label_x);
    if (d->n_medications) {
        ly2 += 14;
        tl_marks(c, &ax, "medication", d->medications, d->n_medications, ly2, dw, PAL_PURPLE,
                 label_x);
    }
    if (d->n_outcomes) {
        ly2 += 14;
        tl_marks(c, &ax, "PGIC / PSFS", d->outcomes, d->n_outcomes, ly2, dw, PAL_SKY, label_x);
    }
    if (d->n_tasks > TL_MAX_TASKS) {
        char more[64];
        snprintf(more, sizeof more, "+%zu more tasks", d->n_tasks - TL_MAX_TASKS);
        canvas_text(c, x + 2, bottom + 23, more, CHART_SMALL - 0.5, 0, CANVAS_START, PAL_GREY);
    }
}
