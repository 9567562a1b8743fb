/*
 * Unit tests for the muscle knowledge base: every embedded entry validates, there are at
 * least 130, every region named exists, lookups by id, name and alias, suggestions, one
 * negative test per validation rule (each message naming the file and the field), and the
 * referral facts a clinical review found wrong, checked against the published patterns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/region.h"
#include "kb/index.h"
#include "kb/muscle.h"

static void test_all_load(void **state)
{
    (void)state;
    struct trp_err err = {0};
    if (muscle_load(&err))
        fail_msg("knowledge base does not load: %s", err.msg);
    assert_true(muscle_count() >= 130);
    size_t areas[16] = {0};
    for (size_t i = 0; i < muscle_count(); i++) {
        const struct muscle *m = muscle_at(i);
        assert_true(m->n_tp >= 1);
        assert_true(m->n_sources >= 1);
        assert_true(m->n_essential >= 1);
        for (size_t k = 0; k < m->n_essential; k++)
            assert_true(region_base_exists(m->essential[k]));
        for (size_t k = 0; k < m->n_spillover; k++)
            assert_true(region_base_exists(m->spillover[k]));
        for (size_t a = 0; a < muscle_areas_count; a++)
            if (!strcmp(m->area, muscle_areas[a]))
                areas[a]++;
    }
    /* Every body area the issue lists is covered. */
    for (size_t a = 0; a < muscle_areas_count; a++)
        if (!areas[a])
            fail_msg("no muscle in area %s", muscle_areas[a]);
}

static void test_lookup(void **state)
{
    (void)state;
    assert_string_equal(muscle_find("scm")->id, "sternocleidomastoid");
    assert_string_equal(muscle_find("SCM")->id, "sternocleidomastoid");
    assert_string_equal(muscle_find("peroneus longus")->id, "fibularis-longus");
    assert_string_equal(muscle_find("Upper trapezius")->id, "upper-trapezius");
    assert_string_equal(muscle_find("upper_trapezius")->id, "upper-trapezius");
    assert_null(muscle_find("spleen"));
    const struct muscle *m;
    struct trp_err err = {0};
    assert_int_equal(muscle_lookup("solues", &m, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "did you mean"));
    assert_non_null(strstr(err.msg, "soleus"));
    assert_int_equal(muscle_lookup("", &m, &err), TRP_EINVAL);
    assert_int_equal(muscle_lookup("zzzzzzzzzzzzzzzzzzzz", &m, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "trp muscles"));
    assert_true(muscle_find("sternalis")->midline);
    assert_false(muscle_find("soleus")->midline);
}

/* A valid entry to break one field at a time. */
static const char *const GOOD =
    "{\"id\":\"test-muscle\",\"name\":\"Test\",\"aliases\":[],\"area\":\"leg\",\"commonness\":3,"
    "\"trigger_points\":[{\"name\":\"a\",\"region\":\"calf\",\"location\":\"x\",\"how_to_find\":\"y\"}],"
    "\"referral\":{\"essential\":[\"heel\"],\"spillover\":[]},\"symptoms\":[],"
    "\"self_treatment\":{\"techniques\":[\"compression\",\"friction\"],\"position\":\"p\",\"tool\":\"t\","
    "\"pressure\":\"q\",\"hold_seconds\":60,\"passes\":3,\"friction_direction\":\"up\",\"cautions\":[],"
    "\"endangerment_sites\":[]},\"stretch\":\"s\",\"strengthen\":\"g\","
    "\"perpetuating\":[{\"task\":\"running\",\"keywords\":[\"running\"]}],"
    "\"sources\":[{\"citation\":\"c\",\"kind\":\"consensus-text\"}],\"evidence\":\"consensus-text\","
    "\"reviewed\":\"2026-11-23\"}";

static void expect_broken(const char *from, const char *to, const char *fragment)
{
    char text[4096];
    const char *at = strstr(GOOD, from);
    if (!at)
        fail_msg("test bug: \"%s\" not in GOOD", from);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - GOOD), GOOD, to, at + strlen(from));
    struct trp_err err = {0};
    assert_int_equal(muscle_check_text("test-muscle.json", text, &err), TRP_EIO);
    if (!strstr(err.msg, "data/muscles/test-muscle.json: ") || !strstr(err.msg, fragment))
        fail_msg("for %s -> %s: message \"%s\" lacks \"%s\"", from, to, err.msg, fragment);
}

static void test_validation_rules(void **state)
{
    (void)state;
    struct trp_err err = {0};
    if (muscle_check_text("test-muscle.json", GOOD, &err))
        fail_msg("the good entry fails: %s", err.msg);
    expect_broken("\"heel\"", "\"heal\"", "referral.essential[0]: unknown region \"heal\"");
    expect_broken("\"region\":\"calf\"", "\"region\":\"calff\"", "trigger_points[0].region: unknown region");
    expect_broken("\"sources\":[{\"citation\":\"c\",\"kind\":\"consensus-text\"}]", "\"sources\":[]", "sources: needs at least one");
    expect_broken("\"sources\":[{\"citation\":\"c\",\"kind\":\"consensus-text\"}],", "", "sources: needs at least one");
    expect_broken("\"trigger_points\":[{\"name\":\"a\",\"region\":\"calf\",\"location\":\"x\",\"how_to_find\":\"y\"}]",
                  "\"trigger_points\":[]", "trigger_points: needs at least one");
    expect_broken("\"id\":\"test-muscle\"", "\"id\":\"other\"", "id: \"other\" must equal the file name");
    expect_broken("\"area\":\"leg\"", "\"area\":\"tail\"", "area: unknown area");
    expect_broken("\"commonness\":3", "\"commonness\":9", "commonness: must be a whole number 1-5");
    expect_broken("\"hold_seconds\":60", "\"hold_seconds\":600", "self_treatment.hold_seconds");
    expect_broken("\"passes\":3", "\"passes\":0", "self_treatment.passes");
    expect_broken("\"friction_direction\":\"up\"", "\"friction_direction\":\"\"", "friction_direction: needed");
    expect_broken("\"compression\",\"friction\"", "\"compression\",\"kneading\"", "techniques[1]");
    expect_broken("\"evidence\":\"consensus-text\"", "\"evidence\":\"hearsay\"", "evidence:");
    expect_broken("\"reviewed\":\"2026-11-23\"", "\"reviewed\":\"last week\"", "reviewed:");
    expect_broken("\"stretch\":\"s\"", "\"stretch\":\"s\",\"strech\":\"x\"", "strech: unknown field");
    expect_broken("\"kind\":\"consensus-text\"}]", "\"kind\":\"blog\"}]", "sources[0].kind");
    expect_broken("\"keywords\":[\"running\"]", "\"keywords\":[]", "perpetuating[0].keywords");
    expect_broken("\"endangerment_sites\":[]", "\"endangerment_sites\":[\"nowhere\"]", "endangerment_sites[0]: unknown region");
    expect_broken("\"spillover\":[]", "\"spillover\":[\"heel\"]", "referral.spillover: \"heel\" is already essential");
    expect_broken("\"essential\":[\"heel\"]", "\"essential\":[\"heel\",\"sole\",\"heel\"]",
                  "referral.essential[2]: \"heel\" is listed twice");
    /* caution: optional, but when present it needs both its text and its source */
    const char *at = "\"evidence\":";
    expect_broken(at, "\"caution\":\"clots\",\"evidence\":", "caution: must be an object");
    expect_broken(at, "\"caution\":{\"text\":\"Clot?\"},\"evidence\":", "caution.source: missing");
    expect_broken(at, "\"caution\":{\"text\":\"\",\"source\":\"s\"},\"evidence\":", "caution.text: is empty");
    expect_broken(at, "\"caution\":{\"text\":\"a\",\"source\":\"s\",\"url\":\"u\"},\"evidence\":",
                  "caution.url: unknown field");
    /* part_of: optional text naming the group entry, never the entry itself */
    expect_broken(at, "\"part_of\":3,\"evidence\":", "part_of: must be text");
    expect_broken(at, "\"part_of\":\"test-muscle\",\"evidence\":", "part_of: an entry cannot be part of itself");
    /* refers_to: a point's zones must be the muscle's own zones */
    expect_broken("\"how_to_find\":\"y\"", "\"how_to_find\":\"y\",\"refers_to\":[\"knee-inner\"]",
                  "trigger_points[0].refers_to[0]: \"knee-inner\" is not in referral");
    expect_broken("\"how_to_find\":\"y\"", "\"how_to_find\":\"y\",\"refers_to\":[]",
                  "trigger_points[0].refers_to: needs at least 1");
    expect_broken("\"how_to_find\":\"y\"", "\"how_to_find\":\"y\",\"refers_to\":[\"hele\"]", "unknown region \"hele\"");
    char text[4096];
    const char *cut = strstr(GOOD, at);
    snprintf(text, sizeof text, "%.*s\"caution\":{\"text\":\"Calf pain with swelling: see a doctor.\",\"source\":\"NICE NG158\"},%s",
             (int)(cut - GOOD), GOOD, cut);
    if (muscle_check_text("test-muscle.json", text, &err))
        fail_msg("a valid caution is refused: %s", err.msg);
    cut = strstr(GOOD, "\"how_to_find\":\"y\"") + strlen("\"how_to_find\":\"y\"");
    snprintf(text, sizeof text, "%.*s,\"refers_to\":[\"heel\"]%s", (int)(cut - GOOD), GOOD, cut);
    if (muscle_check_text("test-muscle.json", text, &err))
        fail_msg("a valid refers_to is refused: %s", err.msg);
    assert_int_equal(muscle_check_text("x.json", "{\"id\": ", &err), TRP_EIO);
    assert_non_null(strstr(err.msg, "data/muscles/x.json: line 1"));
    assert_int_equal(muscle_check_text("x.json", "[]", &err), TRP_EIO);
}

static int listed(const char *const *v, size_t n, const char *base)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], base))
            return 1;
    return 0;
}

static const struct muscle *need(const char *id)
{
    const struct muscle *m = muscle_find(id);
    if (!m)
        fail_msg("no muscle %s", id);
    return m;
}

#define ESSENTIAL(id, base) assert_true(listed(need(id)->essential, need(id)->n_essential, base))
#define SPILLOVER(id, base) assert_true(listed(need(id)->spillover, need(id)->n_spillover, base))
#define NOWHERE(id, base)                                                  \
    do {                                                                   \
        assert_false(listed(need(id)->essential, need(id)->n_essential, base)); \
        assert_false(listed(need(id)->spillover, need(id)->n_spillover, base)); \
    } while (0)

/* The trigger point of a muscle whose name contains `part`, or a failure. */
static const struct muscle_tp *point(const char *id, const char *part)
{
    const struct muscle *m = need(id);
    for (size_t i = 0; i < m->n_tp; i++)
        if (strstr(m->tp[i].name, part))
            return &m->tp[i];
    fail_msg("%s has no trigger point named like \"%s\"", id, part);
    return NULL;
}

/* The errors a clinical review found, each against the published referral pattern (Travell &
 * Simons, NAMTPT, the referral studies named in the entries). */
static void test_referral_facts(void **state)
{
    (void)state;
    /* SCM: over the eye is essential, the temple is not (T&S Vol 1 ch. 7). */
    ESSENTIAL("sternocleidomastoid", "eyebrow");
    assert_false(listed(need("sternocleidomastoid")->essential, need("sternocleidomastoid")->n_essential, "temple"));
    /* Digastric: posterior belly to the mastoid, upper SCM area and throat; the anterior belly
     * is its own point and refers to the lower incisors. */
    ESSENTIAL("digastric", "mastoid");
    ESSENTIAL("digastric", "throat");
    const struct muscle_tp *ant = point("digastric", "anterior");
    assert_true(listed(ant->refers_to, ant->n_refers, "lower-teeth"));
    const struct muscle_tp *post = point("digastric", "posterior");
    assert_false(listed(post->refers_to, post->n_refers, "lower-teeth"));
    /* Masseter: a deep-layer point; deep ear and jaw joint are main zones. */
    const struct muscle_tp *deep = point("masseter", "deep");
    assert_true(listed(deep->refers_to, deep->n_refers, "deep-ear"));
    ESSENTIAL("masseter", "deep-ear");
    ESSENTIAL("masseter", "tmj");
    /* Infraspinatus: outer front of the arm (Kwon 2017) and the inner border of the blade. */
    ESSENTIAL("infraspinatus", "upper-arm-outer");
    SPILLOVER("infraspinatus", "scapula-medial-border");
    /* Gluteus minimus: outer knee; back of thigh and calf are main zones of the posterior points. */
    ESSENTIAL("gluteus-minimus", "knee-outer");
    ESSENTIAL("gluteus-minimus", "thigh-back");
    ESSENTIAL("gluteus-minimus", "calf");
    const struct muscle_tp *gmin = point("gluteus-minimus", "posterior");
    assert_true(listed(gmin->refers_to, gmin->n_refers, "calf"));
    /* Serratus posterior superior: back of the arm to the elbow point, ulnar forearm, little
     * finger; not the inner elbow. */
    SPILLOVER("serratus-posterior-superior", "elbow-back");
    SPILLOVER("serratus-posterior-superior", "forearm-ulnar");
    SPILLOVER("serratus-posterior-superior", "little-finger");
    NOWHERE("serratus-posterior-superior", "medial-epicondyle");
    /* Multifidus: lumbosacral, no buttock; the cervical multifidi have their own entry. */
    NOWHERE("multifidus", "buttock");
    ESSENTIAL("cervical-multifidi", "base-of-skull");
    /* Gastrocnemius: lateral head modelled; the back of the knee is a main zone. */
    point("gastrocnemius", "lateral");
    ESSENTIAL("gastrocnemius", "back-of-knee");
    /* Between the shoulder blades: the inner border is reached from the muscles that refer there. */
    const char *border[] = {"scalenes", "levator-scapulae", "rhomboids", "latissimus-dorsi",
                            "serratus-posterior-superior", "cervical-multifidi"};
    for (size_t i = 0; i < sizeof border / sizeof *border; i++) {
        const struct muscle *m = need(border[i]);
        if (!listed(m->essential, m->n_essential, "scapula-medial-border") &&
            !listed(m->spillover, m->n_spillover, "scapula-medial-border"))
            fail_msg("%s does not reach the inner border of the shoulder blade", m->id);
    }
    /* Quadratus lumborum refers along the back of the pelvic crest, the low back (T&S Vol 2
     * ch. 4), so "low back" reaches it. */
    ESSENTIAL("quadratus-lumborum", "low-back");
    /* The big toe has its long muscles. */
    ESSENTIAL("extensor-hallucis-longus", "great-toe");
    ESSENTIAL("flexor-hallucis-longus", "great-toe");
    /* Upper trapezius: the unfindable "Cephalalgia 2006" citation is gone, Eur J Pain 2007 is in. */
    const struct muscle *ut = need("upper-trapezius");
    int ejp = 0;
    for (size_t i = 0; i < ut->n_sources; i++) {
        assert_null(strstr(ut->sources[i].citation, "Cephalalgia 2006"));
        ejp |= strstr(ut->sources[i].citation, "Eur J Pain 2007;11") != NULL;
    }
    assert_true(ejp);
}

/* Where a differential matters, the entry says what to rule out first, with its source. */
static void test_cautions(void **state)
{
    (void)state;
    const struct muscle *t = need("temporalis");
    assert_non_null(t->caution);
    assert_non_null(strstr(t->caution, "giant cell arteritis"));
    assert_non_null(strstr(t->caution, "same day"));
    assert_non_null(strstr(t->caution_source, "SNOOP10"));
    const char *calf[] = {"gastrocnemius", "soleus", "popliteus", "tibialis-posterior",
                          "flexor-digitorum-longus", "plantaris", "flexor-hallucis-longus"};
    for (size_t i = 0; i < sizeof calf / sizeof *calf; i++) {
        const struct muscle *m = need(calf[i]);
        if (!m->caution || !strstr(m->caution, "clot"))
            fail_msg("%s: no caution about clots", m->id);
    }
    const char *neck[] = {"sternocleidomastoid", "scalenes", "longus-colli", "digastric"};
    for (size_t i = 0; i < sizeof neck / sizeof *neck; i++) {
        const struct muscle *m = need(neck[i]);
        if (!m->caution || !strstr(m->caution, "light pressure"))
            fail_msg("%s: no caution about the vessels of the neck", m->id);
    }
    const char *chest[] = {"pectoralis-major", "pectoralis-minor", "sternalis"};
    for (size_t i = 0; i < sizeof chest / sizeof *chest; i++) {
        const struct muscle *m = need(chest[i]);
        if (!m->caution || !strstr(m->caution, "heart") || !strstr(m->caution_source, "CG95"))
            fail_msg("%s: no caution about heart pain", m->id);
    }
    const struct muscle *abs = need("rectus-abdominis");
    assert_non_null(abs->caution);
    assert_non_null(strstr(abs->caution, "organs"));
    /* Every caution carries a source. */
    for (size_t i = 0; i < muscle_count(); i++) {
        const struct muscle *m = muscle_at(i);
        assert_true(!m->caution == !m->caution_source);
    }
}

/* The build-time ranking index must say exactly what the JSON files say. */
static void test_index_matches(void **state)
{
    (void)state;
    assert_int_equal(trp_kb_index_count, muscle_count());
    for (size_t i = 0; i < trp_kb_index_count; i++) {
        const struct kb_index_entry *x = &trp_kb_index[i];
        const struct muscle *m;
        assert_int_equal(muscle_of_file(x->file, &m, NULL), 0);
        assert_string_equal(x->id, m->id);
        assert_string_equal(x->name, m->name);
        assert_int_equal(x->commonness, m->commonness);
        assert_int_equal(x->n_essential, m->n_essential);
        assert_int_equal(x->n_spillover, m->n_spillover);
        for (size_t k = 0; k < m->n_essential; k++)
            assert_string_equal(x->essential[k], m->essential[k]);
        for (size_t k = 0; k < m->n_spillover; k++)
            assert_string_equal(x->spillover[k], m->spillover[k]);
        int grade = !strcmp(m->evidence, "experimental-referral-study") ? 2
                    : !strcmp(m->evidence, "consensus-text")              ? 1
                                                                          : 0;
        assert_int_equal(x->evidence, grade);
        assert_string_equal(x->group, m->part_of ? m->part_of : m->id);
        /* the index holds each trigger point's region, and nothing else */
        for (size_t t = 0; t < m->n_tp; t++) {
            int in = 0;
            for (size_t k = 0; k < x->n_tp_regions; k++)
                in |= !strcmp(x->tp_regions[k], m->tp[t].region);
            assert_true(in);
        }
        for (size_t k = 0; k < x->n_tp_regions; k++) {
            int in = 0;
            for (size_t t = 0; t < m->n_tp; t++)
                in |= !strcmp(x->tp_regions[k], m->tp[t].region);
            assert_true(in);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_load),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_validation_rules),
        cmocka_unit_test(test_index_matches),
        cmocka_unit_test(test_referral_facts),
        cmocka_unit_test(test_cautions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
