/* tests/test_buffer.c — text that grows as it is written (src/compiler/buffer.c). Part of rulec;
 * see README.md. */
#include "helpers.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "buffer.h"

/* buffer_printf writes what snprintf writes: its own path for the plain conversions, snprintf's
 * for the rest. */
static void test_buffer_formats_as_printf(void **state)
{
    (void)state;
    struct buffer buffer = { NULL, 0, 0 };
    char expected[512];
    buffer_printf(&buffer, "%s|%c|%d|%d|%d|%u|%u|%ld|%ld|%lu|%zu|%llx|%llx|%%|",
                  "texte", 'q', INT_MIN, INT_MAX, 0, 0u, UINT_MAX, LONG_MIN, LONG_MAX, ULONG_MAX,
                  SIZE_MAX, 0ull, ULLONG_MAX);
    snprintf(expected, sizeof expected, "%s|%c|%d|%d|%d|%u|%u|%ld|%ld|%lu|%zu|%llx|%llx|%%|",
             "texte", 'q', INT_MIN, INT_MAX, 0, 0u, UINT_MAX, LONG_MIN, LONG_MAX, ULONG_MAX,
             SIZE_MAX, 0ull, ULLONG_MAX);
    assert_string_equal(buffer.data, expected);
    size_t before = buffer.length;
    buffer_printf(&buffer, "[%5d|%-3s|%03o|%08lx|%.2s]", -42, "a", 7u, 255ul, "abc");
    assert_string_equal(buffer.data + before, "[  -42|a  |007|000000ff|ab]");
    /* Plain conversions, a long text among them, then one snprintf writes: the part written
     * first is taken back. */
    char long_text[300];
    memset(long_text, 'z', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    before = buffer.length;
    buffer_printf(&buffer, "%s|%d|%5d|%lu", long_text, -3, 42, 7ul);
    snprintf(expected, sizeof expected, "%s|%d|%5d|%lu", long_text, -3, 42, 7ul);
    assert_string_equal(buffer.data + before, expected);
    before = buffer.length;
    buffer_long(&buffer, LONG_MIN);
    buffer_long(&buffer, 0);
    buffer_long(&buffer, -7);
    snprintf(expected, sizeof expected, "%ld0-7", LONG_MIN);
    assert_string_equal(buffer.data + before, expected);
    assert_int_equal(buffer.length, strlen(buffer.data));
    buffer_free(&buffer);
}

/* Nothing written still leaves a text, NUL-terminated; %c writes its byte, even a NUL. */
static void test_buffer_empty_and_nul(void **state)
{
    (void)state;
    struct buffer buffer = { NULL, 0, 0 };
    buffer_printf(&buffer, "%s", "");
    assert_non_null(buffer.data);
    assert_int_equal(buffer.length, 0);
    assert_int_equal(buffer.data[0], '\0');
    buffer_printf(&buffer, "a%cb", 0);
    assert_int_equal(buffer.length, 3);
    assert_memory_equal(buffer.data, "a\0b", 4);
    buffer_free(&buffer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buffer_formats_as_printf),
        cmocka_unit_test(test_buffer_empty_and_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
