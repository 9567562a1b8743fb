#!/usr/bin/env bash
# End-to-end tests of the passes of a guided session travelling with their entry: a point
# held 90 s without softening, then one that softened after 3 s, must stay two different
# passes in every output and file, through edits and re-imports, and go when the entry goes.
. "$(dirname "$0")/lib.sh"
EX="$TRP_SOURCE_ROOT/doc/intake-answers.example.json"
PASSES='"each_pass":[{"hold_seconds":90,"softened":false},{"hold_seconds":3,"softened":true}]'
rows() { sqlite3 "$1" "SELECT group_concat(hold_seconds || ':' || softened, ' ') FROM (SELECT * FROM treatment_pass ORDER BY entry_id, pass)"; }
same() { CHECKS=$((CHECKS + 1)); [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }

run intake --answers "$EX"; expect_rc 0
OUT=$(printf '6\nn\n3\nq\n' | "$TRP" session upper-trapezius --side right 2>"$WORK/stderr"); RC=$?
expect_rc 0 "session"; expect_out_contains "Passes: 90s, 3s softened."
run log pain 4 --at "2026-03-10T11:00"; expect_rc 0

# --- list and show in JSON
run list --json --kind treatment; expect_rc 0; expect_out_contains "$PASSES"
run show 1 --json; expect_rc 0; expect_out_contains "$PASSES"

# --- the report and progress describe the holds pass by pass: the 90 s pass that did not
# soften is a hold, not a time to soften, and 3 s is not "the median hold".
run report -o "$WORK/r.pdf"; expect_rc 0
OUT=$(pdftotext -layout "$WORK/r.pdf" - 2>/dev/null | grep -A2 "Treatment response")
expect_out_contains "Median hold"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -Eq 'upper-trapezius +1 .* 100% of 1 +46 s \(2\) +3 s \(1\)$' || fail "report row: $OUT"
run report --for patient -o "$WORK/p.pdf"; expect_rc 0
OUT=$(pdftotext -layout "$WORK/p.pdf" - 2>/dev/null | grep -A4 "How treatment")
expect_out_contains "46 s (2)"; expect_out_contains "3 s (1)"; expect_out_contains "counting only the passes"
run progress
expect_out_contains "median hold 46 s over 2 passes, softened after a median 3 s in 1"
run progress --json
expect_out_contains '"median_release_seconds": 3'; expect_out_contains '"median_hold_seconds": 46.5'
expect_out_contains '"softened_passes": 1'

# --- JSON Lines: export, import into an empty diary, export again: the same lines.
run export --format jsonl -o "$WORK/a.jsonl"; expect_rc 0
grep -qF "$PASSES" "$WORK/a.jsonl" || fail "JSON Lines export lacks the passes"; CHECKS=$((CHECKS + 1))
run --db "$WORK/j.db" import "$WORK/a.jsonl"; expect_rc 0
same "$(rows "$WORK/j.db")" "90:0 3:1" "passes after JSON Lines import"
run --db "$WORK/j.db" export --format jsonl -o "$WORK/b.jsonl"; expect_rc 0
# Ids belong to one database; everything else must come back as it was.
noid() { sed 's/^{"id":[0-9]*,//' "$1" | sort; }
CHECKS=$((CHECKS + 1)); [ "$(noid "$WORK/a.jsonl")" = "$(noid "$WORK/b.jsonl")" ] || fail "JSON Lines round trip changed: $(diff "$WORK/a.jsonl" "$WORK/b.jsonl")"
# The same file again: everything is already there, passes included.
run --db "$WORK/j.db" import "$WORK/a.jsonl"; expect_rc 0; expect_out_contains "2 already in the diary"
same "$(rows "$WORK/j.db")" "90:0 3:1" "passes after importing twice"
# The same entry with other passes is a different record, not "already there".
sed 's/"hold_seconds":90,"softened":false/"hold_seconds":60,"softened":false/' "$WORK/a.jsonl" >"$WORK/c.jsonl"
run --db "$WORK/j.db" import "$WORK/c.jsonl"; expect_rc 0; expect_out_contains "1 already in the diary"
# Strict: a misspelt or mistyped pass is refused, and nothing is written.
for bad in '"each_pass":[{"hold":90,"softened":false}]' '"each_pass":[{"hold_seconds":90,"softened":"no"}]' \
           '"each_pass":[{"hold_seconds":-1,"softened":false}]' '"each_pass":{"hold_seconds":90}' \
           '"each_pass":[{"hold_seconds":90,"softened":false,"extra":1}]'; do
    printf '{"time":"2026-03-09T10:00:00+01:00","kind":"treatment","treatment":{"technique":"compression","muscle":"soleus","passes":1,%s}}\n' "$bad" >"$WORK/bad.jsonl"
    run --db "$WORK/bad.db" import "$WORK/bad.jsonl"; expect_rc 1 "bad pass $bad"
done
printf '{"time":"2026-03-09T10:00:00+01:00","kind":"treatment","treatment":{"technique":"compression","muscle":"soleus","passes":3,%s}}\n' "$PASSES" >"$WORK/bad.jsonl"
run --db "$WORK/bad.db" import "$WORK/bad.jsonl"; expect_rc 1 "3 passes but 2 recorded"; expect_err_contains "must agree"

# --- CSV: one more column at the end, "90:no;3:yes"; round trip is lossless.
run export -o "$WORK/a.csv"; expect_rc 0
head -1 "$WORK/a.csv" | grep -q ',unit,each_pass$' || fail "CSV header: $(head -1 "$WORK/a.csv")"
grep -q ',90:no;3:yes$' "$WORK/a.csv" || fail "CSV row lacks the passes: $(cat "$WORK/a.csv")"
CHECKS=$((CHECKS + 2))
run --db "$WORK/c.db" import "$WORK/a.csv"; expect_rc 0
same "$(rows "$WORK/c.db")" "90:0 3:1" "passes after CSV import"
run --db "$WORK/c.db" export -o "$WORK/b.csv"; expect_rc 0
CHECKS=$((CHECKS + 1)); cmp -s "$WORK/a.csv" "$WORK/b.csv" || fail "CSV round trip changed: $(diff "$WORK/a.csv" "$WORK/b.csv")"
run --db "$WORK/c.db" import "$WORK/a.csv"; expect_rc 0; expect_out_contains "2 already in the diary"
# Files written before the column existed still import.
printf 'time,kind,muscle,hold_seconds,passes\n2026-03-01T10:00,treatment,soleus,60,2\n' >"$WORK/old.csv"
run --db "$WORK/old.db" import "$WORK/old.csv"; expect_rc 0
for bad in '90;3:yes' '90:maybe' 'x:no' '90:no;' ':no'; do
    printf 'time,kind,muscle,passes,each_pass\n2026-03-01T10:00,treatment,soleus,2,%s\n' "$bad" >"$WORK/bad.csv"
    run --db "$WORK/bad.db" import "$WORK/bad.csv"; expect_rc 1 "bad CSV passes $bad"
done
same "$(sqlite3 "$WORK/bad.db" "SELECT count(*) FROM entry" 2>/dev/null || echo 0)" 0 "refused imports wrote nothing"

# --- edit history: the earlier version keeps its passes; a hand-given hold replaces them.
run edit 1 --note "right side"; expect_rc 0
run show 1 --json; expect_out_contains "$PASSES"
run edit 1 --hold 45 --passes 1; expect_rc 0
run show 1; expect_out_contains "hold:     45 s"; expect_out_lacks "pass 1:"
same "$(sqlite3 "$TRP_DB" "SELECT count(*) FROM treatment_pass WHERE entry_id = 1")" 0 "rows after hand edit"
run export --format jsonl --history -o "$WORK/h.jsonl"; expect_rc 0
CHECKS=$((CHECKS + 1))
[ "$(grep -o '"each_pass"' "$WORK/h.jsonl" | wc -l)" -eq 2 ] || fail "revisions lack the passes: $(cat "$WORK/h.jsonl")"

# --- purge and erase remove the rows.
same "$(rows "$WORK/j.db")" "90:0 3:1 60:0 3:1" "rows before purge"
id=$(sqlite3 "$WORK/j.db" "SELECT entry_id FROM treatment_pass WHERE hold_seconds = 90")
run --db "$WORK/j.db" delete "$id" --purge; expect_rc 0
same "$(rows "$WORK/j.db")" "60:0 3:1" "rows after delete --purge"
run --db "$WORK/c.db" erase --all --yes-erase-everything; expect_rc 0
same "$(sqlite3 "$WORK/c.db" "SELECT count(*) FROM treatment_pass")" 0 "rows after erase --all"

finish
