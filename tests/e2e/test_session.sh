#!/usr/bin/env bash
# End-to-end tests of `trp session`: the safety gate (no intake, unacknowledged red flag),
# precautions skipping a point, scripted mode, and the interactive mode under a real
# pseudo-terminal (tmux): timer display, cues, the release key, passes, and Ctrl-C keeping
# what was done. $TRP_CLOCK_SCALE runs the clock 20 times faster.
. "$(dirname "$0")/lib.sh"
EX="$TRP_SOURCE_ROOT/doc/intake-answers.example.json"

# --- the safety gate
run session upper-trapezius --side left </dev/null; expect_rc 1 "session before intake"; expect_err_contains "trp intake"
sed 's/"calf_swelling": false/"calf_swelling": true/' "$EX" >"$WORK/flag.json"
run intake --answers "$WORK/flag.json"; expect_rc 0
run session upper-trapezius --side left;  expect_rc 1 "urgent flag not cleared"
expect_err_contains "URGENT"; expect_err_contains "doctor today"
run intake --acknowledge; expect_rc 0
run session upper-trapezius --side left;  expect_rc 1 "urgent flag only acknowledged"
expect_err_contains "URGENT"
run intake --cleared-by "Dr Jones"; expect_rc 0
# Cleared, but a swollen calf now still rules out every leg muscle.
run session soleus --side right </dev/null; expect_rc 1 "swollen calf, cleared"
expect_err_contains "blood clot"
run intake --answers "$WORK/flag.json"; expect_rc 0
sed 's/"night_pain": false/"night_pain": true/' "$EX" >"$WORK/night.json"
run intake --answers "$WORK/night.json"; expect_rc 0
run session upper-trapezius --side left;  expect_rc 1 "red flag not acknowledged"; expect_err_contains "acknowledge"
run intake --answers "$EX"; expect_rc 0    # retaken without the flag: the latest counts

# --- bad requests
run session upper-trapezuis;  expect_rc 1; expect_err_contains "did you mean"
run session sternalis --side left; expect_rc 1; expect_err_contains "midline"
run session;                  expect_rc 2

# --- scripted: at point 1 no release (90 s), then released at 40 s; point 2 released at
# 25 s; pain 6 -> 3. Every pass is stored and shown as it happened.
OUT=$(printf '11\n6\nn\n40\n25\n3\n' | "$TRP" session upper-trapezius --side right 2>"$WORK/stderr"); RC=$?
ERR=$(cat "$WORK/stderr")
expect_rc 0 "scripted session"
expect_out_contains "please answer 0-10"
expect_out_contains "Point 1 of 2 (central upper fibres)"
expect_out_contains "Find it: Pinch the upper border"
expect_out_contains "Pass 1 of up to 3 at point 1 (central upper fibres)"
expect_out_contains "Now point 2 of 2 (posterior upper fibres)"
expect_out_contains "Passes: 90s, 40s softened, 25s softened."
expect_out_contains "saved #"
expect_out_contains "Session done: 1 muscle saved"
run list --kind treatment
expect_out_contains "compression upper-trapezius right passes 90s, 40s softened, 25s softened released pain 6->3"
expect_out_lacks "40s x3"
id=$(printf '%s' "$OUT" | sed -n 's/^#\([0-9]*\).*upper-trapezius right passes 90s.*/\1/p' | head -1)
run show "$id"
expect_out_contains "pass 1:   held 90 s, did not soften"
expect_out_contains "pass 2:   held 40 s, softened"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$TRP_DB" "SELECT group_concat(hold_seconds || ':' || softened, ' ') FROM treatment_pass WHERE entry_id = $id ORDER BY pass")" = "90:0 40:1 25:1" ] ||
    fail "passes not stored one row each"

# --- input ends at the second muscle: the first was saved, and the message says so.
OUT=$(printf '5\n30\n20\n2\n' | "$TRP" session upper-trapezius levator-scapulae --side left 2>"$WORK/stderr"); RC=$?
ERR=$(cat "$WORK/stderr")
expect_rc 1 "input ended"
expect_err_contains "1 muscle saved"
expect_out_contains "saved #"
expect_out_lacks "nothing was saved"
run list --kind treatment; expect_out_contains "upper-trapezius left passes 30s softened, 20s softened"
expect_out_lacks "levator-scapulae left"

# --- scripted skip (s) and quit (q): nothing saved for a skipped muscle; quitting saves
# the passes done.
OUT=$(printf 's\n4\n35\nq\n' | "$TRP" session upper-trapezius levator-scapulae --side right 2>"$WORK/stderr"); RC=$?
expect_rc 0 "skip and quit"
expect_out_contains "Skipped Upper trapezius: nothing saved for it."
expect_out_contains "Stopped. 1 muscle saved."
run list --kind treatment; expect_out_contains "levator-scapulae right passes 35s softened"
expect_out_contains "session stopped early (quit)"

# --- practitioner wording: no self-treatment tools or positions.
OUT=$(printf 'q\n' | "$TRP" session upper-trapezius --side left --practitioner 2>"$WORK/stderr"); RC=$?
expect_rc 0; expect_out_contains "Client's pain right now"; expect_out_contains "settle the client"
expect_out_lacks "ball"; expect_out_lacks "Lean against"
expect_out_contains "Stopped before Upper trapezius: nothing saved for it."

# --- session --where warns about the place itself before guiding pressure there, as
# 'trp where' does (SNOOP10 for the temple, NICE CG95 for the chest).
OUT=$(printf 'q\n' | "$TRP" session --where "left temple" 2>"$WORK/stderr"); RC=$?
expect_rc 0; expect_out_contains "WARNING - Headache"; expect_out_contains "giant cell arteritis"
OUT=$(printf 'q\n' | "$TRP" session --where "left chest" 2>"$WORK/stderr"); RC=$?
expect_rc 0; expect_out_contains "WARNING - Chest: pain here can come from the heart"

# --- precautions: varicose veins in the left calf rule out soleus on the left; alone it
# exits 1 naming the reason, next to another muscle it is skipped.
run session soleus --side left </dev/null; expect_rc 1 "every muscle blocked"
expect_err_contains "Varicose veins"
OUT=$(printf '5\nn\nn\nn\nn\nn\nn\n3\n' | "$TRP" session soleus upper-trapezius --side left 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 0; expect_out_contains "skipped by the safety gate"; expect_out_contains "Varicose veins"

# --- interactive, under tmux
if command -v tmux >/dev/null 2>&1; then
    # Each run gets its own tmux server: reusing one right after killing its last session
    # races with the server's exit.
    nsock=0
    sock="$WORK/tmux0.sock"
    T() { tmux -S "$sock" "$@"; }
    screen() { T capture-pane -p -J -t trp -S -200; }
    wait_for() { # wait_for TEXT [SECONDS]
        CHECKS=$((CHECKS + 1))
        local i
        for i in $(seq 1 $((${2:-20} * 10))); do
            screen 2>/dev/null | grep -qF -- "$1" && return 0
            sleep 0.1
        done
        fail "screen never showed '$1'; it shows:"; screen >&2; return 1
    }
    start() { # start WIDTH ARGS...
        local w=$1; shift
        T kill-server 2>/dev/null
        nsock=$((nsock + 1)); sock="$WORK/tmux$nsock.sock"
        T new-session -d -s trp -x "$w" -y 50 \
            "TRP_DB='$TRP_DB' TRP_NOW='$TRP_NOW' TRP_CLOCK_SCALE=20 '$TRP' session $*; echo EXIT=\$?; sleep 30"
    }

    # Softened at point 1, another pass there, then the next point; each pass saved.
    start 120 levator-scapulae --side left
    wait_for "Pain right now" || true
    T send-keys -t trp "5" Enter
    wait_for "[Enter] start the timer" || true
    T send-keys -t trp Enter
    wait_for "pressing" || true
    wait_for "30 s: keep the pressure steady" 5 || true
    T send-keys -t trp Enter                       # softened
    wait_for "Softened after" || true
    wait_for "[a] another pass here" || true
    T send-keys -t trp "a" Enter
    wait_for "Pass 2 of up to 3 at point 1 (angle of the neck)" || true
    T send-keys -t trp Enter
    sleep 0.5
    T send-keys -t trp Enter                       # softened again
    wait_for "[Enter] next point" || true
    T send-keys -t trp Enter
    wait_for "Now point 2 of 2 (lower attachment)" || true
    # With passes done, s ends the muscle and saves them: the key must not say "skip".
    wait_for "[Enter] start the timer  [s] done with this muscle  [q] quit:" || true
    T send-keys -t trp Enter
    sleep 0.5
    T send-keys -t trp Enter
    wait_for "[Enter] finish this muscle" || true
    T send-keys -t trp Enter
    wait_for "Pain now" || true
    T send-keys -t trp "2" Enter
    wait_for "EXIT=0" || true
    run list --kind treatment
    expect_out_contains "levator-scapulae left passes"
    CHECKS=$((CHECKS + 1))
    printf '%s' "$OUT" | grep "levator-scapulae left passes" | grep -q "softened, .*softened, .*softened released pain 5->2" ||
        fail "three softened passes not recorded: $OUT"

    # Keys: s at the start prompt skips a muscle; q during a hold quits, saving the pass.
    start 120 upper-trapezius infraspinatus --side left
    wait_for "Pain right now" || true
    T send-keys -t trp "4" Enter
    wait_for "[s] skip this muscle" || true
    T send-keys -t trp "s" Enter
    wait_for "Skipped Upper trapezius: nothing saved for it." || true
    wait_for "== Infraspinatus (left)" || true
    T send-keys -t trp "6" Enter
    wait_for "[Enter] start the timer" || true
    T send-keys -t trp Enter
    wait_for "pressing" || true
    sleep 0.5
    T send-keys -t trp "q"
    wait_for "Stopped. 1 muscle saved." || true
    wait_for "EXIT=0" || true
    run list --kind treatment
    expect_out_contains "infraspinatus left passes"
    expect_out_contains "session stopped early (quit)"

    # Ctrl-C during a hold keeps the pass in progress.
    start 120 infraspinatus --side right
    wait_for "Pain right now" || true
    T send-keys -t trp "7" Enter
    wait_for "[Enter] start the timer" || true
    T send-keys -t trp Enter
    wait_for "pressing" || true
    sleep 1
    T send-keys -t trp C-c
    wait_for "Stopped. 1 muscle saved" || true
    wait_for "EXIT=0" || true
    run list --kind treatment
    expect_out_contains "infraspinatus right"
    expect_out_contains "session stopped early (Ctrl-C)"

    # Text wraps at words to a narrow terminal: with lines joined back (-J), no line is
    # longer than the terminal, so no word was cut by the terminal.
    start 50 upper-trapezius --side left --practitioner
    wait_for "Client's pain right now" || true
    CHECKS=$((CHECKS + 1))
    long=$(screen | awk 'length > 50' | head -3)
    [ -z "$long" ] || fail "lines longer than the 50-column terminal: $long"
    T send-keys -t trp "q" Enter
    wait_for "EXIT=0" || true
    # The place warnings of --where wrap too.
    start 50 --where temple --side left
    wait_for "Pain right now" || true
    CHECKS=$((CHECKS + 1))
    screen | grep -q "WARNING - Headache" || fail "session --where shows no warning for the temple"
    long=$(screen | awk 'length > 50' | head -3)
    [ -z "$long" ] || fail "lines longer than the 50-column terminal: $long"
    T send-keys -t trp "q" Enter
    wait_for "EXIT=0" || true
    T kill-server 2>/dev/null
else
    fail "tmux is not installed (scripts/install-deps.sh installs it)"
fi

finish
