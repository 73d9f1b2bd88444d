/* src/runtime/rt.h — the rulec runtime: walks compiled decision tables. The public runtime API.
 * Part of rulec; see README.md for the licence.
 *
 * The runtime allocates nothing, keeps no global state and only reads the tables, so any
 * number of threads may call it at once. Generated code (gen/<policy>.c) defines one
 * struct rt_policy; rulec builds the same struct in memory and calls the same functions. */
#ifndef RULEC_RT_H
#define RULEC_RT_H

#include <stddef.h>
#include <stdint.h>

#define RT_MAX_VARS 64      /* inputs and derived values together: one presence bit each */
#define RT_MAX_OUTPUTS 32   /* one "is set" bit each */
#define RT_MAX_MEMBERS 32   /* members of a set output: one bit each */

/* Keep in step with emit_type_names (src/compiler/emit.c), which names them in C. */
enum rt_type { RT_TYPE_BOOL, RT_TYPE_INT, RT_TYPE_DATE, RT_TYPE_ENUM, RT_TYPE_SET };

/* What a rule says: a decision, or one of the two outcomes for what the source leaves open. */
enum rt_outcome { RT_OUTCOME_DECIDED, RT_OUTCOME_UNSPECIFIED, RT_OUTCOME_INVALID };
/* Keep in step with rt_outcome_name (rt_text.c) and emit_outcome_names (emit.c). */

/* Keep in step with rt_op_text (rt_text.c) and emit_op_names (emit.c). */
enum rt_op { RT_OP_EQ, RT_OP_NE, RT_OP_LT, RT_OP_LE, RT_OP_GT, RT_OP_GE };

/* A decision variable. Inputs come first (index < ninputs). A derived value is
 * plus - minus + offset, where plus and minus name inputs (-1: none).
 * Values are int32: dates are days since 1970-01-01, enumerations the member's index,
 * booleans 0 or 1. Dates and integers are cut into cells at ascending cut points:
 * the cell of v is the number of cuts <= v. Enumerations and booleans: the cell is v. */
struct rt_var {
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
     * outside is refused (RT_BAD_INPUT), never decided. bounded 0, as a zeroed struct has it:
     * any value, low and high unread. */
    uint8_t bounded;
    int32_t low, high;
};

/* Keep in step with emit_operand_names (emit.c). */
enum rt_operand_kind { RT_OPERAND_VAR, RT_OPERAND_OUTPUT, RT_OPERAND_CONST };

struct rt_operand {
    uint8_t kind;
    int32_t value;      /* var index, output index, or the constant */
};

/* An output. A computed output (computed = 1) is the boolean left op right, set when every
 * output it reads is set. */
struct rt_output {
    const char *name, *label;
    uint8_t type, computed, op;
    uint16_t nmembers;
    const char *const *members, *const *member_labels;
    struct rt_operand left, right;
};

enum rt_assign_kind { RT_ASSIGN_CONST, RT_ASSIGN_SHIFT };

/* output = value, or output = var + value (a date plus a number of days). A set's value is
 * a bit mask of members. When key is an input (not -1), the value depends on that
 * enumeration: it is policy->lookup_values[value + the key's member] (a table written once in
 * the rule file, "lookup profession { … }"), and a claim without the key is missing it. */
struct rt_assign {
    uint8_t output, kind;
    int8_t var, key;
    int32_t value;
};

struct rt_source {
    const char *name, *title, *note;
};

struct rt_cite {
    uint16_t source;
    uint8_t interprets;           /* 1: a passage the rule reads with others (interprets) */
    const char *section, *quote;  /* quote may be NULL */
};

struct rt_rule {
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
struct rt_node {
    uint16_t var;
    uint32_t nchildren, first_child;
};

/* Why an answer (rt_explain.c): each rule's condition as a tree of tests, the rules it is an
 * exception to, and each test as the rule file writes it. Read only to explain; a decision
 * never touches it. */
enum rt_test_kind { RT_TEST_TRUE, RT_TEST_AND, RT_TEST_OR, RT_TEST_NOT, RT_TEST_IN };
/* Keep in step with emit_test_kind_names (emit_tables.c). */

/* A range of values, both ends included; INT32_MIN or INT32_MAX: no bound on that side. */
struct rt_range {
    int32_t low, high;
};

/* RT_TEST_IN: variable var's value is one of members (enumerations; booleans: bit 0 false,
 * bit 1 true), or lies in one of ranges[first .. first + count) (dates, integers).
 * RT_TEST_AND, RT_TEST_OR, RT_TEST_NOT: the operands are tests[first .. first + count). */
struct rt_test {
    uint8_t kind;
    uint16_t var;
    uint32_t first, count;
    uint64_t members;
    const char *text;             /* the test as the rule file writes it */
};

struct rt_rule_why {
    uint32_t condition;           /* the test at the root of the rule's condition */
    uint32_t first_exception;     /* the rules it is an exception to: exceptions[first ..] */
    uint16_t nexceptions;
    uint8_t exception_to_all;     /* declared 'exception to all' */
    uint8_t high;                 /* ranks with them: declared so, or an exception (through
                                     any chain) to such a rule; beats every rule that does not */
};

struct rt_explain {
    const struct rt_rule_why *rules;   /* one per rule */
    const struct rt_test *tests;
    const struct rt_range *ranges;
    const uint32_t *exceptions;
    uint32_t ntests, nranges, nexceptions;
};

struct rt_policy {
    const char *name, *title, *rule_file;
    const char *rule_sha256;    /* the rule file's SHA-256, 64 hexadecimal digits */
    const char *generator;      /* "rulec 0.1.0": the compiler that built the tables */
    uint16_t nvars, ninputs, noutputs, nsources;
    uint32_t nrules;
    const struct rt_var *vars;
    const struct rt_output *outputs;
    const struct rt_rule *rules;
    const struct rt_assign *assigns;
    const struct rt_cite *cites;
    const struct rt_source *sources;
    uint32_t nlookup_values;
    const int32_t *lookup_values;   /* the values of lookup assignments (rt_assign.key) */
    uint32_t nnodes;
    const struct rt_node *nodes;
    /* Children, and beside them where each interval starts (dates, integers), each table in
     * the narrowest signed integers that hold it: width 1, 2 or 4 bytes (int8_t, int16_t,
     * int32_t), as SQLite's generators choose. Read them with rt_child and rt_bound. */
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
    const struct rt_explain *explain;   /* NULL: the tables cannot explain */
    /* Bit i: input i is an integer with a declared range (vars[i].bounded: keep in step; the
     * compiler writes both), which rt_decide checks before it walks: the tables assume no claim
     * lies outside. */
    uint64_t bounded;
};

/* Entry i of a table of the given width. */
static inline int32_t rt_table_entry(const void *table, unsigned width, uint32_t i)
{
    return width == 1 ? ((const int8_t *)table)[i]
           : width == 2 ? ((const int16_t *)table)[i] : ((const int32_t *)table)[i];
}
static inline int32_t rt_child(const struct rt_policy *policy, uint32_t i)
{
    return rt_table_entry(policy->children, policy->child_width, i);
}
static inline int32_t rt_bound(const struct rt_policy *policy, uint32_t i)
{
    return rt_table_entry(policy->bounds, policy->bound_width, i);
}

/* A claim: a value for each present input (bit i of present for input i). */
struct rt_claim {
    uint64_t present;
    int32_t values[RT_MAX_VARS];
};

struct rt_result {
    int rule;                     /* the deciding rule's index */
    uint8_t outcome;              /* enum rt_outcome */
    uint32_t set;                 /* bit i: output i is set */
    int32_t values[RT_MAX_OUTPUTS];   /* values[i] is written only when output i is set */
    int missing;                  /* on RT_MISSING: the input the decision needs; on
                                     RT_UNDECIDED: the region (policy->undecided) */
};

enum rt_status {
    RT_OK = 0,
    RT_MISSING = 1,      /* the claim lacks an input the decision needs: result->missing */
    RT_BAD_TABLES = 2,   /* the tables are malformed (never for tables rulec wrote) */
    RT_OUT_OF_RANGE = 3, /* a date the answer computes from input result->missing (a deadline
                            90 days after 9999-12-31) falls outside the years 1000 to 9999 */
    RT_UNDECIDED = 4,    /* an unfinished policy: no rule decides the claim alone (a gap or a
                            conflict); policy->undecided[result->missing] says why */
    RT_BAD_INPUT = 5     /* the call is wrong, not the tables: input result->missing holds a
                            value its type cannot (an enumeration index past its members, a
                            boolean neither 0 nor 1, an integer outside its declared range,
                            whether the decision reads it or not), or policy, claim or result
                            is NULL
                            (result->missing -1; a NULL result is left alone) */
};

/* Dates are those of the years 1000 to 9999, as days since 1970-01-01. */
#define RT_DAYS_MIN (-354285)     /* 1000-01-01 */
#define RT_DAYS_MAX 2932896       /* 9999-12-31 */
/* A shift of a date by a number of days in a rule has at most this magnitude, so that a
 * date plus a shift never leaves 32 bits: the checker refuses more. */
#define RT_MAX_SHIFT (RT_DAYS_MAX - RT_DAYS_MIN)

/* Decides a claim: one walk from the root, one cell per node, to a rule. An absent input
 * takes the node's "absent" child, which the compiler built so that the claim is decided
 * exactly when all values of its absent inputs agree; otherwise RT_MISSING names one. */
enum rt_status rt_decide(const struct rt_policy *policy, const struct rt_claim *claim,
                         struct rt_result *result);

/* The first input given in claim whose value its type cannot hold (a boolean neither 0 nor 1,
 * an enumeration index outside its members, an integer outside its declared range), or -1 when
 * there is none: what rt_decide answers RT_BAD_INPUT for on the inputs it reads (and on every
 * bounded integer given), over all the inputs given. Neither pointer may be NULL. */
int rt_claim_check(const struct rt_policy *policy, const struct rt_claim *claim);

/* Which outputs an answer sets: those in assigned (what the rule assigns), and each computed
 * output whose output operands are set, in declaration order, so that one may read an
 * earlier one. The one rule rt_finish applies and the compiler writes out (the typed API,
 * the decision table). */
uint32_t rt_outputs_set(const struct rt_policy *policy, uint32_t assigned);
/* The outputs a rule's answer sets: those it assigns, then rt_outputs_set. */
uint32_t rt_rule_outputs(const struct rt_policy *policy, const struct rt_rule *rule);

/* The second half of rt_decide, for code that walks the same tables another way (the typed
 * API of generated code walks them as C): ref is the leaf the walk from the root reached for
 * this claim (a negative child, as in struct rt_node). Fills result from the leaf's rule. */
enum rt_status rt_finish(const struct rt_policy *policy, const struct rt_claim *claim,
                         int32_t ref, struct rt_result *result);

/* The meaning of a derived value and of a computed output, written once: rt_decide, the
 * generated code (which calls these) and the compiler's analysis (which reasons on the same
 * form) read them here.
 * A derived value is plus - minus + offset (a term that names no input counts 0), computed in
 * 64 bits and clamped to 32: inputs are dates of years 1000-9999 or int32, so a difference
 * of dates stays far inside; a difference of two extreme integers is clamped, never wrapped. */
static inline int32_t rt_derive(int32_t offset, int32_t plus, int32_t minus)
{
    int64_t sum = (int64_t)offset + plus - minus;
    return sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : (int32_t)sum;
}
/* A computed output: the boolean left op right (enum rt_op). */
static inline int rt_compare(int32_t left, int op, int32_t right)
{
    switch (op) {
    case RT_OP_EQ: return left == right;
    case RT_OP_NE: return left != right;
    case RT_OP_LT: return left < right;
    case RT_OP_LE: return left <= right;
    case RT_OP_GT: return left > right;
    default: return left >= right;
    }
}

/* The value of variable index (an input, or a derived value) for the claim: 0, or -1 when
 * an input it needs is absent, which *missing then names. */
int rt_var_value(const struct rt_policy *policy, const struct rt_claim *claim, int index,
                 int32_t *value, int *missing);

/* Explaining (policy->explain must not be NULL). A condition is true, false, or unknown
 * because an input it reads is absent. */
enum rt_truth { RT_FALSE = 0, RT_TRUE = 1, RT_UNKNOWN = 2 };
/* The truth of test index for the claim (operands evaluated in order, as written). */
enum rt_truth rt_test_truth(const struct rt_policy *policy, const struct rt_claim *claim,
                            uint32_t index);
/* Whether rule applies to the claim. When it does not, *culprit is the first test that
 * fails: through 'and's, down to the first operand that is false (an 'or' or a 'not' that
 * fails is the culprit itself); when the answer is unknown, the first test whose input is
 * absent, found the same way. *failed counts the failing operands of the root (1 when the
 * root is not an 'and'): how far the claim is from the rule. */
enum rt_truth rt_rule_applies(const struct rt_policy *policy, const struct rt_claim *claim,
                              uint32_t rule, uint32_t *culprit, uint32_t *failed);
/* Why not another answer (rt_why_not.c): the smallest change to a claim that gives it the
 * answer wanted. An answer wanted is an outcome (RT_OUTCOME_UNSPECIFIED, …), a deciding rule,
 * or an output with a value (a member's index, a boolean, a date as days, a set's mask: the
 * members the answer must hold, others allowed). */
enum rt_want_kind { RT_WANT_OUTCOME, RT_WANT_RULE, RT_WANT_OUTPUT };
struct rt_want {
    uint8_t kind;
    uint16_t output;              /* RT_WANT_OUTPUT: the output's index */
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
struct rt_change {
    int rule;
    uint64_t changed;
    struct rt_claim claim;
    uint64_t members[RT_MAX_VARS];
    struct rt_range ranges[RT_MAX_VARS];
    uint32_t distance;            /* days or units the changed dates and integers moved, summed */
    uint8_t exact;                /* 1: no change of fewer inputs, nor of as many and a smaller
                                     distance, gives the answer; 0: this change gives it, but the
                                     search could not weigh every path (its budget ran out, or a
                                     computed output compares more than two dates) */
};

enum rt_why_not_status {
    RT_WHY_NOT_FOUND = 0,         /* change holds the smallest change */
    RT_WHY_NOT_ALREADY = 1,       /* the claim gets that answer as it is */
    RT_WHY_NOT_NEVER = 2,         /* no claim gets it (that keeps the inputs want->fixed) */
    RT_WHY_NOT_TOO_COMPLEX = 3,   /* none found before the search's budget ran out */
    RT_WHY_NOT_BAD_TABLES = 4,
    RT_WHY_NOT_BAD_INPUT = 5      /* a claim's boolean or enumeration out of its type (as
                                     rt_decide's RT_BAD_INPUT), or a NULL argument */
};

/* Finds the change: over every path of the tables to a rule that can give the answer, the
 * fewest inputs to change (those whose tests the claim fails, those it lacks and the path
 * needs — an absent input may also stay absent where the answer does not depend on it —
 * then, where differences of dates require it, the fewest more), then the values nearest to
 * the claim's (the least distance), then the most room (the widest ranges of allowed values),
 * never by trying values; a tie beyond that keeps the first path in the tables' order. The
 * allowed values of each changed input are all those that give the answer with the other
 * inputs as in the changed claim, over every path. Allocates nothing; about 20 KB of stack. */
enum rt_why_not_status rt_why_not(const struct rt_policy *policy, const struct rt_claim *claim,
                                  const struct rt_want *want, struct rt_change *change);
/* Whether a decided answer (rt_decide's RT_OK) is the one wanted. */
int rt_result_wanted(const struct rt_policy *policy, const struct rt_result *result,
                     const struct rt_want *want);

/* How many of the ascending values sorted[0..count) are <= value (a binary search): the cell
 * of value between cut points. */
unsigned rt_count_le(const int32_t *sorted, uint32_t count, int32_t value);
/* The cell of a value for a variable. */
unsigned rt_cell(const struct rt_var *var, int32_t value);

/* Dates. */
int rt_date_valid(int year, int month, int day);
int32_t rt_days_from_civil(int year, int month, int day);
void rt_civil_from_days(int32_t days, int *year, int *month, int *day);
/* "YYYY-MM-DD" -> days. Returns 0, or -1 when it is not a real date of years 1000 to 9999. */
int rt_date_parse(const char *text, int32_t *days);
/* Whether days (possibly the sum of a date and a shift) is a date of the years 1000 to 9999. */
static inline int rt_days_in_range(int64_t days)
{
    return days >= RT_DAYS_MIN && days <= RT_DAYS_MAX;
}
/* The number YYYYMMDD (20180401) -> days. Returns 0, or -1 when it is not a real date of years
 * 1000 to 9999. Inline, because generated code converts every date of every claim: the same
 * arithmetic as rt_days_from_civil, without its era step (years here are positive). */
static inline int rt_date_from_number(int32_t number, int32_t *days)
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
int32_t rt_date_to_number(int32_t days);
/* days -> "YYYY-MM-DD", buffer of at least 11 bytes; "----------" for a day outside the
 * years 1000 to 9999. */
void rt_date_format(int32_t days, char *buffer);

/* How a citation reads: "section 1.2" for a section that starts with a digit, any other
 * ("art. 22.1", "introduction") as written. Returns "section " or "". */
const char *rt_section_prefix(const char *section);

/* Writing values. A domain is what a value of an input or an output can be. */
struct rt_domain {
    uint8_t type;
    uint16_t nmembers;
    const char *const *members, *const *member_labels;
    uint8_t bounded;              /* an integer's range, as struct rt_var's */
    int32_t low, high;
};
struct rt_domain rt_var_domain(const struct rt_var *var);
struct rt_domain rt_output_domain(const struct rt_output *output);
/* Keep in step with the tables of rt_format_value (rt_text.c), indexed by notation. */
enum rt_notation {
    RT_NOTATION_RULES,   /* as the rule file writes it: true, 2018-04-01, member, { a, b } */
    RT_NOTATION_JSON,    /* true, "2018-04-01", "member", ["a","b"] */
    RT_NOTATION_CSV,     /* a CSV field's text: true, 2018-04-01, member, a b */
    RT_NOTATION_CLERK    /* for a clerk, in French: oui, 2018-04-01, Label (member), a list */
};
/* An integer's declared range as a clerk reads it, after "un entier": "de 0 à 99", "d'au
 * moins 0", "d'au plus 99", or "" for none (INT32_MIN and INT32_MAX: no bound). Written as
 * snprintf writes; returns the length the whole text needs. */
size_t rt_range_text(char *buffer, size_t size, int32_t low, int32_t high);
/* "decided", "unspecified", "invalid": an outcome as JSON names it; NULL past the last. */
const char *rt_outcome_name(unsigned outcome);
/* "=", "!=", "<", "<=", ">", ">=": an operator as the rule file writes it; NULL past the last. */
const char *rt_op_text(unsigned op);
/* Writes the value into buffer as snprintf does (truncated to size, terminated when size > 0)
 * and returns the length the whole text needs. */
size_t rt_format_value(char *buffer, size_t size, const struct rt_domain *domain, int32_t value,
                       enum rt_notation notation);

/* Text that cannot disguise itself on a terminal (GCC's -Wbidi-chars, CVE-2021-42574 "Trojan
 * Source"): the character at text (available bytes, at least 1) as a terminal may show it.
 * Writes into display, NUL-terminated, either the character's own bytes or, for a character
 * that would act instead of showing, its name: "<U+202E>" for a control (C0 but tab and line
 * feed, DEL, C1) or a bidirectional formatting character (U+061C, U+200E, U+200F, U+202A to
 * U+202E, U+2066 to U+2069), "<0xFF>" for a byte that is not well-formed UTF-8. Returns the
 * bytes of text it stood for (1 to 4); *escaped is set to 1 when display is a name, else 0. */
#define RT_DISPLAY_SIZE 16
size_t rt_display_char(const char *text, size_t available, char display[RT_DISPLAY_SIZE],
                       int *escaped);
/* For NUL-terminated text, pass this as available (to rt_display_char and rt_utf8_length)
 * rather than strlen on every character: a sequence cut by the NUL fails at the NUL, which is
 * never a continuation byte, so nothing past it is read. */
#define RT_UTF8_MAX 4
/* The length (2 to 4) of the well-formed UTF-8 character at text, a lead byte of 0x80 or more
 * (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF), or 0. */
size_t rt_utf8_length(const char *text, size_t available);
/* The code point of the well-formed character of length bytes at text (length from
 * rt_utf8_length, or 1 for ASCII). */
uint32_t rt_utf8_code(const char *text, size_t length);

/* Reading a claim written as name=value text. */
enum rt_parse_status {
    RT_PARSE_OK = 0,
    RT_PARSE_NO_EQUALS,      /* the argument has no '=' */
    RT_PARSE_UNKNOWN_INPUT,  /* the name is not an input of the policy */
    RT_PARSE_REPEATED,       /* the input was given already */
    RT_PARSE_BAD_VALUE       /* the value is not one the input's type allows */
};

/* Index of the input called name (length bytes), or -1. */
int rt_input_index(const struct rt_policy *policy, const char *name, size_t length);
/* Reads text as a value of var: an enumeration member's name, true or false (or 1 or 0),
 * YYYY-MM-DD, or a decimal integer (inside its declared range). Returns 0, or -1 when the text
 * is not such a value. */
int rt_parse_value(const struct rt_var *var, const char *text, int32_t *value);
/* Reads text as a value of the domain: as rt_parse_value, and for a set its members'
 * names separated by spaces or commas ("" is the empty set). Returns 0, or -1. */
int rt_parse_domain_value(const struct rt_domain *domain, const char *text, int32_t *value);
/* Reads an answer wanted, as a person writes it: "output=value" (the value as
 * rt_parse_domain_value reads it; a boolean also vrai, faux, oui or non; a set's members are
 * those the answer must hold, others allowed), "rule=name" (or "règle=name"), or an outcome: "decided",
 * "unspecified", "invalid" (or décidé, non_précisé, invalide). RT_PARSE_NO_EQUALS: neither;
 * RT_PARSE_UNKNOWN_INPUT: no output has that name; RT_PARSE_BAD_VALUE: no such rule, or a
 * value the output cannot have. */
enum rt_parse_status rt_parse_want(const struct rt_policy *policy, const char *text,
                                   struct rt_want *want);
/* Reads one "name=value" argument into the claim; *input receives the input's index when the
 * name is known (for messages), else -1. An empty value is a bad value. */
enum rt_parse_status rt_claim_parse_arg(const struct rt_policy *policy, struct rt_claim *claim,
                                        const char *arg, int *input);

#endif
