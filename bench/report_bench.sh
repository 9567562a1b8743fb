#!/usr/bin/env bash
# Benchmark: a clinician report (PDF) for a one-year diary must render in under 300 ms.
# The diary (about 2,400 entries) is written by bench/gen_diary through the store
# interface. Baseline in the same run: `trp list` over the same diary, which reads every
# entry and prints it, i.e. the cost of walking the data without any analysis or drawing.
# Prints the median of RUNS timings for each and their ratio; exits 1 over the budget.
#
# usage: bench/report_bench.sh [BUILD_DIR]   (default: build)
set -eu
. "$(dirname "$0")/lib.sh"
BUILD=${1:-build}
RUNS=${RUNS:-7}
BUDGET_MS=300
TRP="$BUILD/trp"
GEN="$BUILD/bench/gen_diary"
[ -x "$TRP" ] && [ -x "$GEN" ] || { echo "build first: ninja -C $BUILD" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TRP_DB="$WORK/year.db" TRP_NOW=2026-03-10T12:00:00+01:00 TZ=Europe/Berlin
"$GEN" "$TRP_DB" 365
entries=$("$TRP" list | wc -l)

report_ms=$(median_ms "$TRP" report --for clinician -o "$WORK/report.pdf")
list_ms=$(median_ms "$TRP" list)
pages=$(pdfinfo "$WORK/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
ratio=$(awk -v a="$report_ms" -v b="$list_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
echo "one-year diary: $entries entries"
echo "trp report (clinician PDF, ${pages:-?} pages): ${report_ms} ms (median of $RUNS; budget ${BUDGET_MS} ms)"
echo "baseline trp list (same diary):            ${list_ms} ms"
echo "ratio report/list: ${ratio}x"
if awk -v a="$report_ms" -v b="$BUDGET_MS" 'BEGIN { exit !(a >= b) }'; then
    echo "FAIL: the report took ${report_ms} ms, over the ${BUDGET_MS} ms budget" >&2
    exit 1
fi
echo "ok: under budget"
