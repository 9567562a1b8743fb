/*
 * `trp export [--format csv|jsonl] [--since T] [--until T] [-o FILE]`: the diary in the
 * import format. -o writes through base/atomic_file (private, complete or not at all).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/out_format.h"
#include "core/entry_json.h"
#include "io/diary_csv.h"
#include "io/fhir.h"
#include "store/store_clinic.h"
#include "store/store.h"

struct export_state {
    FILE *f;
    int jsonl;
    struct strbuf sb;
    int failed;
};

static int export_one(const struct entry *e, void *data)
{
    struct export_state *st = data;
    if (st->jsonl) {
        char *line = entry_json_encode(e);
        strbuf_adds(&st->sb, line);
        strbuf_addc(&st->sb, '\n');
        free(line);
    } else {
        diary_csv_write_entry(&st->sb, e);
    }
    if (st->sb.len > (1 << 20)) {
        if (fwrite(st->sb.buf, 1, st->sb.len, st->f) != st->sb.len)
            return st->failed = errno ? errno : EIO;
        strbuf_reset(&st->sb);
    }
    return 0;
}

struct fhir_state {
    json_t *bundle;
    const struct fhir_patient *patient;
};

static int fhir_one(const struct entry *e, void *data)
{
    struct fhir_state *st = data;
    fhir_bundle_add_entry(st->bundle, st->patient, e);
    return 0;
}

/* The diary as one FHIR R4 Bundle: the client (name and birth date on a clinic's server),
 * the entries, and the latest intake. */
static int export_fhir(struct cmd_ctx *ctx, struct store *s, const struct store_query *q,
                       const char *out_path)
{
    struct fhir_patient p = {arena_printf(ctx->arena, "trp-person-%lld",
                                          (long long)store_person(s)), NULL, NULL};
    int rc;
    if (!strcmp(store_backend(s), "postgresql")) {
        struct store_person_info info;
        if ((rc = store_person_get(s, ctx->arena, store_person(s), &info, &ctx->err)))
            return rc;
        p.name = info.name;
        p.date_of_birth = info.date_of_birth;
    }
    struct fhir_state st = {fhir_bundle_new(&p), &p};
    rc = store_entry_each(s, q, fhir_one, &st, &ctx->err);
    struct store_intake in;
    if (!rc) {
        rc = store_intake_latest(s, ctx->arena, &in, &ctx->err);
        if (!rc) {
            struct fhir_intake fi = {in.answers_json, in.taken_at, in.acknowledged_at,
                                     in.cleared_at, in.cleared_by};
            fhir_bundle_add_intake(st.bundle, &p, &fi);
        }
        else if (rc == TRP_ENOTFOUND) {
            trp_err_clear(&ctx->err);
            rc = 0;
        }
    }
    struct atomic_file *af = NULL;
    if (!rc)
        rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err);
    if (rc) {
        json_decref(st.bundle);
        return rc;
    }
    int bad = json_dumpf(st.bundle, af->f, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0 ||
              fputc('\n', af->f) == EOF;
    json_decref(st.bundle);
    if (bad) {
        atomic_file_abort(af);
        return trp_err_set(&ctx->err, TRP_EIO, "cannot write the FHIR Bundle: %s",
                           strerror(errno ? errno : EIO));
    }
    return atomic_file_commit(af, &ctx->err);
}

static int cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *format = NULL, *out_path = NULL;
    struct store_query q;
    store_query_init(&q);
    struct trp_time now, t;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc && (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--since") || !strcmp(a, "--until")))
            return cmd_usage(ctx, &cmd_export_entry, arena_printf(ctx->arena, "%s needs a value", a));
        if (!strcmp(a, "--format"))
            format = argv[++i];
        else if (!strcmp(a, "-o"))
            out_path = argv[++i];
        else if (!strcmp(a, "--deleted"))
            q.include_deleted = 1;
        else if (!strcmp(a, "--history"))
            q.with_revisions = 1;
        else if (!strcmp(a, "--since") || !strcmp(a, "--until")) {
            if ((rc = trp_time_parse(argv[++i], &now, &t, &ctx->err)))
                return trp_err_prefix(&ctx->err, "%s: ", a);
            if (a[2] == 's')
                q.has_since = 1, q.since = t.utc;
            else
                q.has_until = 1, q.until = t.utc;
        } else
            return cmd_usage(ctx, &cmd_export_entry, arena_printf(ctx->arena, "unexpected \"%s\"", a));
    }
    static const char *const export_formats[] = {"csv", "jsonl", "fhir", NULL};
    if (format && strcmp(format, "csv") && strcmp(format, "jsonl") && strcmp(format, "fhir"))
        return trp_err_set(&ctx->err, TRP_EUSAGE, "--format must be csv, jsonl or fhir");
    /* A FHIR Bundle is JSON: -o NAME.json is its usual name. */
    size_t pl = out_path ? strlen(out_path) : 0;
    int fhir_json = format && !strcmp(format, "fhir") && pl > 5 && !strcmp(out_path + pl - 5, ".json");
    if (!fhir_json && (rc = out_format_check(out_path, export_formats, &format, &ctx->err)))
        return rc;
    if (!format)
        format = "csv";
    /* CSV has no column for them: importing would bring deleted entries back as live. */
    if ((q.include_deleted || q.with_revisions) && strcmp(format, "jsonl"))
        return trp_err_set(&ctx->err, TRP_EUSAGE, "--deleted and --history need --format jsonl");
    struct store *s;
    if ((rc = cmd_store(ctx, &s)))
        return rc;
    if (!strcmp(format, "fhir"))
        return export_fhir(ctx, s, &q, out_path);
    struct atomic_file *af;
    if ((rc = atomic_file_open(ctx->arena, out_path, ctx->out, &af, &ctx->err)))
        return rc;
    struct export_state st = {af->f, !strcmp(format, "jsonl"), {0}, 0};
    strbuf_init(&st.sb, 1 << 24);
    if (!st.jsonl)
        diary_csv_write_header(&st.sb);
    rc = store_entry_each(s, &q, export_one, &st, &ctx->err);
    if (!rc && st.sb.len && fwrite(st.sb.buf, 1, st.sb.len, st.f) != st.sb.len)
        st.failed = errno ? errno : EIO;
    strbuf_release(&st.sb);
    if (rc) {
        atomic_file_abort(af);
        return rc;
    }
    if (st.failed) {
        atomic_file_abort(af);
        return trp_err_set(&ctx->err, TRP_EIO, "cannot write %s: %s",
                           atomic_file_is_stdout(out_path) ? "to standard output" : out_path,
                           strerror(st.failed));
    }
    return atomic_file_commit(af, &ctx->err);
}

const struct cmd_entry cmd_export_entry = {
    .name = "export",
    .usage = "[--format csv|jsonl|fhir] [--since TIME] [--until TIME] [--deleted] [--history] [-o FILE]",
    .summary = "Export the diary as CSV or JSON Lines (re-importable).",
    .help = "  -o FILE.jsonl implies --format jsonl; a name saying another format is refused.\n"
            "  --deleted  include deleted entries, marked \"deleted\": true (JSON Lines)\n"
            "  --history  include each entry's earlier versions, \"revisions\" (JSON Lines)\n"
            "  --format fhir  a FHIR R4 Bundle: Patient, pain as Observations (LOINC 72514-3)\n"
            "             with body sites, treatments as Procedures, the intake as a\n"
            "             QuestionnaireResponse; 'trp import' reads it back\n",
    .exec = cmd_export_exec,
};
