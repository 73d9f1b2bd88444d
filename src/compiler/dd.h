/* src/compiler/dd.h — a store of reduced ordered decision diagrams over cells: nodes,
 * apply, restriction, and enumeration of paths as maximal regions. It knows nothing of rules:
 * a terminal is a number whose meaning belongs to the caller (diagram.c gives it the policy's).
 * Part of rulec; see README.md for the licence.
 *
 * Every variable v takes cells 0 to cells[v] - 1 (the members of an enumeration, the
 * intervals between a date's cut points), plus an optional extra cell cells[v] that the
 * store never merges with the others (the policy uses it for "absent"). Nodes are
 * hash-consed, so two equal sub-diagrams are one node, a reference compares by value, and
 * one store holds any number of roots over the same variables (two policies, a policy and
 * the regions its examples reach): apply combines them. */
#ifndef RULEC_DD_H
#define RULEC_DD_H

#include <stddef.h>
#include <stdint.h>

/* A reference: >= 0 a node, < 0 the terminal -(ref) - 1. */
typedef int32_t dd_ref;

#define DD_TERMINAL(t) (-(dd_ref)(t) - 1)
#define DD_IS_TERMINAL(ref) ((ref) < 0)
#define DD_TERMINAL_OF(ref) (-(ref) - 1)
#define DD_FALSE DD_TERMINAL(0)        /* terminals 0 and 1 of boolean diagrams */
#define DD_TRUE DD_TERMINAL(1)
#define DD_NONE INT32_MAX              /* "not a terminal case": apply recurses */

/* A node's edges cover the cells of its variable in order: edge k goes to child for the cells
 * from start up to the next edge's start - 1 (the last edge, up to the last cell). Equal
 * neighbours are one edge, so a node is as wide as the distinct answers below it, not as the
 * variable's cells: a date with 20,000 cut points tested by one rule is a node of 3 edges. */
struct dd_edge {
    int32_t start;
    dd_ref child;
};

struct dd_node {
    int var;
    int nedges;
    uint32_t first_edge;
};

struct dd_memo;

struct dd {
    int nvars;
    const int *cells;              /* cells of each variable */
    const int *level;              /* the order: lower levels are tested first */
    const unsigned char *nominal;  /* 1: cells are unordered (members), 0: intervals */
    uint32_t nnodes, nodes_capacity;
    struct dd_node *nodes;
    uint32_t nedges, edges_capacity;
    struct dd_edge *edges;
    uint32_t *unique;              /* hash of nodes: index + 1, 0 empty */
    uint32_t unique_capacity;
    struct dd_memo *memo;          /* a lossy cache of apply's results */
    uint32_t memo_capacity;
    struct dd_edge *scratch;       /* edges being built, a stack of frames */
    size_t scratch_top, scratch_capacity;
};


/* The arrays are the caller's and must outlive the store. memo_hint: about how many apply
 * results are worth keeping (rounded to a power of two, from 1,024 to 131,072). */
void dd_init(struct dd *dd, int nvars, const int *cells, const int *level,
             const unsigned char *nominal, size_t memo_hint);
void dd_free(struct dd *dd);
/* The memo anew, empty, of capacity entries (a power of two): a diagram built, what is asked
 * of it after (regions, reports) needs less than its building did. */
void dd_memo_resize(struct dd *dd, uint32_t capacity);
/* Keeps only the nodes the roots reach, renumbered (roots[] is rewritten), and releases the
 * rest: building a diagram leaves most of its nodes unreached (at 100,000 rules, 1.8 million
 * made, a few hundred thousand kept). Every other reference into the store is void after. */
void dd_compact(struct dd *dd, dd_ref *roots, int nroots);
/* Which nodes the roots reach: an array of nnodes bytes, 1 for those (malloc'd: free it). */
unsigned char *dd_reached(const struct dd *dd, const dd_ref *roots, int nroots);

/* The node (var, edges), shared if it exists. edges are in order of start, the first at 0;
 * neighbours with one child become one edge (never the extra cell's), and a node whose
 * edges all have one child is that child. edges may be rewritten. */
dd_ref dd_make(struct dd *dd, int var, struct dd_edge *edges, int count);

/* The diagram that is `inside` on cells first to last of var, `outside` elsewhere. */
dd_ref dd_cells(struct dd *dd, int var, int first, int last, dd_ref inside, dd_ref outside);

/* A binary operation on diagrams, defined by what it does with terminals: terminal(context,
 * x, y, extra) returns the result when it no longer depends on any variable (always when x
 * and y are both terminals), or DD_NONE to go on down. id tells operations apart in the memo;
 * ids 0 to 15 are the store's own (and, or, not). An id keeps one meaning for the store's
 * life: the memo is keyed by it. */
struct dd_op {
    int id;
    dd_ref (*terminal)(void *context, dd_ref x, dd_ref y, int extra);
    void *context;
};
dd_ref dd_apply(struct dd *dd, const struct dd_op *op, dd_ref x, dd_ref y, int extra);

/* Boolean diagrams (terminals DD_FALSE and DD_TRUE). */
dd_ref dd_and(struct dd *dd, dd_ref x, dd_ref y);
dd_ref dd_or(struct dd *dd, dd_ref x, dd_ref y);
dd_ref dd_not(struct dd *dd, dd_ref x);

/* The diagram with each terminal t replaced by map(context, t), a reference. */
dd_ref dd_map(struct dd *dd, dd_ref root, dd_ref (*map)(void *context, int terminal),
              void *context);
/* The diagram for var fixed to cell: every node on var replaced by its child there. */
dd_ref dd_restrict(struct dd *dd, dd_ref root, int var, int cell);
/* Where ref leads for a cell of var; ref itself when it does not test var. */
dd_ref dd_child(const struct dd *dd, dd_ref ref, int var, int cell);

/* Enumerating the paths of a diagram as regions. A branch of a node is every cell with one
 * child: for a nominal variable, the edges to that child (members 0 and 3 both lead to the
 * same node: one branch); for an ordered one, a single edge, since cells that do not touch
 * are not one interval. Branches come in order of their first cell. The regions of the paths
 * from a root are disjoint and cover every combination of cells, and each is as large as the
 * diagram allows. */
struct dd_range {
    int first, last;               /* cells, both included */
};
struct dd_branch {
    int var;
    int nranges;                   /* 1 for an ordered variable */
    const struct dd_range *ranges;
    dd_ref child;
};
struct dd_walker {
    /* On going down a branch at depth (0 at the root): 0 goes on, nonzero skips it. */
    int (*enter)(void *context, const struct dd_branch *branch, int depth);
    /* On coming back up from a branch entered. May be NULL. */
    void (*leave)(void *context, const struct dd_branch *branch, int depth);
    /* At the end of a path: 0 goes on, nonzero stops the walk. */
    int (*leaf)(void *context, int terminal, int depth);
    void *context;
    int extra;                     /* 1: the extra cell is a branch too; 0: it is skipped */
    long budget;                   /* nodes and leaves left to visit; the walk stops at 0 */
};
/* Returns 0 when every path was walked, 1 when leaf stopped the walk, -1 when the budget ran
 * out. Recursion is as deep as the number of variables. */
int dd_walk(const struct dd *dd, dd_ref root, struct dd_walker *walker);

#endif
