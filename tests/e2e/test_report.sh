#!/usr/bin/env bash
# End-to-end tests of `trp chart` and `trp report` on an empty diary, a one-day diary and a
# four-week diary: every chart kind in every format, the clinician report within two A4
# pages, PDFs that poppler opens (pdftoppm) and whose text (pdftotext) matches the golden
# files in tests/golden/report/, repeatable bytes with a fixed creation date, HTML with the
# charts inline, and the usage errors.
. "$TRP_SOURCE_ROOT/tests/e2e/lib.sh"
export SOURCE_DATE_EPOCH=1773140400 # 2026-03-10T11:00:00Z

# check_pdf FILE: opens in pdftoppm and pdftotext; echoes the page count.
check_pdf() {
    CHECKS=$((CHECKS + 1))
    if ! pdftoppm -r 20 -png "$1" "$WORK/page" 2>"$WORK/pdf.err"; then
        fail "pdftoppm cannot open $1: $(cat "$WORK/pdf.err")"
        return
    fi
    CHECKS=$((CHECKS + 1))
    pdftotext -layout "$1" "$WORK/text.txt" 2>>"$WORK/pdf.err" || fail "pdftotext cannot read $1"
}

pages_of() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# --- usage errors ---
run chart;                     expect_rc 2 "chart without a kind"; expect_err_contains "timeline"
run chart pie;                 expect_rc 2 "unknown chart"; expect_err_contains "unknown chart"
run chart timeline --format gif; expect_rc 1 "bad format"; expect_err_contains "unknown format"
run report --for nurse;        expect_rc 1 "bad audience"; expect_err_contains "clinician or patient"
run report --format svg -o x;  expect_rc 1 "svg report"; expect_err_contains "pdf or html"
run chart timeline --since 2026-03-05 --until 2026-03-01; expect_rc 1; expect_err_contains "after --since"

# --- empty diary ---
for kind in timeline bodymap factors progress; do
    run chart "$kind";         expect_rc 0 "empty $kind"; expect_out_contains "<svg xmlns"
done
run chart timeline;            expect_out_contains "No entries in this period."
run chart factors;             expect_out_contains "No flares in this period"
run chart bodymap;             expect_out_contains "No pain logged in this period."
run report -o "$WORK/empty.pdf"; expect_rc 0 "empty report"; expect_out_contains "(1 page)"
check_pdf "$WORK/empty.pdf"
OUT=$(cat "$WORK/text.txt");   golden report/empty_clinician.txt
expect_out_contains "No entries in this period."
expect_out_contains "No intake on record"

# --- one day ---
run log pain 6 --region "left temple" --at "2026-03-09T09:00"; expect_rc 0
run log pain 4 --region "left temple" --at "2026-03-09T18:00"; expect_rc 0
run log task "computer work" 3h --at "2026-03-09T17:00"; expect_rc 0
run chart timeline --since 2026-03-09 --until 2026-03-10; expect_rc 0 "one-day timeline"
golden report/timeline_one_day.svg
run chart bodymap --since 2026-03-09 --until 2026-03-10; expect_rc 0
expect_out_contains "Left temple"
run report --since 2026-03-09 --until 2026-03-10 -o "$WORK/one.pdf"; expect_rc 0 "one-day report"
check_pdf "$WORK/one.pdf"
OUT=$(cat "$WORK/text.txt");   golden report/one_day_clinician.txt
run chart timeline --since 2026-03-09 --until 2026-03-10 -o "$WORK/one.png"; expect_rc 0
CHECKS=$((CHECKS + 1))
[ "$(head -c 4 "$WORK/one.png" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "one.png is not a PNG"

# --- four weeks, with an intake and a plan ---
run intake --answers "$TRP_SOURCE_ROOT/doc/intake-answers.example.json"; expect_rc 0 "intake"
for i in $(seq 0 27); do
    d=$(date -u -d "2026-02-10 +$i day" +%F)
    v=$(( (i * 7 % 5) + 3 - i / 10 )); fl=
    if [ $((i % 9)) -eq 4 ]; then v=$((v + 3)); fl=--flare; fi
    "$TRP" log pain "$v" --region "right upper trapezius" --at "${d}T09:00" $fl >/dev/null || fail "log pain $d"
    if [ $((i % 7)) -lt 5 ]; then "$TRP" log task "computer work" $((3 + i % 3))h --at "${d}T17:00" >/dev/null; fi
    if [ $((i % 4)) -eq 0 ]; then "$TRP" log task driving 45m --at "${d}T08:00" >/dev/null; fi
    "$TRP" log factor sleep_hours $((6 + i % 3)) --at "${d}T07:00" >/dev/null
    "$TRP" log factor stress $((2 + i % 5)) --at "${d}T20:00" >/dev/null
    if [ $((i % 3)) -eq 0 ]; then
        "$TRP" log treat upper-trapezius --technique compression --side right --hold 60 \
            --released yes --before 6 --after 4 --at "${d}T20:30" >/dev/null
    fi
done
run report --since 2026-02-10 -o "$WORK/clin.pdf"; expect_rc 0 "clinician report"
CHECKS=$((CHECKS + 1))
[ "$(pages_of "$WORK/clin.pdf")" -le 2 ] || fail "clinician report has $(pages_of "$WORK/clin.pdf") pages, more than 2"
check_pdf "$WORK/clin.pdf"
OUT=$(cat "$WORK/text.txt");   golden report/clinician.txt
expect_out_contains "Red flags and precautions"
expect_out_contains "upper-trapezius"
CHECKS=$((CHECKS + 1))
pdfinfo "$WORK/clin.pdf" | grep -q "CreationDate:.*Mar 10 .*2026" || fail "PDF creation date is not SOURCE_DATE_EPOCH: $(pdfinfo "$WORK/clin.pdf" | grep CreationDate)"
run report --since 2026-02-10 -o "$WORK/clin2.pdf"; expect_rc 0
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/clin.pdf" "$WORK/clin2.pdf" || fail "two runs gave different PDF bytes"

run report --since 2026-02-10 --for patient -o "$WORK/pat.pdf"; expect_rc 0 "patient report"
check_pdf "$WORK/pat.pdf"
OUT=$(cat "$WORK/text.txt");   golden report/patient.txt
expect_out_contains "Next steps"

run report --since 2026-02-10 --format html; expect_rc 0 "html report"
expect_out_contains "<!DOCTYPE html>"
expect_out_contains "<svg xmlns"
expect_out_contains 'class="narrow"'
expect_out_contains "Treatment response per muscle"
run report --since 2026-02-10 -o "$WORK/r.html"; expect_rc 0; expect_out_contains "wrote"
CHECKS=$((CHECKS + 1))
grep -q "<!DOCTYPE html>" "$WORK/r.html" || fail "-o FILE.html did not write HTML"

# Urgent flags lead the report with their own source, no reassurance next to them, and
# who cleared the person and when.
sed 's/"cardiac": false/"cardiac": true/' "$TRP_SOURCE_ROOT/doc/intake-answers.example.json" >"$WORK/urgent.json"
run intake --answers "$WORK/urgent.json"; expect_rc 0
run report --since 2026-02-10 --format html; expect_rc 0
expect_out_contains "URGENT - chest, jaw or arm pain"; expect_out_contains "NICE CG95"
expect_out_contains "Not yet cleared by a clinician"; expect_out_lacks "harmless"
TRP_NOW=2026-03-10T10:00:00+01:00 run intake --cleared-by "Dr A. Jones"; expect_rc 0
run report --since 2026-02-10 --format html; expect_rc 0
expect_out_contains "Cleared for self-treatment by Dr A. Jones on 10 Mar 2026"
run report --since 2026-02-10 --format html --for patient; expect_rc 0
expect_out_contains "Dr A. Jones cleared you for self-treatment on 10 Mar 2026"
expect_out_lacks "probably raise"; expect_out_lacks "probably lower"

for kind in timeline bodymap factors progress; do
    run chart "$kind" --since 2026-02-10 -o "$WORK/$kind.pdf"; expect_rc 0 "$kind pdf"
    check_pdf "$WORK/$kind.pdf"
    run chart "$kind" --since 2026-02-10 --width phone -o "$WORK/$kind.png"; expect_rc 0 "$kind png"
done
run chart timeline --since 2026-02-10; expect_rc 0
expect_out_contains "flare onset"
expect_out_contains "computer work"
expect_out_contains "sleep"
finish
