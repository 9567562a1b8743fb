/*
 * Shared plumbing for subcommands: finding a command by name, printing help and usage
 * errors, and resolving and opening the database (--db, $TRP_DB, then the XDG data
 * directory, created on first use).
 */
#include "cmd/cmd.h"

#include "app/authz.h"
#include "cmd/args.h"
#include "cmd/plugin.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/timeutil.h"
#include "store/store.h"

const struct cmd_entry *cmd_find(const char *name)
{
    for (size_t i = 0; trp_commands[i]; i++)
        if (strcmp(trp_commands[i]->name, name) == 0)
            return trp_commands[i];
    return NULL;
}

int cmd_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

void cmd_print_help(struct cmd_ctx *ctx, const struct cmd_entry *cmd)
{
    /* A command in the rendering module documents itself there; the proxy's short text is
     * only the fallback when the module is missing. */
    const struct cmd_entry *real;
    struct trp_err ignored;
    if (cmd_is_plugin(cmd) && cmd_plugin_resolve(cmd, &real, &ignored) == 0)
        cmd = real;
    fprintf(ctx->out, "usage: trp %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
    if (cmd->help && cmd->help[0])
        fprintf(ctx->out, "\n%s", cmd->help);
}

int cmd_print_json(struct cmd_ctx *ctx, json_t *o, size_t flags, const char *what)
{
    char *s = json_dumps(o, flags);
    json_decref(o);
    if (!s)
        return trp_err_set(&ctx->err, TRP_EIO, "could not encode the %s as JSON", what);
    fputs(s, ctx->out);
    fputc('\n', ctx->out);
    free(s);
    return 0;
}

int cmd_usage(struct cmd_ctx *ctx, const struct cmd_entry *cmd, const char *why)
{
    return trp_err_set(&ctx->err, TRP_EUSAGE, "%s (usage: trp %s %s)", why, cmd->name,
                       cmd->usage);
}

/* mkdir -p for the directory part of path. */
static int make_parent_dirs(struct arena *a, const char *path, struct trp_err *err)
{
    char *copy = arena_strdup(a, path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST)
            return trp_err_set(err, TRP_EIO, "cannot create directory %s: %s", copy,
                               strerror(errno));
        *p = '/';
    }
    return 0;
}

static int cmd_resolve_db(struct cmd_ctx *ctx)
{
    /* --db "" is passed on so the store refuses it, rather than quietly using the default. */
    if (ctx->db_path)
        return 0;
    const char *env = getenv("TRP_DB");
    if (env && env[0]) {
        ctx->db_path = env;
        return 0;
    }
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        ctx->db_path = arena_printf(ctx->arena, "%s/trp/trp.db", xdg);
    else if (home && home[0])
        ctx->db_path = arena_printf(ctx->arena, "%s/.local/share/trp/trp.db", home);
    else
        return trp_err_set(&ctx->err, TRP_EUSAGE,
                           "no database: pass --db PATH or set TRP_DB (HOME is not set)");
    return make_parent_dirs(ctx->arena, ctx->db_path, &ctx->err);
}

/* A write waiting for another trp (a long import) says so instead of seeming to hang. */
static void say_waiting(void *data)
{
    (void)data;
    fputs("trp: waiting for another trp to finish writing...\n", stderr);
    fflush(stderr);
}

/* Commands that only read a diary; the others are logged as writes. */
static int reads_only(const char *cmd)
{
    static const char *const readers[] = {"list",     "show",        "history", "export",
                                          "analyze",  "recurrences", "progress", "chart",
                                          "report",   "today",       NULL};
    for (int i = 0; cmd && readers[i]; i++)
        if (!strcmp(cmd, readers[i]))
            return 1;
    return 0;
}

/* --client ID: the clinic decides (app/authz.c) and logs; the store then works on that
 * client's diary only. */
static int cmd_use_client(struct cmd_ctx *ctx)
{
    int64_t id;
    int rc = args_id(ctx->client, &id, &ctx->err);
    if (rc)
        return trp_err_prefix(&ctx->err, "--client: ");
    struct authz_actor who;
    cmd_terminal_actor(ctx, &who);
    return authz_client(ctx->store, &who, id, reads_only(ctx->cmd_name) ? AUTHZ_READ : AUTHZ_WRITE,
                        ctx->cmd_name ? ctx->cmd_name : "command", &ctx->err);
}

int cmd_store(struct cmd_ctx *ctx, struct store **out)
{
    if (!ctx->store) {
        int rc = cmd_resolve_db(ctx);
        if (rc)
            return rc;
        const struct store_open_opts opts = {.on_wait = say_waiting};
        rc = store_open_with(ctx->db_path, &opts, &ctx->store, &ctx->err);
        if (rc)
            return rc;
        if (ctx->client && (rc = cmd_use_client(ctx)))
            return rc;
    }
    *out = ctx->store;
    return 0;
}

int cmd_parse_time(struct cmd_ctx *ctx, const char *opt, const char *text, int64_t *out)
{
    struct trp_time now, t;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    if ((rc = trp_time_parse(text, &now, &t, &ctx->err)))
        return trp_err_prefix(&ctx->err, "%s: ", opt);
    *out = t.utc;
    return 0;
}
