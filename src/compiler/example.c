/* src/compiler/example.c — runs a rule file's examples on its tables and reports, at each
 * example, what it expected and what the tables gave.
 * Part of rulec; see README.md for the licence. */
#include "example.h"

#include "keywords.h"

/* An output's value as the rule file writes it, a boolean in the file's keywords. */
static const char *example_value_in(struct arena *arena, const struct diag *diag,
                                    const struct rulec_output *output, int32_t value)
{
    if (output->type == RULEC_TYPE_BOOL)
        return keyword(diag, value ? "true" : "false");
    struct rulec_domain domain = rulec_output_domain(output);
    size_t length = rulec_format_value(NULL, 0, &domain, value, RULEC_NOTATION_RULES);
    char *text = arena_alloc(arena, length + 1);
    rulec_format_value(text, length + 1, &domain, value, RULEC_NOTATION_RULES);
    return text;
}

/* What the tables gave, for messages. */
static const char *example_got(struct arena *arena, const struct rulec_policy *policy,
                               enum rulec_status status, const struct rulec_result *result)
{
    if (status == RULEC_MISSING)
        return arena_printf(arena, "entrée manquante '%s'", policy->vars[result->input].name);
    if (status == RULEC_OUT_OF_RANGE)
        return arena_printf(arena, "une date de la décision hors des années 1000 à 9999 (à "
                            "partir de '%s')", policy->vars[result->input].name);
    if (status == RULEC_UNDECIDED)
        return arena_printf(arena, "aucune règle ne décide (%s)",
                            policy->undecided[result->region]);
    if (status != RULEC_OK)
        return "tables malformées";
    return arena_printf(arena, "%s de la règle '%s'",
                        result->outcome == RULEC_OUTCOME_DECIDED ? "décision"
                        : result->outcome == RULEC_OUTCOME_UNSPECIFIED ? "issue non précisée"
                                                                    : "issue invalide",
                        policy->rules[result->rule].name);
}

/* An expected output against the answer: 1 when they differ (reported), else 0. */
static int example_output(struct arena *arena, struct diag *diag, const struct rulec_policy *policy,
                          const struct check_example *example, const struct check_expect *expect,
                          const struct rulec_result *result, const char *got)
{
    const struct rulec_output *output = &policy->outputs[expect->index];
    int set = (int)(result->set >> expect->index & 1);
    if (!expect->has_value && set) {
        diag_error(diag, expect->span, "exemple « %s » : attendu : %s = %s ; "
                   "obtenu : %s = %s (%s)", example->title, output->name,
                   keyword(diag, "unset"), output->name,
                   example_value_in(arena, diag, output, result->values[expect->index]), got);
        return 1;
    }
    if (expect->has_value && !set) {
        diag_error(diag, expect->span, "exemple « %s » : attendu : %s = %s ; "
                   "obtenu : %s = %s (%s)", example->title, output->name,
                   example_value_in(arena, diag, output, expect->value), output->name,
                   keyword(diag, "unset"), got);
        return 1;
    }
    if (expect->has_value && result->values[expect->index] != expect->value) {
        diag_error(diag, expect->span, "exemple « %s » : attendu : %s = %s ; "
                   "obtenu : %s = %s (%s)", example->title, output->name,
                   example_value_in(arena, diag, output, expect->value), output->name,
                   example_value_in(arena, diag, output, result->values[expect->index]), got);
        return 1;
    }
    return 0;
}

static int example_check(struct arena *arena, struct diag *diag, const struct rulec_policy *policy,
                         const struct check_example *example);

int example_run(struct arena *arena, struct diag *diag, const struct rulec_policy *policy,
                const struct check_example *example)
{
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        diag_error(diag, example->span, "exemple « %s » : mémoire épuisée", example->title);
        return 1;
    }
    int failures = example_check(arena, diag, policy, example);
    arena_guard(saved);
    return failures;
}

/* example_run's work, under its guard. */
static int example_check(struct arena *arena, struct diag *diag, const struct rulec_policy *policy,
                         const struct check_example *example)
{
    struct rulec_result result;
    enum rulec_status status = rulec_decide(policy, &example->claim, &result);
    int failures = 0;
    const char *got = example_got(arena, policy, status, &result);
    int wants_missing = 0, wants_outcome = RULEC_OUTCOME_DECIDED;
    uint32_t mentioned = 0;
    for (int i = 0; i < example->nexpects; i++) {
        const struct check_expect *expect = &example->expects[i];
        switch (expect->kind) {
        case AST_EXPECT_MISSING:
            wants_missing = 1;
            if (status != RULEC_MISSING || result.input != expect->index) {
                diag_error(diag, expect->span, "exemple « %s » : attendu : entrée manquante "
                           "'%s' ; obtenu : %s", example->title,
                           policy->vars[expect->index].name, got);
                failures++;
            }
            break;
        case AST_EXPECT_UNSPECIFIED:
            wants_outcome = RULEC_OUTCOME_UNSPECIFIED;
            break;
        case AST_EXPECT_INVALID:
            wants_outcome = RULEC_OUTCOME_INVALID;
            break;
        case AST_EXPECT_RULE:
            if (status != RULEC_OK || result.rule != expect->index) {
                diag_error(diag, expect->span, "exemple « %s » : attendu : la règle '%s' ; "
                           "obtenu : %s", example->title, policy->rules[expect->index].name, got);
                failures++;
            }
            break;
        case AST_EXPECT_OUTPUT:
            mentioned |= (uint32_t)1 << expect->index;
            if (status == RULEC_OK)
                failures += example_output(arena, diag, policy, example, expect, &result, got);
            break;
        }
    }
    if (wants_missing)
        return failures;
    if (status != RULEC_OK) {
        diag_error(diag, example->span, "exemple « %s » : obtenu : %s", example->title, got);
        return failures + 1;
    }
    if (result.outcome != wants_outcome) {
        static const char *const words[] = { "une décision", "issue non précisée (%s)",
                                             "issue invalide (%s)" };
        static const char *const keywords[] = { "", "unspecified", "invalid" };
        char wanted[64];
        snprintf(wanted, sizeof wanted, words[wants_outcome], keyword(diag, keywords[wants_outcome]));
        diag_error(diag, example->span, "exemple « %s » : attendu : %s ; obtenu : %s",
                   example->title, wanted, got);
        failures++;
    }
    /* An example states the whole outcome: every output set must be expected. */
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if ((result.set >> o & 1) && !(mentioned >> o & 1)) {
            diag_error(diag, example->span, "exemple « %s » : %s = %s est fixée sans être "
                       "attendue (%s) ; un exemple énonce toute l'issue", example->title,
                       policy->outputs[o].name,
                       example_value_in(arena, diag, &policy->outputs[o], result.values[o]), got);
            failures++;
        }
    }
    return failures;
}

