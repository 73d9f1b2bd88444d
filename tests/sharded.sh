#!/bin/sh
# tests/sharded.sh — the policy on sharded PostgreSQL, for real: a coordinator and two shard
# servers, each started with initdb and pg_ctl in a temporary directory, on a Unix socket only,
# as a user that is not root. The coordinator's claims table is hash-partitioned on id into
# two foreign tables (postgres_fdw), one on each shard; the extension is created on all three
# servers and listed in postgres_fdw's `extensions` option, so that its immutable functions
# may be sent to the shards. For each query shape an analyst uses, the test reads EXPLAIN
# VERBOSE and checks where the decision runs (the function in each shard's "Remote SQL", or
# not, for the shapes README.md says stay on the coordinator), and checks every answer against
# batch mode's. The plans, in BUILD/postgres/sharded-plans.txt, must be tests/sharded/plans.txt.
# Part of rulec; see README.md for the licence.
# usage: tests/sharded.sh BUILD      (make sharded-test; as root it installs the extension
#                                     with make postgres-install first)
. tests/lib.sh
build=$1
rows=${SHARDED_ROWS:-200000}
. tests/pg_server.sh
pg_extension_installed "$build" || { echo "FAIL sharded: extension not installed"; exit 1; }
servers="coordinator shard0 shard1"
trap 'for s in $servers; do pg_stop "$work/$s"; done; rm -rf "$work"' EXIT
chmod 755 "$work"
for s in $servers; do
    mkdir "$work/$s"
    pg_start "$work/$s" || { echo "FAIL starting $s"; exit 1; }
done
coordinator() { pg_psql "$work/coordinator" -At "$@"; }
for s in $servers; do
    server_user=$(ps -o user= -p "$(head -1 "$work/$s/data/postmaster.pid")")
    if [ "$server_user" != root ] && [ "$server_user" = "$(pg_as_user id -un)" ] &&
       [ "$(pg_psql "$work/$s" -At -c "SHOW listen_addresses")" = "" ]; then pass; else
        fail "$s runs as $server_user or listens elsewhere than on its socket"; fi
done

# The claims, as tests/postgres.sh makes them: random, some fields NULL, some members misspelt.
"$build/bench/decide_bench" --csv "$rows" "$work/complete.csv" || { echo "FAIL decide_bench"; exit 1; }
awk -v jsonl="$work/claims.jsonl" -v typed=1 -f tests/claims.awk "$work/complete.csv" > "$work/claims.csv"
"$build/ramq2018" --batch --format jsonl < "$work/claims.jsonl" 2>/dev/null |
    sed 's/"error":"ligne [0-9]* : /"error":"/' > "$work/batch.out"
chmod 644 "$work"/*.csv "$work"/*.out

columns="(id bigint, demande text, profession text, date_service date, date_demande date,
          systeme_initial text, acces_ancien_systeme boolean, date_etat_compte date)"
for s in shard0 shard1; do
    pg_psql "$work/$s" -c "CREATE EXTENSION ramq2018" -c "CREATE TABLE claims $columns"
done
coordinator > "$work/load.out" <<SQL
CREATE EXTENSION ramq2018;
$(pg_sharded_sql claims "$columns" "$work/shard0" "$work/shard1")
\\copy claims FROM '$work/claims.csv' WITH (FORMAT csv, HEADER true)
ANALYZE claims;
-- Batch mode's answers, on the coordinator: the claims' ids count from 0.
CREATE SEQUENCE batch_id MINVALUE 0 START 0;
CREATE TABLE batch (id bigint PRIMARY KEY DEFAULT nextval('batch_id'), answer jsonb);
\\copy batch (answer) FROM '$work/batch.out' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')
SQL
if [ -s "$work/load.out" ] || [ -n "$(pg_errors "$work/coordinator")" ]; then
    fail "loading: $(head -5 "$work/load.out") $(pg_errors "$work/coordinator" | head -5)"; fi
# The rows are on the shards, about half on each, and the coordinator holds none of them.
held0=$(pg_psql "$work/shard0" -At -c "SELECT count(*) FROM claims")
held1=$(pg_psql "$work/shard1" -At -c "SELECT count(*) FROM claims")
if [ $((held0 + held1)) -eq "$rows" ] && [ "$held0" -gt $((rows * 2 / 5)) ] &&
   [ "$held1" -gt $((rows * 2 / 5)) ] &&
   [ "$(coordinator -c "SELECT count(*) FROM claims")" = "$rows" ]; then pass; else
    fail "the shards hold $held0 and $held1 of $rows claims"; fi
# Every server decides with the same rules.
sha=$(sha256sum rules/ramq2018.rules | cut -d' ' -f1)
for s in $servers; do
    if [ "$(pg_psql "$work/$s" -At -c "SELECT ramq2018_rules_sha256()")" = "$sha" ]; then pass; else
        fail "$s decides with other rules"; fi
done

inputs="profession, demande, date_service, date_demande, systeme_initial, acces_ancien_systeme, date_etat_compte"
plans=$build/postgres/sharded-plans.txt
: > "$plans"
# Run before each query, when not empty: a setting the shape needs (and only that one: with
# enable_partitionwise_aggregate on, even a plain count scanned the shards one after the
# other, not at once).
setting=
# in_coordinator SQL...: each SQL, after $setting.
in_coordinator() {
    if [ -n "$setting" ]; then coordinator -c "$setting" "$@"; else coordinator "$@"; fi
}
# shape NAME SQL: EXPLAIN VERBOSE of SQL into $work/NAME.plan (and the kept plans, after the
# setting if any).
shape() {
    in_coordinator -c "EXPLAIN (VERBOSE, COSTS OFF) $2" > "$work/$1.plan"
    { echo "-- $1"; [ -z "$setting" ] || echo "$setting;"; echo "$2;"; cat "$work/$1.plan"; echo; } \
        >> "$plans"
}
# on_shards NAME FUNCTION: the function is in both shards' Remote SQL.
on_shards() {
    [ "$(grep -c "Remote SQL: .*public\.$2(" "$work/$1.plan")" -eq 2 ]
}
# same NAME SQL: the query (on the coordinator, with the shards) returns no row: it is a
# difference between the shards' answers and batch mode's, both ways. Its count is printed.
same() {
    in_coordinator -c "$2" > "$work/$1.diff"
    [ ! -s "$work/$1.diff" ]
}

# filtered NAME FUNCTION QUERY BATCH_QUERY: QUERY, a list of ids filtered on an answer, sends
# FUNCTION to both shards, and gives the ids BATCH_QUERY gives, more than a thousand.
filtered() {
    shape "$1" "$3"
    if on_shards "$1" "$2" && same "$1" "($3 EXCEPT $4) UNION ALL ($4 EXCEPT $3)" &&
       [ "$(coordinator -c "SELECT count(*) FROM ($3) x")" -gt 1000 ]; then pass; else
        fail "$1: $(head -3 2>/dev/null "$work/$1.diff")"; cat "$work/$1.plan"; fi
}

# 1. Late claims: a filter on a boolean answer.
filtered late ramq2018_hors_delai "SELECT id FROM claims WHERE ramq2018_hors_delai($inputs)" \
    "SELECT id FROM batch WHERE (answer -> 'hors_delai')::boolean"
# 2. Claims routed to one channel: a typed answer compared with a text constant.
filtered routed ramq2018_canal "SELECT id FROM claims WHERE ramq2018_canal($inputs) = 'ancien_systeme'" \
    "SELECT id FROM batch WHERE answer ->> 'canal' = 'ancien_systeme'"

# How many: the same filter under a count, the count made of what the shards send.
late_count="SELECT count(*) FROM claims WHERE ramq2018_hors_delai($inputs)"
shape late_count "$late_count"
if on_shards late_count ramq2018_hors_delai &&
   [ "$(coordinator -c "$late_count")" = \
     "$(coordinator -c "SELECT count(*) FROM batch WHERE (answer -> 'hors_delai')::boolean")" ]; then
    pass; else fail "how many late claims"; cat "$work/late_count.plan"; fi
# The JSON answer filtered by containment (@>, jsonb with jsonb): sent too.
filtered routed_contains ramq2018 \
    "SELECT id FROM claims WHERE ramq2018($inputs) @> '{\"canal\": \"ancien_systeme\"}'" \
    "SELECT id FROM batch WHERE answer ->> 'canal' = 'ancien_systeme'"

# ... but not through jsonb's ->>: with a text constant, it stays on the coordinator (the
# constant's collation is not a foreign column's), which fetches every row to decide it.
shape routed_jsonb "SELECT id FROM claims WHERE ramq2018($inputs) ->> 'canal' = 'ancien_systeme'"
if ! grep -q 'Remote SQL: .*ramq2018' "$work/routed_jsonb.plan" &&
   [ "$(grep -c '^ *Filter: ((ramq2018(' "$work/routed_jsonb.plan")" -eq 2 ]; then pass; else
    fail "the jsonb filter's plan is not the one README.md shows"; cat "$work/routed_jsonb.plan"; fi

# 3. Count by channel: grouped in each shard, merged on the coordinator.
by_channel="SELECT canal, sum(n) AS n FROM (
    SELECT ramq2018_canal($inputs) AS canal, count(*) AS n FROM claims_0 GROUP BY 1
    UNION ALL
    SELECT ramq2018_canal($inputs), count(*) FROM claims_1 GROUP BY 1) per_shard
GROUP BY canal"
shape by_channel "$by_channel"
batch_by_channel="SELECT answer ->> 'canal', count(*) FROM batch GROUP BY 1"
if on_shards by_channel ramq2018_canal &&
   [ "$(grep -c 'Remote SQL: .* GROUP BY 1$' "$work/by_channel.plan")" -eq 2 ] &&
   same by_channel "($by_channel EXCEPT $batch_by_channel) UNION ALL ($batch_by_channel EXCEPT $by_channel)" &&
   [ "$(coordinator -c "SELECT count(*) FROM ($by_channel) x")" -ge 8 ]; then pass; else
    fail "count by channel: $(head -3 2>/dev/null "$work/by_channel.diff")"; cat "$work/by_channel.plan"; fi

# ... whereas GROUP BY on the partitioned table, even with enable_partitionwise_aggregate,
# aggregates partially on the coordinator over every row the shards send (PostgreSQL 15's
# postgres_fdw sends no partial aggregate).
setting="SET enable_partitionwise_aggregate = on"
shape by_channel_parent "SELECT ramq2018_canal($inputs), count(*) FROM claims GROUP BY 1"
if ! grep -q 'Remote SQL: .*ramq2018' "$work/by_channel_parent.plan" &&
   grep -q 'Partial HashAggregate' "$work/by_channel_parent.plan"; then pass; else
    fail "GROUP BY on the parent's plan is not the one README.md shows"; cat "$work/by_channel_parent.plan"; fi

# 4. The answers of a date range. A select list is computed on the coordinator (postgres_fdw
# sends a base table's columns, not expressions over them) ...
range="date_service BETWEEN '2018-01-01' AND '2018-03-31'"
listed="SELECT id, ramq2018($inputs) AS answer FROM claims WHERE $range"
setting=
shape listed "$listed"
batch_listed="SELECT b.id, b.answer FROM batch b JOIN claims c USING (id) WHERE c.$range"
if ! grep -q 'Remote SQL: .*ramq2018' "$work/listed.plan" &&
   [ "$(grep -c "Remote SQL: .*WHERE ((date_service >= '2018-01-01')) AND ((date_service <= '2018-03-31'))$" "$work/listed.plan")" -eq 2 ] &&
   same listed "($listed EXCEPT $batch_listed) UNION ALL ($batch_listed EXCEPT $listed)"; then pass; else
    fail "answers of a date range, on the coordinator: $(head -3 2>/dev/null "$work/listed.diff")"; cat "$work/listed.plan"; fi
# ... unless the query groups by the partition key (and the inputs): each partition's
# aggregate, grouping nothing since id is unique, runs whole on its shard.
listed_on_shards="SELECT id, ramq2018($inputs) AS answer FROM claims WHERE $range GROUP BY id, $inputs"
setting="SET enable_partitionwise_aggregate = on"
shape listed_on_shards "$listed_on_shards"
if on_shards listed_on_shards ramq2018 &&
   same listed_on_shards "SELECT id, answer FROM ($listed_on_shards) x EXCEPT $batch_listed
                          UNION ALL ($batch_listed EXCEPT SELECT id, answer FROM ($listed_on_shards) x)" &&
   [ "$(coordinator -c "SELECT count(*) FROM ($listed_on_shards) x")" -gt 1000 ]; then pass; else
    fail "answers of a date range, on the shards: $(head -3 2>/dev/null "$work/listed_on_shards.diff")"; cat "$work/listed_on_shards.plan"; fi

setting=
# Every claim's answer from the typed functions, decided on its shard and counted there, by
# answer: the counts batch mode's answers give.
typed="SELECT ramq2018_outcome($inputs) AS outcome, ramq2018_rule($inputs) AS rule,
       ramq2018_canal($inputs) AS canal, ramq2018_echeance($inputs) AS echeance,
       ramq2018_hors_delai($inputs) AS hors_delai, ramq2018_error($inputs) AS error, count(*) AS n
FROM claims_SHARD GROUP BY 1, 2, 3, 4, 5, 6"
typed_all="SELECT outcome, rule, canal, echeance, hors_delai, error, sum(n) FROM (
$(echo "$typed" | sed 's/SHARD/0/') UNION ALL $(echo "$typed" | sed 's/SHARD/1/')) per_shard
GROUP BY 1, 2, 3, 4, 5, 6"
shape typed "$typed_all"
batch_typed="SELECT answer ->> 'outcome', answer ->> 'rule', answer ->> 'canal',
             (answer ->> 'echeance')::date, (answer -> 'hors_delai')::boolean, answer ->> 'error',
             count(*) FROM batch GROUP BY 1, 2, 3, 4, 5, 6"
if [ "$(grep -c 'Remote SQL: SELECT public.ramq2018_outcome(.*public.ramq2018_error(.*GROUP BY 1, 2, 3, 4, 5, 6$' "$work/typed.plan")" -eq 2 ] &&
   same typed "($typed_all EXCEPT $batch_typed) UNION ALL ($batch_typed EXCEPT $typed_all)" &&
   [ "$(coordinator -c "SELECT count(*) FROM ($typed_all) x")" -gt 100 ]; then pass; else
    fail "typed functions on the shards: $(head -3 2>/dev/null "$work/typed.diff")"; cat "$work/typed.plan"; fi

# The plans are the ones README.md shows (excerpts of tests/sharded/plans.txt). UPDATE=1
# takes the servers' plans as the expected ones, after a change meant to change them.
if [ "${UPDATE:-}" = 1 ]; then cp "$plans" tests/sharded/plans.txt; fi
if cmp -s "$plans" tests/sharded/plans.txt; then pass; else
    fail "the plans differ from tests/sharded/plans.txt (UPDATE=1 make sharded-test takes them):"
    diff tests/sharded/plans.txt "$plans" | head -20; fi

if [ -z "$(pg_errors "$work/coordinator")" ]; then pass; else
    fail "psql wrote on stderr: $(pg_errors "$work/coordinator" | head -5)"; fi
for s in $servers; do
    grep -a 'ERROR\|PANIC\|server process .* terminated' "$work/$s/server.log" > "$work/$s.errors"
    if [ ! -s "$work/$s.errors" ]; then pass; else fail "$s's log: $(head -3 2>/dev/null "$work/$s.errors")"; fi
done
finish sharded "($rows claims on 2 shards; plans: $plans)"
