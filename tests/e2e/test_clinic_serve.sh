#!/usr/bin/env bash
# `trp serve --clinic` on PostgreSQL (run by tests/pg/with_cluster.sh): logging in and out,
# sessions and CSRF, rate limits, the client list, and the authorisation matrix: every
# client endpoint x every role (therapist, client, admin) x an own, a shared and another
# therapist's client, reading and writing. A refused client answers 404 "no client with
# id N", exactly as one that does not exist; the count of cross-client reads and writes
# that got through must be 0, and the other client's diary is unchanged afterwards.
. "$(dirname "$0")/lib.sh"
: "${TRP_TEST_PG:?run through tests/pg/with_cluster.sh}"
PG="$TRP_TEST_PG"
PW="correct horse battery"

pipe() { printf '%s\n' "$1" | "$TRP" --db "$PG" "${@:2}" >/dev/null 2>&1 || fail "setup: $*"; }
pipe "$PW" clinic add-therapist anna --password-stdin
pipe "$PW" clinic add-therapist bert --password-stdin
pipe "$PW" clinic add-therapist root --password-stdin --admin
own=$(printf '%s\n' "$PW" | "$TRP" --db "$PG" clinic add-client "Ada Own" --therapist anna --login ada --password-stdin)
shared=$("$TRP" --db "$PG" clinic add-client "Sam Shared" --therapist bert)
other=$("$TRP" --db "$PG" clinic add-client "Otto Other" --therapist bert)
"$TRP" --db "$PG" clinic link "$shared" --therapist anna >/dev/null
for c in "$own" "$shared" "$other"; do
    "$TRP" --db "$PG" --client "$c" log pain 5 --region "left temple" --note "client $c" >/dev/null
    "$TRP" --db "$PG" --client "$c" log task "computer work" 1h >/dev/null
done
entry_of() { "$TRP" --db "$PG" --client "$1" list --json | grep -o '"id":[0-9]*' | head -1 | grep -o '[0-9]*$'; }
declare -A ENTRY
for c in "$own" "$shared" "$other"; do ENTRY[$c]=$(entry_of "$c"); done
before_other=$("$TRP" --db "$PG" --client "$other" export --format jsonl --deleted --history)

run --db "$WORK/single.db" serve --clinic --listen 127.0.0.1:0
expect_rc 2 "--clinic on an SQLite diary"
"$TRP" --db "$PG" serve --clinic --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/serve.out")
CHECKS=$((CHECKS + 1))
[[ "$URL" =~ ^http://127\.0\.0\.1:([0-9]+)/api/v1/login$ ]] || fail "first line: $URL"
BASE="http://127.0.0.1:${BASH_REMATCH[1]:-0}"

# req METHOD PATH [curl args...]: status in $CODE, body in $BODY (cookie jar $JAR, CSRF $CSRF).
req() {
    local m="$1" p="$2"; shift 2
    CODE=$(curl -s -o "$WORK/body" -D "$WORK/h" -w '%{http_code}' -X "$m" \
        ${JAR:+-b "$JAR" -c "$JAR"} ${CSRF:+-H "X-CSRF-Token: $CSRF"} "$@" "$BASE$p")
    BODY=$(tr -d '\0' <"$WORK/body")
}
expect_code() {
    CHECKS=$((CHECKS + 1))
    [ "$CODE" = "$1" ] || fail "$2: HTTP $CODE, expected $1 (${BODY:0:200})"
}
login() { # login LOGIN PASSWORD: a fresh jar and CSRF token
    JAR="$WORK/jar.$1"
    rm -f "$JAR"
    CSRF=""
    req POST /api/v1/login -H 'Content-Type: application/json' \
        -d "{\"login\":\"$1\",\"password\":\"$2\"}"
    CSRF=$(printf '%s' "$BODY" | sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')
}

# Logging in, sessions, CSRF.
JAR="" CSRF=""
req GET /api/v1/clients;                      expect_code 401 "no session"
# The browser app tells a clinic's login from the single-person link by this field.
CHECKS=$((CHECKS + 1)); case "$BODY" in *'"clinic":true'*) ;; *) fail "401 without clinic: $BODY" ;; esac
login anna "wrong password!"; expect_code 401 "wrong password"
login nobody "$PW";           expect_code 401 "unknown login"
login anna "$PW";             expect_code 200 "login"
CHECKS=$((CHECKS + 1))
grep -qi 'Set-Cookie: trp_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' "$WORK/h" ||
    fail "session cookie: $(grep -i set-cookie "$WORK/h")"
first_jar=$(cat "$JAR")
req GET /api/v1/session;      expect_code 200 "session"
req GET /api/v1/clients;      expect_code 200 "client list"
CHECKS=$((CHECKS + 1))
case "$BODY" in *"Ada Own"*"Sam Shared"*) ;; *) fail "anna's list: $BODY" ;; esac
case "$BODY" in *"Otto Other"*) fail "another therapist's client listed: $BODY" ;; esac
CSRF=wrong req POST "/api/v1/clients/$own/entries" \
    -d '{"time":"2026-03-01T08:00:00+01:00","kind":"pain","value":3}'
expect_code 403 "wrong CSRF token"
req GET /api/v1/clients -H "Origin: http://evil.example"; expect_code 403 "cross-origin"
req GET /api/v1/entries;      expect_code 404 "a therapist at the single-person paths"
# A second login rotates: the first session's cookie no longer works.
cp "$JAR" "$WORK/old.jar"
login anna "$PW"
CHECKS=$((CHECKS + 1))
[ "$(cat "$JAR")" != "$first_jar" ] || fail "login did not rotate the session"

# The matrix. GET endpoints, then writes; ID is replaced by an entry id of the client.
gets=(entries "entries/ID" "entries/ID/history" "export" "intake" "today" "safety"
      "recurrences" "analyze" "progress" "charts/timeline.svg" "report.pdf" "visits"
      "where?q=temple" "muscles" "muscles/upper-trapezius" "regions" "bodymap"
      "intake/questions" "plan" "plan/adherence" "sessions")
ANSWERS=$(tr -d '\n' <"$TRP_SOURCE_ROOT/doc/intake-answers.example.json")
crossed=0
allowed_total=0
denied_total=0
check_cell() { # check_cell ALLOWED METHOD PATH [curl args]: counts a wrong answer
    local allowed=$1 m=$2 p=$3; shift 3
    req "$m" "$p" "$@"
    if [ "$allowed" = 1 ]; then
        allowed_total=$((allowed_total + 1))
        CHECKS=$((CHECKS + 1))
        case "$BODY" in *"no client with id"*) fail "$ROLE $m $p refused: $CODE $BODY" ;; esac
    else
        denied_total=$((denied_total + 1))
        if [ "$CODE" != 404 ] || [[ "$BODY" != *"no client with id"* ]]; then
            crossed=$((crossed + 1))
            fail "$ROLE $m $p answered $CODE (${BODY:0:120})"
        fi
    fi
}
matrix() { # matrix ROLE LOGIN OWN-ALLOWED SHARED-ALLOWED OTHER-ALLOWED
    ROLE=$1
    login "$2" "$PW"
    local c allowed i=0
    for c in "$own" "$shared" "$other"; do
        allowed=$(( i == 0 ? $3 : i == 1 ? $4 : $5 ))
        i=$((i + 1))
        for g in "${gets[@]}"; do
            check_cell "$allowed" GET "/api/v1/clients/$c/${g//ID/${ENTRY[$c]}}"
        done
        check_cell "$allowed" POST "/api/v1/clients/$c/entries" -H 'Content-Type: application/json' \
            -d '{"time":"2026-03-02T08:00:00+01:00","kind":"note","note":"written by '"$ROLE"'"}'
        check_cell "$allowed" PUT "/api/v1/clients/$c/entries/${ENTRY[$c]}" \
            -d '{"time":"2026-03-02T09:00:00+01:00","kind":"pain","value":2}'
        check_cell "$allowed" DELETE "/api/v1/clients/$c/entries/${ENTRY[$c]}"
        check_cell "$allowed" POST "/api/v1/clients/$c/entries/${ENTRY[$c]}/restore"
        check_cell "$allowed" POST "/api/v1/clients/$c/import" \
            --data-binary '{"time":"2026-03-03T08:00:00+01:00","kind":"pain","value":4}'
        check_cell "$allowed" POST "/api/v1/clients/$c/intake/acknowledge" -d '{}'
        check_cell "$allowed" POST "/api/v1/clients/$c/visits" -d '{"subjective":"by '"$ROLE"'"}'
        check_cell "$allowed" POST "/api/v1/clients/$c/visits" -d '[]'
        check_cell "$allowed" POST "/api/v1/clients/$c/intake" -d "$ANSWERS"
        check_cell "$allowed" POST "/api/v1/clients/$c/intake/cleared-by" -d '{"by":"Dr Test"}'
        check_cell "$allowed" POST "/api/v1/clients/$c/plan" -d '{"muscle":"upper-trapezius","side":"right"}'
        check_cell "$allowed" POST "/api/v1/clients/$c/plan/done" \
            -d '{"muscle":"upper-trapezius","activity":"stretch","side":"right"}'
        check_cell "$allowed" DELETE "/api/v1/clients/$c/plan/upper-trapezius"
        check_cell "$allowed" GET "/api/v1/clients/$c"
    done
    check_cell 0 GET "/api/v1/clients/999999/entries"
}
matrix therapist anna 1 1 0
matrix client ada 1 0 0
matrix admin root 0 0 0
echo "authorisation matrix: $allowed_total allowed and $denied_total refused requests; $crossed crossed"
CHECKS=$((CHECKS + 1))
[ "$crossed" -eq 0 ] || fail "$crossed cross-client requests got through"

# An allowed client, another client's entry id: not found either.
login anna "$PW"
req GET "/api/v1/clients/$own/entries/${ENTRY[$other]}"; expect_code 404 "another client's entry through an own client"
req PUT "/api/v1/clients/$own/entries/${ENTRY[$other]}" \
    -d '{"time":"2026-03-02T09:00:00+01:00","kind":"pain","value":9}'
expect_code 404 "editing another client's entry through an own client"
# The client list carries what the therapist acts on, as `trp clinic clients` computes it.
req GET /api/v1/clients
for k in '"trend":' '"progress":' '"urgent":false' '"red_flags":0' '"seek_other_opinion":' '"last_visit":'; do
    CHECKS=$((CHECKS + 1)); case "$BODY" in *"$k"*) ;; *) fail "client list without $k: $BODY" ;; esac
done
# A client's card and SOAP visits: written by anna, read back through the terminal.
req GET "/api/v1/clients/$own";  expect_code 200 "a client's card"
CHECKS=$((CHECKS + 1)); case "$BODY" in *'"name":"Ada Own"'*'"therapist":"anna"'*) ;; *) fail "card: $BODY" ;; esac
req POST "/api/v1/clients/$own/visits" -d '{"subjective":"neck stiff after driving","plan":"recheck in 2 weeks"}'
expect_code 201 "a visit"
CHECKS=$((CHECKS + 1)); case "$BODY" in *'"therapist":"anna"'*'"objective":null'*) ;; *) fail "visit: $BODY" ;; esac
run --db "$PG" clinic visits "$own" --json
expect_out_contains '"subjective": "neck stiff after driving"'
# The clinician report served for a client says whose it is and carries the visit, as
# `trp --client ID report` does.
req GET "/api/v1/clients/$own/report.pdf"; expect_code 200 "a client's report"
CHECKS=$((CHECKS + 1))
rep=$(pdftotext -layout "$WORK/body" - 2>/dev/null | tr -s ' ')
case "$rep" in *"Ada Own"*"own therapist: anna"*"neck stiff after driving"*) ;;
    *) fail "the client's report lacks the client or the visit: ${rep:0:300}" ;; esac
req POST "/api/v1/clients/$own/visits" -d '{"subjective":""}';      expect_code 400 "an empty visit"
req POST "/api/v1/clients/$own/visits" -d '{"plan":7}';             expect_code 400 "a plan that is not text"
req POST "/api/v1/clients/$own/visits" -d '{"plan":"x","time":"2099-01-01T10:00"}'; expect_code 400 "a visit in the future"
# A client reaches their own diary at the single-person paths too, and nobody else's list.
login ada "$PW"
req GET /api/v1/entries;  expect_code 200 "a client's own entries"
CHECKS=$((CHECKS + 1)); case "$BODY" in *"computer work"*) ;; *) fail "ada's entries: $BODY" ;; esac
req GET /api/v1/clients;  expect_code 404 "a client has no client list"
req GET /api/v1/session;  expect_code 200 "a client's session"
CHECKS=$((CHECKS + 1)); case "$BODY" in *'"role":"client"'*"\"client\":$own"*) ;; *) fail "a client's session names no diary: $BODY" ;; esac

after_other=$("$TRP" --db "$PG" --client "$other" export --format jsonl --deleted --history)
CHECKS=$((CHECKS + 1))
[ "$before_other" = "$after_other" ] || fail "another therapist's client's diary changed"

# Logout ends the session; wrong passwords slow down and lock (429 with Retry-After).
login anna "$PW"
req POST /api/v1/logout;  expect_code 200 "logout"
req GET /api/v1/clients;  expect_code 401 "after logout"
JAR="" CSRF=""
limited=0
for _ in $(seq 10); do
    login bert "not the password"
    [ "$CODE" = 429 ] && { limited=1; break; }
    CHECKS=$((CHECKS + 1)); [ "$CODE" = 401 ] || fail "a wrong password answered $CODE"
done
CHECKS=$((CHECKS + 1)); [ "$limited" = 1 ] || fail "ten wrong passwords in a row were never limited"
CHECKS=$((CHECKS + 1)); grep -qi '^Retry-After: [0-9]' "$WORK/h" || fail "no Retry-After"
login bert "$PW";               expect_code 429 "the right password during the wait"

# Every request above is in the audit log, with the remote address.
run --db "$PG" clinic audit --json
CHECKS=$((CHECKS + 1))
case "$OUT" in *'"actor": "therapist:anna"'*'"origin": "127.0.0.1"'*) ;; *"origin\": \"127.0.0.1\""*) ;;
    *) fail "no web access in the audit log" ;; esac
expect_out_contains '"action": "entries.read"'
expect_out_contains '"action": "login.limited"'

kill "$SERVER"; wait "$SERVER" 2>/dev/null
finish
