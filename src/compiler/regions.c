/* src/compiler/regions.c — the decision table read off the policy's diagram.
 * Part of rulec; see README.md for the licence. */
#include "regions.h"

#include <stdlib.h>
#include <string.h>

#include "analyse.h"

struct regions_walk {
    struct arena *arena;
    const struct check_model *model;
    const struct diagram *diagram;
    struct analyse_path *path;
    struct region_test *stack;     /* the test of each depth on the current path */
    struct region_table *table;
    int capacity;
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
    if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM) {
        for (int i = 0; i < branch->nranges; i++)
            for (int cell = branch->ranges[i].first; cell <= branch->ranges[i].last; cell++)
                test->members |= (uint64_t)1 << cell;
    } else {
        int32_t unused;
        diagram_cell_bounds(var, branch->ranges[0].first, &test->low, &unused);
        diagram_cell_bounds(var, branch->ranges[0].last, &unused, &test->high);
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
    if (table->nregions == w->capacity) {
        int capacity = w->capacity ? w->capacity * 2 : 64;
        struct region *regions = arena_alloc(w->arena, sizeof *regions * (size_t)capacity);
        if (table->nregions)
            memcpy(regions, table->regions, sizeof *regions * (size_t)table->nregions);
        table->regions = regions;
        w->capacity = capacity;
    }
    struct region *region = &table->regions[table->nregions++];
    region->rule = terminal;
    region->ntests = depth;
    region->tests = arena_alloc(w->arena, sizeof *region->tests * (size_t)(depth + 1));
    memcpy(region->tests, w->stack, sizeof *region->tests * (size_t)depth);
    qsort(region->tests, (size_t)depth, sizeof *region->tests, regions_by_var);
    for (int i = 0; i < depth; i++)
        table->tested[region->tests[i].var] = 1;
    return 0;
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
    struct regions_walk w = { arena, model, diagram, analyse_path_new(model), NULL, table, 0 };
    w.stack = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *w.stack);
    struct dd_walker walker = { regions_enter, NULL, regions_leaf, &w, 0, REGIONS_BUDGET };
    int status = dd_walk(&diagram->dd, diagram->root, &walker);
    analyse_path_free(w.path);
    arena_guard(saved);
    return status < 0 ? -1 : 0;
}

struct regions_deciders_walk {
    struct analyse_path *path;
    const struct check_model *model;
    unsigned char *deciders;
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
    if (terminal >= 0 && terminal < w->model->nrules)
        w->deciders[terminal] = 1;
    return 0;
}

int regions_deciders(const struct check_model *model, struct diagram *diagram,
                     const struct check_cond *cond, unsigned char *deciders)
{
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    memset(deciders, 0, (size_t)model->nrules);
    diagram_ref where = diagram_where(diagram, diagram->root, cond);
    struct regions_deciders_walk w = { analyse_path_new(model), model, deciders };
    struct dd_walker walker = { regions_deciders_enter, NULL, regions_deciders_leaf, &w, 0,
                                REGIONS_BUDGET };
    int status = dd_walk(&diagram->dd, where, &walker);
    analyse_path_free(w.path);
    arena_guard(saved);
    return status < 0 ? -1 : 0;
}

int regions_contains(const struct check_model *model, const struct region *region,
                     const struct rt_claim *claim)
{
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct check_var *var = &model->vars[test->var];
        int32_t value;
        if (var->is_input)
            value = claim->values[test->var];
        else
            value = rt_derive(var->offset, var->plus >= 0 ? claim->values[var->plus] : 0,
                              var->minus >= 0 ? claim->values[var->minus] : 0);
        if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM) {
            if (!(test->members >> value & 1))
                return 0;
        } else if (value < test->low || value > test->high) {
            return 0;
        }
    }
    return 1;
}

int regions_witness(const struct check_model *model, const struct region *region, int complete,
                    struct rt_claim *claim)
{
    int *cells = arena_heap_calloc((size_t)model->nvars + 1, sizeof *cells);
    int *last = arena_heap_calloc((size_t)model->nvars + 1, sizeof *last);
    for (int v = 0; v < model->nvars; v++)
        cells[v] = last[v] = -1;
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct check_var *var = &model->vars[test->var];
        if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM) {
            int member = 0;
            while (member < 63 && !(test->members >> member & 1))
                member++;
            cells[test->var] = last[test->var] = member;
        } else {
            cells[test->var] = test->low == INT32_MIN ? 0
                : (int)rt_count_le(var->cuts, (uint32_t)var->ncuts, test->low);
            last[test->var] = (int)rt_count_le(var->cuts, (uint32_t)var->ncuts, test->high);
        }
    }
    int status = analyse_witness_claim(model, cells, last, complete, claim);
    free(cells);
    free(last);
    return status;
}
