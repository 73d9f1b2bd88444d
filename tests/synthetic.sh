#!/bin/sh
# tests/synthetic.sh — the generated typed API of policies other than ramq2018: synthetic
# policies from tools/polygen, one small enough to become code (a walker function), one large
# enough to stay tables; each compiled -Werror, then decided on random claims by the typed API
# and by rulec_decide on the same tables, which must agree on every field (tools/scale_driver.c).
# And the planted gap and conflict are reported. Part of rulec; see README.md.
# usage: tests/synthetic.sh BUILD_DIR
. tests/lib.sh
build=$1
cc=${CC:-cc}

for n in 100 1200; do
    mkdir -p "$work/$n"
    "$build/polygen" $n > "$work/$n/p.rules"
    if ! "$build/rulec" compile "$work/$n/p.rules" -o "$work/$n" > "$work/$n/out" 2>&1; then
        fail "N=$n: compile: $(head -3 "$work/$n/out")"
        continue
    fi
    want=tables
    [ $n = 100 ] && want=code
    got=tables
    grep -q '^static int32_t synthetic_walk' "$work/$n/synthetic.c" && got=code
    [ $got = $want ] && passed=$((passed + 1)) || fail "N=$n: generated as $got, want $want"
    if $cc -std=c99 -Wall -Wextra -pedantic -Werror -O1 -I"$work/$n" -Iinclude tools/scale_driver.c \
            "$work/$n/synthetic.c" src/runtime/decide.c -o "$work/$n/driver" 2> "$work/$n/cc" &&
       "$work/$n/driver" $n 50000 > "$work/$n/run" 2>&1 &&
       grep -qx 'agree=50000' "$work/$n/run"; then
        passed=$((passed + 1))
    else
        fail "N=$n: typed API against tables: $(cat "$work/$n/cc" "$work/$n/run" | head -5)"
    fi
    "$build/polygen" $n --plant > "$work/$n/planted.rules"
    "$build/rulec" check "$work/$n/planted.rules" > "$work/$n/planted" 2>&1
    status=$?
    if [ $status = 1 ] && grep -q "aucune règle ne décide les demandes comme : d0=1989-12-31 b1=true" "$work/$n/planted" &&
       grep -q "les règles 'r0' (ligne [0-9]*) et 'planted_conflict'" "$work/$n/planted" &&
       [ "$(grep -c ': error:' "$work/$n/planted")" = 2 ]; then
        passed=$((passed + 1))
    else
        fail "N=$n: planted faults (exit $status): $(head -4 "$work/$n/planted")"
    fi
done
finish synthetic
