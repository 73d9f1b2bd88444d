/* src/compiler/parse.h — from rule file text to syntax tree (grammar/lexer.l, grammar/parser.y).
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_PARSE_H
#define RULEC_PARSE_H

#include <limits.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* All parser and scanner state: there are no globals. */
struct parse_context {
    struct arena *arena;       /* what outlives the tree: names and strings */
    struct arena *tree;        /* the tree's nodes and lists, and what only parsing uses */
    struct arena *bodies;      /* the rules' conditions and outcomes (parse_file), or NULL */
    int in_rule;               /* 1 while a rule's body is read: its nodes go into bodies */
    int rules_read;            /* the rules begun so far: the mark of the current one's body */
    size_t read;               /* what the scanner has taken of the text (parse_input) */
    struct diag *diag;
    size_t offset;             /* the scanner's byte offset in the text */
    struct ast_file *file;
    int words;                 /* words scanned so far: the first decides the language, which
                                  diag->french then holds (keywords.h) */
    const char *other_keyword; /* the last name scanned, when it is a keyword of the other
                                  language (a hint for a syntax error there), else NULL */
    /* Each name once (parse_name): a rule file writes the same few names over and over, and a
     * copy per use was a tenth of the syntax tree at 100,000 rules. Open addressing, in the
     * tree's arena (only parsing reads it): the outgrown tables together are no larger than
     * the last. */
    const char **names;
    size_t nnames, names_capacity;
};

/* The longest rule file. Positions in it are 32-bit offsets (diag_span), and lines and
 * columns are counted in int; the limit is where flex's yy_scan_bytes stopped, when the
 * scanner was handed the whole file, so that a file refused then is refused now. */
#define PARSE_MAX_LENGTH ((size_t)INT_MAX - 2)

/* The name text[0 .. length) in the arena, the same copy for the same name. */
const char *parse_name(struct parse_context *context, const char *text, size_t length);

/* Parses diag->text. Returns the tree, or NULL after reporting syntax errors. The tree's nodes
 * go into tree, the names and strings they hold into arena, so that tree may be released once
 * the tree is checked while what the checker kept of it stays. bodies, when not NULL, takes
 * each rule's condition and outcome, marked with the rule's number in the file (1, 2, …): the
 * checker may release them rule by rule (check_file). */
struct ast_file *parse_file(struct arena *arena, struct arena *tree, struct arena *bodies,
                            struct diag *diag);
/* The scanner's input: up to size bytes of diag->text from where it stopped; 0 at the end. */
size_t parse_input(struct parse_context *context, char *buffer, size_t size);
/* A rule's body begins: what follows goes into the bodies arena, under the rule's mark. */
void parse_enter_rule(struct parse_context *context);

#endif
