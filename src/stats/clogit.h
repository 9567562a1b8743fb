/*
 * Conditional logistic regression for the time-stratified case-crossover design (Janes,
 * Sheppard & Lumley, Epidemiology 2005): rows are days, y marks flare-onset days, and each stratum (a calendar block)
 * compares its case days with its referent days. Ties (several onsets in one stratum) are
 * handled EXACTLY: the likelihood's denominator sums over every subset of the stratum with
 * as many days as it has cases, computed by the usual recursion (as R's clogit with
 * method = "exact"), with its gradient and Hessian by the same recursion.
 *
 * Firth's penalty (Heinze & Puhr, Stat Med 2010) keeps estimates finite under separation
 * and reduces small-sample bias: maximise l(b) + 0.5 log det I(b). Confidence intervals are
 * profile (penalised) likelihood intervals; p-values come from (penalised) likelihood ratio
 * tests. Newton-Raphson with step halving. Pure computation: no I/O, no printing.
 * An optional normal prior on chosen coefficients (clogit_opts.prior_sd) joins the
 * objective; standard errors, intervals and tests then refer to that penalised objective.
 */
#ifndef TRP_STATS_CLOGIT_H
#define TRP_STATS_CLOGIT_H

#include <stddef.h>

#include "base/err.h"

#define CLOGIT_MAX_P 16

struct clogit_data {
    size_t n, p;
    const double *x;       /* n x p, row-major */
    const int *y;          /* 0/1 */
    const int *stratum;    /* rows of a stratum must be contiguous */
};

struct clogit_opts {
    int firth;
    int max_iter;          /* default 100 */
    double tol;            /* default 1e-6 (largest Newton step; the objective is then exact to ~1e-12) */
    /* Optional normal prior N(0, sd^2) on a coefficient's log odds ratio (0: none), added
     * to the objective as -b^2 / (2 sd^2): a weakly informative prior for an adjustment
     * term, so that an adjuster nearly collinear with an exposure cannot soak up its
     * effect unless the data insist (Greenland, Mansournia & Altman, BMJ 2016;352:i1981). */
    double prior_sd[CLOGIT_MAX_P];
};
void clogit_opts_default(struct clogit_opts *o);

struct clogit_fit {
    size_t p;
    double beta[CLOGIT_MAX_P];
    double se[CLOGIT_MAX_P];   /* from the inverse information at beta; NaN if singular */
    double loglik;             /* unpenalised log-likelihood at beta */
    double objective;          /* the maximised objective (penalised when firth) */
    int iter, converged;
    int separation;            /* unpenalised fit diverged (monotone likelihood) */
    int n_informative;         /* strata with at least one case and one referent */
    int n_cases;               /* cases in informative strata */
};

/* Fits the model. TRP_EINVAL for unusable input (p too large, strata not contiguous, no
 * informative stratum). Separation is not an error: fit->separation is set. */
int clogit_fit(const struct clogit_data *d, const struct clogit_opts *o, struct clogit_fit *fit,
               struct trp_err *err);

/* Profile (penalised) likelihood confidence interval for coefficient j; bounds may be
 * +-INFINITY when the likelihood never drops far enough (separation without Firth). */
int clogit_profile_ci(const struct clogit_data *d, const struct clogit_opts *o,
                      const struct clogit_fit *fit, size_t j, double level, double *lo,
                      double *hi, struct trp_err *err);

/* Likelihood ratio test of beta_j = 0 (penalised when firth): chi-square (1 df) and p. */
int clogit_lrt(const struct clogit_data *d, const struct clogit_opts *o,
               const struct clogit_fit *fit, size_t j, double *chi2, double *p,
               struct trp_err *err);

/* Frees the calling thread's scratch space (a thread that fitted models calls it before it
 * ends; the main thread's is freed at exit). */
void clogit_release_scratch(void);

/* Log-likelihood, score and information at beta (for tests). */
double clogit_loglik(const struct clogit_data *d, const double *beta, double *score, double *info);

#endif
