#!/usr/bin/env bash
# End-to-end tests of how trp writes files: the diary and everything written from it are
# private (0600) under a permissive umask, also when overwriting a file others could read;
# outputs appear whole or not at all (a failed write leaves the old file and no temporary
# file); a symbolic link at the output name is replaced, never written through; "-o -" is
# standard output.
. "$(dirname "$0")/lib.sh"
umask 022

mode() { stat -c %a "$1"; }
expect_mode() {
    CHECKS=$((CHECKS + 1))
    [ -e "$1" ] || { fail "$1 was not written"; return; }
    [ "$(mode "$1")" = 600 ] || fail "$1 has mode $(mode "$1"), expected 600"
}
# Nothing but the named files in the directory: no temporary file left behind.
expect_only() {
    CHECKS=$((CHECKS + 1))
    local dir=$1; shift
    local got want
    got=$(cd "$dir" && ls -A | sort | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "files in $dir: '$got', expected '$want'"
}

# The database, new and old.
run log pain 5 --region "left temple" --at 2026-03-09T08:00; expect_rc 0
expect_mode "$TRP_DB"
chmod 644 "$TRP_DB"; : >"$TRP_DB-wal"; chmod 644 "$TRP_DB-wal"
run list; expect_rc 0; expect_out_contains "pain 5"
expect_mode "$TRP_DB"

# Every kind of output file, written fresh and over a world-readable file.
out="$WORK/out"; mkdir "$out"
run intake --answers "$TRP_SOURCE_ROOT/doc/intake-answers.example.json"; expect_rc 0
run plan add upper-trapezius --side right --stretch 3/day; expect_rc 0
for round in fresh over; do
    if [ $round = over ]; then
        for f in diary.csv diary.jsonl report.html chart.svg plan.ics sim.csv truth.json; do
            echo old >"$out/$f"; chmod 644 "$out/$f"
        done
    fi
    run export -o "$out/diary.csv";                 expect_rc 0 "export $round"
    run export --format jsonl -o "$out/diary.jsonl"; expect_rc 0 "export jsonl $round"
    run report --format html -o "$out/report.html"; expect_rc 0 "report $round"
    run chart timeline -o "$out/chart.svg";         expect_rc 0 "chart $round"
    run plan ics -o "$out/plan.ics";                expect_rc 0 "plan ics $round"
    run simulate --days 20 -o "$out/sim.csv" --truth "$out/truth.json"; expect_rc 0 "simulate $round"
    for f in diary.csv diary.jsonl report.html chart.svg plan.ics sim.csv truth.json; do
        expect_mode "$out/$f"
        CHECKS=$((CHECKS + 1)); [ "$(head -c 3 "$out/$f")" != old ] || fail "$f was not replaced"
    done
    expect_only "$out" diary.csv diary.jsonl report.html chart.svg plan.ics sim.csv truth.json
done

# A symbolic link planted at the output name is replaced; what it points to is untouched.
echo precious >"$WORK/precious"
ln -s "$WORK/precious" "$out/link.csv"
run export -o "$out/link.csv"; expect_rc 0
CHECKS=$((CHECKS + 1)); [ "$(cat "$WORK/precious")" = precious ] || fail "export wrote through a symlink"
CHECKS=$((CHECKS + 1)); [ ! -L "$out/link.csv" ] || fail "the symlink is still there"

# A write that fails half-way (file size limit) keeps the old file and leaves no temporary.
big="$WORK/big"; mkdir "$big"
run simulate --days 400 --start 2024-06-01 -o "$big/sim.csv"; expect_rc 0
cp "$big/sim.csv" "$WORK/sim.keep"
run --db "$WORK/big.db" import "$big/sim.csv"; expect_rc 0
OUT=$( (ulimit -f 64; trap '' XFSZ; "$TRP" --db "$WORK/big.db" export -o "$big/sim.csv") 2>"$WORK/stderr"); RC=$?
ERR=$(cat "$WORK/stderr")
expect_rc 1 "export over the size limit"; expect_err_contains "cannot write"
CHECKS=$((CHECKS + 1)); cmp -s "$big/sim.csv" "$WORK/sim.keep" || fail "a failed export damaged the old file"
expect_only "$big" sim.csv
"$TRP" --db "$WORK/big.db" report --format html -o "$big/r.html" >/dev/null
"$TRP" --db "$WORK/big.db" chart timeline -o "$big/c.png" >/dev/null
cp "$big/r.html" "$WORK/r.keep"; cp "$big/c.png" "$WORK/c.keep"
for cmd in "report --format html -o $big/r.html" "chart timeline -o $big/c.png"; do
    OUT=$( (ulimit -f 64; trap '' XFSZ; "$TRP" --db "$WORK/big.db" $cmd) 2>"$WORK/stderr"); RC=$?
    ERR=$(cat "$WORK/stderr")
    expect_rc 1 "$cmd over the size limit"; expect_err_contains "write"
    CHECKS=$((CHECKS + 1))
    cmp -s "$big/r.html" "$WORK/r.keep" && cmp -s "$big/c.png" "$WORK/c.keep" || fail "$cmd failing damaged the old file"
    expect_only "$big" sim.csv r.html c.png
done

# Interrupted (SIGTERM, SIGHUP) at random moments: never a temporary file left behind,
# and the target is the old file or a complete new one.
RANDOM=7
sig_dir="$WORK/sig"; mkdir "$sig_dir"
cp "$WORK/sim.keep" "$sig_dir/diary.csv"
"$TRP" --db "$WORK/big.db" export -o "$WORK/full.csv" >/dev/null
t0=$(date +%s%N); "$TRP" --db "$WORK/big.db" export -o "$WORK/full2.csv" >/dev/null
span=$(( ($(date +%s%N) - t0) / 1000000 + 10 ))
interrupted=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    sig=TERM; [ $((i % 2)) = 0 ] && sig=HUP   # a background job ignores INT
    "$TRP" --db "$WORK/big.db" export -o "$sig_dir/diary.csv" >/dev/null 2>&1 &
    pid=$!
    delay=$((RANDOM % span)); sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -$sig $pid 2>/dev/null
    wait $pid; [ $? -gt 128 ] && interrupted=$((interrupted + 1))
    expect_only "$sig_dir" diary.csv
    CHECKS=$((CHECKS + 1))
    cmp -s "$sig_dir/diary.csv" "$WORK/sim.keep" || cmp -s "$sig_dir/diary.csv" "$WORK/full.csv" ||
        fail "an interrupted export left a damaged file"
done
echo "exports interrupted by a signal: $interrupted of 10"

# The system calls in order: an exclusive, no-follow, private temporary file beside the
# target, synced before the rename, and the directory synced after it.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
    strace -f -o "$WORK/trace" -e trace=openat,fchmod,fsync,rename "$TRP" export -o "$out/traced.csv" >/dev/null 2>&1
    CHECKS=$((CHECKS + 1))
    calls=$(grep -E 'traced\.csv|fsync|fchmod' "$WORK/trace" | sed -E 's/^[0-9]+ +//' |
        sed -E 's/^openat\(AT_FDCWD, "[^"]*\.traced\.csv\.trp-[0-9]+-[a-z0-9]{6}", ([A-Z_|]+), 0600\).*/OPEN \1/;
                s/^fchmod\([0-9]+, 0600\).*/FCHMOD/; s/^fsync\([0-9]+\).*/FSYNC/;
                s/^rename\("[^"]*\.traced\.csv\.trp-[0-9]+-[a-z0-9]{6}", "[^"]*traced\.csv"\).*/RENAME/' | tr '\n' ' ')
    case "$calls" in
        "OPEN O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC FCHMOD FSYNC RENAME FSYNC "*) ;;
        *) fail "export's system calls: $calls" ;;
    esac
fi

# A trp killed with SIGKILL cannot remove its temporary file; the next export to the same
# name removes those of processes that are gone, and not another live writer's.
kill9_dir="$WORK/kill9"
mkdir -p "$kill9_dir"
printf 'partial' >"$kill9_dir/.k.csv.trp-999999999-abc123"
printf 'live' >"$kill9_dir/.k.csv.trp-$$-def456"
printf 'other' >"$kill9_dir/.other.csv.trp-999999999-abc123"
run export -o "$kill9_dir/k.csv"
expect_rc 0
CHECKS=$((CHECKS + 1))
[ ! -e "$kill9_dir/.k.csv.trp-999999999-abc123" ] || fail "a dead export's temporary file was left behind"
CHECKS=$((CHECKS + 1))
[ -e "$kill9_dir/.k.csv.trp-$$-def456" ] || fail "a live writer's temporary file was removed"
CHECKS=$((CHECKS + 1))
[ -e "$kill9_dir/.other.csv.trp-999999999-abc123" ] || fail "another file's temporary file was removed"

# A directory that does not exist: a clear error, nothing written.
run export -o "$WORK/nowhere/x.csv"; expect_rc 1; expect_err_contains "No such file or directory"

# "-o -" is standard output, for every command that takes -o.
cd "$out"
run export -o -;                      expect_rc 0; expect_out_contains "time,kind,name"
run chart timeline -o -;              expect_rc 0; expect_out_contains "<svg"
run report --format html -o -;        expect_rc 0; expect_out_contains "<html"
run plan ics -o -;                    expect_rc 0; expect_out_contains "BEGIN:VCALENDAR"
run simulate --days 5 -o -;           expect_rc 0; expect_out_contains "time,kind,name"
CHECKS=$((CHECKS + 1)); [ ! -e "$out/-" ] || fail "-o - wrote a file named -"
finish
