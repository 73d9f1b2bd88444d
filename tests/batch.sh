#!/bin/sh
# tests/batch.sh — end-to-end tests of batch mode (build/ramq2018 --batch, rulec eval --batch):
# every bad-row kind, exact answers, row counts kept, constant memory, I/O errors.
# Part of rulec; see README.md for the licence.
# usage: tests/batch.sh RULEC PROGRAM CASES_DIR      (UPDATE=1 rewrites the .expected files)
. tests/lib.sh
top=$(pwd)
rulec=$top/$1
program=$top/$2
cases=$3

# Each case file is decided; stdout, then stderr, then the exit status are compared with
# CASE.expected. The summary names the rules' version; it is checked once, below, against the
# generated header, and written as <sha256> in the expected files so that they need not
# change with every edit of the rule file.
sha=$(sed -n 's/^#define RAMQ2018_SHA256 "\([0-9a-f]*\)"$/\1/p' gen/ramq2018.h)
for input in "$cases"/*.csv "$cases"/*.jsonl; do
    case $input in *.jsonl) format=jsonl ;; *) format=csv ;; esac
    expected=$input.expected
    {
        "$program" --batch --format $format < "$input" 2>"$work/err"
        status=$?
        echo "--- stderr"
        sed "s/SHA-256 $sha\$/SHA-256 <sha256>/" "$work/err"
        echo "--- exit $status"
    } > "$work/got"
    if [ "${UPDATE:-}" = 1 ]; then
        cp "$work/got" "$expected"
    fi
    if cmp -s "$work/got" "$expected"; then pass; else
        fail "$input"; diff "$expected" "$work/got" | head -20; fi
    # rulec eval reads the rule file and decides with the same tables: same bytes.
    "$rulec" eval rules/ramq2018.rules --batch --format $format < "$input" > "$work/rulec" 2>/dev/null
    "$program" --batch --format $format < "$input" > "$work/program" 2>/dev/null
    if cmp -s "$work/rulec" "$work/program"; then pass; else fail "$input: rulec eval --batch differs"; fi
done

# The summary's version is the generated header's RAMQ2018_SHA256, which is the rule
# file's SHA-256.
"$program" --batch < "$cases/tab.csv" 2>"$work/err" >/dev/null
file_sha=$(sha256sum rules/ramq2018.rules | cut -d' ' -f1)
if [ -n "$sha" ] && [ "$sha" = "$file_sha" ] &&
   grep -qx "ramq2018: règles : rules/ramq2018.rules, SHA-256 $sha" "$work/err"; then pass; else
    fail "the batch summary does not name the rules' SHA-256 ($sha, file $file_sha)"; fi

# Row counts: 7,000 rows, a thousand of each kind, in one stream. One answer per row, in order.
awk 'BEGIN {
    print "id,demande,profession,date_service,date_demande,acces_ancien_systeme"
    for (i = 0; i < 7000; i++) {
        k = i % 7
        if (k == 0) print i ",facturer,dentiste,2018-04-01,2018-04-03,"
        if (k == 1) print i ",facturer,dentiste,2018-02-30,2018-04-03,true"
        if (k == 2) print i ",facturer,dentist,2018-02-14,2018-04-03,true"
        if (k == 3) print i ",facturer,dentiste"
        if (k == 4) print i ",facturer,dentiste,2018-03-15,2018-04-05,"
        if (k == 5) print i ",fact\"urer,dentiste,2018-02-14,2018-04-03,true"
        if (k == 6) print i ",rembourser_assure,,2018-03-10,2018-04-20,,extra"
    }
}' > "$work/rows.csv"
"$program" --batch < "$work/rows.csv" > "$work/rows.out" 2>"$work/rows.err"
status=$?
[ $status = 3 ] && pass || fail "7,000 rows: exit $status, want 3"
[ "$(wc -l < "$work/rows.out")" = 7001 ] && pass || fail "7,000 rows: $(wc -l < "$work/rows.out") lines out, want 7001"
grep -qx 'ramq2018: demandes lues : 7000 ; décidées : 1000 ; rejetées : 6000' "$work/rows.err" && pass ||
    fail "7,000 rows: summary $(cat "$work/rows.err")"
# The answers come in the input's order: the id column, read back.
if cut -d, -f1 "$work/rows.out" | tail -n +2 | awk '$0 != NR - 1 && $0 != "\"" NR - 1 { bad = 1 } END { exit bad }'; then
    pass; else fail "7,000 rows: answers out of order"; fi
for kind in "date_service : valeur « 2018-02-30 » refusée" "profession : valeur « dentist » refusée" \
            "3 champs au lieu de 6" "acces_ancien_systeme : donnée manquante" \
            "champ 2 : guillemet dans un champ" "7 champs au lieu de 6"; do
    n=$(grep -c "$kind" "$work/rows.out")
    [ "$n" = 1000 ] && pass || fail "7,000 rows: $n rows say '$kind', want 1000"
done

# The same in JSON Lines: as many lines out as in.
awk 'BEGIN { for (i = 0; i < 3000; i++) {
    k = i % 3
    if (k == 0) print "{\"id\":" i ",\"demande\":\"rembourser_assure\",\"date_service\":\"2018-03-10\",\"date_demande\":\"2018-04-20\"}"
    if (k == 1) print "{\"id\":" i ",\"demande\":\"rembourser_assure\""
    if (k == 2) print "{\"id\":" i ",\"demande\":\"facturer\"}"
} }' > "$work/rows.jsonl"
"$program" --batch --format jsonl < "$work/rows.jsonl" > "$work/jsonl.out" 2>"$work/jsonl.err"
[ "$(wc -l < "$work/jsonl.out")" = 3000 ] && pass || fail "3,000 JSON lines: $(wc -l < "$work/jsonl.out") out"
grep -qx 'ramq2018: demandes lues : 3000 ; décidées : 1000 ; rejetées : 2000' "$work/jsonl.err" && pass ||
    fail "3,000 JSON lines: summary $(cat "$work/jsonl.err")"

# A line longer than 1 MiB is answered, its text left out, and the next line still read; a
# quoted field that runs past 1 MiB loses only its first line.
{
    echo "id,demande"
    printf '1,'; head -c 1200000 /dev/zero | tr '\0' x; echo
    printf '2,"'; head -c 1200000 /dev/zero | tr '\0' y; printf '\n",z\n'
    echo "3,rembourser_assure"
    printf '4,"y\n'; head -c 1200000 /dev/zero | tr '\0' '\n'; echo '"'
    echo "5,rembourser_assure"
} > "$work/long.csv"
"$program" --batch < "$work/long.csv" > "$work/long.out" 2>"$work/long.err"
printf '%s\n' 'id,demande,outcome,canal,echeance,hors_delai,mentions,message,rule,citation,reason,interpretation,error' \
    ',,rejected,,,,,,,,,,"ligne 2 : ligne de plus de 1 Mio, non conservée"' \
    ',,rejected,,,,,,,,,,"ligne 3 : ligne de plus de 1 Mio, non conservée"' \
    '""",z",,rejected,,,,,,,,,,"ligne 4 : champ 1 : guillemet ouvert sur cette ligne et jamais refermé comme il faut (texte après le guillemet qui le fermerait) ; seule cette ligne est rejetée, la lecture reprend à la ligne suivante"' \
    '3,rembourser_assure,rejected,,,,,,,,,,"ligne 5 : date_demande : donnée manquante, nécessaire à cette décision (Date de transmission de la demande) ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01"' \
    '"4,""y",,rejected,,,,,,,,,,"ligne 6 : champ 2 : guillemet ouvert sur cette ligne et jamais refermé comme il faut (l'"'"'enregistrement dépasserait 1 Mio) ; seule cette ligne est rejetée, la lecture reprend à la ligne suivante"' \
    > "$work/long.want"
head -6 "$work/long.out" > "$work/long.got"
cmp -s "$work/long.want" "$work/long.got" && pass || { fail "long records"; diff "$work/long.want" "$work/long.got" | cut -c1-300; }
grep -q '^5,rembourser_assure,rejected,.*"ligne 1200008 : date_demande : donnée manquante' "$work/long.out" && pass ||
    fail "the row after a quoted field over 1 MiB: $(tail -1 "$work/long.out" | cut -c1-100)"

# One unmatched quote never swallows the claims after it: 50,000 valid rows, all decided.
awk 'BEGIN { print "id,demande,date_service,date_demande,note"
    print "0,rembourser_assure,2018-03-10,2018-04-20,\"guillemet jamais fermé"
    for (i = 1; i <= 50000; i++) print i ",rembourser_assure,2018-03-10,2018-04-20,ok" }' > "$work/stray.csv"
"$program" --batch < "$work/stray.csv" > "$work/stray.out" 2>"$work/stray.err"
status=$?
[ $status = 3 ] && pass || fail "stray quote: exit $status, want 3"
grep -qx 'ramq2018: demandes lues : 50001 ; décidées : 50000 ; rejetées : 1' "$work/stray.err" && pass ||
    fail "stray quote: summary $(cat "$work/stray.err")"
[ "$(grep -c ',decided,formulaire_2058_2076,' "$work/stray.out")" = 50000 ] && pass ||
    fail "stray quote: $(grep -c ',decided,' "$work/stray.out") rows decided, want 50000"
tail -1 "$work/stray.out" | grep -q '^50000,rembourser_assure' && pass || fail "stray quote: last row $(tail -1 "$work/stray.out" | cut -c1-60)"

# The same recovery in a ';' file, found from the header.
tr ',' ';' < "$work/stray.csv" > "$work/stray-semicolon.csv"
"$program" --batch < "$work/stray-semicolon.csv" > "$work/stray.out" 2>"$work/stray.err"
grep -qx 'ramq2018: demandes lues : 50001 ; décidées : 50000 ; rejetées : 1' "$work/stray.err" && pass ||
    fail "stray quote, ';': summary $(cat "$work/stray.err")"
# --delimiter says it when the header cannot.
printf 'demande\trembourser_assure\n' | "$program" --batch --delimiter tab > "$work/out" 2>&1
grep -q '^demande	rembourser_assure	outcome' "$work/out" && pass || fail "--delimiter tab: $(head -1 "$work/out")"
printf 'demande\n' | "$program" --batch --delimiter '|' > "$work/out" 2>&1
[ $? = 2 ] && pass || fail "--delimiter |: want exit 2"

# Constant memory: 200,000 rows take no more memory than 2,000. (make check-deps installs time.)
if [ ! -x /usr/bin/time ]; then
    fail "memory: /usr/bin/time is missing (apt-get install time)"
else
    for n in 2000 200000; do
        awk -v n=$n 'BEGIN { print "demande,date_service,date_demande"
            for (i = 0; i < n; i++) print "rembourser_assure,2018-03-10,2018-04-20" }' > "$work/m.csv"
        /usr/bin/time -f %M -o "$work/rss$n" "$program" --batch < "$work/m.csv" > /dev/null 2>&1
    done
    small=$(cat "$work/rss2000") large=$(cat "$work/rss200000")
    [ "$large" -le $((small + 1024)) ] && pass || fail "memory: ${small} KB for 2,000 rows, ${large} KB for 200,000"
fi

# Errors of the command line, and of writing.
for args in "--batch --json" "--batch demande=facturer" "--format csv" "--batch --format xml" \
            "--batch --format jsonl --delimiter ;" "--batch a.csv b.csv"; do
    # shellcheck disable=SC2086
    "$program" $args < /dev/null > "$work/out" 2>&1
    status=$?
    [ $status = 2 ] && pass || fail "$args: exit $status, want 2"
done
if [ -w /dev/full ]; then
    "$program" --batch < "$work/rows.csv" > /dev/full 2>"$work/err"
    status=$?
    [ $status = 1 ] && grep -q "écriture des réponses impossible : No space left on device" "$work/err" && pass ||
        fail "writing to /dev/full: exit $status, $(cat "$work/err")"
fi

# A header that cannot be read stops the batch (exit 2, one message), as one naming no input
# does: a file whose only line is over 1 MiB, a 2 GB sparse file (all NUL bytes, no line
# break; it costs no disk).
head -c 1100000 /dev/zero | tr '\0' 'a' > "$work/long.csv"
truncate -s 2G "$work/sparse.csv"
for file in long.csv sparse.csv; do
    "$program" --batch "$work/$file" > "$work/out" 2>"$work/err"
    status=$?
    [ $status = 2 ] && [ ! -s "$work/out" ] &&
        [ "$(cat "$work/err")" = "ramq2018: ligne 1 : en-tête illisible : ligne de plus de 1 Mio, non conservée" ] &&
        pass || fail "$file as the header: exit $status, $(cat "$work/err")"
done
rm -f "$work/sparse.csv" "$work/long.csv"

# Every line the JSON Lines answers hold is JSON, whatever the claims' bytes (sqlite3's
# json_valid), and valid UTF-8 (iconv: json_valid does not look); the keys' uniqueness is in
# hostile.jsonl.expected, line by line.
"$program" --batch --format jsonl < "$cases/hostile.jsonl" 2>/dev/null > "$work/answers.jsonl"
invalid=$(sqlite3 -batch :memory: ".mode ascii" ".separator \"$(printf '\037')\" \"\\n\"" \
    "CREATE TABLE a (j TEXT);" ".import $work/answers.jsonl a" \
    "SELECT count(*) FROM a WHERE NOT json_valid(j);" 2>&1)
lines=$(wc -l < "$work/answers.jsonl")
[ "$invalid" = 0 ] && [ "$lines" = "$(wc -l < "$cases/hostile.jsonl")" ] && pass ||
    fail "hostile.jsonl: $invalid answers are not JSON, $lines lines"
iconv -f UTF-8 -t UTF-8 "$work/answers.jsonl" > /dev/null 2>&1 && pass ||
    fail "hostile.jsonl: the answers are not all UTF-8"

# The system's reason on a read error; a boolean as the number 1 in JSON Lines.
"$program" --batch "$work" > "$work/out" 2>"$work/err"
status=$?
[ $status = 1 ] && grep -q "lecture des demandes interrompue : Is a directory" "$work/err" && pass ||
    fail "reading a directory: exit $status, $(cat "$work/err")"
printf '{"demande":"facturer","profession":"dentiste","date_service":"2018-03-15","date_demande":"2018-04-05","acces_ancien_systeme":1}\n' |
    "$program" --batch --format jsonl 2>/dev/null | grep -q '"canal":"ancien_systeme"' && pass ||
    fail "JSON Lines: acces_ancien_systeme 1"

finish batch
