#!/bin/sh
# tests/doc.sh — the auditor's report in a real browser: headless Chromium renders
# build/doc/<policy>.html, the DOM it dumps must hold every rule (its anchor and name) and
# every reason the rule file gives, and a screenshot is saved beside the page for a person to
# look at. Part of rulec; see README.md for the licence.
# usage: tests/doc.sh RULEC RULES PAGE
rulec=$1 rules=$2 page=$3
browser=$(command -v chromium || command -v chromium-browser) || { echo "FAIL doc: chromium is not installed"; exit 1; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {
    if grep -qF -- "$2" "$work/dom"; then passed=$((passed + 1)); else echo "FAIL doc: $1 not in the page: $2"; failed=$((failed + 1)); fi
}
render() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$work/profile" "$@" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" 2>"$work/browser.err"
}
render --dump-dom > "$work/dom" || { echo "FAIL doc: chromium could not render $page"; cat "$work/browser.err"; exit 1; }
# The rules, their reasons and the sections, from the rule file itself.
"$rulec" table --json "$rules" > "$work/table.json" || exit 1
# The keywords in either language (keywords.h); so many rules, reasons and readings that the
# file cannot have been misread.
names=$(sed -n 's/^\(rule\|règle\) \([a-z0-9_]*\).*/\2/p' "$rules")
for name in $names; do
    check "rule $name" "id=\"regle-$name\""
done
# Every reason of an unspecified or invalid rule, and every reading's reasoning (because).
sed -n 's/.*\(then\|alors\) \(unspecified\|invalid\|non_précisé\|invalide\) "\(.*\)"$/\3/p
        s/^ *\(because\|car\) "\(.*\)"$/\2/p' "$rules" > "$work/reasons"
while IFS= read -r reason; do
    check "reason" "$reason"
done < "$work/reasons"
rules_in_table=$(grep -o '"rule": "[a-z0-9_]*"' "$work/table.json" | sort -u | wc -l)
if [ "$(echo "$names" | wc -w)" -ge "$rules_in_table" ] && [ "$rules_in_table" -gt 0 ] &&
   [ -s "$work/reasons" ]; then passed=$((passed + 1)); else
    echo "FAIL doc: found $(echo "$names" | wc -w) rules and $(wc -l < "$work/reasons") reasons in $rules (the table decides with $rules_in_table)"
    failed=$((failed + 1))
fi
for section in "Ce que l'infolettre ne dit pas" "Lectures" "Combinaisons impossibles" "Table de décision" "vérifiée dans le texte"; do
    check "section" "$section"
done
# The page is complete: its last section is there, and nothing was fetched.
check "end of page" '<section id="exemples">'
if grep -q -E '<script|<link|@import|url\(' "$work/dom"; then echo "FAIL doc: the page fetches something"; failed=$((failed + 1)); fi
render --window-size=1280,2400 --screenshot="${page%.html}.png" >/dev/null 2>&1 \
    && [ -s "${page%.html}.png" ] && passed=$((passed + 1)) \
    || { echo "FAIL doc: no screenshot"; failed=$((failed + 1)); }
echo "doc: $passed passed, $failed failed (screenshot: ${page%.html}.png)"
[ "$failed" = 0 ]
