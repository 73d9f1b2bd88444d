/* src/compiler/checker.h — what the checker's files share: the symbol table and the helpers
 * each pass calls. Not for use outside the check_*.c files and check.c.
 * Part of rulec; see README.md for the licence.
 *
 * The checker is one pass per file:
 *   check_symbols.c     names, their table, "vouliez-vous dire"
 *   check_constants.c   constants, dates, types of declarations
 *   check_conditions.c  conditions lowered to interval and member tests; cut points
 *   check_linear.c      derived values (let): plus - minus + offset
 *   check_outputs.c     computed outputs and what rules assign
 *   check_rules.c       rules, their citations and exceptions
 *   check_examples.c    examples
 *   check_properties.c  properties: what must hold of every claim's answer
 *   check.c             the order of the passes (check_file)
 * Naming in the generated C is the C emitter's (emit_names.c). */
#ifndef RULEC_CHECKER_H
#define RULEC_CHECKER_H

#include "check.h"
#include "keywords.h"

/* Keep in step with check_symbol_words (check_symbols.c). */
enum check_symbol_kind { SYM_NONE, SYM_INPUT, SYM_LET, SYM_CONST, SYM_OUTPUT, SYM_SOURCE, SYM_RULE,
                         SYM_CONDITION, SYM_KIND_COUNT };

struct check_symbol {
    const char *name;
    enum check_symbol_kind kind;
    int index;
    struct diag_span span;
    enum rulec_type type;       /* constants */
    int32_t value;
    struct check_cond *cond; /* named conditions */
    int lookup;              /* constants: 1 + the model's lookup it is, 0 for a fixed value */
};

/* Open addressing; the table never fills past half. */
struct check_table {
    struct check_symbol *slots;
    unsigned capacity, count;
};

struct checker {
    struct arena *arena;         /* the model's */
    struct arena *scratch;       /* what only the check reads (check_file) */
    struct diag *diag;
    struct check_model *model;
    struct check_table values;   /* inputs, lets, consts, outputs share one namespace */
    struct check_table rules;
    struct check_table sources;
    int no_cuts;                 /* 1 while a property's tests are lowered: they cut nothing,
                                    so that a property never changes the decision tables */
    /* How messages name a variable ("l'entrée 'x'") and an output ("la sortie 'y'"), made
     * once each, when first asked (check_var_what, check_output_what): made for every test
     * and assignment, they were 15 MB and 800,000 printf calls at 100,000 rules. */
    const char **var_what;       /* one per variable of the model */
    const char **output_what;    /* one per output */
    struct check_leaves *leaves; /* while the rules are checked: their tests, each text once
                                    (check_leaf); NULL otherwise */
};

/* check_symbols.c */
extern const char *const check_symbol_words[SYM_KIND_COUNT];
void check_table_init(struct arena *arena, struct check_table *table, unsigned expected);
struct check_symbol *check_lookup(struct check_table *table, const char *name);
struct check_symbol *check_declare(struct checker *c, struct check_table *table,
                                   const struct ast_name *name, enum check_symbol_kind kind,
                                   int index);
void check_unknown(struct checker *c, struct diag_span span, const char *name);

/* check_constants.c */
const char *check_type_word(enum rulec_type type);
const char *check_member_list(struct checker *c, int count, const char **members);
int check_member_index(int count, const char **members, const char *name);
int check_constant(struct checker *c, enum rulec_type type, int nmembers, const char **members,
                   const struct ast_expr *expr, const char *what, int32_t *value);
int check_type(struct checker *c, const struct ast_type *type, enum rulec_type *out, int *nmembers,
               const char ***members, const char ***labels, int max);
int check_ordered(enum rulec_type type);

/* check_conditions.c */
struct check_cond *check_cond_new(struct checker *c, enum check_cond_kind kind);
/* The rule file's text over span, on one line: runs of blanks and line breaks become one
 * space, and comments are left out. */
const char *check_text(struct checker *c, struct diag_span span);
struct check_cond *check_condition(struct checker *c, const struct ast_cond *ast);
/* From check_leaves_begin to check_leaves_free, a test written again in a rule's condition is
 * the one made the first time (check_leaf). */
void check_leaves_begin(struct checker *c);
void check_leaves_free(struct checker *c);
const char *check_var_what(struct checker *c, const struct check_var *var);
/* Sorts each variable's cut points and drops duplicates: cuts are only appended while
 * conditions are lowered. */
void check_finish_cuts(struct checker *c);

/* check_linear.c: a derived value's expression, reduced to plus - minus + offset. */
struct check_linear {
    int plus, minus;
    int64_t offset;
    enum rulec_type type;
    int days;                      /* a number written with its unit (90 days, delay days) */
    int lookup;                    /* 1 + the lookup added as days (a rule's deadline), or 0 */
};
int check_linear(struct checker *c, const struct ast_expr *expr, struct check_linear *out);

/* check_outputs.c */
void check_output_formula(struct checker *c, int index, const struct ast_decl *decl);
int check_assign(struct checker *c, const struct ast_assign *assign, struct rulec_assign *out,
                 int allow_shift);

/* check_rules.c */
/* The citations of a rule or a property (what: "la règle", "la propriété"). */
void check_citations(struct checker *c, const struct ast_decl *decl, const char *what,
                     int *ncites, struct rulec_cite **cites, const char **citation,
                     const char **interpretation);
void check_rule(struct checker *c, int index, const struct ast_decl *decl);
void check_exceptions(struct checker *c, int index, const struct ast_decl *decl);
int check_exception_cycles(struct checker *c);

/* check_properties.c */
void check_property(struct checker *c, struct check_property *property, const struct ast_decl *decl);

/* check_examples.c */
void check_example(struct checker *c, struct check_example *example, const struct ast_decl *decl);

#endif
