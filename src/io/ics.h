/*
 * A minimal iCalendar (RFC 5545) writer for the self-care reminders that `trp plan ics`
 * exports. Hand-written because no Debian C library is made for writing iCalendar (libical
 * is a large parser-first dependency) and trp needs only VEVENT, RRULE and VALARM: what is
 * needed is correct escaping (section 3.3.11), CRLF line ends and folding at 75 octets
 * without splitting a UTF-8 character (section 3.1).
 */
#ifndef TRP_IO_ICS_H
#define TRP_IO_ICS_H

#include "base/strbuf.h"

/* Appends "NAME:VALUE" with VALUE escaped as TEXT (backslash, semicolon, comma, newline),
 * folded and terminated with CRLF. */
int ics_text(struct strbuf *sb, const char *name, const char *value);

/* Appends "NAME:VALUE" verbatim (for values that are not TEXT: dates, RRULE, UID),
 * folded and terminated with CRLF. */
int ics_raw(struct strbuf *sb, const char *name, const char *value);

/* Appends one already formatted content line, folded, with CRLF. */
int ics_line(struct strbuf *sb, const char *line);

#endif
