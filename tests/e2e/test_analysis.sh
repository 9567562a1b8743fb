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
run recurrences;                             expect_out_contains " flare-ups:"; expect_out_lacks "(s)"
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
    # Not estimable yet (an interval wider than x100): no number at all.
    if f["estimable"]:
        lo, hi = f["ci95"]
        assert lo <= f["odds_ratio"] <= hi and hi / lo <= 100, f
    else:
        assert f["odds_ratio"] is None and f["ci95"] is None and f["direction"] == "unknown", f
    assert f["lag_days"] in (0, 1, "2-3", "1-7", "1-14"), f
assert any(f["lag_days"] == "1-14" for f in d["factors"]), "no build-up over two weeks"
assert isinstance(d["suspects"], list)
' || fail "analyze JSON breaks its contract"
run analyze --all;                           expect_rc 0; expect_out_contains "a flare followed"
run analyze --since "yesterday";             expect_rc 0
run analyze --bogus;                         expect_rc 2

run demo;                                    expect_rc 1; expect_err_contains "demo needs a new database"
run --db "$WORK/one.db" log pain 3;         expect_rc 0
run --db "$WORK/one.db" demo;               expect_rc 1; expect_err_contains "holds 1 entry: the demo"

# The flare definition: --flare for one run, 'config flare' to keep one, bad ones refused.
run recurrences --json --flare classic;      expect_rc 0; expect_out_contains '"spec": "rise=2,floor=4,calm=1d'
run recurrences --flare "rise=1.5,floor=0,calm=1d"; expect_rc 0; expect_out_contains "at least 1.5 points"
run recurrences --flare sometimes;           expect_rc 1; expect_err_contains "not a preset"
run analyze --flare "rise=abc";              expect_rc 1; expect_err_contains "rise must be"
run config flare classic,floor=3;            expect_rc 0; expect_out_contains "kept with 'trp config flare'"
run recurrences --json;                      expect_out_contains '"spec": "rise=2,floor=3,calm=1d'
run recurrences --json --flare adaptive;     expect_out_contains '"spec": "rise=auto'
run config flare "calm=3";                   expect_rc 1; expect_err_contains "calm must be"
run config flare;                            expect_out_contains "rise=2,floor=3"
run config flare --reset;                    expect_rc 0; expect_out_contains "(the default)"
run config frobnicate;                       expect_rc 2
run chart timeline --flare bogus -o "$WORK/t.svg"; expect_rc 1; expect_err_contains "not a preset"
run chart factors --flare classic -o "$WORK/f.svg"; expect_rc 0
CHECKS=$((CHECKS + 1)); grep -q "14 days before" "$WORK/f.svg" || fail "factors chart lacks the build-up lag"
run report --flare "rise=1.5" --format html -o "$WORK/r.html"; expect_rc 0

# A diary that moves between 2.5 and 3.5 for two months, then an afternoon at 4.2: a flare
# on this person's scale (peak shown with its decimal), none under the fixed 2-points-and-4/10
# rule, which also finds nothing in the long quiet stretch and says so.
export TRP_DB="$WORK/steady.db"
python3 - "$WORK/steady.csv" <<'PY'
import sys, datetime
rows = ["time,kind,name,value,minutes,region,note,quality,flare,effort,posture,technique,muscle,side,"
        "hold_seconds,passes,released,pressure,pain_before,pain_after,performer"]
d0 = datetime.date(2025, 1, 6)
for d in range(120):
    day = d0 + datetime.timedelta(days=d)
    vals = [(8, 2.5), (13, 3), (20, 3.5)]
    if d == 100:
        vals = [(8, 3), (12, 4.2), (15, 4.2), (20, 3)]
    for h, v in vals:
        rows.append("%sT%02d:00:00+01:00,pain,,%s,,,,,,,,,,,,,,,,," % (day.isoformat(), h, v))
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
run import "$WORK/steady.csv";               expect_rc 0
run recurrences;                             expect_out_contains "1 flare-up:"; expect_out_lacks "1 days"; expect_out_contains "2025-04-16 12:00  peak 4.2"
run recurrences --flare classic;             expect_out_contains "No flare-ups found"
expect_out_contains "this definition may not fit your diary"
run analyze --flare classic;                 expect_out_contains "the flare definition may not fit your diary"
run analyze --json;                          expect_out_contains '"definition_may_not_fit": true'

# Walking less often on the days before flares (45% against 75%): a protective finding gets
# protective advice (keep doing it), never "test it on alternate weeks".
export TRP_DB="$WORK/walk.db"
python3 - "$WORK/walk.csv" <<'PY'
import datetime, random, sys
random.seed(3)
rows = ["time,kind,name,value,minutes,region,note,quality,flare,effort,posture,technique,muscle,side,"
        "hold_seconds,passes,released,pressure,pain_before,pain_after,performer"]
d0 = datetime.date(2025, 1, 6)
flare_days, d = set(), 5
while d < 150:
    flare_days.add(d)
    d += random.randint(5, 9)
for d in range(150):
    day = d0 + datetime.timedelta(days=d)
    if random.random() < (0.45 if (d + 1) in flare_days else 0.75):
        rows.append("%sT12:00:00+01:00,task,walking,,45,,,,,,,,,,,,,,,," % day.isoformat())
    after = (d - 1) in flare_days
    vals = [(8, 8 if after else 3), (20, 8 if (d in flare_days or after) else 3)]
    if d in flare_days:
        vals.insert(1, (18, 8))
    for h, v in vals:
        rows.append("%sT%02d:00:00+01:00,pain,,%s,,,,,,,,,,,,,,,,," % (day.isoformat(), h, v))
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
run import "$WORK/walk.csv";                 expect_rc 0
run analyze;                                 expect_out_contains "possibly lowers the risk"
expect_out_contains "keep doing it"; CHECKS=$((CHECKS + 1))
case "$OUT" in *"alternate weeks"*) fail "protective finding told to test it on alternate weeks" ;; esac

# A young diary: suspects so far, in plain counts.
export TRP_DB="$WORK/young.db"
run simulate --days 45 --seed 3 -o "$WORK/young.csv"; expect_rc 0
run import "$WORK/young.csv";                expect_rc 0
run analyze;                                 expect_out_contains "Suspects so far"; expect_out_contains "more flare"
run analyze --json;                          expect_out_contains '"suspects": ['; expect_out_contains '"flares_to_settle"'

finish
