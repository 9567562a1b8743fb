/*
 * ics.h: escaping and folding.
 */
#include "io/ics.h"

#include <string.h>

#include "base/err.h"

int ics_line(struct strbuf *sb, const char *line)
{
    size_t len = strlen(line), col = 0;
    for (size_t i = 0; i < len;) {
        /* Length of the UTF-8 character starting at i, so a fold never splits one. */
        unsigned char c = (unsigned char)line[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > len)
            n = len - i;
        if (col + n > 75) {
            if (strbuf_add(sb, "\r\n ", 3))
                return TRP_EINVAL;
            col = 1;
        }
        if (strbuf_add(sb, line + i, n))
            return TRP_EINVAL;
        col += n;
        i += n;
    }
    return strbuf_add(sb, "\r\n", 2);
}

int ics_raw(struct strbuf *sb, const char *name, const char *value)
{
    struct strbuf line;
    strbuf_init(&line, 1 << 16);
    int rc = strbuf_adds(&line, name) || strbuf_addc(&line, ':') || strbuf_adds(&line, value)
                 ? TRP_EINVAL
                 : ics_line(sb, strbuf_str(&line));
    strbuf_release(&line);
    return rc;
}

int ics_text(struct strbuf *sb, const char *name, const char *value)
{
    struct strbuf esc;
    strbuf_init(&esc, 1 << 16);
    int rc = 0;
    for (const char *p = value; *p && !rc; p++) {
        switch (*p) {
        case '\\': rc = strbuf_adds(&esc, "\\\\"); break;
        case ';': rc = strbuf_adds(&esc, "\\;"); break;
        case ',': rc = strbuf_adds(&esc, "\\,"); break;
        case '\n': rc = strbuf_adds(&esc, "\\n"); break;
        case '\r': break;
        default: rc = strbuf_addc(&esc, *p); break;
        }
    }
    if (!rc)
        rc = ics_raw(sb, name, strbuf_str(&esc));
    strbuf_release(&esc);
    return rc;
}
