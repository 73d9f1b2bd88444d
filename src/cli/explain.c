/* src/cli/explain.c — why this answer, why not another (explain.h).
 * Part of rulec; see README.md for the licence. */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sink.h"

/* What explaining found for each rule. */
struct explain_rule {
    uint32_t rule;
    enum rt_truth truth;
    uint32_t culprit, failed;
};

struct explain {
    const struct rt_policy *policy;
    const struct rt_claim *claim;
    enum rt_status status;
    struct rt_result result;
    struct explain_rule *rules;        /* every rule, in the rule file's order */
    uint32_t *why_not;                 /* the rules that do not apply, nearest first */
    uint32_t nwhy_not;
    struct sink *out;
};

/* A test of the condition's culprit that names one variable: the culprit itself when it is
 * one, else its first such operand (an 'or' or a 'not' names the first it reads). */
static const struct rt_test *explain_named_test(const struct rt_policy *policy, uint32_t index)
{
    const struct rt_test *tests = policy->explain->tests;
    while (tests[index].kind != RT_TEST_IN) {
        if (tests[index].kind == RT_TEST_TRUE || tests[index].count == 0)
            return NULL;
        index = tests[index].first;
    }
    return &tests[index];
}

/* A variable's value, as the rule file writes it (notation RULES) or as JSON. */
static void explain_value(char *buffer, size_t size, const struct rt_policy *policy, int var,
                          int32_t value, enum rt_notation notation)
{
    struct rt_domain domain = rt_var_domain(&policy->vars[var]);
    rt_format_value(buffer, size, &domain, value, notation);
}

/* What an 'in' test asks, in words: "true", "facturer", "l'une de a, b", "<= 2018-03-31". */
static void explain_requires(struct sink *out, const struct rt_policy *policy,
                             const struct rt_test *test)
{
    const struct rt_var *var = &policy->vars[test->var];
    char text[64];
    if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM) {
        int count = 0;
        for (unsigned m = 0; m < (var->type == RT_TYPE_BOOL ? 2u : var->nmembers); m++)
            count += (int)(test->members >> m & 1);
        if (count > 1)
            sink_string(out, "l'une des valeurs ");
        for (unsigned m = 0, shown = 0; m < (var->type == RT_TYPE_BOOL ? 2u : var->nmembers); m++) {
            if (!(test->members >> m & 1))
                continue;
            explain_value(text, sizeof text, policy, test->var, (int32_t)m, RT_NOTATION_RULES);
            sink_string(out, shown++ ? ", " : "");
            sink_string(out, text);
        }
        return;
    }
    for (uint32_t i = 0; i < test->count; i++) {
        const struct rt_range *range = &policy->explain->ranges[test->first + i];
        char low[64], high[64];
        explain_value(low, sizeof low, policy, test->var, range->low, RT_NOTATION_RULES);
        explain_value(high, sizeof high, policy, test->var, range->high, RT_NOTATION_RULES);
        sink_string(out, i ? " ou " : "");
        if (range->low == INT32_MIN && range->high == INT32_MAX) {
            sink_string(out, "toute valeur");
        } else if (range->low == INT32_MIN) {
            sink_string(out, "<= ");
            sink_string(out, high);
        } else if (range->high == INT32_MAX) {
            sink_string(out, ">= ");
            sink_string(out, low);
        } else if (range->low == range->high) {
            sink_string(out, low);
        } else {
            sink_string(out, "de ");
            sink_string(out, low);
            sink_string(out, " à ");
            sink_string(out, high);
        }
    }
}

/* The rule that set this one aside: among the rules that apply, the winner first, one that
 * names it in 'exception to', or that ranks with 'exception to all' while it does not;
 * otherwise the winner, through a chain of exceptions. *direct: 1 when named. */
static uint32_t explain_by(const struct explain *e, uint32_t lost, int *direct)
{
    const struct rt_policy *policy = e->policy;
    const struct rt_rule_why *why = policy->explain->rules;
    uint32_t winner = (uint32_t)e->result.rule;
    for (uint32_t k = 0; k <= policy->nrules; k++) {
        uint32_t r = k == 0 ? winner : k - 1;
        if ((k > 0 && r == winner) || r >= policy->nrules || r == lost
            || e->rules[r].truth != RT_TRUE)
            continue;
        for (uint32_t i = 0; i < why[r].nexceptions; i++)
            if (policy->explain->exceptions[why[r].first_exception + i] == lost) {
                *direct = 1;
                return r;
            }
        if (why[r].high && !why[lost].high) {
            *direct = 1;
            return r;
        }
    }
    *direct = 0;
    return winner;
}

/* Whether rule x is farther from the claim than rule y: more of its operands fail. */
static int explain_farther(const struct explain *e, uint32_t x, uint32_t y)
{
    return e->rules[x].failed > e->rules[y].failed;
}

/* Evaluates every rule, and sorts those that do not apply, nearest first. */
static int explain_evaluate(struct explain *e)
{
    const struct rt_policy *policy = e->policy;
    e->rules = calloc((size_t)policy->nrules + 1, sizeof *e->rules);
    e->why_not = calloc((size_t)policy->nrules + 1, sizeof *e->why_not);
    if (!e->rules || !e->why_not)
        return -1;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        struct explain_rule *rule = &e->rules[r];
        rule->rule = r;
        rule->truth = rt_rule_applies(policy, e->claim, r, &rule->culprit, &rule->failed);
        if (rule->truth == RT_FALSE)
            e->why_not[e->nwhy_not++] = r;
    }
    /* Insertion sort, stable: nearest (fewest failing operands) first, then in file order. */
    for (uint32_t i = 1; i < e->nwhy_not; i++) {
        uint32_t r = e->why_not[i], j = i;
        for (; j > 0 && explain_farther(e, e->why_not[j - 1], r); j--)
            e->why_not[j] = e->why_not[j - 1];
        e->why_not[j] = r;
    }
    return 0;
}

/* Why the answer is refused, in words, into buffer (status is not RT_OK). */
static void explain_refusal(const struct explain *e, char *buffer, size_t size)
{
    /* No rule deciding is the explanation's own heading: the reason alone. */
    if (e->status == RT_UNDECIDED)
        snprintf(buffer, size, "%s", e->policy->undecided[e->result.missing]);
    else
        report_refusal_text(buffer, size, e->policy, e->claim, e->status, &e->result);
}

/* One rule that does not apply: its culprit's variable, value and what it asks. */
static void explain_text_why_not(struct explain *e, uint32_t r)
{
    const struct rt_policy *policy = e->policy;
    struct sink *out = e->out;
    const struct rt_test *culprit = &policy->explain->tests[e->rules[r].culprit];
    const struct rt_test *named = explain_named_test(policy, e->rules[r].culprit);
    sink_string(out, "  ");
    sink_string(out, policy->rules[r].name);
    sink_string(out, " : ");
    int32_t value;
    int missing;
    if (named && rt_var_value(policy, e->claim, named->var, &value, &missing) == 0) {
        char text[64];
        explain_value(text, sizeof text, policy, named->var, value, RT_NOTATION_RULES);
        sink_string(out, policy->vars[named->var].name);
        sink_string(out, " vaut ");
        sink_string(out, text);
        if (culprit == named) {
            sink_string(out, ", la règle demande ");
            explain_requires(out, policy, named);
            sink_string(out, " (« ");
            sink_string(out, culprit->text);
            sink_string(out, " »)\n");
        } else {
            /* An 'or' or a 'not': the value it reads first, and the condition whole. */
            sink_string(out, ", et la condition « ");
            sink_string(out, culprit->text);
            sink_string(out, " » est fausse\n");
        }
    } else {
        sink_string(out, "la condition « ");
        sink_string(out, culprit->text);
        sink_string(out, " » est fausse pour cette demande\n");
    }
}

/* The rules an absent input leaves possible, and the input that decides between them. */
static void explain_text_possible(struct explain *e)
{
    struct sink *out = e->out;
    sink_string(out, "Règles encore possibles, selon les données manquantes :");
    for (uint32_t r = 0; r < e->policy->nrules; r++) {
        if (e->rules[r].truth == RT_FALSE)
            continue;
        sink_char(out, ' ');
        sink_string(out, e->policy->rules[r].name);
    }
    sink_string(out, "\nDonnée qui les départage : ");
    sink_string(out, e->policy->vars[e->result.missing].name);
    sink_string(out, " (");
    sink_string(out, e->policy->vars[e->result.missing].label);
    sink_string(out, ")\n");
}

static void explain_text(struct explain *e, FILE *file)
{
    const struct rt_policy *policy = e->policy;
    struct sink *out = e->out;
    if (e->status == RT_OK) {
        sink_flush(out);
        report_text(file, policy, &e->result);
    } else {
        char refusal[REPORT_REFUSAL_SIZE];
        explain_refusal(e, refusal, sizeof refusal);
        sink_string(out, e->status == RT_UNDECIDED ? "Aucune règle ne décide : " : "Pas de décision : ");
        sink_string(out, refusal);
        sink_char(out, '\n');
    }
    if (e->status == RT_MISSING)
        explain_text_possible(e);
    int any = 0;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        if (e->rules[r].truth != RT_TRUE || (int)r == e->result.rule)
            continue;
        sink_string(out, any++ ? "" : e->status == RT_OK ? "S'appliquent aussi, mais cèdent :\n"
                                                         : "S'appliquent, sans que l'une l'emporte :\n");
        sink_string(out, "  ");
        sink_string(out, policy->rules[r].name);
        if (e->status == RT_OK) {
            int direct;
            uint32_t by = explain_by(e, r, &direct);
            sink_string(out, direct ? " : écartée par " : " : écartée, par une chaîne d'exceptions, par ");
            sink_string(out, policy->rules[by].name);
            if (direct && policy->explain->rules[by].high && !policy->explain->rules[r].high)
                sink_string(out, " (exception à toutes les règles)");
            else if (direct)
                sink_string(out, " (exception à cette règle)");
        }
        sink_char(out, '\n');
    }
    if (e->nwhy_not)
        sink_string(out, "Ne s'appliquent pas (les plus proches d'abord) :\n");
    for (uint32_t i = 0; i < e->nwhy_not; i++)
        explain_text_why_not(e, e->why_not[i]);
}

static void explain_json(struct explain *e)
{
    const struct rt_policy *policy = e->policy;
    struct sink *out = e->out;
    sink_string(out, "{\"answer\":{");
    if (e->status == RT_OK) {
        report_json_fields(out, policy, &e->result);
    } else {
        char refusal[REPORT_REFUSAL_SIZE];
        explain_refusal(e, refusal, sizeof refusal);
        sink_string(out, e->status == RT_UNDECIDED ? "\"outcome\":\"undecided\",\"error\":"
                                                   : "\"outcome\":\"rejected\",\"error\":");
        sink_json_string(out, refusal);
    }
    sink_string(out, "},\"overridden\":[");
    int any = 0;
    for (uint32_t r = 0; r < policy->nrules && e->status == RT_OK; r++) {
        if (e->rules[r].truth != RT_TRUE || (int)r == e->result.rule)
            continue;
        int direct;
        sink_string(out, any++ ? ",{\"rule\":" : "{\"rule\":");
        sink_json_string(out, policy->rules[r].name);
        sink_string(out, ",\"by\":");
        sink_json_string(out, policy->rules[explain_by(e, r, &direct)].name);
        sink_string(out, direct ? "}" : ",\"through_chain\":true}");
    }
    sink_string(out, "],\"why_not\":[");
    for (uint32_t i = 0; i < e->nwhy_not; i++) {
        uint32_t r = e->why_not[i];
        const struct rt_test *culprit = &policy->explain->tests[e->rules[r].culprit];
        const struct rt_test *named = explain_named_test(policy, e->rules[r].culprit);
        sink_string(out, i ? ",{\"rule\":" : "{\"rule\":");
        sink_json_string(out, policy->rules[r].name);
        int32_t value;
        int missing;
        if (named && rt_var_value(policy, e->claim, named->var, &value, &missing) == 0) {
            char text[64];
            explain_value(text, sizeof text, policy, named->var, value, RT_NOTATION_JSON);
            sink_string(out, ",\"input\":");
            sink_json_string(out, policy->vars[named->var].name);
            sink_string(out, ",\"value\":");
            sink_string(out, text);
        }
        sink_string(out, ",\"condition\":");
        sink_json_string(out, culprit->text);
        if (named && named == culprit) {
            /* Member names, dates, numbers and French words: nothing JSON must escape. */
            sink_string(out, ",\"requires\":\"");
            explain_requires(out, policy, named);
            sink_char(out, '"');
        }
        sink_string(out, ",\"failed\":");
        char count[16];
        snprintf(count, sizeof count, "%lu", (unsigned long)e->rules[r].failed);
        sink_string(out, count);
        sink_char(out, '}');
    }
    sink_char(out, ']');
    if (e->status == RT_MISSING) {
        sink_string(out, ",\"possible\":[");
        any = 0;
        for (uint32_t r = 0; r < policy->nrules; r++) {
            if (e->rules[r].truth == RT_FALSE)
                continue;
            sink_string(out, any++ ? "," : "");
            sink_json_string(out, policy->rules[r].name);
        }
        sink_string(out, "],\"deciding_input\":");
        sink_json_string(out, policy->vars[e->result.missing].name);
    }
    sink_string(out, "}\n");
}

int explain_claim(const struct rt_policy *policy, const struct rt_claim *claim, int json,
                  FILE *out, FILE *err, const char *program)
{
    if (!policy->explain) {
        fprintf(err, "%s: ces tables ne portent pas de quoi expliquer une décision\n", program);
        return 1;
    }
    struct explain e;
    memset(&e, 0, sizeof e);
    e.policy = policy;
    e.claim = claim;
    e.status = rt_decide(policy, claim, &e.result);
    struct sink *sink = malloc(sizeof *sink);
    int status = 3;
    if (sink && explain_evaluate(&e) == 0) {
        sink_init(sink, out);
        e.out = sink;
        if (json)
            explain_json(&e);
        else
            explain_text(&e, out);
        status = sink_flush(sink) != 0 ? 3
                 : e.status == RT_OK ? 0
                 : e.status == RT_MISSING || e.status == RT_OUT_OF_RANGE ? 2 : 1;
    } else {
        fprintf(err, "%s: mémoire épuisée\n", program);
    }
    free(sink);
    free(e.rules);
    free(e.why_not);
    return status;
}
