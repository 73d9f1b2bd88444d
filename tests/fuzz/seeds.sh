#!/bin/sh
# tests/fuzz/seeds.sh — copies the repository's own inputs into a harness's corpus: rule
# files for the front end, CSV and JSON Lines for batch mode, claims for the others, and the
# inputs of past findings.
# Part of rulec; see README.md for the licence.
# usage: tests/fuzz/seeds.sh NAME CORPUS_DIR
set -u
name=$1
dir=$2
n=0
seed() { n=$((n + 1)); cat > "$dir/seed-$n"; }
case $name in
rules)
    for f in rules/*.rules tests/cases/*.rules tests/table/*.rules; do seed < "$f"; done ;;
audit)
    # A rule file alone (diffed with itself), and pairs split at a line "%%": an edit as an
    # analyst makes one, old then new.
    for f in rules/*.rules tests/table/*.rules; do seed < "$f"; done
    { cat tests/table/petite.rules; echo '%%'; cat tests/table/petite_fr.rules; } | seed
    { cat rules/ramq2018.rules; echo '%%'; sed 's/90 jours/120 jours/; s/2018-04-01/2018-05-01/' rules/ramq2018.rules; } | seed
    { cat tests/table/petite.rules; echo '%%'; sed 's/urgent/presse/; /^rule urgente/d' tests/table/petite.rules; } | seed ;;
batch)
    # The first byte picks the format (bit 0: JSON Lines) and the delimiter (bits 1-2).
    for f in examples/claims.csv tests/batch/*.csv; do
        [ -f "$f" ] && { printf '\000'; cat "$f"; } | seed
    done
    for f in tests/batch/*.jsonl; do
        [ -f "$f" ] && { printf '\001'; cat "$f"; } | seed
    done ;;
claim)
    # Each line of examples/claims.txt is a claim; its words are the arguments.
    while IFS= read -r line; do
        case $line in ''|'#'*) continue ;; esac
        printf '%s' "$line" | tr ' ' '\n' | seed
    done < examples/claims.txt
    printf -- '--json\ndemande=facturer\nprofession=dentiste' | seed
    # Explanations: short, whole, and why not another answer.
    printf -- '--explain\ndemande=facturer\nprofession=dentiste\ndate_service=2018-02-14\ndate_demande=2018-04-03' | seed
    printf -- '--all\n--json\ndemande=refacturer\ndate_service=2017-11-14\nsysteme_initial=papier' | seed
    printf -- '--why-not\ncanal=ancien_systeme\ndemande=facturer\ndate_service=2018-04-14' | seed
    printf -- '--why-not\nhors_delai=false\n--json\ndate_demande=2018-07-14\ndemande=refacturer' | seed
    printf -- '--why-not\nnon_précisé\ndemande=rembourser_assure' | seed ;;
differential)
    # Bytes make claims and small policies: a few patterns to start from.
    for pattern in '\000\177\000' '\001\007\003' '\000\377\001\002' '\001\377\377\005'; do
        printf "$pattern%0128d" 0 | seed
    done ;;
esac
# Every finding stays as a regression input of its harness (tests/fuzz/regressions/NAME-*).
for f in tests/fuzz/regressions/"$name"-*; do
    [ -f "$f" ] && seed < "$f"
done
