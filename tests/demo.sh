#!/bin/sh
# tests/demo.sh — `make demo`: decides each claim of a claims file with the policy program.
# Part of rulec; see README.md for the licence.
# usage: tests/demo.sh PROGRAM CLAIMS
program=$1
claims=$2
comment=""
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
    '') continue ;;
    '#'*) comment=${line#'# '}; continue ;;
    esac
    echo "================================================================================"
    [ -n "$comment" ] && echo "$comment"
    echo "\$ ${program##*/} $line"
    # Word splitting of $line is wanted: one argument per name=value pair.
    # shellcheck disable=SC2086
    "$program" $line 2>&1
    echo "(statut de sortie : $?)"
    comment=""
done < "$claims"
