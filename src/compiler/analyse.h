/* src/compiler/analyse.h — proves a policy complete and consistent, with example claims.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_ANALYSE_H
#define RULEC_ANALYSE_H

#include "check.h"
#include "diagram.h"
#include "diag.h"

/* Reports every gap (claims no rule decides) and conflict (rules that apply together with
 * different outcomes) in a region that real claims can reach, each with an example claim,
 * and warns about rules that never decide anything. Returns the number of errors. */
int analyse_policy(struct arena *arena, struct diag *diag, const struct check_model *model,
                   struct diagram *diagram);

/* A claim of the region, as "name=value ..." for messages, or NULL if no claim lies there.
 * Variable v lies in cells[v] to last[v] (last NULL: in cells[v]), or anywhere where cells[v]
 * is -1. */
const char *analyse_witness(struct arena *arena, const struct check_model *model,
                            const int *cells, const int *last);

#endif
