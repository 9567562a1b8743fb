/*
 * entry_print.h: terminal and JSON renderings of a single entry.
 */
#include "cmd/entry_print.h"

#include <stdlib.h>
#include <string.h>

#include "base/termsafe.h"
#include "base/timeutil.h"
#include "core/entry_json.h"
#include "store/store.h"

/* What people and files wrote goes out terminal-safe (base/termsafe.h). */
static void put(FILE *out, const char *s)
{
    termsafe_fputs(s, out);
}

/* A note, line by line: the first line where the caller is, each further line on a new
 * line starting with INDENT. Continuation lines begin with spaces, so they can never pass
 * for an entry (list lines begin with '#', show lines with a field name). */
static void put_note(FILE *out, const char *note, const char *indent)
{
    const char *p = note;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = strndup(p, n);
        if (line) {
            put(out, line);
            free(line);
        }
        if (!nl)
            break;
        fputc('\n', out);
        fputs(indent, out);
        p = nl + 1;
    }
}

static void print_when(FILE *out, const struct entry *e)
{
    int y, mo, d, h, mi;
    trp_time_local(&e->at, &y, &mo, &d, &h, &mi, NULL, NULL);
    fprintf(out, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

void entry_print_line(struct cmd_ctx *ctx, const struct entry *e)
{
    FILE *out = ctx->out;
    fprintf(out, "#%-6lld ", (long long)e->id);
    print_when(out, e);
    switch (e->kind) {
    case ENTRY_PAIN:
        fprintf(out, "  pain %g", e->value);
        if (e->flare)
            fputs(" FLARE", out);
        for (size_t i = 0; i < e->n_regions; i++) {
            fprintf(out, "%s%s", i ? ", " : "  ", termsafe(ctx->arena, e->regions[i].region));
            if (e->regions[i].intensity != ENTRY_UNSET)
                fprintf(out, "=%d", e->regions[i].intensity);
        }
        for (size_t i = 0; i < e->n_qualities; i++)
            fprintf(out, "%s%s", i ? ", " : "  (", termsafe(ctx->arena, e->qualities[i]));
        if (e->n_qualities)
            fputc(')', out);
        break;
    case ENTRY_TASK: {
        char dur[32];
        fputs("  task ", out);
        put(out, e->name);
        fprintf(out, " %s", trp_duration_format(e->minutes, dur, sizeof dur));
        if (e->effort != ENTRY_UNSET)
            fprintf(out, " effort %d", e->effort);
        if (e->posture) {
            fputs(" (", out);
            put(out, e->posture);
            fputc(')', out);
        }
        break;
    }
    case ENTRY_FACTOR:
        fputs("  factor ", out);
        put(out, e->name);
        fprintf(out, " %g", e->value);
        break;
    case ENTRY_TREATMENT: {
        const struct entry_treatment *t = &e->treat;
        fputs("  treat ", out);
        put(out, t->technique);
        fputc(' ', out);
        put(out, t->muscle);
        if (t->side) {
            fputc(' ', out);
            put(out, t->side);
        }
        const struct entry_pass *ps = t->per_pass;
        size_t np = t->n_per_pass;
        for (size_t i = 0; i < np; i++)
            fprintf(out, "%s%ds%s", i ? ", " : " passes ", ps[i].hold_seconds,
                    ps[i].softened ? " softened" : "");
        if (!np && t->hold_seconds != ENTRY_UNSET)
            fprintf(out, " %ds", t->hold_seconds);
        if (!np && t->passes != ENTRY_UNSET)
            fprintf(out, " x%d", t->passes);
        if (t->released != ENTRY_UNSET)
            fputs(t->released ? " released" : " not released", out);
        if (t->pain_before != ENTRY_UNSET || t->pain_after != ENTRY_UNSET) {
            fputs(" pain ", out);
            t->pain_before != ENTRY_UNSET ? fprintf(out, "%d", t->pain_before) : fputs("?", out);
            fputs("->", out);
            t->pain_after != ENTRY_UNSET ? fprintf(out, "%d", t->pain_after) : fputs("?", out);
        }
        if (t->performer && t->performer[0] == 'p')
            fputs(" (practitioner)", out);
        break;
    }
    case ENTRY_MEDICATION:
        fputs("  medication ", out);
        put(out, e->name);
        if (e->value >= 0)
            fprintf(out, " %g %s", e->value, e->unit ? e->unit : ""); /* unit: closed list */
        break;
    case ENTRY_PGIC:
        fprintf(out, "  pgic %g (%s)", e->value, entry_pgic_label((int)e->value) ?
                                                 entry_pgic_label((int)e->value) : "?");
        break;
    case ENTRY_PSFS:
        fputs("  psfs \"", out);
        put(out, e->name);
        fprintf(out, "\" %g/10", e->value);
        break;
    case ENTRY_NOTE:
    case ENTRY_KIND_COUNT:
        fputs("  note", out);
        break;
    }
    if (e->note) {
        fputs("  \"", out);
        put_note(out, e->note, "         | ");
        fputc('"', out);
    }
    if (e->deleted_at)
        fputs("  [deleted]", out);
    fputc('\n', out);
}

void entry_print_detail(struct cmd_ctx *ctx, const struct entry *e)
{
    FILE *out = ctx->out;
    char when[TRP_TIME_BUF];
    fprintf(out, "id:       %lld\n", (long long)e->id);
    fprintf(out, "kind:     %s\n", entry_kind_name(e->kind));
    fprintf(out, "time:     %s\n", trp_time_format(&e->at, when));
    if (e->kind == ENTRY_PAIN || e->kind == ENTRY_FACTOR || e->kind == ENTRY_PSFS)
        fprintf(out, "value:    %g\n", e->value);
    if (e->kind == ENTRY_PGIC)
        fprintf(out, "value:    %g (%s)\n", e->value,
                entry_pgic_label((int)e->value) ? entry_pgic_label((int)e->value) : "?");
    if (e->name) {
        fputs("name:     ", out);
        put(out, e->name);
        fputc('\n', out);
    }
    if (e->kind == ENTRY_MEDICATION && e->value >= 0)
        fprintf(out, "dose:     %g %s\n", e->value, e->unit ? e->unit : "");
    if (e->kind == ENTRY_TASK) {
        fprintf(out, "minutes:  %d\n", e->minutes);
        if (e->effort != ENTRY_UNSET)
            fprintf(out, "effort:   %d\n", e->effort);
        if (e->posture) {
            fputs("posture:  ", out);
            put(out, e->posture);
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < e->n_regions; i++) {
        fprintf(out, "region:   %s", termsafe(ctx->arena, e->regions[i].region));
        if (e->regions[i].intensity != ENTRY_UNSET)
            fprintf(out, " (%d)", e->regions[i].intensity);
        fputc('\n', out);
    }
    for (size_t i = 0; i < e->n_qualities; i++)
        fprintf(out, "quality:  %s\n", termsafe(ctx->arena, e->qualities[i]));
    if (e->flare)
        fputs("flare:    yes\n", out);
    if (e->kind == ENTRY_TREATMENT) {
        const struct entry_treatment *t = &e->treat;
        fputs("technique: ", out);
        put(out, t->technique);
        fputs("\nmuscle:   ", out);
        put(out, t->muscle);
        fputc('\n', out);
        if (t->side)
            fprintf(out, "side:     %s\n", t->side);
        const struct entry_pass *ps = t->per_pass;
        size_t np = t->n_per_pass;
        if (np) {
            for (size_t i = 0; i < np; i++)
                fprintf(out, "pass %zu:   held %d s, %s\n", i + 1, ps[i].hold_seconds,
                        ps[i].softened ? "softened" : "did not soften");
        } else {
            if (t->hold_seconds != ENTRY_UNSET)
                fprintf(out, "hold:     %d s\n", t->hold_seconds);
            if (t->passes != ENTRY_UNSET)
                fprintf(out, "passes:   %d\n", t->passes);
        }
        if (t->released != ENTRY_UNSET)
            fprintf(out, "released: %s\n", t->released ? "yes" : "no");
        if (t->pressure >= 0)
            fprintf(out, "pressure: %g/10\n", t->pressure);
        if (t->pain_before != ENTRY_UNSET)
            fprintf(out, "pain before: %d\n", t->pain_before);
        if (t->pain_after != ENTRY_UNSET)
            fprintf(out, "pain after:  %d\n", t->pain_after);
        fprintf(out, "by:       %s\n", termsafe(ctx->arena, t->performer));
    }
    if (e->note) {
        fputs("note:     ", out);
        put_note(out, e->note, "          ");
        fputc('\n', out);
    }
    if (e->deleted_at)
        fprintf(out, "deleted:  yes (restore with 'trp restore %lld')\n", (long long)e->id);
}

int entry_print_json(struct cmd_ctx *ctx, const struct entry *e)
{
    char *s = entry_json_encode(e);
    fputs(s, ctx->out);
    fputc('\n', ctx->out);
    free(s);
    return 0;
}
