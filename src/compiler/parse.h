/* src/compiler/parse.h — from rule file text to syntax tree (grammar/lexer.l, grammar/parser.y).
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_PARSE_H
#define RULEC_PARSE_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* All parser and scanner state: there are no globals. */
struct parse_context {
    struct arena *arena;
    struct diag *diag;
    size_t offset;             /* the scanner's byte offset in the text */
    struct ast_file *file;
    int words;                 /* words scanned so far: the first decides the language, which
                                  diag->french then holds (keywords.h) */
    const char *other_keyword; /* the last name scanned, when it is a keyword of the other
                                  language (a hint for a syntax error there), else NULL */
};

/* Parses diag->text. Returns the tree, or NULL after reporting syntax errors. */
struct ast_file *parse_file(struct arena *arena, struct diag *diag);

#endif
