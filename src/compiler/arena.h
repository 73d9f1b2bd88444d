/* src/compiler/arena.h — one allocator per compilation, freed at once.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_ARENA_H
#define RULEC_ARENA_H

#include <stddef.h>
#include <stdio.h>

struct arena_block;

struct arena {
    struct arena_block *head;
};

void arena_init(struct arena *arena);
/* Never returns NULL: on exhaustion the process exits with a message. */
void *arena_alloc(struct arena *arena, size_t size);
void *arena_calloc(struct arena *arena, size_t count, size_t size);
char *arena_strdup(struct arena *arena, const char *text);
char *arena_strndup(struct arena *arena, const char *text, size_t length);
char *arena_printf(struct arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void arena_free(struct arena *arena);
/* Reads the rest of file into the arena, NUL-terminated, its length in *length. Returns it,
 * or NULL with errno set when reading failed. */
char *arena_read_file(struct arena *arena, FILE *file, size_t *length);

/* For tables that grow by doubling or live only while one pass runs, where an arena would
 * keep every outgrown copy: calloc and realloc that exit with a message on exhaustion, like
 * arena_alloc. Release with free(). */
void *arena_heap_calloc(size_t count, size_t size);
void *arena_heap_realloc(void *memory, size_t count, size_t size);

#endif
