/* src/runtime/rt.c — evaluates a claim against decision tables; dates; claim text.
 * Part of rulec; see README.md for the licence.
 * Includes no compiler header: generated programs link this file alone. */
#include "rt.h"

#include <string.h>

unsigned rt_count_le(const int32_t *sorted, uint32_t count, int32_t value)
{
    uint32_t low = 0, high = count;
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        if (sorted[middle] <= value)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

unsigned rt_cell(const struct rt_var *var, int32_t value)
{
    if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM)
        return (unsigned)value;
    return rt_count_le(var->cuts, var->ncuts, value);
}

/* The value of variable index for the claim; on absence, *missing is the absent input.
 * rt_var_value (rt.h) for others; inline here for the walks. */
static inline int rt_value(const struct rt_policy *policy, const struct rt_claim *claim, int index,
                           int32_t *value, int *missing)
{
    const struct rt_var *var = &policy->vars[index];
    if (var->is_input) {
        if (!(claim->present >> index & 1)) {
            *missing = index;
            return -1;
        }
        *value = claim->values[index];
        return 0;
    }
    int32_t plus = 0, minus = 0;
    if (var->plus >= 0) {
        if (!(claim->present >> var->plus & 1)) {
            *missing = var->plus;
            return -1;
        }
        plus = claim->values[var->plus];
    }
    if (var->minus >= 0) {
        if (!(claim->present >> var->minus & 1)) {
            *missing = var->minus;
            return -1;
        }
        minus = claim->values[var->minus];
    }
    *value = rt_derive(var->offset, plus, minus);
    return 0;
}

int rt_var_value(const struct rt_policy *policy, const struct rt_claim *claim, int index,
                 int32_t *value, int *missing)
{
    return rt_value(policy, claim, index, value, missing);
}

/* An operand of a computed output. Returns 1 when known, 0 when it reads an unset output,
 * -1 when it reads an absent input. */
static int rt_operand_value(const struct rt_policy *policy, const struct rt_claim *claim,
                            const struct rt_result *result, const struct rt_operand *operand,
                            int32_t *value, int *missing)
{
    switch (operand->kind) {
    case RT_OPERAND_VAR:
        return rt_value(policy, claim, operand->value, value, missing) == 0 ? 1 : -1;
    case RT_OPERAND_OUTPUT:
        if (!(result->set >> operand->value & 1))
            return 0;
        *value = result->values[operand->value];
        return 1;
    default:
        *value = operand->value;
        return 1;
    }
}

uint32_t rt_outputs_set(const struct rt_policy *policy, uint32_t assigned)
{
    uint32_t set = assigned;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rt_output *output = &policy->outputs[o];
        if (!output->computed)
            continue;
        if ((output->left.kind != RT_OPERAND_OUTPUT || (set >> output->left.value & 1))
            && (output->right.kind != RT_OPERAND_OUTPUT || (set >> output->right.value & 1)))
            set |= (uint32_t)1 << o;
    }
    return set;
}

uint32_t rt_rule_outputs(const struct rt_policy *policy, const struct rt_rule *rule)
{
    uint32_t assigned = 0;
    for (unsigned i = 0; i < rule->nassigns; i++)
        assigned |= (uint32_t)1 << policy->assigns[rule->first_assign + i].output;
    return rt_outputs_set(policy, assigned);
}

/* What a walk returns for a claim whose input var holds no value of its type: above every
 * node's index, below INT32_MAX. */
#define RT_WALK_BAD_INPUT(var) (INT32_MAX - 1 - (int32_t)(var))
#define RT_WALK_IS_BAD_INPUT(ref) ((ref) < INT32_MAX && (ref) >= INT32_MAX - 1 - RT_MAX_VARS)

/* One walk from the root, for tables of children of type CHILD and bounds of type BOUND:
 * the leaf reached (a negative child), RT_WALK_BAD_INPUT(var) for a boolean or an
 * enumeration out of its type (its last child is "absent": an index one past the members
 * must not read as absent), or INT32_MAX for malformed tables. The width is
 * dispatched once per decision, not read at every node. */
#define RT_WALK(NAME, CHILD, BOUND)                                                         \
    static int32_t NAME(const struct rt_policy *policy, const struct rt_claim *claim)        \
    {                                                                                       \
        const CHILD *children = policy->children;                                           \
        const BOUND *bounds = policy->bounds;                                               \
        int32_t ref = policy->root;                                                         \
        uint32_t steps = 0;                                                                 \
        while (ref >= 0) {                                                                  \
            if ((uint32_t)ref >= policy->nnodes || ++steps > policy->nvars)                 \
                return INT32_MAX;                                                           \
            const struct rt_node *node = &policy->nodes[ref];                               \
            if (node->var >= policy->nvars || node->var >= RT_MAX_VARS)                     \
                return INT32_MAX;                                                           \
            int32_t value;                                                                  \
            int absent_input;                                                               \
            uint32_t cell;                                                                  \
            uint8_t type = policy->vars[node->var].type;                                    \
            if (rt_value(policy, claim, node->var, &value, &absent_input) != 0) {           \
                cell = node->nchildren - 1;                                                 \
            } else if (type == RT_TYPE_BOOL || type == RT_TYPE_ENUM) {                      \
                cell = (uint32_t)value;                                                     \
                if (cell >= node->nchildren - 1u)                                           \
                    return node->nchildren ? RT_WALK_BAD_INPUT(node->var) : INT32_MAX;      \
            } else if (node->nchildren < 2) {                                               \
                cell = 0;                                                                   \
            } else {                                                                        \
                /* The intervals after the first that start at or before value (the first   \
                 * starts at the lowest value; the last child is "absent"). */              \
                const BOUND *start = bounds + node->first_child + 1;                        \
                uint32_t low = 0, high = node->nchildren - 2;                               \
                while (low < high) {                                                        \
                    uint32_t middle = low + (high - low) / 2;                               \
                    if (start[middle] <= value)                                             \
                        low = middle + 1;                                                   \
                    else                                                                    \
                        high = middle;                                                      \
                }                                                                           \
                cell = low;                                                                 \
            }                                                                               \
            if (cell >= node->nchildren)                                                    \
                return INT32_MAX;                                                           \
            ref = children[node->first_child + cell];                                       \
        }                                                                                   \
        return ref;                                                                         \
    }

RT_WALK(rt_walk_8_8, int8_t, int8_t)
RT_WALK(rt_walk_8_16, int8_t, int16_t)
RT_WALK(rt_walk_8_32, int8_t, int32_t)
RT_WALK(rt_walk_16_8, int16_t, int8_t)
RT_WALK(rt_walk_16_16, int16_t, int16_t)
RT_WALK(rt_walk_16_32, int16_t, int32_t)
RT_WALK(rt_walk_32_8, int32_t, int8_t)
RT_WALK(rt_walk_32_16, int32_t, int16_t)
RT_WALK(rt_walk_32_32, int32_t, int32_t)

enum rt_status rt_decide(const struct rt_policy *policy, const struct rt_claim *claim,
                         struct rt_result *result)
{
    static int32_t (*const walks[3][3])(const struct rt_policy *, const struct rt_claim *) = {
        { rt_walk_8_8, rt_walk_8_16, rt_walk_8_32 },
        { rt_walk_16_8, rt_walk_16_16, rt_walk_16_32 },
        { rt_walk_32_8, rt_walk_32_16, rt_walk_32_32 },
    };
    if (!policy || !claim || !result) {
        if (result) {
            memset(result, 0, sizeof *result);
            result->rule = -1;
            result->missing = -1;
        }
        return RT_BAD_INPUT;
    }
    unsigned child = policy->child_width, bound = policy->bound_width;
    if ((child != 1 && child != 2 && child != 4) || (bound != 1 && bound != 2 && bound != 4)) {
        memset(result, 0, sizeof *result);
        result->rule = -1;
        result->missing = -1;
        return RT_BAD_TABLES;
    }
    /* A bounded integer outside its range: the tables hold no answer for it. */
    for (uint64_t bounded = policy->bounded & claim->present; bounded; bounded &= bounded - 1) {
        unsigned v = 0;
        while (!(bounded >> v & 1))
            v++;
        const struct rt_var *var = &policy->vars[v];
        if (v >= policy->ninputs || claim->values[v] < var->low || claim->values[v] > var->high) {
            memset(result, 0, sizeof *result);
            result->rule = -1;
            result->missing = v < policy->ninputs ? (int)v : -1;
            return v < policy->ninputs ? RT_BAD_INPUT : RT_BAD_TABLES;
        }
    }
    int32_t ref = walks[child / 2][bound / 2](policy, claim);
    if (RT_WALK_IS_BAD_INPUT(ref)) {
        memset(result, 0, sizeof *result);
        result->rule = -1;
        result->missing = INT32_MAX - 1 - ref;
        return RT_BAD_INPUT;
    }
    if (ref == INT32_MAX) {
        memset(result, 0, sizeof *result);
        result->rule = -1;
        result->missing = -1;
        return RT_BAD_TABLES;
    }
    return rt_finish(policy, claim, ref, result);
}

int rt_claim_check(const struct rt_policy *policy, const struct rt_claim *claim)
{
    for (unsigned v = 0; v < policy->ninputs && v < RT_MAX_VARS; v++) {
        const struct rt_var *var = &policy->vars[v];
        if (!(claim->present >> v & 1))
            continue;
        uint32_t members = var->type == RT_TYPE_BOOL ? 2u : var->type == RT_TYPE_ENUM ? var->nmembers : 0u;
        if (members && (uint32_t)claim->values[v] >= members)
            return (int)v;
        if (var->type == RT_TYPE_INT && var->bounded
            && (claim->values[v] < var->low || claim->values[v] > var->high))
            return (int)v;
    }
    return -1;
}

enum rt_status rt_finish(const struct rt_policy *policy, const struct rt_claim *claim,
                         int32_t ref, struct rt_result *result)
{
    /* Only the fields that say what is set: values[i] is written when output i is. */
    result->rule = -1;
    result->outcome = 0;
    result->set = 0;
    result->missing = -1;
    if (ref >= 0)
        return RT_BAD_TABLES;
    uint32_t leaf = (uint32_t)(-(ref + 1));
    if (leaf >= policy->nrules) {
        uint32_t var = leaf - policy->nrules;
        if (var >= policy->nvars) {
            uint32_t region = var - policy->nvars;
            if (region >= policy->nundecided)
                return RT_BAD_TABLES;
            result->missing = (int)region;
            return RT_UNDECIDED;
        }
        /* A derived value is needed: name the input it lacks. */
        int32_t unused;
        if (rt_value(policy, claim, (int)var, &unused, &result->missing) == 0)
            return RT_BAD_TABLES;
        return RT_MISSING;
    }
    int rule_index = (int)leaf;
    const struct rt_rule *rule = &policy->rules[rule_index];
    result->rule = rule_index;
    result->outcome = rule->outcome;

    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rt_assign *assign = &policy->assigns[rule->first_assign + i];
        int32_t value = assign->value;
        if (assign->key >= 0) {
            /* The value depends on an enumeration: the rule needs it. */
            int key = assign->key;
            if (!(claim->present >> key & 1)) {
                result->missing = key;
                return RT_MISSING;
            }
            if ((uint32_t)claim->values[key] >= policy->vars[key].nmembers) {
                result->missing = key;
                return RT_BAD_INPUT;
            }
            uint32_t at = (uint32_t)assign->value + (uint32_t)claim->values[key];
            if (at >= policy->nlookup_values)
                return RT_BAD_TABLES;
            value = policy->lookup_values[at];
        }
        if (assign->kind == RT_ASSIGN_SHIFT) {
            int32_t base;
            if (rt_value(policy, claim, assign->var, &base, &result->missing) != 0)
                return RT_MISSING;
            int64_t shifted = (int64_t)base + value;
            if (!rt_days_in_range(shifted)) {
                result->missing = assign->var;
                return RT_OUT_OF_RANGE;
            }
            value = (int32_t)shifted;
        }
        result->values[assign->output] = value;
        result->set |= (uint32_t)1 << assign->output;
    }
    /* Computed outputs come after the outputs they read: the compiler orders them so. */
    uint32_t set = rt_outputs_set(policy, result->set);
    for (unsigned i = 0; i < policy->noutputs; i++) {
        const struct rt_output *output = &policy->outputs[i];
        if (!output->computed || !(set >> i & 1))
            continue;
        int32_t left, right;
        if (rt_operand_value(policy, claim, result, &output->left, &left, &result->missing) < 0
            || rt_operand_value(policy, claim, result, &output->right, &right,
                                &result->missing) < 0)
            return RT_MISSING;
        result->values[i] = rt_compare(left, output->op, right);
        result->set |= (uint32_t)1 << i;
    }
    result->missing = -1;
    return RT_OK;
}

/* Civil-calendar conversions (proleptic Gregorian), after H. Hinnant's days_from_civil. */
int32_t rt_days_from_civil(int year, int month, int day)
{
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const unsigned year_of_era = (unsigned)(year - era * 400);
    const unsigned day_of_year = (153u * (unsigned)(month > 2 ? month - 3 : month + 9) + 2) / 5
                                 + (unsigned)day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100
                                + day_of_year;
    return era * 146097 + (int32_t)day_of_era - 719468;
}

void rt_civil_from_days(int32_t days, int *year, int *month, int *day)
{
    days += 719468;
    const int era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned day_of_era = (unsigned)(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                                  - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4
                                               - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    *day = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)year_of_era + era * 400 + (*month <= 2);
}

int rt_date_valid(int year, int month, int day)
{
    static const unsigned char month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
        return 0;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= month_days[month - 1] + (month == 2 && leap);
}

int rt_date_parse(const char *text, int32_t *days)
{
    for (int i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (want_dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9'))
            return -1;
    }
    if (text[10] != '\0')
        return -1;
    int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10
               + (text[3] - '0');
    int month = (text[5] - '0') * 10 + (text[6] - '0');
    int day = (text[8] - '0') * 10 + (text[9] - '0');
    if (!rt_date_valid(year, month, day))
        return -1;
    *days = rt_days_from_civil(year, month, day);
    return 0;
}

int32_t rt_date_to_number(int32_t days)
{
    int year, month, day;
    rt_civil_from_days(days, &year, &month, &day);
    return year * 10000 + month * 100 + day;
}

void rt_date_format(int32_t days, char *buffer)
{
    int year, month, day;
    /* Outside the years 1000 to 9999 the arithmetic below could overflow (INT32_MAX days):
     * no such date reaches here from a claim or a rule, but the function takes any int32. */
    if (!rt_days_in_range(days)) {
        strcpy(buffer, "----------");
        return;
    }
    rt_civil_from_days(days, &year, &month, &day);
    buffer[0] = (char)('0' + year / 1000);
    buffer[1] = (char)('0' + year / 100 % 10);
    buffer[2] = (char)('0' + year / 10 % 10);
    buffer[3] = (char)('0' + year % 10);
    buffer[4] = '-';
    buffer[5] = (char)('0' + month / 10);
    buffer[6] = (char)('0' + month % 10);
    buffer[7] = '-';
    buffer[8] = (char)('0' + day / 10);
    buffer[9] = (char)('0' + day % 10);
    buffer[10] = '\0';
}

const char *rt_section_prefix(const char *section)
{
    return section[0] >= '0' && section[0] <= '9' ? "section " : "";
}

int rt_input_index(const struct rt_policy *policy, const char *name, size_t length)
{
    for (int i = 0; i < policy->ninputs; i++) {
        /* Lengths first: name may hold a NUL (a CSV header field can), where strncmp would
         * stop early and candidate[length] be past its end (found by tests/fuzz/fuzz_batch). */
        const char *candidate = policy->vars[i].name;
        if (strlen(candidate) == length && memcmp(candidate, name, length) == 0)
            return i;
    }
    return -1;
}

static int rt_parse_int(const char *text, int32_t *value)
{
    const char *p = text;
    int negative = *p == '-';
    if (negative)
        p++;
    if (*p == '\0')
        return -1;
    int64_t sum = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        sum = sum * 10 + (*p - '0');
        if (sum > (int64_t)INT32_MAX + negative)
            return -1;
    }
    *value = (int32_t)(negative ? -sum : sum);
    return 0;
}

/* A set's members, separated by spaces or commas (a CSV field's notation: "a b"). */
static int rt_parse_set(const struct rt_domain *domain, const char *text, int32_t *value)
{
    uint32_t mask = 0;
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '\0')
            break;
        const char *end = p;
        while (*end && *end != ' ' && *end != ',')
            end++;
        unsigned m = 0;
        while (m < domain->nmembers && !(strlen(domain->members[m]) == (size_t)(end - p)
                                         && memcmp(domain->members[m], p, (size_t)(end - p)) == 0))
            m++;
        if (m >= domain->nmembers || m >= 32)
            return -1;
        mask |= (uint32_t)1 << m;
        p = end;
    }
    *value = (int32_t)mask;
    return 0;
}

int rt_parse_domain_value(const struct rt_domain *domain, const char *text, int32_t *value)
{
    switch (domain->type) {
    case RT_TYPE_BOOL:
        /* 1 and 0 too: what SQLite and most databases export for a boolean. Keep in step with
         * report_suggest's list (src/cli/report.c). */
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0) {
            *value = 1;
            return 0;
        }
        if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0) {
            *value = 0;
            return 0;
        }
        return -1;
    case RT_TYPE_INT: {
        int32_t number;
        if (rt_parse_int(text, &number) != 0
            || (domain->bounded && (number < domain->low || number > domain->high)))
            return -1;
        *value = number;
        return 0;
    }
    case RT_TYPE_DATE:
        return rt_date_parse(text, value);
    case RT_TYPE_ENUM:
        for (unsigned i = 0; i < domain->nmembers; i++) {
            if (strcmp(domain->members[i], text) == 0) {
                *value = (int32_t)i;
                return 0;
            }
        }
        return -1;
    case RT_TYPE_SET:
        return rt_parse_set(domain, text, value);
    default:
        return -1;
    }
}

int rt_parse_value(const struct rt_var *var, const char *text, int32_t *value)
{
    if (var->type == RT_TYPE_SET)
        return -1;            /* an input is never a set */
    /* Not rt_var_domain, which is rt_text.c's: rt.c links alone. */
    struct rt_domain domain = { var->type, var->nmembers, var->members, var->member_labels,
                                var->bounded, var->low, var->high };
    return rt_parse_domain_value(&domain, text, value);
}

/* Outcomes as JSON names them and as a French rule file writes them; keep in step with enum
 * rt_outcome and rt_outcome_name (rt_text.c). */
static const char *const rt_outcome_words[][2] = {
    { "decided", "décidé" }, { "unspecified", "non_précisé" }, { "invalid", "invalide" }
};

enum rt_parse_status rt_parse_want(const struct rt_policy *policy, const char *text,
                                   struct rt_want *want)
{
    memset(want, 0, sizeof *want);
    const char *equals = strchr(text, '=');
    if (!equals) {
        for (unsigned o = 0; o < 3; o++)
            if (strcmp(text, rt_outcome_words[o][0]) == 0 || strcmp(text, rt_outcome_words[o][1]) == 0) {
                want->kind = RT_WANT_OUTCOME;
                want->value = (int32_t)o;
                return RT_PARSE_OK;
            }
        return RT_PARSE_NO_EQUALS;
    }
    size_t length = (size_t)(equals - text);
    const char *value = equals + 1;
    if ((length == 4 && memcmp(text, "rule", 4) == 0)
        || (length == 6 && memcmp(text, "règle", 6) == 0)) {
        for (uint32_t r = 0; r < policy->nrules; r++)
            if (strcmp(policy->rules[r].name, value) == 0) {
                want->kind = RT_WANT_RULE;
                want->value = (int32_t)r;
                return RT_PARSE_OK;
            }
        return RT_PARSE_BAD_VALUE;
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rt_output *output = &policy->outputs[o];
        if (strlen(output->name) != length || memcmp(output->name, text, length) != 0)
            continue;
        struct rt_domain domain = { output->type, output->nmembers, output->members,
                                    output->member_labels, 0, INT32_MIN, INT32_MAX };
        want->kind = RT_WANT_OUTPUT;
        want->output = (uint16_t)o;
        /* A person asks in the words of the answers or of a French rule file too. */
        if (output->type == RT_TYPE_BOOL
            && (strcmp(value, "vrai") == 0 || strcmp(value, "oui") == 0
                || strcmp(value, "faux") == 0 || strcmp(value, "non") == 0)) {
            want->value = value[0] == 'v' || value[0] == 'o';
            return RT_PARSE_OK;
        }
        return rt_parse_domain_value(&domain, value, &want->value) == 0 ? RT_PARSE_OK
                                                                         : RT_PARSE_BAD_VALUE;
    }
    return RT_PARSE_UNKNOWN_INPUT;
}

enum rt_parse_status rt_claim_parse_arg(const struct rt_policy *policy, struct rt_claim *claim,
                                        const char *arg, int *input)
{
    *input = -1;
    const char *equals = strchr(arg, '=');
    if (!equals)
        return RT_PARSE_NO_EQUALS;
    int index = rt_input_index(policy, arg, (size_t)(equals - arg));
    if (index < 0)
        return RT_PARSE_UNKNOWN_INPUT;
    *input = index;
    if (claim->present >> index & 1)
        return RT_PARSE_REPEATED;
    int32_t value;
    if (rt_parse_value(&policy->vars[index], equals + 1, &value) != 0)
        return RT_PARSE_BAD_VALUE;
    claim->values[index] = value;
    claim->present |= (uint64_t)1 << index;
    return RT_PARSE_OK;
}
