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
i=0
while [ $i -lt "$reps" ]; do
    sqlite_run "SELECT ramq2018($columns) FROM claims" "$work/sqlite.decide"
    sqlite_run "SELECT $columns FROM claims" "$work/sqlite.scan"
    i=$((i + 1))
done
echo "sqlite_decide_s=$(median < "$work/sqlite.decide")"
echo "sqlite_scan_s=$(median < "$work/sqlite.scan")"
echo "sqlite_version=$(sqlite3 --version | cut -d' ' -f1)"

# PostgreSQL: a server of our own; one process (no parallel workers) for the ratio, then the
# same SELECT with two workers. The scan reads the same seven columns of every row (the row
# test looks at each) and decides nothing.
. tests/pg_server.sh
if ! pg_extension_installed "$build" 2> "$work/pg.err"; then
    echo "postgres_skipped=$(cat "$work/pg.err")"
    rm -rf "$work"
    exit 0
fi
trap 'pg_stop "$work/pg"; rm -rf "$work"' EXIT
mkdir "$work/pg"
pg_start "$work/pg" -c shared_buffers=256MB || { echo "postgres_skipped=the server did not start"; exit 0; }
cp "$claims" "$work/pg/claims.csv" && chmod 644 "$work/pg/claims.csv"
pg_psql "$work/pg" <<SQL
CREATE EXTENSION ramq2018;
CREATE TABLE claims (id bigint, demande text, profession text, date_service date,
                     date_demande date, systeme_initial text, acces_ancien_systeme boolean,
                     date_etat_compte date);
\\copy claims FROM '$work/pg/claims.csv' WITH (FORMAT csv, HEADER true)
VACUUM ANALYZE claims;
SQL
if [ -n "$(pg_errors "$work/pg")" ]; then
    echo "postgres_skipped=psql: $(pg_errors "$work/pg" | head -1)"
    exit 0
fi
# \timing's figure: the query in the server, without connecting.
pg_time() {
    pg_psql "$work/pg" -c "SET max_parallel_workers_per_gather = $2" -c '\timing on' -c "$1" |
        sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ printf "%.3f\n", $1 / 1000 }' >> "$3"
}
i=0
while [ $i -lt "$reps" ]; do
    pg_time "SELECT count($columns_decide) FROM claims" 0 "$work/pg.decide"
    pg_time "SELECT count(*) FROM claims WHERE ROW($columns) IS NOT NULL" 0 "$work/pg.scan"
    pg_time "SELECT count($columns_decide) FROM claims" 2 "$work/pg.parallel"
    i=$((i + 1))
done
echo "postgres_decide_s=$(median < "$work/pg.decide")"
echo "postgres_scan_s=$(median < "$work/pg.scan")"
echo "postgres_parallel_s=$(median < "$work/pg.parallel")"
echo "postgres_version=$(pg_config --version | cut -d' ' -f2)"
