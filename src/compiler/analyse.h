/* src/compiler/analyse.h — proves a policy complete and consistent, with example claims.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_ANALYSE_H
#define RULEC_ANALYSE_H

#include "check.h"
#include "diagram.h"
#include "diag.h"

/* Reports every gap (claims no rule decides) and conflict (rules that apply together with
 * different outcomes) in a region that real claims can reach, each with an example claim,
 * and warns about rules that never decide anything. Returns the number of errors. unfinished:
 * gaps and conflicts are warnings, not errors (a policy being written, tried with eval). */
int analyse_policy(struct arena *arena, struct diag *diag, const struct check_model *model,
                   struct diagram *diagram, int unfinished);

/* A claim of the region, as "name=value ..." for messages, or NULL if no claim lies there.
 * Variable v lies in cells[v] to last[v] (last NULL: in cells[v]), or anywhere where cells[v]
 * is -1. */
const char *analyse_witness(struct arena *arena, const struct check_model *model,
                            const int *cells, const int *last);
/* The same claim as an rulec_claim: the inputs the region involves, or every input when
 * complete (those it does not involve take their first value, or a date or number near the
 * rules' own). Returns 0, or -1 when no claim lies in the region. */
int analyse_witness_claim(const struct check_model *model, const int *cells, const int *last,
                          int complete, struct rulec_claim *claim);
/* The claim without each input, but those of keep, whose absence leaves its answer as it is
 * (the same rule, the same outputs): what a clerk would write for it. Last inputs first. */
void analyse_claim_needed(const struct rulec_policy *policy, struct rulec_claim *claim, uint64_t keep);
/* A claim's present inputs as "name=value ...", or "(toute demande)". */
const char *analyse_claim_text(struct arena *arena, const struct check_model *model,
                               const struct rulec_claim *claim);

/* Which paths of the diagram a claim can reach: derived values make some combinations of
 * cells impossible (a service after the claim that bills it, with a non-negative delay). A
 * path is pushed one variable at a time, depth 0 first; pushing at a depth forgets what was
 * pushed at that depth and below. */
struct analyse_path;
struct analyse_path *analyse_path_new(const struct check_model *model);
/* Constrains variable v to cells first to last at depth. Returns 0 when some claim remains,
 * -1 when none can. */
int analyse_path_push(struct analyse_path *path, int depth, int v, int first, int last);
void analyse_path_free(struct analyse_path *path);
/* A path of up to depth pushes (analyse_path_new: one per variable). */
struct analyse_path *analyse_path_new_depth(const struct check_model *model, int depth);
/* Constrains variable v to the values low to high (INT32_MIN, INT32_MAX: no bound) at depth.
 * Returns 0 when some claim remains, -1 when none can. */
int analyse_path_push_range(struct analyse_path *path, int depth, int v, int32_t low,
                            int32_t high);
/* Constrains x[plus] - x[minus] + offset to [low, high] at depth, plus and minus inputs (-1:
 * none); ANALYSE_NO_BOUND (or beyond) on a side: no bound there. Returns 0 when some claim
 * remains, -1 when none can. */
#define ANALYSE_NO_BOUND ((int64_t)1 << 50)
int analyse_path_push_difference(struct analyse_path *path, int depth, int plus, int minus,
                                 int64_t offset, int64_t low, int64_t high);
/* A value for every date and integer input that meets what was pushed up to depth (which
 * some claim does), written into claim and marked present. */
void analyse_path_values(const struct analyse_path *path, int depth, struct rulec_claim *claim);

#endif
