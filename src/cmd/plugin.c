/*
 * plugin.h: the proxies for the commands in trp-render.so and looking up the real entries
 * in it (the module is found by render/module.h).
 */
#include "cmd/plugin.h"

#include <stdio.h>

#include "render/module.h"

static int plugin_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return trp_err_set(&ctx->err, TRP_EIO, "internal: plugin command called without loading");
}

const struct cmd_entry cmd_chart_proxy = {
    .name = "chart",
    .usage = "timeline|bodymap|factors|progress [--since T] [--until T] [--format svg|png|pdf] "
             "[--width a4|phone|N] [-o FILE] [--flare DEF]",
    .summary = "Draw a chart of the diary (SVG, PNG or PDF).",
    .help = "",
    .exec = plugin_exec,
};

const struct cmd_entry cmd_report_proxy = {
    .name = "report",
    .usage = "[--since T] [--until T] [--for clinician|patient] [--format pdf|html] [-o FILE] [--flare DEF]",
    .summary = "A report for your clinician or for yourself (PDF or HTML).",
    .help = "",
    .exec = plugin_exec,
};

int cmd_is_plugin(const struct cmd_entry *cmd)
{
    return cmd->exec == plugin_exec;
}

int cmd_plugin_resolve(const struct cmd_entry *proxy, const struct cmd_entry **out,
                       struct trp_err *err)
{
    char sym[64];
    snprintf(sym, sizeof sym, "cmd_%s_entry", proxy->name);
    void *real;
    int rc = render_module_symbol(sym, &real, err);
    if (!rc)
        *out = real;
    return rc;
}
