/*
 * The diary's CSV contract (README "Import and export format"): the seven core columns
 * time,kind,name,value,minutes,region,note and the extra columns for pain, task and
 * treatment details, matched by name. Unknown columns are refused so that a misspelt header
 * never drops data silently. Export writes every column, times as ISO 8601 with the offset,
 * so an exported file imports again to the same entries.
 */
#ifndef TRP_IO_DIARY_CSV_H
#define TRP_IO_DIARY_CSV_H

#include "base/arena.h"
#include "base/csv.h"
#include "base/strbuf.h"
#include "core/entry.h"

enum diary_col {
    COL_TIME, COL_KIND, COL_NAME, COL_VALUE, COL_MINUTES, COL_REGION, COL_NOTE,
    COL_QUALITY, COL_FLARE, COL_EFFORT, COL_POSTURE, COL_TECHNIQUE, COL_MUSCLE, COL_SIDE,
    COL_HOLD, COL_PASSES, COL_RELEASED, COL_PRESSURE, COL_PAIN_BEFORE, COL_PAIN_AFTER,
    COL_PERFORMER, COL_DOSE, COL_UNIT, COL_EACH_PASS, COL_COUNT
};

extern const char *const diary_csv_columns[COL_COUNT];

/* Maps header fields to columns; index[c] is the field number or -1. time and kind are
 * required. */
struct diary_csv_header {
    int index[COL_COUNT];
};
int diary_csv_header_parse(const struct csv_reader *r, struct diary_csv_header *h,
                           struct trp_err *err);

/* Fills e from the current row (strings copied to a) and validates it. Messages name the
 * field: "pain value 11 is outside 0-10". */
int diary_csv_row(const struct csv_reader *r, const struct diary_csv_header *h,
                  struct arena *a, struct entry *e, struct trp_err *err);

/* Appends the header line / one entry as a CSV line (CRLF-free, LF-terminated). */
int diary_csv_write_header(struct strbuf *sb);
int diary_csv_write_entry(struct strbuf *sb, const struct entry *e);

#endif
