/*
 * timeutil.h. Hand-written because the C library's strptime/mktime neither validate dates
 * strictly (mktime silently normalises 2026-02-30 to March 2) nor parse offsets portably,
 * and a diary must refuse impossible dates rather than move them. Calendar arithmetic uses
 * Howard Hinnant's days-from-civil algorithm; only the local zone lookup uses libc.
 */
#include "base/timeutil.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t trp_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void trp_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Offset of the local zone ($TZ) at the given UTC instant, in minutes. */
static int local_offset_at_utc(int64_t utc)
{
    time_t t = (time_t)utc;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return 0;
    return (int)(tm.tm_gmtoff / 60);
}

/* Offset of the local zone for a local wall-clock time: try the offsets in force around
 * it, so DST transitions pick a consistent answer. */
static int local_offset_for_wall(int64_t wall_as_utc)
{
    int off = local_offset_at_utc(wall_as_utc);
    int off2 = local_offset_at_utc(wall_as_utc - (int64_t)off * 60);
    return off2;
}

int64_t trp_time_local_day(const struct trp_time *t)
{
    int64_t s = t->utc + (int64_t)t->offset_min * 60;
    return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

int trp_weekday_of_day(int64_t days)
{
    return (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
}

void trp_time_local(const struct trp_time *t, int *year, int *month, int *day, int *hour,
                    int *minute, int *second, int *weekday)
{
    int64_t s = t->utc + (int64_t)t->offset_min * 60;
    int64_t days = trp_time_local_day(t);
    int64_t rem = s - days * 86400;
    int64_t y;
    int m, d;
    trp_civil_from_days(days, &y, &m, &d);
    if (year) *year = (int)y;
    if (month) *month = m;
    if (day) *day = d;
    if (hour) *hour = (int)(rem / 3600);
    if (minute) *minute = (int)(rem % 3600 / 60);
    if (second) *second = (int)(rem % 60);
    if (weekday) *weekday = trp_weekday_of_day(days);
}

char *trp_time_format(const struct trp_time *t, char *buf)
{
    int y, mo, d, h, mi, s;
    trp_time_local(t, &y, &mo, &d, &h, &mi, &s, NULL);
    int off = t->offset_min;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    snprintf(buf, TRP_TIME_BUF, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, h, mi, s,
             sign, off / 60, off % 60);
    return buf;
}

/* Reads exactly n digits. */
static int read_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int parse_clock(const char **p, int *h, int *mi, int *s)
{
    *s = 0;
    const char *q = *p;
    if (!isdigit((unsigned char)q[0]))
        return -1;
    /* Accept "9:30" as well as "09:30" for people typing. */
    int hh;
    if (isdigit((unsigned char)q[1])) {
        if (read_digits(&q, 2, &hh))
            return -1;
    } else {
        hh = q[0] - '0';
        q++;
    }
    if (*q != ':')
        return -1;
    q++;
    if (read_digits(&q, 2, mi))
        return -1;
    if (*q == ':') {
        q++;
        if (read_digits(&q, 2, s))
            return -1;
        if (*q == '.' || *q == ',') { /* fractional seconds: accepted, dropped */
            q++;
            while (isdigit((unsigned char)*q))
                q++;
        }
    }
    *h = hh;
    *p = q;
    return 0;
}

static int clock_valid(int h, int mi, int s)
{
    return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

/* Builds a time from local wall-clock fields; offset_known says whether *offset is given. */
static int make_time(int64_t y, int mo, int d, int h, int mi, int s, int offset_known,
                     int offset, struct trp_time *out, struct trp_err *err, const char *text)
{
    if (y < 1900 || y > 2199)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\": year %lld is outside 1900-2199",
                           text, (long long)y);
    if (mo < 1 || mo > 12)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\": month %d does not exist", text, mo);
    if (d < 1 || d > days_in_month(y, mo))
        return trp_err_set(err, TRP_EINVAL, "time \"%s\": %04lld-%02d has no day %d", text,
                           (long long)y, mo, d);
    if (!clock_valid(h, mi, s))
        return trp_err_set(err, TRP_EINVAL, "time \"%s\": %02d:%02d:%02d is not a clock time",
                           text, h, mi, s);
    int64_t wall = trp_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    if (!offset_known)
        offset = local_offset_for_wall(wall);
    out->utc = wall - (int64_t)offset * 60;
    out->offset_min = offset;
    return 0;
}

int trp_time_now(struct trp_time *out, struct trp_err *err)
{
    const char *env = getenv("TRP_NOW");
    if (env && env[0]) {
        struct trp_time epoch = {0, 0};
        int rc = trp_time_parse(env, &epoch, out, err);
        if (rc)
            return trp_err_prefix(err, "TRP_NOW: ");
        return 0;
    }
    time_t t = time(NULL);
    out->utc = (int64_t)t;
    out->offset_min = local_offset_at_utc(out->utc);
    return 0;
}

static const char *const time_help =
    "use ISO 8601 (2026-03-01T08:00, optional :SS and +01:00), now, "
    "\"today 14:00\", \"yesterday 21:30\" or -2h";

/* Relative offsets such as -2h, -30m, -1d, -1h30m (always into the past). */
static int parse_relative(const char *text, const struct trp_time *now, struct trp_time *out,
                          struct trp_err *err)
{
    const char *p = text + 1;
    int64_t total = 0;
    int parts = 0;
    while (*p) {
        if (!isdigit((unsigned char)*p))
            return trp_err_set(err, TRP_EINVAL, "time \"%s\" is not understood: %s", text,
                               time_help);
        int64_t v = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p - '0');
            if (v > 1000000)
                return trp_err_set(err, TRP_EINVAL, "time \"%s\" is too far back", text);
            p++;
        }
        int64_t unit;
        if (*p == 'd')
            unit = 86400;
        else if (*p == 'h')
            unit = 3600;
        else if (*p == 'm')
            unit = 60;
        else
            return trp_err_set(err, TRP_EINVAL,
                               "time \"%s\": put a unit after the number (d, h or m), as in -2h",
                               text);
        p++;
        total += v * unit;
        parts++;
    }
    if (parts == 0)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\" is not understood: %s", text, time_help);
    out->utc = now->utc - total;
    if (out->utc < TRP_TIME_MIN)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\" is too far back", text);
    out->offset_min = local_offset_at_utc(out->utc);
    return 0;
}

int trp_time_parse(const char *text, const struct trp_time *now, struct trp_time *out,
                   struct trp_err *err)
{
    if (!text)
        return trp_err_set(err, TRP_EINVAL, "missing time: %s", time_help);
    while (isspace((unsigned char)*text))
        text++;
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    if (len == 0)
        return trp_err_set(err, TRP_EINVAL, "empty time: %s", time_help);
    if (len > 64)
        return trp_err_set(err, TRP_EINVAL, "time is too long: %s", time_help);
    char buf[72];
    memcpy(buf, text, len);
    buf[len] = '\0';
    for (char *q = buf; *q; q++)
        *q = (char)tolower((unsigned char)*q);

    if (strcmp(buf, "now") == 0) {
        *out = *now;
        return 0;
    }
    if (buf[0] == '-')
        return parse_relative(buf, now, out, err);

    int day_shift = -1;
    const char *rest = NULL;
    if (strncmp(buf, "today", 5) == 0) {
        day_shift = 0;
        rest = buf + 5;
    } else if (strncmp(buf, "yesterday", 9) == 0) {
        day_shift = 1;
        rest = buf + 9;
    }
    if (day_shift >= 0) {
        while (*rest == ' ')
            rest++;
        int h = 0, mi = 0, s = 0;
        if (*rest) {
            if (parse_clock(&rest, &h, &mi, &s) || *rest)
                return trp_err_set(err, TRP_EINVAL,
                                   "time \"%s\": write the clock time as HH:MM, as in \"today 14:00\"",
                                   buf);
        } else if (day_shift == 0) {
            *out = *now;
            return 0;
        }
        int64_t y;
        int mo, d;
        trp_civil_from_days(trp_time_local_day(now) - day_shift, &y, &mo, &d);
        return make_time(y, mo, d, h, mi, s, 0, 0, out, err, buf);
    }

    const char *p = buf;
    int y4, mo, d;
    if (read_digits(&p, 4, &y4) || *p++ != '-' || read_digits(&p, 2, &mo) || *p++ != '-' ||
        read_digits(&p, 2, &d))
        return trp_err_set(err, TRP_EINVAL, "time \"%s\" is not understood: %s", buf, time_help);
    int h = 0, mi = 0, s = 0;
    if (*p == 't' || *p == ' ') {
        p++;
        if (parse_clock(&p, &h, &mi, &s))
            return trp_err_set(err, TRP_EINVAL, "time \"%s\": after the date write HH:MM[:SS]",
                               buf);
    }
    int offset_known = 0, offset = 0;
    if (*p == 'z') {
        offset_known = 1;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        p++;
        int oh, om = 0;
        if (read_digits(&p, 2, &oh))
            return trp_err_set(err, TRP_EINVAL, "time \"%s\": write the offset as +HH:MM", buf);
        if (*p == ':')
            p++;
        if (*p && read_digits(&p, 2, &om))
            return trp_err_set(err, TRP_EINVAL, "time \"%s\": write the offset as +HH:MM", buf);
        if (oh > 14 || om > 59 || (oh == 14 && om > 0))
            return trp_err_set(err, TRP_EINVAL, "time \"%s\": UTC offset is outside -14:00..+14:00",
                               buf);
        offset_known = 1;
        offset = sign * (oh * 60 + om);
    }
    if (*p)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\" has extra characters \"%s\": %s", buf, p,
                           time_help);
    return make_time(y4, mo, d, h, mi, s, offset_known, offset, out, err, buf);
}

int trp_duration_parse(const char *text, int max_minutes, int *minutes, struct trp_err *err)
{
    if (!text || !*text)
        return trp_err_set(err, TRP_EINVAL, "missing duration: write it as 45m, 3h or 1h30m");
    const char *p = text;
    if (*p == '-')
        return trp_err_set(err, TRP_EINVAL, "duration \"%s\" is negative: write it as 45m, 3h or 1h30m",
                           text);
    double total = 0;
    int parts = 0, saw_h = 0, saw_m = 0;
    while (*p) {
        if (!isdigit((unsigned char)*p) && *p != '.')
            return trp_err_set(err, TRP_EINVAL, "duration \"%s\" is not understood: write 45m, 3h or 1h30m",
                               text);
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno || !isfinite(v) || v > 1e6)
            return trp_err_set(err, TRP_EINVAL, "duration \"%s\" is not understood: write 45m, 3h or 1h30m",
                               text);
        p = end;
        if (*p == 'h') {
            if (saw_h || saw_m)
                return trp_err_set(err, TRP_EINVAL, "duration \"%s\": hours must come once, before minutes",
                                   text);
            saw_h = 1;
            total += v * 60;
            p++;
            if (strncmp(p, "ours", 4) == 0) p += 4;
            else if (strncmp(p, "our", 3) == 0) p += 3;
            else if (*p == 'r') p++;
        } else if (*p == 'm') {
            if (saw_m)
                return trp_err_set(err, TRP_EINVAL, "duration \"%s\": minutes given twice", text);
            saw_m = 1;
            total += v;
            p++;
            if (strncmp(p, "inutes", 6) == 0) p += 6;
            else if (strncmp(p, "ins", 3) == 0) p += 3;
            else if (strncmp(p, "in", 2) == 0) p += 2;
        } else {
            return trp_err_set(err, TRP_EINVAL,
                               "duration \"%s\" needs a unit: write 45m, 3h or 1h30m", text);
        }
        parts++;
    }
    if (parts == 0)
        return trp_err_set(err, TRP_EINVAL, "duration \"%s\" is empty: write 45m, 3h or 1h30m",
                           text);
    double rounded = floor(total + 0.5);
    if (rounded < 1)
        return trp_err_set(err, TRP_EINVAL, "duration \"%s\" is shorter than a minute", text);
    if (rounded > max_minutes)
        return trp_err_set(err, TRP_EINVAL, "duration \"%s\" is longer than %d hours; log it in parts",
                           text, max_minutes / 60);
    *minutes = (int)rounded;
    return 0;
}

char *trp_duration_format(int minutes, char *buf, size_t size)
{
    int h = minutes / 60, m = minutes % 60;
    if (h && m)
        snprintf(buf, size, "%dh%02dm", h, m);
    else if (h)
        snprintf(buf, size, "%dh", h);
    else
        snprintf(buf, size, "%dm", m);
    return buf;
}
