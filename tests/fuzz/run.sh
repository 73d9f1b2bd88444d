#!/bin/sh
# tests/fuzz/run.sh — runs each libFuzzer harness for SECONDS on a corpus seeded from the
# repository, then prints what each did: executions, speed, coverage, findings.
# Part of rulec; see README.md for the licence.
# usage: tests/fuzz/run.sh SECONDS NAME...     (from the repository's top directory)
set -u
seconds=$1
shift
status=0
printf '| harness | seconds | executions | per second | coverage (edges) | features | findings |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for name in "$@"; do
    corpus=build/fuzz/corpus-$name
    mkdir -p "$corpus"
    tests/fuzz/seeds.sh "$name" "$corpus"
    dict=
    case $name in rules|audit) dict=-dict=tests/fuzz/rules.dict ;; esac
    [ "$name" = batch ] && dict=-dict=tests/fuzz/batch.dict
    log=build/fuzz/$name.log
    # shellcheck disable=SC2086
    build/fuzz/fuzz_"$name" $dict -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/"$name"- \
        "$corpus" > "$log" 2>&1
    result=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    findings=none
    if [ $result != 0 ]; then
        findings="FOUND: $(grep -m1 -E 'ERROR|runtime error|deadly signal' "$log") (see $log)"
        status=1
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$seconds" "${runs:-?}" "${speed:-?}" \
        "${cov:-?}" "${ft:-?}" "$findings"
done
exit $status
