# Helpers for end-to-end tests (sourced). Each test runs in its own temporary directory with
# its own database; checks count failures instead of stopping, and `finish` reports them.
# Golden files live in tests/golden/; TRP_UPDATE_GOLDEN=1 rewrites them (review the diff).
set -u
: "${TRP:?TRP must point at the trp binary}"
: "${TRP_SOURCE_ROOT:?}"
GOLDEN_DIR="$TRP_SOURCE_ROOT/tests/golden"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TRP_DB="$WORK/test.db"
export TRP_NOW="${TRP_NOW:-2026-03-10T12:00:00+01:00}"
export XDG_DATA_HOME="$WORK/xdg"
FAILS=0
CHECKS=0

fail() {
    FAILS=$((FAILS + 1))
    echo "FAIL: $*" >&2
}

# run CMD...: runs trp, keeping stdout in $OUT, stderr in $ERR and the status in $RC.
run() {
    OUT=$("$TRP" "$@" 2>"$WORK/stderr")
    RC=$?
    ERR=$(cat "$WORK/stderr")
}

expect_rc() {
    CHECKS=$((CHECKS + 1))
    [ "$RC" -eq "$1" ] || fail "${2:-command}: exit status $RC, expected $1 (stderr: $ERR)"
}

expect_out_contains() {
    CHECKS=$((CHECKS + 1))
    case "$OUT" in *"$1"*) ;; *) fail "stdout lacks '$1': $OUT" ;; esac
}

expect_out_lacks() {
    CHECKS=$((CHECKS + 1))
    case "$OUT" in *"$1"*) fail "stdout has '$1': $OUT" ;; esac
}

expect_err_contains() {
    CHECKS=$((CHECKS + 1))
    case "$ERR" in *"$1"*) ;; *) fail "stderr lacks '$1': $ERR" ;; esac
}

# golden NAME: compares $OUT with tests/golden/NAME.
golden() {
    CHECKS=$((CHECKS + 1))
    local file="$GOLDEN_DIR/$1"
    if [ "${TRP_UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "$(dirname "$file")"
        printf '%s\n' "$OUT" >"$file"
        return
    fi
    if [ ! -f "$file" ]; then
        fail "golden file $1 is missing (run with TRP_UPDATE_GOLDEN=1)"
        return
    fi
    if ! diff -u "$file" <(printf '%s\n' "$OUT") >"$WORK/golden.diff"; then
        fail "output differs from golden $1:"
        cat "$WORK/golden.diff" >&2
    fi
}

# db_digest: a digest of every row of every table, to prove a refused command changed nothing.
db_digest() {
    sqlite3 "$TRP_DB" "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name" |
        while read -r t; do echo "== $t"; sqlite3 "$TRP_DB" "SELECT * FROM \"$t\" ORDER BY 1"; done |
        sha256sum | cut -d' ' -f1
}

finish() {
    if [ "$CHECKS" -eq 0 ]; then
        echo "no checks ran" >&2
        exit 1
    fi
    echo "$((CHECKS - FAILS))/$CHECKS checks passed"
    [ "$FAILS" -eq 0 ]
}
