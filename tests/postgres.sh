#!/bin/sh
# tests/postgres.sh — the policy as a PostgreSQL extension, in a real server: initdb and pg_ctl
# in a temporary directory, listening on a Unix socket only, run as a user that is not root;
# CREATE EXTENSION; 100,000 claims loaded with COPY and decided in one SELECT, every answer
# compared with batch mode's; odd values; databases in other encodings (WIN1252 answers as
# UTF8 does, LATIN1, EUC_JP and SQL_ASCII are refused); a parallel plan that runs the function
# in workers; each typed function (ramq2018_canal, …) against its key of the JSON answer.
# Part of rulec; see README.md for the licence.
# usage: tests/postgres.sh BUILD      (make postgres-test; as root it installs the extension
#                                      with make postgres-install first)
. tests/lib.sh
build=$1
top=$(pwd)
rows=${POSTGRES_ROWS:-100000}
. tests/pg_server.sh
pg_extension_installed "$build" || { echo "FAIL postgres: extension not installed"; exit 1; }
trap 'pg_stop "$work"; rm -rf "$work"' EXIT
pg_start "$work" -c max_parallel_workers_per_gather=2 || { echo "FAIL starting the server"; exit 1; }
psql() { pg_psql "$work" "$@"; }
# As root, the server runs as postgres: PostgreSQL refuses root.
server_user=$(ps -o user= -p "$(head -1 "$work/data/postmaster.pid")")
if [ "$server_user" != root ] && [ "$server_user" = "$(pg_as_user id -un)" ]; then pass; else
    fail "the server runs as $server_user"; fi
if [ "$(psql -At -c "SHOW listen_addresses")" = "" ] &&
   [ "$(psql -At -c "SELECT current_setting('unix_socket_directories')")" = "$work" ]; then pass; else
    fail "the server listens elsewhere than on its socket"; fi

# The claims: complete random ones with some fields empty (NULL) and some members misspelt;
# dates and booleans that PostgreSQL's types would refuse cannot be in a table, so none here.
"$build/bench/decide_bench" --csv "$rows" "$work/complete.csv" || { echo "FAIL decide_bench"; exit 1; }
awk -v jsonl="$work/claims.jsonl" -v typed=1 -f tests/claims.awk "$work/complete.csv" > "$work/claims.csv"
"$build/ramq2018" --batch --format jsonl < "$work/claims.jsonl" 2>/dev/null |
    sed 's/"error":"ligne [0-9]* : /"error":"/' > "$work/batch.out"
chmod 644 "$work"/*.csv "$work"/*.out

psql > "$work/load.out" <<SQL
CREATE EXTENSION ramq2018;
CREATE TABLE claims (id bigint PRIMARY KEY, demande text, profession text, date_service date,
                     date_demande date, systeme_initial text, acces_ancien_systeme boolean,
                     date_etat_compte date);
\\copy claims FROM '$work/claims.csv' WITH (FORMAT csv, HEADER true)
-- Batch mode's answers, in order: the JSON as one column (no quote, no delimiter in it). The
-- claims' ids count from 0, as decide_bench writes them.
CREATE SEQUENCE batch_id MINVALUE 0 START 0;
CREATE TABLE batch (id bigint PRIMARY KEY DEFAULT nextval('batch_id'), answer jsonb);
\\copy batch (answer) FROM '$work/batch.out' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
ANALYZE claims;
SQL
if [ -s "$work/load.out" ] || [ -n "$(pg_errors "$work")" ]; then
    fail "loading: $(head -5 "$work/load.out") $(pg_errors "$work" | head -5)"; fi
if [ "$(psql -At -c "SELECT count(*) FROM claims")" = "$rows" ] &&
   [ "$(psql -At -c "SELECT count(*) FROM batch")" = "$rows" ]; then pass; else
    fail "COPY did not load $rows claims and answers"; fi

decide="ramq2018(profession, demande, date_service, date_demande, systeme_initial, acces_ancien_systeme, date_etat_compte)"
# One SELECT decides them all; every answer is batch mode's (jsonb equality: the same keys
# and values).
psql -At > "$work/compare.out" <<SQL
SELECT count(*) FILTER (WHERE d.answer = b.answer),
       count(*) FILTER (WHERE d.answer ->> 'outcome' = 'rejected'),
       count(*) FILTER (WHERE d.answer ->> 'outcome' = 'decided'),
       count(DISTINCT d.answer ->> 'rule')
FROM (SELECT id, $decide AS answer FROM claims) d JOIN batch b USING (id);
SELECT c.id, $decide, b.answer FROM claims c JOIN batch b USING (id)
WHERE $decide IS DISTINCT FROM b.answer ORDER BY c.id LIMIT 3;
SQL
same=$(sed -n 1p "$work/compare.out" | cut -d'|' -f1)
rejected=$(sed -n 1p "$work/compare.out" | cut -d'|' -f2)
decided=$(sed -n 1p "$work/compare.out" | cut -d'|' -f3)
rules=$(sed -n 1p "$work/compare.out" | cut -d'|' -f4)
if [ "$same" = "$rows" ]; then pass; else
    fail "$same of $rows answers are batch mode's"; sed 1d "$work/compare.out" | head -3; fi
if [ "${rejected:-0}" -gt 1000 ] && [ "${decided:-0}" -gt $((rows / 3)) ] && [ "${rules:-0}" -ge 15 ]; then
    pass; else fail "the claims are not varied enough: $rejected rejected, $decided decided, $rules rules"; fi

# The same as text: jsonb orders keys its own way, so compare values, not bytes.
if [ "$(psql -At -c "SELECT $decide FROM claims WHERE id = 0")" = \
     "$(psql -At -c "SELECT answer FROM batch WHERE id = 0")" ]; then pass; else
    fail "the first answer as text"; fi

# The typed functions: each is its key of the JSON answer, in its SQL type, on every claim, and
# NULL where the answer has no such key. For each key: the claims where the two agree, and
# those whose answer has it (none may be the test's blind spot).
args="(profession, demande, date_service, date_demande, systeme_initial, acces_ancien_systeme, date_etat_compte)"
typed_check() {   # KEY EXPRESSION-ON-answer
    echo "SELECT '$1', count(*) FILTER (WHERE ramq2018_$1$args IS NOT DISTINCT FROM $2),"
    echo "       count(*) FILTER (WHERE answer ? '$1') FROM claims JOIN batch USING (id);"
}
{
    typed_check canal "answer ->> 'canal'"
    typed_check echeance "(answer ->> 'echeance')::date"
    typed_check hors_delai "(answer -> 'hors_delai')::boolean"
    typed_check mentions "CASE WHEN answer ? 'mentions' THEN ARRAY(SELECT jsonb_array_elements_text(answer -> 'mentions')) END"
    typed_check message "(answer -> 'message')::bigint"
    for key in outcome reason rule citation interpretation error; do
        typed_check $key "answer ->> '$key'"
    done
} > "$work/typed.sql"
chmod 644 "$work/typed.sql"
psql -At -f "$work/typed.sql" > "$work/typed.out"
awk -F'|' -v rows="$rows" '$2 != rows || $3 == 0' "$work/typed.out" > "$work/typed.bad"
if [ "$(wc -l < "$work/typed.out")" -eq 11 ] && [ ! -s "$work/typed.bad" ]; then pass; else
    fail "typed functions (key|agreeing|present): $(cat "$work/typed.bad")"; fi

# Values no claim should hold: a rejected answer, never an error.
cat > "$work/odd.sql" <<'SQL'
SELECT ramq2018('dentiste', 'facturer', 'infinity', '2018-05-16', NULL, true, NULL);
SELECT ramq2018('dentiste', 'facturer', '0999-12-31', '2018-05-16', NULL, true, NULL);
SELECT ramq2018('dentiste', 'facturer', '2018-02-14', '2018-05-16', NULL, NULL, NULL);
SELECT ramq2018(repeat('x', 1000000), NULL, NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018('', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL);
SELECT ramq2018(NULL, NULL, NULL, NULL, NULL, NULL, NULL) ->> 'outcome';
SELECT ramq2018_rules_sha256();
SELECT provolatile::text || proparallel::text FROM pg_proc WHERE proname = 'ramq2018';
SQL
chmod 644 "$work/odd.sql"
psql -At -f "$work/odd.sql" > "$work/odd.out"
sha=$(sha256sum rules/ramq2018.rules | cut -d' ' -f1)
cat > "$work/odd.expected" <<EOF2
{"error": "date_service : valeur « infinity » refusée ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01", "outcome": "rejected"}
{"error": "date_service : valeur « 0999-12-31 » refusée ; valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, par exemple 2018-04-01", "outcome": "rejected"}
{"error": "acces_ancien_systeme : donnée manquante, nécessaire à cette décision (A toujours accès à l'ancien système par un logiciel de facturation au 1er avril 2018) ; valeurs permises : true, false (ou 1, 0)", "outcome": "rejected"}
{"error": "profession : valeur « xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste", "outcome": "rejected"}
{"rule": "facturation_ancien_systeme", "canal": "ancien_systeme", "outcome": "decided", "citation": "RAMQ, Infolettre 375, 28 février 2018, section 1.1", "echeance": "2018-05-15", "hors_delai": true}
rejected
$sha
is
EOF2
if cmp -s "$work/odd.out" "$work/odd.expected"; then pass; else
    fail "odd values"; diff "$work/odd.expected" "$work/odd.out"; fi

# Databases in other encodings. rulec's text is UTF-8: an EUC_JP database stopped the query
# on the answer's French text, a LATIN1 one showed « fÃ©vrier ». WIN1252 has every character
# the extension writes (« », é, the policy's « – », a cut value's « … »): there the answers are
# the UTF8 database's, character for character, and text arguments are read converted. LATIN1
# lacks the dash, EUC_JP the guillemets, SQL_ASCII promises nothing past ASCII: CREATE
# EXTENSION refuses each with its message, and leaves nothing behind. psql asks for UTF-8.
for encoding in WIN1252 LATIN1 EUC_JP SQL_ASCII; do
    psql -c "CREATE DATABASE \"enc_$encoding\" ENCODING '$encoding' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
done
in_database() { database=$1; shift; pg_psql_in "$work" "$database" "$work/psql.err" -At "$@"; }
# The claims and their answers as one MD5, of the UTF-8 bytes whatever the database's encoding.
answers_md5="SELECT count(*), md5(string_agg(convert_to($decide::text, 'UTF8'), '\\x0a'::bytea ORDER BY id)) FROM claims"
in_database enc_WIN1252 > "$work/win1252.out" <<SQL
SET client_encoding = 'UTF8';
CREATE EXTENSION ramq2018;
SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database();
CREATE TABLE claims (id bigint PRIMARY KEY, demande text, profession text, date_service date,
                     date_demande date, systeme_initial text, acces_ancien_systeme boolean,
                     date_etat_compte date);
\\copy claims FROM '$work/claims.csv' WITH (FORMAT csv, HEADER true)
$answers_md5;
SELECT count(*) FROM claims WHERE $decide::text LIKE '%–%';
SQL
in_database enc_WIN1252 -c "SET client_encoding = 'UTF8'" -f "$work/odd.sql" > "$work/win1252-odd.out"
utf8=$(psql -At -c "$answers_md5")
if [ "$(sed -n 1p "$work/win1252.out")" = WIN1252 ] &&
   [ "$(sed -n 2p "$work/win1252.out")" = "$utf8" ] && [ "${utf8%%|*}" = "$rows" ] &&
   [ "$(sed -n 3p "$work/win1252.out")" -gt 0 ]; then pass; else
    fail "WIN1252: the answers are not the UTF8 database's ($(cat "$work/win1252.out") against $utf8)"; fi
if cmp -s "$work/win1252-odd.out" "$work/odd.expected"; then pass; else
    fail "WIN1252: odd values"; diff "$work/odd.expected" "$work/win1252-odd.out"; fi
# Text arguments past ASCII, converted to UTF-8 before they are read; a byte WIN1252 leaves
# undefined (0x81), which has no UTF-8 equivalent, refused as a value.
cat > "$work/text.sql" <<'SQL'
SET client_encoding = 'UTF8';
SELECT ramq2018('dentistè', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL);
SELECT ramq2018(repeat('é', 100), NULL, NULL, NULL, NULL, NULL, NULL);
SELECT ramq2018('dentiste', convert_from('\x81'::bytea, 'WIN1252'), NULL, NULL, NULL, NULL, NULL);
-- The typed functions: the JSON's keys, converted the same way (a refusal and a citation that
-- hold « » and é).
SELECT ramq2018_outcome('dentistè', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL),
       ramq2018_error('dentistè', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL)
       = ramq2018('dentistè', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL) ->> 'error',
       ramq2018_citation('dentiste', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL),
       ramq2018_canal('dentiste', 'facturer', '2018-02-14', '2018-05-16', NULL, true, NULL);
SQL
chmod 644 "$work/text.sql"
in_database enc_WIN1252 -f "$work/text.sql" > "$work/win1252-text.out"
cat > "$work/text.expected" <<'EOF2'
{"error": "profession : valeur « dentistè » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste", "outcome": "rejected"}
{"error": "profession : valeur « éééééééééééééééééééééééééééééé… » refusée ; valeurs permises : dentiste, chirurgien_buccal, optometriste", "outcome": "rejected"}
{"error": "demande : valeur refusée : un de ses caractères n'a pas d'équivalent en UTF-8", "outcome": "rejected"}
rejected|t|RAMQ, Infolettre 375, 28 février 2018, section 1.1|ancien_systeme
EOF2
if cmp -s "$work/win1252-text.out" "$work/text.expected"; then pass; else
    fail "WIN1252: text arguments"; diff "$work/text.expected" "$work/win1252-text.out"; fi
# Outside WIN1252, the first character missing, in the order the check reads the texts.
for refusal in LATIN1:U+2013 EUC_JP:U+00AB SQL_ASCII:U+00E0; do
    encoding=${refusal%%:*}
    cat > "$work/refused.expected" <<EOF2
ERROR:  l'extension ramq2018 ne peut pas être créée dans une base de données en $encoding : cet encodage n'a pas le caractère ${refusal#*:} de ses textes
HINT:  Créez la base de données en UTF8 : CREATE DATABASE nom ENCODING 'UTF8' TEMPLATE template0;
EOF2
    rm -f "$work/refused.err"
    pg_psql_in "$work" "enc_$encoding" "$work/refused.err" -c "SET client_encoding = 'UTF8'" \
        -c "CREATE EXTENSION ramq2018" > /dev/null
    left=$(in_database "enc_$encoding" -c "SELECT count(*) FROM pg_proc WHERE proname LIKE 'ramq2018%'")
    if cmp -s "$work/refused.err" "$work/refused.expected" && [ "$left" = 0 ]; then pass; else
        fail "$encoding: CREATE EXTENSION ($left functions left)"; diff "$work/refused.expected" "$work/refused.err"; fi
done

# In parallel: the planner may run the function in workers (PARALLEL SAFE), and does.
psql -At > "$work/plan.out" <<SQL
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT $decide ->> 'canal' AS canal, count(*) FROM claims GROUP BY 1;
SQL
if grep -q 'Gather' "$work/plan.out" && grep -q 'Workers Launched: [1-9]' "$work/plan.out" &&
   grep -q 'Parallel Seq Scan on public.claims' "$work/plan.out" &&
   grep -q 'Partial HashAggregate\|Partial GroupAggregate' "$work/plan.out" &&
   grep -A2 'Partial' "$work/plan.out" | grep -q 'ramq2018('; then pass; else
    fail "no parallel plan running ramq2018 in workers"; cat "$work/plan.out"; fi
cp "$work/plan.out" "$build/postgres/parallel-plan.txt"

# psql said nothing on stderr: no warning, no error was ever taken for a result.
if [ -z "$(pg_errors "$work")" ]; then pass; else
    fail "psql wrote on stderr: $(pg_errors "$work" | head -5)"; fi

# The server's log holds no error from the extension but the refusals expected above, logged
# in each database's encoding: matched on their ASCII start, and read with grep -a, since
# LATIN1's bytes make grep take the log for binary and print no line.
grep -a 'ERROR\|PANIC\|server process .* terminated' "$work/server.log" |
    grep -av "ERROR:  l'extension ramq2018 ne peut pas " > "$work/server-errors.out"
if [ ! -s "$work/server-errors.out" ]; then pass; else
    fail "server log: $(head -3 "$work/server-errors.out")"; fi

cd "$top"
finish postgres "(plan: $build/postgres/parallel-plan.txt)"
