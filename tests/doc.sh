#!/bin/sh
# tests/doc.sh — the auditor's report in a real browser: headless Chromium renders
# build/doc/<policy>.html; the DOM it dumps must hold every rule (its anchor and name), every
# reason the rule file gives, and the view by answer first; measured in the browser, no table
# or block is wider than the window, at 1280 px (a screen) and at 680 px (the text width of A4
# with 15 mm margins); printed to PDF, every page is A4 and every rule is on paper. A
# screenshot and the printed pages (PNG) are saved beside the page for a person to look at.
# Part of rulec; see README.md for the licence.
# usage: tests/doc.sh RULEC RULES PAGE
. tests/lib.sh
fail_prefix="doc: "
rulec=$1 rules=$2 page=$3
browser=$(command -v chromium || command -v chromium-browser) || { echo "FAIL doc: chromium is not installed"; exit 1; }
check() {
    if grep -qF -- "$2" "$work/dom"; then pass; else fail "$1 not in the page: $2"; fi
}
url() { echo "file://$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
render() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --disable-background-networking --no-first-run --user-data-dir="$work/profile" "$@" \
        2>"$work/browser.err"
}
render --dump-dom "$(url "$page")" > "$work/dom" || { fail "chromium could not render $page"; cat "$work/browser.err"; exit 1; }
# The rules, their reasons and the sections, from the rule file itself.
"$rulec" table --json "$rules" > "$work/table.json" || exit 1
# The keywords in either language (keywords.h); so many rules, reasons and readings that the
# file cannot have been misread.
names=$(sed -n 's/^\(rule\|règle\) \([a-z0-9_]*\).*/\2/p' "$rules")
for name in $names; do
    check "rule $name" "id=\"regle-$name\""
done
# Every property, proven, with its sentence.
properties=$(sed -n 's/^\(property\|propriété\) \([a-z0-9_]*\).*/\2/p' "$rules")
for name in $properties; do
    check "property $name" "id=\"propriete-$name\""
done
[ -z "$properties" ] || check "properties" "prouvée pour toute demande"
# Every reason of an unspecified or invalid rule, and every reading's reasoning (because).
sed -n 's/.*\(then\|alors\) \(unspecified\|invalid\|non_précisé\|invalide\) "\(.*\)"$/\3/p
        s/^ *\(because\|car\) "\(.*\)"$/\2/p' "$rules" > "$work/reasons"
while IFS= read -r reason; do
    check "reason" "$reason"
done < "$work/reasons"
rules_in_table=$(grep -o '"rule": "[a-z0-9_]*"' "$work/table.json" | sort -u | wc -l)
if [ "$(echo "$names" | wc -w)" -ge "$rules_in_table" ] && [ "$rules_in_table" -gt 0 ] &&
   [ -s "$work/reasons" ]; then pass; else
    fail "found $(echo "$names" | wc -w) rules and $(wc -l < "$work/reasons") reasons in $rules (the table decides with $rules_in_table)"
fi
for section in "Réponses : qui va où, et sur quelle phrase" "Ce que la source ne dit pas" "Combinaisons impossibles" \
               "Définitions" "Lectures" "Table de décision" "vérifiée dans le texte" "L'emporte sur" "Cède devant" \
               "Réponse attendue"; do
    check "section" "$section"
done
# The view by answer comes first, before the sources.
first=$(grep -o '<section id="[a-z]*"' "$work/dom" | head -1)
[ "$first" = '<section id="reponses"' ] && pass || fail "the page opens with $first, not the view by answer"
# The page is complete: its last section is there, and nothing was fetched.
check "end of page" '<section id="exemples">'
if grep -q -E '<script|<link|@import|url\(' "$work/dom"; then fail "the page fetches something"; fi

# Measured in the browser: a copy of the page with a script that lists every element wider
# than the window, or whose content overflows it; the DOM dumped after it ran holds the list.
sed 's|</body>|<script>\
var W = document.documentElement.clientWidth, over = [];\
document.querySelectorAll("body *").forEach(function (e) {\
  var r = e.getBoundingClientRect();\
  if (r.width > 0 \&\& (r.right > W + 1 \|\| r.left < -1)) over.push(e.tagName + " " + Math.round(r.left) + ".." + Math.round(r.right));\
  if (e.scrollWidth > e.clientWidth + 1 \&\& getComputedStyle(e).overflowX != "visible") over.push("scroll " + e.tagName);\
});\
var p = document.createElement("pre"); p.id = "layout";\
p.textContent = "width=" + W + " page=" + document.documentElement.scrollWidth + " over=" + over.length + " " + over.slice(0, 5).join(" ; ");\
document.body.appendChild(p);\
</script></body>|' "$page" > "$work/measure.html"
for width in 1280 680; do
    render --window-size="$width,900" --dump-dom "$(url "$work/measure.html")" > "$work/measure.dom"
    layout=$(sed -n 's|.*<pre id="layout">\(.*\)</pre>.*|\1|p' "$work/measure.dom")
    case $layout in
    "width=$width page=$width over=0 ") pass ;;
    *) fail "at $width px: ${layout:-no measure (the script did not run)}" ;;
    esac
done
render --window-size=1280,2400 --screenshot="${page%.html}.png" "$(url "$page")" >/dev/null 2>&1 \
    && [ -s "${page%.html}.png" ] && pass || fail "no screenshot"

# On paper: A4 pages, every rule there, the first pages as PNG beside the page.
render --no-pdf-header-footer --print-to-pdf="$work/page.pdf" "$(url "$page")" >/dev/null 2>&1
if pdfinfo "$work/page.pdf" > "$work/pdfinfo" 2>&1 && grep -q '^Page size:.*(A4)' "$work/pdfinfo"; then pass; else
    fail "the printed page is not A4: $(grep 'Page size' "$work/pdfinfo")"; fi
pdftotext "$work/page.pdf" "$work/page.txt"
missing=""
for name in $names; do
    tr -d '\n' < "$work/page.txt" | grep -qF "$name" || missing="$missing $name"
done
[ -z "$missing" ] && pass || fail "on paper, rules missing:$missing"
rm -f "${page%.html}"-print-*.png
pdftoppm -r 60 -f 1 -l 4 -png "$work/page.pdf" "${page%.html}-print" && pass || fail "pdftoppm"
pages=$(sed -n 's/^Pages: *//p' "$work/pdfinfo")
finish doc "(screenshot: ${page%.html}.png; printed: $pages pages, the first four as ${page%.html}-print-*.png)"
