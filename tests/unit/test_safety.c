/*
 * Unit tests for the safety gate's rules (core/safety.c): urgent flags need a clinician's
 * clearance while other red flags need an acknowledgement; a swollen calf now rules out the
 * legs whatever was cleared; each precaution blocks or caps as the sources say; the muscle
 * groups (leg, calf and back of the knee, abdomen and pelvis, neck) come from region data,
 * so every knowledge-base muscle in those places is covered; place warnings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/safety.h"
#include "kb/muscle.h"

static struct arena *A;

static void make(struct intake *in, const char *const *yes, const char *regions_id,
                 const char *place)
{
    json_t *o = json_object();
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        json_object_set_new(o, q->id, q->type == INTAKE_YESNO ? json_false()
                                      : q->type == INTAKE_AGE ? json_integer(42)
                                                              : json_array());
    }
    for (size_t i = 0; yes && yes[i]; i++) {
        assert_non_null(json_object_get(o, yes[i]));
        json_object_set_new(o, yes[i], json_true());
    }
    if (regions_id)
        json_object_set_new(o, regions_id, json_pack("[s]", place));
    struct trp_err err = {0};
    assert_int_equal(intake_from_json(o, A, in, &err), 0);
    json_decref(o);
}

static struct safety_target target(const char *id, enum region_side side)
{
    const struct muscle *m = muscle_find(id);
    assert_non_null(m);
    const char **bases = arena_zalloc(A, MUSCLE_MAX_TP, sizeof *bases);
    for (size_t i = 0; i < m->n_tp; i++)
        bases[i] = m->tp[i].region;
    return (struct safety_target){m->id, m->area, bases, m->n_tp, side, NULL};
}

static struct safety_verdict check(const struct intake *in, const char *muscle,
                                   enum region_side side)
{
    struct safety_target t = target(muscle, side);
    struct safety_verdict v;
    safety_check(in, &t, A, &v);
    return v;
}

static void test_no_intake(void **state)
{
    (void)state;
    struct safety_verdict v = check(NULL, "upper-trapezius", REGION_LEFT);
    assert_int_equal(v.allowed, 0);
    assert_non_null(strstr(v.reasons[0], "trp intake"));
    struct intake in;
    make(&in, NULL, NULL, NULL);
    v = check(&in, "upper-trapezius", REGION_LEFT);
    assert_int_equal(v.allowed, 1);
    assert_int_equal(v.max_pressure, SAFETY_NO_CAP);
    assert_int_equal(v.urgent, 0);
    in.missing = "thunderclap_headache";
    v = check(&in, "upper-trapezius", REGION_LEFT);
    assert_int_equal(v.allowed, 0);
    assert_non_null(strstr(v.reasons[0], "thunderclap_headache"));
}

static void test_urgent_needs_clearance(void **state)
{
    (void)state;
    struct intake in;
    const char *yes[] = {"cardiac", NULL};
    make(&in, yes, NULL, NULL);
    struct safety_verdict v = check(&in, "pectoralis-major", REGION_LEFT);
    assert_int_equal(v.allowed, 0);
    assert_int_equal(v.urgent, 1);
    assert_non_null(strstr(v.see, "emergency"));
    assert_non_null(strstr(v.reasons[0], "URGENT"));
    in.acknowledged_at = 1000; /* the person's own acknowledgement */
    v = check(&in, "pectoralis-major", REGION_LEFT);
    assert_int_equal(v.allowed, 0);
    assert_int_equal(v.urgent, 1);
    in.cleared_at = 2000;
    in.cleared_by = "Dr Jones";
    v = check(&in, "pectoralis-major", REGION_LEFT);
    assert_int_equal(v.allowed, 1);
    assert_int_equal(v.urgent, 0);
    int named = 0;
    for (size_t i = 0; i < v.n_reasons; i++)
        named |= strstr(v.reasons[i], "Dr Jones") != NULL;
    assert_true(named);
}

static void test_red_flag_acknowledged(void **state)
{
    (void)state;
    struct intake in;
    const char *yes[] = {"night_pain", NULL};
    make(&in, yes, NULL, NULL);
    struct safety_verdict v = check(&in, "infraspinatus", REGION_RIGHT);
    assert_int_equal(v.allowed, 0);
    assert_int_equal(v.urgent, 0);
    assert_non_null(v.see);
    in.acknowledged_at = 1000;
    v = check(&in, "infraspinatus", REGION_RIGHT);
    assert_int_equal(v.allowed, 1);
}

static void test_swollen_calf(void **state)
{
    (void)state;
    struct intake in;
    const char *yes[] = {"calf_swelling", NULL};
    make(&in, yes, NULL, NULL);
    in.acknowledged_at = 1000;
    in.cleared_at = 1000;
    in.cleared_by = "Dr Jones";
    static const char *const legs[] = {"soleus", "gastrocnemius", "tibialis-posterior",
                                       "flexor-digitorum-longus", "popliteus",
                                       "vastus-medialis", "abductor-hallucis", "tibialis-anterior"};
    for (size_t i = 0; i < sizeof legs / sizeof *legs; i++) {
        struct safety_verdict v = check(&in, legs[i], REGION_LEFT);
        assert_int_equal(v.allowed, 0);
        assert_int_equal(v.max_pressure, 0);
        assert_non_null(strstr(v.reasons[0], "clot"));
        v = check(&in, legs[i], REGION_RIGHT);
        assert_int_equal(v.allowed, 0);
    }
    assert_int_equal(check(&in, "upper-trapezius", REGION_LEFT).allowed, 1);
    const char *pe[] = {"breathless_calf", NULL};
    make(&in, pe, NULL, NULL);
    in.cleared_at = 1000;
    assert_int_equal(check(&in, "soleus", REGION_LEFT).allowed, 0);
    assert_int_equal(check(&in, "deltoid", REGION_LEFT).allowed, 1);
}

static void test_dvt_history(void **state)
{
    (void)state;
    struct intake in;
    const char *yes[] = {"dvt_history", NULL};
    make(&in, yes, NULL, NULL);
    assert_int_equal(check(&in, "soleus", REGION_RIGHT).allowed, 0);
    assert_int_equal(check(&in, "popliteus", REGION_RIGHT).allowed, 0);
    assert_int_equal(check(&in, "biceps-femoris", REGION_RIGHT).allowed, 0);
    assert_int_equal(check(&in, "upper-trapezius", REGION_RIGHT).allowed, 1);
}

static void test_caps(void **state)
{
    (void)state;
    static const struct {
        const char *answer;
        int cap;
    } cases[] = {
        {"anticoagulants", 3}, {"bleeding_disorder", 3}, {"neuropathy", 3},
        {"active_cancer", 3},  {"osteoporosis", 4},      {"long_term_steroids", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct intake in;
        const char *yes[] = {cases[i].answer, NULL};
        make(&in, yes, NULL, NULL);
        in.acknowledged_at = 1000; /* osteoporosis and steroids are also red flags */
        struct safety_verdict v = check(&in, "infraspinatus", REGION_LEFT);
        assert_int_equal(v.allowed, 1);
        assert_int_equal(v.max_pressure, cases[i].cap);
        v = check(&in, "soleus", REGION_LEFT);
        assert_int_equal(v.max_pressure, cases[i].cap);
    }
    /* Two caps: the lower one wins. */
    struct intake in;
    const char *both[] = {"anticoagulants", "osteoporosis", NULL};
    make(&in, both, NULL, NULL);
    in.acknowledged_at = 1000;
    assert_int_equal(check(&in, "infraspinatus", REGION_LEFT).max_pressure, 3);
}

static void test_pregnancy(void **state)
{
    (void)state;
    static const char *const answers[] = {"pregnancy", "recent_birth"};
    for (size_t k = 0; k < 2; k++) {
        struct intake in;
        const char *yes[] = {answers[k], NULL};
        make(&in, yes, NULL, NULL);
        static const char *const belly[] = {"rectus-abdominis", "abdominal-obliques",
                                            "pelvic-floor", "iliopsoas"};
        for (size_t i = 0; i < sizeof belly / sizeof *belly; i++)
            assert_int_equal(check(&in, belly[i], REGION_LEFT).allowed, 0);
        static const char *const calf[] = {"soleus", "gastrocnemius", "tibialis-posterior",
                                           "flexor-digitorum-longus", "popliteus"};
        for (size_t i = 0; i < sizeof calf / sizeof *calf; i++) {
            struct safety_verdict v = check(&in, calf[i], REGION_LEFT);
            assert_int_equal(v.allowed, 1);
            assert_int_equal(v.max_pressure, SAFETY_CAP_LIGHT);
        }
        struct safety_verdict v = check(&in, "upper-trapezius", REGION_LEFT);
        assert_int_equal(v.max_pressure, SAFETY_NO_CAP);
    }
    struct intake in;
    make(&in, NULL, NULL, NULL);
    assert_int_equal(check(&in, "rectus-abdominis", REGION_LEFT).allowed, 1);
    assert_int_equal(check(&in, "soleus", REGION_LEFT).max_pressure, SAFETY_NO_CAP);
}

static void test_places(void **state)
{
    (void)state;
    struct intake in;
    make(&in, NULL, "varicose_veins", "left calf");
    assert_int_equal(check(&in, "soleus", REGION_LEFT).allowed, 0);
    assert_int_equal(check(&in, "abductor-hallucis", REGION_LEFT).allowed, 0); /* distal */
    assert_int_equal(check(&in, "vastus-lateralis", REGION_LEFT).allowed, 1);  /* above */
    assert_int_equal(check(&in, "soleus", REGION_RIGHT).allowed, 1);
    make(&in, NULL, "recent_injury", "right calf");
    assert_int_equal(check(&in, "soleus", REGION_RIGHT).allowed, 0);
    assert_int_equal(check(&in, "soleus", REGION_LEFT).allowed, 1);
    make(&in, NULL, "skin_problems", "left shoulder blade");
    assert_int_equal(check(&in, "infraspinatus", REGION_LEFT).allowed, 0);
    assert_int_equal(check(&in, "infraspinatus", REGION_RIGHT).allowed, 1);
    const char *mye[] = {"myelopathy", NULL};
    make(&in, mye, NULL, NULL);
    in.acknowledged_at = 1000;
    assert_int_equal(check(&in, "levator-scapulae", REGION_LEFT).allowed, 0);
    assert_int_equal(check(&in, "infraspinatus", REGION_LEFT).allowed, 1);
    in.cleared_at = 1000;
    assert_int_equal(check(&in, "levator-scapulae", REGION_LEFT).allowed, 1);
}

/* Every knowledge-base muscle with a trigger point in the calf or behind the knee carries
 * the clot caution; the groups name muscles that exist. */
static void test_groups_cover_kb(void **state)
{
    (void)state;
    struct intake in;
    make(&in, NULL, NULL, NULL);
    size_t calf = 0;
    for (size_t i = 0; i < muscle_count(); i++) {
        const struct muscle *m = muscle_at(i);
        struct safety_target t = target(m->id, m->midline ? REGION_MIDLINE : REGION_LEFT);
        int in_calf = 0;
        for (size_t k = 0; k < m->n_tp; k++)
            in_calf |= !strcmp(m->tp[k].region, "calf") || !strcmp(m->tp[k].region, "back-of-knee");
        assert_int_equal(safety_is_calf_popliteal(&t), in_calf);
        if (in_calf) {
            calf++;
            assert_true(safety_is_leg(&t));
            struct safety_verdict v;
            safety_check(&in, &t, A, &v);
            int caution = 0;
            for (size_t r = 0; r < v.n_reasons; r++)
                caution |= strstr(v.reasons[r], "NICE NG158") != NULL;
            assert_true(caution);
        }
        if (!strcmp(m->area, "leg") || !strcmp(m->area, "thigh") || !strcmp(m->area, "foot"))
            assert_true(safety_is_leg(&t));
    }
    assert_true(calf >= 5);
    static const char *const named[] = {"soleus", "gastrocnemius", "tibialis-posterior",
                                        "flexor-digitorum-longus", "popliteus"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        struct safety_target t = target(named[i], REGION_LEFT);
        assert_true(safety_is_calf_popliteal(&t));
    }
    static const char *const belly[] = {"rectus-abdominis", "abdominal-obliques", "pelvic-floor",
                                        "iliopsoas"};
    for (size_t i = 0; i < sizeof belly / sizeof *belly; i++) {
        struct safety_target t = target(belly[i], REGION_LEFT);
        assert_true(safety_is_abdomen_pelvis(&t));
    }
    struct safety_target t = target("upper-trapezius", REGION_LEFT);
    assert_false(safety_is_abdomen_pelvis(&t));
    assert_false(safety_is_leg(&t));
    for (size_t i = 0; i < safety_question_ids_count; i++)
        assert_true(intake_question_exists(safety_question_ids[i]));
}

/* A muscle the knowledge base keeps for trained therapists is never self-treatment, even
 * with a clean intake and a clinician's clearance. */
static void test_therapist_only(void **state)
{
    (void)state;
    struct intake in;
    make(&in, NULL, NULL, NULL);
    in.cleared_at = 1000;
    struct safety_target t = target("longus-colli", REGION_LEFT);
    struct safety_verdict v;
    safety_check(&in, &t, A, &v);
    assert_int_equal(v.allowed, 1);
    t.therapist_only = "Do not self-treat: only a trained therapist works here";
    safety_check(&in, &t, A, &v);
    assert_int_equal(v.allowed, 0);
    assert_int_equal(v.max_pressure, 0);
    assert_non_null(strstr(v.reasons[0], "only a trained therapist"));
    assert_non_null(v.see);
}

static void test_place_notes(void **state)
{
    (void)state;
    static const struct {
        const char *place, *expect;
    } cases[] = {
        {"left chest", "NICE CG95"},       {"right calf", "NICE NG158"},
        {"left back of knee", "clot"}, {"lower belly", "organs"},
        {"left temple", "SNOOP10"},        {"left temple", "giant cell arteritis"},
        {"right jaw", "giant cell arteritis"}, {"front of the neck", "Rushton"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct region_match m;
        struct trp_err err = {0};
        assert_int_equal(region_resolve(cases[i].place, &m, &err), 0);
        const char *notes[SAFETY_MAX_PLACE_NOTES];
        size_t n = safety_place_notes(m.regions, m.count, notes, SAFETY_MAX_PLACE_NOTES);
        int found = 0;
        for (size_t k = 0; k < n; k++)
            found |= strstr(notes[k], cases[i].expect) != NULL;
        if (!found)
            fail_msg("%s: no note with \"%s\"", cases[i].place, cases[i].expect);
    }
    struct region_match m;
    struct trp_err err = {0};
    assert_int_equal(region_resolve("outer elbow", &m, &err), 0);
    const char *notes[SAFETY_MAX_PLACE_NOTES];
    assert_int_equal(safety_place_notes(m.regions, m.count, notes, SAFETY_MAX_PLACE_NOTES), 0);
}

int main(void)
{
    A = arena_new();
    struct trp_err err = {0};
    if (muscle_load(&err))
        fail_msg("%s", err.msg);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_intake),
        cmocka_unit_test(test_urgent_needs_clearance),
        cmocka_unit_test(test_red_flag_acknowledged),
        cmocka_unit_test(test_swollen_calf),
        cmocka_unit_test(test_dvt_history),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_pregnancy),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_groups_cover_kb),
        cmocka_unit_test(test_place_notes),
        cmocka_unit_test(test_therapist_only),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    arena_free(A);
    return rc;
}
