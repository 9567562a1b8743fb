#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for FUZZ_SECONDS (default 15),
# starting from the seed corpus in tests/fuzz/corpus/NAME. A crash fails the run and
# leaves the crashing input in build-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-15}"
dir=build-fuzz
if [ ! -f "$dir/build.ninja" ]; then
    CC=clang meson setup "$dir" --buildtype=debugoptimized -Dfuzz=true -Db_lundef=false >/dev/null
fi
ninja -C "$dir" >/dev/null
status=0
found=0
for target in "$dir"/tests/fuzz/fuzz_*; do
    [ -f "$target" ] || continue
    [ -x "$target" ] || continue
    found=1
    name=$(basename "$target")
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    work="$dir/corpus-${name#fuzz_}"
    mkdir -p "$work"
    args=("$work")
    [ -d "$corpus" ] && args+=("$corpus")
    echo "fuzz: $name for ${secs}s"
    if ! "$target" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$dir/crash-$name-" -print_final_stats=0 "${args[@]}" \
            >"$dir/$name.log" 2>&1; then
        echo "fuzz: $name FAILED; see $dir/$name.log"
        tail -30 "$dir/$name.log"
        status=1
    fi
done
[ "$found" -eq 1 ] || echo "fuzz: no targets built"
exit $status
