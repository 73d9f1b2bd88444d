/* tests/test_arena.c — the compiler's allocator. Part of rulec; see README.md. */
#include "helpers.h"

#include <stdio.h>

#include "arena.h"

static void test_alloc_is_aligned_and_distinct(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    char *a = arena_alloc(&arena, 3);
    char *b = arena_alloc(&arena, 5);
    assert_true(a != b);
    assert_int_equal((uintptr_t)b % _Alignof(max_align_t), 0);
    memset(a, 'x', 3);
    memset(b, 'y', 5);
    assert_int_equal(a[2], 'x');
    arena_free(&arena);
}

static void test_large_blocks_and_strings(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    char *small = arena_strdup(&arena, "petit");
    char *large = arena_calloc(&arena, 1, 1 << 20);   /* larger than a block */
    char *after = arena_printf(&arena, "%s-%d", "jour", 90);
    assert_string_equal(small, "petit");
    assert_int_equal(large[(1 << 20) - 1], 0);
    assert_string_equal(after, "jour-90");
    assert_string_equal(arena_strndup(&arena, "abcdef", 3), "abc");
    arena_free(&arena);
    assert_null(arena.head);
}

/* Text takes its length, unaligned; what follows it is aligned again. */
static void test_text_is_packed(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    char *a = arena_strdup(&arena, "ab");
    char *b = arena_strdup(&arena, "cd");
    assert_ptr_equal(b, a + 3);
    char *c = arena_alloc(&arena, 8);
    assert_int_equal((uintptr_t)c % _Alignof(max_align_t), 0);
    assert_string_equal(a, "ab");
    assert_string_equal(b, "cd");
    arena_free(&arena);
}

/* Blocks are released by their mark: those that hold only what was allocated under marks up to
 * the one given, never one that holds something of a later mark (a rule's body may straddle
 * two blocks: the second goes with the later rule). */
static void test_release_through_mark(void **state)
{
    (void)state;
    struct arena arena;
    arena_init_blocks(&arena, 1024);
    char *kept[3] = { NULL, NULL, NULL };
    for (int mark = 1; mark <= 3; mark++) {
        arena.mark = mark;
        for (int i = 0; i < 40; i++)        /* 40 x 64 bytes: two blocks and a half */
            kept[mark - 1] = memset(arena_alloc(&arena, 64), 'a' + mark, 64);
    }
    size_t all = arena_blocks(&arena);
    assert_int_equal(all, 8);
    arena_release_through(&arena, 1);       /* the two blocks of mark 1 alone */
    assert_int_equal(arena_blocks(&arena), all - 2);
    assert_int_equal(kept[1][63], 'a' + 2);
    assert_int_equal(kept[2][0], 'a' + 3);
    arena_release_through(&arena, 2);       /* the block that mark 1 and 2 share went with 2 */
    assert_int_equal(arena_blocks(&arena), 3);
    assert_int_equal(kept[2][63], 'a' + 3);
    arena_release_through(&arena, 3);
    assert_null(arena.head);
    arena.mark = 4;                         /* and it serves again */
    assert_non_null(memset(arena_alloc(&arena, 64), 0, 64));
    assert_int_equal(arena_blocks(&arena), 1);
    arena_free(&arena);
}

/* A regular file (read in one block of its size) and an empty one, whole and NUL-terminated. */
static void test_read_file_whole(void **state)
{
    (void)state;
    FILE *file = tmpfile();
    assert_non_null(file);
    for (int i = 0; i < 200000; i++)
        fputc('a' + i % 26, file);
    rewind(file);
    size_t length;
    char *text = arena_heap_read_file(file, &length);
    assert_non_null(text);
    assert_int_equal(length, 200000);
    assert_int_equal(text[199999], 'a' + 199999 % 26);
    assert_int_equal(text[200000], '\0');
    free(text);
    fclose(file);
    file = tmpfile();
    assert_non_null(file);
    text = arena_heap_read_file(file, &length);
    assert_non_null(text);
    assert_int_equal(length, 0);
    assert_int_equal(text[0], '\0');
    free(text);
    fclose(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_is_aligned_and_distinct),
        cmocka_unit_test(test_large_blocks_and_strings),
        cmocka_unit_test(test_read_file_whole),
        cmocka_unit_test(test_text_is_packed),
        cmocka_unit_test(test_release_through_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
