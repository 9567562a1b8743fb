/*
 * Fuzz target for terminal-safe display: whatever bytes a note or a file holds, what trp
 * prints contains no C0 or C1 control, no DEL, no bidirectional control, no line or
 * paragraph separator, and is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/termsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct strbuf sb;
    strbuf_init(&sb, 0);
    termsafe_add(&sb, text, 0);
    const unsigned char *s = (const unsigned char *)strbuf_str(&sb);
    for (size_t i = 0; i < sb.len; i++) {
        unsigned c = s[i];
        if (c < 0x20 || c == 0x7f)
            abort();
        if (c < 0x80)
            continue;
        /* Valid UTF-8 only, and none of the dangerous code points. */
        int n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || i + n > sb.len)
            abort();
        uint32_t cp = c & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                abort();
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
            cp == 0x2028 || cp == 0x2029 || (cp >= 0xD800 && cp <= 0xDFFF))
            abort();
        i += (size_t)n - 1;
    }
    strbuf_release(&sb);
    free(text);
    return 0;
}
