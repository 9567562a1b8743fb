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

void linalg_sym_eigenvalues(double *a, size_t p, double *eig)
{
    for (int sweep = 0; sweep < 50; sweep++) {
        double off = 0;
        for (size_t i = 0; i < p; i++)
            for (size_t j = i + 1; j < p; j++)
                off += a[i * p + j] * a[i * p + j];
        if (off < 1e-22)
            break;
        for (size_t i = 0; i < p; i++)
            for (size_t j = i + 1; j < p; j++) {
                double aij = a[i * p + j];
                if (fabs(aij) < 1e-300)
                    continue;
                /* The rotation that zeroes a[i][j] (Golub & Van Loan, Matrix Computations, 8.5). */
                double theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
                double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1 / sqrt(t * t + 1), s = t * c;
                for (size_t k = 0; k < p; k++) {
                    double aki = a[k * p + i], akj = a[k * p + j];
                    a[k * p + i] = c * aki - s * akj;
                    a[k * p + j] = s * aki + c * akj;
                }
                for (size_t k = 0; k < p; k++) {
                    double aik = a[i * p + k], ajk = a[j * p + k];
                    a[i * p + k] = c * aik - s * ajk;
                    a[j * p + k] = s * aik + c * ajk;
                }
            }
    }
    for (size_t i = 0; i < p; i++)
        eig[i] = a[i * p + i];
}

double linalg_effective_tests(const double *eig, size_t p)
{
    double m = 0;
    for (size_t i = 0; i < p; i++) {
        double l = fabs(eig[i]);
        m += (l >= 1 ? 1 : 0) + (l - floor(l));
    }
    return m;
}
