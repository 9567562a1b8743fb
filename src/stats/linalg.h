/*
 * Small dense linear algebra for the statistics: symmetric positive definite matrices of a
 * few dozen rows at most (one row per covariate), stored row-major. Hand-written because the
 * sizes are tiny and pulling in LAPACK for a 3x3 Cholesky would cost more than it saves.
 */
#ifndef TRP_STATS_LINALG_H
#define TRP_STATS_LINALG_H

#include <stddef.h>

/* Cholesky factor L (lower) of the p x p matrix a into l. Returns 0, or -1 when a is not
 * positive definite. */
int linalg_cholesky(const double *a, size_t p, double *l);

/* Solves a x = b given the Cholesky factor of a. */
void linalg_chol_solve(const double *l, size_t p, const double *b, double *x);

/* Inverse of a from its Cholesky factor. */
void linalg_chol_inverse(const double *l, size_t p, double *inv);

/* log det a from its Cholesky factor. */
double linalg_chol_logdet(const double *l, size_t p);

/* Eigenvalues of the symmetric p x p matrix a (cyclic Jacobi rotations; a is overwritten),
 * into eig, in no particular order. For the few-by-few correlation matrices of one
 * exposure's lags. */
void linalg_sym_eigenvalues(double *a, size_t p, double *eig);

/* The effective number of independent tests among p correlated ones from the eigenvalues
 * of their correlation matrix (Li & Ji, Heredity 2005): sum of I(|l| >= 1) + frac(|l|). */
double linalg_effective_tests(const double *eig, size_t p);

#endif
