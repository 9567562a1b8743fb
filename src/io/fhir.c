/*
 * FHIR R4 Bundles (fhir.h). Built with jansson; times keep the diary's own offsets, which
 * FHIR's dateTime allows.
 */
#include "io/fhir.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "core/entry_json.h"
#include "core/region.h"

static const char *str_or_empty(json_t *v)
{
    const char *s = json_string_value(v);
    return s ? s : "";
}

static json_t *coding(const char *system, const char *code, const char *display)
{
    json_t *c = json_object();
    json_object_set_new(c, "system", json_string(system));
    json_object_set_new(c, "code", json_string(code));
    if (display)
        json_object_set_new(c, "display", json_string(display));
    return c;
}

static json_t *concept_text(const char *text)
{
    json_t *c = json_object();
    json_object_set_new(c, "text", json_string(text));
    return c;
}

static json_t *subject(const struct fhir_patient *p)
{
    json_t *r = json_object();
    json_object_set_new(r, "reference", json_sprintf("Patient/%s", p->id));
    return r;
}

static json_t *quantity(double v, const char *unit, const char *code)
{
    json_t *q = json_object();
    json_object_set_new(q, "value", json_real(v));
    json_object_set_new(q, "unit", json_string(unit));
    json_object_set_new(q, "system", json_string("http://unitsofmeasure.org"));
    json_object_set_new(q, "code", json_string(code));
    return q;
}

static void add_resource(json_t *bundle, json_t *res)
{
    json_t *e = json_object();
    json_object_set_new(e, "fullUrl",
                        json_sprintf("https://trp.invalid/fhir/%s/%s",
                                     json_string_value(json_object_get(res, "resourceType")),
                                     json_string_value(json_object_get(res, "id"))));
    json_object_set_new(e, "resource", res);
    json_array_append_new(json_object_get(bundle, "entry"), e);
}

json_t *fhir_bundle_new(const struct fhir_patient *p)
{
    json_t *b = json_object();
    json_object_set_new(b, "resourceType", json_string("Bundle"));
    json_object_set_new(b, "type", json_string("collection"));
    json_object_set_new(b, "entry", json_array());
    json_t *pt = json_object();
    json_object_set_new(pt, "resourceType", json_string("Patient"));
    json_object_set_new(pt, "id", json_string(p->id));
    if (p->name) {
        json_t *n = json_object();
        json_object_set_new(n, "text", json_string(p->name));
        json_t *names = json_array();
        json_array_append_new(names, n);
        json_object_set_new(pt, "name", names);
    }
    if (p->date_of_birth)
        json_object_set_new(pt, "birthDate", json_string(p->date_of_birth));
    add_resource(b, pt);
    return b;
}

/* The body site: trp's region ids as codings of trp's own system, their labels as text. */
static json_t *body_site(const struct entry *e)
{
    json_t *site = json_object(), *codings = json_array();
    struct strbuf text;
    strbuf_init(&text, 4096);
    for (size_t i = 0; i < e->n_regions; i++) {
        const struct region *r = region_find(e->regions[i].region);
        const char *label = r ? r->label : e->regions[i].region;
        json_array_append_new(codings, coding("https://trp.invalid/fhir/CodeSystem/region",
                                              e->regions[i].region, label));
        if (i)
            strbuf_adds(&text, "; ");
        strbuf_adds(&text, label);
    }
    json_object_set_new(site, "coding", codings);
    json_object_set_new(site, "text", json_string(strbuf_str(&text)));
    strbuf_release(&text);
    return site;
}

void fhir_bundle_add_entry(json_t *bundle, const struct fhir_patient *p, const struct entry *e)
{
    char when[TRP_TIME_BUF];
    trp_time_format(&e->at, when);
    json_t *res = json_object();
    int procedure = e->kind == ENTRY_TREATMENT;
    json_object_set_new(res, "resourceType", json_string(procedure ? "Procedure" : "Observation"));
    json_object_set_new(res, "id", json_sprintf("trp-entry-%lld", (long long)e->id));
    char *line = entry_json_encode(e);
    json_t *ext = json_object(), *exts = json_array();
    json_object_set_new(ext, "url", json_string(FHIR_TRP_ENTRY_URL));
    json_object_set_new(ext, "valueString", json_string(line));
    free(line);
    json_array_append_new(exts, ext);
    json_object_set_new(res, "extension", exts);
    json_object_set_new(res, "status", json_string(procedure ? "completed" : "final"));
    json_object_set_new(res, "subject", subject(p));
    if (procedure) {
        const struct entry_treatment *t = &e->treat;
        json_t *code = json_object();
        json_object_set_new(code, "text", json_sprintf("%s of %s%s%s", t->technique, t->muscle,
                                                       t->side ? ", " : "",
                                                       t->side ? t->side : ""));
        json_object_set_new(res, "code", code);
        json_object_set_new(res, "performedDateTime", json_string(when));
        json_t *site = json_object(), *codings = json_array();
        json_array_append_new(codings, coding("https://trp.invalid/fhir/CodeSystem/muscle",
                                              t->muscle, NULL));
        json_object_set_new(site, "coding", codings);
        json_object_set_new(site, "text", json_string(t->muscle));
        json_t *sites = json_array();
        json_array_append_new(sites, site);
        json_object_set_new(res, "bodySite", sites);
        add_resource(bundle, res);
        return;
    }
    json_object_set_new(res, "effectiveDateTime", json_string(when));
    switch (e->kind) {
    case ENTRY_PAIN: {
        json_t *code = json_object(), *codings = json_array();
        json_array_append_new(codings,
                              coding("http://loinc.org", "72514-3",
                                     "Pain severity - 0-10 verbal numeric rating [Score] - "
                                     "Reported"));
        json_object_set_new(code, "coding", codings);
        json_object_set_new(code, "text", json_string("Pain 0-10"));
        json_object_set_new(res, "code", code);
        json_object_set_new(res, "valueQuantity", quantity(e->value, "score", "{score}"));
        if (e->n_regions)
            json_object_set_new(res, "bodySite", body_site(e));
        break;
    }
    case ENTRY_TASK:
        json_object_set_new(res, "code", concept_text(e->name));
        json_object_set_new(res, "valueQuantity", quantity(e->minutes, "min", "min"));
        break;
    case ENTRY_FACTOR:
        json_object_set_new(res, "code", concept_text(e->name));
        json_object_set_new(res, "valueQuantity", quantity(e->value, "1", "1"));
        break;
    default:
        json_object_set_new(res, "code", concept_text(entry_kind_name(e->kind)));
        if (e->note)
            json_object_set_new(res, "valueString", json_string(e->note));
        break;
    }
    if (e->note && e->kind != ENTRY_NOTE) {
        json_t *n = json_object(), *notes = json_array();
        json_object_set_new(n, "text", json_string(e->note));
        json_array_append_new(notes, n);
        json_object_set_new(res, "note", notes);
    }
    add_resource(bundle, res);
}

/* One intake answer as a QuestionnaireResponse answer. */
static json_t *answer_of(json_t *v)
{
    json_t *a = json_object();
    if (json_is_boolean(v))
        json_object_set_new(a, "valueBoolean", json_boolean(json_is_true(v)));
    else if (json_is_integer(v))
        json_object_set_new(a, "valueInteger", json_integer(json_integer_value(v)));
    else if (json_is_real(v))
        json_object_set_new(a, "valueDecimal", json_real(json_real_value(v)));
    else if (json_is_string(v))
        json_object_set_new(a, "valueString", json_string(json_string_value(v)));
    else {
        char *text = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_object_set_new(a, "valueString", json_string(text ? text : ""));
        free(text);
    }
    return a;
}

static json_t *ext_of(const char *url, const char *value_key, json_t *value)
{
    json_t *x = json_object();
    json_object_set_new(x, "url", json_string(url));
    json_object_set_new(x, value_key, value);
    return x;
}

static json_t *date_time(int64_t utc)
{
    struct trp_time t = {utc, 0};
    char when[TRP_TIME_BUF];
    return json_string(trp_time_format(&t, when));
}

void fhir_bundle_add_intake(json_t *bundle, const struct fhir_patient *p,
                            const struct fhir_intake *in)
{
    json_t *answers = json_loads(in->answers_json, 0, NULL);
    json_t *res = json_object();
    json_object_set_new(res, "resourceType", json_string("QuestionnaireResponse"));
    json_object_set_new(res, "id", json_sprintf("trp-intake-%lld", (long long)in->taken_at));
    /* trp's record first: answers exactly as stored, acknowledgement and clearance. */
    json_t *parts = json_array(), *exts = json_array(), *ext = json_object();
    json_array_append_new(parts, ext_of("answers", "valueString", json_string(in->answers_json)));
    if (in->acknowledged_at)
        json_array_append_new(parts, ext_of("acknowledged", "valueDateTime",
                                            date_time(in->acknowledged_at)));
    if (in->cleared_at)
        json_array_append_new(parts, ext_of("cleared", "valueDateTime", date_time(in->cleared_at)));
    if (in->cleared_by)
        json_array_append_new(parts, ext_of("clearedBy", "valueString", json_string(in->cleared_by)));
    json_object_set_new(ext, "url", json_string(FHIR_TRP_INTAKE_URL));
    json_object_set_new(ext, "extension", parts);
    json_array_append_new(exts, ext);
    json_object_set_new(res, "extension", exts);
    json_object_set_new(res, "status", json_string("completed"));
    json_object_set_new(res, "subject", subject(p));
    json_object_set_new(res, "authored", date_time(in->taken_at));
    json_t *items = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(answers, key, v)
    {
        if (json_is_null(v))
            continue;
        json_t *item = json_object(), *ans = json_array();
        json_object_set_new(item, "linkId", json_string(key));
        json_object_set_new(item, "text", json_string(key));
        json_array_append_new(ans, answer_of(v));
        json_object_set_new(item, "answer", ans);
        json_array_append_new(items, item);
    }
    json_object_set_new(res, "item", items);
    json_decref(answers);
    add_resource(bundle, res);
}

/* A dateTime of trp's extension back to UTC seconds. */
static int time_of(json_t *v, const char *what, int64_t *out, struct trp_err *err)
{
    const char *s = json_string_value(v);
    struct trp_time now = {0, 0}, t;
    if (!s || trp_time_parse(s, &now, &t, err))
        return trp_err_set(err, TRP_EINVAL, "the intake's \"%s\" is not a date and time", what);
    *out = t.utc;
    return 0;
}

/* One QuestionnaireResponse with trp's extension into out. */
static int intake_of(json_t *res, struct arena *a, struct fhir_intake *out, struct trp_err *err)
{
    size_t k;
    json_t *x, *parts = NULL;
    json_array_foreach(json_object_get(res, "extension"), k, x)
    {
        if (!strcmp(str_or_empty(json_object_get(x, "url")), FHIR_TRP_INTAKE_URL))
            parts = json_object_get(x, "extension");
    }
    if (!parts)
        return TRP_ENOTFOUND;
    memset(out, 0, sizeof *out);
    int rc = time_of(json_object_get(res, "authored"), "authored", &out->taken_at, err);
    json_array_foreach(parts, k, x)
    {
        if (rc)
            break;
        const char *url = str_or_empty(json_object_get(x, "url"));
        if (!strcmp(url, "answers")) {
            const char *text = json_string_value(json_object_get(x, "valueString"));
            json_t *obj = text ? json_loads(text, 0, NULL) : NULL;
            if (!json_is_object(obj))
                rc = trp_err_set(err, TRP_EINVAL, "the intake's answers are not a JSON object");
            else
                out->answers_json = arena_strdup(a, text);
            json_decref(obj);
        } else if (!strcmp(url, "acknowledged"))
            rc = time_of(json_object_get(x, "valueDateTime"), url, &out->acknowledged_at, err);
        else if (!strcmp(url, "cleared"))
            rc = time_of(json_object_get(x, "valueDateTime"), url, &out->cleared_at, err);
        else if (!strcmp(url, "clearedBy")) {
            const char *by = json_string_value(json_object_get(x, "valueString"));
            if (!by || !*by)
                rc = trp_err_set(err, TRP_EINVAL, "the intake's \"clearedBy\" is empty");
            else
                out->cleared_by = arena_strdup(a, by);
        }
        /* Parts a later trp may add are skipped, as FHIR readers skip unknown extensions. */
    }
    if (!rc && !out->answers_json)
        rc = trp_err_set(err, TRP_EINVAL, "the intake has no \"answers\"");
    if (!rc && !out->cleared_at != !out->cleared_by)
        rc = trp_err_set(err, TRP_EINVAL, "the intake's clearance needs both \"cleared\" and "
                                          "\"clearedBy\"");
    return rc;
}

int fhir_bundle_intake(const char *text, size_t len, struct arena *a, struct fhir_intake *out,
                       struct trp_err *err)
{
    json_error_t jerr;
    json_t *b = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!b)
        return trp_err_set(err, TRP_EINVAL, "not a FHIR Bundle: %s", jerr.text);
    int found = 0, rc = 0;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(b, "entry"), i, e)
    {
        json_t *res = json_object_get(e, "resource");
        if (strcmp(str_or_empty(json_object_get(res, "resourceType")), "QuestionnaireResponse"))
            continue;
        struct fhir_intake one;
        rc = intake_of(res, a, &one, err);
        if (rc == TRP_ENOTFOUND) {
            rc = 0; /* not trp's: another system's questionnaire */
            continue;
        }
        if (rc) {
            trp_err_prefix(err, "Bundle entry %zu: ", i + 1);
            break;
        }
        if (!found || one.taken_at > out->taken_at)
            *out = one;
        found = 1;
    }
    json_decref(b);
    return rc ? rc : found ? 0 : TRP_ENOTFOUND;
}

int fhir_is_bundle(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        i++;
    if (i >= len || text[i] != '{')
        return 0;
    /* A JSON Lines file is one object per line; a Bundle is one object, usually indented. */
    json_t *obj = json_loadb(text + i, len - i, JSON_REJECT_DUPLICATES, NULL);
    int yes = obj && !strcmp(str_or_empty(json_object_get(obj, "resourceType")), "Bundle");
    json_decref(obj);
    return yes;
}

int fhir_bundle_to_jsonl(const char *text, size_t len, char **out, size_t *out_len,
                         size_t *skipped, struct trp_err *err)
{
    json_error_t jerr;
    json_t *b = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!b)
        return trp_err_set(err, TRP_EINVAL, "not a FHIR Bundle: %s", jerr.text);
    struct strbuf sb;
    strbuf_init(&sb, (size_t)1 << 30);
    *skipped = 0;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(b, "entry"), i, e)
    {
        json_t *res = json_object_get(e, "resource");
        const char *type = json_string_value(json_object_get(res, "resourceType"));
        if (!type || !strcmp(type, "Patient") || !strcmp(type, "QuestionnaireResponse"))
            continue;
        const char *line = NULL;
        size_t k;
        json_t *x;
        json_array_foreach(json_object_get(res, "extension"), k, x)
        {
            if (!strcmp(str_or_empty(json_object_get(x, "url")), FHIR_TRP_ENTRY_URL))
                line = json_string_value(json_object_get(x, "valueString"));
        }
        if (!line) {
            ++*skipped;
            continue;
        }
        if (strchr(line, '\n')) {
            strbuf_release(&sb);
            json_decref(b);
            return trp_err_set(err, TRP_EINVAL, "Bundle entry %zu: trp's entry spans lines", i + 1);
        }
        strbuf_adds(&sb, line);
        strbuf_addc(&sb, '\n');
    }
    json_decref(b);
    *out_len = sb.len;
    *out = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return 0;
}
