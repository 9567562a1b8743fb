/*
 * A chart's data and title (see charts.h). The title names the period drawn; progress is
 * drawn over its course, which may start later than the period asked for.
 */
#include "app/charts.h"

#include "render/chart.h"
#include "render/render.h"

int app_chart_kind(const char *name, enum chart_kind *out, struct trp_err *err)
{
    int kind = chart_kind_parse(name);
    if (kind < 0)
        return trp_err_set(err, TRP_EINVAL,
                           "unknown chart \"%s\": use timeline, bodymap, factors or progress", name);
    *out = (enum chart_kind)kind;
    return 0;
}

static const char *chart_title(struct arena *a, enum chart_kind kind, const struct chart_gather *g)
{
    static const char *const names[] = {
        "Pain, flares and daily tasks", "Where it hurts", "Perpetuating factors",
        "Progress: weekly pain against the baseline",
    };
    char from[CHART_DATE_BUF], to[CHART_DATE_BUF];
    int64_t first = g->first_day, last = g->last_day;
    if (kind == CHART_PROGRESS && g->pd && g->pd->n_days) {
        first = g->pd->first_day;
        last = g->pd->last_day;
    }
    return arena_printf(a, "%s, %s to %s", names[kind], chart_date(first, 2, from),
                        chart_date(last, 2, to));
}

int app_chart(struct store *s, struct arena *a, enum chart_kind kind, const struct chart_period *p,
              struct app_chart *out, struct trp_err *err)
{
    if (p->has_since && p->has_until && p->until <= p->since)
        return trp_err_set(err, TRP_EINVAL, "--until must be after --since");
    out->kind = kind;
    struct chart_gather *g = &out->g;
    int rc = chart_gather_load(s, a, p, g, err);
    if (rc)
        return rc;
    switch (kind) {
    case CHART_TIMELINE:
        out->data = &g->timeline;
        break;
    case CHART_BODYMAP:
        out->data = &g->bodymap;
        break;
    case CHART_FACTORS:
        if ((rc = chart_gather_factors(s, a, p, g, err)))
            return rc;
        out->data = &g->factors;
        break;
    case CHART_PROGRESS:
        if ((rc = chart_gather_progress(s, a, p, g, err)))
            return rc;
        out->data = &g->progress;
        break;
    default:
        BUG("unknown chart kind");
    }
    out->title = chart_title(a, kind, g);
    return 0;
}

int app_chart_svg(struct store *s, struct arena *a, enum chart_kind kind,
                  const struct chart_period *p, double width, struct strbuf *out,
                  struct trp_err *err)
{
    struct app_chart c;
    int rc = app_chart(s, a, kind, p, &c, err);
    if (!rc)
        rc = render_chart_svg(kind, c.data, width, c.title, out, err);
    return rc;
}
