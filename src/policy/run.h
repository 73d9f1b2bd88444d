/* src/policy/run.h — the command line of a policy: one claim or a batch.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_RUN_H
#define RULEC_RUN_H

#include <stdio.h>

#include <rulec/rulec.h>

/* Decides the claim written in argv (name=value arguments; options anywhere before "--":
 * "--json" asks for JSON, "--explain" for why: explain.h) and prints the decision. Returns
 * the exit status: 0 decided, 2 bad command line or bad or incomplete claim (one line on err,
 * nothing on out), 1 no rule decides the claim (an unfinished policy: rulec eval) or
 * malformed tables. With "--batch" (and "--format csv|jsonl", "--delimiter ,|;|tab") decides the
 * claims read from the file named, or stdin ("-" or none) instead: see batch_run for what it
 * writes and returns. */
int run_policy(const struct rulec_policy *policy, int argc, char **argv, FILE *out, FILE *err,
               const char *program);

#endif
