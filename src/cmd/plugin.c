/*
 * plugin.h: locating trp-render.so and looking up the real command entries in it. The
 * module is looked for relative to the running binary first (found through
 * /proc/self/exe, so symlinks to trp work): beside it (the build tree), then in
 * ../lib/trp (where `make install` puts it, whatever the prefix, so an installed tree can
 * be moved or installed into a DESTDIR); then $TRP_PLUGIN_DIR, then the configured prefix.
 */
#include "cmd/plugin.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TRP_PLUGIN_DIR
#define TRP_PLUGIN_DIR "/usr/local/lib/trp"
#endif
#define PLUGIN_NAME "trp-render.so"

static int plugin_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return trp_err_set(&ctx->err, TRP_EIO, "internal: plugin command called without loading");
}

const struct cmd_entry cmd_chart_proxy = {
    .name = "chart",
    .usage = "timeline|bodymap|factors|progress [--since T] [--until T] [--format svg|png|pdf] [-o FILE]",
    .summary = "Draw a chart of the diary (SVG, PNG or PDF).",
    .help = "",
    .exec = plugin_exec,
};

const struct cmd_entry cmd_report_proxy = {
    .name = "report",
    .usage = "[--since T] [--for clinician|patient] [--format pdf|html] [-o FILE]",
    .summary = "A report for your clinician or for yourself (PDF or HTML).",
    .help = "",
    .exec = plugin_exec,
};

int cmd_is_plugin(const struct cmd_entry *cmd)
{
    return cmd->exec == plugin_exec;
}

static void *open_module(char *tried, size_t tried_size)
{
    char path[PATH_MAX + 32];
    tried[0] = '\0';
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"", "/../lib/trp"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                snprintf(path, sizeof path, "%s%s/%s", exe, rel[i], PLUGIN_NAME);
                void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
                if (h)
                    return h;
                size_t len = strlen(tried);
                snprintf(tried + len, tried_size - len, "%s%s", len ? ", " : "", path);
            }
        }
    }
    const char *dir = getenv("TRP_PLUGIN_DIR");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : TRP_PLUGIN_DIR, PLUGIN_NAME);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        size_t len = strlen(tried);
        snprintf(tried + len, tried_size - len, "%s%s (%s)", len ? ", " : "", path, dlerror());
    }
    return h;
}

int cmd_plugin_resolve(const struct cmd_entry *proxy, const struct cmd_entry **out,
                       struct trp_err *err)
{
    static void *handle;
    char tried[2 * PATH_MAX + 256];
    if (!handle && !(handle = open_module(tried, sizeof tried)))
        return trp_err_set(err, TRP_EIO, "cannot load the chart module %s; tried %s", PLUGIN_NAME, tried);
    char sym[64];
    snprintf(sym, sizeof sym, "cmd_%s_entry", proxy->name);
    const struct cmd_entry *real = dlsym(handle, sym);
    if (!real)
        return trp_err_set(err, TRP_EIO, "%s has no command %s", PLUGIN_NAME, proxy->name);
    *out = real;
    return 0;
}
