/*
 * The import use case (see import.h): two passes over the same rows, the first without a
 * store, the second inside one transaction.
 */
#include "app/import.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "core/entry_json.h"
#include "core/intake.h"
#include "io/diary_csv.h"
#include "io/fhir.h"
#include "kb/muscle.h"

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
    struct trp_err *err;
    struct store *s;
    struct entry_clock clock;
    struct app_import_counts *c;
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
    struct trp_err *err = run->err;
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
    struct trp_err *err = run->err;
    struct csv_reader r;
    int rc = csv_open(&r, data, len, err);
    if (rc)
        return rc;
    struct diary_csv_header h;
    rc = csv_next(&r, err);
    if (rc == 0)
        rc = trp_err_set(err, TRP_EINVAL, "the file is empty: it needs a header line");
    else if (rc > 0)
        rc = diary_csv_header_parse(&r, &h, err);
    struct arena *a = arena_new();
    long since_reset = 0;
    while (rc >= 0 && (rc = csv_next(&r, err)) > 0) {
        struct entry e;
        if ((rc = diary_csv_row(&r, &h, a, &e, err)))
            break;
        if ((rc = import_accept(run, &e))) {
            trp_err_prefix(err, "line %ld: ", r.line);
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

static int import_jsonl(struct import_run *run, const char *data, size_t len)
{
    struct trp_err *err = run->err;
    if (csv_utf8_valid_prefix(data, len) != len)
        return trp_err_set(err, TRP_EINVAL, "not valid UTF-8 text (or contains NUL bytes)");
    struct arena *a = arena_new();
    long line = 0;
    int rc = 0;
    const char *p = data;
    while (!rc && p < data + len) {
        line++;
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *next = nl ? nl + 1 : p + n;
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        if (n == 0) {
            p = next;
            continue;
        }
        json_error_t jerr;
        json_t *obj = json_loadb(p, n, JSON_REJECT_DUPLICATES, &jerr);
        if (!obj) {
            rc = trp_err_set(err, TRP_EINVAL, "line %ld: not JSON: %s", line, jerr.text);
            break;
        }
        struct entry e;
        rc = entry_from_json(obj, a, &e, err);
        if (!rc)
            rc = import_accept(run, &e);
        json_decref(obj);
        if (rc) {
            trp_err_prefix(err, "line %ld: ", line);
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

/* The Bundle's intake, checked against the questionnaire; its red flags are counted afresh
 * from the answers rather than taken from the file. */
static int intake_check(struct app_import *im, struct trp_err *err)
{
    json_t *obj = json_loads(im->intake.answers_json, 0, NULL);
    struct intake in;
    int rc = intake_from_json_stored(obj, im->intake_arena, &in, err);
    json_decref(obj);
    if (rc)
        return trp_err_prefix(err, "the Bundle's intake: ");
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    im->intake_flags = (int)intake_red_flags(&in, flags);
    return 0;
}

/* "intake of TIME (N red flags, acknowledged, cleared by X): WHAT". */
static void intake_say(struct app_import *im, const char *what)
{
    const struct fhir_intake *fi = &im->intake;
    struct trp_time t = {fi->taken_at, 0};
    char when[TRP_TIME_BUF];
    snprintf(im->intake_line, sizeof im->intake_line, "intake of %s (%d red flag%s%s%s%.200s): %s",
             trp_time_format(&t, when), im->intake_flags, im->intake_flags == 1 ? "" : "s",
             fi->acknowledged_at ? ", acknowledged" : "", fi->cleared_by ? ", cleared by " : "",
             fi->cleared_by ? fi->cleared_by : "", what);
}

/* Writes the Bundle's intake, with its acknowledgement and clearance, unless the diary holds
 * an intake as recent or more: the safety state of a diary never goes back to an older
 * intake. The same intake again only gains what the diary lacks (an acknowledgement or a
 * clearance recorded since), so importing a Bundle twice changes nothing. */
static int intake_write(struct store *s, struct app_import *im, struct trp_err *err)
{
    const struct fhir_intake *fi = &im->intake;
    struct store_intake have;
    int rc = store_intake_latest(s, im->intake_arena, &have, err);
    int64_t id;
    if (rc == TRP_ENOTFOUND) {
        trp_err_clear(err);
    } else if (rc) {
        return rc;
    } else if (have.taken_at > fi->taken_at ||
               (have.taken_at == fi->taken_at && strcmp(have.answers_json, fi->answers_json))) {
        intake_say(im, "the diary's own intake is newer; the Bundle's was not imported");
        return 0;
    }
    if (rc == 0) {
        id = have.id;
        const char *what = "intake already in the diary";
        if (fi->acknowledged_at && !have.acknowledged_at) {
            if ((rc = store_intake_acknowledge(s, id, fi->acknowledged_at, err)))
                return rc;
            what = "intake already in the diary; its acknowledgement imported";
        }
        if (fi->cleared_at && !have.cleared_at) {
            if ((rc = store_intake_clear(s, id, fi->cleared_by, fi->cleared_at, err)))
                return rc;
            what = "intake already in the diary; its clearance imported";
        }
        intake_say(im, what);
        return 0;
    }
    if ((rc = store_intake_save(s, fi->answers_json, fi->taken_at, im->intake_flags, &id, err)) ||
        (fi->acknowledged_at && (rc = store_intake_acknowledge(s, id, fi->acknowledged_at, err))) ||
        (fi->cleared_at && (rc = store_intake_clear(s, id, fi->cleared_by, fi->cleared_at, err))))
        return rc;
    intake_say(im, "intake imported");
    return 0;
}

static int run_rows(struct import_run *run, const struct app_import *im)
{
    return im->jsonl ? import_jsonl(run, im->data, im->len) : import_csv(run, im->data, im->len);
}

int app_import_check(const char *data, size_t len, const char *format, const char *name,
                     int future, struct app_import *im, struct trp_err *err)
{
    memset(im, 0, sizeof *im);
    im->data = data;
    im->len = len;
    im->future = future;
    if (format && strcmp(format, "csv") && strcmp(format, "jsonl"))
        return trp_err_set(err, TRP_EUSAGE, "--format must be csv or jsonl");
    int rc;
    /* A FHIR Bundle from 'trp export --format fhir': trp's entries ride in an extension of
     * each resource and are imported as the JSON Lines they are. */
    if ((!format || !strcmp(format, "jsonl")) && fhir_is_bundle(data, len)) {
        size_t n, skipped;
        im->intake_arena = arena_new();
        rc = fhir_bundle_intake(data, len, im->intake_arena, &im->intake, err);
        if (rc == TRP_ENOTFOUND) {
            trp_err_clear(err);
            rc = 0;
        } else if (!rc && !(rc = intake_check(im, err))) {
            im->have_intake = 1;
            intake_say(im, "checked, not written");
        }
        if (rc || (rc = fhir_bundle_to_jsonl(data, len, &im->owned, &n, &skipped, err)))
            return rc;
        im->data = im->owned;
        im->len = n;
        format = "jsonl";
    }
    if (!format) {
        size_t pl = name ? strlen(name) : 0;
        const char *q = im->data;
        while (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')
            q++;
        format = (pl > 6 && !strcmp(name + pl - 6, ".jsonl")) || (pl > 5 && !strcmp(name + pl - 5, ".json")) || *q == '{'
                     ? "jsonl" : "csv";
    }
    im->jsonl = !strcmp(format, "jsonl");
    struct trp_time now;
    if ((rc = trp_time_now(&now, err)))
        return rc;
    struct import_run run = {err, NULL, {now.utc, future}, &im->c, {NULL, 0, 0}};
    /* First pass: everything parsed and checked, the database not even opened. */
    rc = run_rows(&run, im);
    free(run.used.slot);
    return rc;
}

int app_import_write(struct store *s, struct app_import *im, struct trp_err *err)
{
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    memset(&im->c, 0, sizeof im->c);
    struct import_run run = {err, s, {now.utc, im->future}, &im->c, {NULL, 0, 0}};
    /* Second pass, under the write lock: the same rows, now written. */
    if (!(rc = store_begin(s, err))) {
        rc = run_rows(&run, im);
        if (!rc && im->have_intake)
            rc = intake_write(s, im, err);
        if (rc)
            store_rollback(s);
        else
            rc = store_commit(s, err);
    }
    free(run.used.slot);
    return rc;
}

void app_import_release(struct app_import *im)
{
    free(im->owned);
    im->owned = NULL;
    if (im->intake_arena)
        arena_free(im->intake_arena);
    im->intake_arena = NULL;
    im->intake.answers_json = im->intake.cleared_by = NULL;
}

const char *app_import_summary(struct arena *a, const struct app_import_counts *c, int dry)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    strbuf_addf(&sb, "%s %ld %s (pain %ld, task %ld, factor %ld, treatment %ld, note %ld",
                dry ? "checked" : "imported", c->total, c->total == 1 ? "entry" : "entries",
                c->kinds[ENTRY_PAIN], c->kinds[ENTRY_TASK], c->kinds[ENTRY_FACTOR],
                c->kinds[ENTRY_TREATMENT], c->kinds[ENTRY_NOTE]);
    /* The newer kinds only when present, so the usual line stays short. */
    for (int k = ENTRY_MEDICATION; k < ENTRY_KIND_COUNT; k++)
        if (c->kinds[k])
            strbuf_addf(&sb, ", %s %ld", entry_kind_name((enum entry_kind)k), c->kinds[k]);
    strbuf_addc(&sb, ')');
    if (c->already)
        strbuf_addf(&sb, "; %ld already in the diary, not added again", c->already);
    strbuf_adds(&sb, dry ? "; nothing written (--dry-run)" : "");
    const char *out = arena_strdup(a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}
