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

/* An example ready to paste into the rule file: the region's claim and its whole outcome. */
static void coverage_example(FILE *out, struct compilation *c, int index,
                             const struct region *region)
{
    const struct rt_policy *policy = c->policy;
    struct rt_claim claim;
    struct rt_result result;
    if (regions_witness(c->model, region, 0, &claim) != 0
        || rt_decide(policy, &claim, &result) != RT_OK) {
        fputs("    (aucune demande complète à proposer)\n", out);
        return;
    }
    /* In the file's language, ready to paste. */
    enum keyword_language language = c->diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    fprintf(out, "    %s \"région %d : %s\"\n      %s ", keyword_in(language, "example"),
            index + 1, policy->rules[result.rule].name, keyword_in(language, "given"));
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
    for (int r = 0; r < model->nrules; r++)
        if (!decided[r])
            fprintf(out, "règle %s (ligne %u) : aucun exemple ne l'exerce\n",
                    model->rules[r].name, model->rules[r].line);
    free(decided);
    free(reached);
    free(rule_of);
    return unexercised;
}
