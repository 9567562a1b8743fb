/*
 * The forest plot of perpetuating factors: one row per factor and lag, the odds ratio as a
 * square with its 95% interval as a line on a log scale (so 0.5 and 2 sit equally far from
 * 1), coloured by verdict, with the absolute counts and the verdict in words beside it.
 * Counts come first in the text because a ratio from three flares means little on its own.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/chart.h"
#include "render/chart_internal.h"

/* The rule of core/analysis.h (analysis_estimable), kept here too so that no caller can
 * draw a meaningless estimate: an interval spanning more than a factor of 100, or an
 * infinite one, is "not estimable yet" and drawn on neither side. */
static int estimable(const struct chart_factor *f)
{
    return isfinite(f->odds_ratio) && f->odds_ratio > 0 && f->ci_low > 0 && isfinite(f->ci_high) &&
           f->ci_high / f->ci_low <= 100;
}

static uint32_t verdict_color(const char *v)
{
    if (!v)
        return PAL_GREY;
    if (strcmp(v, "likely") == 0)
        return PAL_VERMILION;
    if (strcmp(v, "possible") == 0)
        return PAL_ORANGE;
    if (strcmp(v, "no-evidence") == 0)
        return PAL_BLUE;
    return 0xAAAAAAu;
}

void chart_factors_draw(struct canvas *c, const struct chart_factors *d, double x, double y,
                        double w, double h)
{
    if (!d || d->n == 0) {
        chart_empty(c, x, y, w, h,
                    d && d->empty_message ? d->empty_message : "No factors to show yet.");
        return;
    }
    int narrow = w < 420;
    double label_w = w * 0.36;
    /* The right column is as wide as its longest entry, so the plot gets the rest. */
    double right_w = canvas_text_width("flares after / days exposed", CHART_SMALL, 1) * 0.5;
    for (size_t i = 0; i < d->n; i++) {
        char right[96];
        snprintf(right, sizeof right, "%d / %d  %s", d->items[i].events_exposed,
                 d->items[i].days_exposed, d->items[i].verdict ? d->items[i].verdict : "");
        double rw = canvas_text_width(right, CHART_SMALL, 0);
        if (rw > right_w)
            right_w = rw;
    }
    double px0 = x + label_w + 6, px1 = x + w - right_w - 16;
    /* Log axis: cover every interval, at least 0.25 to 4, at most 1/64 to 64. */
    double lo = 0.25, hi = 4;
    for (size_t i = 0; i < d->n; i++) {
        const struct chart_factor *f = &d->items[i];
        if (!estimable(f))
            continue;
        if (f->ci_low > 0 && f->ci_low < lo)
            lo = f->ci_low;
        if (f->ci_high > hi && isfinite(f->ci_high))
            hi = f->ci_high;
    }
    lo = fmax(lo, 1.0 / 64);
    hi = fmin(hi, 64);
    double llo = floor(log2(lo)), lhi = ceil(log2(hi));
#define FX(v) (px0 + (log2(v) - llo) / (lhi - llo) * (px1 - px0))
    double row_h = narrow ? 24 : 18, top = y + 22;
    canvas_text(c, x, y + 10, "Factor (lag)", CHART_SMALL, 1, CANVAS_START, PAL_INK);
    canvas_text(c, x + w, y + 10, narrow ? "flares / days" : "flares after / days exposed",
                CHART_SMALL, 1, CANVAS_END, PAL_INK);
    double bottom = top + (double)d->n * row_h;
    /* Reference line at 1 (no association) and the ticks. */
    for (double e = llo; e <= lhi; e += 1) {
        double v = exp2(e), tx = FX(v);
        canvas_line(c, tx, top - 4, tx, bottom, e == 0 ? PAL_GREY : PAL_FAINT, e == 0 ? 1 : 0.6);
        char buf[16];
        if (v >= 1)
            snprintf(buf, sizeof buf, "%g", v);
        else
            snprintf(buf, sizeof buf, "1/%g", 1 / v);
        if (lhi - llo <= 8 || fmod(e, 2) == 0)
            canvas_text(c, tx, bottom + 11, buf, CHART_SMALL, 0, CANVAS_MIDDLE, PAL_INK);
    }
    canvas_line(c, px0, bottom, px1, bottom, PAL_GREY, 0.8);
    canvas_text(c, (px0 + px1) / 2, bottom + 23, "Odds ratio, 95% interval (log scale)",
                CHART_SMALL, 0, CANVAS_MIDDLE, PAL_GREY);
    canvas_text(c, FX(1) - 4, bottom + 34, "< lowers risk", CHART_SMALL, 0, CANVAS_END,
                PAL_GREY);
    canvas_text(c, FX(1) + 4, bottom + 34, "raises risk >", CHART_SMALL, 0, CANVAS_START,
                PAL_GREY);

    for (size_t i = 0; i < d->n; i++) {
        const struct chart_factor *f = &d->items[i];
        double cy = top + (i + 0.5) * row_h;
        if (i % 2 == 0)
            canvas_rect(c, x, cy - row_h / 2, w, row_h, 0xF7F7F7u, CANVAS_NONE, 0);
        char label[160], lag[48];
        /* Lags as issue 4 defines them: same day, previous day, mean of days 2-3. */
        if (f->lag_days == 0)
            snprintf(lag, sizeof lag, "same day");
        else if (f->lag_days == 1)
            snprintf(lag, sizeof lag, "day before");
        else if (f->lag_days == 2)
            snprintf(lag, sizeof lag, "days 2-3 before");
        else /* the build-up lags of core/analysis.h */
            snprintf(lag, sizeof lag, "%d days before", f->lag_days == 3 ? 7 : 14);
        if (narrow)
            snprintf(label, sizeof label, "%s", f->name);
        else
            snprintf(label, sizeof label, "%s (%s)", f->name, lag);
        /* Shorten to the column instead of wrapping: rows keep their height. */
        chart_fit(label, CHART_SMALL, 0, label_w);
        uint32_t col = verdict_color(f->verdict);
        char title[256];
        if (estimable(f))
            snprintf(title, sizeof title, "%s: odds ratio %.2f (%.2f to %.2f), %s", f->name, f->odds_ratio,
                     f->ci_low, f->ci_high, f->verdict ? f->verdict : "");
        else
            snprintf(title, sizeof title, "%s: not estimable yet, %s", f->name, f->verdict ? f->verdict : "");
        canvas_group_begin(c, title);
        if (narrow) {
            canvas_text(c, x + 2, cy - 1, label, CHART_SMALL, 0, CANVAS_START, PAL_INK);
            canvas_text(c, x + 2, cy + 8, lag, CHART_SMALL - 0.5, 0, CANVAS_START, PAL_GREY);
        } else {
            canvas_text(c, x + 2, cy + 3, label, CHART_SMALL, 0, CANVAS_START, PAL_INK);
        }
        if (estimable(f)) {
            double a0 = f->ci_low > 0 ? fmax(f->ci_low, exp2(llo)) : exp2(llo);
            double a1 = isfinite(f->ci_high) ? fmin(f->ci_high, exp2(lhi)) : exp2(lhi);
            canvas_line(c, FX(a0), cy, FX(a1), cy, col, 1.6);
            if (!(f->ci_high <= exp2(lhi)))
                canvas_text(c, FX(a1) + 1, cy + 3, ">", CHART_SMALL, 1, CANVAS_START, col);
            double ox = FX(fmin(fmax(f->odds_ratio, exp2(llo)), exp2(lhi)));
            int hollow = f->verdict && strcmp(f->verdict, "not-enough-data") == 0;
            canvas_rect(c, ox - 3.5, cy - 3.5, 7, 7, hollow ? PAL_WHITE : col, col, 1.2);
        } else {
            canvas_text(c, (px0 + px1) / 2, cy + 3, "not estimable yet", CHART_SMALL, 0,
                        CANVAS_MIDDLE, PAL_GREY);
        }
        char right[96];
        snprintf(right, sizeof right, "%d / %d  %s", f->events_exposed, f->days_exposed,
                 f->verdict ? f->verdict : "");
        canvas_text(c, x + w - 2, cy + 3, right, CHART_SMALL, 0, CANVAS_END, col == 0xAAAAAAu ? PAL_GREY : PAL_INK);
        canvas_group_end(c);
    }
#undef FX
}
