/* grammar/parser.y — the rule language's grammar: pure parser, actions only build the tree.
 * Part of rulec; see README.md for the licence. */
%code requires {
#include "ast.h"
#include "parse.h"
typedef void *yyscan_t;
}

%code provides {
int parse_lex(PARSE_STYPE *yylval_param, struct diag_span *yylloc_param, yyscan_t yyscanner,
              struct parse_context *context);
}

%code {
#include <stdio.h>
#include <string.h>

#include "keywords.h"

static void parse_error(struct diag_span *span, yyscan_t scanner, struct parse_context *context,
                        const char *message);

#define YYLLOC_DEFAULT(current, rhs, n)                                   \
    do {                                                                  \
        if (n) {                                                          \
            (current).begin = YYRHSLOC(rhs, 1).begin;                     \
            (current).end = YYRHSLOC(rhs, n).end;                         \
        } else {                                                          \
            (current).begin = (current).end = YYRHSLOC(rhs, 0).end;       \
        }                                                                 \
    } while (0)

#define A (context->tree)
/* A rule's condition and outcome (the most of the tree: 110 MB of it at 100,000 rules) go into
 * the bodies arena, marked with the rule's number, so that the checker may release them as it
 * goes (arena_release_through); everything else, and all of it when there is no such arena,
 * into the tree. */
#define B (context->in_rule && context->bodies ? context->bodies : context->tree)

/* Nesting (parentheses, 'not') costs parser stack, and later the checker's recursion: past
 * this depth the file is refused with a message rather than bison's "memory exhausted". A
 * chain of 'and', 'or' or '+' of any length does not nest: it stays on the stack's floor. */
#define PARSE_MAX_NESTING 960
#define YYMAXDEPTH (PARSE_MAX_NESTING + 40)    /* the rest of a rule takes a few levels */
}

%define api.pure full
%define api.prefix {parse_}
%define api.location.type {struct diag_span}
%define parse.error custom
%define parse.lac full
%define api.symbol.prefix {S_}
%locations
%param { yyscan_t scanner } { struct parse_context *context }
%expect 0

%union {
    const char *text;
    long long number;
    struct { int year, month, day; } date;
    struct ast_expr *expr;
    struct ast_cond *cond;
    struct ast_type *type;
    struct ast_decl *decl;
    struct ast_rule_outcome outcome;
    struct ast_list list;
    struct ast_member *member;
    struct ast_cite *cite;
    struct ast_assign *assign;
    struct ast_expect *expect;
    struct ast_name name;
    struct ast_name *target;
    int op;
}

/* The keywords' tokens, from grammar/keywords.tab (tools/mkkeywords.awk writes this line). */
%token @KEYWORDS@
%token NE "'!='" LE "'<='" GE "'>='"
%token <text> IDENT "nom" STRING "chaîne"
%token <number> NUMBER "nombre"
%token <date> DATE_LITERAL "date"

%type <name> name because source_file
%type <target> exception_target
%type <expr> value term expr rvalue lookup entry
%type <list> names members cites assigns expects value_list entries
%type <type> type bound
%type <member> member
%type <cite> cite
%type <assign> assign
%type <expect> expect
%type <cond> cond cond_and cond_not atom property_when
%type <decl> decl rule_head
%type <outcome> outcome
%type <op> cmp_op
%type <text> label note

%%

file:
    POLICY name STRING decls {
        context->file->policy = $2;
        context->file->title = $3;
    }
  ;

decls:
    %empty
  | decls decl   { ast_list_push(A, &context->file->decls, $2); }
  | decls error
  ;

name: IDENT { $$.name = $1; $$.span = @1; } ;

label: %empty { $$ = NULL; } | STRING { $$ = $1; } ;
/* The text a source is checked against, and a rule's reasoning: name carries the string. */
source_file: %empty { $$.name = NULL; $$.span = @$; } | FILE_KW STRING { $$.name = $2; $$.span = @2; } ;
because: %empty { $$.name = NULL; $$.span = @$; } | BECAUSE STRING { $$.name = $2; $$.span = @1; } ;
note: %empty { $$ = NULL; } | NOTE STRING { $$ = $2; } ;

decl:
    SOURCE name STRING source_file note {
        $$ = ast_decl_new(A, AST_DECL_SOURCE, @1); $$->name = $2; $$->label = $3; $$->file = $4;
        $$->note = $5;
    }
  | INPUT name label ':' type {
        $$ = ast_decl_new(A, AST_DECL_INPUT, @1); $$->name = $2; $$->label = $3; $$->type = $5;
    }
  | CONST name label '=' value {
        $$ = ast_decl_new(A, AST_DECL_CONST, @1); $$->name = $2; $$->label = $3; $$->expr = $5;
    }
  | CONST name label '=' lookup {
        $$ = ast_decl_new(A, AST_DECL_CONST, @1); $$->name = $2; $$->label = $3; $$->expr = $5;
    }
  | LET name label '=' expr {
        $$ = ast_decl_new(A, AST_DECL_LET, @1); $$->name = $2; $$->label = $3; $$->expr = $5;
    }
  | OUTPUT name label ':' type {
        $$ = ast_decl_new(A, AST_DECL_OUTPUT, @1); $$->name = $2; $$->label = $3; $$->type = $5;
    }
  | OUTPUT name label ':' type '=' atom {
        $$ = ast_decl_new(A, AST_DECL_OUTPUT, @1); $$->name = $2; $$->label = $3; $$->type = $5;
        $$->formula = $7;
    }
  | CONDITION name label '=' cond {
        $$ = ast_decl_new(A, AST_DECL_CONDITION, @1); $$->name = $2; $$->label = $3; $$->when = $5;
    }
  | rule_head cites because note WHEN cond THEN outcome {
        context->in_rule = 0;
        $$ = $1; $$->cites = $2; $$->because = $3; $$->note = $4; $$->when = $6;
        $$->outcome = $8.outcome; $$->reason = $8.reason; $$->assigns = $8.assigns;
        $$->outcome_span = $8.span;
    }
  | rule_head cites because note THEN outcome {
        context->in_rule = 0;
        $$ = $1; $$->cites = $2; $$->because = $3; $$->note = $4;
        $$->outcome = $6.outcome; $$->reason = $6.reason; $$->assigns = $6.assigns;
        $$->outcome_span = $6.span;
    }
  | PROPERTY name label cites because property_when REQUIRES cond {
        $$ = ast_decl_new(A, AST_DECL_PROPERTY, @1); $$->name = $2; $$->label = $3; $$->cites = $4;
        $$->because = $5; $$->when = $6; $$->requires = $8;
    }
  | EXAMPLE STRING GIVEN assigns EXPECT expects {
        $$ = ast_decl_new(A, AST_DECL_EXAMPLE, @1); $$->name.name = $2; $$->name.span = @2;
        $$->given = $4; $$->expect = $6;
    }
  ;

/* What a property's claims are: NULL for every claim. */
property_when: %empty { $$ = NULL; } | WHEN cond { $$ = $2; } ;

/* Its body is read next: parse_enter_rule. */
rule_head:
    RULE name {
        $$ = ast_decl_new(A, AST_DECL_RULE, @1); $$->name = $2;
        parse_enter_rule(context);
    }
  | RULE name EXCEPTION TO names {
        $$ = ast_decl_new(A, AST_DECL_RULE, @1); $$->name = $2;
        parse_enter_rule(context);
        /* 'all' stands in the list as a name without text. */
        for (int i = 0; i < $5.count; i++) {
            struct ast_name *target = $5.items[i];
            if (target->name)
                ast_list_push(A, &$$->exceptions, target);
            else
                $$->exception_to_all = 1;
        }
    }
  ;

/* The outcome travels as a value that the rule copies from (a scratch declaration per rule
 * was 27 MB of the tree at 100,000 rules). */
outcome:
    assigns {
        memset(&$$, 0, sizeof $$);
        $$.outcome = AST_OUTCOME_ASSIGN; $$.assigns = $1; $$.span = @1;
    }
  | UNSPECIFIED STRING {
        memset(&$$, 0, sizeof $$);
        $$.outcome = AST_OUTCOME_UNSPECIFIED; $$.reason = $2; $$.span = @1;
    }
  | INVALID STRING {
        memset(&$$, 0, sizeof $$);
        $$.outcome = AST_OUTCOME_INVALID; $$.reason = $2; $$.span = @1;
    }
  ;

names:
    exception_target            { memset(&$$, 0, sizeof $$); ast_list_push(A, &$$, $1); }
  | names ',' exception_target  { $$ = $1; ast_list_push(A, &$$, $3); }
  ;

exception_target:
    name  { $$ = arena_alloc(A, sizeof *$$); *$$ = $1; }
  | ALL   { $$ = arena_calloc(A, 1, sizeof *$$); $$->span = @1; }
  ;

cites:
    cite            { memset(&$$, 0, sizeof $$); ast_list_push(A, &$$, $1); }
  | cites cite      { $$ = $1; ast_list_push(A, &$$, $2); }
  ;

cite:
    CITES name STRING label {
        $$ = arena_calloc(A, 1, sizeof *$$); $$->source = $2; $$->section = $3; $$->quote = $4;
        $$->span = @$; $$->quote_span = @4;
    }
  | INTERPRETS name STRING label {
        $$ = arena_calloc(A, 1, sizeof *$$); $$->source = $2; $$->section = $3; $$->quote = $4;
        $$->span = @$; $$->quote_span = @4; $$->interprets = 1;
    }
  ;

type:
    BOOL                   { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_TYPE_BOOL; $$->span = @$; }
  | INT                    { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_TYPE_INT; $$->span = @$; }
  /* An integer's range, in the words of a condition: int >= 0, int between 0 and 99. A date
   * reads the same, so that the checker can say that only an integer is bounded. */
  | INT bound              { $$ = $2; $$->kind = AST_TYPE_INT; $$->span = @$; }
  | DATE bound             { $$ = $2; $$->kind = AST_TYPE_DATE; $$->span = @$; }
  | DATE                   { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_TYPE_DATE; $$->span = @$; }
  | ENUM '{' members '}'   { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_TYPE_ENUM; $$->span = @$;
                             $$->members = $3; }
  | SET '{' members '}'    { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_TYPE_SET; $$->span = @$;
                             $$->members = $3; }
  ;

bound:
    GE value               { $$ = ast_type_bounded(A, $2, 0, NULL, 0); }
  | '>' value              { $$ = ast_type_bounded(A, $2, 1, NULL, 0); }
  | LE value               { $$ = ast_type_bounded(A, NULL, 0, $2, 0); }
  | '<' value              { $$ = ast_type_bounded(A, NULL, 0, $2, 1); }
  | BETWEEN value AND value { $$ = ast_type_bounded(A, $2, 0, $4, 0); }
  ;

members:
    member                 { memset(&$$, 0, sizeof $$); ast_list_push(A, &$$, $1); }
  | members ',' member     { $$ = $1; ast_list_push(A, &$$, $3); }
  ;

member:
    IDENT label { $$ = arena_calloc(A, 1, sizeof *$$); $$->name = $1; $$->label = $2; $$->span = @1; }
  ;

cond:
    cond_and
  | cond OR cond_and       { $$ = ast_cond_chain(B, AST_COND_OR, $1, $3); }
  ;

cond_and:
    cond_not
  | cond_and AND cond_not  { $$ = ast_cond_chain(B, AST_COND_AND, $1, $3); }
  ;

cond_not:
    atom
  | NOT cond_not           { $$ = ast_cond_new(B, AST_COND_NOT, @$); $$->left = $2; }
  | '(' cond ')'           { $$ = $2; }
  ;

atom:
    name                   { $$ = ast_cond_new(B, AST_COND_IS, @$); $$->name = $1.name; $$->name_span = @1; }
  | name cmp_op value      { $$ = ast_cond_new(B, AST_COND_CMP, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->op = $2; $$->value = $3; }
  | name IN '{' value_list '}' {
                             $$ = ast_cond_new(B, AST_COND_IN, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->values = $4; }
  | name NOT IN '{' value_list '}' {
                             struct ast_cond *in = ast_cond_new(B, AST_COND_IN, @$);
                             in->name = $1.name; in->name_span = @1; in->values = $5;
                             $$ = ast_cond_new(B, AST_COND_NOT, @$); $$->left = in; }
  /* A property's atoms: a value shifted by a number of days, an output's set of members, an
   * output that is not set, the outcome. A rule's condition refuses them (check_conditions.c). */
  | name cmp_op value '+' term {
                             $$ = ast_cond_new(B, AST_COND_CMP, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->op = $2; $$->value = ast_expr_binary(B, AST_EXPR_ADD, $3, $5); }
  | name cmp_op value '-' term {
                             $$ = ast_cond_new(B, AST_COND_CMP, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->op = $2; $$->value = ast_expr_binary(B, AST_EXPR_SUB, $3, $5); }
  | name cmp_op '{' '}'    { $$ = ast_cond_new(B, AST_COND_CMP, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->op = $2; $$->value = ast_expr_new(B, AST_EXPR_SET, @3); }
  | name cmp_op '{' value_list '}' {
                             $$ = ast_cond_new(B, AST_COND_CMP, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->op = $2; $$->value = ast_expr_new(B, AST_EXPR_SET, ast_span(@3, @5));
                             $$->value->items = $4; }
  | name cmp_op UNSET      { $$ = ast_cond_new(B, AST_COND_UNSET, @$); $$->name = $1.name; $$->name_span = @1;
                             $$->op = $2; }
  | DECIDED                { $$ = ast_cond_new(B, AST_COND_OUTCOME, @$); $$->outcome = AST_OUTCOME_ASSIGN; }
  | UNSPECIFIED            { $$ = ast_cond_new(B, AST_COND_OUTCOME, @$); $$->outcome = AST_OUTCOME_UNSPECIFIED; }
  | INVALID                { $$ = ast_cond_new(B, AST_COND_OUTCOME, @$); $$->outcome = AST_OUTCOME_INVALID; }
  | name BETWEEN value AND value {
                             $$ = ast_cond_new(B, AST_COND_BETWEEN, @$); $$->name = $1.name;
                             $$->name_span = @1; $$->value = $3; $$->high = $5; }
  ;

cmp_op:
    '=' { $$ = AST_OP_EQ; } | NE { $$ = AST_OP_NE; }
  | '<' { $$ = AST_OP_LT; } | LE { $$ = AST_OP_LE; }
  | '>' { $$ = AST_OP_GT; } | GE { $$ = AST_OP_GE; }
  ;

value_list:
    value                  { memset(&$$, 0, sizeof $$); ast_list_push(B, &$$, $1); }
  | value_list ',' value   { $$ = $1; ast_list_push(B, &$$, $3); }
  ;

value:
    IDENT                  { $$ = ast_expr_new(B, AST_EXPR_NAME, @$); $$->name = $1; }
  | NUMBER                 { $$ = ast_expr_new(B, AST_EXPR_INT, @$); $$->number = $1; }
  | '-' NUMBER             { $$ = ast_expr_new(B, AST_EXPR_INT, @$); $$->number = -$2; }
  | DATE_LITERAL           { $$ = ast_expr_new(B, AST_EXPR_DATE, @$); $$->year = $1.year;
                             $$->month = $1.month; $$->day = $1.day; }
  | TRUE                   { $$ = ast_expr_new(B, AST_EXPR_BOOL, @$); $$->number = 1; }
  | FALSE                  { $$ = ast_expr_new(B, AST_EXPR_BOOL, @$); $$->number = 0; }
  ;

term:
    value
  | NUMBER DAYS            { $$ = ast_expr_new(B, AST_EXPR_DAYS, @$); $$->number = $1; }
  | IDENT DAYS             { $$ = ast_expr_new(B, AST_EXPR_DAYS, @$); $$->name = $1; }
  ;

/* A value that depends on an enumeration, written once: lookup profession { optometriste :
 * 120, otherwise : 90 }. */
lookup:
    LOOKUP IDENT '{' entries '}' {
        $$ = ast_expr_new(B, AST_EXPR_LOOKUP, @$); $$->name = $2; $$->items = $4; }
  ;

entries:
    entry                  { memset(&$$, 0, sizeof $$); ast_list_push(B, &$$, $1); }
  | entries ',' entry      { $$ = $1; ast_list_push(B, &$$, $3); }
  ;

entry:
    IDENT ':' value        { $$ = ast_expr_new(B, AST_EXPR_ENTRY, @1); $$->name = $1; $$->left = $3; }
  | OTHERWISE ':' value    { $$ = ast_expr_new(B, AST_EXPR_ENTRY, @1); $$->left = $3; }
  ;

expr:
    term
  | expr '+' term          { $$ = ast_expr_binary(B, AST_EXPR_ADD, $1, $3); }
  | expr '-' term          { $$ = ast_expr_binary(B, AST_EXPR_SUB, $1, $3); }
  ;

rvalue:
    expr
  | '{' '}'                { $$ = ast_expr_new(B, AST_EXPR_SET, @$); }
  | '{' value_list '}'     { $$ = ast_expr_new(B, AST_EXPR_SET, @$); $$->items = $2; }
  ;

assigns:
    assign                 { memset(&$$, 0, sizeof $$); ast_list_push(B, &$$, $1); }
  | assigns ',' assign     { $$ = $1; ast_list_push(B, &$$, $3); }
  ;

assign:
    name '=' rvalue        { $$ = arena_calloc(B, 1, sizeof *$$); $$->target = $1; $$->value = $3; }
  ;

expects:
    expect                 { memset(&$$, 0, sizeof $$); ast_list_push(A, &$$, $1); }
  | expects ',' expect     { $$ = $1; ast_list_push(A, &$$, $3); }
  ;

expect:
    name '=' rvalue        { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_EXPECT_OUTPUT;
                             $$->name = $1; $$->value = $3; }
  | name '=' UNSET         { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_EXPECT_OUTPUT;
                             $$->name = $1; }
  | UNSPECIFIED            { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_EXPECT_UNSPECIFIED;
                             $$->name.span = @1; }
  | INVALID                { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_EXPECT_INVALID;
                             $$->name.span = @1; }
  | MISSING name           { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_EXPECT_MISSING;
                             $$->name = $2; }
  | RULE name              { $$ = arena_calloc(A, 1, sizeof *$$); $$->kind = AST_EXPECT_RULE;
                             $$->name = $2; }
  ;

%%

static void parse_error(struct diag_span *span, yyscan_t scanner, struct parse_context *context,
                        const char *message)
{
    (void)scanner;
    if (strcmp(message, "memory exhausted") == 0)
        diag_error(context->diag, *span, "imbrication trop profonde : la limite (%d parenthèses "
                   "ou '%s' imbriqués, moins quand des '%s' et '%s' s'y mêlent) est atteinte "
                   "ici ; nommez des parties de la condition avec '%s'",
                   PARSE_MAX_NESTING, keyword(context->diag, "not"), keyword(context->diag, "and"),
                   keyword(context->diag, "or"), keyword(context->diag, "condition"));
    else
        diag_error(context->diag, *span, "%s", message);
}

/* A token's name in the file's language: "'rule'" is "'règle'" in a French file. */
static const char *parse_token_name(struct parse_context *context, yysymbol_kind_t symbol,
                                    char *buffer, size_t size)
{
    if (symbol == S_YYEOF)
        return "la fin du fichier";     /* bison's own name is English */
    const char *name = yysymbol_name(symbol);
    size_t length = strlen(name);
    if (!context->diag->french || length < 3 || name[0] != '\'' || name[length - 1] != '\'')
        return name;
    char english[32];
    snprintf(english, sizeof english, "%.*s", (int)(length - 2), name + 1);
    snprintf(buffer, size, "'%s'", keyword(context->diag, english));
    return buffer;
}

/* "erreur de syntaxe avant X ; attendu : A, B ou C", listing every token that could follow
 * (bison's own message gives up beyond four), so the analyst sees what was meant; keywords in
 * the file's language, and when X is a name that is a keyword of the other language, which
 * keyword to write. */
static int yyreport_syntax_error(const yypcontext_t *parse_context, yyscan_t scanner,
                                 struct parse_context *context)
{
    (void)scanner;
    yysymbol_kind_t expected[YYNTOKENS];
    int count = yypcontext_expected_tokens(parse_context, expected, YYNTOKENS);
    yysymbol_kind_t lookahead = yypcontext_token(parse_context);
    char message[1024], name[64];
    size_t used = (size_t)snprintf(message, sizeof message, "erreur de syntaxe avant %s",
                                   lookahead == S_YYEMPTY || lookahead == S_YYEOF
                                       ? "la fin du fichier"
                                       : parse_token_name(context, lookahead, name, sizeof name));
    for (int i = 0; i < count && used < sizeof message; i++)
        used += (size_t)snprintf(message + used, sizeof message - used, "%s%s",
                                 i == 0 ? " ; attendu : " : i == count - 1 ? " ou " : ", ",
                                 parse_token_name(context, expected[i], name, sizeof name));
    /* A clause out of its place in a rule (a 'cites' after the 'note'): the
     * expected list is right but does not say the order, which is the fix. */
    int in_clauses = 0;
    for (int i = 0; i < count; i++)
        in_clauses |= expected[i] == S_WHEN || expected[i] == S_THEN || expected[i] == S_CITES;
    if (in_clauses && used < sizeof message
        && (lookahead == S_CITES || lookahead == S_INTERPRETS || lookahead == S_BECAUSE
            || lookahead == S_NOTE))
        used += (size_t)snprintf(message + used, sizeof message - used, " (les clauses d'une "
                                 "règle viennent dans cet ordre : '%s' ou '%s', une ou plusieurs "
                                 "; '%s' ; '%s' ; '%s' ; '%s')",
                                 keyword(context->diag, "cites"), keyword(context->diag, "interprets"),
                                 keyword(context->diag, "because"), keyword(context->diag, "note"),
                                 keyword(context->diag, "when"), keyword(context->diag, "then"));
    if (lookahead == S_IDENT && context->other_keyword && used < sizeof message)
        snprintf(message + used, sizeof message - used, " (ce nom est un mot-clé %s ; ce "
                 "fichier commence par '%s' : écrivez '%s')",
                 context->diag->french ? "anglais" : "français",
                 context->diag->french ? "politique" : "policy", context->other_keyword);
    diag_error(context->diag, *yypcontext_location(parse_context), "%s", message);
    return 0;
}
