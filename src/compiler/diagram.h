/* src/compiler/diagram.h — the decision structure: a reduced ordered decision diagram over
 * the cells of every variable, built once and then enumerated, compared and serialized.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DIAGRAM_H
#define RULEC_DIAGRAM_H

#include <stdint.h>

#include "arena.h"
#include "check.h"
#include "dd.h"

/* The policy's references are the store's (dd.h). Terminals of the policy diagram: a rule's
 * index is its own terminal; then the gap, the conflicts, and "variable v is missing". */
typedef dd_ref diagram_ref;

#define DIAGRAM_TERMINAL(t) DD_TERMINAL(t)
#define DIAGRAM_IS_TERMINAL(ref) DD_IS_TERMINAL(ref)
#define DIAGRAM_TERMINAL_OF(ref) DD_TERMINAL_OF(ref)

/* What a region of claims gets once exceptions are applied: terminal values of the final
 * diagram. A rule's index is its own terminal; these follow the rules. */
struct diagram_conflict {
    int first, second;             /* the first winner, and the first that disagrees with it */
    int nrules;
    int *rules;                    /* every winner where the conflict was first met, ascending */
};

struct diagram {
    const struct check_model *model;
    struct arena *arena;
    struct dd dd;                  /* the store: nodes, edges, cells, variable order */
    int *cells;                    /* number of cells of each variable */
    int *level;                    /* the variable order: lower levels are tested first */
    unsigned char *nominal;        /* 1 for enumerations and booleans */
    unsigned char *high;           /* rule -> 1 when it ranks with 'exception to all' rules:
                                      declared so, or an exception (through any chain) to one */
    /* The result of diagram_build. */
    diagram_ref root;              /* over the cells of each variable: what check analyses */
    diagram_ref root_with_absent;  /* with a last child per node for "absent": what runs */
    int gap;                       /* the terminal for "no rule applies" */
    int nconflicts;                /* terminals gap + 1 + k are conflicts[k] */
    struct diagram_conflict *conflicts;
    int missing;                   /* terminals missing + v: variable v is needed, absent */
    struct dd_edge *scratch;       /* a test's edges, while a chain is made */
    size_t scratch_size;
};

/* Builds the policy's diagram: the winner of every region (after exceptions), or the gap,
 * or a conflict. Memory comes from the arena and the diagram's own tables. */
struct diagram *diagram_build(struct arena *arena, const struct check_model *model);
/* The variable the diagram tests first, or -1 when one rule decides every claim. */
int diagram_first_var(const struct diagram *diagram);
void diagram_free(struct diagram *diagram);

/* The 0/1 diagram that is 1 exactly where root leads to the given terminal (terminal 1 is
 * true, 0 false). Reduced like any other, so variables that do not matter to that region
 * disappear from it: a report then names only the inputs that make the region. */
diagram_ref diagram_indicator(struct diagram *diagram, diagram_ref root, int terminal);

/* root's terminals where cond holds, and the terminal DIAGRAM_ELSEWHERE where it does not:
 * what decides the claims a condition describes (the report's "overridden by"). */
#define DIAGRAM_ELSEWHERE 0x3fffffff
diagram_ref diagram_where(struct diagram *diagram, diagram_ref root, const struct check_cond *cond);

/* A variable's cell as a closed interval (INT32_MIN/MAX for none), for ordered types. */
void diagram_cell_bounds(const struct check_var *var, int cell, int32_t *low, int32_t *high);

#endif
