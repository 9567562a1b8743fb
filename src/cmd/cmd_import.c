/*
 * `trp import FILE [--dry-run] [--future] [--format csv|jsonl]`: all or nothing, and
 * idempotent. The whole file is parsed and checked first, without touching the database;
 * only then is the write lock taken and the file read again to insert, inside one
 * transaction, so another trp waits for the short write rather than for the parsing. The
 * first bad row refuses the file as "line N: field problem" and the database stays exactly
 * as it was. An entry the diary already holds (same time, kind and content, live or
 * deleted, or an earlier version of the entry whose JSON Lines "id" names it) is counted as
 * already there rather than added again, so importing the same file twice changes nothing.
 * Each diary entry answers for one row only: a file holding the same entry twice (two
 * identical notes in one minute) brings both into a diary that has neither.
 * --dry-run checks the whole file and writes nothing.
 */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/xalloc.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "io/fhir.h"
#include "core/entry_json.h"
#include "core/intake.h"
#include "io/diary_csv.h"
#include "kb/muscle.h"
#include "store/store.h"

#define IMPORT_MAX_BYTES ((size_t)4 << 30)

static int read_all(struct cmd_ctx *ctx, const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : ctx->in;
    if (!f)
        return trp_err_set(&ctx->err, TRP_EINVAL, "cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            if (cap >= IMPORT_MAX_BYTES) {
                free(buf);
                if (f != ctx->in)
                    fclose(f);
                return trp_err_set(&ctx->err, TRP_EINVAL, "%s is larger than 4 GiB; split it", path);
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    int bad = ferror(f);
    if (f != ctx->in)
        fclose(f);
    if (bad) {
        free(buf);
        return trp_err_set(&ctx->err, TRP_EIO, "cannot read %s: %s", path, strerror(errno));
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

struct counts {
    long kinds[ENTRY_KIND_COUNT];
    long total;
    long already; /* in the diary before, so not added again */
};

/* The entry ids this import has matched to a row or written: a set, open addressing. */
struct id_set {
    int64_t *slot; /* 0 = empty (entry ids start at 1) */
    size_t cap, n;
};

static size_t id_slot(const struct id_set *set, int64_t id)
{
    size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15u >> 20) & (set->cap - 1);
    while (set->slot[i] && set->slot[i] != id)
        i = (i + 1) & (set->cap - 1);
    return i;
}

static int id_set_has(const struct id_set *set, int64_t id)
{
    return set->cap && set->slot[id_slot(set, id)] == id;
}

static void id_set_add(struct id_set *set, int64_t id)
{
    if (2 * (set->n + 1) > set->cap) {
        struct id_set grown = {xcalloc(set->cap ? set->cap * 2 : 64, sizeof(int64_t)),
                               set->cap ? set->cap * 2 : 64, 0};
        for (size_t i = 0; i < set->cap; i++)
            if (set->slot[i])
                id_set_add(&grown, set->slot[i]);
        free(set->slot);
        *set = grown;
    }
    size_t i = id_slot(set, id);
    if (!set->slot[i]) {
        set->slot[i] = id;
        set->n++;
    }
}

/* How each row is taken in: checked against the clock (and --future), the muscle named in a
 * treatment resolved through the knowledge base, and (when s is set) written unless the
 * diary already holds it. */
struct import_run {
    struct cmd_ctx *ctx;
    struct store *s;
    struct entry_clock clock;
    struct counts *c;
    struct id_set used; /* diary entries already standing for a row of this file */
};

struct id_list {
    int64_t *ids;
    size_t n, cap;
};

static int collect_id(const struct entry *e, void *data)
{
    struct id_list *l = data;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->ids = xrealloc(l->ids, l->cap * sizeof *l->ids);
    }
    l->ids[l->n++] = e->id;
    return 0;
}

/* The first entry at e's instant and of its kind, with its content, that no earlier row of
 * this file has matched (0 if none). Candidates are collected before any is read back. */
static int find_unused_same(struct import_run *run, const struct entry *e, int64_t *out,
                            struct trp_err *err)
{
    *out = 0;
    struct store_query q;
    store_query_init(&q);
    q.kind = (int)e->kind;
    q.include_deleted = 1;
    q.has_since = q.has_until = 1;
    q.since = e->at.utc;
    q.until = e->at.utc + 1;
    struct id_list l = {NULL, 0, 0};
    int rc = store_entry_each(run->s, &q, collect_id, &l, err);
    char *want = rc ? NULL : entry_json_content(e);
    for (size_t i = 0; !rc && i < l.n && !*out; i++) {
        if (id_set_has(&run->used, l.ids[i]))
            continue;
        struct arena *a = arena_new();
        struct entry cur;
        if (!(rc = store_entry_get(run->s, a, l.ids[i], &cur, err))) {
            char *have = entry_json_content(&cur);
            if (strcmp(have, want) == 0)
                *out = l.ids[i];
            free(have);
        }
        arena_free(a);
    }
    free(want);
    free(l.ids);
    return rc;
}

static int import_accept(struct import_run *run, struct entry *e)
{
    struct trp_err *err = &run->ctx->err;
    int rc;
    if (e->kind == ENTRY_TREATMENT) {
        /* Same rule as 'trp log treat': a muscle trp does not know is a typo until shown
         * otherwise, and an alias is stored as the muscle's id so analyses group it. */
        const struct muscle *m;
        if ((rc = muscle_lookup(e->treat.muscle, &m, err)))
            return rc;
        e->treat.muscle = m->id;
    }
    if ((rc = entry_validate_new(e, &run->clock, err)))
        return rc;
    if (run->s) {
        int64_t same = 0;
        if ((rc = store_entry_find_same(run->s, e, &same, err)))
            return rc;
        /* Taken by an earlier row (or written by this import): look for another copy. */
        if (same && id_set_has(&run->used, same) && (rc = find_unused_same(run, e, &same, err)))
            return rc;
        if (same) {
            id_set_add(&run->used, same);
            run->c->already++;
            return 0;
        }
        if ((rc = store_entry_insert(run->s, e, err)))
            return rc;
        id_set_add(&run->used, e->id);
    }
    run->c->kinds[e->kind]++;
    run->c->total++;
    return 0;
}

/* Parses every row; inserts each when s is not NULL (inside the caller's transaction). */
static int import_csv(struct import_run *run, const char *data, size_t len)
{
    struct cmd_ctx *ctx = run->ctx;
    struct csv_reader r;
    int rc = csv_open(&r, data, len, &ctx->err);
    if (rc)
        return rc;
    struct diary_csv_header h;
    rc = csv_next(&r, &ctx->err);
    if (rc == 0)
        rc = trp_err_set(&ctx->err, TRP_EINVAL, "the file is empty: it needs a header line");
    else if (rc > 0)
        rc = diary_csv_header_parse(&r, &h, &ctx->err);
    struct arena *a = arena_new();
    long since_reset = 0;
    while (rc >= 0 && (rc = csv_next(&r, &ctx->err)) > 0) {
        struct entry e;
        if ((rc = diary_csv_row(&r, &h, a, &e, &ctx->err)))
            break;
        if ((rc = import_accept(run, &e))) {
            trp_err_prefix(&ctx->err, "line %ld: ", r.line);
            break;
        }
        rc = 0;
        if (++since_reset == 10000) {
            arena_free(a);
            a = arena_new();
            since_reset = 0;
        }
    }
    arena_free(a);
    csv_close(&r);
    return rc < 0 ? rc : 0;
}

static int import_jsonl(struct import_run *run, char *data, size_t len)
{
    struct cmd_ctx *ctx = run->ctx;
    if (csv_utf8_valid_prefix(data, len) != len)
        return trp_err_set(&ctx->err, TRP_EINVAL, "not valid UTF-8 text (or contains NUL bytes)");
    struct arena *a = arena_new();
    long line = 0;
    int rc = 0;
    char *p = data;
    while (!rc && p < data + len) {
        line++;
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *next = nl ? nl + 1 : p + n;
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        if (n == 0) {
            p = next;
            continue;
        }
        json_error_t jerr;
        json_t *obj = json_loadb(p, n, JSON_REJECT_DUPLICATES, &jerr);
        if (!obj) {
            rc = trp_err_set(&ctx->err, TRP_EINVAL, "line %ld: not JSON: %s", line, jerr.text);
            break;
        }
        struct entry e;
        rc = entry_from_json(obj, a, &e, &ctx->err);
        if (!rc)
            rc = import_accept(run, &e);
        json_decref(obj);
        if (rc) {
            trp_err_prefix(&ctx->err, "line %ld: ", line);
            break;
        }
        p = next;
        if (line % 10000 == 0) {
            arena_free(a);
            a = arena_new();
        }
    }
    arena_free(a);
    return rc;
}

/* The intake a Bundle carries, checked against the questionnaire; its red flags are counted
 * afresh from the answers rather than taken from the file. */
static int intake_check(struct cmd_ctx *ctx, const struct fhir_intake *fi, int *red_flags)
{
    json_t *obj = json_loads(fi->answers_json, 0, NULL);
    struct intake in;
    int rc = intake_from_json_stored(obj, ctx->arena, &in, &ctx->err);
    json_decref(obj);
    if (rc)
        return trp_err_prefix(&ctx->err, "the Bundle's intake: ");
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    *red_flags = (int)intake_red_flags(&in, flags);
    return 0;
}

/* Writes the Bundle's intake, with its acknowledgement and clearance, unless the diary holds
 * an intake as recent or more: the safety state of a diary never goes back to an older
 * intake. The same intake again only gains what the diary lacks (an acknowledgement or a
 * clearance recorded since), so importing a Bundle twice changes nothing. *what says which
 * for the summary line. */
static int intake_write(struct cmd_ctx *ctx, struct store *s, const struct fhir_intake *fi,
                        int red_flags, const char **what)
{
    struct store_intake have;
    int rc = store_intake_latest(s, ctx->arena, &have, &ctx->err);
    int64_t id;
    if (rc == TRP_ENOTFOUND) {
        trp_err_clear(&ctx->err);
    } else if (rc) {
        return rc;
    } else if (have.taken_at > fi->taken_at ||
               (have.taken_at == fi->taken_at && strcmp(have.answers_json, fi->answers_json))) {
        *what = "the diary's own intake is newer; the Bundle's was not imported";
        return 0;
    }
    if (rc == 0) {
        id = have.id;
        *what = "intake already in the diary";
        if (fi->acknowledged_at && !have.acknowledged_at) {
            if ((rc = store_intake_acknowledge(s, id, fi->acknowledged_at, &ctx->err)))
                return rc;
            *what = "intake already in the diary; its acknowledgement imported";
        }
        if (fi->cleared_at && !have.cleared_at) {
            if ((rc = store_intake_clear(s, id, fi->cleared_by, fi->cleared_at, &ctx->err)))
                return rc;
            *what = "intake already in the diary; its clearance imported";
        }
        return 0;
    }
    if ((rc = store_intake_save(s, fi->answers_json, fi->taken_at, red_flags, &id, &ctx->err)) ||
        (fi->acknowledged_at &&
         (rc = store_intake_acknowledge(s, id, fi->acknowledged_at, &ctx->err))) ||
        (fi->cleared_at &&
         (rc = store_intake_clear(s, id, fi->cleared_by, fi->cleared_at, &ctx->err))))
        return rc;
    *what = "intake imported";
    return 0;
}

static int cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *path = NULL, *format = NULL;
    int dry = 0, future = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dry-run"))
            dry = 1;
        else if (!strcmp(argv[i], "--future"))
            future = 1;
        else if (!strcmp(argv[i], "--format") && i + 1 < argc)
            format = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1])
            return cmd_usage(ctx, &cmd_import_entry, arena_printf(ctx->arena, "unknown option %s", argv[i]));
        else if (path)
            return cmd_usage(ctx, &cmd_import_entry, "give one file");
        else
            path = argv[i];
    }
    if (!path)
        return cmd_usage(ctx, &cmd_import_entry, "give the file to import ('-' for standard input)");
    if (format && strcmp(format, "csv") && strcmp(format, "jsonl"))
        return trp_err_set(&ctx->err, TRP_EUSAGE, "--format must be csv or jsonl");
    char *data = NULL;
    size_t len = 0;
    int rc = read_all(ctx, path, &data, &len);
    if (rc)
        return rc;
    /* A FHIR Bundle from 'trp export --format fhir': trp's entries ride in an extension of
     * each resource and are imported as the JSON Lines they are. */
    struct fhir_intake fi;
    int have_intake = 0, intake_flags = 0;
    const char *intake_what = NULL;
    if ((!format || !strcmp(format, "jsonl")) && fhir_is_bundle(data, len)) {
        char *lines;
        size_t n, skipped;
        rc = fhir_bundle_intake(data, len, ctx->arena, &fi, &ctx->err);
        if (rc == TRP_ENOTFOUND)
            rc = 0;
        else if (!rc && !(rc = intake_check(ctx, &fi, &intake_flags)))
            have_intake = 1;
        if (!rc)
            rc = fhir_bundle_to_jsonl(data, len, &lines, &n, &skipped, &ctx->err);
        free(data);
        if (rc)
            return trp_err_prefix(&ctx->err, "%s: ", path);
        data = lines;
        len = n;
        format = "jsonl";
    }
    if (!format) {
        size_t pl = strlen(path);
        const char *q = data;
        while (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')
            q++;
        format = (pl > 6 && !strcmp(path + pl - 6, ".jsonl")) || (pl > 5 && !strcmp(path + pl - 5, ".json")) || *q == '{'
                     ? "jsonl" : "csv";
    }
    int jsonl = !strcmp(format, "jsonl");
    struct trp_time now;
    if ((rc = trp_time_now(&now, &ctx->err))) {
        free(data);
        return rc;
    }
    struct counts c = {{0}, 0, 0};
    struct import_run run = {ctx, NULL, {now.utc, future}, &c, {NULL, 0, 0}};
    /* First pass: everything parsed and checked, the database not even opened. */
    rc = jsonl ? import_jsonl(&run, data, len) : import_csv(&run, data, len);
    if (!rc && !dry) {
        /* Second pass, under the write lock: the same rows, now written. */
        memset(&c, 0, sizeof c);
        if (!(rc = cmd_store(ctx, &run.s)) && !(rc = store_begin(run.s, &ctx->err))) {
            rc = jsonl ? import_jsonl(&run, data, len) : import_csv(&run, data, len);
            if (!rc && have_intake)
                rc = intake_write(ctx, run.s, &fi, intake_flags, &intake_what);
            if (rc)
                store_rollback(run.s);
            else
                rc = store_commit(run.s, &ctx->err);
        }
    }
    free(data);
    free(run.used.slot);
    if (rc)
        return trp_err_prefix(&ctx->err, "%s: ", path), rc;
    fprintf(ctx->out, "%s %ld %s (pain %ld, task %ld, factor %ld, treatment %ld, note %ld",
            dry ? "checked" : "imported", c.total, c.total == 1 ? "entry" : "entries",
            c.kinds[ENTRY_PAIN], c.kinds[ENTRY_TASK], c.kinds[ENTRY_FACTOR],
            c.kinds[ENTRY_TREATMENT], c.kinds[ENTRY_NOTE]);
    /* The newer kinds only when present, so the usual line stays short. */
    for (int k = ENTRY_MEDICATION; k < ENTRY_KIND_COUNT; k++)
        if (c.kinds[k])
            fprintf(ctx->out, ", %s %ld", entry_kind_name((enum entry_kind)k), c.kinds[k]);
    fputc(')', ctx->out);
    if (c.already)
        fprintf(ctx->out, "; %ld already in the diary, not added again", c.already);
    fprintf(ctx->out, "%s\n", dry ? "; nothing written (--dry-run)" : "");
    if (have_intake) {
        struct trp_time t = {fi.taken_at, 0};
        char when[TRP_TIME_BUF];
        fprintf(ctx->out, "intake of %s (%d red flag%s%s%s%s): %s\n", trp_time_format(&t, when),
                intake_flags, intake_flags == 1 ? "" : "s",
                fi.acknowledged_at ? ", acknowledged" : "", fi.cleared_by ? ", cleared by " : "",
                fi.cleared_by ? fi.cleared_by : "",
                dry ? "checked, not written (--dry-run)" : intake_what);
    }
    return 0;
}

const struct cmd_entry cmd_import_entry = {
    .name = "import",
    .usage = "FILE [--dry-run] [--future] [--format csv|jsonl]",
    .summary = "Import a CSV or JSON Lines diary, all or nothing.",
    .help = "  The format follows the file name (.jsonl/.json) or its first character.\n"
            "  Any bad row refuses the whole file; the message names the line and field and\n"
            "  nothing is written. See README.md for the columns.\n"
            "  Entries already in the diary (same time, kind and content) are not added\n"
            "  again, so importing a file twice changes nothing.\n"
            "  --future  accept times more than a day ahead (a plan)\n"
            "  A FHIR Bundle from 'trp export --format fhir' brings back its entries and its\n"
            "  intake (answers, acknowledgement, clearance) unless the diary holds a newer one.\n",
    .exec = cmd_import_exec,
};
