/*
 * termsafe.h: escaping what a terminal would obey. A small UTF-8 decoder decides what is a
 * code point and what is a stray byte; a stray byte is shown as \xNN, because a lone 0x9B
 * is a control sequence introducer on terminals that read 8-bit C1 controls.
 */
#include "base/termsafe.h"

#include <stdint.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at S (1-4) and its code point, or 0 when invalid
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    int n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static int dangerous_code_point(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029;
}

void termsafe_add(struct strbuf *sb, const char *text, int keep_newlines)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        const unsigned char *run = s;
        uint32_t cp = 0;
        int n = 0;
        /* Copy the longest run of harmless characters in one go. */
        while (*s && (n = utf8_decode(s, &cp)) > 0 &&
               (cp >= 0x20 || (cp == '\n' && keep_newlines)) && cp != 0x7F &&
               !dangerous_code_point(cp))
            s += n;
        if (s > run)
            strbuf_add(sb, run, (size_t)(s - run));
        if (!*s)
            break;
        if (n == 0) {
            strbuf_addf(sb, "\\x%02x", *s);
            s++;
        } else if (cp == '\n') {
            strbuf_adds(sb, "\\n");
            s++;
        } else if (cp == '\r') {
            strbuf_adds(sb, "\\r");
            s++;
        } else if (cp == '\t') {
            strbuf_adds(sb, "\\t");
            s++;
        } else if (cp < 0x80) {
            strbuf_addf(sb, "\\x%02x", (unsigned)cp);
            s++;
        } else {
            strbuf_addf(sb, "\\u%04x", (unsigned)cp);
            s += n;
        }
    }
}

static int needs_escape(const char *text)
{
    for (const unsigned char *s = (const unsigned char *)text; *s; s++)
        if (*s < 0x20 || *s >= 0x7F)
            return 1; /* decide precisely on the slow path */
    return 0;
}

const char *termsafe(struct arena *a, const char *s)
{
    if (!s || !needs_escape(s))
        return s;
    struct strbuf sb;
    strbuf_init(&sb, (size_t)1 << 30);
    termsafe_add(&sb, s, 0);
    char *out = arena_strndup(a, strbuf_str(&sb), sb.len);
    strbuf_release(&sb);
    return out;
}

void termsafe_fputs(const char *s, FILE *f)
{
    if (!needs_escape(s)) {
        fputs(s, f);
        return;
    }
    struct strbuf sb;
    strbuf_init(&sb, (size_t)1 << 30);
    termsafe_add(&sb, s, 0);
    fwrite(sb.buf, 1, sb.len, f);
    strbuf_release(&sb);
}
