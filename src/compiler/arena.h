/* src/compiler/arena.h — bump allocators for a compilation, each freed at once (or, for the
 * rules' bodies, block by block as they are checked: arena_release_through).
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_ARENA_H
#define RULEC_ARENA_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>

struct arena_block;

struct arena {
    struct arena_block *head;
    size_t block_size;       /* 0: the default, 64 KB */
    int mark;                /* what each block is marked with: the greatest mark in force when
                                something was allocated in it (arena_release_through) */
};

void arena_init(struct arena *arena);
/* An arena of blocks of block_size bytes: an arena released while the compilation goes on (the
 * syntax tree) gives its memory back to the system only in blocks large enough for malloc to
 * map them on their own (glibc: from 128 KB). */
void arena_init_blocks(struct arena *arena, size_t block_size);
/* Releases every block whose mark is at most mark: what was allocated while arena->mark was
 * at most that, and nothing allocated after under a greater mark. The rules' bodies in the
 * syntax tree, marked with each rule's number, are released this way as the checker goes. */
void arena_release_through(struct arena *arena, int mark);
/* How many blocks the arena holds (what arena_release_through leaves: for its test). */
size_t arena_blocks(const struct arena *arena);

/* Running out of memory, in any allocation below (arena or heap), jumps to the guard set with
 * arena_guard on this thread, as Lua's allocator throws to its protected call: the compiler's
 * entry points (compile_text, compile_file, regions_build, emit_policy, example_run) set
 * one, and return an error instead of ending the process. arena_guard returns the previous guard, to be set back on leaving:
 *     jmp_buf here; jmp_buf *saved = arena_guard(&here);
 *     if (setjmp(here)) { arena_guard(saved); return error; }
 *     ...; arena_guard(saved);
 * Memory taken from the heap (not the arena) since the guard was set is not given back.
 * Without a guard, exhaustion prints a message and aborts. */
jmp_buf *arena_guard(jmp_buf *target);
/* Memory ran out elsewhere (flex's buffers): goes where the allocators below go. */
_Noreturn void arena_out_of_memory(void);

/* Never return NULL (see arena_guard). */
void *arena_alloc(struct arena *arena, size_t size);
/* size bytes for text (chars): not aligned, so that a short string takes its length. */
char *arena_alloc_text(struct arena *arena, size_t size);
void *arena_calloc(struct arena *arena, size_t count, size_t size);
char *arena_strdup(struct arena *arena, const char *text);
char *arena_strndup(struct arena *arena, const char *text, size_t length);
char *arena_printf(struct arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void arena_free(struct arena *arena);
/* array (count items of size, room for *capacity) with room for one more: a copy twice as
 * large (from 8) when full, *capacity following. The outgrown copy stays in the arena: for
 * lists that grow a few times, not for tables that double often (arena_heap_grow). */
void *arena_grow(struct arena *arena, void *array, int count, int *capacity, size_t size);
/* Reads the rest of file into the arena, NUL-terminated, its length in *length. Returns it,
 * or NULL with errno set when reading failed. */
char *arena_read_file(struct arena *arena, FILE *file, size_t *length);
/* The same into memory of its own (release it with free()), read in one block when file is a
 * regular file. */
char *arena_heap_read_file(FILE *file, size_t *length);

/* For tables that grow by doubling or live only while one pass runs, where an arena would
 * keep every outgrown copy: calloc and realloc that exit with a message on exhaustion, like
 * arena_alloc. Release with free(). */
void *arena_heap_calloc(size_t count, size_t size);
void *arena_heap_realloc(void *memory, size_t count, size_t size);
/* array with room for need items of size (capacity doubles, from 64); *capacity follows. */
void *arena_heap_grow(void *array, size_t *capacity, size_t need, size_t size);

#endif
