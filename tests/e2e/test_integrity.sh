#!/usr/bin/env bash
# End-to-end tests of a diary people can trust: importing a file twice adds nothing, deleted
# entries and earlier versions survive export and import, impossible input is refused with
# nothing written, purge and erase leave no trace of the text in the database file, and trp
# refuses databases it must not touch, reads ones it may not write, and waits for a writer.
. "$(dirname "$0")/lib.sh"

# --- idempotent import ---------------------------------------------------------------------
run log pain 6 --region "left temple" --note "woke with it" --at 2026-03-01T08:00
run log task "computer work" 2h --at 2026-03-01T12:00
run log factor sleep_hours 6.5 --at 2026-03-02T07:00
run export --format csv -o "$WORK/d.csv"
run --db "$WORK/twice.db" import "$WORK/d.csv";   expect_rc 0; expect_out_contains "imported 3 entries"
run --db "$WORK/twice.db" import "$WORK/d.csv";   expect_rc 0
expect_out_contains "imported 0 entries"; expect_out_contains "3 already in the diary"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$WORK/twice.db" 'SELECT count(*) FROM entry')" = 3 ] || fail "a second import doubled the diary"
# One new line among known ones: only it is added; "1 entry", not "1 entries".
cp "$WORK/d.csv" "$WORK/d2.csv"; echo '2026-03-03T09:00:00+01:00,pain,,3,,,' >>"$WORK/d2.csv"
run --db "$WORK/twice.db" import "$WORK/d2.csv"
expect_out_contains "imported 1 entry ("; expect_out_contains "3 already in the diary"

# --- deleted entries and revisions round-trip through JSON Lines ---------------------------
run log note "first words" --at 2026-03-04T10:00      # id 4
run edit 4 --note "second words"
run edit 4 --note "third words"
run log pain 2 --at 2026-03-05T10:00                  # id 5
run delete 5
run export --format jsonl --deleted --history -o "$WORK/all.jsonl"; expect_rc 0
CHECKS=$((CHECKS + 1)); grep -q '"deleted":true' "$WORK/all.jsonl" || fail "--deleted did not export the deleted entry"
CHECKS=$((CHECKS + 1)); grep -q '"revisions":\[' "$WORK/all.jsonl" || fail "--history did not export revisions"
run --db "$WORK/rt.db" import "$WORK/all.jsonl";  expect_rc 0; expect_out_contains "imported 5 entries"
run --db "$WORK/rt.db" list;                      CHECKS=$((CHECKS + 1))
case "$OUT" in *"pain 2"*) fail "a deleted entry came back as live: $OUT" ;; esac
run --db "$WORK/rt.db" list --deleted;            expect_out_contains "pain 2"
run --db "$WORK/rt.db" history 4
expect_out_contains "first words"; expect_out_contains "second words"; expect_out_contains "third words"
run --db "$WORK/rt.db" import "$WORK/all.jsonl";  expect_out_contains "5 already in the diary"
# An old export of an entry edited since is recognised through its id, not added again.
printf '%s\n' '{"id":4,"time":"2026-03-04T10:00:00+01:00","kind":"note","note":"first words"}' >"$WORK/old.jsonl"
run import "$WORK/old.jsonl";                     expect_rc 0; expect_out_contains "1 already in the diary"
# ... while the same line with another id (another diary's numbering) is a new entry.
printf '%s\n' '{"id":2,"time":"2026-03-04T10:00:00+01:00","kind":"note","note":"first words"}' >"$WORK/other.jsonl"
run --db "$WORK/other.db" import "$WORK/other.jsonl"; expect_out_contains "imported 1 entry"
run export --format csv --deleted;                expect_rc 2; expect_err_contains "need --format jsonl"

# --- refuse the impossible, write nothing --------------------------------------------------
before=$(db_digest)
run log pain 5 --at 2027-01-01T08:00;             expect_rc 1; expect_err_contains "more than a day ahead"
expect_err_contains "--future"
run log treat nosuch;                             expect_rc 1; expect_err_contains 'unknown muscle "nosuch"'
run log treat "upper trapezis";                   expect_rc 1; expect_err_contains "did you mean: upper-trapezius"
run edit 1 --at 2027-01-01T08:00;                 expect_rc 1; expect_err_contains "more than a day ahead"
H='time,kind,name,value,minutes,region,note,muscle,technique'
printf '%s\n' "$H" '2026-03-05T08:00,pain,,5,,,,,' '2030-01-01T08:00,pain,,5,,,,,' >"$WORK/future.csv"
run import "$WORK/future.csv";                    expect_rc 1; expect_err_contains "line 3: time 2030-01-01"
printf '%s\n' "$H" '2026-03-05T08:00,treatment,,,,,,trapezoid,compression' >"$WORK/muscle.csv"
run import "$WORK/muscle.csv";                    expect_rc 1; expect_err_contains 'line 2: unknown muscle "trapezoid"'
run chart timeline -o "$WORK/x.jpg";              expect_rc 2; expect_err_contains "not jpg"
run chart timeline --format png -o "$WORK/x.pdf"; expect_rc 2; expect_err_contains "--format is png"
run export --format csv -o "$WORK/x.jsonl";       expect_rc 2; expect_err_contains "--format is csv"
run report --format html -o "$WORK/r.pdf";        expect_rc 2; expect_err_contains "--format is html"
CHECKS=$((CHECKS + 1)); [ ! -e "$WORK/x.jpg" ] && [ ! -e "$WORK/x.pdf" ] && [ ! -e "$WORK/x.jsonl" ] || fail "a refused -o wrote a file"
CHECKS=$((CHECKS + 1)); [ "$before" = "$(db_digest)" ] || fail "a refused command changed the database"
# ... and what is plausible still goes in.
run log pain 5 --at 2026-03-11T08:00;             expect_rc 0    # tomorrow morning: within a day
run log pain 5 --at 2027-01-01T08:00 --future;    expect_rc 0
run edit 3 --at 2027-01-02T07:00 --future;        expect_rc 0; expect_out_contains "2027-01-02 07:00"
run log treat "upper trapezius" --json;           expect_rc 0; expect_out_contains '"muscle":"upper-trapezius"'
run export -o "$WORK/implied.jsonl";              expect_rc 0
CHECKS=$((CHECKS + 1)); head -c1 "$WORK/implied.jsonl" | grep -q '{' || fail "-o FILE.jsonl did not imply JSON Lines"
run import /nonexistent/diary.csv;                expect_rc 1; expect_err_contains "No such file or directory"

# --- several ids, all or nothing; history ---------------------------------------------------
run delete 1 2;                                   expect_rc 0; expect_out_contains "trp restore 1 2"
run restore 1 2 999;                              expect_rc 1; expect_err_contains "no entry with id 999"
run list --deleted;                               expect_out_contains "#1 "; expect_out_contains "#2 "
run restore 1 2;                                  expect_rc 0; expect_out_contains "restored #2"
run history 1;                                    expect_rc 0; expect_out_contains "never edited"
run history 4;                                    expect_out_contains "version 2, replaced"; expect_out_contains "now:"

# --- purge: the text is no longer in the file ------------------------------------------------
export TRP_DB="$WORK/purge.db"
run log note "KEEPME-marmalade" --at 2026-03-01T08:00
run log note "SECRET-one-zebra" --at 2026-03-01T09:00
run edit 2 --note "SECRET-two-giraffe"
# A second trp reading the diary keeps the write-ahead log in use, as a concurrent `trp list` would.
python3 - "$TRP_DB" "$WORK/reader.fifo" <<'PY' &
import sqlite3, sys, os, time
c = sqlite3.connect(sys.argv[1]); c.execute("SELECT count(*) FROM entry").fetchall()
open(sys.argv[2] + ".ready", "w").close()
for _ in range(300):
    if os.path.exists(sys.argv[2] + ".done"): break
    time.sleep(0.05)
PY
reader=$!
for _ in $(seq 100); do [ -e "$WORK/reader.fifo.ready" ] && break; sleep 0.05; done
run delete 2 --purge;                             expect_rc 0; expect_out_contains "purged #2"
CHECKS=$((CHECKS + 1))
if cat "$TRP_DB" "$TRP_DB-wal" 2>/dev/null | grep -aq "SECRET-"; then fail "purged text is still in the database file or its log"; fi
CHECKS=$((CHECKS + 1)); cat "$TRP_DB" "$TRP_DB-wal" 2>/dev/null | grep -aq "KEEPME-marmalade" || fail "purge removed another entry's text"
touch "$WORK/reader.fifo.done"; wait $reader
run history 2;                                    expect_rc 1; expect_err_contains "no entry with id 2"
run delete 2 --purge;                             expect_rc 1

# --- erase --all after a typed confirmation ---------------------------------------------------
before=$(db_digest)
OUT=$(echo "yes" | "$TRP" erase --all 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 1; expect_err_contains "nothing was erased"; expect_out_contains "removes the 1 entry of"
CHECKS=$((CHECKS + 1)); [ "$before" = "$(db_digest)" ] || fail "an unconfirmed erase changed the database"
run erase;                                        expect_rc 2
OUT=$(echo "erase everything" | "$TRP" erase --all 2>"$WORK/stderr"); RC=$?
expect_rc 0; expect_out_contains "erased 1 entry"
CHECKS=$((CHECKS + 1)); if cat "$TRP_DB" "$TRP_DB-wal" 2>/dev/null | grep -aq "KEEPME-"; then fail "erased text is still in the file"; fi
run log note "after erase" --at 2026-03-01T08:00; run erase --all --yes-erase-everything
expect_rc 0; expect_out_contains "erased 1 entry"
run list;                                         expect_rc 0; CHECKS=$((CHECKS + 1)); case "$OUT" in *"The diary is empty"*) ;; *) fail "entries left after erase: $OUT" ;; esac

# --- databases trp must not use, or must only read ----------------------------------------------
run --db "" log pain 3;                           expect_rc 2; expect_err_contains "database path is empty"
run --db :memory: log pain 3;                     expect_rc 2; expect_err_contains "not a file"
run --db file::memory: log pain 3;                expect_rc 2; expect_err_contains "not a file"
sqlite3 "$WORK/other.sqlite" "CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup');"
sum=$(sha256sum <"$WORK/other.sqlite")
run --db "$WORK/other.sqlite" log pain 3;         expect_rc 1; expect_err_contains "belongs to another program"
run --db "$WORK/other.sqlite" list;               expect_rc 1
CHECKS=$((CHECKS + 1)); [ "$sum" = "$(sha256sum <"$WORK/other.sqlite")" ] || fail "another program's database was changed"
printf 'not a database at all\n' >"$WORK/text.db"
run --db "$WORK/text.db" list;                    expect_rc 1; expect_err_contains "not a trp database"
export TRP_DB="$WORK/mark.db"
run log pain 3;                                   CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$TRP_DB" 'PRAGMA application_id')" = 1414680625 ] || fail "a new database is not marked as trp's"
# An older trp database (before the mark) is recognised and marked by the migration.
sqlite3 "$TRP_DB" 'PRAGMA application_id = 0; PRAGMA user_version = 2; DROP INDEX entry_revision_entry;'
run list;                                         expect_rc 0; expect_out_contains "pain 3"; CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$TRP_DB" 'PRAGMA application_id')" = 1414680625 ] || fail "an older trp database was not marked"

# Read-only: as another user when running as root (root may write anything).
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
    mkdir -p "$WORK/ro"; cp "$TRP_DB" "$WORK/ro/r.db"; chmod 444 "$WORK/ro/r.db"; chmod 555 "$WORK/ro"
    chmod o+rx "$WORK"
    OUT=$(as_user "$TRP" --db "$WORK/ro/r.db" list 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
    expect_rc 0 "list of a read-only database"; expect_out_contains "pain 3"
    OUT=$(as_user "$TRP" --db "$WORK/ro/r.db" log pain 4 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
    expect_rc 1; expect_err_contains "read-only for you"
    chmod 755 "$WORK/ro"
fi

# A writer that must wait says so and waits for the other writer instead of failing.
python3 - "$TRP_DB" "$WORK/lock" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close(); time.sleep(2.5); c.execute("COMMIT")
PY
locker=$!
for _ in $(seq 100); do [ -e "$WORK/lock" ] && break; sleep 0.05; done
run log pain 4 --note "typed during an import"
wait $locker
expect_rc 0 "log while another process writes"; expect_err_contains "waiting for another trp to finish writing"
run list;                                         expect_out_contains "typed during an import"

finish
