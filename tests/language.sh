#!/bin/sh
# tests/language.sh — one language per file: every command's output for a person, on the
# French RAMQ file, holds no English word (from a list of those the tools once printed, or
# the English keywords), and counts agree in number ("1 règle", "2 règles", "0 changement").
# What is data stays as it is and is left out: claims (name=value, true/false), JSON, CSV
# rows, file paths, command-line options, and GNU's error:/warning:/note: tags.
# Part of rulec; see README.md for the licence.
# usage: tests/language.sh RULEC PROGRAM
. tests/lib.sh
top=$(pwd)
rulec=$top/$1
program=$top/$2
R=rules/ramq2018.rules
claim="demande=facturer profession=dentiste date_service=2018-02-14 date_demande=2018-04-03 acces_ancien_systeme=false"
sed 's/alors canal = nouveau_systeme, echeance = date_service + delai_facturation jours/alors canal = nouveau_systeme, echeance = date_service + 120 jours/' $R > "$work/120.rules"
sed 's/^  optometriste      "Optométriste"/  optometriste      "Optométriste",\n  denturologiste "Denturologiste"/' $R > "$work/appended.rules"
printf 'politique p "P"\nsource s "S"\ndonnée x "X" : booléen\nrésultat o "O" : booléen\nrègle r cite s "1" quand x alors o = vrai\n' > "$work/gap.rules"
printf 'politique p "P"\nsource s "S"\ndonnée x "X" : booléen\n)\n' > "$work/syntax.rules"
printf 'politique p "P"\nsource s "S"\ndonnée x "X" : booléen\nrésultat o "O" : booléen\nrègle r cite s "1" alors o = vrai\nexemple "e" avec x = vrai attendu o = faux\n' > "$work/failing.rules"

# Each command's output for a person: "name|command"; stdout and stderr together.
cat > "$work/commands" <<EOF
check|"$rulec" check $R
check --sources|"$rulec" check --sources ../shared/seeds $R
test|"$rulec" test $R
test --coverage|"$rulec" test --coverage $R
table|"$rulec" table $R
diff|"$rulec" diff $R "$work/120.rules"
diff, vocabulary|"$rulec" diff $R "$work/appended.rules"
explain|"$rulec" explain $R $claim
explain --all|"$rulec" explain --all $R $claim
explain --why-not|"$rulec" explain $R --why-not canal=ancien_systeme $claim
explain, missing input|"$rulec" explain $R demande=refacturer date_service=2017-11-14 date_demande=2018-04-03
eval|"$rulec" eval $R $claim
program|"$program" $claim
program --explain|"$program" --explain $claim
program --help|"$program" --help
program, bad claim|"$program" profession=dentist
program --batch summary|"$program" --batch < examples/claims.csv 2>&1 >/dev/null
a gap|"$rulec" check "$work/gap.rules"
a syntax error|"$rulec" check "$work/syntax.rules"
a failing example|"$rulec" test "$work/failing.rules"
report|"$rulec" doc $R -o "$work/doc" >/dev/null && sed -e 's/<[^>]*>/ /g' "$work/doc/ramq2018.html" | grep -v '^ *[a-z.#]*{'
EOF
# English words the tools printed once, and every English keyword that has a French twin.
english='passed|failed|days|day|true|false|end of file|expected|unexpected|syntax|missing|unset|rule|rules|region|regions|between|cites|interprets|because|when|then|unspecified|invalid|decided|example|examples|given|expect|input|inputs|output|outputs|policy|and|not|in|all|to|file|none|yes|no|let|const|enum|set|bool|int'
while IFS='|' read -r name command; do
    sh -c "$command" > "$work/out" 2>&1
    # Data and syntax that stay as they are.
    sed -e 's/[A-Za-z0-9_./-]*\.rules//g; s/[A-Za-z0-9_./-]*\.txt//g; s/[A-Za-z0-9_./-]*\.csv//g' \
        -e 's/[A-Za-z_][A-Za-z0-9_]*=[^ ]*//g; s/--[a-z-]*\(=[a-z]*\)\{0,1\}//g' \
        -e 's/: \(error\|warning\|note\): /: /' -e 's/(ou 1, 0)//; s/true, false//; s/true ou false//' "$work/out" > "$work/words"
    found=$(grep -o -w -E "$english" "$work/words" | sort -u | tr '\n' ' ')
    # Counts agree: "1 règles", "1 valeurs", "0 changements" are not French.
    plural=$(grep -o -E '(^|[^0-9.-])[01] (règles|entrées|valeurs|sorties|régions|exemples|changements|erreurs|citations|nœuds|demandes|lignes|avertissements|non précisées|invalides|vérifiées|réussis)\b' "$work/words" | head -3 | tr '\n' ' ')
    if [ -z "$found" ] && [ -z "$plural" ] && [ -s "$work/out" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL language: $name:${found:+ English: $found}${plural:+ plural: $plural}$([ -s "$work/out" ] || echo ' no output')"
        grep -n -w -E "$english" "$work/words" | head -3
    fi
done < "$work/commands"
finish language
