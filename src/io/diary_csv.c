/*
 * diary_csv.h. Numbers are parsed strictly (no trailing junk); empty means "not given".
 */
#include "io/diary_csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xalloc.h"

const char *const diary_csv_columns[COL_COUNT] = {
    "time", "kind", "name", "value", "minutes", "region", "note",
    "quality", "flare", "effort", "posture", "technique", "muscle", "side",
    "hold_seconds", "passes", "released", "pressure", "pain_before", "pain_after",
    "performer",
    /* Added with medication entries; files without them still import. */
    "dose", "unit",
    /* Added with guided sessions: every pass as SECONDS:yes|no (softened), ";" between,
     * e.g. "90:no;3:yes". Files without it still import. */
    "each_pass",
};

int diary_csv_header_parse(const struct csv_reader *r, struct diary_csv_header *h,
                           struct trp_err *err)
{
    for (int c = 0; c < COL_COUNT; c++)
        h->index[c] = -1;
    for (size_t i = 0; i < r->n_fields; i++) {
        const char *name = r->fields[i];
        int c = 0;
        while (c < COL_COUNT && strcasecmp(diary_csv_columns[c], name))
            c++;
        if (c == COL_COUNT)
            return trp_err_set(err, TRP_EINVAL,
                               "line %ld: unknown column \"%.40s\" (known: time, kind, name, value, "
                               "minutes, region, note, quality, flare, effort, posture, technique, "
                               "muscle, side, hold_seconds, passes, released, pressure, pain_before, "
                               "pain_after, performer, dose, unit, each_pass)",
                               r->line, name);
        if (h->index[c] >= 0)
            return trp_err_set(err, TRP_EINVAL, "line %ld: column \"%s\" appears twice", r->line, name);
        h->index[c] = (int)i;
    }
    if (h->index[COL_TIME] < 0 || h->index[COL_KIND] < 0)
        return trp_err_set(err, TRP_EINVAL,
                           "line %ld: the first line must be a header with at least the columns "
                           "time and kind (time,kind,name,value,minutes,region,note)",
                           r->line);
    return 0;
}

/* Spreadsheet safety. A spreadsheet opening the export runs a cell that begins with =, +,
 * -, @, a tab or a carriage return as a formula, so a note like "=HYPERLINK(...)" would act.
 * In the text columns, export puts an apostrophe before any value matching '*[=+\-@\t\r]
 * (zero or more apostrophes, then such a character); spreadsheets show the cell as text.
 * Import removes one apostrophe from a value matching '+[=+\-@\t\r]. Together they are
 * exact inverses, so export then import is lossless, and a note that merely begins with an
 * apostrophe ("'tis better") is left alone both ways. Numbers are not text columns: -3.5
 * stays a number. */
static const unsigned char text_column[COL_COUNT] = {
    [COL_NAME] = 1, [COL_REGION] = 1, [COL_NOTE] = 1, [COL_QUALITY] = 1, [COL_POSTURE] = 1,
    [COL_TECHNIQUE] = 1, [COL_MUSCLE] = 1, [COL_SIDE] = 1, [COL_PERFORMER] = 1,
};

static int formula_start(const char *s)
{
    while (*s == '\'')
        s++;
    return *s && strchr("=+-@\t\r", *s) != NULL;
}

static const char *field(const struct csv_reader *r, const struct diary_csv_header *h, int c)
{
    int i = h->index[c];
    if (i < 0 || (size_t)i >= r->n_fields || !r->fields[i][0])
        return NULL;
    const char *s = r->fields[i];
    if (text_column[c] && s[0] == '\'' && formula_start(s))
        s++;
    return s;
}

static int num(const char *text, const char *what, double *out, struct trp_err *err)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (*end || errno || !isfinite(v) || strpbrk(text, "xXpPnNiI"))
        return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\" is not a number", what, text);
    *out = v;
    return 0;
}

static int whole(const char *text, const char *what, int *out, struct trp_err *err)
{
    double v;
    int rc = num(text, what, &v, err);
    if (rc)
        return rc;
    if (v != floor(v) || fabs(v) > 1e9)
        return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\" is not a whole number", what, text);
    *out = (int)v;
    return 0;
}

static int yes_no(const char *text, const char *what, int *out, struct trp_err *err)
{
    if (!strcasecmp(text, "yes") || !strcasecmp(text, "true") || !strcmp(text, "1"))
        return *out = 1, 0;
    if (!strcasecmp(text, "no") || !strcasecmp(text, "false") || !strcmp(text, "0"))
        return *out = 0, 0;
    return trp_err_set(err, TRP_EINVAL, "%s must be yes or no, not \"%.40s\"", what, text);
}

/* "90:no;3:yes" into the treatment's passes: every part must be whole seconds, a colon and
 * yes or no, so a damaged cell is refused rather than read as fewer passes. */
static int each_pass(const char *text, struct arena *a, struct entry_treatment *t,
                     struct trp_err *err)
{
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ';';
    if (n > 20)
        return trp_err_set(err, TRP_EINVAL, "each_pass has %zu passes; at most 20", n);
    struct entry_pass *ps = arena_zalloc(a, n, sizeof *ps);
    const char *p = text;
    for (size_t i = 0; i < n; i++) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *part = arena_strndup(a, p, len);
        char *colon = strchr(part, ':');
        if (!colon || colon == part)
            return trp_err_set(err, TRP_EINVAL,
                               "each_pass \"%.40s\": pass %zu must be SECONDS:yes or SECONDS:no "
                               "(softened), as in 90:no;3:yes",
                               text, i + 1);
        *colon = '\0';
        int rc;
        if ((rc = whole(part, "each_pass seconds", &ps[i].hold_seconds, err)) ||
            (rc = yes_no(colon + 1, "each_pass softened", &ps[i].softened, err)))
            return rc;
        p = end ? end + 1 : p + len;
    }
    t->per_pass = ps;
    t->n_per_pass = n;
    return 0;
}

static int row(const struct csv_reader *r, const struct diary_csv_header *h, struct arena *a,
               struct entry *e, struct trp_err *err)
{
    if (r->n_fields > COL_COUNT || r->n_fields < 1)
        return trp_err_set(err, TRP_EINVAL, "wrong number of fields");
    const char *kind = field(r, h, COL_KIND);
    if (!kind)
        return trp_err_set(err, TRP_EINVAL, "kind is empty");
    enum entry_kind k;
    int rc = entry_kind_parse(kind, &k, err);
    if (rc)
        return rc;
    entry_init(e, k);
    const char *t = field(r, h, COL_TIME);
    if (!t)
        return trp_err_set(err, TRP_EINVAL, "time is empty");
    if (t[0] < '0' || t[0] > '9')
        return trp_err_set(err, TRP_EINVAL, "time \"%.40s\" must be ISO 8601, as in 2026-03-01T08:00", t);
    struct trp_time epoch = {0, 0};
    if ((rc = trp_time_parse(t, &epoch, &e->at, err)))
        return rc;
    const char *s;
    if ((s = field(r, h, COL_NAME)))
        e->name = arena_strdup(a, s);
    if ((s = field(r, h, COL_VALUE)) && (rc = num(s, k == ENTRY_PAIN ? "pain value" : "value", &e->value, err)))
        return rc;
    if ((k == ENTRY_PAIN || k == ENTRY_FACTOR || k == ENTRY_PGIC || k == ENTRY_PSFS) && !s)
        return trp_err_set(err, TRP_EINVAL, "value is empty");
    if (k == ENTRY_MEDICATION && s)
        return trp_err_set(err, TRP_EINVAL, "a medication row gives its dose in the dose column");
    if ((s = field(r, h, COL_DOSE))) {
        if (k != ENTRY_MEDICATION)
            return trp_err_set(err, TRP_EINVAL, "dose belongs to medication rows");
        if ((rc = num(s, "dose", &e->value, err)))
            return rc;
        if (e->value <= 0)
            return trp_err_set(err, TRP_EINVAL, "dose %g must be more than 0", e->value);
    }
    if ((s = field(r, h, COL_UNIT)))
        e->unit = arena_strdup(a, s);
    if ((s = field(r, h, COL_MINUTES))) {
        if ((rc = whole(s, "minutes", &e->minutes, err)))
            return rc;
        if (k != ENTRY_TASK)
            return trp_err_set(err, TRP_EINVAL, "minutes belong to task rows");
    } else if (k == ENTRY_TASK) {
        return trp_err_set(err, TRP_EINVAL, "minutes is empty");
    }
    if ((s = field(r, h, COL_NOTE)))
        e->note = arena_strdup(a, s);
    if ((s = field(r, h, COL_REGION))) {
        char *copy = arena_strdup(a, s), *save = NULL;
        for (char *part = strtok_r(copy, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
            int intensity = ENTRY_UNSET;
            char *eq = strrchr(part, '=');
            if (eq) {
                *eq = '\0';
                if ((rc = whole(eq + 1, "region intensity", &intensity, err)))
                    return rc;
            }
            if ((rc = entry_add_region(a, e, part, intensity, err)))
                return rc;
        }
    }
    if ((s = field(r, h, COL_QUALITY))) {
        char *copy = arena_strdup(a, s), *save = NULL;
        size_t n = 1;
        for (const char *p = s; *p; p++)
            n += *p == ';';
        e->qualities = arena_zalloc(a, n, sizeof *e->qualities);
        for (char *q = strtok_r(copy, ";", &save); q; q = strtok_r(NULL, ";", &save))
            e->qualities[e->n_qualities++] = q;
    }
    if ((s = field(r, h, COL_FLARE)) && (rc = yes_no(s, "flare", &e->flare, err)))
        return rc;
    if ((s = field(r, h, COL_EFFORT)) && (rc = whole(s, "effort", &e->effort, err)))
        return rc;
    if ((s = field(r, h, COL_POSTURE)))
        e->posture = arena_strdup(a, s);
    struct entry_treatment *tr = &e->treat;
    int any_treat = 0;
    if ((s = field(r, h, COL_TECHNIQUE)))
        tr->technique = arena_strdup(a, s), any_treat = 1;
    if ((s = field(r, h, COL_MUSCLE)))
        tr->muscle = arena_strdup(a, s), any_treat = 1;
    if ((s = field(r, h, COL_SIDE)))
        tr->side = arena_strdup(a, s), any_treat = 1;
    if ((s = field(r, h, COL_HOLD)) && ((any_treat = 1), (rc = whole(s, "hold_seconds", &tr->hold_seconds, err))))
        return rc;
    if ((s = field(r, h, COL_PASSES)) && ((any_treat = 1), (rc = whole(s, "passes", &tr->passes, err))))
        return rc;
    if ((s = field(r, h, COL_RELEASED)) && ((any_treat = 1), (rc = yes_no(s, "released", &tr->released, err))))
        return rc;
    if ((s = field(r, h, COL_PRESSURE)) && ((any_treat = 1), (rc = num(s, "pressure", &tr->pressure, err))))
        return rc;
    if ((s = field(r, h, COL_PAIN_BEFORE)) && ((any_treat = 1), (rc = whole(s, "pain_before", &tr->pain_before, err))))
        return rc;
    if ((s = field(r, h, COL_PAIN_AFTER)) && ((any_treat = 1), (rc = whole(s, "pain_after", &tr->pain_after, err))))
        return rc;
    if ((s = field(r, h, COL_PERFORMER)))
        tr->performer = arena_strdup(a, s), any_treat = 1;
    if ((s = field(r, h, COL_EACH_PASS)) && ((any_treat = 1), (rc = each_pass(s, a, tr, err))))
        return rc;
    if (k == ENTRY_TREATMENT) {
        if (!tr->muscle && e->name)
            tr->muscle = e->name;
        e->name = NULL;
        if (!tr->technique)
            tr->technique = "compression";
        if (!tr->performer)
            tr->performer = "self";
    } else if (any_treat) {
        return trp_err_set(err, TRP_EINVAL, "treatment columns belong to treatment rows");
    }
    if (k == ENTRY_NOTE && e->name)
        return trp_err_set(err, TRP_EINVAL, "name does not apply to note rows");
    return entry_validate(e, err);
}

int diary_csv_row(const struct csv_reader *r, const struct diary_csv_header *h,
                  struct arena *a, struct entry *e, struct trp_err *err)
{
    int rc = row(r, h, a, e, err);
    if (rc)
        trp_err_prefix(err, "line %ld: ", r->line);
    return rc;
}

int diary_csv_write_header(struct strbuf *sb)
{
    int rc = 0;
    for (int c = 0; c < COL_COUNT && !rc; c++)
        rc = strbuf_adds(sb, diary_csv_columns[c]) || strbuf_addc(sb, c + 1 < COL_COUNT ? ',' : '\n');
    return rc ? TRP_EINVAL : 0;
}

static void put_num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
}

int diary_csv_write_entry(struct strbuf *sb, const struct entry *e)
{
    char when[TRP_TIME_BUF], num[40];
    const char *f[COL_COUNT] = {0};
    char val[40] = "", min[16] = "", eff[16] = "", hold[16] = "", pas[16] = "", pre[40] = "",
         pb[16] = "", pa[16] = "";
    f[COL_TIME] = trp_time_format(&e->at, when);
    f[COL_KIND] = entry_kind_name(e->kind);
    char dose[40] = "";
    if (e->kind == ENTRY_PAIN || e->kind == ENTRY_FACTOR || e->kind == ENTRY_PGIC ||
        e->kind == ENTRY_PSFS) {
        put_num(val, sizeof val, e->value);
        f[COL_VALUE] = val;
    }
    if (e->kind == ENTRY_MEDICATION && e->value >= 0) {
        put_num(dose, sizeof dose, e->value);
        f[COL_DOSE] = dose;
        f[COL_UNIT] = e->unit;
    }
    if (e->kind == ENTRY_TASK) {
        snprintf(min, sizeof min, "%d", e->minutes);
        f[COL_MINUTES] = min;
    }
    f[COL_NAME] = e->kind == ENTRY_TREATMENT ? NULL : e->name;
    f[COL_NOTE] = e->note;
    struct strbuf regions, quals, passes;
    strbuf_init(&regions, 1 << 16);
    strbuf_init(&quals, 1 << 16);
    strbuf_init(&passes, 1 << 10);
    for (size_t i = 0; i < e->n_regions; i++) {
        if (i)
            strbuf_addc(&regions, ';');
        strbuf_adds(&regions, e->regions[i].region);
        if (e->regions[i].intensity != ENTRY_UNSET)
            strbuf_addf(&regions, "=%d", e->regions[i].intensity);
    }
    if (e->n_regions)
        f[COL_REGION] = strbuf_str(&regions);
    for (size_t i = 0; i < e->n_qualities; i++) {
        if (i)
            strbuf_addc(&quals, ';');
        strbuf_adds(&quals, e->qualities[i]);
    }
    if (e->n_qualities)
        f[COL_QUALITY] = strbuf_str(&quals);
    if (e->flare)
        f[COL_FLARE] = "yes";
    if (e->effort != ENTRY_UNSET) {
        snprintf(eff, sizeof eff, "%d", e->effort);
        f[COL_EFFORT] = eff;
    }
    f[COL_POSTURE] = e->posture;
    if (e->kind == ENTRY_TREATMENT) {
        const struct entry_treatment *t = &e->treat;
        f[COL_TECHNIQUE] = t->technique;
        f[COL_MUSCLE] = t->muscle;
        f[COL_SIDE] = t->side;
        if (t->hold_seconds != ENTRY_UNSET)
            snprintf(hold, sizeof hold, "%d", t->hold_seconds), f[COL_HOLD] = hold;
        if (t->passes != ENTRY_UNSET)
            snprintf(pas, sizeof pas, "%d", t->passes), f[COL_PASSES] = pas;
        if (t->released != ENTRY_UNSET)
            f[COL_RELEASED] = t->released ? "yes" : "no";
        if (t->pressure >= 0)
            put_num(pre, sizeof pre, t->pressure), f[COL_PRESSURE] = pre;
        if (t->pain_before != ENTRY_UNSET)
            snprintf(pb, sizeof pb, "%d", t->pain_before), f[COL_PAIN_BEFORE] = pb;
        if (t->pain_after != ENTRY_UNSET)
            snprintf(pa, sizeof pa, "%d", t->pain_after), f[COL_PAIN_AFTER] = pa;
        f[COL_PERFORMER] = t->performer;
        for (size_t i = 0; i < t->n_per_pass; i++)
            strbuf_addf(&passes, "%s%d:%s", i ? ";" : "", t->per_pass[i].hold_seconds,
                        t->per_pass[i].softened ? "yes" : "no");
        if (t->n_per_pass)
            f[COL_EACH_PASS] = strbuf_str(&passes);
    }
    (void)num;
    int rc = 0;
    for (int c = 0; c < COL_COUNT && !rc; c++) {
        if (c)
            rc = strbuf_addc(sb, ',');
        if (!rc && f[c] && text_column[c] && formula_start(f[c])) {
            char *guarded = xmalloc(strlen(f[c]) + 2);
            guarded[0] = '\'';
            strcpy(guarded + 1, f[c]);
            rc = csv_write_field(sb, guarded);
            free(guarded);
        } else if (!rc) {
            rc = csv_write_field(sb, f[c]);
        }
    }
    if (!rc)
        rc = strbuf_addc(sb, '\n');
    strbuf_release(&regions);
    strbuf_release(&quals);
    strbuf_release(&passes);
    return rc;
}
