/*
 * `trp where PHRASE... [--side S] [--limit N] [--json]` and `trp where --from-diary`: which
 * muscles to check for pain felt in these places (kb/where.h), each with why, where its
 * trigger points are, and its self-care in one line. The words are one sentence as the
 * person said it; what was understood is printed first, so a misreading shows at once. The
 * safety gate adds warnings about the places themselves (chest, calf, abdomen, head and
 * temple, jaw, front of the neck) and its verdict for each candidate.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "app/safety_gate.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/say.h"
#include "cmd/commands.h"
#include "kb/where.h"
#include "store/store.h"

#define WHERE_MAX_OUT 30

/* What the order means (kb/where.h), said wherever the list is shown. */
#define ORDER_TEXT                                                                         \
    "more of the places named first, then how strongly and how often the muscle refers "  \
    "there (an essential zone counts twice a spillover zone, times how commonly the "      \
    "muscle is involved), then, weighed together, how much of the places its pattern "    \
    "covers, the grade of evidence for it and how specific its referral is; the order is " \
    "not a probability"

/* "lateral-epicondyle" -> "lateral epicondyle" */
static const char *plain(struct arena *a, const char *base)
{
    char *s = arena_strdup(a, base);
    for (char *p = s; *p; p++)
        if (*p == '-')
            *p = ' ';
    return s;
}

static const char *zone_name(int essential)
{
    return essential == 2   ? "spillover and trigger point"
           : essential == 1 ? "essential"
           : essential == 0 ? "spillover"
                            : "trigger point";
}

/* "left jaw, left temple": what was understood, so a misreading shows at once. */
static const char *understood_text(struct arena *a, const struct where_query *q)
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

static const char *why_text(struct arena *a, const struct where_candidate *c)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    size_t nref = 0, nloc = 0, k;
    for (size_t i = 0; i < c->n_hits; i++)
        c->hits[i].essential >= 0 ? nref++ : nloc++;
    if (nref)
        strbuf_adds(&sb, "refers to ");
    k = 0;
    for (size_t i = 0; i < c->n_hits; i++) {
        if (c->hits[i].essential < 0)
            continue;
        if (k)
            strbuf_adds(&sb, k + 1 == nref ? " and " : ", ");
        strbuf_addf(&sb, "the %s (%s)", plain(a, c->hits[i].base), zone_name(c->hits[i].essential));
        k++;
    }
    if (nloc)
        strbuf_adds(&sb, nref ? "; has a trigger point at " : "has a trigger point at ");
    k = 0;
    for (size_t i = 0; i < c->n_hits; i++) {
        if (c->hits[i].essential >= 0)
            continue;
        if (k)
            strbuf_adds(&sb, k + 1 == nloc ? " and " : ", ");
        strbuf_addf(&sb, "the %s (local pain)", plain(a, c->hits[i].base));
        k++;
    }
    const char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

static const char *self_care(struct arena *a, const struct muscle *m)
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

static int cmd_where_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"side", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {"from-diary", no_argument, NULL, 'd'},
        {"since", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0},
    };
    const char *side = NULL, *since = NULL;
    int limit = 5, json = 0, diary = 0, opt, rc;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 's':
            if (strcmp(optarg, "left") && strcmp(optarg, "right"))
                return trp_err_set(&ctx->err, TRP_EINVAL, "--side must be left or right");
            side = optarg;
            break;
        case 'n':
            if ((rc = args_int("--limit", optarg, 1, WHERE_MAX_OUT, &limit, &ctx->err)))
                return rc;
            break;
        case 'j': json = 1; break;
        case 'd': diary = 1; break;
        case 'S': since = optarg; break;
        default:
            return cmd_usage(ctx, &cmd_where_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
    }
    const char *const *phrases = (const char *const *)argv + optind;
    size_t np = (size_t)(argc - optind);
    struct where_candidate cand[WHERE_MAX_OUT];
    size_t n;
    struct where_query q;
    memset(&q, 0, sizeof q);
    struct diary_weights *dw = NULL; /* --from-diary: the places, for the safety warnings */
    if (diary) {
        if (np)
            return cmd_usage(ctx, &cmd_where_entry, "--from-diary takes no places");
        struct trp_time now, t;
        if ((rc = trp_time_now(&now, &ctx->err)))
            return rc;
        struct store_query sq;
        store_query_init(&sq);
        sq.kind = ENTRY_PAIN;
        sq.has_since = 1;
        sq.since = now.utc - 30 * 86400;
        if (since) {
            if ((rc = trp_time_parse(since, &now, &t, &ctx->err)))
                return trp_err_prefix(&ctx->err, "--since: ");
            sq.since = t.utc;
        }
        struct diary_weights *d = arena_zalloc(ctx->arena, 1, sizeof *d);
        dw = d;
        struct store *s;
        if ((rc = cmd_store(ctx, &s)) || (rc = store_entry_each(s, &sq, diary_one, d, &ctx->err)))
            return rc;
        if (!d->n)
            return trp_err_set(&ctx->err, TRP_EINVAL,
                               "no pain entries with regions in this period: log pain with --region, "
                               "or name the places ('trp where temple')");
        if ((rc = where_rank_weighted(d->bases, d->w, d->n, cand, (size_t)limit, &n, &ctx->err)))
            return rc;
    } else {
        if (!np)
            return cmd_usage(ctx, &cmd_where_entry, "say where it hurts, as in 'trp where temple'");
        if ((rc = where_query_build(phrases, np, &q, &ctx->err)))
            return rc;
        if ((rc = where_rank(&q, cand, (size_t)limit, &n, &ctx->err)))
            return rc;
        /* a side for the header only when every place has the same one */
        for (size_t i = 0; i < q.n_phrases && !side; i++) {
            enum region_laterality lat = q.match[i].side;
            int same = lat == REGION_LAT_LEFT || lat == REGION_LAT_RIGHT;
            for (size_t k = 0; k < q.n_phrases; k++)
                same &= q.match[k].side == lat;
            if (same)
                side = region_laterality_name(lat);
        }
    }

    /* Safety: warnings for the places named, and the gate's verdict per candidate. */
    const struct region *placed[256];
    size_t nplaced = 0;
    for (size_t i = 0; i < q.n_phrases; i++)
        for (size_t r = 0; r < q.match[i].count && nplaced < 256; r++)
            placed[nplaced++] = q.match[i].regions[r];
    for (size_t i = 0; dw && i < dw->n && nplaced < 256; i++) {
        const struct region *r = region_find(dw->bases[i]);
        if (!r)
            r = region_find(arena_printf(ctx->arena, "%s.l", dw->bases[i]));
        if (r)
            placed[nplaced++] = r;
    }
    const char *notes[SAFETY_MAX_PLACE_NOTES];
    size_t nnotes = safety_place_notes(placed, nplaced, notes, SAFETY_MAX_PLACE_NOTES);
    struct store *gs;
    struct safety_gate gate;
    if ((rc = cmd_store(ctx, &gs)) || (rc = safety_gate_load(gs, ctx->arena, &gate, &ctx->err)))
        return rc;
    struct safety_result verdicts[WHERE_MAX_OUT];
    for (size_t i = 0; i < n; i++)
        safety_gate_muscle(&gate, cand[i].muscle, side, ctx->arena, &verdicts[i]);

    if (json) {
        json_t *o = json_object(), *qa = json_array(), *ra = json_array(), *ca = json_array();
        for (size_t i = 0; i < np; i++)
            json_array_append_new(qa, json_string(phrases[i]));
        for (size_t i = 0; i < q.n_phrases; i++)
            for (size_t r = 0; r < q.match[i].count; r++)
                json_array_append_new(ra, json_string(q.match[i].regions[r]->id));
        for (size_t i = 0; i < n; i++) {
            const struct muscle *m = cand[i].muscle;
            json_t *c = json_object(), *ma = json_array(), *tpa = json_array();
            json_object_set_new(c, "muscle", json_string(m->id));
            json_object_set_new(c, "name", json_string(m->name));
            json_object_set_new(c, "score", json_real(round(cand[i].score * 100) / 100));
            for (size_t h = 0; h < cand[i].n_hits; h++) {
                json_t *hit = json_pack("{s:s,s:s}", "region", cand[i].hits[h].base, "zone",
                                        zone_name(cand[i].hits[h].essential));
                if (cand[i].hits[h].phrase >= 0)
                    json_object_set_new(hit, "place", json_string(q.text[cand[i].hits[h].phrase]));
                json_array_append_new(ma, hit);
            }
            json_object_set_new(c, "matched", ma);
            json_object_set_new(c, "places_explained", json_integer(cand[i].phrases_explained));
            json_object_set_new(c, "essential_places", json_integer(cand[i].essential_places));
            json_object_set_new(c, "commonness", json_integer(m->commonness));
            json_object_set_new(c, "evidence", json_string(m->evidence));
            json_object_set_new(c, "specificity", json_real(round(cand[i].specificity * 1000) / 1000));
            json_object_set_new(c, "coverage", json_real(round(cand[i].coverage * 1000) / 1000));
            for (size_t t = 0; t < m->n_tp; t++)
                json_array_append_new(tpa, json_pack("{s:s,s:s,s:s,s:s}", "name", m->tp[t].name, "region",
                                                     m->tp[t].region, "location", m->tp[t].location,
                                                     "how_to_find", m->tp[t].how_to_find));
            json_object_set_new(c, "trigger_points", tpa);
            json_object_set_new(c, "why", json_string(why_text(ctx->arena, &cand[i])));
            json_object_set_new(c, "self_care", json_string(self_care(ctx->arena, m)));
            json_object_set_new(c, "safety", safety_result_json(&verdicts[i]));
            json_array_append_new(ca, c);
        }
        json_t *wa = json_array();
        for (size_t i = 0; i < nnotes; i++)
            json_array_append_new(wa, json_string(notes[i]));
        json_object_set_new(o, "query", qa);
        json_t *ua = json_array();
        for (size_t i = 0; i < q.n_phrases; i++) {
            json_t *u = json_pack("{s:s}", "text", q.text[i]), *ur = json_array();
            json_object_set_new(u, "side", q.match[i].side ? json_string(region_laterality_name(q.match[i].side))
                                                           : json_null());
            for (size_t r = 0; r < q.match[i].count; r++)
                json_array_append_new(ur, json_string(q.match[i].regions[r]->id));
            json_object_set_new(u, "regions", ur);
            json_array_append_new(ua, u);
        }
        json_object_set_new(o, "understood", ua);
        if (q.ignored[0])
            json_object_set_new(o, "not_understood", json_string(q.ignored));
        json_object_set_new(o, "regions", ra);
        json_object_set_new(o, "order", json_string(ORDER_TEXT));
        if (side)
            json_object_set_new(o, "side", json_string(side));
        json_object_set_new(o, "warnings", wa);
        json_object_set_new(o, "candidates", ca);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
        return 0;
    }
    /* Warnings and the lines per muscle are long; at a terminal they wrap at words. */
    int w = say_width(ctx);
    for (size_t i = 0; i < nnotes; i++) {
        say(ctx, w, "WARNING - ", 10, notes[i]);
        fputc('\n', ctx->out);
    }
    if (!n) {
        say(ctx, w, "", 0,
            "No muscle in the knowledge base refers pain there. Pain that no muscle explains "
            "deserves a clinician's look.");
        return 0;
    }
    if (!diary) {
        SAYF(ctx, w, "", 2, "Understood: %s", understood_text(ctx->arena, &q));
        if (q.ignored[0])
            SAYF(ctx, w, "", 2, "Not understood (left out): %s", q.ignored);
        fputc('\n', ctx->out);
    }
    SAYF(ctx, w, "", 0,
         "Muscles%s%s%s whose trigger points are documented to refer pain here, strongest "
         "documented match first: more of the places first, then essential zones (counting "
         "twice spillover) times how commonly the muscle is involved, then the pattern covering "
         "more of the place, the stronger evidence and the more specific pattern; the order "
         "is not a probability.",
         side ? " (" : "", side ? side : "", side ? " side)" : "");
    fputc('\n', ctx->out);
    for (size_t i = 0; i < n; i++) {
        const struct muscle *m = cand[i].muscle;
        SAYF(ctx, w, "", 3, "%zu. %s: %s", i + 1, m->name, why_text(ctx->arena, &cand[i]));
        for (size_t t = 0; t < m->n_tp && t < 2; t++)
            SAYF(ctx, w, "   ", 5, "Trigger point: %s", m->tp[t].location);
        SAYF(ctx, w, "   ", 5, "Self-care: %s", self_care(ctx->arena, m));
        const struct safety_verdict *sv = &verdicts[i].v;
        if (gate.have_intake && !sv->allowed)
            SAYF(ctx, w, "   ", 5, "Safety: not for self-treatment now: %s",
                 safety_result_why(&verdicts[i]));
        else if (gate.have_intake && sv->max_pressure < SAFETY_NO_CAP)
            SAYF(ctx, w, "   ", 5, "Safety: light pressure only, at most %d of 10 ('trp safety %s').",
                 sv->max_pressure, m->id);
        fprintf(ctx->out, "   More: trp muscle %s\n\n", m->id);
    }
    say(ctx, w, "", 0,
        "These are places to check, not a diagnosis (palpation agreement between examiners is "
        "only moderate). Warning signs such as fever, numbness, weakness or chest pain need a "
        "clinician.");
    if (!gate.have_intake)
        say(ctx, w, "", 0,
            "Answer the safety questions with 'trp intake' before treating any of these yourself.");
    return 0;
}

const struct cmd_entry cmd_where_entry = {
    .name = "where",
    .usage = "PHRASE... [--side left|right] [--limit N] [--json] | --from-diary [--since T]",
    .summary = "Which muscles may be referring pain to where it hurts.",
    .help = "  PHRASE is where it hurts, in your own words: temple, \"outer elbow\", \"left heel\",\n"
            "  \"between the shoulder blades\", \"headache at the back of my head\", \"my left jaw\n"
            "  and temple\" (quotes optional). trp says what it understood; a place named without\n"
            "  a side means either side. Muscles that explain more of the places come first. --from-diary uses the regions of your pain entries (last 30 days\n"
            "  by default), weighted by how often and how strongly they hurt.\n"
            "  Referral patterns: Travell & Simons, Trigger Point Manual vols 1-2.\n",
    .exec = cmd_where_exec,
};
