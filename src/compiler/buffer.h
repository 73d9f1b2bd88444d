/* src/compiler/buffer.h — text that grows as it is written: what the C backend writes its
 * files into, and rulec doc its page.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_BUFFER_H
#define RULEC_BUFFER_H

#include <stdarg.h>
#include <stddef.h>

/* Where a buffer's text goes as it is written, when it is too large to keep whole (the C of
 * 100,000 rules is 130 MB): write takes each part in order and returns 0, or -1 when it could
 * not; after a failure the rest is dropped and failed stays 1, for the writer to report. */
struct buffer_sink {
    int (*write)(void *context, const char *data, size_t length);
    void *context;
    int failed;
};

/* What a buffer with a sink keeps before it hands its text on. */
#define BUFFER_SPILL_SIZE ((size_t)1 << 20)

/* Zeroed, an empty text. data is malloc'd (arena_heap_realloc: out of memory unwinds to the
 * arena's guard, as everywhere in the compiler); buffer_free releases it. With a sink, data
 * holds only what has not yet been handed on: it is handed on when a write begins with
 * BUFFER_SPILL_SIZE or more held, so data holds that much plus the longest single write; and
 * buffer_finish hands on the rest. */
struct buffer {
    char *data;
    size_t length, capacity;
    struct buffer_sink *sink;      /* NULL: the whole text is kept in data */
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
/* Hands what is left to the sink. Returns 0, or -1 when the sink failed at any point (then not
 * all the text reached it). Without a sink, returns 0 and keeps the text. */
int buffer_finish(struct buffer *buffer);

/* name in capitals (ASCII), into text of size bytes; returns text. */
const char *buffer_upper(const char *name, char *text, size_t size);

#endif
