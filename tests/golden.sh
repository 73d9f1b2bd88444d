#!/bin/sh
# tests/golden.sh — golden diagnostics: each tests/cases/NAME.rules is checked (or, when
# NAME.command says so, tested), with the options in NAME.args if any, and its stderr and exit
# status compared with NAME.expected and NAME.exit (1 when absent). Part of rulec; see README.md for the licence.
# usage: tests/golden.sh RULEC CASES_DIR      (set UPDATE=1 to rewrite the expected files)
rulec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 1
passed=0
failed=0
for rules in *.rules; do
    name=${rules%.rules}
    command=check
    [ -f "$name.command" ] && command=$(cat "$name.command")
    want_exit=1
    [ -f "$name.exit" ] && want_exit=$(cat "$name.exit")
    args=
    [ -f "$name.args" ] && args=$(cat "$name.args")
    # shellcheck disable=SC2086
    "$rulec" "$command" $args "$rules" >/dev/null 2>"$name.actual"
    got_exit=$?
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$name.actual" "$name.expected"
    fi
    if [ "$got_exit" = "$want_exit" ] && cmp -s "$name.actual" "$name.expected"; then
        passed=$((passed + 1))
        rm -f "$name.actual"
    else
        failed=$((failed + 1))
        echo "FAIL $name: exit $got_exit (want $want_exit)"
        diff -u "$name.expected" "$name.actual"
    fi
done
echo "golden: $passed passed, $failed failed"
[ "$failed" = 0 ]
