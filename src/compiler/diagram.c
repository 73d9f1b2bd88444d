/* src/compiler/diagram.c — builds the reduced ordered decision diagram of a policy.
 * Part of rulec; see README.md for the licence.
 *
 * Each rule's condition becomes a 0/1 diagram over variable cells; the policy diagram maps
 * every region to the set of rules that apply there (its terminals are interned rule sets);
 * a last pass maps each set to its winner after exceptions, the gap, or a conflict. Because
 * nodes are shared (hash-consed), the cost follows the number of distinct sub-decisions,
 * not the product of all partitions.
 *
 * Deviation from STYLE.md (one arena): the node, child and memo tables grow by doubling and
 * live in malloc'd memory released by diagram_free, since doubling inside an arena would
 * keep every outgrown copy until the end of the compilation. */
#include "diagram.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum diagram_op { OP_AND, OP_OR, OP_NOT, OP_ADD, OP_UNION, OP_RESOLVE, OP_MERGE };

#define FALSE_REF DIAGRAM_TERMINAL(0)
#define TRUE_REF DIAGRAM_TERMINAL(1)

struct memo_entry {
    uint32_t generation;
    int op;
    diagram_ref a, b;
    int extra;
    diagram_ref result;
};

struct rule_set {
    int count;
    int *rules;        /* ascending */
};

struct builder {
    struct diagram *d;
    struct memo_entry *memo;
    uint32_t memo_capacity, generation;
    struct rule_set *sets;
    int nsets, sets_capacity;
    uint32_t *set_hash;          /* index + 1, 0 empty */
    uint32_t set_hash_capacity;
    struct diagram_edge *scratch;   /* edges being built, a stack of frames */
    size_t scratch_top, scratch_capacity;
    int *resolved;               /* set id -> outcome terminal, -1 not yet */
    uint32_t *visit;             /* rule -> stamp, for exception searches */
    uint32_t visit_stamp;
    int *stack;                  /* nrules + 1, for exception searches */
    int *ints;                   /* scratch for building a rule set */
    int empty_set;               /* the id of the set of no rule */
    size_t ints_capacity;
};

static void *diagram_grow(void *array, size_t *capacity, size_t need, size_t size)
{
    if (need <= *capacity)
        return array;
    size_t capacity_new = *capacity ? *capacity : 64;
    while (capacity_new < need)
        capacity_new *= 2;
    *capacity = capacity_new;
    return arena_heap_realloc(array, capacity_new, size);
}

static uint32_t diagram_mix(uint32_t hash, uint32_t value)
{
    hash ^= value + 0x9e3779b9u + (hash << 6) + (hash >> 2);
    return hash;
}

static uint32_t diagram_node_hash(int var, const struct diagram_edge *edges, int count)
{
    uint32_t hash = (uint32_t)var * 2654435761u;
    for (int i = 0; i < count; i++)
        hash = diagram_mix(diagram_mix(hash, (uint32_t)edges[i].start), (uint32_t)edges[i].child);
    return hash;
}

static void diagram_rehash(struct diagram *d)
{
    uint32_t capacity = d->unique_capacity ? d->unique_capacity * 2 : 1024;
    uint32_t *table = arena_heap_calloc(capacity, sizeof *table);
    for (uint32_t n = 0; n < d->nnodes; n++) {
        const struct diagram_node *node = &d->nodes[n];
        uint32_t i = diagram_node_hash(node->var, d->edges + node->first_edge, node->nedges)
                     & (capacity - 1);
        while (table[i])
            i = (i + 1) & (capacity - 1);
        table[i] = n + 1;
    }
    free(d->unique);
    d->unique = table;
    d->unique_capacity = capacity;
}

/* The node (var, edges), shared if it exists. edges are in order of start, the first at 0;
 * they are made canonical here: neighbours with one child become one edge (never the absent
 * edge, at cells[var]), and a node whose edges all have one child is that child (the
 * reduction rule). edges may be rewritten. */
static diagram_ref diagram_make(struct diagram *d, int var, struct diagram_edge *edges, int count)
{
    int n = 0;
    for (int i = 0; i < count; i++) {
        if (n > 0 && edges[n - 1].child == edges[i].child && edges[i].start < d->cells[var])
            continue;
        edges[n++] = edges[i];
    }
    count = n;
    int all_same = 1;
    for (int i = 1; i < count && all_same; i++)
        all_same = edges[i].child == edges[0].child;
    if (all_same)
        return edges[0].child;
    if ((d->nnodes + 1) * 2 > d->unique_capacity)
        diagram_rehash(d);
    uint32_t mask = d->unique_capacity - 1;
    uint32_t i = diagram_node_hash(var, edges, count) & mask;
    for (; d->unique[i]; i = (i + 1) & mask) {
        const struct diagram_node *node = &d->nodes[d->unique[i] - 1];
        if (node->var == var && node->nedges == count
            && memcmp(d->edges + node->first_edge, edges, sizeof *edges * (size_t)count) == 0)
            return (diagram_ref)(d->unique[i] - 1);
    }
    size_t nodes_capacity = d->nodes_capacity, edges_capacity = d->edges_capacity;
    d->nodes = diagram_grow(d->nodes, &nodes_capacity, d->nnodes + 1, sizeof *d->nodes);
    d->edges = diagram_grow(d->edges, &edges_capacity, d->nedges + (size_t)count,
                            sizeof *d->edges);
    d->nodes_capacity = (uint32_t)nodes_capacity;
    d->edges_capacity = (uint32_t)edges_capacity;
    /* edges may point into d->edges only through the scratch stack, never directly. */
    memcpy(d->edges + d->nedges, edges, sizeof *edges * (size_t)count);
    struct diagram_node *node = &d->nodes[d->nnodes];
    node->var = var;
    node->nedges = count;
    node->first_edge = d->nedges;
    d->nedges += (uint32_t)count;
    d->unique[i] = d->nnodes + 1;
    return (diagram_ref)d->nnodes++;
}

int diagram_edge_last(const struct diagram *d, const struct diagram_node *node, int k)
{
    int start = d->edges[node->first_edge + (uint32_t)k].start;
    if (start >= d->cells[node->var])
        return start;
    if (k + 1 < node->nedges)
        return d->edges[node->first_edge + (uint32_t)k + 1].start - 1;
    return d->cells[node->var] - 1;
}

diagram_ref diagram_child(const struct diagram *d, diagram_ref ref, int var, int cell)
{
    if (DIAGRAM_IS_TERMINAL(ref) || d->nodes[ref].var != var)
        return ref;
    const struct diagram_node *node = &d->nodes[ref];
    /* The last edge that starts at or before cell. */
    int low = 0, high = node->nedges - 1;
    while (low < high) {
        int middle = low + (high - low + 1) / 2;
        if (d->edges[node->first_edge + (uint32_t)middle].start <= cell)
            low = middle;
        else
            high = middle - 1;
    }
    return d->edges[node->first_edge + (uint32_t)low].child;
}

void diagram_cell_bounds(const struct check_var *var, int cell, int32_t *low, int32_t *high)
{
    *low = cell == 0 ? INT32_MIN : var->cuts[cell - 1];
    *high = cell == var->ncuts ? INT32_MAX : var->cuts[cell] - 1;
}

static struct diagram_edge *builder_reserve(struct builder *b, int count, size_t *frame)
{
    b->scratch = diagram_grow(b->scratch, &b->scratch_capacity, b->scratch_top + (size_t)count,
                              sizeof *b->scratch);
    *frame = b->scratch_top;
    b->scratch_top += (size_t)count;
    return b->scratch + *frame;
}

static diagram_ref diagram_test(struct builder *b, const struct check_cond *cond)
{
    struct diagram *d = b->d;
    const struct check_var *var = &d->model->vars[cond->var];
    int count = d->cells[cond->var];
    size_t frame;
    int n = 0;
    if (var->type == RT_TYPE_INT || var->type == RT_TYPE_DATE) {
        /* The cells inside the range: from the cell of low to the cell of high (whole cells,
         * as the cut points include every bound a test names). At most three edges. */
        int first = cond->low == INT32_MIN ? 0
                    : (int)rt_count_le(var->cuts, (uint32_t)var->ncuts, cond->low);
        int last = cond->high == INT32_MAX ? count - 1
                   : (int)rt_count_le(var->cuts, (uint32_t)var->ncuts, cond->high);
        int32_t low, high;
        diagram_cell_bounds(var, first, &low, &high);
        first += low < cond->low;                    /* only whole cells are inside */
        diagram_cell_bounds(var, last, &low, &high);
        last -= high > cond->high;
        struct diagram_edge *edges = builder_reserve(b, 3, &frame);
        if (first > last) {
            edges[n++] = (struct diagram_edge){ 0, FALSE_REF };
        } else {
            if (first > 0)
                edges[n++] = (struct diagram_edge){ 0, FALSE_REF };
            edges[n++] = (struct diagram_edge){ first, TRUE_REF };
            if (last < count - 1)
                edges[n++] = (struct diagram_edge){ last + 1, FALSE_REF };
        }
    } else {
        struct diagram_edge *edges = builder_reserve(b, count, &frame);
        for (int cell = 0; cell < count; cell++)
            edges[n++] = (struct diagram_edge){ cell, cond->members >> cell & 1 ? TRUE_REF
                                                                              : FALSE_REF };
    }
    diagram_ref result = diagram_make(d, cond->var, b->scratch + frame, n);
    b->scratch_top = frame;
    return result;
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
        hash = diagram_mix(hash, (uint32_t)rules[i]);
    return hash;
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
    b->sets = diagram_grow(b->sets, &capacity, (size_t)b->nsets + 1, sizeof *b->sets);
    b->sets_capacity = (int)capacity;
    struct rule_set *set = &b->sets[b->nsets];
    set->count = count;
    set->rules = arena_alloc(b->d->arena, sizeof *rules * (size_t)(count ? count : 1));
    if (count)
        memcpy(set->rules, rules, sizeof *rules * (size_t)count);
    b->set_hash[i] = (uint32_t)b->nsets + 1;
    return b->nsets++;
}

static int builder_set_add(struct builder *b, int set_id, int rule)
{
    const struct rule_set *set = &b->sets[set_id];
    int count = set->count;
    b->ints = diagram_grow(b->ints, &b->ints_capacity, (size_t)count + 1, sizeof *b->ints);
    int *rules = b->ints;
    int n = 0;
    for (int i = 0; i < count; i++) {
        if (set->rules[i] > rule && (n == i))
            rules[n++] = rule;
        rules[n++] = set->rules[i];
    }
    if (n == count)
        rules[n++] = rule;
    return builder_set(b, rules, n);
}

/* The union of two rule sets. */
static int builder_set_union(struct builder *b, int x_id, int y_id)
{
    const struct rule_set *x = &b->sets[x_id], *y = &b->sets[y_id];
    size_t need = (size_t)x->count + (size_t)y->count + 1;
    b->ints = diagram_grow(b->ints, &b->ints_capacity, need, sizeof *b->ints);
    /* b->sets does not move while merging: builder_set is called after. */
    int *rules = b->ints, n = 0, i = 0, j = 0;
    while (i < x->count || j < y->count) {
        int next = j == y->count || (i < x->count && x->rules[i] <= y->rules[j]) ? x->rules[i++]
                                                                                  : y->rules[j++];
        if (n == 0 || rules[n - 1] != next)
            rules[n++] = next;
    }
    return builder_set(b, rules, n);
}

static struct memo_entry *builder_memo(struct builder *b, int op, diagram_ref x, diagram_ref y,
                                       int extra)
{
    uint32_t hash = diagram_mix(diagram_mix(diagram_mix((uint32_t)op, (uint32_t)x),
                                            (uint32_t)y), (uint32_t)extra);
    return &b->memo[hash & (b->memo_capacity - 1)];
}

static int diagram_resolve_set(struct builder *b, int set_id);

/* The binary and unary operations, with a lossy memo (a cache of the latest result per
 * slot, as in BDD packages): a miss only costs recomputation. */
static diagram_ref diagram_apply(struct builder *b, int op, diagram_ref x, diagram_ref y, int extra)
{
    struct diagram *d = b->d;
    switch (op) {
    case OP_AND:
        if (x == FALSE_REF || y == FALSE_REF)
            return FALSE_REF;
        if (x == TRUE_REF || x == y)
            return y;
        if (y == TRUE_REF)
            return x;
        break;
    case OP_OR:
        if (x == TRUE_REF || y == TRUE_REF)
            return TRUE_REF;
        if (x == FALSE_REF || x == y)
            return y;
        if (y == FALSE_REF)
            return x;
        break;
    case OP_NOT:
        if (DIAGRAM_IS_TERMINAL(x))
            return x == TRUE_REF ? FALSE_REF : TRUE_REF;
        break;
    case OP_ADD:
        if (y == FALSE_REF)
            return x;
        if (DIAGRAM_IS_TERMINAL(x) && y == TRUE_REF)
            return DIAGRAM_TERMINAL(builder_set_add(b, DIAGRAM_TERMINAL_OF(x), extra));
        break;
    case OP_UNION:
        if (x == y || y == DIAGRAM_TERMINAL(b->empty_set))
            return x;
        if (x == DIAGRAM_TERMINAL(b->empty_set))
            return y;
        if (DIAGRAM_IS_TERMINAL(x) && DIAGRAM_IS_TERMINAL(y))
            return DIAGRAM_TERMINAL(builder_set_union(b, DIAGRAM_TERMINAL_OF(x),
                                                      DIAGRAM_TERMINAL_OF(y)));
        break;
    case OP_RESOLVE:
        if (DIAGRAM_IS_TERMINAL(x))
            return DIAGRAM_TERMINAL(diagram_resolve_set(b, DIAGRAM_TERMINAL_OF(x)));
        break;
    case OP_MERGE:
        /* Pointwise: the same answer, or "the input extra is missing". */
        if (x == y)
            return x;
        if (DIAGRAM_IS_TERMINAL(x) && DIAGRAM_IS_TERMINAL(y))
            return DIAGRAM_TERMINAL(d->missing + extra);
        break;
    default:
        break;
    }
    struct memo_entry *entry = builder_memo(b, op, x, y, extra);
    if (entry->generation == b->generation && entry->op == op && entry->a == x && entry->b == y
        && entry->extra == extra)
        return entry->result;

    int var_x = DIAGRAM_IS_TERMINAL(x) ? -1 : d->nodes[x].var;
    int var_y = DIAGRAM_IS_TERMINAL(y) ? -1 : d->nodes[y].var;
    int level_x = var_x < 0 ? INT_MAX : d->level[var_x];
    int level_y = var_y < 0 ? INT_MAX : d->level[var_y];
    int var = level_x <= level_y ? var_x : var_y;
    /* The edges of x and y over var (one edge covering every cell for a side that does not
     * test it), walked together: each piece where both are constant gets one child. Edges
     * are read by index, since building children may move d->edges. */
    int nx = var_x == var ? d->nodes[x].nedges : 1, ny = var_y == var ? d->nodes[y].nedges : 1;
    uint32_t fx = var_x == var ? d->nodes[x].first_edge : 0;
    uint32_t fy = var_y == var ? d->nodes[y].first_edge : 0;
    size_t frame;
    builder_reserve(b, nx + ny, &frame);
    int n = 0;
    for (int i = 0, j = 0;;) {
        struct diagram_edge ex = var_x == var ? d->edges[fx + (uint32_t)i]
                                              : (struct diagram_edge){ 0, x };
        struct diagram_edge ey = var_y == var ? d->edges[fy + (uint32_t)j]
                                              : (struct diagram_edge){ 0, y };
        diagram_ref child = diagram_apply(b, op, ex.child, ey.child, extra);
        b->scratch[frame + (size_t)n].start = ex.start > ey.start ? ex.start : ey.start;
        b->scratch[frame + (size_t)n].child = child;
        n++;
        int32_t next_x = i + 1 < nx ? d->edges[fx + (uint32_t)i + 1].start : INT32_MAX;
        int32_t next_y = j + 1 < ny ? d->edges[fy + (uint32_t)j + 1].start : INT32_MAX;
        if (next_x == INT32_MAX && next_y == INT32_MAX)
            break;
        i += next_x <= next_y;
        j += next_y <= next_x;
    }
    diagram_ref result = diagram_make(d, var, b->scratch + frame, n);
    b->scratch_top = frame;

    entry = builder_memo(b, op, x, y, extra);
    entry->generation = b->generation;
    entry->op = op;
    entry->a = x;
    entry->b = y;
    entry->extra = extra;
    entry->result = result;
    return result;
}

static diagram_ref diagram_condition(struct builder *b, const struct check_cond *cond)
{
    switch (cond->kind) {
    case CHECK_COND_TRUE:
        return TRUE_REF;
    case CHECK_COND_TEST:
        return diagram_test(b, cond);
    case CHECK_COND_NOT:
        return diagram_apply(b, OP_NOT, diagram_condition(b, cond->left), FALSE_REF, 0);
    default: {
        diagram_ref left = diagram_condition(b, cond->left);
        diagram_ref right = diagram_condition(b, cond->right);
        return diagram_apply(b, cond->kind == CHECK_COND_AND ? OP_AND : OP_OR, left, right, 0);
    }
    }
}

/* Does rule `over` win against rule `under` when both apply? Catala's default logic: an
 * exception wins, and so does an exception to an exception (the relation is transitive);
 * a rule declared "exception to all" wins against every rule not so declared. */
static int builder_overrides(struct builder *b, int over, int under)
{
    const struct check_model *model = b->d->model;
    int stack_size = 0;
    int *stack = b->stack;
    b->visit_stamp++;
    stack[stack_size++] = over;
    b->visit[over] = b->visit_stamp;
    int found = 0;
    while (stack_size && !found) {
        int rule = stack[--stack_size];
        const struct check_rule *r = &model->rules[rule];
        if (r->exception_to_all && !model->rules[under].exception_to_all)
            found = 1;
        for (int i = 0; i < r->nexceptions && !found; i++) {
            int next = r->exceptions[i];
            if (next == under)
                found = 1;
            else if (b->visit[next] != b->visit_stamp) {
                b->visit[next] = b->visit_stamp;
                stack[stack_size++] = next;
            }
        }
    }
    return found;
}

static int rule_outcome_equal(const struct check_rule *x, const struct check_rule *y)
{
    if (x->outcome != y->outcome || x->nassigns != y->nassigns)
        return 0;
    if (x->outcome != RT_OUTCOME_DECIDED)
        return strcmp(x->reason, y->reason) == 0;
    for (int i = 0; i < x->nassigns; i++) {
        const struct rt_assign *p = &x->assigns[i], *q = &y->assigns[i];
        if (p->output != q->output || p->kind != q->kind || p->var != q->var
            || p->value != q->value)
            return 0;
    }
    return 1;
}

/* The outcome terminal of a set of applicable rules. */
static int diagram_resolve_set(struct builder *b, int set_id)
{
    if (b->resolved[set_id] >= 0)
        return b->resolved[set_id];
    struct diagram *d = b->d;
    const struct rule_set *set = &b->sets[set_id];
    int *winners = arena_heap_calloc((size_t)set->count + 1, sizeof *winners);
    int nwinners = 0;
    for (int i = 0; i < set->count; i++) {
        int beaten = 0;
        for (int j = 0; j < set->count && !beaten; j++)
            beaten = i != j && builder_overrides(b, set->rules[j], set->rules[i]);
        if (!beaten)
            winners[nwinners++] = set->rules[i];
    }
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
    free(winners);
    /* sets may have grown meanwhile: index, never a saved pointer. */
    b->resolved[set_id] = terminal;
    return terminal;
}

/* A copy of a diagram rebuilt bottom-up, node by node: diagram_extend and diagram_indicator
 * differ only in what becomes of a terminal and whether a node gains an "absent" child. */
struct rebuild {
    struct diagram *d;
    struct builder *b;           /* set: add the "absent" child, merged by b */
    int terminal;                /* b unset: terminal becomes true, any other false */
    diagram_ref *memo;           /* old node -> new ref + 3, so that 0 means "not yet" */
};

static diagram_ref diagram_rebuild_node(struct rebuild *r, diagram_ref ref)
{
    struct diagram *d = r->d;
    if (DIAGRAM_IS_TERMINAL(ref))
        return r->b ? ref : DIAGRAM_TERMINAL_OF(ref) == r->terminal ? TRUE_REF : FALSE_REF;
    if (r->memo[ref] != 0)
        return r->memo[ref] - 3;
    int var = d->nodes[ref].var, count = d->nodes[ref].nedges, extra = r->b != NULL;
    struct diagram_edge *edges = arena_heap_calloc((size_t)(count + extra), sizeof *edges);
    for (int k = 0; k < count; k++) {
        edges[k].start = d->edges[d->nodes[ref].first_edge + (uint32_t)k].start;
        edges[k].child = diagram_rebuild_node(r, d->edges[d->nodes[ref].first_edge + (uint32_t)k].child);
    }
    if (r->b) {
        diagram_ref absent = edges[0].child;
        for (int k = 1; k < count; k++)
            absent = diagram_apply(r->b, OP_MERGE, absent, edges[k].child, var);
        edges[count].start = d->cells[var];
        edges[count].child = absent;
    }
    diagram_ref result = diagram_make(d, var, edges, count + extra);
    free(edges);
    r->memo[ref] = result + 3;
    return result;
}

static diagram_ref diagram_rebuild(struct diagram *d, struct builder *b, int terminal,
                                   diagram_ref root)
{
    /* New nodes are made as it goes; only the nodes that exist now are ever visited. */
    struct rebuild r = { d, b, terminal, NULL };
    r.memo = arena_heap_calloc((size_t)d->nnodes + 1, sizeof *r.memo);
    diagram_ref result = diagram_rebuild_node(&r, root);
    free(r.memo);
    return result;
}

/* The diagram with an "absent" cell at every node. Its child is the pointwise merge of the
 * other children: where they all give one answer, an absent input does not matter and that is
 * the answer; where they differ, the input is missing. So a claim gets a decision exactly when
 * every completion of its absent inputs gets that same decision, whatever the variable order.
 * (A derived value is absent with its inputs; merging over its cells as well as theirs counts
 * some impossible completions, which can only ask for an input, never change a decision.) */
static diagram_ref diagram_extend(struct builder *b, diagram_ref root)
{
    return diagram_rebuild(b->d, b, -1, root);
}

static void diagram_count_vars(const struct check_cond *cond, int *seen, int rule)
{
    if (!cond)
        return;
    if (cond->kind == CHECK_COND_TEST)
        seen[cond->var] = rule + 1;
    diagram_count_vars(cond->left, seen, rule);
    diagram_count_vars(cond->right, seen, rule);
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

struct diagram *diagram_build(struct arena *arena, const struct check_model *model)
{
    struct diagram *d = arena_calloc(arena, 1, sizeof *d);
    d->model = model;
    d->arena = arena;
    d->cells = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *d->cells);
    for (int v = 0; v < model->nvars; v++) {
        const struct check_var *var = &model->vars[v];
        d->cells[v] = var->type == RT_TYPE_BOOL ? 2
                      : var->type == RT_TYPE_ENUM ? var->nmembers : var->ncuts + 1;
    }
    d->gap = model->nrules;
    diagram_order(d);

    struct builder builder;
    memset(&builder, 0, sizeof builder);
    struct builder *b = &builder;
    b->d = d;
    b->memo_capacity = 1u << 16;
    while (b->memo_capacity < (uint32_t)model->nrules * 64 && b->memo_capacity < (1u << 22))
        b->memo_capacity *= 2;
    b->memo = arena_heap_calloc(b->memo_capacity, sizeof *b->memo);
    b->visit = arena_heap_calloc((size_t)model->nrules + 1, sizeof *b->visit);
    b->stack = arena_heap_calloc((size_t)model->nrules + 1, sizeof *b->stack);
    b->generation = 1;
    b->empty_set = builder_set(b, NULL, 0);
    /* Each rule's region as a diagram of rule sets, then unions in a balanced tree: adding
     * the rules one by one to one growing diagram would rebuild a wide node (a date that
     * every rule cuts) once per rule, quadratic in time and memory; pairwise, log N times. */
    diagram_ref *parts = arena_heap_calloc((size_t)model->nrules + 1, sizeof *parts);
    for (int r = 0; r < model->nrules; r++) {
        diagram_ref condition = diagram_condition(b, model->rules[r].when);
        parts[r] = diagram_apply(b, OP_ADD, DIAGRAM_TERMINAL(b->empty_set), condition, r);
    }
    int nparts = model->nrules;
    while (nparts > 1) {
        int merged = 0;
        for (int i = 0; i < nparts; i += 2)
            parts[merged++] = i + 1 < nparts ? diagram_apply(b, OP_UNION, parts[i], parts[i + 1], 0)
                                             : parts[i];
        nparts = merged;
    }
    diagram_ref policy = nparts ? parts[0] : DIAGRAM_TERMINAL(b->empty_set);
    free(parts);
    b->resolved = arena_heap_calloc((size_t)b->nsets, sizeof *b->resolved);
    for (int s = 0; s < b->nsets; s++)
        b->resolved[s] = -1;
    b->generation++;
    d->root = diagram_apply(b, OP_RESOLVE, policy, FALSE_REF, 0);
    d->missing = d->gap + 1 + d->nconflicts;
    d->root_with_absent = diagram_extend(b, d->root);

    free(b->memo);
    free(b->visit);
    free(b->stack);
    free(b->ints);
    free(b->sets);
    free(b->set_hash);
    free(b->scratch);
    free(b->resolved);
    return d;
}

void diagram_free(struct diagram *diagram)
{
    if (!diagram)
        return;
    free(diagram->nodes);
    free(diagram->edges);
    free(diagram->unique);
    diagram->nodes = NULL;
    diagram->edges = NULL;
    diagram->unique = NULL;
}

diagram_ref diagram_indicator(struct diagram *d, diagram_ref root, int terminal)
{
    return diagram_rebuild(d, NULL, terminal, root);
}
