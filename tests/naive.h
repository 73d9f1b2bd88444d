/* tests/naive.h — a policy decided the slow, obvious way, for differential tests: each rule's
 * condition read one by one on the claim, then exceptions applied pair by pair. Written apart
 * from the compiler's diagram and the runtime's tables; it reads only the checked model.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_TEST_NAIVE_H
#define RULEC_TEST_NAIVE_H

#include <string.h>

#include "check.h"

/* Variable v's value for the claim, derived values summed in 64 bits and clamped as the
 * language defines them. Returns -1 when an input it needs is absent. */
static int naive_value(const struct check_model *model, const struct rulec_claim *claim, int v,
                       int64_t *value)
{
    const struct check_var *var = &model->vars[v];
    if (var->is_input) {
        if (!(claim->present >> v & 1))
            return -1;
        *value = claim->values[v];
        return 0;
    }
    int64_t sum = var->offset, part;
    if (var->plus >= 0) {
        if (naive_value(model, claim, var->plus, &part))
            return -1;
        sum += part;
    }
    if (var->minus >= 0) {
        if (naive_value(model, claim, var->minus, &part))
            return -1;
        sum -= part;
    }
    *value = sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : sum;
    return 0;
}

/* Whether the condition holds for a complete claim. */
static int naive_holds(const struct check_model *model, const struct check_cond *cond,
                       const struct rulec_claim *claim)
{
    int64_t value;
    switch (cond->kind) {
    case CHECK_COND_TRUE:
        return 1;
    case CHECK_COND_AND:
        for (int i = 0; i < cond->nchildren; i++)
            if (!naive_holds(model, cond->children[i], claim))
                return 0;
        return 1;
    case CHECK_COND_OR:
        for (int i = 0; i < cond->nchildren; i++)
            if (naive_holds(model, cond->children[i], claim))
                return 1;
        return 0;
    case CHECK_COND_NOT:
        return !naive_holds(model, cond->children[0], claim);
    default:
        if (naive_value(model, claim, cond->var, &value))
            return 0;
        if (model->vars[cond->var].type == RULEC_TYPE_INT || model->vars[cond->var].type == RULEC_TYPE_DATE) {
            for (int i = 0; i < cond->nranges; i++)
                if (value >= cond->ranges[i].low && value <= cond->ranges[i].high)
                    return 1;
            return 0;
        }
        return value >= 0 && value < 64 && (int)(cond->members >> value & 1);
    }
}

/* Is rule r declared "exception to all", or an exception (through any chain) to such one? */
static int naive_high(const struct check_model *model, int r, int depth)
{
    const struct check_rule *rule = &model->rules[r];
    if (rule->exception_to_all)
        return 1;
    if (depth > model->nrules)
        return 0;
    for (int i = 0; i < rule->nexceptions; i++)
        if (naive_high(model, rule->exceptions[i], depth + 1))
            return 1;
    return 0;
}

/* A chain of "exception to" from a to b. */
static int naive_chain(const struct check_model *model, int a, int b, int depth)
{
    const struct check_rule *rule = &model->rules[a];
    if (depth > model->nrules)
        return 0;
    for (int i = 0; i < rule->nexceptions; i++)
        if (rule->exceptions[i] == b || naive_chain(model, rule->exceptions[i], b, depth + 1))
            return 1;
    return 0;
}

/* Does rule a beat rule b when both apply (docs/language.md, Exceptions)? */
static int naive_beats(const struct check_model *model, int a, int b)
{
    return (naive_high(model, a, 0) && !naive_high(model, b, 0)) || naive_chain(model, a, b, 0);
}

static int naive_same_outcome(const struct check_rule *a, const struct check_rule *b)
{
    if (a->outcome != b->outcome || a->nassigns != b->nassigns)
        return 0;
    if (a->outcome != RULEC_OUTCOME_DECIDED)
        return strcmp(a->reason, b->reason) == 0;
    return memcmp(a->assigns, b->assigns, sizeof *a->assigns * (size_t)a->nassigns) == 0;
}

#define NAIVE_GAP (-1)
#define NAIVE_CONFLICT (-2)

/* The decision of a complete claim: the first rule that applies and that no other applying
 * rule beats, when every such rule has its outcome; NAIVE_GAP or NAIVE_CONFLICT otherwise. */
static int naive_decide(const struct check_model *model, const struct rulec_claim *claim)
{
    int winner = NAIVE_GAP;
    for (int i = 0; i < model->nrules; i++) {
        if (!naive_holds(model, model->rules[i].when, claim))
            continue;
        int beaten = 0;
        for (int j = 0; j < model->nrules && !beaten; j++)
            beaten = i != j && naive_holds(model, model->rules[j].when, claim)
                     && naive_beats(model, j, i);
        if (beaten)
            continue;
        if (winner == NAIVE_GAP)
            winner = i;
        else if (!naive_same_outcome(&model->rules[winner], &model->rules[i]))
            return NAIVE_CONFLICT;
    }
    return winner;
}

#endif
