/* tests/test_parse.c — the grammar: declarations, precedence, exceptions, syntax errors.
 * Part of rulec; see README.md. */
#include "helpers.h"

#include <limits.h>

#include "keywords.h"
#include "parse.h"

static struct arena arena;
static char *messages;

/* Parses text as "t.rules"; what is reported lands in messages. */
static struct ast_file *parse(const char *text)
{
    size_t size = 0;
    struct diag diag;
    FILE *stream = open_memstream(&messages, &size);
    assert_non_null(stream);
    diag_init(&diag, "t.rules", text, strlen(text), stream);
    struct ast_file *file = parse_file(&arena, &arena, NULL, &diag);
    fclose(stream);
    return file;
}

static int setup(void **state)
{
    (void)state;
    arena_init(&arena);
    messages = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(&arena);
    free(messages);
    return 0;
}

/* A chain written in a row is one node, whatever the parentheses on its left; a parenthesized
 * chain on the right stays a node of its own; and the chain's span runs from its first
 * operand to its last. */
static void test_chains(void **state)
{
    (void)state;
    struct ast_file *file = parse("policy p \"P\"\ninput a : bool\ninput b : bool\ninput c : bool\n"
                                  "input d : bool\noutput o : bool\n"
                                  "rule r cites s \"1\" when (a and b) and c and (d and a) then o = true\n");
    assert_non_null(file);
    const struct ast_decl *rule = file->decls.items[5];
    const struct ast_cond *chain = rule->when;
    assert_int_equal(chain->kind, AST_COND_AND);
    assert_int_equal(chain->values.count, 4);
    for (int i = 0; i < 3; i++)
        assert_int_equal(((const struct ast_cond *)chain->values.items[i])->kind, AST_COND_IS);
    const struct ast_cond *right = chain->values.items[3];
    assert_int_equal(right->kind, AST_COND_AND);
    assert_int_equal(right->values.count, 2);
    const char *text = "policy p \"P\"\ninput a : bool\ninput b : bool\ninput c : bool\n"
                       "input d : bool\noutput o : bool\nrule r cites s \"1\" when (";
    assert_int_equal(chain->span.begin, strlen(text));
    assert_int_equal(chain->span.end, strlen(text) + strlen("a and b) and c and (d and a"));
}

static void test_declarations(void **state)
{
    (void)state;
    struct ast_file *file = parse("policy p \"Titre \\\"cité\\\"\"\n"
        "source s \"S\" note \"hors texte\"\n"
        "input k \"K\" : enum { a \"A\", b }\n"
        "const c = 2018-04-01\n"
        "let d = k2 - k3 + 90 days\n"
        "output o : set { f \"F\", g }\n"
        "output h \"H\" : bool = k2 > o2\n"
        "condition cc = k = a\n"
        "rule r exception to all, q\n  cites s \"1\" \"phrase\"\n  cites s \"2\"\n"
        "  when k = a or k = b and not cc\n  then o = { f }, h2 = k2 + 3 days\n"
        "rule q cites s \"3\" then unspecified \"silence\"\n"
        "example \"e\" given k = a expect o = unset, missing k, rule r, invalid\n");
    assert_non_null(file);
    assert_string_equal(messages, "");
    assert_string_equal(file->policy.name, "p");
    assert_string_equal(file->title, "Titre \"cité\"");
    assert_int_equal(file->decls.count, 10);
    const struct ast_decl *rule = file->decls.items[7];
    assert_int_equal(rule->kind, AST_DECL_RULE);
    assert_true(rule->exception_to_all);
    assert_int_equal(rule->exceptions.count, 1);
    assert_string_equal(((struct ast_name *)rule->exceptions.items[0])->name, "q");
    assert_int_equal(rule->cites.count, 2);
    assert_string_equal(((struct ast_cite *)rule->cites.items[0])->quote, "phrase");
    assert_null(((struct ast_cite *)rule->cites.items[1])->quote);
    /* 'and' binds tighter than 'or'. */
    const struct ast_cond *either = rule->when;
    assert_int_equal(either->kind, AST_COND_OR);
    assert_int_equal(either->values.count, 2);
    const struct ast_cond *both = either->values.items[1];
    assert_int_equal(((const struct ast_cond *)either->values.items[0])->kind, AST_COND_CMP);
    assert_int_equal(both->kind, AST_COND_AND);
    assert_int_equal(both->values.count, 2);
    assert_int_equal(((const struct ast_cond *)both->values.items[1])->kind, AST_COND_NOT);
    assert_int_equal(rule->assigns.count, 2);
    const struct ast_decl *bare = file->decls.items[8];
    assert_null(bare->when);
    assert_int_equal(bare->outcome, AST_OUTCOME_UNSPECIFIED);
    assert_string_equal(bare->reason, "silence");
    const struct ast_decl *example = file->decls.items[9];
    assert_int_equal(example->expect.count, 4);
    assert_int_equal(((struct ast_expect *)example->expect.items[1])->kind, AST_EXPECT_MISSING);
}

static void test_syntax_error(void **state)
{
    (void)state;
    struct ast_file *file = parse("policy p \"t\"\ninput x : bool\nrule r when x\n");
    assert_null(file);
    assert_string_equal(messages, "t.rules:3:8: error: erreur de syntaxe avant 'when' ; attendu : "
                             "'exception', 'cites' ou 'interprets'\n  rule r when x\n         ^~~~\n");
}

static void test_scanner_errors(void **state)
{
    (void)state;
    struct ast_file *file = parse("policy p \"open\nsource s \"t\" ; \n");
    assert_null(file);
    assert_string_equal(messages,
        "t.rules:1:10: error: chaîne non terminée : une chaîne se ferme par '\"' sur la même "
        "ligne\n"
        "  policy p \"open\n           ^~~~~\n"
        "t.rules:2:14: error: caractère inattendu ';'\n  source s \"t\" ; \n               ^\n");
}

/* A file longer than the scanner can read is refused, not read cut short. The length alone is
 * checked, before any byte is read: the text here is short. */
static void test_file_too_long_for_the_scanner(void **state)
{
    (void)state;
    size_t size = 0;
    FILE *stream = open_memstream(&messages, &size);
    struct diag diag;
    const char *text = "policy p\n";
    diag_init(&diag, "t.rules", text, (size_t)INT_MAX - 1, stream);
    assert_null(parse_file(&arena, &arena, NULL, &diag));
    fclose(stream);
    char expected[256];
    snprintf(expected, sizeof expected,
             "t.rules:1:1: error: fichier de règles trop grand : %zu octets, la limite est de %d\n"
             "  policy p\n  ^\n", (size_t)INT_MAX - 1, INT_MAX - 2);
    assert_string_equal(messages, expected);
}

/* The scanner reads the file in pieces of 64 KB (parse_input): a string longer than a piece,
 * and words across each edge, read whole; and the place of what follows is right. */
static void test_pieces_of_the_file(void **state)
{
    (void)state;
    size_t size = 300000, at = 0;
    char *text = malloc(size);
    assert_non_null(text);
    at += (size_t)snprintf(text + at, size - at, "policy p \"");
    for (int i = 0; i < 100000; i++)          /* a title over one piece and a half */
        text[at++] = (char)('a' + i % 26);
    at += (size_t)snprintf(text + at, size - at, "\"\n");
    int inputs = 0;
    while (at < 200000)                       /* names across the edges of the next pieces */
        at += (size_t)snprintf(text + at, size - at, "input nom_%d : bool\n", inputs++);
    at += (size_t)snprintf(text + at, size - at, "input : bool\n");
    struct ast_file *file = parse(text);
    assert_null(file);
    char expected[64];
    snprintf(expected, sizeof expected, "t.rules:%d:7: error: ", inputs + 2);
    assert_non_null(strstr(messages, expected));
    free(messages);
    messages = NULL;
    text[at - strlen("input : bool\n")] = '\0';
    file = parse(text);
    assert_non_null(file);
    assert_int_equal(strlen(file->title), 100000);
    assert_int_equal(file->title[99999], 'a' + 99999 % 26);
    assert_int_equal(file->decls.count, inputs);
    const struct ast_decl *last = file->decls.items[inputs - 1];
    char name[32];
    snprintf(name, sizeof name, "nom_%d", inputs - 1);
    assert_string_equal(last->name.name, name);
    assert_int_equal(last->name.span.end - last->name.span.begin, strlen(name));
    assert_memory_equal(text + last->name.span.begin, name, strlen(name));
    free(text);
}

static void test_strings_must_be_utf8(void **state)
{
    (void)state;
    /* Latin-1 "é" (0xE9) where UTF-8 is expected: the source line shows the byte by its
     * value, never raw, and the caret is as wide as what is shown. */
    struct ast_file *file = parse("policy p \"caf\xe9\"\n");
    assert_null(file);
    assert_string_equal(messages, "t.rules:1:14: error: cette chaîne n'est pas de l'UTF-8 valide\n"
                             "  policy p \"caf<0xE9>\"\n               ^~~~~~\n");
}

/* Where a word lands after a policy line: the syntax error names it as the parser saw it, a
 * keyword by its own word, a name as "nom"; a keyword that may open a declaration is taken
 * (the error is then at the end of the file). */
static int seen_as_keyword(const char *policy_line, const char *word)
{
    char text[256];
    snprintf(text, sizeof text, "%s\n%s", policy_line, word);
    free(messages);
    messages = NULL;
    parse(text);
    return strstr(messages, "erreur de syntaxe avant nom") == NULL;
}

/* The scanner (grammar/lexer.l, through keyword_lookup) and the table of keywords.c agree: every
 * word of the table is a keyword in its language, and an unaccented one is a name in the
 * other; a name that is no keyword is a name in both. */
static void test_keywords_of_both_languages(void **state)
{
    (void)state;
    size_t count;
    const struct keyword *table = keyword_table(&count);
    assert_int_equal(count, 43);
    const char *english = "policy p \"P\"", *french = "politique p \"P\"";
    for (size_t i = 0; i < count; i++) {
        const struct keyword *k = &table[i];
        if (!seen_as_keyword(english, k->english) || !seen_as_keyword(french, k->french))
            fail_msg("'%s' / '%s' is not a keyword in its language: %s", k->english, k->french,
                     messages);
        if (strcmp(k->english, k->french) == 0)
            continue;
        if (seen_as_keyword(french, k->english))
            fail_msg("'%s' is a keyword in a French file: %s", k->english, messages);
        int accented = 0;
        for (const char *c = k->french; *c; c++)
            accented |= (unsigned char)*c >= 0x80;
        if (!accented && seen_as_keyword(english, k->french))
            fail_msg("'%s' is a keyword in an English file: %s", k->french, messages);
    }
    assert_false(seen_as_keyword(english, "regle"));
    assert_false(seen_as_keyword(french, "regle"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_declarations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chains, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scanner_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_too_long_for_the_scanner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pieces_of_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strings_must_be_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keywords_of_both_languages, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
