/* src/compiler/buffer.c — text that grows as it is written.
 * Part of rulec; see README.md for the licence. */
#include "buffer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"

void buffer_vprintf(struct buffer *buffer, const char *format, va_list args)
{
    va_list again;
    va_copy(again, args);
    int length = vsnprintf(NULL, 0, format, args);
    if (length < 0) {
        va_end(again);
        return;
    }
    if (buffer->length + (size_t)length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->length + (size_t)length + 1)
            capacity *= 2;
        buffer->data = arena_heap_realloc(buffer->data, capacity, 1);
        buffer->capacity = capacity;
    }
    vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, again);
    va_end(again);
    buffer->length += (size_t)length;
}

void buffer_printf(struct buffer *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    buffer_vprintf(buffer, format, args);
    va_end(args);
}

void buffer_free(struct buffer *buffer)
{
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = buffer->capacity = 0;
}

const char *buffer_upper(const char *name, char *text, size_t size)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++)
        text[i] = (char)toupper((unsigned char)name[i]);
    text[i] = '\0';
    return text;
}
