/* src/compiler/quote_align.h — where a quote not found parts from the closest passage of its
 * text, word by word: what quote.c names in its message and marks with the caret.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_QUOTE_ALIGN_H
#define RULEC_QUOTE_ALIGN_H

#include <stddef.h>

#include "arena.h"

/* Words compared at most, in the quote and in the passage each (the passage is a window some
 * words wider than the quote: quote.c widens it by 12 on each side). */
#define QUOTE_MAX_WORDS 160

enum quote_parting {
    QUOTE_APART = 0,          /* nothing to say: no word shared, or too many words */
    QUOTE_WORDS = 1,          /* the words of the difference below */
    QUOTE_MARKS = 2           /* every word of the quote is the text's, in a row: punctuation
                                 or quotation marks differ */
};

/* The first stretch where quote and passage differ: the quote's words quote[qa .. qb) against
 * the passage's passage[pa .. pb) (either may be empty: words the quote has that the text does
 * not, or lacks). at_edge: the stretch is at the quote's start or end, where the passage's
 * words beside it are the window's as much as the text's: "pas dans le texte, qui a ici".
 * passage[from .. to): the passage's words the quote stands for, from the one its first word
 * reads as to the one its last does (as many more as the quote has unmatched at either end):
 * the passage to show, rather than the window. */
struct quote_difference {
    size_t qa, qb, pa, pb;
    int at_edge;
    size_t from, to;
};

/* Aligns quote and passage, both normalized (quote_normalize: single spaces, quotation marks
 * as ", glued to the words beside them), on the most words they share in order, and finds the
 * first difference (QUOTE_WORDS) and the passage's words the quote stands for (QUOTE_WORDS and
 * QUOTE_MARKS). */
enum quote_parting quote_difference(struct arena *arena, const char *quote, const char *passage,
                                    struct quote_difference *difference);

#endif
