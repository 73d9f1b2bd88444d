/* src/compiler/arena.c — bump allocator in chained blocks.
 * Part of rulec; see README.md for the licence. */
#define _POSIX_C_SOURCE 200809L   /* fileno, fstat */
#include "arena.h"

#include <errno.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    int mark;
    max_align_t data[];
};

void arena_init(struct arena *arena)
{
    arena->head = NULL;
    arena->block_size = 0;
    arena->mark = 0;
}

void arena_init_blocks(struct arena *arena, size_t block_size)
{
    arena->head = NULL;
    arena->block_size = block_size;
    arena->mark = 0;
}

size_t arena_blocks(const struct arena *arena)
{
    size_t count = 0;
    for (const struct arena_block *block = arena->head; block; block = block->next)
        count++;
    return count;
}

void arena_release_through(struct arena *arena, int mark)
{
    struct arena_block **link = &arena->head;
    while (*link) {
        struct arena_block *block = *link;
        if (block->mark <= mark) {
            *link = block->next;
            free(block);
        } else {
            link = &block->next;
        }
    }
}

/* Where running out of memory goes: the innermost guard of this thread (see arena.h). One
 * pointer per thread, so that compilations on two threads never share it. */
static _Thread_local jmp_buf *arena_failure;

jmp_buf *arena_guard(jmp_buf *target)
{
    jmp_buf *previous = arena_failure;
    arena_failure = target;
    return previous;
}

_Noreturn void arena_out_of_memory(void)
{
    if (arena_failure)
        longjmp(*arena_failure, 1);
    /* No guard: a caller outside the compiler's entry points, which all set one. */
    fputs("rulec: mémoire épuisée\n", stderr);
    abort();
}

/* size bytes at a multiple of align (a power of two, at most max_align_t's) in the head block,
 * or in a new block. */
static void *arena_alloc_aligned(struct arena *arena, size_t size, size_t align)
{
    if (size == 0)
        size = 1;
    struct arena_block *block = arena->head;
    size_t standard = arena->block_size ? arena->block_size : ARENA_BLOCK_SIZE;
    size_t at = block ? (block->used + align - 1) & ~(align - 1) : 0;
    if (!block || at > block->size || block->size - at < size) {
        size_t want = size > standard ? size : standard;
        /* Zeroed once, by calloc (for free where the memory is fresh from the system, as a
         * large block always is): a block's bytes are handed out once each, so arena_calloc
         * has nothing left to clear. */
        block = calloc(1, sizeof *block + want);
        if (!block)
            arena_out_of_memory();
        block->used = 0;
        block->size = want;
        /* A block bigger than the standard size goes behind the head so the
         * head's free space is not wasted. */
        if (arena->head && want > standard) {
            block->next = arena->head->next;
            arena->head->next = block;
        } else {
            block->next = arena->head;
            arena->head = block;
        }
        at = 0;
    }
    void *result = (char *)block->data + at;
    block->used = at + size;
    if (block->mark < arena->mark)
        block->mark = arena->mark;
    return result;
}

void *arena_alloc(struct arena *arena, size_t size)
{
    return arena_alloc_aligned(arena, size, _Alignof(max_align_t));
}

char *arena_alloc_text(struct arena *arena, size_t size)
{
    return arena_alloc_aligned(arena, size, 1);
}

void *arena_calloc(struct arena *arena, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        arena_out_of_memory();
    /* Zero already: see arena_alloc_aligned. */
    return arena_alloc(arena, count * size);
}

char *arena_strndup(struct arena *arena, const char *text, size_t length)
{
    /* Text needs no alignment: a name or a test's text rounded up to 16 bytes wasted 8 on
     * average, 10 MB at 100,000 rules. */
    char *copy = arena_alloc_text(arena, length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_heap_read_file(FILE *file, size_t *length)
{
    /* A regular file is read into one block of its size: doubling a 20 MB rule file from
     * 64 KB copied it eight times and kept up to twice its size. A pipe, or a file that grew
     * meanwhile, doubles from there. */
    struct stat status;
    size_t capacity = 65536;
    if (fstat(fileno(file), &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0
        && (uintmax_t)status.st_size < SIZE_MAX - 1)
        capacity = (size_t)status.st_size + 1;
    char *data = arena_heap_realloc(NULL, capacity, 1);
    *length = 0;
    errno = 0;   /* what fstat left is not a reading error */
    for (;;) {
        *length += fread(data + *length, 1, capacity - *length, file);
        if (ferror(file)) {
            int saved = errno ? errno : EIO;
            free(data);
            errno = saved;
            return NULL;
        }
        if (*length < capacity)
            break;
        capacity *= 2;
        data = arena_heap_realloc(data, capacity, 1);
    }
    data[*length] = '\0';
    return data;
}

char *arena_read_file(struct arena *arena, FILE *file, size_t *length)
{
    char *data = arena_heap_read_file(file, length);
    if (!data)
        return NULL;
    char *text = arena_strndup(arena, data, *length);
    free(data);
    return text;
}

char *arena_strdup(struct arena *arena, const char *text)
{
    return arena_strndup(arena, text, strlen(text));
}

char *arena_printf(struct arena *arena, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0)
        arena_out_of_memory();
    char *text = arena_alloc_text(arena, (size_t)length + 1);
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
    return text;
}

void *arena_grow(struct arena *arena, void *array, int count, int *capacity, size_t size)
{
    if (count < *capacity)
        return array;
    int grown = *capacity ? *capacity * 2 : 8;
    void *bigger = arena_alloc(arena, size * (size_t)grown);
    if (count)
        memcpy(bigger, array, size * (size_t)count);
    *capacity = grown;
    return bigger;
}

void arena_free(struct arena *arena)
{
    struct arena_block *block = arena->head;
    while (block) {
        struct arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

void *arena_heap_calloc(size_t count, size_t size)
{
    void *memory = calloc(count ? count : 1, size ? size : 1);
    if (!memory)
        arena_out_of_memory();
    return memory;
}

void *arena_heap_realloc(void *memory, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        arena_out_of_memory();
    size_t bytes = count * size;
    void *grown = realloc(memory, bytes ? bytes : 1);
    if (!grown)
        arena_out_of_memory();
    return grown;
}

void *arena_heap_grow(void *array, size_t *capacity, size_t need, size_t size)
{
    if (need <= *capacity)
        return array;
    size_t capacity_new = *capacity ? *capacity : 64;
    while (capacity_new < need)
        capacity_new *= 2;
    *capacity = capacity_new;
    return arena_heap_realloc(array, capacity_new, size);
}
