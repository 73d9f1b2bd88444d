/* src/compiler/check.h — names and types: from syntax tree to the checked model.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_CHECK_H
#define RULEC_CHECK_H

#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include <rulec/rulec.h>

/* Members of an enumeration: a condition's test is a 64-bit mask of them. */
#define CHECK_MAX_MEMBERS 64

struct check_var {                 /* an input or a derived value (let) */
    const char *name, *label;
    enum rulec_type type;
    int is_input;
    int plus, minus;               /* derived: inputs added and subtracted, -1 none */
    int32_t offset;
    int nmembers;
    const char **members, **member_labels;
    int ncuts, cuts_capacity;      /* dates and integers: sorted, unique */
    int32_t *cuts;
    /* An integer input's declared range (int between 0 and 99), both ends included: a claim
     * outside it is refused, never decided. INT32_MIN, INT32_MAX: no bound (every other
     * variable). */
    int32_t low, high;
    struct diag_span span;
};

struct check_output {
    const char *name, *label;
    enum rulec_type type;
    int nmembers;
    const char **members, **member_labels;
    int computed;
    enum rulec_op op;
    struct rulec_operand left, right;
    struct diag_span span;
};

enum check_cond_kind { CHECK_COND_TRUE, CHECK_COND_AND, CHECK_COND_OR, CHECK_COND_NOT,
                       CHECK_COND_TEST };

/* A range of values, both bounds included; INT32_MIN/MAX for no bound. */
struct check_range {
    int32_t low, high;
};

/* A test is var in one of ranges for dates and integers (ascending, disjoint and not
 * adjacent), or var's value is one of members (a bit mask over the member indexes) for
 * enumerations and booleans. And and or hold two or more operands, not one: a chain of
 * 'and's is one node, however long. */
struct check_cond {
    enum check_cond_kind kind;
    int nchildren;
    struct check_cond **children;
    int var;
    int nranges;
    const struct check_range *ranges;
    uint64_t members;
    const char *text;              /* as the rule file writes it, on one line (explanations) */
};

struct check_source {
    const char *name, *title, *note;
    const char *file;              /* the text its quotes are checked against; NULL: none */
    struct diag_span span;
};

struct check_rule {
    const char *name;
    struct diag_span span;
    unsigned line;
    enum rulec_outcome outcome;
    const char *reason, *note, *citation;
    const char *interpretation;    /* because "…": NULL when the rule applies text as written */
    struct check_cond *when;
    int nassigns;
    struct rulec_assign *assigns;     /* sorted by output */
    int ncites;
    struct rulec_cite *cites;
    unsigned char *found;          /* per citation, what quote_verify found (enum quote_found),
                                      written by compile_passes; NULL before */
    int nexceptions;               /* rules this one is an exception to */
    int *exceptions;
    int exception_to_all;
};

struct check_expect {
    enum ast_expect_kind kind;
    int index;                     /* output, input or rule index */
    int has_value;                 /* output: 0 expects unset */
    int32_t value;
    struct diag_span span;
};

struct check_example {
    const char *title;
    struct diag_span span;
    unsigned line;
    struct rulec_claim claim;
    int nexpects;
    struct check_expect *expects;
};

/* A constant that depends on an enumeration input, written once (lookup key { member : value,
 * otherwise : value }): its values, one per member of key, are lookup_values[first] on. A rule
 * that uses it assigns with rulec_assign.key = key and value = first. */
struct check_lookup {
    const char *name;
    int key;                       /* the enumeration input */
    enum rulec_type type;             /* of its values: an integer (days) or a date */
    int first;
};

/* A property's formula (check_properties.c): and, or, not over tests of the claim (a condition
 * as rules write it), of the outcome, and of an output's value. */
enum check_prop_kind { CHECK_PROP_TRUE, CHECK_PROP_AND, CHECK_PROP_OR, CHECK_PROP_NOT,
                       CHECK_PROP_CLAIM, CHECK_PROP_OUTCOME, CHECK_PROP_OUTPUT };

/* What a test of an output asks. Every test but CHECK_PROP_IS_SET is false where the output
 * is not set: 'canal = x' fails on an answer without a channel; 'canal != x', which the
 * checker writes as 'non canal = x', holds there. */
enum check_prop_test {
    CHECK_PROP_IS_SET,             /* the output is set (output != unset) */
    CHECK_PROP_MEMBER,             /* an enumeration's or a boolean's value is one of members */
    CHECK_PROP_EQUALS,             /* a set's value is exactly members */
    CHECK_PROP_COMPARE             /* a date's or an integer's value op plus - minus + offset,
                                      plus the lookup's value for the claim's member */
};

struct check_prop {
    enum check_prop_kind kind;
    int nchildren;                 /* and, or: two or more; not: one */
    struct check_prop **children;
    const struct check_cond *cond; /* claim */
    unsigned outcomes;             /* outcome: bit k for enum rulec_outcome k */
    int output;                    /* output */
    enum check_prop_test test;
    uint64_t members;
    enum rulec_op op;
    int plus, minus;               /* inputs, -1 for none */
    int32_t offset;
    int lookup;                    /* 1 + the model's lookup added, or 0 */
    const char *text;              /* as the rule file writes it, on one line */
};

/* property NAME "label" cites … [when COND] requires COND: for every complete claim that
 * satisfies when (all claims when there is none), with the answer the policy gives it,
 * requires holds. */
struct check_property {
    const char *name, *label;      /* label NULL when the file gives none */
    struct diag_span span;
    unsigned line;
    int ncites;
    struct rulec_cite *cites;
    unsigned char *found;          /* as check_rule's */
    const char *citation, *interpretation;
    struct check_prop *when;       /* CHECK_PROP_TRUE when the file writes no 'when' */
    struct check_prop *requires;
};

/* What a constant, a derived value or a named condition is, as the rule file defines it: the
 * auditor's report defines every name that a condition or an answer uses. */
/* CHECK_DEFINE_INPUT: an integer input with a declared range (its text: the type). */
enum check_definition_kind { CHECK_DEFINE_CONST, CHECK_DEFINE_LET, CHECK_DEFINE_CONDITION,
                             CHECK_DEFINE_INPUT };

struct check_definition {
    enum check_definition_kind kind;
    const char *name;
    const char *label;             /* NULL when the file gives none */
    const char *text;              /* the definition after '=', as written, on one line */
    unsigned line;
    enum rulec_type type;             /* a constant's type and value */
    int32_t value;
    int var;                       /* a derived value's or a bounded input's variable */
    const struct check_cond *cond; /* a named condition's test */
};

struct check_model {
    const char *name, *title;
    struct diag_span span;
    int nvars, ninputs;            /* inputs first, then derived values */
    struct check_var *vars;
    int noutputs;
    struct check_output *outputs;
    int nsources;
    struct check_source *sources;
    int nrules;
    struct check_rule *rules;
    int nexamples;
    struct check_example *examples;
    int nlookups;
    struct check_lookup *lookups;
    int nlookup_values;
    int32_t *lookup_values;        /* each lookup's values, one per member of its key */
    int nproperties;               /* in the file's order */
    struct check_property *properties;
    int ndefinitions;              /* in the file's order */
    struct check_definition *definitions;
};

/* Returns the model, or NULL after reporting errors. The model lives in arena; what only the
 * check reads (its tables of names, its searches) goes into scratch, which may be released
 * once the check returns (the syntax tree's arena: 13 MB at 100,000 rules). With
 * release_bodies, the rules' conditions and outcomes (file->bodies) are released as the rules
 * are checked, and nothing may read them after: at 100,000 rules they are 110 MB of a 175 MB
 * tree, which was all alive with the whole model at the end of the check. */
struct check_model *check_file(struct arena *arena, struct arena *scratch, struct diag *diag,
                               const struct ast_file *file, int release_bodies);

/* An integer and its declared range in words, for messages: "un entier de 0 à 99", "un entier
 * d'au moins 0", "un entier" (check_constants.c, with rulec_range_text). */
const char *check_range_text(struct arena *arena, int32_t low, int32_t high);

#endif
