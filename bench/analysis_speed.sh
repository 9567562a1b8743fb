#!/usr/bin/env bash
# Benchmark: analysing a one-year diary with 30 candidate exposures (150 exposure-and-lag
# estimates) should take under 50 ms in-process; eight years under 1 s as a whole process.
# Ratios against a named baseline in the same run: issue 4's configuration (BASELINE=1).
# Measured in the same run on the same data: trp in-process (bench/analysis_speed), the
# whole `trp analyze --json` process on the same diary imported into a database, and R's
# survival::clogit fitting the very same 30 models (bench/clogit_speed.R), when R is here.
#
# usage: bench/analysis_speed.sh [BUILD_DIR]   (default: build)
set -eu
. "$(dirname "$0")/lib.sh"
BUILD=${1:-build}
DAYS=365 SEED=${SEED:-7} PLANTED=${PLANTED:-gardening:or=3:lag=0} EXTRA=${EXTRA:-20}
TRP="$BUILD/trp"
[ -x "$TRP" ] && [ -x "$BUILD/bench/analysis_speed" ] || { echo "build first: ninja -C $BUILD" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TRP_DB="$WORK/year.db" TZ=Europe/Berlin

inproc_out=$("$BUILD/bench/analysis_speed" "$DAYS" "$SEED" "$PLANTED" "$EXTRA" "$WORK")
echo "$inproc_out"
inproc=$(echo "$inproc_out" | sed -n 's/.*in-process: \([0-9.]*\) ms.*/\1/p')
# The named baseline, same run, same diary: issue 4's configuration (fixed flare rule,
# lags 0-2, BH over every exposure-and-lag test).
mkdir -p "$WORK/base" "$WORK/eight"
base_out=$(BASELINE=1 "$BUILD/bench/analysis_speed" "$DAYS" "$SEED" "$PLANTED" "$EXTRA" "$WORK/base")
echo "baseline (issue 4's configuration): $(echo "$base_out" | tail -1)"
base=$(echo "$base_out" | sed -n 's/.*in-process: \([0-9.]*\) ms.*/\1/p' | tail -1)
awk -v a="$inproc" -v b="$base" 'BEGIN { printf "trp / issue 4 baseline, in-process: %.2fx\n", a / b }'
# The budget is the analysis itself (issue 13: "under 50 ms in-process"); the whole process
# below adds start-up and reading the diary, shown for the record.
awk -v p="$inproc" 'BEGIN { if (p < 50) print "ok: in-process under the 50 ms budget"; else print "in-process over the 50 ms budget" }'

"$TRP" import "$WORK/diary.csv" >/dev/null
proc=$(median_ms "$TRP" analyze --json)
start=$(median_ms "$TRP" --version)
echo "trp analyze --json, whole process on the same diary from its database: ${proc} ms median of ${RUNS:-11} (process start alone: ${start} ms)"

# Eight years, whole process (budget 1 s).
eight_out=$("$BUILD/bench/analysis_speed" 2920 "$SEED" "$PLANTED" "$EXTRA" "$WORK/eight" 3)
echo "eight years in-process: $(echo "$eight_out" | tail -1)"
TRP_DB="$WORK/eight.db" "$TRP" import "$WORK/eight/diary.csv" >/dev/null
eight=$(TRP_DB="$WORK/eight.db" RUNS=5 median_ms "$TRP" analyze --json)
echo "eight years, trp analyze --json as a whole process: ${eight} ms median of 5"
awk -v p="$eight" 'BEGIN { if (p < 1000) print "ok: under the 1 s budget"; else print "over the 1 s budget" }'

if command -v Rscript >/dev/null && Rscript -e 'library(survival)' >/dev/null 2>&1; then
    r_out=$(Rscript bench/clogit_speed.R "$WORK")
    echo "$r_out"
    r_ms=$(echo "$r_out" | sed -n 's/.*: \([0-9.]*\) ms median.*/\1/p')
    awk -v r="$r_ms" -v a="$inproc" -v p="$proc" 'BEGIN {
        printf "R / trp in-process: %.0fx; R / trp whole process: %.0fx\n", r / a, r / p }'
else
    echo "R with survival is not installed (apt-get install r-cran-survival): no R timing"
fi
