#!/usr/bin/env bash
# End-to-end tests of import and export: CSV and JSON Lines round trips (export, import into
# a fresh database, export again: byte for byte the same), --dry-run, and every kind of bad
# input refused with a message naming the line and field while the database stays exactly
# as it was.
. "$(dirname "$0")/lib.sh"

run log pain 6 --region "left temple=7" --region "right heel" --quality aching,throbbing --flare --note 'a "quoted", note' --at 2026-03-01T08:00
run log task "computer work" 1h30m --effort 4 --posture sitting --at "2026-03-01T09:00"
run log treat soleus --side left --hold 45 --passes 2 --released no --pressure 5.5 --before 6 --after 4 --practitioner --at 2026-03-02T10:00
run log note "two
lines" --at 2026-03-02T11:00
run log factor sleep_hours 6.5 --at 2026-03-03T07:00
run log factor --at "2025-07-03T07:00" my_custom -- -3.25      # summer time; -- before a negative value
run log pain 2 --at "2026-03-04T08:00+05:30"

for fmt in csv jsonl; do
    run export --format $fmt -o "$WORK/one.$fmt";   expect_rc 0 "export $fmt"
    run --db "$WORK/fresh-$fmt.db" import "$WORK/one.$fmt"
    expect_rc 0 "import $fmt"; expect_out_contains "imported 7 entries"
    run --db "$WORK/fresh-$fmt.db" export --format $fmt -o "$WORK/two.$fmt"
    CHECKS=$((CHECKS + 1))
    if [ $fmt = csv ]; then
        cmp -s "$WORK/one.csv" "$WORK/two.csv" || { fail "CSV round trip differs"; diff "$WORK/one.csv" "$WORK/two.csv" >&2; }
    else
        # ids differ between databases; everything else must match
        diff <(sed 's/"id":[0-9]*,//' "$WORK/one.jsonl") <(sed 's/"id":[0-9]*,//' "$WORK/two.jsonl") >/dev/null ||
            fail "JSON Lines round trip differs"
    fi
done
CHECKS=$((CHECKS + 1))
head -1 "$WORK/one.csv" | grep -q '^time,kind,name,value,minutes,region,note,' || fail "export does not start with the seven columns"
run export --since 2026-03-02 --until 2026-03-03;  expect_out_contains "treatment"
CHECKS=$((CHECKS + 1)); case "$OUT" in *"pain,,6"*) fail "--since did not filter" ;; esac

# --dry-run writes nothing
run --db "$WORK/dry.db" import "$WORK/one.csv" --dry-run
expect_rc 0; expect_out_contains "checked 7 entries"; expect_out_contains "nothing written"
CHECKS=$((CHECKS + 1))
[ ! -e "$WORK/dry.db" ] || [ "$(sqlite3 "$WORK/dry.db" 'SELECT count(*) FROM entry')" = 0 ] || fail "--dry-run wrote entries"

# Bad input: refused whole, message names line and field, database unchanged.
H='time,kind,name,value,minutes,region,note'
good='2026-03-05T08:00,pain,,5,,,'
before=$(db_digest)
bad() { # bad NAME CONTENT EXPECTED-MESSAGE
    printf '%b' "$2" >"$WORK/$1.csv"
    run import "$WORK/$1.csv"
    expect_rc 1 "import $1"
    expect_err_contains "$3"
}
bad range       "$H\n$good\n2026-03-05T09:00,pain,,11,,,\n"            "line 3: pain value 11 is outside 0-10"
bad kind        "$H\n$good\n2026-03-05T09:00,walk,,1,,,\n"             "line 3: unknown kind \"walk\""
bad region      "$H\n2026-03-05T09:00,pain,,4,,left elbw,\n"            "line 2: unknown body region"
bad sideless    "$H\n2026-03-05T09:00,pain,,4,,temple,\n"               "both sides"
bad date        "$H\n2026-02-30T09:00,pain,,4,,,\n"                     "line 2: time \"2026-02-30T09:00\": 2026-02 has no day 30"
bad negative    "$H\n2026-03-05T09:00,task,computer work,,-30,,\n"      "line 2: task minutes must be more than 0"
bad quoting     "$H\n2026-03-05T09:00,note,,,,,\"unterminated\n"        "line 2: unterminated quoted field"
bad quote-mid   "$H\n2026-03-05T09:00,note,,,,,ab\"c\n"                 "line 2: quote inside an unquoted field"
bad binary      "$H\n\x00\x01\x02\xff\xfe\n"                             "line 2: contains a NUL byte"
bad utf8        "$H\n2026-03-05T09:00,note,,,,,caf\xe9\n"               "line 2: not valid UTF-8"
bad noheader    "2026-03-05T09:00,pain,,5,,,\n"                          "line 1: unknown column"
bad empty       ""                                                       "the file is empty"
bad column      "time,kind,vlaue\n2026-03-05T09:00,pain,5\n"             "unknown column \"vlaue\""
bad relative    "$H\nnow,pain,,5,,,\n"                                   "must be ISO 8601"
bad factor      "$H\n2026-03-05T09:00,factor,sleep_hours,30,,,\n"        "sleep_hours value 30 is outside 0-24"
bad treatcol    "time,kind,value,muscle\n2026-03-05T09:00,pain,5,soleus\n" "treatment columns belong to treatment rows"
printf '{"time":"2026-03-05T08:00","kind":"pain","value":5}\n{"time":"2026-03-05T09:00","kind":"pain","value":5,"vlaue":1}\n' >"$WORK/bad.jsonl"
run import "$WORK/bad.jsonl";  expect_rc 1; expect_err_contains 'line 2: unknown field "vlaue"'
printf '{"time":"2026-03-05T08:00","kind":"pain","value":5}\n{"time": oops}\n' >"$WORK/bad2.jsonl"
run import "$WORK/bad2.jsonl"; expect_rc 1; expect_err_contains "line 2: not JSON"
run import "$WORK/missing.csv"; expect_rc 1; expect_err_contains "cannot open"
run import;                      expect_rc 2
run export --format xml;         expect_rc 2
CHECKS=$((CHECKS + 1))
[ "$(db_digest)" = "$before" ] || fail "a refused import changed the database"

# Two identical entries (the same note twice in one minute) are two entries: exported and
# imported into a new diary they stay two, and importing the file again adds nothing.
for fmt in csv jsonl; do
    run --db "$WORK/twins.db" log note "same again" --at 2026-03-02T08:00
    run --db "$WORK/twins.db" log note "same again" --at 2026-03-02T08:00
    run --db "$WORK/twins.db" export -o "$WORK/twins.$fmt"
    rm -f "$WORK/twins.db" "$WORK/twins-in.db"
    run --db "$WORK/twins-in.db" import "$WORK/twins.$fmt"
    expect_rc 0 "import twins $fmt"; expect_out_contains "imported 2 entries"
    run --db "$WORK/twins-in.db" import "$WORK/twins.$fmt"
    expect_out_contains "imported 0 entries"; expect_out_contains "2 already in the diary"
    rm -f "$WORK/twins-in.db"
done

# A failed export to a file leaves no file behind.
run export -o "$WORK/no-such-dir/out.csv"; expect_rc 1
CHECKS=$((CHECKS + 1)); [ ! -e "$WORK/no-such-dir/out.csv" ] || fail "half-written export"

finish
