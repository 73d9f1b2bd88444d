# tests/lib.sh — what the shell test suites share: the scratch directory, the counts, the summary.
# Part of rulec; see README.md for the licence.
# Sourced first by each suite, from the top directory (`. tests/lib.sh`): set -u; $work, a new
# directory removed on exit (a suite that sets its own trap removes it there); and
#   pass                 one check passed
#   fail MESSAGE         one check failed: prints "FAIL ${fail_prefix}MESSAGE"
#   finish NAME [NOTE]   prints "NAME: N passed, M failed[ NOTE]", the line other tools read;
#                        true when none failed, so that as a suite's last command it is the
#                        suite's exit status
set -u
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
fail_prefix=
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $fail_prefix$1"; failed=$((failed + 1)); }
finish() {
    echo "$1: $passed passed, $failed failed${2:+ $2}"
    [ "$failed" -eq 0 ]
}
