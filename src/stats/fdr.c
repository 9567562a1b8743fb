/*
 * fdr.h: sort once, take the running minimum of p * m / rank from the largest p down.
 */
#include "stats/fdr.h"

#include <math.h>
#include <stdlib.h>

#include "base/xalloc.h"

static const double *sort_keys;

static int by_p(const void *a, const void *b)
{
    double x = sort_keys[*(const size_t *)a], y = sort_keys[*(const size_t *)b];
    return (x > y) - (x < y);
}

void fdr_bh(const double *p, size_t n, double *q)
{
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx), m = 0;
    for (size_t i = 0; i < n; i++) {
        q[i] = NAN;
        if (!isnan(p[i]))
            idx[m++] = i;
    }
    sort_keys = p;
    qsort(idx, m, sizeof *idx, by_p);
    double run = 1;
    for (size_t r = m; r-- > 0;) {
        double v = p[idx[r]] * (double)m / (double)(r + 1);
        if (v < run)
            run = v;
        q[idx[r]] = run;
    }
    free(idx);
}
