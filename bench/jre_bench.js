// bench/jre_bench.js — the ramq2018 policy in json-rules-engine (the npm package most used for
// rules in JavaScript), on the same claims as bench/decide_bench.c.
//
// The policy is written in the engine's own idiom: one rule per rule of the rule file, JSON
// conditions over facts, exceptions as priorities (the answer is the success of highest
// priority). Dates become day numbers before the engine runs (timed with it); the deadline is
// computed from the event's parameters. Every answer is compared with rulec's (a file written
// by `decide_bench --answers`) before anything is timed.
//   usage: node jre_bench.js CLAIMS.jsonl ANSWERS.txt [REPS]
// Prints "key=value" lines for bench/run.sh. Part of rulec; see README.md for the licence.
'use strict';
const fs = require('fs');
const { Engine } = require('json-rules-engine');

const BASCULE = 17622;     // 2018-04-01, days since 1970-01-01
const DEBUT_2018 = 17532;  // 2018-01-01

const is = (fact, value) => ({ fact, operator: 'equal', value });
const papier = {
  all: [
    is('demande', 'refacturer'),
    { fact: 'ds', operator: 'lessThan', value: DEBUT_2018 },
    { any: [is('sys', 'papier'), { all: [is('sys', 'ancien_logiciel'), is('acces', false)] }] },
  ],
};
const rule = (name, priority, conditions, params = {}) => ({
  name, priority, conditions, event: { type: name, params },
});

const rules = [
  rule('demande_avant_service', 40, { all: [{ fact: 'dd', operator: 'lessThan', value: { fact: 'ds' } }] }),
  rule('hors_portee', 30, { all: [{ fact: 'dd', operator: 'lessThan', value: BASCULE }] }),
  rule('etat_compte_avant_service', 20, { all: [papier, { fact: 'ec', operator: 'lessThan', value: { fact: 'ds' } }] }),
  rule('demande_avant_etat_compte', 20, { all: [papier, { fact: 'dd', operator: 'lessThan', value: { fact: 'ec' } }] }),
  rule('facturation_nouveau_systeme', 1,
    { all: [is('demande', 'facturer'), { fact: 'ds', operator: 'greaterThanInclusive', value: BASCULE }] },
    { canal: 'nouveau_systeme', from: 'ds' }),
  rule('facturation_ancien_systeme', 1,
    { all: [is('demande', 'facturer'), { fact: 'ds', operator: 'lessThan', value: BASCULE }, is('acces', true)] },
    { canal: 'ancien_systeme', from: 'ds' }),
  rule('facturation_sans_acces', 1,
    { all: [is('demande', 'facturer'), { fact: 'ds', operator: 'lessThan', value: BASCULE }, is('acces', false)] },
    { canal: 'nouveau_systeme', from: 'ds' }),
  rule('refacturation_ancien_systeme', 1,
    { all: [is('demande', 'refacturer'), is('sys', 'ancien_logiciel'), is('acces', true),
            { fact: 'ds', operator: 'lessThan', value: BASCULE }] },
    { canal: 'ancien_systeme' }),
  rule('refacturation_papier_dentiste', 10, { all: [papier, is('profession', 'dentiste')] },
    { canal: 'formulaire_1670', from: 'ec', mentions: 7 }),
  rule('refacturation_papier_optometriste', 10, { all: [papier, is('profession', 'optometriste')] },
    { canal: 'formulaire_1500', from: 'ec', mentions: 7 }),
  rule('refacturation_papier_chirurgien_buccal', 10, { all: [papier, is('profession', 'chirurgien_buccal')] },
    { canal: 'formulaire_1670', from: 'ec', mentions: 7 }),
  rule('refacturation_revision', 1,
    { all: [is('demande', 'refacturer'), { fact: 'sys', operator: 'in', value: ['ancien_logiciel', 'papier'] },
            is('acces', false), { fact: 'ds', operator: 'greaterThanInclusive', value: DEBUT_2018 },
            { fact: 'ds', operator: 'lessThan', value: BASCULE }] },
    { canal: 'demande_revision' }),
  rule('refacturation_papier_2018_avec_acces', 1,
    { all: [is('demande', 'refacturer'), is('sys', 'papier'), is('acces', true),
            { fact: 'ds', operator: 'greaterThanInclusive', value: DEBUT_2018 },
            { fact: 'ds', operator: 'lessThan', value: BASCULE }] }),
  rule('refacturation_refusee_956', 1,
    { all: [is('demande', 'refacturer'), is('sys', 'ancien_logiciel'),
            { fact: 'ds', operator: 'greaterThanInclusive', value: BASCULE }] },
    { canal: 'nouveau_systeme', from: 'ds', message: 956 }),
  rule('refacturation_papier_apres_bascule', 1,
    { all: [is('demande', 'refacturer'), is('sys', 'papier'),
            { fact: 'ds', operator: 'greaterThanInclusive', value: BASCULE }] },
    { canal: 'nouveau_systeme', from: 'ds' }),
  rule('modification_annulation', 1,
    { all: [is('demande', 'refacturer'), is('sys', 'nouveau')] },
    { canal: 'modification_annulation' }),
  rule('remboursement_personne_assuree', 1, { all: [is('demande', 'rembourser_assure')] },
    { canal: 'formulaire_2058_2076' }),
];

const engine = new Engine(rules, { allowUndefinedFacts: false });

const days = (text) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / 86400000;
const number = (d) => {
  const t = new Date(d * 86400000);
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
};

async function decide(claim) {
  const facts = {
    demande: claim.demande, profession: claim.profession, sys: claim.systeme_initial,
    acces: claim.acces_ancien_systeme, ds: days(claim.date_service), dd: days(claim.date_demande),
    ec: days(claim.date_etat_compte),
  };
  const { results } = await engine.run(facts);
  let best = null;
  for (const r of results) if (!best || r.priority > best.priority) best = r;
  if (!best) return '(none)';
  const p = best.event.params || {};
  let echeance = 0, late = -1;
  if (p.from) {
    const e = facts[p.from] + 90;
    echeance = number(e);
    late = facts.dd > e ? 1 : 0;
  }
  return `${best.name} ${p.canal || '-'} ${echeance} ${late} ${p.mentions || 0} ${p.message || 0}`;
}

async function main() {
  const [claimsPath, answersPath, repsText] = process.argv.slice(2);
  const claims = fs.readFileSync(claimsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const answers = fs.readFileSync(answersPath, 'utf8').trim().split('\n');
  const reps = Number(repsText || 3);
  for (let i = 0; i < claims.length; i++) {
    const got = await decide(claims[i]);
    if (got !== answers[i]) {
      console.error(`jre_bench: claim ${i}: json-rules-engine says "${got}", rulec "${answers[i]}"`);
      process.exit(1);
    }
  }
  console.log(`jre_claims=${claims.length}\njre_agree=${claims.length}`);
  const times = [];
  for (let k = 0; k < reps; k++) {
    const start = process.hrtime.bigint();
    for (const claim of claims) await decide(claim);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  const t = times[Math.floor(reps / 2)];
  console.log(`jre_reps=${reps}\njre_ns=${(t / claims.length * 1e9).toFixed(0)}\njre_per_s=${(claims.length / t).toFixed(0)}`);
  console.log(`jre_version=${require('json-rules-engine/package.json').version}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
