#!/bin/sh
# bench/databases.sh — run by bench/run.sh: the policy's SQL function over a table of claims,
# against a query that reads the same columns and decides nothing, in SQLite and PostgreSQL.
# Each side is timed alternately, the median kept; prints key=value lines.
# usage: bench/databases.sh BUILD CLAIMS.csv REPS      Part of rulec; see README.md.
set -u
build=$1
claims=$2
reps=$3
work=$(mktemp -d)
chmod 755 "$work"   # the PostgreSQL server, as postgres, reads below it
columns="profession, demande, date_service, date_demande, systeme_initial, acces_ancien_systeme, date_etat_compte"
columns_decide="ramq2018($columns)"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'; }
rows=$(($(wc -l < "$claims") - 1))
echo "rows=$rows"

# SQLite: what an analyst runs, every row's answer written out (to /dev/null), against the same
# SELECT of the columns alone.
sqlite3 "$work/claims.db" ".import --csv $claims claims"
sqlite_run() {
    start=$(date +%s%N)
    sqlite3 "$work/claims.db" ".load $build/sqlite/ramq2018" ".output /dev/null" "$1"
    end=$(date +%s%N)
    seconds "$start" "$end" >> "$2"
}
# The typed function (ramq2018_canal) must give, on every row, the JSON answer's canal.
sqlite3 "$work/claims.db" ".load $build/sqlite/ramq2018" "SELECT count(*) FROM claims WHERE
    ramq2018_canal($columns) IS NOT ramq2018($columns) ->> '\$.canal'" > "$work/sqlite.differ"
echo "sqlite_typed_differ=$(cat "$work/sqlite.differ")"
i=0
while [ $i -lt "$reps" ]; do
    sqlite_run "SELECT ramq2018($columns) FROM claims" "$work/sqlite.decide"
    sqlite_run "SELECT ramq2018_canal($columns) FROM claims" "$work/sqlite.typed"
    sqlite_run "SELECT $columns FROM claims" "$work/sqlite.scan"
    i=$((i + 1))
done
echo "sqlite_decide_s=$(median < "$work/sqlite.decide")"
echo "sqlite_typed_s=$(median < "$work/sqlite.typed")"
echo "sqlite_scan_s=$(median < "$work/sqlite.scan")"
echo "sqlite_version=$(sqlite3 --version | cut -d' ' -f1)"

# PostgreSQL: a server of our own; one process (no parallel workers) for the ratios, then the
# same SELECT with two workers. The scan reads the same seven columns of every row (the row
# test looks at each) and decides nothing. Then the same rows hash-partitioned over two shard
# servers (postgres_fdw, as tests/sharded.sh), this server their coordinator.
. tests/pg_server.sh
if ! pg_extension_installed "$build" 2> "$work/pg.err"; then
    echo "postgres_skipped=$(cat "$work/pg.err")"
    rm -rf "$work"
    exit 0
fi
servers="pg shard0 shard1"
trap 'for s in $servers; do pg_stop "$work/$s"; done; rm -rf "$work"' EXIT
for s in $servers; do
    mkdir "$work/$s"
    pg_start "$work/$s" -c shared_buffers=256MB || { echo "postgres_skipped=the server $s did not start"; exit 0; }
done
cp "$claims" "$work/pg/claims.csv" && chmod 644 "$work/pg/claims.csv"
table="(id bigint, demande text, profession text, date_service date, date_demande date,
        systeme_initial text, acces_ancien_systeme boolean, date_etat_compte date)"
for s in shard0 shard1; do
    pg_psql "$work/$s" -c "CREATE EXTENSION ramq2018" -c "CREATE TABLE claims $table"
done
pg_psql "$work/pg" <<SQL
CREATE EXTENSION ramq2018;
CREATE TABLE claims $table;
\\copy claims FROM '$work/pg/claims.csv' WITH (FORMAT csv, HEADER true)
VACUUM ANALYZE claims;
$(pg_sharded_sql sharded "$table" "$work/shard0" "$work/shard1")
INSERT INTO sharded SELECT * FROM claims;
SQL
for s in shard0 shard1; do pg_psql "$work/$s" -c "VACUUM ANALYZE claims"; done
if [ -n "$(pg_errors "$work/pg")$(pg_errors "$work/shard0")$(pg_errors "$work/shard1")" ]; then
    echo "postgres_skipped=psql: $(pg_errors "$work/pg" | head -1)"
    exit 0
fi
# \timing's figure: the query in the server, without connecting.
pg_time() {
    pg_psql "$work/pg" -c "SET max_parallel_workers_per_gather = $2" -c '\timing on' -c "$1" |
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ printf "%.3f\n", $1 / 1000 }' >> "$3"
}
# Count by channel, as an analyst asks it: on one server, in one process; on the shards, each
# grouping its own rows (the form that runs there, README.md), merged here.
by_channel="SELECT ramq2018_canal($columns), count(*) FROM claims GROUP BY 1"
by_channel_sharded="SELECT canal, sum(n) FROM (
    SELECT ramq2018_canal($columns) AS canal, count(*) AS n FROM sharded_0 GROUP BY 1 UNION ALL
    SELECT ramq2018_canal($columns), count(*) FROM sharded_1 GROUP BY 1) per_shard GROUP BY 1"
routed="SELECT count(*) FROM claims WHERE ramq2018_canal($columns) = 'ancien_systeme'"
routed_sharded="SELECT count(*) FROM sharded WHERE ramq2018_canal($columns) = 'ancien_systeme'"
# The answers checked first: the typed function is the JSON's canal on every row, and the
# shards count what one server counts.
pg_psql "$work/pg" -At -c "SELECT count(*) FROM claims WHERE
    ramq2018_canal($columns) IS DISTINCT FROM ramq2018($columns) ->> 'canal'" > "$work/pg.differ"
echo "postgres_typed_differ=$(cat "$work/pg.differ")"
pg_psql "$work/pg" -At -c "($by_channel EXCEPT $by_channel_sharded) UNION ALL
    ($by_channel_sharded EXCEPT $by_channel) UNION ALL ($routed EXCEPT $routed_sharded)" > "$work/sharded.differ"
echo "sharded_differ=$(wc -l < "$work/sharded.differ")"
i=0
while [ $i -lt "$reps" ]; do
    pg_time "SELECT count($columns_decide) FROM claims" 0 "$work/pg.decide"
    pg_time "SELECT count(ramq2018_canal($columns)) FROM claims" 0 "$work/pg.typed"
    pg_time "SELECT count(*) FROM claims WHERE ROW($columns) IS NOT NULL" 0 "$work/pg.scan"
    pg_time "SELECT count($columns_decide) FROM claims" 2 "$work/pg.parallel"
    pg_time "$by_channel" 0 "$work/pg.by_channel"
    pg_time "$by_channel_sharded" 0 "$work/sharded.by_channel"
    pg_time "$routed" 0 "$work/pg.routed"
    pg_time "$routed_sharded" 0 "$work/sharded.routed"
    i=$((i + 1))
done
echo "postgres_decide_s=$(median < "$work/pg.decide")"
echo "postgres_typed_s=$(median < "$work/pg.typed")"
echo "postgres_scan_s=$(median < "$work/pg.scan")"
echo "postgres_parallel_s=$(median < "$work/pg.parallel")"
echo "postgres_by_channel_s=$(median < "$work/pg.by_channel")"
echo "sharded_by_channel_s=$(median < "$work/sharded.by_channel")"
echo "postgres_routed_s=$(median < "$work/pg.routed")"
echo "sharded_routed_s=$(median < "$work/sharded.routed")"
echo "postgres_version=$(pg_config --version | cut -d' ' -f2)"
