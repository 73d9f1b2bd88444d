/* src/compiler/analyse.c — walks the decision diagram for gaps, conflicts and rules that
 * never win, and finds a concrete claim for each finding.
 * Part of rulec; see README.md for the licence.
 *
 * A derived value (date_demande - date_service) is a variable of its own in the diagram, so
 * some paths combine cells that no claim can reach (a claim sent before 2018-04-01 for a
 * service after it, with a non-negative delay). Each path's tests are intervals on inputs and
 * on differences of inputs: a system of difference constraints, kept closed by
 * Floyd-Warshall as the walk goes deeper, so an impossible path is dropped as soon as it is. */
#include "analyse.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "keywords.h"

#define INF ANALYSE_NO_BOUND
#define MAX_REPORTS 10
#define WALK_BUDGET 2000000L

/* A path's constraints: difference constraints over the ordered inputs, x[j] - x[i] <=
 * bound[i][j], with index 0 the constant zero and input k at index k + 1; one closed system
 * per depth, so that going back up a path costs nothing. */
struct analyse_path {
    const struct check_model *model;
    int size;                    /* ninputs + 1 */
    int64_t *stack;
};

struct analyse_walk {
    struct arena *arena;
    struct diag *diag;
    const struct check_model *model;
    const struct diagram *diagram;
    struct analyse_path *path;
    int *cells;                  /* the path's first cell of each variable, -1 untested */
    int *last;                   /* and its last: a path's edge spans cells[v] to last[v] */
    long budget;
    int exhausted;
    /* findings */
    int gaps_reported, gaps_more, conflicts_reported, conflicts_more;
    int mode;                    /* enum analyse_mode of the walk under way */
    int conflict;                /* the conflict being searched */
    int found;                   /* its first reachable region was met: stop */
    unsigned char *wins;         /* rule won on a reachable path */
    int errors;
    int unfinished;              /* gaps and conflicts are warnings (analyse_policy) */
};




/* Adds x[j] - x[i] <= value to a closed system. Returns 0, or -1 if it became infeasible. */
static int analyse_constrain(int64_t *bound, int size, int i, int j, int64_t value)
{
    if (value >= bound[i * size + j])
        return 0;
    if (bound[j * size + i] + value < 0)
        return -1;
    for (int a = 0; a < size; a++) {
        int64_t to_i = bound[a * size + i];
        if (to_i >= INF)
            continue;
        for (int b = 0; b < size; b++) {
            int64_t from_j = bound[j * size + b];
            if (from_j >= INF)
                continue;
            int64_t through = to_i + value + from_j;
            if (through < bound[a * size + b])
                bound[a * size + b] = through;
        }
    }
    for (int a = 0; a < size; a++)
        if (bound[a * size + a] < 0)
            return -1;
    return 0;
}

static void analyse_system_init(const struct check_model *model, int64_t *bound, int size)
{
    for (int i = 0; i < size * size; i++)
        bound[i] = INF;
    for (int i = 0; i < size; i++)
        bound[i * size + i] = 0;
    static const int64_t date_low_year = 1000, date_high_year = 9999;
    for (int v = 0; v < model->ninputs; v++) {
        const struct check_var *var = &model->vars[v];
        int64_t low, high;
        if (var->type == RULEC_TYPE_DATE) {
            low = rulec_days_from_civil((int)date_low_year, 1, 1);
            high = rulec_days_from_civil((int)date_high_year, 12, 31);
        } else if (var->type == RULEC_TYPE_INT) {
            low = var->low;        /* INT32_MIN, INT32_MAX unless declared */
            high = var->high;
        } else {
            continue;
        }
        analyse_constrain(bound, size, 0, v + 1, high);
        analyse_constrain(bound, size, v + 1, 0, -low);
    }
}

/* Constrains x[plus] - x[minus] + offset to [low, high] (INT64 bounds of INF: none), with
 * plus and minus inputs, -1 for none. */
static int analyse_linear(int64_t *bound, int size, int plus, int minus, int64_t offset,
                          int64_t low, int64_t high)
{
    int p = plus + 1, m = minus + 1;     /* 0 when absent: the zero */
    if (high < INF && analyse_constrain(bound, size, m, p, high - offset))
        return -1;
    if (low > -INF && analyse_constrain(bound, size, p, m, offset - low))
        return -1;
    return 0;
}

/* Constrains variable v to [low, high] (INT32_MIN/MAX: no bound). A derived value is the
 * form rulec_derive (rulec.h) evaluates, plus - minus + offset, read here as a constraint on the
 * inputs; rulec_derive's clamp never acts on dates of the years 1000 to 9999, and the analysis
 * bounds every date input to those years (analyse_system_init). */
static int analyse_interval(const struct check_model *model, int64_t *bound, int size, int v,
                            int32_t low, int32_t high)
{
    const struct check_var *var = &model->vars[v];
    return analyse_linear(bound, size, var->is_input ? v : var->plus,
                          var->is_input ? -1 : var->minus, var->is_input ? 0 : var->offset,
                          low == INT32_MIN ? -INF : low, high == INT32_MAX ? INF : high);
}

static int analyse_ordered(const struct check_var *var)
{
    return var->type == RULEC_TYPE_INT || var->type == RULEC_TYPE_DATE;
}

/* A value for input v inside [low, high]: the variable's own cut nearest to the range, so
 * that examples fall on the boundaries the rules draw. */
static int64_t analyse_pick(const struct check_model *model, int v, int64_t low, int64_t high)
{
    const struct check_var *var = &model->vars[v];
    int64_t reference = var->type == RULEC_TYPE_DATE ? rulec_days_from_civil(2000, 1, 1) : 0;
    if (var->ncuts)
        reference = var->cuts[0];
    else
        for (int u = 0; u < model->nvars; u++)
            if (model->vars[u].type == var->type && model->vars[u].ncuts && model->vars[u].is_input) {
                reference = model->vars[u].cuts[0];
                break;
            }
    if (reference < low)
        return low;
    if (reference > high)
        return high;
    return reference;
}

int analyse_witness_claim(const struct check_model *model, const int *cells, const int *last,
                          int complete, struct rulec_claim *claim)
{
    int size = model->ninputs + 1;
    int64_t *bound = arena_heap_calloc((size_t)size * (size_t)size, sizeof *bound);
    analyse_system_init(model, bound, size);
    memset(claim, 0, sizeof *claim);
    uint64_t shown = 0;
    int feasible = 1;
    for (int v = 0; v < model->nvars && feasible; v++) {
        if (cells[v] < 0)
            continue;
        const struct check_var *var = &model->vars[v];
        if (var->is_input) {
            shown |= (uint64_t)1 << v;
        } else {
            if (var->plus >= 0)
                shown |= (uint64_t)1 << var->plus;
            if (var->minus >= 0)
                shown |= (uint64_t)1 << var->minus;
        }
        if (analyse_ordered(var)) {
            int32_t low, high, unused;
            diagram_cell_bounds(var, cells[v], &low, &unused);
            diagram_cell_bounds(var, last ? last[v] : cells[v], &unused, &high);
            feasible = analyse_interval(model, bound, size, v, low, high) == 0;
        }
    }
    if (feasible) {
        for (int v = 0; v < model->ninputs; v++) {
            if (!(shown >> v & 1) && !complete)
                continue;
            const struct check_var *var = &model->vars[v];
            /* An enumeration's member, a boolean's value; untested: the first. */
            int32_t pick = cells[v] >= 0 ? cells[v] : 0;
            if (analyse_ordered(var)) {
                int64_t high = bound[0 * size + v + 1], low = -bound[(v + 1) * size + 0];
                pick = (int32_t)analyse_pick(model, v, low, high);
                analyse_constrain(bound, size, 0, v + 1, pick);
                analyse_constrain(bound, size, v + 1, 0, -(int64_t)pick);
            }
            claim->values[v] = pick;
            claim->present |= (uint64_t)1 << v;
        }
    }
    free(bound);
    return feasible ? 0 : -1;
}

const char *analyse_witness(struct arena *arena, const struct check_model *model,
                            const int *cells, const int *last)
{
    struct rulec_claim claim;
    if (analyse_witness_claim(model, cells, last, 0, &claim) != 0)
        return NULL;
    return analyse_claim_text(arena, model, &claim);
}

const char *analyse_claim_text(struct arena *arena, const struct check_model *model,
                               const struct rulec_claim *claim)
{
    const char *text = "";
    for (int v = 0; v < model->ninputs; v++) {
        if (!(claim->present >> v & 1))
            continue;
        const struct check_var *var = &model->vars[v];
        struct rulec_domain domain = { (uint8_t)var->type, (uint16_t)var->nmembers,
                                    var->members, var->member_labels,
                                    var->low != INT32_MIN || var->high != INT32_MAX,
                                    var->low, var->high };
        char value[128];
        rulec_format_value(value, sizeof value, &domain, claim->values[v], RULEC_NOTATION_RULES);
        text = arena_printf(arena, "%s%s%s=%s", text, text[0] ? " " : "", var->name, value);
    }
    return text[0] ? text : "(toute demande)";
}

struct analyse_path *analyse_path_new(const struct check_model *model)
{
    return analyse_path_new_depth(model, model->nvars + 1);
}

struct analyse_path *analyse_path_new_depth(const struct check_model *model, int depth)
{
    struct analyse_path *path = arena_heap_calloc(1, sizeof *path);
    path->model = model;
    path->size = model->ninputs + 1;
    size_t square = (size_t)path->size * (size_t)path->size;
    path->stack = arena_heap_calloc(square * (size_t)(depth + 1), sizeof *path->stack);
    analyse_system_init(model, path->stack, path->size);
    return path;
}

int analyse_path_push_range(struct analyse_path *path, int depth, int v, int32_t low,
                            int32_t high)
{
    size_t square = (size_t)path->size * (size_t)path->size;
    int64_t *next = path->stack + square * (size_t)(depth + 1);
    memcpy(next, path->stack + square * (size_t)depth, sizeof *next * square);
    if (!analyse_ordered(&path->model->vars[v]))
        return 0;
    return analyse_interval(path->model, next, path->size, v, low, high);
}

int analyse_path_push_difference(struct analyse_path *path, int depth, int plus, int minus,
                                 int64_t offset, int64_t low, int64_t high)
{
    size_t square = (size_t)path->size * (size_t)path->size;
    int64_t *next = path->stack + square * (size_t)(depth + 1);
    memcpy(next, path->stack + square * (size_t)depth, sizeof *next * square);
    return analyse_linear(next, path->size, plus, minus, offset, low < -INF ? -INF : low,
                          high > INF ? INF : high);
}

void analyse_path_values(const struct analyse_path *path, int depth, struct rulec_claim *claim)
{
    const struct check_model *model = path->model;
    int size = path->size;
    size_t square = (size_t)size * (size_t)size;
    int64_t *bound = arena_heap_calloc(square, sizeof *bound);
    memcpy(bound, path->stack + square * (size_t)depth, sizeof *bound * square);
    for (int v = 0; v < model->ninputs; v++) {
        if (!analyse_ordered(&model->vars[v]))
            continue;
        int64_t high = bound[0 * size + v + 1], low = -bound[(v + 1) * size + 0];
        int32_t pick = (int32_t)analyse_pick(model, v, low, high);
        analyse_constrain(bound, size, 0, v + 1, pick);
        analyse_constrain(bound, size, v + 1, 0, -(int64_t)pick);
        claim->values[v] = pick;
        claim->present |= (uint64_t)1 << v;
    }
    free(bound);
}

int analyse_path_push(struct analyse_path *path, int depth, int v, int first, int last)
{
    size_t square = (size_t)path->size * (size_t)path->size;
    int64_t *next = path->stack + square * (size_t)(depth + 1);
    memcpy(next, path->stack + square * (size_t)depth, sizeof *next * square);
    const struct check_var *var = &path->model->vars[v];
    if (!analyse_ordered(var))
        return 0;
    int32_t low, high, unused;
    diagram_cell_bounds(var, first, &low, &unused);
    diagram_cell_bounds(var, last, &unused, &high);
    return analyse_interval(path->model, next, path->size, v, low, high);
}

void analyse_path_free(struct analyse_path *path)
{
    if (path)
        free(path->stack);
    free(path);
}

/* What a walk does at the end of each path that a claim can reach. */
enum analyse_mode {
    ANALYSE_WINS,      /* the policy diagram: note each winning rule */
    ANALYSE_GAPS,      /* a gap indicator: report each region */
    ANALYSE_CONFLICT   /* a conflict indicator: report the first region, then stop */
};

static void analyse_report_gap(struct analyse_walk *w)
{
    if (w->gaps_reported >= MAX_REPORTS) {
        w->gaps_more++;
        return;
    }
    const char *claim = analyse_witness(w->arena, w->model, w->cells, w->last);
    if (!claim)
        return;
    w->gaps_reported++;
    w->diag->example = claim;
    (w->unfinished ? diag_warning : diag_error)(w->diag, w->model->span, "aucune règle ne "
        "décide les demandes comme : %s ; ajoutez une règle, ou une règle '%s' si la "
        "source est muette", claim, keyword(w->diag, "unspecified"));
    w->errors += !w->unfinished;
}

static void analyse_report_conflict(struct analyse_walk *w)
{
    const struct diagram_conflict *conflict = &w->diagram->conflicts[w->conflict];
    const struct check_rule *first = &w->model->rules[conflict->first];
    const struct check_rule *second = &w->model->rules[conflict->second];
    w->found = 1;
    if (w->conflicts_reported >= MAX_REPORTS) {
        w->conflicts_more++;
        return;
    }
    const char *claim = analyse_witness(w->arena, w->model, w->cells, w->last);
    if (!claim)
        return;
    w->conflicts_reported++;
    w->errors += !w->unfinished;
    w->diag->example = claim;
    (w->unfinished ? diag_warning : diag_error)(w->diag, second->span, "les règles '%s' (ligne %u) et '%s' (ligne %u) "
               "s'appliquent toutes deux, avec des issues différentes, aux demandes comme : %s ; "
               "faites de l'une une exception à l'autre, ou restreignez une condition",
               first->name, first->line, second->name, second->line, claim);
    diag_note(w->diag, first->span, "'%s' est ici", first->name);
    for (int i = 0; i < conflict->nrules; i++)
        if (conflict->rules[i] != conflict->first && conflict->rules[i] != conflict->second)
            diag_note(w->diag, w->model->rules[conflict->rules[i]].span,
                      "'%s' s'y applique aussi", w->model->rules[conflict->rules[i]].name);
}

/* Going down a branch: the path's system of constraints gains the branch's interval, and a
 * branch no claim can reach is skipped. */
static int analyse_enter(void *context, const struct dd_branch *branch, int depth)
{
    struct analyse_walk *w = context;
    if (w->mode != ANALYSE_WINS && branch->child == DD_FALSE)
        return 1;
    if (w->found)
        return 1;
    int first = branch->ranges[0].first, last = branch->ranges[0].last;
    if (analyse_path_push(w->path, depth, branch->var, first, last) != 0)
        return 1;
    /* An enumeration's branch may span several members: any of them stands for it. */
    w->cells[branch->var] = first;
    w->last[branch->var] = last;
    return 0;
}

static void analyse_leave(void *context, const struct dd_branch *branch, int depth)
{
    struct analyse_walk *w = context;
    (void)depth;
    w->cells[branch->var] = -1;
}

static int analyse_leaf(void *context, int terminal, int depth)
{
    struct analyse_walk *w = context;
    (void)depth;
    if (w->mode == ANALYSE_WINS && terminal < w->diagram->gap)
        w->wins[terminal] = 1;
    else if (w->mode == ANALYSE_GAPS && terminal == 1)
        analyse_report_gap(w);
    else if (w->mode == ANALYSE_CONFLICT && terminal == 1)
        analyse_report_conflict(w);
    return w->found;
}

/* Visits every path below ref that some claim can reach, within the budget left. */
static void analyse_walk(struct analyse_walk *w, diagram_ref ref, enum analyse_mode mode)
{
    w->mode = mode;
    struct dd_walker walker = { analyse_enter, analyse_leave, analyse_leaf, w, 0, w->budget };
    if (dd_walk(&w->diagram->dd, ref, &walker) < 0)
        w->exhausted = 1;
    w->budget = walker.budget;
}

int analyse_policy(struct arena *arena, struct diag *diag, const struct check_model *model,
                   struct diagram *diagram, int unfinished)
{
    struct analyse_walk walk;
    memset(&walk, 0, sizeof walk);
    struct analyse_walk *w = &walk;
    w->unfinished = unfinished;
    w->arena = arena;
    w->diag = diag;
    w->model = model;
    w->diagram = diagram;
    w->path = analyse_path_new(model);
    w->cells = arena_alloc(arena, sizeof *w->cells * (size_t)(model->nvars + 1));
    w->last = arena_alloc(arena, sizeof *w->last * (size_t)(model->nvars + 1));
    w->wins = arena_calloc(arena, (size_t)model->nrules + 1, 1);
    for (int v = 0; v < model->nvars; v++)
        w->cells[v] = -1;

    /* Errors first. Each kind of finding is walked in its own indicator diagram, where the
     * inputs that do not matter to it are gone. */
    w->budget = WALK_BUDGET;
    analyse_walk(w, diagram_indicator(diagram, diagram->root, diagram->gap), ANALYSE_GAPS);
    for (int k = 0; k < diagram->nconflicts && !w->exhausted; k++) {
        w->conflict = k;
        w->found = 0;
        analyse_walk(w, diagram_indicator(diagram, diagram->root, diagram->gap + 1 + k),
                     ANALYSE_CONFLICT);
    }
    w->found = 0;
    if (w->exhausted) {
        diag_error(diag, model->span, "la politique est trop grande pour y chercher lacunes et "
                   "conflits en %ld étapes", (long)WALK_BUDGET);
        w->errors++;
    }
    if (w->gaps_more)
        diag_note(diag, model->span, "%d %s", w->gaps_more,
                  diag_plural(w->gaps_more, "autre région de demandes n'a pas de règle",
                              "autres régions de demandes n'ont pas de règle"));
    if (w->conflicts_more)
        diag_note(diag, model->span, "%d %s", w->conflicts_more,
                  diag_plural(w->conflicts_more, "autre groupe de règles est en conflit",
                              "autres groupes de règles sont en conflit"));

    if (w->errors == 0) {
        w->budget = WALK_BUDGET;
        w->exhausted = 0;
        analyse_walk(w, diagram->root, ANALYSE_WINS);
        if (w->exhausted) {
            /* Too many paths to visit all: count a rule as winning where the root's diagram
             * leads to it, whether a claim can take that path or not (a date difference may
             * forbid it), so that no rule is said to decide nothing when it might. Only the
             * nodes the root reaches: the store also holds the indicators above, whose leaves
             * 0 and 1 are no rules. */
            const struct dd *dd = &diagram->dd;
            unsigned char *reached = dd_reached(dd, &diagram->root, 1);
            if (DIAGRAM_IS_TERMINAL(diagram->root) && DIAGRAM_TERMINAL_OF(diagram->root) < diagram->gap)
                w->wins[DIAGRAM_TERMINAL_OF(diagram->root)] = 1;
            for (uint32_t n = 0; n < dd->nnodes; n++) {
                const struct dd_node *node = &dd->nodes[n];
                for (int k = 0; reached[n] && k < node->nedges; k++) {
                    diagram_ref child = dd->edges[node->first_edge + (uint32_t)k].child;
                    if (DIAGRAM_IS_TERMINAL(child) && DIAGRAM_TERMINAL_OF(child) < diagram->gap)
                        w->wins[DIAGRAM_TERMINAL_OF(child)] = 1;
                }
            }
            free(reached);
        }
        for (int r = 0; r < model->nrules; r++)
            if (!w->wins[r])
                diag_warning(diag, model->rules[r].span, "la règle '%s' ne décide aucune "
                             "demande : là où elle s'applique, une autre règle l'emporte ou "
                             "aucune demande n'est possible", model->rules[r].name);
    }
    analyse_path_free(w->path);
    return w->errors;
}

void analyse_claim_needed(const struct rulec_policy *policy, struct rulec_claim *claim, uint64_t keep)
{
    struct rulec_result full, fewer;
    if (rulec_decide(policy, claim, &full) != RULEC_OK)
        return;
    for (int v = (int)policy->ninputs - 1; v >= 0; v--) {
        if (keep >> v & 1 || !(claim->present >> v & 1))
            continue;
        struct rulec_claim trial = *claim;
        trial.present &= ~((uint64_t)1 << v);
        if (rulec_decide(policy, &trial, &fewer) != RULEC_OK || fewer.rule != full.rule
            || fewer.set != full.set)
            continue;
        int same = 1;
        for (unsigned o = 0; o < policy->noutputs; o++)
            same &= !(full.set >> o & 1) || fewer.values[o] == full.values[o];
        if (same)
            *claim = trial;
    }
}
