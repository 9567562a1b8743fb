/*
 * Points in time as a diary needs them: an instant (UTC seconds) plus the UTC offset that
 * was in force where the person was, so that "08:00" stays 08:00 in reports after a move
 * or a daylight-saving change. Parses what people type (ISO 8601, "now", "today 14:00",
 * "yesterday 21:30", "-2h") and formats ISO 8601 with the offset.
 *
 * "Now" comes from $TRP_NOW when set (an ISO time), so tests and golden files are
 * repeatable; the local zone comes from $TZ as usual.
 */
#ifndef TRP_BASE_TIMEUTIL_H
#define TRP_BASE_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct trp_time {
    int64_t utc;    /* seconds since 1970-01-01T00:00:00Z */
    int offset_min; /* local offset east of UTC, minutes (+60 for CET) */
};

/* Earliest and latest times trp accepts: years 1900 to 2199. */
#define TRP_TIME_MIN ((int64_t)-2208988800LL)
#define TRP_TIME_MAX ((int64_t)7258118399LL)

/* The current time ($TRP_NOW if set and valid) with the local offset. */
int trp_time_now(struct trp_time *out, struct trp_err *err);

/* Parses TEXT relative to now. Accepted: "now"; ISO 8601 "YYYY-MM-DD", "YYYY-MM-DDTHH:MM",
 * optional ":SS", optional "Z" or "+HH:MM"/"+HHMM" (a space may replace the T); "today HH:MM",
 * "yesterday HH:MM"; "-2h", "-30m", "-1d", "-1h30m". Without an offset the local zone at that
 * date applies. Errors say what format to use. */
int trp_time_parse(const char *text, const struct trp_time *now, struct trp_time *out,
                   struct trp_err *err);

/* Formats as "2026-03-01T08:00:00+01:00" into buf (at least TRP_TIME_BUF bytes). */
#define TRP_TIME_BUF 32
char *trp_time_format(const struct trp_time *t, char *buf);

/* Local calendar fields of t (using its own offset). */
void trp_time_local(const struct trp_time *t, int *year, int *month, int *day, int *hour,
                    int *minute, int *second, int *weekday);

/* Local day number (days since 1970-01-01 in t's own offset): the key for daily series. */
int64_t trp_time_local_day(const struct trp_time *t);

/* The local day ($TZ) of a UTC instant, at the offset the zone had at that instant (not
 * today's): a plan item created at 23:30 in winter belongs to that winter day even when
 * asked about in summer. */
int64_t trp_local_day_of(int64_t utc);

/* The instant utc with the offset $TZ had then, for showing a stored UTC time (a
 * clearance, a revision) as the person's clock read it. */
struct trp_time trp_time_zoned(int64_t utc);

/* The UTC instant at which local day DAY (days since 1970-01-01) begins in $TZ: its
 * midnight, at the offset in force that day (localtime_r per day, so a period that spans a
 * daylight-saving change starts and ends on the right hour). Where the clocks skip
 * midnight, the day begins when they jump. Day D runs over [start(D), start(D + 1)). */
int64_t trp_local_day_start(int64_t day);

/* Weekday of a day number, 0 = Sunday as in struct tm. */
int trp_weekday_of_day(int64_t days);

/* Days since 1970-01-01 for a civil date, and back (proleptic Gregorian). */
int64_t trp_days_from_civil(int64_t y, int m, int d);
void trp_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* Parses a duration: "45m", "3h", "1h30m", "1.5h", "90min". Result in whole minutes,
 * 1..max_minutes. A bare number is refused (is it minutes or hours?). */
int trp_duration_parse(const char *text, int max_minutes, int *minutes, struct trp_err *err);

/* Formats minutes as "1h30m", "45m", "3h". */
char *trp_duration_format(int minutes, char *buf, size_t size);

#endif
