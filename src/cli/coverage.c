/* src/cli/coverage.c — rulec test --coverage (coverage.h).
 * Part of rulec; see README.md for the licence. */
#include "coverage.h"

#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "decision_table.h"
#include "keywords.h"
#include "regions.h"
#include "report.h"

/* Whether the example's claim lies in the region: every test the region makes on a value the
 * claim gives holds, and the claim is decided by the region's rule (an example that leaves
 * out an input the rule does not need reaches every region of that rule it agrees with). */
static int coverage_reaches(const struct rt_policy *policy, const struct region *region,
                            const struct rt_claim *claim, int decided_by)
{
    if (decided_by != region->rule)
        return 0;
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct rt_var *var = &policy->vars[test->var];
        int32_t value;
        int missing;
        if (rt_var_value(policy, claim, test->var, &value, &missing) != 0)
            continue;
        if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM
                ? !(test->members >> value & 1) : value < test->low || value > test->high)
            return 0;
    }
    return 1;
}

/* An example ready to paste into the rule file: the claim and its whole outcome, in the
 * file's language. */
static void coverage_write_example(FILE *out, struct compilation *c, const char *title,
                                   const struct rt_claim *given)
{
    const struct rt_policy *policy = c->policy;
    struct rt_claim claim = *given;
    struct rt_result result;
    if (rt_decide(policy, &claim, &result) != RT_OK) {
        fputs("    (aucune demande complète à proposer)\n", out);
        return;
    }
    enum keyword_language language = c->diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    fprintf(out, "    %s \"%s\"\n      %s ", keyword_in(language, "example"), title,
            keyword_in(language, "given"));
    int shown = 0;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(claim.present >> v & 1))
            continue;
        struct rt_domain domain = rt_var_domain(&policy->vars[v]);
        char value[64];
        decision_table_rules_value(value, sizeof value, &domain, claim.values[v], language);
        fprintf(out, "%s%s = %s", shown++ ? ", " : "", policy->vars[v].name, value);
    }
    if (!shown)
        fputs("(aucune donnée)", out);
    fprintf(out, "\n      %s ", keyword_in(language, "expect"));
    if (result.outcome != RT_OUTCOME_DECIDED)
        fprintf(out, "%s, ", keyword_in(language, result.outcome == RT_OUTCOME_UNSPECIFIED
                                                      ? "unspecified" : "invalid"));
    decision_table_outputs_rules(out, policy, &result, c->diag.french);
    fprintf(out, "%s %s\n", keyword_in(language, "rule"), policy->rules[result.rule].name);
}

/* An example for a region none reaches: the inputs the region involves. */
static void coverage_example(FILE *out, struct compilation *c, int index,
                             const struct region *region)
{
    struct rt_claim claim;
    struct rt_result result;
    if (regions_witness(c->model, region, 0, &claim) != 0
        || rt_decide(c->policy, &claim, &result) != RT_OK) {
        fputs("    (aucune demande complète à proposer)\n", out);
        return;
    }
    char title[160];
    snprintf(title, sizeof title, "région %d : %s", index + 1, c->policy->rules[result.rule].name);
    coverage_write_example(out, c, title, &claim);
}

/* --- the limits ---------------------------------------------------------------------------
 * Where an answer turns on one day, an example on each side of it: for each rule's deadline,
 * the last day a computed output that compares a date with it keeps one value and the first
 * it takes the other (the last day on time, the first late); for each constant date that
 * bounds a date input, the day before and the day itself. Each is covered by an example that
 * lies there (decided by that rule, for a deadline), or proposed, ready to paste. */

struct coverage_limits {
    struct compilation *c;
    const struct region_table *table;
    const int *rule_of;            /* each example's deciding rule, -1 none */
    int count, covered;
    FILE *out;                     /* NULL: count only */
};

/* The claim without each input whose absence leaves its answer as it is. */
static void coverage_needed(const struct rt_policy *policy, struct rt_claim *claim)
{
    struct rt_result full, fewer;
    if (rt_decide(policy, claim, &full) != RT_OK)
        return;
    for (int v = (int)policy->ninputs - 1; v >= 0; v--) {
        struct rt_claim trial = *claim;
        trial.present &= ~((uint64_t)1 << v);
        if (rt_decide(policy, &trial, &fewer) != RT_OK || fewer.rule != full.rule
            || fewer.set != full.set)
            continue;
        int same = 1;
        for (unsigned o = 0; o < policy->noutputs; o++)
            same &= !(full.set >> o & 1) || fewer.values[o] == full.values[o];
        if (same)
            *claim = trial;
    }
}

static void coverage_limit(struct coverage_limits *l, int covered, const char *what,
                           const char *title, const struct rt_claim *claim)
{
    l->count++;
    l->covered += covered;
    if (!l->out || covered)
        return;
    if (l->count - l->covered == 1)
        fputs("limites qu'aucun exemple ne couvre, chacune avec un exemple à compléter :\n", l->out);
    fprintf(l->out, "  %s\n", what);
    if (claim) {
        struct rt_claim needed = *claim;
        coverage_needed(l->c->policy, &needed);
        coverage_write_example(l->out, l->c, title, &needed);
    } else {
        fputs("    (aucune demande à proposer)\n", l->out);
    }
}

static const char *const coverage_days[] = { "la veille de", "le jour de", "le lendemain de" };

/* The deadline output date set by rule r as input base plus days, read by computed output o
 * against date input x: each day delta (-1, 0, 1) after the deadline where o turns. */
static void coverage_deadline(struct coverage_limits *l, unsigned o, int x, unsigned date,
                              int left, int r, int base)
{
    struct compilation *c = l->c;
    const struct rt_policy *policy = c->policy;
    const struct rt_output *output = &policy->outputs[o];
    enum keyword_language language = c->diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    for (int delta = -1; delta <= 1; delta++) {
        int here = left ? rt_compare(delta, output->op, 0) : rt_compare(0, output->op, delta);
        int before = left ? rt_compare(delta - 1, output->op, 0) : rt_compare(0, output->op, delta - 1);
        int after = left ? rt_compare(delta + 1, output->op, 0) : rt_compare(0, output->op, delta + 1);
        if ((delta == -1 || here == before) && (delta == 1 || here == after))
            continue;              /* not a day where the output turns */
        if ((delta == -1 && here == after) || (delta == 1 && here == before))
            continue;
        /* Covered by an example that rule r decides with x on that day. */
        int covered = 0;
        for (int i = 0; i < c->model->nexamples && !covered; i++) {
            const struct rt_claim *claim = &c->model->examples[i].claim;
            struct rt_result result;
            covered = l->rule_of[i] == r && (claim->present >> x & 1)
                      && rt_decide(policy, claim, &result) == RT_OK && (result.set >> date & 1)
                      && (int64_t)claim->values[x] - result.values[date] == delta;
        }
        /* A claim of one of the rule's regions, with x on that day. */
        struct rt_claim found, *claim = NULL;
        for (int k = 0; k < l->table->nregions && !claim; k++) {
            const struct region *region = &l->table->regions[k];
            struct rt_claim witness;
            struct rt_result result;
            if (region->rule != r || !regions_feasible(c->model, region, &witness)
                || rt_decide(policy, &witness, &result) != RT_OK || !(result.set >> date & 1))
                continue;
            /* The members as the witness has them (a lookup's days depend on them). */
            struct region_test tests[RT_MAX_VARS];
            int ntests = 0;
            for (int v = 0; v < c->model->ninputs; v++)
                if (c->model->vars[v].type == RT_TYPE_ENUM || c->model->vars[v].type == RT_TYPE_BOOL)
                    tests[ntests++] = (struct region_test){ v, (uint64_t)1 << witness.values[v], 0, 0 };
            struct region members = { r, ntests, tests }, narrow;
            int64_t days = (int64_t)result.values[date] - witness.values[base] + delta;
            if (regions_intersect(&c->arena, c->model, region, &members, &narrow) == 0
                && regions_feasible_difference(c->model, &narrow, x, base, days, days, &found)
                && rt_decide(policy, &found, &result) == RT_OK && result.rule == r
                && (result.set >> date & 1) && (int64_t)found.values[x] - result.values[date] == delta)
                claim = &found;
        }
        char what[512], title[256];
        char value[16];
        struct rt_domain domain = rt_output_domain(output);
        decision_table_rules_value(value, sizeof value, &domain, here, language);
        snprintf(what, sizeof what, "date limite de la règle %s : %s %s %s (%s = %s)",
                 policy->rules[r].name, policy->vars[x].name, coverage_days[delta + 1],
                 policy->outputs[date].name, output->name, value);
        snprintf(title, sizeof title, "%s : %s %s %s", policy->rules[r].name,
                 policy->vars[x].name, coverage_days[delta + 1], policy->outputs[date].name);
        coverage_limit(l, covered, what, title, claim);
    }
}

static void coverage_deadlines(struct coverage_limits *l)
{
    const struct rt_policy *policy = l->c->policy;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rt_output *output = &policy->outputs[o];
        if (!output->computed)
            continue;
        int left = output->left.kind == RT_OPERAND_VAR;
        const struct rt_operand *input = left ? &output->left : &output->right;
        const struct rt_operand *date = left ? &output->right : &output->left;
        if (input->kind != RT_OPERAND_VAR || date->kind != RT_OPERAND_OUTPUT
            || !policy->vars[input->value].is_input || policy->vars[input->value].type != RT_TYPE_DATE)
            continue;
        for (uint32_t r = 0; r < policy->nrules; r++) {
            const struct rt_rule *rule = &policy->rules[r];
            for (unsigned i = 0; i < rule->nassigns; i++) {
                const struct rt_assign *assign = &policy->assigns[rule->first_assign + i];
                if ((int)assign->output == date->value && assign->kind == RT_ASSIGN_SHIFT)
                    coverage_deadline(l, o, input->value, (unsigned)date->value, left, (int)r,
                                      assign->var);
            }
        }
    }
}

/* Each constant date that bounds a date input (one of its cut points): the day before, and
 * the day itself. */
static void coverage_dates(struct coverage_limits *l)
{
    struct compilation *c = l->c;
    const struct check_model *model = c->model;
    for (int i = 0; i < model->ndefinitions; i++) {
        const struct check_definition *def = &model->definitions[i];
        if (def->kind != CHECK_DEFINE_CONST || def->type != RT_TYPE_DATE)
            continue;
        for (int v = 0; v < model->ninputs; v++) {
            const struct check_var *var = &model->vars[v];
            if (var->type != RT_TYPE_DATE
                || rt_count_le(var->cuts, (uint32_t)var->ncuts, def->value)
                   == rt_count_le(var->cuts, (uint32_t)var->ncuts, def->value - 1))
                continue;          /* no rule cuts this input at the constant */
            for (int32_t day = def->value - 1; day <= def->value; day++) {
                int covered = 0;
                for (int e = 0; e < model->nexamples && !covered; e++)
                    covered = (model->examples[e].claim.present >> v & 1)
                              && model->examples[e].claim.values[v] == day;
                struct region_test test = { v, 0, day, day };
                struct region on = { 0, 1, &test }, narrow;
                struct rt_claim found, *claim = NULL;
                for (int k = 0; k < l->table->nregions && !claim; k++)
                    if (regions_intersect(&c->arena, model, &l->table->regions[k], &on, &narrow) == 0
                        && regions_feasible(model, &narrow, &found))
                        claim = &found;
                char date[11], what[512], title[256];
                rt_date_format(day, date);
                snprintf(what, sizeof what, "date constante %s : %s = %s, %s", def->name,
                         var->name, date, day < def->value ? "la veille" : "le jour même");
                snprintf(title, sizeof title, "%s : %s = %s", def->name, var->name, date);
                coverage_limit(l, covered, what, title, claim);
            }
        }
    }
}

int coverage_report(FILE *out, struct compilation *c, int verbose)
{
    const struct check_model *model = c->model;
    const struct rt_policy *policy = c->policy;
    struct region_table table;
    if (regions_build(&c->arena, model, c->diagram, &table) != 0)
        return -1;
    int *decided = calloc((size_t)model->nrules + 1, sizeof *decided);
    int *reached = calloc((size_t)table.nregions + 1, sizeof *reached);
    int *rule_of = calloc((size_t)model->nexamples + 1, sizeof *rule_of);
    if (!decided || !reached || !rule_of) {
        free(decided);
        free(reached);
        free(rule_of);
        return -1;
    }
    for (int i = 0; i < model->nexamples; i++) {
        struct rt_result result;
        rule_of[i] = rt_decide(policy, &model->examples[i].claim, &result) == RT_OK ? result.rule : -1;
        if (rule_of[i] >= 0)
            decided[rule_of[i]]++;
    }
    int nreached = 0, unexercised = 0;
    for (int k = 0; k < table.nregions; k++) {
        for (int i = 0; i < model->nexamples && !reached[k]; i++)
            reached[k] = coverage_reaches(policy, &table.regions[k], &model->examples[i].claim,
                                          rule_of[i]);
        nreached += reached[k];
    }
    for (int r = 0; r < model->nrules; r++)
        unexercised += decided[r] == 0;
    if (verbose) {
        int exercised = model->nrules - unexercised;
        fprintf(out, "couverture : %d %s sur %d %s par un exemple ; %d %s de la table sur %d "
                "%s\n", exercised, diag_plural(exercised, "règle", "règles"), model->nrules,
                diag_plural(exercised, "exercée", "exercées"), nreached,
                diag_plural(nreached, "région", "régions"), table.nregions,
                diag_plural(nreached, "atteinte", "atteintes"));
        fputs("règles (exemples qu'elle décide) :\n", out);
        for (int r = 0; r < model->nrules; r++)
            fprintf(out, "  %-40s %d\n", model->rules[r].name, decided[r]);
        if (nreached < table.nregions)
            fputs("régions qu'aucun exemple n'atteint, chacune avec un exemple à compléter :\n", out);
        for (int k = 0; k < table.nregions; k++) {
            if (reached[k])
                continue;
            fprintf(out, "  région %d (règle %s) : ", k + 1, model->rules[table.regions[k].rule].name);
            decision_table_region_words(out, policy->vars, &table.regions[k], c->diag.french);
            fputc('\n', out);
            coverage_example(out, c, k, &table.regions[k]);
        }
    }
    if (verbose) {
        /* Counted first, so that the line of figures comes before the list. */
        struct coverage_limits limits = { c, &table, rule_of, 0, 0, NULL };
        coverage_deadlines(&limits);
        coverage_dates(&limits);
        fprintf(out, "limites : %d %s (de chaque date limite, le dernier jour d'une réponse et "
                "le premier de l'autre ; de chaque date constante, la veille et le jour même), %d "
                "%s par un exemple\n", limits.count, diag_plural(limits.count, "cas", "cas"),
                limits.covered, diag_plural(limits.covered, "couvert", "couverts"));
        limits.count = limits.covered = 0;
        limits.out = out;
        coverage_deadlines(&limits);
        coverage_dates(&limits);
    }
    for (int r = 0; r < model->nrules; r++)
        if (!decided[r])
            fprintf(out, "règle %s (ligne %u) : aucun exemple ne l'exerce\n",
                    model->rules[r].name, model->rules[r].line);
    free(decided);
    free(reached);
    free(rule_of);
    return unexercised;
}
