/* src/compiler/diagram.c — the policy's meaning on the decision-diagram store (dd.c): each
 * region of claims mapped to the rules that win there, then to the winner's outcome, the gap,
 * or a conflict; and the "absent" cell that lets a partial claim be decided. Part of rulec;
 * see README.md for the licence.
 *
 * Each rule's condition becomes a 0/1 diagram over variable cells; the policy diagram maps
 * every region to the rules that apply there and no other rule applying there beats (its
 * terminals are interned rule sets: builder_set_union); a last pass maps each set to its
 * outcome. Because nodes are shared, the cost follows the number of distinct sub-decisions,
 * not the product of all partitions. */
#include "diagram.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* The policy's operations on the store; ids 16 and up (dd.h keeps 0 to 15). */
enum { OP_ADD = 16, OP_UNION, OP_RESOLVE, OP_MERGE, OP_WHERE };

struct rule_set {
    int count;
    int *rules;        /* ascending */
};

struct builder {
    struct diagram *d;
    struct rule_set *sets;
    int nsets, sets_capacity;
    uint32_t *set_hash;          /* index + 1, 0 empty */
    uint32_t set_hash_capacity;
    int *resolved;               /* set id -> outcome terminal, -1 not yet */
    uint32_t *expanded;          /* rule -> stamp: its exceptions followed (builder_beats) */
    uint32_t stamp;
    int *queue;                  /* nrules + 1 */
    int *height;                 /* rule -> 1 + the greatest height of the rules it is an
                                    exception to (0: none): what a rule beats is lower */
    int *ints;                   /* scratch for building a rule set */
    size_t ints_capacity;
    int empty_set;               /* the id of the set of no rule */
    struct dd_op add, set_union, resolve, merge;
};

void diagram_cell_bounds(const struct check_var *var, int cell, int32_t *low, int32_t *high)
{
    *low = cell == 0 ? INT32_MIN : var->cuts[cell - 1];
    *high = cell == var->ncuts ? INT32_MAX : var->cuts[cell] - 1;
}

/* A test's edges: inside on the members it names (an enumeration, a boolean) or on the cells
 * of its ranges (an ordered type; each range covers whole cells, as the cut points include
 * every bound a test names), outside elsewhere. edges holds the variable's cells, at least
 * (diagram_cells_most); returns how many it wrote. */
static int diagram_test_edges(const struct diagram *d, const struct check_cond *cond,
                              dd_ref inside, dd_ref outside, struct dd_edge *edges)
{
    const struct check_var *var = &d->model->vars[cond->var];
    int count = d->cells[cond->var];
    int n = 0;
    if (var->type == RULEC_TYPE_INT || var->type == RULEC_TYPE_DATE) {
        edges[n++] = (struct dd_edge){ 0, outside };
        for (int i = 0; i < cond->nranges; i++) {
            const struct check_range *range = &cond->ranges[i];
            int first = range->low == INT32_MIN ? 0
                        : (int)rulec_count_le(var->cuts, (uint32_t)var->ncuts, range->low);
            int last = range->high == INT32_MAX ? count - 1
                       : (int)rulec_count_le(var->cuts, (uint32_t)var->ncuts, range->high);
            if (first > last)
                continue;
            if (edges[n - 1].start == first)
                n--;
            edges[n++] = (struct dd_edge){ first, inside };
            if (last < count - 1)
                edges[n++] = (struct dd_edge){ last + 1, outside };
        }
        return n;
    }
    for (int cell = 0; cell < count; cell++)
        edges[n++] = (struct dd_edge){ cell, cond->members >> cell & 1 ? inside : outside };
    return n;
}

/* Room for any test's edges: an ordered test's ranges are disjoint and not adjacent, so it has
 * at most one edge per cell. */
static size_t diagram_cells_most(const struct diagram *d)
{
    int most = 1;
    for (int v = 0; v < d->model->nvars; v++)
        if (d->cells[v] > most)
            most = d->cells[v];
    return (size_t)most + 1;
}

static diagram_ref diagram_test(struct diagram *d, const struct check_cond *cond)
{
    struct dd_edge *edges = arena_heap_calloc((size_t)d->cells[cond->var] + 1, sizeof *edges);
    diagram_ref result = dd_make(&d->dd, cond->var,
                                 edges, diagram_test_edges(d, cond, DD_TRUE, DD_FALSE, edges));
    free(edges);
    return result;
}

/* A test, or an 'and' of tests of distinct variables, as most rules are: the chain of their
 * nodes, inside where all hold and outside elsewhere, made from the bottom up, one dd_make
 * each. Folding with dd_and, then mapping true and false to inside and outside, reaches the
 * same diagram (a reduced diagram is unique, and the store shares it) after making, and
 * leaving behind, a node per operand at every step: at 100,000 rules, ten times the nodes.
 * DD_NONE when cond is not such an 'and'. */
static diagram_ref diagram_conjunction(struct diagram *d, const struct check_cond *cond,
                                       dd_ref inside, dd_ref outside)
{
    if (cond->kind != CHECK_COND_TEST && cond->kind != CHECK_COND_AND)
        return DD_NONE;
    int n = cond->kind == CHECK_COND_TEST ? 1 : cond->nchildren;
    const struct check_cond *const *tests = cond->kind == CHECK_COND_TEST
                                            ? (const struct check_cond *const *)&cond
                                            : (const struct check_cond *const *)cond->children;
    /* By the level of their variables, the deepest last: at most one test a variable, 64. */
    const struct check_cond *ordered[64];
    uint64_t seen = 0;
    for (int i = 0; i < n; i++) {
        const struct check_cond *test = tests[i];
        if (test->kind != CHECK_COND_TEST || test->var >= 64 || (seen >> test->var & 1))
            return DD_NONE;
        seen |= (uint64_t)1 << test->var;
        int at = i;
        while (at > 0 && d->level[ordered[at - 1]->var] > d->level[test->var]) {
            ordered[at] = ordered[at - 1];
            at--;
        }
        ordered[at] = test;
    }
    if (d->scratch_size == 0) {
        d->scratch_size = diagram_cells_most(d);
        d->scratch = arena_alloc(d->arena, d->scratch_size * sizeof *d->scratch);
    }
    diagram_ref result = inside;
    for (int k = n - 1; k >= 0 && result != outside; k--)
        result = dd_make(&d->dd, ordered[k]->var, d->scratch,
                         diagram_test_edges(d, ordered[k], result, outside, d->scratch));
    return result;
}

/* A condition's region. And and or fold their operands in a loop; only nesting recurses,
 * and the parser bounds it. */
static diagram_ref diagram_condition(struct diagram *d, const struct check_cond *cond)
{
    switch (cond->kind) {
    case CHECK_COND_TRUE:
        return DD_TRUE;
    case CHECK_COND_TEST:
        return diagram_test(d, cond);
    case CHECK_COND_NOT:
        return dd_not(&d->dd, diagram_condition(d, cond->children[0]));
    default: {
        if (cond->kind == CHECK_COND_AND) {
            diagram_ref chain = diagram_conjunction(d, cond, DD_TRUE, DD_FALSE);
            if (chain != DD_NONE)
                return chain;
        }
        diagram_ref result = diagram_condition(d, cond->children[0]);
        for (int i = 1; i < cond->nchildren; i++) {
            diagram_ref next = diagram_condition(d, cond->children[i]);
            result = cond->kind == CHECK_COND_AND ? dd_and(&d->dd, result, next)
                                                  : dd_or(&d->dd, result, next);
        }
        return result;
    }
    }
}

static int rule_set_equal(const struct rule_set *set, const int *rules, int count)
{
    return set->count == count
           && (count == 0 || memcmp(set->rules, rules, sizeof *rules * (size_t)count) == 0);
}

static uint32_t rule_set_hash(const int *rules, int count)
{
    uint32_t hash = 17;
    for (int i = 0; i < count; i++)
        hash = hash_mix(hash, (uint32_t)rules[i]);
    /* Linear probing made long runs of sets that differ in one rule number (four tenths of
     * rulec check's time at 100,000 rules) before the finalizer. */
    return hash_finish(hash);
}

/* The id of the set of rules, interned. */
static int builder_set(struct builder *b, const int *rules, int count)
{
    if ((uint32_t)(b->nsets + 1) * 2 > b->set_hash_capacity) {
        uint32_t capacity = b->set_hash_capacity ? b->set_hash_capacity * 2 : 256;
        uint32_t *table = arena_heap_calloc(capacity, sizeof *table);
        for (int s = 0; s < b->nsets; s++) {
            uint32_t i = rule_set_hash(b->sets[s].rules, b->sets[s].count) & (capacity - 1);
            while (table[i])
                i = (i + 1) & (capacity - 1);
            table[i] = (uint32_t)s + 1;
        }
        free(b->set_hash);
        b->set_hash = table;
        b->set_hash_capacity = capacity;
    }
    uint32_t mask = b->set_hash_capacity - 1;
    uint32_t i = rule_set_hash(rules, count) & mask;
    for (; b->set_hash[i]; i = (i + 1) & mask)
        if (rule_set_equal(&b->sets[b->set_hash[i] - 1], rules, count))
            return (int)b->set_hash[i] - 1;
    size_t capacity = (size_t)b->sets_capacity;
    b->sets = arena_heap_grow(b->sets, &capacity, (size_t)b->nsets + 1, sizeof *b->sets);
    b->sets_capacity = (int)capacity;
    struct rule_set *set = &b->sets[b->nsets];
    set->count = count;
    set->rules = arena_alloc(b->d->arena, sizeof *rules * (size_t)(count ? count : 1));
    if (count)
        memcpy(set->rules, rules, sizeof *rules * (size_t)count);
    b->set_hash[i] = (uint32_t)b->nsets + 1;
    return b->nsets++;
}

/* Whether rule x beats rule w where both apply: Catala's default logic, with one addition for
 * 'exception to all':
 * - an exception wins, and so does an exception to an exception (the relation is
 *   transitive, through rules that do not apply as well as rules that do);
 * - a rule that ranks with the 'exception to all' rules (diagram_rank) wins against every
 *   rule that does not. So an explicit 'exception to R' wins over R's 'exception to all',
 *   and over what R wins over.
 * The relation is acyclic whenever the declarations are: the second kind of win only goes
 * from the high rank to the low, and 'exception to' never leads from the low to the high.
 * The search from x goes down only through rules higher than w: what x reaches at w's height
 * or below cannot lead to w. */
static int builder_beats(struct builder *b, int x, int w)
{
    const struct check_model *model = b->d->model;
    const unsigned char *high = b->d->high;
    if (high[x] != high[w])
        return high[x];
    if (b->height[x] <= b->height[w])
        return 0;
    if (++b->stamp == 0) {     /* 2^32 searches: the marks start again from zero */
        memset(b->expanded, 0, sizeof *b->expanded * (size_t)(model->nrules + 1));
        b->stamp = 1;
    }
    int top = 0;
    b->queue[top++] = x;
    b->expanded[x] = b->stamp;
    while (top) {
        const struct check_rule *rule = &model->rules[b->queue[--top]];
        for (int i = 0; i < rule->nexceptions; i++) {
            int next = rule->exceptions[i];
            if (next == w)
                return 1;
            if (b->expanded[next] != b->stamp && b->height[next] > b->height[w]) {
                b->expanded[next] = b->stamp;
                b->queue[top++] = next;
            }
        }
    }
    return 0;
}

/* The union of two regions' winners, less every rule that another rule of the union beats: a
 * region keeps only its winners, the rules that apply there and that no other rule applying
 * there beats. That is enough, since beating is transitive and acyclic (builder_beats):
 * whatever beats a rule of a union is a winner of its own half or is beaten by one, so the
 * winners of a union are those of the halves' winners that the other half's winners do not
 * beat (within one half, none beats another). Keeping every applicable rule made a region of
 * a chain of 30,000 exceptions hold up to 30,000 rules (2.7 GB in all); its winners are one
 * rule. */
static int builder_set_union(struct builder *b, int x_id, int y_id)
{
    const struct rule_set *x = &b->sets[x_id], *y = &b->sets[y_id];
    size_t need = (size_t)x->count + (size_t)y->count + 1;
    b->ints = arena_heap_grow(b->ints, &b->ints_capacity, need, sizeof *b->ints);
    /* b->sets does not move while merging: builder_set is called after. */
    int *rules = b->ints, n = 0, i = 0, j = 0;
    while (i < x->count || j < y->count) {
        if (i < x->count && j < y->count && x->rules[i] == y->rules[j]) {
            rules[n++] = x->rules[i];    /* a winner of both halves: none of either beats it */
            i++;
            j++;
            continue;
        }
        int from_x = j == y->count || (i < x->count && x->rules[i] < y->rules[j]);
        int next = from_x ? x->rules[i++] : y->rules[j++];
        const struct rule_set *other = from_x ? y : x;
        int beaten = 0;
        for (int k = 0; k < other->count && !beaten; k++)
            beaten = builder_beats(b, other->rules[k], next);
        if (!beaten)
            rules[n++] = next;
    }
    return builder_set(b, rules, n);
}

/* OP_ADD: x (a diagram of rule sets) with the rule extra added where y (0/1) is true. */
static dd_ref op_add(void *context, dd_ref x, dd_ref y, int extra)
{
    struct builder *b = context;
    if (y == DD_FALSE)
        return x;
    if (DD_IS_TERMINAL(x) && y == DD_TRUE) {
        int single[1] = { extra };
        return DD_TERMINAL(builder_set_union(b, DD_TERMINAL_OF(x), builder_set(b, single, 1)));
    }
    return DD_NONE;
}

/* OP_UNION: pointwise union of two diagrams of rule sets. */
static dd_ref op_union(void *context, dd_ref x, dd_ref y, int extra)
{
    struct builder *b = context;
    (void)extra;
    if (x == y || y == DD_TERMINAL(b->empty_set))
        return x;
    if (x == DD_TERMINAL(b->empty_set))
        return y;
    if (DD_IS_TERMINAL(x) && DD_IS_TERMINAL(y))
        return DD_TERMINAL(builder_set_union(b, DD_TERMINAL_OF(x), DD_TERMINAL_OF(y)));
    return DD_NONE;
}

static int rule_outcome_equal(const struct check_rule *x, const struct check_rule *y)
{
    if (x->outcome != y->outcome || x->nassigns != y->nassigns)
        return 0;
    if (x->outcome != RULEC_OUTCOME_DECIDED)
        return strcmp(x->reason, y->reason) == 0;
    for (int i = 0; i < x->nassigns; i++) {
        const struct rulec_assign *p = &x->assigns[i], *q = &y->assigns[i];
        if (p->output != q->output || p->kind != q->kind || p->var != q->var
            || p->value != q->value)
            return 0;
    }
    return 1;
}

/* Which rules rank with 'exception to all' ones: those declared so, and every rule that is an
 * exception, through any chain of 'exception to', to one of them. Found backwards from the
 * declared ones over the reversed 'exception to' edges, in time linear in the declarations.
 * Over the same edges, each rule's height (builder_beats): 0 for a rule that is an exception
 * to none, else one more than the highest of those it is an exception to. */
static void diagram_rank(struct diagram *d, int *height)
{
    const struct check_model *model = d->model;
    int n = model->nrules;
    d->high = arena_calloc(d->arena, (size_t)n + 1, 1);
    int *count = arena_heap_calloc((size_t)n + 1, sizeof *count);
    for (int r = 0; r < n; r++)
        for (int i = 0; i < model->rules[r].nexceptions; i++)
            count[model->rules[r].exceptions[i]]++;
    int *first = arena_heap_calloc((size_t)n + 2, sizeof *first);
    for (int r = 0; r < n; r++)
        first[r + 1] = first[r] + count[r];
    int *by = arena_heap_calloc((size_t)first[n] + 1, sizeof *by);   /* who names r */
    for (int r = 0; r < n; r++)
        count[r] = first[r];
    for (int r = 0; r < n; r++)
        for (int i = 0; i < model->rules[r].nexceptions; i++)
            by[count[model->rules[r].exceptions[i]]++] = r;
    int *queue = count, top = 0;   /* count is no longer needed */
    for (int r = 0; r < n; r++)
        if (model->rules[r].exception_to_all) {
            d->high[r] = 1;
            queue[top++] = r;
        }
    while (top) {
        int r = queue[--top];
        for (int i = first[r]; i < first[r + 1]; i++)
            if (!d->high[by[i]]) {
                d->high[by[i]] = 1;
                queue[top++] = by[i];
            }
    }
    /* Heights, from the rules that are an exception to none up the reversed edges (Kahn's
     * order): a rule's comes after those of all the rules it is an exception to. */
    int *waiting = arena_heap_calloc((size_t)n + 1, sizeof *waiting);
    for (int r = 0; r < n; r++) {
        height[r] = 0;
        waiting[r] = model->rules[r].nexceptions;
        if (waiting[r] == 0)
            queue[top++] = r;
    }
    while (top) {
        int r = queue[--top];
        for (int i = first[r]; i < first[r + 1]; i++) {
            if (height[by[i]] < height[r] + 1)
                height[by[i]] = height[r] + 1;
            if (--waiting[by[i]] == 0)
                queue[top++] = by[i];
        }
    }
    free(waiting);
    free(count);
    free(first);
    free(by);
}

/* The outcome terminal of a region's winners (a set that builder_set_union made, or one rule,
 * or none). */
static int diagram_resolve_set(struct builder *b, int set_id)
{
    if (b->resolved[set_id] >= 0)
        return b->resolved[set_id];
    struct diagram *d = b->d;
    const int *winners = b->sets[set_id].rules;
    int nwinners = b->sets[set_id].count;
    int terminal;
    if (nwinners == 0) {    /* no rule applies (exceptions are acyclic: someone always wins) */
        terminal = d->gap;
    } else {
        /* The first winner that disagrees with the first names the conflict: the same
         * pair met in other regions (with other rules agreeing alongside) is one conflict. */
        int second = -1;
        for (int i = 1; i < nwinners && second < 0; i++)
            if (!rule_outcome_equal(&d->model->rules[winners[0]], &d->model->rules[winners[i]]))
                second = winners[i];
        int same = -1;
        for (int k = 0; k < d->nconflicts && same < 0 && second >= 0; k++)
            if (d->conflicts[k].first == winners[0] && d->conflicts[k].second == second)
                same = k;
        if (second < 0) {
            terminal = winners[0];
        } else if (same >= 0) {
            terminal = d->gap + 1 + same;
        } else {
            struct diagram_conflict *conflicts = arena_alloc(d->arena, sizeof *conflicts
                                                             * (size_t)(d->nconflicts + 1));
            if (d->nconflicts)
                memcpy(conflicts, d->conflicts, sizeof *conflicts * (size_t)d->nconflicts);
            d->conflicts = conflicts;
            struct diagram_conflict *conflict = &d->conflicts[d->nconflicts];
            conflict->first = winners[0];
            conflict->second = second;
            conflict->nrules = nwinners;
            conflict->rules = arena_alloc(d->arena, sizeof *winners * (size_t)nwinners);
            memcpy(conflict->rules, winners, sizeof *winners * (size_t)nwinners);
            terminal = d->gap + 1 + d->nconflicts++;
        }
    }
    /* sets may have grown meanwhile: index, never a saved pointer. */
    b->resolved[set_id] = terminal;
    return terminal;
}

/* OP_RESOLVE: each rule set becomes its outcome. */
static dd_ref op_resolve(void *context, dd_ref x, dd_ref y, int extra)
{
    (void)y;
    (void)extra;
    if (DD_IS_TERMINAL(x))
        return DD_TERMINAL(diagram_resolve_set(context, DD_TERMINAL_OF(x)));
    return DD_NONE;
}

/* OP_MERGE: pointwise, the same answer, or "the input extra is missing". */
static dd_ref op_merge(void *context, dd_ref x, dd_ref y, int extra)
{
    struct builder *b = context;
    if (x == y)
        return x;
    if (DD_IS_TERMINAL(x) && DD_IS_TERMINAL(y))
        return DD_TERMINAL(b->d->missing + extra);
    return DD_NONE;
}

/* The diagram with an "absent" cell (the store's extra cell) at every node. Its child is the
 * pointwise merge of the other children: where they all give one answer, an absent input does
 * not matter and that is the answer; where they differ, the input is missing. So a claim gets
 * a decision exactly when every completion of its absent inputs gets that same decision,
 * whatever the variable order. (A derived value is absent with its inputs; merging over its
 * cells as well as theirs counts some impossible completions, which can only ask for an
 * input, never change a decision. A bounded integer's impossible values are not counted.) */
static diagram_ref diagram_extend_node(struct builder *b, diagram_ref ref, diagram_ref *memo)
{
    struct dd *dd = &b->d->dd;
    if (DD_IS_TERMINAL(ref))
        return ref;
    if (memo[ref] != 0)
        return memo[ref] - 3;
    int var = dd->nodes[ref].var, count = dd->nodes[ref].nedges;
    struct dd_edge *edges = arena_heap_calloc((size_t)count + 1, sizeof *edges);
    for (int k = 0; k < count; k++) {
        edges[k].start = dd->edges[dd->nodes[ref].first_edge + (uint32_t)k].start;
        edges[k].child = diagram_extend_node(b, dd->edges[dd->nodes[ref].first_edge
                                                          + (uint32_t)k].child, memo);
    }
    /* A bounded integer's cells outside its declared range hold no claim (a rule that tests
     * a count below 0 of a count of at least 0): left out of the merge, they never make the
     * input needed. */
    const struct check_var *v = &b->d->model->vars[var];
    diagram_ref absent = DD_NONE;
    for (int k = 0; k < count; k++) {
        if (v->low != INT32_MIN || v->high != INT32_MAX) {
            int32_t low, high, unused;
            diagram_cell_bounds(v, edges[k].start, &low, &unused);
            diagram_cell_bounds(v, (k + 1 < count ? edges[k + 1].start : b->d->cells[var]) - 1,
                                &unused, &high);
            if (high < v->low || low > v->high)
                continue;
        }
        absent = absent == DD_NONE ? edges[k].child
                                   : dd_apply(dd, &b->merge, absent, edges[k].child, var);
    }
    edges[count].start = b->d->cells[var];
    edges[count].child = absent;
    diagram_ref result = dd_make(dd, var, edges, count + 1);
    free(edges);
    memo[ref] = result + 3;
    return result;
}

static diagram_ref diagram_extend(struct builder *b, diagram_ref root)
{
    /* Old node -> new ref + 3, so that 0 means "not yet"; only nodes that exist now. */
    diagram_ref *memo = arena_heap_calloc((size_t)b->d->dd.nnodes + 1, sizeof *memo);
    diagram_ref result = diagram_extend_node(b, root, memo);
    free(memo);
    return result;
}

static void diagram_count_vars(const struct check_cond *cond, int *seen, int rule)
{
    if (cond->kind == CHECK_COND_TEST)
        seen[cond->var] = rule + 1;
    for (int i = 0; i < cond->nchildren; i++)
        diagram_count_vars(cond->children[i], seen, rule);
}

struct diagram_score {
    int var;
    long score;
};

static int diagram_by_score(const void *a, const void *b)
{
    const struct diagram_score *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->var > y->var) - (x->var < y->var);
}

/* The variable order: a variable read by a rule that is an exception to all rules splits every
 * claim, so it goes first; then the more rules read a variable, the higher it goes; ties keep
 * the declaration order. Fewer nodes, and shorter walks (ramq2018, when this was written: 66
 * nodes in declaration order, 26 in this one). */
static void diagram_order(struct diagram *d)
{
    const struct check_model *model = d->model;
    int nvars = model->nvars;
    int *seen = arena_heap_calloc((size_t)nvars + 1, sizeof *seen);
    struct diagram_score *scores = arena_heap_calloc((size_t)nvars + 1, sizeof *scores);
    for (int v = 0; v < nvars; v++)
        scores[v].var = v;
    for (int r = 0; r < model->nrules; r++) {
        const struct check_rule *rule = &model->rules[r];
        diagram_count_vars(rule->when, seen, r);
        for (int v = 0; v < nvars; v++)
            if (seen[v] == r + 1)
                scores[v].score += rule->exception_to_all ? model->nrules + 1L : 1;
    }
    qsort(scores, (size_t)nvars, sizeof *scores, diagram_by_score);
    d->level = arena_calloc(d->arena, (size_t)nvars + 1, sizeof *d->level);
    for (int i = 0; i < nvars; i++)
        d->level[scores[i].var] = i;
    free(seen);
    free(scores);
}

/* Each rule's region as a diagram of rule sets, then unions in a balanced tree: adding the
 * rules one by one to one growing diagram would rebuild a wide node (a date that every rule
 * cuts) once per rule, quadratic in time and memory; pairwise, log N times. */
static diagram_ref diagram_applicable(struct builder *b)
{
    const struct check_model *model = b->d->model;
    diagram_ref *parts = arena_heap_calloc((size_t)model->nrules + 1, sizeof *parts);
    for (int r = 0; r < model->nrules; r++) {
        /* The rule's set where its condition holds, the empty set elsewhere: made as the
         * chain it is when it can be, else folded as 0/1 and then mapped. */
        int single[1] = { r };
        dd_ref set = DD_TERMINAL(builder_set(b, single, 1));
        parts[r] = diagram_conjunction(b->d, model->rules[r].when, set,
                                       DD_TERMINAL(b->empty_set));
        if (parts[r] == DD_NONE)
            parts[r] = dd_apply(&b->d->dd, &b->add, DD_TERMINAL(b->empty_set),
                                diagram_condition(b->d, model->rules[r].when), r);
    }
    /* The last levels merge a few large parts, each leaving behind nodes that no part reaches
     * any more, as many as the parts hold: the store is compacted after each of them (at
     * 100,000 rules with every rule a date of its own, 206 MB at the peak where it is 192,
     * for no measurable time). Before, the parts are most of the store. */
    int nparts = model->nrules;
    while (nparts > 1) {
        int merged = 0;
        for (int i = 0; i < nparts; i += 2)
            parts[merged++] = i + 1 < nparts ? dd_apply(&b->d->dd, &b->set_union, parts[i],
                                                        parts[i + 1], 0)
                                             : parts[i];
        nparts = merged;
        if (nparts > 1 && nparts <= 16 && b->d->dd.nnodes > 65536)
            dd_compact(&b->d->dd, parts, nparts);
    }
    diagram_ref policy = nparts ? parts[0] : DD_TERMINAL(b->empty_set);
    free(parts);
    return policy;
}

struct diagram *diagram_build(struct arena *arena, const struct check_model *model)
{
    struct diagram *d = arena_calloc(arena, 1, sizeof *d);
    d->model = model;
    d->arena = arena;
    d->cells = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *d->cells);
    d->nominal = arena_calloc(arena, (size_t)model->nvars + 1, 1);
    for (int v = 0; v < model->nvars; v++) {
        const struct check_var *var = &model->vars[v];
        d->nominal[v] = var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM;
        d->cells[v] = var->type == RULEC_TYPE_BOOL ? 2
                      : var->type == RULEC_TYPE_ENUM ? var->nmembers : var->ncuts + 1;
    }
    d->gap = model->nrules;
    diagram_order(d);
    int *height = arena_heap_calloc((size_t)model->nrules + 1, sizeof *height);
    diagram_rank(d, height);
    dd_init(&d->dd, model->nvars, d->cells, d->level, d->nominal, (size_t)model->nrules * 64);

    struct builder builder;
    memset(&builder, 0, sizeof builder);
    struct builder *b = &builder;
    b->d = d;
    b->add = (struct dd_op){ OP_ADD, op_add, b };
    b->set_union = (struct dd_op){ OP_UNION, op_union, b };
    b->resolve = (struct dd_op){ OP_RESOLVE, op_resolve, b };
    b->merge = (struct dd_op){ OP_MERGE, op_merge, b };
    b->expanded = arena_heap_calloc((size_t)model->nrules + 1, sizeof *b->expanded);
    b->queue = arena_heap_calloc((size_t)model->nrules + 1, sizeof *b->queue);
    b->height = height;
    b->empty_set = builder_set(b, NULL, 0);

    diagram_ref policy = diagram_applicable(b);
    b->resolved = arena_heap_calloc((size_t)b->nsets, sizeof *b->resolved);
    for (int s = 0; s < b->nsets; s++)
        b->resolved[s] = -1;
    d->root = dd_apply(&d->dd, &b->resolve, policy, DD_FALSE, 0);
    d->missing = d->gap + 1 + d->nconflicts;
    d->root_with_absent = diagram_extend(b, d->root);
    diagram_ref roots[2] = { d->root, d->root_with_absent };
    dd_compact(&d->dd, roots, 2);
    if (d->dd.memo_capacity > (1u << 16))
        dd_memo_resize(&d->dd, 1u << 16);   /* what is asked after needs less */
    d->root = roots[0];
    d->root_with_absent = roots[1];

    free(b->expanded);
    free(b->queue);
    free(b->height);
    free(b->ints);
    free(b->sets);
    free(b->set_hash);
    free(b->resolved);
    return d;
}

void diagram_free(struct diagram *diagram)
{
    if (diagram)
        dd_free(&diagram->dd);
}

/* OP_WHERE: x's terminal where y (0/1) is true, DIAGRAM_ELSEWHERE where it is false. */
static dd_ref op_where(void *context, dd_ref x, dd_ref y, int extra)
{
    (void)context;
    (void)extra;
    if (y == DD_FALSE)
        return DD_TERMINAL(DIAGRAM_ELSEWHERE);
    if (y == DD_TRUE && DD_IS_TERMINAL(x))
        return x;
    return DD_NONE;
}

diagram_ref diagram_where(struct diagram *d, diagram_ref root, const struct check_cond *cond)
{
    struct dd_op where = { OP_WHERE, op_where, NULL };
    return dd_apply(&d->dd, &where, root, diagram_condition(d, cond), 0);
}

static dd_ref diagram_is_terminal(void *context, int terminal)
{
    return terminal == *(const int *)context ? DD_TRUE : DD_FALSE;
}

diagram_ref diagram_indicator(struct diagram *d, diagram_ref root, int terminal)
{
    return dd_map(&d->dd, root, diagram_is_terminal, &terminal);
}

int diagram_first_var(const struct diagram *diagram)
{
    return DIAGRAM_IS_TERMINAL(diagram->root) ? -1 : (int)diagram->dd.nodes[diagram->root].var;
}
