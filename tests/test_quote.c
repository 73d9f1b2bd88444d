/* tests/test_quote.c — quotes compared with their sources' texts as a reader compares them.
 * Part of rulec; see README.md for the licence. */
#include "helpers.h"   /* first: it sets the feature macros */
#include "quote.h"

static char *normal(const char *text)
{
    static char out[1024];
    size_t map[1024];
    size_t length = quote_normalize(text, strlen(text), out, map);
    assert_int_equal(strlen(out), length);
    return out;
}

static void test_normalize_spacing(void **state)
{
    (void)state;
    /* Line breaks, runs of spaces, tabs, non-breaking and narrow spaces, a page break. */
    assert_string_equal(normal("  un \n\n deux\t\ttrois\xC2\xA0quatre\xE2\x80\xAF" "cinq\f six "),
                        "un deux trois quatre cinq six");
}

static void test_normalize_typography(void **state)
{
    (void)state;
    /* Typographic apostrophes, guillemets with their spaces, English quotes, dashes. */
    assert_string_equal(normal("l\xE2\x80\x99" "ancien"), "l'ancien");
    assert_string_equal(normal("dit \xC2\xAB\xC2\xA0oui\xC2\xA0\xC2\xBB."), "dit\"oui\".");
    assert_string_equal(normal("dit \xE2\x80\x9Coui\xE2\x80\x9D."), "dit\"oui\".");
    assert_string_equal(normal("dit \"oui\"."), "dit\"oui\".");
    assert_string_equal(normal("Dentiste \xE2\x80\x93 (1670)"), "Dentiste - (1670)");
    /* French spacing before : ; ! ? does not count. */
    assert_string_equal(normal("Qu\xC3\xA9" "bec : 418 ; oui !"), "Qu\xC3\xA9" "bec: 418; oui!");
    /* An ellipsis is three dots. */
    assert_string_equal(normal("a\xE2\x80\xA6" "b"), "a...b");
}

static void test_normalize_bullets(void **state)
{
    (void)state;
    /* The private-use bullet that PDF extraction leaves (U+F0B7), and a real one. */
    assert_string_equal(normal("\xEF\x82\xB7 la date;\n\xE2\x80\xA2 la lettre B"),
                        "la date; la lettre B");
}

static void test_normalize_map(void **state)
{
    (void)state;
    const char *text = "a\xE2\x80\x99  b";
    char out[32];
    size_t map[32];
    size_t length = quote_normalize(text, strlen(text), out, map);
    assert_string_equal(out, "a' b");
    assert_int_equal(length, 4);
    assert_int_equal(map[0], 0);   /* a */
    assert_int_equal(map[1], 1);   /* the apostrophe's first byte */
    assert_int_equal(map[2], 4);   /* the first of the spaces */
    assert_int_equal(map[3], 6);   /* b */
    assert_int_equal(map[4], strlen(text));
}

/* The whole pass through rulec's compilation, on tests/cases/texts/circulaire.txt. */
static void test_verify_counts(void **state)
{
    (void)state;
    const char *text =
        "policy p \"t\"\n"
        "source c \"C\" file \"circulaire.txt\"\n"
        "source loi \"Loi\"\n"
        "input x : bool\n"
        "output o : bool\n"
        "rule r1 cites c \"1\" \"sur le formulaire \\\"A-12\\\"\" cites loi \"2\" \"non cherché\"\n"
        "  when x then o = true\n"
        "rule r2 cites c \"2\" \"selon la procédure habituelle\" cites c \"3\"\n"
        "  when not x then o = false\n";
    struct compilation c;
    FILE *out = tmpfile();
    struct compile_options options = { .sources = "tests/cases/texts" };
    assert_int_equal(compile_text(&c, "t.rules", text, strlen(text), &options, out), COMPILE_OK);
    assert_int_equal(c.quotes.verified, 2);
    assert_int_equal(c.quotes.unverified, 0);
    assert_int_equal(c.quotes.not_found, 0);
    assert_int_equal(c.quotes.misplaced, 0);
    /* The law has no text: its citation, quoted or not, rests on nothing that can be read. */
    assert_int_equal(c.quotes.textless, 1);
    assert_int_equal(c.quotes.no_quote, 1);
    compile_free(&c);
    /* Without a folder, nothing is looked for. */
    assert_int_equal(compile_text(&c, "t.rules", text, strlen(text), NULL, out), COMPILE_OK);
    assert_int_equal(c.quotes.verified, 0);
    assert_int_equal(c.quotes.unverified, 2);
    assert_int_equal(c.quotes.textless, 1);
    assert_int_equal(c.quotes.no_quote, 1);
    assert_int_equal(c.quotes_checked, 0);
    compile_free(&c);
    fclose(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_spacing),
        cmocka_unit_test(test_normalize_typography),
        cmocka_unit_test(test_normalize_bullets),
        cmocka_unit_test(test_normalize_map),
        cmocka_unit_test(test_verify_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
