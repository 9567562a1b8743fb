/*
 * Numbered schema migrations for the PostgreSQL store, in two sequences. "diary" mirrors
 * the SQLite migrations one for one (the same number means the same change), so a diary
 * moves between the backends without loss. "clinic" holds what only a clinic's server has
 * (accounts, links between therapists and clients, sessions, the audit log) and has its
 * own numbers. Each migration is a list of single statements run in one transaction.
 * Never edit a released migration: add a new one.
 */
#ifndef TRP_STORE_MIGRATIONS_PG_H
#define TRP_STORE_MIGRATIONS_PG_H

#include <stddef.h>

enum { PG_MIGRATION_STATEMENTS = 24 };

struct store_pg_migration {
    int version;
    const char *name;
    const char *sql[PG_MIGRATION_STATEMENTS]; /* NULL-terminated */
};

extern const struct store_pg_migration store_pg_diary_migrations[];
extern const size_t store_pg_diary_migrations_count;
extern const struct store_pg_migration store_pg_clinic_migrations[];
extern const size_t store_pg_clinic_migrations_count;

#endif
