/* src/compiler/regions.h — the decision table: every region of complete claims with the rule
 * that decides it, read off the policy's diagram. Disjoint, together covering every claim a
 * real claim can be, each as large as the diagram allows. What rulec table prints, and what
 * a report, a diff and coverage enumerate.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_REGIONS_H
#define RULEC_REGIONS_H

#include "check.h"
#include "diagram.h"

/* What a region asks of one variable: a set of members (enumerations; booleans: bit 0 false,
 * bit 1 true), or a range of values, both ends included (dates, integers; INT32_MIN or
 * INT32_MAX: no bound on that side). */
struct region_test {
    int var;
    uint64_t members;
    int32_t low, high;
};

struct region {
    int rule;                      /* the deciding rule */
    int ntests;
    struct region_test *tests;     /* ascending by variable; a variable not tested may be anything */
};

struct region_table {
    int nregions;
    struct region *regions;
    unsigned char *tested;         /* nvars: 1 when some region tests the variable */
};

/* Builds the table of a policy that checked without errors. Returns 0, or -1 when the
 * diagram has more paths than REGIONS_BUDGET steps visit (the table would not be read) or
 * memory ran out. */
#define REGIONS_BUDGET 5000000L
int regions_build(struct arena *arena, const struct check_model *model,
                  const struct diagram *diagram, struct region_table *table);

/* The same regions as regions_build, unmerged, each given to each as the walk finds it and
 * forgotten after: what rulec table writes when the table is too large to hold and merge
 * (past REGIONS_BUDGET steps). The region and its tests live until each returns. Returns 0
 * when every region was given, 1 when each stopped the walk (it returned non-zero), -1 when
 * memory ran out. */
typedef int regions_each(void *context, const struct region *region);
int regions_stream(const struct check_model *model, const struct diagram *diagram,
                   regions_each *each, void *context);
/* Whether regions_build would find the table within REGIONS_BUDGET steps: the same walk,
 * holding nothing. Asked first by rulec table, so that a table too large to hold is never
 * half-built in the arena, which keeps what it allocated (1.4 GB for 2^22 regions), before
 * being streamed. */
int regions_fit(const struct check_model *model, const struct diagram *diagram);

/* Lists in found (room for every rule), ascending, every rule that decides some real claim
 * satisfying cond (one whose derived values agree with its inputs), and sets *count to how many.
 * marks, one byte per rule, must be zero, and is left zero: asked for every rule, as rulec doc
 * does, the work is what each condition reaches, not the number of rules. Returns 0, or -1 when
 * the diagram has more paths than REGIONS_BUDGET steps visit or memory ran out. */
int regions_deciders(const struct check_model *model, struct diagram *diagram,
                     const struct check_cond *cond, unsigned char *marks, int *found, int *count);

/* Whether a complete claim (every input present) lies in the region. */
int regions_contains(const struct check_model *model, const struct region *region,
                     const struct rulec_claim *claim);

/* A claim of the region (analyse_witness_claim): the inputs it involves, or every input when
 * complete. Returns 0, or -1 when none lies there. */
int regions_witness(const struct check_model *model, const struct region *region, int complete,
                    struct rulec_claim *claim);

/* --- regions as boxes --------------------------------------------------------------------
 * A region is a box: a set of members or one interval per variable tested, every other
 * variable free. What the diff needs to say exactly where an output's value changes: the
 * claims of one box that lie in another, or outside it. Given boxes that hold a real claim (a
 * derived value agreeing with its inputs), each returns only such boxes, each test within
 * its variable's range and none allowing every value; none allocates but from arena. */

/* An enumeration or a boolean, whose tests are members; and all of a variable's members. */
int regions_nominal(const struct check_var *var);
uint64_t regions_all_members(const struct check_var *var);

/* Whether some real claim lies in the region; when one does and witness is not NULL, one
 * such claim, every input present (dates and integers near the rules' own, the first member
 * a test allows). Returns 1 or 0. */
int regions_feasible(const struct check_model *model, const struct region *region,
                     struct rulec_claim *witness);
/* The same, among the claims where input plus minus input minus (either -1: none) lies in
 * [low, high]: the claims sent on a deadline's day. */
int regions_feasible_difference(const struct check_model *model, const struct region *region,
                                int plus, int minus, int64_t low, int64_t high,
                                struct rulec_claim *witness);
/* The claims of both: 0 and *out, or -1 when no real claim lies in both. */
int regions_intersect(struct arena *arena, const struct check_model *model, const struct region *a,
                      const struct region *b, struct region *out);
/* The claims of the regions of *list outside b: *list and *count replaced. Returns the count. */
int regions_subtract_list(struct arena *arena, const struct check_model *model,
                          struct region **list, int *count, const struct region *b);
/* Appends to *list (disjoint regions) the claims of region that none of them holds, as
 * disjoint regions: their union grows by region. Returns how many were appended. */
int regions_add_apart(struct arena *arena, const struct check_model *model, struct region **list,
                      int *count, int *capacity, const struct region *region);
/* Appends region to *list (count and capacity grown from arena). */
void regions_append(struct arena *arena, struct region **list, int *count, int *capacity,
                    const struct region *region);
/* Merges a list of regions as rulec table merges its own: two with the same rule field (a
 * rule, or any key the caller gives) are one while their union is a box, until no two are
 * (which pairs merge first depends on the order, not that none is left). Returns the new
 * count; each merged region where its first part stood. The tests are copied, never changed
 * in place. */
int regions_merge_list(struct arena *arena, const struct check_model *model,
                       struct region *list, int count);

#endif
