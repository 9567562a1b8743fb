/*
 * `trp list` and `trp show`: reading the diary back. list walks the store in time order
 * and prints a line (or a JSON object) per entry, so a million entries stream in constant
 * memory. --limit N shows the N most recent matches, still oldest first (what someone
 * checking their last few entries expects); an empty result says why in words.
 * --region reads its phrase as `where` does: a place named without a side means both
 * sides, and a CHOIR segment ("choir 105") takes in the smaller regions inside it.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "core/entry_json.h"
#include "core/region.h"
#include "store/store.h"

struct list_state {
    struct cmd_ctx *ctx;
    int json;
    int64_t n;
    int64_t skip; /* older matches before the last --limit ones */
    const struct region_match *where; /* --region, or NULL for every entry */
    int count_only;                    /* first pass of --limit with --region */
};

static int region_named(const struct region_match *m, const struct region *r)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->regions[i] == r)
            return 1;
    return 0;
}

/* Whether one of the entry's regions is a named region or lies in a named CHOIR segment
 * (a midline region lies in both sides' segments). */
static int entry_in_regions(const struct entry *e, const struct region_match *m)
{
    for (size_t i = 0; i < e->n_regions; i++) {
        const struct region *r = region_find(e->regions[i].region);
        if (!r)
            continue;
        if (region_named(m, r))
            return 1;
        const struct region *pair[2];
        size_t np = region_choir_pair(r, pair);
        for (size_t j = 0; j < np; j++)
            if (region_named(m, pair[j]))
                return 1;
    }
    return 0;
}

static int list_one(const struct entry *e, void *data)
{
    struct list_state *st = data;
    if (st->where && !entry_in_regions(e, st->where))
        return 0;
    if (st->count_only) {
        st->n++;
        return 0;
    }
    if (st->skip > 0) {
        st->skip--;
        return 0;
    }
    if (st->json) {
        if (st->n)
            fputs(",\n", st->ctx->out);
        char *s = entry_json_encode(e);
        fputs(s, st->ctx->out);
        free(s);
    } else {
        entry_print_line(st->ctx, e);
    }
    st->n++;
    return 0;
}

/* Nothing listed: an empty diary gets a first step, a filter that matched nothing says so. */
static int say_why_empty(struct cmd_ctx *ctx, struct store *s, const struct store_query *q)
{
    struct store_query all;
    store_query_init(&all);
    all.include_deleted = 1;
    int64_t n = 0;
    int rc = store_entry_count(s, &all, &n, &ctx->err);
    if (rc)
        return rc;
    if (n == 0)
        fputs("The diary is empty. Start with 'trp log pain 6 --region \"left temple\"', or\n"
              "bring in an earlier diary with 'trp import FILE' (see 'trp help import').\n",
              ctx->out);
    else if (q->only_deleted)
        fputs("No deleted entries match.\n", ctx->out);
    else {
        all.include_deleted = 0;
        if ((rc = store_entry_count(s, &all, &n, &ctx->err)))
            return rc;
        if (n == 0)
            fputs("Every entry is deleted; 'trp list --deleted' shows them.\n", ctx->out);
        else
            fprintf(ctx->out, "No entries match; the diary has %lld in all (try without --kind, "
                              "--since or --until).\n", (long long)n);
    }
    return 0;
}

static int cmd_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"kind", required_argument, NULL, 'k'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"json", no_argument, NULL, 'j'},
        {"deleted", no_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"region", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0},
    };
    struct store_query q;
    store_query_init(&q);
    struct list_state st = {ctx, 0, 0, 0, NULL, 0};
    struct region_match where;
    struct trp_time now, t;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    opterr = 0;
    optind = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        enum entry_kind k;
        int lim;
        switch (opt) {
        case 'k':
            if ((rc = entry_kind_parse(optarg, &k, &ctx->err)))
                return rc;
            q.kind = (int)k;
            break;
        case 's':
            if ((rc = trp_time_parse(optarg, &now, &t, &ctx->err)))
                return trp_err_prefix(&ctx->err, "--since: ");
            q.has_since = 1;
            q.since = t.utc;
            break;
        case 'u':
            if ((rc = trp_time_parse(optarg, &now, &t, &ctx->err)))
                return trp_err_prefix(&ctx->err, "--until: ");
            q.has_until = 1;
            q.until = t.utc;
            break;
        case 'j':
            st.json = 1;
            break;
        case 'd':
            q.only_deleted = 1;
            break;
        case 'r':
            if ((rc = region_resolve(optarg, &where, &ctx->err)))
                return trp_err_prefix(&ctx->err, "--region: ");
            st.where = &where;
            break;
        case 'n':
            if ((rc = args_int("--limit", optarg, 1, 100000000, &lim, &ctx->err)))
                return rc;
            q.limit = lim;
            break;
        case ':':
            return cmd_usage(ctx, &cmd_list_entry,
                             arena_printf(ctx->arena, "option %s needs a value", argv[optind - 1]));
        default:
            return cmd_usage(ctx, &cmd_list_entry,
                             arena_printf(ctx->arena, "unknown option %s", argv[optind - 1]));
        }
    }
    if (optind < argc)
        return cmd_usage(ctx, &cmd_list_entry,
                         arena_printf(ctx->arena, "unexpected argument \"%s\"", argv[optind]));
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    if (q.limit > 0) {
        /* The newest N: count the matches, then skip the older ones on the walk. */
        int64_t total;
        if (st.where) {
            /* Only the entries in the region count, so walk once to count them. */
            struct store_query all = q;
            all.limit = 0;
            st.count_only = 1;
            if ((rc = store_entry_each(s, &all, list_one, &st, &ctx->err)))
                return rc;
            total = st.n;
            st.n = 0;
            st.count_only = 0;
        } else if ((rc = store_entry_count(s, &q, &total, &ctx->err)))
            return rc;
        st.skip = total > q.limit ? total - q.limit : 0;
        q.limit = 0;
    }
    if (st.json)
        fputs("[\n", ctx->out);
    rc = store_entry_each(s, &q, list_one, &st, &ctx->err);
    if (st.json)
        fputs(st.n ? "\n]\n" : "]\n", ctx->out);
    if (!rc && !st.json && st.n == 0 && st.where)
        fputs("No entries in that region match; 'trp list' shows every place.\n", ctx->out);
    else if (!rc && !st.json && st.n == 0)
        rc = say_why_empty(ctx, s, &q);
    return rc;
}

const struct cmd_entry cmd_list_entry = {
    .name = "list",
    .usage = "[--kind K] [--region PHRASE] [--since TIME] [--until TIME] [--limit N] [--deleted] "
             "[--json]",
    .summary = "List diary entries in time order.",
    .help = "  --kind K       only pain, task, factor, treatment or note entries\n"
            "  --region P     only entries in place P (\"neck\" means both sides; \"choir 105\"\n"
            "                 includes the smaller regions inside that segment)\n"
            "  --since TIME   from TIME on (inclusive); --until TIME: before TIME\n"
            "  --limit N      only the N most recent entries (shown oldest first)\n"
            "  --deleted      only deleted entries (restore with 'trp restore ID')\n"
            "  --json         a JSON array of entry objects\n",
    .exec = cmd_list_exec,
};

static int cmd_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    const char *idtext = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (argv[i][0] == '-')
            return cmd_usage(ctx, &cmd_show_entry,
                             arena_printf(ctx->arena, "unknown option %s", argv[i]));
        else if (idtext)
            return cmd_usage(ctx, &cmd_show_entry, "give one entry id");
        else
            idtext = argv[i];
    }
    if (!idtext)
        return cmd_usage(ctx, &cmd_show_entry, "give the entry id (see 'trp list')");
    int64_t id;
    int rc = args_id(idtext, &id, &ctx->err);
    if (rc)
        return rc;
    struct store *s;
    struct entry e;
    if ((rc = cmd_store(ctx, &s)) || (rc = store_entry_get(s, ctx->arena, id, &e, &ctx->err)))
        return rc;
    if (json)
        return entry_print_json(ctx, &e);
    entry_print_detail(ctx, &e);
    return 0;
}

const struct cmd_entry cmd_show_entry = {
    .name = "show",
    .usage = "ID [--json]",
    .summary = "Show every field of one entry.",
    .help = "",
    .exec = cmd_show_exec,
};
