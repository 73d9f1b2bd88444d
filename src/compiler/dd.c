/* src/compiler/dd.c — the decision-diagram store: hash-consed nodes, apply with a lossy memo,
 * restriction, terminal mapping and path enumeration.
 * Part of rulec; see README.md for the licence.
 *
 * Deviation from STYLE.md (one arena): the node, edge and memo tables grow by doubling and
 * live in malloc'd memory released by dd_free, since doubling inside an arena would keep
 * every outgrown copy until the end of the compilation. */
#include "dd.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hash.h"

enum { DD_OP_AND = 0, DD_OP_OR = 1, DD_OP_NOT = 2 };

struct dd_memo {
    int used;                  /* 0 in a slot never written (the table starts zeroed) */
    int op;
    dd_ref a, b;
    int extra;
    dd_ref result;
};

static uint32_t dd_node_hash(int var, const struct dd_edge *edges, int count)
{
    uint32_t hash = (uint32_t)var * 2654435761u;
    for (int i = 0; i < count; i++)
        hash = hash_mix(hash_mix(hash, (uint32_t)edges[i].start), (uint32_t)edges[i].child);
    return hash_finish(hash);
}

void dd_init(struct dd *dd, int nvars, const int *cells, const int *level,
             const unsigned char *nominal, size_t memo_hint)
{
    memset(dd, 0, sizeof *dd);
    dd->nvars = nvars;
    dd->cells = cells;
    dd->level = level;
    dd->nominal = nominal;
    /* Sized to the work: a 1.5 MB memo cleared for a 17-rule policy was most of the cost of
     * compiling it (and of each input of the rule-file fuzzer). And no larger than 131,072
     * entries (3 MB): at 100,000 rules a memo of a million was 24 MB more at the peak and no
     * faster, its entries rarely met again before they were overwritten (alternating runs,
     * shared and distinct policies, 32K to 1M entries). */
    dd->memo_capacity = 1u << 10;
    while (dd->memo_capacity < memo_hint && dd->memo_capacity < (1u << 17))
        dd->memo_capacity *= 2;
    dd->memo = arena_heap_calloc(dd->memo_capacity, sizeof *dd->memo);
}

void dd_free(struct dd *dd)
{
    free(dd->nodes);
    free(dd->edges);
    free(dd->unique);
    free(dd->memo);
    free(dd->scratch);
    dd->nodes = NULL;
    dd->edges = NULL;
    dd->unique = NULL;
    dd->memo = NULL;
    dd->scratch = NULL;
}

void dd_memo_resize(struct dd *dd, uint32_t capacity)
{
    free(dd->memo);
    dd->memo = NULL;    /* should the calloc run out of memory, dd_free must not free it again */
    dd->memo = arena_heap_calloc(capacity, sizeof *dd->memo);
    dd->memo_capacity = capacity;
}

/* The table of nodes anew, of capacity slots (a power of two, above twice the nodes). */
static void dd_rehash_to(struct dd *dd, uint32_t capacity)
{
    uint32_t *table = arena_heap_calloc(capacity, sizeof *table);
    for (uint32_t n = 0; n < dd->nnodes; n++) {
        const struct dd_node *node = &dd->nodes[n];
        uint32_t i = dd_node_hash(node->var, dd->edges + node->first_edge, node->nedges)
                     & (capacity - 1);
        while (table[i])
            i = (i + 1) & (capacity - 1);
        table[i] = n + 1;
    }
    free(dd->unique);
    dd->unique = table;
    dd->unique_capacity = capacity;
}

static void dd_rehash(struct dd *dd)
{
    dd_rehash_to(dd, dd->unique_capacity ? dd->unique_capacity * 2 : 1024);
}

unsigned char *dd_reached(const struct dd *dd, const dd_ref *roots, int nroots)
{
    unsigned char *reached = arena_heap_calloc((size_t)dd->nnodes + 1, 1);
    for (int r = 0; r < nroots; r++)
        if (!DD_IS_TERMINAL(roots[r]))
            reached[roots[r]] = 1;
    /* A node is made after its children (dd_make takes them made): one pass down the indices
     * marks all that the roots reach. */
    for (uint32_t i = dd->nnodes; i-- > 0;) {
        if (!reached[i])
            continue;
        const struct dd_node *node = &dd->nodes[i];
        for (int e = 0; e < node->nedges; e++) {
            dd_ref child = dd->edges[node->first_edge + (uint32_t)e].child;
            if (!DD_IS_TERMINAL(child))
                reached[child] = 1;
        }
    }
    return reached;
}

void dd_compact(struct dd *dd, dd_ref *roots, int nroots)
{
    uint32_t n = dd->nnodes;
    unsigned char *reached = dd_reached(dd, roots, nroots);
    /* renumber[i]: node i's new index + 1; one pass up moves each node down to its place. */
    uint32_t *renumber = arena_heap_calloc((size_t)n + 1, sizeof *renumber);
    uint32_t nodes = 0, edges = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!reached[i])
            continue;
        struct dd_node node = dd->nodes[i];
        for (int e = 0; e < node.nedges; e++) {
            struct dd_edge edge = dd->edges[node.first_edge + (uint32_t)e];
            if (!DD_IS_TERMINAL(edge.child))
                edge.child = (dd_ref)(renumber[edge.child] - 1);
            dd->edges[edges + (uint32_t)e] = edge;
        }
        node.first_edge = edges;
        edges += (uint32_t)node.nedges;
        dd->nodes[nodes] = node;
        renumber[i] = ++nodes;
    }
    for (int r = 0; r < nroots; r++)
        if (!DD_IS_TERMINAL(roots[r]))
            roots[r] = (dd_ref)(renumber[roots[r]] - 1);
    free(renumber);
    free(reached);
    dd->nnodes = nodes;
    dd->nedges = edges;
    /* Shrunk to what is left, and given back (a large block is mapped on its own). */
    dd->nodes_capacity = nodes + 1;
    dd->nodes = arena_heap_realloc(dd->nodes, dd->nodes_capacity, sizeof *dd->nodes);
    dd->edges_capacity = edges + 1;
    dd->edges = arena_heap_realloc(dd->edges, dd->edges_capacity, sizeof *dd->edges);
    uint32_t capacity = 1024;
    while (capacity < (nodes + 1) * 2)
        capacity *= 2;
    dd_rehash_to(dd, capacity);
    /* The memo's results name old indices. */
    memset(dd->memo, 0, sizeof *dd->memo * dd->memo_capacity);
}

dd_ref dd_make(struct dd *dd, int var, struct dd_edge *edges, int count)
{
    int n = 0;
    for (int i = 0; i < count; i++) {
        if (n > 0 && edges[n - 1].child == edges[i].child && edges[i].start < dd->cells[var])
            continue;
        edges[n++] = edges[i];
    }
    count = n;
    int all_same = 1;
    for (int i = 1; i < count && all_same; i++)
        all_same = edges[i].child == edges[0].child;
    if (all_same)
        return edges[0].child;
    if ((dd->nnodes + 1) * 2 > dd->unique_capacity)
        dd_rehash(dd);
    uint32_t mask = dd->unique_capacity - 1;
    uint32_t i = dd_node_hash(var, edges, count) & mask;
    for (; dd->unique[i]; i = (i + 1) & mask) {
        const struct dd_node *node = &dd->nodes[dd->unique[i] - 1];
        if (node->var == var && node->nedges == count
            && memcmp(dd->edges + node->first_edge, edges, sizeof *edges * (size_t)count) == 0)
            return (dd_ref)(dd->unique[i] - 1);
    }
    size_t nodes_capacity = dd->nodes_capacity, edges_capacity = dd->edges_capacity;
    dd->nodes = arena_heap_grow(dd->nodes, &nodes_capacity, dd->nnodes + 1, sizeof *dd->nodes);
    dd->edges = arena_heap_grow(dd->edges, &edges_capacity, dd->nedges + (size_t)count, sizeof *dd->edges);
    dd->nodes_capacity = (uint32_t)nodes_capacity;
    dd->edges_capacity = (uint32_t)edges_capacity;
    /* edges may point into dd->edges only through the scratch stack, never directly. */
    memcpy(dd->edges + dd->nedges, edges, sizeof *edges * (size_t)count);
    struct dd_node *node = &dd->nodes[dd->nnodes];
    node->var = var;
    node->nedges = count;
    node->first_edge = dd->nedges;
    dd->nedges += (uint32_t)count;
    dd->unique[i] = dd->nnodes + 1;
    return (dd_ref)dd->nnodes++;
}

static size_t dd_reserve(struct dd *dd, int count)
{
    dd->scratch = arena_heap_grow(dd->scratch, &dd->scratch_capacity, dd->scratch_top + (size_t)count,
                          sizeof *dd->scratch);
    size_t frame = dd->scratch_top;
    dd->scratch_top += (size_t)count;
    return frame;
}

/* dd_make over the scratch frame, which it then releases. */
static dd_ref dd_make_frame(struct dd *dd, int var, size_t frame, int count)
{
    dd_ref result = dd_make(dd, var, dd->scratch + frame, count);
    dd->scratch_top = frame;
    return result;
}

dd_ref dd_cells(struct dd *dd, int var, int first, int last, dd_ref inside, dd_ref outside)
{
    size_t frame = dd_reserve(dd, 3);
    struct dd_edge *edges = dd->scratch + frame;
    int n = 0;
    if (first > last) {
        edges[n++] = (struct dd_edge){ 0, outside };
    } else {
        if (first > 0)
            edges[n++] = (struct dd_edge){ 0, outside };
        edges[n++] = (struct dd_edge){ first, inside };
        if (last < dd->cells[var] - 1)
            edges[n++] = (struct dd_edge){ last + 1, outside };
    }
    return dd_make_frame(dd, var, frame, n);
}

/* The last cell of edge k of a node (for the extra cell, the extra cell). */
static int dd_edge_last(const struct dd *dd, const struct dd_node *node, int k)
{
    int start = dd->edges[node->first_edge + (uint32_t)k].start;
    if (start >= dd->cells[node->var])
        return start;
    if (k + 1 < node->nedges) {
        int next = dd->edges[node->first_edge + (uint32_t)k + 1].start;
        return (next > dd->cells[node->var] ? dd->cells[node->var] : next) - 1;
    }
    return dd->cells[node->var] - 1;
}

dd_ref dd_child(const struct dd *dd, dd_ref ref, int var, int cell)
{
    if (DD_IS_TERMINAL(ref) || dd->nodes[ref].var != var)
        return ref;
    const struct dd_node *node = &dd->nodes[ref];
    /* The last edge that starts at or before cell. */
    int low = 0, high = node->nedges - 1;
    while (low < high) {
        int middle = low + (high - low + 1) / 2;
        if (dd->edges[node->first_edge + (uint32_t)middle].start <= cell)
            low = middle;
        else
            high = middle - 1;
    }
    return dd->edges[node->first_edge + (uint32_t)low].child;
}

static struct dd_memo *dd_memo_slot(struct dd *dd, int op, dd_ref x, dd_ref y, int extra)
{
    uint32_t hash = hash_mix(hash_mix(hash_mix((uint32_t)op, (uint32_t)x), (uint32_t)y),
                           (uint32_t)extra);
    return &dd->memo[hash_finish(hash) & (dd->memo_capacity - 1)];
}

static dd_ref dd_boolean(void *context, dd_ref x, dd_ref y, int extra)
{
    int op = *(const int *)context;
    (void)extra;
    switch (op) {
    case DD_OP_AND:
        if (x == DD_FALSE || y == DD_FALSE)
            return DD_FALSE;
        if (x == DD_TRUE || x == y)
            return y;
        if (y == DD_TRUE)
            return x;
        return DD_NONE;
    case DD_OP_OR:
        if (x == DD_TRUE || y == DD_TRUE)
            return DD_TRUE;
        if (x == DD_FALSE || x == y)
            return y;
        if (y == DD_FALSE)
            return x;
        return DD_NONE;
    default:
        if (DD_IS_TERMINAL(x))
            return x == DD_TRUE ? DD_FALSE : DD_TRUE;
        return DD_NONE;
    }
}

/* The edges of x and y over the first variable either tests (one edge covering every cell
 * for a side that does not test it), walked together: each piece where both are constant gets
 * one child. Edges are read by index, since building children may move dd->edges. The memo
 * keeps the latest result per slot, as in BDD packages: a miss only costs recomputation. */
dd_ref dd_apply(struct dd *dd, const struct dd_op *op, dd_ref x, dd_ref y, int extra)
{
    dd_ref shortcut = op->terminal(op->context, x, y, extra);
    if (shortcut != DD_NONE)
        return shortcut;
    struct dd_memo *entry = dd_memo_slot(dd, op->id, x, y, extra);
    if (entry->used && entry->op == op->id && entry->a == x
        && entry->b == y && entry->extra == extra)
        return entry->result;

    int var_x = DD_IS_TERMINAL(x) ? -1 : dd->nodes[x].var;
    int var_y = DD_IS_TERMINAL(y) ? -1 : dd->nodes[y].var;
    int level_x = var_x < 0 ? INT_MAX : dd->level[var_x];
    int level_y = var_y < 0 ? INT_MAX : dd->level[var_y];
    int var = level_x <= level_y ? var_x : var_y;
    int nx = var_x == var ? dd->nodes[x].nedges : 1, ny = var_y == var ? dd->nodes[y].nedges : 1;
    uint32_t fx = var_x == var ? dd->nodes[x].first_edge : 0;
    uint32_t fy = var_y == var ? dd->nodes[y].first_edge : 0;
    size_t frame = dd_reserve(dd, nx + ny);
    int n = 0;
    for (int i = 0, j = 0;;) {
        struct dd_edge ex = var_x == var ? dd->edges[fx + (uint32_t)i] : (struct dd_edge){ 0, x };
        struct dd_edge ey = var_y == var ? dd->edges[fy + (uint32_t)j] : (struct dd_edge){ 0, y };
        dd_ref child = dd_apply(dd, op, ex.child, ey.child, extra);
        dd->scratch[frame + (size_t)n].start = ex.start > ey.start ? ex.start : ey.start;
        dd->scratch[frame + (size_t)n].child = child;
        n++;
        int32_t next_x = i + 1 < nx ? dd->edges[fx + (uint32_t)i + 1].start : INT32_MAX;
        int32_t next_y = j + 1 < ny ? dd->edges[fy + (uint32_t)j + 1].start : INT32_MAX;
        if (next_x == INT32_MAX && next_y == INT32_MAX)
            break;
        i += next_x <= next_y;
        j += next_y <= next_x;
    }
    dd_ref result = dd_make_frame(dd, var, frame, n);

    entry = dd_memo_slot(dd, op->id, x, y, extra);
    entry->used = 1;
    entry->op = op->id;
    entry->a = x;
    entry->b = y;
    entry->extra = extra;
    entry->result = result;
    return result;
}

dd_ref dd_and(struct dd *dd, dd_ref x, dd_ref y)
{
    static const int id = DD_OP_AND;
    const struct dd_op op = { DD_OP_AND, dd_boolean, (void *)&id };
    return dd_apply(dd, &op, x, y, 0);
}

dd_ref dd_or(struct dd *dd, dd_ref x, dd_ref y)
{
    static const int id = DD_OP_OR;
    const struct dd_op op = { DD_OP_OR, dd_boolean, (void *)&id };
    return dd_apply(dd, &op, x, y, 0);
}

dd_ref dd_not(struct dd *dd, dd_ref x)
{
    static const int id = DD_OP_NOT;
    const struct dd_op op = { DD_OP_NOT, dd_boolean, (void *)&id };
    return dd_apply(dd, &op, x, DD_FALSE, 0);
}

/* A copy rebuilt bottom-up, node by node, over the nodes that exist when it starts. */
struct dd_rebuild {
    struct dd *dd;
    dd_ref (*map)(void *context, int terminal);
    void *context;
    int var, cell;                 /* restriction: var fixed to cell; -1 none */
    dd_ref *memo;                  /* old node -> new ref + 3, so that 0 means "not yet" */
};

static dd_ref dd_rebuild_node(struct dd_rebuild *r, dd_ref ref)
{
    struct dd *dd = r->dd;
    if (DD_IS_TERMINAL(ref))
        return r->map ? r->map(r->context, DD_TERMINAL_OF(ref)) : ref;
    if (r->memo[ref] != 0)
        return r->memo[ref] - 3;
    dd_ref result;
    int var = dd->nodes[ref].var, count = dd->nodes[ref].nedges;
    if (var == r->var) {
        result = dd_rebuild_node(r, dd_child(dd, ref, var, r->cell));
    } else {
        size_t frame = dd_reserve(dd, count);
        for (int k = 0; k < count; k++) {
            /* Read through the index every time: building a child may move dd->edges. */
            dd_ref child = dd->edges[dd->nodes[ref].first_edge + (uint32_t)k].child;
            dd_ref rebuilt = dd_rebuild_node(r, child);
            dd->scratch[frame + (size_t)k].start =
                dd->edges[dd->nodes[ref].first_edge + (uint32_t)k].start;
            dd->scratch[frame + (size_t)k].child = rebuilt;
        }
        result = dd_make_frame(dd, var, frame, count);
    }
    r->memo[ref] = result + 3;
    return result;
}

static dd_ref dd_rebuild(struct dd *dd, dd_ref root, struct dd_rebuild *r)
{
    r->dd = dd;
    r->memo = arena_heap_calloc((size_t)dd->nnodes + 1, sizeof *r->memo);
    dd_ref result = dd_rebuild_node(r, root);
    free(r->memo);
    return result;
}

dd_ref dd_map(struct dd *dd, dd_ref root, dd_ref (*map)(void *context, int terminal),
              void *context)
{
    struct dd_rebuild r = { dd, map, context, -1, 0, NULL };
    return dd_rebuild(dd, root, &r);
}

dd_ref dd_restrict(struct dd *dd, dd_ref root, int var, int cell)
{
    struct dd_rebuild r = { dd, NULL, NULL, var, cell, NULL };
    return dd_rebuild(dd, root, &r);
}

static int dd_walk_node(const struct dd *dd, dd_ref ref, int depth, struct dd_walker *w)
{
    if (w->budget-- <= 0)
        return -1;
    if (DD_IS_TERMINAL(ref))
        return w->leaf(w->context, DD_TERMINAL_OF(ref), depth) ? 1 : 0;
    const struct dd_node *node = &dd->nodes[ref];
    int var = node->var, count = node->nedges;
    /* Most nodes are narrow: their scratch lives on the stack. */
    struct dd_range ranges_here[72];
    unsigned char done_here[72];
    int narrow = count <= 72;
    struct dd_range *ranges = narrow ? ranges_here : arena_heap_calloc((size_t)count, sizeof *ranges);
    unsigned char *done = narrow ? done_here : arena_heap_calloc((size_t)count, 1);
    if (narrow)
        memset(done, 0, (size_t)count);
    int status = 0;
    for (int k = 0; k < count && status == 0; k++) {
        if (done[k])
            continue;
        const struct dd_edge *edge = &dd->edges[node->first_edge + (uint32_t)k];
        if (edge->start >= dd->cells[var] && !w->extra)
            continue;
        struct dd_branch branch = { var, 0, ranges, edge->child };
        /* A nominal variable's edges to one child make one branch; the extra cell stays a
         * branch of its own. */
        /* An ordered variable's branch is its one edge: no other edge to look at. */
        int end = dd->nominal[var] && edge->start < dd->cells[var] ? count : k + 1;
        for (int j = k; j < end; j++) {
            const struct dd_edge *other = &dd->edges[node->first_edge + (uint32_t)j];
            int extra_cell = other->start >= dd->cells[var];
            if (done[j] || other->child != edge->child
                || (j != k && (!dd->nominal[var] || extra_cell
                               || edge->start >= dd->cells[var])))
                continue;
            done[j] = 1;
            ranges[branch.nranges].first = other->start;
            ranges[branch.nranges].last = dd_edge_last(dd, node, j);
            branch.nranges++;
        }
        if (w->enter(w->context, &branch, depth) != 0)
            continue;
        status = dd_walk_node(dd, edge->child, depth + 1, w);
        if (w->leave)
            w->leave(w->context, &branch, depth);
    }
    if (!narrow) {
        free(ranges);
        free(done);
    }
    return status;
}

int dd_walk(const struct dd *dd, dd_ref root, struct dd_walker *walker)
{
    return dd_walk_node(dd, root, 0, walker);
}
