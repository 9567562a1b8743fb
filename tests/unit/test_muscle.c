/*
 * Unit tests for the muscle knowledge base: every embedded entry validates, there are at
 * least 70, every region named exists, lookups by id, name and alias, suggestions, and one
 * negative test per validation rule, each message naming the file and the field.
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
    assert_true(muscle_count() >= 70);
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
    assert_int_equal(muscle_check_text("x.json", "{\"id\": ", &err), TRP_EIO);
    assert_non_null(strstr(err.msg, "data/muscles/x.json: line 1"));
    assert_int_equal(muscle_check_text("x.json", "[]", &err), TRP_EIO);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
