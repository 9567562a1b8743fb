/*
 * The where use case (see where.h), moved out of `trp where` so that the command and the
 * API share it.
 */
#include "app/where.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"

/* "lateral-epicondyle" -> "lateral epicondyle" */
static const char *plain(struct arena *a, const char *base)
{
    char *s = arena_strdup(a, base);
    for (char *p = s; *p; p++)
        if (*p == '-')
            *p = ' ';
    return s;
}

/* A place as it fits after "refers" or "has a trigger point", in the words of `trp regions`:
 * "to the inner edge of the shoulder blade", "at the temple", but "behind the eye", never
 * "the behind eye". Segment labels ("elbow, back") and unknown ids read from the id. */
static const char *place_phrase(struct arena *a, const char *base, const char *prep)
{
    static const char *const preps[] = {"behind ", "between ", "around ", "inside ", "above ",
                                        "below ", "under "};
    const char *name = NULL;
    const struct region *r = region_find(base);
    if (!r)
        r = region_find(arena_printf(a, "%s.l", base));
    if (r && !strchr(r->label, ',')) {
        const char *label = r->label;
        if (!strncmp(label, "Left ", 5))
            label += 5;
        else if (!strncmp(label, "Right ", 6))
            label += 6;
        char *n = arena_strdup(a, label);
        char *paren = strstr(n, " (");
        if (paren)
            *paren = '\0';
        n[0] = (char)tolower((unsigned char)n[0]);
        for (size_t i = 0; i < sizeof preps / sizeof *preps; i++)
            if (!strncmp(n, preps[i], strlen(preps[i])))
                return n;
        name = n;
    }
    return arena_printf(a, "%s%sthe %s", prep ? prep : "", prep ? " " : "", name ? name : plain(a, base));
}

static const char *zone_name(int essential)
{
    return essential == 2   ? "spillover and trigger point"
           : essential == 1 ? "essential"
           : essential == 0 ? "spillover"
                            : "trigger point";
}

/* "left jaw, left temple": what was understood, so a misreading shows at once. */
const char *app_where_understood(struct arena *a, const struct where_query *q)
{
    struct strbuf sb;
    strbuf_init(&sb, 2048);
    for (size_t i = 0; i < q->n_phrases; i++) {
        enum region_laterality lat = q->match[i].side;
        strbuf_addf(&sb, "%s%s%s%s", i ? ", " : "",
                    lat == REGION_LAT_UNSPECIFIED ? "" : region_laterality_name(lat),
                    lat == REGION_LAT_UNSPECIFIED ? "" : " ", q->text[i]);
        if (lat == REGION_LAT_UNSPECIFIED && q->match[i].count > 1 &&
            q->match[i].regions[0]->side != REGION_MIDLINE)
            strbuf_adds(&sb, " (either side)");
    }
    const char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

const char *app_where_why(struct arena *a, const struct where_candidate *c)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    size_t nref = 0, nloc = 0, k;
    for (size_t i = 0; i < c->n_hits; i++)
        c->hits[i].essential >= 0 ? nref++ : nloc++;
    if (nref)
        strbuf_adds(&sb, "refers ");
    k = 0;
    int bare = 1; /* the last place was a prepositional label, so the next needs its "to" */
    for (size_t i = 0; i < c->n_hits; i++) {
        if (c->hits[i].essential < 0)
            continue;
        if (k)
            strbuf_adds(&sb, k + 1 == nref ? " and " : ", ");
        const char *ph = place_phrase(a, c->hits[i].base, bare ? "to" : NULL);
        bare = strncmp(ph, "to ", 3) && strncmp(ph, "the ", 4);
        strbuf_addf(&sb, "%s (%s)", ph, zone_name(c->hits[i].essential));
        k++;
    }
    if (nloc)
        strbuf_adds(&sb, nref ? "; has a trigger point " : "has a trigger point ");
    k = 0;
    bare = 1;
    for (size_t i = 0; i < c->n_hits; i++) {
        if (c->hits[i].essential >= 0)
            continue;
        if (k)
            strbuf_adds(&sb, k + 1 == nloc ? " and " : ", ");
        const char *ph = place_phrase(a, c->hits[i].base, bare ? "at" : NULL);
        bare = strncmp(ph, "at ", 3) && strncmp(ph, "the ", 4);
        strbuf_addf(&sb, "%s (local pain)", ph);
        k++;
    }
    const char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

const char *app_where_self_care(struct arena *a, const struct muscle *m)
{
    return arena_printf(a, "%s%s%s with %s, about %d s, %d passes; stretch: %s",
                        m->compression ? "Compression" : "",
                        m->compression && m->friction ? " or friction" : "",
                        !m->compression ? "Friction" : "", m->tool, m->hold_seconds, m->passes,
                        m->stretch);
}

struct diary_weights {
    const char *bases[512];
    double w[512];
    size_t n;
};

static int diary_one(const struct entry *e, void *data)
{
    struct diary_weights *d = data;
    for (size_t i = 0; i < e->n_regions; i++) {
        const char *base = region_base_of(e->regions[i].region);
        if (!base)
            continue;
        double v = e->regions[i].intensity != ENTRY_UNSET ? e->regions[i].intensity : e->value;
        const struct region *r = region_find(e->regions[i].region);
        const char *list[64];
        size_t nb = r ? where_bases_of(r, list, 64) : 0;
        for (size_t b = 0; b < nb; b++) {
            size_t k = 0;
            while (k < d->n && strcmp(d->bases[k], list[b]))
                k++;
            if (k == d->n) {
                if (d->n == 512)
                    continue;
                d->bases[d->n] = list[b];
                d->w[d->n++] = 0;
            }
            /* Frequency times strength: each rating adds its intensity out of 10. */
            d->w[k] += v / 10.0;
        }
    }
    return 0;
}

int app_where_rank(struct store *s, struct arena *a, const struct app_where_req *req,
                   struct app_where *w, struct trp_err *err)
{
    memset(w, 0, sizeof *w);
    w->req = req;
    w->side = req->side;
    int rc;
    if (req->side && strcmp(req->side, "left") && strcmp(req->side, "right"))
        return trp_err_set(err, TRP_EINVAL, "the side must be left or right");
    if (req->limit < 1 || req->limit > APP_WHERE_MAX)
        return trp_err_set(err, TRP_EINVAL, "the limit must be from 1 to %d", APP_WHERE_MAX);
    struct diary_weights *dw = NULL; /* from the diary: the places, for the safety warnings */
    if (req->from_diary) {
        struct trp_time now;
        if ((rc = trp_time_now(&now, err)))
            return rc;
        struct store_query sq;
        store_query_init(&sq);
        sq.kind = ENTRY_PAIN;
        sq.has_since = 1;
        sq.since = req->has_since ? req->since : now.utc - 30 * 86400;
        dw = arena_zalloc(a, 1, sizeof *dw);
        if ((rc = store_entry_each(s, &sq, diary_one, dw, err)))
            return rc;
        if (!dw->n)
            return trp_err_set(err, TRP_EINVAL,
                               "no pain entries with regions in this period: log pain with --region, "
                               "or name the places ('trp where temple')");
        if ((rc = where_rank_weighted(dw->bases, dw->w, dw->n, w->cand, (size_t)req->limit, &w->n,
                                      err)))
            return rc;
    } else {
        if (!req->n_phrases)
            return trp_err_set(err, TRP_EINVAL, "say where it hurts, as in 'trp where temple'");
        if ((rc = where_query_build(req->phrases, req->n_phrases, &w->q, err)))
            return rc;
        if ((rc = where_rank(&w->q, w->cand, (size_t)req->limit, &w->n, err)))
            return rc;
        /* a side for the header only when every place has the same one */
        for (size_t i = 0; i < w->q.n_phrases && !w->side; i++) {
            enum region_laterality lat = w->q.match[i].side;
            int same = lat == REGION_LAT_LEFT || lat == REGION_LAT_RIGHT;
            for (size_t k = 0; k < w->q.n_phrases; k++)
                same &= w->q.match[k].side == lat;
            if (same)
                w->side = region_laterality_name(lat);
        }
    }

    w->diary = dw;
    return 0;
}

int app_where_gate(struct store *s, struct arena *a, struct app_where *w, struct trp_err *err)
{
    /* Safety: warnings for the places named, and the gate's verdict per candidate. */
    const struct diary_weights *dw = w->diary;
    int rc;
    const struct region *placed[256];
    size_t nplaced = 0;
    for (size_t i = 0; i < w->q.n_phrases; i++)
        for (size_t r = 0; r < w->q.match[i].count && nplaced < 256; r++)
            placed[nplaced++] = w->q.match[i].regions[r];
    for (size_t i = 0; dw && i < dw->n && nplaced < 256; i++) {
        const struct region *r = region_find(dw->bases[i]);
        if (!r)
            r = region_find(arena_printf(a, "%s.l", dw->bases[i]));
        if (r)
            placed[nplaced++] = r;
    }
    w->n_notes = safety_place_notes(placed, nplaced, w->notes, SAFETY_MAX_PLACE_NOTES);
    struct safety_gate gate;
    if ((rc = safety_gate_load(s, a, &gate, err)))
        return rc;
    w->have_intake = gate.have_intake;
    for (size_t i = 0; i < w->n; i++)
        safety_gate_muscle(&gate, w->cand[i].muscle, w->side, a, &w->verdicts[i]);
    return 0;
}

int app_where(struct store *s, struct arena *a, const struct app_where_req *req,
              struct app_where *w, struct trp_err *err)
{
    int rc = app_where_rank(s, a, req, w, err);
    return rc ? rc : app_where_gate(s, a, w, err);
}

json_t *app_where_json(const struct app_where *w, struct arena *a)
{
    const struct where_query *q = &w->q;
    json_t *o = json_object(), *qa = json_array(), *ra = json_array(), *ca = json_array();
    for (size_t i = 0; i < w->req->n_phrases; i++)
        json_array_append_new(qa, json_string(w->req->phrases[i]));
    for (size_t i = 0; i < q->n_phrases; i++)
        for (size_t r = 0; r < q->match[i].count; r++)
            json_array_append_new(ra, json_string(q->match[i].regions[r]->id));
    for (size_t i = 0; i < w->n; i++) {
        const struct where_candidate *cd = &w->cand[i];
        const struct muscle *m = cd->muscle;
        json_t *c = json_object(), *ma = json_array(), *tpa = json_array();
        json_object_set_new(c, "muscle", json_string(m->id));
        json_object_set_new(c, "name", json_string(m->name));
        json_object_set_new(c, "score", json_real(round(cd->score * 100) / 100));
        for (size_t h = 0; h < cd->n_hits; h++) {
            json_t *hit = json_pack("{s:s,s:s}", "region", cd->hits[h].base, "zone",
                                    zone_name(cd->hits[h].essential));
            if (cd->hits[h].phrase >= 0)
                json_object_set_new(hit, "place", json_string(q->text[cd->hits[h].phrase]));
            json_array_append_new(ma, hit);
        }
        json_object_set_new(c, "matched", ma);
        json_object_set_new(c, "places_explained", json_integer(cd->phrases_explained));
        json_object_set_new(c, "essential_places", json_integer(cd->essential_places));
        json_object_set_new(c, "commonness", json_integer(m->commonness));
        json_object_set_new(c, "evidence", json_string(m->evidence));
        json_object_set_new(c, "specificity", json_real(round(cd->specificity * 1000) / 1000));
        json_object_set_new(c, "coverage", json_real(round(cd->coverage * 1000) / 1000));
        for (size_t t = 0; t < m->n_tp; t++)
            json_array_append_new(tpa, json_pack("{s:s,s:s,s:s,s:s}", "name", m->tp[t].name, "region",
                                                 m->tp[t].region, "location", m->tp[t].location,
                                                 "how_to_find", m->tp[t].how_to_find));
        json_object_set_new(c, "trigger_points", tpa);
        json_object_set_new(c, "why", json_string(app_where_why(a, cd)));
        json_object_set_new(c, "self_care", json_string(app_where_self_care(a, m)));
        json_object_set_new(c, "safety", safety_result_json(&w->verdicts[i]));
        json_array_append_new(ca, c);
    }
    json_t *wa = json_array();
    for (size_t i = 0; i < w->n_notes; i++)
        json_array_append_new(wa, json_string(w->notes[i]));
    json_object_set_new(o, "query", qa);
    json_t *ua = json_array();
    for (size_t i = 0; i < q->n_phrases; i++) {
        json_t *u = json_pack("{s:s}", "text", q->text[i]), *ur = json_array();
        json_object_set_new(u, "side", q->match[i].side ? json_string(region_laterality_name(q->match[i].side))
                                                        : json_null());
        for (size_t r = 0; r < q->match[i].count; r++)
            json_array_append_new(ur, json_string(q->match[i].regions[r]->id));
        json_object_set_new(u, "regions", ur);
        json_array_append_new(ua, u);
    }
    json_object_set_new(o, "understood", ua);
    if (q->ignored[0])
        json_object_set_new(o, "not_understood", json_string(q->ignored));
    json_object_set_new(o, "regions", ra);
    json_object_set_new(o, "order", json_string(APP_WHERE_ORDER_TEXT));
    if (w->side)
        json_object_set_new(o, "side", json_string(w->side));
    json_object_set_new(o, "warnings", wa);
    json_object_set_new(o, "candidates", ca);
    return o;
}
