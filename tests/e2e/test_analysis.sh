#!/usr/bin/env bash
# End-to-end tests of the "keeping out of pain" commands: simulate (deterministic, truth file,
# bad specs), import of the simulated diary, recurrences and analyze (JSON contracts, counts,
# verdict words), the "not enough data" path, and demo refusing a database that has entries.
. "$(dirname "$0")/lib.sh"

run simulate --days 200 --seed 4 --planted "gardening:or=2:lag=0" -o "$WORK/a.csv" --truth "$WORK/t.json"
expect_rc 0 "simulate"
run simulate --days 200 --seed 4 --planted "gardening:or=2:lag=0" -o "$WORK/b.csv"
CHECKS=$((CHECKS + 1)); cmp -s "$WORK/a.csv" "$WORK/b.csv" || fail "simulate is not deterministic for a seed"
CHECKS=$((CHECKS + 1)); grep -q '"task": "gardening"' "$WORK/t.json" || fail "truth file lacks the planted task"
run simulate --planted "gardening:lag=7";   expect_rc 1; expect_err_contains "lag must be 0-3"
run simulate --days 0;                       expect_rc 1; expect_err_contains "--days"
run simulate --frobnicate 1;                 expect_rc 2

# Too little data: honest about it.
run analyze;                                 expect_rc 0; expect_out_contains "Not enough data yet"
run analyze --json;                          expect_out_contains '"recurrences": []'

run import "$WORK/a.csv" --future;           expect_rc 0   # the simulated diary runs past the test clock
run recurrences --json;                      expect_rc 0
expect_out_contains '"recurrences": ['; expect_out_contains '"onset": "'; expect_out_contains '"definition"'
run recurrences;                             expect_out_contains "flare-up(s):"
run analyze --json
expect_rc 0
for key in '"factors": [' '"name": "gardening"' '"kind": "task"' '"lag_days": 0' '"odds_ratio":' \
           '"ci95": [' '"q":' '"events_exposed":' '"days_exposed":' '"verdict":' '"direction":'; do
    expect_out_contains "$key"
done
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["recurrences"], "no recurrences"
for f in d["factors"]:
    assert f["verdict"] in ("likely", "possible", "no-evidence", "not-enough-data"), f
    assert f["direction"] in ("raises", "lowers", "unknown"), f
    lo, hi = f["ci95"]
    if f["odds_ratio"] is not None and lo is not None and hi is not None:
        assert lo <= f["odds_ratio"] <= hi, f
' || fail "analyze JSON breaks its contract"
run analyze --all;                           expect_rc 0; expect_out_contains "a flare followed"
run analyze --since "yesterday";             expect_rc 0
run analyze --bogus;                         expect_rc 2

run demo;                                    expect_rc 1; expect_err_contains "demo needs a new database"

finish
