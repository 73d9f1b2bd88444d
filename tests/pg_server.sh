# tests/pg_server.sh — sourced by tests/postgres.sh and bench/databases.sh: a throwaway
# PostgreSQL server in a directory, on a Unix socket only (no TCP port), run as the postgres
# user when we are root (the server refuses root). Part of rulec; see README.md for the licence.
#   pg_start DIR [server options]   initdb and start; DIR must be new and empty
#   pg_psql DIR [psql arguments]    psql as the superuser rulec, stopping at the first error;
#                                   its stderr goes to DIR/psql.err, never among the results
#   pg_psql_in DIR DATABASE ERR [psql arguments]
#                                   the same in another database, stderr appended to ERR
#   pg_stop DIR                     stop at once (the data is thrown away)
#   pg_sharded_sql PARENT COLUMNS DIR0 DIR1
#                                   on stdout, the SQL that makes PARENT (COLUMNS) a table
#                                   hash-partitioned on id over the servers in DIR0 and DIR1,
#                                   each holding its part in a table claims with the extension
#                                   (tests/sharded.sh, bench/databases.sh)
pg_bin=$(pg_config --bindir)

# From /, which every user may enter: the checkout may sit where the postgres user cannot (a
# clone under /root or in a mode-700 mktemp folder), and psql and pg_ctl then warn on stderr
# that they cannot change into it. Every path given is absolute.
pg_as_user() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_start() {
    pg_dir=$1
    shift
    chmod 755 "$pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
    # UTF8 whatever the environment's locale: in a C or POSIX one, initdb would make the
    # databases SQL_ASCII, where the extension refuses to be created (src/ext/postgres.c).
    pg_as_user "$pg_bin/initdb" -D "$pg_dir/data" -U rulec --auth=trust --no-sync \
        --encoding=UTF8 --locale=C \
        > "$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; return 1; }
    pg_as_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
        -o "-c listen_addresses='' -k $pg_dir -c fsync=off $*" start > /dev/null ||
        { cat "$pg_dir/server.log" >&2; return 1; }
}

pg_psql() {
    pg_dir=$1
    shift
    pg_psql_in "$pg_dir" postgres "$pg_dir/psql.err" "$@"
}

pg_psql_in() {
    pg_dir=$1
    pg_database=$2
    pg_err=$3
    shift 3
    pg_as_user "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U rulec -d "$pg_database" \
        "$@" 2>> "$pg_err"
}

# The foreign servers name the extension, so that postgres_fdw sends its immutable functions
# to the shards; async_capable lets the coordinator wait on both shards at once; batch_size
# sends the rows of an INSERT a thousand at a time.
pg_sharded_sql() {
    cat <<SQL
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard0 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '$3', dbname 'postgres', extensions 'ramq2018', async_capable 'true', batch_size '1000');
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '$4', dbname 'postgres', extensions 'ramq2018', async_capable 'true', batch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard0 OPTIONS (user 'rulec');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'rulec');
CREATE TABLE $1 $2 PARTITION BY HASH (id);
CREATE FOREIGN TABLE ${1}_0 PARTITION OF $1 FOR VALUES WITH (MODULUS 2, REMAINDER 0)
    SERVER shard0 OPTIONS (table_name 'claims');
CREATE FOREIGN TABLE ${1}_1 PARTITION OF $1 FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    SERVER shard1 OPTIONS (table_name 'claims');
SQL
}

# What psql wrote on stderr since the server started (warnings, errors), or nothing.
pg_errors() {
    cat "$1/psql.err" 2>/dev/null
}

pg_stop() {
    pg_as_user "$pg_bin/pg_ctl" -D "$1/data" -m immediate stop > /dev/null 2>&1
}

# The extension must be in the server's directories for CREATE EXTENSION: installed as root
# (make postgres-install), else the command to run is printed and this fails.
pg_extension_installed() {
    pg_build=$1
    pg_version=$(sed -n 's/^#define RULEC_VERSION "\(.*\)"$/\1/p' include/rulec/rulec.h)
    if cmp -s "$pg_build/postgres/ramq2018--$pg_version.sql" \
              "$(pg_config --sharedir)/extension/ramq2018--$pg_version.sql" &&
       cmp -s "$pg_build/postgres/ramq2018.so" "$(pg_config --pkglibdir)/ramq2018.so"; then
        return 0
    fi
    if [ "$(id -u)" = 0 ]; then
        make -s --no-print-directory postgres-install > /dev/null && return 0
        echo "make postgres-install failed" >&2
        return 1
    fi
    echo "the extension is not installed in the server's directories; run: sudo make postgres-install" >&2
    return 1
}
