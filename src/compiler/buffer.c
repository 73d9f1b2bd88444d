/* src/compiler/buffer.c — text that grows as it is written.
 * Part of rulec; see README.md for the licence. */
#include "buffer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Hands the text so far to the sink, and empties data. */
static void buffer_spill(struct buffer *buffer)
{
    struct buffer_sink *sink = buffer->sink;
    if (!sink->failed && buffer->length > 0
        && sink->write(sink->context, buffer->data, buffer->length) != 0)
        sink->failed = 1;
    buffer->length = 0;
    if (buffer->capacity)
        buffer->data[0] = '\0';
}

/* Room for length more bytes and a NUL: with a sink, by handing on what is written once it
 * reaches BUFFER_SPILL_SIZE; otherwise, and for a longer piece, by growing. */
static void buffer_reserve(struct buffer *buffer, size_t length)
{
    if (buffer->length + length + 1 <= buffer->capacity)
        return;
    if (buffer->sink && buffer->length >= BUFFER_SPILL_SIZE) {
        buffer_spill(buffer);
        if (length + 1 <= buffer->capacity)
            return;
    }
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->length + length + 1)
        capacity *= 2;
    buffer->data = arena_heap_realloc(buffer->data, capacity, 1);
    buffer->capacity = capacity;
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

/* Whether format is made only of %s %c %d %u %ld %lu %zu %llx and %% (no flags, widths or
 * precisions): what buffer_simple writes. Asked before anything is written, so that a format
 * it does not write leaves nothing to take back: with a sink, what was written may already
 * have been handed on. */
static int buffer_is_simple(const char *format)
{
    for (const char *p = format; (p = strchr(p, '%')) != NULL;) {
        p++;
        if (p[0] == 'l' && p[1] == 'l' && p[2] == 'x')
            p += 3;
        else if ((p[0] == 'l' && (p[1] == 'd' || p[1] == 'u')) || (p[0] == 'z' && p[1] == 'u'))
            p += 2;
        else if (*p && strchr("scdu%", *p))
            p++;
        else
            return 0;
    }
    return 1;
}

/* What vsnprintf writes for a format buffer_is_simple accepts, without it: printf's machinery
 * was a fifth of writing the tables of 100,000 rules, a few numbers a line. */
static void buffer_simple(struct buffer *buffer, const char *format, va_list args)
{
    char digits[24];
    const char *p = format;
    while (*p) {
        const char *run = p;
        while (*p && *p != '%')
            p++;
        if (p > run)
            buffer_append(buffer, run, (size_t)(p - run));
        if (!*p)
            break;
        p++;
        char *end = digits + sizeof digits, *start;
        if (p[0] == 'l' && p[1] == 'l' && p[2] == 'x') {
            start = buffer_digits(end, va_arg(args, unsigned long long), 16);
            p += 3;
        } else if (p[0] == 'l' && p[1] == 'd') {
            buffer_long(buffer, va_arg(args, long));
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
                buffer_append(buffer, text, strlen(text));
                continue;
            }
            case 'c':
                digits[0] = (char)va_arg(args, int);
                buffer_append(buffer, digits, 1);
                continue;
            case '%':
                buffer_append(buffer, "%", 1);
                continue;
            case 'd':
                buffer_long(buffer, va_arg(args, int));
                continue;
            default:   /* 'u': buffer_is_simple let no other through */
                start = buffer_digits(end, va_arg(args, unsigned), 10);
                break;
            }
        }
        buffer_append(buffer, start, (size_t)(end - start));
    }
    buffer_append(buffer, "", 0);   /* NUL-terminated, as vsnprintf leaves it, even if empty */
}

/* Formats once into the room left, and again only when the text did not fit: measuring every
 * text first, then writing it, was two vsnprintf calls for each, and most of what writing
 * 100 MB of tables cost. */
void buffer_vprintf(struct buffer *buffer, const char *format, va_list args)
{
    if (buffer_is_simple(format)) {
        buffer_simple(buffer, format, args);
        return;
    }
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

void buffer_long(struct buffer *buffer, long value)
{
    char digits[24], *end = digits + sizeof digits;
    unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value;
    char *start = buffer_digits(end, magnitude, 10);
    if (value < 0)
        *--start = '-';
    buffer_append(buffer, start, (size_t)(end - start));
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
    buffer_spill(buffer);
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
