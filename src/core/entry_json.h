/*
 * JSON form of a diary entry: one object per entry, used by JSON Lines export and import,
 * `trp list --json`, the web API, and the revision history kept on edit. Decoding is strict:
 * unknown keys and wrong types are errors, so a typo in a file is never silently dropped.
 */
#ifndef TRP_CORE_ENTRY_JSON_H
#define TRP_CORE_ENTRY_JSON_H

#include <jansson.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "core/entry.h"

/* A new jansson object (caller owns the reference). */
json_t *entry_to_json(const struct entry *e);

/* How every entry is written: compact, keys in order, non-ASCII as \u escapes. */
#define ENTRY_JSON_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII)

/* Compact one-line JSON text; caller frees with free(). */
char *entry_json_encode(const struct entry *e);

/* Appends the same text as entry_json_encode to out, without building a jansson tree (the
 * list and the web API write thousands). Returns 0 or the strbuf's error; on error out is
 * as it was. */
int entry_json_append(const struct entry *e, struct strbuf *out);

/* The entry's content as JSON text, without id, deletion mark and revisions: two entries
 * with the same content text are the same record (import recognises what the diary already
 * holds this way). Caller frees with free(). */
char *entry_json_content(const struct entry *e);

/* Fills e from obj. Strings are copied into a. Region fields may be ids or phrases; they are
 * resolved through the region vocabulary. "id" is read but not required (ids belong to one database). "deleted": true sets
 * deleted_at to 1 (the store dates it); "revisions" (earlier versions, as exported) is checked
 * and kept in e->revisions. Validates without the clock (see entry_validate_new). */
int entry_from_json(const json_t *obj, struct arena *a, struct entry *e, struct trp_err *err);

#endif
