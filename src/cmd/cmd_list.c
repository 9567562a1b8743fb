/*
 * `trp list` and `trp show`: reading the diary back. list walks the store in time order
 * and prints a line (or a JSON object) per entry, so a million entries stream in constant
 * memory.
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
#include "store/store.h"

struct list_state {
    struct cmd_ctx *ctx;
    int json;
    int64_t n;
};

static int list_one(const struct entry *e, void *data)
{
    struct list_state *st = data;
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

static int cmd_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"kind", required_argument, NULL, 'k'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"json", no_argument, NULL, 'j'},
        {"deleted", no_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    struct store_query q;
    store_query_init(&q);
    struct list_state st = {ctx, 0, 0};
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
    if (st.json)
        fputs("[\n", ctx->out);
    rc = store_entry_each(s, &q, list_one, &st, &ctx->err);
    if (st.json)
        fputs(st.n ? "\n]\n" : "]\n", ctx->out);
    return rc;
}

const struct cmd_entry cmd_list_entry = {
    .name = "list",
    .usage = "[--kind K] [--since TIME] [--until TIME] [--limit N] [--deleted] [--json]",
    .summary = "List diary entries in time order.",
    .help = "  --kind K       only pain, task, factor, treatment or note entries\n"
            "  --since TIME   from TIME on (inclusive); --until TIME: before TIME\n"
            "  --limit N      at most N entries\n"
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
