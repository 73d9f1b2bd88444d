/* src/rulec/decision_table.c — rulec table's two renderings of the decision table.
 * Part of rulec; see README.md for the licence. */
#include "decision_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "keywords.h"
#include "sink.h"


/* A value of a variable (dates as YYYY-MM-DD) into buffer. */
static void table_var_value(const struct rulec_var *var, int32_t value, char *buffer, size_t size)
{
    struct rulec_domain domain = rulec_var_domain(var);
    rulec_format_value(buffer, size, &domain, value, RULEC_NOTATION_RULES);
}

const struct region_test *decision_table_test_of(const struct region *region, int var)
{
    for (int i = 0; i < region->ntests; i++)
        if (region->tests[i].var == var)
            return &region->tests[i];
    return NULL;
}

/* An operand of a computed output, as the rule file writes it (constants in language: a
 * boolean's keyword). */
static void table_operand(struct sink *out, const struct rulec_policy *policy,
                          const struct rulec_operand *operand, const struct rulec_output *output,
                          int language)
{
    char text[64];
    switch (operand->kind) {
    case RULEC_OPERAND_VAR:
        sink_string(out, policy->vars[operand->value].name);
        break;
    case RULEC_OPERAND_OUTPUT:
        sink_string(out, policy->outputs[operand->value].name);
        break;
    default: {
        /* A constant has the type of the other side. */
        const struct rulec_operand *other = operand == &output->left ? &output->right : &output->left;
        uint8_t type = other->kind == RULEC_OPERAND_VAR ? policy->vars[other->value].type
                       : other->kind == RULEC_OPERAND_OUTPUT ? policy->outputs[other->value].type
                                                          : RULEC_TYPE_INT;
        struct rulec_domain domain = { type, 0, NULL, NULL, 0, INT32_MIN, INT32_MAX };
        decision_table_rules_value(text, sizeof text, &domain, operand->value, language);
        sink_string(out, text);
        break;
    }
    }
}

/* Output o's value under the rule: a constant in the notation, or the expression. json: the
 * expression as a JSON string, in the English keywords whatever the file's language (JSON is
 * for tools: the same for both forms of a policy); otherwise in the file's language. */
unsigned decision_table_lookup_default(const struct rulec_policy *policy,
                                       const struct rulec_assign *assign)
{
    unsigned nmembers = policy->vars[assign->key].nmembers;
    const int32_t *values = policy->lookup_values + assign->value;
    unsigned best = 0, best_count = 0;
    for (unsigned m = 0; m < nmembers; m++) {
        unsigned count = 0;
        for (unsigned n = 0; n < nmembers; n++)
            count += values[n] == values[m];
        if (count > best_count) {
            best = m;
            best_count = count;
        }
    }
    return best;
}

/* A lookup's value as the rule file writes one: "lookup profession { optometriste : 120,
 * otherwise : 90 }". */
static void table_lookup(struct sink *out, const struct rulec_policy *policy,
                         const struct rulec_assign *assign, int language)
{
    const struct rulec_var *key = &policy->vars[assign->key];
    const int32_t *values = policy->lookup_values + assign->value;
    unsigned best = decision_table_lookup_default(policy, assign);
    char text[64];
    sink_string(out, keyword_in((enum keyword_language)language, "lookup"));
    sink_char(out, ' ');
    sink_string(out, key->name);
    sink_string(out, " { ");
    for (unsigned m = 0; m < key->nmembers; m++) {
        if (values[m] == values[best])
            continue;
        snprintf(text, sizeof text, " : %ld, ", (long)values[m]);
        sink_string(out, key->members[m]);
        sink_string(out, text);
    }
    snprintf(text, sizeof text, " : %ld }", (long)values[best]);
    sink_string(out, keyword_in((enum keyword_language)language, "otherwise"));
    sink_string(out, text);
}

static void table_output(struct sink *out, const struct rulec_policy *policy,
                         const struct rulec_rule *rule, unsigned o, int json, int language)
{
    const struct rulec_output *output = &policy->outputs[o];
    if (json)
        language = KEYWORD_ENGLISH;
    if (output->computed) {
        if (json)
            sink_char(out, '"');
        table_operand(out, policy, &output->left, output, language);
        sink_char(out, ' ');
        sink_string(out, rulec_op_text(output->op));
        sink_char(out, ' ');
        table_operand(out, policy, &output->right, output, language);
        if (json)
            sink_char(out, '"');
        return;
    }
    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
        if (assign->output != o)
            continue;
        if (assign->key >= 0) {
            /* Dates in a lookup are days: shown as the table, as the rule file writes it. */
            if (json)
                sink_char(out, '"');
            if (assign->kind == RULEC_ASSIGN_SHIFT) {
                sink_string(out, policy->vars[assign->var].name);
                sink_string(out, " + ");
            }
            table_lookup(out, policy, assign, language);
            if (assign->kind == RULEC_ASSIGN_SHIFT) {
                sink_char(out, ' ');
                sink_string(out, keyword_in((enum keyword_language)language, "days"));
            }
            if (json)
                sink_char(out, '"');
        } else if (assign->kind == RULEC_ASSIGN_SHIFT) {
            char text[160];
            snprintf(text, sizeof text, "%s%s %c %ld %s%s", json ? "\"" : "",
                     policy->vars[assign->var].name, assign->value < 0 ? '-' : '+',
                     labs((long)assign->value), keyword_in((enum keyword_language)language, "days"),
                     json ? "\"" : "");
            sink_string(out, text);
        } else if (json) {
            sink_value(out, output, assign->value, RULEC_NOTATION_JSON);
        } else {
            struct rulec_domain domain = rulec_output_domain(output);
            size_t length = decision_table_rules_value(NULL, 0, &domain, assign->value, language);
            char *text = malloc(length + 1);
            if (!text) {
                out->failed = ENOMEM;
                return;
            }
            decision_table_rules_value(text, length + 1, &domain, assign->value, language);
            sink_string(out, text);
            free(text);
        }
    }
}

void decision_table_json_test(struct sink *out, const struct rulec_var *var,
                            const struct region_test *test)
{
    char value[64];
    sink_json_string(out, var->name);
    sink_string(out, ": {");
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
        sink_string(out, "\"in\": [");
        int first = 1;
        for (int m = 0; m < (var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers); m++) {
            if (!(test->members >> m & 1))
                continue;
            sink_string(out, first ? "" : ", ");
            if (var->type == RULEC_TYPE_BOOL)
                sink_string(out, m ? "true" : "false");
            else
                sink_json_string(out, var->members[m]);
            first = 0;
        }
        sink_char(out, ']');
    } else {
        const char *separator = "";
        int date = var->type == RULEC_TYPE_DATE;
        if (test->low != INT32_MIN) {
            table_var_value(var, test->low, value, sizeof value);
            sink_string(out, "\"min\": ");
            sink_string(out, date ? "\"" : "");
            sink_string(out, value);
            sink_string(out, date ? "\"" : "");
            separator = ", ";
        }
        if (test->high != INT32_MAX) {
            table_var_value(var, test->high, value, sizeof value);
            sink_string(out, separator);
            sink_string(out, "\"max\": ");
            sink_string(out, date ? "\"" : "");
            sink_string(out, value);
            sink_string(out, date ? "\"" : "");
        }
    }
    sink_char(out, '}');
}

static void table_json_head(struct sink *out, const struct check_model *model)
{
    sink_string(out, "{\"policy\": ");
    sink_json_string(out, model->name);
    sink_string(out, ", \"regions\": [");
}

static void table_json_region(struct sink *out, const struct rulec_policy *policy,
                              const struct region *region, int first_region)
{
    const struct rulec_rule *rule = &policy->rules[region->rule];
    sink_string(out, first_region ? "\n  {\"when\": {" : ",\n  {\"when\": {");
    for (int i = 0; i < region->ntests; i++) {
        sink_string(out, i ? ", " : "");
        decision_table_json_test(out, &policy->vars[region->tests[i].var], &region->tests[i]);
    }
    sink_string(out, "},\n   \"answer\": {\"outcome\": \"");
    sink_string(out, rulec_outcome_name(rule->outcome));
    sink_string(out, "\", \"rule\": ");
    sink_json_string(out, rule->name);
    if (rule->reason) {
        sink_string(out, ", \"reason\": ");
        sink_json_string(out, rule->reason);
    }
    if (rule->interpretation) {
        sink_string(out, ", \"interpretation\": ");
        sink_json_string(out, rule->interpretation);
    }
    sink_string(out, ", \"outputs\": {");
    uint32_t set = rulec_rule_outputs(policy, rule);
    int first = 1;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (!(set >> o & 1))
            continue;
        sink_string(out, first ? "" : ", ");
        sink_json_string(out, policy->outputs[o].name);
        sink_string(out, ": ");
        table_output(out, policy, rule, o, 1, KEYWORD_ENGLISH);
        first = 0;
    }
    sink_string(out, "}}}");
}

int decision_table_json(FILE *file, const struct check_model *model, const struct rulec_policy *policy,
                        const struct region_table *table)
{
    struct sink sink, *out = &sink;
    sink_init(out, file);
    table_json_head(out, model);
    for (int r = 0; r < table->nregions; r++)
        table_json_region(out, policy, &table->regions[r], r == 0);
    sink_string(out, "]}\n");
    return sink_flush(out);
}

/* What a region asks of var, for a terminal: "a, b", "≤ 2018-03-31", "0 … 90", or "·"
 * when it does not test var. */
/* What a region asks of var, for a reader: "a, b", "≤ 2018-03-31", "0 … 90", a single value,
 * or "·" when test is NULL (the region does not test var); booleans in language. */
static void decision_table_cell_text(const struct rulec_var *var, const struct region_test *test,
                                     char *buffer, size_t size, int language)
{
    char low[64], high[64];
    if (!test) {
        snprintf(buffer, size, "·");
        return;
    }
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
        /* Copied, not formatted: a table of millions of rows spent a third of its time in
         * snprintf here. size holds any cell (DECISION_TABLE_CELL_SIZE); cut if not. */
        size_t used = 0;
        for (int m = 0; m < (var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers); m++) {
            if (!(test->members >> m & 1))
                continue;
            const char *name = var->type == RULEC_TYPE_BOOL
                                   ? keyword_in((enum keyword_language)language, m ? "true" : "false")
                                   : var->members[m];
            size_t length = strlen(name), separator = used ? 2 : 0;
            if (used + separator + length + 1 > size)
                break;
            memcpy(buffer + used, ", ", separator);
            memcpy(buffer + used + separator, name, length);
            used += separator + length;
        }
        buffer[used] = '\0';
        return;
    }
    /* An open side has no value to write (INT32_MIN or INT32_MAX is no date). */
    if (test->low != INT32_MIN)
        table_var_value(var, test->low, low, sizeof low);
    if (test->high != INT32_MAX)
        table_var_value(var, test->high, high, sizeof high);
    if (test->low == INT32_MIN)
        snprintf(buffer, size, "≤ %s", high);
    else if (test->high == INT32_MAX)
        snprintf(buffer, size, "≥ %s", low);
    else if (test->low == test->high)
        snprintf(buffer, size, "%s", low);
    else
        snprintf(buffer, size, "%s … %s", low, high);
}

/* Characters, not bytes: the caret rule of the diagnostics, for column widths. */
static size_t table_width(const char *text)
{
    size_t width = 0;
    for (; *text; text++)
        width += ((unsigned char)*text & 0xC0) != 0x80;
    return width;
}

static void table_pad(struct sink *out, const char *text, size_t width)
{
    sink_string(out, text);
    for (size_t w = table_width(text); w < width; w++)
        sink_char(out, ' ');
}

/* The text table, whole or streamed: the columns' widths are measured over every region
 * first (table_text_measure), then each region is a row (table_text_row). */
struct table_text {
    struct sink *out;
    const struct check_model *model;
    const struct rulec_policy *policy;
    int language;
    const unsigned char *tested;   /* nvars: the columns */
    size_t *widths;                /* nvars */
    size_t rule_width;
};

static void table_text_measure(struct table_text *t, const struct region *region)
{
    char cell[DECISION_TABLE_CELL_SIZE];
    for (int i = 0; i < region->ntests; i++) {
        int v = region->tests[i].var;
        decision_table_cell_text(&t->policy->vars[v], &region->tests[i], cell, sizeof cell,
                                 t->language);
        if (table_width(cell) > t->widths[v])
            t->widths[v] = table_width(cell);
    }
    size_t width = table_width(t->policy->rules[region->rule].name);
    t->rule_width = width > t->rule_width ? width : t->rule_width;
}

static void table_text_head(struct table_text *t)
{
    for (int v = 0; v < t->model->nvars; v++) {
        if (!t->tested[v])
            continue;
        table_pad(t->out, t->model->vars[v].name, t->widths[v]);
        sink_string(t->out, "  ");
    }
    table_pad(t->out, "règle", t->rule_width);
    sink_string(t->out, "  réponse\n");
}

static void table_text_row(struct table_text *t, const struct region *region)
{
    struct sink *out = t->out;
    const struct rulec_policy *policy = t->policy;
    const struct rulec_rule *rule = &policy->rules[region->rule];
    char cell[DECISION_TABLE_CELL_SIZE];
    for (int v = 0; v < t->model->nvars; v++) {
        if (!t->tested[v])
            continue;
        decision_table_cell_text(&policy->vars[v], decision_table_test_of(region, v), cell,
                                 sizeof cell, t->language);
        table_pad(out, cell, t->widths[v]);
        sink_string(out, "  ");
    }
    table_pad(out, rule->name, t->rule_width);
    sink_string(out, "  ");
    if (rule->outcome == RULEC_OUTCOME_UNSPECIFIED) {
        sink_string(out, "non précisée");
    } else if (rule->outcome == RULEC_OUTCOME_INVALID) {
        sink_string(out, "invalide");
    } else {
        uint32_t set = rulec_rule_outputs(policy, rule);
        int first = 1;
        for (unsigned o = 0; o < policy->noutputs; o++) {
            if (!(set >> o & 1))
                continue;
            sink_string(out, first ? "" : " ; ");
            sink_string(out, policy->outputs[o].name);
            sink_string(out, " = ");
            table_output(out, policy, rule, o, 0, t->language);
            first = 0;
        }
    }
    sink_char(out, '\n');
}

/* widths: nvars + 1 zeroed; each column at least its name. */
static void table_text_init(struct table_text *t, struct sink *out, const struct check_model *model,
                            const struct rulec_policy *policy, int language, size_t *widths)
{
    *t = (struct table_text){ out, model, policy, language, NULL, widths, table_width("règle") };
    for (int v = 0; v < model->nvars; v++)
        widths[v] = table_width(model->vars[v].name);
}

int decision_table_text(FILE *file, const struct check_model *model, const struct rulec_policy *policy,
                        const struct region_table *table, int language)
{
    struct sink sink;
    sink_init(&sink, file);
    size_t *widths = calloc((size_t)model->nvars + 2, sizeof *widths);
    if (!widths)
        return -1;
    struct table_text t;
    table_text_init(&t, &sink, model, policy, language, widths);
    t.tested = table->tested;
    for (int r = 0; r < table->nregions; r++)
        table_text_measure(&t, &table->regions[r]);
    table_text_head(&t);
    for (int r = 0; r < table->nregions; r++)
        table_text_row(&t, &table->regions[r]);
    free(widths);
    char summary[160];
    snprintf(summary, sizeof summary, "%d %s ; « · » : toute valeur\n", table->nregions,
             diag_plural(table->nregions, "région de demandes complètes",
                         "régions de demandes complètes"));
    sink_string(&sink, summary);
    return sink_flush(&sink);
}

/* Streaming: two walks for text (the widths, then the rows), one for JSON; nothing held but
 * the region at hand. */
struct table_stream {
    struct table_text text;
    unsigned char *tested;
    long count;
    int json;
};

static int table_stream_measure(void *context, const struct region *region)
{
    struct table_stream *s = context;
    for (int i = 0; i < region->ntests; i++)
        s->tested[region->tests[i].var] = 1;
    table_text_measure(&s->text, region);
    s->count++;
    return 0;
}

static int table_stream_row(void *context, const struct region *region)
{
    struct table_stream *s = context;
    if (s->json)
        table_json_region(s->text.out, s->text.policy, region, s->count == 0);
    else
        table_text_row(&s->text, region);
    s->count++;
    /* A write that failed stops the walk: the rest would fail too. */
    return s->text.out->failed != 0;
}

int decision_table_stream(FILE *file, const struct check_model *model,
                          const struct rulec_policy *policy, const struct diagram *diagram,
                          int json, int language)
{
    struct sink sink;
    sink_init(&sink, file);
    size_t *widths = calloc((size_t)model->nvars + 2, sizeof *widths);
    unsigned char *tested = calloc((size_t)model->nvars + 2, 1);
    if (!widths || !tested) {
        free(widths);
        free(tested);
        return -2;
    }
    struct table_stream s;
    memset(&s, 0, sizeof s);
    table_text_init(&s.text, &sink, model, policy, language, widths);
    s.tested = tested;
    s.text.tested = tested;
    s.json = json;
    int status = 0;
    if (!json)
        status = regions_stream(model, diagram, table_stream_measure, &s);
    if (status == 0) {
        if (json)
            table_json_head(&sink, model);
        else
            table_text_head(&s.text);
        s.count = 0;
        status = regions_stream(model, diagram, table_stream_row, &s);
    }
    free(widths);
    free(tested);
    if (status < 0)
        return -2;
    if (json) {
        sink_string(&sink, "], \"merged\": false}\n");
    } else {
        char summary[320];
        snprintf(summary, sizeof summary, "%ld %s ; « · » : toute valeur ; trop nombreuses pour "
                 "être fusionnées, elles sont écrites comme le diagramme les découpe\n", s.count,
                 s.count == 1 ? "région de demandes complètes"
                              : "régions de demandes complètes");
        sink_string(&sink, summary);
    }
    return sink_flush(&sink);
}

/* A region in words: "profession ∈ {dentiste, optometriste}, date_service <= 2018-03-31". */
size_t decision_table_rules_value(char *buffer, size_t size, const struct rulec_domain *domain,
                                  int32_t value, int language)
{
    size_t length = rulec_format_value(buffer, size, domain, value, RULEC_NOTATION_RULES);
    if (domain->type != RULEC_TYPE_BOOL)
        return length;
    return (size_t)snprintf(buffer, size, "%s",
                            keyword_in((enum keyword_language)language, value ? "true" : "false"));
}

void decision_table_outputs_rules(FILE *out, const struct rulec_policy *policy,
                                  const struct rulec_result *result, int french)
{
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (!(result->set >> o & 1))
            continue;
        struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
        char value[512];
        decision_table_rules_value(value, sizeof value, &domain, result->values[o],
                                   french ? KEYWORD_FRENCH : KEYWORD_ENGLISH);
        fprintf(out, "%s = %s, ", policy->outputs[o].name, value);
    }
}

void decision_table_region_words(FILE *out, const struct rulec_var *vars, const struct region *region,
                                 int french)
{
    enum keyword_language language = french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    if (region->ntests == 0)
        fputs("toute demande", out);
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct rulec_var *var = &vars[test->var];
        struct rulec_domain domain = rulec_var_domain(var);
        char low[64], high[64];
        fprintf(out, "%s%s ", i ? ", " : "", var->name);
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
            unsigned count = var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers, shown = 0;
            fprintf(out, "%s {", keyword_in(language, "in"));
            for (unsigned m = 0; m < count; m++)
                if (test->members >> m & 1) {
                    decision_table_rules_value(low, sizeof low, &domain, (int32_t)m, language);
                    fprintf(out, "%s%s", shown++ ? ", " : " ", low);
                }
            fputs(" }", out);
            continue;
        }
        rulec_format_value(low, sizeof low, &domain, test->low, RULEC_NOTATION_RULES);
        rulec_format_value(high, sizeof high, &domain, test->high, RULEC_NOTATION_RULES);
        if (test->low == INT32_MIN)
            fprintf(out, "<= %s", high);
        else if (test->high == INT32_MAX)
            fprintf(out, ">= %s", low);
        else if (test->low == test->high)
            fprintf(out, "= %s", low);
        else
            fprintf(out, "%s %s %s %s", keyword_in(language, "between"), low,
                    keyword_in(language, "and"), high);
    }
}

