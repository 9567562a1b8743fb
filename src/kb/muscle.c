/*
 * muscle.h: parsing and validation with jansson. The parsed JSON trees are kept for the life
 * of the process (the entries point into them), which costs a few hundred kilobytes and saves
 * copying every string.
 * The server's worker threads share these tables: the whole base is built once under
 * pthread_once, and the one-file-at-a-time cache of muscle_of_file fills its slots under a
 * mutex, so a table is never seen half-built and no file is parsed twice.
 */
#include "kb/muscle.h"

#include <ctype.h>
#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/embedded.h"
#include "base/xalloc.h"
#include "core/region.h"

extern const struct trp_embedded_file trp_muscle_files[];
extern const size_t trp_muscle_files_count;

const char *const muscle_areas[] = {"head", "neck", "shoulder", "arm", "forearm-hand",
                                    "chest-abdomen", "back", "hip-pelvis", "thigh", "leg", "foot"};
const size_t muscle_areas_count = sizeof muscle_areas / sizeof muscle_areas[0];

static struct {
    int status;
    struct trp_err err;
    size_t n;
    struct muscle *items;
    json_t **trees;
} kb;
/* Set (release) once kb is complete, so a reader that sees it also sees the tables. */
static atomic_int kb_ready;
static pthread_once_t kb_once = PTHREAD_ONCE_INIT;

static const char *const top_keys[] = {"id", "name", "aliases", "area", "commonness",
                                       "trigger_points", "referral", "symptoms",
                                       "self_treatment", "stretch", "strengthen",
                                       "perpetuating", "sources", "caution", "evidence",
                                       "reviewed", "part_of"};

#define FAIL(...) return trp_err_set(err, TRP_EIO, "data/muscles/%s: " __VA_ARGS__)

static int get_text(const char *file, json_t *o, const char *key, const char *field,
                    int allow_empty, const char **out, struct trp_err *err)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        FAIL("%s: missing", file, field);
    if (!json_is_string(v))
        FAIL("%s: must be text", file, field);
    if (!allow_empty && json_string_length(v) == 0)
        FAIL("%s: is empty", file, field);
    *out = json_string_value(v);
    return 0;
}

static int get_int(const char *file, json_t *o, const char *key, const char *field, int lo,
                   int hi, int *out, struct trp_err *err)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        FAIL("%s: missing", file, field);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        FAIL("%s: must be a whole number %d-%d", file, field, lo, hi);
    *out = (int)json_integer_value(v);
    return 0;
}

static int in_list(const char *s, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, v[i]))
            return 1;
    return 0;
}

/* An array of strings; each optionally a known base region, listed once. */
static int get_list(const char *file, json_t *o, const char *key, const char *field,
                    size_t min, int regions, const char **out, size_t *n, struct trp_err *err)
{
    json_t *arr = json_object_get(o, key);
    if (!arr)
        FAIL("%s: missing", file, field);
    if (!json_is_array(arr))
        FAIL("%s: must be a list", file, field);
    if (json_array_size(arr) < min)
        FAIL("%s: needs at least %zu item(s)", file, field, min);
    if (json_array_size(arr) > MUSCLE_MAX_LIST)
        FAIL("%s: more than %d items", file, field, MUSCLE_MAX_LIST);
    *n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v) || json_string_length(v) == 0)
            FAIL("%s[%zu]: must be non-empty text", file, field, i);
        const char *s = json_string_value(v);
        if (regions && !region_base_exists(s))
            FAIL("%s[%zu]: unknown region \"%s\"", file, field, i, s);
        if (regions && in_list(s, out, *n))
            FAIL("%s[%zu]: \"%s\" is listed twice", file, field, i, s);
        out[(*n)++] = s;
    }
    return 0;
}

static int check_keys(const char *file, json_t *o, const char *where, const char *const *keys,
                      size_t nkeys, struct trp_err *err)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        size_t i = 0;
        while (i < nkeys && strcmp(keys[i], k) != 0)
            i++;
        if (i == nkeys)
            FAIL("%s%s%s: unknown field", file, where, *where ? "." : "", k);
    }
    return 0;
}

static int parse_entry(const char *file, json_t *root, struct muscle *m, struct trp_err *err)
{
    memset(m, 0, sizeof *m);
    m->file = file;
    if (!json_is_object(root))
        FAIL("the file must hold one JSON object", file);
    int rc;
    if ((rc = check_keys(file, root, "", top_keys, sizeof top_keys / sizeof *top_keys, err)))
        return rc;
    if ((rc = get_text(file, root, "id", "id", 0, &m->id, err)) ||
        (rc = get_text(file, root, "name", "name", 0, &m->name, err)) ||
        (rc = get_text(file, root, "area", "area", 0, &m->area, err)) ||
        (rc = get_int(file, root, "commonness", "commonness", 1, 5, &m->commonness, err)) ||
        (rc = get_list(file, root, "aliases", "aliases", 0, 0, m->aliases, &m->n_aliases, err)) ||
        (rc = get_list(file, root, "symptoms", "symptoms", 0, 0, m->symptoms, &m->n_symptoms, err)) ||
        (rc = get_text(file, root, "stretch", "stretch", 0, &m->stretch, err)) ||
        (rc = get_text(file, root, "strengthen", "strengthen", 0, &m->strengthen, err)) ||
        (rc = get_text(file, root, "evidence", "evidence", 0, &m->evidence, err)) ||
        (rc = get_text(file, root, "reviewed", "reviewed", 0, &m->reviewed, err)))
        return rc;
    if (json_object_get(root, "part_of") &&
        (rc = get_text(file, root, "part_of", "part_of", 0, &m->part_of, err)))
        return rc;
    if (m->part_of && !strcmp(m->part_of, m->id))
        FAIL("part_of: an entry cannot be part of itself", file);
    size_t flen = strlen(file);
    if (flen < 6 || strcmp(file + flen - 5, ".json") || strlen(m->id) != flen - 5 ||
        strncmp(m->id, file, flen - 5))
        FAIL("id: \"%s\" must equal the file name without .json", file, m->id);
    for (const char *p = m->id; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            FAIL("id: \"%s\" must be kebab-case", file, m->id);
    size_t a = 0;
    while (a < muscle_areas_count && strcmp(muscle_areas[a], m->area))
        a++;
    if (a == muscle_areas_count)
        FAIL("area: unknown area \"%s\"", file, m->area);
    if (strcmp(m->evidence, "consensus-text") && strcmp(m->evidence, "experimental-referral-study") &&
        strcmp(m->evidence, "expert-opinion"))
        FAIL("evidence: \"%s\" is not consensus-text, experimental-referral-study or expert-opinion",
             file, m->evidence);
    int y, mo, d;
    char tail;
    if (sscanf(m->reviewed, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || strlen(m->reviewed) != 10 ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || y < 2000)
        FAIL("reviewed: \"%s\" is not a date YYYY-MM-DD", file, m->reviewed);

    json_t *tps = json_object_get(root, "trigger_points");
    if (!json_is_array(tps) || json_array_size(tps) == 0)
        FAIL("trigger_points: needs at least one trigger point", file);
    if (json_array_size(tps) > MUSCLE_MAX_TP)
        FAIL("trigger_points: more than %d", file, MUSCLE_MAX_TP);
    static const char *const tp_keys[] = {"name", "region", "location", "how_to_find", "refers_to"};
    size_t i;
    json_t *tp;
    m->midline = 1;
    json_array_foreach(tps, i, tp) {
        char where[48];
        snprintf(where, sizeof where, "trigger_points[%zu]", i);
        if (!json_is_object(tp))
            FAIL("%s: must be an object", file, where);
        struct muscle_tp *t = &m->tp[m->n_tp++];
        if ((rc = check_keys(file, tp, where, tp_keys, 5, err)) ||
            (rc = get_text(file, tp, "name", where, 0, &t->name, err)) ||
            (rc = get_text(file, tp, "region", where, 0, &t->region, err)) ||
            (rc = get_text(file, tp, "location", where, 0, &t->location, err)) ||
            (rc = get_text(file, tp, "how_to_find", where, 0, &t->how_to_find, err)))
            return rc;
        if (!region_base_exists(t->region))
            FAIL("%s.region: unknown region \"%s\"", file, where, t->region);
        if (region_find(t->region) == NULL) /* sided bases have no side-free id */
            m->midline = 0;
    }
    json_t *ref = json_object_get(root, "referral");
    if (!json_is_object(ref))
        FAIL("referral: missing", file);
    static const char *const ref_keys[] = {"essential", "spillover"};
    if ((rc = check_keys(file, ref, "referral", ref_keys, 2, err)) ||
        (rc = get_list(file, ref, "essential", "referral.essential", 1, 1, m->essential, &m->n_essential, err)) ||
        (rc = get_list(file, ref, "spillover", "referral.spillover", 0, 1, m->spillover, &m->n_spillover, err)))
        return rc;
    /* A point's own zones must be among the muscle's, which stay the union that ranking reads. */
    json_array_foreach(tps, i, tp) {
        if (!json_object_get(tp, "refers_to"))
            continue;
        char where[64];
        snprintf(where, sizeof where, "trigger_points[%zu].refers_to", i);
        struct muscle_tp *t = &m->tp[i];
        if ((rc = get_list(file, tp, "refers_to", where, 1, 1, t->refers_to, &t->n_refers, err)))
            return rc;
        for (size_t k = 0; k < t->n_refers; k++)
            if (!in_list(t->refers_to[k], m->essential, m->n_essential) &&
                !in_list(t->refers_to[k], m->spillover, m->n_spillover))
                FAIL("%s[%zu]: \"%s\" is not in referral.essential or referral.spillover", file, where,
                     k, t->refers_to[k]);
    }
    for (size_t k = 0; k < m->n_essential; k++)
        if (in_list(m->essential[k], m->spillover, m->n_spillover))
            FAIL("referral.spillover: \"%s\" is already essential", file, m->essential[k]);

    json_t *st = json_object_get(root, "self_treatment");
    if (!json_is_object(st))
        FAIL("self_treatment: missing", file);
    static const char *const st_keys[] = {"techniques", "position", "tool", "pressure",
                                          "hold_seconds", "passes", "friction_direction",
                                          "cautions", "endangerment_sites"};
    const char *tech[MUSCLE_MAX_LIST];
    size_t ntech;
    if ((rc = check_keys(file, st, "self_treatment", st_keys, 9, err)) ||
        (rc = get_list(file, st, "techniques", "self_treatment.techniques", 1, 0, tech, &ntech, err)) ||
        (rc = get_text(file, st, "position", "self_treatment.position", 0, &m->position, err)) ||
        (rc = get_text(file, st, "tool", "self_treatment.tool", 0, &m->tool, err)) ||
        (rc = get_text(file, st, "pressure", "self_treatment.pressure", 0, &m->pressure, err)) ||
        (rc = get_int(file, st, "hold_seconds", "self_treatment.hold_seconds", 30, 120, &m->hold_seconds, err)) ||
        (rc = get_int(file, st, "passes", "self_treatment.passes", 1, 5, &m->passes, err)) ||
        (rc = get_text(file, st, "friction_direction", "self_treatment.friction_direction", 1, &m->friction_direction, err)) ||
        (rc = get_list(file, st, "cautions", "self_treatment.cautions", 0, 0, m->cautions, &m->n_cautions, err)) ||
        (rc = get_list(file, st, "endangerment_sites", "self_treatment.endangerment_sites", 0, 1, m->endangerment, &m->n_endangerment, err)))
        return rc;
    for (size_t k = 0; k < ntech; k++) {
        if (!strcmp(tech[k], "compression"))
            m->compression = 1;
        else if (!strcmp(tech[k], "friction"))
            m->friction = 1;
        else
            FAIL("self_treatment.techniques[%zu]: \"%s\" is not compression or friction", file, k, tech[k]);
    }
    if (m->friction && !m->friction_direction[0])
        FAIL("self_treatment.friction_direction: needed when friction is a technique", file);

    json_t *perp = json_object_get(root, "perpetuating");
    if (!json_is_array(perp) || json_array_size(perp) == 0)
        FAIL("perpetuating: needs at least one task", file);
    if (json_array_size(perp) > MUSCLE_MAX_LIST)
        FAIL("perpetuating: more than %d", file, MUSCLE_MAX_LIST);
    static const char *const perp_keys[] = {"task", "keywords"};
    json_t *p;
    json_array_foreach(perp, i, p) {
        char where[48];
        snprintf(where, sizeof where, "perpetuating[%zu]", i);
        if (!json_is_object(p))
            FAIL("%s: must be an object", file, where);
        struct muscle_perp *mp = &m->perpetuating[m->n_perpetuating++];
        char kw[64];
        snprintf(kw, sizeof kw, "%s.keywords", where);
        if ((rc = check_keys(file, p, where, perp_keys, 2, err)) ||
            (rc = get_text(file, p, "task", where, 0, &mp->task, err)) ||
            (rc = get_list(file, p, "keywords", kw, 1, 0, mp->keywords, &mp->n_keywords, err)))
            return rc;
    }
    json_t *caution = json_object_get(root, "caution");
    if (caution) {
        static const char *const caution_keys[] = {"text", "source"};
        if (!json_is_object(caution))
            FAIL("caution: must be an object with text and source", file);
        if ((rc = check_keys(file, caution, "caution", caution_keys, 2, err)) ||
            (rc = get_text(file, caution, "text", "caution.text", 0, &m->caution, err)) ||
            (rc = get_text(file, caution, "source", "caution.source", 0, &m->caution_source, err)))
            return rc;
    }
    json_t *srcs = json_object_get(root, "sources");
    if (!json_is_array(srcs) || json_array_size(srcs) == 0)
        FAIL("sources: needs at least one source", file);
    if (json_array_size(srcs) > MUSCLE_MAX_LIST)
        FAIL("sources: more than %d", file, MUSCLE_MAX_LIST);
    static const char *const src_keys[] = {"citation", "kind"};
    json_t *s;
    json_array_foreach(srcs, i, s) {
        char where[48];
        snprintf(where, sizeof where, "sources[%zu]", i);
        if (!json_is_object(s))
            FAIL("%s: must be an object", file, where);
        struct muscle_source *ms = &m->sources[m->n_sources++];
        if ((rc = check_keys(file, s, where, src_keys, 2, err)) ||
            (rc = get_text(file, s, "citation", where, 0, &ms->citation, err)) ||
            (rc = get_text(file, s, "kind", where, 0, &ms->kind, err)))
            return rc;
        if (strcmp(ms->kind, "consensus-text") && strcmp(ms->kind, "referral-study") &&
            strcmp(ms->kind, "expert-opinion") && strcmp(ms->kind, "trial"))
            FAIL("%s.kind: \"%s\" is not consensus-text, referral-study, expert-opinion or trial",
                 file, where, ms->kind);
    }
    return 0;
}

static json_t *parse_json(const char *file, const char *text, struct trp_err *err)
{
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        trp_err_set(err, TRP_EIO, "data/muscles/%s: line %d: %s", file, jerr.line, jerr.text);
    return root;
}

int muscle_check_text(const char *file, const char *json_text, struct trp_err *err)
{
    json_t *root = parse_json(file, json_text, err);
    if (!root)
        return TRP_EIO;
    struct muscle m;
    int rc = parse_entry(file, root, &m, err);
    json_decref(root);
    return rc;
}

static void kb_free(void)
{
    for (size_t i = 0; i < kb.n; i++)
        json_decref(kb.trees[i]);
    free(kb.trees);
    free(kb.items);
}

static void kb_build(void)
{
    int rc = region_load(&kb.err);
    size_t n = trp_muscle_files_count;
    kb.items = xcalloc(n ? n : 1, sizeof *kb.items);
    kb.trees = xcalloc(n ? n : 1, sizeof *kb.trees);
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *root = parse_json(trp_muscle_files[i].name, trp_muscle_files[i].data, &kb.err);
        if (!root) {
            rc = TRP_EIO;
            break;
        }
        kb.trees[kb.n] = root;
        rc = parse_entry(trp_muscle_files[i].name, root, &kb.items[kb.n], &kb.err);
        kb.n++;
    }
    /* Ids and aliases must be unique, or a name could mean two muscles. */
    for (size_t i = 0; i < kb.n && !rc; i++)
        for (size_t j = 0; j < kb.n && !rc; j++) {
            if (i == j)
                continue;
            for (size_t k = 0; k < kb.items[j].n_aliases; k++)
                if (!strcasecmp(kb.items[i].id, kb.items[j].aliases[k]))
                    rc = trp_err_set(&kb.err, TRP_EIO, "data/muscles/%s: aliases: \"%s\" is another muscle's id",
                                     kb.items[j].file, kb.items[j].aliases[k]);
        }
    /* A part names an existing group entry, which is itself part of nothing (one level). */
    for (size_t i = 0; i < kb.n && !rc; i++) {
        if (!kb.items[i].part_of)
            continue;
        size_t j = 0;
        while (j < kb.n && strcmp(kb.items[j].id, kb.items[i].part_of))
            j++;
        if (j == kb.n || kb.items[j].part_of)
            rc = trp_err_set(&kb.err, TRP_EIO,
                             "data/muscles/%s: part_of: \"%s\" is not a group entry's id",
                             kb.items[i].file, kb.items[i].part_of);
    }
    atexit(kb_free);
    kb.status = rc;
    atomic_store_explicit(&kb_ready, 1, memory_order_release);
}

int muscle_load(struct trp_err *err)
{
    pthread_once(&kb_once, kb_build);
    if (kb.status && err)
        *err = kb.err;
    return kb.status;
}

/* Entries parsed one at a time by muscle_of_file (the JSON trees own their strings); a
 * slot is filled and read under one_lock. */
static struct muscle *one[1024];
static json_t *one_tree[1024];
static pthread_mutex_t one_lock = PTHREAD_MUTEX_INITIALIZER;

static void one_free(void)
{
    for (size_t i = 0; i < 1024; i++) {
        json_decref(one_tree[i]);
        free(one[i]);
    }
}

static void one_free_at_exit(void)
{
    atexit(one_free);
}

/* Parses file i into its slot unless it is there; called with one_lock held. */
static int one_fill(size_t i, struct trp_err *err)
{
    if (one[i])
        return 0;
    int rc = region_load(err);
    if (rc)
        return rc;
    json_t *root = parse_json(trp_muscle_files[i].name, trp_muscle_files[i].data, err);
    if (!root)
        return TRP_EIO;
    struct muscle *m = xcalloc(1, sizeof *m);
    if ((rc = parse_entry(trp_muscle_files[i].name, root, m, err))) {
        json_decref(root);
        free(m);
        return rc;
    }
    static pthread_once_t registered = PTHREAD_ONCE_INIT;
    pthread_once(&registered, one_free_at_exit);
    one[i] = m;
    one_tree[i] = root;
    return 0;
}

int muscle_of_file(size_t i, const struct muscle **out, struct trp_err *err)
{
    if (i >= trp_muscle_files_count)
        return trp_err_set(err, TRP_ENOTFOUND, "no muscle file %zu", i);
    if (atomic_load_explicit(&kb_ready, memory_order_acquire)) {
        if (kb.status) {
            if (err)
                *err = kb.err;
            return kb.status;
        }
        *out = &kb.items[i];
        return 0;
    }
    if (i >= 1024)
        return muscle_load(err) ? kb.status : (*out = &kb.items[i], 0);
    pthread_mutex_lock(&one_lock);
    int rc = one_fill(i, err);
    if (!rc)
        *out = one[i];
    pthread_mutex_unlock(&one_lock);
    return rc;
}

size_t muscle_count(void)
{
    return muscle_load(NULL) ? 0 : kb.n;
}

const struct muscle *muscle_at(size_t i)
{
    return i < muscle_count() ? &kb.items[i] : NULL;
}

/* Compares ignoring case and treating spaces, hyphens and underscores alike. */
static int name_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca == ' ' || ca == '_')
            ca = '-';
        if (cb == ' ' || cb == '_')
            cb = '-';
        if (ca != cb)
            return 0;
        if (!ca)
            return 1;
    }
}

const struct muscle *muscle_find(const char *name)
{
    size_t n = muscle_count();
    for (size_t i = 0; i < n; i++)
        if (name_eq(kb.items[i].id, name) || name_eq(kb.items[i].name, name))
            return &kb.items[i];
    /* Aliases second, so an id always wins over someone else's alias. */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < kb.items[i].n_aliases; k++)
            if (name_eq(kb.items[i].aliases[k], name))
                return &kb.items[i];
    return NULL;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 60 || lb > 60)
        return 99;
    size_t row[61];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = prev + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

int muscle_lookup(const char *name, const struct muscle **out, struct trp_err *err)
{
    int rc = muscle_load(err);
    if (rc)
        return rc;
    if (!name || !*name)
        return trp_err_set(err, TRP_EINVAL, "name a muscle (see 'trp muscles')");
    if ((*out = muscle_find(name)))
        return 0;
    const struct muscle *best[3] = {NULL, NULL, NULL};
    size_t bestd[3] = {99, 99, 99};
    for (size_t i = 0; i < kb.n; i++) {
        size_t d = edit_distance(name, kb.items[i].id);
        for (size_t k = 0; k < kb.items[i].n_aliases; k++) {
            size_t da = edit_distance(name, kb.items[i].aliases[k]);
            if (da < d)
                d = da;
        }
        /* A prefix ("gluteus") is a good hint too. */
        if (strncasecmp(kb.items[i].id, name, strlen(name)) == 0)
            d = d < 2 ? d : 2;
        for (int s = 0; s < 3; s++) {
            if (d < bestd[s]) {
                for (int t = 2; t > s; t--) {
                    best[t] = best[t - 1];
                    bestd[t] = bestd[t - 1];
                }
                best[s] = &kb.items[i];
                bestd[s] = d;
                break;
            }
        }
    }
    char sugg[256] = "";
    for (int s = 0; s < 3; s++)
        if (best[s] && bestd[s] <= 4) {
            size_t len = strlen(sugg);
            snprintf(sugg + len, sizeof sugg - len, "%s%s", len ? ", " : "", best[s]->id);
        }
    if (sugg[0])
        return trp_err_set(err, TRP_EINVAL, "unknown muscle \"%.60s\"; did you mean: %s?", name, sugg);
    return trp_err_set(err, TRP_EINVAL, "unknown muscle \"%.60s\"; see 'trp muscles' for the list", name);
}
