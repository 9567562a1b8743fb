#!/usr/bin/env bash
# End-to-end tests of times as people type them and of small frictions met by a new user:
# "--since today" starts at midnight; "3 days ago", "yesterday 9am", "last monday", "-1w";
# a time skipped by the clocks going forward is refused and nothing is stored; the newest
# entries with --limit; a helpful line for an empty diary; plain messages for values out
# of range. TRP_NOW is Tuesday 2026-03-10 12:00 in Berlin.
. "$(dirname "$0")/lib.sh"

run list; expect_rc 0; expect_out_contains "The diary is empty"; expect_out_contains "trp log pain"

run log pain 2 --at 2026-03-10T00:30
run log pain 3 --at 2026-03-09T23:50
run log pain 4 --at "yesterday 9am";  expect_rc 0; expect_out_contains "2026-03-09 09:00"
run log pain 5 --at "last monday 7pm"; expect_rc 0; expect_out_contains "2026-03-09 19:00"
run log pain 6 --at "3 days ago";     expect_rc 0; expect_out_contains "2026-03-07 12:00"
run log pain 7 --at -1w;              expect_rc 0; expect_out_contains "2026-03-03 12:00"

run list --since today;  expect_rc 0; expect_out_contains "2026-03-10 00:30  pain 2"
CHECKS=$((CHECKS + 1)); [ "$(printf '%s\n' "$OUT" | grep -c '^#')" -eq 1 ] || fail "--since today: $OUT"
run list --since yesterday --until today
CHECKS=$((CHECKS + 1)); [ "$(printf '%s\n' "$OUT" | grep -c '^#')" -eq 3 ] || fail "yesterday: $OUT"
run list --since "last monday"
CHECKS=$((CHECKS + 1)); [ "$(printf '%s\n' "$OUT" | grep -c '^#')" -eq 4 ] || fail "since last monday: $OUT"
run export --since "a week ago"; expect_rc 0; expect_out_contains "2026-03-03T12:00:00+01:00,pain"
run list --since "3 days ago"
CHECKS=$((CHECKS + 1)); [ "$(printf '%s\n' "$OUT" | grep -c '^#')" -eq 5 ] || fail "since 3 days ago: $OUT"

# The hour that did not exist in Berlin on 2026-03-29, and in New York on 2026-03-08.
before=$(db_digest)
run log pain 5 --at 2026-03-29T02:30; expect_rc 1; expect_err_contains "clocks went forward from 02:00 to 03:00"
OUT=$(TZ=America/New_York "$TRP" log pain 5 --at 2026-03-08T02:15 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 1; expect_err_contains "clocks went forward"
CHECKS=$((CHECKS + 1)); [ "$before" = "$(db_digest)" ] || fail "a refused time changed the diary"
# The repeated hour in October is the first one (summer time), unless the offset says otherwise.
run log pain 1 --future --at 2026-10-25T02:30 --json; expect_out_contains '"time":"2026-10-25T02:30:00+02:00"'
run log pain 1 --future --at 2026-10-25T02:30+01:00 --json; expect_out_contains '"time":"2026-10-25T02:30:00+01:00"'

# --limit N: the N newest, oldest first.
run list --limit 3 --until 2026-03-11; expect_rc 0
CHECKS=$((CHECKS + 1))
got=$(printf '%s\n' "$OUT" | awk '{print $5}' | tr '\n' ' ')
[ "$got" = "5 3 2 " ] || fail "--limit 3 shows pain values '$got', expected the three newest '5 3 2 '"
run list --limit 2 --json --until 2026-03-11; expect_out_contains '"value":3'; expect_out_contains '"value":2'
run list --kind task; expect_rc 0; expect_out_contains "No entries match"

# Values out of range say so, once.
run log pain -1;          expect_rc 1; expect_err_contains "pain value -1 is outside 0-10"
run log pain 11;          expect_rc 1; expect_err_contains "pain value 11 is outside 0-10"
run log factor stress 11; expect_rc 1; expect_err_contains "stress value 11 is outside 0-10"
CHECKS=$((CHECKS + 1)); case "$ERR" in *"(0-10)"*) fail "range said twice: $ERR" ;; esac
run log factor my_balance -2.5; expect_rc 0; expect_out_contains "factor my_balance -2.5"
run log pain -x;          expect_rc 2; expect_err_contains "unknown option -x"
finish
