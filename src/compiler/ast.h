/* src/compiler/ast.h — the syntax tree of a rule file, as written, before any checking.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_AST_H
#define RULEC_AST_H

#include <stdint.h>

#include "arena.h"
#include "diag.h"

/* A list of pointers, grown in the arena (the old array is left behind: lists are short). */
struct ast_list {
    void **items;
    int count, capacity;
};

enum ast_expr_kind {
    AST_EXPR_NAME,   /* name: an input, let, const, output, or an enumeration value */
    AST_EXPR_INT,    /* number */
    AST_EXPR_DATE,   /* year, month, day as written; validated by the checker */
    AST_EXPR_BOOL,   /* number is 0 or 1 */
    AST_EXPR_SET,    /* items: names between braces */
    AST_EXPR_DAYS,   /* number days, or name days (name: a constant) */
    AST_EXPR_ADD,    /* left + right */
    AST_EXPR_SUB,    /* left - right */
    AST_EXPR_LOOKUP, /* lookup name { entries }: items of AST_EXPR_ENTRY */
    AST_EXPR_ENTRY   /* member : left (name NULL: otherwise) */
};

/* What each kind holds, besides its span: name for NAME, DAYS of a constant, LOOKUP (its key)
 * and ENTRY (its member; NULL: otherwise); and one of the union's members. A kind reads only
 * its own: the union keeps a node to 48 bytes (88 with a field for each), and a rule file of
 * 100,000 rules makes a million of them. */
struct ast_expr {
    enum ast_expr_kind kind;
    struct diag_span span;
    const char *name;
    union {
        int64_t number;                             /* INT, BOOL; DAYS of a number */
        struct { int year, month, day; };          /* DATE */
        struct { struct ast_expr *left, *right; }; /* ADD, SUB; ENTRY's value: left */
        struct ast_list items;                      /* SET (of names), LOOKUP (of ENTRY) */
    };
};

enum ast_type_kind { AST_TYPE_BOOL, AST_TYPE_INT, AST_TYPE_DATE, AST_TYPE_ENUM, AST_TYPE_SET };

struct ast_member {          /* one value of an enumeration or flag of a set */
    const char *name, *label;
    struct diag_span span;
};

struct ast_type {
    enum ast_type_kind kind;
    struct diag_span span;
    struct ast_list members; /* of struct ast_member */
    /* An integer's declared range (int >= 0, int between 0 and 99): each bound NULL when
     * none; strict for > and <. */
    const struct ast_expr *low, *high;
    int low_strict, high_strict;
};

enum ast_op { AST_OP_EQ, AST_OP_NE, AST_OP_LT, AST_OP_LE, AST_OP_GT, AST_OP_GE };

enum ast_cond_kind {
    AST_COND_AND, AST_COND_OR, AST_COND_NOT,
    AST_COND_IS,        /* a boolean name alone: name = true */
    AST_COND_CMP,       /* name op value */
    AST_COND_IN,        /* name in { values } */
    AST_COND_BETWEEN,   /* name between low and high, both included */
    AST_COND_UNSET,     /* properties: name = unset, name != unset (op) */
    AST_COND_OUTCOME    /* properties: decided, unspecified, invalid (outcome) */
};

/* The operand of not and the values of a test share their place: a kind reads only its own
 * (72 bytes instead of 96, a million nodes at 100,000 rules). And and or keep their operands
 * in values: a chain written in a row (a and b and c, or (a and b) and c) is one node, where a
 * node per 'and' was 40 MB at 100,000 rules. */
struct ast_cond {
    enum ast_cond_kind kind;
    enum ast_op op;
    int outcome;                    /* outcome: an enum ast_outcome */
    struct diag_span span;
    const char *name;               /* the tested name */
    struct diag_span name_span;
    union {
        struct ast_cond *left;                      /* not: its operand */
        struct { struct ast_expr *value, *high; };  /* cmp: value; between: value..high */
    };
    struct ast_list values;         /* in: of struct ast_expr; and, or: the operands, two or
                                       more, of struct ast_cond */
};

struct ast_name {            /* a reference to a name, kept with where it was written */
    const char *name;
    struct diag_span span;
};

struct ast_cite {              /* cites, or interprets: a passage read with others */
    struct ast_name source;
    const char *section, *quote;
    struct diag_span span, quote_span;
    int interprets;
    int found;                      /* what quote_verify found: enum quote_found */
};

struct ast_assign {          /* name = expr, in then, given and expect */
    struct ast_name target;
    struct ast_expr *value;
};

enum ast_outcome { AST_OUTCOME_ASSIGN, AST_OUTCOME_UNSPECIFIED, AST_OUTCOME_INVALID };

enum ast_expect_kind {
    AST_EXPECT_OUTPUT,       /* output = value, or output = unset */
    AST_EXPECT_UNSPECIFIED,
    AST_EXPECT_INVALID,
    AST_EXPECT_MISSING,      /* the claim lacks an input the decision needs: name */
    AST_EXPECT_RULE          /* the deciding rule: name */
};

/* A rule's outcome as the parser reads it, before the rule's declaration takes it. */
struct ast_rule_outcome {
    enum ast_outcome outcome;
    const char *reason;
    struct diag_span span;
    struct ast_list assigns;
};

struct ast_expect {
    enum ast_expect_kind kind;
    struct ast_name name;
    struct ast_expr *value;  /* NULL for output = unset */
};

enum ast_decl_kind {
    AST_DECL_SOURCE, AST_DECL_INPUT, AST_DECL_CONST, AST_DECL_LET, AST_DECL_CONDITION,
    AST_DECL_OUTPUT, AST_DECL_RULE, AST_DECL_EXAMPLE, AST_DECL_PROPERTY
};

struct ast_decl {
    enum ast_decl_kind kind;
    struct diag_span span;         /* the keyword that opens the declaration */
    struct ast_name name;          /* example: name.name is its title */
    const char *label;             /* source title; input, output, const, let or condition
                                      label (NULL when none is written) */
    const char *note;              /* source or rule note */
    struct ast_name file;          /* source: its text file, name NULL when none */
    struct ast_name because;       /* rule: the reasoning of its interprets, name NULL if none */
    struct ast_type *type;         /* input, output */
    struct ast_expr *expr;         /* const, let */
    struct ast_cond *formula;      /* computed output: a comparison */
    /* rule */
    struct ast_list exceptions;    /* of struct ast_name */
    int exception_to_all;
    struct ast_list cites;         /* of struct ast_cite */
    struct ast_cond *when;         /* rule: NULL when it always applies; named condition;
                                      property: the claims it speaks of, NULL for all */
    struct ast_cond *requires;     /* property: what must hold of them */
    enum ast_outcome outcome;
    const char *reason;
    struct diag_span outcome_span;
    struct ast_list assigns;       /* of struct ast_assign */
    /* example */
    struct ast_list given;         /* of struct ast_assign */
    struct ast_list expect;        /* of struct ast_expect */
};

struct ast_file {
    struct ast_name policy;
    const char *title;
    struct ast_list decls;         /* of struct ast_decl */
    struct arena *bodies;          /* where the rules' conditions and outcomes are, the k-th
                                      rule's under mark k (parse_file); NULL: in the tree */
};

void ast_list_push(struct arena *arena, struct ast_list *list, void *item);
struct diag_span ast_span(struct diag_span first, struct diag_span last);

struct ast_expr *ast_expr_new(struct arena *arena, enum ast_expr_kind kind, struct diag_span span);
struct ast_expr *ast_expr_binary(struct arena *arena, enum ast_expr_kind kind,
                                 struct ast_expr *left, struct ast_expr *right);
struct ast_cond *ast_cond_new(struct arena *arena, enum ast_cond_kind kind, struct diag_span span);
/* left and right under and or or (kind): right is added to left when left is already such a
 * chain, which then ends where right does. */
struct ast_cond *ast_cond_chain(struct arena *arena, enum ast_cond_kind kind,
                                struct ast_cond *left, struct ast_cond *right);
struct ast_decl *ast_decl_new(struct arena *arena, enum ast_decl_kind kind, struct diag_span span);
/* A type with a declared range (low or high NULL: no bound on that side); the caller sets its
 * kind and span. */
struct ast_type *ast_type_bounded(struct arena *arena, const struct ast_expr *low, int low_strict,
                                  const struct ast_expr *high, int high_strict);

#endif
