/* src/compiler/keywords.h — the rule language's keywords, in English and in French. A file
 * is written in one language, the one of its first word (`policy` or `politique`); its
 * keywords are that language's, and its diagnostics name them in it. One grammar: both words
 * of a pair are the same token. The list is grammar/keywords.tab; the tables are generated.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_KEYWORDS_H
#define RULEC_KEYWORDS_H

#include <stddef.h>

#include "diag.h"

enum keyword_language { KEYWORD_ENGLISH = 0, KEYWORD_FRENCH = 1, KEYWORD_BOTH = 2 };

struct keyword {
    const char *english, *french;
    int token;                /* the parser's token (parser.h) */
};

/* A word of either language, and what it is. */
struct keyword_word {
    const char *word;
    int token;
    int language;             /* enum keyword_language: KEYWORD_BOTH when both spell it so */
};

/* The keyword spelled by text (length bytes, not terminated), or NULL: a name. */
const struct keyword_word *keyword_lookup(const char *text, size_t length);
/* Every keyword, in the order of grammar/keywords.tab; count in *count. */
const struct keyword *keyword_table(size_t *count);
/* The keyword whose token is token, or NULL. */
const struct keyword *keyword_of_token(int token);
/* english, a keyword as the English table writes it ("unspecified", "exception to"), in
 * language; english itself when it is no keyword. */
const char *keyword_in(enum keyword_language language, const char *english);
/* english, a keyword as the English table writes it ("unspecified", "exception to"), in the
 * language of the file diag reports on; english itself when it is no keyword. */
const char *keyword(const struct diag *diag, const char *english);

#endif
