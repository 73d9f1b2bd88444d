#!/bin/sh
# tests/sqlite.sh — the policy as an SQLite function, in the real sqlite3 shell: a table of
# 20,000 claims (some fields empty, some values refused) decided in one SELECT, every row
# compared with batch mode; NULLs and integers as well as text; bytes no claim holds; the
# example an analyst runs (examples/claims.sql). Part of rulec; see README.md for the licence.
# usage: tests/sqlite.sh BUILD      (make sqlite-test)
# Under a sanitizer (make SANITIZER=… check), PRELOAD names its runtime, which the sqlite3
# shell must load first to host the sanitized extension.
. tests/lib.sh
build=$1
extension=$build/sqlite/ramq2018
rows=20000
sqlite() {
    if [ -n "${PRELOAD:-}" ]; then
        LD_PRELOAD=$PRELOAD ASAN_OPTIONS=detect_leaks=0 sqlite3 "$@"
    else
        sqlite3 "$@"
    fi
}
columns="profession, demande, date_service, date_demande, systeme_initial, acces_ancien_systeme, date_etat_compte"

"$build/bench/decide_bench" --csv "$rows" "$work/complete.csv" || { echo "FAIL decide_bench"; exit 1; }
awk -v jsonl="$work/claims.jsonl" -f tests/claims.awk "$work/complete.csv" > "$work/claims.csv"

# Batch mode's answers, "ligne N : " taken out of its messages: the SQL function has no lines.
"$build/ramq2018" --batch --format jsonl < "$work/claims.jsonl" 2>/dev/null |
    sed 's/"error":"ligne [0-9]* : /"error":"/' > "$work/batch.out"
rejected=$(grep -c '"outcome":"rejected"' "$work/batch.out")
# Neither all nor none rejected: the comparison covers both kinds of row.
if [ "$rejected" -gt 1000 ] && [ "$rejected" -lt $((rows / 2)) ]; then pass; else
    fail "batch mode rejected $rejected of $rows claims"; fi

# Text columns as .import leaves them ('' for an empty field).
sqlite -bail "$work/claims.db" > "$work/text.out" 2> "$work/text.err" <<SQL
.load $extension
.import --csv $work/claims.csv claims
SELECT ramq2018($columns) FROM claims ORDER BY id + 0;
SQL
if [ -s "$work/text.err" ]; then fail "sqlite3: $(head -3 "$work/text.err")"; fi
if [ "$(wc -l < "$work/text.out")" -eq "$rows" ] && cmp -s "$work/text.out" "$work/batch.out"; then
    pass; else fail "ramq2018() on text columns differs from batch mode";
    diff "$work/batch.out" "$work/text.out" | head -6; fi

# Typed columns: NULL for an empty field, booleans as integers 0 and 1 (SQLite's true and
# false), the rest as text.
sqlite -bail "$work/claims.db" > "$work/typed.out" 2> "$work/typed.err" <<SQL
.load $extension
CREATE TABLE typed AS
SELECT id + 0 AS id, nullif(profession, '') AS profession, nullif(demande, '') AS demande,
       nullif(date_service, '') AS date_service, nullif(date_demande, '') AS date_demande,
       nullif(systeme_initial, '') AS systeme_initial,
       CASE acces_ancien_systeme WHEN 'true' THEN true WHEN '1' THEN 1 WHEN 'false' THEN false
            WHEN '0' THEN 0 WHEN '' THEN NULL ELSE acces_ancien_systeme END AS acces_ancien_systeme,
       nullif(date_etat_compte, '') AS date_etat_compte
FROM claims;
SELECT count(*) FROM typed WHERE typeof(acces_ancien_systeme) = 'integer';
SELECT count(*) FROM typed WHERE profession IS NULL;
SELECT ramq2018($columns) FROM typed ORDER BY id;
SQL
if [ -s "$work/typed.err" ]; then fail "sqlite3: $(head -3 "$work/typed.err")"; fi
integers=$(sed -n 1p "$work/typed.out")
nulls=$(sed -n 2p "$work/typed.out")
if [ "$integers" -gt 10000 ] && [ "$nulls" -gt 500 ]; then pass; else
    fail "the typed table has $integers integer booleans and $nulls NULL professions"; fi
if sed 1,2d "$work/typed.out" | cmp -s - "$work/batch.out"; then pass; else
    fail "ramq2018() on NULLs and integers differs from batch mode"; fi

# Every answer is JSON that SQLite's own functions read, and nests as an object.
sqlite -bail "$work/claims.db" > "$work/json.out" 2>&1 <<SQL
.load $extension
SELECT count(*) FROM claims WHERE NOT json_valid(ramq2018($columns));
SELECT json_object('answer', ramq2018('dentiste', 'facturer', '2018-02-14', '2018-05-16', NULL, 'true', NULL)) ->> '\$.answer.canal';
SQL
if [ "$(cat "$work/json.out")" = "$(printf '0\nancien_systeme')" ]; then pass; else
    fail "json_valid or nesting: $(cat "$work/json.out")"; fi

# The typed functions: each is its key of the JSON answer, on every claim, NULL where the
# answer has no such key (a set as a JSON array, a boolean as 1 or 0). For each key: the
# claims where the two agree, and those whose answer has it (none would be a blind spot).
typed_check() {   # KEY EXPRESSION-ON-answer
    echo "SELECT '$1', count(*) FILTER (WHERE ramq2018_$1($columns) IS $2),"
    echo "       count(*) FILTER (WHERE answer ->> '\$.$1' IS NOT NULL) FROM answers;"
}
{
    echo ".load $extension"
    echo "CREATE TABLE answers AS SELECT *, ramq2018($columns) AS answer FROM claims;"
    for key in canal echeance hors_delai message outcome reason rule citation interpretation error; do
        typed_check $key "answer ->> '\$.$key'"
    done
    typed_check mentions "answer -> '\$.mentions'"
} > "$work/typed-functions.sql"
sqlite -bail "$work/claims.db" < "$work/typed-functions.sql" > "$work/typed-functions.out" 2>&1
awk -F'|' -v rows="$rows" '$2 != rows || $3 == 0' "$work/typed-functions.out" > "$work/typed-functions.bad"
if [ "$(wc -l < "$work/typed-functions.out")" -eq 11 ] && [ ! -s "$work/typed-functions.bad" ]; then
    pass; else fail "typed functions (key|agreeing|present): $(head -3 "$work/typed-functions.bad")"; fi

# The rules' version, as PostgreSQL gives it: an answer stored can be traced to its rules.
sha=$(sha256sum rules/ramq2018.rules | cut -d' ' -f1)
sqlite -bail :memory: > "$work/sha.out" 2>&1 <<SQL
.load $extension
SELECT ramq2018_rules_sha256();
SQL
if [ "$(cat "$work/sha.out")" = "$sha" ] &&
   grep -qx "#define RAMQ2018_SHA256 \"$sha\"" gen/ramq2018.h; then pass; else
    fail "ramq2018_rules_sha256(): $(cat "$work/sha.out")"; fi

# Bytes no claim holds: a rejected answer naming the field, never an SQL error.
sqlite -bail :memory: > "$work/odd.out" 2> "$work/odd.err" <<SQL
.load $extension
SELECT ramq2018(x'64656e7469737465', 'facturer', '2018-02-14', '2018-05-16', NULL, 1, NULL);
SELECT ramq2018('dentiste', 'factu' || char(0) || 'rer', NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018('dentiste', 'facturer', 20180214, NULL, NULL, NULL, NULL);
SELECT ramq2018('dentiste', 'facturer', '2018-02-14', '2018-05-16', NULL, 1.5, NULL);
SELECT ramq2018(zeroblob(1000000), NULL, NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018(printf('%.*c', 100000, 'x'), NULL, NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018(NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018('dentiste', 'facturer', '9999-12-31', '9999-12-31', NULL, true, NULL);
SQL
cat > "$work/odd.expected" <<'EOF2'
{"outcome":"decided","canal":"ancien_systeme","echeance":"2018-05-15","hors_delai":true,"rule":"facturation_ancien_systeme","citation":"RAMQ, Infolettre 375, 28 février 2018, section 1.1"}
{"outcome":"rejected","error":"demande : valeur refusée : elle contient un octet nul"}
{"outcome":"rejected","error":"date_service : valeur « 20180214 » refusée ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01"}
{"outcome":"rejected","error":"acces_ancien_systeme : valeur « 1.5 » refusée ; valeurs permises : true, false (ou 1, 0)"}
{"outcome":"rejected","error":"profession : valeur refusée : elle contient un octet nul"}
{"outcome":"rejected","error":"profession : valeur « xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste"}
{"outcome":"rejected","error":"date_demande : donnée manquante, nécessaire à cette décision (Date de transmission de la demande) ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01"}
{"outcome":"rejected","error":"date_service : avec 9999-12-31, une date de la décision sortirait des années 1000 à 9999"}
EOF2
if [ ! -s "$work/odd.err" ] && cmp -s "$work/odd.out" "$work/odd.expected"; then pass; else
    fail "odd values"; cat "$work/odd.err"; diff "$work/odd.expected" "$work/odd.out"; fi

# Text that is not UTF-8, which SQLite stores as given: a stray byte, a sequence cut short, an
# overlong form, a surrogate, a blob. A rejected answer naming the field, never the bytes
# echoed into the JSON; valid UTF-8 is quoted as it is. SQLite's json_valid does not look at
# the encoding, so iconv checks that every answer is UTF-8.
sqlite -bail :memory: > "$work/utf8.out" 2> "$work/utf8.err" <<SQL
.load $extension
SELECT ramq2018(cast(x'ff' as text), 'facturer', NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018('dentiste', cast(x'6661637475726572c3' as text), NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018(cast(x'c0af' as text), NULL, NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018('dentiste', 'facturer', '2018-02-14', '2018-05-16', cast(x'eda080' as text), 1, NULL);
SELECT ramq2018('dentiste', 'facturer', x'323031382d30322d3134ff', NULL, NULL, NULL, NULL);
SELECT ramq2018('dentist' || char(233), NULL, NULL, NULL, NULL, NULL, NULL);
SELECT json_valid(ramq2018(cast(x'ff' as text), NULL, NULL, NULL, NULL, NULL, NULL));
SQL
cat > "$work/utf8.expected" <<'EOF2'
{"outcome":"rejected","error":"profession : valeur refusée : elle n'est pas du texte UTF-8 valide"}
{"outcome":"rejected","error":"demande : valeur refusée : elle n'est pas du texte UTF-8 valide"}
{"outcome":"rejected","error":"profession : valeur refusée : elle n'est pas du texte UTF-8 valide"}
{"outcome":"rejected","error":"systeme_initial : valeur refusée : elle n'est pas du texte UTF-8 valide"}
{"outcome":"rejected","error":"date_service : valeur refusée : elle n'est pas du texte UTF-8 valide"}
{"outcome":"rejected","error":"profession : valeur « dentisté » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste"}
1
EOF2
if [ ! -s "$work/utf8.err" ] && cmp -s "$work/utf8.out" "$work/utf8.expected" &&
   iconv -f UTF-8 -t UTF-8 "$work/utf8.out" > /dev/null 2>&1; then pass; else
    fail "text that is not UTF-8"; cat "$work/utf8.err"; diff "$work/utf8.expected" "$work/utf8.out"; fi

# The analyst's example runs as the README says (with this build's extension), with the answers expected.
sed "s|^.load build/sqlite/ramq2018\$|.load $extension|" examples/claims.sql > "$work/claims.sql"
if sqlite < "$work/claims.sql" > "$work/example.out" 2>&1 &&
   cmp -s "$work/example.out" tests/sqlite/claims.sql.expected; then pass; else
    fail "examples/claims.sql"; diff tests/sqlite/claims.sql.expected "$work/example.out" | head; fi

finish sqlite
