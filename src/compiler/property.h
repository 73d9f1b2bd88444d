/* src/compiler/property.h — proves each property for every claim, or finds one that breaks it.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_PROPERTY_H
#define RULEC_PROPERTY_H

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "diagram.h"
#include <rulec/rulec.h>

/* Proves every property of the model over every complete claim a region of the diagram's
 * root can hold, with the answer its rule gives (the rules' winners: gaps and conflicts are
 * analyse_policy's). A property that fails is an error at its name, with a claim that breaks
 * it (checked with rulec_decide on policy) and a note at the rule that decides it; a warning
 * when unfinished; nothing is reported when diag is NULL. failed[k] (NULL: not wanted) is set to 1 for each property that fails, 0
 * for the others; witnesses[k] (NULL: not wanted) to the claim that breaks property k, or to
 * no input at all (present 0) when it holds or could not be proven. Returns the number that
 * fail. */
int property_prove(struct arena *arena, struct diag *diag, const struct check_model *model,
                   const struct diagram *diagram, const struct rulec_policy *policy,
                   int unfinished, unsigned char *failed, struct rulec_claim *witnesses);

/* Whether property holds of one complete claim and the answer rulec_decide gave it (status and
 * result): 1 when it holds (or its 'when' does not), 0 when it does not. An answer other than
 * RULEC_OK is no outcome: 'decided', 'unspecified' and 'invalid' are all false of it, and every
 * output is unset. */
int property_holds(const struct check_model *model, const struct check_property *property,
                   const struct rulec_claim *claim, enum rulec_status status,
                   const struct rulec_result *result);

#endif
