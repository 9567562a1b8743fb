/*
 * linalg.h.
 */
#include "stats/linalg.h"

#include <math.h>
#include <string.h>

int linalg_cholesky(const double *a, size_t p, double *l)
{
    memset(l, 0, p * p * sizeof *l);
    for (size_t j = 0; j < p; j++) {
        double s = a[j * p + j];
        for (size_t k = 0; k < j; k++)
            s -= l[j * p + k] * l[j * p + k];
        if (!(s > 1e-300) || !isfinite(s))
            return -1;
        l[j * p + j] = sqrt(s);
        for (size_t i = j + 1; i < p; i++) {
            double t = a[i * p + j];
            for (size_t k = 0; k < j; k++)
                t -= l[i * p + k] * l[j * p + k];
            l[i * p + j] = t / l[j * p + j];
        }
    }
    return 0;
}

void linalg_chol_solve(const double *l, size_t p, const double *b, double *x)
{
    double y[64];
    for (size_t i = 0; i < p; i++) {
        double s = b[i];
        for (size_t k = 0; k < i; k++)
            s -= l[i * p + k] * y[k];
        y[i] = s / l[i * p + i];
    }
    for (size_t i = p; i-- > 0;) {
        double s = y[i];
        for (size_t k = i + 1; k < p; k++)
            s -= l[k * p + i] * x[k];
        x[i] = s / l[i * p + i];
    }
}

void linalg_chol_inverse(const double *l, size_t p, double *inv)
{
    double e[64], col[64];
    for (size_t j = 0; j < p; j++) {
        memset(e, 0, p * sizeof *e);
        e[j] = 1;
        linalg_chol_solve(l, p, e, col);
        for (size_t i = 0; i < p; i++)
            inv[i * p + j] = col[i];
    }
}

double linalg_chol_logdet(const double *l, size_t p)
{
    double s = 0;
    for (size_t i = 0; i < p; i++)
        s += 2 * log(l[i * p + i]);
    return s;
}
