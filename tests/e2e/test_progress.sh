#!/usr/bin/env bash
# End-to-end tests of `trp progress`, written from the cases people and clinicians raised:
# too early with little data; a recovering course with a setback week; a flat course of six
# weeks (seek another opinion); 2 to 3 out of 10 is not "worse, see your doctor"; 8 to 6 is
# improvement; a long diary is not judged against its first weeks years ago; the baseline
# from the first treatment or --baseline; function (PSFS) and PGIC counting; `progress`
# and `report` telling the same status on a simulated year; JSON contract.
. "$(dirname "$0")/lib.sh"

logcourse() { # logcourse DB START LEVEL... : one week per level, one rating a day from START
    local db="$1" start="$2"; shift 2
    local day=0 f="$WORK/course.jsonl"
    : >"$f"
    for level in "$@"; do
        for d in 0 1 2 3 4 5 6; do
            date=$(date -u -d "$start +$day days" +%F)
            printf '{"time":"%sT09:00:00+01:00","kind":"pain","value":%s}\n' "$date" "$level" >>"$f"
            day=$((day + 1))
        done
    done
    "$TRP" --db "$db" import "$f" >/dev/null || fail "import of the course into $db"
}

run progress;              expect_rc 0; expect_out_contains "too-early"
run progress --json;       expect_out_contains '"status": "too-early"'; expect_out_contains '"seek_other_opinion": false'

logcourse "$WORK/good.db" 2026-01-05 7 7 6 5 4 3 5
run --db "$WORK/good.db" progress --json
expect_rc 0
expect_out_contains '"status": "improving"'
expect_out_contains '"seek_other_opinion": false'
expect_out_contains '"weekly": ['
expect_out_contains '"advice": "Your pain is clearly lower than at the start'
run --db "$WORK/good.db" progress --change-points 5 --change-pct 80 --json
expect_out_contains '"status": "no-change"'

logcourse "$WORK/flat.db" 2026-01-05 6 6 6 5 6 6
run --db "$WORK/flat.db" progress
expect_rc 0; expect_out_contains "Status: no-change  (advice: seek another opinion)"
expect_out_contains "NICE CKS"
run --db "$WORK/flat.db" progress --seek-weeks 10 --json
expect_out_contains '"seek_other_opinion": false'

# 2 to 3 out of 10: "+50%", yet one step of the scale: not worsening, no doctor.
logcourse "$WORK/low.db" 2026-01-05 2 2 3 3 3 3 3
run --db "$WORK/low.db" progress
expect_out_contains "Status: no-change"
CHECKS=$((CHECKS + 1)); case "$OUT" in *worse*|*"see your doctor"*|*"50%"*) fail "2 to 3 reads as worse: $OUT" ;; esac

# 8 to 6: 2 points, "much improved" (Farrar 2001), though 25%.
logcourse "$WORK/eight.db" 2026-01-05 8 8 7 6 6 6 6 6
run --db "$WORK/eight.db" progress
expect_out_contains "Status: improving"
CHECKS=$((CHECKS + 1)); case "$OUT" in *"another opinion"*) fail "8 to 6 advises another opinion: $OUT" ;; esac

# Eight bad weeks long ago, then a year at 5: not "improving, 40% better" against 2024.
logcourse "$WORK/long.db" 2025-01-06 8 8 8 8 8 8 8 8 $(for i in $(seq 52); do printf '5 '; done)
run --db "$WORK/long.db" progress --json
expect_out_contains '"status": "no-change"'
expect_out_contains '"baseline_from": "recent"'
run --db "$WORK/long.db" progress --baseline 2025-01-06 --json
expect_out_contains '"status": "improving"'
expect_out_contains '"baseline_from": "option"'
run --db "$WORK/long.db" progress --since 2025-01-06 --json
expect_out_contains '"baseline_from": "period"'
expect_out_contains '"status": "improving"'
CHECKS=$((CHECKS + 1)); case "$OUT" in *"-0.0"*) fail "a trend reads -0.0: $OUT" ;; esac

# A diary that ended long ago says that it describes that time.
TRP_NOW=2027-06-01T12:00:00+02:00 run --db "$WORK/long.db" progress
expect_out_contains "days ago: this describes that time, not today"

# The first treatment starts the course: pain at 7 until then, treated from March 2025.
"$TRP" --db "$WORK/long.db" log treat upper-trapezius --at 2025-03-03T10:00 >/dev/null
run --db "$WORK/long.db" progress --json
expect_out_contains '"baseline_from": "first-treatment"'
expect_out_contains '"course_start": "2025-03-03"'

# Better function counts when pain does not move; the person's own impression too.
logcourse "$WORK/fn.db" 2026-01-05 5 5 5 5 5 5 5
"$TRP" --db "$WORK/fn.db" log psfs "reaching overhead" 3 --at 2026-01-06T10:00 >/dev/null
"$TRP" --db "$WORK/fn.db" log psfs "reaching overhead" 6 --at 2026-02-20T10:00 >/dev/null
run --db "$WORK/fn.db" progress
expect_out_contains "Status: improving"
expect_out_contains "Function (PSFS"
expect_out_contains "Better function counts"
logcourse "$WORK/pgic.db" 2026-01-05 5 5 5 5 5 5 5
"$TRP" --db "$WORK/pgic.db" log pgic 2 --at 2026-02-20T10:00 >/dev/null
run --db "$WORK/pgic.db" progress --json
expect_out_contains '"status": "improving"'
expect_out_contains '"label": "much improved"'

# Worsening asks for a re-check of the warning signs.
logcourse "$WORK/worse.db" 2026-01-05 3 3 5 6 6
run --db "$WORK/worse.db" progress
expect_out_contains "Status: worsening"
expect_out_contains "trp intake"

# One status everywhere: a simulated year, `progress` and the report agree.
run simulate --days 365 --seed 11 -o "$WORK/year.csv"; expect_rc 0 "simulate a year"
"$TRP" --db "$WORK/year.db" import "$WORK/year.csv" >/dev/null
run --db "$WORK/year.db" progress --json
status=$(printf '%s' "$OUT" | sed -n 's/^  "status": "\(.*\)",$/\1/p')
CHECKS=$((CHECKS + 1)); [ -n "$status" ] || fail "no status in progress --json"
run --db "$WORK/year.db" report --format html -o "$WORK/year.html"; expect_rc 0 "report of the year"
CHECKS=$((CHECKS + 1))
grep -q "Status $status\." "$WORK/year.html" || fail "report disagrees with progress ($status): $(grep -o 'Status [a-z-]*' "$WORK/year.html")"
run --db "$WORK/year.db" chart progress
CHECKS=$((CHECKS + 1))
case "$OUT" in *"status: $status"*) ;; *) fail "progress chart disagrees with progress ($status)" ;; esac

# The demo: a year of diary, and a plain statement of what was planted and what was found.
run --db "$WORK/demo.db" demo; expect_rc 0 "demo"
expect_out_contains "over 730 days"
expect_out_contains 'Found: "likely"'
expect_out_contains "Planted: each hour of computer work raises the odds of a flare the next day"
CHECKS=$((CHECKS + 1))
case "$OUT" in *'Found: "likely"'*|*'Found only as "possible"'*|*"Not found:"*) ;; *) fail "demo does not say what it found" ;; esac

run progress --seek-weeks 1;   expect_rc 1; expect_err_contains "outside 2-52"
run progress --baseline;       expect_rc 2
run progress extra;            expect_rc 2

finish
