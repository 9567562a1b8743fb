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
#include <string.h>

#include "app/where.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/say.h"
#include "cmd/commands.h"
#include "kb/where.h"
#include "store/store.h"

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
            if ((rc = args_int("--limit", optarg, 1, APP_WHERE_MAX, &limit, &ctx->err)))
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
    struct app_where_req req = {(const char *const *)argv + optind, (size_t)(argc - optind),
                                side, limit, diary, 0, 0};
    if (diary && req.n_phrases)
        return cmd_usage(ctx, &cmd_where_entry, "--from-diary takes no places");
    if (!diary && !req.n_phrases)
        return cmd_usage(ctx, &cmd_where_entry, "say where it hurts, as in 'trp where temple'");
    if (diary && since) {
        struct trp_time now, t;
        if ((rc = trp_time_now(&now, &ctx->err)))
            return rc;
        if ((rc = trp_time_parse(since, &now, &t, &ctx->err)))
            return trp_err_prefix(&ctx->err, "--since: ");
        req.has_since = 1;
        req.since = t.utc;
    }
    /* Places are checked before the store is opened: a typo creates no database. */
    struct store *s = NULL;
    struct app_where *wh = arena_zalloc(ctx->arena, 1, sizeof *wh);
    if ((diary && (rc = cmd_store(ctx, &s))) ||
        (rc = app_where_rank(s, ctx->arena, &req, wh, &ctx->err)) || (rc = cmd_store(ctx, &s)) ||
        (rc = app_where_gate(s, ctx->arena, wh, &ctx->err)))
        return rc;
    if (json)
        return cmd_print_json(ctx, app_where_json(wh, ctx->arena), APP_WHERE_FLAGS, "where");
    const struct where_query *q = &wh->q;
    const struct where_candidate *cand = wh->cand;
    size_t n = wh->n, nnotes = wh->n_notes;
    const char *const *notes = wh->notes;
    const struct safety_result *verdicts = wh->verdicts;
    side = wh->side;
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
        SAYF(ctx, w, "", 2, "Understood: %s", app_where_understood(ctx->arena, q));
        if (q->ignored[0])
            SAYF(ctx, w, "", 2, "Not understood (left out): %s", q->ignored);
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
        SAYF(ctx, w, "", 3, "%zu. %s: %s", i + 1, m->name, app_where_why(ctx->arena, &cand[i]));
        for (size_t t = 0; t < m->n_tp && t < 2; t++)
            SAYF(ctx, w, "   ", 5, "Trigger point: %s", m->tp[t].location);
        SAYF(ctx, w, "   ", 5, "Self-care: %s", app_where_self_care(ctx->arena, m));
        const struct safety_verdict *sv = &verdicts[i].v;
        if (wh->have_intake && !sv->allowed)
            SAYF(ctx, w, "   ", 5, "Safety: not for self-treatment now: %s",
                 safety_result_why(&verdicts[i]));
        else if (wh->have_intake && sv->max_pressure < SAFETY_NO_CAP)
            SAYF(ctx, w, "   ", 5, "Safety: light pressure only, at most %d of 10 ('trp safety %s').",
                 sv->max_pressure, m->id);
        fprintf(ctx->out, "   More: trp muscle %s\n\n", m->id);
    }
    say(ctx, w, "", 0,
        "These are places to check, not a diagnosis (palpation agreement between examiners is "
        "only moderate). Warning signs such as fever, numbness, weakness or chest pain need a "
        "clinician.");
    if (!wh->have_intake)
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
            "  a side means either side. Muscles that explain more of the places come first.\n"
            "  --from-diary uses the regions of your pain entries (last 30 days by default),\n"
            "  weighted by how often and how strongly they hurt.\n"
            "  Referral patterns: Travell & Simons, Trigger Point Manual vols 1-2.\n",
    .exec = cmd_where_exec,
};
