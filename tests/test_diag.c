/* tests/test_diag.c — the reporter: file:line:col, the line, a caret under the right letter.
 * Part of rulec; see README.md. */
#include "helpers.h"

#include "diag.h"

static char *report(const char *text, size_t begin, size_t end)
{
    char *out = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&out, &size);
    struct diag diag;
    diag_init(&diag, "f.rules", text, strlen(text), stream);
    struct diag_span span = { begin, end };
    diag_error(&diag, span, "bad %s", "thing");
    assert_int_equal(diag.errors, 1);
    fclose(stream);
    return out;
}

static void test_line_column_and_caret(void **state)
{
    (void)state;
    char *out = report("first\nsecond line\n", 13, 17);
    assert_string_equal(out, "f.rules:2:8: error: bad thing\n  second line\n         ^~~~\n");
    free(out);
}

static void test_columns_count_characters_not_bytes(void **state)
{
    (void)state;
    /* "é" is two bytes: the caret must still stand under 'x', column 3. */
    char *out = report("\xc3\xa9 x\n", 3, 4);
    assert_string_equal(out, "f.rules:1:3: error: bad thing\n  \xc3\xa9 x\n    ^\n");
    free(out);
}

static void test_end_of_file(void **state)
{
    (void)state;
    char *out = report("abc", 3, 3);
    assert_string_equal(out, "f.rules:1:4: error: bad thing\n  abc\n     ^\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_column_and_caret),
        cmocka_unit_test(test_columns_count_characters_not_bytes),
        cmocka_unit_test(test_end_of_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
