#!/usr/bin/env bash
# End-to-end tests of the self-care plan: add/list/remove, `today` with instructions,
# `plan done` recorded as a treatment entry, adherence, and the iCalendar export parsed back
# and checked against RFC 5545 (CRLF, folding at 75 octets, nesting, required properties).
. "$(dirname "$0")/lib.sh"
export TRP_NOW=2026-03-11T12:00:00+01:00   # a Wednesday

# A typo is refused before the database is opened: none is created for it.
run plan done trapezuis stretch;    expect_rc 1; expect_err_contains "did you mean"
run plan done upper-trapezius nap;  expect_rc 1; expect_err_contains "not release, stretch or strengthen"
CHECKS=$((CHECKS + 1)); [ ! -e "$TRP_DB" ] || fail "a refused 'plan done' created the database"
run today;                          expect_rc 0; expect_out_contains "No plan yet"
run plan add upper-trapezius --side right --stretch 3/day
expect_rc 1 "plan before intake"; expect_err_contains "trp intake"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["varicose_veins"]=[]; print(json.dumps(d))' \
    "$TRP_SOURCE_ROOT/doc/intake-answers.example.json" >"$WORK/clean.json"
run intake --answers "$WORK/clean.json"; expect_rc 0
run plan add upper-trapezius --side right --stretch 3/day
expect_rc 0; expect_out_contains "release 3/week, stretch 3/day, strengthen 2/week"
run plan add soleus --release 2/day; expect_rc 1; expect_err_contains "per week"
run plan add sternalis --side left;  expect_rc 1; expect_err_contains "midline"
run plan add trapezuis;             expect_rc 1; expect_err_contains "did you mean"
run plan add soleus --release 0 --stretch 0 --strengthen 0; expect_rc 1; expect_err_contains "at least one"
run plan add soleus --side left --release 2
run plan;                           expect_rc 0; expect_out_contains "soleus left"
run today;                          expect_rc 0; expect_out_contains "[ ] stretch Upper trapezius (x3)"
expect_out_contains "trp plan done soleus release"
run plan done upper-trapezius stretch --at "today 08:00"
expect_rc 0; expect_out_contains "treat stretch upper-trapezius"
run list --kind treatment;          expect_out_contains "stretch upper-trapezius"
run today --json;                   expect_out_contains '"due": 2'
run plan done soleus nap;           expect_rc 1; expect_err_contains "not release, stretch or strengthen"
run plan adherence --json;          expect_rc 0; expect_out_contains '"muscle": "soleus"'

run plan ics -o "$WORK/plan.ics";   expect_rc 0; expect_out_contains "wrote"
CHECKS=$((CHECKS + 1))
python3 - "$WORK/plan.ics" <<'PY' || fail "plan.ics is not valid RFC 5545"
import re, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.endswith(b'\r\n'), 'must end with CRLF'
lines = raw.split(b'\r\n')[:-1]
assert all(b'\n' not in l for l in lines), 'bare LF'
assert all(len(l) <= 75 for l in lines), 'line longer than 75 octets'
unfolded = []
for l in lines:
    if l.startswith(b' ') or l.startswith(b'\t'):
        unfolded[-1] += l[1:]
    else:
        unfolded.append(l)
text = [l.decode('utf-8') for l in unfolded]
stack, events, props = [], 0, {}
for l in text:
    name, _, value = l.partition(':')
    assert re.fullmatch(r'[A-Z][A-Z0-9-]*(;[^:]*)?', name), 'bad name ' + name
    if name == 'BEGIN':
        stack.append(value); props = {} if value == 'VEVENT' else props
    elif name == 'END':
        assert stack.pop() == value, 'unbalanced ' + value
        if value == 'VEVENT':
            events += 1
            for req in ('UID', 'DTSTAMP', 'DTSTART', 'SUMMARY'):
                assert req in props, 'VEVENT without ' + req
            assert re.fullmatch(r'FREQ=(DAILY|WEEKLY)(;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*)?', props['RRULE'])
            assert re.fullmatch(r'\d{8}T\d{6}', props['DTSTART'])
            assert re.fullmatch(r'\d{8}T\d{6}Z', props['DTSTAMP'])
    elif stack and stack[-1] == 'VEVENT':
        props[name] = value
assert not stack, 'unclosed ' + repr(stack)
assert text[0] == 'BEGIN:VCALENDAR' and 'VERSION:2.0' in text and any(t.startswith('PRODID:') for t in text)
# 2 muscles: trapezius release + 3 stretches + strengthen = 5; soleus release + 2 stretch + strengthen = 4
assert events == 9, 'expected 9 events, got %d' % events
PY

run plan remove soleus;             expect_rc 0
run plan remove soleus;             expect_rc 1; expect_err_contains "not in your plan"
run plan frobnicate;                expect_rc 2

# An urgent sign blocks every activity for one reason: `today` says it once, at the top,
# with who to see, rather than under each of the activities.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["cardiac"]=True; print(json.dumps(d))' \
    "$WORK/clean.json" >"$WORK/urgent.json"
run intake --answers "$WORK/urgent.json"; expect_rc 0
run today;                          expect_rc 0; expect_out_contains "not offered (the urgent sign above)"
expect_out_contains "See: emergency services"; expect_out_lacks "[ ]"
CHECKS=$((CHECKS + 1))
[ "$(grep -c 'heart attack' <<<"$OUT")" = 1 ] || fail "the urgent advice is not said exactly once: $OUT"
CHECKS=$((CHECKS + 1))
[ "$(head -1 <<<"$OUT" | cut -c1-8)" = "URGENT: " ] || fail "the urgent sign is not the first line: $OUT"
run today --json;                   expect_out_lacks '"allowed": true'; expect_out_contains 'heart attack'
# So is another reason that blocks several activities: a red flag not yet acknowledged.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["night_pain"]=True; print(json.dumps(d))' \
    "$WORK/clean.json" >"$WORK/redflag.json"
run intake --answers "$WORK/redflag.json"; expect_rc 0
run today;                          expect_rc 0; expect_out_contains "not offered (see above)"
expect_out_lacks "urgent sign above"
CHECKS=$((CHECKS + 1))
[ "$(grep -c 'trp intake --acknowledge' <<<"$OUT")" = 1 ] || fail "the red flag is not said exactly once: $OUT"

# Adherence by local day, the same in 'plan adherence' and the report. In Los Angeles a
# plan started at 23:30 on 2 March (winter, -08:00) with a stretch done at 23:45 that
# evening, asked about on 20 March (summer, -07:00): the plan starts on 2 March and the
# stretch counts. The plan used to start it on 3 March (UTC) and drop the stretch; the
# report took 2 March at today's offset, another day again.
la() { TZ=America/Los_Angeles TRP_DB="$WORK/la.db" run "$@"; }
TRP_NOW=2026-03-02T23:30:00-08:00 la intake --answers "$WORK/clean.json"; expect_rc 0
TRP_NOW=2026-03-02T23:30:00-08:00 la plan add upper-trapezius --side left --release 0 --strengthen 0 --stretch 1/day
expect_rc 0
TRP_NOW=2026-03-02T23:30:00-08:00 la plan done upper-trapezius stretch --at 2026-03-02T23:45; expect_rc 0
TRP_NOW=2026-03-20T12:00:00-07:00 la plan adherence --weeks 3; expect_rc 0; expect_out_contains "stretch   5% (1/19)"
TRP_NOW=2026-03-20T12:00:00-07:00 la report --format html;    expect_rc 0; expect_out_contains "100% (1 of 1)"

finish
