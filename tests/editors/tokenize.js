// tests/editors/tokenize.js — tokenizes rule files with editors/vscode's TextMate grammar
// through vscode-textmate and vscode-oniguruma (what VS Code runs), and checks every character's
// scope against the rule language's own lexical structure: comments, strings, dates, numbers,
// and keywords, taken from the language's one list (grammar/keywords.tab) so that a keyword
// added there and not to the grammar fails here. Part of rulec; see README.md for the licence.
// usage: node tests/editors/tokenize.js FILE.rules...     (from the top directory)
'use strict';
const fs = require('fs');
const path = require('path');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const top = path.resolve(__dirname, '..', '..');
const grammarPath = path.join(top, 'editors', 'vscode', 'syntaxes', 'rules.tmLanguage.json');

// The keywords, both languages, from the language's list: "rule règle RULE" a line.
const table = fs.readFileSync(path.join(top, 'grammar', 'keywords.tab'), 'utf8');
const keywords = new Set();
for (const line of table.split('\n')) {
    const m = /^(\S+) (\S+) [A-Z_]+$/.exec(line);
    if (m) {
        keywords.add(m[1]);
        keywords.add(m[2]);
    }
}
if (keywords.size < 60) throw new Error(`only ${keywords.size} keywords read from grammar/keywords.tab`);

// What each character of a line is, by the language's lexical rules (grammar/lexer.l).
function expectedKinds(line) {
    const kinds = new Array(line.length).fill('other');
    const word = /[A-Za-z_\u00C0-\u00FF][A-Za-z0-9_\u00C0-\u00FF]*/y;
    const date = /[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])/y;
    const number = /[0-9]+/y;
    let i = 0;
    const mark = (from, to, kind) => { for (let k = from; k < to; k++) kinds[k] = kind; };
    while (i < line.length) {
        const c = line[i];
        if (c === '#') { mark(i, line.length, 'comment'); break; }
        if (c === '"') {
            let j = i + 1;
            while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
            j = Math.min(j + 1, line.length);
            mark(i, j, 'string');
            i = j;
            continue;
        }
        let matched = false;
        for (const [re, kind] of [[date, 'date'], [number, 'number'], [word, 'word']]) {
            re.lastIndex = i;
            const m = re.exec(line);
            if (m) {
                mark(i, i + m[0].length, kind === 'word' ? (keywords.has(m[0]) ? 'keyword' : 'name') : kind);
                i += m[0].length;
                matched = true;
                break;
            }
        }
        if (!matched) i++;   // punctuation and operators: 'other', not checked
    }
    return kinds;
}

// What the grammar says: the innermost scope that names a kind.
function kindOfScopes(scopes) {
    for (let k = scopes.length - 1; k >= 0; k--) {
        const s = scopes[k];
        if (s.startsWith('comment.')) return 'comment';
        if (s.startsWith('string.')) return 'string';
        if (s.startsWith('constant.numeric.date')) return 'date';
        if (s.startsWith('constant.numeric.integer')) return 'number';
        if (/^(keyword\.(other|control|operator\.logical)|storage\.type|constant\.language)\./.test(s)) return 'keyword';
        if (s.startsWith('constant.character.escape')) continue;
    }
    return null;
}

async function main() {
    const wasm = fs.readFileSync(path.join(__dirname, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName) => scopeName === 'source.rules'
            ? textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar('source.rules');
    let failures = 0, checked = 0;
    const counts = { comment: 0, string: 0, date: 0, number: 0, keyword: 0, name: 0 };
    const files = process.argv.slice(2);
    // Every keyword alone on a line is a keyword: the grammar lists the compiler's table.
    const alone = [...keywords].map((k) => `${k}`);
    const inputs = files.map((f) => [f, fs.readFileSync(f, 'utf8').split('\n')]);
    inputs.push(['(each keyword alone)', alone]);
    for (const [file, lines] of inputs) {
        let state = textmate.INITIAL;
        lines.forEach((line, n) => {
            const result = grammar.tokenizeLine(line, state);
            state = result.ruleStack;
            const kinds = expectedKinds(line);
            for (const token of result.tokens) {
                const got = kindOfScopes(token.scopes);
                for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) {
                    const want = kinds[i];
                    if (want === 'other' || /\s/.test(line[i])) continue;
                    checked++;
                    const ok = want === 'name' ? got === null : got === want;
                    if (ok) { counts[want]++; continue; }
                    if (failures++ < 20)
                        console.log(`FAIL ${file}:${n + 1}:${i + 1}: '${line.slice(token.startIndex, token.endIndex)}' is ${want}, the grammar says ${token.scopes.join(' ')}`);
                }
            }
        });
    }
    const summary = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`editors: ${checked} characters checked (${summary}), ${failures} wrong`);
    process.exit(failures === 0 && counts.keyword > 0 && counts.comment > 0 && counts.string > 0 && counts.date > 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
