#!/bin/sh
# tests/limits.sh — hostile rule files: each documented limit gives its message, and nothing
# crashes, hangs or fills the disk. The files are generated here (some are megabytes); each
# case compares the exit status and the exact head (and tail) of what rulec writes.
# Part of rulec; see README.md for the licence.
# usage: tests/limits.sh RULEC PROGRAM
. tests/lib.sh
top=$(pwd)
rulec=$top/$1
program=$top/$2
cd "$work" || exit 1
nl='
'

# case NAME WANT_EXIT STREAM WANT_HEAD [WANT_TAIL] -- COMMAND...: STREAM (out or err) must
# begin with WANT_HEAD and end with WANT_TAIL (both exact, "" for no check). Every command
# runs under a 60 s timeout: a hang is a failure, not a stuck CI.
case_() {
    name=$1 want_exit=$2 stream=$3 want_head=$4 want_tail=$5
    shift 6
    timeout 60 "$@" > out 2> err
    got_exit=$?
    ok=1
    [ "$got_exit" = "$want_exit" ] || { echo "FAIL $name: exit $got_exit, want $want_exit"; ok=0; }
    printf '%s' "$want_head" > want
    head -c "$(wc -c < want)" "$stream" > got
    cmp -s want got || { echo "FAIL $name: $stream begins"; head -c 600 "$stream"; echo; ok=0; }
    if [ -n "$want_tail" ]; then
        printf '%s' "$want_tail" > want
        tail -c "$(wc -c < want)" "$stream" > got
        cmp -s want got || { echo "FAIL $name: $stream ends"; tail -c 300 "$stream"; echo; ok=0; }
    fi
    if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

head_() {
    printf 'policy h "H"\nsource s "S"\ninput n "N" : int\ninput d "D" : date\ninput f "F" : bool\n'
    printf 'output o "O" : enum { x "X", y "Y" }\n'
}
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
ok_check="h.rules: politique h : "

# Long chains do not nest: no stack overflow (each once overflowed it), in linear time.
{ head_; printf 'rule r cites s "1" when f'; repeat 100000 ' and f'; printf ' then o = x\n'
  printf 'rule q cites s "1" when not f then o = y\n'; } > h.rules
case_ "100,000-term and chain" 0 out "$ok_check" "" -- "$rulec" check h.rules
{ head_; printf 'rule r cites s "1" when not f'; repeat 100000 ' or not f'; printf ' then o = x\n'
  printf 'rule q cites s "1" when f then o = y\n'; } > h.rules
case_ "100,000-term or chain" 0 out "$ok_check" "" -- "$rulec" check h.rules
{ head_; printf 'let l = n'; repeat 100000 ' + 1'; printf '\n'
  printf 'rule r cites s "1" when l > 5 then o = x\nrule q cites s "1" when l <= 5 then o = y\n'; } > h.rules
case_ "100,000-term let" 0 out "$ok_check" "" -- "$rulec" check h.rules

# A list of 100,000 codes is one test over merged ranges: linear memory, not quadratic.
codes=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%s%d", (i ? ", " : ""), i * 3 }')
{ head_; printf 'rule r cites s "1" when n in { %s } then o = x\n' "$codes"
  printf 'rule q cites s "1" when not (n in { %s }) then o = y\n' "$codes"; } > h.rules
case_ "100,000-value in list on an integer" 0 out "$ok_check" "" -- "$rulec" check h.rules
dates=$(awk 'BEGIN { for (y = 1100; y < 9999; y++) for (m = 1; m <= 3; m++) printf "%s%04d-%02d-15", (y > 1100 || m > 1 ? ", " : ""), y, m }')
{ head_; printf 'rule r cites s "1" when d in { %s } then o = x\n' "$dates"
  printf 'rule q cites s "1" when not (d in { %s }) then o = y\n' "$dates"; } > h.rules
case_ "26,697-value in list on a date" 0 out "$ok_check" "" -- "$rulec" check h.rules

# A chain of 30,000 exceptions, each applying where the one before does: once k^4, then
# 13 s and 2.7 GB while each region kept every rule applying there (now its winners only),
# within 300 MB of address space here (AddressSanitizer reserves terabytes for its shadow:
# no limit there).
{ head_; printf 'rule r0 cites s "1" then o = x\n'
  awk 'BEGIN { for (i = 1; i < 30000; i++) printf "rule r%d exception to r%d cites s \"1\" when n > %d then o = %s\n", i, i - 1, i, (i % 2 ? "y" : "x") }'; } > h.rules
case $rulec in */sanitize-address/*) limit=unlimited ;; *) limit=300000 ;; esac
case_ "30,000 chained exceptions" 0 out "$ok_check" "" -- sh -c "ulimit -v $limit; exec \"\$0\" check h.rules" "$rulec"

# A 100,000-member enumeration is refused at once (the member check stops at the limit).
{ printf 'policy h "H"\nsource s "S"\ninput e "E" : enum {'; repeat 1 ' m0'
  awk 'BEGIN { for (i = 1; i < 100000; i++) printf ", m%d", i }'
  printf ' }\noutput o "O" : enum { x "X" }\nrule r cites s "1" when e = m70 then o = x\n'; } > h.rules
case_ "100,000-member enumeration" 1 err \
    "h.rules:3:15: error: 100000 éléments : une énumération en a au plus 64$nl" "${nl}1 erreur$nl" -- "$rulec" check h.rules
# Past the limits, no shift past 64 bits (UBSan checks it in CI).
{ printf 'policy h "H"\nsource s "S"\ninput e "E" : enum {'; awk 'BEGIN { for (i = 0; i < 65; i++) printf "%s m%d", (i ? "," : ""), i }'
  printf ' }\noutput o "O" : enum { x "X", y "Y" }\nrule r cites s "1" when e = m64 then o = x\n'
  printf 'rule q cites s "1" when e != m64 then o = y\n'; } > h.rules
case_ "65-member enumeration" 1 err "h.rules:3:15: error: 65 éléments : une énumération en a au plus 64$nl" \
    "${nl}1 erreur$nl" -- "$rulec" check h.rules
{ printf 'policy h "H"\nsource s "S"\ninput f "F" : bool\noutput o "O" : set {'
  awk 'BEGIN { for (i = 0; i < 33; i++) printf "%s m%d", (i ? "," : ""), i }'
  printf ' }\nrule r cites s "1" when f then o = { m32 }\nrule q cites s "1" when not f then o = { m0 }\n'; } > h.rules
case_ "33-flag set" 1 err "h.rules:4:16: error: 33 éléments : un ensemble en a au plus 32$nl" \
    "${nl}1 erreur$nl" -- "$rulec" check h.rules

# Nesting is bounded by the parser, with a message (bison said "memory exhausted").
{ head_; printf 'rule r cites s "1" when '; repeat 100000 '('; printf 'f'; repeat 100000 ')'
  printf ' then o = x\n'; } > h.rules
case_ "100,000-deep parentheses" 1 err \
    "h.rules:7:1014: error: imbrication trop profonde : la limite (960 parenthèses ou 'not' imbriqués, moins quand des 'and' et 'or' s'y mêlent) est atteinte ici ; nommez des parties de la condition avec 'condition'$nl" \
    "${nl}1 erreur$nl" -- "$rulec" check h.rules
{ head_; printf 'rule r cites s "1" when '; repeat 960 '('; printf 'f'; repeat 960 ')'
  printf ' then o = x\nrule q cites s "1" when not f then o = y\n'; } > h.rules
case_ "960-deep parentheses" 0 out "$ok_check" "" -- "$rulec" check h.rules

# Diagnostics stop showing after 50 errors, and a long line is shown around the caret.
{ head_; repeat 10000 '?'; printf '\n'; } > h.rules
case_ "10,000 bad characters on one line" 1 err \
    "h.rules:7:1: error: caractère inattendu '?'$nl  $(repeat 100 '?')…$nl  ^$nl" \
    "h.rules: note: plus de 50 erreurs : les suivantes ne sont pas montrées${nl}10000 erreurs$nl" -- "$rulec" check h.rules
[ "$(wc -c < err)" -lt 20000 ] || { echo "FAIL 10,000 bad characters: $(wc -c < err) bytes of messages"; failed=$((failed + 1)); }

# Dates: the years 1000 to 9999, in the rule file and in what an answer computes.
{ head_; printf 'rule r cites s "1" when d < 0001-01-01 then o = x\nrule q cites s "1" when d >= 2018-01-01 then o = y\n'; } > h.rules
case_ "year 0001" 1 err "h.rules:7:29: error: 0001-01-01 : les dates vont de l'an 1000 à l'an 9999$nl" "" -- "$rulec" check h.rules
{ head_; printf 'output e "E" : date\nrule r cites s "1" when f then o = x, e = d + 1073741823 days\n'
  printf 'rule q cites s "1" when not f then o = y\n'; } > h.rules
case_ "a shift past every date" 1 err \
    "h.rules:8:43: error: un décalage de 1073741823 jours sort de toute date : les dates vont de l'an 1000 à l'an 9999, soit au plus 3287181 jours d'écart$nl" \
    "" -- "$rulec" check h.rules
case_ "a deadline after 9999-12-31" 2 err \
    "ramq2018: date_service : avec 9999-12-31, une date de la décision sortirait des années 1000 à 9999$nl" "" -- \
    "$program" --json demande=facturer profession=dentiste date_service=9999-12-31 date_demande=9999-12-31 acces_ancien_systeme=false

# Names: what the generated C can hold.
long=$(repeat 300 m)
{ printf 'policy h "H"\nsource s "S"\ninput e "E" : enum { %s, b }\noutput o "O" : enum { x "X", y "Y" }\n' "$long"
  printf 'rule r cites s "1" when e = b then o = x\nrule q cites s "1" when e = %s then o = y\n' "$long"; } > h.rules
case_ "a 300-character member" 1 err \
    "h.rules:3:7: error: l'élément '$(repeat 40 m)…' de l'entrée 'e' a un nom de 300 caractères : il devient un identificateur C, qui en a au plus 63$nl" \
    "" -- "$rulec" check h.rules
{ printf 'policy %s "H"\nsource s "S"\ninput f "F" : bool\noutput o "O" : enum { x "X", y "Y" }\n' "$(repeat 100 p)"
  printf 'rule r cites s "1" when f then o = x\nrule q cites s "1" when not f then o = y\n'; } > h.rules
case_ "a 100-character policy name" 1 err \
    "h.rules:1:8: error: la politique a un nom de 100 caractères : il devient un identificateur C, qui en a au plus 63$nl" \
    "" -- "$rulec" check h.rules
{ printf 'policy string "H"\nsource s "S"\ninput f "F" : bool\noutput o "O" : enum { x "X", y "Y" }\n'
  printf 'rule r cites s "1" when f then o = x\nrule q cites s "1" when not f then o = y\n'; } > h.rules
case_ "a policy named string" 1 err \
    "h.rules:1:8: error: une politique nommée 'string' écrirait string.h, qui cacherait l'en-tête du même nom (C ou runtime) : choisissez un autre nom$nl" \
    "" -- "$rulec" check h.rules

# Out of memory is an error returned, not an exit from inside the library (not under a
# sanitizer, whose shadow memory needs far more address space than any limit here).
case $1 in
*sanitize*) ;;
*)
    # 40,000 rules need about 70 MB (10,000, once enough, now fit in 30).
    "$top/$(dirname "$1")/polygen" 40000 > h.rules
    case_ "out of memory" 3 err "h.rules: error: mémoire épuisée pendant la compilation$nl" "" -- \
        sh -c 'ulimit -v 30000 && exec "$0" check h.rules' "$rulec"
    ;;
esac

finish limits
