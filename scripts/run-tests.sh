#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it:
#   1. the normal build: unit tests (cmocka) and end-to-end CLI tests;
#   2. the same suites again under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. every libFuzzer target for a short time (FUZZ_SECONDS, default 15 each).
# Ends with the line "N passed, N failed" that CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0

# Adds meson's Ok/Fail counts from a testlog to the totals.
count_meson() {
    local log="$1/meson-logs/testlog.json"
    if [ ! -f "$log" ]; then
        failed=$((failed + 1))
        return
    fi
    local ok fail
    ok=$(grep -c '"result": "OK"' "$log" || true)
    fail=$(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" || true)
    passed=$((passed + ok))
    failed=$((failed + fail))
}

run_build() {
    local dir="$1"; shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >/dev/null || { echo "meson setup $dir failed"; failed=$((failed + 1)); return 1; }
    else
        # Keeps an existing build dir's options in line with this script; a failure is
        # reported, never swallowed.
        meson configure "$dir" "$@" >/dev/null || { echo "meson configure $dir failed"; failed=$((failed + 1)); return 1; }
    fi
    ninja -C "$dir" || { echo "build in $dir failed"; failed=$((failed + 1)); return 1; }
}

echo "== normal build"
if run_build build --buildtype=debugoptimized; then
    meson test -C build --print-errorlogs --num-processes 2
    count_meson build
fi

echo "== AddressSanitizer + UndefinedBehaviorSanitizer"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
if run_build build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
        -Dc_args=-fno-sanitize-recover=all; then
    meson test -C build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 3
    count_meson build-asan
fi
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

echo "== fuzz targets (${FUZZ_SECONDS:-15} s each)"
if FUZZ_SECONDS="${FUZZ_SECONDS:-15}" bash scripts/run-fuzz.sh; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
