#!/usr/bin/env bash
# `trp where` as a whole process (start-up, loading the region vocabulary, reading the
# sentence, ranking every muscle, parsing the entries shown) against two baselines measured
# in the same run: `true` (what launching any process costs) and `trp --version` (trp's own
# start-up). The budget is 10 ms per `trp where`. bench/proc_time reports the median wall
# time and the median CPU time (user + system) per run; on a loaded machine the wall time
# carries the wait for a core, so both are shown.
# RUNS overrides the number of timed runs per command (default 101).
set -euo pipefail
cd "$(dirname "$0")/.."
TRP=${TRP:-build/trp}
PT=${PROC_TIME:-$(dirname "$TRP")/bench/proc_time}
RUNS=${RUNS:-101}
TRP_DB=$(mktemp -u)
export TRP_DB
row() {
    local label=$1
    shift
    read -r wall cpu < <("$PT" "$RUNS" "$@")
    printf '  %-44s %6s ms wall %6s ms cpu\n' "$label" "$wall" "$cpu"
    echo "$wall $cpu" >>"$TRP_DB.times"
}
echo "median of $RUNS runs per process ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)):"
row "true (baseline)" true
row "trp --version (baseline)" "$TRP" --version
row "trp where temple" "$TRP" where temple
row "trp where <sentence, two places>" "$TRP" where headache at the back of my head and pain behind my left eye
row "trp where --json --limit 30 <four places>" "$TRP" where --json --limit 30 \
    "my left jaw and temple, the side of my neck and between the shoulder blades"
python3 - "$TRP_DB.times" <<'PY'
import sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1])]
(tw, tc), (vw, vc) = rows[0], rows[1]
worst_w = max(r[0] for r in rows[2:4])
worst_c = max(r[1] for r in rows[2:4])
print("  trp where (default --limit 5): %.2f ms wall (%.2f over trp --version), %.2f ms cpu "
      "(%.2f over trp --version)" % (worst_w, worst_w - vw, worst_c, worst_c - vc))
print("  budget 10 ms wall: %s" % ("met" if worst_w < 10 else "missed (compare cpu and load)"))
PY
rm -f "$TRP_DB.times"
