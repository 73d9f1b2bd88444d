#!/bin/sh
# bench/run.sh — `make bench`: rulec against the practical limit (the policy written by hand in
# C) and against two rule engines a user might pick instead, on the same claims. Every figure
# is a ratio of two medians measured in this run, after checking that both sides give the same
# answers. Prints a table and writes it to bench/RESULTS.md.
# usage: bench/run.sh BUILD_DIR      (environment: BENCH_CLAIMS, BENCH_ROWS, BENCH_CLIPS_CLAIMS,
#                                     BENCH_JRE_CLAIMS, BENCH_REPS to change the sizes)
# Part of rulec; see README.md for the licence.
set -u
build=$1
claims=${BENCH_CLAIMS:-10000000}
rows=${BENCH_ROWS:-1000000}
clips_claims=${BENCH_CLIPS_CLAIMS:-200000}
jre_claims=${BENCH_JRE_CLAIMS:-20000}
reps=${BENCH_REPS:-7}
cc=${CC:-cc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
get() { sed -n "s/^$1=//p" "$2" | head -1; }
fail() { echo "bench: $*" >&2; exit 1; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
ncpu=$(getconf _NPROCESSORS_ONLN)
echo "bench: $cpu, $ncpu CPUs; claims $claims, rows $rows, repetitions $reps"

# 1. Decisions per second: ramq2018_decide against the if-chain, same process, alternating.
echo "bench: decide_bench $claims $reps"
/usr/bin/time -f %M -o "$work/decide.rss" "$build/bench/decide_bench" "$claims" "$reps" > "$work/decide" ||
    fail "decide_bench failed: $(cat "$work/decide")"
rulec_ns=$(get rulec_ns "$work/decide")
ifchain_ns=$(get ifchain_ns "$work/decide")
decide_ratio=$(get ratio "$work/decide")
rules_reached=$(get rules_reached "$work/decide")

# 2. Batch: build/ramq2018 --batch against the hand-written program, on one CSV. Same bytes out.
echo "bench: batch, $rows rows"
"$build/bench/decide_bench" --csv "$rows" "$work/claims.csv" || fail "cannot write the CSV"
"$build/ramq2018" --batch < "$work/claims.csv" > "$work/rulec.out" 2>/dev/null
"$build/bench/batch_baseline" < "$work/claims.csv" > "$work/baseline.out" 2>/dev/null
cmp -s "$work/rulec.out" "$work/baseline.out" || fail "batch outputs differ: $(cmp "$work/rulec.out" "$work/baseline.out")"
batch_reps=5
i=0
# Wall time in nanoseconds around each run (time(1)'s own figure has 10 ms steps); time(1)
# inside gives the peak memory.
batch_run() {
    out=$1
    shift
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$@" < "$work/claims.csv" > /dev/null 2>&1
    end=$(date +%s%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -1 "$work/rss")" >> "$out"
}
while [ $i -lt $batch_reps ]; do
    batch_run "$work/batch.rulec" "$build/ramq2018" --batch
    batch_run "$work/batch.baseline" "$build/bench/batch_baseline"
    i=$((i + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# 3. Databases: the SQL function over the same rows, against a query reading the same columns.
echo "bench: SQLite and PostgreSQL, $rows rows"
bench/databases.sh "$build" "$work/claims.csv" "$batch_reps" > "$work/databases"
batch_rulec=$(cut -d' ' -f1 "$work/batch.rulec" | median)
batch_baseline=$(cut -d' ' -f1 "$work/batch.baseline" | median)
rss_batch_rulec=$(cut -d' ' -f2 "$work/batch.rulec" | sort -n | tail -1)
rss_batch_baseline=$(cut -d' ' -f2 "$work/batch.baseline" | sort -n | tail -1)
batch_ratio=$(awk -v a="$batch_rulec" -v b="$batch_baseline" 'BEGIN { printf "%.2f", a / b }')

# 3. CLIPS, through its C API.
clips_row="skipped"
if [ ! -f /usr/include/clips/clips.h ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: installing libclips-dev"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclips-dev) > "$work/apt" 2>&1 ||
        clips_row="skipped: apt-get install libclips-dev failed: $(tail -1 "$work/apt")"
fi
if [ ! -f /usr/include/clips/clips.h ]; then
    [ "$clips_row" = skipped ] && clips_row="skipped: libclips-dev is not installed (apt-get install libclips-dev, as root)"
elif ! $cc -std=gnu11 -O2 -Igen -Iinclude -Ibench bench/clips_bench.c gen/ramq2018.c src/runtime/decide.c \
        /usr/lib/libclips.a -lm -o "$work/clips_bench" 2> "$work/clips.cc"; then
    clips_row="skipped: clips_bench did not build: $(head -1 "$work/clips.cc")"
else
    echo "bench: clips_bench $clips_claims"
    if /usr/bin/time -f %M -o "$work/clips.rss" "$work/clips_bench" "$clips_claims" 5 > "$work/clips" 2> "$work/clips.err"; then
        clips_row=ok
        clips_ns=$(get clips_ns "$work/clips")
    else
        fail "CLIPS disagrees with rulec: $(cat "$work/clips.err")"
    fi
fi

# 4. json-rules-engine, with node.
jre_row="skipped"
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    jre_row="skipped: node and npm are not installed (apt-get install nodejs npm)"
elif [ ! -d bench/node_modules/json-rules-engine ] &&
     ! (cd bench && npm install --no-audit --no-fund > "$work/npm" 2>&1); then
    jre_row="skipped: npm install json-rules-engine failed: $(tail -1 "$work/npm")"
else
    echo "bench: json-rules-engine $jre_claims"
    "$build/bench/decide_bench" --dump "$jre_claims" "$work/claims.jsonl" &&
        "$build/bench/decide_bench" --answers "$jre_claims" "$work/answers.txt" || fail "cannot write claims"
    if /usr/bin/time -f %M -o "$work/jre.rss" node bench/jre_bench.js "$work/claims.jsonl" \
            "$work/answers.txt" 3 > "$work/jre" 2> "$work/jre.err"; then
        jre_row=ok
        jre_ns=$(get jre_ns "$work/jre")
        jre_version=$(get jre_version "$work/jre")
    else
        fail "json-rules-engine disagrees with rulec: $(cat "$work/jre.err")"
    fi
fi

size_of() { size "$1" | awk 'NR == 2 { print $1 + $2 }'; }
tables_bytes=$(size_of "$build/gen/ramq2018.o")
ifchain_bytes=$(size_of "$build/bench/ifchain.o")
yes_no() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == "le" ? v <= t : v >= t; print ok ? "yes" : "**no**" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

{
    echo "# Benchmarks"
    echo
    echo "Produced by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo "Machine: $cpu, $ncpu CPUs, shared and noisy: every figure is a ratio of two medians"
    echo "measured in the same run, after checking that both sides give the same answers."
    echo
    echo "| what | rulec | against | ratio | target | met |"
    echo "| --- | --- | --- | --- | --- | --- |"
    per_s() { awk -v n="$1" 'BEGIN { printf "%.1f M decisions/s", 1000 / n }'; }
    echo "| \`ramq2018_decide\`, $claims random claims reaching all $rules_reached rules, median of $reps | $rulec_ns ns/decision ($(per_s "$rulec_ns")) | hand-written if-chain (bench/ifchain.c): $ifchain_ns ns ($(per_s "$ifchain_ns")) | $decide_ratio | ≤ 1.0 | $(yes_no "$decide_ratio" 1.0 le) |"
    echo "| \`build/ramq2018 --batch\`, $rows-row CSV, median of $batch_reps | $batch_rulec s | hand-written CSV program (bench/batch_baseline.c): $batch_baseline s, same bytes out | $batch_ratio | ≤ 1.5 | $(yes_no "$batch_ratio" 1.5 le) |"
    if [ "$clips_row" = ok ]; then
        r=$(awk -v a="$clips_ns" -v b="$rulec_ns" 'BEGIN { printf "%.0f", a / b }')
        echo "| CLIPS 6.30 (C API), first $clips_claims of the same claims, median of 5 | $rulec_ns ns/decision | $clips_ns ns/decision | rulec ${r}× faster | ≥ 100× | $(yes_no "$r" 100 ge) |"
    else
        echo "| CLIPS | | $clips_row | | ≥ 100× | |"
    fi
    if [ "$jre_row" = ok ]; then
        r=$(awk -v a="$jre_ns" -v b="$rulec_ns" 'BEGIN { printf "%.0f", a / b }')
        echo "| json-rules-engine $jre_version (node $(node --version)), first $jre_claims claims, median of 3 | $rulec_ns ns/decision | $jre_ns ns/decision | rulec ${r}× faster | ≥ 1000× | $(yes_no "$r" 1000 ge) |"
    else
        echo "| json-rules-engine | | $jre_row | | ≥ 1000× | |"
    fi
    db_rows=$(get rows "$work/databases")
    sqlite_decide=$(get sqlite_decide_s "$work/databases")
    sqlite_scan=$(get sqlite_scan_s "$work/databases")
    r=$(awk -v a="$sqlite_decide" -v b="$sqlite_scan" 'BEGIN { printf "%.2f", a / b }')
    echo "| SQLite $(get sqlite_version "$work/databases"): \`SELECT ramq2018(…) FROM claims\`, $db_rows rows, each answer written out, median of $batch_reps | $sqlite_decide s | \`SELECT\` of the same 7 columns: $sqlite_scan s | $r | ≤ 2.0 | $(yes_no "$r" 2.0 le) |"
    sqlite_typed=$(get sqlite_typed_s "$work/databases")
    r=$(awk -v a="$sqlite_typed" -v b="$sqlite_scan" 'BEGIN { printf "%.2f", a / b }')
    echo "| SQLite: \`SELECT ramq2018_canal(…) FROM claims\` (the typed function; one column written where the scan writes seven), same rows, median of $batch_reps; its answer the JSON's canal on $(get sqlite_typed_differ "$work/databases" | sed 's/^0$/every row/') | $sqlite_typed s | \`SELECT\` of the same 7 columns: $sqlite_scan s | $r | ≤ 1.3 | $(yes_no "$r" 1.3 le) |"
    if [ -n "$(get postgres_decide_s "$work/databases")" ]; then
        pg_decide=$(get postgres_decide_s "$work/databases")
        pg_scan=$(get postgres_scan_s "$work/databases")
        pg_parallel=$(get postgres_parallel_s "$work/databases")
        r=$(awk -v a="$pg_decide" -v b="$pg_scan" 'BEGIN { printf "%.2f", a / b }')
        rate=$(awk -v n="$db_rows" -v s="$pg_decide" 'BEGIN { printf "%.0f k rows/s", n / s / 1000 }')
        echo "| PostgreSQL $(get postgres_version "$work/databases"): \`SELECT count(ramq2018(…)) FROM claims\`, $db_rows rows, one process, median of $batch_reps | $pg_decide s ($rate; 2 parallel workers: $pg_parallel s) | scan of the same 7 columns (\`WHERE ROW(…) IS NOT NULL\`): $pg_scan s | $r | reported | |"
        pg_typed=$(get postgres_typed_s "$work/databases")
        r=$(awk -v a="$pg_typed" -v b="$pg_scan" 'BEGIN { printf "%.2f", a / b }')
        echo "| PostgreSQL: \`SELECT count(ramq2018_canal(…)) FROM claims\` (the typed function), same rows, one process, median of $batch_reps; its answer the JSON's canal on $(get postgres_typed_differ "$work/databases" | sed 's/^0$/every row/') | $pg_typed s | the same scan: $pg_scan s | $r | ≤ 2.0 | $(yes_no "$r" 2.0 le) |"
        sharded_check=$(get sharded_differ "$work/databases" | sed 's/^0$/the same counts as one server/;s/^[1-9].*$/**other counts than one server**/')
        for query in by_channel routed; do
            one=$(get postgres_${query}_s "$work/databases")
            two=$(get sharded_${query}_s "$work/databases")
            r=$(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.2f", a / b }')
            case $query in
            by_channel) what="count by channel: each shard groups its rows (\`SELECT ramq2018_canal(…), count(*) FROM claims_N GROUP BY 1\`, sent whole), the coordinator adds" ;;
            routed) what="claims routed to one channel: \`SELECT count(*) FROM claims WHERE ramq2018_canal(…) = 'ancien_systeme'\`, the filter sent to each shard" ;;
            esac
            case $query in
            by_channel) against="one server, one process, the same counts on a plain table (\`SELECT ramq2018_canal(…), count(*) FROM claims GROUP BY 1\`)" ;;
            routed) against="one server, one process, the same query on a plain table" ;;
            esac
            echo "| PostgreSQL sharded (postgres_fdw, a coordinator and 2 shard servers on this machine, async): $what; $db_rows rows, median of $batch_reps, $sharded_check | $two s | $against: $one s | $r | reported | |"
        done
    else
        echo "| PostgreSQL | | $(get postgres_skipped "$work/databases") | | reported | |"
    fi
    echo
    if [ -n "$(get sharded_by_channel_s "$work/databases")" ]; then
        echo "Sharded rows: the coordinator and both shards share this machine's $ncpu CPUs, and the"
        echo "shards work at once (async foreign scans), so a ratio below 1 is what a second core"
        echo "gives, less what the coordinator spends sending queries and merging; it is not what"
        echo "shards on their own machines would show. What it does show is that the decision runs"
        echo "where the rows are (the plans, which tests/sharded.sh checks, are in tests/sharded/plans.txt)."
        echo
    fi
    echo "Peak memory (resident set, /usr/bin/time):"
    echo
    echo "| program | peak | note |"
    echo "| --- | --- | --- |"
    echo "| \`build/ramq2018 --batch\` | $(mb "$rss_batch_rulec") | streaming: the same for any number of rows |"
    echo "| bench/batch_baseline | $(mb "$rss_batch_baseline") | |"
    echo "| decide_bench (rulec and the if-chain) | $(mb "$(cat "$work/decide.rss")") | the $claims claims held in memory, $(get claim_bytes "$work/decide") bytes each |"
    [ "$clips_row" = ok ] && echo "| clips_bench | $(mb "$(cat "$work/clips.rss")") | $clips_claims claims held in memory, plus the CLIPS environment |"
    [ "$jre_row" = ok ] && echo "| node jre_bench.js | $(mb "$(cat "$work/jre.rss")") | $jre_claims claims held as objects, plus node |"
    echo "| code and tables, gen/ramq2018.o | $tables_bytes bytes | text + data; the if-chain's object: $ifchain_bytes bytes |"
    echo
    echo "A decision allocates nothing, in rulec and in the if-chain."
} > "$work/table"
cat "$work/table"
# Keep the scale section that make bench-scale wrote.
if [ -f bench/RESULTS.md ] && grep -q '^## Scale$' bench/RESULTS.md; then
    echo >> "$work/table"
    awk '/^## Scale$/ { keep = 1 } keep' bench/RESULTS.md >> "$work/table"
fi
cp "$work/table" bench/RESULTS.md
