/*
 * `trp clinic`: the clinic's accounts and clients, at the terminal of someone who holds
 * the database's credentials (the practice owner, its administrator). Accounts are for
 * `trp serve --clinic`; here the terminal acts, and the audit log says so, naming the
 * system user. Passwords are read from standard input, never from the command line (where
 * other users could see them in the process list).
 */
#include <jansson.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/authz.h"
#include "app/clients.h"
#include "app/clinic.h"
#include "app/visits.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "store/store.h"
#include "store/store_clinic.h"

void cmd_terminal_actor(struct cmd_ctx *ctx, struct authz_actor *who)
{
    const char *user = getenv("USER");
    if (!user || !user[0]) {
        struct passwd *pw = getpwuid(geteuid());
        user = pw ? pw->pw_name : "unknown";
    }
    *who = (struct authz_actor){AUTHZ_TERMINAL, 0, arena_strdup(ctx->arena, user), 0,
                                "terminal"};
}

/* One line of standard input, without its line end. */
static int read_password(struct cmd_ctx *ctx, char **out)
{
    char buf[PASSWORD_MAX + 8];
    if (!fgets(buf, sizeof buf, ctx->in))
        return trp_err_set(&ctx->err, TRP_EINVAL,
                           "no password on standard input: pipe it in, e.g. from a password "
                           "manager");
    buf[strcspn(buf, "\r\n")] = '\0';
    *out = arena_strdup(ctx->arena, buf);
    memset(buf, 0, sizeof buf);
    return 0;
}

static int usage(struct cmd_ctx *ctx, const char *why)
{
    return cmd_usage(ctx, &cmd_clinic_entry, why);
}

static int add_therapist(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                         char **argv)
{
    const char *login = NULL, *role = "therapist";
    int from_stdin = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--password-stdin"))
            from_stdin = 1;
        else if (!strcmp(argv[i], "--admin"))
            role = "admin";
        else if (argv[i][0] != '-' && !login)
            login = argv[i];
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!login || !from_stdin)
        return usage(ctx, "add-therapist LOGIN --password-stdin [--admin]");
    char *pw;
    int64_t id;
    int rc = read_password(ctx, &pw);
    if (rc || (rc = clinic_add_staff(s, who, login, role, pw, &id, &ctx->err)))
        return rc;
    fprintf(ctx->out, "added %s %s\n", role, login);
    return 0;
}

static int add_client(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                      char **argv)
{
    struct clinic_client c = {0};
    int from_stdin = 0;
    for (int i = 2; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "--therapist") && v)
            c.therapist = argv[++i];
        else if (!strcmp(argv[i], "--dob") && v)
            c.date_of_birth = argv[++i];
        else if (!strcmp(argv[i], "--medications") && v)
            c.medications = argv[++i];
        else if (!strcmp(argv[i], "--notes") && v)
            c.notes = argv[++i];
        else if (!strcmp(argv[i], "--login") && v)
            c.login = argv[++i];
        else if (!strcmp(argv[i], "--password-stdin"))
            from_stdin = 1;
        else if (argv[i][0] != '-' && !c.name)
            c.name = argv[i];
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!c.name || !c.therapist)
        return usage(ctx, "add-client NAME --therapist LOGIN [--dob YYYY-MM-DD] "
                          "[--medications TEXT] [--notes TEXT] [--login LOGIN --password-stdin]");
    if (c.login && !from_stdin)
        return usage(ctx, "a client --login needs --password-stdin");
    int rc;
    if (c.login) {
        char *pw;
        if ((rc = read_password(ctx, &pw)))
            return rc;
        c.password = pw;
    }
    int64_t id = 0;
    if ((rc = clinic_add_client(s, who, &c, &id, &ctx->err)))
        return rc;
    fprintf(ctx->out, "%lld\n", (long long)id);
    return 0;
}

static int link_client(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                       char **argv)
{
    const char *client = NULL, *therapist = NULL, *kind = "shared";
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--therapist") && i + 1 < argc)
            therapist = argv[++i];
        else if (!strcmp(argv[i], "--own"))
            kind = "own";
        else if (argv[i][0] != '-' && !client)
            client = argv[i];
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!client || !therapist)
        return usage(ctx, "link CLIENT --therapist LOGIN [--own]");
    int64_t id;
    int rc = args_id(client, &id, &ctx->err);
    if (rc || (rc = clinic_link(s, who, id, therapist, kind, &ctx->err)))
        return rc;
    fprintf(ctx->out, "client %lld is now %s with %s\n", (long long)id,
            !strcmp(kind, "own") ? "the own client of" : "shared", therapist);
    return 0;
}

static int passwd(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                  char **argv)
{
    const char *login = NULL;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--password-stdin"))
            continue; /* the only way there is; accepted for symmetry with add-therapist */
        if (argv[i][0] != '-' && !login)
            login = argv[i];
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!login)
        return usage(ctx, "passwd LOGIN (the new password on standard input)");
    char *pw;
    int rc = read_password(ctx, &pw);
    if (rc || (rc = clinic_passwd(s, who, login, pw, &ctx->err)))
        return rc;
    fprintf(ctx->out, "password of %s changed; its sessions are ended\n", login);
    return 0;
}

static void utc_text(int64_t t, char *buf, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int audit(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                 char **argv)
{
    int json = 0;
    int64_t person = 0, limit = 0;
    int rc;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--of") && i + 1 < argc) {
            if ((rc = args_id(argv[++i], &person, &ctx->err)))
                return rc;
        } else if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
            int n;
            if ((rc = args_int("--limit", argv[++i], 1, 1000000, &n, &ctx->err)))
                return rc;
            limit = n;
        } else {
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
        }
    }
    if ((rc = authz_manage(who, &ctx->err)))
        return rc;
    struct store_audit *rows;
    size_t n;
    if ((rc = store_audit_list(s, ctx->arena, person, limit, &rows, &n, &ctx->err)))
        return rc;
    json_t *arr = json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        char when[32];
        utc_text(rows[i].at, when, sizeof when);
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer(rows[i].id));
            json_object_set_new(o, "at", json_string(when));
            json_object_set_new(o, "actor", json_string(rows[i].actor));
            json_object_set_new(o, "client", rows[i].person_id ? json_integer(rows[i].person_id)
                                                               : json_null());
            json_object_set_new(o, "action", json_string(rows[i].action));
            json_object_set_new(o, "detail", rows[i].detail ? json_string(rows[i].detail)
                                                            : json_null());
            json_object_set_new(o, "origin", json_string(rows[i].origin));
            json_array_append_new(arr, o);
        } else {
            fprintf(ctx->out, "%s  %-24s %-8s %-20s %s  (%s)\n", when, rows[i].actor,
                    rows[i].person_id ? arena_printf(ctx->arena, "#%lld",
                                                     (long long)rows[i].person_id)
                                      : "-",
                    rows[i].action, rows[i].detail ? rows[i].detail : "", rows[i].origin);
        }
    }
    if (json) {
        json_dumpf(arr, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        fputc('\n', ctx->out);
        json_decref(arr);
    }
    return 0;
}

/* What a row asks of the therapist, in words ("" when nothing). */
static const char *flag_words(struct arena *a, const struct app_client *c)
{
    const char *f = c->urgent      ? "URGENT: red flag"
                    : c->red_flags ? "red flag: needs a doctor"
                                   : "";
    if (c->seek_other_opinion)
        f = arena_printf(a, "%s%sseek another opinion", f, *f ? "; " : "");
    return f;
}

static int clients(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                   char **argv)
{
    int json = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    struct app_client *cs;
    size_t n;
    int rc = app_clients_list(s, ctx->arena, who, &cs, &n, &ctx->err);
    if (rc)
        return rc;
    json_t *arr = json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        const struct store_client_row *r = &cs[i].row;
        if (json) {
            json_array_append_new(arr, app_client_json(&cs[i]));
        } else {
            const char *trend = cs[i].trend ? cs[i].trend : "-";
            char visit[32] = "-";
            if (r->last_treatment_at)
                utc_text(r->last_treatment_at, visit, sizeof visit);
            fprintf(ctx->out, "%6lld  %-28s %-10s last visit %-20s pain %s  %s\n",
                    (long long)r->person_id, r->name,
                    r->date_of_birth ? r->date_of_birth : "-", visit, trend,
                    flag_words(ctx->arena, &cs[i]));
        }
    }
    if (json) {
        json_dumpf(arr, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        fputc('\n', ctx->out);
        json_decref(arr);
    } else if (!n) {
        fputs("no clients yet: add one with 'trp clinic add-client NAME --therapist LOGIN'\n",
              ctx->out);
    }
    return 0;
}

static int visit(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                 char **argv)
{
    struct store_visit v = {0};
    const char *client = NULL, *at = NULL;
    int64_t ids[64];
    int rc;
    v.entries = ids;
    for (int i = 2; i < argc; i++) {
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "--subjective") && val)
            v.subjective = argv[++i];
        else if (!strcmp(argv[i], "--objective") && val)
            v.objective = argv[++i];
        else if (!strcmp(argv[i], "--assessment") && val)
            v.assessment = argv[++i];
        else if (!strcmp(argv[i], "--plan") && val)
            v.plan = argv[++i];
        else if (!strcmp(argv[i], "--at") && val)
            at = argv[++i];
        else if (!strcmp(argv[i], "--therapist") && val)
            v.therapist = argv[++i];
        else if (!strcmp(argv[i], "--entry") && val) {
            if (v.n_entries == sizeof ids / sizeof ids[0])
                return usage(ctx, "at most 64 --entry ids");
            if ((rc = args_id(argv[++i], &ids[v.n_entries], &ctx->err)))
                return trp_err_prefix(&ctx->err, "--entry: ");
            v.n_entries++;
        } else if (argv[i][0] != '-' && !client)
            client = argv[i];
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!client)
        return usage(ctx, "visit CLIENT [--at TIME] [--subjective T] [--objective T] "
                          "[--assessment T] [--plan T] [--entry ID]... [--therapist LOGIN]");
    if (!v.subjective && !v.objective && !v.assessment && !v.plan)
        return usage(ctx, "write at least one of --subjective, --objective, --assessment, --plan");
    struct trp_time now, when;
    if ((rc = trp_time_now(&now, &ctx->err)))
        return rc;
    when = now;
    if (at && (rc = trp_time_parse(at, &now, &when, &ctx->err)))
        return trp_err_prefix(&ctx->err, "--at: ");
    if (when.utc > now.utc + 86400)
        return trp_err_set(&ctx->err, TRP_EINVAL, "--at: a visit is recorded after it happened");
    v.at = when.utc;
    v.offset_min = when.offset_min;
    if (!v.therapist)
        v.therapist = who->login;
    int64_t id;
    if ((rc = args_id(client, &id, &ctx->err)) ||
        (rc = authz_client(s, who, id, AUTHZ_WRITE, "visit", &ctx->err)))
        return rc;
    int64_t vid;
    if ((rc = store_visit_add(s, &v, 1, &vid, &ctx->err)))
        return rc;
    fprintf(ctx->out, "visit %lld recorded for client %lld\n", (long long)vid, (long long)id);
    return 0;
}

static int visits(struct cmd_ctx *ctx, struct store *s, struct authz_actor *who, int argc,
                  char **argv)
{
    const char *client = NULL;
    int json = 0, rc;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] != '-' && !client)
            client = argv[i];
        else
            return usage(ctx, arena_printf(ctx->arena, "unexpected argument %s", argv[i]));
    }
    if (!client)
        return usage(ctx, "visits CLIENT [--json]");
    int64_t id;
    json_t *arr;
    if ((rc = args_id(client, &id, &ctx->err)) ||
        (rc = app_visits_json(s, ctx->arena, who, id, &arr, &ctx->err)))
        return rc;
    if (json) {
        json_dumpf(arr, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        fputc('\n', ctx->out);
        json_decref(arr);
        return 0;
    }
    static const char *const soap[] = {"subjective", "objective", "assessment", "plan"};
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        fprintf(ctx->out, "visit %lld  %s  %s\n",
                (long long)json_integer_value(json_object_get(v, "id")),
                json_string_value(json_object_get(v, "time")),
                json_string_value(json_object_get(v, "therapist")));
        for (int k = 0; k < 4; k++) {
            const char *text = json_string_value(json_object_get(v, soap[k]));
            if (text)
                fprintf(ctx->out, "  %c: %s\n", soap[k][0] - 32, text);
        }
        json_t *ids = json_object_get(v, "entries");
        if (json_array_size(ids)) {
            fputs("  entries:", ctx->out);
            size_t j;
            json_t *e;
            json_array_foreach(ids, j, e) {
                fprintf(ctx->out, " #%lld", (long long)json_integer_value(e));
            }
            fputc('\n', ctx->out);
        }
    }
    if (!json_array_size(arr))
        fputs("no visits yet\n", ctx->out);
    json_decref(arr);
    return 0;
}

static int cmd_clinic_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(struct cmd_ctx *, struct store *, struct authz_actor *, int, char **);
    } subs[] = {
        {"add-therapist", add_therapist}, {"add-client", add_client}, {"link", link_client},
        {"passwd", passwd},               {"audit", audit},           {"clients", clients},
        {"visit", visit},                 {"visits", visits},
    };
    if (argc < 2)
        return usage(ctx, "say what to do: add-therapist, add-client, link, passwd, clients, "
                          "audit, visit or visits");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (strcmp(argv[1], subs[i].name))
            continue;
        struct store *s;
        int rc = cmd_store(ctx, &s);
        if (rc)
            return rc;
        if (strcmp(store_backend(s), "postgresql"))
            return trp_err_set(&ctx->err, TRP_EINVAL,
                               "the clinic (accounts, clients, audit) needs a PostgreSQL "
                               "database: give --db postgresql://...");
        struct authz_actor who;
        cmd_terminal_actor(ctx, &who);
        return subs[i].fn(ctx, s, &who, argc, argv);
    }
    return usage(ctx, arena_printf(ctx->arena, "unknown clinic command %s", argv[1]));
}

const struct cmd_entry cmd_clinic_entry = {
    .name = "clinic",
    .usage = "add-therapist|add-client|link|passwd|clients|audit|visit|visits ...",
    .summary = "a clinic's therapists, clients and audit log (PostgreSQL)",
    .help =
        "A clinic keeps its clients' diaries on one PostgreSQL server (--db postgresql://...).\n"
        "Each client has an own therapist; a therapist reads and writes only the diaries of\n"
        "her clients and of clients shared with her. Every read and write of a client's data\n"
        "is written to an append-only audit log.\n"
        "\n"
        "  trp clinic add-therapist LOGIN --password-stdin [--admin]\n"
        "      an account for `trp serve --clinic` (argon2id; at least 10 characters)\n"
        "  trp clinic add-client NAME --therapist LOGIN [--dob YYYY-MM-DD]\n"
        "        [--medications TEXT] [--notes TEXT] [--login LOGIN --password-stdin]\n"
        "      prints the new client's id; --login gives the client an account of their own\n"
        "  trp clinic link CLIENT --therapist LOGIN [--own]\n"
        "      shares a client with another therapist (--own: hands the client over)\n"
        "  trp clinic passwd LOGIN           new password on standard input; ends sessions\n"
        "  trp clinic clients [--json]       clients, last visit, pain trend and red flags\n"
        "  trp clinic audit [--json] [--of CLIENT] [--limit N]\n"
        "  trp clinic visit CLIENT [--at TIME] [--subjective T] [--objective T]\n"
        "        [--assessment T] [--plan T] [--entry ID]... [--therapist LOGIN]\n"
        "      SOAP notes of a visit, tied to that day's practitioner treatments and PGIC and\n"
        "      PSFS ratings (and any --entry)\n"
        "  trp clinic visits CLIENT [--json]  the visit history, newest first\n"
        "\n"
        "The diary commands work on one client with --client ID, e.g.\n"
        "  trp --db postgresql://clinic.example/trp --client 7 list --since -7d\n",
    .exec = cmd_clinic_exec,
};
