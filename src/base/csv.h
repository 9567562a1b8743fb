/*
 * An RFC 4180 CSV reader (and a field writer). Hand-written because Debian has no well-kept
 * C CSV library that is strict: libcsv accepts malformed quoting silently, and an importer
 * of health data must instead refuse a broken file and say where it broke. The reader works
 * on a whole buffer, accepts CRLF or LF, quoted fields with "" escapes and embedded line
 * breaks, skips a UTF-8 byte-order mark, checks that the text is valid UTF-8 without NUL
 * bytes, and caps field and row sizes.
 */
#ifndef TRP_BASE_CSV_H
#define TRP_BASE_CSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD 8192

struct csv_reader {
    const char *data;
    size_t len, pos;
    long line;              /* line where the current row starts (1-based) */
    long next_line;
    char *fields[CSV_MAX_FIELDS];
    size_t n_fields;
    char *buf;              /* storage for the current row's fields */
    size_t buf_cap;
};

/* Starts reading data[0..len). Fails on invalid UTF-8 or NUL bytes (naming the line). */
int csv_open(struct csv_reader *r, const char *data, size_t len, struct trp_err *err);
void csv_close(struct csv_reader *r);

/* Reads the next row into r->fields / r->n_fields. Returns 1 for a row, 0 at the end, or a
 * negative TRP_E* code with "line N: ..." in err. Blank lines are skipped. */
int csv_next(struct csv_reader *r, struct trp_err *err);

/* Appends one field, quoted when it contains a comma, quote, CR or LF (or leading/trailing
 * space). */
int csv_write_field(struct strbuf *sb, const char *field);

/* Checks that s[0..n) is valid UTF-8; returns the offset of the first bad byte or n. */
size_t csv_utf8_valid_prefix(const char *s, size_t n);

#endif
