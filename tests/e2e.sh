#!/bin/sh
# tests/e2e.sh — end-to-end tests of build/rulec and build/ramq2018: every error path, exact
# outputs, generated code freshness and determinism. Part of rulec; see README.md.
# usage: tests/e2e.sh RULEC PROGRAM API_EXAMPLE [WHY_NOT_EXAMPLE]
. tests/lib.sh
top=$(pwd)
rulec=$top/$1
program=$top/$2
api_example=$top/$3
why_not_example=${4:+$top/$4}

# run NAME WANT_EXIT WANT_STDOUT_FILE WANT_STDERR_FILE -- COMMAND...
# "-" for a file means "must be empty"; "*" means "not compared".
run() {
    name=$1 want_exit=$2 want_out=$3 want_err=$4
    shift 5
    "$@" >"$work/out" 2>"$work/err"
    got_exit=$?
    ok=1
    [ "$got_exit" = "$want_exit" ] || { echo "FAIL $name: exit $got_exit, want $want_exit"; ok=0; }
    for stream in out err; do
        if [ "$stream" = out ]; then want=$want_out; else want=$want_err; fi
        case $want in
        '*') ;;
        -) [ -s "$work/$stream" ] && { echo "FAIL $name: std$stream not empty:"; cat "$work/$stream"; ok=0; } ;;
        *) printf '%s' "$want" > "$work/want"
           cmp -s "$work/want" "$work/$stream" || { echo "FAIL $name: std$stream differs:"; diff "$work/want" "$work/$stream"; ok=0; } ;;
        esac
    done
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

# typed_api NAME DIR POLICY EXPECTED: DIR/main.c, a program on the typed C API of DIR/POLICY.c
# (rulec compile's output), built warning-free as C99 with the runtime's sources, then run:
# its output must be EXPECTED.
typed_api() {
    if cc -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -I"$2" "$2/main.c" "$2/$3.c" \
          src/runtime/*.c -o "$2/main" 2> "$work/cc.err"; then
        run "$1: the typed C API" 0 "$4" - -- "$2/main"
    else
        fail "$1: the generated C does not compile: $(head -5 "$work/cc.err")"
    fi
}

nl='
'
R=rules/ramq2018.rules

# --- rulec: command line ---------------------------------------------------------------
run "rulec --version" 0 "rulec 1.0.0$nl" - -- "$rulec" --version
run "rulec --help" 0 '*' - -- "$rulec" --help
run "rulec without command" 2 - '*' -- "$rulec"
run "rulec unknown command" 2 - '*' -- "$rulec" frobnicate $R
head -1 "$work/err" | grep -qx "rulec: commande inconnue « frobnicate »" && pass || fail "unknown command: $(head -1 "$work/err")"
run "rulec coverage: the command is test's" 2 - '*' -- "$rulec" coverage $R
head -1 "$work/err" | grep -qx "rulec: commande inconnue « coverage » ; vouliez-vous dire « rulec test --coverage » ?" && pass || fail "coverage: $(head -1 "$work/err")"
run "rulec compil: a near spelling" 2 - '{"file":"rulec","severity":"error","message":"commande inconnue « compil » ; vouliez-vous dire « rulec compile » ? ; voir rulec --help"}'"$nl" -- "$rulec" compil --diagnostics=json $R
run "rulec vérifier: the French verb" 2 - "rulec: commande inconnue « vérifier » ; vouliez-vous dire « rulec check » ?$nl(rulec --help : toutes les commandes)$nl" -- "$rulec" vérifier $R
run "rulec --coverage FILE: the command comes first" 2 - "rulec: « $R » n'est pas une commande : la commande vient d'abord, « rulec test --coverage $R »$nl(rulec --help : toutes les commandes)$nl" -- "$rulec" --coverage $R
run "rulec -o DIR FILE: the command its options call for, before the line as typed" 2 - "rulec: « $R » n'est pas une commande : la commande vient d'abord, « rulec compile -o gen $R »$nl(rulec --help : toutes les commandes)$nl" -- "$rulec" -o gen $R
run "rulec: an option with an escape sequence is not echoed" 2 - '*' -- "$rulec" "$(printf -- '--x\033[2J')" $R
head -1 "$work/err" | grep -qx "rulec: option inconnue" && pass || fail "option escape echoed: $(head -1 "$work/err" | cat -v)"
run "rulec: an unknown command with an escape sequence is not echoed" 2 - '*' -- "$rulec" "$(printf 'x\033[2J')" $R
head -1 "$work/err" | grep -qx "rulec: commande inconnue" && pass || fail "escape echoed: $(head -1 "$work/err")"
# Every citation rests on a source without text: nothing for --sources to look for, and check
# does not suggest it.
printf 'policy sanstexte "Sans texte"\nsource s "S"\ninput a "A" : bool\noutput o "O" : bool\nrule r cites s "1" then o = true\n' > "$work/textless.rules"
run "check: no quote to look for, no --sources suggested" 0 "$work/textless.rules: politique sanstexte : 1 règle, 1 entrée, 0 valeur dérivée, 1 sortie ; chaque demande est décidée par exactement une règle (0 nœud de décision)
  règles : 1 applique le texte tel qu'il est écrit (cites), 0 repose sur une lecture de plusieurs passages (interprets) ; 0 non précisée (unspecified), 0 invalide (invalid)
  citations : aucune à chercher dans le texte d'une source ; 1 repose sur une source sans texte, que rien ne vérifie (s, dans les règles r)$nl" - -- "$rulec" check "$work/textless.rules"
run "rulec compile without -o" 2 - '*' -- "$rulec" compile $R
run "rulec missing file" 3 - "nowhere.rules: error: lecture du fichier de règles impossible : No such file or directory$nl" -- "$rulec" check nowhere.rules

# --- rulec check / test on the policy -------------------------------------------------------
summary="$R: politique ramq2018 : 17 règles, 7 entrées, 3 valeurs dérivées, 5 sorties ; chaque demande est décidée par exactement une règle (26 nœuds de décision)
  règles : 13 appliquent le texte tel qu'il est écrit (cite), 4 reposent sur une lecture de plusieurs passages (interprète) ; 2 non précisées (non_précisé), 3 invalides (invalide)
"
textless=" ; 5 reposent sur une source sans texte, que rien ne vérifie (loi_assurance_maladie, dans les règles facturation_nouveau_systeme, facturation_sans_acces, refacturation_refusee_956, refacturation_papier_apres_bascule, et dans la propriété delai_de_facturation)
  propriétés : 9 prouvées pour toute demande"
run "rulec check policy" 0 "$summary  citations : 36 non vérifiées : donnez --sources DOSSIER pour les chercher dans les textes des sources$textless$nl" - -- "$rulec" check $R
if [ -d ../shared/seeds ]; then
    run "rulec check --sources" 0 "$summary  citations : 36 vérifiées dans les textes de ../shared/seeds$textless$nl" - -- "$rulec" check --sources ../shared/seeds $R
    sed 's/délai de facturation de 90 jours à compter de la date du service"$/délai de facturation de 120 jours à compter de la date du service"/' $R > "$work/edited.rules"
    run "rulec check: a quote changed to 120 days is not in the text" 1 - '*' -- "$rulec" check --sources ../shared/seeds "$work/edited.rules"
    # As the README shows it: the changed word marked, and what the text says there.
    readme_block=$(sed -n '/^rules\/ramq2018.rules:96:/,/^ *\^/p' README.md)
    [ -n "$readme_block" ] && [ "$(head -3 "$work/err" | sed "s|^$work/edited.rules:|rules/ramq2018.rules:|")" = "$readme_block" ] &&
        pass || fail "the misquote is not reported as the README shows: $(head -3 "$work/err")"
    run "rulec compile refuses it too" 1 - '*' -- "$rulec" compile --sources ../shared/seeds "$work/edited.rules" -o "$work"
    run "rulec test refuses it too" 1 - '*' -- "$rulec" test "$work/edited.rules" --sources ../shared/seeds
fi
run "rulec test policy" 0 "35 exemples réussis, 0 en échec${nl}9 propriétés prouvées, 0 en échec$nl" - -- "$rulec" test $R

# --- command lines: options anywhere, - for stdin, the system's reason ---------------------
stdin_summary="$(printf '%s' "$summary" | sed "1s|^$R|<stdin>|")$nl"
run "rulec check -" 0 "$stdin_summary  citations : 36 non vérifiées : donnez --sources DOSSIER pour les chercher dans les textes des sources$textless$nl" - -- sh -c "\"$rulec\" check - < $R"
run "rulec check a directory" 3 - "rules: error: lecture du fichier de règles impossible : Is a directory$nl" -- "$rulec" check rules
run "rulec unknown option" 2 - '*' -- "$rulec" check --frobnicate $R
run "rulec eval --json before the file" 0 '{"outcome":"decided","canal":"formulaire_2058_2076","rule":"remboursement_personne_assuree","citation":"RAMQ, Infolettre 375, 28 février 2018, section 3"}'"$nl" - -- "$rulec" eval --json $R demande=rembourser_assure date_service=2018-04-10 date_demande=2018-04-20
run "rulec -- ends the options" 2 - "rulec: l'argument « --json » n'a pas la forme nom=valeur$nl" -- "$rulec" eval $R -- --json
run "ramq2018 without argument: usage" 2 - '*' -- "$program"
run "ramq2018 --version" 0 "ramq2018 (rulec 1.0.0)${nl}règles : rules/ramq2018.rules, SHA-256 $(sha256sum $R | cut -c1-64)$nl" - -- "$program" --version
run "ramq2018 unknown option" 2 - "ramq2018: option inconnue « --jsn » ; options : --json, --explain, --all, --why-not, --batch, --format, --delimiter, --help, --version$nl" -- "$program" --jsn demande=facturer
run "ramq2018 --batch on a missing file" 1 - "ramq2018: nowhere.csv : lecture des demandes impossible : No such file or directory$nl" -- "$program" --batch nowhere.csv
run "ramq2018 --batch -" 0 '*' '*' -- sh -c "\"$program\" --batch - < examples/claims.csv >/dev/null 2>&1; test \$? = 3"
grep -q '#define RAMQ2018_SHA256 "'"$(sha256sum $R | cut -c1-64)"'"' gen/ramq2018.h && passed=$((passed + 1)) || { echo "FAIL gen/ramq2018.h: RAMQ2018_SHA256"; failed=$((failed + 1)); }

# --- rulec compile: fresh, deterministic, nothing written on error -----------------------
mkdir "$work/gen1" "$work/gen2" "$work/gen3"
run "rulec compile" 0 - - -- "$rulec" compile $R -o "$work/gen1"
for f in ramq2018.h ramq2018.c; do
    if cmp -s "$work/gen1/$f" "gen/$f"; then passed=$((passed + 1)); else
        echo "FAIL gen/$f is stale: run make and commit it"; failed=$((failed + 1)); fi
done
(cd /tmp && "$rulec" compile "$top/$R" -o "$work/gen2")
if cmp -s "$work/gen1/ramq2018.c" "$work/gen2/ramq2018.c" && cmp -s "$work/gen1/ramq2018.h" "$work/gen2/ramq2018.h"; then
    passed=$((passed + 1)); else echo "FAIL compile from another directory differs"; failed=$((failed + 1)); fi
if grep -q "$top" "$work/gen1/ramq2018.c" "$work/gen1/ramq2018.h" || grep -Eq '20[0-9]{2}-[0-9]{2}-[0-9]{2}T|__DATE__' "$work/gen1/ramq2018.c"; then
    echo "FAIL generated code names an absolute path or a date"; failed=$((failed + 1)); else passed=$((passed + 1)); fi
run "rulec compile with errors" 1 - '*' -- "$rulec" compile tests/cases/gap.rules -o "$work/gen3"
if [ -z "$(ls "$work/gen3")" ]; then passed=$((passed + 1)); else echo "FAIL files written on error"; failed=$((failed + 1)); fi
run "rulec compile to a missing directory" 3 - '*' -- "$rulec" compile $R -o "$work/none/x"

# --- rulec test with a failing example -------------------------------------------------
run "rulec test failing" 1 "0 exemple réussi, 1 en échec$nl" '*' -- "$rulec" test tests/cases/failing_example.rules

# --- decisions: rulec eval and build/ramq2018 agree, text and JSON -------------------------
claim="demande=refacturer profession=dentiste date_service=2017-12-31 date_demande=2018-04-20 systeme_initial=ancien_logiciel acces_ancien_systeme=false date_etat_compte=2018-03-02"
json='{"outcome":"decided","canal":"formulaire_1670","echeance":"2018-05-31","hors_delai":false,"mentions":["date_service","lettre_b_case_cs","no_demande_et_date_etat_compte"],"rule":"refacturation_papier_dentiste","citation":"RAMQ, Infolettre 375, 28 février 2018, section 2.2"}'
# shellcheck disable=SC2086
run "ramq2018 --json" 0 "$json$nl" - -- "$program" --json $claim
# shellcheck disable=SC2086
run "rulec eval --json" 0 "$json$nl" - -- "$rulec" eval $R --json $claim
# shellcheck disable=SC2086
run "ramq2018 ... --json (last)" 0 "$json$nl" - -- "$program" $claim --json
text="Mode de facturation : Ancien système, au moyen du logiciel de facturation (ancien_systeme)
Date limite de transmission : 2018-05-15
Transmise après la date limite : oui
Pourquoi : règle facturation_ancien_systeme ($R, ligne 121)
  RAMQ, Infolettre 375, 28 février 2018, section 1.1 : « le professionnel qui utilise l'ancien système de facturation de la Régie au moyen d'un logiciel de facturation et qui y a toujours accès au 1er avril 2018 pourra continuer de l'utiliser en respectant le délai de facturation de 90 jours à compter de la date du service »
Note : Passé la date limite, l'infolettre ne dit pas comment facturer : voir la rubrique Facturation hors délai de la Régie.
"
run "ramq2018 text, day 91" 0 "$text" - -- "$program" demande=facturer profession=dentiste date_service=2018-02-14 date_demande=2018-05-16 acces_ancien_systeme=true
run "ramq2018 unspecified json" 0 '{"outcome":"unspecified","reason":"Pour un service de janvier à mars 2018 facturé sur papier, l'"'"'infolettre prévoit la demande de révision pour le professionnel qui n'"'"'a plus accès à l'"'"'ancien système ; elle ne dit rien de celui qui y a toujours accès par un logiciel.","rule":"refacturation_papier_2018_avec_acces","citation":"RAMQ, Infolettre 375, 28 février 2018, section 2.2, Demande de révision"}'"$nl" - -- "$program" --json demande=refacturer profession=dentiste date_service=2018-02-01 date_demande=2018-04-20 systeme_initial=papier acces_ancien_systeme=true
run "ramq2018 json: a rule that interprets says so" 0 '{"outcome":"decided","canal":"nouveau_systeme","echeance":"2018-06-30","hors_delai":false,"message":956,"rule":"refacturation_refusee_956","citation":"RAMQ, Infolettre 375, 28 février 2018, section 1.2; Loi sur l'"'"'assurance maladie (hors infolettre), art. 22.1","interpretation":"L'"'"'ancien système refuse toute demande de paiement informatisée d'"'"'un service daté du 1er avril 2018 ou après, avec le message 956 qui renvoie au nouveau système (1.2) : rien n'"'"'y a été facturé, il n'"'"'y a donc rien à y refacturer. Le service reste à facturer, et 1.2 dit où : dans le nouveau système, avec son délai."}'"$nl" - -- "$program" --json demande=refacturer profession=dentiste date_service=2018-04-01 date_demande=2018-04-20 systeme_initial=ancien_logiciel

# Every claim of the demo file: the evaluator program and rulec eval print the same JSON.
grep -v '^#' examples/claims.txt | grep -v '^$' | while IFS= read -r line; do
    # shellcheck disable=SC2086
    a=$("$program" --json $line 2>&1; echo "exit $?")
    # shellcheck disable=SC2086
    b=$("$rulec" eval $R --json $line 2>&1; echo "exit $?")
    b=$(printf '%s' "$b" | sed 's/^rulec:/ramq2018:/')
    [ "$a" = "$b" ] || echo "DIFF $line"
done > "$work/diffs"
if [ -s "$work/diffs" ]; then echo "FAIL rulec eval and ramq2018 disagree:"; cat "$work/diffs"; failed=$((failed + 1)); else passed=$((passed + 1)); fi

# --- bad claims: exit 2, nothing on stdout, one line naming the field ------------------
base="demande=facturer profession=dentiste date_service=2018-04-01"
# shellcheck disable=SC2086
run "bad date" 2 - "ramq2018: date_demande : valeur « 2018-02-30 » refusée ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01$nl" -- "$program" $base date_demande=2018-02-30
run "unknown value" 2 - "ramq2018: profession : valeur « dentist » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste$nl" -- "$program" profession=dentist
run "bad boolean" 2 - "ramq2018: acces_ancien_systeme : valeur « oui » refusée ; valeurs permises : true, false (ou 1, 0)$nl" -- "$program" acces_ancien_systeme=oui
run "unknown input" 2 - "ramq2018: « couleur » n'est pas une donnée de la demande ; données : profession, demande, date_service, date_demande, systeme_initial, acces_ancien_systeme, date_etat_compte$nl" -- "$program" couleur=bleu
run "value off by case and spaces" 2 - "ramq2018: profession : valeur « Dentiste   » refusée ; vouliez-vous dire « dentiste » ? valeurs permises : dentiste, chirurgien_buccal, optometriste$nl" -- "$program" "profession=Dentiste  "
run "boolean TRUE" 2 - "ramq2018: acces_ancien_systeme : valeur « TRUE » refusée ; vouliez-vous dire « true » ? valeurs permises : true, false (ou 1, 0)$nl" -- "$program" acces_ancien_systeme=TRUE
run "booleans as 1 and 0" 0 '*' - -- "$program" demande=facturer profession=dentiste date_service=2018-03-15 date_demande=2018-04-05 acces_ancien_systeme=1
run "repeated input" 2 - "ramq2018: demande : donnée fournie deux fois$nl" -- "$program" demande=facturer demande=refacturer
run "no equals" 2 - "ramq2018: l'argument « facturer » n'a pas la forme nom=valeur$nl" -- "$program" facturer
run "empty value" 2 - "ramq2018: date_service : valeur «  » refusée ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01$nl" -- "$program" date_service=
# shellcheck disable=SC2086
run "missing input" 2 - "ramq2018: date_demande : donnée manquante, nécessaire à cette décision (Date de transmission de la demande) ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01$nl" -- "$program" $base
run "missing everything" 2 - '*' -- "$program" --json
run "rulec eval bad claim" 2 - "rulec: demande : valeur « payer » refusée ; valeurs permises : facturer, refacturer, rembourser_assure$nl" -- "$rulec" eval $R demande=payer
run "rulec eval on a rule file with errors" 1 - '*' -- "$rulec" eval tests/cases/type_mismatch.rules genre=a
run "ramq2018 --help" 0 '*' - -- "$program" --help

# --- rulec table: the decision table, exact, as text and as JSON -------------------------
T=tests/table/petite.rules
run "table text" 0 "$(cat tests/table/petite.txt)$nl" - -- "$rulec" table $T
run "table json" 0 "$(cat tests/table/petite.json)$nl" - -- "$rulec" table --json $T
run "table json, option after the file" 0 "$(cat tests/table/petite.json)$nl" - -- "$rulec" table $T --json
run "table of the RAMQ policy: 22 regions" 0 '*' - -- "$rulec" table $R
grep -q '^22 régions de demandes complètes' "$work/out" || { echo "FAIL table of the RAMQ policy: $(tail -1 "$work/out")"; failed=$((failed + 1)); }
run "table with a bad option" 2 - '*' -- "$rulec" table $T --batch

# A table past REGIONS_BUDGET walk steps is streamed, unmerged, rather than refused: the parity
# of 22 booleans (each named condition the last one's xor a new boolean) is two rules and 2^22
# regions, 8 million steps. Not under valgrind (make valgrind runs this file through its
# wrappers), where 400 MB of table would take most of an hour: the same code writes every
# table there.
case $rulec in */valgrind/*) parity=no ;; *) parity=yes ;; esac
if [ $parity = yes ]; then
    { printf 'policy parite "Parité"\nsource s "S"\n'
      i=0; while [ $i -lt 22 ]; do printf 'input b%d "B%d" : bool\n' $i $i; i=$((i + 1)); done
      printf 'output o "O" : enum { pair "Pair", impair "Impair" }\ncondition p0 "P0" = b0\n'
      i=1; while [ $i -lt 22 ]; do
          printf 'condition p%d "P%d" = (p%d and not b%d) or (not p%d and b%d)\n' $i $i $((i - 1)) $i $((i - 1)) $i
          i=$((i + 1)); done
      printf 'rule impaire cites s "1" when p21 then o = impair\nrule paire cites s "2" when not p21 then o = pair\n'
    } > "$work/parity.rules"
    # Within 100 MB of address space (the table is 700 MB of text: held, it would not fit),
    # counted as it goes by. AddressSanitizer reserves terabytes for its shadow: no limit there.
    case $rulec in */sanitize-address/*) limit=unlimited ;; *) limit=100000 ;; esac
    { (ulimit -v $limit; exec "$rulec" table "$work/parity.rules") 2> "$work/parity.err"
      echo $? > "$work/parity.exit"; } |
        awk '/  impaire  o = impair$/ { odd++ } { last = $0 } END { print NR; print odd; print last }' \
        > "$work/parity.summary"
    if [ "$(cat "$work/parity.exit")" = 0 ] && [ ! -s "$work/parity.err" ] &&
       [ "$(cat "$work/parity.summary")" = "4194306
2097152
4194304 régions de demandes complètes ; « · » : toute valeur ; trop nombreuses pour être fusionnées, elles sont écrites comme le diagramme les découpe" ]; then pass; else
        fail "a table past the walk's budget: exit $(cat "$work/parity.exit"): $(cat "$work/parity.summary" "$work/parity.err")"; fi
    # As JSON, streamed too, in the same room, its end saying it is not merged.
    { (ulimit -v $limit; exec "$rulec" table --json "$work/parity.rules") 2> "$work/parity.err"
      echo $? > "$work/parity.exit"; } |
        awk 'NR <= 2 { print } { last = $0 } END { print NR; print last }' > "$work/parity.summary"
    if [ "$(cat "$work/parity.exit")" = 0 ] && [ ! -s "$work/parity.err" ] &&
       [ "$(cat "$work/parity.summary")" = '{"policy": "parite", "regions": [
  {"when": {"b0": {"in": [false]}, "b1": {"in": [false]}, "b2": {"in": [false]}, "b3": {"in": [false]}, "b4": {"in": [false]}, "b5": {"in": [false]}, "b6": {"in": [false]}, "b7": {"in": [false]}, "b8": {"in": [false]}, "b9": {"in": [false]}, "b10": {"in": [false]}, "b11": {"in": [false]}, "b12": {"in": [false]}, "b13": {"in": [false]}, "b14": {"in": [false]}, "b15": {"in": [false]}, "b16": {"in": [false]}, "b17": {"in": [false]}, "b18": {"in": [false]}, "b19": {"in": [false]}, "b20": {"in": [false]}, "b21": {"in": [false]}},
8388609
   "answer": {"outcome": "decided", "rule": "paire", "outputs": {"o": "pair"}}}], "merged": false}' ]; then pass; else
        fail "a streamed JSON table: exit $(cat "$work/parity.exit"): $(head -c 600 "$work/parity.summary") $(cat "$work/parity.err")"; fi
    # The report needs the merged table: it says so, and leaves no page, not even half of one
    # (it is written into its file as it is made).
    run "doc of a policy too large to tabulate" 3 - "rulec: $work/parity.rules : le rapport n'a pu être écrit (politique trop grande pour en dresser la table, ou mémoire épuisée)$nl" -- "$rulec" doc "$work/parity.rules" -o "$work/parity-doc"
    [ -z "$(ls -A "$work/parity-doc")" ] && pass || fail "doc too large: left $(ls -A "$work/parity-doc")"
fi
run "table of a rule file with errors" 1 - '*' -- "$rulec" table tests/cases/gap.rules

# --- an unfinished policy: eval, test and explain run; compile refuses ----------------------
G=tests/cases/gap.rules
gap_warning="$(sed -n 1,3p tests/cases/gap.expected | sed 's/: error: /: warning: /; s|^gap.rules|tests/cases/gap.rules|')$nl"
run "eval outside the gap" 0 "Voie : X (x)${nl}Pourquoi : règle r1 (tests/cases/gap.rules, ligne 6)$nl  Source, section 1$nl" "$gap_warning" -- "$rulec" eval $G genre=a
run "eval in the gap" 1 - "${gap_warning}rulec: aucune règle ne décide : la demande tombe dans une lacune de la politique ; ajoutez une règle, ou une règle 'unspecified' si la source est muette$nl" -- "$rulec" eval $G genre=b jour=2018-04-01
run "eval --batch in the gap" 3 "genre,jour,outcome,voie,rule,citation,reason,interpretation,error${nl}b,2018-04-01,rejected,,,,,,\"ligne 2 : aucune règle ne décide : la demande tombe dans une lacune de la politique ; ajoutez une règle, ou une règle 'unspecified' si la source est muette\"${nl}a,,decided,x,r1,\"Source, section 1\",,,$nl" '*' -- sh -c "printf 'genre,jour\nb,2018-04-01\na,\n' | \"$rulec\" eval $G --batch"
conflict="Aucune règle ne décide : les règles 'r1' (ligne 6) et 'r2' (ligne 7) s'appliquent toutes deux, avec des issues différentes : faites de l'une une exception à l'autre, ou restreignez une condition${nl}S'appliquent, sans que l'une l'emporte :$nl  r1$nl  r2$nl"
conflict_alternatives="Autres réponses, les plus proches d'abord :$nl  Y (y) — il faudrait : Genre = B (b), au lieu de A.$nl  X (x) — il faudrait : Jour au plus tard le 2018-03-31, au lieu de 2018-04-05.$nl"
run "explain in a conflict" 1 "$conflict$conflict_alternatives" '*' -- "$rulec" explain tests/cases/conflict.rules genre=a jour=2018-04-05
run "explain --all in a conflict" 1 "${conflict}Ne s'appliquent pas (les plus proches d'abord) :$nl  r3 : Genre (genre) vaut A (a) ; la règle veut b (« genre = b »)$nl$conflict_alternatives" '*' -- "$rulec" explain --all tests/cases/conflict.rules genre=a jour=2018-04-05
run "test on an unfinished file" 0 "0 exemple réussi, 0 en échec$nl" "$gap_warning" -- "$rulec" test $G
run "compile refuses a gap" 1 - '*' -- "$rulec" compile $G -o "$work"
run "compile writes nothing when an example fails" 1 - '*' -- "$rulec" compile tests/cases/failing_example.rules -o "$work"
[ ! -e "$work/essai.c" ] && [ ! -e "$work/essai.h" ] || { echo "FAIL compile wrote tables with a failing example"; failed=$((failed + 1)); }

# --- rulec explain, and the policy program's --explain ---------------------------------------
A=tests/audit
claim="demande=facturer profession=dentiste date_service=2018-02-14 date_demande=2018-04-03 acces_ancien_systeme=false"
# shellcheck disable=SC2086
run "explain: why not the old system" 0 "$(cat $A/explain.txt)$nl" - -- "$rulec" explain $R $claim
# shellcheck disable=SC2086
run "ramq2018 --explain says the same from its tables" 0 "$(cat $A/explain.txt)$nl" - -- "$program" --explain $claim
# shellcheck disable=SC2086
run "explain --json" 0 "$(cat $A/explain.json)$nl" - -- "$rulec" explain --json $R $claim
run "explain: rules that applied and lost" 0 "$(cat $A/overridden.json)$nl" - -- "$program" --explain --json demande=facturer profession=dentiste date_service=2018-02-14 date_demande=2018-03-20 acces_ancien_systeme=true
run "explain with an absent input: the rules still possible" 2 "$(cat $A/possible.json)$nl" - -- "$program" --explain --json demande=refacturer profession=dentiste date_service=2017-11-14 date_demande=2018-04-03 systeme_initial=papier
run "explain is for one claim" 2 - "ramq2018: --explain, --all et --why-not expliquent une demande à la fois : ils ne servent pas avec --batch$nl" -- "$program" --explain --batch
# shellcheck disable=SC2086
run "explain --all: every rule, in labels" 0 "$(cat $A/explain-all.txt)$nl" - -- "$program" --explain --all $claim
# shellcheck disable=SC2086
run "--all alone explains" 0 "$(cat $A/explain-all.txt)$nl" - -- "$program" --all $claim
# shellcheck disable=SC2086
run "why not the old system: one input" 0 "$(cat $A/why-not.txt)$nl" - -- "$rulec" explain $R --why-not canal=ancien_systeme $claim
# shellcheck disable=SC2086
run "ramq2018 --why-not from its tables" 0 "$(cat $A/why-not.txt)$nl" - -- "$program" --why-not canal=ancien_systeme $claim
run "why not on time: the sending date, the nearest and widest" 0 "$(cat $A/why-not-on-time.txt)$nl" - -- "$program" --why-not hors_delai=false demande=facturer profession=dentiste date_service=2018-02-14 date_demande=2018-06-28 acces_ancien_systeme=true
# shellcheck disable=SC2086
run "why not: already" 0 "$(head -1 $A/explain.txt)${nl}La demande reçoit déjà Mode de facturation = Nouveau système de facturation à l'acte (nouveau_systeme).$nl" - -- "$program" --why-not canal=nouveau_systeme $claim
# shellcheck disable=SC2086
run "why not: no claim gets it" 0 "$(head -1 $A/explain.txt)${nl}Aucune demande ne reçoit Message explicatif de l'ancien système = 957 : aucune règle ne la donne, quelles que soient les données.$nl" - -- "$program" --why-not message=957 $claim
# shellcheck disable=SC2086
run "why not an impossible claim" 0 "$(cat $A/why-not-invalid.txt)$nl" - -- "$program" --why-not invalide $claim
run "why not: a value the output cannot have" 2 - "ramq2018: --why-not canal=ancien : canal n'a pas cette valeur ; valeurs permises : ancien_systeme, nouveau_systeme, formulaire_1670, formulaire_1500, demande_revision, modification_annulation, formulaire_2058_2076$nl" -- "$program" --why-not canal=ancien demande=facturer
run "why not: no such output" 2 - "ramq2018: --why-not couleur=bleu : attendu résultat=valeur, règle=nom, ou une issue (non_précisé, invalide, décidé) ; résultats : canal, echeance, hors_delai, mentions, message$nl" -- "$program" --why-not couleur=bleu demande=facturer
run "why not: no such rule" 2 - "ramq2018: --why-not règle=nulle : aucune règle ne porte ce nom$nl" -- "$program" --why-not règle=nulle demande=facturer
run "why not: without its answer" 2 - "ramq2018: --why-not attend la réponse voulue : résultat=valeur, règle=nom, ou une issue (non_précisé, invalide, décidé)$nl" -- "$program" --why-not
run "--all and --why-not do not mix" 2 - "ramq2018: --all et --why-not ne vont pas ensemble : --why-not dit ce qui donnerait une réponse, --all tout ce qui a joué dans celle-ci$nl" -- "$program" --all --why-not invalide demande=facturer
run "rulec explain: --all and --why-not do not mix either" 2 - "rulec: --all et --why-not ne vont pas ensemble : --why-not dit ce qui donnerait une réponse, --all tout ce qui a joué dans celle-ci$nl" -- "$rulec" explain $R --all --why-not invalide demande=facturer
run "rulec explain --why-not --json" 0 '*' - -- "$rulec" explain --json --why-not canal=ancien_systeme $R $claim
grep -q '"wanted":{"output":"canal","value":"ancien_systeme","status":"found","rule":"facturation_ancien_systeme","exact":true,"changes":\[{"input":"acces_ancien_systeme","from":false,"to":true,"allowed":\[true\]}\]' "$work/out" && passed=$((passed + 1)) || { echo "FAIL explain --json --why-not: $(cat "$work/out")"; failed=$((failed + 1)); }
# The rule file as named on the command line, not its last two parts.
mkdir -p "$work/y1" "$work/y2"
cp $R "$work/y1/r.rules"
(cd "$work/y2" && "$rulec" explain ../y1/r.rules $claim) > "$work/out" 2>&1
grep -q "(règle facturation_sans_acces, ../y1/r.rules, ligne 127)" "$work/out" && passed=$((passed + 1)) || { echo "FAIL explain names the rule file as given: $(sed -n 2p "$work/out" | tail -c 120)"; failed=$((failed + 1)); }

# --- rulec test --coverage ----------------------------------------------------------------
run "coverage of the RAMQ examples" 0 "$(cat $A/coverage.txt)$nl" - -- "$rulec" test --coverage $R
# The limits' proposals, pasted into the rule file as they are, pass and cover every limit.
"$rulec" test --coverage $R 2>/dev/null | sed -n '/^limites qu/,/^règles\|^régions/p' | grep '^    exemple\|^      ' | sed 's/^    //' > "$work/limits.rules"
cat $R "$work/limits.rules" > "$work/with_limits.rules"
run "coverage: the limits' examples pass" 0 '*' - -- "$rulec" test --coverage "$work/with_limits.rules"
grep -q "^limites : 28 cas (.*), 28 couverts par un exemple$" "$work/out" && [ "$(grep -c '^exemple' "$work/limits.rules")" = 12 ] && pass ||
    fail "coverage: the limits' examples: $(grep '^limites' "$work/out"; head -3 "$work/limits.rules")"
printf '%s\n' 'example "r1 seulement"' '  given genre = a' '  expect voie = x' | cat tests/cases/gap.rules - > "$work/uncovered.rules"
run "--require-coverage names the rule no example exercises" 1 "1 exemple réussi, 0 en échec${nl}règle r2 (ligne 7) : aucun exemple ne l'exerce$nl" '*' -- "$rulec" test --require-coverage "$work/uncovered.rules"

# --- rulec diff -----------------------------------------------------------------------------
sed 's/alors canal = nouveau_systeme, echeance = date_service + delai_facturation jours/alors canal = nouveau_systeme, echeance = date_service + 120 jours/' $R > "$work/120.rules"
sed 's/^  chirurgien_buccal "Spécialiste/  denturologiste "Denturologiste",\n  chirurgien_buccal "Spécialiste/' $R > "$work/denturologiste.rules"
sed 's/^  optometriste      "Optométriste"/  optometriste      "Optométriste",\n  denturologiste "Denturologiste"/' $R > "$work/appended.rules"
run "diff: nothing changes" 0 "vocabulaire : 0 changement${nl}régions dont la réponse change : 0${nl}propriétés dont la preuve change : 0$nl" - -- "$rulec" diff $R $R
run "diff: 90 days become 120" 1 "$(cat $A/diff-120.txt)$nl" - -- "$rulec" diff $R "$work/120.rules"
run "diff --json" 1 "$(cat $A/diff-120.json)$nl" - -- "$rulec" diff --json $R "$work/120.rules"
run "diff --answers-only" 1 "$(cat $A/diff-120.txt)$nl" - -- "$rulec" diff --answers-only $R "$work/120.rules"
# A difference of two dates that no derived value names: the diff names it itself.
printf '%s\n' 'policy p "Sans valeur dérivée"' 'source s "S"' 'input jour "Jour du service" : date' \
    'input envoi "Jour de l'"'"'envoi" : date' 'output limite "Date limite" : date' \
    'output tard "En retard" : bool = envoi > limite' 'rule r cites s "1" then limite = jour + 30 days' > "$work/sans_let.rules"
sed 's/jour + 30 days/jour + 45 days/' "$work/sans_let.rules" > "$work/sans_let45.rules"
run "diff: a part on a difference no let names" 1 "vocabulaire : 0 changement
régions dont la réponse change : 1
  1. toute demande
     exemple : jour=2000-01-01 envoi=2000-02-01
     avant : limite = 2000-01-31, tard = true, règle r
     après : limite = 2000-02-15, tard = false, règle r
     change : limite partout ; tard où envoi - jour between 31 and 45$nl" - -- "$rulec" diff "$work/sans_let.rules" "$work/sans_let45.rules"
run "diff: an inserted member renumbers C constants" 1 "$(cat $A/diff-denturologiste.txt)$nl" '*' -- "$rulec" diff $R "$work/denturologiste.rules"
run "diff: an appended member breaks nothing" 1 "$(cat $A/diff-appended.txt)$nl" '*' -- "$rulec" diff $R "$work/appended.rules"
run "diff: a rule file with errors" 2 - '*' -- "$rulec" diff $R tests/cases/type_mismatch.rules
run "diff: one file" 2 - '*' -- "$rulec" diff $R

# --- rulec diff: the texts a clerk or an auditor reads ----------------------------------
# A quote, a reason, a label or a source changed alone changes no answer, but what a reader
# sees: each is a change (exit 1) with old → new, and with --sources a new quote says whether
# the text holds it. --answers-only compares outcome and outputs only (exit 0). Words are the
# file's: a French file's removed rule is a 'règle'.
sed 's/^\(  cite infolettre_375 "1.2" "Les services rendus à compter du 1er avril 2018 devront être facturés\) dans le nouveau système de facturation à l.acte."$/\1 …"/' $R > "$work/quote.rules"
run "diff: a quote changed alone" 1 '*' - -- "$rulec" diff --sources ../shared/seeds $R "$work/quote.rules"
printf '%s\n' "vocabulaire : 0 changement" "textes : 1 changement" \
    "  ~ citation facturation_nouveau_systeme (2) : infolettre_375 1.2 « Les services rendus à compter du 1er avril 2018 devront être facturés dans le nouveau système de facturation à l'acte. » → infolettre_375 1.2 « Les services rendus à compter du 1er avril 2018 devront être facturés … » (vérifiée dans le texte)" \
    "régions dont la réponse change : 0" "propriétés dont la preuve change : 0" | cmp -s - "$work/out" && pass || fail "diff of a quote: $(cat "$work/out")"
run "diff --answers-only: a quote is no answer" 0 "vocabulaire : 0 changement${nl}régions dont la réponse change : 0${nl}propriétés dont la preuve change : 0$nl" - -- "$rulec" diff --answers-only $R "$work/quote.rules"
sed 's/^  alors non_précisé "L.infolettre 375 vise les demandes transmises à compter du 1er avril 2018 ; elle ne dit rien de celles transmises avant."$/  alors non_précisé "Hors de la portée de l'"'"'infolettre 375."/; s/"Formulaires papier"/"Formulaires sur papier"/; s/^source loi_assurance_maladie /source guide_facturation "Guide de facturation – Rémunération à l'"'"'acte"\nsource loi_assurance_maladie /' $R > "$work/texts.rules"
run "diff: a reason, a label and a source" 1 '*' - -- "$rulec" diff $R "$work/texts.rules"
printf '%s\n' "vocabulaire : 0 changement" "textes : 3 changements" \
    "  + source guide_facturation : « Guide de facturation – Rémunération à l'acte »" \
    "  ~ étiquette systeme_initial.papier : « Formulaires papier » → « Formulaires sur papier »" \
    "  ~ raison hors_portee : « L'infolettre 375 vise les demandes transmises à compter du 1er avril 2018 ; elle ne dit rien de celles transmises avant. » → « Hors de la portée de l'infolettre 375. »" \
    "régions dont la réponse change : 0" "propriétés dont la preuve change : 0" | cmp -s - "$work/out" && pass || fail "diff of texts: $(cat "$work/out")"
run "diff --json: texts" 1 '*' - -- "$rulec" diff --json $R "$work/texts.rules"
grep -qF '{"change": "changed", "what": "reason", "name": "hors_portee", "detail": "« L'"'"'infolettre 375 vise les demandes transmises à compter du 1er avril 2018 ; elle ne dit rien de celles transmises avant. » → « Hors de la portée de l'"'"'infolettre 375. »", "old": "L'"'"'infolettre 375 vise les demandes transmises à compter du 1er avril 2018 ; elle ne dit rien de celles transmises avant.", "new": "Hors de la portée de l'"'"'infolettre 375."}' "$work/out" && pass || fail "diff --json texts: $(cat "$work/out")"
awk '/^règle modification_annulation$/ { skip = 1 } skip && /^$/ { skip = 0; next } !skip { print }' $R | sed '/^exemple "2 : modification d.une facture/,/^$/d' > "$work/removed.rules"
run "diff: a French file's removed rule is a règle" 1 '*' '*' -- "$rulec" diff $R "$work/removed.rules"
grep -q "^  - règle modification_annulation$" "$work/out" && pass || fail "diff of a removed rule: $(head -5 "$work/out")"

# --- rulec check --diagnostics=json (tests/golden.sh compares every case with the text form) --
run "--diagnostics=json: a gap with its example claim" 1 - '{"file":"tests/cases/gap.rules","line":1,"column":8,"end":{"line":1,"column":13},"severity":"error","message":"aucune règle ne décide les demandes comme : genre=b jour=2018-04-01 ; ajoutez une règle, ou une règle '"'unspecified'"' si la source est muette","example":{"genre":"b","jour":"2018-04-01"}}'"$nl" -- "$rulec" check --diagnostics=json tests/cases/gap.rules
run "--diagnostics=json: a conflict, its example and its note" 1 - '{"file":"tests/cases/conflict.rules","line":7,"column":6,"end":{"line":7,"column":8},"severity":"error","message":"les règles '"'r1'"' (ligne 6) et '"'r2'"' (ligne 7) s'"'"'appliquent toutes deux, avec des issues différentes, aux demandes comme : genre=a jour=2018-04-01 ; faites de l'"'"'une une exception à l'"'"'autre, ou restreignez une condition","example":{"genre":"a","jour":"2018-04-01"}}'"$nl"'{"file":"tests/cases/conflict.rules","line":6,"column":6,"end":{"line":6,"column":8},"severity":"note","message":"'"'r1'"' est ici"}'"$nl" -- "$rulec" check --diagnostics=json tests/cases/conflict.rules
run "--diagnostics=json is for check and compile" 2 - '*' -- "$rulec" test --diagnostics=json tests/cases/gap.rules

# --- French keywords: the same policy -------------------------------------------------------
run "French and English keywords: diff finds nothing" 0 "vocabulaire : 0 changement${nl}régions dont la réponse change : 0$nl" - -- "$rulec" diff tests/table/petite.rules tests/table/petite_fr.rules
run "French keywords: the same decision table" 0 "$(cat tests/table/petite.json)$nl" - -- "$rulec" table --json tests/table/petite_fr.rules
run "French keywords: a claim" 0 '{"outcome":"decided","voie":"x","limite":"2018-05-01","tard":false,"rule":"normale","citation":"Source, section 1"}'"$nl" - -- "$rulec" eval --json tests/table/petite_fr.rules genre=a jour=2018-04-01 envoi=2018-04-02 urgent=false

# --- rulec doc ------------------------------------------------------------------------------
run "doc writes one page" 0 "$work/ramq2018.html$nl" - -- "$rulec" doc $R -o "$work"
run "doc makes the folder it writes into" 0 "$work/new/report/ramq2018.html$nl" - -- "$rulec" doc $R -o "$work/new/report"
[ -s "$work/new/report/ramq2018.html" ] && passed=$((passed + 1)) || { echo "FAIL doc: no page in the folder it made"; failed=$((failed + 1)); }
: > "$work/plain"
run "doc: a file where a folder should be" 3 - "rulec: création du dossier $work/plain impossible : Not a directory$nl" -- "$rulec" doc $R -o "$work/plain/report"
run "compile writes only into a folder that exists" 3 - "rulec: écriture de $work/missing/ramq2018.h impossible : No such file or directory ; aucun fichier n'a été modifié$nl" -- "$rulec" compile $R -o "$work/missing"
[ ! -e "$work/missing" ] && passed=$((passed + 1)) || { echo "FAIL compile made its folder"; failed=$((failed + 1)); }
if grep -q -E '<(script|link)|@import|url\(|src=' "$work/ramq2018.html"; then
    echo "FAIL doc: the page fetches something"; failed=$((failed + 1))
fi
# What an auditor found misleading: the deadline of the new system comes from the law, not
# from the passage quoted above it; the answer says so with the rule's note. The citations of
# a source without text are counted with the properties that make them, and listed so.
grep -qF '<p class="meta">Note : L'"'"'infolettre ne donne pas de délai pour le nouveau système : la date limite vient de la loi (90 jours à compter du service).</p>' "$work/ramq2018.html" &&
    pass || fail "doc: the note is not in the answer"
grep -qF 'Les propriétés qui les citent : <a href="#propriete-delai_de_facturation"><code>delai_de_facturation</code></a> (Loi sur l'"'"'assurance maladie (hors infolettre), art. 22.1).</td><td>5</td>' "$work/ramq2018.html" &&
    pass || fail "doc: the properties citing a source without text are not listed"
# A rule's condition in words as the answers say it: "not a boolean" is its other value, and
# a named condition's 'and' joins the rule's list rather than heading a list of its own.
! grep -q '<em>pas ceci :</em> A toujours accès' "$work/ramq2018.html" &&
    grep -qF '<li>A toujours accès à l'"'"'ancien système par un logiciel de facturation au 1er avril 2018 : non</li>' "$work/ramq2018.html" &&
    ! grep -q 'toutes ces conditions :<ul class="cond"><li>toutes ces conditions' "$work/ramq2018.html" &&
    pass || fail "doc: a negation or a nested 'and' in words"
# The rule file as it was named, and a computed output against a day in French.
printf 'policy jour "Jour"\nsource s "S"\ninput d "D" : date\noutput recent "Récent" : bool = d >= 2021-02-10\noutput o "O" : bool\nrule r cites s "1" then o = true\n' > "$work/jour.rules"
run "doc of a computed output" 0 "$work/jour/jour.html$nl" - -- "$rulec" doc "$work/jour.rules" -o "$work/jour"
grep -qF 'Fichier de règles <code>'"$work"'/jour.rules</code>' "$work/jour/jour.html" &&
    grep -qF 'oui quand « D » est le 10 février 2021 ou après, sinon non' "$work/jour/jour.html" &&
    pass || fail "doc: the rule file's name, or a comparison with a day: $(grep -o 'Fichier de règles <code>[^<]*\|oui quand[^<]*' "$work/jour/jour.html" | head -3)"

# --- hostile input, second round (issue 17) -------------------------------------------------
# 1. A source's text is read inside --sources only: a link out of it is refused at the name.
mkdir -p "$work/seeds"
printf 'secret: do not print\n' > "$work/secret.txt"
ln -s ../secret.txt "$work/seeds/lien.txt"
printf 'policy essai "E"\nsource s "S" file "lien.txt"\ninput g "G" : enum { a "A", b "B" }\noutput v "V" : enum { x "X" }\nrule r cites s "1" "nothing like it" then v = x\n' > "$work/link.rules"
run "a source text linked out of --sources is not read" 1 - "$work/link.rules:2:19: error: texte de la source 's' illisible : $work/seeds/lien.txt : le fichier est un lien qui mène hors du dossier $work/seeds
  source s \"S\" file \"lien.txt\"
                    ^~~~~~~~~~
1 erreur$nl" -- "$rulec" check --sources "$work/seeds" "$work/link.rules"
mkfifo "$work/seeds/tube.txt"
sed 's/lien.txt/tube.txt/' "$work/link.rules" > "$work/fifo.rules"
run "a source text that is a pipe is not read" 1 - '*' -- "$rulec" check --sources "$work/seeds" "$work/fifo.rules"
grep -q "ce n'est pas un fichier ordinaire" "$work/err" && pass || fail "a pipe as source text: $(cat "$work/err")"

# 2. A planted link at the old temporary's name is never written through.
mkdir -p "$work/hostile"
printf 'victim\n' > "$work/victim.txt"
ln -s ../victim.txt "$work/hostile/petite.h.tmp"
run "compile: a link where a temporary was" 0 - - -- "$rulec" compile tests/table/petite.rules -o "$work/hostile"
[ "$(cat "$work/victim.txt")" = victim ] && [ -L "$work/hostile/petite.h.tmp" ] && pass || fail "compile wrote through a planted link"
[ "$(ls -A "$work/hostile" | tr '\n' ' ')" = "petite.c petite.h petite.h.tmp " ] && pass || fail "compile left files behind: $(ls -A "$work/hostile")"
grep -q '^#define PETITE_SHA256' "$work/hostile/petite.h" && pass || fail "compile: no header"

# 3. Both files are written before either is replaced: a folder in the .c's place leaves the
#    old pair as it was.
cp "$work/hostile/petite.h" "$work/petite.h.old"
rm "$work/hostile/petite.c"; mkdir "$work/hostile/petite.c"
sed 's/Voie/Chemin/' tests/table/petite.rules > "$work/petite.rules"
run "compile: the .c cannot be replaced" 3 - "rulec: écriture de $work/hostile/petite.c impossible : Is a directory ; aucun fichier n'a été modifié$nl" -- "$rulec" compile "$work/petite.rules" -o "$work/hostile"
cmp -s "$work/petite.h.old" "$work/hostile/petite.h" && pass || fail "compile replaced the header and not the source"
[ "$(ls -A "$work/hostile" | tr '\n' ' ')" = "petite.c petite.h petite.h.tmp " ] && pass || fail "compile left temporaries: $(ls -A "$work/hostile")"
mkdir -p "$work/page/ramq2018.html"
# The C and the page go into their files as they are made, a megabyte at a time
# (BUFFER_SPILL_SIZE): a policy of 4,000 rules makes 1.5 MB of C and 5 MB of page, and where a
# file may not grow past 300 KB (ulimit -f, SIGXFSZ ignored so that write fails with EFBIG) the
# write fails while they are being made. It is said, and nothing is left.
awk 'BEGIN { print "policy gros \"Gros\"\nsource s \"S\"\ninput n \"N\" : int\noutput o \"O\" : int\nrule base cites s \"0\" then o = 0"
             for (k = 1; k <= 4000; k++) printf "rule r%d exception to base cites s \"%d\" when n = %d then o = %d\n", k, k, k, k }' > "$work/gros.rules"
mkdir -p "$work/gros" "$work/small"
run "compile of 4,000 rules" 0 - - -- "$rulec" compile "$work/gros.rules" -o "$work/gros"
[ "$(wc -c < "$work/gros/gros.c")" -gt 1100000 ] && pass || fail "the 4,000-rule C is not over a megabyte"
run "compile: a file that cannot grow" 3 - "rulec: écriture de $work/small/gros.c impossible : File too large ; aucun fichier n'a été modifié$nl" -- sh -c 'trap "" XFSZ; ulimit -f 600; exec "$0" compile "$1" -o "$2"' "$rulec" "$work/gros.rules" "$work/small"
run "doc: a file that cannot grow" 3 - "rulec: écriture de $work/small/gros.html impossible : File too large ; aucun fichier n'a été modifié$nl" -- sh -c 'trap "" XFSZ; ulimit -f 600; exec "$0" doc "$1" -o "$2"' "$rulec" "$work/gros.rules" "$work/small"
[ -z "$(ls -A "$work/small")" ] && pass || fail "a file that cannot grow left: $(ls -A "$work/small")"
run "doc: a folder in the page's place" 3 - "rulec: écriture de $work/page/ramq2018.html impossible : Is a directory ; aucun fichier n'a été modifié$nl" -- "$rulec" doc $R -o "$work/page"

# 5. What reaches a terminal is escaped: a paired override the rule file may hold, a claim's
#    control characters (the lexer refuses unpaired ones: tests/cases/trojan_source.rules).
printf 'policy essai "Essai"\nsource s "Source"\ninput genre "Genre" : enum { a "A", b "B" }\noutput voie "Voie" : enum { x "X \342\201\247 isol\303\251 \342\201\251", y "Y" }\nrule r1 cites s "1" when genre = a then voie = x\nrule r2 cites s "1" when genre = b then invalid "Payer \342\200\256 0001 $\342\200\254 ici"\n' > "$work/paired.rules"
run "a paired override reaches the terminal escaped" 0 "Voie : X <U+2067> isolé <U+2069> (x)
Pourquoi : règle r1 ($work/paired.rules, ligne 5)
  Source, section 1$nl" - -- "$rulec" eval "$work/paired.rules" genre=a
run "a reason's override, escaped" 0 "Décision : combinaison impossible.
  Payer <U+202E> 0001 \$<U+202C> ici
Pourquoi : règle r2 ($work/paired.rules, ligne 6)
  Source, section 1$nl" - -- "$rulec" eval "$work/paired.rules" genre=b
run "and in JSON, as \\u escapes" 0 '{"outcome":"invalid","reason":"Payer \u202e 0001 $\u202c ici","rule":"r2","citation":"Source, section 1"}'"$nl" - -- "$rulec" eval --json "$work/paired.rules" genre=b
esc=$(printf '\033')
run "a claim's escape sequence is shown, not obeyed (rulec)" 2 - "rulec: genre : valeur « <U+001B>[2J » refusée ; valeurs permises : a, b$nl" -- "$rulec" eval "$work/paired.rules" "genre=$esc[2J"
run "a claim's escape sequence is shown, not obeyed (ramq2018)" 2 - "ramq2018: profession : valeur « <U+001B>[31m<0xFF> » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste$nl" -- "$program" demande=facturer "profession=$esc[31m$(printf '\377')"

# ... and the report never writes them: each is named, boxed, where it stands.
run "doc: a paired override in the report" 0 "$work/paired/essai.html$nl" - -- "$rulec" doc "$work/paired.rules" -o "$work/paired"
if grep -q "$(printf '\342\200\256\|\342\200\254\|\342\201\247\|\342\201\251')" "$work/paired/essai.html"; then
    fail "doc: a bidirectional control written raw"; else pass; fi
grep -qF 'Payer <span class="bidi">&lt;U+202E&gt;</span> 0001 $<span class="bidi">&lt;U+202C&gt;</span> ici' "$work/paired/essai.html" &&
grep -qF 'X <span class="bidi">&lt;U+2067&gt;</span> isolé <span class="bidi">&lt;U+2069&gt;</span>' "$work/paired/essai.html" &&
    pass || fail "doc: the overrides are not named where they stand"

# The report joins two lines of one rule only where they differ in one test: base decides
# A=P B=P C=P and A=Q B=Q C=Q, three tests apart, and A=P B=P C=Q is r3's. Joining them at their
# last difference said "A : P ; B : P" for base, any C.
cat > "$work/three.rules" <<'EOF'
policy tri "Trois"
source s "S"
input a "A" : enum { p "P", q "Q" }
input b "B" : enum { p "P", q "Q" }
input c "C" : enum { p "P", q "Q" }
output o "O" : enum { un "Un", deux "Deux" }
rule base cites s "1" then o = un
rule r1 exception to base cites s "2" when a = p and b = q then o = deux
rule r2 exception to base cites s "2" when a = q and b = p then o = deux
rule r3 exception to base cites s "2" when a = p and b = p and c = q then o = deux
rule r4 exception to base cites s "2" when a = q and b = q and c = p then o = deux
EOF
run "doc: a rule's regions three tests apart" 0 "$work/three/tri.html$nl" - -- "$rulec" doc "$work/three.rules" -o "$work/three"
[ "$(sed 's/></>\n</g' "$work/three/tri.html" | grep -c '^<li>A : P ; B : P ; C : P <span class="meta">(table : <a href="#region-1">1</a>)</span>$\|^<li>A : Q ; B : Q ; C : Q <span class="meta">(table : <a href="#region-6">6</a>)</span>$')" = 2 ] &&
    ! grep -q '<li>A : P ; B : P <span' "$work/three/tri.html" && pass || fail "doc: base's regions joined though three tests apart"

# 14. With --diagnostics=json every line on stderr is a JSON object, always.
mkdir -p "$work/folder.rules"
run "--diagnostics=json: a folder as the rule file" 3 - '{"file":"'"$work"'/folder.rules","severity":"error","message":"lecture du fichier de règles impossible : Is a directory"}'"$nl" -- "$rulec" check --diagnostics=json "$work/folder.rules"
run "--diagnostics=json: a missing rule file" 3 - '{"file":"nowhere.rules","severity":"error","message":"lecture du fichier de règles impossible : No such file or directory"}'"$nl" -- "$rulec" check --diagnostics=json nowhere.rules
odd="$work/$(printf 'g\377\342\200\256').rules"
cp tests/cases/gap.rules "$odd"
run "--diagnostics=json: a file name that is not UTF-8, as U+FFFD" 1 - '{"file":"'"$work"'/g\ufffd\u202E.rules","line":1,"column":8,"end":{"line":1,"column":13},"severity":"error","message":"aucune règle ne décide les demandes comme : genre=b jour=2018-04-01 ; ajoutez une règle, ou une règle '"'unspecified'"' si la source est muette","example":{"genre":"b","jour":"2018-04-01"}}'"$nl" -- "$rulec" check --diagnostics=json "$odd"
run "and in text, escaped" 1 - '*' -- "$rulec" check "$odd"
head -1 "$work/err" | grep -q "^$work/g<0xFF><U+202E>.rules:1:8: error: " && pass || fail "file name not escaped: $(head -1 "$work/err")"
run "--diagnostics=json: a failing example stops compile, in JSON" 1 - '{"file":"tests/cases/failing_example.rules","line":7,"column":39,"end":{"line":7,"column":43},"severity":"error","message":"exemple « faux » : attendu : voie = y ; obtenu : voie = x (décision de la règle '"'r1'"')"}
{"file":"tests/cases/failing_example.rules","severity":"error","message":"1 exemple sur 1 échoue : les tables ne sont pas écrites"}'"$nl" -- "$rulec" compile --diagnostics=json tests/cases/failing_example.rules -o "$work"
run "--diagnostics=json: a folder that is missing, in JSON" 3 - '{"file":"tests/table/petite.rules","severity":"error","message":"écriture de '"$work"'/nowhere/petite.h impossible : No such file or directory ; aucun fichier n'"'"'a été modifié"}'"$nl" -- "$rulec" compile --diagnostics=json tests/table/petite.rules -o "$work/nowhere"
run "--diagnostics=json: a bad command line, in JSON" 2 - '{"file":"rulec","severity":"error","message":"option inconnue « --frob » ; voir rulec --help"}'"$nl" -- "$rulec" check --frob --diagnostics=json $R

# 6. Whatever the rule file's strings and name hold, the generated C compiles warning-free:
#    comment openers and closers, trigraphs, a paired override, a mark, a folder named "a*".
mkdir -p "$work/c/a*"
printf 'policy essai "Titre /* ouvert ??/ et ??= \342\200\256 paire \342\200\254 */ fin \\\\"\nsource s "Source /* ici"\ninput genre "Genre /* // \342\201\246x\342\201\251" : enum { a "A */ /*", b "B \\"??-\\"" }\noutput voie "Voie \342\200\217" : enum { x "X ??( /*", y "Y" }\nrule r1 cites s "1 /*" "citation /* ??/" when genre = a then voie = x\nrule r2 cites s "1" when genre = b then invalid "Payer \342\200\256 0001 $\342\200\254 ici ??/"\n' > "$work/c/a*/hostile.rules"
run "compile: hostile strings" 0 - - -- "$rulec" compile "$work/c/a*/hostile.rules" -o "$work/c"
for cc in gcc clang; do
    for std in c99 c11; do
        if "$cc" -std=$std -Wall -Wextra -pedantic -Werror -Iinclude -I"$work/c" -c "$work/c/essai.c" -o /dev/null 2>"$work/cc.err"; then
            pass; else fail "hostile strings: $cc -std=$std: $(head -5 "$work/cc.err")"; fi
    done
done
# The escaped strings are the rule file's bytes again once compiled.
printf '#include "essai.h"\n#include <stdio.h>\nint main(void) { struct essai_input in = { .has_genre = 1, .genre = ESSAI_GENRE_B }; struct essai_result r; essai_decide(&in, &r); fputs(r.reason, stdout); return 0; }\n' > "$work/c/main.c"
cc -std=c99 -Iinclude -I"$work/c" "$work/c/main.c" "$work/c/essai.c" src/runtime/*.c -o "$work/c/main" 2>"$work/cc.err" &&
    [ "$("$work/c/main")" = "$(printf 'Payer \342\200\256 0001 $\342\200\254 ici ??/')" ] && pass ||
    fail "hostile strings: the compiled reason differs: $(cat "$work/cc.err")"
# 8. An answer that cannot be written is an error, with the system's reason.
if [ -w /dev/full ]; then
    claim="demande=facturer profession=dentiste date_service=2018-04-01 date_demande=2018-04-03"
    # shellcheck disable=SC2086
    run "ramq2018 --json > /dev/full" 1 - "ramq2018: écriture de la sortie standard impossible : No space left on device$nl" -- sh -c "\"\$0\" --json $claim > /dev/full" "$program"
    # shellcheck disable=SC2086
    run "ramq2018 --explain > /dev/full" 1 - "ramq2018: écriture de la sortie standard impossible : No space left on device$nl" -- sh -c "\"\$0\" --explain $claim > /dev/full" "$program"
    run "ramq2018 --help > /dev/full" 1 - "ramq2018: écriture de la sortie standard impossible : No space left on device$nl" -- sh -c '"$0" --help > /dev/full' "$program"
    # shellcheck disable=SC2086
    run "rulec eval > /dev/full" 3 - "rulec: écriture de la sortie standard impossible : No space left on device$nl" -- sh -c "\"\$0\" eval $R $claim > /dev/full" "$rulec"
    run "rulec test --coverage > /dev/full" 3 - "rulec: écriture de la sortie standard impossible : No space left on device$nl" -- sh -c '"$0" test --coverage "$1" > /dev/full' "$rulec" $R
    run "rulec table > /dev/full" 3 - '*' -- sh -c '"$0" table "$1" > /dev/full' "$rulec" $R
    run "rulec --version > /dev/full" 3 - "rulec: écriture de la sortie standard impossible : No space left on device$nl" -- sh -c '"$0" --version > /dev/full' "$rulec"
fi

# --- a bounded integer: a value outside its range is a bad claim, everywhere ------------------
B=tests/table/bail.rules
run "bounded: table within the range" 0 "kind         late_count  règle       réponse
residential  0 … 2       res_low     action = nothing
residential  3 … 99      res_high    action = evict
commercial   ·           commercial  action = warn
3 régions de demandes complètes ; « · » : toute valeur$nl" - -- "$rulec" table $B
run "bounded: a commercial lease needs no count" 0 '*' - -- "$rulec" eval $B kind=commercial
run "bounded: below the range" 2 - "rulec: late_count : valeur « -1 » refusée ; valeur permise : un nombre entier de 0 à 99$nl" -- "$rulec" eval $B kind=commercial late_count=-1
run "bounded: above the range" 2 - "rulec: late_count : valeur « 100 » refusée ; valeur permise : un nombre entier de 0 à 99$nl" -- "$rulec" eval $B kind=residential late_count=100
run "bounded: why not, by the range's ends" 0 "Réponse : Action : Evict (evict).
Pour obtenir Action = Nothing (nothing), il faudrait : Late payments this year entre 0 et 2, au lieu de 5.
Elle recevrait alors, avec Late payments this year = 2 :
  Réponse : Action : Nothing (nothing).
  Pourquoi : Lease policy, section 2 (règle res_low, $B, ligne 7).$nl" - -- "$rulec" explain $B --why-not action=nothing kind=residential late_count=5
sed 's/int between 0 and 99/int between 0 and 50/' $B > "$work/bail50.rules"
run "bounded: diff of a narrower range" 1 "vocabulaire : 1 changement, qui casse l'API C
  ~ input late_count : valeurs permises : un entier de 0 à 99 → un entier de 0 à 50 [API C cassée]
régions dont la réponse change : 0$nl" - -- "$rulec" diff $B "$work/bail50.rules"
# Bounding a count that a sanity rule refused below 0: claims without it for a commercial lease
# were asked for it, and are decided now.
sed -e 's/int between 0 and 99/int/' -e 's/^rule commercial /rule sanity exception to all cites s "0" when late_count < 0 then invalid "negative"\nrule commercial /' $B > "$work/bail_sanity.rules"
sed 's/: int$/: int >= 0/' "$work/bail_sanity.rules" > "$work/bail_bounded.rules"
run "bounded: the diff says the count is needed no more" 1 '*' '*' -- "$rulec" diff "$work/bail_sanity.rules" "$work/bail_bounded.rules"
grep -A 3 "^  - late_count n'est plus nécessaire, pour les demandes sans elle : kind in { commercial }$" "$work/out" | tail -n 3 > "$work/bail_need"
printf '%s\n' "     exemple : kind=commercial" "     avant : donnée manquante : late_count" \
    "     après : action = warn, règle commercial" | cmp -s - "$work/bail_need" && pass ||
    fail "bounded: the need of the count: $(cat "$work/out")"
printf 'kind,late_count\ncommercial,\ncommercial,-1\nresidential,99\nresidential,100\n' > "$work/bail.csv"
run "bounded: batch" 3 '*' '*' -- "$rulec" eval $B --batch "$work/bail.csv"
[ "$(cut -d, -f3 "$work/out" | tr '\n' ' ')" = "outcome decided rejected decided rejected " ] && pass ||
    fail "bounded: batch: $(cat "$work/out")"
mkdir -p "$work/bail"
if "$rulec" compile $B -o "$work/bail" 2>"$work/cc.err"; then
    grep -q "int32_t late_count; /\* Late payments this year, from 0 to 99 \*/" "$work/bail/bail.h" && pass ||
        fail "bounded: the header does not give the range: $(grep late_count "$work/bail/bail.h")"
    cat > "$work/bail/main.c" <<'C'
#include <stdio.h>
#include "bail.h"
static void show(enum bail_kind_value kind, int has, int32_t count)
{
    struct bail_input in = { 0 };
    struct bail_result r;
    in.has_kind = 1; in.kind = kind;
    in.has_late_count = has != 0; in.late_count = count;
    enum bail_status status = bail_decide(&in, &r);
    if (status == BAIL_OK)
        printf("%s\n", bail_action_name(r.outputs.action));
    else
        printf("status %d %s\n", (int)status, r.error_input ? r.error_input : "-");
}
int main(void)
{
    show(BAIL_KIND_COMMERCIAL, 0, 0);
    show(BAIL_KIND_COMMERCIAL, 1, -1);
    show(BAIL_KIND_RESIDENTIAL, 1, 99);
    show(BAIL_KIND_RESIDENTIAL, 1, 100);
    show(BAIL_KIND_RESIDENTIAL, 0, 0);
    return 0;
}
C
    typed_api "bounded" "$work/bail" bail "warn${nl}status 2 late_count${nl}evict${nl}status 2 late_count${nl}status 1 late_count$nl"
else
    fail "bounded: rulec compile: $(cat "$work/cc.err")"
fi

# --- a value written once: the 120-day edit ------------------------------------------------
# "The RAMQ extends the 90-day deadline to 120 days for optometrists only" is one line of the
# rule file (docs/language.md shows it): the examples that pinned 90 days fail, the diff shows
# each changed region on a claim where the change shows (day 91: late before, on time after).
mkdir -p "$work/r120"
sed 's/^\(constante delai_facturation ".*"\) = 90$/\1 = selon profession { optometriste : 120, autrement : 90 }/' \
    $R > "$work/r120/ramq2018.rules"
[ "$(diff $R "$work/r120/ramq2018.rules" | grep -c '^[<>]')" = 2 ] && pass || fail "120 days: the edit is not one line"
cp "$work/r120/ramq2018.rules" "$work/r120/ramq2018.rules.orig"
run "120 days: the examples pinned at 90 days fail" 1 '*' '*' -- "$rulec" test "$work/r120/ramq2018.rules"
grep -q "^  1.2 : 91e jour après le service, hors délai\|91e jour après le service, hors délai » : attendu : hors_delai = vrai ; obtenu : hors_delai = faux" "$work/err" && pass ||
    fail "120 days: rulec test does not name the day-91 example: $(head -3 "$work/err")"
"$rulec" diff $R "$work/r120/ramq2018.rules" > "$work/diff120.out" 2>&1
[ $? = 1 ] && pass || fail "120 days: rulec diff does not exit 1"
grep -q "^régions dont la réponse change : 5$" "$work/diff120.out" && pass || fail "120 days: regions: $(cat "$work/diff120.out")"
# The region of services from 1 April is the optometrists' claims only; its example is an
# optometrist's claim on day 91, naming the inputs the decision reads; the deadline changes
# on every claim of it, the lateness on days 91 to 120 only.
grep -A 4 "^  3\. profession parmi { optometriste }, demande parmi { facturer }, date_service >= 2018-04-01" "$work/diff120.out" > "$work/diff120.region"
printf '%s\n' "     exemple : profession=optometriste demande=facturer date_service=2018-04-01 date_demande=2018-07-01" \
    "     avant : canal = nouveau_systeme, echeance = 2018-06-30, hors_delai = vrai, règle facturation_nouveau_systeme" \
    "     après : canal = nouveau_systeme, echeance = 2018-07-30, hors_delai = faux, règle facturation_nouveau_systeme" \
    "     change : echeance partout ; hors_delai où jours_depuis_service entre 91 et 120" > "$work/diff120.want"
tail -n 4 "$work/diff120.region" | cmp -s - "$work/diff120.want" && pass ||
    fail "120 days: the region's example: $(diff "$work/diff120.want" "$work/diff120.region")"
[ "$(grep -c "^  [0-9]\. profession parmi { optometriste }, " "$work/diff120.out")" = 5 ] && pass ||
    fail "120 days: a region holds other professions: $(cat "$work/diff120.out")"
# A claim without the profession was decided by both rules of 90 days; now it is missing it.
grep -q "^données dont le besoin change : 5$" "$work/diff120.out" && pass || fail "120 days: needs: $(cat "$work/diff120.out")"
grep -A 3 "^  + profession devient nécessaire, pour les demandes sans elle : demande parmi { facturer }, date_service >= 2018-04-01, " "$work/diff120.out" | tail -n 3 > "$work/need120"
printf '%s\n' "     exemple : demande=facturer date_service=2018-04-01 date_demande=2018-04-01" \
    "     avant : canal = nouveau_systeme, echeance = 2018-06-30, hors_delai = faux, règle facturation_nouveau_systeme" \
    "     après : donnée manquante : profession" | cmp -s - "$work/need120" && pass ||
    fail "120 days: the need of the profession: $(cat "$work/need120")"
# The property that states the infolettre's 90 days fails, on an optometrist's claim; check
# refuses the file, and the diff says the edit breaks it.
run "120 days: the deadline property fails" 1 - '*' -- "$rulec" check "$work/r120/ramq2018.rules"
grep -q "error: la propriété 'delai_de_facturation' n'est pas respectée : pour la demande profession=optometriste demande=facturer .*, la règle '[a-z_]*' (ligne [0-9]*) décide canal=nouveau_systeme echeance=2018-05-01 .* ; or, quand demande = facturer et décidée, la propriété exige echeance = date_service + 90 jours$" "$work/err" && pass ||
    fail "120 days: no counterexample for delai_de_facturation: $(head -3 "$work/err")"
grep -q "^  ! delai_de_facturation : n'est plus respectée$" "$work/diff120.out" && pass ||
    fail "120 days: the diff does not say the property breaks: $(tail -8 "$work/diff120.out")"
grep -q "^     exemple : profession=optometriste " "$work/diff120.out" && pass ||
    fail "120 days: the property's example is not an optometrist's: $(tail -8 "$work/diff120.out")"
# The analyst changes the property deliberately: the infolettre's 90 days bind the other
# professions only; check is green, and every property is proven again.
sed -i -e 's/"Une facturation décidée a pour date limite/"Une facturation décidée, sauf d'"'"'un optométriste, a pour date limite/' \
    -e 's/^  quand demande = facturer et décidée$/  quand demande = facturer et décidée et profession != optometriste/' "$work/r120/ramq2018.rules"
[ "$(diff $R "$work/r120/ramq2018.rules" | grep -c '^[<>]')" = 6 ] && pass || fail "120 days: the property is not changed"
run "120 days: with the property changed, check is green" 0 '*' - -- "$rulec" check "$work/r120/ramq2018.rules"
grep -q "^  propriétés : 9 prouvées pour toute demande$" "$work/out" && pass || fail "120 days: properties: $(cat "$work/out")"
run "120 days: the property changed, only the examples pinned at 90 days fail" 1 '*' '*' -- "$rulec" test "$work/r120/ramq2018.rules"
grep -q "^9 propriétés prouvées, 0 en échec$" "$work/out" && pass || fail "120 days: rulec test: $(cat "$work/out")"
run "120 days: the diff of the property change says it is fixed" 1 '*' - -- "$rulec" diff "$work/r120/ramq2018.rules.orig" "$work/r120/ramq2018.rules"
grep -q "^  ~ delai_de_facturation : est maintenant respectée$" "$work/out" && pass || fail "120 days: diff of the property change: $(tail -8 "$work/out")"
# What the property gave up is shown, old statement beside the new.
grep -A 2 "^  ~ delai_de_facturation" "$work/out" | tail -n 2 > "$work/statements"
printf '%s\n' "     exigeait : quand demande = facturer et décidée, echeance = date_service + 90 jours" \
    "     exige : quand demande = facturer et décidée et profession != optometriste, echeance = date_service + 90 jours" |
    cmp -s - "$work/statements" && pass || fail "120 days: the property's statements: $(cat "$work/statements")"
# The decision table writes the lookup as the rule file does.
"$rulec" table "$work/r120/ramq2018.rules" 2>/dev/null | grep -q "echeance = date_service + selon profession { optometriste : 120, autrement : 90 } jours" && pass ||
    fail "120 days: rulec table does not show the lookup"
# eval, and the typed C API of the compiled tables, agree: 120 days for an optometrist, 90 for
# a dentist, and a claim without the profession is missing it.
run "120 days: eval, optometrist" 0 '*' - -- "$rulec" eval "$work/r120/ramq2018.rules" demande=facturer profession=optometriste date_service=2018-04-01 date_demande=2018-07-01
grep -q "^Date limite de transmission : 2018-07-30$" "$work/out" && pass || fail "120 days: eval: $(cat "$work/out")"
run "120 days: eval without the profession" 2 - '*' -- "$rulec" eval "$work/r120/ramq2018.rules" demande=facturer date_service=2018-04-01 date_demande=2018-07-01
grep -q "^rulec: profession : donnée manquante" "$work/err" && pass || fail "120 days: eval without profession: $(cat "$work/err")"
# The report says the table in words wherever it shows the answer of a rule that reads it
# (19 places: 5 each in the answers, the rules and the decision table; 4 in the figures).
"$rulec" doc "$work/r120/ramq2018.rules" -o "$work/r120/doc" >/dev/null 2>&1
[ "$(grep -o "« Date du service » plus 120 jours pour Optométriste, 90 jours autrement (selon « Profession »)" "$work/r120/doc/ramq2018.html" | wc -l)" = 19 ] && pass ||
    fail "120 days: the report does not show the lookup in words beside each of its rules"
# Why not on time: the optometrist's own deadline, 120 days.
run "120 days: why not on time" 0 '*' - -- "$rulec" explain "$work/r120/ramq2018.rules" --why-not hors_delai=faux demande=facturer profession=optometriste date_service=2018-04-01 date_demande=2018-08-05
grep -q "^Ou bien, autant : Date de transmission de la demande du 2018-04-01 au 2018-07-30, au lieu de 2018-08-05.$" "$work/out" && pass ||
    fail "120 days: why not on time: $(cat "$work/out")"
# (compile refuses a file whose examples fail: the tables are built here without them)
sed '/^exemple /,$d' "$work/r120/ramq2018.rules" > "$work/r120/sans_exemples.rules"
if "$rulec" compile "$work/r120/sans_exemples.rules" -o "$work/r120" 2>"$work/cc.err"; then
    cat > "$work/r120/main.c" <<'C'
#include <stdio.h>
#include "ramq2018.h"
static void show(int has, enum ramq2018_profession_value profession)
{
    struct ramq2018_input in = { 0 };
    struct ramq2018_result r;
    in.has_profession = has != 0; in.profession = profession;
    in.has_demande = 1; in.demande = RAMQ2018_DEMANDE_FACTURER;
    in.has_date_service = 1; in.date_service = 20180401;
    in.has_date_demande = 1; in.date_demande = 20180701;
    enum ramq2018_status status = ramq2018_decide(&in, &r);
    if (status == RAMQ2018_OK)
        printf("%ld %d\n", (long)r.outputs.echeance, (int)r.outputs.hors_delai);
    else
        printf("status %d %s\n", (int)status, r.error_input ? r.error_input : "-");
}
int main(void)
{
    show(1, RAMQ2018_PROFESSION_OPTOMETRISTE);
    show(1, RAMQ2018_PROFESSION_DENTISTE);
    show(0, RAMQ2018_PROFESSION_DENTISTE);
    show(1, (enum ramq2018_profession_value)7);
    return 0;
}
C
    typed_api "120 days" "$work/r120" ramq2018 "20180730 0${nl}20180630 1${nl}status 1 profession${nl}status 2 profession$nl"
else
    fail "120 days: rulec compile: $(cat "$work/cc.err")"
fi

# --- properties: what must hold of every claim's answer, proven for all of them -----------
# 120 days written into the rules breaks 'delai_de_facturation' (a billing's deadline is the
# service date plus 90 days, as the infolettre writes it): check refuses the file and names a
# claim that breaks it, the rule that decides it and its answer; rulec test counts it; rulec
# diff says the edit breaks it, and the way back that it fixes it.
run "properties: a deadline hard-coded to 120 days breaks one" 1 - '*' -- "$rulec" check "$work/120.rules"
grep -q "^$work/120.rules:[0-9]*:11: error: la propriété 'delai_de_facturation' n'est pas respectée : pour la demande demande=facturer date_service=2018-01-01 date_demande=2018-04-01 acces_ancien_systeme=false, la règle 'facturation_sans_acces' (ligne 127) décide canal=nouveau_systeme echeance=2018-05-01 hors_delai=false ; or, quand demande = facturer et décidée, la propriété exige echeance = date_service + 90 jours$" "$work/err" && pass ||
    fail "properties: check does not show the claim that breaks delai_de_facturation: $(head -3 "$work/err")"
grep -q "^$work/120.rules:127:7: note: la règle 'facturation_sans_acces' décide cette demande$" "$work/err" && pass ||
    fail "properties: no note at the rule: $(cat "$work/err")"
[ "$(grep -c "error: la propriété" "$work/err")" = 1 ] && pass || fail "properties: another property fails: $(grep "error:" "$work/err")"
run "properties: compile refuses it" 1 - '*' -- "$rulec" compile "$work/120.rules" -o "$work"
run "properties: rulec test counts it" 1 '*' '*' -- "$rulec" test "$work/120.rules"
grep -q "^8 propriétés prouvées, 1 en échec$" "$work/out" && pass || fail "properties: rulec test: $(cat "$work/out")"
run "properties: diff says which the edit breaks" 1 '*' - -- "$rulec" diff $R "$work/120.rules"
grep -A 5 "^propriétés dont la preuve change : 1 ; 1 non respectée après$" "$work/out" > "$work/props.diff"
printf '%s\n' "propriétés dont la preuve change : 1 ; 1 non respectée après" \
    "  ! delai_de_facturation : n'est plus respectée" \
    "     exige : quand demande = facturer et décidée, echeance = date_service + 90 jours" \
    "     exemple : demande=facturer date_service=2018-01-01 date_demande=2018-04-01 acces_ancien_systeme=false" \
    "     avant : canal = nouveau_systeme, echeance = 2018-04-01, hors_delai = faux, règle facturation_sans_acces" \
    "     après : canal = nouveau_systeme, echeance = 2018-05-01, hors_delai = faux, règle facturation_sans_acces" | cmp -s - "$work/props.diff" && pass ||
    fail "properties: diff: $(cat "$work/props.diff")"
run "properties: and which the way back fixes" 1 '*' - -- "$rulec" diff "$work/120.rules" $R
grep -q "^  ~ delai_de_facturation : est maintenant respectée$" "$work/out" && pass || fail "properties: diff back: $(tail -8 "$work/out")"

# --- the generated API takes no name from the policy --------------------------------------
# A DMN table's vocabulary: an output "Approval Status" with members ok and missing_input, and
# outputs named as the result's own fields (reason, quote, line, citation, outcome, outputs),
# an enumeration whose constant spells the rules' digest (rules = sha256), an input named
# result. Each was once refused; the C API keeps them apart (struct approval_outputs, enum
# tags ending in _value, one-word status constants) and compiles warning-free.
mkdir -p "$work/dmn"
cat > "$work/dmn/approval.rules" <<'R'
policy approval "Loan approval, a DMN decision table"
source s "Source"
input result "Credit result" : enum { good "Good", bad "Bad" }
output status "Approval Status" : enum { ok "Approved", missing_input "Needs documents" }
output reason "Reason" : int
output quote "Quote" : bool
output line "Line of credit" : int
output citation "Citation" : bool
output outcome "Outcome" : bool
output outputs "Outputs" : bool
output rules "Rules" : enum { sha256 "SHA-256", other "Other" }
rule approve cites s "1" when result = good then status = ok, reason = 1, quote = true, line = 5000, citation = false, outcome = true, outputs = true, rules = sha256
rule documents cites s "2" when result = bad then status = missing_input, reason = 2, quote = false, line = 0, citation = true, outcome = false, outputs = false, rules = other
R
if "$rulec" compile "$work/dmn/approval.rules" -o "$work/dmn" 2> "$work/cc.err"; then
    pass
    cat > "$work/dmn/main.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "approval.h"
int main(void)
{
    struct approval_input in = { 0 };
    struct approval_result r;
    in.has_result = 1;
    in.result = APPROVAL_RESULT_BAD;
    if (approval_decide(&in, &r) != APPROVAL_OK || r.outcome != APPROVAL_DECIDED)
        return 1;
    enum approval_status_value status = r.outputs.status;
    printf("%s %d %d %d %s %s %s\n", approval_status_name(status),
           status == APPROVAL_STATUS_MISSING_INPUT, r.outputs.reason, r.outputs.line,
           approval_rules_name(r.outputs.rules), r.rule, strlen(APPROVAL_SHA256) == 64 ? "sha" : "?");
    return 0;
}
C
    typed_api "a DMN vocabulary" "$work/dmn" approval "missing_input 1 2 0 other documents sha$nl"
else
    fail "a DMN vocabulary: rulec compile refuses it: $(cat "$work/cc.err")"
fi

# ... but not the databases' typed functions, one per key of the answer (approval_<key>):
# approval_reason would be both the output reason and the answer's reason. PostgreSQL's script
# generator and SQLite's .load refuse the policy, each with the clash's message; and two
# outputs whose names differ only in case (SQL does not tell them apart).
sql_clash() {   # NAME DIR POLICY MESSAGE
    ext_flags="-std=c11 -Iinclude -Isrc/policy -I$2 -DPOLICY_HEADER=\"$3.h\" -DPOLICY_TABLES=$3_policy"
    ext_sources="$2/$3.c src/runtime/*.c src/policy/report.c src/policy/sink.c"
    if cc $ext_flags src/ext/pg_script.c $ext_sources -o "$2/pg_script" 2> "$work/cc.err"; then
        mkdir -p "$2/pg"
        run "$1: pg_script refuses the policy" 1 - "pg_script: $4$nl" -- "$2/pg_script" 1.0.0 "$2/pg"
    else
        fail "$1: pg_script does not build: $(head -3 "$work/cc.err")"
    fi
    if cc $ext_flags -shared -fPIC src/ext/sqlite.c src/policy/answer.c $ext_sources \
          -o "$2/$3.so" 2> "$work/cc.err"; then
        run "$1: SQLite's .load refuses the policy" 1 - "Error: error during initialization: $4$nl" \
            -- sqlite3 :memory: ".load $2/$3"
    else
        fail "$1: the SQLite extension does not build: $(head -3 "$work/cc.err")"
    fi
}
sql_clash "a DMN vocabulary" "$work/dmn" approval "la sortie reason a le nom de la clé « reason » de la réponse : la fonction SQL approval_reason ne peut pas dire les deux ; renommez la sortie"
mkdir -p "$work/case"
cat > "$work/case/casse.rules" <<'R'
policy casse "Case"
source s "Source"
input e "E" : enum { a "A", b "B" }
output Canal "Canal" : int
output canal "canal" : int
rule r cites s "1" when e = a then Canal = 1, canal = 2
rule q cites s "2" when e = b then Canal = 2, canal = 1
R
if "$rulec" compile "$work/case/casse.rules" -o "$work/case" 2> "$work/cc.err"; then
    sql_clash "outputs differing in case" "$work/case" casse "les sorties Canal et canal ne diffèrent que par les majuscules : une base de données n'en ferait qu'une fonction, casse_canal ; renommez l'une d'elles"
else
    fail "outputs differing in case: rulec compile refuses them: $(cat "$work/cc.err")"
fi

# --- the README's C API example ----------------------------------------------------------
run "examples/decide.c" 0 "ancien_systeme by 20180515 (RAMQ, Infolettre 375, 28 février 2018, section 1.1)$nl" - -- "$api_example"
[ -z "$why_not_example" ] || run "examples/why_not.c" 0 "acces_ancien_systeme = true${nl}then decided by facturation_ancien_systeme$nl" - -- "$why_not_example"

finish e2e
