/*
 * Loading the body-map figure from its tab-separated text. The file is small (a few
 * hundred lines), so it is parsed into one malloc'd block per table and kept for the life
 * of the process; a broken line is reported with its number. Close-up views (the fine
 * regions of the head, hands and feet, drawn by the web page) are checked like the rest;
 * their outlines are checked and dropped, since they are no region's.
 */
#include "render/bodymap.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/embedded.h"
#include "base/xalloc.h"

extern const struct trp_embedded_file trp_bodymap_files[];
extern const size_t trp_bodymap_files_count;

#define BODYMAP_MAX_POINTS 256

static int parse_xy(const char *s, double *x, double *y)
{
    char *end;
    *x = strtod(s, &end);
    if (end == s || *end != ',')
        return -1;
    const char *p = end + 1;
    *y = strtod(p, &end);
    if (end == p || (*end && *end != ' '))
        return -1;
    if (*x < 0 || *x > BODYMAP_W || *y < 0 || *y > BODYMAP_H)
        return -1;
    return 0;
}

/* 0 front, 1 back, BODYMAP_CLOSEUP for a close-up's view, -2 for a name it does not know. */
static int view_of(const char *name)
{
    if (strcmp(name, "front") == 0)
        return 0;
    if (strcmp(name, "back") == 0)
        return 1;
    static const char *const closeups[] = {"face", "head-back", "mouth", "palms",
                                           "hand-backs", "feet-top", "soles"};
    for (size_t i = 0; i < sizeof closeups / sizeof closeups[0]; i++)
        if (strcmp(name, closeups[i]) == 0)
            return BODYMAP_CLOSEUP;
    return -2;
}

void bodymap_free(struct bodymap *bm)
{
    if (!bm)
        return;
    for (size_t i = 0; i < bm->n_shapes; i++) {
        free((char *)bm->shapes[i].region);
        free((double *)bm->shapes[i].xy);
    }
    for (size_t i = 0; i < bm->n_sites; i++)
        free((char *)bm->sites[i].key);
    free((void *)bm->shapes);
    free((void *)bm->sites);
    free(bm);
}

int bodymap_parse(const char *text, struct bodymap **out, struct trp_err *err)
{
    struct bodymap *bm = xcalloc(1, sizeof *bm);
    struct bodymap_shape *shapes = NULL;
    struct bodymap_site *sites = NULL;
    size_t cap_shapes = 0, cap_sites = 0;
    char *copy = xstrdup(text);
    int lineno = 0, rc = 0;
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *f[4];
        size_t nf = 0;
        char *p = line;
        while (nf < 4) {
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        int back = nf == 4 ? view_of(f[2]) : -2;
        if (back == -2) {
            rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: expected kind, id, view "
                             "(front, back or a close-up: %s) and points", lineno,
                             BODYMAP_CLOSEUPS);
            goto out;
        }
        int outline = strcmp(f[0], "outline") == 0;
        if (outline && back != BODYMAP_CLOSEUP) {
            rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: outlines belong to close-ups",
                             lineno);
            goto out;
        }
        if (strcmp(f[0], "shape") == 0 || outline) {
            double xy[2 * BODYMAP_MAX_POINTS];
            size_t n = 0;
            for (char *q = f[3]; *q;) {
                if (n == BODYMAP_MAX_POINTS || parse_xy(q, &xy[2 * n], &xy[2 * n + 1])) {
                    rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: bad point list",
                                     lineno);
                    goto out;
                }
                n++;
                q = strchr(q, ' ');
                if (!q)
                    break;
                q++;
            }
            if (n < 3) {
                rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: a shape needs 3 points",
                                 lineno);
                goto out;
            }
            if (outline) /* drawn by the web page for orientation; nobody can select it */
                continue;
            if (bm->n_shapes == cap_shapes) {
                cap_shapes = cap_shapes ? 2 * cap_shapes : 128;
                shapes = xrealloc(shapes, cap_shapes * sizeof *shapes);
            }
            double *pts = xmalloc(2 * n * sizeof *pts);
            memcpy(pts, xy, 2 * n * sizeof *pts);
            shapes[bm->n_shapes++] = (struct bodymap_shape){xstrdup(f[1]), back, n, pts};
        } else if (strcmp(f[0], "site") == 0) {
            double x, y;
            if (back == BODYMAP_CLOSEUP) {
                rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: sites belong to the front "
                                 "and back views", lineno);
                goto out;
            }
            if (parse_xy(f[3], &x, &y)) {
                rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: bad site point", lineno);
                goto out;
            }
            if (bm->n_sites == cap_sites) {
                cap_sites = cap_sites ? 2 * cap_sites : 64;
                sites = xrealloc(sites, cap_sites * sizeof *sites);
            }
            sites[bm->n_sites++] = (struct bodymap_site){xstrdup(f[1]), back, x, y};
        } else {
            rc = trp_err_set(err, TRP_EIO, "figure.tsv line %d: unknown kind \"%s\"", lineno,
                             f[0]);
            goto out;
        }
    }
out:
    bm->shapes = shapes;
    bm->sites = sites;
    free(copy);
    if (rc) {
        bodymap_free(bm);
        return rc;
    }
    *out = bm;
    return 0;
}

static struct bodymap *loaded;
static struct trp_err load_err;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void bodymap_load(void)
{
    if (trp_bodymap_files_count < 1)
        trp_err_set(&load_err, TRP_EIO, "the body-map figure is not compiled in");
    else
        bodymap_parse(trp_bodymap_files[0].data, &loaded, &load_err);
}

const struct bodymap *bodymap_get(struct trp_err *err)
{
    pthread_once(&load_once, bodymap_load);
    if (!loaded && err)
        *err = load_err;
    return loaded;
}

const struct bodymap_site *bodymap_site_find(const struct bodymap *bm, const char *muscle,
                                             char side)
{
    size_t len = strlen(muscle);
    for (size_t i = 0; i < bm->n_sites; i++) {
        const char *k = bm->sites[i].key;
        if (strncmp(k, muscle, len) == 0 && k[len] == '.' && k[len + 1] == side &&
            k[len + 2] == '\0')
            return &bm->sites[i];
    }
    return NULL;
}
