#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the library under them instrumented as well:
# meson -Dfuzz=true) and runs each for FUZZ_SECONDS (default 15), starting from the kept
# corpus in tests/fuzz/corpus/NAME plus what earlier runs found (build-fuzz/corpus-NAME).
# Prints per target the executions and the edges covered. A crash fails the run and
# leaves the crashing input in build-fuzz/crash-*. FUZZ_MERGE=1 folds new inputs that add
# coverage back into tests/fuzz/corpus (review and commit them).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-15}"
dir=build-fuzz
if [ ! -f "$dir/build.ninja" ]; then
    CC=clang meson setup "$dir" --buildtype=debugoptimized -Dfuzz=true -Db_lundef=false >/dev/null
fi
targets=$(sed -n "s/^  '\([a-z_]*\)',$/\1/p" tests/fuzz/meson.build)
ninja -C "$dir" $(for t in $targets; do echo "tests/fuzz/fuzz_$t"; done) >/dev/null
status=0
for t in $targets; do
    name="fuzz_$t"
    target="$dir/tests/fuzz/$name"
    corpus="tests/fuzz/corpus/$t"
    work="$dir/corpus-$t"
    mkdir -p "$work" "$corpus"
    # The documented answers file is always a seed, so new questions do not leave the kept
    # corpus stuck at "not answered" (a few dozen edges instead of hundreds).
    [ "$t" = intake ] && cp doc/intake-answers.example.json "$work/example.json"
    if ! "$target" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$dir/crash-$name-" -print_final_stats=1 "$work" "$corpus" \
            >"$dir/$name.log" 2>&1; then
        echo "fuzz: $name FAILED; see $dir/$name.log"
        tail -30 "$dir/$name.log"
        status=1
        continue
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$name.log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$dir/$name.log" | tail -1 | cut -d' ' -f2)
    echo "fuzz: $name ${secs}s: ${runs:-?} executions, ${cov:-?} edges"
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
        "$target" -merge=1 -max_len=4096 "$corpus" "$work" >>"$dir/$name.log" 2>&1 || echo "fuzz: merging the corpus of $name failed"
    fi
done
exit $status
