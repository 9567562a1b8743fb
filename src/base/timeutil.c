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

static void format_clock(int64_t wall, char *buf, size_t n)
{
    int64_t s = ((wall % 86400) + 86400) % 86400;
    snprintf(buf, n, "%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60));
}

/* The first instant in (lo, hi] whose offset is no longer oa: when the clocks changed. */
static int64_t clock_change(int64_t lo, int64_t hi, int oa)
{
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        if (local_offset_at_utc(mid) == oa)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}


/* The UTC offset of a local wall-clock time (seconds since the epoch as if it were UTC).
 * The offsets in force a day before and a day after are the candidates; a candidate is
 * right when the instant it gives really has that offset.
 *  - One candidate right: the usual case, also on the day of a change.
 *  - Both right and different: the hour repeated when the clocks go back. trp takes the
 *    first of the two (the earlier instant, still on the old offset), as GNU date and
 *    Python's fold=0 do; whoever means the second gives the offset.
 *  - Neither: the hour skipped when the clocks go forward. That time never happened, so
 *    it is refused rather than moved, saying what the clocks did. */
static int local_offset_for_wall(int64_t wall, int *offset, const char *text, struct trp_err *err)
{
    int oa = local_offset_at_utc(wall - 86400), ob = local_offset_at_utc(wall + 86400);
    int va = local_offset_at_utc(wall - (int64_t)oa * 60) == oa;
    int vb = local_offset_at_utc(wall - (int64_t)ob * 60) == ob;
    if (va && vb) {
        *offset = oa > ob ? oa : ob;
        return 0;
    }
    if (va || vb) {
        *offset = va ? oa : ob;
        return 0;
    }
    /* Find the instant of the change to say from when to when the clocks jumped. */
    int64_t hi = clock_change(wall - 86400, wall + 86400, oa);
    char from[8], to[8];
    format_clock(hi + (int64_t)oa * 60, from, sizeof from);
    format_clock(hi + (int64_t)ob * 60, to, sizeof to);
    const char *tz = getenv("TZ");
    return trp_err_set(err, TRP_EINVAL,
                       "time \"%s\" does not exist%s%s%s: the clocks went forward from %s to %s "
                       "that day; give %s or later, or an explicit offset",
                       text, tz && *tz ? " in " : "", tz && *tz ? (tz[0] == ':' ? tz + 1 : tz) : "",
                       "", from, to, to);
}

int64_t trp_time_local_day(const struct trp_time *t)
{
    int64_t s = t->utc + (int64_t)t->offset_min * 60;
    return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

int64_t trp_local_day_of(int64_t utc)
{
    struct trp_time t = trp_time_zoned(utc);
    return trp_time_local_day(&t);
}

struct trp_time trp_time_zoned(int64_t utc)
{
    struct trp_time t = {utc, local_offset_at_utc(utc)};
    return t;
}

int64_t trp_local_day_start(int64_t day)
{
    int64_t wall = day * 86400;
    /* The offsets a day either side are the candidates, as for any wall-clock time. */
    int oa = local_offset_at_utc(wall - 86400), ob = local_offset_at_utc(wall + 86400);
    int va = local_offset_at_utc(wall - (int64_t)oa * 60) == oa;
    int vb = local_offset_at_utc(wall - (int64_t)ob * 60) == ob;
    if (va && vb) /* midnight happened twice: the day begins at the first */
        return wall - (int64_t)(oa > ob ? oa : ob) * 60;
    if (va || vb)
        return wall - (int64_t)(va ? oa : ob) * 60;
    /* Midnight was skipped: the day begins at the instant the clocks jumped. */
    return clock_change(wall - 86400 - (int64_t)oa * 60, wall + 86400 - (int64_t)ob * 60, oa);
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
    int rc;
    if (!offset_known && (rc = local_offset_for_wall(wall, &offset, text, err)))
        return rc;
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
    "use ISO 8601 (2026-03-01T08:00, optional :SS and +01:00), now, today, "
    "\"yesterday 9am\", \"today 14:00\", \"last monday\", \"3 days ago\" or -2h";

/* Relative offsets such as -2h, -30m, -1d, -1w, -1h30m (always into the past). Days and
 * weeks are calendar days, keeping the clock time across a daylight-saving change as
 * "3 days ago" does; hours and minutes are exact. */
static int parse_relative(const char *text, const struct trp_time *now, struct trp_time *out,
                          struct trp_err *err)
{
    const char *p = text + 1;
    int64_t total = 0, days = 0;
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
        else if (*p == 'w')
            unit = 7 * 86400;
        else if (*p == 'h')
            unit = 3600;
        else if (*p == 'm')
            unit = 60;
        else
            return trp_err_set(err, TRP_EINVAL,
                               "time \"%s\": put a unit after the number (w, d, h or m), as in -2h",
                               text);
        p++;
        if (unit >= 86400)
            days += v * (unit / 86400);
        else
            total += v * unit;
        parts++;
    }
    if (parts == 0)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\" is not understood: %s", text, time_help);
    struct trp_time base = *now;
    if (days) {
        if (days > 200 * 366)
            return trp_err_set(err, TRP_EINVAL, "time \"%s\" is too far back", text);
        int hh, mm, ss;
        trp_time_local(now, NULL, NULL, NULL, &hh, &mm, &ss, NULL);
        int64_t y;
        int mo, d;
        trp_civil_from_days(trp_time_local_day(now) - days, &y, &mo, &d);
        int rc = make_time(y, mo, d, hh, mm, ss, 0, 0, &base, err, text);
        if (rc)
            return rc;
    }
    out->utc = base.utc - total;
    if (out->utc < TRP_TIME_MIN)
        return trp_err_set(err, TRP_EINVAL, "time \"%s\" is too far back", text);
    out->offset_min = local_offset_at_utc(out->utc);
    return 0;
}

/* A clock time as people write it: "14:00", "9:05", "9am", "9:30pm", "12am" (midnight),
 * "12pm", "noon", "midnight". A bare "9" is not one: morning or evening? */
static int parse_clock_word(const char *w, int *h, int *mi, int *s)
{
    *mi = *s = 0;
    if (!strcmp(w, "noon") || !strcmp(w, "midnight")) {
        *h = w[0] == 'n' ? 12 : 0;
        return 0;
    }
    const char *p = w;
    if (!isdigit((unsigned char)*p))
        return -1;
    int hh = *p++ - '0', colon = 0;
    if (isdigit((unsigned char)*p))
        hh = hh * 10 + (*p++ - '0');
    if (*p == ':') {
        colon = 1;
        p++;
        if (read_digits(&p, 2, mi))
            return -1;
        if (*p == ':') {
            p++;
            if (read_digits(&p, 2, s))
                return -1;
        }
    }
    if (!strcmp(p, "am") || !strcmp(p, "pm")) {
        if (hh < 1 || hh > 12)
            return -1;
        hh = hh % 12 + (p[0] == 'p' ? 12 : 0);
    } else if (*p || !colon) {
        return -1;
    }
    if (!clock_valid(hh, *mi, *s))
        return -1;
    *h = hh;
    return 0;
}

/* 0 = Sunday, as in struct tm; -1 when W names no weekday. */
static int weekday_word(const char *w)
{
    static const char *const names[7] = {"sunday", "monday", "tuesday", "wednesday",
                                         "thursday", "friday", "saturday"};
    size_t n = strlen(w);
    for (int i = 0; i < 7; i++)
        if (n >= 3 && strncmp(names[i], w, n) == 0)
            return i;
    return -1;
}

/* Seconds (exact) or days (calendar) in one unit word of "N UNITS ago". */
static int ago_unit(const char *w, int64_t *seconds, int *days)
{
    static const struct {
        const char *name;
        int64_t seconds;
        int days;
    } units[] = {
        {"m", 60, 0},         {"min", 60, 0},       {"mins", 60, 0},     {"minute", 60, 0},
        {"minutes", 60, 0},   {"h", 3600, 0},       {"hr", 3600, 0},     {"hrs", 3600, 0},
        {"hour", 3600, 0},    {"hours", 3600, 0},   {"d", 0, 1},         {"day", 0, 1},
        {"days", 0, 1},       {"w", 0, 7},          {"wk", 0, 7},        {"wks", 0, 7},
        {"week", 0, 7},       {"weeks", 0, 7},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(w, units[i].name)) {
            *seconds = units[i].seconds;
            *days = units[i].days;
            return 0;
        }
    return -1;
}

#define NOT_WORDS 1

/* The phrases people type, relative to now in the local zone:
 *   today, yesterday           midnight at the start of that day (so --since today
 *                              includes 00:30)
 *   today 14:00, yesterday 9am that day at that clock time
 *   last monday [9am]          the latest Monday before today (a week ago on a Monday)
 *   9am, 21:30                 today at that time
 *   3 days ago, a week ago     the same clock time that many calendar days back
 *   2 hours ago, 30 min ago    exactly that long before now
 * Returns NOT_WORDS for text that is none of these (ISO 8601 is tried next). */
static int parse_words(char *buf, const struct trp_time *now, struct trp_time *out,
                       struct trp_err *err)
{
    char copy[72];
    snprintf(copy, sizeof copy, "%s", buf);
    char *w[8];
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
        if (n > 0 && (!strcmp(t, "am") || !strcmp(t, "pm"))) {
            /* "9 am" is "9am": glue it to the number before (room is in the spaces). */
            char *prev = w[n - 1];
            size_t pl = strlen(prev);
            memmove(prev + pl, t, 3);
            continue;
        }
        if (n == 8)
            return NOT_WORDS;
        w[n++] = t;
    }
    if (n == 0)
        return NOT_WORDS;
    int64_t today = trp_time_local_day(now);
    int64_t day = 0;
    int i = 0, have_day = 0;
    if (!strcmp(w[0], "today") || !strcmp(w[0], "yesterday")) {
        day = today - (w[0][0] == 'y');
        have_day = 1;
        i = 1;
    } else if (!strcmp(w[0], "last") && n >= 2 && weekday_word(w[1]) >= 0) {
        int back = (trp_weekday_of_day(today) - weekday_word(w[1]) + 7) % 7;
        day = today - (back ? back : 7);
        have_day = 1;
        i = 2;
    } else if (n == 3 && !strcmp(w[2], "ago")) {
        int64_t count = 0, unit_s;
        int unit_d;
        if (!strcmp(w[0], "a") || !strcmp(w[0], "an") || !strcmp(w[0], "one"))
            count = 1;
        else
            for (const char *p = w[0]; *p; p++) {
                if (!isdigit((unsigned char)*p) || count > 1000000)
                    return trp_err_set(err, TRP_EINVAL, "time \"%s\": write the number in digits, "
                                       "as in \"3 days ago\"", buf);
                count = count * 10 + (*p - '0');
            }
        if (ago_unit(w[1], &unit_s, &unit_d))
            return trp_err_set(err, TRP_EINVAL, "time \"%s\": the unit must be minutes, hours, "
                               "days or weeks, as in \"3 days ago\"", buf);
        if (unit_s) {
            out->utc = now->utc - count * unit_s;
            if (out->utc < TRP_TIME_MIN)
                return trp_err_set(err, TRP_EINVAL, "time \"%s\" is too far back", buf);
            out->offset_min = local_offset_at_utc(out->utc);
            return 0;
        }
        int hh, mm, ss;
        trp_time_local(now, NULL, NULL, NULL, &hh, &mm, &ss, NULL);
        if (count * unit_d > 200 * 366)
            return trp_err_set(err, TRP_EINVAL, "time \"%s\" is too far back", buf);
        int64_t y;
        int mo, d;
        trp_civil_from_days(today - count * unit_d, &y, &mo, &d);
        return make_time(y, mo, d, hh, mm, ss, 0, 0, out, err, buf);
    }
    int h = 0, mi = 0, s = 0;
    if (i < n) {
        if (parse_clock_word(w[i], &h, &mi, &s) || i + 1 < n) {
            if (!have_day)
                return NOT_WORDS;
            return trp_err_set(err, TRP_EINVAL,
                               "time \"%s\": write the clock time as HH:MM or 9am, as in "
                               "\"yesterday 21:30\"", buf);
        }
    } else if (!have_day) {
        return NOT_WORDS;
    }
    if (!have_day)
        day = today;
    int64_t y;
    int mo, d;
    trp_civil_from_days(day, &y, &mo, &d);
    return make_time(y, mo, d, h, mi, s, 0, 0, out, err, buf);
}

static int time_parse_folded(const char *text, const struct trp_time *now, struct trp_time *out,
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

    int rc = parse_words(buf, now, out, err);
    if (rc != NOT_WORDS)
        return rc;

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

/* The parser reads a case-folded copy; a message must quote what the person typed
 * ("2026-03-29T02:30", not "2026-03-29t02:30"). Folding keeps the length, so the quoted
 * copy is put back byte for byte. */
int trp_time_parse(const char *text, const struct trp_time *now, struct trp_time *out,
                   struct trp_err *err)
{
    int rc = time_parse_folded(text, now, out, err);
    if (!rc || !text || !err)
        return rc;
    while (isspace((unsigned char)*text))
        text++;
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    if (len == 0 || len > 64)
        return rc;
    char quoted[72];
    quoted[0] = '"';
    for (size_t i = 0; i < len; i++)
        quoted[i + 1] = (char)tolower((unsigned char)text[i]);
    quoted[len + 1] = '"';
    quoted[len + 2] = '\0';
    for (char *m = strstr(err->msg, quoted); m; m = strstr(m + len + 2, quoted))
        memcpy(m + 1, text, len);
    return rc;
}
