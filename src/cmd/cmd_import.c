/*
 * `trp import FILE [--dry-run] [--format csv|jsonl]`: all or nothing. Every row is parsed,
 * validated and inserted inside one transaction; the first bad row rolls everything back
 * and is reported as "line N: field problem", so the database is exactly as it was.
 * --dry-run checks the whole file and writes nothing.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/xalloc.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "core/entry_json.h"
#include "io/diary_csv.h"
#include "store/store.h"

#define IMPORT_MAX_BYTES ((size_t)4 << 30)

static int read_all(struct cmd_ctx *ctx, const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : ctx->in;
    if (!f)
        return trp_err_set(&ctx->err, TRP_EINVAL, "cannot open %s", path);
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
        return trp_err_set(&ctx->err, TRP_EIO, "cannot read %s", path);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

struct counts {
    long kinds[ENTRY_KIND_COUNT];
    long total;
};

/* Parses every row; inserts each when s is not NULL (inside the caller's transaction). */
static int import_csv(struct cmd_ctx *ctx, const char *data, size_t len, struct store *s,
                      struct counts *c)
{
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
        if (s && (rc = store_entry_insert(s, &e, &ctx->err))) {
            trp_err_prefix(&ctx->err, "line %ld: ", r.line);
            break;
        }
        c->kinds[e.kind]++;
        c->total++;
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

static int import_jsonl(struct cmd_ctx *ctx, char *data, size_t len, struct store *s,
                        struct counts *c)
{
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
        if (!rc && s)
            rc = store_entry_insert(s, &e, &ctx->err);
        json_decref(obj);
        if (rc) {
            trp_err_prefix(&ctx->err, "line %ld: ", line);
            break;
        }
        c->kinds[e.kind]++;
        c->total++;
        p = next;
        if (line % 10000 == 0) {
            arena_free(a);
            a = arena_new();
        }
    }
    arena_free(a);
    return rc;
}

static int cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *path = NULL, *format = NULL;
    int dry = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dry-run"))
            dry = 1;
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
    if (!format) {
        size_t pl = strlen(path);
        const char *q = data;
        while (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')
            q++;
        format = (pl > 6 && !strcmp(path + pl - 6, ".jsonl")) || (pl > 5 && !strcmp(path + pl - 5, ".json")) || *q == '{'
                     ? "jsonl" : "csv";
    }
    int jsonl = !strcmp(format, "jsonl");
    struct counts c = {{0}, 0};
    struct store *s = NULL;
    if (!dry) {
        if ((rc = cmd_store(ctx, &s)) || (rc = store_begin(s, &ctx->err))) {
            free(data);
            return rc;
        }
    }
    rc = jsonl ? import_jsonl(ctx, data, len, s, &c) : import_csv(ctx, data, len, s, &c);
    free(data);
    if (s) {
        if (rc)
            store_rollback(s);
        else
            rc = store_commit(s, &ctx->err);
    }
    if (rc)
        return trp_err_prefix(&ctx->err, "%s: ", path), rc;
    fprintf(ctx->out, "%s %ld entries (pain %ld, task %ld, factor %ld, treatment %ld, note %ld)%s\n",
            dry ? "checked" : "imported", c.total, c.kinds[ENTRY_PAIN], c.kinds[ENTRY_TASK],
            c.kinds[ENTRY_FACTOR], c.kinds[ENTRY_TREATMENT], c.kinds[ENTRY_NOTE],
            dry ? "; nothing written (--dry-run)" : "");
    return 0;
}

const struct cmd_entry cmd_import_entry = {
    .name = "import",
    .usage = "FILE [--dry-run] [--format csv|jsonl]",
    .summary = "Import a CSV or JSON Lines diary, all or nothing.",
    .help = "  The format follows the file name (.jsonl/.json) or its first character.\n"
            "  Any bad row refuses the whole file; the message names the line and field and\n"
            "  nothing is written. See README.md for the columns.\n",
    .exec = cmd_import_exec,
};
