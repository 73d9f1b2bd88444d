/* src/runtime/decide.c — evaluates a claim against decision tables; dates; claim text.
 * Part of rulec; see README.md for the licence.
 * Includes no compiler header: generated programs link this file alone. */
#include <rulec/rulec.h>

#include <string.h>

unsigned rulec_count_le(const int32_t *sorted, uint32_t count, int32_t value)
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

unsigned rulec_cell(const struct rulec_var *var, int32_t value)
{
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM)
        return (unsigned)value;
    return rulec_count_le(var->cuts, var->ncuts, value);
}

/* The value of variable index for the claim; on absence, *missing is the absent input.
 * rulec_var_value (rulec.h) for others; inline here for the walks. */
static inline int rulec_value(const struct rulec_policy *policy, const struct rulec_claim *claim, int index,
                              int32_t *value, int *missing)
{
    const struct rulec_var *var = &policy->vars[index];
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
    *value = rulec_derive(var->offset, plus, minus);
    return 0;
}

int rulec_var_value(const struct rulec_policy *policy, const struct rulec_claim *claim, int index,
                    int32_t *value, int *missing)
{
    return rulec_value(policy, claim, index, value, missing);
}

/* An operand of a computed output. Returns 1 when known, 0 when it reads an unset output,
 * -1 when it reads an absent input. */
static int rulec_operand_value(const struct rulec_policy *policy, const struct rulec_claim *claim,
                               const struct rulec_result *result, const struct rulec_operand *operand,
                               int32_t *value, int *missing)
{
    switch (operand->kind) {
    case RULEC_OPERAND_VAR:
        return rulec_value(policy, claim, operand->value, value, missing) == 0 ? 1 : -1;
    case RULEC_OPERAND_OUTPUT:
        if (!(result->set >> operand->value & 1))
            return 0;
        *value = result->values[operand->value];
        return 1;
    default:
        *value = operand->value;
        return 1;
    }
}

uint32_t rulec_outputs_set(const struct rulec_policy *policy, uint32_t assigned)
{
    uint32_t set = assigned;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (!output->computed)
            continue;
        if ((output->left.kind != RULEC_OPERAND_OUTPUT || (set >> output->left.value & 1))
            && (output->right.kind != RULEC_OPERAND_OUTPUT || (set >> output->right.value & 1)))
            set |= (uint32_t)1 << o;
    }
    return set;
}

uint32_t rulec_rule_outputs(const struct rulec_policy *policy, const struct rulec_rule *rule)
{
    uint32_t assigned = 0;
    for (unsigned i = 0; i < rule->nassigns; i++)
        assigned |= (uint32_t)1 << policy->assigns[rule->first_assign + i].output;
    return rulec_outputs_set(policy, assigned);
}

/* What a walk returns for a claim whose input var holds no value of its type: above every
 * node's index, below INT32_MAX. */
#define RULEC_WALK_BAD_INPUT(var) (INT32_MAX - 1 - (int32_t)(var))
#define RULEC_WALK_IS_BAD_INPUT(ref) ((ref) < INT32_MAX && (ref) >= INT32_MAX - 1 - RULEC_MAX_VARS)

/* Asks the cache for what a walk will read next (a hint: it never faults, and changes no
 * result). Among 100,000 rules the tables outgrow the cache, and a walk waited on each of a
 * node, its bounds and its children in turn. */
#if defined(__GNUC__)
#define RULEC_PREFETCH(address) __builtin_prefetch(address)
#else
#define RULEC_PREFETCH(address) ((void)0)
#endif

/* One walk from the root, for tables of children of type CHILD and bounds of type BOUND:
 * the leaf reached (a negative child), RULEC_WALK_BAD_INPUT(var) for a boolean or an
 * enumeration out of its type (its last child is "absent": an index one past the members
 * must not read as absent), or INT32_MAX for malformed tables. The width is
 * dispatched once per decision, not read at every node. */
#define RULEC_WALK(NAME, CHILD, BOUND)                                                         \
    static int32_t NAME(const struct rulec_policy *policy, const struct rulec_claim *claim)        \
    {                                                                                       \
        const CHILD *children = policy->children;                                           \
        const BOUND *bounds = policy->bounds;                                               \
        int32_t ref = policy->root;                                                         \
        uint32_t steps = 0;                                                                 \
        while (ref >= 0) {                                                                  \
            if ((uint32_t)ref >= policy->nnodes || ++steps > policy->nvars)                 \
                return INT32_MAX;                                                           \
            const struct rulec_node *node = &policy->nodes[ref];                               \
            if (node->var >= policy->nvars || node->var >= RULEC_MAX_VARS)                     \
                return INT32_MAX;                                                           \
            /* The children and the bounds' middle arrive while the value is read. */       \
            RULEC_PREFETCH(children + node->first_child);                                   \
            RULEC_PREFETCH(bounds + node->first_child + node->nchildren / 2);               \
            int32_t value;                                                                  \
            int absent_input;                                                               \
            uint32_t cell;                                                                  \
            uint8_t type = policy->vars[node->var].type;                                    \
            if (rulec_value(policy, claim, node->var, &value, &absent_input) != 0) {           \
                cell = node->nchildren - 1;                                                 \
            } else if (type == RULEC_TYPE_BOOL || type == RULEC_TYPE_ENUM) {                      \
                cell = (uint32_t)value;                                                     \
                if (cell >= node->nchildren - 1u)                                           \
                    return node->nchildren ? RULEC_WALK_BAD_INPUT(node->var) : INT32_MAX;      \
            } else if (node->nchildren < 2) {                                               \
                cell = 0;                                                                   \
            } else {                                                                        \
                /* The intervals after the first that start at or before value (the first   \
                 * starts at the lowest value; the last child is "absent"): a search without \
                 * branches on the comparisons, which random claims would mispredict, that   \
                 * fetches both places the next comparison may read. */                     \
                const BOUND *start = bounds + node->first_child + 1, *base = start;         \
                uint32_t left = node->nchildren - 2;                                        \
                while (left > 1) {                                                          \
                    uint32_t half = left / 2, next = (left - half) / 2;                     \
                    RULEC_PREFETCH(base + next);                                            \
                    RULEC_PREFETCH(base + half + next);                                     \
                    base = base[half] <= value ? base + half : base;                        \
                    left -= half;                                                           \
                }                                                                           \
                cell = (uint32_t)(base - start) + (left == 1 && *base <= value);            \
            }                                                                               \
            if (cell >= node->nchildren)                                                    \
                return INT32_MAX;                                                           \
            ref = children[node->first_child + cell];                                       \
        }                                                                                   \
        return ref;                                                                         \
    }

RULEC_WALK(rulec_walk_8_8, int8_t, int8_t)
RULEC_WALK(rulec_walk_8_16, int8_t, int16_t)
RULEC_WALK(rulec_walk_8_32, int8_t, int32_t)
RULEC_WALK(rulec_walk_16_8, int16_t, int8_t)
RULEC_WALK(rulec_walk_16_16, int16_t, int16_t)
RULEC_WALK(rulec_walk_16_32, int16_t, int32_t)
RULEC_WALK(rulec_walk_32_8, int32_t, int8_t)
RULEC_WALK(rulec_walk_32_16, int32_t, int16_t)
RULEC_WALK(rulec_walk_32_32, int32_t, int32_t)

/* A result without an answer: every field zero, no rule, no region, input as given. */
static void rulec_refuse(struct rulec_result *result, int input)
{
    memset(result, 0, sizeof *result);
    result->rule = -1;
    result->input = input;
    result->region = -1;
}

const char *rulec_libversion(void)
{
    return RULEC_VERSION;
}

int rulec_libversion_number(void)
{
    return RULEC_VERSION_NUMBER;
}

enum rulec_status rulec_decide(const struct rulec_policy *policy, const struct rulec_claim *claim,
                               struct rulec_result *result)
{
    static int32_t (*const walks[3][3])(const struct rulec_policy *, const struct rulec_claim *) = {
        { rulec_walk_8_8, rulec_walk_8_16, rulec_walk_8_32 },
        { rulec_walk_16_8, rulec_walk_16_16, rulec_walk_16_32 },
        { rulec_walk_32_8, rulec_walk_32_16, rulec_walk_32_32 },
    };
    if (!policy || !claim || !result) {
        if (result)
            rulec_refuse(result, -1);
        return RULEC_BAD_INPUT;
    }
    if (policy->abi != RULEC_ABI_TAG) {
        rulec_refuse(result, -1);
        return RULEC_BAD_ABI;
    }
    unsigned child = policy->child_width, bound = policy->bound_width;
    if ((child != 1 && child != 2 && child != 4) || (bound != 1 && bound != 2 && bound != 4)) {
        rulec_refuse(result, -1);
        return RULEC_BAD_TABLES;
    }
    /* A bounded integer outside its range: the tables hold no answer for it. */
    for (uint64_t bounded = policy->bounded & claim->present; bounded; bounded &= bounded - 1) {
        unsigned v = 0;
        while (!(bounded >> v & 1))
            v++;
        const struct rulec_var *var = &policy->vars[v];
        if (v >= policy->ninputs || claim->values[v] < var->low || claim->values[v] > var->high) {
            rulec_refuse(result, v < policy->ninputs ? (int)v : -1);
            return v < policy->ninputs ? RULEC_BAD_INPUT : RULEC_BAD_TABLES;
        }
    }
    int32_t ref = walks[child / 2][bound / 2](policy, claim);
    if (RULEC_WALK_IS_BAD_INPUT(ref)) {
        rulec_refuse(result, INT32_MAX - 1 - ref);
        return RULEC_BAD_INPUT;
    }
    if (ref == INT32_MAX) {
        rulec_refuse(result, -1);
        return RULEC_BAD_TABLES;
    }
    return rulec_finish(policy, claim, ref, result);
}

int rulec_claim_check(const struct rulec_policy *policy, const struct rulec_claim *claim)
{
    for (unsigned v = 0; v < policy->ninputs && v < RULEC_MAX_VARS; v++) {
        const struct rulec_var *var = &policy->vars[v];
        if (!(claim->present >> v & 1))
            continue;
        uint32_t members = var->type == RULEC_TYPE_BOOL ? 2u : var->type == RULEC_TYPE_ENUM ? var->nmembers : 0u;
        if (members && (uint32_t)claim->values[v] >= members)
            return (int)v;
        if (var->type == RULEC_TYPE_INT && var->bounded
            && (claim->values[v] < var->low || claim->values[v] > var->high))
            return (int)v;
    }
    return -1;
}

enum rulec_status rulec_finish(const struct rulec_policy *policy, const struct rulec_claim *claim,
                               int32_t ref, struct rulec_result *result)
{
    /* Only the fields that say what is set: values[i] is written when output i is. */
    result->rule = -1;
    result->outcome = 0;
    result->set = 0;
    result->input = -1;
    result->region = -1;
    if (policy->abi != RULEC_ABI_TAG)
        return RULEC_BAD_ABI;
    if (ref >= 0)
        return RULEC_BAD_TABLES;
    uint32_t leaf = (uint32_t)(-(ref + 1));
    if (leaf >= policy->nrules) {
        uint32_t var = leaf - policy->nrules;
        if (var >= policy->nvars) {
            uint32_t region = var - policy->nvars;
            if (region >= policy->nundecided)
                return RULEC_BAD_TABLES;
            result->region = (int)region;
            return RULEC_UNDECIDED;
        }
        /* A derived value is needed: name the input it lacks. */
        int32_t unused;
        if (rulec_value(policy, claim, (int)var, &unused, &result->input) == 0)
            return RULEC_BAD_TABLES;
        return RULEC_MISSING;
    }
    int rule_index = (int)leaf;
    const struct rulec_rule *rule = &policy->rules[rule_index];
    result->rule = rule_index;
    result->outcome = rule->outcome;

    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rulec_assign *assign = &policy->assigns[rule->first_assign + i];
        int32_t value = assign->value;
        if (assign->key >= 0) {
            /* The value depends on an enumeration: the rule needs it. */
            int key = assign->key;
            if (!(claim->present >> key & 1)) {
                result->input = key;
                return RULEC_MISSING;
            }
            if ((uint32_t)claim->values[key] >= policy->vars[key].nmembers) {
                result->input = key;
                return RULEC_BAD_INPUT;
            }
            uint32_t at = (uint32_t)assign->value + (uint32_t)claim->values[key];
            if (at >= policy->nlookup_values)
                return RULEC_BAD_TABLES;
            value = policy->lookup_values[at];
        }
        if (assign->kind == RULEC_ASSIGN_SHIFT) {
            int32_t base;
            if (rulec_value(policy, claim, assign->var, &base, &result->input) != 0)
                return RULEC_MISSING;
            int64_t shifted = (int64_t)base + value;
            if (!rulec_days_in_range(shifted)) {
                result->input = assign->var;
                return RULEC_OUT_OF_RANGE;
            }
            value = (int32_t)shifted;
        }
        result->values[assign->output] = value;
        result->set |= (uint32_t)1 << assign->output;
    }
    /* Computed outputs come after the outputs they read: the compiler orders them so. */
    uint32_t set = rulec_outputs_set(policy, result->set);
    for (unsigned i = 0; i < policy->noutputs; i++) {
        const struct rulec_output *output = &policy->outputs[i];
        if (!output->computed || !(set >> i & 1))
            continue;
        int32_t left, right;
        if (rulec_operand_value(policy, claim, result, &output->left, &left, &result->input) < 0
            || rulec_operand_value(policy, claim, result, &output->right, &right,
                                   &result->input) < 0)
            return RULEC_MISSING;
        result->values[i] = rulec_compare(left, output->op, right);
        result->set |= (uint32_t)1 << i;
    }
    result->input = -1;
    return RULEC_OK;
}

/* Civil-calendar conversions (proleptic Gregorian), after H. Hinnant's days_from_civil. */
int32_t rulec_days_from_civil(int year, int month, int day)
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

void rulec_civil_from_days(int32_t days, int *year, int *month, int *day)
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

int rulec_date_valid(int year, int month, int day)
{
    static const unsigned char month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
        return 0;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= month_days[month - 1] + (month == 2 && leap);
}

int rulec_date_parse(const char *text, int32_t *days)
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
    if (!rulec_date_valid(year, month, day))
        return -1;
    *days = rulec_days_from_civil(year, month, day);
    return 0;
}

int32_t rulec_date_to_number(int32_t days)
{
    int year, month, day;
    rulec_civil_from_days(days, &year, &month, &day);
    return year * 10000 + month * 100 + day;
}

void rulec_date_format(int32_t days, char *buffer)
{
    int year, month, day;
    /* Outside the years 1000 to 9999 the arithmetic below could overflow (INT32_MAX days):
     * no such date reaches here from a claim or a rule, but the function takes any int32. */
    if (!rulec_days_in_range(days)) {
        strcpy(buffer, "----------");
        return;
    }
    rulec_civil_from_days(days, &year, &month, &day);
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

const char *rulec_section_prefix(const char *section)
{
    return section[0] >= '0' && section[0] <= '9' ? "section " : "";
}

int rulec_input_index(const struct rulec_policy *policy, const char *name, size_t length)
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

static int rulec_parse_int(const char *text, int32_t *value)
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
static int rulec_parse_set(const struct rulec_domain *domain, const char *text, int32_t *value)
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

int rulec_parse_domain_value(const struct rulec_domain *domain, const char *text, int32_t *value)
{
    switch (domain->type) {
    case RULEC_TYPE_BOOL:
        /* 1 and 0 too: what SQLite and most databases export for a boolean. Keep in step with
         * report_suggest's list (src/policy/report.c). */
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0) {
            *value = 1;
            return 0;
        }
        if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0) {
            *value = 0;
            return 0;
        }
        return -1;
    case RULEC_TYPE_INT: {
        int32_t number;
        if (rulec_parse_int(text, &number) != 0
            || (domain->bounded && (number < domain->low || number > domain->high)))
            return -1;
        *value = number;
        return 0;
    }
    case RULEC_TYPE_DATE:
        return rulec_date_parse(text, value);
    case RULEC_TYPE_ENUM:
        for (unsigned i = 0; i < domain->nmembers; i++) {
            if (strcmp(domain->members[i], text) == 0) {
                *value = (int32_t)i;
                return 0;
            }
        }
        return -1;
    case RULEC_TYPE_SET:
        return rulec_parse_set(domain, text, value);
    default:
        return -1;
    }
}

int rulec_parse_value(const struct rulec_var *var, const char *text, int32_t *value)
{
    if (var->type == RULEC_TYPE_SET)
        return -1;            /* an input is never a set */
    /* Not rulec_var_domain, which is text.c's: decide.c links alone. */
    struct rulec_domain domain = { var->type, var->nmembers, var->members, var->member_labels,
                                var->bounded, var->low, var->high };
    return rulec_parse_domain_value(&domain, text, value);
}

/* Outcomes as JSON names them and as a French rule file writes them; keep in step with enum
 * rulec_outcome and rulec_outcome_name (text.c). */
static const char *const rulec_outcome_words[][2] = {
    { "decided", "décidé" }, { "unspecified", "non_précisé" }, { "invalid", "invalide" }
};

enum rulec_parse_status rulec_parse_want(const struct rulec_policy *policy, const char *text,
                                         struct rulec_want *want)
{
    memset(want, 0, sizeof *want);
    const char *equals = strchr(text, '=');
    if (!equals) {
        for (unsigned o = 0; o < 3; o++)
            if (strcmp(text, rulec_outcome_words[o][0]) == 0 || strcmp(text, rulec_outcome_words[o][1]) == 0) {
                want->kind = RULEC_WANT_OUTCOME;
                want->value = (int32_t)o;
                return RULEC_PARSE_OK;
            }
        return RULEC_PARSE_NO_EQUALS;
    }
    size_t length = (size_t)(equals - text);
    const char *value = equals + 1;
    if ((length == 4 && memcmp(text, "rule", 4) == 0)
        || (length == 6 && memcmp(text, "règle", 6) == 0)) {
        for (uint32_t r = 0; r < policy->nrules; r++)
            if (strcmp(policy->rules[r].name, value) == 0) {
                want->kind = RULEC_WANT_RULE;
                want->value = (int32_t)r;
                return RULEC_PARSE_OK;
            }
        return RULEC_PARSE_BAD_VALUE;
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const struct rulec_output *output = &policy->outputs[o];
        if (strlen(output->name) != length || memcmp(output->name, text, length) != 0)
            continue;
        struct rulec_domain domain = { output->type, output->nmembers, output->members,
                                    output->member_labels, 0, INT32_MIN, INT32_MAX };
        want->kind = RULEC_WANT_OUTPUT;
        want->output = (uint16_t)o;
        /* A person asks in the words of the answers or of a French rule file too. */
        if (output->type == RULEC_TYPE_BOOL
            && (strcmp(value, "vrai") == 0 || strcmp(value, "oui") == 0
                || strcmp(value, "faux") == 0 || strcmp(value, "non") == 0)) {
            want->value = value[0] == 'v' || value[0] == 'o';
            return RULEC_PARSE_OK;
        }
        return rulec_parse_domain_value(&domain, value, &want->value) == 0 ? RULEC_PARSE_OK
                                                                         : RULEC_PARSE_BAD_VALUE;
    }
    return RULEC_PARSE_UNKNOWN_INPUT;
}

enum rulec_parse_status rulec_claim_parse_arg(const struct rulec_policy *policy, struct rulec_claim *claim,
                                              const char *arg, int *input)
{
    *input = -1;
    const char *equals = strchr(arg, '=');
    if (!equals)
        return RULEC_PARSE_NO_EQUALS;
    int index = rulec_input_index(policy, arg, (size_t)(equals - arg));
    if (index < 0)
        return RULEC_PARSE_UNKNOWN_INPUT;
    *input = index;
    if (claim->present >> index & 1)
        return RULEC_PARSE_REPEATED;
    int32_t value;
    if (rulec_parse_value(&policy->vars[index], equals + 1, &value) != 0)
        return RULEC_PARSE_BAD_VALUE;
    claim->values[index] = value;
    claim->present |= (uint64_t)1 << index;
    return RULEC_PARSE_OK;
}
