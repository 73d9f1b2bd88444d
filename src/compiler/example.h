/* src/compiler/example.h — a rule file's examples, run on its tables.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_EXAMPLE_H
#define RULEC_EXAMPLE_H

#include "arena.h"
#include "check.h"
#include "diag.h"
#include <rulec/rulec.h>

/* Decides the example's claim with policy (the tables compiled from the same file), reports
 * each way the answer differs from what the example expects as an error at the expectation,
 * and returns how many it found (0: the example passes). */
int example_run(struct arena *arena, struct diag *diag, const struct rulec_policy *policy,
                const struct check_example *example);

#endif
