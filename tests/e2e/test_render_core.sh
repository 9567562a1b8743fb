#!/usr/bin/env bash
# SVG charts need no cairo: the trp binary, and the library every part of it is built from,
# neither link nor call cairo or pango (those stay in trp-render.so, for PNG and PDF), and
# a lone copy of the binary, with no module anywhere it looks, still serves the web app's
# SVG charts while saying clearly that a PDF needs the module.
. "$(dirname "$0")/lib.sh"
build=$(dirname "$TRP")

# Linked libraries: none of cairo's or pango's stack.
CHECKS=$((CHECKS + 1))
needed=$(readelf -d "$TRP" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || fail "readelf listed no libraries for $TRP"
bad=$(printf '%s\n' "$needed" | grep -Ei 'cairo|pango|harfbuzz|fontconfig|freetype|glib|gobject' || true)
[ -z "$bad" ] || fail "trp links $bad"

# Calls: no cairo_* or pango_* symbol left for the loader to find, in the binary or in any
# object of its library (the SVG canvas, the charts and the report's HTML among them).
CHECKS=$((CHECKS + 1))
bad=$(nm -u "$TRP" | grep -E ' (cairo|pango)_' || true)
[ -z "$bad" ] || fail "trp calls cairo or pango: $(echo "$bad" | head -3)"
CHECKS=$((CHECKS + 1))
lib="$build/libtrplib.a"
[ -f "$lib" ] || fail "no $lib"
bad=$(nm -u "$lib" 2>/dev/null | grep -E ' (cairo|pango)_' || true)
[ -z "$bad" ] || fail "libtrplib.a calls cairo or pango: $(echo "$bad" | head -3)"
# ...while the SVG path is in the binary and the PDF path is not.
CHECKS=$((CHECKS + 1))
nm --defined-only "$TRP" | grep -q ' T render_chart_svg$' || fail "render_chart_svg is not in trp"
CHECKS=$((CHECKS + 1))
! nm --defined-only "$TRP" | grep -q ' T report_write_pdf$' || fail "report_write_pdf is in trp"
# The module is where cairo is.
CHECKS=$((CHECKS + 1))
nm -D -u "$build/trp-render.so" | grep -q ' cairo_pdf_surface_create_for_stream' ||
    fail "trp-render.so does not draw PDFs with cairo"

# A lone binary, without the module: SVG charts are served, a PDF is refused by name.
run simulate --days 40 --seed 5 -o "$WORK/sim.csv"; expect_rc 0 "simulate"
run import "$WORK/sim.csv"; expect_rc 0 "import"
mkdir "$WORK/lone"; cp "$TRP" "$WORK/lone/trp"
TRP_PLUGIN_DIR=/nonexistent "$WORK/lone/trp" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 50); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/serve.out")
BASE=${URL%%/login*}
curl -s -o /dev/null -c "$WORK/jar" "$URL"
COOKIE="trp_session=$(awk '$6 == "trp_session" {print $7}' "$WORK/jar")"
get() { CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$1"); }
for kind in timeline bodymap factors progress; do
    get "/api/v1/charts/$kind.svg"
    CHECKS=$((CHECKS + 1))
    [ "$CODE" = 200 ] && grep -q '<svg' "$WORK/body" || fail "lone trp: $kind.svg: HTTP $CODE $(head -c 200 "$WORK/body")"
done
get /api/v1/report.pdf
CHECKS=$((CHECKS + 1))
[ "$CODE" = 500 ] && grep -q 'trp-render.so' "$WORK/body" ||
    fail "lone trp: report.pdf: HTTP $CODE $(head -c 200 "$WORK/body")"
CHECKS=$((CHECKS + 1))
OUT=$(TRP_PLUGIN_DIR=/nonexistent "$WORK/lone/trp" analyze --json 2>&1) || fail "lone trp cannot analyze: $OUT"
kill "$SERVER"; wait "$SERVER" 2>/dev/null
finish
