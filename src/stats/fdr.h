/*
 * Benjamini-Hochberg false discovery rate control: q-values for a family of p-values.
 */
#ifndef TRP_STATS_FDR_H
#define TRP_STATS_FDR_H

#include <stddef.h>

/* q[i] = BH-adjusted p-value of p[i] (monotone, capped at 1). NaN p-values stay NaN and do
 * not count toward the family size. */
void fdr_bh(const double *p, size_t n, double *q);

#endif
