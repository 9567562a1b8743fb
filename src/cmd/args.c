/*
 * args.h: value parsing for the command line. strtol/strtod are wrapped so that "7x",
 * "", "1e999" and trailing junk are refused instead of half-read.
 */
#include "cmd/args.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


int args_int(const char *what, const char *text, int min, int max, int *out,
             struct trp_err *err)
{
    char *end;
    errno = 0;
    long v = text ? strtol(text, &end, 10) : 0;
    if (!text || !*text || *end || errno || isspace((unsigned char)text[0]))
        return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\" is not a whole number", what,
                           text ? text : "");
    if (v < min || v > max)
        return trp_err_set(err, TRP_EINVAL, "%s %ld is outside %d-%d", what, v, min, max);
    *out = (int)v;
    return 0;
}

int args_double(const char *what, const char *text, double min, double max, double *out,
                struct trp_err *err)
{
    char *end;
    errno = 0;
    double v = text ? strtod(text, &end) : 0;
    if (!text || !*text || *end || errno || !isfinite(v) || isspace((unsigned char)text[0]) ||
        strpbrk(text, "xXpPnN"))
        return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\" is not a number", what,
                           text ? text : "");
    if (v < min || v > max)
        return trp_err_set(err, TRP_EINVAL, "%s %.15g is outside %.15g-%.15g", what, v, min, max);
    *out = v;
    return 0;
}

int args_id(const char *text, int64_t *out, struct trp_err *err)
{
    char *end;
    errno = 0;
    long long v = text ? strtoll(text, &end, 10) : 0;
    if (!text || !*text || *end || errno || v <= 0)
        return trp_err_set(err, TRP_EINVAL,
                           "\"%.40s\" is not an entry id (a positive number from 'trp list')",
                           text ? text : "");
    *out = v;
    return 0;
}

int args_yes_no(const char *what, const char *text, int *out, struct trp_err *err)
{
    static const char *const yes[] = {"yes", "y", "true", "1"};
    static const char *const no[] = {"no", "n", "false", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (text && strcasecmp(text, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (text && strcasecmp(text, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return trp_err_set(err, TRP_EINVAL, "%s must be yes or no, not \"%.40s\"", what,
                       text ? text : "");
}

int args_add_region(struct arena *a, struct entry *e, const char *text, struct trp_err *err)
{
    const char *phrase = text;
    int intensity = ENTRY_UNSET;
    const char *eq = strrchr(text, '=');
    if (eq) {
        int rc = args_int("region intensity", eq + 1, 0, 10, &intensity, err);
        if (rc)
            return rc;
        phrase = arena_strndup(a, text, (size_t)(eq - text));
    }
    return entry_add_region(a, e, phrase, intensity, err);
}

int args_add_qualities(struct arena *a, struct entry *e, const char *text,
                       struct trp_err *err)
{
    size_t extra = 1;
    for (const char *p = text; *p; p++)
        extra += *p == ',';
    const char **grown = arena_zalloc(a, e->n_qualities + extra, sizeof *grown);
    if (e->n_qualities)
        memcpy(grown, e->qualities, e->n_qualities * sizeof *grown);
    size_t n = e->n_qualities;
    const char *start = text;
    for (const char *p = text;; p++) {
        if (*p == ',' || !*p) {
            const char *s = start, *t = p;
            while (s < t && isspace((unsigned char)*s))
                s++;
            while (t > s && isspace((unsigned char)t[-1]))
                t--;
            if (t == s)
                return trp_err_set(err, TRP_EINVAL, "empty pain quality in \"%.40s\"", text);
            char *q = arena_strndup(a, s, (size_t)(t - s));
            for (char *c = q; *c; c++)
                *c = (char)tolower((unsigned char)*c);
            grown[n++] = q;
            if (!*p)
                break;
            start = p + 1;
        }
    }
    e->qualities = grown;
    e->n_qualities = n;
    return 0;
}

int args_seconds(const char *what, const char *text, int *out, struct trp_err *err)
{
    if (!text || !*text)
        return trp_err_set(err, TRP_EINVAL, "%s is empty: write seconds, as in 60 or 1m30s", what);
    long total = 0;
    const char *p = text;
    int parts = 0;
    while (*p) {
        if (!isdigit((unsigned char)*p))
            return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\": write seconds, as in 60 or 1m30s",
                               what, text);
        long v = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 100000)
                return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\" is too long", what, text);
        }
        while (*p == ' ')
            p++;
        if (*p == 'm') {
            v *= 60;
            p++;
        } else if (*p == 's') {
            p++;
        } else if (*p) {
            return trp_err_set(err, TRP_EINVAL, "%s \"%.40s\": write seconds, as in 60 or 1m30s",
                               what, text);
        }
        total += v;
        parts++;
    }
    if (total < 1 || total > 3600)
        return trp_err_set(err, TRP_EINVAL, "%s %ld s is outside 1-3600 seconds", what, total);
    *out = (int)total;
    return 0;
}
