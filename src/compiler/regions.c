/* src/compiler/regions.c — the decision table read off the policy's diagram.
 * Part of rulec; see README.md for the licence. */
#include "regions.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"

static int regions_subtract(struct arena *arena, const struct check_model *model,
                            const struct region *a, const struct region *b, struct region **list,
                            int *count, int *capacity);

int regions_nominal(const struct check_var *var)
{
    return var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM;
}

uint64_t regions_all_members(const struct check_var *var)
{
    return var->type == RULEC_TYPE_BOOL ? 3
           : var->nmembers >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << var->nmembers) - 1;
}

struct regions_walk {
    struct arena *arena;
    const struct check_model *model;
    const struct diagram *diagram;
    struct analyse_path *path;
    struct region_test *stack;     /* the test of each depth on the current path */
    struct region_table *table;
    int capacity;
    regions_each *each;            /* streaming (regions_stream): each region to this, none kept */
    void *each_context;
    struct region_test *tests;     /* streaming: the current region's tests */
};

static int regions_enter(void *context, const struct dd_branch *branch, int depth)
{
    struct regions_walk *w = context;
    if (analyse_path_push(w->path, depth, branch->var, branch->ranges[0].first,
                          branch->ranges[0].last) != 0)
        return 1;                  /* no claim lies there */
    const struct check_var *var = &w->model->vars[branch->var];
    struct region_test *test = &w->stack[depth];
    memset(test, 0, sizeof *test);
    test->var = branch->var;
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
        for (int i = 0; i < branch->nranges; i++)
            for (int cell = branch->ranges[i].first; cell <= branch->ranges[i].last; cell++)
                test->members |= (uint64_t)1 << cell;
    } else {
        int32_t unused;
        diagram_cell_bounds(var, branch->ranges[0].first, &test->low, &unused);
        diagram_cell_bounds(var, branch->ranges[0].last, &unused, &test->high);
        /* Within a bounded integer's declared range: the claims there are. */
        test->low = test->low > var->low ? test->low : var->low;
        test->high = test->high < var->high ? test->high : var->high;
    }
    return 0;
}

static int regions_by_var(const void *a, const void *b)
{
    const struct region_test *x = a, *y = b;
    return (x->var > y->var) - (x->var < y->var);
}

static int regions_leaf(void *context, int terminal, int depth)
{
    struct regions_walk *w = context;
    struct region_table *table = w->table;
    /* A compiled policy has no gap or conflict where a claim can be. */
    if (terminal >= w->model->nrules)
        return 0;
    struct region streamed, *region = &streamed;
    if (w->each) {
        region->tests = w->tests;
    } else {
        table->regions = arena_grow(w->arena, table->regions, table->nregions, &w->capacity,
                                    sizeof *table->regions);
        region = &table->regions[table->nregions++];
        region->tests = arena_alloc(w->arena, sizeof *region->tests * (size_t)(depth + 1));
    }
    region->rule = terminal;
    region->ntests = 0;
    for (int i = 0; i < depth; i++) {
        const struct region_test *test = &w->stack[i];
        const struct check_var *var = &w->model->vars[test->var];
        /* A test its declared range makes whole (a cut below 0 of a count of at least 0)
         * tests nothing. */
        if ((var->type == RULEC_TYPE_INT || var->type == RULEC_TYPE_DATE)
            && test->low == var->low && test->high == var->high)
            continue;
        region->tests[region->ntests++] = *test;
    }
    /* By variable: insertion, as a path tests a few variables, mostly in order already (qsort
     * was a tenth of streaming a table of millions of regions). */
    for (int i = 1; i < region->ntests; i++) {
        struct region_test test = region->tests[i];
        int j = i;
        for (; j > 0 && region->tests[j - 1].var > test.var; j--)
            region->tests[j] = region->tests[j - 1];
        region->tests[j] = test;
    }
    return w->each ? w->each(w->each_context, region) : 0;
}

/* --- merging -------------------------------------------------------------------------------
 * The diagram tests its variables in one order, so a region of one answer may be cut by a
 * variable tested above it for other answers' sake (a commercial lease split at a count of 3
 * that only residential leases test). Two regions of one rule are one when they differ on one
 * variable only and their union there is a set of members or one interval: the union of two
 * boxes is a box exactly then. Merged until no two are: no two regions of the table make one
 * box (which pairs merge first follows the walk's order), and a rule's claims that are no box
 * (an L shape) stay several. */

struct regions_key {
    struct region *region;
    int skip;                      /* the variable merged over */
    int index;                     /* the region's place in the table: ties, and the order kept */
};

static const struct region_test *regions_test_of(const struct region *region, int var)
{
    for (int i = 0; i < region->ntests; i++)
        if (region->tests[i].var == var)
            return &region->tests[i];
    return NULL;
}

static int regions_compare_test(const struct region_test *x, const struct region_test *y)
{
    if (x->var != y->var)
        return x->var < y->var ? -1 : 1;
    if (x->members != y->members)
        return x->members < y->members ? -1 : 1;
    if (x->low != y->low)
        return x->low < y->low ? -1 : 1;
    if (x->high != y->high)
        return x->high < y->high ? -1 : 1;
    return 0;
}

/* By rule, then every test but the skipped variable's: regions that may merge over it are
 * neighbours. */
static int regions_compare_rest(const struct regions_key *a, const struct regions_key *b)
{
    if (a->region->rule != b->region->rule)
        return a->region->rule < b->region->rule ? -1 : 1;
    int i = 0, j = 0;
    const struct region *x = a->region, *y = b->region;
    for (;;) {
        while (i < x->ntests && x->tests[i].var == a->skip)
            i++;
        while (j < y->ntests && y->tests[j].var == b->skip)
            j++;
        if (i == x->ntests || j == y->ntests)
            return (i < x->ntests) - (j < y->ntests);
        int order = regions_compare_test(&x->tests[i++], &y->tests[j++]);
        if (order)
            return order;
    }
}

/* Then by the skipped variable's test, so that intervals come in ascending order. */
static int regions_by_rest(const void *p, const void *q)
{
    const struct regions_key *a = p, *b = q;
    int order = regions_compare_rest(a, b);
    if (order)
        return order;
    const struct region_test *x = regions_test_of(a->region, a->skip);
    const struct region_test *y = regions_test_of(b->region, b->skip);
    if (x && y && (order = regions_compare_test(x, y)) != 0)
        return order;
    return (a->index > b->index) - (a->index < b->index);
}

/* Takes b's test of var into a's (b is then dropped): the members of both, or an interval
 * that b's continues. Returns whether they merged. */
static int regions_join(const struct check_model *model, struct region *a, const struct region *b,
                        int var)
{
    struct region_test *x = (struct region_test *)regions_test_of(a, var);
    const struct region_test *y = regions_test_of(b, var);
    if (!x || !y)                  /* one allows any value: the two are one region already */
        return 0;
    const struct check_var *v = &model->vars[var];
    int whole;
    if (regions_nominal(v)) {
        x->members |= y->members;
        whole = x->members == regions_all_members(v);
    } else {
        if (x->high == INT32_MAX || x->high + 1 != y->low)
            return 0;
        x->high = y->high;
        whole = x->low <= v->low && x->high >= v->high;
    }
    if (whole) {                   /* every value: the region no longer tests var */
        int k = (int)(x - a->tests);
        memmove(&a->tests[k], &a->tests[k + 1], sizeof *a->tests * (size_t)(a->ntests - k - 1));
        a->ntests--;
    }
    return 1;
}

/* One pass over every variable; returns how many regions merged away. order[r]: the earliest
 * place in the diagram's walk of the regions merged into r, the place the merged one keeps. */
static int regions_merge_pass(const struct check_model *model, struct region_table *table,
                              struct regions_key *keys, unsigned char *dropped, int *order)
{
    int merged = 0;
    for (int var = 0; var < model->nvars; var++) {
        int count = 0;
        for (int r = 0; r < table->nregions; r++)
            if (!dropped[r] && regions_test_of(&table->regions[r], var))
                keys[count++] = (struct regions_key){ &table->regions[r], var, r };
        qsort(keys, (size_t)count, sizeof *keys, regions_by_rest);
        for (int i = 0; i < count;) {
            int j = i + 1;
            while (j < count && regions_compare_rest(&keys[i], &keys[j]) == 0)
                j++;
            /* keys[i..j) differ on var only, in ascending order of it: each joins the one
             * before it when their union is a box. */
            int into = i;
            for (int k = i + 1; k < j; k++) {
                if (!regions_join(model, keys[into].region, keys[k].region, var)) {
                    into = k;
                    continue;
                }
                int a = keys[into].index, b = keys[k].index;
                order[a] = order[a] < order[b] ? order[a] : order[b];
                dropped[b] = 1;
                merged++;
            }
            i = j;
        }
    }
    return merged;
}

static int regions_by_order(const void *p, const void *q)
{
    const struct regions_key *a = p, *b = q;
    return (a->index > b->index) - (a->index < b->index);
}

/* Merges the table's regions until no two of one rule make a box, in the walk's order. */
static void regions_merge(struct arena *arena, const struct check_model *model,
                          struct region_table *table)
{
    table->nregions = regions_merge_list(arena, model, table->regions, table->nregions);
    memset(table->tested, 0, (size_t)model->nvars);
    for (int r = 0; r < table->nregions; r++)
        for (int i = 0; i < table->regions[r].ntests; i++)
            table->tested[table->regions[r].tests[i].var] = 1;
}

int regions_merge_list(struct arena *arena, const struct check_model *model,
                       struct region *list, int count)
{
    /* Merging rewrites tests in place: on copies, so that regions sharing the arrays (a list
     * built by regions_append or regions_subtract) keep theirs. */
    for (int r = 0; r < count; r++) {
        struct region_test *tests = arena_alloc(arena, sizeof *tests * (size_t)(list[r].ntests + 1));
        memcpy(tests, list[r].tests, sizeof *tests * (size_t)list[r].ntests);
        list[r].tests = tests;
    }
    struct region_table table = { count, list, NULL };
    struct regions_key *keys = arena_alloc(arena, sizeof *keys * (size_t)(count + 1));
    unsigned char *dropped = arena_calloc(arena, (size_t)count + 1, 1);
    int *order = arena_alloc(arena, sizeof *order * (size_t)(count + 1));
    for (int r = 0; r < count; r++)
        order[r] = r;
    while (regions_merge_pass(model, &table, keys, dropped, order) > 0)
        continue;
    int kept = 0;
    for (int r = 0; r < count; r++)
        if (!dropped[r])
            keys[kept++] = (struct regions_key){ &list[r], -1, order[r] };
    qsort(keys, (size_t)kept, sizeof *keys, regions_by_order);
    if (!kept)                     /* list may be NULL: nothing to write */
        return 0;
    struct region *merged = arena_alloc(arena, sizeof *merged * (size_t)(kept + 1));
    for (int r = 0; r < kept; r++)
        merged[r] = *keys[r].region;
    memcpy(list, merged, sizeof *list * (size_t)kept);
    return kept;
}

int regions_build(struct arena *arena, const struct check_model *model,
                  const struct diagram *diagram, struct region_table *table)
{
    memset(table, 0, sizeof *table);
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    table->tested = arena_calloc(arena, (size_t)model->nvars + 1, 1);
    struct regions_walk w = { arena, model, diagram, analyse_path_new(model), NULL, table, 0,
                              NULL, NULL, NULL };
    w.stack = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *w.stack);
    struct dd_walker walker = { regions_enter, NULL, regions_leaf, &w, 0, REGIONS_BUDGET };
    int status = dd_walk(&diagram->dd, diagram->root, &walker);
    analyse_path_free(w.path);
    if (status >= 0)
        regions_merge(arena, model, table);
    arena_guard(saved);
    return status < 0 ? -1 : 0;
}

/* regions_stream's walk, stopping after budget steps (-1 then). */
static int regions_walk_each(const struct check_model *model, const struct diagram *diagram,
                             regions_each *each, void *context, long budget)
{
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {   /* what was allocated is lost: memory ran out anyway */
        arena_guard(saved);
        return -1;
    }
    struct region_test *stack = arena_heap_calloc((size_t)model->nvars + 1, sizeof *stack);
    struct region_test *tests = arena_heap_calloc((size_t)model->nvars + 1, sizeof *tests);
    struct analyse_path *path = analyse_path_new(model);
    struct regions_walk w = { NULL, model, diagram, path, stack, NULL, 0, each, context, tests };
    struct dd_walker walker = { regions_enter, NULL, regions_leaf, &w, 0, budget };
    int status = dd_walk(&diagram->dd, diagram->root, &walker);
    analyse_path_free(path);
    free(stack);
    free(tests);
    arena_guard(saved);
    return status;
}

int regions_stream(const struct check_model *model, const struct diagram *diagram,
                   regions_each *each, void *context)
{
    return regions_walk_each(model, diagram, each, context, LONG_MAX);
}

static int regions_ignore(void *context, const struct region *region)
{
    (void)context;
    (void)region;
    return 0;
}

int regions_fit(const struct check_model *model, const struct diagram *diagram)
{
    return regions_walk_each(model, diagram, regions_ignore, NULL, REGIONS_BUDGET) == 0;
}

struct regions_deciders_walk {
    struct analyse_path *path;
    const struct check_model *model;
    unsigned char *marks;
    int *found, count;
};

static int regions_deciders_enter(void *context, const struct dd_branch *branch, int depth)
{
    struct regions_deciders_walk *w = context;
    return analyse_path_push(w->path, depth, branch->var, branch->ranges[0].first,
                             branch->ranges[0].last) != 0;
}

static int regions_deciders_leaf(void *context, int terminal, int depth)
{
    struct regions_deciders_walk *w = context;
    (void)depth;
    if (terminal >= 0 && terminal < w->model->nrules && !w->marks[terminal]) {
        w->marks[terminal] = 1;
        w->found[w->count++] = terminal;
    }
    return 0;
}

static int regions_ascending(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int regions_deciders(const struct check_model *model, struct diagram *diagram,
                     const struct check_cond *cond, unsigned char *marks, int *found, int *count)
{
    struct regions_deciders_walk w = { NULL, model, marks, found, 0 };
    /* What the walk changes after setjmp is read after longjmp only through volatile objects:
     * the path to free, not w's count (the marks are all cleared instead). */
    struct analyse_path *volatile path = NULL;
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        analyse_path_free(path);
        memset(marks, 0, (size_t)model->nrules);
        *count = 0;
        arena_guard(saved);
        return -1;
    }
    diagram_ref where = diagram_where(diagram, diagram->root, cond);
    w.path = path = analyse_path_new(model);
    struct dd_walker walker = { regions_deciders_enter, NULL, regions_deciders_leaf, &w, 0,
                                REGIONS_BUDGET };
    int status = dd_walk(&diagram->dd, where, &walker);
    analyse_path_free(w.path);
    arena_guard(saved);
    for (int i = 0; i < w.count; i++)
        marks[found[i]] = 0;
    qsort(found, (size_t)w.count, sizeof *found, regions_ascending);
    *count = w.count;
    return status < 0 ? -1 : 0;
}

int regions_contains(const struct check_model *model, const struct region *region,
                     const struct rulec_claim *claim)
{
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct check_var *var = &model->vars[test->var];
        int32_t value;
        if (var->is_input)
            value = claim->values[test->var];
        else
            value = rulec_derive(var->offset, var->plus >= 0 ? claim->values[var->plus] : 0,
                                 var->minus >= 0 ? claim->values[var->minus] : 0);
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
            if (!(test->members >> value & 1))
                return 0;
        } else if (value < test->low || value > test->high) {
            return 0;
        }
    }
    return 1;
}

int regions_witness(const struct check_model *model, const struct region *region, int complete,
                    struct rulec_claim *claim)
{
    int *cells = arena_heap_calloc((size_t)model->nvars + 1, sizeof *cells);
    int *last = arena_heap_calloc((size_t)model->nvars + 1, sizeof *last);
    for (int v = 0; v < model->nvars; v++)
        cells[v] = last[v] = -1;
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct check_var *var = &model->vars[test->var];
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
            int member = 0;
            while (member < 63 && !(test->members >> member & 1))
                member++;
            cells[test->var] = last[test->var] = member;
        } else {
            cells[test->var] = test->low == INT32_MIN ? 0
                : (int)rulec_count_le(var->cuts, (uint32_t)var->ncuts, test->low);
            last[test->var] = (int)rulec_count_le(var->cuts, (uint32_t)var->ncuts, test->high);
        }
    }
    int status = analyse_witness_claim(model, cells, last, complete, claim);
    free(cells);
    free(last);
    return status;
}

/* --- regions as boxes --------------------------------------------------------------------- */

int regions_feasible(const struct check_model *model, const struct region *region,
                     struct rulec_claim *witness)
{
    return regions_feasible_difference(model, region, -1, -1, 0, 0, witness);
}

int regions_feasible_difference(const struct check_model *model, const struct region *region,
                                int plus, int minus, int64_t low, int64_t high,
                                struct rulec_claim *witness)
{
    struct analyse_path *path = analyse_path_new_depth(model, region->ntests + 2);
    int depth = 0, feasible = 1;
    if (plus >= 0 || minus >= 0)
        feasible = analyse_path_push_difference(path, depth++, plus, minus, 0, low, high) == 0;
    for (int i = 0; i < region->ntests && feasible; i++) {
        const struct region_test *test = &region->tests[i];
        const struct check_var *var = &model->vars[test->var];
        if (regions_nominal(var))
            feasible = (test->members & regions_all_members(var)) != 0;
        else
            feasible = test->low <= test->high
                       && analyse_path_push_range(path, depth++, test->var, test->low, test->high) == 0;
    }
    if (feasible && witness) {
        memset(witness, 0, sizeof *witness);
        analyse_path_values(path, depth, witness);
        for (int v = 0; v < model->ninputs; v++) {
            if (!regions_nominal(&model->vars[v]))
                continue;
            const struct region_test *test = regions_test_of(region, v);
            int member = 0;
            while (test && member < 63 && !(test->members >> member & 1))
                member++;
            witness->values[v] = member;
            witness->present |= (uint64_t)1 << v;
        }
    }
    analyse_path_free(path);
    return feasible;
}

/* A region of the given tests (any order; at most one per variable), in arena, in one form:
 * an interval within its variable's range (a bounded integer's), a test that allows every
 * value left out, so that equal regions have equal tests. */
static struct region regions_of(struct arena *arena, const struct check_model *model,
                                const struct region_test *tests, int count)
{
    struct region region = { 0, 0, arena_alloc(arena, sizeof *tests * (size_t)(count + 1)) };
    for (int i = 0; i < count; i++) {
        struct region_test test = tests[i];
        const struct check_var *var = &model->vars[test.var];
        if (regions_nominal(var)) {
            if (test.members == regions_all_members(var))
                continue;
        } else {
            test.low = test.low > var->low ? test.low : var->low;
            test.high = test.high < var->high ? test.high : var->high;
            if (test.low == var->low && test.high == var->high)
                continue;
        }
        region.tests[region.ntests++] = test;
    }
    qsort(region.tests, (size_t)region.ntests, sizeof *tests, regions_by_var);
    return region;
}

int regions_intersect(struct arena *arena, const struct check_model *model, const struct region *a,
                      const struct region *b, struct region *out)
{
    struct region_test *tests = arena_alloc(arena, sizeof *tests * (size_t)(a->ntests + b->ntests + 1));
    int count = 0;
    for (int i = 0; i < a->ntests; i++)
        tests[count++] = a->tests[i];
    for (int j = 0; j < b->ntests; j++) {
        const struct region_test *y = &b->tests[j];
        struct region_test *x = NULL;
        for (int i = 0; i < count && !x; i++)
            if (tests[i].var == y->var)
                x = &tests[i];
        if (!x) {
            tests[count++] = *y;
            continue;
        }
        x->members &= y->members;
        x->low = x->low > y->low ? x->low : y->low;
        x->high = x->high < y->high ? x->high : y->high;
    }
    *out = regions_of(arena, model, tests, count);
    out->rule = a->rule;
    return regions_feasible(model, out, NULL) ? 0 : -1;
}

void regions_append(struct arena *arena, struct region **list, int *count, int *capacity,
                    const struct region *region)
{
    *list = arena_grow(arena, *list, *count, capacity, sizeof **list);
    (*list)[(*count)++] = *region;
}

int regions_subtract_list(struct arena *arena, const struct check_model *model,
                          struct region **list, int *count, const struct region *b)
{
    struct region *rest = NULL;
    int nrest = 0, capacity = 0;
    for (int i = 0; i < *count; i++)
        regions_subtract(arena, model, &(*list)[i], b, &rest, &nrest, &capacity);
    *list = rest;
    *count = nrest;
    return nrest;
}

int regions_add_apart(struct arena *arena, const struct check_model *model, struct region **list,
                      int *count, int *capacity, const struct region *region)
{
    struct region *pieces = NULL;
    int npieces = 0, pieces_capacity = 0;
    regions_append(arena, &pieces, &npieces, &pieces_capacity, region);
    for (int i = 0; i < *count && npieces; i++)
        regions_subtract_list(arena, model, &pieces, &npieces, &(*list)[i]);
    for (int q = 0; q < npieces; q++)
        regions_append(arena, list, count, capacity, &pieces[q]);
    return npieces;
}

/* The claims of a outside b, as disjoint regions appended to *list (count and capacity grown
 * from arena); returns how many were appended. a \ b: for each test of b in turn, the claims
 * of a that pass b's tests before it and fail this one. Disjoint by construction. */
static int regions_subtract(struct arena *arena, const struct check_model *model,
                            const struct region *a, const struct region *b, struct region **list,
                            int *count, int *capacity)
{
    int before = *count;
    /* Apart on one variable they both test (tests ascend by variable): a is all outside b,
     * with nothing to solve. */
    for (int i = 0, j = 0; i < a->ntests && j < b->ntests;) {
        const struct region_test *x = &a->tests[i], *y = &b->tests[j];
        if (x->var < y->var) {
            i++;
            continue;
        }
        if (y->var < x->var) {
            j++;
            continue;
        }
        if (regions_nominal(&model->vars[x->var]) ? !(x->members & y->members)
                                                  : x->high < y->low || y->high < x->low) {
            regions_append(arena, list, count, capacity, a);
            return 1;
        }
        i++;
        j++;
    }
    struct region inside = *a;      /* a, narrowed by b's tests passed so far */
    for (int j = 0; j < b->ntests; j++) {
        const struct region_test *y = &b->tests[j];
        const struct check_var *var = &model->vars[y->var];
        /* What fails y: the other members, or the values on either side of its interval. */
        struct region_test outside[2];
        int noutside = 0;
        if (regions_nominal(var)) {
            outside[noutside] = *y;
            outside[noutside].members = regions_all_members(var) & ~y->members;
            noutside += outside[noutside].members != 0;
        } else {
            if (y->low != INT32_MIN)
                outside[noutside++] = (struct region_test){ y->var, 0, INT32_MIN, y->low - 1 };
            if (y->high != INT32_MAX)
                outside[noutside++] = (struct region_test){ y->var, 0, y->high + 1, INT32_MAX };
        }
        for (int k = 0; k < noutside; k++) {
            struct region one = { a->rule, 1, &outside[k] }, piece;
            if (regions_intersect(arena, model, &inside, &one, &piece) == 0)
                regions_append(arena, list, count, capacity, &piece);
        }
        struct region pass = { a->rule, 1, (struct region_test *)y };
        if (regions_intersect(arena, model, &inside, &pass, &inside) != 0)
            break;                 /* nothing of a passes b's tests so far: the rest is empty */
    }
    return *count - before;
}
