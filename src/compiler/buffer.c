/* src/compiler/buffer.c — text that grows as it is written.
 * Part of rulec; see README.md for the licence. */
#include "buffer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Room for length more bytes and a NUL. */
static void buffer_reserve(struct buffer *buffer, size_t length)
{
    if (buffer->length + length + 1 <= buffer->capacity)
        return;
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->length + length + 1)
        capacity *= 2;
    buffer->data = arena_heap_realloc(buffer->data, capacity, 1);
    buffer->capacity = capacity;
}

/* Formats once into the room left, and again only when the text did not fit: measuring every
 * text first, then writing it, was two vsnprintf calls for each, and most of what writing
 * 100 MB of tables cost. */
void buffer_vprintf(struct buffer *buffer, const char *format, va_list args)
{
    va_list again;
    va_copy(again, args);
    size_t room = buffer->capacity - buffer->length;
    int length = vsnprintf(buffer->capacity ? buffer->data + buffer->length : NULL,
                           buffer->capacity ? room : 0, format, args);
    if (length >= 0 && (size_t)length >= room) {
        buffer_reserve(buffer, (size_t)length);
        vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, again);
    }
    va_end(again);
    if (length >= 0)
        buffer->length += (size_t)length;
    else if (buffer->capacity)
        buffer->data[buffer->length] = '\0';
}

void buffer_append(struct buffer *buffer, const char *text, size_t length)
{
    buffer_reserve(buffer, length);
    memcpy(buffer->data + buffer->length, text, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
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
