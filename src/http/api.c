/*
 * The JSON API under /api/v1/, one table of routes. Every route calls the use case in
 * src/app that the CLI command prints (diary.h for the diary, which must be fast and is
 * the heart of the app), so a script and the page read one truth. Every handler answers with
 * JSON (or SVG, PDF, CSV where named) and errors as {"error": one line}, with the status
 * the error code maps to.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/analyze.h"
#include "app/charts.h"
#include "app/diary.h"
#include "app/export.h"
#include "app/import.h"
#include "app/intake.h"
#include "app/muscles.h"
#include "app/plan.h"
#include "app/progress.h"
#include "app/recurrences.h"
#include "app/regions.h"
#include "app/report.h"
#include "app/safety_gate.h"
#include "app/where.h"
#include "base/embedded.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "core/entry_json.h"
#include "core/intake.h"
#include "core/region.h"
#include "kb/muscle.h"
#include "http/http.h"
#include "render/render.h"
#include "stats/clogit.h"
#include "store/store.h"

/* A route: method, path pattern ('*' matches one path segment), handler. */
struct route {
    enum http_method method;
    const char *pattern;
    void (*fn)(struct http_req *q, struct http_resp *r, const char *arg);
};

static void reply_err(struct http_req *q, struct http_resp *r, const struct trp_err *err)
{
    http_resp_error(q, r, http_status_of(err->code), err->msg[0] ? err->msg : "failed");
}

static void reply_text(struct http_resp *r, int status, const char *type, const char *body,
                       size_t len)
{
    r->status = status;
    r->type = type;
    r->body = body;
    r->len = len;
}

/* Serves JSON built in a strbuf: copied into the request's arena (the response outlives
 * the buffer), which is then released. */
static void reply_strbuf(struct http_req *q, struct http_resp *r, struct strbuf *sb)
{
    char *body = arena_alloc(q->arena, sb->len + 1);
    memcpy(body, strbuf_str(sb), sb->len + 1);
    reply_text(r, 200, "application/json", body, sb->len);
    strbuf_release(sb);
}

/* Serves a use case's JSON (src/app) printed as the CLI prints it: same flags, one newline. */
static void reply_dump(struct http_req *q, struct http_resp *r, json_t *o, size_t flags)
{
    char *s = json_dumps(o, flags);
    json_decref(o);
    if (!s)
        return http_resp_error(q, r, 500, "could not encode the answer as JSON");
    const char *body = arena_printf(q->arena, "%s\n", s);
    free(s);
    reply_text(r, 200, "application/json", body, strlen(body));
}

static void reply_json(struct http_req *q, struct http_resp *r, int status, json_t *o)
{
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    const char *body = arena_printf(q->arena, "%s\n", s ? s : "null");
    free(s);
    reply_text(r, status, "application/json", body, strlen(body));
}

static void reply_entry(struct http_req *q, struct http_resp *r, int status, const struct entry *e)
{
    char *s = entry_json_encode(e);
    const char *body = arena_printf(q->arena, "%s\n", s);
    free(s);
    reply_text(r, status, "application/json", body, strlen(body));
}

/* Reads query parameter name into *out (NULL when absent); on a malformed value answers 400
 * and returns -1. */
static int param(struct http_req *q, struct http_resp *r, const char *name, const char **out)
{
    struct trp_err err;
    if (http_query_get(q->arena, q->query, name, out, &err)) {
        reply_err(q, r, &err);
        return -1;
    }
    return 0;
}

static int parse_id(const char *s, int64_t *id)
{
    int64_t v = 0;
    if (!*s || strlen(s) > 18)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    *id = v;
    return v > 0 ? 0 : -1;
}

static int with_store(struct http_req *q, struct http_resp *r, struct store **s)
{
    struct trp_err err;
    if (http_store(q, s, &err)) {
        reply_err(q, r, &err);
        return -1;
    }
    return 0;
}

/* --- session --- */

static void get_session(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    reply_json(q, r, 200, json_pack("{s:s}", "csrf", q->auth->csrf));
}

/* --- entries --- */

static void get_entries(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store_query sq;
    store_query_init(&sq);
    const char *since, *until, *kind, *deleted, *limit;
    if (param(q, r, "since", &since) || param(q, r, "until", &until) ||
        param(q, r, "kind", &kind) || param(q, r, "deleted", &deleted) ||
        param(q, r, "limit", &limit))
        return;
    struct trp_err err;
    trp_err_clear(&err);
    struct trp_time now, t;
    if (trp_time_now(&now, &err))
        return reply_err(q, r, &err);
    if (kind) {
        enum entry_kind k;
        if (entry_kind_parse(kind, &k, &err))
            return reply_err(q, r, &err);
        sq.kind = (int)k;
    }
    if (since) {
        if (trp_time_parse(since, &now, &t, &err)) {
            trp_err_prefix(&err, "since: ");
            return reply_err(q, r, &err);
        }
        sq.has_since = 1;
        sq.since = t.utc;
    }
    if (until) {
        if (trp_time_parse(until, &now, &t, &err)) {
            trp_err_prefix(&err, "until: ");
            return reply_err(q, r, &err);
        }
        sq.has_until = 1;
        sq.until = t.utc;
    }
    if (deleted && !strcmp(deleted, "1"))
        sq.only_deleted = 1;
    if (limit) {
        int64_t n;
        if (parse_id(limit, &n) || n > 100000000) {
            trp_err_set(&err, TRP_EINVAL, "limit: give a whole number from 1 to 100000000");
            return reply_err(q, r, &err);
        }
        sq.limit = n;
    }
    struct store *s;
    if (with_store(q, r, &s))
        return;
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    int rc = app_entries_json(s, &sq, &sb, &err);
    if (rc) {
        strbuf_release(&sb);
        return reply_err(q, r, &err);
    }
    reply_strbuf(q, r, &sb);
}

static void post_entries(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store *s;
    if (with_store(q, r, &s))
        return;
    struct entry e;
    struct trp_err err;
    trp_err_clear(&err);
    if (app_entry_create(s, q->arena, strbuf_str(&q->body), q->body.len, &e, &err))
        return reply_err(q, r, &err);
    http_resp_header(r, "Location", arena_printf(q->arena, "/api/v1/entries/%lld", (long long)e.id));
    reply_entry(q, r, 201, &e);
}

static int entry_id(struct http_req *q, struct http_resp *r, const char *arg, int64_t *id)
{
    if (parse_id(arg, id)) {
        http_resp_error(q, r, 404, arena_printf(q->arena, "no entry %.40s", arg));
        return -1;
    }
    return 0;
}

static void get_entry(struct http_req *q, struct http_resp *r, const char *arg)
{
    int64_t id;
    struct store *s;
    struct entry e;
    struct trp_err err;
    if (entry_id(q, r, arg, &id) || with_store(q, r, &s))
        return;
    if (store_entry_get(s, q->arena, id, &e, &err))
        return reply_err(q, r, &err);
    reply_entry(q, r, 200, &e);
}

static void put_entry(struct http_req *q, struct http_resp *r, const char *arg)
{
    int64_t id;
    struct store *s;
    struct entry e;
    struct trp_err err;
    trp_err_clear(&err);
    if (entry_id(q, r, arg, &id) || with_store(q, r, &s))
        return;
    if (app_entry_replace(s, q->arena, id, strbuf_str(&q->body), q->body.len, &e, &err))
        return reply_err(q, r, &err);
    reply_entry(q, r, 200, &e);
}

static void delete_or_restore(struct http_req *q, struct http_resp *r, const char *arg,
                              int deleting)
{
    int64_t id;
    struct store *s;
    struct entry e;
    struct trp_err err;
    if (entry_id(q, r, arg, &id) || with_store(q, r, &s))
        return;
    int rc = deleting ? store_entry_delete(s, id, &err) : store_entry_restore(s, id, &err);
    if (rc || store_entry_get(s, q->arena, id, &e, &err))
        return reply_err(q, r, &err);
    reply_entry(q, r, 200, &e);
}

static void delete_entry(struct http_req *q, struct http_resp *r, const char *arg)
{
    delete_or_restore(q, r, arg, 1);
}

static void restore_entry(struct http_req *q, struct http_resp *r, const char *arg)
{
    delete_or_restore(q, r, arg, 0);
}

/* Every earlier version of an entry, oldest first, then the entry as it is now. */
static void get_history(struct http_req *q, struct http_resp *r, const char *arg)
{
    int64_t id;
    struct store *s;
    struct entry cur;
    struct store_revision *revs;
    size_t n;
    struct trp_err err;
    if (entry_id(q, r, arg, &id) || with_store(q, r, &s))
        return;
    if (store_entry_get(s, q->arena, id, &cur, &err) ||
        store_entry_history(s, q->arena, id, &revs, &n, &err))
        return reply_err(q, r, &err);
    json_t *versions = json_array();
    for (size_t i = 0; i < n; i++) {
        char when[TRP_TIME_BUF];
        struct trp_time t = {revs[i].revised_at, 0};
        json_array_append_new(versions, json_pack("{s:s,s:o}", "replaced_at",
                                                  trp_time_format(&t, when), "entry",
                                                  entry_to_json(&revs[i].previous)));
    }
    reply_json(q, r, 200, json_pack("{s:I,s:o,s:o}", "id", (json_int_t)id, "versions", versions,
                                    "current", entry_to_json(&cur)));
}

/* --- import and export --- */

static int strbuf_sink(void *data, const char *buf, size_t len)
{
    return strbuf_add(data, buf, len) ? -1 : 0;
}

/* ?TIME parameter name as the CLI's --NAME reads it; -1 after answering 400. */
static int time_param(struct http_req *q, struct http_resp *r, const char *name, int *has,
                      int64_t *out)
{
    const char *text;
    if (param(q, r, name, &text))
        return -1;
    if (!text)
        return 0;
    struct trp_time now, t;
    struct trp_err err;
    if (trp_time_now(&now, &err) || trp_time_parse(text, &now, &t, &err)) {
        trp_err_prefix(&err, "--%s: ", name);
        reply_err(q, r, &err);
        return -1;
    }
    *has = 1;
    *out = t.utc;
    return 0;
}

/* The diary as `trp export --format F` writes it: CSV by default, JSON Lines, or FHIR. */
static void get_export(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *fmt;
    struct store_query sq;
    store_query_init(&sq);
    if (param(q, r, "format", &fmt) || time_param(q, r, "since", &sq.has_since, &sq.since) ||
        time_param(q, r, "until", &sq.has_until, &sq.until))
        return;
    if (!fmt)
        fmt = "csv";
    struct store *s;
    struct trp_err err;
    trp_err_clear(&err);
    if (app_export_check(fmt, &sq, &err))
        return reply_err(q, r, &err);
    if (with_store(q, r, &s))
        return;
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    struct app_sink sink = {strbuf_sink, &sb};
    if (app_export(s, q->arena, fmt, &sq, &sink, &err)) {
        strbuf_release(&sb);
        if (err.code == TRP_EIO)
            trp_err_set(&err, TRP_EINVAL, "the export would be too large; ask for a shorter period");
        return reply_err(q, r, &err);
    }
    int jsonl = !strcmp(fmt, "jsonl"), fhir = !strcmp(fmt, "fhir");
    http_resp_header(r, "Content-Disposition",
                     jsonl  ? "attachment; filename=\"trp-diary.jsonl\""
                     : fhir ? "attachment; filename=\"trp-diary.fhir.json\""
                            : "attachment; filename=\"trp-diary.csv\"");
    /* The buffer goes to the request's arena as it is: a diary of years is not copied. */
    if (sb.buf)
        arena_defer(q->arena, free, sb.buf);
    reply_text(r, 200,
               jsonl  ? "application/x-ndjson; charset=utf-8"
               : fhir ? "application/fhir+json; charset=utf-8"
                      : "text/csv; charset=utf-8",
               strbuf_str(&sb), sb.len);
}

/* The body as `trp import - [--format F] [--dry-run]` reads standard input: all or nothing;
 * answers {"message": the line the CLI prints}. */
static void post_import(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *fmt, *dry;
    if (param(q, r, "format", &fmt) || param(q, r, "dry_run", &dry))
        return;
    int dry_run = dry && !strcmp(dry, "1");
    struct app_import im;
    struct store *s;
    struct trp_err err;
    trp_err_clear(&err);
    int rc = app_import_check(strbuf_str(&q->body), q->body.len, fmt, NULL, 0, &im, &err);
    if (!rc && !dry_run && !(rc = http_store(q, &s, &err)))
        rc = app_import_write(s, &im, &err);
    app_import_release(&im);
    if (rc)
        return reply_err(q, r, &err);
    const char *msg = app_import_summary(q->arena, &im.c, dry_run);
    if (im.intake_line[0])
        msg = arena_printf(q->arena, "%s\n%s", msg, im.intake_line);
    reply_json(q, r, 200, json_pack("{s:s}", "message", msg));
}

/* --- knowledge base and regions --- */

static void get_where(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *text, *side, *limit;
    if (param(q, r, "q", &text) || param(q, r, "side", &side) || param(q, r, "limit", &limit))
        return;
    if (!text || !*text)
        return http_resp_error(q, r, 400, "say where it hurts: /api/v1/where?q=temple");
    /* Several places are separated by commas, as separate phrases are on the command line. */
    const char **phrases = arena_zalloc(q->arena, 17, sizeof *phrases);
    size_t np = 0;
    char *copy = arena_strdup(q->arena, text), *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        while (*p == ' ')
            p++;
        if (*p == '-')
            return http_resp_error(q, r, 400, "a place cannot start with '-'");
        if (*p && np == 16)
            return http_resp_error(q, r, 400, "name at most 16 places at once");
        if (*p)
            phrases[np++] = p;
    }
    if (!np)
        return http_resp_error(q, r, 400, "say where it hurts: /api/v1/where?q=temple");
    struct app_where_req req = {phrases, np, side, 5, 0, 0, 0};
    int64_t n;
    if (limit && (parse_id(limit, &n) || n > APP_WHERE_MAX))
        return http_resp_error(q, r, 400, "limit: give a whole number from 1 to 30");
    if (limit)
        req.limit = (int)n;
    if (side && strcmp(side, "left") && strcmp(side, "right"))
        return http_resp_error(q, r, 400, "side must be left or right");
    struct store *s;
    struct trp_err err;
    struct app_where *w = arena_zalloc(q->arena, 1, sizeof *w);
    if (http_store(q, &s, &err) || app_where(s, q->arena, &req, w, &err))
        return reply_err(q, r, &err);
    reply_dump(q, r, app_where_json(w, q->arena), APP_WHERE_FLAGS);
}

static void get_muscles(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *area;
    if (param(q, r, "area", &area))
        return;
    json_t *o;
    struct trp_err err;
    if (app_muscles(area, &o, &err))
        return reply_err(q, r, &err);
    reply_dump(q, r, o, APP_MUSCLES_FLAGS);
}

static void get_muscle(struct http_req *q, struct http_resp *r, const char *arg)
{
    json_t *o;
    struct trp_err err;
    if (app_muscle(arg, &o, &err)) {
        int status = http_status_of(err.code);
        /* An unknown muscle is a resource that is not there. */
        return http_resp_error(q, r, status == 400 ? 404 : status, err.msg);
    }
    reply_dump(q, r, o, APP_MUSCLES_FLAGS);
}

static void get_regions(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *text;
    if (param(q, r, "q", &text))
        return;
    json_t *o;
    struct trp_err err;
    int rc = text ? app_regions_match(text, &o, &err) : app_regions_list(&o, &err);
    if (rc)
        return reply_err(q, r, &err);
    reply_dump(q, r, o, text ? APP_REGIONS_MATCH_FLAGS : APP_REGIONS_LIST_FLAGS);
}

extern const struct trp_embedded_file trp_bodymap_files[];

/* The body-map figure for the page: every CHOIR segment's polygon and every close-up's fine
 * region with the region's id and label, and the close-ups' outlines, as
 * data/bodymap/figure.tsv holds them. */
static const char *bodymap_json;
static size_t bodymap_json_len;

static void bodymap_free(void)
{
    free((void *)bodymap_json);
}

static void atexit_free_bodymap(void)
{
    atexit(bodymap_free);
}

/* Built once, before any request can race for it. */
static void bodymap_build(void)
{
    json_t *arr = json_array();
    char *text = xstrdup(trp_bodymap_files[0].data), *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int outline = strncmp(line, "outline\t", 8) == 0;
        if (strncmp(line, "shape\t", 6) && !outline)
            continue;
        char *f[4] = {0}, *s2 = NULL;
        int n = 0;
        for (char *t = strtok_r(line, "\t", &s2); t && n < 4; t = strtok_r(NULL, "\t", &s2))
            f[n++] = t;
        if (n < 4)
            continue;
        if (outline) { /* a close-up's silhouette, drawn for orientation only */
            json_array_append_new(arr, json_pack("{s:b,s:s,s:s}", "outline", 1, "view", f[2],
                                                 "points", f[3]));
            continue;
        }
        const struct region *reg = region_find(f[1]);
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s}", "id", f[1], "label",
                                             reg ? reg->label : f[1], "view", f[2], "points",
                                             f[3]));
    }
    free(text);
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    bodymap_json = s ? s : "[]";
    bodymap_json_len = strlen(bodymap_json);
    if (s)
        atexit_free_bodymap();
}

/* The body-map figure for the page: every CHOIR segment's polygon with the region's id and
 * label, as data/bodymap/figure.tsv holds them. */
static void get_bodymap(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, bodymap_build);
    reply_text(r, 200, "application/json", bodymap_json, bodymap_json_len);
    (void)q;
}

/* --- intake --- */

static const char *const section_names[] = {"red_flag", "precaution", "perpetuating", "about_you"};
static const char *const type_names[] = {"yesno", "age", "regions"};

static void get_intake_questions(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    json_t *arr = json_array();
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *iq = &intake_questions[i];
        json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s}", "id", iq->id, "section",
                                             section_names[iq->section], "type",
                                             type_names[iq->type], "prompt", iq->prompt));
    }
    reply_json(q, r, 200, arr);
}

static void get_intake(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store *s;
    struct trp_err err;
    json_t *o;
    int rc = http_store(q, &s, &err);
    if (!rc)
        rc = app_intake_show(s, q->arena, &o, &err);
    /* No intake yet is an answer, not a missing page: null, so the page can ask for one. */
    if (rc == TRP_ENOTFOUND)
        return reply_text(r, 200, "application/json", "null\n", 5);
    if (rc)
        return reply_err(q, r, &err);
    reply_dump(q, r, o, APP_INTAKE_FLAGS);
}

/* Answers as `trp intake --answers` reads them: 201 with the stored intake. */
static void post_intake(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    json_error_t jerr;
    json_t *o = json_loadb(strbuf_str(&q->body), q->body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o)
        return http_resp_error(q, r, 400, arena_printf(q->arena, "line %d: %s", jerr.line, jerr.text));
    struct store *s;
    struct trp_err err;
    trp_err_clear(&err);
    struct intake in;
    int64_t id;
    int rc = http_store(q, &s, &err);
    if (!rc)
        rc = app_intake_answers(s, q->arena, o, &in, &id, &err);
    json_decref(o);
    if (rc)
        return reply_err(q, r, &err);
    get_intake(q, r, NULL);
    if (r->status == 200)
        r->status = 201;
}

/* Records that the red-flag advice was read (`trp intake --acknowledge`). */
static void post_intake_ack(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store *s;
    struct trp_err err;
    trp_err_clear(&err);
    struct app_intake_latest l;
    int nothing;
    if (http_store(q, &s, &err) || app_intake_acknowledge(s, q->arena, &l, &nothing, &err))
        return reply_err(q, r, &err);
    get_intake(q, r, NULL);
}

/* {"cleared_by": NAME}: the clinician who saw the person cleared them for self-treatment
 * (`trp intake --cleared-by NAME`); answers the intake with the clearance. */
static void post_intake_cleared(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    json_error_t jerr;
    json_t *o = json_loadb(strbuf_str(&q->body), q->body.len, JSON_REJECT_DUPLICATES, &jerr);
    const char *by = NULL;
    if (!o || json_unpack_ex(o, &jerr, JSON_STRICT, "{s:s}", "cleared_by", &by)) {
        json_decref(o);
        return http_resp_error(q, r, 400, arena_printf(q->arena, "give {\"cleared_by\": the clinician's name}: %s",
                                                       jerr.text));
    }
    by = arena_strdup(q->arena, by);
    json_decref(o);
    struct store *s;
    struct trp_err err;
    trp_err_clear(&err);
    struct app_intake_latest l;
    if (http_store(q, &s, &err) || app_intake_clear(s, q->arena, by, &l, &err))
        return reply_err(q, r, &err);
    get_intake(q, r, NULL);
}

/* --- plan and sessions --- */

/* The active self-care plan (what `trp plan list` shows), one object per muscle. */
static void get_plan(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store *s;
    struct store_plan_item *items;
    size_t n;
    struct trp_err err;
    if (with_store(q, r, &s))
        return;
    if (store_plan_list(s, q->arena, &items, &n, &err))
        return reply_err(q, r, &err);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:s?,s:i,s:i,s:i}", "muscle", items[i].muscle,
                                             "side", items[i].side, "release_per_week",
                                             items[i].release_per_week, "stretch_per_day",
                                             items[i].stretch_per_day, "strengthen_per_week",
                                             items[i].strengthen_per_week));
    reply_json(q, r, 200, arr);
}

/* {"muscle", "side"?, "release_per_week"?, "stretch_per_day"?, "strengthen_per_week"?}:
 * adds the muscle to the plan as `trp plan add` does (same defaults, same checks, the same
 * safety gate: a muscle it blocks answers 409 saying why and whom to see) and answers 201
 * with the item as GET /plan lists it, and the muscle's name. */
static void post_plan(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    static const char *const keys[PLAN_ACTIVITY_COUNT] = {"release_per_week", "stretch_per_day",
                                                          "strengthen_per_week"};
    json_error_t jerr;
    json_t *o = json_loadb(strbuf_str(&q->body), q->body.len, JSON_REJECT_DUPLICATES, &jerr);
    const char *muscle = NULL, *side = NULL;
    json_t *per[PLAN_ACTIVITY_COUNT] = {NULL, NULL, NULL};
    if (!o || json_unpack_ex(o, &jerr, JSON_STRICT, "{s:s,s?s,s?o,s?o,s?o}", "muscle", &muscle,
                             "side", &side, keys[0], &per[0], keys[1], &per[1], keys[2],
                             &per[2])) {
        json_decref(o);
        return http_resp_error(q, r, 400, arena_printf(q->arena, "give {\"muscle\"} and optionally "
                                                              "\"side\", \"release_per_week\", "
                                                              "\"stretch_per_day\", "
                                                              "\"strengthen_per_week\": %s",
                                                       jerr.text));
    }
    struct app_plan_add req;
    app_plan_add_defaults(&req, arena_strdup(q->arena, muscle));
    req.side = side ? arena_strdup(q->arena, side) : NULL;
    for (int k = 0; k < PLAN_ACTIVITY_COUNT; k++) {
        if (!per[k])
            continue;
        int max = app_plan_per_max((enum plan_activity)k);
        json_int_t v = json_is_integer(per[k]) ? json_integer_value(per[k]) : -1;
        if (v < 0 || v > max) {
            json_decref(o);
            return http_resp_error(q, r, 400, arena_printf(q->arena, "%s: give a whole number from 0 to %d (times a %s)",
                                                           keys[k], max,
                                                           app_plan_per_unit((enum plan_activity)k)));
        }
        req.per[k] = (int)v;
    }
    json_decref(o);
    struct store *s;
    struct app_plan_added got;
    struct trp_err err;
    trp_err_clear(&err);
    /* A typo answers 400 before the diary is opened. */
    if (app_plan_add_check(&req, &err))
        return reply_err(q, r, &err);
    if (with_store(q, r, &s))
        return;
    if (app_plan_add(s, q->arena, &req, &got, &err))
        return reply_err(q, r, &err);
    const struct store_plan_item *it = &got.item;
    reply_json(q, r, 201, json_pack("{s:s,s:s,s:s?,s:i,s:i,s:i}", "muscle", it->muscle, "name",
                                    got.name, "side", it->side, keys[0], it->release_per_week,
                                    keys[1], it->stretch_per_day, keys[2],
                                    it->strengthen_per_week));
}

/* DELETE /plan/MUSCLE: ends the muscle's item as `trp plan remove` does (its history stays
 * in the diary) and answers with the plan that remains. */
static void delete_plan(struct http_req *q, struct http_resp *r, const char *arg)
{
    struct store *s;
    struct trp_err err;
    trp_err_clear(&err);
    if (with_store(q, r, &s))
        return;
    if (app_plan_remove(s, arg, NULL, &err))
        return reply_err(q, r, &err);
    get_plan(q, r, NULL);
}

/* ?weeks=N (1-104, default 4): what `trp plan adherence --weeks N --json` prints. */
static void get_plan_adherence(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *wtext;
    if (param(q, r, "weeks", &wtext))
        return;
    int64_t weeks = 4;
    if (wtext && (parse_id(wtext, &weeks) || weeks > 104))
        return http_resp_error(q, r, 400, "weeks: give a whole number from 1 to 104");
    struct store *s;
    struct trp_time now;
    struct trp_err err;
    struct app_plan_adherence *rows;
    size_t n;
    if (http_store(q, &s, &err) || trp_time_now(&now, &err))
        return reply_err(q, r, &err);
    int64_t today = trp_time_local_day(&now);
    if (app_plan_adherence(s, q->arena, plan_week_start(today) - 7 * (weeks - 1), today, &rows, &n,
                           &err))
        return reply_err(q, r, &err);
    reply_dump(q, r, app_plan_adherence_json(rows, n), APP_PLAN_ADHERENCE_FLAGS);
}

/* {"muscle", "activity", "side"?}: records the activity as `trp plan done` does and
 * answers 201 with the stored treatment entry. */
static void post_plan_done(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    json_error_t jerr;
    json_t *o = json_loadb(strbuf_str(&q->body), q->body.len, JSON_REJECT_DUPLICATES, &jerr);
    const char *muscle = NULL, *activity = NULL, *side = NULL;
    if (!o || json_unpack_ex(o, &jerr, JSON_STRICT, "{s:s,s:s,s?s}", "muscle", &muscle,
                             "activity", &activity, "side", &side)) {
        json_decref(o);
        return http_resp_error(q, r, 400, arena_printf(q->arena, "give {\"muscle\", \"activity\"}"
                                                              " and optionally \"side\": %s",
                                                       jerr.text));
    }
    struct app_plan_done req = {arena_strdup(q->arena, muscle), arena_strdup(q->arena, activity),
                                side ? arena_strdup(q->arena, side) : NULL, 0, 0, {0, 0}};
    json_decref(o);
    struct store *s;
    struct entry e;
    struct trp_err err;
    trp_err_clear(&err);
    if (with_store(q, r, &s))
        return;
    if (app_plan_done(s, q->arena, &req, &e, &err))
        return reply_err(q, r, &err);
    /* The stored treatment, as POST /entries answers. */
    http_resp_header(r, "Location", arena_printf(q->arena, "/api/v1/entries/%lld", (long long)e.id));
    reply_entry(q, r, 201, &e);
}

struct sessions_state {
    struct strbuf *out;
    int64_t n;
};

static int session_one(const struct entry *e, void *data)
{
    struct sessions_state *st = data;
    const char *t = e->treat.technique;
    if (!t || (strcmp(t, "compression") && strcmp(t, "friction")))
        return 0;
    char *js = entry_json_encode(e);
    int rc = strbuf_adds(st->out, st->n++ ? ",\n" : "\n");
    if (!rc)
        rc = strbuf_adds(st->out, js);
    free(js);
    return rc;
}

/* Past sessions: the compression and friction treatments (entries as `trp list --json`). */
static void get_sessions(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *since;
    if (param(q, r, "since", &since))
        return;
    struct store_query sq;
    store_query_init(&sq);
    sq.kind = ENTRY_TREATMENT;
    struct trp_err err;
    trp_err_clear(&err);
    if (since) {
        struct trp_time now, t;
        if (trp_time_now(&now, &err) || trp_time_parse(since, &now, &t, &err)) {
            trp_err_prefix(&err, "since: ");
            return reply_err(q, r, &err);
        }
        sq.has_since = 1;
        sq.since = t.utc;
    }
    struct store *s;
    if (with_store(q, r, &s))
        return;
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    struct sessions_state st = {&sb, 0};
    int rc = strbuf_adds(&sb, "[");
    if (!rc)
        rc = store_entry_each(s, &sq, session_one, &st, &err);
    if (!rc)
        rc = strbuf_adds(&sb, st.n ? "\n]\n" : "]\n");
    if (rc) {
        strbuf_release(&sb);
        if (!err.msg[0])
            trp_err_set(&err, TRP_EINVAL, "the answer would be too large; ask for a shorter period");
        return reply_err(q, r, &err);
    }
    reply_strbuf(q, r, &sb);
}

/* --- the safety gate --- */

/* With muscle (and side): the verdict `trp safety MUSCLE --side S --json` prints. Without:
 * every muscle's verdict (the stricter side), so a page offers only what is allowed. */
static void get_safety(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    const char *muscle, *side;
    if (param(q, r, "muscle", &muscle) || param(q, r, "side", &side))
        return;
    struct store *s;
    struct safety_gate g;
    struct trp_err err;
    trp_err_clear(&err);
    if (with_store(q, r, &s))
        return;
    if (safety_gate_load(s, q->arena, &g, &err))
        return reply_err(q, r, &err);
    if (muscle) {
        struct safety_result res;
        if (safety_gate_check(&g, muscle, side, q->arena, &res, &err))
            return reply_err(q, r, &err);
        return reply_json(q, r, 200, safety_result_json(&res));
    }
    if (side)
        return http_resp_error(q, r, 400, "side needs a muscle: /api/v1/safety?muscle=ID&side=left");
    json_t *arr = json_array();
    for (size_t i = 0; i < muscle_count(); i++) {
        struct safety_result res;
        safety_gate_muscle(&g, muscle_at(i), NULL, q->arena, &res);
        json_array_append_new(arr, safety_result_json(&res));
    }
    reply_json(q, r, 200, arr);
}

/* --- analysis, progress, charts, report --- */

static void get_recurrences(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store_query sq;
    store_query_init(&sq);
    if (time_param(q, r, "since", &sq.has_since, &sq.since))
        return;
    struct store *s;
    struct trp_err err;
    json_t *o;
    if (http_store(q, &s, &err) || app_recurrences(s, q->arena, &sq, NULL, &o, &err))
        return reply_err(q, r, &err);
    reply_dump(q, r, o, APP_RECURRENCES_FLAGS);
}

static void get_analyze(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store_query sq;
    store_query_init(&sq);
    if (time_param(q, r, "since", &sq.has_since, &sq.since))
        return;
    struct store *s;
    struct trp_err err;
    struct app_analysis an;
    int rc = http_store(q, &s, &err);
    if (!rc)
        rc = app_analyze(s, q->arena, NULL, &sq, &an, &err);
    /* The analysis keeps per-thread scratch space; a worker thread gives it back. */
    clogit_release_scratch();
    if (rc)
        return reply_err(q, r, &err);
    reply_dump(q, r, app_analyze_json(&an), APP_ANALYZE_FLAGS);
}

static void get_progress(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store_query sq;
    store_query_init(&sq);
    if (time_param(q, r, "since", &sq.has_since, &sq.since))
        return;
    struct progress_data pd;
    progress_data_init(&pd);
    pd.has_since = sq.has_since;
    pd.since = sq.since;
    struct store *s;
    struct trp_err err;
    json_t *o;
    if (http_store(q, &s, &err) || app_progress(s, q->arena, &pd, &o, &err))
        return reply_err(q, r, &err);
    reply_dump(q, r, o, APP_PROGRESS_FLAGS);
}

static void get_today(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    struct store *s;
    struct trp_err err;
    struct app_today t;
    if (http_store(q, &s, &err) || app_today(s, q->arena, &t, &err))
        return reply_err(q, r, &err);
    reply_dump(q, r, app_today_json(&t), APP_TODAY_FLAGS);
}

/* ?since=&until= as the CLI's --since and --until read them; -1 after answering 400. */
static int period_params(struct http_req *q, struct http_resp *r, struct chart_period *p)
{
    struct store_query sq;
    store_query_init(&sq);
    if (time_param(q, r, "since", &sq.has_since, &sq.since))
        return -1;
    p->has_since = sq.has_since;
    p->since = sq.since;
    const char *until;
    if (param(q, r, "until", &until))
        return -1;
    if (until) {
        struct trp_time now, t;
        struct trp_err err;
        if (trp_time_now(&now, &err) || trp_time_parse(until, &now, &t, &err)) {
            trp_err_prefix(&err, "--until: ");
            reply_err(q, r, &err);
            return -1;
        }
        p->has_until = 1;
        p->until = t.utc;
    }
    return 0;
}

/* A chart as `trp chart KIND --format svg` draws it, at the A4 width. */
static void get_chart(struct http_req *q, struct http_resp *r, const char *arg)
{
    size_t n = strlen(arg);
    if (n < 5 || strcmp(arg + n - 4, ".svg"))
        return http_resp_error(q, r, 404, "charts are SVG: /api/v1/charts/timeline.svg");
    struct chart_period p = {0};
    enum chart_kind kind;
    struct trp_err err;
    trp_err_clear(&err);
    if (app_chart_kind(arena_strndup(q->arena, arg, n - 4), &kind, &err))
        return reply_err(q, r, &err);
    if (period_params(q, r, &p))
        return;
    struct store *s;
    if (with_store(q, r, &s))
        return;
    struct strbuf sb;
    strbuf_init(&sb, STRBUF_DEFAULT_MAX);
    int rc = app_chart_svg(s, q->arena, kind, &p, RENDER_A4_WIDTH, &sb, &err);
    clogit_release_scratch();
    if (rc) {
        strbuf_release(&sb);
        return reply_err(q, r, &err);
    }
    reply_strbuf(q, r, &sb);
    r->type = "image/svg+xml";
}

/* The report as `trp report --format pdf` writes it; ?for=patient for the plain version. */
static void get_report(struct http_req *q, struct http_resp *r, const char *arg)
{
    (void)arg;
    /* On a clinic's server every diary is a client's: the report says whose, as
     * `trp --client ID report` does. */
    struct app_report_opts o = {.clinician = 1, .client = q->cfg->clinic};
    const char *who;
    struct trp_err err;
    trp_err_clear(&err);
    if (param(q, r, "for", &who) || period_params(q, r, &o.period))
        return;
    if (who && app_report_audience(who, &o, &err))
        return reply_err(q, r, &err);
    struct store *s;
    if (with_store(q, r, &s))
        return;
    const char *pdf;
    size_t len;
    int rc = app_report_pdf(s, q->arena, &o, &pdf, &len, NULL, &err);
    clogit_release_scratch();
    if (rc)
        return reply_err(q, r, &err);
    http_resp_header(r, "Content-Disposition", "attachment; filename=\"trp-report.pdf\"");
    reply_text(r, 200, "application/pdf", pdf, len);
}

static const struct route routes[] = {
    {HTTP_GET, "session", get_session},
    {HTTP_GET, "entries", get_entries},
    {HTTP_POST, "entries", post_entries},
    {HTTP_GET, "entries/*", get_entry},
    {HTTP_PUT, "entries/*", put_entry},
    {HTTP_DELETE, "entries/*", delete_entry},
    {HTTP_POST, "entries/*/restore", restore_entry},
    {HTTP_GET, "entries/*/history", get_history},
    {HTTP_GET, "export", get_export},
    {HTTP_POST, "import", post_import},
    {HTTP_GET, "where", get_where},
    {HTTP_GET, "muscles", get_muscles},
    {HTTP_GET, "muscles/*", get_muscle},
    {HTTP_GET, "regions", get_regions},
    {HTTP_GET, "bodymap", get_bodymap},
    {HTTP_GET, "intake/questions", get_intake_questions},
    {HTTP_GET, "intake", get_intake},
    {HTTP_POST, "intake", post_intake},
    {HTTP_POST, "intake/acknowledge", post_intake_ack},
    {HTTP_POST, "intake/cleared-by", post_intake_cleared},
    {HTTP_GET, "today", get_today},
    {HTTP_GET, "safety", get_safety},
    {HTTP_GET, "plan", get_plan},
    {HTTP_POST, "plan", post_plan},
    {HTTP_GET, "plan/adherence", get_plan_adherence},
    {HTTP_DELETE, "plan/*", delete_plan},
    {HTTP_POST, "plan/done", post_plan_done},
    {HTTP_GET, "sessions", get_sessions},
    {HTTP_GET, "recurrences", get_recurrences},
    {HTTP_GET, "analyze", get_analyze},
    {HTTP_GET, "progress", get_progress},
    {HTTP_GET, "charts/*", get_chart},
    {HTTP_GET, "report.pdf", get_report},
};

/* Matches path against pattern; the segment that matched '*' goes to *arg. */
static int match(struct arena *a, const char *pattern, const char *path, const char **arg)
{
    *arg = NULL;
    while (*pattern && *path) {
        if (*pattern == '*') {
            const char *slash = strchr(path, '/');
            size_t n = slash ? (size_t)(slash - path) : strlen(path);
            if (n == 0)
                return 0;
            *arg = arena_strndup(a, path, n);
            path += n;
            pattern++;
        } else if (*pattern++ != *path++) {
            return 0;
        }
    }
    return !*pattern && !*path;
}

void http_api_handle(struct http_req *q, struct http_resp *r)
{
    const char *prefix = "/api/v1/";
    if (strncmp(q->path, prefix, strlen(prefix)))
        return http_resp_error(q, r, 404, arena_printf(q->arena, "no such API: %s", q->path));
    const char *rest = q->path + strlen(prefix);
    enum http_method m = q->method == HTTP_HEAD ? HTTP_GET : q->method;
    int path_known = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const char *arg;
        if (!match(q->arena, routes[i].pattern, rest, &arg))
            continue;
        path_known = 1;
        if (routes[i].method == m)
            return routes[i].fn(q, r, arg ? arg : "");
    }
    if (path_known)
        return http_resp_error(q, r, 405, "method not allowed here");
    http_resp_error(q, r, 404, arena_printf(q->arena, "no such API: %s", q->path));
}
