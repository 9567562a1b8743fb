/*
 * Diary use cases shared by every face that speaks JSON: one entry in the JSON Lines shape
 * of `trp export --format jsonl` in, the stored entry out; a filtered list as the array
 * `trp list --json` prints. They take the store, an arena and an error, never a face's
 * struct, so the web API and (later) the CLI call the same code.
 */
#ifndef TRP_APP_DIARY_H
#define TRP_APP_DIARY_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "core/entry.h"
#include "store/store.h"

/* Parses text as one JSON object (duplicate keys refused) into a validated entry, with the
 * messages `trp import` gives for a JSON Lines row ("not JSON: ...", "pain value 11 is
 * outside 0-10"). Nothing is written. */
int app_entry_parse(struct arena *a, const char *text, size_t len, struct entry *e,
                    struct trp_err *err);

/* Stores a new entry from its JSON text; e receives it as stored (id, created_at). Any
 * "id" in the text is ignored: the store gives the id. */
int app_entry_create(struct store *s, struct arena *a, const char *text, size_t len,
                     struct entry *e, struct trp_err *err);

/* Replaces live entry id with the JSON text (an "id" in it must be id). The store keeps the
 * previous version. */
int app_entry_replace(struct store *s, struct arena *a, int64_t id, const char *text,
                      size_t len, struct entry *e, struct trp_err *err);

/* Appends the entries matching q to out as a JSON array, one object per line, as
 * `trp list --json` prints it; with q->limit, the newest that many, oldest first. */
int app_entries_json(struct store *s, const struct store_query *q, struct strbuf *out,
                     struct trp_err *err);

#endif
