/* src/backend/emit_code.c — the generated code: the diagram walked as C, each rule's answer
 * written out, and the typed decide function around them.
 * Part of rulec; see README.md for the licence. */
#include "emit.h"
#include "emit_internal.h"

#include <string.h>

/* Where a child goes, as a statement of the walker. */
static void emit_goto(struct buffer *c, int32_t child)
{
    if (child >= 0)
        emit(c, "goto n%ld;", (long)child);
    else
        emit(c, "return %ld;", (long)child);
}

static void emit_cut_comment(struct buffer *c, const struct rulec_var *var, int32_t cut)
{
    char date[11];
    if (var->type != RULEC_TYPE_DATE)
        return;
    rulec_date_format(cut, date);
    emit(c, " /* %s */", date);
}

/* Intervals low..high of a date's or an integer's node (interval i starts at the node's
 * bound first + i), as a balanced tree of comparisons with the bounds. */
static void emit_cells(struct buffer *c, const struct rulec_policy *policy,
                       const struct rulec_var *var, uint32_t first, uint32_t low, uint32_t high,
                       int depth)
{
    if (low == high) {
        emit(c, "%*s", depth * 4, "");
        emit_goto(c, rulec_child(policy, first + low));
        emit(c, "\n");
        return;
    }
    uint32_t middle = low + (high - low + 1) / 2;
    int32_t cut = rulec_bound(policy, first + middle);
    emit(c, "%*sif (x < %ld)", depth * 4, "", (long)cut);
    emit_cut_comment(c, var, cut);
    if (low == middle - 1) {
        emit(c, "\n%*s", depth * 4 + 4, "");
        emit_goto(c, rulec_child(policy, first + low));
        emit(c, "\n");
    } else {
        emit(c, " {\n");
        emit_cells(c, policy, var, first, low, middle - 1, depth + 1);
        emit(c, "%*s}\n", depth * 4, "");
    }
    emit_cells(c, policy, var, first, middle, high, depth);
}

/* A variable's value as C over the claim's values (named `values`: "claim.values" in the
 * answers, "value" in the walker): an input's own, or a derived value through rulec_derive, the
 * runtime's one definition of it. Returns the presence bits it needs. */
static uint64_t emit_var_value(struct buffer *c, const struct rulec_policy *policy, int index,
                               const char *values)
{
    const struct rulec_var *var = &policy->vars[index];
    if (var->is_input) {
        emit(c, "%s[%d]", values, index);
        return (uint64_t)1 << index;
    }
    emit(c, "rulec_derive(%ld, ", (long)var->offset);
    if (var->plus >= 0)
        emit(c, "%s[%d], ", values, var->plus);
    else
        emit(c, "0, ");
    if (var->minus >= 0)
        emit(c, "%s[%d])", values, var->minus);
    else
        emit(c, "0)");
    return (var->plus >= 0 ? (uint64_t)1 << var->plus : 0)
           | (var->minus >= 0 ? (uint64_t)1 << var->minus : 0);
}

static uint64_t emit_var_needs(const struct rulec_policy *policy, int index)
{
    const struct rulec_var *var = &policy->vars[index];
    if (var->is_input)
        return (uint64_t)1 << index;
    return (var->plus >= 0 ? (uint64_t)1 << var->plus : 0)
           | (var->minus >= 0 ? (uint64_t)1 << var->minus : 0);
}

/* A node on an enumeration or a boolean: a switch whose cells that share a child share a
 * line. Values were checked on the way in, so the last cell's child can be the default. */
static void emit_switch(struct buffer *c, const struct rulec_policy *policy,
                        const struct rulec_node *node)
{
    uint32_t cells = node->nchildren - 1, first = node->first_child;
    emit(c, "    switch (x) {\n");
    int32_t fallback = rulec_child(policy, first + cells - 1);
    for (uint32_t i = 0; i + 1 < cells; i++) {
        int32_t target = rulec_child(policy, first + i);
        uint32_t earlier = 0;
        while (earlier < i && rulec_child(policy, first + earlier) != target)
            earlier++;
        if (target == fallback || earlier < i)
            continue;                   /* the default, or written already */
        emit(c, "    ");
        for (uint32_t k = i; k + 1 < cells; k++)
            if (rulec_child(policy, first + k) == target)
                emit(c, "case %lu: ", (unsigned long)k);
        emit_goto(c, target);
        emit(c, "\n");
    }
    emit(c, "    default: ");
    emit_goto(c, fallback);
    emit(c, "\n    }\n");
}

/* The decision diagram as C: one label per node of p_nodes, a goto per child of p_children.
 * It reaches the same leaf as rulec_decide on the tables (tests/test_ramq2018.c checks it claim
 * by claim), without the interpretation: cut points become constants, the search for a cell
 * a tree of comparisons. Returns the leaf, for rulec_finish. Every node is a goto target (each
 * is some node's child, or the root), so every label is used. */
static void emit_walker(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    emit(c, "/* The decision diagram above, walked as code: node n<i> is %s_nodes[i]. */\n", p);
    emit(c, "static int32_t %s_walk(const struct rulec_claim *claim)\n{\n", p);
    emit(c, "    const uint64_t present = claim->present;\n");
    emit(c, "    const int32_t *value = claim->values;\n");
    if (policy->nnodes == 0) {
        emit(c, "    (void)present;\n    (void)value;\n    return %ld;\n}\n\n", (long)policy->root);
        return;
    }
    emit(c, "    int32_t x;\n    goto n%ld;\n", (long)policy->root);
    for (uint32_t n = 0; n < policy->nnodes; n++) {
        const struct rulec_node *node = &policy->nodes[n];
        const struct rulec_var *var = &policy->vars[node->var];
        uint64_t mask = emit_var_needs(policy, node->var);
        emit(c, "n%lu: /* %s */\n", (unsigned long)n, var->name);
        emit(c, "    if ((present & 0x%llxu) != 0x%llxu)\n        ", (unsigned long long)mask,
             (unsigned long long)mask);
        emit_goto(c, rulec_child(policy, node->first_child + node->nchildren - 1));
        emit(c, "\n    x = ");
        emit_var_value(c, policy, node->var, "value");
        emit(c, ";\n");
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM)
            emit_switch(c, policy, node);
        else
            emit_cells(c, policy, var, node->first_child, 0, node->nchildren - 2, 1);
    }
    emit(c, "}\n\n");
}

/* A rule's answer as a structure, for the typed API: for each output, how the rule sets it,
 * as rulec_finish would for the same claim. Built first, then printed (emit_answer). */
enum emit_how { EMIT_UNSET, EMIT_CONST, EMIT_SHIFT, EMIT_COMPARE };
struct emit_value {
    enum emit_how how;
    int32_t value;                 /* const: the value; shift: the days */
    int var;                       /* shift: the date variable */
    int key;                       /* a lookup's enumeration input (value: its first), or -1 */
};
struct emit_answer {
    struct emit_value outputs[RULEC_MAX_OUTPUTS];
    uint64_t needed;               /* presence bits every value needs */
};

static void emit_answer_plan(const struct rulec_policy *policy, const struct rulec_rule *rule,
                             struct emit_answer *answer)
{
    memset(answer, 0, sizeof *answer);
    for (unsigned o = 0; o < RULEC_MAX_OUTPUTS; o++)
        answer->outputs[o].key = -1;
    uint32_t assigned = 0;
    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
        struct emit_value *value = &answer->outputs[assign->output];
        assigned |= (uint32_t)1 << assign->output;
        value->value = assign->value;
        value->how = assign->kind == RULEC_ASSIGN_SHIFT ? EMIT_SHIFT : EMIT_CONST;
        value->var = assign->var;
        value->key = assign->key;
        if (assign->kind == RULEC_ASSIGN_SHIFT)
            answer->needed |= emit_var_needs(policy, assign->var);
        if (assign->key >= 0)
            answer->needed |= emit_var_needs(policy, assign->key);
    }
    /* Which computed outputs are set, for every outcome: rulec_outputs_set, as rulec_finish. */
    uint32_t set = rulec_outputs_set(policy, assigned);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (!output->computed || !(set >> o & 1))
            continue;
        if (output->left.kind == RULEC_OPERAND_VAR)
            answer->needed |= emit_var_needs(policy, output->left.value);
        if (output->right.kind == RULEC_OPERAND_VAR)
            answer->needed |= emit_var_needs(policy, output->right.value);
        answer->outputs[o].how = EMIT_COMPARE;
    }
}

/* A value as C: the number, or a lookup's entry for the claim's member (checked in range by
 * emit_answer before it is read). */
static void emit_lookup(struct buffer *c, const struct rulec_policy *policy,
                        const struct emit_value *value)
{
    if (value->key < 0)
        emit(c, "%ld", (long)value->value);
    else
        emit(c, "%s_lookup_values[%ld + claim.values[%d]]", policy->name, (long)value->value,
             value->key);
}

/* An output's value in days (dates) or as stored, as C. */
static void emit_answer_value(struct buffer *c, const struct rulec_policy *policy,
                              const struct emit_answer *answer, unsigned o);

static void emit_operand(struct buffer *c, const struct rulec_policy *policy,
                         const struct emit_answer *answer, const struct rulec_operand *operand)
{
    if (operand->kind == RULEC_OPERAND_VAR)
        emit_var_value(c, policy, operand->value, "claim.values");
    else if (operand->kind == RULEC_OPERAND_OUTPUT)
        emit_answer_value(c, policy, answer, (unsigned)operand->value);
    else
        emit(c, "%ld", (long)operand->value);
}

static void emit_answer_value(struct buffer *c, const struct rulec_policy *policy,
                              const struct emit_answer *answer, unsigned o)
{
    const struct emit_value *value = &answer->outputs[o];
    switch (value->how) {
    case EMIT_SHIFT:
        emit(c, "o%u", o);
        break;
    case EMIT_COMPARE:
        emit(c, "rulec_compare(");
        emit_operand(c, policy, answer, &policy->outputs[o].left);
        emit(c, ", %s, ", emit_op_names[policy->outputs[o].op]);
        emit_operand(c, policy, answer, &policy->outputs[o].right);
        emit(c, ")");
        break;
    default:
        emit_lookup(c, policy, value);
        break;
    }
}

/* A rule's answer written out as C: what rulec_finish computes from the tables, for the same
 * claim. The case is left (break) when an input it reads is absent, and rulec_finish then says
 * which. */
static void emit_answer(struct buffer *c, const struct rulec_policy *policy, uint32_t r,
                        const char *upper)
{
    const char *p = policy->name;
    const struct rulec_rule *rule = &policy->rules[r];
    struct emit_answer answer;
    emit_answer_plan(policy, rule, &answer);
    emit(c, "    case %ld: { /* %s */\n", -(long)r - 1, rule->name);
    if (answer.needed)
        emit(c, "        if ((claim.present & 0x%llxu) != 0x%llxu)\n            break;\n",
             (unsigned long long)answer.needed, (unsigned long long)answer.needed);
    /* A shifted date out of the years 1000 to 9999 is refused, as rulec_finish refuses it; the
     * checker keeps shifts small enough that the sum fits 32 bits. */
    for (unsigned o = 0; o < policy->noutputs; o++) {
        int key = answer.outputs[o].key;     /* -1 but for a lookup an assignment reads */
        if (key >= 0)
            emit(c, "        if ((uint32_t)claim.values[%d] >= %uu)\n            return "
                    "%s_refuse(result, \"%s\", %s_BADINPUT);\n", key,
                 (unsigned)policy->vars[key].nmembers, p, policy->vars[key].name, upper);
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (answer.outputs[o].how != EMIT_SHIFT)
            continue;
        emit(c, "        const int32_t o%u = ", o);
        emit_var_value(c, policy, answer.outputs[o].var, "claim.values");
        emit(c, " + ");
        emit_lookup(c, policy, &answer.outputs[o]);
        emit(c, ";\n");
        /* The base is a checked date: only the side the shift moves towards can be left (a
         * lookup's values may go either way: both are checked). */
        if (answer.outputs[o].key >= 0)
            emit(c, "        if (o%u > RULEC_DAYS_MAX || o%u < RULEC_DAYS_MIN)\n            return "
                    "%s_refuse(result, \"%s\", %s_BADINPUT);\n", o, o,
                 p, policy->vars[answer.outputs[o].var].name, upper);
        else if (answer.outputs[o].value != 0)
            emit(c, "        if (o%u %s)\n            return %s_refuse(result, \"%s\", "
                    "%s_BADINPUT);\n", o, answer.outputs[o].value > 0 ? "> RULEC_DAYS_MAX"
                                                                        : "< RULEC_DAYS_MIN",
                 p, policy->vars[answer.outputs[o].var].name, upper);
    }
    emit(c, "        %s_meta(result, %lu);\n", p, (unsigned long)r);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (answer.outputs[o].how == EMIT_UNSET)
            continue;
        emit(c, "        result->outputs.has_%s = true;\n        result->outputs.%s = ", output->name,
             output->name);
        switch (output->type) {
        case RULEC_TYPE_BOOL:
            emit_answer_value(c, policy, &answer, o);
            emit(c, " != 0;\n");
            break;
        case RULEC_TYPE_DATE:
            emit(c, "rulec_date_to_number(");
            emit_answer_value(c, policy, &answer, o);
            emit(c, ");\n");
            break;
        case RULEC_TYPE_SET:
            emit(c, "(uint32_t)");
            emit_answer_value(c, policy, &answer, o);
            emit(c, ";\n");
            break;
        case RULEC_TYPE_ENUM:
            emit(c, "(enum %s_%s_value)", p, output->name);
            emit_answer_value(c, policy, &answer, o);
            emit(c, ";\n");
            break;
        default:
            emit_answer_value(c, policy, &answer, o);
            emit(c, ";\n");
            break;
        }
    }
    emit(c, "        return %s_OK;\n    }\n", upper);
}

static void emit_names_api(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    emit(c, "const struct rulec_policy *%s_policy(void)\n{\n    return &%s_tables;\n}\n\n", p, p);
    for (int pass = 0; pass < 2; pass++) {
        unsigned count = pass ? policy->noutputs : policy->ninputs;
        for (unsigned i = 0; i < count; i++) {
            const char *name = pass ? policy->outputs[i].name : policy->vars[i].name;
            unsigned kind = pass ? policy->outputs[i].type : policy->vars[i].type;
            unsigned nmembers = pass ? policy->outputs[i].nmembers : policy->vars[i].nmembers;
            if (kind != RULEC_TYPE_ENUM)
                continue;
            emit(c, "const char *%s_%s_name(enum %s_%s_value value)\n{\n", p, name, p, name);
            emit(c, "    return (unsigned)value < %u ? %s_members_%s[value] : NULL;\n}\n\n",
                 nmembers, p, name);
            emit(c, "int %s_%s_from_name(const char *name, enum %s_%s_value *value)\n{\n", p, name, p,
                 name);
            emit(c, "    if (!name || !value)\n        return -1;\n");
            emit(c, "    for (unsigned i = 0; i < %u; i++) {\n", nmembers);
            emit(c, "        if (strcmp(%s_members_%s[i], name) == 0) {\n", p, name);
            emit(c, "            *value = (enum %s_%s_value)i;\n            return 0;\n", p, name);
            emit(c, "        }\n    }\n    return -1;\n}\n\n");
        }
    }
}

static void emit_helpers(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    /* Every answer starts as a copy of a zero struct rather than a memset: the same bytes
     * (padding included, as gcc and clang copy it), but a few vector moves where memset of
     * this size compiles to rep stos, which cost 5 ns a decision (bench/decide_bench). */
    emit(c, "static const struct %s_result %s_no_answer;\n\n", p, p);
    emit(c, "/* What every answer of rule r says, and no output set yet. */\n");
    emit(c, "static void %s_meta(struct %s_result *result, unsigned r)\n{\n", p, p);
    emit(c, "    const struct rulec_rule *rule = &%s_rules[r];\n", p);
    emit(c, "    *result = %s_no_answer;\n", p);
    emit(c, "    result->outcome = (enum %s_outcome)rule->outcome;\n", p);
    emit(c, "    result->reason = rule->reason;\n");
    emit(c, "    result->rule = rule->name;\n");
    emit(c, "    result->citation = rule->citation;\n");
    emit(c, "    result->interpretation = rule->interpretation;\n");
    emit(c, "    result->quote = rule->ncites ? %s_cites[rule->first_cite].quote : NULL;\n", p);
    emit(c, "    result->line = (unsigned)rule->line;\n");
    emit(c, "}\n\n");
    emit(c, "static enum %s_status %s_refuse(struct %s_result *result, const char *input,\n"
            "                                  enum %s_status status)\n{\n", p, p, p, p);
    emit(c, "    memset(result, 0, sizeof *result);\n    result->error_input = input;\n"
            "    return status;\n}\n\n");
}

/* The typed input converted to a claim, each value checked. */
static void emit_claim(struct buffer *c, const struct rulec_policy *policy, const char *upper)
{
    const char *p = policy->name;
    emit(c, "    struct rulec_claim claim;\n    struct rulec_result decision;\n");
    emit(c, "    if (!result)\n        return %s_BADINPUT;\n", upper);
    emit(c, "    if (!input)\n        return %s_refuse(result, NULL, %s_BADINPUT);\n", p, upper);
    emit(c, "    claim.present = 0;\n");
    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        emit(c, "    if (input->has_%s) {\n", var->name);
        switch (var->type) {
        case RULEC_TYPE_BOOL:
            emit(c, "        claim.values[%u] = input->%s ? 1 : 0;\n", v, var->name);
            break;
        case RULEC_TYPE_INT:
            if (var->bounded) {
                emit(c, "        if (");
                if (var->low != INT32_MIN)
                    emit(c, "input->%s < %ld%s", var->name, (long)var->low,
                         var->high != INT32_MAX ? " || " : "");
                if (var->high != INT32_MAX)
                    emit(c, "input->%s > %ld", var->name, (long)var->high);
                emit(c, ")\n            return %s_refuse(result, \"%s\", %s_BADINPUT);\n", p,
                     var->name, upper);
            }
            emit(c, "        claim.values[%u] = input->%s;\n", v, var->name);
            break;
        case RULEC_TYPE_DATE:
            emit(c, "        if (rulec_date_from_number(input->%s, &claim.values[%u]) != 0)\n",
                 var->name, v);
            emit(c, "            return %s_refuse(result, \"%s\", %s_BADINPUT);\n", p, var->name,
                 upper);
            break;
        default:
            emit(c, "        if ((unsigned)input->%s >= %u)\n", var->name, var->nmembers);
            emit(c, "            return %s_refuse(result, \"%s\", %s_BADINPUT);\n", p, var->name,
                 upper);
            emit(c, "        claim.values[%u] = (int32_t)input->%s;\n", v, var->name);
            break;
        }
        emit(c, "        claim.present |= (uint64_t)1 << %u;\n    }\n", v);
    }
}

/* The result from rulec_decide's or rulec_finish's answer, for what the walker did not answer. */
static void emit_decision(struct buffer *c, const struct rulec_policy *policy, const char *upper)
{
    const char *p = policy->name;
    emit(c, "    case RULEC_OK:\n        break;\n");
    emit(c, "    case RULEC_MISSING:\n");
    emit(c, "        return %s_refuse(result, %s_vars[decision.input].name, %s_MISSING);\n",
         p, p, upper);
    emit(c, "    case RULEC_OUT_OF_RANGE:\n    case RULEC_BAD_INPUT:\n");
    emit(c, "        return %s_refuse(result, %s_vars[decision.input].name, %s_BADINPUT);\n",
         p, p, upper);
    emit(c, "    case RULEC_BAD_ABI:\n        return %s_refuse(result, NULL, %s_MISMATCH);\n", p, upper);
    emit(c, "    default:\n        return %s_refuse(result, NULL, %s_INTERNAL);\n    }\n", p,
         upper);
    emit(c, "    %s_meta(result, (unsigned)decision.rule);\n", p);
    emit(c, "    /* An output that is not set reads 0. */\n");
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        emit(c, "    result->outputs.has_%s = (decision.set >> %u & 1) != 0;\n", output->name, o);
        emit(c, "    result->outputs.%s = !result->outputs.has_%s ? 0 : ", output->name,
             output->name);
        switch (output->type) {
        case RULEC_TYPE_BOOL:
            emit(c, "decision.values[%u] != 0;\n", o);
            break;
        case RULEC_TYPE_INT:
            emit(c, "decision.values[%u];\n", o);
            break;
        case RULEC_TYPE_DATE:
            emit(c, "rulec_date_to_number(decision.values[%u]);\n", o);
            break;
        case RULEC_TYPE_SET:
            emit(c, "(uint32_t)decision.values[%u];\n", o);
            break;
        default:
            emit(c, "(enum %s_%s_value)decision.values[%u];\n", p, output->name, o);
            break;
        }
    }
    emit(c, "    return %s_OK;\n}\n", upper);
}

void emit_api(struct buffer *c, const struct rulec_policy *policy,
                     const struct emit_plan *plan)
{
    const char *p = policy->name;
    char upper[EMIT_MAX_NAME + 1];
    buffer_upper(p, upper, sizeof upper);
    emit_names_api(c, policy);
    if (plan->code)
        emit_walker(c, policy);
    emit_helpers(c, policy);
    emit(c, "enum %s_status %s_decide(const struct %s_input *input, struct %s_result *result)\n{\n",
         p, p, p, p);
    emit_claim(c, policy, upper);
    if (plan->code) {
        emit(c, "    const int32_t leaf = %s_walk(&claim);\n", p);
        emit(c, "    switch (leaf) {\n");
        for (uint32_t r = 0; r < policy->nrules; r++)
            emit_answer(c, policy, r, upper);
        emit(c, "    default:\n        break;\n    }\n");
        emit(c, "    /* An input is needed: rulec_finish says which. */\n");
        emit(c, "    switch (rulec_finish(&%s_tables, &claim, leaf, &decision)) {\n", p);
    } else {
        emit(c, "    switch (rulec_decide(&%s_tables, &claim, &decision)) {\n", p);
    }
    emit_decision(c, policy, upper);
}
