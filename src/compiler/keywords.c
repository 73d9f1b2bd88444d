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
/* One pair a line; grammar/lexer.l lists the same words as patterns (test_parse checks that
 * they agree), and tests/editors/tokenize.js reads this table. */
#define K(english, french, token) { english, french, token }

static const struct keyword keywords[] = {
    K("policy", "politique", POLICY),
    K("source", "source", SOURCE),
    K("file", "fichier", FILE_KW),
    K("note", "note", NOTE),
    K("input", "donnée", INPUT),
    K("const", "constante", CONST),
    K("let", "soit", LET),
    K("condition", "condition", CONDITION),
    K("output", "résultat", OUTPUT),
    K("rule", "règle", RULE),
    K("exception", "exception", EXCEPTION),
    K("to", "à", TO),
    K("all", "toutes", ALL),
    K("cites", "cite", CITES),
    K("interprets", "interprète", INTERPRETS),
    K("because", "car", BECAUSE),
    K("when", "quand", WHEN),
    K("then", "alors", THEN),
    K("and", "et", AND),
    K("or", "ou", OR),
    K("not", "non", NOT),
    K("in", "parmi", IN),
    K("between", "entre", BETWEEN),
    K("unspecified", "non_précisé", UNSPECIFIED),
    K("invalid", "invalide", INVALID),
    K("example", "exemple", EXAMPLE),
    K("given", "avec", GIVEN),
    K("expect", "attendu", EXPECT),
    K("missing", "manquante", MISSING),
    K("unset", "absent", UNSET),
    K("enum", "énum", ENUM),
    K("set", "ensemble", SET),
    K("bool", "booléen", BOOL),
    K("date", "date", DATE),
    K("int", "entier", INT),
    K("true", "vrai", TRUE),
    K("false", "faux", FALSE),
    K("days", "jours", DAYS),
    K("lookup", "selon", LOOKUP),
    K("otherwise", "autrement", OTHERWISE),
    K("property", "propriété", PROPERTY),
    K("requires", "exige", REQUIRES),
    K("decided", "décidée", DECIDED),
};

#define KEYWORD_COUNT (sizeof keywords / sizeof keywords[0])

const struct keyword *keyword_table(size_t *count)
{
    *count = KEYWORD_COUNT;
    return keywords;
}

/* A keyword by its English word (diagnostics only: the scanner recognizes keywords itself). */
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
