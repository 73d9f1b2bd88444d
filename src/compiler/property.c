/* src/compiler/property.c — proves each property for every claim, or finds one that breaks it.
 *
 * The proof walks the policy's diagram. On each path to a rule, the claims of the region are
 * those of the path's cells (members of an enumeration; for dates and integers, a system of
 * difference constraints, analyse.c's), the outcome is the rule's, and each output is a
 * function of the claim the rule fixes: a constant, an input or derived value plus a number
 * of days, or a comparison of those (a computed output). A property fails there when some
 * claim of the region satisfies 'when' and not 'requires': a search over the formula's cases
 * (each 'or' a branch, each test a constraint added to the region's) either finds one or
 * shows that none exists. What is found is checked against rulec_decide, the runtime's own
 * answer, before it is reported.
 * Part of rulec; see README.md for the licence. */
#include "property.h"

#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "keywords.h"

/* Steps of the search, per property over the whole diagram: past this, the property is
 * reported as not proven (an error), never as proven. */
#define PROPERTY_BUDGET 20000000L

/* What an output is, in a region, as a function of the claim. */
enum property_value_kind {
    VALUE_UNSET,                   /* the rule does not set it */
    VALUE_CONST,                   /* constant */
    VALUE_LINEAR,                  /* x[plus] - x[minus] + offset (a date or an integer) */
    VALUE_DIFF,                    /* a boolean: (x[plus] - x[minus] + offset) op 0 */
    VALUE_MEMBER,                  /* a boolean: x[var] is one of members */
    VALUE_VAR,                     /* an enumeration or a boolean x[var] itself (an operand) */
    VALUE_UNKNOWN                  /* a computed output this proof cannot reason on */
};

struct property_value {
    enum property_value_kind kind;
    int32_t constant;
    int plus, minus;               /* inputs, -1 for none */
    int64_t offset;
    enum rulec_op op;
    int var;
    uint64_t members;
};

/* A case still to satisfy: a node of a property's formula or of a claim's condition, with
 * the polarity it must take. Lists share their tails, on a stack that the search unwinds. */
struct property_goal {
    const struct check_prop *prop; /* or cond */
    const struct check_cond *cond;
    int positive;
    const struct property_goal *next;
};

struct property_search {
    struct arena *arena;
    struct diag *diag;
    const struct check_model *model;
    const struct diagram *diagram;
    const struct rulec_policy *policy;
    int unfinished;
    struct analyse_path *path;
    uint64_t *masks;               /* each enumeration's and boolean's members in the region */
    uint64_t *saved;               /* the mask each depth of the walk replaced */
    struct property_value *values; /* each output's, at the leaf */
    enum rulec_outcome outcome;       /* the leaf's rule's */
    struct property_goal *goals;   /* the stack of goals */
    int ngoals, goals_capacity;
    const struct check_property *property;
    int index;                     /* the property's */
    struct rulec_claim *witnesses;    /* the caller's, or NULL */
    uint64_t *property_keys;       /* inputs each property's lookups read */
    unsigned char *failed;
    int failures;
    long budget;                   /* steps left to the property being proven */
    long *budgets;                 /* each property's */
    const char *unprovable_why;    /* what the search met that it cannot reason on */
    struct rulec_claim witness;
};

static uint64_t property_all_members(const struct check_var *var)
{
    int count = var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers;
    return count >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << count) - 1;
}

static int property_nominal(const struct check_var *var)
{
    return var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM;
}

/* A variable as x[plus] - x[minus] + offset over inputs. */
static struct property_value property_linear_of_var(const struct check_model *model, int v)
{
    const struct check_var *var = &model->vars[v];
    struct property_value value = { VALUE_LINEAR, 0, v, -1, 0, RULEC_OP_EQ, -1, 0 };
    if (!var->is_input) {
        value.plus = var->plus;
        value.minus = var->minus;
        value.offset = var->offset;
    }
    return value;
}

/* a - b, both linear (a constant counts as one with no input), as one difference; -1 when it
 * involves more than one input on a side (the constraints are differences of two inputs). */
static int property_subtract(const struct property_value *a, const struct property_value *b,
                             struct property_value *out)
{
    int pos[2], neg[2], npos = 0, nneg = 0;
    int linear_a = a->kind == VALUE_LINEAR, linear_b = b->kind == VALUE_LINEAR;
    /* a - b = (a.plus + b.minus) - (a.minus + b.plus) + a.offset - b.offset */
    int plus_terms[2] = { linear_a ? a->plus : -1, linear_b ? b->minus : -1 };
    int minus_terms[2] = { linear_a ? a->minus : -1, linear_b ? b->plus : -1 };
    int64_t offset = (linear_a ? a->offset : a->constant) - (linear_b ? b->offset : b->constant);
    for (int i = 0; i < 2; i++)
        if (plus_terms[i] >= 0)
            pos[npos++] = plus_terms[i];
    for (int i = 0; i < 2; i++) {
        if (minus_terms[i] < 0)
            continue;
        int cancelled = 0;
        for (int k = 0; k < npos && !cancelled; k++)
            if (pos[k] == minus_terms[i]) {
                pos[k] = pos[--npos];
                cancelled = 1;
            }
        if (!cancelled)
            neg[nneg++] = minus_terms[i];
    }
    if (npos > 1 || nneg > 1)
        return -1;
    out->kind = VALUE_LINEAR;
    out->plus = npos ? pos[0] : -1;
    out->minus = nneg ? neg[0] : -1;
    out->offset = offset;
    return 0;
}

static int property_is_linear(const struct property_value *value)
{
    return value->kind == VALUE_LINEAR || value->kind == VALUE_CONST;
}

/* An operand of a computed output, in the region. */
static struct property_value property_operand(const struct property_search *s,
                                              const struct rulec_operand *operand)
{
    struct property_value value = { VALUE_CONST, operand->value, -1, -1, 0, RULEC_OP_EQ, -1, 0 };
    if (operand->kind == RULEC_OPERAND_OUTPUT)
        return s->values[operand->value];
    if (operand->kind == RULEC_OPERAND_VAR) {
        if (property_nominal(&s->model->vars[operand->value])) {
            value.kind = VALUE_VAR;
            value.var = operand->value;
            return value;
        }
        return property_linear_of_var(s->model, operand->value);
    }
    return value;
}

/* Each output's value in the region of rule, for the members masks pins down (each lookup's
 * key is pinned to one member when this runs). */
static void property_outputs(struct property_search *s, const struct check_rule *rule)
{
    const struct check_model *model = s->model;
    for (int o = 0; o < model->noutputs; o++)
        s->values[o].kind = VALUE_UNSET;
    for (int i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &rule->assigns[i];
        int32_t amount = assign->value;
        if (assign->key >= 0) {
            uint64_t mask = s->masks[assign->key];
            int member = 0;
            while (!(mask >> member & 1))
                member++;
            amount = model->lookup_values[assign->value + member];
        }
        struct property_value *value = &s->values[assign->output];
        if (assign->kind == RULEC_ASSIGN_SHIFT) {
            *value = property_linear_of_var(model, assign->var);
            value->offset += amount;
        } else {
            value->kind = VALUE_CONST;
            value->constant = amount;
        }
    }
    for (int o = 0; o < model->noutputs; o++) {
        const struct check_output *output = &model->outputs[o];
        if (!output->computed)
            continue;
        struct property_value left = property_operand(s, &output->left);
        struct property_value right = property_operand(s, &output->right);
        struct property_value *value = &s->values[o];
        if (left.kind == VALUE_UNSET || right.kind == VALUE_UNSET) {
            value->kind = VALUE_UNSET;
        } else if (left.kind == VALUE_CONST && right.kind == VALUE_CONST) {
            value->kind = VALUE_CONST;
            value->constant = rulec_compare(left.constant, output->op, right.constant);
        } else if (property_is_linear(&left) && property_is_linear(&right)
                   && property_subtract(&left, &right, value) == 0) {
            value->kind = VALUE_DIFF;
            value->op = output->op;
        } else if ((output->op == RULEC_OP_EQ || output->op == RULEC_OP_NE)
                   && ((left.kind == VALUE_VAR && right.kind == VALUE_CONST)
                       || (right.kind == VALUE_VAR && left.kind == VALUE_CONST))) {
            int var = left.kind == VALUE_VAR ? left.var : right.var;
            int32_t member = left.kind == VALUE_CONST ? left.constant : right.constant;
            uint64_t bit = member >= 0 && member < 64 ? (uint64_t)1 << member : 0;
            value->kind = VALUE_MEMBER;
            value->var = var;
            value->members = output->op == RULEC_OP_EQ ? bit
                             : property_all_members(&model->vars[var]) & ~bit;
        } else {
            value->kind = VALUE_UNKNOWN;
        }
    }
}

static int property_solve(struct property_search *s, const struct property_goal *goals,
                          int depth);

static const struct property_goal *property_push(struct property_search *s,
                                                 const struct check_prop *prop,
                                                 const struct check_cond *cond, int positive,
                                                 const struct property_goal *next)
{
    if (s->ngoals == s->goals_capacity) {
        /* Goals on the stack point at one another: it never moves, so its size is fixed
         * ahead (property_prove counts the formulas' nodes); reaching it is a bug, and
         * proves nothing. */
        s->unprovable_why = "la recherche a dépassé la pile prévue";
        return NULL;
    }
    struct property_goal *goal = &s->goals[s->ngoals++];
    goal->prop = prop;
    goal->cond = cond;
    goal->positive = positive;
    goal->next = next;
    return goal;
}

/* The rest of the goals, with d in [low, high] added (d = x[plus] - x[minus] + offset). */
static int property_range(struct property_search *s, const struct property_goal *rest,
                          int depth, int plus, int minus, int64_t offset, int64_t low,
                          int64_t high)
{
    if (analyse_path_push_difference(s->path, depth, plus, minus, offset, low, high) != 0)
        return 0;
    return property_solve(s, rest, depth + 1);
}

/* The rest of the goals, with (d op 0) true when positive, false otherwise. */
static int property_compare(struct property_search *s, const struct property_goal *rest,
                            int depth, const struct property_value *d, enum rulec_op op,
                            int positive)
{
    static const enum rulec_op negation[] = { RULEC_OP_NE, RULEC_OP_EQ, RULEC_OP_GE, RULEC_OP_GT, RULEC_OP_LE,
                                           RULEC_OP_LT };
    if (!positive)
        op = negation[op];
    const int64_t none = ANALYSE_NO_BOUND;
    int plus = d->kind == VALUE_CONST ? -1 : d->plus;     /* linear, or a computed boolean's */
    int minus = d->kind == VALUE_CONST ? -1 : d->minus;
    int64_t offset = d->kind == VALUE_CONST ? d->constant : d->offset;
    switch (op) {
    case RULEC_OP_EQ:
        return property_range(s, rest, depth, plus, minus, offset, 0, 0);
    case RULEC_OP_NE: {
        int found = property_range(s, rest, depth, plus, minus, offset, -none, -1);
        return found ? found : property_range(s, rest, depth, plus, minus, offset, 1, none);
    }
    case RULEC_OP_LT:
        return property_range(s, rest, depth, plus, minus, offset, -none, -1);
    case RULEC_OP_LE:
        return property_range(s, rest, depth, plus, minus, offset, -none, 0);
    case RULEC_OP_GT:
        return property_range(s, rest, depth, plus, minus, offset, 1, none);
    default:
        return property_range(s, rest, depth, plus, minus, offset, 0, none);
    }
}

/* The rest of the goals, with x[var] one of members. */
static int property_members(struct property_search *s, const struct property_goal *rest,
                            int depth, int var, uint64_t members)
{
    uint64_t saved = s->masks[var];
    uint64_t narrowed = saved & members;
    if (!narrowed)
        return 0;
    s->masks[var] = narrowed;
    int found = property_solve(s, rest, depth);
    s->masks[var] = saved;
    return found;
}

/* A boolean output's value is wanted (true when want is 1). */
static int property_boolean(struct property_search *s, const struct property_goal *rest,
                            int depth, const struct property_value *value, int want)
{
    switch (value->kind) {
    case VALUE_CONST:
        return (value->constant != 0) == want ? property_solve(s, rest, depth) : 0;
    case VALUE_DIFF:
        return property_compare(s, rest, depth, value, value->op, want);
    case VALUE_MEMBER: {
        uint64_t all = property_all_members(&s->model->vars[value->var]);
        return property_members(s, rest, depth, value->var,
                                want ? value->members : all & ~value->members);
    }
    default:
        return 0;
    }
}

/* A test of an output, true when positive (false otherwise) in some claim of the region that
 * meets the rest of the goals. */
static int property_output(struct property_search *s, const struct check_prop *prop,
                           int positive, const struct property_goal *rest, int depth)
{
    const struct property_value *value = &s->values[prop->output];
    const struct check_output *output = &s->model->outputs[prop->output];
    if (value->kind == VALUE_UNKNOWN) {
        s->unprovable_why = arena_printf(s->arena, "le résultat '%s' se calcule d'une façon "
                                         "sur laquelle la preuve ne sait pas raisonner",
                                         output->name);
        return -1;
    }
    if (prop->test == CHECK_PROP_IS_SET)
        return (value->kind != VALUE_UNSET) == positive ? property_solve(s, rest, depth) : 0;
    if (value->kind == VALUE_UNSET)
        return positive ? 0 : property_solve(s, rest, depth);
    if (prop->test == CHECK_PROP_EQUALS) {
        int holds = (uint64_t)(uint32_t)value->constant == prop->members;
        return holds == positive ? property_solve(s, rest, depth) : 0;
    }
    if (prop->test == CHECK_PROP_MEMBER) {
        if (output->type == RULEC_TYPE_BOOL) {
            /* members: bit 0 false, bit 1 true. */
            if (prop->members == 3 || prop->members == 0)
                return (prop->members == 3) == positive ? property_solve(s, rest, depth) : 0;
            return property_boolean(s, rest, depth, value, (prop->members == 2) == positive);
        }
        int holds = value->constant >= 0 && value->constant < 64
                    && (prop->members >> value->constant & 1);
        return holds == positive ? property_solve(s, rest, depth) : 0;
    }
    /* A date or an integer: value - (x[plus] - x[minus] + offset + lookup) op 0. */
    struct property_value right = { VALUE_LINEAR, 0, prop->plus, prop->minus, prop->offset,
                                    RULEC_OP_EQ, -1, 0 };
    if (prop->lookup) {
        const struct check_lookup *lookup = &s->model->lookups[prop->lookup - 1];
        uint64_t mask = s->masks[lookup->key];
        int member = 0;
        while (!(mask >> member & 1))
            member++;
        right.offset += s->model->lookup_values[lookup->first + member];
    }
    struct property_value d;
    if (property_subtract(value, &right, &d) != 0) {
        s->unprovable_why = arena_printf(s->arena, "'%s' compare plus de deux données de la "
                                         "demande", prop->text);
        return -1;
    }
    return property_compare(s, rest, depth, &d, prop->op, positive);
}

/* A test of the claim (a condition as rules write it). */
static int property_test(struct property_search *s, const struct check_cond *cond, int positive,
                         const struct property_goal *rest, int depth)
{
    const struct check_var *var = &s->model->vars[cond->var];
    if (property_nominal(var)) {
        uint64_t all = property_all_members(var);
        return property_members(s, rest, depth, cond->var,
                                positive ? cond->members : all & ~cond->members);
    }
    /* Ordered: one of the ranges, or one of the gaps between them. */
    if (positive) {
        for (int i = 0; i < cond->nranges; i++) {
            if (analyse_path_push_range(s->path, depth, cond->var, cond->ranges[i].low,
                                        cond->ranges[i].high) != 0)
                continue;
            int found = property_solve(s, rest, depth + 1);
            if (found)
                return found;
        }
        return 0;
    }
    int64_t low = INT32_MIN;       /* the first value the ranges before i leave out */
    for (int i = 0; i <= cond->nranges; i++) {
        int64_t high = i < cond->nranges ? (int64_t)cond->ranges[i].low - 1 : INT32_MAX;
        if (low <= high && analyse_path_push_range(s->path, depth, cond->var, (int32_t)low,
                                                   (int32_t)high) == 0) {
            int found = property_solve(s, rest, depth + 1);
            if (found)
                return found;
        }
        if (i < cond->nranges)
            low = (int64_t)cond->ranges[i].high + 1;
    }
    return 0;
}

/* And, or, not: of a formula (prop) or of a condition (cond). */
static int property_connective(struct property_search *s, int is_and, int count,
                               const struct check_prop *const *props,
                               const struct check_cond *const *conds, int positive,
                               const struct property_goal *rest, int depth)
{
    int mark = s->ngoals;
    if (is_and == positive) {
        /* All of them: (a and b), not (a or b). */
        const struct property_goal *list = rest;
        int pushed = 1;
        for (int i = count - 1; i >= 0 && pushed; i--) {
            list = property_push(s, props ? props[i] : NULL, conds ? conds[i] : NULL, positive,
                                 list);
            pushed = list != NULL;
        }
        int found = pushed ? property_solve(s, list, depth) : -1;
        s->ngoals = mark;
        return found;
    }
    /* One of them: (a or b), not (a and b). */
    for (int i = 0; i < count; i++) {
        const struct property_goal *list = property_push(s, props ? props[i] : NULL,
                                                         conds ? conds[i] : NULL, positive,
                                                         rest);
        int found = list ? property_solve(s, list, depth) : -1;
        s->ngoals = mark;
        if (found)
            return found;
    }
    return 0;
}

/* The witness: a claim of the region as it stands at depth, every input given. */
static void property_found(struct property_search *s, int depth)
{
    const struct check_model *model = s->model;
    memset(&s->witness, 0, sizeof s->witness);
    analyse_path_values(s->path, depth, &s->witness);
    for (int v = 0; v < model->ninputs; v++) {
        if (!property_nominal(&model->vars[v]))
            continue;
        int member = 0;
        while (member < 63 && !(s->masks[v] >> member & 1))
            member++;
        s->witness.values[v] = member;
        s->witness.present |= (uint64_t)1 << v;
    }
}

/* 1 when some claim of the region meets every goal (s->witness is then one), 0 when none
 * does, -1 when the search cannot tell (s->unprovable_why says why). */
static int property_solve(struct property_search *s, const struct property_goal *goals,
                          int depth)
{
    if (--s->budget < 0) {
        s->unprovable_why = "sa preuve demande plus d'étapes que permis";
        return -1;
    }
    if (!goals) {
        property_found(s, depth);
        return 1;
    }
    const struct property_goal *rest = goals->next;
    int positive = goals->positive;
    if (goals->cond) {
        const struct check_cond *cond = goals->cond;
        switch (cond->kind) {
        case CHECK_COND_TRUE:
            return positive ? property_solve(s, rest, depth) : 0;
        case CHECK_COND_NOT: {
            int mark = s->ngoals;
            const struct property_goal *list = property_push(s, NULL, cond->children[0],
                                                             !positive, rest);
            int found = list ? property_solve(s, list, depth) : -1;
            s->ngoals = mark;
            return found;
        }
        case CHECK_COND_AND:
        case CHECK_COND_OR:
            return property_connective(s, cond->kind == CHECK_COND_AND, cond->nchildren, NULL,
                                       (const struct check_cond *const *)cond->children,
                                       positive, rest, depth);
        default:
            return property_test(s, cond, positive, rest, depth);
        }
    }
    const struct check_prop *prop = goals->prop;
    switch (prop->kind) {
    case CHECK_PROP_TRUE:
        return positive ? property_solve(s, rest, depth) : 0;
    case CHECK_PROP_NOT: {
        int mark = s->ngoals;
        const struct property_goal *list = property_push(s, prop->children[0], NULL, !positive,
                                                         rest);
        int found = list ? property_solve(s, list, depth) : -1;
        s->ngoals = mark;
        return found;
    }
    case CHECK_PROP_AND:
    case CHECK_PROP_OR:
        return property_connective(s, prop->kind == CHECK_PROP_AND, prop->nchildren,
                                   (const struct check_prop *const *)prop->children, NULL,
                                   positive, rest, depth);
    case CHECK_PROP_CLAIM: {
        int mark = s->ngoals;
        const struct property_goal *list = property_push(s, NULL, prop->cond, positive, rest);
        int found = list ? property_solve(s, list, depth) : -1;
        s->ngoals = mark;
        return found;
    }
    case CHECK_PROP_OUTCOME:
        return (int)(prop->outcomes >> s->outcome & 1) == positive
               ? property_solve(s, rest, depth) : 0;
    default:
        return property_output(s, prop, positive, rest, depth);
    }
}

/* --- Concrete evaluation --- */

static int32_t property_var_value(const struct check_model *model, const struct rulec_claim *claim,
                                  int v)
{
    const struct check_var *var = &model->vars[v];
    if (var->is_input)
        return claim->values[v];
    return rulec_derive(var->offset, var->plus >= 0 ? claim->values[var->plus] : 0,
                        var->minus >= 0 ? claim->values[var->minus] : 0);
}

static int property_cond_holds(const struct check_model *model, const struct check_cond *cond,
                               const struct rulec_claim *claim)
{
    switch (cond->kind) {
    case CHECK_COND_TRUE:
        return 1;
    case CHECK_COND_NOT:
        return !property_cond_holds(model, cond->children[0], claim);
    case CHECK_COND_AND:
    case CHECK_COND_OR:
        for (int i = 0; i < cond->nchildren; i++)
            if (property_cond_holds(model, cond->children[i], claim) != (cond->kind == CHECK_COND_AND))
                return cond->kind == CHECK_COND_OR;
        return cond->kind == CHECK_COND_AND;
    default: {
        int32_t value = property_var_value(model, claim, cond->var);
        if (property_nominal(&model->vars[cond->var]))
            return value >= 0 && value < 64 && (cond->members >> value & 1);
        for (int i = 0; i < cond->nranges; i++)
            if (value >= cond->ranges[i].low && value <= cond->ranges[i].high)
                return 1;
        return 0;
    }
    }
}

static int property_prop_holds(const struct check_model *model, const struct check_prop *prop,
                               const struct rulec_claim *claim, enum rulec_status status,
                               const struct rulec_result *result)
{
    switch (prop->kind) {
    case CHECK_PROP_TRUE:
        return 1;
    case CHECK_PROP_NOT:
        return !property_prop_holds(model, prop->children[0], claim, status, result);
    case CHECK_PROP_AND:
    case CHECK_PROP_OR:
        for (int i = 0; i < prop->nchildren; i++)
            if (property_prop_holds(model, prop->children[i], claim, status, result)
                != (prop->kind == CHECK_PROP_AND))
                return prop->kind == CHECK_PROP_OR;
        return prop->kind == CHECK_PROP_AND;
    case CHECK_PROP_CLAIM:
        return property_cond_holds(model, prop->cond, claim);
    case CHECK_PROP_OUTCOME:
        return status == RULEC_OK && (prop->outcomes >> result->outcome & 1);
    default: {
        int set = status == RULEC_OK && (result->set >> prop->output & 1);
        if (prop->test == CHECK_PROP_IS_SET)
            return set;
        if (!set)
            return 0;
        int32_t value = result->values[prop->output];
        if (prop->test == CHECK_PROP_EQUALS)
            return (uint64_t)(uint32_t)value == prop->members;
        if (prop->test == CHECK_PROP_MEMBER)
            return value >= 0 && value < 64 && (prop->members >> value & 1);
        int64_t right = prop->offset;
        if (prop->plus >= 0)
            right += claim->values[prop->plus];
        if (prop->minus >= 0)
            right -= claim->values[prop->minus];
        if (prop->lookup) {
            const struct check_lookup *lookup = &model->lookups[prop->lookup - 1];
            right += model->lookup_values[lookup->first + claim->values[lookup->key]];
        }
        int64_t left = value;
        switch (prop->op) {
        case RULEC_OP_EQ: return left == right;
        case RULEC_OP_NE: return left != right;
        case RULEC_OP_LT: return left < right;
        case RULEC_OP_LE: return left <= right;
        case RULEC_OP_GT: return left > right;
        default: return left >= right;
        }
    }
    }
}

int property_holds(const struct check_model *model, const struct check_property *property,
                   const struct rulec_claim *claim, enum rulec_status status,
                   const struct rulec_result *result)
{
    return !property_prop_holds(model, property->when, claim, status, result)
           || property_prop_holds(model, property->requires, claim, status, result);
}

/* --- The walk over the diagram --- */

static long property_cond_nodes(const struct check_cond *cond)
{
    long count = 1;
    for (int i = 0; i < cond->nchildren; i++)
        count += property_cond_nodes(cond->children[i]);
    return count;
}

static long property_prop_nodes(const struct check_prop *prop)
{
    long count = 1 + (prop->kind == CHECK_PROP_CLAIM ? property_cond_nodes(prop->cond) : 0);
    for (int i = 0; i < prop->nchildren; i++)
        count += property_prop_nodes(prop->children[i]);
    return count;
}

static uint64_t property_prop_keys(const struct check_model *model, const struct check_prop *prop)
{
    uint64_t keys = 0;
    if (prop->kind == CHECK_PROP_OUTPUT && prop->test == CHECK_PROP_COMPARE && prop->lookup)
        keys |= (uint64_t)1 << model->lookups[prop->lookup - 1].key;
    for (int i = 0; i < prop->nchildren; i++)
        keys |= property_prop_keys(model, prop->children[i]);
    return keys;
}

/* The inputs a condition of a claim reads (a derived value's, for one of it). */
static uint64_t property_cond_reads(const struct check_model *model, const struct check_cond *cond)
{
    uint64_t reads = 0;
    if (cond->kind == CHECK_COND_TEST) {
        const struct check_var *var = &model->vars[cond->var];
        if (var->is_input)
            reads |= (uint64_t)1 << cond->var;
        if (!var->is_input && var->plus >= 0)
            reads |= (uint64_t)1 << var->plus;
        if (!var->is_input && var->minus >= 0)
            reads |= (uint64_t)1 << var->minus;
    }
    for (int i = 0; i < cond->nchildren; i++)
        reads |= property_cond_reads(model, cond->children[i]);
    return reads;
}

/* The inputs a property reads of the claim itself (beside the answer). */
static uint64_t property_prop_reads(const struct check_model *model, const struct check_prop *prop)
{
    uint64_t reads = property_prop_keys(model, prop);
    if (prop->kind == CHECK_PROP_CLAIM)
        reads |= property_cond_reads(model, prop->cond);
    if (prop->kind == CHECK_PROP_OUTPUT && prop->test == CHECK_PROP_COMPARE) {
        if (prop->plus >= 0)
            reads |= (uint64_t)1 << prop->plus;
        if (prop->minus >= 0)
            reads |= (uint64_t)1 << prop->minus;
    }
    for (int i = 0; i < prop->nchildren; i++)
        reads |= property_prop_reads(model, prop->children[i]);
    return reads;
}

/* The witness without each input neither the property nor the decision reads: the claim a
 * clerk would write, answered as before, so still breaking the property. */
static void property_witness_needed(struct property_search *s)
{
    analyse_claim_needed(s->policy, &s->witness,
                         property_prop_reads(s->model, s->property->when)
                         | property_prop_reads(s->model, s->property->requires));
}

/* The answer as a message says it: its outputs, or its outcome. */
static const char *property_answer_text(struct property_search *s, const struct rulec_result *result)
{
    const struct check_model *model = s->model;
    if (result->outcome != RULEC_OUTCOME_DECIDED)
        return arena_printf(s->arena, "'%s'", keyword(s->diag, rulec_outcome_name(result->outcome)));
    const char *text = "";
    for (int o = 0; o < model->noutputs; o++) {
        if (!(result->set >> o & 1))
            continue;
        const struct check_output *output = &model->outputs[o];
        struct rulec_domain domain = { (uint8_t)output->type, (uint16_t)output->nmembers,
                                    output->members, output->member_labels, 0, INT32_MIN, INT32_MAX };
        char value[256];
        rulec_format_value(value, sizeof value, &domain, result->values[o], RULEC_NOTATION_RULES);
        text = arena_printf(s->arena, "%s%s%s=%s", text, text[0] ? " " : "", output->name, value);
    }
    return text[0] ? text : "sans aucun résultat";
}

static void property_report(struct property_search *s, int rule_index)
{
    const struct check_property *property = s->property;
    const struct check_rule *rule = &s->model->rules[rule_index];
    struct rulec_result result;
    enum rulec_status status = rulec_decide(s->policy, &s->witness, &result);
    const char *claim = analyse_claim_text(s->arena, s->model, &s->witness);
    void (*report)(struct diag *, struct diag_span, const char *, ...)
        = s->unfinished ? diag_warning : diag_error;
    if (status != RULEC_OK || result.rule != rule_index
        || property_holds(s->model, property, &s->witness, status, &result)) {
        /* The proof and the runtime disagree: a bug of rulec's, never a verdict. */
        if (s->diag)
            report(s->diag, property->span, "la preuve de la propriété '%s' et la décision "
                   "ne s'accordent pas sur la demande %s (règle '%s') : la propriété n'est pas "
                   "prouvée ; signalez-le aux développeurs de rulec", property->name, claim,
                   rule->name);
        return;
    }
    property_witness_needed(s);
    claim = analyse_claim_text(s->arena, s->model, &s->witness);
    if (s->witnesses)
        s->witnesses[s->index] = s->witness;
    if (!s->diag)
        return;
    const char *answer = property_answer_text(s, &result);
    const char *verb = result.outcome == RULEC_OUTCOME_DECIDED ? "décide" : "répond";
    if (property->when->kind == CHECK_PROP_TRUE)
        report(s->diag, property->span, "la propriété '%s' n'est pas respectée : pour la "
               "demande %s, la règle '%s' (ligne %u) %s %s ; or la propriété exige %s",
               property->name, claim, rule->name, rule->line, verb, answer,
               property->requires->text);
    else
        report(s->diag, property->span, "la propriété '%s' n'est pas respectée : pour la "
               "demande %s, la règle '%s' (ligne %u) %s %s ; or, quand %s, la propriété "
               "exige %s", property->name, claim, rule->name, rule->line, verb, answer,
               property->when->text, property->requires->text);
    diag_note(s->diag, rule->span, "la règle '%s' décide cette demande", rule->name);
}

/* Whether some claim of the leaf's region breaks the property, for each member of the keys
 * left (the lookups the answer and the property read). Reports what it finds. */
static int property_leaf_keys(struct property_search *s, int rule_index, uint64_t keys, int depth)
{
    if (keys) {
        int key = 0;
        while (!(keys >> key & 1))
            key++;
        uint64_t saved = s->masks[key];
        int found = 0;
        for (int member = 0; member < 64 && !found; member++) {
            if (!(saved >> member & 1))
                continue;
            s->masks[key] = (uint64_t)1 << member;
            found = property_leaf_keys(s, rule_index, keys & ~((uint64_t)1 << key), depth);
        }
        s->masks[key] = saved;
        return found;
    }
    const struct check_rule *rule = &s->model->rules[rule_index];
    property_outputs(s, rule);
    s->outcome = rule->outcome;
    s->ngoals = 0;
    const struct property_goal *list = property_push(s, s->property->requires, NULL, 0, NULL);
    list = list ? property_push(s, s->property->when, NULL, 1, list) : NULL;
    int found = list ? property_solve(s, list, depth) : -1;
    if (found > 0) {
        property_report(s, rule_index);
    } else if (found < 0 && s->diag) {
        const struct check_property *property = s->property;
        void (*report)(struct diag *, struct diag_span, const char *, ...)
            = s->unfinished ? diag_warning : diag_error;
        report(s->diag, property->span, "la propriété '%s' n'a pas pu être prouvée : %s "
               "(là où décide la règle '%s', ligne %u)", property->name,
               s->unprovable_why ? s->unprovable_why : "", rule->name, rule->line);
    }
    return found != 0;
}

static int property_enter(void *context, const struct dd_branch *branch, int depth)
{
    struct property_search *s = context;
    int var = branch->var;
    if (analyse_path_push(s->path, depth, var, branch->ranges[0].first,
                          branch->ranges[0].last) != 0)
        return 1;
    if (property_nominal(&s->model->vars[var])) {
        uint64_t mask = 0;
        for (int i = 0; i < branch->nranges; i++)
            for (int cell = branch->ranges[i].first; cell <= branch->ranges[i].last && cell < 64;
                 cell++)
                mask |= (uint64_t)1 << cell;
        s->saved[depth] = s->masks[var];
        s->masks[var] &= mask;
        if (!s->masks[var]) {
            s->masks[var] = s->saved[depth];
            return 1;
        }
    }
    return 0;
}

static void property_leave(void *context, const struct dd_branch *branch, int depth)
{
    struct property_search *s = context;
    if (property_nominal(&s->model->vars[branch->var]))
        s->masks[branch->var] = s->saved[depth];
}

static int property_leaf(void *context, int terminal, int depth)
{
    struct property_search *s = context;
    if (terminal >= s->model->nrules)
        return 0;                  /* a gap or a conflict: analyse_policy's to report */
    const struct check_rule *rule = &s->model->rules[terminal];
    uint64_t rule_keys = 0;
    for (int i = 0; i < rule->nassigns; i++)
        if (rule->assigns[i].key >= 0)
            rule_keys |= (uint64_t)1 << rule->assigns[i].key;
    int pending = 0;
    for (int k = 0; k < s->model->nproperties; k++) {
        if (s->failed[k])
            continue;
        s->property = &s->model->properties[k];
        s->index = k;
        s->unprovable_why = NULL;
        s->budget = s->budgets[k];
        int failed = property_leaf_keys(s, terminal, rule_keys | s->property_keys[k], depth);
        s->budgets[k] = s->budget;
        if (failed) {
            s->failed[k] = 1;
            s->failures++;
        } else {
            pending++;
        }
    }
    return pending == 0;           /* every property has failed: nothing left to prove */
}

int property_prove(struct arena *arena, struct diag *diag, const struct check_model *model,
                   const struct diagram *diagram, const struct rulec_policy *policy,
                   int unfinished, unsigned char *failed, struct rulec_claim *witnesses)
{
    if (model->nproperties == 0)
        return 0;
    struct property_search s;
    memset(&s, 0, sizeof s);
    s.arena = arena;
    s.diag = diag;
    s.model = model;
    s.diagram = diagram;
    s.policy = policy;
    s.unfinished = unfinished;
    s.witnesses = witnesses;
    if (witnesses)
        memset(witnesses, 0, sizeof *witnesses * (size_t)model->nproperties);
    long most = 0;
    s.property_keys = arena_calloc(arena, (size_t)model->nproperties, sizeof *s.property_keys);
    for (int k = 0; k < model->nproperties; k++) {
        const struct check_property *property = &model->properties[k];
        long nodes = property_prop_nodes(property->when) + property_prop_nodes(property->requires);
        if (nodes > most)
            most = nodes;
        s.property_keys[k] = property_prop_keys(model, property->when)
                             | property_prop_keys(model, property->requires);
    }
    /* Each goal and each constraint is pushed at most once on the way down one search. */
    s.goals_capacity = (int)most + 2;
    s.goals = arena_calloc(arena, (size_t)s.goals_capacity, sizeof *s.goals);
    s.path = analyse_path_new_depth(model, model->nvars + 2 + (int)most);
    s.masks = arena_calloc(arena, (size_t)model->nvars, sizeof *s.masks);
    for (int v = 0; v < model->ninputs; v++)
        if (property_nominal(&model->vars[v]))
            s.masks[v] = property_all_members(&model->vars[v]);
    s.saved = arena_calloc(arena, (size_t)model->nvars + 1, sizeof *s.saved);
    s.values = arena_calloc(arena, (size_t)model->noutputs + 1, sizeof *s.values);
    s.failed = arena_calloc(arena, (size_t)model->nproperties, sizeof *s.failed);
    s.budgets = arena_calloc(arena, (size_t)model->nproperties, sizeof *s.budgets);
    for (int k = 0; k < model->nproperties; k++)
        s.budgets[k] = PROPERTY_BUDGET;
    struct dd_walker walker = { property_enter, property_leave, property_leaf, &s, 0,
                                PROPERTY_BUDGET * 10 };
    int walked = dd_walk(&diagram->dd, diagram->root, &walker);
    analyse_path_free(s.path);
    if (walked < 0) {
        /* The diagram is too large to walk: no property is proven. */
        for (int k = 0; k < model->nproperties; k++) {
            if (s.failed[k])
                continue;
            const struct check_property *property = &model->properties[k];
            if (diag)
                (unfinished ? diag_warning : diag_error)(diag, property->span,
                                                         "la propriété '%s' n'a pas pu être "
                                                         "prouvée : l'arbre de décision est trop "
                                                         "grand pour être parcouru",
                                                         property->name);
            s.failed[k] = 1;
            s.failures++;
        }
    }
    if (failed)
        memcpy(failed, s.failed, (size_t)model->nproperties);
    return s.failures;
}
