/*
 * Private to the SQLite store. Its source files implement store.h under the public names,
 * and this header, included first, gives those definitions the backend's own names
 * (sqlite_entry_insert, ...): store.c owns the public names and forwards through the
 * handle's operations table, which store_sqlite.c fills with these. Keeping the public
 * spelling in the SQLite files keeps them readable as "the store, in SQLite".
 */
#ifndef TRP_STORE_SQLITE_NAMES_H
#define TRP_STORE_SQLITE_NAMES_H

#ifdef TRP_STORE_STORE_H
#error "include store/sqlite_names.h before store/store.h"
#endif

#define store_open sqlite_open_unused
#define store_open_with sqlite_open_with_unused
#define store_close sqlite_close
#define store_is_read_only sqlite_is_read_only
#define store_schema_version sqlite_schema_version
#define store_begin sqlite_begin
#define store_commit sqlite_commit
#define store_rollback sqlite_rollback
#define store_entry_insert sqlite_entry_insert
#define store_entry_update sqlite_entry_update
#define store_entry_get sqlite_entry_get
#define store_entry_delete sqlite_entry_delete
#define store_entry_restore sqlite_entry_restore
#define store_entry_purge sqlite_entry_purge
#define store_scrub sqlite_scrub
#define store_erase_all sqlite_erase_all
#define store_entry_history sqlite_entry_history
#define store_entry_find_same sqlite_entry_find_same
#define store_entry_each sqlite_entry_each
#define store_entry_count sqlite_entry_count
#define store_entry_last_time sqlite_entry_last_time
#define store_intake_save sqlite_intake_save
#define store_intake_latest sqlite_intake_latest
#define store_intake_acknowledge sqlite_intake_acknowledge
#define store_intake_clear sqlite_intake_clear
#define store_treatment_passes_put sqlite_treatment_passes_put
#define store_treatment_passes_get sqlite_treatment_passes_get
#define store_plan_put sqlite_plan_put
#define store_plan_end sqlite_plan_end
#define store_plan_list sqlite_plan_list
#define store_setting_get sqlite_setting_get
#define store_setting_put sqlite_setting_put

#endif
