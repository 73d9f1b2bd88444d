/* src/compiler/diagram.h — the decision structure: a reduced ordered decision diagram over
 * the cells of every variable, built once and then enumerated, compared and serialized.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DIAGRAM_H
#define RULEC_DIAGRAM_H

#include <stdint.h>

#include "arena.h"
#include "check.h"

/* A reference: >= 0 a node, < 0 the terminal -(ref) - 1. Nodes are hash-consed, so two
 * equal sub-diagrams are one node and a reference compares by value. Variables are tested
 * in the order of diagram->level, each at most once on a path. */
typedef int32_t diagram_ref;

#define DIAGRAM_TERMINAL(t) (-(diagram_ref)(t) - 1)
#define DIAGRAM_IS_TERMINAL(ref) ((ref) < 0)
#define DIAGRAM_TERMINAL_OF(ref) (-(ref) - 1)

/* A node's edges cover the cells of its variable in order: edge k goes to child for the cells
 * from start up to the next edge's start - 1 (the last real edge, up to the last cell). Equal
 * neighbours are one edge, so a node is as wide as the distinct answers below it, not as the
 * variable's cut points: a date with 20,000 cuts tested by one rule is a node of 3 edges. In
 * the diagram that diagram_extend makes, a last edge starts at cells[var], the "absent" cell. */
struct diagram_edge {
    int32_t start;
    diagram_ref child;
};

struct diagram_node {
    int var;
    int nedges;
    uint32_t first_edge;
};

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
    int *cells;                    /* number of cells of each variable */
    int *level;                    /* the variable order: lower levels are tested first */
    uint32_t nnodes, nodes_capacity;
    struct diagram_node *nodes;
    uint32_t nedges, edges_capacity;
    struct diagram_edge *edges;
    uint32_t *unique;              /* hash of nodes: index + 1, 0 empty */
    uint32_t unique_capacity;
    /* The result of diagram_build. */
    diagram_ref root;              /* over the cells of each variable: what check analyses */
    diagram_ref root_with_absent;  /* with a last child per node for "absent": what runs */
    int gap;                       /* the terminal for "no rule applies" */
    int nconflicts;                /* terminals gap + 1 + k are conflicts[k] */
    struct diagram_conflict *conflicts;
    int missing;                   /* terminals missing + v: variable v is needed, absent */
};

/* Builds the policy's diagram: the winner of every region (after exceptions), or the gap,
 * or a conflict. Memory comes from the arena and the diagram's own tables. */
struct diagram *diagram_build(struct arena *arena, const struct check_model *model);
void diagram_free(struct diagram *diagram);

/* The 0/1 diagram that is 1 exactly where root leads to the given terminal (terminal 1 is
 * true, 0 false). Reduced like any other, so variables that do not matter to that region
 * disappear from it: a report then names only the inputs that make the region. */
diagram_ref diagram_indicator(struct diagram *diagram, diagram_ref root, int terminal);

/* A variable's cell as a closed interval (INT32_MIN/MAX for none), for ordered types. */
void diagram_cell_bounds(const struct check_var *var, int cell, int32_t *low, int32_t *high);

/* The last cell of edge k of a node (cells[var] for the absent edge). */
int diagram_edge_last(const struct diagram *diagram, const struct diagram_node *node, int k);

/* Where ref leads for a cell of var (cells[var]: absent); ref itself when it does not test
 * var. */
diagram_ref diagram_child(const struct diagram *diagram, diagram_ref ref, int var, int cell);

#endif
