/*
 * `trp where PHRASE... [--side S] [--limit N] [--json]` and `trp where --from-diary`: which
 * muscles to check for pain felt in these places (kb/where.h), each with why, where its
 * trigger points are, and its self-care in one line. The safety gate adds warnings about the
 * places themselves (chest, calf, abdomen, head and temple, jaw, front of the neck) and its
 * verdict for each candidate.
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
#include "cmd/commands.h"
#include "kb/where.h"
#include "store/store.h"

#define WHERE_MAX_OUT 30

/* What the order of the list means: coverage of the places named, not a probability. */
#define WHERE_ORDER                                                                       \
    "Listed by how well each muscle's known referral pattern covers the places named (more " \
    "places, then essential before spillover zones, then how often the muscle is involved); " \
    "the order is not a probability"

/* "lateral-epicondyle" -> "lateral epicondyle" */
static const char *plain(struct arena *a, const char *base)
{
    char *s = arena_strdup(a, base);
    for (char *p = s; *p; p++)
        if (*p == '-')
            *p = ' ';
    return s;
}

static const char *why_text(struct arena *a, const struct where_candidate *c)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    strbuf_adds(&sb, "refers to ");
    for (size_t i = 0; i < c->n_hits; i++) {
        if (i)
            strbuf_adds(&sb, i + 1 == c->n_hits ? " and " : ", ");
        strbuf_addf(&sb, "the %s (%s)", plain(a, c->hits[i].base),
                    c->hits[i].essential ? "essential" : "spillover");
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
        if (!side)
            for (size_t i = 0; i < np; i++)
                if (q.match[i].side == REGION_LAT_LEFT || q.match[i].side == REGION_LAT_RIGHT)
                    side = region_laterality_name(q.match[i].side);
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
            for (size_t h = 0; h < cand[i].n_hits; h++)
                json_array_append_new(ma, json_pack("{s:s,s:s}", "region", cand[i].hits[h].base, "zone",
                                                    cand[i].hits[h].essential ? "essential" : "spillover"));
            json_object_set_new(c, "matched", ma);
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
        json_object_set_new(o, "regions", ra);
        if (side)
            json_object_set_new(o, "side", json_string(side));
        json_object_set_new(o, "warnings", wa);
        json_object_set_new(o, "order", json_string(WHERE_ORDER));
        json_object_set_new(o, "candidates", ca);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
        return 0;
    }
    for (size_t i = 0; i < nnotes; i++)
        fprintf(ctx->out, "WARNING - %s\n\n", notes[i]);
    if (!n) {
        fputs("No muscle in the knowledge base refers pain there. Pain that no muscle explains "
              "deserves a clinician's look.\n", ctx->out);
        return 0;
    }
    fprintf(ctx->out, "Muscles to check%s%s%s. %s:\n\n", side ? " (" : "", side ? side : "",
            side ? " side)" : "", WHERE_ORDER);
    for (size_t i = 0; i < n; i++) {
        const struct muscle *m = cand[i].muscle;
        fprintf(ctx->out, "%zu. %s: %s\n", i + 1, m->name, why_text(ctx->arena, &cand[i]));
        for (size_t t = 0; t < m->n_tp && t < 2; t++)
            fprintf(ctx->out, "   Trigger point: %s\n", m->tp[t].location);
        fprintf(ctx->out, "   Self-care: %s\n", self_care(ctx->arena, m));
        const struct safety_verdict *sv = &verdicts[i].v;
        if (gate.have_intake && !sv->allowed)
            fprintf(ctx->out, "   Safety: not for self-treatment now: %s\n", safety_result_why(&verdicts[i]));
        else if (gate.have_intake && sv->max_pressure < SAFETY_NO_CAP)
            fprintf(ctx->out, "   Safety: light pressure only, at most %d of 10 ('trp safety %s').\n",
                    sv->max_pressure, m->id);
        fprintf(ctx->out, "   More: trp muscle %s\n\n", m->id);
    }
    fputs("These are places to check, not a diagnosis (palpation agreement between examiners is\n"
          "only moderate). Warning signs such as fever, numbness, weakness or chest pain need a\n"
          "clinician.\n",
          ctx->out);
    if (!gate.have_intake)
        fputs("Answer the safety questions with 'trp intake' before treating any of these yourself.\n",
              ctx->out);
    return 0;
}

const struct cmd_entry cmd_where_entry = {
    .name = "where",
    .usage = "PHRASE... [--side left|right] [--limit N] [--json] | --from-diary [--since T]",
    .summary = "Which muscles may be referring pain to where it hurts.",
    .help = "  PHRASE is a place in plain words: temple, \"outer elbow\", \"left heel\",\n"
            "  \"between the shoulder blades\". Several places rank muscles that explain more\n"
            "  of them first. --from-diary uses the regions of your pain entries (last 30 days\n"
            "  by default), weighted by how often and how strongly they hurt.\n"
            "  Referral patterns: Travell & Simons, Trigger Point Manual vols 1-2.\n",
    .exec = cmd_where_exec,
};
