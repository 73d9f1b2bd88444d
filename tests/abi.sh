#!/bin/sh
# tests/abi.sh — make abi-check fails when it should: the runtime built again in a scratch
# folder, once with a field added to struct rulec_result (a layout change that breaks every
# caller), once with a function added (compatible); tools/abi-check.sh must refuse the first
# and accept the second, against the committed baseline.
# Part of rulec; see README.md for the licence.
# usage: tests/abi.sh      (from the top directory; make abi-test)
. tests/lib.sh
major=$(sed -n 's/^#define RULEC_VERSION_MAJOR \([0-9]*\)$/\1/p' include/rulec/rulec.h)

# build NAME: the runtime of $work/NAME (a copy of include/ and src/runtime/) as a shared library
build() {
    cc -std=c11 -O2 -g -fPIC -shared -Wl,-soname,"librulec.so.$major" -I"$work/$1/include" \
        "$work/$1"/src/runtime/*.c -o "$work/$1/librulec.so" 2> "$work/$1.err"
}
copy() {
    mkdir -p "$work/$1/src"
    cp -r include "$work/$1/"
    cp -r src/runtime "$work/$1/src/"
}

copy layout
perl -0pi -e 's/(\n    int region;)/\n    int reserved;$1/' "$work/layout/include/rulec/rulec.h"
grep -q "int reserved;" "$work/layout/include/rulec/rulec.h" || fail "the layout change was not made"
if build layout; then
    if tools/abi-check.sh abi/librulec.abi "$work/layout/librulec.so" "$work/layout/include/rulec" \
           > "$work/layout.out" 2>&1; then
        fail "abi-check accepts a field added to struct rulec_result"
    elif grep -q "changed incompatibly" "$work/layout.out" &&
         grep -q "'int reserved'" "$work/layout.out"; then pass; else
        fail "abi-check's refusal does not name the change: $(cat "$work/layout.out")"; fi
else
    fail "the changed runtime does not build: $(cat "$work/layout.err")"
fi

copy addition
printf '\nint rulec_added(void);\n' >> "$work/addition/include/rulec/rulec.h"
printf 'int rulec_added(void) { return 1; }\n' >> "$work/addition/src/runtime/text.c"
if build addition; then
    if tools/abi-check.sh abi/librulec.abi "$work/addition/librulec.so" "$work/addition/include/rulec" \
           > "$work/addition.out" 2>&1 && grep -q "compatible additions" "$work/addition.out"; then
        pass; else fail "abi-check refuses an added function: $(cat "$work/addition.out")"; fi
else
    fail "the extended runtime does not build: $(cat "$work/addition.err")"
fi

finish abi
