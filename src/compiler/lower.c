/* src/compiler/lower.c — from checked model and diagram to struct rulec_policy.
 * Part of rulec; see README.md for the licence. */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

struct lower_layout {
    const struct diagram *diagram;
    int unfinished;             /* gaps and conflicts become leaves that say so */
    int32_t *number;            /* diagram node -> table node, -1 not yet */
    uint32_t count;
    uint32_t *order;            /* table node -> diagram node */
};

static void lower_number(struct lower_layout *layout, diagram_ref ref)
{
    if (DIAGRAM_IS_TERMINAL(ref) || layout->number[ref] >= 0)
        return;
    layout->number[ref] = (int32_t)layout->count;
    layout->order[layout->count++] = (uint32_t)ref;
    const struct dd_node *node = &layout->diagram->dd.nodes[ref];
    for (int k = 0; k < node->nedges; k++)
        lower_number(layout, layout->diagram->dd.edges[node->first_edge + (uint32_t)k].child);
}

static int lower_ordered(const struct check_model *model, int var)
{
    return model->vars[var].type == RULEC_TYPE_DATE || model->vars[var].type == RULEC_TYPE_INT;
}

static int32_t lower_child(const struct lower_layout *layout, const struct check_model *model,
                           diagram_ref ref)
{
    if (!DIAGRAM_IS_TERMINAL(ref))
        return layout->number[ref];
    int terminal = DIAGRAM_TERMINAL_OF(ref);
    if (terminal < model->nrules)
        return -(int32_t)terminal - 1;
    if (terminal >= layout->diagram->missing)
        return -(int32_t)(model->nrules + (terminal - layout->diagram->missing)) - 1;
    /* A gap or a conflict. In an unfinished policy, the region that says so; in a finished
     * one, it lies where the analysis proved no claim reaches, and becomes a leaf past every
     * meaning, which rulec_decide refuses as malformed. */
    int region = layout->unfinished ? terminal - layout->diagram->gap : 0;
    return -(int32_t)(model->nrules + model->nvars + region) - 1;
}

/* Inputs and derived values, as check made them. */
static void lower_vars(struct arena *arena, const struct check_model *model,
                       struct rulec_policy *policy)
{
    struct rulec_var *vars = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *vars);
    for (int v = 0; v < model->nvars; v++) {
        const struct check_var *from = &model->vars[v];
        struct rulec_var *to = &vars[v];
        to->name = from->name;
        to->label = from->label;
        to->type = (uint8_t)from->type;
        to->is_input = (uint8_t)from->is_input;
        to->plus = (int8_t)from->plus;
        to->minus = (int8_t)from->minus;
        to->offset = from->offset;
        to->nmembers = (uint16_t)from->nmembers;
        to->members = from->members;
        to->member_labels = from->member_labels;
        to->ncuts = (uint32_t)from->ncuts;
        to->cuts = from->cuts;
        to->low = from->low;
        to->high = from->high;
        to->bounded = from->is_input && from->type == RULEC_TYPE_INT
                      && (from->low != INT32_MIN || from->high != INT32_MAX);
        if (to->bounded)
            policy->bounded |= (uint64_t)1 << v;
    }
    policy->vars = vars;
    policy->nvars = (uint16_t)model->nvars;
    policy->ninputs = (uint16_t)model->ninputs;
}

/* Outputs, computed ones with their operands. */
static void lower_outputs(struct arena *arena, const struct check_model *model,
                          struct rulec_policy *policy)
{
    struct rulec_output *outputs = arena_calloc(arena, (size_t)model->noutputs + 1, sizeof *outputs);
    for (int o = 0; o < model->noutputs; o++) {
        const struct check_output *from = &model->outputs[o];
        struct rulec_output *to = &outputs[o];
        to->name = from->name;
        to->label = from->label;
        to->type = (uint8_t)from->type;
        to->computed = (uint8_t)from->computed;
        to->op = (uint8_t)from->op;
        to->nmembers = (uint16_t)from->nmembers;
        to->members = from->members;
        to->member_labels = from->member_labels;
        to->left = from->left;
        to->right = from->right;
    }
    policy->outputs = outputs;
    policy->noutputs = (uint16_t)model->noutputs;
}

/* The sources rules cite. */
static void lower_sources(struct arena *arena, const struct check_model *model,
                          struct rulec_policy *policy)
{
    struct rulec_source *sources = arena_calloc(arena, (size_t)model->nsources + 1, sizeof *sources);
    for (int s = 0; s < model->nsources; s++) {
        sources[s].name = model->sources[s].name;
        sources[s].title = model->sources[s].title;
        sources[s].note = model->sources[s].note;
    }
    policy->sources = sources;
    policy->nsources = (uint16_t)model->nsources;
}

/* Rules, with their assignments and citations in two shared arrays. */
static void lower_rules(struct arena *arena, const struct check_model *model,
                        struct rulec_policy *policy)
{
    int nassigns = 0, ncites = 0;
    for (int r = 0; r < model->nrules; r++) {
        nassigns += model->rules[r].nassigns;
        ncites += model->rules[r].ncites;
    }
    struct rulec_rule *rules = arena_calloc(arena, (size_t)model->nrules + 1, sizeof *rules);
    struct rulec_assign *assigns = arena_calloc(arena, (size_t)nassigns + 1, sizeof *assigns);
    struct rulec_cite *cites = arena_calloc(arena, (size_t)ncites + 1, sizeof *cites);
    nassigns = ncites = 0;
    for (int r = 0; r < model->nrules; r++) {
        const struct check_rule *from = &model->rules[r];
        struct rulec_rule *to = &rules[r];
        to->name = from->name;
        to->outcome = (uint8_t)from->outcome;
        to->reason = from->reason;
        to->note = from->note;
        to->interpretation = from->interpretation;
        to->citation = from->citation;
        to->line = from->line;
        to->first_assign = (uint32_t)nassigns;
        to->nassigns = (uint16_t)from->nassigns;
        to->first_cite = (uint32_t)ncites;
        to->ncites = (uint16_t)from->ncites;
        memcpy(assigns + nassigns, from->assigns, sizeof *assigns * (size_t)from->nassigns);
        memcpy(cites + ncites, from->cites, sizeof *cites * (size_t)from->ncites);
        nassigns += from->nassigns;
        ncites += from->ncites;
    }
    policy->rules = rules;
    policy->nrules = (uint32_t)model->nrules;
    policy->assigns = assigns;
    policy->cites = cites;
    policy->nlookup_values = (uint32_t)model->nlookup_values;
    policy->lookup_values = model->lookup_values;
}

/* The diagram's nodes reachable from its root with the absent cell, numbered in preorder.
 * An enumeration's or a boolean's node gets one child per member, for a lookup by value;
 * a date's or an integer's one per edge, with the first value of each in bounds, for a
 * binary search. Both then get the child for "absent". */
static void lower_nodes(struct arena *arena, const struct check_model *model, const struct diagram *diagram,
                        int unfinished, struct rulec_policy *policy)
{
    struct lower_layout layout = { diagram, unfinished, NULL, 0, NULL };
    layout.number = arena_heap_calloc((size_t)diagram->dd.nnodes + 1, sizeof *layout.number);
    layout.order = arena_alloc(arena, sizeof *layout.order * ((size_t)diagram->dd.nnodes + 1));
    for (uint32_t n = 0; n < diagram->dd.nnodes; n++)
        layout.number[n] = -1;
    lower_number(&layout, diagram->root_with_absent);

    struct rulec_node *nodes = arena_calloc(arena, (size_t)layout.count + 1, sizeof *nodes);
    uint32_t nchildren = 0;
    for (uint32_t n = 0; n < layout.count; n++) {
        const struct dd_node *from = &diagram->dd.nodes[layout.order[n]];
        nchildren += lower_ordered(model, from->var) ? (uint32_t)from->nedges
                                                     : (uint32_t)diagram->cells[from->var] + 1;
    }
    int32_t *children = arena_calloc(arena, (size_t)nchildren + 1, sizeof *children);
    int32_t *bounds = arena_calloc(arena, (size_t)nchildren + 1, sizeof *bounds);
    nchildren = 0;
    for (uint32_t n = 0; n < layout.count; n++) {
        diagram_ref ref = (diagram_ref)layout.order[n];
        const struct dd_node *from = &diagram->dd.nodes[ref];
        const struct check_var *var = &model->vars[from->var];
        int cells = diagram->cells[from->var];
        nodes[n].var = (uint16_t)from->var;
        nodes[n].first_child = nchildren;
        if (lower_ordered(model, from->var)) {
            for (int k = 0; k < from->nedges; k++) {
                const struct dd_edge *edge = &diagram->dd.edges[from->first_edge + (uint32_t)k];
                children[nchildren] = lower_child(&layout, model, edge->child);
                bounds[nchildren++] = edge->start == 0 ? INT32_MIN
                                      : edge->start >= cells ? INT32_MAX
                                      : var->cuts[edge->start - 1];
            }
        } else {
            for (int cell = 0; cell <= cells; cell++)
                children[nchildren++] = lower_child(&layout, model,
                                                    dd_child(&diagram->dd, ref, from->var, cell));
        }
        nodes[n].nchildren = nchildren - nodes[n].first_child;
    }
    policy->nodes = nodes;
    policy->nnodes = layout.count;
    /* In memory, both tables are 32-bit; the C emitter narrows what it writes. */
    policy->child_width = policy->bound_width = 4;
    policy->children = children;
    policy->bounds = bounds;
    policy->root = lower_child(&layout, model, diagram->root_with_absent);
    free(layout.number);
}

/* What each region no rule decides alone says: the gap first, then each conflict. */
static void lower_undecided(struct arena *arena, const struct check_model *model,
                            const struct diagram *diagram, struct rulec_policy *policy)
{
    const char **messages = arena_alloc(arena, sizeof *messages * (size_t)(diagram->nconflicts + 1));
    messages[0] = "la demande tombe dans une lacune de la politique ; ajoutez une règle, ou une "
                  "règle 'unspecified' si la source est muette";
    for (int k = 0; k < diagram->nconflicts; k++) {
        const struct check_rule *first = &model->rules[diagram->conflicts[k].first];
        const struct check_rule *second = &model->rules[diagram->conflicts[k].second];
        messages[k + 1] = arena_printf(arena, "les règles '%s' (ligne %u) et '%s' (ligne %u) "
                                       "s'appliquent toutes deux, avec des issues différentes : "
                                       "faites de l'une une exception à l'autre, ou restreignez "
                                       "une condition", first->name, first->line, second->name,
                                       second->line);
    }
    policy->nundecided = (uint32_t)diagram->nconflicts + 1;
    policy->undecided = messages;
}

/* The explanation tables: each rule's condition laid out as tests, the operands of each and,
 * or and not side by side. A named condition is one check_cond wherever it is used: its
 * operands are laid out once, and each use is a copy of its own test, pointing at them (the
 * runtime only reads them). Expanded at each use instead, a chain of conditions each naming
 * the one before twice (a parity) made 2^k tests. A test written again in a rule is one
 * check_cond too (check_leaf), but it has no operands: it is laid out again at each use, as
 * when each was its own, and the tables stay those the rule file always gave. The layout is
 * made twice: counted (tests NULL), then written into arrays of the size counted. Grown by
 * doubling and then copied into the arena, they were three times their size at once (at
 * 100,000 rules, 70 MB with a table of every condition laid out). */
struct lower_shared {
    const struct check_cond *cond;   /* a named condition's; NULL: an empty slot */
    uint32_t slot;                   /* its test, UINT32_MAX before it is laid out */
};

struct lower_tests {
    struct rulec_test *tests;        /* NULL while counting */
    struct rulec_range *ranges;
    size_t ntests, nranges;
    struct lower_shared *shared;     /* open addressing, a power of two, at most half full */
    size_t shared_capacity;
};

static size_t lower_shared_index(const struct lower_tests *t, const struct check_cond *cond)
{
    size_t mask = t->shared_capacity - 1;
    size_t i = hash_finish((uint32_t)((uintptr_t)cond >> 4)) & mask;   /* arena blocks: 16 apart */
    while (t->shared[i].cond && t->shared[i].cond != cond)
        i = (i + 1) & mask;
    return i;
}

/* The named conditions, each once, none laid out yet. */
static void lower_shared_reset(struct lower_tests *t, const struct check_model *model)
{
    if (!t->shared) {
        t->shared_capacity = 16;
        while (t->shared_capacity < (size_t)model->ndefinitions * 2 + 2)
            t->shared_capacity *= 2;
        t->shared = arena_heap_calloc(t->shared_capacity, sizeof *t->shared);
    }
    for (int i = 0; i < model->ndefinitions; i++) {
        const struct check_definition *definition = &model->definitions[i];
        if (definition->kind != CHECK_DEFINE_CONDITION || !definition->cond)
            continue;
        struct lower_shared *shared = &t->shared[lower_shared_index(t, definition->cond)];
        shared->cond = definition->cond;
        shared->slot = UINT32_MAX;
    }
}

static void lower_test(struct lower_tests *t, const struct check_model *model,
                       const struct check_cond *cond, uint32_t slot)
{
    static const uint8_t kinds[] = { [CHECK_COND_TRUE] = RULEC_TEST_TRUE, [CHECK_COND_AND] = RULEC_TEST_AND,
                                     [CHECK_COND_OR] = RULEC_TEST_OR, [CHECK_COND_NOT] = RULEC_TEST_NOT,
                                     [CHECK_COND_TEST] = RULEC_TEST_IN };
    struct lower_shared *shared = &t->shared[lower_shared_index(t, cond)];
    if (!shared->cond)
        shared = NULL;              /* not a named condition: laid out at each use */
    if (shared && shared->slot != UINT32_MAX) {
        if (t->tests)
            t->tests[slot] = t->tests[shared->slot];
        return;
    }
    struct rulec_test test = { kinds[cond->kind], 0, 0, 0, 0, cond->text ? cond->text : "" };
    if (cond->kind == CHECK_COND_TEST) {
        test.var = (uint16_t)cond->var;
        if (!lower_ordered(model, cond->var)) {
            test.members = cond->members;
        } else {
            test.first = (uint32_t)t->nranges;
            test.count = (uint32_t)cond->nranges;
            for (int i = 0; i < cond->nranges && t->ranges; i++) {
                t->ranges[t->nranges + (size_t)i].low = cond->ranges[i].low;
                t->ranges[t->nranges + (size_t)i].high = cond->ranges[i].high;
            }
            t->nranges += (size_t)cond->nranges;
        }
    } else if (cond->kind != CHECK_COND_TRUE) {
        test.count = (uint32_t)cond->nchildren;
        test.first = (uint32_t)t->ntests;
        t->ntests += test.count;
        for (int i = 0; i < cond->nchildren; i++)
            lower_test(t, model, cond->children[i], test.first + (uint32_t)i);
    }
    if (t->tests)
        t->tests[slot] = test;
    if (shared)
        shared->slot = slot;
}

/* Every rule's condition: its test, then what is below it. */
static void lower_conditions(struct lower_tests *t, const struct check_model *model,
                             struct rulec_rule_why *rules)
{
    lower_shared_reset(t, model);
    t->ntests = t->nranges = 0;
    for (int r = 0; r < model->nrules; r++) {
        rules[r].condition = (uint32_t)t->ntests++;
        lower_test(t, model, model->rules[r].when, rules[r].condition);
    }
}

static void lower_explain(struct arena *arena, const struct check_model *model,
                          const struct diagram *diagram, struct rulec_policy *policy)
{
    struct rulec_explain *explain = arena_calloc(arena, 1, sizeof *explain);
    struct rulec_rule_why *rules = arena_calloc(arena, (size_t)model->nrules + 1, sizeof *rules);
    struct lower_tests t;
    memset(&t, 0, sizeof t);
    lower_conditions(&t, model, rules);        /* counted */
    t.tests = arena_calloc(arena, t.ntests + 1, sizeof *t.tests);
    t.ranges = arena_calloc(arena, t.nranges + 1, sizeof *t.ranges);
    lower_conditions(&t, model, rules);        /* written, the same way */
    free(t.shared);
    uint32_t nexceptions = 0;
    for (int r = 0; r < model->nrules; r++)
        nexceptions += (uint32_t)model->rules[r].nexceptions;
    uint32_t *exceptions = arena_calloc(arena, nexceptions + 1, sizeof *exceptions);
    nexceptions = 0;
    for (int r = 0; r < model->nrules; r++) {
        const struct check_rule *rule = &model->rules[r];
        rules[r].first_exception = nexceptions;
        rules[r].nexceptions = (uint16_t)rule->nexceptions;
        for (int i = 0; i < rule->nexceptions; i++)
            exceptions[nexceptions++] = (uint32_t)rule->exceptions[i];
        rules[r].exception_to_all = (uint8_t)rule->exception_to_all;
        rules[r].high = diagram->high[r];
    }
    explain->rules = rules;
    explain->ntests = (uint32_t)t.ntests;
    explain->nranges = (uint32_t)t.nranges;
    explain->tests = t.tests;
    explain->ranges = t.ranges;
    explain->exceptions = exceptions;
    explain->nexceptions = nexceptions;
    policy->explain = explain;
}

struct rulec_policy *lower_policy(struct arena *arena, const struct check_model *model,
                              const struct diagram *diagram, const char *rule_file,
                              int unfinished)
{
    struct rulec_policy *policy = arena_calloc(arena, 1, sizeof *policy);
    policy->abi = RULEC_ABI_TAG;
    policy->name = model->name;
    policy->title = model->title;
    policy->rule_file = rule_file;
    lower_vars(arena, model, policy);
    lower_outputs(arena, model, policy);
    lower_sources(arena, model, policy);
    lower_rules(arena, model, policy);
    lower_nodes(arena, model, diagram, unfinished, policy);
    if (unfinished)
        lower_undecided(arena, model, diagram, policy);
    lower_explain(arena, model, diagram, policy);
    return policy;
}
