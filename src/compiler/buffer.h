/* src/compiler/buffer.h — text that grows as it is written: what the C backend writes its
 * files into, and rulec doc its page.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_BUFFER_H
#define RULEC_BUFFER_H

#include <stdarg.h>
#include <stddef.h>

/* Zeroed, an empty text. data is malloc'd (arena_heap_realloc: out of memory unwinds to the
 * arena's guard, as everywhere in the compiler); buffer_free releases it. */
struct buffer {
    char *data;
    size_t length, capacity;
};

/* Appends printf-style text. */
void buffer_printf(struct buffer *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void buffer_vprintf(struct buffer *buffer, const char *format, va_list args)
    __attribute__((format(printf, 2, 0)));
/* Appends length bytes of text as they are. */
void buffer_append(struct buffer *buffer, const char *text, size_t length);
/* Appends value in decimal, as %ld would: for the tables' millions of numbers. */
void buffer_long(struct buffer *buffer, long value);
void buffer_free(struct buffer *buffer);

/* name in capitals (ASCII), into text of size bytes; returns text. */
const char *buffer_upper(const char *name, char *text, size_t size);

#endif
