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
    struct buffer buffer = { .data = NULL };
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
    struct buffer buffer = { .data = NULL };
    buffer_printf(&buffer, "%s", "");
    assert_non_null(buffer.data);
    assert_int_equal(buffer.length, 0);
    assert_int_equal(buffer.data[0], '\0');
    buffer_printf(&buffer, "a%cb", 0);
    assert_int_equal(buffer.length, 3);
    assert_memory_equal(buffer.data, "a\0b", 4);
    buffer_free(&buffer);
}

/* A sink that keeps what it is handed in a plain buffer, counting the hand-overs; or fails
 * at the given one. */
struct collect {
    struct buffer text;
    int calls, fail_at;
};

static int collect_write(void *context, const char *data, size_t length)
{
    struct collect *collect = context;
    if (++collect->calls == collect->fail_at)
        return -1;
    buffer_append(&collect->text, data, length);
    return 0;
}

/* Writes the same mix of pieces, plain formats and vsnprintf's, into a buffer. */
static void write_mix(struct buffer *buffer, int first, int rows)
{
    for (int i = first; i < first + rows; i++) {
        buffer_printf(buffer, "    { %d, %s, %lu },", i, i % 3 ? "RULEC_TEST_IN" : "NULL",
                      (unsigned long)i * 7);
        buffer_printf(buffer, " /* %5d %.3s */\n", i, "abcdef");
        buffer_long(buffer, -i);
    }
}

/* With a sink, the text is handed on in order, whole, and never kept much past
 * BUFFER_SPILL_SIZE; what a format's fallback writes is not taken back across a hand-over. */
static void test_buffer_sink_streams(void **state)
{
    (void)state;
    struct buffer whole = { .data = NULL };
    write_mix(&whole, 0, 200000);
    assert_true(whole.length > 8 * BUFFER_SPILL_SIZE);
    struct collect collect = { .text = { .data = NULL } };
    struct buffer_sink sink = { .write = collect_write, .context = &collect };
    struct buffer streamed = { .sink = &sink };
    for (int part = 0; part < 20; part++) {
        write_mix(&streamed, part * 10000, 10000);
        assert_true(streamed.capacity <= 2 * BUFFER_SPILL_SIZE);
    }
    assert_int_equal(buffer_finish(&streamed), 0);
    assert_int_equal(streamed.length, 0);
    assert_true(collect.calls >= 4);   /* handed on as it grew, not only at the end */
    assert_int_equal(collect.text.length, whole.length);
    assert_memory_equal(collect.text.data, whole.data, whole.length);
    buffer_free(&streamed);
    buffer_free(&collect.text);
    buffer_free(&whole);
}

/* A sink that fails: what follows is dropped, and buffer_finish says so. */
static void test_buffer_sink_failure(void **state)
{
    (void)state;
    struct collect collect = { .text = { .data = NULL }, .fail_at = 2 };
    struct buffer_sink sink = { .write = collect_write, .context = &collect };
    struct buffer streamed = { .sink = &sink };
    write_mix(&streamed, 0, 100000);
    assert_int_equal(buffer_finish(&streamed), -1);
    assert_int_equal(sink.failed, 1);
    assert_int_equal(collect.calls, 2);   /* nothing handed on after the failure */
    assert_true(collect.text.length >= BUFFER_SPILL_SIZE && collect.text.length < 2 * BUFFER_SPILL_SIZE);
    buffer_free(&streamed);
    buffer_free(&collect.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buffer_formats_as_printf),
        cmocka_unit_test(test_buffer_empty_and_nul),
        cmocka_unit_test(test_buffer_sink_streams),
        cmocka_unit_test(test_buffer_sink_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
