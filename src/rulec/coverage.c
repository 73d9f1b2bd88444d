/* src/rulec/coverage.c — rulec test --coverage (coverage.h).
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
static int coverage_reaches(const struct rulec_policy *policy, const struct region *region,
                            const struct rulec_claim *claim, int decided_by)
{
    if (decided_by != region->rule)
        return 0;
    for (int i = 0; i < region->ntests; i++) {
        const struct region_test *test = &region->tests[i];
        const struct rulec_var *var = &policy->vars[test->var];
        int32_t value;
        int missing;
        if (rulec_var_value(policy, claim, test->var, &value, &missing) != 0)
            continue;
        if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM
                ? !(test->members >> value & 1) : value < test->low || value > test->high)
            return 0;
    }
    return 1;
}

/* An example ready to paste into the rule file: the claim and its whole outcome, in the
 * file's language. */
static void coverage_write_example(FILE *out, struct compilation *c, const char *title,
                                   const struct rulec_claim *given)
{
    const struct rulec_policy *policy = c->policy;
    struct rulec_claim claim = *given;
    struct rulec_result result;
    if (rulec_decide(policy, &claim, &result) != RULEC_OK) {
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
        struct rulec_domain domain = rulec_var_domain(&policy->vars[v]);
        char value[64];
        decision_table_rules_value(value, sizeof value, &domain, claim.values[v], language);
        fprintf(out, "%s%s = %s", shown++ ? ", " : "", policy->vars[v].name, value);
    }
    if (!shown)
        fputs("(aucune donnée)", out);
    fprintf(out, "\n      %s ", keyword_in(language, "expect"));
    if (result.outcome != RULEC_OUTCOME_DECIDED)
        fprintf(out, "%s, ", keyword_in(language, result.outcome == RULEC_OUTCOME_UNSPECIFIED
                                                      ? "unspecified" : "invalid"));
    decision_table_outputs_rules(out, policy, &result, c->diag.french);
    fprintf(out, "%s %s\n", keyword_in(language, "rule"), policy->rules[result.rule].name);
}

/* An example for a region none reaches: the inputs the region involves. */
static void coverage_example(FILE *out, struct compilation *c, int index,
                             const struct region *region)
{
    struct rulec_claim claim;
    struct rulec_result result;
    if (regions_witness(c->model, region, 0, &claim) != 0
        || rulec_decide(c->policy, &claim, &result) != RULEC_OK) {
        fputs("    (aucune demande complète à proposer)\n", out);
        return;
    }
    char title[160];
    snprintf(title, sizeof title, "région %d : %s", index + 1, c->policy->rules[result.rule].name);
    coverage_write_example(out, c, title, &claim);
}

/* --- the limits ---------------------------------------------------------------------------
 * Where an answer turns on one value, an example on each side of it: for each rule's deadline,
 * the last day a computed output that compares a date with it keeps one value and the first
 * it takes the other (the last day on time, the first late); for each value where a condition
 * changes (a constant date, a count of 3, a delay of 0 days), the value before and the value
 * itself. Each is covered by an example that lies there (decided by that rule, for a
 * deadline), or proposed, ready to paste. Found first, then written. */

/* One limit found: covered by an example, or proposed with a claim (with_claim 0: none). */
struct coverage_limit {
    const char *what, *title;
    int covered, with_claim;
    struct rulec_claim claim;
};

struct coverage_limits {
    struct compilation *c;
    const struct region_table *table;
    const int *rule_of;            /* each example's deciding rule, -1 none */
    struct coverage_limit *items;
    int count, capacity, covered;
};

/* One limit: covered, or to propose with the claim (keeping the inputs of keep: those the
 * limit is about; the others only where the answer needs them). */
static void coverage_limit(struct coverage_limits *l, int covered, const char *what,
                           const char *title, const struct rulec_claim *claim, uint64_t keep)
{
    struct compilation *c = l->c;
    l->items = arena_grow(&c->arena, l->items, l->count, &l->capacity, sizeof *l->items);
    struct coverage_limit *item = &l->items[l->count++];
    item->what = arena_strdup(&c->arena, what);
    item->title = arena_strdup(&c->arena, title);
    item->covered = covered;
    item->with_claim = claim != NULL;
    l->covered += covered;
    if (claim) {
        item->claim = *claim;
        analyse_claim_needed(c->policy, &item->claim, keep);
    }
}

/* The count, then each limit no example covers with its example. */
static void coverage_limits_write(FILE *out, const struct coverage_limits *l)
{
    fprintf(out, "limites : %d %s (de chaque date limite, le dernier jour dans le délai et le "
            "premier hors délai ; de chaque valeur où une condition change, la valeur "
            "d'avant et elle-même), %d %s par un exemple\n", l->count,
            diag_plural(l->count, "cas", "cas"), l->covered,
            diag_plural(l->covered, "couvert", "couverts"));
    if (l->covered < l->count)
        fputs("limites qu'aucun exemple ne couvre, chacune avec un exemple à compléter :\n", out);
    for (int i = 0; i < l->count; i++) {
        const struct coverage_limit *item = &l->items[i];
        if (item->covered)
            continue;
        fprintf(out, "  %s\n", item->what);
        if (item->with_claim)
            coverage_write_example(out, l->c, item->title, &item->claim);
        else
            fputs("    (aucune demande à proposer)\n", out);
    }
}

/* A claim of one of rule r's regions, with the key's member among keys (all when none),
 * sent delta days after the deadline date (computed from input base): NULL when none. */
static struct rulec_claim *coverage_on_day(struct coverage_limits *l, int r, int x, unsigned date,
                                           int base, int key, uint64_t keys, int delta,
                                           struct rulec_claim *found)
{
    struct compilation *c = l->c;
    const struct rulec_policy *policy = c->policy;
    for (int k = 0; k < l->table->nregions; k++) {
        const struct region *region = &l->table->regions[k];
        struct region_test test = { key, keys, 0, 0 };
        struct region one = { r, key >= 0, &test }, keyed;
        struct rulec_claim witness;
        struct rulec_result result;
        if (region->rule != r || regions_intersect(&c->arena, c->model, region, &one, &keyed) != 0
            || !regions_feasible(c->model, &keyed, &witness)
            || rulec_decide(policy, &witness, &result) != RULEC_OK || !(result.set >> date & 1))
            continue;
        /* The members as the witness has them (a lookup's days depend on them). */
        struct region_test tests[RULEC_MAX_VARS];
        int ntests = 0;
        for (int v = 0; v < c->model->ninputs; v++)
            if (c->model->vars[v].type == RULEC_TYPE_ENUM || c->model->vars[v].type == RULEC_TYPE_BOOL)
                tests[ntests++] = (struct region_test){ v, (uint64_t)1 << witness.values[v], 0, 0 };
        struct region members = { r, ntests, tests }, narrow;
        int64_t days = (int64_t)result.values[date] - witness.values[base] + delta;
        if (regions_intersect(&c->arena, c->model, &keyed, &members, &narrow) == 0
            && regions_feasible_difference(c->model, &narrow, x, base, days, days, found)
            && rulec_decide(policy, found, &result) == RULEC_OK && result.rule == r
            && (result.set >> date & 1) && (int64_t)found->values[x] - result.values[date] == delta)
            return found;
    }
    return NULL;
}

/* The deadline output date that rule r sets from input base (assign), read by computed output
 * o against date input x: the last day of one value of o and the first of the other, for each
 * number of days the deadline may be (one per value of a lookup's table). */
static void coverage_deadline(struct coverage_limits *l, unsigned o, int x, int left, int r,
                              const struct rulec_assign *assign)
{
    struct compilation *c = l->c;
    const struct rulec_policy *policy = c->policy;
    const struct rulec_output *output = &policy->outputs[o];
    unsigned date = assign->output;
    enum keyword_language language = c->diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    /* The days the deadline may be: the members of the key that give each. */
    int key = assign->key;
    unsigned nmembers = key >= 0 ? policy->vars[key].nmembers : 1;
    uint64_t done = 0;
    for (unsigned m = 0; m < nmembers && m < 64; m++) {
        if (done >> m & 1)
            continue;
        uint64_t keys = 0;
        for (unsigned n = m; n < nmembers && n < 64; n++)
            if (key < 0 || policy->lookup_values[assign->value + n] == policy->lookup_values[assign->value + m])
                keys |= (uint64_t)1 << n;
        done |= keys;
        char which[256] = "";
        if (key >= 0) {
            size_t used = (size_t)snprintf(which, sizeof which, ", %s", policy->vars[key].name);
            for (unsigned n = 0, shown = 0; n < nmembers && used < sizeof which; n++)
                if (keys >> n & 1)
                    used += (size_t)snprintf(which + used, sizeof which - used, "%s%s",
                                             shown++ ? " ou " : " ", policy->vars[key].members[n]);
        }
        /* Each day where o turns: the last of one value (delta) and the first of the other
         * (delta + 1), once each. */
        uint8_t said = 0;
        for (int delta = -1; delta <= 0; delta++) {
            int now = left ? rulec_compare(delta, output->op, 0) : rulec_compare(0, output->op, delta);
            int next = left ? rulec_compare(delta + 1, output->op, 0) : rulec_compare(0, output->op, delta + 1);
            if (now == next)
                continue;
            for (int side = 0; side < 2; side++) {
                int day = delta + side;
                if (said >> (day + 1) & 1)
                    continue;
                said |= (uint8_t)(1 << (day + 1));
                int covered = 0;
                for (int i = 0; i < c->model->nexamples && !covered; i++) {
                    const struct rulec_claim *claim = &c->model->examples[i].claim;
                    struct rulec_result result;
                    covered = l->rule_of[i] == r && (claim->present >> x & 1)
                              && (key < 0 || ((claim->present >> key & 1)
                                              && (keys >> claim->values[key] & 1)))
                              && rulec_decide(policy, claim, &result) == RULEC_OK
                              && (result.set >> date & 1)
                              && (int64_t)claim->values[x] - result.values[date] == day;
                }
                struct rulec_claim found;
                struct rulec_claim *claim = coverage_on_day(l, r, x, date, assign->var, key, keys,
                                                            day, &found);
                char value[16], what[768], title[512], offset[32] = "";
                struct rulec_domain domain = rulec_output_domain(output);
                decision_table_rules_value(value, sizeof value, &domain, side ? next : now, language);
                if (day)
                    snprintf(offset, sizeof offset, " %c 1 jour", day < 0 ? '-' : '+');
                snprintf(title, sizeof title, "%s%s : %s jour où %s = %s", policy->rules[r].name,
                         which, side ? "premier" : "dernier", output->name, value);
                snprintf(what, sizeof what, "date limite de la règle %s%s : %s jour où %s = %s "
                         "(%s = %s%s)", policy->rules[r].name, which, side ? "premier" : "dernier",
                         output->name, value, policy->vars[x].name, policy->outputs[date].name,
                         offset);
                coverage_limit(l, covered, what, title, claim,
                               (uint64_t)1 << x | (uint64_t)1 << assign->var);
            }
        }
    }
}

static void coverage_deadlines(struct coverage_limits *l)
{
    const struct rulec_policy *policy = l->c->policy;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (!output->computed)
            continue;
        int left = output->left.kind == RULEC_OPERAND_VAR;
        const struct rulec_operand *input = left ? &output->left : &output->right;
        const struct rulec_operand *date = left ? &output->right : &output->left;
        if (input->kind != RULEC_OPERAND_VAR || date->kind != RULEC_OPERAND_OUTPUT
            || !policy->vars[input->value].is_input || policy->vars[input->value].type != RULEC_TYPE_DATE)
            continue;
        for (uint32_t r = 0; r < policy->nrules; r++) {
            const struct rulec_rule *rule = &policy->rules[r];
            for (unsigned i = 0; i < rule->nassigns; i++) {
                const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
                if ((int)assign->output == date->value && assign->kind == RULEC_ASSIGN_SHIFT)
                    coverage_deadline(l, o, input->value, left, (int)r, assign);
            }
        }
    }
}

/* Each value where a rule's condition turns, on an input or a derived value (its cut points:
 * a constant date, a count of 3, a delay of 0 days): the value before, and the value itself.
 * A date is named by the constant the file gives it, when one does. */
static void coverage_cuts(struct coverage_limits *l)
{
    struct compilation *c = l->c;
    const struct check_model *model = c->model;
    enum keyword_language language = c->diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    for (int v = 0; v < model->nvars; v++) {
        const struct check_var *var = &model->vars[v];
        for (int k = 0; k < var->ncuts; k++) {
            int32_t cut = var->cuts[k];
            const char *constant = NULL;
            for (int i = 0; i < model->ndefinitions && var->type == RULEC_TYPE_DATE; i++)
                if (model->definitions[i].kind == CHECK_DEFINE_CONST
                    && model->definitions[i].type == RULEC_TYPE_DATE && model->definitions[i].value == cut)
                    constant = model->definitions[i].name;
            for (int side = 0; side < 2; side++) {
                if (cut == INT32_MIN && side == 0)
                    continue;      /* no value before the lowest */
                int32_t value = side ? cut : cut - 1;
                if (value < var->low || value > var->high)
                    continue;      /* a bounded integer's impossible value */
                int covered = 0;
                for (int e = 0; e < model->nexamples && !covered; e++) {
                    int32_t got;
                    int missing;
                    covered = rulec_var_value(c->policy, &model->examples[e].claim, v, &got, &missing) == 0
                              && got == value;
                }
                /* A claim of a region that tests the variable, where its value decides, or
                 * else of any region. */
                struct region_test test = { v, 0, value, value };
                struct region on = { 0, 1, &test }, narrow;
                struct rulec_claim found, *claim = NULL;
                for (int pass = 0; pass < 2 && !claim; pass++)
                    for (int r = 0; r < l->table->nregions && !claim; r++) {
                        const struct region *region = &l->table->regions[r];
                        int tests = 0;
                        for (int t = 0; t < region->ntests; t++)
                            tests |= region->tests[t].var == v;
                        if (tests != !pass)
                            continue;
                        if (regions_intersect(&c->arena, model, region, &on, &narrow) == 0
                            && regions_feasible(model, &narrow, &found))
                            claim = &found;
                    }
                uint64_t keep = var->is_input ? (uint64_t)1 << v
                                : (var->plus >= 0 ? (uint64_t)1 << var->plus : 0)
                                  | (var->minus >= 0 ? (uint64_t)1 << var->minus : 0);
                struct rulec_domain domain = rulec_var_domain(&c->policy->vars[v]);
                char shown[64], limit[64], what[512], title[256];
                decision_table_rules_value(shown, sizeof shown, &domain, value, language);
                decision_table_rules_value(limit, sizeof limit, &domain, cut, language);
                const char *where = var->type == RULEC_TYPE_DATE
                                   ? (value < cut ? "la veille" : "le jour même")
                                   : (value < cut ? "juste avant la limite" : "la limite même");
                if (constant)
                    snprintf(what, sizeof what, "limite %s (%s) : %s = %s, %s", constant, limit,
                             var->name, shown, where);
                else
                    snprintf(what, sizeof what, "limite %s %s : %s = %s, %s", var->name, limit,
                             var->name, shown, where);
                snprintf(title, sizeof title, "%s = %s, %s%s%s", var->name, shown, where,
                         constant ? " : " : "", constant ? constant : "");
                coverage_limit(l, covered, what, title, claim, keep);
            }
        }
    }
}

int coverage_report(FILE *out, struct compilation *c, int verbose)
{
    const struct check_model *model = c->model;
    const struct rulec_policy *policy = c->policy;
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
        struct rulec_result result;
        rule_of[i] = rulec_decide(policy, &model->examples[i].claim, &result) == RULEC_OK ? result.rule : -1;
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
        struct coverage_limits limits = { c, &table, rule_of, NULL, 0, 0, 0 };
        coverage_deadlines(&limits);
        coverage_cuts(&limits);
        coverage_limits_write(out, &limits);
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
