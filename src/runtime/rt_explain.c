/* src/runtime/rt_explain.c — why a rule applies to a claim or not, from the tables that
 * struct rt_explain describes. Allocates nothing, like the rest of the runtime.
 * Part of rulec; see README.md for the licence. */
#include "rt.h"

/* Whether a value lies in an 'in' test. */
static int rt_test_holds(const struct rt_policy *policy, const struct rt_test *test, int32_t value)
{
    uint8_t type = policy->vars[test->var].type;
    if (type == RT_TYPE_BOOL || type == RT_TYPE_ENUM)
        return value >= 0 && value < 64 && (test->members >> value & 1);
    for (uint32_t i = 0; i < test->count; i++) {
        const struct rt_range *range = &policy->explain->ranges[test->first + i];
        if (value >= range->low && value <= range->high)
            return 1;
    }
    return 0;
}

/* The truth of a test, with no recursion deeper than the tests' own nesting, which the
 * compiler bounds (PARSE_MAX_NESTING). */
enum rt_truth rt_test_truth(const struct rt_policy *policy, const struct rt_claim *claim,
                            uint32_t index)
{
    const struct rt_explain *explain = policy->explain;
    if (index >= explain->ntests)
        return RT_UNKNOWN;
    const struct rt_test *test = &explain->tests[index];
    switch (test->kind) {
    case RT_TEST_TRUE:
        return RT_TRUE;
    case RT_TEST_IN: {
        int32_t value;
        int missing;
        if (test->var >= policy->nvars || rt_var_value(policy, claim, test->var, &value, &missing))
            return RT_UNKNOWN;
        return rt_test_holds(policy, test, value) ? RT_TRUE : RT_FALSE;
    }
    case RT_TEST_NOT: {
        enum rt_truth truth = rt_test_truth(policy, claim, test->first);
        return truth == RT_UNKNOWN ? RT_UNKNOWN : truth == RT_TRUE ? RT_FALSE : RT_TRUE;
    }
    default: {
        /* and: false if any operand is, else unknown if any is; or: the dual. */
        enum rt_truth decisive = test->kind == RT_TEST_AND ? RT_FALSE : RT_TRUE;
        enum rt_truth result = decisive == RT_FALSE ? RT_TRUE : RT_FALSE;
        for (uint32_t i = 0; i < test->count; i++) {
            enum rt_truth truth = rt_test_truth(policy, claim, test->first + i);
            if (truth == decisive)
                return decisive;
            if (truth == RT_UNKNOWN)
                result = RT_UNKNOWN;
        }
        return result;
    }
    }
}

/* Down through 'and's to the first operand whose truth is wanted. */
static uint32_t rt_culprit(const struct rt_policy *policy, const struct rt_claim *claim,
                           uint32_t index, enum rt_truth wanted)
{
    const struct rt_test *tests = policy->explain->tests;
    while (tests[index].kind == RT_TEST_AND) {
        uint32_t next = index;
        for (uint32_t i = 0; i < tests[index].count; i++)
            if (rt_test_truth(policy, claim, tests[index].first + i) == wanted) {
                next = tests[index].first + i;
                break;
            }
        if (next == index)
            break;
        index = next;
    }
    return index;
}

enum rt_truth rt_rule_applies(const struct rt_policy *policy, const struct rt_claim *claim,
                              uint32_t rule, uint32_t *culprit, uint32_t *failed)
{
    uint32_t root = policy->explain->rules[rule].condition;
    const struct rt_test *test = &policy->explain->tests[root];
    *culprit = root;
    *failed = 0;
    if (test->kind != RT_TEST_AND) {
        enum rt_truth truth = rt_test_truth(policy, claim, root);
        *failed = truth == RT_FALSE;
        if (truth != RT_TRUE)
            *culprit = rt_culprit(policy, claim, root, truth);
        return truth;
    }
    /* The root's operands once each: how many fail, and the first false or unknown one. */
    uint32_t first_false = UINT32_MAX, first_unknown = UINT32_MAX;
    for (uint32_t i = 0; i < test->count; i++) {
        enum rt_truth truth = rt_test_truth(policy, claim, test->first + i);
        if (truth == RT_FALSE && (*failed)++ == 0)
            first_false = test->first + i;
        if (truth == RT_UNKNOWN && first_unknown == UINT32_MAX)
            first_unknown = test->first + i;
    }
    if (*failed) {
        *culprit = rt_culprit(policy, claim, first_false, RT_FALSE);
        return RT_FALSE;
    }
    if (first_unknown != UINT32_MAX) {
        *culprit = rt_culprit(policy, claim, first_unknown, RT_UNKNOWN);
        return RT_UNKNOWN;
    }
    return RT_TRUE;
}
