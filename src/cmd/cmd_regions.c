/*
 * `trp regions`: the body-region vocabulary, so a person can see which names --region
 * accepts. Without arguments it lists every region (CHOIR segments first, then the finer
 * referral zones) as a table or as JSON; with a phrase it shows what that phrase resolves to,
 * which is the quickest way to check "outer elbow" or "both heels" before logging.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/regions.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "core/region.h"

static void print_table(struct cmd_ctx *ctx)
{
    fprintf(ctx->out, "%-26s %-4s %-7s %-5s %-26s %s\n", "ID", "CODE", "SIDE", "VIEW",
            "PARENT", "LABEL");
    int in_sub = 0;
    for (size_t i = 0; i < region_count(); i++) {
        const struct region *r = region_at(i);
        if (!r->code && !in_sub) {
            fputc('\n', ctx->out);
            in_sub = 1;
        }
        char code[8] = "";
        if (r->code)
            snprintf(code, sizeof code, "%d", r->code);
        fprintf(ctx->out, "%-26s %-4s %-7s %-5s %-26s %s\n", r->id, code,
                region_side_name(r->side), region_view_name(r->view),
                r->parent ? r->parent->id : "", r->label);
    }
}

static int print_match(struct cmd_ctx *ctx, const char *phrase, int json)
{
    if (json) {
        json_t *o;
        int rc = app_regions_match(phrase, &o, &ctx->err);
        return rc ? rc : cmd_print_json(ctx, o, APP_REGIONS_MATCH_FLAGS, "match");
    }
    struct region_match m;
    int rc = region_resolve(phrase, &m, &ctx->err);
    if (rc)
        return rc;
    for (size_t i = 0; i < m.count; i++) {
        const struct region *r = m.regions[i];
        const struct region *seg[2];
        size_t nseg = region_choir_pair(r, seg);
        fprintf(ctx->out, "%-26s %s", r->id, r->label);
        if (r->code)
            fprintf(ctx->out, " (CHOIR %d)", r->code);
        else if (nseg == 2)
            fprintf(ctx->out, " (CHOIR %d and %d, %s and %s)", seg[0]->code, seg[1]->code,
                    seg[0]->label, seg[1]->label);
        else if (nseg == 1)
            fprintf(ctx->out, " (CHOIR %d, %s)", seg[0]->code, seg[0]->label);
        fputc('\n', ctx->out);
    }
    return 0;
}

static int cmd_regions_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    int json = 0;
    opterr = 0;
    optind = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, "+j", opts, NULL)) != -1) {
        if (opt == 'j')
            json = 1;
        else
            return cmd_usage(ctx, &cmd_regions_entry, "unknown option");
    }
    int rc = region_load(&ctx->err);
    if (rc)
        return rc;
    if (optind < argc) {
        if (argc - optind > 1)
            return cmd_usage(ctx, &cmd_regions_entry,
                             "give one phrase (quote it: trp regions \"left temple\")");
        return print_match(ctx, argv[optind], json);
    }
    if (json) {
        json_t *arr;
        rc = app_regions_list(&arr, &ctx->err);
        return rc ? rc : cmd_print_json(ctx, arr, APP_REGIONS_LIST_FLAGS, "regions");
    }
    print_table(ctx);
    return 0;
}

const struct cmd_entry cmd_regions_entry = {
    .name = "regions",
    .usage = "[--json] [PHRASE]",
    .summary = "List the body regions, or show what a phrase such as \"outer elbow\" means.",
    .help =
        "Without PHRASE, lists every body region: first the 74 segments of the CHOIR body\n"
        "map (codes 101-136 front, 201-238 back), then the finer referral zones, each with\n"
        "its side, view (front, back, deep) and the CHOIR segment it lies in.\n"
        "With PHRASE, shows the regions it resolves to, as --region would record them.\n"
        "Phrases ignore case and accept side words: \"left temple\", \"temple on the right\",\n"
        "\"both heels\", \"outer elbow\", \"between the shoulder blades\", \"temple.l\".\n"
        "A phrase without a side names both sides.\n\n"
        "options:\n"
        "  --json    print a JSON array of {id, code, label, side, view, parent}\n"
        "            (with PHRASE: {phrase, base, side, regions})\n",
    .exec = cmd_regions_exec,
};
