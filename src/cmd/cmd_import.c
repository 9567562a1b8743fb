/*
 * `trp import FILE [--dry-run] [--future] [--format csv|jsonl]`: reads the file (or
 * standard input) and hands it to app/import.h: all or nothing, and idempotent (importing
 * the same file twice changes nothing). The file is checked before the database is even
 * opened. --dry-run checks the whole file and writes nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "base/xalloc.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"

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
    struct app_import im;
    struct store *st;
    rc = app_import_check(data, len, format, path, future, &im, &ctx->err);
    if (!rc && !dry && !(rc = cmd_store(ctx, &st)))
        rc = app_import_write(st, &im, &ctx->err);
    app_import_release(&im);
    free(data);
    if (rc)
        return trp_err_prefix(&ctx->err, "%s: ", path), rc;
    fprintf(ctx->out, "%s\n", app_import_summary(ctx->arena, &im.c, dry));
    if (im.intake_line[0])
        fprintf(ctx->out, "%s\n", im.intake_line);
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
