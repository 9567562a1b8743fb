/*
 * csv.h: a small state machine over the buffer.
 */
#include "base/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

size_t csv_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t len;
        unsigned min;
        if (c < 0x80) {
            if (c == 0)
                return i;
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        unsigned cp = c & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

int csv_open(struct csv_reader *r, const char *data, size_t len, struct trp_err *err)
{
    memset(r, 0, sizeof *r);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    size_t ok = csv_utf8_valid_prefix(data, len);
    if (ok != len) {
        long line = 1;
        for (size_t i = 0; i < ok; i++)
            line += data[i] == '\n';
        return trp_err_set(err, TRP_EINVAL, "line %ld: %s; save the file as UTF-8 text", line,
                           data[ok] ? "not valid UTF-8" : "contains a NUL byte (is this a binary file?)");
    }
    r->data = data;
    r->len = len;
    r->next_line = 1;
    r->buf_cap = 1024;
    r->buf = xmalloc(r->buf_cap);
    return 0;
}

void csv_close(struct csv_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

int csv_next(struct csv_reader *r, struct trp_err *err)
{
    for (;;) {
        /* Skip blank lines between rows. */
        while (r->pos < r->len && (r->data[r->pos] == '\n' || r->data[r->pos] == '\r')) {
            if (r->data[r->pos] == '\n')
                r->next_line++;
            r->pos++;
        }
        if (r->pos >= r->len)
            return 0;
        break;
    }
    r->line = r->next_line;
    size_t used = 0;
    size_t starts[CSV_MAX_FIELDS];
    r->n_fields = 0;
    starts[r->n_fields++] = 0;
    size_t field_len = 0;
    int quoted = 0, after_quote = 0, at_start = 1;
    for (;;) {
        if (used + 8 >= r->buf_cap) {
            r->buf_cap *= 2;
            r->buf = xrealloc(r->buf, r->buf_cap);
        }
        if (r->pos >= r->len) {
            if (quoted)
                return trp_err_set(err, TRP_EINVAL, "line %ld: unterminated quoted field", r->line);
            break;
        }
        char c = r->data[r->pos++];
        if (quoted) {
            if (c == '"') {
                if (r->pos < r->len && r->data[r->pos] == '"') {
                    r->pos++;
                    r->buf[used++] = '"';
                    field_len++;
                } else {
                    quoted = 0;
                    after_quote = 1;
                }
                continue;
            }
            if (c == '\n')
                r->next_line++;
            r->buf[used++] = c;
            field_len++;
        } else if (c == ',') {
            r->buf[used++] = '\0';
            if (r->n_fields == CSV_MAX_FIELDS)
                return trp_err_set(err, TRP_EINVAL, "line %ld: more than %d columns", r->line, CSV_MAX_FIELDS);
            starts[r->n_fields++] = used;
            field_len = 0;
            after_quote = 0;
            at_start = 1;
            continue;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && r->pos < r->len && r->data[r->pos] == '\n')
                r->pos++;
            r->next_line++;
            break;
        } else if (after_quote) {
            return trp_err_set(err, TRP_EINVAL, "line %ld: text after a closing quote in column %zu",
                               r->line, r->n_fields);
        } else if (c == '"') {
            if (!at_start)
                return trp_err_set(err, TRP_EINVAL, "line %ld: quote inside an unquoted field in column %zu",
                                   r->line, r->n_fields);
            quoted = 1;
        } else {
            r->buf[used++] = c;
            field_len++;
        }
        at_start = 0;
        if (field_len > CSV_MAX_FIELD)
            return trp_err_set(err, TRP_EINVAL, "line %ld: a field is longer than %d bytes", r->line, CSV_MAX_FIELD);
    }
    r->buf[used++] = '\0';
    for (size_t i = 0; i < r->n_fields; i++)
        r->fields[i] = r->buf + starts[i];
    return 1;
}

int csv_write_field(struct strbuf *sb, const char *field)
{
    if (!field)
        return 0;
    size_t n = strlen(field);
    int quote = n && (strpbrk(field, ",\"\r\n") || field[0] == ' ' || field[n - 1] == ' ');
    if (!quote)
        return strbuf_add(sb, field, n);
    int rc = strbuf_addc(sb, '"');
    for (const char *p = field; *p && !rc; p++)
        rc = *p == '"' ? strbuf_adds(sb, "\"\"") : strbuf_addc(sb, *p);
    return rc ? rc : strbuf_addc(sb, '"');
}
