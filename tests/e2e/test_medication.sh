#!/usr/bin/env bash
# End-to-end tests of medication, PGIC and PSFS entries: logging them the way people
# would, refusing what makes no sense with nothing written, list and show, CSV and JSON
# Lines round trips, older CSV files without the new columns still importing, the analysis
# leaving medication out and saying so, the report listing it, and charts of a diary that
# ended years ago.
. "$(dirname "$0")/lib.sh"

run log med ibuprofen --dose 400 --unit mg --at "2026-03-01T08:00";  expect_rc 0
expect_out_contains "medication ibuprofen 400 mg"
run log med paracetamol --at "2026-03-01T09:00";                     expect_rc 0
run log pgic 2 --at "2026-03-01T10:00";                              expect_rc 0
expect_out_contains "pgic 2 (much improved)"
run log psfs "reaching overhead" 4 --at "2026-03-01T11:00";          expect_rc 0
expect_out_contains 'psfs "reaching overhead" 4/10'

before=$(db_digest)
run log med ibuprofen --dose 400;               expect_rc 1; expect_err_contains "needs a unit"
run log med ibuprofen --dose 400 --unit mgs;    expect_rc 1; expect_err_contains "not one of mg"
run log med ibuprofen --unit mg;                expect_rc 1; expect_err_contains "without a dose"
run log med ibuprofen --dose 0 --unit mg;       expect_rc 1; expect_err_contains "more than 0"
run log med ibuprofen --dose -4 --unit mg;      expect_rc 1; expect_err_contains "outside 0-1000000"
run log med;                                    expect_rc 2
run log pain 5 --dose 3;                        expect_rc 2; expect_err_contains "does not apply"
run log pgic 8;                                 expect_rc 1; expect_err_contains "outside 1-7"
run log pgic 2.5;                               expect_rc 1; expect_err_contains "whole number"
run log psfs "reaching overhead" 11;            expect_rc 1; expect_err_contains "outside 0-10"
run log psfs 4;                                 expect_rc 2
CHECKS=$((CHECKS + 1)); [ "$(db_digest)" = "$before" ] || fail "a refused entry changed the database"

run list; expect_rc 0
expect_out_contains "medication paracetamol"
run show 1; expect_out_contains "dose:     400 mg"
run show 3; expect_out_contains "value:    2 (much improved)"

# Round trips through both formats.
run export -o "$WORK/out.csv"; expect_rc 0
head -1 "$WORK/out.csv" | grep -q ',performer,dose,unit,' || fail "CSV header lacks dose,unit after performer"
CHECKS=$((CHECKS + 1))
run --db "$WORK/csv.db" import "$WORK/out.csv"; expect_rc 0
expect_out_contains "note 0, medication 2, pgic 1, psfs 1)"
run --db "$WORK/csv.db" list; a="$OUT"; run list
CHECKS=$((CHECKS + 1)); [ "$a" = "$OUT" ] || fail "CSV round trip changed entries: $a"
run export --format jsonl -o "$WORK/out.jsonl"; expect_rc 0
grep -q '"kind":"medication","name":"ibuprofen","dose":400,"unit":"mg"' "$WORK/out.jsonl" ||
    fail "JSON Lines medication: $(head -1 "$WORK/out.jsonl")"
CHECKS=$((CHECKS + 1))
run --db "$WORK/jsonl.db" import "$WORK/out.jsonl"; expect_rc 0
run --db "$WORK/jsonl.db" list; a="$OUT"; run list
CHECKS=$((CHECKS + 1)); [ "$a" = "$OUT" ] || fail "JSON Lines round trip changed entries: $a"

# A file written before medication entries existed still imports.
printf 'time,kind,name,value,minutes,region,note\n2026-03-02T08:00:00+01:00,pain,,5,,,\n' >"$WORK/old.csv"
run --db "$WORK/old.db" import "$WORK/old.csv"; expect_rc 0
printf 'time,kind,name,value,dose,unit\n2026-03-02T08:00:00+01:00,medication,ibuprofen,400,,\n' >"$WORK/bad.csv"
run --db "$WORK/bad.db" import "$WORK/bad.csv"; expect_rc 1; expect_err_contains "dose column"

# The analysis leaves medication out, and says so.
run simulate --days 120 --seed 3 -o "$WORK/sim.csv"; expect_rc 0
"$TRP" --db "$WORK/sim.db" import "$WORK/sim.csv" >/dev/null
for d in 02 03 04 05 06 07 08; do
    "$TRP" --db "$WORK/sim.db" log med ibuprofen --dose 400 --unit mg --at "2026-02-${d}T20:00" >/dev/null
done
run --db "$WORK/sim.db" analyze --all
expect_out_contains "Medication entries are left out"
CHECKS=$((CHECKS + 1)); case "$OUT" in *"- ibuprofen"*) fail "medication was analysed as an exposure" ;; esac
run --db "$WORK/sim.db" analyze --json
expect_out_contains '"medication_left_out": 7'
run --db "$WORK/sim.db" report --format html -o "$WORK/sim.html"; expect_rc 0
grep -q "Medication logged: ibuprofen (7 times on 7 days)" "$WORK/sim.html" || fail "report lacks the medication line"
CHECKS=$((CHECKS + 1))
run --db "$WORK/sim.db" chart timeline --since 2026-02-01; expect_rc 0
expect_out_contains "ibuprofen 400 mg"

# A diary that ended in 2023 charts and reports over its own dates.
run simulate --days 60 --seed 2 --start 2023-03-01 -o "$WORK/old_diary.csv"; expect_rc 0
"$TRP" --db "$WORK/2023.db" import "$WORK/old_diary.csv" >/dev/null
run --db "$WORK/2023.db" chart timeline; expect_rc 0 "chart of a 2023 diary"
expect_out_contains "1 Mar 2023 to 29 Apr 2023"
run --db "$WORK/2023.db" report --format html -o "$WORK/2023.html"; expect_rc 0 "report of a 2023 diary"

# simulate ends today and writes nothing after now ($TRP_NOW is 2026-03-10 12:00 +01:00).
run simulate --days 30 --seed 5; expect_rc 0
last=$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | sort | tail -1)
CHECKS=$((CHECKS + 1)); [[ "$last" < "2026-03-10T12:00:01" ]] || fail "simulate wrote after now: $last"
CHECKS=$((CHECKS + 1)); [[ "$last" > "2026-03-10" ]] || fail "simulate does not end today: $last"

finish
