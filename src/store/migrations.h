/*
 * Numbered schema migrations for the SQLite store. Migration N takes a database at
 * user_version N-1 to N; they are applied in order, each in its own transaction, when the
 * store is opened. Never edit a released migration: add a new one.
 */
#ifndef TRP_STORE_MIGRATIONS_H
#define TRP_STORE_MIGRATIONS_H

#include <stddef.h>

struct store_migration {
    int version;
    const char *name;
    const char *sql;
    /* Set when the migration rebuilds a table that others reference (SQLite changes a CHECK
     * only by creating a new table, copying and dropping the old one). It then runs with
     * foreign keys off, because with them on DROP TABLE deletes the old rows first and
     * ON DELETE CASCADE would take every child row with them; the keys are checked with
     * PRAGMA foreign_key_check before COMMIT (https://sqlite.org/lang_altertable.html). */
    int rebuilds_tables;
    /* Optional: a query that returns a row when the database already has this change
     * (its version was set back by hand, or by a build that numbered migrations
     * differently). The migration is then only recorded, so a rebuild never runs twice. */
    const char *done_if;
};

extern const struct store_migration store_sqlite_migrations[];
extern const size_t store_sqlite_migrations_count;

#endif
