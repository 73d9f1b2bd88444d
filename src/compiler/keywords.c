/* src/compiler/keywords.c — the rule language's keywords, in English and in French.
 * Part of rulec; see README.md for the licence. */
#include "keywords.h"

#include <string.h>

#include "parser.h"

/* The French words, chosen for analysts who read the infolettre: the word a French rule
 * would use (règle, quand, alors, résultat for an output), one word each, with their accents; where the obvious word names something else in a rule file, another: `let` is
 * `soit` (the mathematician's "let"); `given` is `avec` ("exemple … avec demande = …"), since
 * `soit` is taken and `donné` would read as an input; `because` is `car`, one word;
 * `unspecified` is `non_précisé`, the words of the report. Unaccented French words stay
 * names in an English file, and English ones in a French file, so no existing file breaks. */
static const struct keyword keywords[] = {
    { "policy", "politique", POLICY },
    { "source", "source", SOURCE },
    { "file", "fichier", FILE_KW },
    { "note", "note", NOTE },
    { "input", "donnée", INPUT },
    { "const", "constante", CONST },
    { "let", "soit", LET },
    { "condition", "condition", CONDITION },
    { "output", "résultat", OUTPUT },
    { "rule", "règle", RULE },
    { "exception", "exception", EXCEPTION },
    { "to", "à", TO },
    { "all", "toutes", ALL },
    { "cites", "cite", CITES },
    { "interprets", "interprète", INTERPRETS },
    { "because", "car", BECAUSE },
    { "when", "quand", WHEN },
    { "then", "alors", THEN },
    { "and", "et", AND },
    { "or", "ou", OR },
    { "not", "non", NOT },
    { "in", "parmi", IN },
    { "between", "entre", BETWEEN },
    { "unspecified", "non_précisé", UNSPECIFIED },
    { "invalid", "invalide", INVALID },
    { "example", "exemple", EXAMPLE },
    { "given", "avec", GIVEN },
    { "expect", "attendu", EXPECT },
    { "missing", "manquante", MISSING },
    { "unset", "absent", UNSET },
    { "enum", "énum", ENUM },
    { "set", "ensemble", SET },
    { "bool", "booléen", BOOL },
    { "date", "date", DATE },
    { "int", "entier", INT },
    { "true", "vrai", TRUE },
    { "false", "faux", FALSE },
    { "days", "jours", DAYS },
};

#define KEYWORD_COUNT (sizeof keywords / sizeof keywords[0])

const struct keyword *keyword_table(size_t *count)
{
    *count = KEYWORD_COUNT;
    return keywords;
}

static const char *keyword_word(const struct keyword *k, enum keyword_language language)
{
    return language == KEYWORD_FRENCH ? k->french : k->english;
}

static const struct keyword *keyword_find(const char *word, size_t length,
                                          enum keyword_language language)
{
    /* 38 words, looked up by their first letter and length before a comparison: a file of
     * a million names costs a few compares each. */
    for (size_t i = 0; i < KEYWORD_COUNT; i++) {
        const char *k = keyword_word(&keywords[i], language);
        if (k[0] == word[0] && strlen(k) == length && memcmp(k, word, length) == 0)
            return &keywords[i];
    }
    return NULL;
}

int keyword_token(const char *word, size_t length, enum keyword_language language)
{
    const struct keyword *k = keyword_find(word, length, language);
    return k ? k->token : 0;
}

const struct keyword *keyword_of_other(const char *word, size_t length,
                                       enum keyword_language language)
{
    return keyword_find(word, length, language == KEYWORD_FRENCH ? KEYWORD_ENGLISH
                                                                 : KEYWORD_FRENCH);
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
    const struct keyword *k = keyword_find(english, length, KEYWORD_ENGLISH);
    return k ? k->french : english;
}
