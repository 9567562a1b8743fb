/*
 * `trp serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]`: the diary in a browser.
 * The first line printed is the address to open, with a one-time token that becomes an
 * HttpOnly, SameSite=Strict session cookie. Only this machine can connect unless another
 * address is given, and then only over TLS, because pain diaries are health data and a
 * shared Wi-Fi is not private.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "http/server.h"
#include "store/store.h"

/* Waits for a stop signal. Meanwhile, once a second of quiet follows some requests, freed
 * memory goes back to the system: glibc keeps what the worker threads freed in their arenas
 * (each thread its own, for speed), so a burst leaves the resident size at the burst's peak
 * and a later burst handled by other threads adds to it. A server that sits open on a
 * laptop all day should not keep a busy minute's memory; malloc_trim costs a millisecond,
 * and only when a burst has ended. */
static void wait_trimming(struct http_server *srv, const sigset_t *stop)
{
    const struct timespec tick = {1, 0};
    unsigned long seen = 0, trimmed = 0;
    for (;;) {
        int sig = sigtimedwait(stop, NULL, &tick);
        if (sig > 0 || (sig < 0 && errno != EAGAIN && errno != EINTR))
            return;
        unsigned long n = http_server_requests(srv);
        if (n == seen && n != trimmed) {
            malloc_trim(0);
            trimmed = n;
        }
        seen = n;
    }
}

static int read_pem(struct cmd_ctx *ctx, const char *opt, const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return trp_err_set(&ctx->err, TRP_EINVAL, "%s: cannot open %s", opt, path);
    char *buf = arena_alloc(ctx->arena, 1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    if (n == 0 || n == (1 << 20) - 1)
        return trp_err_set(&ctx->err, TRP_EINVAL, "%s: %s is empty or too large for a PEM file",
                           opt, path);
    buf[n] = 0;
    *out = buf;
    return 0;
}

static int is_loopback(const char *h)
{
    return !strcmp(h, "127.0.0.1") || !strcmp(h, "::1") || !strcmp(h, "localhost") ||
           !strncmp(h, "127.", 4);
}

/* Splits HOST:PORT (or [V6]:PORT, or :PORT, or a bare PORT). */
static int parse_listen(struct cmd_ctx *ctx, const char *text, char **host, unsigned *port)
{
    const char *colon = NULL;
    char *h;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || (close[1] && close[1] != ':'))
            return trp_err_set(&ctx->err, TRP_EUSAGE, "--listen: use [ADDRESS]:PORT for IPv6");
        h = arena_strndup(ctx->arena, text + 1, (size_t)(close - text - 1));
        colon = close[1] ? close + 1 : NULL;
    } else {
        colon = strrchr(text, ':');
        if (!colon && strspn(text, "0123456789") == strlen(text)) {
            h = arena_strdup(ctx->arena, "127.0.0.1");
            colon = text - 1;
        } else {
            h = colon ? arena_strndup(ctx->arena, text, (size_t)(colon - text))
                      : arena_strdup(ctx->arena, text);
        }
    }
    if (!*h)
        h = arena_strdup(ctx->arena, "127.0.0.1");
    int p = HTTP_DEFAULT_PORT;
    if (colon && args_int("--listen port", colon + 1, 0, 65535, &p, &ctx->err))
        return TRP_EUSAGE;
    *host = h;
    *port = (unsigned)p;
    return 0;
}

static int cmd_serve_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *listen = NULL, *cert_path = NULL, *key_path = NULL;
    int threads = 4, clinic = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !strcmp(a, "--listen")     ? &listen
                            : !strcmp(a, "--tls-cert") ? &cert_path
                            : !strcmp(a, "--tls-key")  ? &key_path
                                                       : NULL;
        if (slot && i + 1 < argc) {
            *slot = argv[++i];
        } else if (!strcmp(a, "--clinic")) {
            clinic = 1;
        } else if (!strcmp(a, "--threads") && i + 1 < argc) {
            int rc = args_int("--threads", argv[++i], 1, 64, &threads, &ctx->err);
            if (rc)
                return rc;
        } else {
            return cmd_usage(ctx, &cmd_serve_entry,
                             slot ? arena_printf(ctx->arena, "option %s needs a value", a)
                                  : arena_printf(ctx->arena, "unknown argument %s", a));
        }
    }
    struct http_config cfg = {.host = "127.0.0.1", .port = HTTP_DEFAULT_PORT,
                              .db_path = ctx->db_path, .threads = (unsigned)threads,
                              .clinic = clinic};
    char *host = NULL;
    int rc;
    if (listen) {
        if ((rc = parse_listen(ctx, listen, &host, &cfg.port)))
            return rc;
        cfg.host = host;
    }
    if (!cert_path != !key_path)
        return cmd_usage(ctx, &cmd_serve_entry, "give both --tls-cert and --tls-key");
    if (!is_loopback(cfg.host) && !cert_path)
        return trp_err_set(&ctx->err, TRP_EUSAGE,
                           "listening on %s lets other machines reach your diary: give "
                           "--tls-cert FILE and --tls-key FILE (or listen on 127.0.0.1)",
                           cfg.host);
    char *cert = NULL, *key = NULL;
    if (cert_path && ((rc = read_pem(ctx, "--tls-cert", cert_path, &cert)) ||
                      (rc = read_pem(ctx, "--tls-key", key_path, &key))))
        return rc;
    cfg.tls_cert = cert;
    cfg.tls_key = key;
    /* Open (and migrate) the database once here, so a bad path fails before any URL; this
     * also resolves the path ($TRP_DB, the XDG default) the worker threads open. */
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    cfg.db_path = ctx->db_path;
    if (clinic && strcmp(store_backend(s), "postgresql"))
        return trp_err_set(&ctx->err, TRP_EUSAGE,
                           "--clinic serves a clinic's PostgreSQL database: give --db "
                           "postgresql://...");
    /* The worker threads inherit this mask, so SIGINT and SIGTERM reach sigwait below. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    /* One malloc arena per core for the worker threads instead of glibc's eight: more buy
     * no parallelism, and each keeps its own freed memory and fragments on its own, which
     * made the resident size creep under load. Set before any worker thread allocates. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, cores > 0 && cores < 64 ? (int)cores : 8);
    struct http_server *srv;
    if ((rc = http_server_start(&cfg, &srv, &ctx->err)))
        return rc;
    int v6 = strchr(cfg.host, ':') != NULL;
    const char *shown = !strcmp(cfg.host, "0.0.0.0") || !strcmp(cfg.host, "::") ? "localhost"
                                                                               : cfg.host;
    /* A clinic's server has accounts instead of the one-time link. */
    fprintf(ctx->out, "%s://%s%s%s:%u%s%s\n", cert ? "https" : "http",
            v6 && strcmp(shown, "localhost") ? "[" : "", shown,
            v6 && strcmp(shown, "localhost") ? "]" : "", http_server_port(srv),
            clinic ? "/api/v1/login" : "/login?token=", clinic ? "" : http_server_token(srv));
    fflush(ctx->out);
    if (!is_loopback(cfg.host))
        fprintf(stderr, "trp: serve: warning: listening on %s: other machines on this network "
                        "can reach this server; only the person with the link above can sign "
                        "in. Stop with Ctrl-C.\n", cfg.host);
    else if (clinic)
        fprintf(stderr, "trp: serve: a clinic's server: open the address above without "
                        "/api/v1/login in a browser and sign in with an account ('trp clinic "
                        "add-therapist'). Stop with Ctrl-C.\n");
    else
        fprintf(stderr, "trp: serve: open the address above in a browser on this machine "
                        "(it works once). Stop with Ctrl-C.\n");
    wait_trimming(srv, &set);
    http_server_stop(srv);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return 0;
}

const struct cmd_entry cmd_serve_entry = {
    .name = "serve",
    .usage = "[--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--threads N] [--clinic]",
    .summary = "Open the diary in a browser (a local web app).",
    .help = "  Listens on 127.0.0.1:8737 by default; port 0 picks a free port. The first line\n"
            "  printed is the address to open; it carries a one-time token that signs the\n"
            "  browser in (restart 'trp serve' for a new one). Listening on another address\n"
            "  (a phone on the same Wi-Fi: --listen 0.0.0.0:8737) needs --tls-cert and\n"
            "  --tls-key (PEM files) and prints a warning.\n"
            "  --clinic (with --db postgresql://...): a clinic's server. Accounts log in with\n"
            "  POST /api/v1/login {\"login\", \"password\"} (a session cookie and {\"csrf\"});\n"
            "  GET /api/v1/clients lists the caller's clients; /api/v1/clients/ID/... is the\n"
            "  API above for one client; POST /api/v1/logout. Every access is audited.\n"
            "  In a browser the app asks for the login, then shows a therapist her clients\n"
            "  (last visit, pain trend, red flags, 'seek another opinion') and opens the\n"
            "  chosen client's diary; a client's account opens their own diary.\n",
    .exec = cmd_serve_exec,
};
