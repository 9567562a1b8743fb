/*
 * `trp safety MUSCLE [--side left|right] [--json]`: the safety gate's verdict for one muscle
 * and side, from the latest intake: allowed or not, the highest pressure, whether something
 * is urgent, the reasons, and who to see how soon. The same gate decides for session,
 * today, plan and where, so this command shows exactly what they will do.
 */
#include <getopt.h>
#include <string.h>

#include "app/safety_gate.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"

static int cmd_safety_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"side", required_argument, NULL, 's'},
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    const char *side = NULL;
    int json = 0, opt;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 's': side = optarg; break;
        case 'j': json = 1; break;
        default:
            return cmd_usage(ctx, &cmd_safety_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
    }
    if (optind != argc - 1)
        return cmd_usage(ctx, &cmd_safety_entry, "name one muscle");
    struct store *s;
    int rc = cmd_store(ctx, &s);
    if (rc)
        return rc;
    struct safety_gate g;
    if ((rc = safety_gate_load(s, ctx->arena, &g, &ctx->err)))
        return rc;
    struct safety_result r;
    if ((rc = safety_gate_check(&g, argv[optind], side, ctx->arena, &r, &ctx->err)))
        return rc;
    if (json) {
        json_t *o = safety_result_json(&r);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
        return 0;
    }
    fprintf(ctx->out, "%s (%s): ", r.muscle->name, r.side);
    if (r.v.urgent)
        fputs("NOT ALLOWED - URGENT.\n", ctx->out);
    else if (!r.v.allowed)
        fputs("not allowed.\n", ctx->out);
    else if (r.v.max_pressure < SAFETY_NO_CAP)
        fprintf(ctx->out, "allowed, light pressure only: at most %d of 10.\n", r.v.max_pressure);
    else
        fputs("allowed (pressure up to what stays comfortable).\n", ctx->out);
    if (r.v.see)
        fprintf(ctx->out, "See: %s.\n", r.v.see);
    for (size_t i = 0; i < r.v.n_reasons; i++)
        fprintf(ctx->out, "  - %s\n", r.v.reasons[i]);
    return 0;
}

const struct cmd_entry cmd_safety_entry = {
    .name = "safety",
    .usage = "MUSCLE [--side left|right] [--json]",
    .summary = "Whether the intake allows treating a muscle yourself, and how firmly.",
    .help = "  Applies the safety gate that session, today, plan and where use: urgent warning\n"
            "  signs block everything until a clinician's clearance is recorded ('trp intake\n"
            "  --cleared-by NAME'); other red flags until acknowledged; precautions block a\n"
            "  muscle or cap the pressure. Without --side a sided muscle is checked on both\n"
            "  sides and the stricter verdict shown. --json prints {\"muscle\", \"side\",\n"
            "  \"allowed\", \"pressure_max\" (0-10 or null), \"urgent\", \"reasons\", \"see\"}.\n",
    .exec = cmd_safety_exec,
};
