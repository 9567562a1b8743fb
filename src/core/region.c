/*
 * region.h: the body-region vocabulary. The two tab-separated files in data/regions/ are
 * compiled in by scripts/embed.py; the first call parses them into hash tables (regions by
 * id, base names, and lookup keys made of ids, base names and lay synonyms), checks them, and
 * keeps the result for the life of the process. Loading takes well under a millisecond, which
 * matters because `trp where` and `trp log` are whole processes with a 10 ms budget.
 */
#include "core/region.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"

extern const struct trp_embedded_file trp_region_files[];
extern const size_t trp_region_files_count;

/* A synonym may name up to this many bases ("head" names the four head segments). */
#define TARGETS_MAX 8
/* Normalised phrases are split into at most this many words; more is not a body region. */
#define WORDS_MAX 96

enum key_kind { KEY_BASE, KEY_ID, KEY_SYNONYM };

struct target {
    unsigned is_region : 1; /* 1: index into regions (an exact id); 0: index into bases */
    unsigned index : 31;
};

struct key {
    const char *norm;    /* normalised phrase, the sort key */
    const char *display; /* as shown in suggestions */
    enum key_kind kind;
    int line;            /* synonyms.tsv line, for error messages */
    unsigned first;      /* targets[first, first + ntargets) in struct vocab */
    unsigned ntargets;
};

struct base {
    const char *name;
    long left, right, mid; /* region indexes or -1 */
};

/* Open-addressing hash table from a string to an index; sized at load, never grows. */
struct tab_slot {
    const char *key; /* NULL: empty */
    unsigned val;
};

struct tab {
    struct tab_slot *slots;
    size_t mask;
};

struct vocab {
    struct arena *arena;
    struct region *regions; /* file order */
    size_t nregions;
    struct tab by_id;       /* id -> regions[] */
    struct base *bases;     /* first-seen order */
    size_t nbases;
    struct tab by_base;     /* base name -> bases[] */
    struct key *keys;       /* ids, base names and synonyms, one per phrase */
    size_t nkeys;
    struct tab by_norm;     /* normalised phrase -> keys[] */
    struct target *targets;      /* what each key names; kept apart so keys stay small */
    size_t ntargets, targets_cap;
    const struct region *by_code[2][40]; /* [front/back][code % 100] */
};

/* ---- text helpers ------------------------------------------------------------------ */

static int is_sep(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == '-' || c == '_' || c == ',' || c == '(' || c == ')' || c == '/' || c == ';';
}

/* Words that carry no place: "my left heel", "back of the head". */
static int is_filler(const char *w, size_t n)
{
    return (n == 2 && memcmp(w, "my", 2) == 0) || (n == 3 && memcmp(w, "the", 3) == 0) ||
           (n == 4 && memcmp(w, "your", 4) == 0);
}

/*
 * Lower-cases ASCII, treats hyphens and punctuation as spaces, drops apostrophes and the
 * filler words, and collapses runs of spaces, so that the data files and what people type
 * meet in one form. Writes at most cap-1 bytes; returns the length, or -1 if it did not fit.
 */
static long normalize(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)in;
    while (*p) {
        while (*p && is_sep(*p))
            p++;
        if (!*p)
            break;
        size_t start = o;
        if (o > 0) {
            if (o + 1 >= cap)
                return -1;
            out[o++] = ' ';
        }
        size_t wstart = o;
        while (*p && !is_sep(*p)) {
            if (*p != '\'') {
                if (o + 1 >= cap)
                    return -1;
                out[o++] = (char)(*p < 0x80 ? tolower(*p) : *p);
            }
            p++;
        }
        if (o == wstart || is_filler(out + wstart, o - wstart))
            o = start;
    }
    out[o] = '\0';
    return (long)o;
}

static int word_is(const char *w, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(w, *set) == 0)
            return 1;
    return 0;
}

static const char *const LEFT_WORDS[] = {"left", "l", "lt", NULL};
static const char *const RIGHT_WORDS[] = {"right", "r", "rt", NULL};
static const char *const BOTH_WORDS[] = {"both", "bilateral", "bilaterally", NULL};
static const char *const PREP_WORDS[] = {"in", "on", "at", NULL};

static int side_word(const char *w)
{
    if (word_is(w, LEFT_WORDS))
        return REGION_LAT_LEFT;
    if (word_is(w, RIGHT_WORDS))
        return REGION_LAT_RIGHT;
    if (word_is(w, BOTH_WORDS))
        return REGION_LAT_BOTH;
    return 0;
}

static enum region_laterality lat_merge(enum region_laterality a, enum region_laterality b)
{
    if (a == REGION_LAT_UNSPECIFIED)
        return b;
    if (b == REGION_LAT_UNSPECIFIED || a == b)
        return a;
    return REGION_LAT_BOTH; /* "left ... on the right" or "left and right" */
}

/*
 * Takes side words off both ends of words[*lo, *hi): "left", "r", "both sides of",
 * "left-sided", "left and right" in front; "on the left", "left side", "bilaterally" behind.
 * Returns the laterality found.
 */
static enum region_laterality strip_sides(char **words, size_t *lo, size_t *hi)
{
    enum region_laterality lat = REGION_LAT_UNSPECIFIED;
    size_t i = *lo, j = *hi;
    if (j - i >= 2 && word_is(words[i], PREP_WORDS) && side_word(words[i + 1]))
        i++;
    while (i < j) {
        int s = side_word(words[i]);
        if (!s)
            break;
        lat = lat_merge(lat, (enum region_laterality)s);
        i++;
        if (i < j && (strcmp(words[i], "sided") == 0 || strcmp(words[i], "sides") == 0))
            i++;
        if (s == REGION_LAT_BOTH && i < j && strcmp(words[i], "of") == 0)
            i++;
        if (i + 1 < j && strcmp(words[i], "and") == 0 && side_word(words[i + 1]))
            i++;
    }
    while (j > i) {
        const char *last = words[j - 1];
        int s = side_word(last);
        if (!s && j - i >= 2 && (strcmp(last, "side") == 0 || strcmp(last, "sides") == 0) &&
            side_word(words[j - 2])) {
            j--;
            s = side_word(words[j - 1]);
        }
        if (!s)
            break;
        lat = lat_merge(lat, (enum region_laterality)s);
        j--;
        if (j > i && (strcmp(words[j - 1], "and") == 0) && j - 1 > i &&
            side_word(words[j - 2]))
            j--;
        else if (j > i && word_is(words[j - 1], PREP_WORDS))
            j--;
    }
    *lo = i;
    *hi = j;
    return lat;
}

/* Splits a normalised string in place into words; returns the count or -1 if too many. */
static long split_words(char *s, char **words, size_t max)
{
    size_t n = 0;
    while (*s) {
        if (n == max)
            return -1;
        words[n++] = s;
        char *sp = strchr(s, ' ');
        if (!sp)
            break;
        *sp = '\0';
        s = sp + 1;
    }
    return (long)n;
}

static void join_words(char **words, size_t lo, size_t hi, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t k = lo; k < hi; k++) {
        size_t n = strlen(words[k]);
        if (o + n + 2 > cap)
            break;
        if (o)
            out[o++] = ' ';
        memcpy(out + o, words[k], n);
        o += n;
        out[o] = '\0';
    }
}

/* Strict UTF-8 check (no overlong forms, no surrogates, nothing past U+10FFFF). */
static int utf8_valid(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s;
        size_t n;
        unsigned min;
        if (c < 0x80) {
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, min = 0x10000, c &= 0x07;
        } else {
            return 0;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[k] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        s += n + 1;
    }
    return 1;
}

/* A printable, bounded copy of a user's phrase for an error message. */
static void quote_phrase(const char *in, char *out, size_t cap)
{
    size_t o = 0, limit = cap - 4;
    const unsigned char *p = (const unsigned char *)in;
    while (*p && o < limit) {
        size_t n = 1;
        if (*p >= 0xC0)
            n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        if (o + n > limit)
            break;
        for (size_t k = 0; k < n && p[k]; k++)
            out[o++] = (char)((p[k] < 0x20 || p[k] == 0x7F) ? '?' : p[k]);
        p += n;
    }
    if (*p && o + 3 < cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* ---- loading ----------------------------------------------------------------------- */

/* Sorting ~1000 keys at start-up cost more than the rest of loading together, and every
 * `trp log` pays for it, so lookups go through hash tables built in one pass instead. */
static size_t str_hash(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void tab_init(struct arena *a, struct tab *t, size_t count)
{
    size_t n = 16;
    while (n < count * 2)
        n *= 2;
    t->slots = arena_zalloc(a, n, sizeof *t->slots);
    t->mask = n - 1;
}

/* The slot holding key, or the empty slot where it would go. */
static struct tab_slot *tab_slot(const struct tab *t, const char *key)
{
    for (size_t i = str_hash(key) & t->mask;; i = (i + 1) & t->mask)
        if (!t->slots[i].key || strcmp(t->slots[i].key, key) == 0)
            return &t->slots[i];
}

static long tab_get(const struct tab *t, const char *key)
{
    if (!t->slots)
        return -1;
    const struct tab_slot *sl = tab_slot(t, key);
    return sl->key ? (long)sl->val : -1;
}

static const struct region *vocab_find(const struct vocab *v, const char *id)
{
    long i = tab_get(&v->by_id, id);
    return i < 0 ? NULL : &v->regions[i];
}

static const struct base *vocab_base(const struct vocab *v, const char *name)
{
    long i = tab_get(&v->by_base, name);
    return i < 0 ? NULL : &v->bases[i];
}

static const struct key *vocab_key(const struct vocab *v, const char *norm)
{
    long i = tab_get(&v->by_norm, norm);
    return i < 0 ? NULL : &v->keys[i];
}

/* Splits text (modified in place) into lines; calls back with each non-comment line. */
struct line_iter {
    char *p;
    int lineno;
};

static char *next_line(struct line_iter *it)
{
    while (it->p && *it->p) {
        char *line = it->p;
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
            it->p = nl + 1;
        } else {
            it->p = NULL;
        }
        it->lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        return line;
    }
    return NULL;
}

static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    for (;;) {
        char *tab = strchr(line, '\t');
        if (n < max)
            fields[n] = line;
        n++;
        if (!tab)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return n;
}

static int valid_id_chars(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '.'))
            return 0;
    return 1;
}

#define RERR(line, ...) \
    (trp_err_set(err, TRP_EIO, "regions.tsv: line %d: ", (line)), \
     trp_err_prefix_append(err, __VA_ARGS__))

/* Appends a formatted message after the prefix already in err; returns TRP_EIO. */
static int trp_err_prefix_append(struct trp_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int trp_err_prefix_append(struct trp_err *err, const char *fmt, ...)
{
    if (!err)
        return TRP_EIO;
    size_t len = strlen(err->msg);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + len, sizeof err->msg - len, fmt, ap);
    va_end(ap);
    return TRP_EIO;
}

static int parse_side(const char *s, enum region_side *out)
{
    if (strcmp(s, "left") == 0)
        *out = REGION_LEFT;
    else if (strcmp(s, "right") == 0)
        *out = REGION_RIGHT;
    else if (strcmp(s, "midline") == 0)
        *out = REGION_MIDLINE;
    else
        return -1;
    return 0;
}

static int parse_view(const char *s, enum region_view *out)
{
    if (strcmp(s, "front") == 0)
        *out = REGION_FRONT;
    else if (strcmp(s, "back") == 0)
        *out = REGION_BACK;
    else if (strcmp(s, "deep") == 0)
        *out = REGION_DEEP;
    else
        return -1;
    return 0;
}

static size_t count_lines(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static int load_regions(struct vocab *v, char *text, const char ***parents, int **lines,
                        struct trp_err *err)
{
    size_t cap = count_lines(text);
    v->regions = arena_zalloc(v->arena, cap, sizeof *v->regions);
    *parents = arena_zalloc(v->arena, cap, sizeof **parents);
    *lines = arena_zalloc(v->arena, cap, sizeof **lines);
    struct line_iter it = {text, 0};
    char *line = next_line(&it);
    if (!line || strcmp(line, "id\tcode\tlabel\tside\tview\tparent") != 0)
        return RERR(it.lineno, "expected the header \"id, code, label, side, view, parent\"");
    while ((line = next_line(&it))) {
        char *f[6];
        size_t nf = split_tabs(line, f, 6);
        if (nf != 6)
            return RERR(it.lineno, "expected 6 tab-separated fields, found %zu", nf);
        struct region *r = &v->regions[v->nregions];
        if (!valid_id_chars(f[0]))
            return RERR(it.lineno, "id \"%s\" must be lower-case letters, digits, - and .",
                        f[0]);
        r->id = f[0];
        if (parse_side(f[3], &r->side))
            return RERR(it.lineno, "side \"%s\" is not left, right or midline", f[3]);
        if (parse_view(f[4], &r->view))
            return RERR(it.lineno, "view \"%s\" is not front, back or deep", f[4]);
        const char *dot = strchr(r->id, '.');
        if (r->side == REGION_MIDLINE) {
            if (dot)
                return RERR(it.lineno, "midline id \"%s\" must not carry a side suffix", r->id);
            r->base = r->id;
        } else {
            const char *want = r->side == REGION_LEFT ? ".l" : ".r";
            if (!dot || strcmp(dot, want) != 0 || dot == r->id)
                return RERR(it.lineno, "%s id \"%s\" must end in %s", f[3], r->id, want);
            r->base = arena_strndup(v->arena, r->id, (size_t)(dot - r->id));
            if (strchr(r->base, '.'))
                return RERR(it.lineno, "id \"%s\" has more than one '.'", r->id);
        }
        if (!f[2][0])
            return RERR(it.lineno, "region \"%s\" needs a label", r->id);
        r->label = f[2];
        if (f[1][0]) {
            char *end;
            long code = strtol(f[1], &end, 10);
            int front = code >= 101 && code <= 136, back = code >= 201 && code <= 238;
            if (*end || !(front || back))
                return RERR(it.lineno, "code \"%s\" is not a CHOIR segment (101-136, 201-238)",
                            f[1]);
            if ((front && r->view != REGION_FRONT) || (back && r->view != REGION_BACK))
                return RERR(it.lineno, "CHOIR code %ld belongs to the %s figure", code,
                            front ? "front" : "back");
            if (r->side == REGION_MIDLINE)
                return RERR(it.lineno, "CHOIR segment %ld must be left or right", code);
            const struct region **slot = &v->by_code[back][code % 100];
            if (*slot)
                return RERR(it.lineno, "CHOIR code %ld is used twice", code);
            *slot = r;
            r->code = (int)code;
            if (f[5][0])
                return RERR(it.lineno, "CHOIR segment %s must not have a parent", r->id);
        } else if (!f[5][0]) {
            return RERR(it.lineno, "sub-region %s needs a parent CHOIR segment", r->id);
        }
        (*parents)[v->nregions] = f[5];
        (*lines)[v->nregions] = it.lineno;
        v->nregions++;
    }
    return 0;
}

static int link_regions(struct vocab *v, const char **parents, const int *lines,
                        struct trp_err *err)
{
    tab_init(v->arena, &v->by_id, v->nregions);
    for (size_t i = 0; i < v->nregions; i++) {
        struct tab_slot *sl = tab_slot(&v->by_id, v->regions[i].id);
        if (sl->key)
            return RERR(lines[i], "id \"%s\" is defined twice", v->regions[i].id);
        *sl = (struct tab_slot){v->regions[i].id, (unsigned)i};
    }
    for (int b = 0; b < 2; b++)
        for (int c = 1; c <= (b ? 38 : 36); c++)
            if (!v->by_code[b][c])
                return trp_err_set(err, TRP_EIO, "regions.tsv: CHOIR segment %d is missing",
                                   (b + 1) * 100 + c);
    for (size_t i = 0; i < v->nregions; i++) {
        struct region *r = &v->regions[i];
        if (parents[i][0]) {
            const struct region *p = vocab_find(v, parents[i]);
            if (!p)
                return RERR(lines[i], "parent \"%s\" of %s does not exist", parents[i], r->id);
            if (!p->code)
                return RERR(lines[i], "parent %s of %s is not a CHOIR segment", p->id, r->id);
            if (r->side != REGION_MIDLINE && p->side != r->side)
                return RERR(lines[i], "parent %s of %s is on the other side", p->id, r->id);
            r->parent = p;
        }
        if (r->side != REGION_MIDLINE) {
            char *other = arena_strdup(v->arena, r->id);
            other[strlen(other) - 1] = r->side == REGION_LEFT ? 'r' : 'l';
            r->mirror = vocab_find(v, other);
            if (!r->mirror)
                return RERR(lines[i], "%s has no %s twin %s", r->id,
                            r->side == REGION_LEFT ? "right" : "left", other);
            if (r->mirror->view != r->view || (r->code == 0) != (r->mirror->code == 0))
                return RERR(lines[i], "%s and %s differ in view or layer", r->id, other);
        }
    }
    /* base names, in order of first appearance */
    v->bases = arena_zalloc(v->arena, v->nregions ? v->nregions : 1, sizeof *v->bases);
    tab_init(v->arena, &v->by_base, v->nregions);
    for (size_t i = 0; i < v->nregions; i++) {
        const struct region *r = &v->regions[i];
        struct tab_slot *sl = tab_slot(&v->by_base, r->base);
        if (!sl->key) {
            v->bases[v->nbases] = (struct base){r->base, -1, -1, -1};
            *sl = (struct tab_slot){r->base, (unsigned)v->nbases++};
        }
        struct base *b = &v->bases[sl->val];
        long *slot = r->side == REGION_LEFT ? &b->left : r->side == REGION_RIGHT ? &b->right : &b->mid;
        *slot = (long)i;
        if (b->mid >= 0 && (b->left >= 0 || b->right >= 0))
            return RERR(lines[i], "\"%s\" is both midline and sided", b->name);
    }
    return 0;
}

static struct key *add_key(struct vocab *v, size_t *cap, const char *text, enum key_kind kind,
                           int line)
{
    if (v->nkeys == *cap)
        return NULL; /* cannot happen: load_keys counted every line */
    char buf[REGION_PHRASE_MAX + 1];
    struct key *k = &v->keys[v->nkeys];
    memset(k, 0, sizeof *k);
    long n = normalize(text, buf, sizeof buf);
    if (n <= 0)
        return NULL;
    k->norm = arena_strdup(v->arena, buf);
    k->display = text;
    k->kind = kind;
    k->line = line;
    k->first = (unsigned)v->ntargets;
    v->nkeys++;
    return k;
}

static int same_targets(const struct vocab *v, const struct key *a, const struct key *b)
{
    if (a->ntargets != b->ntargets)
        return 0;
    for (size_t i = 0; i < a->ntargets; i++) {
        const struct target *x = &v->targets[a->first + i], *y = &v->targets[b->first + i];
        if (x->is_region != y->is_region || x->index != y->index)
            return 0;
    }
    return 1;
}

/* Appends a target to the key added last (keys are filled one at a time). */
static int key_add_target(struct vocab *v, struct key *k, int is_region, size_t index)
{
    if (k->ntargets == TARGETS_MAX || v->ntargets == v->targets_cap)
        return -1;
    v->targets[v->ntargets++] = (struct target){(unsigned)is_region, (unsigned)index};
    k->ntargets++;
    return 0;
}

/*
 * Enters the key added last into the phrase table. A phrase already present with the same
 * meaning is dropped again (a synonym equal to its own base name is harmless); returns 1 for
 * a phrase that means something else, 2 for a synonym listed twice, with *other set.
 */
static int key_commit(struct vocab *v, struct key *k, int override, const struct key **other)
{
    struct tab_slot *sl = tab_slot(&v->by_norm, k->norm);
    if (!sl->key) {
        *sl = (struct tab_slot){k->norm, (unsigned)(k - v->keys)};
        return 0;
    }
    *other = &v->keys[sl->val];
    if (!same_targets(v, *other, k)) {
        /* a target marked '!' in synonyms.tsv gives a base name's words their lay meaning
         * ("instep" is the arch, as in the referral guides, although the top-of-foot region
         * carries the id instep; "upper back" is the whole upper thoracic area). The exact
         * ids (instep.l) still name the region. Unmarked, a clash is an error. */
        if (override && k->kind == KEY_SYNONYM && (*other)->kind == KEY_BASE) {
            sl->val = (unsigned)(k - v->keys);
            return 0;
        }
        return 1;
    }
    if (k->kind == KEY_SYNONYM && (*other)->kind == KEY_SYNONYM)
        return 2;
    v->ntargets -= k->ntargets;
    v->nkeys--;
    return 0;
}

#define SERR(line, ...) \
    (trp_err_set(err, TRP_EIO, "synonyms.tsv: line %d: ", (line)), \
     trp_err_prefix_append(err, __VA_ARGS__))

static int load_keys(struct vocab *v, char *text, struct trp_err *err)
{
    size_t cap = v->nbases + v->nregions + count_lines(text) + 1;
    v->keys = arena_alloc(v->arena, cap * sizeof *v->keys);
    v->targets_cap = cap;
    for (const char *p = text; *p; p++)
        v->targets_cap += *p == ',';
    v->targets = arena_alloc(v->arena, v->targets_cap * sizeof *v->targets);
    tab_init(v->arena, &v->by_norm, cap);
    const struct key *other;
    for (size_t i = 0; i < v->nbases; i++) {
        struct key *k = add_key(v, &cap, v->bases[i].name, KEY_BASE, 0);
        if (!k)
            return trp_err_set(err, TRP_EIO, "regions.tsv: bad base name \"%s\"",
                               v->bases[i].name);
        key_add_target(v, k, 0, i);
        if (key_commit(v, k, 0, &other))
            return trp_err_set(err, TRP_EIO, "regions.tsv: base names %s and %s read the same",
                               k->display, other->display);
    }
    for (size_t i = 0; i < v->nregions; i++) {
        if (v->regions[i].side == REGION_MIDLINE)
            continue; /* the base name already says it */
        struct key *k = add_key(v, &cap, v->regions[i].id, KEY_ID, 0);
        if (!k)
            return trp_err_set(err, TRP_EIO, "regions.tsv: bad id \"%s\"", v->regions[i].id);
        key_add_target(v, k, 1, i);
        if (key_commit(v, k, 0, &other))
            return trp_err_set(err, TRP_EIO, "regions.tsv: ids %s and %s read the same",
                               k->display, other->display);
    }
    struct line_iter it = {text, 0};
    char *line = next_line(&it);
    if (!line || strcmp(line, "phrase\ttarget") != 0)
        return SERR(it.lineno, "expected the header \"phrase, target\"");
    while ((line = next_line(&it))) {
        char *f[2];
        size_t nf = split_tabs(line, f, 2);
        if (nf != 2)
            return SERR(it.lineno, "expected 2 tab-separated fields, found %zu", nf);
        struct key *k = add_key(v, &cap, f[0], KEY_SYNONYM, it.lineno);
        if (!k)
            return SERR(it.lineno, "phrase \"%s\" is empty or too long", f[0]);
        /* a phrase that starts or ends with a side word could never be reached */
        char words_buf[REGION_PHRASE_MAX + 1];
        char *words[WORDS_MAX];
        strcpy(words_buf, k->norm);
        long nw = split_words(words_buf, words, WORDS_MAX);
        size_t lo = 0, hi = nw < 0 ? 0 : (size_t)nw;
        if (nw < 0 || strip_sides(words, &lo, &hi) != REGION_LAT_UNSPECIFIED || lo != 0 ||
            hi != (size_t)nw)
            return SERR(it.lineno, "phrase \"%s\" must not start or end with a side word",
                        f[0]);
        int override = f[1][0] == '!';
        char *save = NULL;
        for (char *t = strtok_r(f[1] + override, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            while (*t == ' ')
                t++;
            const struct base *b = vocab_base(v, t);
            const struct region *r = b ? NULL : vocab_find(v, t);
            if (!b && !r)
                return SERR(it.lineno, "target \"%s\" is neither a base name nor a region id",
                            t);
            if (key_add_target(v, k, !b, b ? (size_t)(b - v->bases) : (size_t)(r - v->regions)))
                return SERR(it.lineno, "more than %d targets", TARGETS_MAX);
        }
        if (k->ntargets == 0)
            return SERR(it.lineno, "phrase \"%s\" has no target", f[0]);
        int c = key_commit(v, k, override, &other);
        if (c == 1)
            return SERR(it.lineno, "phrase \"%s\" already means something else (%s)", f[0],
                        other->display);
        if (c == 2)
            return SERR(it.lineno, "phrase \"%s\" is listed twice (also line %d)", f[0],
                        other->line);
    }
    return 0;
}

static int vocab_parse(const char *regions_tsv, const char *synonyms_tsv, struct vocab **out,
                       struct trp_err *err)
{
    struct arena *a = arena_new();
    struct vocab *v = arena_zalloc(a, 1, sizeof *v);
    v->arena = a;
    const char **parents;
    int *lines;
    int rc = load_regions(v, arena_strdup(a, regions_tsv), &parents, &lines, err);
    if (!rc)
        rc = link_regions(v, parents, lines, err);
    if (!rc)
        rc = load_keys(v, arena_strdup(a, synonyms_tsv), err);
    if (rc) {
        arena_free(a);
        return rc;
    }
    *out = v;
    return 0;
}

int region_vocab_check(const char *regions_tsv, const char *synonyms_tsv, struct trp_err *err)
{
    struct vocab *v;
    int rc = vocab_parse(regions_tsv ? regions_tsv : "", synonyms_tsv ? synonyms_tsv : "", &v,
                         err);
    if (!rc)
        arena_free(v->arena);
    return rc;
}

/* ---- the process-wide vocabulary --------------------------------------------------- */

static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;
static struct vocab *vocab_global;
static struct trp_err vocab_error;

static const char *embedded(const char *name)
{
    for (size_t i = 0; i < trp_region_files_count; i++)
        if (strcmp(trp_region_files[i].name, name) == 0)
            return trp_region_files[i].data;
    return NULL;
}

static void vocab_init(void)
{
    const char *r = embedded("regions.tsv"), *s = embedded("synonyms.tsv");
    if (!r || !s) {
        trp_err_set(&vocab_error, TRP_EIO, "region vocabulary is missing from this build");
        return;
    }
    if (vocab_parse(r, s, &vocab_global, &vocab_error))
        vocab_global = NULL;
}

static const struct vocab *vocab_get(void)
{
    pthread_once(&vocab_once, vocab_init);
    return vocab_global;
}

int region_load(struct trp_err *err)
{
    if (vocab_get())
        return 0;
    return trp_err_set(err, TRP_EIO, "%s", vocab_error.msg);
}

const struct region *region_find(const char *id)
{
    const struct vocab *v = vocab_get();
    return v && id ? vocab_find(v, id) : NULL;
}

const struct region *region_find_code(int code)
{
    const struct vocab *v = vocab_get();
    int fig = code / 100 - 1, c = code % 100;
    if (!v || fig < 0 || fig > 1 || c < 1 || c > (fig ? 38 : 36))
        return NULL;
    return v->by_code[fig][c];
}

size_t region_count(void)
{
    const struct vocab *v = vocab_get();
    return v ? v->nregions : 0;
}

const struct region *region_at(size_t i)
{
    const struct vocab *v = vocab_get();
    return v && i < v->nregions ? &v->regions[i] : NULL;
}

int region_base_exists(const char *base)
{
    const struct vocab *v = vocab_get();
    return v && base && vocab_base(v, base) != NULL;
}

const char *region_base_of(const char *id)
{
    const struct region *r = region_find(id);
    return r ? r->base : NULL;
}

int region_side_of(const char *id)
{
    const struct region *r = region_find(id);
    return r ? (int)r->side : -1;
}

const struct region *region_choir_of(const struct region *r)
{
    while (r && !r->code)
        r = r->parent;
    return r;
}

size_t region_choir_pair(const struct region *r, const struct region *out[2])
{
    const struct region *c = region_choir_of(r);
    if (!c)
        return 0;
    out[0] = c;
    if (r->side == REGION_MIDLINE && c->mirror) {
        out[1] = c->mirror;
        return 2;
    }
    return 1;
}

const char *region_side_name(enum region_side side)
{
    switch (side) {
    case REGION_LEFT:
        return "left";
    case REGION_RIGHT:
        return "right";
    case REGION_MIDLINE:
        break;
    }
    return "midline";
}

const char *region_view_name(enum region_view view)
{
    switch (view) {
    case REGION_BACK:
        return "back";
    case REGION_DEEP:
        return "deep";
    case REGION_FRONT:
        break;
    }
    return "front";
}

const char *region_laterality_name(enum region_laterality lat)
{
    switch (lat) {
    case REGION_LAT_LEFT:
        return "left";
    case REGION_LAT_RIGHT:
        return "right";
    case REGION_LAT_BOTH:
        return "both";
    case REGION_LAT_UNSPECIFIED:
        break;
    }
    return "";
}

/* ---- resolving phrases ------------------------------------------------------------- */

static void match_add(struct region_match *m, const struct region *r)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->regions[i] == r)
            return;
    if (m->count < REGION_MATCH_MAX)
        m->regions[m->count++] = r;
}

static void match_fill(const struct vocab *v, const struct key *k, enum region_laterality lat,
                       struct region_match *m)
{
    memset(m, 0, sizeof *m);
    m->side = lat;
    for (size_t t = 0; t < k->ntargets; t++) {
        const struct target *tg = &v->targets[k->first + t];
        if (tg->is_region) {
            const struct region *r = &v->regions[tg->index];
            if (t == 0) {
                m->base = r->base;
                /* an exact id already says which side */
                m->side = r->side == REGION_LEFT    ? REGION_LAT_LEFT
                          : r->side == REGION_RIGHT ? REGION_LAT_RIGHT
                                                    : lat;
            }
            match_add(m, r);
            continue;
        }
        const struct base *b = &v->bases[tg->index];
        if (t == 0)
            m->base = b->name;
        if (b->mid >= 0) {
            match_add(m, &v->regions[b->mid]);
            continue;
        }
        if (lat != REGION_LAT_RIGHT && b->left >= 0)
            match_add(m, &v->regions[b->left]);
        if (lat != REGION_LAT_LEFT && b->right >= 0)
            match_add(m, &v->regions[b->right]);
    }
}

/* "105", "choir 105", "choir code 105", "cbm segment 105" */
static const struct region *code_phrase(char **w, size_t lo, size_t hi)
{
    if (lo < hi && (strcmp(w[lo], "choir") == 0 || strcmp(w[lo], "cbm") == 0))
        lo++;
    if (lo < hi && (strcmp(w[lo], "code") == 0 || strcmp(w[lo], "segment") == 0))
        lo++;
    if (hi - lo != 1 || strlen(w[lo]) != 3)
        return NULL;
    for (const char *p = w[lo]; *p; p++)
        if (*p < '0' || *p > '9')
            return NULL;
    return region_find_code(atoi(w[lo]));
}

/* Looks up words[lo, hi) as a key, then as a regular plural of its last word. */
static const struct key *lookup_words(const struct vocab *v, char **w, size_t lo, size_t hi)
{
    char buf[REGION_PHRASE_MAX + 8];
    join_words(w, lo, hi, buf, sizeof buf - 4);
    if (!buf[0])
        return NULL;
    const struct key *k = vocab_key(v, buf);
    if (k)
        return k;
    size_t n = strlen(buf);
    static const struct {
        const char *from, *to;
    } plurals[] = {{"ies", "y"}, {"ves", "f"}, {"es", ""}, {"s", ""}};
    for (size_t i = 0; i < sizeof plurals / sizeof plurals[0]; i++) {
        size_t fl = strlen(plurals[i].from);
        if (n <= fl + 1 || strcmp(buf + n - fl, plurals[i].from) != 0)
            continue;
        char alt[sizeof buf];
        memcpy(alt, buf, n - fl);
        strcpy(alt + n - fl, plurals[i].to);
        if ((k = vocab_key(v, alt)))
            return k;
    }
    return NULL;
}

/* Optimal string alignment distance (Damerau-Levenshtein without repeated edits), giving up
 * once every cell of a row exceeds limit. */
static size_t osa_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64)
        la = 64;
    if (lb > 64)
        lb = 64;
    size_t diff = la > lb ? la - lb : lb - la;
    if (diff > limit)
        return limit + 1;
    size_t rows[3][65];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (prev[j - 1] + cost < d)
                d = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < d)
                d = pp[j - 2] + 1;
            cur[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

struct suggestion {
    const char *text;
    const struct key *key;
    size_t dist;
};

static void suggest(const struct vocab *v, const char *core, struct suggestion out[3],
                    size_t *n)
{
    size_t len = strlen(core);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    *n = 0;
    if (len == 0 || len > 64)
        return;
    for (size_t i = 0; i < v->nkeys; i++) {
        const struct key *k = &v->keys[i];
        if (k->kind == KEY_ID)
            continue; /* "temple.l" next to "temple" says nothing new */
        size_t d = osa_distance(core, k->norm, limit);
        if (d > limit)
            continue;
        const char *text = k->display;
        /* one suggestion per meaning: "sole" and "soles" are the same advice */
        size_t dup = *n;
        for (size_t j = 0; j < *n; j++)
            if (same_targets(v, out[j].key, k))
                dup = j;
        if (dup < *n) {
            if (d >= out[dup].dist)
                continue;
            for (size_t j = dup; j + 1 < *n; j++)
                out[j] = out[j + 1];
            (*n)--;
        }
        /* keep the three closest; ties go to the shorter, then alphabetical text */
        size_t pos = *n;
        while (pos > 0) {
            const struct suggestion *o = &out[pos - 1];
            int better = d < o->dist ||
                         (d == o->dist && (strlen(text) < strlen(o->text) ||
                                           (strlen(text) == strlen(o->text) &&
                                            strcmp(text, o->text) < 0)));
            if (!better)
                break;
            pos--;
        }
        if (pos >= 3)
            continue;
        size_t last = *n < 3 ? *n : 2;
        for (size_t j = last; j > pos; j--)
            out[j] = out[j - 1];
        out[pos] = (struct suggestion){text, k, d};
        if (*n < 3)
            (*n)++;
    }
}


/* ---- reading sentences ------------------------------------------------------------- */

/*
 * Words people put around a place that say nothing about where it is: symptoms ("ache",
 * "sciatica-like"), lead-ins ("I have", "it hurts"), times ("in the morning") and
 * connectives. They are skipped silently; any other word that names no place is reported
 * back as not understood, so a typo in a diary region is refused rather than dropped.
 * Numbness, tingling and weakness are deliberately not here: they can be warning signs and
 * stay visible as "not understood" rather than vanish.
 */
static const char *const FILLER_WORDS[] = {
    "a", "about", "across", "after", "again", "all", "along", "also", "always", "am", "an",
    "and", "any", "are", "around", "as", "at", "bad", "badly", "be", "been", "before", "behind",
    "being", "below", "between", "bit", "burning", "but", "by", "can", "cant", "comes", "constant",
    "constantly", "cramp", "cramping", "cramps", "day", "days", "deep", "deeply", "does", "doesnt",
    "down", "dull", "during", "evening", "evenings", "every", "feel", "feeling", "feels", "felt",
    "for", "from", "get", "gets", "getting", "go", "goes", "going", "got", "had", "has", "have",
    "having", "hurt", "hurting", "hurts", "i", "id", "im", "in", "into", "is", "it", "its", "ive",
    "just", "kind", "like", "lot", "me", "mild", "morning", "mornings", "much", "near", "night",
    "nights", "now", "of", "off", "often", "on", "onto", "or", "out", "over", "pain", "painful",
    "pains", "quite", "radiates", "radiating", "really", "runs", "sciatic", "sciatica",
    "severe", "sharp", "shooting", "since", "so", "some", "sometimes", "sore", "soreness",
    "sort", "spot", "spreading", "spreads", "stabbing", "stiff", "stiffness", "still", "tender",
    "tenderness", "that", "there", "this", "throbbing", "through", "tight", "tightness", "to",
    "today", "too", "towards", "toward", "under", "up", "very", "was", "week", "weeks", "when",
    "where", "which", "while", "with", "worse", "yesterday", "ache", "aches", "aching", "achy",
    "area", "region", "place", "part", "whole", "ongoing", "recurring", "keeps", "keep",
    "twinge", "twinges", "niggle", "niggling", "discomfort", "sensation", "problem", "problems",
    "here", "burn", "burns", "knot", "knots", "lump", "trigger", "point", "points", "spasm",
    "spasms", "pulling", "pulled", "strain", "strained",
    "heavy", "hot", "cold", "pressure", "pressing", "gnawing", "nagging", "started", "begins",
    "began", "starts", "middle", "centre", "center", "top", "front", "inner", "outer", "upper",
    "lower", "low", "high", "tip", "edge", "band", "tension", "clicking", "popping", "cracking",
    NULL};

static int is_filler_word(const char *w)
{
    return word_is(w, FILLER_WORDS);
}

/*
 * Phrases that name a symptom as much as a place ("headache", "toothache"): they stand for
 * the place only when the sentence names no other, so "headache at the back of my head" is
 * the back of the head and not the whole head as well.
 */
static const char *const WEAK_KEYS[] = {"headache", "toothache", "tooth ache", "earache",
                                        "ear ache", "ear pain", "sciatica", NULL};

enum tok_kind { TOK_PLACE, TOK_SIDE, TOK_REL };

/*
 * Where on a place, said after it: "my head hurts at the back", "pain in my hip on the
 * outside", "thumb and wrist on the thumb side". Read as "back of head", "outside of hip"
 * when the vocabulary has that phrase; a relation word is taken this way only after "on",
 * "at" or "in" (so "neck and back" stays two places) and not before "of" (so "at the back
 * of my neck" is read as written). The second column is the word used in the lookup.
 */
static const struct {
    const char *said, *as;
} RELATIONS[] = {
    {"thumb side", "thumb side"}, {"little finger side", "little finger side"},
    {"pinky side", "pinky side"}, {"outer side", "outside"}, {"inner side", "inside"},
    {"outside", "outside"}, {"inside", "inside"}, {"front", "front"}, {"back", "back"},
    {"top", "top"}, {"bottom", "bottom"}, {"side", "side"}, {"underneath", "bottom"},
    {"underside", "bottom"},
};

/* Words that say where on a place when followed by "of" ("the front of my shin"). */
static const char *const REL_OF_WORDS[] = {"front", "back", "top", "bottom", "side", "middle",
                                           "centre", "center", "tip", "edge", "base", "inside",
                                           "outside", "underside", NULL};

/* Words that open a clause about circumstances ("when I lift my arm", "after sleeping on my
 * side"): places named there are not where it hurts, unless nothing came before. */
static const char *const CLAUSE_WORDS[] = {"when", "whenever", "while", "if", "because",
                                           "after", "since", "until", NULL};

struct tok {
    enum tok_kind kind;
    enum region_laterality side;  /* a side token's side, or a place's own side words */
    int side_of;                  /* "left side of ...": the next place's side part */
    int trailing;                 /* a place whose side came from a side word after it */
    int weak;
    int rel;                      /* TOK_REL: index into RELATIONS */
    const struct key *key;        /* a place's phrase, or NULL for a CHOIR code */
    const struct region *code;    /* "choir 105" */
    char text[64];
};

#define TOKS_MAX (REGION_PLACES_MAX * 4)

/* Looks words[lo, hi) up leaving out side words inside the span ("front of the right
 * shoulder"); their side is returned in *lat. */
static const struct key *lookup_span(const struct vocab *v, char **w, size_t lo, size_t hi,
                                     enum region_laterality *lat, char *text, size_t cap)
{
    char *kept[WORDS_MAX];
    size_t n = 0;
    *lat = REGION_LAT_UNSPECIFIED;
    for (size_t k = lo; k < hi; k++) {
        int s = side_word(w[k]);
        if (s && k > lo)
            *lat = lat_merge(*lat, (enum region_laterality)s);
        else
            kept[n++] = w[k];
    }
    const struct key *key = n ? lookup_words(v, kept, 0, n) : NULL;
    if (key)
        join_words(kept, 0, n, text, cap);
    return key;
}

static int is_weak(const struct key *k)
{
    return k && word_is(k->norm, WEAK_KEYS);
}

static void append_word(char *buf, size_t cap, const char *w)
{
    size_t o = strlen(buf), n = strlen(w);
    if (o + n + 2 > cap)
        return;
    if (o)
        buf[o++] = ' ';
    memcpy(buf + o, w, n + 1);
}

/* Cuts the sentence into side words and places, longest phrase first. */
/* The relation said at words[i] if one is ("on the outside"), else -1; *end is past it. */
static int relation_at(char **w, size_t i, size_t nw, size_t *end)
{
    for (size_t r = 0; r < sizeof RELATIONS / sizeof RELATIONS[0]; r++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", RELATIONS[r].said);
        size_t k = i;
        int ok = 1;
        for (char *save = NULL, *t = strtok_r(buf, " ", &save); t && ok;
             t = strtok_r(NULL, " ", &save), k++)
            ok = k < nw && !strcmp(w[k], t);
        if (ok && (k == nw || strcmp(w[k], "of") != 0)) {
            *end = k;
            return (int)r;
        }
    }
    return -1;
}

static size_t tokenize(const struct vocab *v, char **w, size_t nw, struct tok *toks,
                       char *ignored, size_t icap, int *only_side)
{
    size_t nt = 0, i = 0;
    *only_side = 0;
    while (i < nw && nt < TOKS_MAX) {
        int s = side_word(w[i]);
        if (s) {
            i++;
            if (i < nw && (!strcmp(w[i], "sided") || !strcmp(w[i], "sides") ||
                           !strcmp(w[i], "side")))
                i++;
            int side_of = 0;
            if (i < nw && !strcmp(w[i], "of"))
                i++, side_of = s != REGION_LAT_BOTH;
            *only_side = 1;
            /* "left and right": consecutive side words are one side */
            if (nt && toks[nt - 1].kind == TOK_SIDE) {
                toks[nt - 1].side = lat_merge(toks[nt - 1].side, (enum region_laterality)s);
                toks[nt - 1].side_of |= side_of;
                continue;
            }
            toks[nt++] = (struct tok){.kind = TOK_SIDE, .side = (enum region_laterality)s,
                                      .side_of = side_of};
            continue;
        }
        if (word_is(w[i], CLAUSE_WORDS) && nt > 0)
            break;
        size_t rel_end = 0;
        int rel = relation_at(w, i, nw, &rel_end);
        if (rel >= 0 && nt > 0 &&
            (i > 0 && (!strcmp(w[i - 1], "on") || !strcmp(w[i - 1], "at") ||
                       !strcmp(w[i - 1], "in") || !strcmp(w[i - 1], "underneath") ||
                       !strcmp(w[i - 1], "hurt") || !strcmp(w[i - 1], "hurts") ||
                       !strcmp(w[i], "underneath") || !strcmp(w[i], "underside")))) {
            toks[nt++] = (struct tok){.kind = TOK_REL, .rel = rel};
            i = rel_end;
            continue;
        }
        /* "front of X", "bottom of X": a place only as a whole phrase; when the
         * vocabulary lacks it, X alone is the place ("the front of my shin") */
        int rel_of = relation_at(w, i, nw, &rel_end) < 0 && i + 1 < nw &&
                     !strcmp(w[i + 1], "of") && word_is(w[i], REL_OF_WORDS);
        struct tok t = {.kind = TOK_PLACE};
        size_t end = 0;
        for (size_t len = 3; len >= 1 && !end; len--)
            if (i + len <= nw && (t.code = code_phrase(w, i, i + len))) {
                end = i + len;
                snprintf(t.text, sizeof t.text, "%s", t.code->id);
            }
        size_t top = i + 10 < nw ? i + 10 : nw;
        for (size_t j = top; j > i + (rel_of ? 2 : 0) && !end; j--) {
            if (side_word(w[j - 1]))
                continue; /* "temple left knee": the side belongs to the knee */
            enum region_laterality lat;
            if ((t.key = lookup_span(v, w, i, j, &lat, t.text, sizeof t.text))) {
                t.side = lat;
                end = j;
            }
        }
        if (!end && rel_of) {
            i += 2;
            continue;
        }
        if (!end) {
            if (!is_filler_word(w[i]))
                append_word(ignored, icap, w[i]);
            i++;
            continue;
        }
        t.weak = is_weak(t.key);
        toks[nt++] = t;
        i = end;
    }
    return nt;
}

/* "hip ... on the outside" -> "outside of hip", for each place of the run before it. */
static void apply_relations(struct tok *toks, size_t nt, const struct vocab *v)
{
    for (size_t i = 0; i < nt; i++) {
        if (toks[i].kind != TOK_REL)
            continue;
        for (size_t j = i; j-- > 0;) {
            if (toks[j].kind == TOK_REL)
                break;
            if (toks[j].kind != TOK_PLACE || !toks[j].key)
                continue;
            char buf[160];
            snprintf(buf, sizeof buf, "%s of %s", RELATIONS[toks[i].rel].as, toks[j].key->norm);
            const struct key *k = vocab_key(v, buf);
            if (k) {
                toks[j].key = k;
                toks[j].weak = 0;
                snprintf(toks[j].text, sizeof toks[j].text, "%.60s", buf);
            }
        }
    }
}

/* Gives each side word to its place: the one right after it, else the one before it. */
static void attach_sides(struct tok *toks, size_t nt, const struct vocab *v)
{
    for (size_t i = 0; i < nt; i++) {
        if (toks[i].kind != TOK_SIDE)
            continue;
        struct tok *next = i + 1 < nt && toks[i + 1].kind == TOK_PLACE ? &toks[i + 1] : NULL;
        struct tok *prev = NULL;
        for (size_t j = i; j-- > 0 && !prev;)
            if (toks[j].kind == TOK_PLACE)
                prev = &toks[j];
            else if (toks[j].kind == TOK_SIDE)
                break;
        if (next) {
            next->side = lat_merge(next->side, toks[i].side);
            if (toks[i].side_of && next->key) {
                /* "left side of my chest": the left chest, front and side; "left side of
                 * the head": the temple, which is what "side of the head" means */
                char buf[96];
                snprintf(buf, sizeof buf, "side of %s", next->key->norm);
                const struct key *k = vocab_key(v, buf);
                if (k) {
                    toks[i].key = next->key->kind == KEY_BASE ? next->key : NULL;
                    next->key = k;
                    snprintf(next->text, sizeof next->text, "%.60s", buf);
                }
            }
        } else if (prev) {
            prev->side = lat_merge(prev->side, toks[i].side);
            prev->trailing = 1;
        }
    }
    /* a place without a side word takes its neighbour's: "my left jaw and temple" */
    enum region_laterality carry = REGION_LAT_UNSPECIFIED;
    for (size_t i = 0; i < nt; i++) {
        if (toks[i].kind != TOK_PLACE)
            continue;
        if (toks[i].side != REGION_LAT_UNSPECIFIED)
            carry = toks[i].side;
        else
            toks[i].side = carry;
    }
    /* ... and "jaw and temple on the left" gives the jaw the side said after it */
    carry = REGION_LAT_UNSPECIFIED;
    for (size_t i = nt; i-- > 0;) {
        if (toks[i].kind != TOK_PLACE)
            continue;
        if (toks[i].trailing)
            carry = toks[i].side;
        else if (toks[i].side == REGION_LAT_UNSPECIFIED)
            toks[i].side = carry;
        else
            carry = REGION_LAT_UNSPECIFIED;
    }
}

static void place_fill(const struct vocab *v, const struct tok *t, const struct key *extra,
                       struct region_place *p)
{
    struct region_match m;
    memset(p, 0, sizeof *p);
    snprintf(p->text, sizeof p->text, "%s", t->text);
    if (t->code) {
        p->side = t->code->side == REGION_LEFT ? REGION_LAT_LEFT : REGION_LAT_RIGHT;
        p->regions[p->count++] = t->code;
        return;
    }
    match_fill(v, t->key, t->side, &m);
    p->side = m.side;
    for (size_t i = 0; i < m.count; i++)
        p->regions[p->count++] = m.regions[i];
    if (extra) {
        match_fill(v, extra, t->side, &m);
        for (size_t i = 0; i < m.count && p->count < REGION_MATCH_MAX; i++) {
            size_t k = 0;
            while (k < p->count && p->regions[k] != m.regions[i])
                k++;
            if (k == p->count)
                p->regions[p->count++] = m.regions[i];
        }
    }
}

/* "unknown body region "X"; did you mean: a, b, c?" over the words that named nothing. */
static int unknown_error(const struct vocab *v, const char *quoted, char *core,
                         struct trp_err *err)
{
    struct suggestion sug[3];
    size_t ns = 0;
    suggest(v, core, sug, &ns);
    if (ns == 0) {
        /* one word at a time: "pian in my sholder" */
        char *save = NULL;
        for (char *wd = strtok_r(core, " ", &save); wd && !ns; wd = strtok_r(NULL, " ", &save))
            if (strlen(wd) >= 3)
                suggest(v, wd, sug, &ns);
    }
    if (ns == 0)
        return trp_err_set(err, TRP_EINVAL,
                           "unknown body region \"%s\"; run 'trp regions' for the names",
                           quoted);
    return trp_err_set(err, TRP_EINVAL, "unknown body region \"%s\"; did you mean: %s%s%s%s%s?",
                       quoted, sug[0].text, ns > 1 ? ", " : "", ns > 1 ? sug[1].text : "",
                       ns > 2 ? ", " : "", ns > 2 ? sug[2].text : "");
}

/* Whether place a includes every region of b (itself or the CHOIR segment around it). */
static int place_covers(const struct region_place *a, const struct region_place *b)
{
    for (size_t i = 0; i < b->count; i++) {
        const struct region *pair[2];
        size_t np = region_choir_pair(b->regions[i], pair);
        int in = 0;
        for (size_t k = 0; k < a->count && !in; k++)
            in = a->regions[k] == b->regions[i] || (np > 0 && a->regions[k] == pair[0]) ||
                 (np > 1 && a->regions[k] == pair[1]);
        if (!in)
            return 0;
    }
    return 1;
}

/* "my back hurts just above my belt": the precise place says where; the vague one that
 * contains it adds nothing and would rank muscles for the whole back. */
static void drop_vaguer(struct region_sentence *out)
{
    size_t n = 0;
    for (size_t i = 0; i < out->n_places; i++) {
        int vaguer = 0;
        for (size_t j = 0; j < out->n_places && !vaguer; j++)
            vaguer = j != i && place_covers(&out->places[i], &out->places[j]) &&
                     !place_covers(&out->places[j], &out->places[i]);
        if (!vaguer)
            out->places[n++] = out->places[i];
    }
    out->n_places = n;
}

static int parse_sentence(const char *sentence, size_t max, struct region_sentence *out,
                          struct trp_err *err)
{
    const struct vocab *v = vocab_get();
    if (!v)
        return trp_err_set(err, TRP_EIO, "%s", vocab_error.msg);
    memset(out, 0, sizeof *out);
    if (!sentence)
        sentence = "";
    size_t raw = strlen(sentence);
    if (raw > max)
        return trp_err_set(err, TRP_EINVAL, "body region is too long (%zu bytes; at most %zu)",
                           raw, max);
    if (!utf8_valid((const unsigned char *)sentence))
        return trp_err_set(err, TRP_EINVAL, "body region is not valid UTF-8 text");
    char norm[REGION_SENTENCE_MAX + 1];
    long nlen = normalize(sentence, norm, sizeof norm);
    if (nlen <= 0)
        return trp_err_set(err, TRP_EINVAL,
                           "empty body region; name one, such as \"left temple\" "
                           "(see 'trp regions')");
    char *w[WORDS_MAX];
    long nw = split_words(norm, w, WORDS_MAX);
    char quoted[72];
    quote_phrase(sentence, quoted, sizeof quoted);
    if (nw < 0)
        return trp_err_set(err, TRP_EINVAL, "unknown body region \"%s\" (too many words)",
                           quoted);
    struct tok toks[TOKS_MAX];
    int only_side;
    size_t nt = tokenize(v, w, (size_t)nw, toks, out->ignored, sizeof out->ignored, &only_side);
    apply_relations(toks, nt, v);
    attach_sides(toks, nt, v);
    size_t strong = 0, places = 0;
    for (size_t i = 0; i < nt; i++)
        if (toks[i].kind == TOK_PLACE) {
            places++;
            strong += !toks[i].weak;
        }
    if (places == 0) {
        if (out->ignored[0]) {
            char core[REGION_SENTENCE_MAX + 1];
            snprintf(core, sizeof core, "%s", out->ignored);
            return unknown_error(v, quoted, core, err);
        }
        if (only_side)
            return trp_err_set(err, TRP_EINVAL,
                               "\"%s\" names only a side; add a body region, as in \"left "
                               "temple\"",
                               quoted);
        return trp_err_set(err, TRP_EINVAL,
                           "\"%s\" names no body region; say where, as in \"pain in my left "
                           "temple\" or \"between the shoulder blades\" (see 'trp regions')",
                           quoted);
    }
    for (size_t i = 0; i < nt; i++) {
        if (toks[i].kind != TOK_PLACE || (strong && toks[i].weak))
            continue;
        if (out->n_places == REGION_PLACES_MAX)
            return trp_err_set(err, TRP_EINVAL, "\"%s\" names more than %d places", quoted,
                               REGION_PLACES_MAX);
        /* a side token just before this place may carry the base it replaced */
        const struct key *extra = i > 0 && toks[i - 1].kind == TOK_SIDE ? toks[i - 1].key : NULL;
        place_fill(v, &toks[i], extra, &out->places[out->n_places++]);
    }
    drop_vaguer(out);
    return 0;
}

int region_parse(const char *sentence, struct region_sentence *out, struct trp_err *err)
{
    return parse_sentence(sentence, REGION_SENTENCE_MAX, out, err);
}

int region_resolve(const char *phrase, struct region_match *out, struct trp_err *err)
{
    struct region_sentence s;
    memset(out, 0, sizeof *out);
    int rc = parse_sentence(phrase, REGION_PHRASE_MAX, &s, err);
    if (rc)
        return rc;
    if (s.ignored[0]) {
        /* a diary region must say exactly where: a word trp cannot place is refused */
        char quoted[72], core[REGION_SENTENCE_MAX + 1];
        quote_phrase(phrase, quoted, sizeof quoted);
        snprintf(core, sizeof core, "%s", s.ignored);
        struct trp_err tmp;
        trp_err_clear(&tmp);
        unknown_error(vocab_get(), s.ignored, core, &tmp);
        const char *dym = strstr(tmp.msg, "did you mean");
        if (dym)
            return trp_err_set(err, TRP_EINVAL, "in \"%s\", \"%.40s\" is not a body region; %s",
                               quoted, s.ignored, dym);
        return trp_err_set(err, TRP_EINVAL,
                           "in \"%s\", \"%.40s\" is not a body region; leave it out or run "
                           "'trp regions' for the names",
                           quoted, s.ignored);
    }
    enum region_laterality lat = REGION_LAT_UNSPECIFIED;
    for (size_t p = 0; p < s.n_places; p++) {
        const struct region_place *pl = &s.places[p];
        if (p == 0)
            out->base = pl->regions[0]->base;
        lat = lat_merge(lat, pl->side);
        int midline = 0;
        for (size_t i = 0; i < pl->count; i++) {
            midline |= pl->regions[i]->side == REGION_MIDLINE;
            match_add(out, pl->regions[i]);
        }
        if (pl->side == REGION_LAT_UNSPECIFIED && !midline)
            out->unsided = 1;
    }
    out->side = lat;
    out->places = s.n_places;
    return 0;
}

int region_resolve_ids(const char *phrase, const char *ids[static REGION_MATCH_MAX], size_t *n,
                       struct trp_err *err)
{
    struct region_match m;
    *n = 0;
    int rc = region_resolve(phrase, &m, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < m.count; i++)
        ids[i] = m.regions[i]->id;
    *n = m.count;
    return 0;
}
