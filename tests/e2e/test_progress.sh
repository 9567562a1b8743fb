#!/usr/bin/env bash
# End-to-end tests of `trp progress`: too early with little data; a recovering course with a
# setback week (improving, no advice to seek another opinion); a flat course of six weeks
# (advice to seek another opinion); thresholds from the command line; JSON contract.
. "$(dirname "$0")/lib.sh"

logcourse() { # logcourse DB LEVEL... : one week per level, two ratings a day
    local db="$1"; shift
    local day=0 f="$WORK/course.jsonl"
    : >"$f"
    for level in "$@"; do
        for d in 0 1 2 3 4 5 6; do
            date=$(date -u -d "2026-01-05 +$day days" +%F)
            printf '{"time":"%sT09:00:00+01:00","kind":"pain","value":%s}\n' "$date" "$level" >>"$f"
            printf '{"time":"%sT20:00:00+01:00","kind":"pain","value":%s}\n' "$date" "$level" >>"$f"
            day=$((day + 1))
        done
    done
    "$TRP" --db "$db" import "$f" >/dev/null 2>&1 || {
        # Before the importer exists, fall back to one log per line.
        while IFS= read -r line; do
            t=$(printf '%s' "$line" | sed 's/.*"time":"\([^"]*\)".*/\1/')
            v=$(printf '%s' "$line" | sed 's/.*"value":\([0-9.]*\).*/\1/')
            "$TRP" --db "$db" log pain "$v" --at "$t" >/dev/null
        done <"$f"
    }
}

run progress;              expect_rc 0; expect_out_contains "too-early"
run progress --json;       expect_out_contains '"status": "too-early"'; expect_out_contains '"seek_other_opinion": false'

logcourse "$WORK/good.db" 7 7 6 5 4 3 5
run --db "$WORK/good.db" progress --json
expect_rc 0
expect_out_contains '"status": "improving"'
expect_out_contains '"seek_other_opinion": false'
expect_out_contains '"weekly": ['
expect_out_contains '"advice": "Your pain is about'
run --db "$WORK/good.db" progress --improve-pct 80 --json
expect_out_contains '"status": "no-change"'

logcourse "$WORK/flat.db" 6 6 6 5 6 6
run --db "$WORK/flat.db" progress
expect_rc 0; expect_out_contains "Status: no-change  (advice: seek another opinion)"
expect_out_contains "IMMPACT"
run --db "$WORK/flat.db" progress --seek-weeks 10 --json
expect_out_contains '"seek_other_opinion": false'

run progress --seek-weeks 1;   expect_rc 1; expect_err_contains "outside 2-52"
run progress extra;            expect_rc 2

finish
