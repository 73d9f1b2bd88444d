#!/bin/sh
# tests/editors.sh — the editor files under editors/: the TextMate grammar (VS Code) tokenizes
# rule files through vscode-textmate and vscode-oniguruma, installed from npm at the versions
# tests/editors/package-lock.json pins, and every character's scope is checked
# (tests/editors/tokenize.js); vim detects the file type and colours keywords, strings, dates
# and comments. Part of rulec; see README.md for the licence.
# usage: tests/editors.sh      (make editors-test)
. tests/lib.sh

if ! (cd tests/editors && npm ci --no-audit --no-fund > npm.log 2>&1); then
    echo "FAIL npm ci in tests/editors: $(tail -3 tests/editors/npm.log)"
    exit 1
fi
if node tests/editors/tokenize.js rules/ramq2018.rules tests/table/petite.rules \
        tests/table/petite_fr.rules tests/cases/*.rules; then pass; else fail "TextMate grammar"; fi

# vim, with nothing but editors/vim on its runtime path: the syntax group under known words.
cat > "$work/probe.vim" <<'VIM'
" Each word is looked for from the policy's first line on: the header comment names keywords.
function! s:At(pattern) abort
  call cursor(a:pattern ==# '^#' ? 1 : search('^politique', 'nw'), 1)
  let [l, c] = searchpos(a:pattern, 'cW')
  return l == 0 ? 'absent' : synIDattr(synID(l, c, 1), 'name')
endfunction
let s:out = ['filetype ' . &filetype]
for s:p in ['^#', '^politique', '"RAMQ', '\<2018-04-01\>', '\<quand\>', '^  quand .* \zset ', '\<énum\>', '\<non_précisé\>', '\<vrai\>', '^  quand \zsdemande']
  call add(s:out, s:p . ' ' . s:At(s:p))
endfor
call writefile(s:out, $PROBE_OUT)
qall!
VIM
PROBE_OUT=$work/probe.out vim -N -u NONE -i NONE -n -Es \
    --cmd 'set runtimepath^=editors/vim' --cmd 'filetype on' --cmd 'syntax on' \
    -c "source $work/probe.vim" rules/ramq2018.rules < /dev/null > /dev/null 2>&1
cat > "$work/probe.expected" <<'EOF2'
filetype rules
^# rulesComment
^politique rulesDeclaration
"RAMQ rulesString
\<2018-04-01\> rulesDate
\<quand\> rulesKeyword
^  quand .* \zset  rulesOperator
\<énum\> rulesType
\<non_précisé\> rulesConstant
\<vrai\> rulesConstant
^  quand \zsdemande 
EOF2
if cmp -s "$work/probe.out" "$work/probe.expected"; then pass; else
    fail "vim syntax"; diff "$work/probe.expected" "$work/probe.out"; fi

finish editors
