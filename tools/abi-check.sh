#!/bin/sh
# tools/abi-check.sh — librulec's ABI against the committed baseline (make abi-check), with
# libabigail (Debian: abigail-tools). Programs linked to librulec.so.N must keep working with
# any later librulec.so.N: a change that would break them (a struct's layout, a function's
# type, a removed function) fails, unless the soname's major number changed and the baseline
# with it (make abi-baseline, then commit abi/librulec.abi). Compatible additions pass.
# Part of rulec; see README.md for the licence.
# usage: tools/abi-check.sh BASELINE LIBRARY HEADERS-DIR
set -u
baseline=$1
library=$2
headers=$3
if [ ! -f "$baseline" ]; then
    echo "abi-check: no baseline $baseline: run make abi-baseline and commit it" >&2
    exit 1
fi
soname=$(objdump -p "$library" | sed -n 's/^ *SONAME *//p')
was=$(sed -n "1s/.* soname='\([^']*\)'.*/\1/p" "$baseline")
if [ "$soname" != "$was" ]; then
    echo "abi-check: the library is $soname, the baseline $baseline is of $was:" >&2
    echo "  a new major version: run make abi-baseline and commit $baseline with it" >&2
    exit 1
fi
report=$(abidiff --headers-dir2 "$headers" "$baseline" "$library")
status=$?
# abidiff's status is a bit mask: 1 error, 2 usage, 4 a change, 8 an incompatible change.
if [ $((status & 3)) -ne 0 ]; then
    echo "abi-check: abidiff failed (status $status)" >&2
    printf '%s\n' "$report" >&2
    exit 1
fi
# libabigail calls a struct's new layout a change, not an incompatibility (bit 8 is for a
# removed symbol): a caller that allocates struct rulec_result, or tables written for the old
# layout, would break all the same. So any removed or changed function or variable fails;
# only added ones pass.
# Its summary lines read "Functions changes summary: 0 Removed, 1 Changed (…), 0 Added …":
# a change (bit 4) whose summary cannot be read counts as incompatible.
changed=$(printf '%s\n' "$report" | awk '
    /^(Functions|Variables) changes summary: / { seen = 1; n += $4 + $6 }
    END { print seen ? n + 0 : "unread" }')
if [ "$changed" = unread ] && [ $((status & 4)) -ne 0 ]; then
    changed=1
elif [ "$changed" = unread ]; then
    changed=0
fi
if [ $((status & 8)) -ne 0 ] || [ "$changed" -ne 0 ]; then
    printf '%s\n' "$report" >&2
    echo "abi-check: $soname changed incompatibly: programs linked to it would break." >&2
    echo "  Undo the change, or make it a new major version: raise RULEC_VERSION's major number" >&2
    echo "  (include/rulec/rulec.h; RULEC_ABI too if the tables' layout changed), then run" >&2
    echo "  make abi-baseline and commit $baseline." >&2
    exit 1
fi
if [ $((status & 4)) -ne 0 ]; then
    printf '%s\n' "$report"
    echo "abi-check: $soname: compatible additions (above); make abi-baseline records them"
    exit 0
fi
echo "abi-check: $soname: the ABI of $baseline, unchanged"
