# Shared by the benchmark scripts (sourced, not run).
# median_ms CMD...: runs CMD ${RUNS:-11} times after one warm-up, output discarded, and
# prints the median wall time in milliseconds with one decimal.
median_ms() {
    "$@" >/dev/null
    local runs=${RUNS:-11} times=() t0 t1
    for _ in $(seq "$runs"); do
        t0=$(date +%s%N)
        "$@" >/dev/null
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{ printf "%.1f", $1 / 1000 }'
}
