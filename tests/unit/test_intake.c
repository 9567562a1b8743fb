/*
 * Unit tests for the intake: the question table (kinds, groups, a source for each, the ids
 * answers files already use), strict reading of answers (a missing question is named, an
 * older stored intake is marked, not refused) and the red-flag rules, written from the
 * sources: urgent flags (emergency or same day) versus red flags that need a doctor's check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/intake.h"

static struct arena *A;

/* A clean intake (every answer no, age 42) with a few answers changed: "id" means yes. */
static void make(struct intake *in, const char *const *yes, int age)
{
    json_t *o = json_object();
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        json_t *v = q->type == INTAKE_YESNO ? json_false()
                    : q->type == INTAKE_AGE ? json_integer(age)
                                            : json_array();
        json_object_set_new(o, q->id, v);
    }
    for (size_t i = 0; yes && yes[i]; i++) {
        assert_non_null(json_object_get(o, yes[i]));
        json_object_set_new(o, yes[i], json_true());
    }
    struct trp_err err = {0};
    assert_int_equal(intake_from_json(o, A, in, &err), 0);
    json_decref(o);
}

static const struct intake_flag *find(const struct intake_flag *f, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(f[i].id, id))
            return &f[i];
    return NULL;
}

static void test_questions(void **state)
{
    (void)state;
    /* Ids that answers files from earlier versions use keep existing. */
    static const char *const old[] = {
        "age", "new_pain", "bladder_bowel", "progressive_weakness", "fever_weight_loss",
        "cancer_history", "night_pain", "trauma", "osteoporosis", "neck_neuro", "cardiac",
        "calf_swelling", "anticoagulants", "dvt_history", "varicose_veins", "pregnancy",
        "recent_injury", "skin_problems", "workstation", "poor_sleep", "stress_mood",
        "metabolic", "structural", "inactivity",
    };
    for (size_t i = 0; i < sizeof old / sizeof *old; i++)
        assert_true(intake_question_exists(old[i]));
    static const char *const added[] = {
        "thunderclap_headache", "jaw_claudication", "fever_neck_stiffness", "sudden_neck_pain",
        "myelopathy", "infection_risk", "long_term_steroids", "bleeding_disorder", "neuropathy",
        "breathless_calf",
    };
    for (size_t i = 0; i < sizeof added / sizeof *added; i++)
        assert_true(intake_question_exists(added[i]));
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        assert_non_null(q->source);
        assert_true(strlen(q->source) > 10);
        assert_null(strstr(q->source, "DOMAIN"));
        const char *g = intake_group_name(q->section);
        assert_true(!strcmp(g, "urgent") || !strcmp(g, "red-flag") || !strcmp(g, "precaution") ||
                    !strcmp(g, "perpetuating"));
        const char *k = intake_kind_name(q->type);
        assert_true(!strcmp(k, "yes-no") || !strcmp(k, "number") || !strcmp(k, "regions"));
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(q->id, intake_questions[j].id);
    }
    assert_true(intake_questions_count <= INTAKE_MAX_QUESTIONS);
}

static void test_missing_question(void **state)
{
    (void)state;
    struct intake in;
    make(&in, NULL, 42);
    json_t *o = intake_to_json(&in);
    json_object_del(o, "thunderclap_headache");
    struct trp_err err = {0};
    assert_int_equal(intake_from_json(o, A, &in, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "thunderclap_headache"));
    /* Stored by an older trp: read, with the missing question named for the gate. */
    trp_err_clear(&err);
    assert_int_equal(intake_from_json_stored(o, A, &in, &err), 0);
    assert_non_null(in.missing);
    assert_string_equal(in.missing, "thunderclap_headache");
    json_decref(o);
}

/* Each urgent sign alone raises an urgent flag citing its own source. */
static void test_urgent(void **state)
{
    (void)state;
    static const struct {
        const char *answer, *flag, *source;
        int emergency;
    } cases[] = {
        {"cardiac", "cardiac", "NICE CG95", 1},
        {"exertional_chest_pain", "angina", "NICE CG95", 0},
        {"bladder_bowel", "cauda_equina", "Finucane", 1},
        {"sexual_dysfunction", "cauda_equina", "Finucane", 1},
        {"both_legs", "cauda_equina", "Finucane", 1},
        {"neck_neuro", "neck_vascular", "Rushton", 1},
        {"sudden_neck_pain", "neck_vascular", "Rushton", 1},
        {"thunderclap_headache", "thunderclap", "SNOOP10", 1},
        {"fever_neck_stiffness", "meningitis", "SNOOP10", 1},
        {"vision_change", "giant_cell_arteritis", "SNOOP10", 1},
        {"jaw_claudication", "giant_cell_arteritis", "SNOOP10", 0},
        {"scalp_tenderness", "giant_cell_arteritis", "SNOOP10", 0},
        {"calf_swelling", "dvt", "NG158", 0},
        {"breathless_calf", "pulmonary_embolism", "NG158", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct intake in;
        const char *yes[] = {cases[i].answer, NULL};
        make(&in, yes, 42);
        struct intake_flag f[INTAKE_MAX_FLAGS];
        size_t n = intake_red_flags(&in, f);
        const struct intake_flag *fl = find(f, n, cases[i].flag);
        assert_non_null(fl);
        assert_int_equal(fl->urgent, 1);
        assert_int_equal(fl->emergency, cases[i].emergency);
        assert_non_null(strstr(fl->source, cases[i].source));
        assert_non_null(strstr(fl->advice, cases[i].emergency ? "now" : "today"));
        assert_null(strstr(fl->advice, "harmless"));
        assert_non_null(fl->see);
    }
    /* Cauda equina: an emergency now, not "today". */
    struct intake in;
    const char *ce[] = {"bladder_bowel", NULL};
    make(&in, ce, 42);
    struct intake_flag f[INTAKE_MAX_FLAGS];
    size_t n = intake_red_flags(&in, f);
    assert_non_null(strstr(find(f, n, "cauda_equina")->advice, "emergency department now"));
    assert_null(strstr(find(f, n, "cauda_equina")->advice, "today"));
}

static void test_combinations(void **state)
{
    (void)state;
    struct intake in;
    struct intake_flag f[INTAKE_MAX_FLAGS];
    /* A new headache: urgent in pregnancy or after birth, a red flag after 50, nothing at 42. */
    const char *preg[] = {"new_headache", "pregnancy", NULL};
    make(&in, preg, 30);
    size_t n = intake_red_flags(&in, f);
    assert_int_equal(find(f, n, "pregnancy_headache")->urgent, 1);
    const char *birth[] = {"new_headache", "recent_birth", NULL};
    make(&in, birth, 30);
    n = intake_red_flags(&in, f);
    assert_non_null(find(f, n, "pregnancy_headache"));
    const char *head[] = {"new_headache", NULL};
    make(&in, head, 63);
    n = intake_red_flags(&in, f);
    assert_int_equal(find(f, n, "headache_over_50")->urgent, 0);
    make(&in, head, 42);
    assert_int_equal(intake_red_flags(&in, f), 0);
    /* Fever with immunosuppression: same day; immunosuppression alone: a red flag. */
    const char *inf[] = {"fever_weight_loss", "infection_risk", NULL};
    make(&in, inf, 42);
    n = intake_red_flags(&in, f);
    assert_int_equal(find(f, n, "infection")->urgent, 1);
    const char *imm[] = {"infection_risk", NULL};
    make(&in, imm, 42);
    n = intake_red_flags(&in, f);
    assert_int_equal(find(f, n, "infection_risk")->urgent, 0);
    /* Steroids: fracture risk; myelopathy: Rushton, not urgent. */
    const char *ster[] = {"long_term_steroids", NULL};
    make(&in, ster, 42);
    n = intake_red_flags(&in, f);
    assert_non_null(find(f, n, "fracture_risk"));
    const char *mye[] = {"myelopathy", NULL};
    make(&in, mye, 42);
    n = intake_red_flags(&in, f);
    assert_non_null(strstr(find(f, n, "myelopathy")->source, "Rushton"));
    /* New pain: a flag under 18 and over 50 only. */
    const char *np[] = {"new_pain", NULL};
    make(&in, np, 51);
    n = intake_red_flags(&in, f);
    assert_non_null(find(f, n, "age_new_pain"));
    make(&in, np, 50);
    assert_int_equal(intake_red_flags(&in, f), 0);
    /* Precautions alone raise no flag. */
    const char *pre[] = {"anticoagulants", "bleeding_disorder", "neuropathy", "pregnancy",
                         "dvt_history", NULL};
    make(&in, pre, 42);
    assert_int_equal(intake_red_flags(&in, f), 0);
    /* Urgent flags come before the others. */
    const char *mix[] = {"night_pain", "cardiac", NULL};
    make(&in, mix, 42);
    n = intake_red_flags(&in, f);
    assert_int_equal(n, 2);
    assert_int_equal(f[0].urgent, 1);
    assert_int_equal(f[1].urgent, 0);
}

static void test_parse(void **state)
{
    (void)state;
    struct intake_answer a;
    struct trp_err err = {0};
    const struct intake_question *q = &intake_questions[0];
    assert_int_equal(q->type, INTAKE_YESNO);
    assert_int_equal(intake_parse_answer(q, " Yes ", A, &a, &err), 0);
    assert_int_equal(a.yes, 1);
    assert_int_equal(intake_parse_answer(q, "maybe", A, &a, &err), TRP_EINVAL);
    for (size_t i = 0; i < intake_questions_count; i++) {
        if (intake_questions[i].type == INTAKE_AGE) {
            assert_int_equal(intake_parse_answer(&intake_questions[i], "200", A, &a, &err), TRP_EINVAL);
            assert_int_equal(intake_parse_answer(&intake_questions[i], "63", A, &a, &err), 0);
            assert_int_equal(a.age, 63);
        }
        if (!strcmp(intake_questions[i].id, "varicose_veins")) {
            assert_int_equal(intake_parse_answer(&intake_questions[i], "left calf", A, &a, &err), 0);
            assert_int_equal(a.n_regions, 1);
            assert_string_equal(a.regions[0], "calf.l");
            assert_int_equal(intake_parse_answer(&intake_questions[i], "no", A, &a, &err), 0);
            assert_int_equal(a.n_regions, 0);
        }
    }
}

int main(void)
{
    A = arena_new();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_questions),
        cmocka_unit_test(test_missing_question),
        cmocka_unit_test(test_urgent),
        cmocka_unit_test(test_combinations),
        cmocka_unit_test(test_parse),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    arena_free(A);
    return rc;
}
