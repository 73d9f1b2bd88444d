/* include/rulec/rulec.h — the rulec runtime: walks compiled decision tables. The public API of
 * librulec, installed as <rulec/rulec.h>.
 * Part of rulec; see README.md for the licence.
 *
 * The runtime allocates nothing, keeps no global state and only reads the tables, so any
 * number of threads may call it at once. Generated code (gen/<policy>.c) defines one
 * struct rulec_policy; rulec builds the same struct in memory and calls the same functions.
 *
 * What is ABI, frozen for a soname (librulec.so.RULEC_VERSION_MAJOR; make abi-check compares
 * the library with the committed baseline, abi/librulec.abi):
 *   - every struct below and the enumerations' values. The tables' structs (rulec_var to
 *     rulec_policy) are written by generated code, which carries the layout's number in
 *     rulec_policy.abi, first of its fields: the entry points that decide (rulec_decide,
 *     rulec_finish, rulec_why_not) refuse another layout (RULEC_BAD_ABI), and generated code
 *     compiled against another header stops at #error. The other functions that read tables
 *     take the tables those accept. The structs a caller allocates (rulec_claim with its array of RULEC_MAX_VARS,
 *     rulec_result with its array of RULEC_MAX_OUTPUTS, rulec_want, rulec_change) change only
 *     with the soname's major number;
 *   - the static inline functions (rulec_table_entry, rulec_child, rulec_bound, rulec_derive,
 *     rulec_compare, rulec_days_in_range, rulec_date_from_number) and the macros, compiled into
 *     callers and into generated code: their meaning is frozen as the layout is (abidiff cannot
 *     see them: a change to one is a new major version by this rule alone).
 * Every exported name begins with rulec_ or RULEC_. */
#ifndef RULEC_RULEC_H
#define RULEC_RULEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header: MAJOR.MINOR.PATCH, and as one number (1.2.3 is 1002003), as
 * SQLite's SQLITE_VERSION_NUMBER. rulec --version and pkg-config --modversion rulec say the
 * same. The library's own: rulec_libversion(), rulec_libversion_number(); a program compares
 * them to catch a header and a library of different versions. */
#define RULEC_VERSION "1.0.0"
#define RULEC_VERSION_MAJOR 1
#define RULEC_VERSION_NUMBER 1000000
const char *rulec_libversion(void);
int rulec_libversion_number(void);

/* The layout of the tables: rulec_policy.abi holds RULEC_ABI_TAG in tables written for this
 * header. The high 24 bits spell "rlc" so that memory that is not tables is not taken for a
 * layout; the low 8 are the layout's number, which changes with any change of the tables'
 * structs (and the soname's major number with it). */
#define RULEC_ABI 1
#define RULEC_ABI_TAG (0x726c6300u | RULEC_ABI)

#define RULEC_MAX_VARS 64      /* inputs and derived values together: one presence bit each */
#define RULEC_MAX_OUTPUTS 32   /* one "is set" bit each */
#define RULEC_MAX_MEMBERS 32   /* members of a set output: one bit each */

/* Keep in step with emit_type_names (src/backend/emit.c), which names them in C. */
enum rulec_type { RULEC_TYPE_BOOL, RULEC_TYPE_INT, RULEC_TYPE_DATE, RULEC_TYPE_ENUM, RULEC_TYPE_SET };

/* What a rule says: a decision, or one of the two outcomes for what the source leaves open. */
enum rulec_outcome { RULEC_OUTCOME_DECIDED, RULEC_OUTCOME_UNSPECIFIED, RULEC_OUTCOME_INVALID };
/* Keep in step with rulec_outcome_name (text.c) and emit_outcome_names (src/backend/emit.c). */

/* Keep in step with rulec_op_text (text.c) and emit_op_names (src/backend/emit.c). */
enum rulec_op { RULEC_OP_EQ, RULEC_OP_NE, RULEC_OP_LT, RULEC_OP_LE, RULEC_OP_GT, RULEC_OP_GE };

/* A decision variable. Inputs come first (index < ninputs). A derived value is
 * plus - minus + offset, where plus and minus name inputs (-1: none).
 * Values are int32: dates are days since 1970-01-01, enumerations the member's index,
 * booleans 0 or 1. Dates and integers are cut into cells at ascending cut points:
 * the cell of v is the number of cuts <= v. Enumerations and booleans: the cell is v. */
struct rulec_var {
    const char *name, *label;
    uint8_t type, is_input;
    int8_t plus, minus;
    int32_t offset;
    uint16_t nmembers;
    uint32_t ncuts;
    const char *const *members, *const *member_labels;
    const int32_t *cuts;
    /* bounded 1: an integer input's declared range (int between 0 and 99), low to high, both
     * ends included (INT32_MIN, INT32_MAX: no bound on that side); a claim whose value lies
     * outside is refused (RULEC_BAD_INPUT), never decided. bounded 0, as a zeroed struct has it:
     * any value, low and high unread. */
    uint8_t bounded;
    int32_t low, high;
};

/* Keep in step with emit_operand_names (src/backend/emit.c). */
enum rulec_operand_kind { RULEC_OPERAND_VAR, RULEC_OPERAND_OUTPUT, RULEC_OPERAND_CONST };

struct rulec_operand {
    uint8_t kind;
    int32_t value;      /* var index, output index, or the constant */
};

/* An output. A computed output (computed = 1) is the boolean left op right, set when every
 * output it reads is set. */
struct rulec_output {
    const char *name, *label;
    uint8_t type, computed, op;
    uint16_t nmembers;
    const char *const *members, *const *member_labels;
    struct rulec_operand left, right;
};

enum rulec_assign_kind { RULEC_ASSIGN_CONST, RULEC_ASSIGN_SHIFT };

/* output = value, or output = var + value (a date plus a number of days). A set's value is
 * a bit mask of members. When key is an input (not -1), the value depends on that
 * enumeration: it is policy->lookup_values[value + the key's member] (a table written once in
 * the rule file, "lookup profession { … }"), and a claim without the key is missing it. */
struct rulec_assign {
    uint8_t output, kind;
    int8_t var, key;
    int32_t value;
};

struct rulec_source {
    const char *name, *title, *note;
};

struct rulec_cite {
    uint16_t source;
    uint8_t interprets;           /* 1: a passage the rule reads with others (interprets) */
    const char *section, *quote;  /* quote may be NULL */
};

struct rulec_rule {
    const char *name;
    uint8_t outcome;
    const char *reason, *note;    /* reason: for unspecified and invalid; note may be NULL */
    const char *interpretation;   /* why the passages it interprets say this; NULL when the
                                     rule applies its sentences as written */
    const char *citation;         /* every cite, written out for a reader */
    uint32_t line;                /* in the rule file */
    uint32_t first_assign, first_cite;
    uint16_t nassigns, ncites;
};

/* A decision node tests one variable. A node on an enumeration or a boolean has one child per
 * member (by value), then one for "absent". A node on a date or an integer has one child per
 * interval of values, then one for "absent": child k takes the values from bounds[first_child
 * + k] up to the next bound - 1 (the first from the lowest value, the last to the highest);
 * the intervals are the node's own, not the variable's every cut point.
 * A child >= 0 is a node index; a child < 0 is the leaf L = -(child) - 1: the rule L when
 * L < nrules, else "variable L - nrules is needed" (the compiler puts it where the absent
 * input's values would lead to different answers). */
struct rulec_node {
    uint16_t var;
    uint32_t nchildren, first_child;
};

/* Why an answer (why.c): each rule's condition as a tree of tests, the rules it is an
 * exception to, and each test as the rule file writes it. Read only to explain; a decision
 * never touches it. */
enum rulec_test_kind { RULEC_TEST_TRUE, RULEC_TEST_AND, RULEC_TEST_OR, RULEC_TEST_NOT, RULEC_TEST_IN };
/* Keep in step with emit_test_kind_names (src/backend/emit_tables.c). */

/* A range of values, both ends included; INT32_MIN or INT32_MAX: no bound on that side. */
struct rulec_range {
    int32_t low, high;
};

/* RULEC_TEST_IN: variable var's value is one of members (enumerations; booleans: bit 0 false,
 * bit 1 true), or lies in one of ranges[first .. first + count) (dates, integers).
 * RULEC_TEST_AND, RULEC_TEST_OR, RULEC_TEST_NOT: the operands are tests[first .. first + count). */
struct rulec_test {
    uint8_t kind;
    uint16_t var;
    uint32_t first, count;
    uint64_t members;
    const char *text;             /* the test as the rule file writes it */
};

struct rulec_rule_why {
    uint32_t condition;           /* the test at the root of the rule's condition */
    uint32_t first_exception;     /* the rules it is an exception to: exceptions[first ..] */
    uint16_t nexceptions;
    uint8_t exception_to_all;     /* declared 'exception to all' */
    uint8_t high;                 /* ranks with them: declared so, or an exception (through
                                     any chain) to such a rule; beats every rule that does not */
};

struct rulec_explain {
    const struct rulec_rule_why *rules;   /* one per rule */
    const struct rulec_test *tests;
    const struct rulec_range *ranges;
    const uint32_t *exceptions;
    uint32_t ntests, nranges, nexceptions;
};

struct rulec_policy {
    uint32_t abi;               /* RULEC_ABI_TAG: first, whatever the layout */
    const char *name, *title, *rule_file;
    const char *rule_sha256;    /* the rule file's SHA-256, 64 hexadecimal digits */
    const char *generator;      /* "rulec 1.0.0": the compiler that built the tables */
    uint16_t nvars, ninputs, noutputs, nsources;
    uint32_t nrules;
    const struct rulec_var *vars;
    const struct rulec_output *outputs;
    const struct rulec_rule *rules;
    const struct rulec_assign *assigns;
    const struct rulec_cite *cites;
    const struct rulec_source *sources;
    uint32_t nlookup_values;
    const int32_t *lookup_values;   /* the values of lookup assignments (rulec_assign.key) */
    uint32_t nnodes;
    const struct rulec_node *nodes;
    /* Children, and beside them where each interval starts (dates, integers), each table in
     * the narrowest signed integers that hold it: width 1, 2 or 4 bytes (int8_t, int16_t,
     * int32_t), as SQLite's generators choose. Read them with rulec_child and rulec_bound. */
    uint8_t child_width, bound_width;
    const void *children;
    const void *bounds;
    int32_t root;
    /* A policy that is not finished (rulec eval, test and explain run a rule file with gaps
     * or conflicts; rulec compile refuses it, so generated tables have none): leaf
     * nrules + nvars + k is the region k that no rule decides alone, for which undecided[k]
     * says why. */
    uint32_t nundecided;
    const char *const *undecided;
    const struct rulec_explain *explain;   /* NULL: the tables cannot explain */
    /* Bit i: input i is an integer with a declared range (vars[i].bounded: keep in step; the
     * compiler writes both), which rulec_decide checks before it walks: the tables assume no claim
     * lies outside. */
    uint64_t bounded;
};

/* Entry i of a table of the given width. */
static inline int32_t rulec_table_entry(const void *table, unsigned width, uint32_t i)
{
    return width == 1 ? ((const int8_t *)table)[i]
           : width == 2 ? ((const int16_t *)table)[i] : ((const int32_t *)table)[i];
}
static inline int32_t rulec_child(const struct rulec_policy *policy, uint32_t i)
{
    return rulec_table_entry(policy->children, policy->child_width, i);
}
static inline int32_t rulec_bound(const struct rulec_policy *policy, uint32_t i)
{
    return rulec_table_entry(policy->bounds, policy->bound_width, i);
}

/* A claim: a value for each present input (bit i of present for input i). */
struct rulec_claim {
    uint64_t present;
    int32_t values[RULEC_MAX_VARS];
};

struct rulec_result {
    int rule;                     /* the deciding rule's index */
    uint8_t outcome;              /* enum rulec_outcome */
    uint32_t set;                 /* bit i: output i is set */
    int32_t values[RULEC_MAX_OUTPUTS];   /* values[i] is written only when output i is set */
    int input;                    /* the input at fault, or -1: on RULEC_MISSING the input
                                     the decision needs, on RULEC_OUT_OF_RANGE the date a
                                     deadline is computed from, on RULEC_BAD_INPUT the input
                                     that holds a value its type cannot (-1: a NULL argument) */
    int region;                   /* on RULEC_UNDECIDED: the region (policy->undecided), else -1 */
};

enum rulec_status {
    RULEC_OK = 0,
    RULEC_MISSING = 1,      /* the claim lacks an input the decision needs: result->input */
    RULEC_BAD_TABLES = 2,   /* the tables are malformed (never for tables rulec wrote) */
    RULEC_OUT_OF_RANGE = 3, /* a date the answer computes from input result->input (a deadline
                            90 days after 9999-12-31) falls outside the years 1000 to 9999 */
    RULEC_UNDECIDED = 4,    /* an unfinished policy: no rule decides the claim alone (a gap or a
                            conflict); policy->undecided[result->region] says why */
    RULEC_BAD_INPUT = 5,    /* the call is wrong, not the tables: input result->input holds a
                               value its type cannot (an enumeration index past its members, a
                               boolean neither 0 nor 1, an integer outside its declared range,
                               whether the decision reads it or not), or policy, claim or
                               result is NULL (result->input -1; a NULL result is left alone) */
    RULEC_BAD_ABI = 6       /* the tables were written for another layout (policy->abi is not
                               RULEC_ABI_TAG): nothing of them is read but that tag */
};

/* Dates are those of the years 1000 to 9999, as days since 1970-01-01. */
#define RULEC_DAYS_MIN (-354285)     /* 1000-01-01 */
#define RULEC_DAYS_MAX 2932896       /* 9999-12-31 */
/* A shift of a date by a number of days in a rule has at most this magnitude, so that a
 * date plus a shift never leaves 32 bits: the checker refuses more. */
#define RULEC_MAX_SHIFT (RULEC_DAYS_MAX - RULEC_DAYS_MIN)

/* Decides a claim: one walk from the root, one cell per node, to a rule. An absent input
 * takes the node's "absent" child, which the compiler built so that the claim is decided
 * exactly when all values of its absent inputs agree; otherwise RULEC_MISSING names one. */
enum rulec_status rulec_decide(const struct rulec_policy *policy, const struct rulec_claim *claim,
                               struct rulec_result *result);

/* The first input given in claim whose value its type cannot hold (a boolean neither 0 nor 1,
 * an enumeration index outside its members, an integer outside its declared range), or -1 when
 * there is none: what rulec_decide answers RULEC_BAD_INPUT for on the inputs it reads (and on every
 * bounded integer given), over all the inputs given. Neither pointer may be NULL. */
int rulec_claim_check(const struct rulec_policy *policy, const struct rulec_claim *claim);

/* Which outputs an answer sets: those in assigned (what the rule assigns), and each computed
 * output whose output operands are set, in declaration order, so that one may read an
 * earlier one. The one rule rulec_finish applies and the compiler writes out (the typed API,
 * the decision table). */
uint32_t rulec_outputs_set(const struct rulec_policy *policy, uint32_t assigned);
/* The outputs a rule's answer sets: those it assigns, then rulec_outputs_set. */
uint32_t rulec_rule_outputs(const struct rulec_policy *policy, const struct rulec_rule *rule);

/* The second half of rulec_decide, for code that walks the same tables another way (the typed
 * API of generated code walks them as C): ref is the leaf the walk from the root reached for
 * this claim (a negative child, as in struct rulec_node). Fills result from the leaf's rule. */
enum rulec_status rulec_finish(const struct rulec_policy *policy, const struct rulec_claim *claim,
                               int32_t ref, struct rulec_result *result);

/* The meaning of a derived value and of a computed output, written once: rulec_decide, the
 * generated code (which calls these) and the compiler's analysis (which reasons on the same
 * form) read them here.
 * A derived value is plus - minus + offset (a term that names no input counts 0), computed in
 * 64 bits and clamped to 32: inputs are dates of years 1000-9999 or int32, so a difference
 * of dates stays far inside; a difference of two extreme integers is clamped, never wrapped. */
static inline int32_t rulec_derive(int32_t offset, int32_t plus, int32_t minus)
{
    int64_t sum = (int64_t)offset + plus - minus;
    return sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : (int32_t)sum;
}
/* A computed output: the boolean left op right (enum rulec_op). */
static inline int rulec_compare(int32_t left, int op, int32_t right)
{
    switch (op) {
    case RULEC_OP_EQ: return left == right;
    case RULEC_OP_NE: return left != right;
    case RULEC_OP_LT: return left < right;
    case RULEC_OP_LE: return left <= right;
    case RULEC_OP_GT: return left > right;
    default: return left >= right;
    }
}

/* The value of variable index (an input, or a derived value) for the claim: 0, or -1 when
 * an input it needs is absent, which *missing then names. */
int rulec_var_value(const struct rulec_policy *policy, const struct rulec_claim *claim, int index,
                    int32_t *value, int *missing);

/* Explaining (policy->explain must not be NULL). A condition is true, false, or unknown
 * because an input it reads is absent. */
enum rulec_truth { RULEC_FALSE = 0, RULEC_TRUE = 1, RULEC_UNKNOWN = 2 };
/* The truth of test index for the claim (operands evaluated in order, as written). */
enum rulec_truth rulec_test_truth(const struct rulec_policy *policy, const struct rulec_claim *claim,
                                  uint32_t index);
/* Whether rule applies to the claim. When it does not, *culprit is the first test that
 * fails: through 'and's, down to the first operand that is false (an 'or' or a 'not' that
 * fails is the culprit itself); when the answer is unknown, the first test whose input is
 * absent, found the same way. *failed counts the failing operands of the root (1 when the
 * root is not an 'and'): how far the claim is from the rule. */
enum rulec_truth rulec_rule_applies(const struct rulec_policy *policy, const struct rulec_claim *claim,
                                    uint32_t rule, uint32_t *culprit, uint32_t *failed);
/* Why not another answer (why_not.c): the smallest change to a claim that gives it the
 * answer wanted. An answer wanted is an outcome (RULEC_OUTCOME_UNSPECIFIED, …), a deciding rule,
 * or an output with a value (a member's index, a boolean, a date as days, a set's mask: the
 * members the answer must hold, others allowed). */
enum rulec_want_kind { RULEC_WANT_OUTCOME, RULEC_WANT_RULE, RULEC_WANT_OUTPUT };
struct rulec_want {
    uint8_t kind;
    uint16_t output;              /* RULEC_WANT_OUTPUT: the output's index */
    int32_t value;                /* the outcome, the rule's index, or the output's value */
    uint64_t fixed;               /* bit i: input i must stay as the claim has it (a fact the
                                     clerk cannot change, or a change already offered) */
};

/* The change. The claim with it (claim) is decided by rule with the answer wanted; the inputs
 * of changed take other values there, or values the claim lacked. Each changed input may take
 * exactly its allowed values, the other inputs as in claim: members for an enumeration or a
 * boolean (bit m: member m, bit 1: true), a range for a date or an integer, both ends
 * included (INT32_MIN, INT32_MAX: no bound; the range around the value chosen, when the values
 * that work are not one range). */
struct rulec_change {
    int rule;
    uint64_t changed;
    struct rulec_claim claim;
    uint64_t members[RULEC_MAX_VARS];
    struct rulec_range ranges[RULEC_MAX_VARS];
    uint32_t distance;            /* days or units the changed dates and integers moved, summed */
    uint8_t exact;                /* 1: no change of fewer inputs, nor of as many and a smaller
                                     distance, gives the answer; 0: this change gives it, but the
                                     search could not weigh every path (its budget ran out, or a
                                     computed output compares more than two dates) */
};

enum rulec_why_not_status {
    RULEC_WHY_NOT_FOUND = 0,         /* change holds the smallest change */
    RULEC_WHY_NOT_ALREADY = 1,       /* the claim gets that answer as it is */
    RULEC_WHY_NOT_NEVER = 2,         /* no claim gets it (that keeps the inputs want->fixed) */
    RULEC_WHY_NOT_TOO_COMPLEX = 3,   /* none found before the search's budget ran out */
    RULEC_WHY_NOT_BAD_TABLES = 4,
    RULEC_WHY_NOT_BAD_INPUT = 5,     /* a claim's boolean or enumeration out of its type (as
                                     rulec_decide's RULEC_BAD_INPUT), or a NULL argument */
    RULEC_WHY_NOT_BAD_ABI = 6        /* tables of another layout (rulec_decide's RULEC_BAD_ABI) */
};

/* Finds the change: over every path of the tables to a rule that can give the answer, the
 * fewest inputs to change (those whose tests the claim fails, those it lacks and the path
 * needs — an absent input may also stay absent where the answer does not depend on it —
 * then, where differences of dates require it, the fewest more), then the values nearest to
 * the claim's (the least distance), then the most room (the widest ranges of allowed values),
 * never by trying values; a tie beyond that keeps the first path in the tables' order. The
 * allowed values of each changed input are all those that give the answer with the other
 * inputs as in the changed claim, over every path. Allocates nothing; about 20 KB of stack. */
enum rulec_why_not_status rulec_why_not(const struct rulec_policy *policy, const struct rulec_claim *claim,
                                        const struct rulec_want *want, struct rulec_change *change);
/* Whether a decided answer (rulec_decide's RULEC_OK) is the one wanted. */
int rulec_result_wanted(const struct rulec_policy *policy, const struct rulec_result *result,
                        const struct rulec_want *want);

/* How many of the ascending values sorted[0..count) are <= value (a binary search): the cell
 * of value between cut points. */
unsigned rulec_count_le(const int32_t *sorted, uint32_t count, int32_t value);
/* The cell of a value for a variable. */
unsigned rulec_cell(const struct rulec_var *var, int32_t value);

/* Dates. */
int rulec_date_valid(int year, int month, int day);
int32_t rulec_days_from_civil(int year, int month, int day);
void rulec_civil_from_days(int32_t days, int *year, int *month, int *day);
/* "YYYY-MM-DD" -> days. Returns 0, or -1 when it is not a real date of years 1000 to 9999. */
int rulec_date_parse(const char *text, int32_t *days);
/* Whether days (possibly the sum of a date and a shift) is a date of the years 1000 to 9999. */
static inline int rulec_days_in_range(int64_t days)
{
    return days >= RULEC_DAYS_MIN && days <= RULEC_DAYS_MAX;
}
/* The number YYYYMMDD (20180401) -> days. Returns 0, or -1 when it is not a real date of years
 * 1000 to 9999. Inline, because generated code converts every date of every claim: the same
 * arithmetic as rulec_days_from_civil, without its era step (years here are positive). */
static inline int rulec_date_from_number(int32_t number, int32_t *days)
{
    static const unsigned char month_days[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (number < 10000101 || number > 99991231)
        return -1;
    uint32_t year = (uint32_t)number / 10000, month = (uint32_t)number / 100 % 100;
    uint32_t day = (uint32_t)number % 100;
    if (month - 1 > 11 || day == 0)
        return -1;
    uint32_t last = month_days[month];
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        last = 29;
    if (day > last)
        return -1;
    year -= month <= 2;
    uint32_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    *days = (int32_t)(year * 365 + year / 4 - year / 100 + year / 400 + day_of_year) - 719468;
    return 0;
}
/* days -> the number YYYYMMDD. */
int32_t rulec_date_to_number(int32_t days);
/* days -> "YYYY-MM-DD", buffer of at least 11 bytes; "----------" for a day outside the
 * years 1000 to 9999. */
void rulec_date_format(int32_t days, char *buffer);

/* How a citation reads: "section 1.2" for a section that starts with a digit, any other
 * ("art. 22.1", "introduction") as written. Returns "section " or "". */
const char *rulec_section_prefix(const char *section);

/* Writing values. A domain is what a value of an input or an output can be. */
struct rulec_domain {
    uint8_t type;
    uint16_t nmembers;
    const char *const *members, *const *member_labels;
    uint8_t bounded;              /* an integer's range, as struct rulec_var's */
    int32_t low, high;
};
struct rulec_domain rulec_var_domain(const struct rulec_var *var);
struct rulec_domain rulec_output_domain(const struct rulec_output *output);
/* Keep in step with the tables of rulec_format_value (text.c), indexed by notation. */
enum rulec_notation {
    RULEC_NOTATION_RULES,   /* as the rule file writes it: true, 2018-04-01, member, { a, b } */
    RULEC_NOTATION_JSON,    /* true, "2018-04-01", "member", ["a","b"] */
    RULEC_NOTATION_CSV,     /* a CSV field's text: true, 2018-04-01, member, a b */
    RULEC_NOTATION_CLERK    /* for a clerk, in French: oui, 2018-04-01, Label (member), a list */
};
/* An integer's declared range as a clerk reads it, after "un entier": "de 0 à 99", "d'au
 * moins 0", "d'au plus 99", or "" for none (INT32_MIN and INT32_MAX: no bound). Written as
 * snprintf writes; returns the length the whole text needs. */
size_t rulec_range_text(char *buffer, size_t size, int32_t low, int32_t high);
/* "decided", "unspecified", "invalid": an outcome as JSON names it; NULL past the last. */
const char *rulec_outcome_name(unsigned outcome);
/* "=", "!=", "<", "<=", ">", ">=": an operator as the rule file writes it; NULL past the last. */
const char *rulec_op_text(unsigned op);
/* Writes the value into buffer as snprintf does (truncated to size, terminated when size > 0)
 * and returns the length the whole text needs. */
size_t rulec_format_value(char *buffer, size_t size, const struct rulec_domain *domain, int32_t value,
                          enum rulec_notation notation);

/* Why a claim was refused, for a clerk, in French (the language of the RAMQ policy, and of
 * every message rulec writes for it), as one line: what rulec_decide's status says, naming the
 * input at fault and the values it allows, e.g. "profession : donnée manquante, nécessaire à
 * cette décision (Profession) ; valeurs permises : dentiste, chirurgien_buccal, optometriste".
 * claim and result are those rulec_decide was given and filled; status is not RULEC_OK.
 * Written as snprintf writes; returns the length the whole text needs, so that a caller whose
 * buffer was short can allocate that length + 1 and write it again. RULEC_REFUSAL_SIZE holds
 * it whenever an input's label and its members' names, with ", " between them, fit in 2 KB. */
#define RULEC_REFUSAL_SIZE 2560
size_t rulec_refusal_text(char *buffer, size_t size, const struct rulec_policy *policy,
                          const struct rulec_claim *claim, enum rulec_status status,
                          const struct rulec_result *result);
/* Its parts: the values a domain allows ("valeurs permises : true, false (ou 1, 0)"); an
 * input the decision needs; a deadline computed from input's date that leaves the years 1000
 * to 9999. Each written as snprintf writes, returning the length the whole text needs. */
size_t rulec_allowed_text(char *buffer, size_t size, const struct rulec_domain *domain);
size_t rulec_missing_text(char *buffer, size_t size, const struct rulec_policy *policy, int input);
size_t rulec_out_of_range_text(char *buffer, size_t size, const struct rulec_policy *policy,
                               const struct rulec_claim *claim, int input);

/* Text that cannot disguise itself on a terminal (GCC's -Wbidi-chars, CVE-2021-42574 "Trojan
 * Source"): the character at text (available bytes, at least 1) as a terminal may show it.
 * Writes into display, NUL-terminated, either the character's own bytes or, for a character
 * that would act instead of showing, its name: "<U+202E>" for a control (C0 but tab and line
 * feed, DEL, C1) or a bidirectional formatting character (U+061C, U+200E, U+200F, U+202A to
 * U+202E, U+2066 to U+2069), "<0xFF>" for a byte that is not well-formed UTF-8. Returns the
 * bytes of text it stood for (1 to 4); *escaped is set to 1 when display is a name, else 0. */
#define RULEC_DISPLAY_SIZE 16
size_t rulec_display_char(const char *text, size_t available, char display[RULEC_DISPLAY_SIZE],
                          int *escaped);
/* For NUL-terminated text, pass this as available (to rulec_display_char and rulec_utf8_length)
 * rather than strlen on every character: a sequence cut by the NUL fails at the NUL, which is
 * never a continuation byte, so nothing past it is read. */
#define RULEC_UTF8_MAX 4
/* The length (2 to 4) of the well-formed UTF-8 character at text, a lead byte of 0x80 or more
 * (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF), or 0. */
size_t rulec_utf8_length(const char *text, size_t available);
/* The code point of the well-formed character of length bytes at text (length from
 * rulec_utf8_length, or 1 for ASCII). */
uint32_t rulec_utf8_code(const char *text, size_t length);

/* Reading a claim written as name=value text. */
enum rulec_parse_status {
    RULEC_PARSE_OK = 0,
    RULEC_PARSE_NO_EQUALS,      /* the argument has no '=' */
    RULEC_PARSE_UNKNOWN_INPUT,  /* the name is not an input of the policy */
    RULEC_PARSE_REPEATED,       /* the input was given already */
    RULEC_PARSE_BAD_VALUE       /* the value is not one the input's type allows */
};

/* Index of the input called name (length bytes), or -1. */
int rulec_input_index(const struct rulec_policy *policy, const char *name, size_t length);
/* Reads text as a value of var: an enumeration member's name, true or false (or 1 or 0),
 * YYYY-MM-DD, or a decimal integer (inside its declared range). Returns 0, or -1 when the text
 * is not such a value. */
int rulec_parse_value(const struct rulec_var *var, const char *text, int32_t *value);
/* Reads text as a value of the domain: as rulec_parse_value, and for a set its members'
 * names separated by spaces or commas ("" is the empty set). Returns 0, or -1. */
int rulec_parse_domain_value(const struct rulec_domain *domain, const char *text, int32_t *value);
/* Reads an answer wanted, as a person writes it: "output=value" (the value as
 * rulec_parse_domain_value reads it; a boolean also vrai, faux, oui or non; a set's members are
 * those the answer must hold, others allowed), "rule=name" (or "règle=name"), or an outcome: "decided",
 * "unspecified", "invalid" (or décidé, non_précisé, invalide). RULEC_PARSE_NO_EQUALS: neither;
 * RULEC_PARSE_UNKNOWN_INPUT: no output has that name; RULEC_PARSE_BAD_VALUE: no such rule, or a
 * value the output cannot have. */
enum rulec_parse_status rulec_parse_want(const struct rulec_policy *policy, const char *text,
                                         struct rulec_want *want);
/* Reads one "name=value" argument into the claim; *input receives the input's index when the
 * name is known (for messages), else -1. An empty value is a bad value. */
enum rulec_parse_status rulec_claim_parse_arg(const struct rulec_policy *policy, struct rulec_claim *claim,
                                              const char *arg, int *input);

#ifdef __cplusplus
}
#endif

#endif
