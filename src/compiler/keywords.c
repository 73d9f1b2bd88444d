/* src/compiler/keywords.c — the rule language's keywords, in English and in French.
 * Part of rulec; see README.md for the licence. */
#include "keywords.h"

#include <string.h>

#include "parser.h"

/* The pairs, in grammar/keywords.tab's order (which says why each French word). */
static const struct keyword keywords[] = {
#include "keyword_table.inc"
};

/* Every word of both languages once, sorted bytewise, for the scanner. */
static const struct keyword_word words[] = {
#include "keyword_words.inc"
};

#define KEYWORD_COUNT (sizeof keywords / sizeof keywords[0])

const struct keyword_word *keyword_lookup(const char *text, size_t length)
{
    size_t low = 0, high = sizeof words / sizeof words[0];
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const char *word = words[middle].word;
        size_t size = strlen(word);
        int order = memcmp(word, text, size < length ? size : length);
        if (order == 0)
            order = size < length ? -1 : size > length ? 1 : 0;
        if (order == 0)
            return &words[middle];
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}

const struct keyword *keyword_table(size_t *count)
{
    *count = KEYWORD_COUNT;
    return keywords;
}

/* A keyword by its English word (diagnostics). */
static const struct keyword *keyword_find(const char *english, size_t length)
{
    for (size_t i = 0; i < KEYWORD_COUNT; i++)
        if (strlen(keywords[i].english) == length && memcmp(keywords[i].english, english, length) == 0)
            return &keywords[i];
    return NULL;
}

const struct keyword *keyword_of_token(int token)
{
    for (size_t i = 0; i < KEYWORD_COUNT; i++)
        if (keywords[i].token == token)
            return &keywords[i];
    return NULL;
}

const char *keyword(const struct diag *diag, const char *english)
{
    return keyword_in(diag->french ? KEYWORD_FRENCH : KEYWORD_ENGLISH, english);
}

const char *keyword_in(enum keyword_language language, const char *english)
{
    if (language != KEYWORD_FRENCH)
        return english;
    const char *space = strchr(english, ' ');
    size_t length = space ? (size_t)(space - english) : strlen(english);
    /* Two words ("exception to", "not in"): each is a keyword. */
    static const char *const pairs[][2] = {
        { "exception to", "exception à" }, { "exception to all", "exception à toutes" },
        { "not in", "non parmi" },
    };
    if (space) {
        for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
            if (strcmp(pairs[i][0], english) == 0)
                return pairs[i][1];
        return english;
    }
    const struct keyword *k = keyword_find(english, length);
    return k ? k->french : english;
}
