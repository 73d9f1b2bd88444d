/* src/runtime/why.c — why a rule applies to a claim or not, from the tables that
 * struct rulec_explain describes. Allocates nothing, like the rest of the runtime.
 * Part of rulec; see README.md for the licence. */
#include <rulec/rulec.h>

/* Whether a value lies in an 'in' test. */
static int rulec_test_holds(const struct rulec_policy *policy, const struct rulec_test *test, int32_t value)
{
    uint8_t type = policy->vars[test->var].type;
    if (type == RULEC_TYPE_BOOL || type == RULEC_TYPE_ENUM)
        return value >= 0 && value < 64 && (test->members >> value & 1);
    for (uint32_t i = 0; i < test->count; i++) {
        const struct rulec_range *range = &policy->explain->ranges[test->first + i];
        if (value >= range->low && value <= range->high)
            return 1;
    }
    return 0;
}

/* The truth of a test, with no recursion deeper than the tests' own nesting, which the
 * compiler bounds (PARSE_MAX_NESTING). */
enum rulec_truth rulec_test_truth(const struct rulec_policy *policy, const struct rulec_claim *claim,
                                  uint32_t index)
{
    const struct rulec_explain *explain = policy->explain;
    if (index >= explain->ntests)
        return RULEC_UNKNOWN;
    const struct rulec_test *test = &explain->tests[index];
    switch (test->kind) {
    case RULEC_TEST_TRUE:
        return RULEC_TRUE;
    case RULEC_TEST_IN: {
        int32_t value;
        int missing;
        if (test->var >= policy->nvars || rulec_var_value(policy, claim, test->var, &value, &missing))
            return RULEC_UNKNOWN;
        return rulec_test_holds(policy, test, value) ? RULEC_TRUE : RULEC_FALSE;
    }
    case RULEC_TEST_NOT: {
        enum rulec_truth truth = rulec_test_truth(policy, claim, test->first);
        return truth == RULEC_UNKNOWN ? RULEC_UNKNOWN : truth == RULEC_TRUE ? RULEC_FALSE : RULEC_TRUE;
    }
    default: {
        /* and: false if any operand is, else unknown if any is; or: the dual. */
        enum rulec_truth decisive = test->kind == RULEC_TEST_AND ? RULEC_FALSE : RULEC_TRUE;
        enum rulec_truth result = decisive == RULEC_FALSE ? RULEC_TRUE : RULEC_FALSE;
        for (uint32_t i = 0; i < test->count; i++) {
            enum rulec_truth truth = rulec_test_truth(policy, claim, test->first + i);
            if (truth == decisive)
                return decisive;
            if (truth == RULEC_UNKNOWN)
                result = RULEC_UNKNOWN;
        }
        return result;
    }
    }
}

/* Down through 'and's to the first operand whose truth is wanted. */
static uint32_t rulec_culprit(const struct rulec_policy *policy, const struct rulec_claim *claim,
                              uint32_t index, enum rulec_truth wanted)
{
    const struct rulec_test *tests = policy->explain->tests;
    while (tests[index].kind == RULEC_TEST_AND) {
        uint32_t next = index;
        for (uint32_t i = 0; i < tests[index].count; i++)
            if (rulec_test_truth(policy, claim, tests[index].first + i) == wanted) {
                next = tests[index].first + i;
                break;
            }
        if (next == index)
            break;
        index = next;
    }
    return index;
}

enum rulec_truth rulec_rule_applies(const struct rulec_policy *policy, const struct rulec_claim *claim,
                                    uint32_t rule, uint32_t *culprit, uint32_t *failed)
{
    uint32_t root = policy->explain->rules[rule].condition;
    const struct rulec_test *test = &policy->explain->tests[root];
    *culprit = root;
    *failed = 0;
    if (test->kind != RULEC_TEST_AND) {
        enum rulec_truth truth = rulec_test_truth(policy, claim, root);
        *failed = truth == RULEC_FALSE;
        if (truth != RULEC_TRUE)
            *culprit = rulec_culprit(policy, claim, root, truth);
        return truth;
    }
    /* The root's operands once each: how many fail, and the first false or unknown one. */
    uint32_t first_false = UINT32_MAX, first_unknown = UINT32_MAX;
    for (uint32_t i = 0; i < test->count; i++) {
        enum rulec_truth truth = rulec_test_truth(policy, claim, test->first + i);
        if (truth == RULEC_FALSE && (*failed)++ == 0)
            first_false = test->first + i;
        if (truth == RULEC_UNKNOWN && first_unknown == UINT32_MAX)
            first_unknown = test->first + i;
    }
    if (*failed) {
        *culprit = rulec_culprit(policy, claim, first_false, RULEC_FALSE);
        return RULEC_FALSE;
    }
    if (first_unknown != UINT32_MAX) {
        *culprit = rulec_culprit(policy, claim, first_unknown, RULEC_UNKNOWN);
        return RULEC_UNKNOWN;
    }
    return RULEC_TRUE;
}
