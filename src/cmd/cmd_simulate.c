/*
 * `trp simulate [--days N] [--seed S] [--planted SPEC] [-o FILE] [--truth FILE]`: a
 * simulated diary in the CSV import format and, with --truth, what was planted (JSON). It
 * ends today unless --start says otherwise, and never holds an entry dated after now: a
 * diary is a record of what happened.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "base/atomic_file.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "core/simulate.h"
#include "io/diary_csv.h"

struct sim_out {
    struct strbuf *sb;
    int64_t now;
    long left_out;
};

static int add_csv(const struct entry *e, void *data)
{
    struct sim_out *o = data;
    if (e->at.utc > o->now) {
        o->left_out++;
        return 0;
    }
    return diary_csv_write_entry(o->sb, e);
}

static int cmd_simulate_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    struct sim_config c;
    sim_config_default(&c);
    const char *out_path = NULL, *truth_path = NULL;
    int rc, start_given = 0;
    struct trp_time now;
    if ((rc = trp_time_now(&now, &ctx->err)))
        return rc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc)
            return cmd_usage(ctx, &cmd_simulate_entry, arena_printf(ctx->arena, "%s needs a value", a));
        const char *v = argv[++i];
        if (!strcmp(a, "--days")) {
            if ((rc = args_int("--days", v, 1, 3660, &c.days, &ctx->err)))
                return rc;
        } else if (!strcmp(a, "--seed")) {
            int seed;
            if ((rc = args_int("--seed", v, 0, 2000000000, &seed, &ctx->err)))
                return rc;
            c.seed = (uint64_t)seed;
        } else if (!strcmp(a, "--planted")) {
            if ((rc = sim_parse_planted(v, ctx->arena, &c, &ctx->err)))
                return rc;
        } else if (!strcmp(a, "--start")) {
            struct trp_time t, epoch = {0, 0};
            if ((rc = trp_time_parse(v, &epoch, &t, &ctx->err)))
                return rc;
            c.start_day = trp_time_local_day(&t);
            c.offset_min = t.offset_min;
            start_given = 1;
        } else if (!strcmp(a, "-o")) {
            out_path = v;
        } else if (!strcmp(a, "--truth")) {
            truth_path = v;
        } else {
            return cmd_usage(ctx, &cmd_simulate_entry, arena_printf(ctx->arena, "unknown option %s", a));
        }
    }
    if (!start_given) {
        /* The simulated days end today, so charts up to today are full. */
        c.offset_min = now.offset_min;
        c.start_day = trp_time_local_day(&now) - c.days + 1;
    }
    struct strbuf sb;
    strbuf_init(&sb, (size_t)1 << 31);
    diary_csv_write_header(&sb);
    struct sim_truth truth;
    struct sim_out so = {&sb, now.utc, 0};
    rc = sim_generate(&c, ctx->arena, add_csv, &so, &truth);
    if (!rc && so.left_out && start_given)
        fprintf(stderr, "trp: simulate: %ld entries dated after now were left out\n", so.left_out);
    if (!rc)
        rc = atomic_file_write_all(ctx->arena, out_path, ctx->out, sb.buf, sb.len, &ctx->err);
    strbuf_release(&sb);
    if (!rc && truth_path) {
        json_t *o = json_object(), *pl = json_array(), *fd = json_array();
        for (size_t i = 0; i < c.n_planted; i++)
            json_array_append_new(pl, json_pack("{s:s,s:f,s:i}", "task", c.planted[i].task, "or_per_hour",
                                                c.planted[i].or_per_hour, "lag", c.planted[i].lag));
        for (int i = 0; i < truth.n_flares; i++) {
            if (truth.flare_days[i] > trp_time_local_day(&now))
                continue;
            int64_t y;
            int mo, d;
            trp_civil_from_days(truth.flare_days[i], &y, &mo, &d);
            json_array_append_new(fd, json_string(arena_printf(ctx->arena, "%04lld-%02d-%02d", (long long)y, mo, d)));
        }
        json_object_set_new(o, "seed", json_integer((json_int_t)c.seed));
        json_object_set_new(o, "days", json_integer(c.days));
        json_object_set_new(o, "planted", pl);
        json_object_set_new(o, "bystander", json_string("video calls"));
        json_object_set_new(o, "reverse_causation", json_string("gardening is cut back for 3 days after a flare"));
        json_object_set_new(o, "flare_days", fd);
        char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(o);
        rc = atomic_file_write_all(ctx->arena, truth_path, ctx->out, text, strlen(text), &ctx->err);
        free(text);
    }
    return rc;
}

const struct cmd_entry cmd_simulate_entry = {
    .name = "simulate",
    .usage = "[--days N] [--seed S] [--planted SPEC] [--start DATE] [-o FILE] [--truth FILE]",
    .summary = "Write a realistic simulated diary (CSV) with known planted triggers.",
    .help = "  SPEC: \"computer work:or=1.4:lag=1,gardening:or=1.3:lag=0\" (odds ratio of a\n"
            "  flare per hour of the task, lag in days) or \"none\". Tasks: computer work, phone\n"
            "  calls, video calls (a bystander), driving, gardening (cut back after flares),\n"
            "  carrying a bag.\n"
            "  The diary ends today (--start DATE to place it elsewhere); nothing is dated\n"
            "  after now.\n",
    .exec = cmd_simulate_exec,
};
