/*
 * Runs one of trp's own commands for the API and captures what it prints, so that
 * `GET /api/v1/recurrences` returns byte for byte what `trp recurrences --json` prints and
 * the two faces cannot drift apart. This is the bridge until the use cases move out of
 * src/cmd into src/app (issue 14's first part); the entries API, which must be fast, does
 * not use it. Commands parse their options with getopt, whose state is global, so calls
 * are serialised by one mutex; they are the slower, rarer requests (analysis, charts,
 * report), so the lock costs little.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/plugin.h"
#include "http/bridge.h"
#include "stats/clogit.h"

static pthread_mutex_t bridge_lock = PTHREAD_MUTEX_INITIALIZER;

int http_bridge_run(struct http_req *q, const char *const *args, const char *in, size_t in_len,
                    struct http_bridge_out *out, struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    const struct cmd_entry *cmd = cmd_find(args[0]);
    if (!cmd)
        BUG("bridge: unknown command");
    int argc = 0;
    while (args[argc])
        argc++;
    char **argv = arena_zalloc(q->arena, (size_t)argc + 1, sizeof *argv);
    for (int i = 0; i < argc; i++)
        argv[i] = arena_strdup(q->arena, args[i]);
    struct store *s;
    int rc = http_store(q, &s, err);
    if (rc)
        return rc;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    FILE *inf = in_len ? fmemopen((void *)in, in_len, "r") : fopen("/dev/null", "r");
    if (!mem || !inf)
        BUG("bridge: cannot open memory streams");
    struct cmd_ctx ctx = {.arena = q->arena, .db_path = q->cfg->db_path, .out = mem,
                          .in = inf, .store = s};
    trp_err_clear(&ctx.err);
    pthread_mutex_lock(&bridge_lock);
    /* Charts and the report live in trp-render.so, loaded on first use as by main. */
    rc = cmd_is_plugin(cmd) ? cmd_plugin_resolve(cmd, &cmd, &ctx.err) : 0;
    if (!rc)
        rc = cmd->exec(&ctx, argc, argv);
    /* The analysis keeps per-thread scratch space; a worker thread must give it back. */
    clogit_release_scratch();
    pthread_mutex_unlock(&bridge_lock);
    fclose(mem);
    fclose(inf);
    if (rc) {
        free(buf);
        *err = ctx.err;
        err->code = rc;
        return rc;
    }
    /* Byte for byte: a PDF holds NUL bytes, so no string copy. */
    char *data = arena_alloc(q->arena, len + 1);
    if (len)
        memcpy(data, buf, len);
    data[len] = 0;
    out->data = data;
    out->len = len;
    free(buf);
    return 0;
}
