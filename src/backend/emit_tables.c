/* src/backend/emit_tables.c — the generated tables: struct rulec_policy as C initializers, each
 * table in the narrowest type that holds it.
 * Part of rulec; see README.md for the licence. */
#include "emit.h"
#include "emit_internal.h"

#include <stdlib.h>
#include <string.h>

static void emit_strings(struct buffer *c, const char *p, const char *what, const char *name,
                         unsigned count, const char *const *strings)
{
    emit(c, "static const char *const %s_%s_%s[%u] = {\n", p, what, name, count);
    for (unsigned i = 0; i < count; i++) {
        emit(c, "    ");
        emit_string(c, strings[i]);
        emit(c, ",\n");
    }
    emit(c, "};\n");
}

static void emit_value_comment(struct buffer *c, enum rulec_type type, int32_t value)
{
    if (type == RULEC_TYPE_DATE) {
        char date[11];
        rulec_date_format(value, date);
        emit(c, " /* %s */", date);
    }
}

/* The narrowest of int8_t, int16_t and int32_t that holds every value (in bytes). */
static unsigned emit_width(int32_t low, int32_t high)
{
    if (low >= INT8_MIN && high <= INT8_MAX)
        return 1;
    if (low >= INT16_MIN && high <= INT16_MAX)
        return 2;
    return 4;
}

static const char *emit_int_type(unsigned width)
{
    return width == 1 ? "int8_t" : width == 2 ? "int16_t" : "int32_t";
}


struct emit_plan emit_plan_for(const struct rulec_policy *policy)
{
    struct emit_plan plan;
    int32_t child_low = 0, child_high = 0, bound_low = 0, bound_high = 0;
    for (uint32_t n = 0; n < policy->nnodes; n++) {
        const struct rulec_node *node = &policy->nodes[n];
        for (uint32_t i = 0; i < node->nchildren; i++) {
            int32_t child = rulec_child(policy, node->first_child + i);
            child_low = child < child_low ? child : child_low;
            child_high = child > child_high ? child : child_high;
            /* Only the bounds between a node's first and its "absent" child are ever read. */
            if (i == 0 || i + 1 == node->nchildren)
                continue;
            int32_t bound = rulec_bound(policy, node->first_child + i);
            bound_low = bound < bound_low ? bound : bound_low;
            bound_high = bound > bound_high ? bound : bound_high;
        }
    }
    plan.child_width = emit_width(child_low, child_high);
    plan.bound_width = emit_width(bound_low, bound_high);
    /* Large diagrams stay tables: C compilers take time superlinear in a function's size (gcc
     * -O2: 1.7 s for a walker of 1,397 nodes, 60 s for 6,654). Their typed API calls
     * rulec_decide, which reads the same tables. */
    plan.code = policy->nnodes <= EMIT_CODE_MAX_NODES && policy->nrules <= EMIT_CODE_MAX_RULES;
    return plan;
}

static void emit_member_tables(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    emit(c, "/* Members and labels of enumerations, in value order. */\n");
    for (unsigned v = 0; v < policy->nvars; v++) {
        const struct rulec_var *var = &policy->vars[v];
        if (var->nmembers) {
            emit_strings(c, p, "members", var->name, var->nmembers, var->members);
            emit_strings(c, p, "labels", var->name, var->nmembers, var->member_labels);
        }
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (output->nmembers) {
            emit_strings(c, p, "members", output->name, output->nmembers, output->members);
            emit_strings(c, p, "labels", output->name, output->nmembers, output->member_labels);
        }
    }
    emit(c, "\n");
    for (unsigned v = 0; v < policy->nvars; v++) {
        const struct rulec_var *var = &policy->vars[v];
        if (!var->ncuts)
            continue;
        emit(c, "/* Cut points of %s: cell i holds the values from cut i - 1 to cut i - 1 "
                "day (or unit). */\n", var->name);
        emit(c, "static const int32_t %s_cuts_%s[%u] = {\n", p, var->name, var->ncuts);
        for (unsigned i = 0; i < var->ncuts; i++) {
            emit(c, "    %ld,", (long)var->cuts[i]);
            emit_value_comment(c, (enum rulec_type)var->type, var->cuts[i]);
            emit(c, "\n");
        }
        emit(c, "};\n");
    }
}

static void emit_range_end(struct buffer *c, int32_t value, enum rulec_type type);

static void emit_vars(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    emit(c, "\n/* Variables: name, label, type, is_input, plus, minus, offset (derived values are\n"
            " * plus - minus + offset), members, cut points, and whether an integer input has a\n"
            " * declared range, and its ends. */\n");
    emit(c, "static const struct rulec_var %s_vars[%u] = {\n", p, policy->nvars);
    for (unsigned v = 0; v < policy->nvars; v++) {
        const struct rulec_var *var = &policy->vars[v];
        emit(c, "    { ");
        emit_string(c, var->name);
        emit(c, ", ");
        emit_string(c, var->label);
        emit(c, ", %s, %u, %d, %d, %ld, %u, %lu, ", emit_type_names[var->type], var->is_input,
             var->plus, var->minus, (long)var->offset, var->nmembers, (unsigned long)var->ncuts);
        if (var->nmembers)
            emit(c, "%s_members_%s, %s_labels_%s, ", p, var->name, p, var->name);
        else
            emit(c, "NULL, NULL, ");
        if (var->ncuts)
            emit(c, "%s_cuts_%s, ", p, var->name);
        else
            emit(c, "NULL, ");
        emit(c, "%u, ", var->bounded);
        emit_range_end(c, var->low, RULEC_TYPE_INT);
        emit(c, ", ");
        emit_range_end(c, var->high, RULEC_TYPE_INT);
        emit(c, " },\n");
    }
    emit(c, "};\n\n");
}

static void emit_outputs(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    emit(c, "/* Outputs: name, label, type, computed, op, members; a computed one is the boolean\n"
            " * left op right. */\n");
    emit(c, "static const struct rulec_output %s_outputs[%u] = {\n", p,
         policy->noutputs ? policy->noutputs : 1);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        emit(c, "    { ");
        emit_string(c, output->name);
        emit(c, ", ");
        emit_string(c, output->label);
        emit(c, ", %s, %u, %s, %u, ", emit_type_names[output->type], output->computed,
             emit_op_names[output->op], output->nmembers);
        if (output->nmembers)
            emit(c, "%s_members_%s, %s_labels_%s, ", p, output->name, p, output->name);
        else
            emit(c, "NULL, NULL, ");
        emit(c, "{ %s, %ld }, { %s, %ld } },\n", emit_operand_names[output->left.kind],
             (long)output->left.value, emit_operand_names[output->right.kind],
             (long)output->right.value);
    }
    if (!policy->noutputs)
        emit(c, "    { NULL, NULL, 0, 0, 0, 0, NULL, NULL, { 0, 0 }, { 0, 0 } },\n");
    emit(c, "};\n\n");

    emit(c, "/* Sources the rules cite: name, title, note. */\n");
    emit(c, "static const struct rulec_source %s_sources[%u] = {\n", p,
         policy->nsources ? policy->nsources : 1);
    for (unsigned s = 0; s < policy->nsources; s++) {
        emit(c, "    { ");
        emit_string(c, policy->sources[s].name);
        emit(c, ", ");
        emit_string(c, policy->sources[s].title);
        emit(c, ", ");
        emit_string(c, policy->sources[s].note);
        emit(c, " },\n");
    }
    if (!policy->nsources)
        emit(c, "    { NULL, NULL, NULL },\n");
    emit(c, "};\n\n");
}

static void emit_assigns(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    unsigned nassigns = 0;
    for (unsigned r = 0; r < policy->nrules; r++)
        nassigns += policy->rules[r].nassigns;
    /* The values of the rule file's lookup tables, one per member of each key. */
    emit(c, "static const int32_t %s_lookup_values[%u] = {", p,
         policy->nlookup_values ? policy->nlookup_values : 1);
    for (unsigned i = 0; i < policy->nlookup_values; i++)
        emit(c, "%s%s%ld", i ? "," : "", i % 12 ? " " : "\n    ", (long)policy->lookup_values[i]);
    emit(c, "%s};\n\n", policy->nlookup_values ? "\n" : " 0 ");
    emit(c, "/* What each rule sets: output, kind, date input (shift), the enumeration a lookup "
            "reads (-1: none), value (a lookup: its first). */\n");
    emit(c, "static const struct rulec_assign %s_assigns[%u] = {\n", p, nassigns ? nassigns : 1);
    for (unsigned r = 0; r < policy->nrules; r++) {
        const struct rulec_rule *rule = &policy->rules[r];
        for (unsigned i = 0; i < rule->nassigns; i++) {
            const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
            const struct rulec_output *output = &policy->outputs[assign->output];
            emit(c, "    { %u, %s, %d, %d, %ld }, /* %s: %s = ", assign->output,
                 assign->kind == RULEC_ASSIGN_SHIFT ? "RULEC_ASSIGN_SHIFT" : "RULEC_ASSIGN_CONST",
                 assign->var, assign->key, (long)assign->value, rule->name, output->name);
            if (assign->key >= 0) {
                emit(c, "%s%s lookup by %s",
                     assign->kind == RULEC_ASSIGN_SHIFT ? policy->vars[assign->var].name : "",
                     assign->kind == RULEC_ASSIGN_SHIFT ? " + days" : "",
                     policy->vars[assign->key].name);
            } else if (assign->kind == RULEC_ASSIGN_SHIFT) {
                emit(c, "%s %c %ld days", policy->vars[assign->var].name,
                     assign->value < 0 ? '-' : '+', labs((long)assign->value));
            } else {
                struct rulec_domain domain = rulec_output_domain(output);
                size_t length = rulec_format_value(NULL, 0, &domain, assign->value,
                                                   RULEC_NOTATION_RULES);
                char *value = arena_heap_calloc(length + 1, 1);
                rulec_format_value(value, length + 1, &domain, assign->value, RULEC_NOTATION_RULES);
                emit_comment_text(c, value);
                free(value);
            }
            emit(c, " */\n");
        }
    }
    if (!nassigns)
        emit(c, "    { 0, 0, 0, 0, 0 },\n");
    emit(c, "};\n\n");
}

static void emit_rules(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    unsigned ncites = 0;
    for (unsigned r = 0; r < policy->nrules; r++)
        ncites += policy->rules[r].ncites;
    emit(c, "/* Citations: source, interprets, section, quote. */\n");
    emit(c, "static const struct rulec_cite %s_cites[%u] = {\n", p, ncites ? ncites : 1);
    for (unsigned r = 0; r < policy->nrules; r++) {
        const struct rulec_rule *rule = &policy->rules[r];
        for (unsigned i = 0; i < rule->ncites; i++) {
            const struct rulec_cite *cite = &policy->cites[rule->first_cite + i];
            emit(c, "    { %u, %u, ", cite->source, cite->interprets);
            emit_string(c, cite->section);
            emit(c, ", ");
            emit_string(c, cite->quote);
            emit(c, " }, /* %s */\n", rule->name);
        }
    }
    if (!ncites)
        emit(c, "    { 0, 0, NULL, NULL },\n");
    emit(c, "};\n\n");

    emit(c, "/* Rules: name, outcome, reason, note, interpretation, citation, line, assigns, cites. */\n");
    emit(c, "static const struct rulec_rule %s_rules[%lu] = {\n", p,
         (unsigned long)(policy->nrules ? policy->nrules : 1));
    for (unsigned r = 0; r < policy->nrules; r++) {
        const struct rulec_rule *rule = &policy->rules[r];
        emit(c, "    { ");
        emit_string(c, rule->name);
        emit(c, ", %s,\n      ", emit_outcome_names[rule->outcome]);
        emit_string(c, rule->reason);
        emit(c, ",\n      ");
        emit_string(c, rule->note);
        emit(c, ",\n      ");
        emit_string(c, rule->interpretation);
        emit(c, ",\n      ");
        emit_string(c, rule->citation);
        emit(c, ",\n      %lu, %lu, %lu, %u, %u },\n", (unsigned long)rule->line,
             (unsigned long)rule->first_assign, (unsigned long)rule->first_cite,
             rule->nassigns, rule->ncites);
    }
    if (!policy->nrules)
        emit(c, "    { NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0 },\n");
    emit(c, "};\n\n");
}

/* A bound as its narrow type writes it: the first and the "absent" one are never read. */
static void emit_bound(struct buffer *c, int32_t bound, unsigned width, int unread)
{
    static const char *const lowest[] = { "", "INT8_MIN", "INT16_MIN", "", "INT32_MIN" };
    static const char *const highest[] = { "", "INT8_MAX", "INT16_MAX", "", "INT32_MAX" };
    if (unread && bound == INT32_MIN)
        emit(c, " %s,", lowest[width]);
    else if (unread && bound == INT32_MAX)
        emit(c, " %s,", highest[width]);
    else if (unread)
        emit(c, " 0,");
    else {
        buffer_append(c, " ", 1);
        buffer_long(c, bound);
        buffer_append(c, ",", 1);
    }
}

static void emit_nodes(struct buffer *c, const struct rulec_policy *policy,
                       const struct emit_plan *plan)
{
    const char *p = policy->name;
    emit(c, "/* Decision nodes: the variable tested, its number of children, the first child. */\n");
    emit(c, "static const struct rulec_node %s_nodes[%lu] = {\n", p,
         (unsigned long)(policy->nnodes ? policy->nnodes : 1));
    unsigned long nchildren = 0;
    for (uint32_t n = 0; n < policy->nnodes; n++) {
        const struct rulec_node *node = &policy->nodes[n];
        emit(c, "    { %u, %lu, %lu }, /* %lu: %s */\n", node->var, (unsigned long)node->nchildren,
             (unsigned long)node->first_child, (unsigned long)n, policy->vars[node->var].name);
        nchildren += node->nchildren;
    }
    if (!policy->nnodes)
        emit(c, "    { 0, 0, 0 },\n");
    emit(c, "};\n\n");

    emit(c, "/* Children of each node: one per member (enumerations, booleans) or per interval\n"
            " * (dates, integers: from %s_bounds), then one for \"absent\". >= 0 a node; < 0 the\n"
            " * leaf L = -(child) - 1, rule L, or variable L - %lu needed. A line per node; the\n"
            " * walker below (%s_walk) reads the same children with their conditions written out.\n"
            " * The narrowest type that holds them all. */\n",
         p, (unsigned long)policy->nrules, p);
    emit(c, "static const %s %s_children[%lu] = {\n", emit_int_type(plan->child_width), p,
         nchildren ? nchildren : 1);
    for (uint32_t n = 0; n < policy->nnodes; n++) {
        const struct rulec_node *node = &policy->nodes[n];
        emit(c, "    /* %lu %s */", (unsigned long)n, policy->vars[node->var].name);
        for (uint32_t i = 0; i < node->nchildren; i++) {
            if (i > 0 && i % 16 == 0)
                emit(c, "\n       ");
            buffer_append(c, " ", 1);
            buffer_long(c, rulec_child(policy, node->first_child + i));
            buffer_append(c, ",", 1);
        }
        emit(c, "\n");
    }
    if (!nchildren)
        emit(c, "    0,\n");
    emit(c, "};\n\n");

    emit(c, "/* Beside each child of a date's or an integer's node: the first value of its interval\n"
            " * (days since 1970-01-01 for dates); the first and the \"absent\" child's are never\n"
            " * read. 0 beside the children of other nodes. The narrowest type that holds them. */\n");
    emit(c, "static const %s %s_bounds[%lu] = {\n", emit_int_type(plan->bound_width), p,
         nchildren ? nchildren : 1);
    for (uint32_t n = 0; n < policy->nnodes; n++) {
        const struct rulec_node *node = &policy->nodes[n];
        emit(c, "    /* %lu %s */", (unsigned long)n, policy->vars[node->var].name);
        for (uint32_t i = 0; i < node->nchildren; i++) {
            if (i > 0 && i % 16 == 0)
                emit(c, "\n       ");
            emit_bound(c, rulec_bound(policy, node->first_child + i), plan->bound_width,
                       i == 0 || i + 1 == node->nchildren);
        }
        emit(c, "\n");
    }
    if (!nchildren)
        emit(c, "    0,\n");
    emit(c, "};\n\n");
}

/* A range's end: INT32_MIN and INT32_MAX by name (no open end), a date with a comment. */
static void emit_range_end(struct buffer *c, int32_t value, enum rulec_type type)
{
    if (value == INT32_MIN)
        emit(c, "INT32_MIN");
    else if (value == INT32_MAX)
        emit(c, "INT32_MAX");
    else {
        emit(c, "%ld", (long)value);
        emit_value_comment(c, type, value);
    }
}

/* Keep in step with enum rulec_test_kind (rulec.h). */
static const char *const emit_test_kind_names[] = { "RULEC_TEST_TRUE", "RULEC_TEST_AND", "RULEC_TEST_OR",
                                                    "RULEC_TEST_NOT", "RULEC_TEST_IN" };
_Static_assert(sizeof emit_test_kind_names / sizeof *emit_test_kind_names == RULEC_TEST_IN + 1,
               "one C name per test kind");

/* What explains an answer (struct rulec_explain): read only by --explain, never by a decision. */
static void emit_explain(struct buffer *c, const struct rulec_policy *policy)
{
    const char *p = policy->name;
    const struct rulec_explain *x = policy->explain;
    emit(c, "/* Why an answer (--explain): each rule's condition as tests, read by why.c\n"
            " * and never by a decision. Tests: kind, variable, operands or ranges, members, text. */\n");
    emit(c, "static const struct rulec_test %s_tests[%lu] = {\n", p,
         (unsigned long)(x->ntests ? x->ntests : 1));
    for (uint32_t i = 0; i < x->ntests; i++) {
        const struct rulec_test *test = &x->tests[i];
        emit(c, "    { %s, %u, %lu, %lu, UINT64_C(0x%llx), ", emit_test_kind_names[test->kind],
             test->var, (unsigned long)test->first, (unsigned long)test->count,
             (unsigned long long)test->members);
        emit_string(c, test->text);
        emit(c, " }, /* %lu */\n", (unsigned long)i);
    }
    if (!x->ntests)
        emit(c, "    { 0, 0, 0, 0, 0, NULL },\n");
    emit(c, "};\n\n");
    emit(c, "static const struct rulec_range %s_ranges[%lu] = {\n", p,
         (unsigned long)(x->nranges ? x->nranges : 1));
    unsigned char *dates = arena_heap_calloc((size_t)x->nranges + 1, 1);   /* for comments */
    for (uint32_t t = 0; t < x->ntests; t++)
        if (x->tests[t].kind == RULEC_TEST_IN && policy->vars[x->tests[t].var].type == RULEC_TYPE_DATE)
            memset(dates + x->tests[t].first, 1, x->tests[t].count);
    for (uint32_t i = 0; i < x->nranges; i++) {
        enum rulec_type type = dates[i] ? RULEC_TYPE_DATE : RULEC_TYPE_INT;
        emit(c, "    { ");
        emit_range_end(c, x->ranges[i].low, type);
        emit(c, ", ");
        emit_range_end(c, x->ranges[i].high, type);
        emit(c, " },\n");
    }
    free(dates);
    if (!x->nranges)
        emit(c, "    { 0, 0 },\n");
    emit(c, "};\n\n");
    emit(c, "static const uint32_t %s_exceptions[%lu] = {", p,
         (unsigned long)(x->nexceptions ? x->nexceptions : 1));
    for (uint32_t i = 0; i < x->nexceptions; i++)
        emit(c, "%s%lu,", i % 16 ? " " : "\n    ", (unsigned long)x->exceptions[i]);
    emit(c, "%s\n};\n\n", x->nexceptions ? "" : "\n    0,");
    emit(c, "/* Each rule: its condition's test, the rules it is an exception to, whether it is\n"
            " * an exception to all, and whether it ranks with them. */\n");
    emit(c, "static const struct rulec_rule_why %s_why[%lu] = {\n", p,
         (unsigned long)(policy->nrules ? policy->nrules : 1));
    for (uint32_t r = 0; r < policy->nrules; r++) {
        const struct rulec_rule_why *why = &x->rules[r];
        emit(c, "    { %lu, %lu, %u, %u, %u }, /* %s */\n", (unsigned long)why->condition,
             (unsigned long)why->first_exception, why->nexceptions, why->exception_to_all,
             why->high, policy->rules[r].name);
    }
    if (!policy->nrules)
        emit(c, "    { 0, 0, 0, 0, 0 },\n");
    emit(c, "};\n\n");
    emit(c, "static const struct rulec_explain %s_explain = {\n    %s_why, %s_tests, %s_ranges, "
         "%s_exceptions, %lu, %lu, %lu\n};\n\n", p, p, p, p, p, (unsigned long)x->ntests,
         (unsigned long)x->nranges, (unsigned long)x->nexceptions);
}

void emit_tables(struct buffer *c, const struct rulec_policy *policy,
                        const struct emit_plan *plan)
{
    const char *p = policy->name;
    emit_member_tables(c, policy);
    emit_vars(c, policy);
    emit_outputs(c, policy);
    emit_assigns(c, policy);
    emit_rules(c, policy);
    emit_nodes(c, policy, plan);
    emit_explain(c, policy);

    /* The layout's tag first, as every reader checks before it reads anything else. */
    emit(c, "static const struct rulec_policy %s_tables = {\n", p);
    emit(c, "    0x%08lxu,  /* RULEC_ABI_TAG of layout %d */\n    ", (unsigned long)RULEC_ABI_TAG,
         RULEC_ABI);
    emit_string(c, policy->name);
    emit(c, ", ");
    emit_string(c, policy->title);
    emit(c, ", ");
    emit_string(c, policy->rule_file);
    emit(c, ",\n    ");
    emit_string(c, policy->rule_sha256);
    emit(c, ", ");
    emit_string(c, policy->generator);
    emit(c, ",\n    %u, %u, %u, %u, %lu,\n", policy->nvars, policy->ninputs, policy->noutputs,
         policy->nsources, (unsigned long)policy->nrules);
    emit(c, "    %s_vars, %s_outputs, %s_rules, %s_assigns, %s_cites, %s_sources,\n", p, p, p, p,
         p, p);
    emit(c, "    %lu, %s_lookup_values,\n", (unsigned long)policy->nlookup_values, p);
    emit(c, "    %lu, %s_nodes, %u, %u, %s_children, %s_bounds, %ld,\n",
         (unsigned long)policy->nnodes, p, plan->child_width, plan->bound_width, p, p,
         (long)policy->root);
    /* Generated tables are of finished policies: no region is left undecided. */
    emit(c, "    0, NULL, &%s_explain,\n", p);
    emit(c, "    UINT64_C(0x%016llx)  /* bounded integer inputs */\n};\n\n",
         (unsigned long long)policy->bounded);
}
