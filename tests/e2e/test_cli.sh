#!/usr/bin/env bash
# End-to-end tests of the diary commands: log, list, show, edit, delete, restore, help,
# usage errors and exit codes, refused input leaving the database unchanged, and two
# writers at the same moment.
. "$(dirname "$0")/lib.sh"

# --- help and usage
run help;                       expect_rc 0 "help"; expect_out_contains "log"
run log --help;                 expect_rc 0 "log --help"; expect_out_contains "trp log pain VALUE"
run help log;                   expect_rc 0; expect_out_contains "DURATION"
run help report;                expect_rc 0 "help report"; expect_out_contains "--for clinician   (default)"
run frobnicate;                 expect_rc 2 "unknown command"; expect_err_contains "unknown command"
run;                            expect_rc 2 "no command"
run log;                        expect_rc 2 "log without kind"

# --- logging every kind
run log pain 6 --region "left temple" --quality aching,throbbing --at "2026-03-01T08:00" --note "woke with it"
expect_rc 0 "log pain"; expect_out_contains "pain 6"; expect_out_contains "temple.l"
run log pain 3 --region "outer elbow on the right=4" --at "yesterday 21:30"
expect_rc 0 "log pain with side and intensity"; expect_out_contains "lateral-epicondyle.r=4"
run log task "computer work" 1h30m --at "today 09:00" --effort 4
expect_rc 0 "log task"; expect_out_contains "computer work 1h30m"
run log factor sleep_hours 6.5 --at "2026-03-09T07:00"
expect_rc 0 "log factor"
run log factor stress 7
expect_rc 0 "log factor now"
run log treat upper-trapezius --side right --hold 90s --passes 3 --released yes --before 6 --after 3 --at -2h
expect_rc 0 "log treat"; expect_out_contains "compression upper-trapezius right 90s x3 released pain 6->3"
run log note "new pillow" --at "2026-03-02T22:00"
expect_rc 0 "log note"

run list
expect_rc 0 "list"; golden "cli/list.txt"
run list --kind pain --json
expect_rc 0 "list --json"; golden "cli/list_pain.json"
run list --since 2026-03-09 --until "2026-03-10T00:00"
expect_rc 0 "list --since --until"; golden "cli/list_range.txt"
run show 1
expect_rc 0 "show"; golden "cli/show_1.txt"

# --- refused input: message, exit status, database untouched
before=$(db_digest)
run log pain 11;                          expect_rc 1; expect_err_contains "pain value 11 is outside 0-10"
run log pain 5 --region "left tempel";     expect_rc 1; expect_err_contains "did you mean"
run log pain 5 --region temple;           expect_rc 1; expect_err_contains "both sides"
run log pain 5 --quality burnig;          expect_rc 1; expect_err_contains "unknown pain quality"
run log pain 5 --at 2026-02-30T08:00;     expect_rc 1; expect_err_contains "has no day 30"
run log pain 5 --at "tomorrow";           expect_rc 1; expect_err_contains "not understood"
run log task "computer work" -- -45m;     expect_rc 1; expect_err_contains "negative"
run log task "computer work" 45;          expect_rc 1; expect_err_contains "unit"
run log task "computer work" 25h;         expect_rc 1; expect_err_contains "longer than 24 hours"
run log factor sleep_hours 25;            expect_rc 1; expect_err_contains "sleep_hours value 25 is outside 0-24"
run log factor mood abc;                  expect_rc 1; expect_err_contains "not a number"
run log treat upper-trapezius --passes 0; expect_rc 1; expect_err_contains "passes"
run log treat upper-trapezius --released maybe; expect_rc 1; expect_err_contains "yes or no"
run log pain 5 --effort 3;                expect_rc 2; expect_err_contains "does not apply to pain"
run log pain 5 --bogus;                   expect_rc 2; expect_err_contains "unknown option"
run log pain;                             expect_rc 2
run show 999;                             expect_rc 1; expect_err_contains "no entry with id 999"
run show abc;                             expect_rc 1; expect_err_contains "not an entry id"
run edit 1 12;                            expect_rc 1; expect_err_contains "outside 0-10"
CHECKS=$((CHECKS + 1))
[ "$(db_digest)" = "$before" ] || fail "a refused command changed the database"

# --- edit keeps the previous version
run edit 1 7 --region "right temple"
expect_rc 0 "edit"; expect_out_contains "pain 7"; expect_out_contains "temple.r"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$TRP_DB" "SELECT count(*) FROM entry_revision WHERE entry_id = 1")" = 1 ] ||
    fail "edit did not keep a revision"

# --- delete and restore
run delete 2;          expect_rc 0 "delete"; expect_out_contains "trp restore 2"
run delete 2;          expect_rc 1 "delete twice"; expect_err_contains "already deleted"
run list --deleted;    expect_rc 0; expect_out_contains "#2"
run list;              CHECKS=$((CHECKS + 1)); case "$OUT" in *"#2 "*) fail "deleted entry still listed" ;; esac
run edit 2 4;          expect_rc 1 "edit deleted"; expect_err_contains "restore it first"
run restore 2;         expect_rc 0 "restore"
run restore 2;         expect_rc 1 "restore twice"; expect_err_contains "not deleted"
run list;              expect_out_contains "#2 "

# --- database location: --db, $TRP_DB, then XDG
run --db "$WORK/other.db" log pain 2
expect_rc 0 "--db"
CHECKS=$((CHECKS + 1)); [ -f "$WORK/other.db" ] || fail "--db did not create the file"
( unset TRP_DB; "$TRP" log pain 1 >/dev/null 2>&1 )
CHECKS=$((CHECKS + 1)); [ -f "$XDG_DATA_HOME/trp/trp.db" ] || fail "XDG default database not created"

# --- two writers at the same moment both succeed
concurrent_db="$WORK/concurrent.db"
"$TRP" --db "$concurrent_db" log pain 1 >/dev/null
pids=()
for i in $(seq 1 8); do
    "$TRP" --db "$concurrent_db" log pain $((i % 10)) >"$WORK/c$i.out" 2>&1 &
    pids+=($!)
done
for p in "${pids[@]}"; do
    CHECKS=$((CHECKS + 1))
    wait "$p" || fail "a concurrent trp log failed: $(cat "$WORK"/c*.out)"
done
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$concurrent_db" "SELECT count(*) FROM entry")" = 9 ] || fail "concurrent writes lost entries"

# --- every command in `trp help` is described in the man page
run help
for c in $(printf '%s\n' "$OUT" | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1}'); do
    CHECKS=$((CHECKS + 1))
    grep -q "fB$c" "$TRP_SOURCE_ROOT/doc/man/trp.1" || fail "command $c is missing from doc/man/trp.1"
done

finish
