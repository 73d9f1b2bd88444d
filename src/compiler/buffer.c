/* src/compiler/buffer.c — text that grows as it is written.
 * Part of rulec; see README.md for the licence. */
#include "buffer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Hands the text so far to the sink, once it has reached BUFFER_SPILL_SIZE, and empties data.
 * Called where a public function begins, never inside one: buffer_vprintf may take back what
 * it has just written, which must still be there. */
static void buffer_spill(struct buffer *buffer, size_t at_least)
{
    struct buffer_sink *sink = buffer->sink;
    if (!sink || buffer->length < at_least)
        return;
    if (!sink->failed && buffer->length > 0
        && sink->write(sink->context, buffer->data, buffer->length) != 0)
        sink->failed = 1;
    buffer->length = 0;
    if (buffer->capacity)
        buffer->data[0] = '\0';
}

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

/* Appends length bytes, without handing anything on. */
static void buffer_put(struct buffer *buffer, const char *text, size_t length)
{
    buffer_reserve(buffer, length);
    memcpy(buffer->data + buffer->length, text, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

/* The digits of value, in base (10 or 16, lower case), before end; returns where they start. */
static char *buffer_digits(char *end, unsigned long long value, unsigned base)
{
    do {
        *--end = "0123456789abcdef"[value % base];
        value /= base;
    } while (value);
    return end;
}

/* Appends value in decimal, without handing anything on. */
static void buffer_put_long(struct buffer *buffer, long value)
{
    char digits[24], *end = digits + sizeof digits;
    unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value;
    char *start = buffer_digits(end, magnitude, 10);
    if (value < 0)
        *--start = '-';
    buffer_put(buffer, start, (size_t)(end - start));
}

/* What vsnprintf writes for format, when it is made only of %s %c %d %u %ld %lu %zu %llx and
 * %% (no flags, widths or precisions), without it: printf's machinery was a fifth of writing
 * the tables of 100,000 rules, a few numbers a line. Returns 0; or -1 at the first other
 * conversion, having written part of the text (the caller takes it back). */
static int buffer_simple(struct buffer *buffer, const char *format, va_list args)
{
    char digits[24];
    const char *p = format;
    while (*p) {
        const char *run = p;
        while (*p && *p != '%')
            p++;
        if (p > run)
            buffer_put(buffer, run, (size_t)(p - run));
        if (!*p)
            break;
        p++;
        char *end = digits + sizeof digits, *start;
        if (p[0] == 'l' && p[1] == 'l' && p[2] == 'x') {
            start = buffer_digits(end, va_arg(args, unsigned long long), 16);
            p += 3;
        } else if (p[0] == 'l' && p[1] == 'd') {
            buffer_put_long(buffer, va_arg(args, long));
            p += 2;
            continue;
        } else if (p[0] == 'l' && p[1] == 'u') {
            start = buffer_digits(end, va_arg(args, unsigned long), 10);
            p += 2;
        } else if (p[0] == 'z' && p[1] == 'u') {
            start = buffer_digits(end, va_arg(args, size_t), 10);
            p += 2;
        } else {
            switch (*p++) {
            case 's': {
                const char *text = va_arg(args, const char *);
                if (!text)
                    text = "(null)";   /* as glibc writes it */
                buffer_put(buffer, text, strlen(text));
                continue;
            }
            case 'c':
                digits[0] = (char)va_arg(args, int);
                buffer_put(buffer, digits, 1);
                continue;
            case '%':
                buffer_put(buffer, "%", 1);
                continue;
            case 'd':
                buffer_put_long(buffer, va_arg(args, int));
                continue;
            case 'u':
                start = buffer_digits(end, va_arg(args, unsigned), 10);
                break;
            default:
                return -1;
            }
        }
        buffer_put(buffer, start, (size_t)(end - start));
    }
    buffer_put(buffer, "", 0);   /* NUL-terminated, as vsnprintf leaves it, even if empty */
    return 0;
}

/* Formats once into the room left, and again only when the text did not fit: measuring every
 * text first, then writing it, was two vsnprintf calls for each, and most of what writing
 * 100 MB of tables cost. */
void buffer_vprintf(struct buffer *buffer, const char *format, va_list args)
{
    buffer_spill(buffer, BUFFER_SPILL_SIZE);
    va_list simple;
    va_copy(simple, args);
    size_t before = buffer->length;
    int written = buffer_simple(buffer, format, simple);
    va_end(simple);
    if (written == 0)
        return;
    buffer->length = before;   /* a conversion buffer_simple does not write: vsnprintf's turn */
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
    buffer_spill(buffer, BUFFER_SPILL_SIZE);
    buffer_put(buffer, text, length);
}

void buffer_long(struct buffer *buffer, long value)
{
    buffer_spill(buffer, BUFFER_SPILL_SIZE);
    buffer_put_long(buffer, value);
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

int buffer_finish(struct buffer *buffer)
{
    if (!buffer->sink)
        return 0;
    buffer_spill(buffer, 0);
    return buffer->sink->failed ? -1 : 0;
}

const char *buffer_upper(const char *name, char *text, size_t size)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++)
        text[i] = (char)toupper((unsigned char)name[i]);
    text[i] = '\0';
    return text;
}
