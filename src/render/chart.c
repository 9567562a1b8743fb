/*
 * What the charts share: kind names, dispatch, date labels and ticks, legends and the
 * empty state.
 */
#include "render/chart.h"

#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "render/chart_internal.h"

static const char *const kind_names[CHART_KIND_COUNT] = {
    "timeline", "bodymap", "factors", "progress",
};

const char *chart_kind_name(enum chart_kind k)
{
    return (unsigned)k < CHART_KIND_COUNT ? kind_names[k] : "?";
}

int chart_kind_parse(const char *name)
{
    for (int i = 0; i < CHART_KIND_COUNT; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

char *chart_date(int64_t day, int style, char *buf)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t y;
    int m, d;
    trp_civil_from_days(day, &y, &m, &d);
    if (style == 0)
        snprintf(buf, CHART_DATE_BUF, "%d %s", d, months[m - 1]);
    else if (style == 1)
        snprintf(buf, CHART_DATE_BUF, "%s %lld", months[m - 1], (long long)y);
    else
        snprintf(buf, CHART_DATE_BUF, "%d %s %lld", d, months[m - 1], (long long)y);
    return buf;
}

size_t chart_day_ticks(int64_t first, size_t n_days, double width, int64_t *ticks,
                       int *style)
{
    /* A label needs about 40 points; pick the finest step that leaves room for them. */
    size_t room = width > 40 ? (size_t)(width / 46) : 1;
    if (room < 2)
        room = 2;
    static const int steps[] = {1, 2, 7, 14};
    size_t n = 0;
    *style = 0;
    for (size_t si = 0; si < sizeof steps / sizeof steps[0]; si++) {
        int step = steps[si];
        if (n_days / (size_t)step + 1 > room)
            continue;
        for (int64_t d = first; d < first + (int64_t)n_days && n < CHART_MAX_TICKS; d++) {
            /* Weekly and fortnightly ticks fall on Mondays (day 4 since 1970 was one). */
            int64_t mon = ((d - 4) % 7 + 7) % 7;
            if (step >= 7 ? (mon == 0 && (step == 7 || ((d - 4) / 7) % 2 == 0))
                          : ((d - first) % step == 0))
                ticks[n++] = d;
        }
        return n;
    }
    /* Months: every 1, 2, 3 or 6 months, on the first. */
    static const int msteps[] = {1, 2, 3, 6, 12};
    size_t months = n_days / 30 + 1;
    int mstep = 12;
    for (size_t i = 0; i < sizeof msteps / sizeof msteps[0]; i++)
        if (months / (size_t)msteps[i] + 1 <= room) {
            mstep = msteps[i];
            break;
        }
    *style = 1;
    for (int64_t d = first; d < first + (int64_t)n_days && n < CHART_MAX_TICKS; d++) {
        int64_t y;
        int m, dd;
        trp_civil_from_days(d, &y, &m, &dd);
        if (dd == 1 && (m - 1) % mstep == 0)
            ticks[n++] = d;
    }
    return n;
}

void chart_fit(char *s, double size, int bold, double max_w)
{
    size_t len = strlen(s);
    if (canvas_text_width(s, size, bold) <= max_w)
        return;
    while (len > 3 && canvas_text_width(s, size, bold) > max_w) {
        len--;
        while (len > 1 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
        s[len] = '\0';
        s[len - 1] = '.';
        s[len - 2] = '.';
    }
}

void chart_empty(struct canvas *c, double x, double y, double w, double h, const char *msg)
{
    canvas_rect(c, x + 0.5, y + 0.5, w - 1, h - 1, PAL_FAINT, PAL_LIGHT, 1);
    canvas_text(c, x + w / 2, y + h / 2 + 3, msg, CHART_FONT + 1, 0, CANVAS_MIDDLE, PAL_GREY);
}

void chart_triangle_down(struct canvas *c, double cx, double cy, double r, uint32_t fill)
{
    double xy[] = {cx - r, cy - r * 0.8, cx + r, cy - r * 0.8, cx, cy + r * 0.9};
    struct canvas_style st = {fill, PAL_INK, 0.5, 1, 0};
    canvas_poly(c, xy, 3, 1, &st);
}

void chart_diamond(struct canvas *c, double cx, double cy, double r, uint32_t fill)
{
    double xy[] = {cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy};
    struct canvas_style st = {fill, PAL_INK, 0.5, 1, 0};
    canvas_poly(c, xy, 4, 1, &st);
}

double chart_legend_item(struct canvas *c, double x, double y, int kind, uint32_t color,
                         const char *label)
{
    double cy = y - 3;
    switch (kind) {
    case 0:
        canvas_circle(c, x + 5, cy, 2.5, color, CANVAS_NONE, 0);
        break;
    case 1:
        canvas_line(c, x, cy, x + 12, cy, color, 1.8);
        break;
    case 2:
        chart_triangle_down(c, x + 6, cy, 4, color);
        break;
    case 3:
        chart_diamond(c, x + 6, cy, 3.5, color);
        break;
    case 4:
        canvas_rect(c, x + 1, cy - 4, 9, 8, color, CANVAS_NONE, 0);
        break;
    default:
        canvas_dashed(c, x, cy, x + 12, cy, color, 1.2, 3);
        break;
    }
    canvas_text(c, x + 15, y, label, CHART_SMALL, 0, CANVAS_START, PAL_INK);
    return x + 15 + canvas_text_width(label, CHART_SMALL, 0) + 10;
}

double chart_natural_height(enum chart_kind kind, const void *data, double w)
{
    switch (kind) {
    case CHART_TIMELINE: {
        const struct chart_timeline *d = data;
        if (!d || d->n_days == 0)
            return 60;
        size_t lanes = (d->n_tasks > 8 ? 8 : d->n_tasks) + (d->sleep != NULL) +
                       (d->stress != NULL) + 1 + (d->n_medications > 0) + (d->n_outcomes > 0);
        return 40 + 130 + (double)lanes * 17 + 30;
    }
    case CHART_BODYMAP:
        return w < 420 ? w * 1.2 + 200 : w * 0.62;
    case CHART_FACTORS: {
        const struct chart_factors *d = data;
        if (!d || d->n == 0)
            return 60;
        return 36 + (double)d->n * (w < 420 ? 24 : 18) + 40;
    }
    case CHART_PROGRESS: {
        const struct chart_progress *d = data;
        if (!d || d->n_weeks == 0)
            return 60;
        return w < 420 ? 230 : 210;
    }
    default:
        return 60;
    }
}

void chart_draw(struct canvas *c, enum chart_kind kind, const void *data, double x, double y,
                double w, double h)
{
    switch (kind) {
    case CHART_TIMELINE:
        chart_timeline_draw(c, data, x, y, w, h);
        break;
    case CHART_BODYMAP:
        chart_bodymap_draw(c, data, x, y, w, h);
        break;
    case CHART_FACTORS:
        chart_factors_draw(c, data, x, y, w, h);
        break;
    case CHART_PROGRESS:
        chart_progress_draw(c, data, x, y, w, h);
        break;
    default:
        chart_empty(c, x, y, w, h, "unknown chart");
    }
}
