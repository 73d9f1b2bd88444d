/* src/policy/explain.c — why this answer, why not another (explain.h).
 * Part of rulec; see README.md for the licence. */
#include "explain.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sink.h"

/* What explaining found for each rule. */
struct explain_rule {
    uint32_t rule;
    enum rulec_truth truth;
    uint32_t culprit, failed;
};

/* Another answer and the smallest change that gives it. */
struct explain_alternative {
    struct rulec_want want;
    struct rulec_change change;
};

struct explain {
    const struct rulec_policy *policy;
    const struct rulec_claim *claim;
    enum rulec_status status;
    struct rulec_result result;
    struct explain_rule *rules;        /* every rule, in the rule file's order */
    uint32_t *why_not;                 /* the rules that do not apply, nearest first */
    uint32_t nwhy_not;
    struct explain_alternative *alternatives;   /* found, nearest first */
    int nalternatives;
    struct sink *out;
};

/* --- values in words ------------------------------------------------------------------------ */

/* A value for a clerk, on one line: "oui", "2018-04-01", "Label (member)", a set's labels. */
static void explain_words(struct sink *out, const struct rulec_domain *domain, int32_t value)
{
    if (domain->type == RULEC_TYPE_SET) {
        int shown = 0;
        for (unsigned m = 0; m < domain->nmembers && m < 32; m++)
            if ((uint32_t)value >> m & 1) {
                sink_string(out, shown++ ? ", " : "");
                sink_string(out, domain->member_labels[m]);
            }
        if (!shown)
            sink_string(out, "aucune");
        return;
    }
    char text[512];
    size_t length = rulec_format_value(text, sizeof text, domain, value, RULEC_NOTATION_CLERK);
    if (length < sizeof text) {
        sink_string(out, text);
        return;
    }
    char *long_text = malloc(length + 1);
    if (!long_text) {
        out->failed = ENOMEM;
        return;
    }
    rulec_format_value(long_text, length + 1, domain, value, RULEC_NOTATION_CLERK);
    sink_string(out, long_text);
    free(long_text);
}

static void explain_var_words(struct sink *out, const struct rulec_policy *policy, int var,
                              int32_t value)
{
    struct rulec_domain domain = rulec_var_domain(&policy->vars[var]);
    explain_words(out, &domain, value);
}

/* A value as the rule file writes it (notation RULES) or as JSON. */
static void explain_value(char *buffer, size_t size, const struct rulec_policy *policy, int var,
                          int32_t value, enum rulec_notation notation)
{
    struct rulec_domain domain = rulec_var_domain(&policy->vars[var]);
    rulec_format_value(buffer, size, &domain, value, notation);
}

/* An interval of a date or integer variable in words: "au plus tard le 2018-03-31", "au
 * moins 0", "du 2018-01-01 au 2018-03-31", "entre 0 et 90", or the one value. */
static void explain_range_words(struct sink *out, const struct rulec_policy *policy, int var,
                                int32_t low, int32_t high)
{
    int date = policy->vars[var].type == RULEC_TYPE_DATE;
    char from[64], to[64];
    explain_value(from, sizeof from, policy, var, low, RULEC_NOTATION_RULES);
    explain_value(to, sizeof to, policy, var, high, RULEC_NOTATION_RULES);
    if (low == INT32_MIN && high == INT32_MAX) {
        sink_string(out, "toute valeur");
    } else if (low == INT32_MIN) {
        sink_string(out, date ? "au plus tard le " : "au plus ");
        sink_string(out, to);
    } else if (high == INT32_MAX) {
        sink_string(out, date ? "au plus tôt le " : "au moins ");
        sink_string(out, from);
    } else if (low == high) {
        sink_string(out, date ? "le " : "");
        sink_string(out, from);
    } else {
        sink_string(out, date ? "du " : "entre ");
        sink_string(out, from);
        sink_string(out, date ? " au " : " et ");
        sink_string(out, to);
    }
}

/* The members of mask (of variable var) in words: "oui", "Label (a) ou Label (b)". */
static void explain_members_words(struct sink *out, const struct rulec_policy *policy, int var,
                                  uint64_t mask)
{
    const struct rulec_var *v = &policy->vars[var];
    unsigned count = v->type == RULEC_TYPE_BOOL ? 2u : v->nmembers;
    for (unsigned m = 0, shown = 0; m < count && m < 64; m++)
        if (mask >> m & 1) {
            sink_string(out, shown++ ? " ou " : "");
            explain_var_words(out, policy, var, (int32_t)m);
        }
}

/* An output's value in words: "Mode de facturation : Ancien système… (ancien_systeme)". */
static void explain_output_words(struct sink *out, const struct rulec_policy *policy, unsigned o,
                                 int32_t value)
{
    struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
    sink_string(out, policy->outputs[o].label);
    sink_string(out, " : ");
    explain_words(out, &domain, value);
}

/* An answer wanted, in words. */
static void explain_want_words(struct sink *out, const struct rulec_policy *policy,
                               const struct rulec_want *want)
{
    switch (want->kind) {
    case RULEC_WANT_OUTCOME:
        sink_string(out, want->value == RULEC_OUTCOME_UNSPECIFIED ? "la réponse « la source ne le précise pas »"
                         : want->value == RULEC_OUTCOME_INVALID ? "la réponse « combinaison impossible »"
                                                             : "une décision");
        return;
    case RULEC_WANT_RULE:
        sink_string(out, "une décision de la règle ");
        sink_string(out, policy->rules[want->value].name);
        return;
    default: {
        struct rulec_domain domain = rulec_output_domain(&policy->outputs[want->output]);
        sink_string(out, policy->outputs[want->output].label);
        /* A set wanted: the members it must hold, others allowed. */
        sink_string(out, domain.type == RULEC_TYPE_SET ? ", dont " : " = ");
        explain_words(out, &domain, want->value);
        return;
    }
    }
}

/* --- the rules ------------------------------------------------------------------------------ */

/* A test of the condition's culprit that names one variable: the culprit itself when it is
 * one, else its first such operand (an 'or' or a 'not' names the first it reads). */
static const struct rulec_test *explain_named_test(const struct rulec_policy *policy, uint32_t index)
{
    const struct rulec_test *tests = policy->explain->tests;
    while (tests[index].kind != RULEC_TEST_IN) {
        if (tests[index].kind == RULEC_TEST_TRUE || tests[index].count == 0)
            return NULL;
        index = tests[index].first;
    }
    return &tests[index];
}

/* What an 'in' test asks. words: for a reader ("oui", "refacturer", "l'une des valeurs a, b",
 * "au plus 2018-03-31"); otherwise as JSON's "requires" has always said it ("true",
 * "<= 2018-03-31", "de 2018-01-01 à 2018-03-31"). */
static void explain_requires(struct sink *out, const struct rulec_policy *policy,
                             const struct rulec_test *test, int words)
{
    const struct rulec_var *var = &policy->vars[test->var];
    char text[64];
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
        int count = 0;
        for (unsigned m = 0; m < (var->type == RULEC_TYPE_BOOL ? 2u : var->nmembers); m++)
            count += (int)(test->members >> m & 1);
        if (count > 1)
            sink_string(out, "l'une des valeurs ");
        for (unsigned m = 0, shown = 0; m < (var->type == RULEC_TYPE_BOOL ? 2u : var->nmembers); m++) {
            if (!(test->members >> m & 1))
                continue;
            if (words && var->type == RULEC_TYPE_BOOL)
                snprintf(text, sizeof text, "%s", m ? "oui" : "non");
            else
                explain_value(text, sizeof text, policy, test->var, (int32_t)m, RULEC_NOTATION_RULES);
            sink_string(out, shown++ ? ", " : "");
            sink_string(out, text);
        }
        return;
    }
    for (uint32_t i = 0; i < test->count; i++) {
        const struct rulec_range *range = &policy->explain->ranges[test->first + i];
        sink_string(out, i ? " ou " : "");
        if (words) {
            explain_range_words(out, policy, test->var, range->low, range->high);
            continue;
        }
        char low[64], high[64];
        explain_value(low, sizeof low, policy, test->var, range->low, RULEC_NOTATION_RULES);
        explain_value(high, sizeof high, policy, test->var, range->high, RULEC_NOTATION_RULES);
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
    const struct rulec_policy *policy = e->policy;
    const struct rulec_rule_why *why = policy->explain->rules;
    uint32_t winner = (uint32_t)e->result.rule;
    for (uint32_t k = 0; k <= policy->nrules; k++) {
        uint32_t r = k == 0 ? winner : k - 1;
        if ((k > 0 && r == winner) || r >= policy->nrules || r == lost
            || e->rules[r].truth != RULEC_TRUE)
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

static int explain_count(uint64_t bits)
{
    int count = 0;
    for (; bits; bits &= bits - 1)
        count++;
    return count;
}

/* Whether alternative x is farther than y: more inputs to change, then a greater distance. */
static int explain_alternative_farther(const struct explain_alternative *x,
                                       const struct explain_alternative *y)
{
    int na = explain_count(x->change.changed), nb = explain_count(y->change.changed);
    return na != nb ? na > nb : x->change.distance > y->change.distance;
}

/* The other answers a clerk may ask about: each member of each enumerated output, and "the
 * source does not say", but the claim's own; each with the smallest change that gives it. An
 * impossible claim is no other answer: asked with --why-not invalide, never offered. */
static int explain_find_alternatives(struct explain *e)
{
    const struct rulec_policy *policy = e->policy;
    size_t capacity = 2;
    for (unsigned o = 0; o < policy->noutputs; o++)
        if (policy->outputs[o].type == RULEC_TYPE_ENUM && !policy->outputs[o].computed)
            capacity += policy->outputs[o].nmembers;
    e->alternatives = calloc(capacity, sizeof *e->alternatives);
    if (!e->alternatives)
        return -1;
    int decided = e->status == RULEC_OK && e->result.outcome == RULEC_OUTCOME_DECIDED;
    for (unsigned o = 0; o <= policy->noutputs; o++) {
        const struct rulec_output *output = o < policy->noutputs ? &policy->outputs[o] : NULL;
        if (output && (output->type != RULEC_TYPE_ENUM || output->computed))
            continue;
        for (unsigned m = 0; m < (output ? output->nmembers : 1u); m++) {
            struct explain_alternative *a = &e->alternatives[e->nalternatives];
            if (output) {
                a->want.kind = RULEC_WANT_OUTPUT;
                a->want.output = (uint16_t)o;
                a->want.value = (int32_t)m;
                if (decided && (e->result.set >> o & 1) && e->result.values[o] == (int32_t)m)
                    continue;
            } else {
                a->want.kind = RULEC_WANT_OUTCOME;
                a->want.value = RULEC_OUTCOME_UNSPECIFIED;
                if (e->status == RULEC_OK && e->result.outcome == RULEC_OUTCOME_UNSPECIFIED)
                    continue;
            }
            if (rulec_why_not(policy, e->claim, &a->want, &a->change) == RULEC_WHY_NOT_FOUND)
                e->nalternatives++;
        }
    }
    /* Insertion sort, stable: nearest first, then in the order found. */
    for (int i = 1; i < e->nalternatives; i++) {
        struct explain_alternative moving = e->alternatives[i];
        int j = i;
        for (; j > 0 && explain_alternative_farther(&e->alternatives[j - 1], &moving); j--)
            e->alternatives[j] = e->alternatives[j - 1];
        e->alternatives[j] = moving;
    }
    return 0;
}

/* Evaluates every rule, and sorts those that do not apply, nearest first. */
static int explain_evaluate(struct explain *e)
{
    const struct rulec_policy *policy = e->policy;
    e->rules = calloc((size_t)policy->nrules + 1, sizeof *e->rules);
    e->why_not = calloc((size_t)policy->nrules + 1, sizeof *e->why_not);
    if (!e->rules || !e->why_not)
        return -1;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        struct explain_rule *rule = &e->rules[r];
        rule->rule = r;
        rule->truth = rulec_rule_applies(policy, e->claim, r, &rule->culprit, &rule->failed);
        if (rule->truth == RULEC_FALSE)
            e->why_not[e->nwhy_not++] = r;
    }
    /* Insertion sort, stable: nearest (fewest failing operands) first, then in file order. */
    for (uint32_t i = 1; i < e->nwhy_not; i++) {
        uint32_t r = e->why_not[i], j = i;
        for (; j > 0 && explain_farther(e, e->why_not[j - 1], r); j--)
            e->why_not[j] = e->why_not[j - 1];
        e->why_not[j] = r;
    }
    return explain_find_alternatives(e);
}

/* Why the answer is refused, in words, into buffer (status is not RULEC_OK). */
static void explain_refusal(const struct explain *e, char *buffer, size_t size)
{
    /* No rule deciding is the explanation's own heading: the reason alone. */
    if (e->status == RULEC_UNDECIDED)
        snprintf(buffer, size, "%s", e->policy->undecided[e->result.region]);
    else
        rulec_refusal_text(buffer, size, e->policy, e->claim, e->status, &e->result);
}

/* --- the clerk's text ---------------------------------------------------------------------- */

/* "Réponse : …": the outputs an answer sets, or the outcome and its reason. */
static void explain_answer_line(struct explain *e, const struct rulec_result *result)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    const struct rulec_rule *rule = &policy->rules[result->rule];
    sink_string(out, "Réponse : ");
    if (result->outcome != RULEC_OUTCOME_DECIDED) {
        sink_string(out, result->outcome == RULEC_OUTCOME_UNSPECIFIED ? "la source ne le précise pas. "
                                                                    : "combinaison impossible. ");
        sink_string(out, rule->reason);
        sink_char(out, '\n');
        return;
    }
    int shown = 0;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (!(result->set >> o & 1))
            continue;
        sink_string(out, shown++ ? " ; " : "");
        explain_output_words(out, policy, o, result->values[o]);
    }
    if (!shown)
        sink_string(out, "décidée, sans résultat à inscrire");
    sink_string(out, ".\n");
}

/* "(règle r, rules/x.rules, ligne 12)". */
static void explain_rule_place(struct sink *out, const struct rulec_policy *policy, int rule)
{
    char line[32];
    snprintf(line, sizeof line, "%lu", (unsigned long)policy->rules[rule].line);
    sink_string(out, "(règle ");
    sink_string(out, policy->rules[rule].name);
    sink_string(out, ", ");
    sink_string(out, policy->rule_file);
    sink_string(out, ", ligne ");
    sink_string(out, line);
    sink_char(out, ')');
}

/* A citation as a reader names it: "RAMQ, Infolettre 375, 28 février 2018, section 1.1". */
static void explain_cite_place(struct sink *out, const struct rulec_policy *policy,
                               const struct rulec_cite *cite)
{
    sink_string(out, policy->sources[cite->source].title);
    sink_string(out, ", ");
    sink_string(out, rulec_section_prefix(cite->section));
    sink_string(out, cite->section);
}

/* Citations by place (report_cite_list). */
static void explain_cite_list(struct sink *out, const struct rulec_policy *policy,
                              const struct rulec_cite *cites, unsigned count, int which)
{
    char text[4096];
    report_cite_list(text, sizeof text, policy, cites, count, which);
    sink_string(out, text);
}


/* "Pourquoi : …": the passage the rule rests on, or its reading of several, or, for what the
 * source leaves open, the nearest it says, and that it says no more; then the rule's other
 * citations by place (a deadline from a law, a second sentence) and where the rule is. */
static void explain_why_line(struct explain *e, int r)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    const struct rulec_rule *rule = &policy->rules[r];
    const struct rulec_cite *cites = &policy->cites[rule->first_cite];
    int main_cite = report_main_cite(rule, cites);
    sink_string(out, "Pourquoi : ");
    if (main_cite < 0) {
        sink_string(out, "lecture de plusieurs passages (");
        explain_cite_list(out, policy, cites, rule->ncites, 1);
        sink_string(out, ") : « ");
        sink_string(out, rule->interpretation);
        sink_string(out, " »");
    } else {
        if (rule->outcome == RULEC_OUTCOME_UNSPECIFIED)
            sink_string(out, "la source n'en dit pas plus que ");
        explain_cite_place(out, policy, &cites[main_cite]);
        if (cites[main_cite].quote) {
            sink_string(out, " : « ");
            sink_string(out, cites[main_cite].quote);
            sink_string(out, " »");
        }
    }
    int others = 0;
    for (unsigned i = 0; i < rule->ncites; i++)
        others += main_cite < 0 ? !cites[i].interprets : (int)i != main_cite;
    if (others) {
        sink_string(out, " ; voir aussi ");
        explain_cite_list(out, policy, cites, rule->ncites, main_cite < 0 ? 0 : -2 - main_cite);
    }
    sink_char(out, ' ');
    explain_rule_place(out, policy, r);
    sink_string(out, ".\n");
}

/* What a change asks: "A toujours accès… = oui, au lieu de non ; …". */
static void explain_change_words(struct explain *e, const struct rulec_change *change)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    int shown = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(change->changed >> v & 1))
            continue;
        const struct rulec_var *var = &policy->vars[v];
        sink_string(out, shown++ ? " ; " : "");
        sink_string(out, var->label);
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
            sink_string(out, " = ");
            explain_members_words(out, policy, (int)v, change->members[v]);
        } else {
            sink_char(out, ' ');
            explain_range_words(out, policy, (int)v, change->ranges[v].low, change->ranges[v].high);
        }
        if (e->claim->present >> v & 1) {
            sink_string(out, ", au lieu de ");
            if (var->type == RULEC_TYPE_ENUM)
                sink_string(out, var->member_labels[e->claim->values[v]]);
            else
                explain_var_words(out, policy, (int)v, e->claim->values[v]);
        } else {
            sink_string(out, ", que la demande ne donne pas");
        }
    }
}

/* An alternative's answer in words: the member's label (with the output's when the policy
 * has more than one enumerated output), or the outcome. */
static void explain_alternative_words(struct explain *e, const struct rulec_want *want)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    if (want->kind == RULEC_WANT_OUTCOME) {
        sink_string(out, "La source ne le précise pas");
        return;
    }
    int enums = 0;
    for (unsigned o = 0; o < policy->noutputs; o++)
        enums += policy->outputs[o].type == RULEC_TYPE_ENUM && !policy->outputs[o].computed;
    if (enums > 1) {
        explain_output_words(out, policy, want->output, want->value);
        return;
    }
    struct rulec_domain domain = rulec_output_domain(&policy->outputs[want->output]);
    explain_words(out, &domain, want->value);
}

/* The nearest other answers, each with what would have to change. */
static void explain_text_alternatives(struct explain *e, int most)
{
    struct sink *out = e->out;
    int count = e->nalternatives < most ? e->nalternatives : most;
    if (count == 0)
        return;
    sink_string(out, count == 1 ? "Autre réponse possible :\n"
                                : "Autres réponses, les plus proches d'abord :\n");
    for (int i = 0; i < count; i++) {
        const struct explain_alternative *a = &e->alternatives[i];
        sink_string(out, "  ");
        explain_alternative_words(e, &a->want);
        sink_string(out, " — il faudrait : ");
        explain_change_words(e, &a->change);
        sink_string(out, ".\n");
    }
}

/* One rule that does not apply: its culprit's variable, value and what it asks. */
static void explain_text_why_not(struct explain *e, uint32_t r)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    const struct rulec_test *culprit = &policy->explain->tests[e->rules[r].culprit];
    const struct rulec_test *named = explain_named_test(policy, e->rules[r].culprit);
    sink_string(out, "  ");
    sink_string(out, policy->rules[r].name);
    sink_string(out, " : ");
    int32_t value;
    int missing;
    if (named && rulec_var_value(policy, e->claim, named->var, &value, &missing) == 0) {
        const struct rulec_var *var = &policy->vars[named->var];
        sink_string(out, var->label);
        if (strcmp(var->label, var->name) != 0) {
            sink_string(out, " (");
            sink_string(out, var->name);
            sink_char(out, ')');
        }
        sink_string(out, " vaut ");
        explain_var_words(out, policy, named->var, value);
        if (culprit == named) {
            sink_string(out, " ; la règle veut ");
            explain_requires(out, policy, named, 1);
            sink_string(out, " (« ");
            sink_string(out, culprit->text);
            sink_string(out, " »)\n");
        } else {
            /* An 'or' or a 'not': the value it reads first, and the condition whole. */
            sink_string(out, " ; la condition « ");
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
    for (uint32_t r = 0, shown = 0; r < e->policy->nrules; r++) {
        if (e->rules[r].truth == RULEC_FALSE)
            continue;
        sink_string(out, shown++ ? ", " : " ");
        sink_string(out, e->policy->rules[r].name);
    }
    sink_string(out, "\nDonnée qui les départage : ");
    sink_string(out, e->policy->vars[e->result.input].label);
    sink_string(out, " (");
    sink_string(out, e->policy->vars[e->result.input].name);
    sink_string(out, ")\n");
}

/* The refusal's heading and reason, for a claim that gets no answer. */
static void explain_text_refusal(struct explain *e)
{
    struct sink *out = e->out;
    char refusal[RULEC_REFUSAL_SIZE];
    explain_refusal(e, refusal, sizeof refusal);
    sink_string(out, e->status == RULEC_UNDECIDED ? "Aucune règle ne décide : " : "Pas de décision : ");
    sink_string(out, refusal);
    sink_char(out, '\n');
    if (e->status == RULEC_MISSING)
        explain_text_possible(e);
}

/* The rules that applied too: those that lost, and to which rule; or, undecided, those none
 * of which wins. */
static void explain_text_overridden(struct explain *e)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    int any = 0;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        if (e->rules[r].truth != RULEC_TRUE || (int)r == e->result.rule)
            continue;
        sink_string(out, any++ ? "" : e->status == RULEC_OK ? "S'appliquent aussi, mais cèdent :\n"
                                                         : "S'appliquent, sans que l'une l'emporte :\n");
        sink_string(out, "  ");
        sink_string(out, policy->rules[r].name);
        if (e->status == RULEC_OK) {
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
}

/* For a clerk: the answer, why, and the nearest other answers. */
static void explain_text_short(struct explain *e)
{
    if (e->status == RULEC_OK) {
        explain_answer_line(e, &e->result);
        explain_why_line(e, e->result.rule);
    } else {
        explain_text_refusal(e);
        /* No rule decides alone: which ones apply is the whole story. */
        if (e->status == RULEC_UNDECIDED)
            explain_text_overridden(e);
    }
    explain_text_alternatives(e, EXPLAIN_ALTERNATIVES);
}

/* Everything: the clerk's whole answer with every citation, the rules that applied and lost,
 * each rule that did not apply and why, then every other answer. */
static void explain_text_all(struct explain *e, FILE *file)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    if (e->status == RULEC_OK) {
        sink_flush(out);
        report_text(file, policy, &e->result);
    } else {
        explain_text_refusal(e);
    }
    explain_text_overridden(e);
    if (e->nwhy_not)
        sink_string(out, "Ne s'appliquent pas (les plus proches d'abord) :\n");
    for (uint32_t i = 0; i < e->nwhy_not; i++)
        explain_text_why_not(e, e->why_not[i]);
    explain_text_alternatives(e, e->nalternatives);
}

/* The answer wanted: already given, the change that gives it and the rule that would, or
 * why none can. */
static void explain_text_wanted(struct explain *e, const struct rulec_want *want,
                                enum rulec_why_not_status status, const struct rulec_change *change)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    if (e->status == RULEC_OK)
        explain_answer_line(e, &e->result);
    else
        explain_text_refusal(e);
    switch (status) {
    case RULEC_WHY_NOT_ALREADY:
        sink_string(out, "La demande reçoit déjà ");
        explain_want_words(out, policy, want);
        sink_string(out, ".\n");
        return;
    case RULEC_WHY_NOT_NEVER:
        sink_string(out, "Aucune demande ne reçoit ");
        explain_want_words(out, policy, want);
        sink_string(out, " : aucune règle ne la donne, quelles que soient les données.\n");
        return;
    case RULEC_WHY_NOT_TOO_COMPLEX:
        sink_string(out, "Pour ");
        explain_want_words(out, policy, want);
        sink_string(out, ", la recherche a épuisé son budget sans trouver de changement.\n");
        return;
    case RULEC_WHY_NOT_BAD_TABLES:
        sink_string(out, "Erreur interne : tables de décision malformées.\n");
        return;
    case RULEC_WHY_NOT_BAD_ABI:
        sink_string(out, "Tables de décision d'une autre version de rulec : rien à chercher.\n");
        return;
    case RULEC_WHY_NOT_BAD_INPUT:
        sink_string(out, "La demande a une valeur hors de son type : rien à chercher.\n");
        return;
    default:
        break;
    }
    sink_string(out, "Pour obtenir ");
    explain_want_words(out, policy, want);
    sink_string(out, ", il faudrait : ");
    explain_change_words(e, change);
    sink_string(out, change->exact ? ".\n" : " (un changement qui suffit ; la recherche n'a pu "
                                             "prouver qu'il n'en est pas de plus petit).\n");
    /* As small and as near without the inputs already offered: other ways, equally good (the
     * sending date as well as the service date). */
    struct rulec_want other = *want;
    other.fixed |= change->changed;
    struct rulec_change *tie = malloc(sizeof *tie);
    for (int ties = 0; tie && ties < 2; ties++) {
        if (rulec_why_not(policy, e->claim, &other, tie) != RULEC_WHY_NOT_FOUND
            || explain_count(tie->changed) != explain_count(change->changed)
            || tie->distance != change->distance)
            break;
        sink_string(out, "Ou bien, autant : ");
        explain_change_words(e, tie);
        sink_string(out, ".\n");
        other.fixed |= tie->changed;
    }
    free(tie);
    struct rulec_result result;
    if (rulec_decide(policy, &change->claim, &result) != RULEC_OK)
        return;
    /* The value chosen of each date or number that may take several: what the answer below
     * is computed with. */
    sink_string(out, "Elle recevrait alors");
    int chosen = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        if (!(change->changed >> v & 1) || var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM
            || change->ranges[v].low == change->ranges[v].high)
            continue;
        sink_string(out, chosen++ ? " et " : ", avec ");
        sink_string(out, var->label);
        sink_string(out, " = ");
        explain_var_words(out, policy, (int)v, change->claim.values[v]);
    }
    sink_string(out, " :\n  ");
    explain_answer_line(e, &result);
    sink_string(out, "  ");
    explain_why_line(e, result.rule);
}

/* --- JSON ------------------------------------------------------------------------------------ */

/* A change as JSON: the rule that would decide, and each input's change. */
static void explain_json_change(struct explain *e, const struct rulec_change *change)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    char text[64];
    sink_string(out, "\"rule\":");
    sink_json_string(out, policy->rules[change->rule].name);
    sink_string(out, ",\"exact\":");
    sink_string(out, change->exact ? "true" : "false");
    sink_string(out, ",\"changes\":[");
    int shown = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(change->changed >> v & 1))
            continue;
        const struct rulec_var *var = &policy->vars[v];
        sink_string(out, shown++ ? ",{\"input\":" : "{\"input\":");
        sink_json_string(out, var->name);
        sink_string(out, ",\"from\":");
        if (e->claim->present >> v & 1) {
            explain_value(text, sizeof text, policy, (int)v, e->claim->values[v], RULEC_NOTATION_JSON);
            sink_string(out, text);
        } else {
            sink_string(out, "null");
        }
        sink_string(out, ",\"to\":");
        explain_value(text, sizeof text, policy, (int)v, change->claim.values[v], RULEC_NOTATION_JSON);
        sink_string(out, text);
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
            sink_string(out, ",\"allowed\":[");
            unsigned count = var->type == RULEC_TYPE_BOOL ? 2u : var->nmembers;
            for (unsigned m = 0, listed = 0; m < count && m < 64; m++)
                if (change->members[v] >> m & 1) {
                    explain_value(text, sizeof text, policy, (int)v, (int32_t)m, RULEC_NOTATION_JSON);
                    sink_string(out, listed++ ? "," : "");
                    sink_string(out, text);
                }
            sink_char(out, ']');
        } else {
            sink_string(out, ",\"allowed\":{");
            const char *separator = "";
            if (change->ranges[v].low != INT32_MIN) {
                explain_value(text, sizeof text, policy, (int)v, change->ranges[v].low, RULEC_NOTATION_JSON);
                sink_string(out, "\"min\":");
                sink_string(out, text);
                separator = ",";
            }
            if (change->ranges[v].high != INT32_MAX) {
                explain_value(text, sizeof text, policy, (int)v, change->ranges[v].high, RULEC_NOTATION_JSON);
                sink_string(out, separator);
                sink_string(out, "\"max\":");
                sink_string(out, text);
            }
            sink_char(out, '}');
        }
        sink_char(out, '}');
    }
    sink_string(out, "],\"answer\":{");
    struct rulec_result result;
    if (rulec_decide(policy, &change->claim, &result) == RULEC_OK)
        report_json_fields(out, policy, &result);
    sink_char(out, '}');
}

/* What is wanted, as JSON: {"output": …, "value": …} or {"outcome": …} or {"rule": …}. */
static void explain_json_want(struct explain *e, const struct rulec_want *want)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    switch (want->kind) {
    case RULEC_WANT_OUTCOME:
        sink_string(out, "\"outcome\":\"");
        sink_string(out, rulec_outcome_name((unsigned)want->value));
        sink_char(out, '"');
        return;
    case RULEC_WANT_RULE:
        sink_string(out, "\"rule\":");
        sink_json_string(out, policy->rules[want->value].name);
        return;
    default:
        sink_string(out, "\"output\":");
        sink_json_string(out, policy->outputs[want->output].name);
        sink_string(out, ",\"value\":");
        sink_value(out, &policy->outputs[want->output], want->value, RULEC_NOTATION_JSON);
        return;
    }
}

static void explain_json(struct explain *e, const struct rulec_want *want,
                         enum rulec_why_not_status status, const struct rulec_change *change)
{
    const struct rulec_policy *policy = e->policy;
    struct sink *out = e->out;
    sink_string(out, "{\"answer\":{");
    if (e->status == RULEC_OK) {
        report_json_fields(out, policy, &e->result);
    } else {
        char refusal[RULEC_REFUSAL_SIZE];
        explain_refusal(e, refusal, sizeof refusal);
        sink_string(out, e->status == RULEC_UNDECIDED ? "\"outcome\":\"undecided\",\"error\":"
                                                   : "\"outcome\":\"rejected\",\"error\":");
        sink_json_string(out, refusal);
    }
    sink_string(out, "},\"overridden\":[");
    int any = 0;
    for (uint32_t r = 0; r < policy->nrules && e->status == RULEC_OK; r++) {
        if (e->rules[r].truth != RULEC_TRUE || (int)r == e->result.rule)
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
        const struct rulec_test *culprit = &policy->explain->tests[e->rules[r].culprit];
        const struct rulec_test *named = explain_named_test(policy, e->rules[r].culprit);
        sink_string(out, i ? ",{\"rule\":" : "{\"rule\":");
        sink_json_string(out, policy->rules[r].name);
        int32_t value;
        int missing;
        if (named && rulec_var_value(policy, e->claim, named->var, &value, &missing) == 0) {
            char text[64];
            explain_value(text, sizeof text, policy, named->var, value, RULEC_NOTATION_JSON);
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
            explain_requires(out, policy, named, 0);
            sink_char(out, '"');
        }
        sink_string(out, ",\"failed\":");
        char count[16];
        snprintf(count, sizeof count, "%lu", (unsigned long)e->rules[r].failed);
        sink_string(out, count);
        sink_char(out, '}');
    }
    sink_char(out, ']');
    if (e->status == RULEC_MISSING) {
        sink_string(out, ",\"possible\":[");
        any = 0;
        for (uint32_t r = 0; r < policy->nrules; r++) {
            if (e->rules[r].truth == RULEC_FALSE)
                continue;
            sink_string(out, any++ ? "," : "");
            sink_json_string(out, policy->rules[r].name);
        }
        sink_string(out, "],\"deciding_input\":");
        sink_json_string(out, policy->vars[e->result.input].name);
    }
    sink_string(out, ",\"alternatives\":[");
    for (int i = 0; i < e->nalternatives; i++) {
        sink_string(out, i ? ",{\"wanted\":{" : "{\"wanted\":{");
        explain_json_want(e, &e->alternatives[i].want);
        sink_string(out, "},");
        explain_json_change(e, &e->alternatives[i].change);
        sink_char(out, '}');
    }
    sink_char(out, ']');
    if (want) {
        /* ORDER: enum rulec_why_not_status (rulec.h). */
        static const char *const statuses[] = { "found", "already", "never", "too_complex",
                                                "bad_tables", "bad_input", "bad_abi" };
        _Static_assert(sizeof statuses / sizeof *statuses == RULEC_WHY_NOT_BAD_ABI + 1,
                       "statuses and enum rulec_why_not_status");
        sink_string(out, ",\"wanted\":{");
        explain_json_want(e, want);
        sink_string(out, ",\"status\":\"");
        sink_string(out, statuses[status]);
        sink_char(out, '"');
        if (status == RULEC_WHY_NOT_FOUND) {
            sink_char(out, ',');
            explain_json_change(e, change);
        }
        sink_char(out, '}');
    }
    sink_string(out, "}\n");
}

const char *explain_options_problem(const struct explain_options *options)
{
    return options->all && options->why_not
           ? "--all et --why-not ne vont pas ensemble : --why-not dit ce qui donnerait une "
             "réponse, --all tout ce qui a joué dans celle-ci"
           : NULL;
}

int explain_claim(const struct rulec_policy *policy, const struct rulec_claim *claim,
                  const struct explain_options *options, FILE *out, FILE *err,
                  const char *program)
{
    if (!policy->explain) {
        fprintf(err, "%s: ces tables ne portent pas de quoi expliquer une décision\n", program);
        return 1;
    }
    struct rulec_want want;
    if (options->why_not) {
        enum rulec_parse_status parsed = rulec_parse_want(policy, options->why_not, &want);
        if (parsed != RULEC_PARSE_OK) {
            char allowed[RULEC_REFUSAL_SIZE];
            const char *equals = strchr(options->why_not, '=');
            size_t length = equals ? (size_t)(equals - options->why_not) : 0;
            unsigned o = 0;
            while (equals && o < policy->noutputs
                   && !(strlen(policy->outputs[o].name) == length
                        && memcmp(policy->outputs[o].name, options->why_not, length) == 0))
                o++;
            if (parsed == RULEC_PARSE_BAD_VALUE && o < policy->noutputs) {
                struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
                rulec_allowed_text(allowed, sizeof allowed, &domain);
                fprintf(err, "%s: --why-not %s : %s n'a pas cette valeur ; %s\n", program,
                        options->why_not, policy->outputs[o].name, allowed);
            } else if (parsed == RULEC_PARSE_BAD_VALUE) {
                fprintf(err, "%s: --why-not %s : aucune règle ne porte ce nom\n", program,
                        options->why_not);
            } else {
                fprintf(err, "%s: --why-not %s : attendu résultat=valeur, règle=nom, ou une issue "
                        "(non_précisé, invalide, décidé) ; résultats :", program, options->why_not);
                for (unsigned k = 0; k < policy->noutputs; k++)
                    fprintf(err, "%s %s", k ? "," : "", policy->outputs[k].name);
                fputc('\n', err);
            }
            return 2;
        }
    }
    struct explain e;
    memset(&e, 0, sizeof e);
    e.policy = policy;
    e.claim = claim;
    e.status = rulec_decide(policy, claim, &e.result);
    struct sink *sink = malloc(sizeof *sink);
    struct rulec_change *change = malloc(sizeof *change);
    int status = 3;
    if (sink && change && explain_evaluate(&e) == 0) {
        sink_init(sink, out);
        e.out = sink;
        enum rulec_why_not_status found = RULEC_WHY_NOT_NEVER;
        if (options->why_not)
            found = rulec_why_not(policy, claim, &want, change);
        if (options->json)
            explain_json(&e, options->why_not ? &want : NULL, found, change);
        else if (options->why_not)
            explain_text_wanted(&e, &want, found, change);
        else if (options->all)
            explain_text_all(&e, out);
        else
            explain_text_short(&e);
        /* A write error is said once, where stdout is closed (files_close_stdout). */
        status = sink_flush(sink) != 0 ? 3
                 : e.status == RULEC_OK ? 0
                 : e.status == RULEC_MISSING || e.status == RULEC_OUT_OF_RANGE
                   || e.status == RULEC_BAD_INPUT ? 2 : 1;
    } else {
        fprintf(err, "%s: mémoire épuisée\n", program);
    }
    free(sink);
    free(change);
    free(e.rules);
    free(e.why_not);
    free(e.alternatives);
    return status;
}
