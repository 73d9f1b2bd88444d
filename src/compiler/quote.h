/* src/compiler/quote.h — finds each quote of a rule file in its source's text, as a reader
 * compares: spacing, apostrophes, quotation marks, dashes and PDF leftovers do not count.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_QUOTE_H
#define RULEC_QUOTE_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

struct quote_counts {
    int verified;     /* found in the source's text (in its section, or with a warning) */
    int unverified;   /* quotes not looked for: no folder of texts, or its text unreadable */
    int not_found;    /* errors */
    int misplaced;    /* found, but only outside the section cited: warnings */
    int textless;     /* citations, quoted or not, of a source that names no text: nothing
                         can verify them */
    int no_quote;     /* citations without a quote, of a source that has a text */
};

/* What quote_verify found for one citation (struct ast_cite's found). */
enum quote_found {
    QUOTE_UNCHECKED = 0,   /* no quote, no folder of texts, or the source names no file */
    QUOTE_FOUND,           /* in the section it cites */
    QUOTE_ELSEWHERE,       /* in the source's text, outside the section it cites */
    QUOTE_NOT_FOUND
};

/* Looks for every quote of file in the text that its source names (source … file "name"),
 * read from dir. A quote not found is an error at the quote, with the closest passage; a quote
 * found only outside the section it cites is a warning. dir NULL: nothing is looked for and
 * every quote counts as unverified. Each citation's found says what was found. */
void quote_verify(struct arena *arena, struct diag *diag, struct ast_file *file,
                  const char *dir, struct quote_counts *counts);

/* The text as a reader compares it, into out (of at least 3 * length + 1 bytes): runs of white
 * space, non-breaking spaces, bullets and page breaks become one space; typographic
 * apostrophes become ', quotation marks ", dashes -, and no space stays beside a quotation
 * mark or before : ; ! ?. map (may be NULL; else length + 1 entries) receives, for each byte
 * written, the offset in text it came from. Returns the length written. */
size_t quote_normalize(const char *text, size_t length, char *out, size_t *map);

#endif
