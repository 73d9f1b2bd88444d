/* src/cli/explain.h — why a claim gets its answer and not another: the deciding rule, the
 * rules that also applied and lost, and for each rule that did not apply the first of its
 * conditions that failed; with absent inputs, the rules still possible. Shared by
 * rulec explain and the policy program's --explain, from the tables alone.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_EXPLAIN_H
#define RULEC_EXPLAIN_H

#include <stdio.h>

#include "rt.h"

/* Decides the claim and writes the explanation to out, as French text or one JSON object.
 * Returns the exit status of a decision: 0 decided, 1 no rule decides (an unfinished
 * policy) or malformed tables, 2 the decision needs an absent input or gives a date out of
 * range (explained all the same), 3 out of memory or a write failed. */
int explain_claim(const struct rt_policy *policy, const struct rt_claim *claim, int json,
                  FILE *out, FILE *err, const char *program);

#endif
