/*
 * Unit tests for conditional logistic regression against fixtures made by R's
 * survival::clogit(method = "exact") (scripts/fixtures/clogit_fixtures.R): estimates and
 * standard errors to 1e-6, log-likelihoods too, including strata with tied cases, and the
 * profile-likelihood interval (to 1e-5) and likelihood ratio statistic of x1. Firth
 * estimates are checked against an independent brute-force computation
 * (scripts/fixtures/firth_reference.py), separation is flagged without Firth and finite
 * with it, and profile intervals and likelihood ratio tests are self-consistent.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "stats/clogit.h"
#include "stats/linalg.h"

struct dataset {
    size_t n, p;
    double x[4096];
    int y[2048], stratum[2048];
};

static FILE *open_fixture(const char *name)
{
    char path[1024];
    const char *root = getenv("TRP_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/tests/fixtures/clogit/%s", root ? root : TRP_SOURCE_ROOT, name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    return f;
}

static void load(const char *name, struct dataset *d)
{
    char file[128], line[1024];
    snprintf(file, sizeof file, "%s.csv", name);
    FILE *f = open_fixture(file);
    assert_non_null(fgets(line, sizeof line, f));
    d->p = 0;
    for (char *c = line; *c; c++)
        d->p += *c == ',';
    d->p -= 1;
    d->n = 0;
    while (fgets(line, sizeof line, f)) {
        char *s = line;
        d->stratum[d->n] = (int)strtol(s, &s, 10);
        d->y[d->n] = (int)strtol(s + 1, &s, 10);
        for (size_t k = 0; k < d->p; k++)
            d->x[d->n * d->p + k] = strtod(s + 1, &s);
        d->n++;
    }
    fclose(f);
}

/* Reads column col (1-based after term) of NAME.SUFFIX.csv, one value per term. */
static size_t expected(const char *name, const char *suffix, int col, double *out)
{
    char file[128], line[512];
    snprintf(file, sizeof file, "%s.%s.csv", name, suffix);
    FILE *f = open_fixture(file);
    assert_non_null(fgets(line, sizeof line, f));
    size_t k = 0;
    while (fgets(line, sizeof line, f)) {
        char *s = strchr(line, ',');
        for (int c = 1; c < col; c++)
            s = strchr(s + 1, ',');
        out[k++] = strtod(s + 1, NULL);
    }
    fclose(f);
    return k;
}

static void check_r(const char *name)
{
    static struct dataset d;
    load(name, &d);
    struct clogit_data cd = {d.n, d.p, d.x, d.y, d.stratum};
    struct clogit_opts o;
    clogit_opts_default(&o);
    struct clogit_fit fit;
    struct trp_err err = {0};
    if (clogit_fit(&cd, &o, &fit, &err))
        fail_msg("%s: %s", name, err.msg);
    assert_true(fit.converged);
    double coef[16], se[16], ll[16];
    size_t k = expected(name, "expected", 1, coef);
    expected(name, "expected", 2, se);
    expected(name, "expected", 3, ll);
    assert_int_equal(k, d.p);
    for (size_t j = 0; j < k; j++) {
        if (fabs(fit.beta[j] - coef[j]) > 1e-6 || fabs(fit.se[j] - se[j]) > 1e-6)
            fail_msg("%s x%zu: beta %.9f se %.9f, R %.9f %.9f", name, j + 1, fit.beta[j], fit.se[j], coef[j], se[j]);
    }
    assert_true(fabs(fit.loglik - ll[0]) < 1e-6);
    /* x1's profile-likelihood interval and likelihood ratio test, as R finds them. */
    double lo[1], hi[1], chi2[1], tlo, thi, tchi2, tp;
    expected(name, "profile", 1, lo);
    expected(name, "profile", 2, hi);
    expected(name, "profile", 3, chi2);
    assert_int_equal(clogit_profile_ci(&cd, &o, &fit, 0, 0.95, &tlo, &thi, &err), 0);
    assert_int_equal(clogit_lrt(&cd, &o, &fit, 0, &tchi2, &tp, &err), 0);
    if (fabs(tlo - lo[0]) > 1e-5 || fabs(thi - hi[0]) > 1e-5 || fabs(tchi2 - chi2[0]) > 1e-6)
        fail_msg("%s x1: interval %.7f..%.7f chi2 %.7f, R %.7f..%.7f %.7f", name, tlo, thi, tchi2, lo[0], hi[0],
                 chi2[0]);
}

static void test_against_r(void **state)
{
    (void)state;
    const char *sets[] = {"single", "ties", "binary_ties", "hours", "small", "many_ties"};
    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++)
        check_r(sets[i]);
}

static void check_firth(const char *name)
{
    static struct dataset d;
    load(name, &d);
    struct clogit_data cd = {d.n, d.p, d.x, d.y, d.stratum};
    struct clogit_opts o;
    clogit_opts_default(&o);
    o.firth = 1;
    struct clogit_fit fit;
    assert_int_equal(clogit_fit(&cd, &o, &fit, NULL), 0);
    assert_true(fit.converged);
    double coef[16], obj[16];
    size_t k = expected(name, "firth", 1, coef);
    expected(name, "firth", 2, obj);
    /* The penalised likelihood is very flat near its maximum (objective differences of
     * 1e-10 over 1e-4 in beta), so the coefficients agree to 1e-3 and the maximised
     * objective to 1e-6. */
    for (size_t j = 0; j < k; j++)
        if (fabs(fit.beta[j] - coef[j]) > 1e-3)
            fail_msg("%s x%zu Firth: %.8f, reference %.8f", name, j + 1, fit.beta[j], coef[j]);
    if (fabs(fit.objective - obj[0]) > 1e-6)
        fail_msg("%s Firth objective %.10f, reference %.10f", name, fit.objective, obj[0]);
}

static void test_firth(void **state)
{
    (void)state;
    check_firth("small");
    check_firth("single");
    check_firth("hours");
    check_firth("separated");
}

static void test_separation(void **state)
{
    (void)state;
    static struct dataset d;
    load("separated", &d);
    struct clogit_data cd = {d.n, d.p, d.x, d.y, d.stratum};
    struct clogit_opts o;
    clogit_opts_default(&o);
    struct clogit_fit fit;
    assert_int_equal(clogit_fit(&cd, &o, &fit, NULL), 0);
    assert_true(fit.separation);
    double lo, hi;
    assert_int_equal(clogit_profile_ci(&cd, &o, &fit, 0, 0.95, &lo, &hi, NULL), 0);
    assert_true(isinf(hi));
    o.firth = 1;
    assert_int_equal(clogit_fit(&cd, &o, &fit, NULL), 0);
    assert_false(fit.separation);
    assert_true(isfinite(fit.beta[0]));
    assert_int_equal(clogit_profile_ci(&cd, &o, &fit, 0, 0.95, &lo, &hi, NULL), 0);
    assert_true(lo < fit.beta[0] && fit.beta[0] < hi && isfinite(lo));
}

static void test_ci_and_lrt_consistent(void **state)
{
    (void)state;
    static struct dataset d;
    load("ties", &d);
    struct clogit_data cd = {d.n, d.p, d.x, d.y, d.stratum};
    struct clogit_opts o;
    clogit_opts_default(&o);
    struct clogit_fit fit;
    assert_int_equal(clogit_fit(&cd, &o, &fit, NULL), 0);
    double lo, hi, chi2, p;
    assert_int_equal(clogit_profile_ci(&cd, &o, &fit, 0, 0.95, &lo, &hi, NULL), 0);
    assert_true(lo < fit.beta[0] && fit.beta[0] < hi);
    /* Profile and Wald intervals agree roughly for a well-behaved fit. */
    assert_true(fabs((hi - lo) - 2 * 1.96 * fit.se[0]) < 0.2 * (hi - lo));
    assert_int_equal(clogit_lrt(&cd, &o, &fit, 0, &chi2, &p, NULL), 0);
    assert_true(p > 0 && p <= 1);
    /* The interval excludes 0 exactly when the LRT rejects at 5%. */
    assert_int_equal(lo > 0 || hi < 0, p < 0.05);
}

/* A normal prior on one coefficient: a huge sd changes nothing, a tiny one pins it at 0,
 * and in between the estimate solves score = beta / sd^2 and is shrunk toward 0. */
static void test_prior(void **state)
{
    (void)state;
    static struct dataset d;
    load("ties", &d);
    struct clogit_data cd = {d.n, d.p, d.x, d.y, d.stratum};
    struct clogit_opts o;
    clogit_opts_default(&o);
    struct clogit_fit flat, wide, tight, mid;
    assert_int_equal(clogit_fit(&cd, &o, &flat, NULL), 0);
    o.prior_sd[0] = 1e6;
    assert_int_equal(clogit_fit(&cd, &o, &wide, NULL), 0);
    for (size_t k = 0; k < d.p; k++)
        assert_true(fabs(wide.beta[k] - flat.beta[k]) < 1e-6);
    o.prior_sd[0] = 1e-4;
    assert_int_equal(clogit_fit(&cd, &o, &tight, NULL), 0);
    assert_true(fabs(tight.beta[0]) < 1e-3);
    o.prior_sd[0] = 0.3;
    assert_int_equal(clogit_fit(&cd, &o, &mid, NULL), 0);
    assert_true(mid.converged);
    double score[16];
    clogit_loglik(&cd, mid.beta, score, NULL);
    assert_true(fabs(score[0] - mid.beta[0] / (0.3 * 0.3)) < 1e-6);
    for (size_t k = 1; k < d.p; k++)
        assert_true(fabs(score[k]) < 1e-6);
    assert_true(fabs(mid.beta[0]) < fabs(flat.beta[0]));
    assert_true(mid.se[0] < flat.se[0]);
}

static void test_bad_input(void **state)
{
    (void)state;
    double x[4] = {1, 0, 1, 0};
    int y[4] = {1, 0, 1, 0}, s_bad[4] = {1, 2, 1, 2}, s_none[4] = {1, 1, 2, 2};
    int y0[4] = {0, 0, 0, 0};
    struct clogit_opts o;
    clogit_opts_default(&o);
    struct clogit_fit fit;
    struct trp_err err = {0};
    struct clogit_data d1 = {4, 1, x, y, s_bad};
    assert_int_equal(clogit_fit(&d1, &o, &fit, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "not together"));
    struct clogit_data d2 = {4, 1, x, y0, s_none};
    assert_int_equal(clogit_fit(&d2, &o, &fit, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "no stratum"));
    struct clogit_data d3 = {4, 0, x, y, s_none};
    assert_int_equal(clogit_fit(&d3, &o, &fit, &err), TRP_EINVAL);
    /* A covariate that never varies: singular information, flagged, no crash. */
    double zero[4] = {0, 0, 0, 0};
    struct clogit_data d4 = {4, 1, zero, y, s_none};
    assert_int_equal(clogit_fit(&d4, &o, &fit, &err), 0);
    assert_true(isnan(fit.se[0]));
}

/* Eigenvalues and Li & Ji's effective number of tests: independent lags count fully, a
 * lag that copies another counts once, and partial overlap in between. */
static void test_effective_tests(void **state)
{
    (void)state;
    double a[4] = {2, 1, 1, 2}, e[3];
    linalg_sym_eigenvalues(a, 2, e);
    double lo = fmin(e[0], e[1]), hi = fmax(e[0], e[1]);
    assert_true(fabs(lo - 1) < 1e-9 && fabs(hi - 3) < 1e-9);
    double id[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    linalg_sym_eigenvalues(id, 3, e);
    assert_true(fabs(linalg_effective_tests(e, 3) - 3) < 1e-9);
    double ones[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    linalg_sym_eigenvalues(ones, 3, e);
    assert_true(fabs(linalg_effective_tests(e, 3) - 1) < 1e-9);
    double half[9] = {1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1}; /* eigenvalues 2, 0.5, 0.5 */
    linalg_sym_eigenvalues(half, 3, e);
    assert_true(fabs(linalg_effective_tests(e, 3) - 2) < 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_r),
        cmocka_unit_test(test_effective_tests),
        cmocka_unit_test(test_firth),
        cmocka_unit_test(test_separation),
        cmocka_unit_test(test_ci_and_lrt_consistent),
        cmocka_unit_test(test_prior),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
