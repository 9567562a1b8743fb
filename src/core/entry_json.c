/*
 * entry_json.h: the JSON mapping of struct entry, kept next to the struct so both change
 * together. Optional fields are omitted rather than written as null, which keeps exported
 * lines short and readable.
 */
#include "core/entry_json.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


static void set_opt_int(json_t *o, const char *key, int v)
{
    if (v != ENTRY_UNSET)
        json_object_set_new(o, key, json_integer(v));
}

static void set_opt_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

/* Integral values are written as integers so that "6" round-trips as 6, not 6.0. */
static json_t *json_number_of(double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

json_t *entry_to_json(const struct entry *e)
{
    json_t *o = json_object();
    char when[TRP_TIME_BUF];
    if (e->id)
        json_object_set_new(o, "id", json_integer(e->id));
    json_object_set_new(o, "time", json_string(trp_time_format(&e->at, when)));
    json_object_set_new(o, "kind", json_string(entry_kind_name(e->kind)));
    switch (e->kind) {
    case ENTRY_PAIN: {
        json_object_set_new(o, "value", json_number_of(e->value));
        if (e->n_regions) {
            json_t *arr = json_array();
            for (size_t i = 0; i < e->n_regions; i++) {
                json_t *r = json_object();
                json_object_set_new(r, "region", json_string(e->regions[i].region));
                set_opt_int(r, "intensity", e->regions[i].intensity);
                json_array_append_new(arr, r);
            }
            json_object_set_new(o, "regions", arr);
        }
        if (e->n_qualities) {
            json_t *arr = json_array();
            for (size_t i = 0; i < e->n_qualities; i++)
                json_array_append_new(arr, json_string(e->qualities[i]));
            json_object_set_new(o, "qualities", arr);
        }
        if (e->flare)
            json_object_set_new(o, "flare", json_true());
        break;
    }
    case ENTRY_TASK:
        set_opt_str(o, "name", e->name);
        json_object_set_new(o, "minutes", json_integer(e->minutes));
        set_opt_int(o, "effort", e->effort);
        set_opt_str(o, "posture", e->posture);
        break;
    case ENTRY_FACTOR:
        set_opt_str(o, "name", e->name);
        json_object_set_new(o, "value", json_number_of(e->value));
        break;
    case ENTRY_TREATMENT: {
        const struct entry_treatment *t = &e->treat;
        json_t *tr = json_object();
        set_opt_str(tr, "technique", t->technique);
        set_opt_str(tr, "muscle", t->muscle);
        set_opt_str(tr, "side", t->side);
        set_opt_int(tr, "hold_seconds", t->hold_seconds);
        set_opt_int(tr, "passes", t->passes);
        if (t->released != ENTRY_UNSET)
            json_object_set_new(tr, "released", json_boolean(t->released));
        if (t->pressure >= 0)
            json_object_set_new(tr, "pressure", json_number_of(t->pressure));
        set_opt_int(tr, "pain_before", t->pain_before);
        set_opt_int(tr, "pain_after", t->pain_after);
        set_opt_str(tr, "performer", t->performer);
        /* "passes" is already the count, so the passes one by one are "each_pass". */
        if (t->n_per_pass) {
            json_t *arr = json_array();
            for (size_t i = 0; i < t->n_per_pass; i++)
                json_array_append_new(arr, json_pack("{s:i, s:b}", "hold_seconds",
                                                     t->per_pass[i].hold_seconds, "softened",
                                                     t->per_pass[i].softened));
            json_object_set_new(tr, "each_pass", arr);
        }
        json_object_set_new(o, "treatment", tr);
        break;
    }
    case ENTRY_MEDICATION:
        set_opt_str(o, "name", e->name);
        if (e->value >= 0) {
            json_object_set_new(o, "dose", json_number_of(e->value));
            set_opt_str(o, "unit", e->unit);
        }
        break;
    case ENTRY_PGIC:
        json_object_set_new(o, "value", json_number_of(e->value));
        break;
    case ENTRY_PSFS:
        set_opt_str(o, "name", e->name);
        json_object_set_new(o, "value", json_number_of(e->value));
        break;
    case ENTRY_NOTE:
    case ENTRY_KIND_COUNT:
        break;
    }
    set_opt_str(o, "note", e->note);
    if (e->deleted_at)
        json_object_set_new(o, "deleted", json_true());
    if (e->revisions) {
        json_t *revs = json_loads(e->revisions, JSON_REJECT_DUPLICATES, NULL);
        if (!revs)
            BUG("stored revisions are not JSON");
        json_object_set_new(o, "revisions", revs);
    }
    return o;
}

char *entry_json_content(const struct entry *e)
{
    struct entry bare = *e;
    bare.id = 0;
    bare.deleted_at = 0;
    bare.revisions = NULL;
    return entry_json_encode(&bare);
}

char *entry_json_encode(const struct entry *e)
{
    json_t *o = entry_to_json(e);
    char *s = json_dumps(o, ENTRY_JSON_FLAGS);
    json_decref(o);
    if (!s)
        BUG("json_dumps failed");
    return s;
}

/*
 * The direct encoder below writes the same bytes as entry_to_json + json_dumps with
 * ENTRY_JSON_FLAGS, without building a jansson tree: listing a week of entries spent more
 * time in the tree than in the database. Where jansson's output is awkward to reproduce
 * exactly (reals, a string that is not valid UTF-8, stored revisions) it asks jansson.
 */

/* Decodes one UTF-8 sequence at s the way jansson checks it (no overlong forms, no
 * surrogates, nothing above U+10FFFF). Returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0) {
        n = 2;
        v = c & 0x1Fu;
    } else if (c < 0xF0) {
        n = 3;
        v = c & 0x0Fu;
    } else {
        n = 4;
        v = c & 0x07u;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Appends s as a JSON string, escaped as jansson does with JSON_ENSURE_ASCII. Returns 1
 * when s is not valid UTF-8 (jansson would drop the field), or a strbuf error. */
static int add_json_string(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;
    int rc = strbuf_addc(sb, '"');
    while (!rc && *p) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (p > run && (rc = strbuf_add(sb, run, (size_t)(p - run))))
            break;
        if (!*p)
            break;
        uint32_t cp;
        size_t n = utf8_decode(p, &cp);
        if (!n)
            return 1;
        p += n;
        char esc[13];
        size_t len = 2;
        esc[0] = '\\';
        switch (cp) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default: {
            uint32_t units[2] = {cp, 0};
            size_t nu = 1;
            if (cp >= 0x10000) {
                uint32_t v = cp - 0x10000;
                units[0] = 0xD800 | (v >> 10);
                units[1] = 0xDC00 | (v & 0x3FF);
                nu = 2;
            }
            len = 0;
            for (size_t u = 0; u < nu; u++) {
                esc[len++] = '\\';
                esc[len++] = 'u';
                for (int sh = 12; sh >= 0; sh -= 4)
                    esc[len++] = hex[(units[u] >> sh) & 0xF];
            }
        }
        }
        rc = strbuf_add(sb, esc, len);
    }
    return rc ? rc : strbuf_addc(sb, '"');
}

struct jw {
    struct strbuf *sb;
    int rc;    /* first strbuf error, or 1: give up and let jansson write the entry */
    int first; /* no member written yet in the current object */
};

static void jw_key(struct jw *w, const char *key)
{
    if (w->rc)
        return;
    if (!w->first)
        w->rc = strbuf_addc(w->sb, ',');
    w->first = 0;
    if (!w->rc)
        w->rc = strbuf_addc(w->sb, '"');
    if (!w->rc)
        w->rc = strbuf_adds(w->sb, key);
    if (!w->rc)
        w->rc = strbuf_add(w->sb, "\":", 2);
}

static void jw_raw(struct jw *w, const char *text)
{
    if (!w->rc)
        w->rc = strbuf_adds(w->sb, text);
}

static void jw_str(struct jw *w, const char *v)
{
    if (!w->rc)
        w->rc = v ? add_json_string(w->sb, v) : 1;
}

static void jw_int(struct jw *w, long long v)
{
    if (!w->rc)
        w->rc = strbuf_addf(w->sb, "%lld", v);
}

static void jw_number(struct jw *w, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        jw_int(w, (long long)v);
        return;
    }
    json_t *r = json_real(v);
    char *text = r ? json_dumps(r, ENTRY_JSON_FLAGS | JSON_ENCODE_ANY) : NULL;
    json_decref(r);
    if (text)
        jw_raw(w, text);
    else if (!w->rc)
        w->rc = 1; /* NaN or infinity: jansson leaves the field out */
    free(text);
}

static void jw_opt_int(struct jw *w, const char *key, int v)
{
    if (v != ENTRY_UNSET) {
        jw_key(w, key);
        jw_int(w, v);
    }
}

static void jw_opt_str(struct jw *w, const char *key, const char *v)
{
    if (v) {
        jw_key(w, key);
        jw_str(w, v);
    }
}

static void jw_open(struct jw *w, const char *brace)
{
    jw_raw(w, brace);
    w->first = 1;
}

static void jw_close(struct jw *w, const char *brace)
{
    jw_raw(w, brace);
    w->first = 0;
}

static void jw_entry(struct jw *w, const struct entry *e)
{
    char when[TRP_TIME_BUF];
    jw_open(w, "{");
    if (e->id) {
        jw_key(w, "id");
        jw_int(w, e->id);
    }
    jw_opt_str(w, "time", trp_time_format(&e->at, when));
    jw_opt_str(w, "kind", entry_kind_name(e->kind));
    switch (e->kind) {
    case ENTRY_PAIN:
        jw_key(w, "value");
        jw_number(w, e->value);
        if (e->n_regions) {
            jw_key(w, "regions");
            jw_open(w, "[");
            for (size_t i = 0; i < e->n_regions; i++) {
                if (i)
                    jw_raw(w, ",");
                jw_open(w, "{");
                jw_opt_str(w, "region", e->regions[i].region);
                jw_opt_int(w, "intensity", e->regions[i].intensity);
                jw_close(w, "}");
            }
            jw_close(w, "]");
        }
        if (e->n_qualities) {
            jw_key(w, "qualities");
            jw_open(w, "[");
            for (size_t i = 0; i < e->n_qualities; i++) {
                if (i)
                    jw_raw(w, ",");
                jw_str(w, e->qualities[i]);
            }
            jw_close(w, "]");
        }
        if (e->flare) {
            jw_key(w, "flare");
            jw_raw(w, "true");
        }
        break;
    case ENTRY_TASK:
        jw_opt_str(w, "name", e->name);
        jw_key(w, "minutes");
        jw_int(w, e->minutes);
        jw_opt_int(w, "effort", e->effort);
        jw_opt_str(w, "posture", e->posture);
        break;
    case ENTRY_FACTOR:
        jw_opt_str(w, "name", e->name);
        jw_key(w, "value");
        jw_number(w, e->value);
        break;
    case ENTRY_TREATMENT: {
        const struct entry_treatment *t = &e->treat;
        jw_key(w, "treatment");
        jw_open(w, "{");
        jw_opt_str(w, "technique", t->technique);
        jw_opt_str(w, "muscle", t->muscle);
        jw_opt_str(w, "side", t->side);
        jw_opt_int(w, "hold_seconds", t->hold_seconds);
        jw_opt_int(w, "passes", t->passes);
        if (t->released != ENTRY_UNSET) {
            jw_key(w, "released");
            jw_raw(w, t->released ? "true" : "false");
        }
        if (t->pressure >= 0) {
            jw_key(w, "pressure");
            jw_number(w, t->pressure);
        }
        jw_opt_int(w, "pain_before", t->pain_before);
        jw_opt_int(w, "pain_after", t->pain_after);
        jw_opt_str(w, "performer", t->performer);
        jw_close(w, "}");
        break;
    }
    case ENTRY_MEDICATION:
        jw_opt_str(w, "name", e->name);
        if (e->value >= 0) {
            jw_key(w, "dose");
            jw_number(w, e->value);
            jw_opt_str(w, "unit", e->unit);
        }
        break;
    case ENTRY_PGIC:
        jw_key(w, "value");
        jw_number(w, e->value);
        break;
    case ENTRY_PSFS:
        jw_opt_str(w, "name", e->name);
        jw_key(w, "value");
        jw_number(w, e->value);
        break;
    case ENTRY_NOTE:
    case ENTRY_KIND_COUNT:
        break;
    }
    jw_opt_str(w, "note", e->note);
    if (e->deleted_at) {
        jw_key(w, "deleted");
        jw_raw(w, "true");
    }
    jw_close(w, "}");
}

int entry_json_append(const struct entry *e, struct strbuf *out)
{
    size_t start = out->len;
    struct jw w = {out, e->revisions ? 1 : 0, 1};
    jw_entry(&w, e);
    if (w.rc == 0)
        return 0;
    /* Back to where this entry began, then the general path. */
    out->len = start;
    if (out->buf)
        out->buf[start] = '\0';
    if (w.rc < 0)
        return w.rc;
    char *s = entry_json_encode(e);
    int rc = strbuf_adds(out, s);
    free(s);
    return rc;
}

static int want_type(const json_t *v, json_type type, const char *key, const char *what,
                     struct trp_err *err)
{
    if (json_typeof(v) != type && !(type == JSON_REAL && json_is_integer(v)))
        return trp_err_set(err, TRP_EINVAL, "field \"%s\" must be %s", key, what);
    return 0;
}

static int get_str(const json_t *v, const char *key, struct arena *a, const char **out,
                   struct trp_err *err)
{
    int rc = want_type(v, JSON_STRING, key, "a string", err);
    if (rc)
        return rc;
    *out = arena_strndup(a, json_string_value(v), json_string_length(v));
    if (strlen(*out) != json_string_length(v))
        return trp_err_set(err, TRP_EINVAL, "field \"%s\" contains a NUL character", key);
    return 0;
}

static int get_num(const json_t *v, const char *key, double *out, struct trp_err *err)
{
    int rc = want_type(v, JSON_REAL, key, "a number", err);
    if (!rc)
        *out = json_number_value(v);
    return rc;
}

static int get_int(const json_t *v, const char *key, int *out, struct trp_err *err)
{
    if (!json_is_integer(v))
        return trp_err_set(err, TRP_EINVAL, "field \"%s\" must be a whole number", key);
    json_int_t i = json_integer_value(v);
    if (i < -1000000000 || i > 1000000000)
        return trp_err_set(err, TRP_EINVAL, "field \"%s\" is out of range", key);
    *out = (int)i;
    return 0;
}

static int decode_regions(const json_t *arr, struct arena *a, struct entry *e,
                          struct trp_err *err)
{
    if (!json_is_array(arr))
        return trp_err_set(err, TRP_EINVAL, "field \"regions\" must be an array");
    size_t n = json_array_size(arr);
    if (n > 200)
        return trp_err_set(err, TRP_EINVAL, "too many regions (more than 200)");
    e->regions = NULL;
    e->n_regions = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(arr, i);
        const char *phrase = NULL;
        int intensity = ENTRY_UNSET;
        if (json_is_string(item)) {
            phrase = json_string_value(item);
        } else if (json_is_object(item)) {
            const char *key;
            json_t *v;
            json_object_foreach((json_t *)item, key, v) {
                int rc = 0;
                if (strcmp(key, "region") == 0)
                    rc = get_str(v, "region", a, &phrase, err);
                else if (strcmp(key, "intensity") == 0)
                    rc = json_is_null(v) ? 0 : get_int(v, "intensity", &intensity, err);
                else
                    rc = trp_err_set(err, TRP_EINVAL, "unknown field \"regions.%.40s\"", key);
                if (rc)
                    return rc;
            }
            if (!phrase)
                return trp_err_set(err, TRP_EINVAL, "a region object needs \"region\"");
        } else {
            return trp_err_set(err, TRP_EINVAL, "each region must be a string or an object");
        }
        int rc = entry_add_region(a, e, phrase, intensity, err);
        if (rc)
            return rc;
    }
    return 0;
}

static int decode_qualities(const json_t *arr, struct arena *a, struct entry *e,
                            struct trp_err *err)
{
    if (!json_is_array(arr))
        return trp_err_set(err, TRP_EINVAL, "field \"qualities\" must be an array of strings");
    size_t n = json_array_size(arr);
    if (n > 32)
        return trp_err_set(err, TRP_EINVAL, "too many qualities (more than 32)");
    e->qualities = arena_zalloc(a, n + 1, sizeof *e->qualities);
    for (size_t i = 0; i < n; i++) {
        int rc = get_str(json_array_get(arr, i), "qualities", a, &e->qualities[i], err);
        if (rc)
            return rc;
    }
    e->n_qualities = n;
    return 0;
}

/* "each_pass": [{"hold_seconds": 90, "softened": false}, ...]: both fields required, nothing
 * else allowed, so a misspelt key is refused rather than read as a pass that never softened. */
static int decode_passes(const json_t *arr, struct arena *a, struct entry_treatment *t,
                         struct trp_err *err)
{
    if (!json_is_array(arr))
        return trp_err_set(err, TRP_EINVAL, "field \"each_pass\" must be an array");
    size_t n = json_array_size(arr);
    if (n > 20)
        return trp_err_set(err, TRP_EINVAL, "too many passes in \"each_pass\" (more than 20)");
    struct entry_pass *p = n ? arena_zalloc(a, n, sizeof *p) : NULL;
    for (size_t i = 0; i < n; i++) {
        const json_t *item = json_array_get(arr, i);
        const json_t *hold = json_object_get(item, "hold_seconds");
        const json_t *soft = json_object_get(item, "softened");
        if (!json_is_object(item) || json_object_size(item) != 2 || !hold || !soft)
            return trp_err_set(err, TRP_EINVAL,
                               "pass %zu must be {\"hold_seconds\": N, \"softened\": true|false}",
                               i + 1);
        int rc = get_int(hold, "each_pass.hold_seconds", &p[i].hold_seconds, err);
        if (rc)
            return rc;
        if (!json_is_boolean(soft))
            return trp_err_set(err, TRP_EINVAL,
                               "field \"each_pass.softened\" must be true or false");
        p[i].softened = json_is_true(soft);
    }
    t->per_pass = p;
    t->n_per_pass = n;
    return 0;
}

static int decode_treatment(const json_t *o, struct arena *a, struct entry *e,
                            struct trp_err *err)
{
    if (!json_is_object(o))
        return trp_err_set(err, TRP_EINVAL, "field \"treatment\" must be an object");
    struct entry_treatment *t = &e->treat;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        int rc;
        if (strcmp(key, "technique") == 0)
            rc = get_str(v, key, a, &t->technique, err);
        else if (strcmp(key, "muscle") == 0)
            rc = get_str(v, key, a, &t->muscle, err);
        else if (strcmp(key, "side") == 0)
            rc = get_str(v, key, a, &t->side, err);
        else if (strcmp(key, "hold_seconds") == 0)
            rc = get_int(v, key, &t->hold_seconds, err);
        else if (strcmp(key, "passes") == 0)
            rc = get_int(v, key, &t->passes, err);
        else if (strcmp(key, "released") == 0) {
            if (!json_is_boolean(v))
                return trp_err_set(err, TRP_EINVAL, "field \"released\" must be true or false");
            t->released = json_is_true(v);
            rc = 0;
        } else if (strcmp(key, "pressure") == 0)
            rc = get_num(v, key, &t->pressure, err);
        else if (strcmp(key, "pain_before") == 0)
            rc = get_int(v, key, &t->pain_before, err);
        else if (strcmp(key, "pain_after") == 0)
            rc = get_int(v, key, &t->pain_after, err);
        else if (strcmp(key, "performer") == 0)
            rc = get_str(v, key, a, &t->performer, err);
        else if (strcmp(key, "each_pass") == 0)
            rc = decode_passes(v, a, t, err);
        else
            rc = trp_err_set(err, TRP_EINVAL, "unknown field \"treatment.%.40s\"", key);
        if (rc)
            return rc;
    }
    if (!t->performer)
        t->performer = "self";
    return 0;
}

/* "revisions": [{"revised_at": TIME, "previous": ENTRY}, ...], oldest first. Each earlier
 * version is checked like an entry of its own (without the clock: it was accepted when it
 * was written) and kept as normalised JSON text for the store. */
static int decode_revisions(const json_t *arr, struct arena *a, struct entry *e,
                            struct trp_err *err)
{
    if (!json_is_array(arr))
        return trp_err_set(err, TRP_EINVAL, "field \"revisions\" must be an array");
    if (json_array_size(arr) > 10000)
        return trp_err_set(err, TRP_EINVAL, "too many revisions (more than 10000)");
    json_t *out = json_array();
    int rc = 0;
    for (size_t i = 0; i < json_array_size(arr) && !rc; i++) {
        const json_t *item = json_array_get(arr, i);
        const json_t *at = json_object_get(item, "revised_at");
        const json_t *prev = json_object_get(item, "previous");
        if (!json_is_object(item) || json_object_size(item) != 2 || !json_is_string(at) ||
            !json_is_object(prev)) {
            rc = trp_err_set(err, TRP_EINVAL,
                             "revision %zu must be {\"revised_at\": TIME, \"previous\": {...}}",
                             i + 1);
            break;
        }
        if (json_object_get(prev, "revisions")) {
            rc = trp_err_set(err, TRP_EINVAL, "revision %zu: an earlier version has no revisions",
                             i + 1);
            break;
        }
        struct trp_time epoch = {0, 0}, when;
        struct entry old;
        if ((rc = trp_time_parse(json_string_value(at), &epoch, &when, err)) ||
            (rc = entry_from_json(prev, a, &old, err))) {
            trp_err_prefix(err, "revision %zu: ", i + 1);
            break;
        }
        char stamp[TRP_TIME_BUF];
        when.offset_min = 0;
        json_t *norm = json_object();
        json_object_set_new(norm, "revised_at", json_string(trp_time_format(&when, stamp)));
        old.id = 0;
        old.revisions = NULL;
        json_object_set_new(norm, "previous", entry_to_json(&old));
        json_array_append_new(out, norm);
    }
    if (!rc) {
        char *text = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        if (!text)
            BUG("json_dumps failed");
        e->revisions = json_array_size(out) ? arena_strdup(a, text) : NULL;
        free(text);
    }
    json_decref(out);
    return rc;
}

int entry_from_json(const json_t *obj, struct arena *a, struct entry *e, struct trp_err *err)
{
    if (!json_is_object(obj))
        return trp_err_set(err, TRP_EINVAL, "each line must be a JSON object");
    const json_t *kind = json_object_get(obj, "kind");
    if (!kind || !json_is_string(kind))
        return trp_err_set(err, TRP_EINVAL, "field \"kind\" is missing");
    enum entry_kind k;
    int rc = entry_kind_parse(json_string_value(kind), &k, err);
    if (rc)
        return rc;
    entry_init(e, k);
    int have_time = 0, have_value = 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        rc = 0;
        if (strcmp(key, "kind") == 0) {
            continue;
        } else if (strcmp(key, "id") == 0) {
            /* Ids belong to one database: kept only as a hint for recognising an entry on
             * re-import (store_entry_find_same), never as the new entry's id. */
            if (!json_is_integer(v) || json_integer_value(v) < 1)
                return trp_err_set(err, TRP_EINVAL, "field \"id\" must be a positive whole number");
            e->id = json_integer_value(v);
        } else if (strcmp(key, "time") == 0) {
            const char *text;
            if ((rc = get_str(v, key, a, &text, err)))
                return rc;
            struct trp_time epoch = {0, 0};
            if ((rc = trp_time_parse(text, &epoch, &e->at, err)))
                return rc;
            if (text[0] == '-' || strchr(text, 'n') || strchr(text, 'y'))
                return trp_err_set(err, TRP_EINVAL,
                                   "field \"time\" must be an ISO 8601 time, not \"%.40s\"", text);
            have_time = 1;
        } else if (strcmp(key, "value") == 0 && k != ENTRY_MEDICATION) {
            rc = get_num(v, key, &e->value, err);
            have_value = 1;
        } else if (strcmp(key, "dose") == 0 && k == ENTRY_MEDICATION) {
            rc = get_num(v, key, &e->value, err);
            if (!rc && e->value <= 0)
                rc = trp_err_set(err, TRP_EINVAL, "dose %g must be more than 0", e->value);
        } else if (strcmp(key, "unit") == 0 && k == ENTRY_MEDICATION) {
            rc = get_str(v, key, a, &e->unit, err);
        } else if (strcmp(key, "name") == 0) {
            rc = get_str(v, key, a, &e->name, err);
        } else if (strcmp(key, "minutes") == 0) {
            rc = get_int(v, key, &e->minutes, err);
        } else if (strcmp(key, "effort") == 0) {
            rc = get_int(v, key, &e->effort, err);
        } else if (strcmp(key, "posture") == 0) {
            rc = get_str(v, key, a, &e->posture, err);
        } else if (strcmp(key, "note") == 0) {
            rc = get_str(v, key, a, &e->note, err);
        } else if (strcmp(key, "flare") == 0) {
            if (!json_is_boolean(v))
                return trp_err_set(err, TRP_EINVAL, "field \"flare\" must be true or false");
            e->flare = json_is_true(v);
        } else if (strcmp(key, "regions") == 0) {
            rc = decode_regions(v, a, e, err);
        } else if (strcmp(key, "qualities") == 0) {
            rc = decode_qualities(v, a, e, err);
        } else if (strcmp(key, "treatment") == 0) {
            rc = decode_treatment(v, a, e, err);
        } else if (strcmp(key, "deleted") == 0) {
            if (!json_is_boolean(v))
                return trp_err_set(err, TRP_EINVAL, "field \"deleted\" must be true or false");
            /* Deleted entries are exported by request only; importing one keeps it deleted
             * (the store dates the deletion to the import). */
            e->deleted_at = json_is_true(v) ? 1 : 0;
        } else if (strcmp(key, "revisions") == 0) {
            rc = decode_revisions(v, a, e, err);
        } else {
            rc = trp_err_set(err, TRP_EINVAL, "unknown field \"%.40s\"", key);
        }
        if (rc)
            return rc;
    }
    if (!have_time)
        return trp_err_set(err, TRP_EINVAL, "field \"time\" is missing");
    if ((k == ENTRY_PAIN || k == ENTRY_FACTOR || k == ENTRY_PGIC || k == ENTRY_PSFS) &&
        !have_value)
        return trp_err_set(err, TRP_EINVAL, "field \"value\" is missing");
    if (k == ENTRY_TREATMENT && !json_object_get(obj, "treatment"))
        return trp_err_set(err, TRP_EINVAL, "field \"treatment\" is missing");
    return entry_validate(e, err);
}
