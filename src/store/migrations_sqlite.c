/*
 * SQLite schema, as numbered migrations (see migrations.h). Tables are STRICT so a wrong
 * type is an error rather than a silent conversion, and CHECK constraints repeat the most
 * important domain rules as a last line of defence behind entry_validate.
 */
#include "store/migrations.h"

const struct store_migration store_sqlite_migrations[] = {
    {1, "diary",
     "CREATE TABLE person ("
     "  id INTEGER PRIMARY KEY,"
     "  name TEXT NOT NULL,"
     "  created_at INTEGER NOT NULL"
     ") STRICT;"
     "INSERT INTO person (id, name, created_at) VALUES (1, 'me', 0);"
     "CREATE TABLE entry ("
     "  id INTEGER PRIMARY KEY,"
     "  person_id INTEGER NOT NULL REFERENCES person(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('pain','task','factor','treatment','note')),"
     "  at_utc INTEGER NOT NULL,"
     "  at_local TEXT NOT NULL,"
     "  utc_offset INTEGER NOT NULL CHECK (utc_offset BETWEEN -840 AND 840),"
     "  value REAL,"
     "  name TEXT,"
     "  minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),"
     "  effort INTEGER CHECK (effort IS NULL OR effort BETWEEN 0 AND 10),"
     "  posture TEXT,"
     "  note TEXT,"
     "  flare INTEGER NOT NULL DEFAULT 0 CHECK (flare IN (0, 1)),"
     "  qualities TEXT,"
     "  created_at INTEGER NOT NULL,"
     "  updated_at INTEGER NOT NULL,"
     "  deleted_at INTEGER,"
     "  CHECK (kind <> 'pain' OR (value BETWEEN 0 AND 10)),"
     "  CHECK (kind <> 'task' OR (name IS NOT NULL AND minutes IS NOT NULL)),"
     "  CHECK (kind <> 'factor' OR (name IS NOT NULL AND value IS NOT NULL))"
     ") STRICT;"
     "CREATE INDEX entry_person_time ON entry (person_id, at_utc);"
     "CREATE TABLE pain_region ("
     "  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
     "  region TEXT NOT NULL,"
     "  intensity INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 0 AND 10),"
     "  PRIMARY KEY (entry_id, region)"
     ") STRICT, WITHOUT ROWID;"
     "CREATE TABLE treatment ("
     "  entry_id INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,"
     "  technique TEXT NOT NULL,"
     "  muscle TEXT NOT NULL,"
     "  side TEXT,"
     "  hold_seconds INTEGER,"
     "  passes INTEGER,"
     "  released INTEGER CHECK (released IS NULL OR released IN (0, 1)),"
     "  pressure REAL,"
     "  pain_before INTEGER CHECK (pain_before IS NULL OR pain_before BETWEEN 0 AND 10),"
     "  pain_after INTEGER CHECK (pain_after IS NULL OR pain_after BETWEEN 0 AND 10),"
     "  performer TEXT NOT NULL CHECK (performer IN ('self', 'practitioner'))"
     ") STRICT;"
     /* Edits keep the previous version, so one mistaken `trp edit` loses nothing. */
     "CREATE TABLE entry_revision ("
     "  id INTEGER PRIMARY KEY,"
     "  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
     "  revised_at INTEGER NOT NULL,"
     "  previous TEXT NOT NULL"
     ") STRICT;",
     0, NULL},
    {2, "intake and self-care plan",
     /* Each intake is kept: retaking it adds a row, the latest one counts. */
     "CREATE TABLE intake ("
     "  id INTEGER PRIMARY KEY,"
     "  person_id INTEGER NOT NULL REFERENCES person(id),"
     "  taken_at INTEGER NOT NULL,"
     "  answers TEXT NOT NULL,"
     "  red_flags INTEGER NOT NULL CHECK (red_flags >= 0),"
     "  acknowledged_at INTEGER"
     ") STRICT;"
     "CREATE TABLE plan_item ("
     "  id INTEGER PRIMARY KEY,"
     "  person_id INTEGER NOT NULL REFERENCES person(id),"
     "  muscle TEXT NOT NULL,"
     "  side TEXT CHECK (side IS NULL OR side IN ('left', 'right', 'both', 'midline')),"
     "  release_per_week INTEGER NOT NULL CHECK (release_per_week BETWEEN 0 AND 21),"
     "  stretch_per_day INTEGER NOT NULL CHECK (stretch_per_day BETWEEN 0 AND 10),"
     "  strengthen_per_week INTEGER NOT NULL CHECK (strengthen_per_week BETWEEN 0 AND 14),"
     "  created_at INTEGER NOT NULL,"
     "  ended_at INTEGER"
     ") STRICT;"
     "CREATE UNIQUE INDEX plan_item_active ON plan_item (person_id, muscle) WHERE ended_at IS NULL;",
     0, NULL},
    {3, "trp's mark and revision lookup",
     /* The application id ("TRP1", STORE_APPLICATION_ID) marks the file as trp's, so trp can
      * refuse another program's database instead of adding its tables to it. The index
      * serves `trp history`, JSON Lines export and purging one entry. */
     "PRAGMA application_id = 1414680625;"
     "CREATE INDEX entry_revision_entry ON entry_revision (entry_id, id);",
     0, NULL},
    {4, "clinician clearance of urgent flags",
     /* Urgent flags unlock only when a clinician's clearance is recorded: who and when.
      * A table of its own (IF NOT EXISTS) keeps the migration self-contained. */
     "CREATE TABLE IF NOT EXISTS intake_clearance ("
     "  intake_id INTEGER PRIMARY KEY REFERENCES intake(id) ON DELETE CASCADE,"
     "  cleared_by TEXT NOT NULL CHECK (length(cleared_by) BETWEEN 1 AND 200),"
     "  cleared_at INTEGER NOT NULL"
     ") STRICT;",
     0, NULL},
    {5, "one row per pass of a treatment",
     /* A session's passes each have their own hold and outcome (90 s unreleased, then 3 s
      * softened is not "3 s x2"). */
     "CREATE TABLE IF NOT EXISTS treatment_pass ("
     "  entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
     "  pass INTEGER NOT NULL CHECK (pass BETWEEN 1 AND 20),"
     "  hold_seconds INTEGER NOT NULL CHECK (hold_seconds BETWEEN 0 AND 3600),"
     "  softened INTEGER NOT NULL CHECK (softened IN (0, 1)),"
     "  PRIMARY KEY (entry_id, pass)"
     ") STRICT, WITHOUT ROWID;",
     0, NULL},
    {6, "region scapula-medial-border",
     /* The inner border of the shoulder blade was renamed from medial-scapular-border so its
      * id reads like the other scapula regions; diaries and their edit history follow. */
     "UPDATE pain_region SET region = 'scapula-medial-border' || substr(region, 23)"
     "  WHERE region IN ('medial-scapular-border.l', 'medial-scapular-border.r');"
     "UPDATE entry_revision SET previous = replace(previous, 'medial-scapular-border.',"
     "  'scapula-medial-border.') WHERE previous LIKE '%medial-scapular-border.%';",
     0, NULL},
    /* New kinds need a new CHECK on entry.kind, which SQLite can only change by rebuilding
     * the table: same columns in the same order plus `unit` at the end, ids kept, then the
     * index again. `SELECT *, NULL` fails loudly if entry ever gains a column this list does
     * not know, rather than dropping it. */
    {7, "medication, PGIC and PSFS entries",
     "CREATE TABLE entry_new ("
     "  id INTEGER PRIMARY KEY,"
     "  person_id INTEGER NOT NULL REFERENCES person(id),"
     "  kind TEXT NOT NULL CHECK (kind IN ('pain','task','factor','treatment','note',"
     "                                     'medication','pgic','psfs')),"
     "  at_utc INTEGER NOT NULL,"
     "  at_local TEXT NOT NULL,"
     "  utc_offset INTEGER NOT NULL CHECK (utc_offset BETWEEN -840 AND 840),"
     "  value REAL,"
     "  name TEXT,"
     "  minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),"
     "  effort INTEGER CHECK (effort IS NULL OR effort BETWEEN 0 AND 10),"
     "  posture TEXT,"
     "  note TEXT,"
     "  flare INTEGER NOT NULL DEFAULT 0 CHECK (flare IN (0, 1)),"
     "  qualities TEXT,"
     "  created_at INTEGER NOT NULL,"
     "  updated_at INTEGER NOT NULL,"
     "  deleted_at INTEGER,"
     "  unit TEXT,"
     "  CHECK (kind <> 'pain' OR (value BETWEEN 0 AND 10)),"
     "  CHECK (kind <> 'task' OR (name IS NOT NULL AND minutes IS NOT NULL)),"
     "  CHECK (kind <> 'factor' OR (name IS NOT NULL AND value IS NOT NULL)),"
     "  CHECK (kind <> 'medication' OR (name IS NOT NULL AND (value IS NULL) = (unit IS NULL)"
     "                                  AND (value IS NULL OR value > 0))),"
     "  CHECK (kind <> 'pgic' OR value IN (1, 2, 3, 4, 5, 6, 7)),"
     "  CHECK (kind <> 'psfs' OR (name IS NOT NULL AND value BETWEEN 0 AND 10)),"
     "  CHECK (unit IS NULL OR kind = 'medication')"
     ") STRICT;"
     "INSERT INTO entry_new SELECT *, NULL FROM entry;"
     "DROP TABLE entry;"
     "ALTER TABLE entry_new RENAME TO entry;"
     "CREATE INDEX entry_person_time ON entry (person_id, at_utc);",
     1, "SELECT 1 FROM pragma_table_info('entry') WHERE name = 'unit'"},
    {8, "settings",
     /* A person's choices that change how the diary is read (the flare definition), one
      * row per setting; the text form is parsed by the module that owns it. IF NOT EXISTS:
      * a database whose version was set back (tests of older databases) keeps its table. */
     "CREATE TABLE IF NOT EXISTS setting ("
     "  person_id INTEGER NOT NULL REFERENCES person(id),"
     "  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),"
     "  value TEXT NOT NULL CHECK (length(value) <= 1000),"
     "  updated_at INTEGER NOT NULL,"
     "  PRIMARY KEY (person_id, key)"
     ") STRICT;",
     0, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'"},
};

const size_t store_sqlite_migrations_count =
    sizeof store_sqlite_migrations / sizeof store_sqlite_migrations[0];
