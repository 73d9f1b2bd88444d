/* src/policy/explain.h — why a claim gets its answer and not another. By default, for a clerk:
 * the answer, the passage it rests on, and the nearest other answers with what would have to
 * change for each (rulec_why_not); with all, every rule: those that also applied and lost, and
 * for each rule that did not apply the first of its conditions that failed; with a wanted
 * answer, the smallest change that gives it. Shared by rulec explain and the policy program's
 * --explain, from the tables alone. Part of rulec; see README.md for the licence. */
#ifndef RULEC_EXPLAIN_H
#define RULEC_EXPLAIN_H

#include <stdio.h>

#include <rulec/rulec.h>

/* At most this many other answers in the clerk's explanation. */
#define EXPLAIN_ALTERNATIVES 3

struct explain_options {
    int json;                /* one JSON object with every field */
    int all;                 /* every rule, as well as the answer */
    const char *why_not;     /* an answer wanted (rulec_parse_want's text), or NULL */
};

/* What is wrong with options, as the command line says it ("--all et --why-not ne vont pas
 * ensemble : …"), or NULL: --all and --why-not do not mix. */
const char *explain_options_problem(const struct explain_options *options);

/* Decides the claim and writes the explanation to out, as French text or one JSON object.
 * Returns the exit status of a decision: 0 decided, 1 no rule decides (an unfinished
 * policy) or malformed tables, 2 the decision needs an absent input or gives a date out of
 * range (explained all the same), or the answer wanted is not one the policy can give (one
 * line on err, nothing on out), 3 out of memory or a write failed. */
int explain_claim(const struct rulec_policy *policy, const struct rulec_claim *claim,
                  const struct explain_options *options, FILE *out, FILE *err,
                  const char *program);

#endif
