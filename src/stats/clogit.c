/*
 * clogit.h. The exact recursion per stratum: B(k, j) sums exp(x.b) products over subsets of
 * size j of the first k rows; B(k, j) = B(k-1, j) + r_k B(k-1, j-1). Derivatives follow by
 * differentiating the recursion. Risk scores are scaled by the stratum's largest x.b so that
 * large coefficients (near separation) do not overflow.
 */
#include "stats/clogit.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "stats/linalg.h"

void clogit_opts_default(struct clogit_opts *o)
{
    o->firth = 0;
    o->max_iter = 100;
    o->tol = 1e-6;
    memset(o->prior_sd, 0, sizeof o->prior_sd);
}

/* Adds the normal priors to an objective value, its gradient and its metric. */
static double add_prior(const struct clogit_opts *o, size_t p, const double *beta, double *grad, double *info)
{
    double pen = 0;
    for (size_t k = 0; k < p; k++) {
        double sd = o->prior_sd[k];
        if (!(sd > 0))
            continue;
        pen -= beta[k] * beta[k] / (2 * sd * sd);
        if (grad)
            grad[k] -= beta[k] / (sd * sd);
        if (info)
            info[k * p + k] += 1 / (sd * sd);
    }
    return pen;
}

/* Scratch space reused across calls: a model is fitted thousands of times, and allocating
 * the recursion arrays for every stratum each time dominated the run time. One per thread;
 * a thread that fits models frees its own with clogit_release_scratch, the main thread's
 * goes at exit. */
static _Thread_local double *scratch;
static _Thread_local size_t scratch_cap;

void clogit_release_scratch(void)
{
    free(scratch);
    scratch = NULL;
    scratch_cap = 0;
}

static void register_release(void)
{
    atexit(clogit_release_scratch); /* runs on the main thread, freeing its scratch */
}

static double *scratch_get(size_t n)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    if (n > scratch_cap) {
        pthread_once(&once, register_release);
        scratch = xrealloc(scratch, n * sizeof *scratch);
        scratch_cap = n;
    }
    memset(scratch, 0, n * sizeof *scratch);
    return scratch;
}

/* Adds one stratum [s, e) to l, score and info. */
static double stratum_loglik(const struct clogit_data *d, size_t s, size_t e, const double *beta,
                             double *score, double *info, double *dinfo)
{
    size_t p = d->p, m = 0;
    for (size_t i = s; i < e; i++)
        m += d->y[i] != 0;
    if (m == 0 || m == e - s)
        return 0;
    double c = -INFINITY;
    size_t p3 = p * p * p, rows = e - s;
    double *base = scratch_get(rows + (m + 1) * (1 + p + p * p + (dinfo ? p3 : 0)));
    double *eta = base;
    for (size_t i = s; i < e; i++) {
        double v = 0;
        for (size_t k = 0; k < p; k++)
            v += d->x[i * p + k] * beta[k];
        eta[i - s] = v;
        if (v > c)
            c = v;
    }
    double *B = eta + rows;
    double *dB = B + (m + 1);
    double *d2B = dB + (m + 1) * p;
    /* Third derivatives only when the Firth gradient needs them. */
    double *d3B = dinfo ? d2B + (m + 1) * p * p : NULL;
    B[0] = 1;
    /* The derivative arrays are symmetric: only entries with sorted indices (a <= b <= c)
     * are built, and every term of the recursion reads sorted entries only; the full
     * arrays are mirrored once at the end. For five covariates this does a third of the
     * work. B[0] is 1 and its derivatives are zero, so the j = 1 step has a short form. */
    for (size_t i = s; i < e; i++) {
        double r = exp(eta[i - s] - c);
        const double *x = &d->x[i * p];
        size_t top = i - s + 1 < m ? i - s + 1 : m;
        for (size_t j = top; j >= 2; j--) {
            double b1 = B[j - 1];
            double *g = &dB[j * p], *g1 = &dB[(j - 1) * p];
            double *h = &d2B[j * p * p], *h1 = &d2B[(j - 1) * p * p];
            if (d3B) {
                double *t = &d3B[j * p3], *t1 = &d3B[(j - 1) * p3];
                for (size_t a = 0; a < p; a++)
                    for (size_t b = a; b < p; b++)
                        for (size_t c2 = b; c2 < p; c2++)
                            t[(a * p + b) * p + c2] +=
                                r * (x[a] * x[b] * x[c2] * b1 + x[a] * x[b] * g1[c2] + x[a] * x[c2] * g1[b] +
                                     x[b] * x[c2] * g1[a] + x[a] * h1[b * p + c2] + x[b] * h1[a * p + c2] +
                                     x[c2] * h1[a * p + b] + t1[(a * p + b) * p + c2]);
            }
            for (size_t a = 0; a < p; a++)
                for (size_t b = a; b < p; b++)
                    h[a * p + b] += r * (x[a] * x[b] * b1 + x[a] * g1[b] + g1[a] * x[b] + h1[a * p + b]);
            for (size_t a = 0; a < p; a++)
                g[a] += r * (x[a] * b1 + g1[a]);
            B[j] += r * b1;
        }
        double *g = &dB[p], *h = &d2B[p * p];
        for (size_t a = 0; a < p; a++) {
            double ra = r * x[a];
            g[a] += ra;
            for (size_t b = a; b < p; b++) {
                double rab = ra * x[b];
                h[a * p + b] += rab;
                if (d3B) {
                    double *t = &d3B[p3 + (a * p + b) * p];
                    for (size_t c2 = b; c2 < p; c2++)
                        t[c2] += rab * x[c2];
                }
            }
        }
        B[1] += r;
    }
    {
        double *h = &d2B[m * p * p];
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < a; b++)
                h[a * p + b] = h[b * p + a];
        if (d3B) {
            double *t = &d3B[m * p3];
            for (size_t a = 0; a < p; a++)
                for (size_t b = 0; b < p; b++)
                    for (size_t c2 = 0; c2 < p; c2++) {
                        size_t u = a, v = b, w = c2, tmp;
                        if (u > v) { tmp = u; u = v; v = tmp; }
                        if (v > w) { tmp = v; v = w; w = tmp; }
                        if (u > v) { tmp = u; u = v; v = tmp; }
                        t[(a * p + b) * p + c2] = t[(u * p + v) * p + w];
                    }
        }
    }
    double D = B[m];
    double l = -(log(D) + (double)m * c);
    for (size_t i = s; i < e; i++)
        if (d->y[i])
            l += eta[i - s];
    if (score) {
        for (size_t a = 0; a < p; a++) {
            double u = -dB[m * p + a] / D;
            for (size_t i = s; i < e; i++)
                if (d->y[i])
                    u += d->x[i * p + a];
            score[a] += u;
        }
    }
    if (info) {
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                info[a * p + b] += d2B[m * p * p + a * p + b] / D - (dB[m * p + a] / D) * (dB[m * p + b] / D);
    }
    if (dinfo) {
        const double *g = &dB[m * p], *h = &d2B[m * p * p], *t = &d3B[m * p3];
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                for (size_t c2 = 0; c2 < p; c2++)
                    dinfo[(a * p + b) * p + c2] += t[(a * p + b) * p + c2] / D - h[a * p + b] * g[c2] / (D * D) -
                                                   (h[a * p + c2] * g[b] + g[a] * h[b * p + c2]) / (D * D) +
                                                   2 * g[a] * g[b] * g[c2] / (D * D * D);
    }
    return l;
}

static double loglik3(const struct clogit_data *d, const double *beta, double *score, double *info,
                      double *dinfo)
{
    size_t p = d->p;
    if (score)
        memset(score, 0, p * sizeof *score);
    if (info)
        memset(info, 0, p * p * sizeof *info);
    if (dinfo)
        memset(dinfo, 0, p * p * p * sizeof *dinfo);
    double l = 0;
    size_t s = 0;
    while (s < d->n) {
        size_t e = s + 1;
        while (e < d->n && d->stratum[e] == d->stratum[s])
            e++;
        l += stratum_loglik(d, s, e, beta, score, info, dinfo);
        s = e;
    }
    return l;
}

double clogit_loglik(const struct clogit_data *d, const double *beta, double *score, double *info)
{
    return loglik3(d, beta, score, info, NULL);
}

/* Objective and its gradient/metric at beta: the log-likelihood, plus half the log
 * determinant of the information when penalised (its gradient by central differences). */
static double objective_lik(const struct clogit_data *d, int firth, const double *beta, double *grad,
                            double *info);

static double objective(const struct clogit_data *d, const struct clogit_opts *o, const double *beta, double *grad,
                        double *info)
{
    double f = objective_lik(d, o->firth, beta, grad, info);
    return f + add_prior(o, d->p, beta, grad, info);
}

static double objective_lik(const struct clogit_data *d, int firth, const double *beta, double *grad,
                            double *info)
{
    size_t p = d->p;
    double own_info[CLOGIT_MAX_P * CLOGIT_MAX_P];
    if (!info && firth)
        info = own_info;
    double dinfo[CLOGIT_MAX_P * CLOGIT_MAX_P * CLOGIT_MAX_P];
    double l = loglik3(d, beta, grad, info, firth && grad ? dinfo : NULL);
    if (!firth)
        return l;
    double L[CLOGIT_MAX_P * CLOGIT_MAX_P];
    if (linalg_cholesky(info, p, L))
        return -INFINITY;
    double pen = 0.5 * linalg_chol_logdet(L, p);
    if (grad) {
        /* d/db_c of 0.5 log det I = 0.5 tr(I^-1 dI/db_c). */
        double inv[CLOGIT_MAX_P * CLOGIT_MAX_P];
        linalg_chol_inverse(L, p, inv);
        for (size_t c = 0; c < p; c++) {
            double tr = 0;
            for (size_t a = 0; a < p; a++)
                for (size_t b = 0; b < p; b++)
                    tr += inv[b * p + a] * dinfo[(a * p + b) * p + c];
            grad[c] += 0.5 * tr;
        }
    }
    return l + pen;
}

/* Maximises the objective over the free coefficients (fixed < 0: all free; otherwise
 * beta[fixed] stays as given). Returns the objective; sets *conv and *iters. */
static double maximise_slope(const struct clogit_data *d, const struct clogit_opts *o, double *beta, int fixed,
                             int *conv, int *iters, int *diverged, double *slope, double *metric);

static double maximise(const struct clogit_data *d, const struct clogit_opts *o, double *beta,
                       int fixed, int *conv, int *iters, int *diverged)
{
    return maximise_slope(d, o, beta, fixed, conv, iters, diverged, NULL, NULL);
}

/* As maximise; *slope (when asked) gets the objective's derivative along the fixed
 * coefficient at the solution, which is the slope of the profile there, and metric (when
 * asked) the information matrix there. */
static double maximise_slope(const struct clogit_data *d, const struct clogit_opts *o, double *beta, int fixed,
                             int *conv, int *iters, int *diverged, double *slope, double *metric)
{
    size_t p = d->p;
    double grad[CLOGIT_MAX_P], info[CLOGIT_MAX_P * CLOGIT_MAX_P];
    double sub[CLOGIT_MAX_P * CLOGIT_MAX_P], L[CLOGIT_MAX_P * CLOGIT_MAX_P], g[CLOGIT_MAX_P], step[CLOGIT_MAX_P];
    size_t idx[CLOGIT_MAX_P], q = 0;
    for (size_t k = 0; k < p; k++)
        if ((int)k != fixed)
            idx[q++] = k;
    *conv = 0;
    *diverged = 0;
    if (q == 0) {
        *conv = 1;
        *iters = 0;
        if (!slope && !metric)
            return objective(d, o, beta, NULL, NULL);
        double f0 = objective(d, o, beta, grad, info);
        if (slope)
            *slope = grad[fixed];
        if (metric)
            memcpy(metric, info, p * p * sizeof *metric);
        return f0;
    }
    double f = objective(d, o, beta, grad, info);
    int it;
    for (it = 0; it < o->max_iter && q > 0; it++) {
        for (size_t a = 0; a < q; a++) {
            g[a] = grad[idx[a]];
            for (size_t b = 0; b < q; b++)
                sub[a * q + b] = info[idx[a] * p + idx[b]];
        }
        if (linalg_cholesky(sub, q, L)) {
            *diverged = 1;
            break;
        }
        linalg_chol_solve(L, q, g, step);
        double biggest = 0;
        for (size_t a = 0; a < q; a++)
            if (fabs(step[a]) > biggest)
                biggest = fabs(step[a]);
        if (biggest < o->tol) {
            /* Already there: the step left is below the tolerance, so the objective is
             * exact to its square and evaluating the step would change nothing. */
            *conv = 1;
            break;
        }
        /* Cap a single step: far from the optimum Newton can overshoot wildly. */
        double scale = biggest > 5 ? 5 / biggest : 1;
        /* The trial point is evaluated with its derivatives: Newton's full step is
         * nearly always accepted, and they are then the next iteration's. */
        double trial[CLOGIT_MAX_P], tgrad[CLOGIT_MAX_P], tinfo[CLOGIT_MAX_P * CLOGIT_MAX_P], ft = -INFINITY;
        for (int halving = 0; halving < 40; halving++) {
            memcpy(trial, beta, p * sizeof *trial);
            for (size_t a = 0; a < q; a++)
                trial[idx[a]] += scale * step[a];
            ft = objective(d, o, trial, tgrad, tinfo);
            if (isfinite(ft) && ft >= f - 1e-12)
                break;
            scale /= 2;
        }
        if (!isfinite(ft) || ft < f - 1e-12)
            break;
        memcpy(beta, trial, p * sizeof *beta);
        memcpy(grad, tgrad, p * sizeof *grad);
        memcpy(info, tinfo, p * p * sizeof *info);
        double fprev = f;
        f = ft;
        for (size_t a = 0; a < q; a++)
            if (fabs(beta[idx[a]]) > 40)
                *diverged = 1;
        if (*diverged)
            break;
        if (biggest * scale < o->tol || fabs(f - fprev) < 1e-12 * (1 + fabs(f))) {
            /* A flat objective while Newton still takes big steps is a monotone likelihood
             * (separation): the estimate is running off to infinity, not converging. */
            if (!o->firth && biggest * scale > 1e-3) {
                *diverged = 1;
                break;
            }
            *conv = 1;
            it++;
            break;
        }
    }
    *iters = it;
    if (slope && fixed >= 0)
        *slope = grad[fixed];
    if (metric)
        memcpy(metric, info, p * p * sizeof *metric);
    return f;
}

int clogit_fit(const struct clogit_data *d, const struct clogit_opts *o, struct clogit_fit *fit,
               struct trp_err *err)
{
    memset(fit, 0, sizeof *fit);
    if (d->p == 0 || d->p > CLOGIT_MAX_P)
        return trp_err_set(err, TRP_EINVAL, "clogit: between 1 and %d covariates", CLOGIT_MAX_P);
    /* Strata must be contiguous, so a stratum id must not reappear after another one. */
    for (size_t i = 1; i < d->n; i++)
        if (d->stratum[i] != d->stratum[i - 1])
            for (size_t k = 0; k < i; k++)
                if (d->stratum[k] == d->stratum[i])
                    return trp_err_set(err, TRP_EINVAL, "clogit: rows of stratum %d are not together", d->stratum[i]);
    size_t s = 0;
    while (s < d->n) {
        size_t e = s + 1, m = d->y[s] != 0;
        while (e < d->n && d->stratum[e] == d->stratum[s])
            m += d->y[e++] != 0;
        if (m > 0 && m < e - s) {
            fit->n_informative++;
            fit->n_cases += (int)m;
        }
        s = e;
    }
    if (!fit->n_informative)
        return trp_err_set(err, TRP_EINVAL, "clogit: no stratum has both a case and a referent");
    fit->p = d->p;
    int diverged;
    fit->objective = maximise(d, o, fit->beta, -1, &fit->converged, &fit->iter, &diverged);
    fit->separation = diverged && !o->firth;
    double info[CLOGIT_MAX_P * CLOGIT_MAX_P], L[CLOGIT_MAX_P * CLOGIT_MAX_P], inv[CLOGIT_MAX_P * CLOGIT_MAX_P];
    fit->loglik = clogit_loglik(d, fit->beta, NULL, info);
    add_prior(o, d->p, fit->beta, NULL, info);
    if (linalg_cholesky(info, d->p, L) == 0) {
        linalg_chol_inverse(L, d->p, inv);
        for (size_t k = 0; k < d->p; k++)
            fit->se[k] = sqrt(inv[k * d->p + k]);
    } else {
        for (size_t k = 0; k < d->p; k++)
            fit->se[k] = NAN;
        if (!o->firth)
            fit->separation = 1;
    }
    return 0;
}

/* The profile objective with beta_j fixed at v, maximised from `start` (the previous
 * profile point's solution: neighbouring points need two or three Newton steps). The
 * solution is left in start. */
static double profile_from(const struct clogit_data *d, const struct clogit_opts *o, double *start, size_t j,
                           double v, double *slope, double *metric)
{
    /* With the information at the previous solution, move the other coefficients as far
     * as they will follow the change in b_j (-I_nn^-1 I_nj times the change): one Newton
     * step saved for each profile point. */
    size_t p = d->p, q = 0, idx[CLOGIT_MAX_P];
    if (metric && !isnan(metric[0]) && p > 1) {
        double sub[CLOGIT_MAX_P * CLOGIT_MAX_P] = {0}, L[CLOGIT_MAX_P * CLOGIT_MAX_P], rhs[CLOGIT_MAX_P],
            shift[CLOGIT_MAX_P], change = v - start[j];
        for (size_t k = 0; k < p; k++)
            if (k != j)
                idx[q++] = k;
        for (size_t a = 0; a < q; a++) {
            rhs[a] = -metric[idx[a] * p + j] * change;
            for (size_t b = 0; b < q; b++)
                sub[a * q + b] = metric[idx[a] * p + idx[b]];
        }
        if (!linalg_cholesky(sub, q, L)) {
            linalg_chol_solve(L, q, rhs, shift);
            for (size_t a = 0; a < q; a++)
                start[idx[a]] += shift[a];
        }
    }
    start[j] = v;
    int conv, it, div;
    return maximise_slope(d, o, start, (int)j, &conv, &it, &div, slope, metric);
}

static double profile(const struct clogit_data *d, const struct clogit_opts *o, const struct clogit_fit *fit,
                      size_t j, double v)
{
    double beta[CLOGIT_MAX_P];
    memcpy(beta, fit->beta, d->p * sizeof *beta);
    return profile_from(d, o, beta, j, v, NULL, NULL);
}

int clogit_lrt(const struct clogit_data *d, const struct clogit_opts *o,
               const struct clogit_fit *fit, size_t j, double *chi2, double *p, struct trp_err *err)
{
    if (j >= d->p)
        return trp_err_set(err, TRP_EINVAL, "clogit: no coefficient %zu", j);
    double f0 = profile(d, o, fit, j, 0);
    double x = 2 * (fit->objective - f0);
    if (!(x >= 0))
        x = 0;
    *chi2 = x;
    *p = erfc(sqrt(x / 2));
    return 0;
}

int clogit_profile_ci(const struct clogit_data *d, const struct clogit_opts *o,
                      const struct clogit_fit *fit, size_t j, double level, double *lo,
                      double *hi, struct trp_err *err)
{
    if (j >= d->p)
        return trp_err_set(err, TRP_EINVAL, "clogit: no coefficient %zu", j);
    if (!(level > 0 && level < 1))
        return trp_err_set(err, TRP_EINVAL, "clogit: level must be between 0 and 1");
    /* Chi-square(1) quantile: z^2 for the two-sided normal quantile (0.95 -> 3.8415). */
    double z = 1.959963984540054;
    if (fabs(level - 0.95) > 1e-12) {
        double a = 0, b = 10;
        for (int i = 0; i < 200; i++) {
            double mid = (a + b) / 2;
            if (erfc(mid / sqrt(2)) > 1 - level)
                a = mid;
            else
                b = mid;
        }
        z = (a + b) / 2;
    }
    double target = fit->objective - z * z / 2;
    for (int side = -1; side <= 1; side += 2) {
        double warm[CLOGIT_MAX_P], metric[CLOGIT_MAX_P * CLOGIT_MAX_P];
        memcpy(warm, fit->beta, d->p * sizeof *warm);
        metric[0] = NAN; /* none yet: the first point starts from the fit itself */
        /*
         * Newton's method on g(b) = profile(b) - target from the Wald bound, which is
         * usually close: the profile's slope at b is the objective's derivative along b_j
         * at the constrained optimum, so each profile fit also gives the next step, and two
         * or three fits settle a bound. A bracket [inside, outside] keeps the steps safe:
         * a step that leaves it is replaced by its midpoint, and until a point beyond the
         * bound is found the search only moves outward.
         */
        double se = isfinite(fit->se[j]) && fit->se[j] > 0 ? fit->se[j] : 0.5;
        double inside = fit->beta[j], outside = NAN, b = fit->beta[j] + side * z * se;
        double bound = side * INFINITY;
        for (int k = 0; k < 60; k++) {
            if (fabs(b) > 60)
                break; /* the likelihood never falls far enough: an open bound */
            double slope = 0, g = profile_from(d, o, warm, j, b, &slope, metric) - target;
            if (fabs(g) < 1e-9) {
                bound = b;
                break;
            }
            if (g > 0)
                inside = b;
            else
                outside = b;
            double next = slope != 0 ? b - g / slope : NAN;
            if (isnan(outside)) {
                /* Not past the bound yet: go outward, at least half again as far. */
                double far = inside + side * 1.5 * fabs(inside - fit->beta[j]) + side * 0.1;
                if (!(side * (next - far) > 0))
                    next = far;
            } else if (!(next > fmin(inside, outside) && next < fmax(inside, outside))) {
                next = (inside + outside) / 2;
            }
            /* 1e-6 on the log scale is far below the two decimals an odds ratio is shown with. */
            if (fabs(next - b) < 1e-6 || (!isnan(outside) && fabs(outside - inside) < 1e-6)) {
                bound = next;
                break;
            }
            b = next;
        }
        if (side < 0)
            *lo = bound;
        else
            *hi = bound;
    }
    return 0;
}
