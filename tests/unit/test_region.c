/*
 * Unit tests for the body-region vocabulary: the data itself (74 CHOIR segments, every
 * base name listed in data/regions/README.md, parents and twins), the resolution of
 * lay phrases and side words, suggestions for typos, hostile input, and the checks that
 * refuse a broken vocabulary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/err.h"
#include "core/region.h"

extern const struct trp_embedded_file trp_region_files[];
extern const size_t trp_region_files_count;

static const char *embedded(const char *name)
{
    for (size_t i = 0; i < trp_region_files_count; i++)
        if (strcmp(trp_region_files[i].name, name) == 0)
            return trp_region_files[i].data;
    fail_msg("no embedded file %s", name);
    return NULL;
}

/* ---- the data ---------------------------------------------------------------------- */

static void test_loads(void **state)
{
    (void)state;
    struct trp_err err;
    trp_err_clear(&err);
    if (region_load(&err) != 0)
        fail_msg("the vocabulary does not load: %s", err.msg);
    assert_string_equal(err.msg, "");
    assert_true(region_count() > 74 + 60);
    assert_null(region_at(region_count()));
}

static void test_choir_codes(void **state)
{
    (void)state;
    int seen[300] = {0};
    size_t segments = 0, subs = 0;
    for (size_t i = 0; i < region_count(); i++) {
        const struct region *r = region_at(i);
        if (!r->code) {
            subs++;
            continue;
        }
        segments++;
        assert_true(r->code > 0 && r->code < 300);
        seen[r->code]++;
        assert_null(r->parent);
        assert_int_not_equal(r->side, REGION_MIDLINE);
        assert_int_equal(r->view, r->code < 200 ? REGION_FRONT : REGION_BACK);
        assert_ptr_equal(region_find_code(r->code), r);
        /* the twin of a segment is a segment on the same figure */
        assert_non_null(r->mirror);
        assert_true(r->mirror->code / 100 == r->code / 100);
    }
    assert_int_equal(segments, 74);
    for (int c = 0; c < 300; c++) {
        int want = (c >= 101 && c <= 136) || (c >= 201 && c <= 238);
        if (seen[c] != want)
            fail_msg("CHOIR code %d appears %d times", c, seen[c]);
    }
    assert_true(subs >= 60);
    assert_null(region_find_code(100));
    assert_null(region_find_code(137));
    assert_null(region_find_code(239));
    assert_null(region_find_code(-5));
}

static void test_parents(void **state)
{
    (void)state;
    for (size_t i = 0; i < region_count(); i++) {
        const struct region *r = region_at(i);
        assert_ptr_equal(region_find(r->id), r);
        assert_true(r->label[0] != '\0');
        if (r->code)
            continue;
        assert_non_null(r->parent);
        assert_ptr_equal(region_find(r->parent->id), r->parent);
        assert_true(r->parent->code != 0);
        if (r->side != REGION_MIDLINE)
            assert_int_equal(r->parent->side, r->side);
        assert_ptr_equal(region_choir_of(r), r->parent);
    }
}

static void test_ids_and_sides(void **state)
{
    (void)state;
    for (size_t i = 0; i < region_count(); i++) {
        const struct region *r = region_at(i);
        size_t n = strlen(r->id);
        if (r->side == REGION_MIDLINE) {
            assert_null(strchr(r->id, '.'));
            assert_string_equal(r->base, r->id);
            assert_null(r->mirror);
        } else {
            assert_true(n > 2);
            assert_string_equal(r->id + n - 2, r->side == REGION_LEFT ? ".l" : ".r");
            assert_int_equal(strlen(r->base), n - 2);
            assert_non_null(r->mirror);
            assert_ptr_equal(r->mirror->mirror, r);
            assert_string_equal(r->mirror->base, r->base);
            assert_int_not_equal(r->mirror->side, r->side);
        }
    }
}

/* Every "name S" / "name M" in data/regions/README.md must be in the vocabulary, sided or not. */
static void test_region_names_md(void **state)
{
    (void)state;
    const char *root = getenv("TRP_SOURCE_ROOT");
    if (!root)
        root = TRP_SOURCE_ROOT;
    char path[1024];
    snprintf(path, sizeof path, "%s/data/regions/README.md", root);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    static char text[65536];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    size_t found = 0;
    char *save = NULL;
    for (char *tok = strtok_r(text, ",:\n", &save); tok; tok = strtok_r(NULL, ",:\n", &save)) {
        while (*tok == ' ')
            tok++;
        size_t n = strlen(tok);
        while (n && tok[n - 1] == ' ')
            tok[--n] = '\0';
        if (n < 3 || tok[n - 2] != ' ' || (tok[n - 1] != 'S' && tok[n - 1] != 'M'))
            continue;
        int sided = tok[n - 1] == 'S';
        tok[n - 2] = '\0';
        int word = 1;
        for (const char *p = tok; *p; p++)
            word &= (*p >= 'a' && *p <= 'z') || *p == '-';
        if (!word)
            continue;
        found++;
        char id[128];
        if (sided) {
            snprintf(id, sizeof id, "%s.l", tok);
            const struct region *l = region_find(id);
            snprintf(id, sizeof id, "%s.r", tok);
            const struct region *r = region_find(id);
            if (!l || !r)
                fail_msg("sided base %s lacks %s", tok, l ? "its right side" : "its left side");
            assert_int_equal(l->side, REGION_LEFT);
            assert_int_equal(r->side, REGION_RIGHT);
        } else {
            const struct region *m = region_find(tok);
            if (!m)
                fail_msg("midline base %s is missing", tok);
            assert_int_equal(m->side, REGION_MIDLINE);
        }
        assert_true(region_base_exists(tok));
    }
    /* the file names about a hundred bases; far fewer means the parse above broke */
    assert_true(found >= 90);
}

/* ---- resolution -------------------------------------------------------------------- */

/* Resolves phrase and checks the result is exactly the space-separated ids in want. */
static void expect(const char *phrase, const char *want, enum region_laterality side)
{
    struct region_match m;
    struct trp_err err;
    trp_err_clear(&err);
    int rc = region_resolve(phrase, &m, &err);
    if (rc)
        fail_msg("\"%s\": %s", phrase, err.msg);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", want);
    size_t n = 0;
    char *save = NULL;
    for (char *id = strtok_r(buf, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
        int hit = 0;
        for (size_t i = 0; i < m.count; i++)
            hit |= strcmp(m.regions[i]->id, id) == 0;
        if (!hit)
            fail_msg("\"%s\" should give %s (got %zu regions, first %s)", phrase, id, m.count,
                     m.count ? m.regions[0]->id : "-");
        n++;
    }
    if (m.count != n)
        fail_msg("\"%s\" gave %zu regions, wanted %zu (%s)", phrase, m.count, n, want);
    if (m.side != side)
        fail_msg("\"%s\" gave side %d, wanted %d", phrase, (int)m.side, (int)side);
    assert_non_null(m.base);
}

static void test_resolve_synonyms(void **state)
{
    (void)state;
    const enum region_laterality U = REGION_LAT_UNSPECIFIED;
    expect("temple", "temple.l temple.r", U);
    expect("outer elbow", "lateral-epicondyle.l lateral-epicondyle.r", U);
    expect("tennis elbow", "lateral-epicondyle.l lateral-epicondyle.r", U);
    expect("kneecap", "kneecap.l kneecap.r", U);
    /* the inner borders too: the zone the referral guides mean (scalenes, levator scapulae) */
    expect("between the shoulder blades",
           "interscapular scapula-medial-border.l scapula-medial-border.r", U);
    expect("instep", "arch.l arch.r", U); /* the arch, as in the T&S pain guides */
    expect("instep.l", "instep.l", REGION_LAT_LEFT);
    expect("low back", "low-back.l low-back.r", U);
    expect("lower back", "low-back.l low-back.r", U);
    expect("low-back", "low-back.l low-back.r", U);
    expect("shin", "shin.l shin.r", U);
    /* the whole underside of the foot, heel apart, as people say it */
    expect("sole", "sole.l sole.r arch.l arch.r ball-of-foot.l ball-of-foot.r", U);
    expect("sole.l", "sole.l", REGION_LAT_LEFT);
    /* the front of the knee is the CHOIR segment, kneecap and both sides of it */
    expect("front of the knee", "anterior-knee.l anterior-knee.r", U);
    expect("heel", "heel.l heel.r", U);
    expect("side of the head", "temple.l temple.r", U);
    expect("back of the head", "occiput.l occiput.r", U);
    expect("top of the head", "vertex", U);
    expect("behind the eye", "behind-eye.l behind-eye.r", U);
    expect("jaw joint", "tmj.l tmj.r", U);
    expect("TMJ", "tmj.l tmj.r", U);
    expect("teeth", "upper-teeth.l upper-teeth.r lower-teeth.l lower-teeth.r", U);
    expect("inner ear", "deep-ear.l deep-ear.r", U);
    expect("ear ache", "deep-ear.l deep-ear.r", U);
    /* the root of the thumb at its joint with the hand, as the referral guides use it for the
     * dorsal base of the thumb (brachialis, supinator), not the ball of the thumb */
    expect("base of the thumb", "thumb.l thumb.r thumb-web.l thumb-web.r", U);
    expect("ball of the thumb", "thenar.l thenar.r", U);
    expect("web of the thumb", "thumb-web.l thumb-web.r", U);
    expect("big toe", "great-toe.l great-toe.r", U);
    expect("ball of the foot", "ball-of-foot.l ball-of-foot.r", U);
    expect("back of the knee", "back-of-knee.l back-of-knee.r", U);
    expect("hip", "hip-outer.l hip-outer.r hip-front.l hip-front.r", U);
    expect("groin", "groin.l groin.r", U);
    expect("buttock", "buttock.l buttock.r", U);
    expect("butt", "buttock.l buttock.r", U);
    expect("glute", "buttock.l buttock.r", U);
    expect("neck", "anterior-neck.l anterior-neck.r posterior-neck.l posterior-neck.r", U);
    expect("golfer's elbow", "medial-epicondyle.l medial-epicondyle.r", U);
    expect("breastbone", "sternum", U);
    expect("tailbone", "coccyx", U);
}

static void test_resolve_case_and_space(void **state)
{
    (void)state;
    const enum region_laterality U = REGION_LAT_UNSPECIFIED;
    expect("Temple", "temple.l temple.r", U);
    expect("  OUTER   Elbow ", "lateral-epicondyle.l lateral-epicondyle.r", U);
    expect("Between The Shoulder-Blades",
           "interscapular scapula-medial-border.l scapula-medial-border.r", U);
    expect("\tLow\tBack\n", "low-back.l low-back.r", U);
    expect("BIG TOE", "great-toe.l great-toe.r", U);
}

static void test_resolve_sides(void **state)
{
    (void)state;
    const enum region_laterality L = REGION_LAT_LEFT, R = REGION_LAT_RIGHT,
                                 B = REGION_LAT_BOTH;
    expect("left temple", "temple.l", L);
    expect("Left Temple", "temple.l", L);
    expect("my left temple", "temple.l", L);
    expect("l temple", "temple.l", L);
    expect("right temple", "temple.r", R);
    expect("R temple", "temple.r", R);
    expect("temple on the left", "temple.l", L);
    expect("temple on the right side", "temple.r", R);
    expect("temple, left", "temple.l", L);
    expect("left-sided temple", "temple.l", L);
    expect("both temples", "temple.l temple.r", B);
    expect("temples", "temple.l temple.r", REGION_LAT_UNSPECIFIED);
    expect("heels", "heel.l heel.r", REGION_LAT_UNSPECIFIED);
    expect("both heels", "heel.l heel.r", B);
    expect("left and right temple", "temple.l temple.r", B);
    expect("neck on both sides", "anterior-neck.l anterior-neck.r posterior-neck.l "
                                 "posterior-neck.r", B);
    expect("right outer elbow", "lateral-epicondyle.r", R);
    expect("left side of the head", "temple.l", L);
    expect("in my right heel", "heel.r", R);
    expect("pain in my left knee", "anterior-knee.l posterior-knee.l", L);
    expect("right shoulder", "anterior-shoulder.r posterior-shoulder.r", R);
    expect("left calves", "calf.l", L);
    expect("right feet", "anterior-foot.r posterior-foot.r", R);
    /* a side word on a midline region keeps the region */
    expect("left sternum", "sternum", L);
}

/* Complaints as typed: the regions understood, place by place. */
static void test_resolve_sentences(void **state)
{
    (void)state;
    const enum region_laterality U = REGION_LAT_UNSPECIFIED, L = REGION_LAT_LEFT,
                                 R = REGION_LAT_RIGHT;
    expect("pain behind my left eye", "behind-eye.l", L);
    expect("headache at the back of my head", "occiput.l occiput.r", U);
    expect("headache in my right temple", "temple.r", R);
    expect("headache on top of my head", "vertex", U);
    expect("forehead headache", "forehead.l forehead.r", U);
    expect("toothache upper jaw on the left", "upper-teeth.l", L);
    expect("front of the right shoulder", "front-shoulder.r", R);
    expect("back of the left shoulder", "back-shoulder.l", L);
    expect("pain in my little finger", "little-finger.l little-finger.r", U);
    expect("sciatica-like pain in the right buttock", "buttock.r", R);
    expect("pain down the outside of my thigh", "thigh-outer.l thigh-outer.r", U);
    /* a sore "jaw" is the jawbone and its joint, as people say it ("sore jaw when I chew") */
    expect("my left jaw and temple", "jaw.l tmj.l temple.l", L);
    expect("jaw and temple on the right", "jaw.r tmj.r temple.r", R);
    expect("my thumb aches", "thumb.l thumb.r thumb-web.l thumb-web.r", U);
    expect("across my lower back", "low-back.l low-back.r", U);
    expect("left side of my chest", "chest.l side-chest.l", L);
    expect("I have pain in my left knee in the morning", "anterior-knee.l posterior-knee.l", L);
    expect("my head hurts at the back", "occiput.l occiput.r", U);
    expect("pain in my hip on the outside", "hip-outer.l hip-outer.r", U);
    expect("my right shoulder hurts when I lift my arm",
           "anterior-shoulder.r posterior-shoulder.r", R);
    expect("left knee and right shoulder",
           "anterior-knee.l posterior-knee.l anterior-shoulder.r posterior-shoulder.r",
           REGION_LAT_BOTH);
    expect("earache", "deep-ear.l deep-ear.r", U);
    /* "neck and back" stays two places; "back" after "at the" is a relation */
    struct region_match m;
    assert_int_equal(region_resolve("neck and back", &m, NULL), 0);
    assert_int_equal(m.places, 2);
    assert_true(m.unsided);
    assert_int_equal(region_resolve("left neck", &m, NULL), 0);
    assert_false(m.unsided);
    assert_int_equal(region_resolve("between the shoulder blades", &m, NULL), 0);
    assert_false(m.unsided); /* a midline place needs no side */

    /* region_parse keeps the places apart and reports words it could not place */
    struct region_sentence s;
    struct trp_err err;
    assert_int_equal(region_parse("my left jaw and temple", &s, &err), 0);
    assert_int_equal(s.n_places, 2);
    assert_string_equal(s.places[0].text, "jaw");
    assert_string_equal(s.places[1].text, "temple");
    assert_int_equal(s.places[1].side, L);
    assert_string_equal(s.ignored, "");
    assert_int_equal(region_parse("temple and elbw", &s, &err), 0);
    assert_int_equal(s.n_places, 1);
    assert_string_equal(s.ignored, "elbw");
}

static void test_resolve_ids_and_codes(void **state)
{
    (void)state;
    expect("temple.l", "temple.l", REGION_LAT_LEFT);
    expect("TEMPLE.R", "temple.r", REGION_LAT_RIGHT);
    expect("vertex", "vertex", REGION_LAT_UNSPECIFIED);
    expect("anterior-shoulder.r", "anterior-shoulder.r", REGION_LAT_RIGHT);
    expect("choir 105", "anterior-neck.r", REGION_LAT_RIGHT);
    expect("choir code 238", "posterior-foot.r", REGION_LAT_RIGHT);
    expect("237", "posterior-foot.l", REGION_LAT_LEFT);

    const char *ids[REGION_MATCH_MAX];
    size_t n = 99;
    assert_int_equal(region_resolve_ids("left heel", ids, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_string_equal(ids[0], "heel.l");
    assert_int_equal(region_resolve_ids("nonsense-place", ids, &n, NULL), TRP_EINVAL);
    assert_int_equal(n, 0);
}

static void test_helpers(void **state)
{
    (void)state;
    assert_string_equal(region_base_of("temple.l"), "temple");
    assert_string_equal(region_base_of("vertex"), "vertex");
    assert_null(region_base_of("temple"));
    assert_null(region_base_of("nope.l"));
    assert_int_equal(region_side_of("temple.l"), REGION_LEFT);
    assert_int_equal(region_side_of("temple.r"), REGION_RIGHT);
    assert_int_equal(region_side_of("sternum"), REGION_MIDLINE);
    assert_int_equal(region_side_of("nope"), -1);
    assert_null(region_find(NULL));

    const struct region *heel = region_find("heel.l");
    assert_non_null(heel);
    assert_int_equal(region_choir_of(heel)->code, 237);
    assert_int_equal(region_choir_of(region_find("temple.r"))->code, 101);
    assert_int_equal(region_choir_of(region_find("lateral-epicondyle.l"))->code, 215);

    const struct region *pair[2];
    assert_int_equal(region_choir_pair(region_find("sternum"), pair), 2);
    int a = pair[0]->code, b = pair[1]->code;
    assert_true((a == 108 && b == 109) || (a == 109 && b == 108));
    assert_int_equal(region_choir_pair(heel, pair), 1);
    assert_int_equal(pair[0]->code, 237);

    assert_string_equal(region_side_name(REGION_MIDLINE), "midline");
    assert_string_equal(region_view_name(REGION_DEEP), "deep");
    assert_string_equal(region_laterality_name(REGION_LAT_BOTH), "both");
    assert_false(region_base_exists("tempel"));
}

/* ---- errors and suggestions -------------------------------------------------------- */

static void expect_error(const char *phrase, const char *needle)
{
    struct region_match m;
    struct trp_err err;
    trp_err_clear(&err);
    int rc = region_resolve(phrase, &m, &err);
    if (rc != TRP_EINVAL)
        fail_msg("\"%.40s\" should fail with TRP_EINVAL, got %d", phrase ? phrase : "(null)",
                 rc);
    assert_int_equal(err.code, TRP_EINVAL);
    if (!strstr(err.msg, needle))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
    assert_null(strchr(err.msg, '\n'));
}

static void test_suggestions(void **state)
{
    (void)state;
    expect_error("tempel", "unknown body region \"tempel\"; did you mean: temple");
    expect_error("left tempel", "did you mean: temple");
    expect_error("sholder", "shoulder");
    expect_error("kneecapp", "kneecap");
    expect_error("achiles", "achilles");
    expect_error("hele", "heel");

    /* never more than three suggestions */
    struct region_match m;
    struct trp_err err;
    assert_int_equal(region_resolve("hedd", &m, &err), TRP_EINVAL);
    const char *dym = strstr(err.msg, "did you mean: ");
    assert_non_null(dym);
    int commas = 0;
    for (const char *p = dym; *p; p++)
        commas += *p == ',';
    assert_true(commas <= 2);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("", "empty body region");
    expect_error("   \t ", "empty body region");
    expect_error(NULL, "empty body region");
    expect_error("the", "empty body region");
    expect_error("left", "names only a side");
    expect_error("on both sides", "names only a side");
    expect_error("qqqqqqqqqqqqzzzz", "run 'trp regions'");
    expect_error("it hurts in the morning", "names no body region");
    expect_error("left elbw and knee", "\"elbw\" is not a body region; did you mean: elbow");
    expect_error("pian in my sholder", "did you mean: shoulder");
    expect_error("\xff\xfe temple", "not valid UTF-8");
    expect_error("temple\xc0\xaf", "not valid UTF-8"); /* overlong '/' */
    expect_error("\xed\xa0\x80", "not valid UTF-8");   /* a surrogate */
    expect_error("tempe\x01le", "tempe?le");            /* control bytes are not echoed */
    expect_error("\xc3\xa9paule", "unknown body region \"\xc3\xa9paule\"");

    char longp[REGION_PHRASE_MAX + 50];
    memset(longp, 'a', sizeof longp - 1);
    longp[sizeof longp - 1] = '\0';
    expect_error(longp, "too long");

    /* many short words within the byte limit */
    char words[REGION_PHRASE_MAX + 1];
    size_t o = 0;
    while (o + 2 < REGION_PHRASE_MAX) {
        words[o++] = 'x';
        words[o++] = ' ';
    }
    words[o] = '\0';
    expect_error(words, "unknown body region");

    /* a long but unknown phrase is quoted with an ellipsis, not in full */
    char mid[151];
    memset(mid, 'b', 150);
    mid[150] = '\0';
    struct region_match m;
    struct trp_err err;
    assert_int_equal(region_resolve(mid, &m, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "...\""));
    assert_true(strlen(err.msg) < 200);
}

/* ---- checks on broken vocabularies -------------------------------------------------- */

static char *with_extra_line(const char *text, const char *line)
{
    size_t a = strlen(text), b = strlen(line);
    char *s = malloc(a + b + 1);
    assert_non_null(s);
    memcpy(s, text, a);
    memcpy(s + a, line, b + 1);
    return s;
}

static char *without_line(const char *text, const char *prefix)
{
    char *s = strdup(text);
    assert_non_null(s);
    char *p = strstr(s, prefix);
    assert_non_null(p);
    char *nl = strchr(p, '\n');
    assert_non_null(nl);
    memmove(p, nl + 1, strlen(nl + 1) + 1);
    return s;
}

static void expect_bad_regions(char *regions, const char *needle)
{
    struct trp_err err;
    trp_err_clear(&err);
    int rc = region_vocab_check(regions, embedded("synonyms.tsv"), &err);
    free(regions);
    assert_int_equal(rc, TRP_EIO);
    if (!strstr(err.msg, needle))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
}

static void expect_bad_synonyms(char *synonyms, const char *needle)
{
    struct trp_err err;
    trp_err_clear(&err);
    int rc = region_vocab_check(embedded("regions.tsv"), synonyms, &err);
    free(synonyms);
    assert_int_equal(rc, TRP_EIO);
    if (!strstr(err.msg, needle))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
}

static void test_vocab_checks(void **state)
{
    (void)state;
    const char *r = embedded("regions.tsv"), *s = embedded("synonyms.tsv");
    struct trp_err err;
    assert_int_equal(region_vocab_check(r, s, &err), 0);

    expect_bad_regions(with_extra_line(r, "temple.l\t\tAgain\tleft\tfront\tanterior-upper-head.l\n"),
                       "defined twice");
    expect_bad_regions(with_extra_line(r, "spleen.l\t\tSpleen\tleft\tfront\tnowhere.l\n"
                                          "spleen.r\t\tSpleen\tright\tfront\tnowhere.r\n"),
                       "does not exist");
    expect_bad_regions(with_extra_line(r, "spleen.l\t\tSpleen\tleft\tfront\tanterior-abdomen.l\n"),
                       "no right twin");
    expect_bad_regions(with_extra_line(r, "spleen.l\t\tSpleen\tleft\tfront\tanterior-abdomen.r\n"
                                          "spleen.r\t\tSpleen\tright\tfront\tanterior-abdomen.l\n"),
                       "other side");
    expect_bad_regions(with_extra_line(r, "spleen\t\tSpleen\tcentre\tfront\tanterior-abdomen.r\n"),
                       "not left, right or midline");
    expect_bad_regions(with_extra_line(r, "spleen\t\tSpleen\tmidline\tside\tanterior-abdomen.r\n"),
                       "not front, back or deep");
    expect_bad_regions(with_extra_line(r, "spleen\t\tSpleen\tmidline\tfront\t\n"),
                       "needs a parent");
    expect_bad_regions(with_extra_line(r, "spleen\t\tSpleen\tmidline\tfront\ttemple.l\n"),
                       "not a CHOIR segment");
    expect_bad_regions(with_extra_line(r, "x.l\t140\tX\tleft\tfront\t\n"),
                       "not a CHOIR segment");
    expect_bad_regions(with_extra_line(r, "spleen.l\t\tSpleen\tright\tfront\tanterior-abdomen.r\n"),
                       "must end in .r");
    expect_bad_regions(with_extra_line(r, "Spleen\t\tSpleen\tmidline\tfront\tanterior-abdomen.r\n"),
                       "lower-case");
    expect_bad_regions(with_extra_line(r, "spleen\tmidline\n"), "6 tab-separated fields");
    expect_bad_regions(without_line(r, "anterior-neck.r\t105"), "segment 105 is missing");
    expect_bad_regions(without_line(r, "id\tcode"), "header");

    expect_bad_synonyms(with_extra_line(s, "spleen pain\tspleen\n"), "neither a base name");
    expect_bad_synonyms(with_extra_line(s, "left spleen\ttemple\n"), "side word");
    expect_bad_synonyms(with_extra_line(s, "temple\theel\n"), "already means");
    expect_bad_synonyms(with_extra_line(s, "outer elbow\tlateral-epicondyle\n"), "listed twice");
    expect_bad_synonyms(with_extra_line(s, "the\ttemple\n"), "empty");
    expect_bad_synonyms(with_extra_line(s, "wobble\n"), "2 tab-separated fields");
    /* a synonym pointing at its own base name is harmless */
    char *ok = with_extra_line(s, "temple\ttemple\n");
    assert_int_equal(region_vocab_check(r, ok, &err), 0);
    free(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads),
        cmocka_unit_test(test_choir_codes),
        cmocka_unit_test(test_parents),
        cmocka_unit_test(test_ids_and_sides),
        cmocka_unit_test(test_region_names_md),
        cmocka_unit_test(test_resolve_synonyms),
        cmocka_unit_test(test_resolve_case_and_space),
        cmocka_unit_test(test_resolve_sides),
        cmocka_unit_test(test_resolve_sentences),
        cmocka_unit_test(test_resolve_ids_and_codes),
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_vocab_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
