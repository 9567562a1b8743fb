#!/usr/bin/env bash
# Benchmarks, each against a baseline measured in the same run (figures go into issue notes):
#   import   1,000,000 CSV rows: `trp import` vs the sqlite3 shell's `.import` into a plain table
#   log      `trp log` as a whole process on a database of 100,000 entries (median, hyperfine)
#   list     `trp list --since` over 1,000,000 entries vs `sqlite3` selecting the same rows
#   where    `trp where temple` as a whole process vs `trp --version` (process start-up)
#   analysis recall, false discoveries, coverage, null alarms vs a plain case-crossover
#            (analysis_bench, 1000 diaries), and the one-year analysis time against R's
#            survival::clogit on the same models (analysis_speed.sh)
#   report   a one-year clinician report (bench/report_bench.sh)
#   serve    `trp serve` under wrk: GET and POST /api/v1/entries (bench/serve_bench.sh)
# ROWS overrides the 1,000,000 (e.g. ROWS=100000 for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
TRP=${TRP:-build/trp}
ROWS=${ROWS:-1000000}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
ms() { python3 -c "import sys; print('%.1f' % ((int(sys.argv[2]) - int(sys.argv[1])) / 1e6))" "$1" "$2"; }
now() { date +%s%N; }

echo "== import: $ROWS rows"
python3 bench/gen_rows.py "$ROWS" "$W/rows.csv"
t0=$(now); sqlite3 "$W/plain.db" -cmd ".mode csv" ".import $W/rows.csv rows"; t1=$(now)
base=$(ms "$t0" "$t1")
t0=$(now); "$TRP" --db "$W/trp.db" import "$W/rows.csv" >/dev/null; t1=$(now)
trp=$(ms "$t0" "$t1")
echo "sqlite3 .import: ${base} ms; trp import: ${trp} ms; trp speed = $(python3 -c "print('%.2f' % ($base / $trp))")x of sqlite3 .import"

echo "== list --since over $ROWS entries (last 10%)"
since=$(sed -n "$((ROWS * 9 / 10 + 1))p" "$W/rows.csv" | cut -d, -f1)
t0=$(now); sqlite3 "$W/plain.db" "SELECT * FROM rows WHERE time >= '$since'" >/dev/null; t1=$(now)
base=$(ms "$t0" "$t1")
t0=$(now); "$TRP" --db "$W/trp.db" list --since "$since" >/dev/null; t1=$(now)
trp=$(ms "$t0" "$t1")
echo "sqlite3 select: ${base} ms; trp list --since: ${trp} ms; ratio $(python3 -c "print('%.2f' % ($trp / $base))")"

echo "== log on a 100,000-entry database"
python3 bench/gen_rows.py 100000 "$W/small.csv"
"$TRP" --db "$W/small.db" import "$W/small.csv" >/dev/null
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 --runs 60 --export-json "$W/log.json" \
        "$TRP --version" "$TRP --db $W/small.db log pain 5 --region 'left temple'" >/dev/null
    python3 - "$W/log.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
b, l = r[0]["median"] * 1000, r[1]["median"] * 1000
print("trp --version (process start): %.2f ms median; trp log: %.2f ms median; ratio %.1f" % (b, l, l / b))
PY
    echo "== where"
    hyperfine -N --warmup 5 --runs 60 --export-json "$W/where.json" \
        "$TRP --version" "$TRP where temple" >/dev/null
    python3 - "$W/where.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
b, w = r[0]["median"] * 1000, r[1]["median"] * 1000
print("trp --version: %.2f ms median; trp where temple: %.2f ms median; ratio %.1f" % (b, w, w / b))
PY
else
    echo "hyperfine is not installed (apt-get install hyperfine)"
fi

echo "== analysis: simulated diaries, trp against a plain case-crossover"
"$(dirname "$TRP")/bench/analysis_bench" "${DIARIES:-1000}" 365
echo "== analysis: issue 13's 150-day diaries (planted, null, weekly rhythm), every ablation"
"$(dirname "$TRP")/bench/analysis_bench" --held-out "${HELD_OUT:-600}"
echo "== analysis: three years of knee pain between 2 and 4, cycling building up over two weeks"
"$(dirname "$TRP")/bench/analysis_bench" --knee 20
echo "== analysis speed: one-year diary, trp against R survival::clogit"
bash bench/analysis_speed.sh "$(dirname "$TRP")"

echo "== where: sentences as a whole process"
TRP="$TRP" bash bench/where_bench.sh

if [ -x bench/report_bench.sh ] || [ -f bench/report_bench.sh ]; then
    echo "== report"
    TRP="$TRP" bash bench/report_bench.sh || true
fi

echo "== serve: GET and POST /api/v1/entries with wrk"
TRP="$TRP" bash bench/serve_bench.sh
