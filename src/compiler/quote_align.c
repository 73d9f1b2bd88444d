/* src/compiler/quote_align.c — where a quote not found parts from the closest passage, word by
 * word (quote_align.h). Part of rulec; see README.md for the licence. */
#include "quote_align.h"

#include <string.h>

/* Whether c is punctuation that clings to a word: "service," is "service" for aligning. */
static int quote_clinging(char c)
{
    return c && strchr(".,;:!?()'", c) != NULL;
}

/* The words of a normalized text: where each starts and ends, at most max of them. A
 * quotation mark parts words, as a space does (normalizing glues it to the words beside it);
 * punctuation alone (the "." after a closing mark) is no word. */
static int quote_words(const char *text, size_t *start, size_t *end, int max)
{
    int n = 0;
    for (size_t i = 0; text[i] && n < max;) {
        while (text[i] == ' ' || text[i] == '"')
            i++;
        if (!text[i])
            break;
        size_t from = i;
        int letters = 0;
        while (text[i] && text[i] != ' ' && text[i] != '"')
            letters |= !quote_clinging(text[i++]);
        if (letters) {
            start[n] = from;
            end[n++] = i;
        }
    }
    return n;
}

/* Whether text holds more than the n words quote_words found: a word after the last one, or
 * none at all. */
static int quote_more_words(const char *text, const size_t *end, int n)
{
    if (n == 0)
        return 1;
    size_t start[1], stop[1];
    return quote_words(text + end[n - 1], start, stop, 1) != 0;
}

/* Whether quote word k (of nq) reads as passage word: the same but for clinging punctuation,
 * or, at the quote's ends, the end or the start of it (a quote may begin or stop inside a
 * word). For aligning the two only: the quote was not found as it is. */
static int quote_word_matches(const char *quote, size_t qs, size_t qe, int k, int nq,
                              const char *passage, size_t ps, size_t pe)
{
    while (qe > qs + 1 && quote_clinging(quote[qe - 1]))
        qe--;
    while (pe > ps + 1 && quote_clinging(passage[pe - 1]))
        pe--;
    while (qs + 1 < qe && quote_clinging(quote[qs]))
        qs++;
    while (ps + 1 < pe && quote_clinging(passage[ps]))
        ps++;
    size_t ql = qe - qs, pl = pe - ps;
    if (ql == pl && memcmp(quote + qs, passage + ps, ql) == 0)
        return 1;
    if (ql < pl && k == nq - 1 && memcmp(quote + qs, passage + ps, ql) == 0)
        return 1;
    return ql < pl && k == 0 && memcmp(quote + qs, passage + pe - ql, ql) == 0;
}

enum quote_parting quote_difference(struct arena *arena, const char *quote, const char *passage,
                                    struct quote_difference *out)
{
    size_t qs[QUOTE_MAX_WORDS], qe[QUOTE_MAX_WORDS], ps[QUOTE_MAX_WORDS], pe[QUOTE_MAX_WORDS];
    int nq = quote_words(quote, qs, qe, QUOTE_MAX_WORDS);
    int np = quote_words(passage, ps, pe, QUOTE_MAX_WORDS);
    if (quote_more_words(quote, qe, nq) || quote_more_words(passage, pe, np))
        return QUOTE_APART;        /* no word, or more than QUOTE_MAX_WORDS */
    /* lcs[i][j]: the most words quote[i..] and passage[j..] share in order. */
    int *lcs = arena_calloc(arena, (size_t)(nq + 1) * (size_t)(np + 1), sizeof *lcs);
#define QUOTE_LCS(i, j) lcs[(size_t)(i) * (size_t)(np + 1) + (size_t)(j)]
#define QUOTE_SAME(i, j) quote_word_matches(quote, qs[i], qe[i], i, nq, passage, ps[j], pe[j])
    for (int i = nq - 1; i >= 0; i--)
        for (int j = np - 1; j >= 0; j--)
            QUOTE_LCS(i, j) = QUOTE_SAME(i, j) ? QUOTE_LCS(i + 1, j + 1) + 1
                              : QUOTE_LCS(i + 1, j) > QUOTE_LCS(i, j + 1) ? QUOTE_LCS(i + 1, j)
                                                                          : QUOTE_LCS(i, j + 1);
    int shared = QUOTE_LCS(0, 0), i = 0, j = 0;
    if (shared == 0)
        return QUOTE_APART;
    /* The window's words before the quote's: skipped while the quote can still share as many
     * (a word the quote starts with may also come earlier: "au … au 1er avril"). */
    while (j < np && QUOTE_LCS(0, j + 1) == shared)
        j++;
    /* The passage's words the quote stands for: a best alignment walked from here, from the
     * first word it matches to the last, widened by the quote's unmatched words at each end. */
    int first_i = -1, first_j = 0, last_i = 0, last_j = 0;
    for (int x = 0, y = j; x < nq && y < np;) {
        if (QUOTE_SAME(x, y) && QUOTE_LCS(x, y) == QUOTE_LCS(x + 1, y + 1) + 1) {
            if (first_i < 0)
                first_i = x, first_j = y;
            last_i = x, last_j = y;
            x++, y++;
        } else if (QUOTE_LCS(x + 1, y) >= QUOTE_LCS(x, y + 1)) {
            x++;
        } else {
            y++;
        }
    }
    int from = first_j - first_i > 0 ? first_j - first_i : 0;
    int to = last_j + (nq - 1 - last_i) < np - 1 ? last_j + (nq - 1 - last_i) : np - 1;
    out->from = ps[from];
    out->to = pe[to];
    /* The shared words, to the first difference. */
    while (i < nq && j < np && QUOTE_SAME(i, j))
        i++, j++;
    if (i == nq)
        return QUOTE_MARKS;
    /* Where the alignment meets again: the nearest pair of words on a best alignment from
     * here, the fewest words of either skipped, the passage's first (words missing). None: the
     * quote's words to its end are not the text's. */
    int rest = QUOTE_LCS(i, j), i2 = nq, j2 = j;
    for (int distance = 1; i2 == nq && rest > 0 && distance <= (nq - i) + (np - j); distance++)
        for (int a = 0; a <= distance; a++) {
            int x = i + a, y = j + distance - a;
            if (x < nq && y < np && QUOTE_SAME(x, y) && QUOTE_LCS(x, y) == rest
                && QUOTE_LCS(x + 1, y + 1) == rest - 1) {
                i2 = x;
                j2 = y;
                break;
            }
        }
#undef QUOTE_SAME
#undef QUOTE_LCS
    int at_edge = 0;
    /* Met again far on in the passage for a word or two at the quote's end (a later "la
     * Régie" for the quote's "de la Régie"): those are not the text's here either. */
    if (i2 < nq && nq - i2 <= 2 && j2 - j > (i2 - i) + 3) {
        i2 = nq;
        j2 = j;
    }
    /* At the quote's start or end, the passage's words beside the stretch are the window's as
     * much as the text's: as many as the quote's, said as what the text has there. */
    if (j2 == j && i == 0 && j > 0) {
        j -= i2 - i < j ? i2 - i : j;
        at_edge = 1;
    } else if (j2 == j && i2 == nq && j < np) {
        j2 = j + (nq - i < np - j ? nq - i : np - j);
        at_edge = 1;
    }
    out->qa = qs[i];
    out->qb = i2 > i ? qe[i2 - 1] : qs[i];
    out->pa = j < np ? ps[j] : pe[np - 1];
    out->pb = j2 > j ? pe[j2 - 1] : out->pa;
    out->at_edge = at_edge;
    return out->qa < out->qb || out->pa < out->pb ? QUOTE_WORDS : QUOTE_APART;
}
