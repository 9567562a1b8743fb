/*
 * Text from the diary, from files and from the command line, made safe to show on a
 * terminal. A note or an imported field may hold bytes that a terminal obeys instead of
 * showing: ESC and the other C0 controls (moving the cursor, setting the window title),
 * CR (overwriting a line), the 8-bit C1 controls (0x9B is CSI on some terminals, U+009B on
 * others), the Unicode bidirectional controls that reorder what is displayed (U+202A-U+202E,
 * U+2066-U+2069, U+200E, U+200F, U+061C) and the line and paragraph separators U+2028 and
 * U+2029. Each is shown as an escape a person can read: \n, \r, \t, \xNN for other bytes
 * below 0x20, DEL and bytes that are not UTF-8, \uXXXX for the code points. Everything
 * else, including other non-ASCII letters, passes unchanged. The stored data are never
 * changed: this is for display only (export and --json stay exact).
 */
#ifndef TRP_BASE_TERMSAFE_H
#define TRP_BASE_TERMSAFE_H

#include <stdio.h>

#include "base/arena.h"
#include "base/strbuf.h"

/* Appends S to SB with controls escaped. With KEEP_NEWLINES, '\n' passes unchanged (for
 * callers that lay out multi-line text themselves). */
void termsafe_add(struct strbuf *sb, const char *s, int keep_newlines);

/* S escaped, in the arena (S itself when nothing needs escaping). */
const char *termsafe(struct arena *a, const char *s);

/* Writes S escaped to F. */
void termsafe_fputs(const char *s, FILE *f);

#endif
