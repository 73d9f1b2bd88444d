#!/bin/sh
# tests/golden.sh — golden diagnostics: each tests/cases/NAME.rules is checked (or, when
# NAME.command says so, tested), with the options in NAME.args if any, and its stderr and exit
# status compared with NAME.expected and NAME.exit (1 when absent).
# Part of rulec; see README.md for the licence.
# usage: tests/golden.sh RULEC CASES_DIR      (set UPDATE=1 to rewrite the expected files)
# What a run writes (outputs, JSON, the lines compared) goes under the build directory of the
# rulec tested (build/golden, build/sanitize-address/golden, ...), kept after the run so that
# a failing case's output can be read there: CASES_DIR holds the committed cases and their
# expected files only.
. tests/lib.sh
rulec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scratch=$(dirname "$rulec")/golden
{ rm -rf "$scratch" && mkdir -p "$scratch"; } || exit 1
cd "$2" || exit 1
unit=$(printf '\037')   # a separator no diagnostic holds: each line is one column
for rules in *.rules; do
    name=${rules%.rules}
    command=check
    [ -f "$name.command" ] && command=$(cat "$name.command")
    want_exit=1
    [ -f "$name.exit" ] && want_exit=$(cat "$name.exit")
    args=
    [ -f "$name.args" ] && args=$(cat "$name.args")
    # shellcheck disable=SC2086
    "$rulec" "$command" $args "$rules" >/dev/null 2>"$scratch/$name.actual"
    got_exit=$?
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$scratch/$name.actual" "$name.expected"
    fi
    if [ "$got_exit" = "$want_exit" ] && cmp -s "$scratch/$name.actual" "$name.expected"; then
        pass
    else
        fail "$name: exit $got_exit (want $want_exit)"
        diff -u "$name.expected" "$scratch/$name.actual"
    fi
    # The same diagnostics as JSON (check only): every line one valid object, and read back
    # (by SQLite's JSON functions) as "file:line:col: severity: message", the same lines as
    # the text form's first lines, in the same order, with the same exit status.
    [ "$command" = check ] || continue
    # shellcheck disable=SC2086
    "$rulec" check --diagnostics=json $args "$rules" >/dev/null 2>"$scratch/$name.json"
    json_exit=$?
    grep -E '^[^ ]+:([0-9]+:[0-9]+:)? (error|warning|note): ' "$name.expected" > "$scratch/$name.heads"
    sqlite3 -batch :memory: > "$scratch/$name.fromjson" 2>&1 <<SQL
CREATE TABLE d (j TEXT);
.mode ascii
.separator "$unit" "\\n"
.import "$scratch/$name.json" d
.mode list
SELECT CASE WHEN json_valid(j) THEN j ->> 'file' || ':'
  || coalesce(j ->> 'line' || ':' || (j ->> 'column') || ':', '') || ' ' || (j ->> 'severity') || ': '
  || (j ->> 'message') ELSE 'not JSON: ' || j END FROM d ORDER BY rowid;
SQL
    if [ "$json_exit" = "$want_exit" ] && cmp -s "$scratch/$name.fromjson" "$scratch/$name.heads"; then
        pass
    else
        fail "$name --diagnostics=json: exit $json_exit (want $want_exit)"
        diff -u "$scratch/$name.heads" "$scratch/$name.fromjson" | head -10
    fi
done
finish golden
