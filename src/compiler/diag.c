/* src/compiler/diag.c — GNU-style diagnostics with the source line and a caret.
 * Part of rulec; see README.md for the licence. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <rulec/rulec.h>

void diag_init(struct diag *diag, const char *path, const char *text, size_t length, FILE *out)
{
    diag->path = path;
    diag->text = text;
    diag->length = length;
    diag->out = out;
    diag->errors = 0;
    diag->warnings = 0;
    diag->line_offset = 0;
    diag->line_number = 1;
    diag->hiding = 0;
    diag->json = 0;
    diag->french = 0;
    diag->example = NULL;
}

const char *diag_plural(long count, const char *one, const char *many)
{
    return count >= 2 || count <= -2 ? many : one;
}

unsigned diag_line(struct diag *diag, size_t offset)
{
    if (offset > diag->length)
        offset = diag->length;
    if (offset < diag->line_offset) {
        diag->line_offset = 0;
        diag->line_number = 1;
    }
    for (size_t i = diag->line_offset; i < offset; i++)
        if (diag->text[i] == '\n')
            diag->line_number++;
    diag->line_offset = offset;
    return diag->line_number;
}

/* Columns count characters, not bytes, so that the caret stands under the right letter
 * of a French word: UTF-8 continuation bytes (10xxxxxx) do not advance the column. */
static int diag_is_continuation(char byte)
{
    return ((unsigned char)byte & 0xC0) == 0x80;
}

/* A diagnostic is built whole in memory, then written at once: stderr is unbuffered, and
 * a byte at a time cost 27 s for a file of 10,000 errors. */
struct diag_text {
    char *data;
    size_t length, capacity;
    int failed;
};

static void diag_grow(struct diag_text *t, size_t more)
{
    if (t->failed || t->length + more + 1 <= t->capacity)
        return;
    size_t capacity = t->capacity ? t->capacity : 512;
    while (capacity < t->length + more + 1)
        capacity *= 2;
    char *data = realloc(t->data, capacity);
    if (!data) {
        t->failed = 1;
        return;
    }
    t->data = data;
    t->capacity = capacity;
}

static void diag_bytes(struct diag_text *t, const char *bytes, size_t length)
{
    diag_grow(t, length);
    if (t->failed)
        return;
    memcpy(t->data + t->length, bytes, length);
    t->length += length;
}

static void diag_vprintf(struct diag_text *t, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0)
        return;
    diag_grow(t, (size_t)length);
    if (t->failed)
        return;
    vsnprintf(t->data + t->length, (size_t)length + 1, format, args);
    t->length += (size_t)length;
}

static void diag_printf(struct diag_text *t, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_vprintf(t, format, args);
    va_end(args);
}

/* Moves p back or forward by count characters, not past the bounds. */
static size_t diag_chars_back(const char *text, size_t from, size_t low, size_t count)
{
    while (from > low && count > 0) {
        from--;
        if (!diag_is_continuation(text[from]))
            count--;
    }
    while (from > low && diag_is_continuation(text[from]))
        from--;
    return from;
}

static size_t diag_chars_forward(const char *text, size_t from, size_t high, size_t count)
{
    while (from < high && count > 0) {
        from++;
        while (from < high && diag_is_continuation(text[from]))
            from++;
        count--;
    }
    return from;
}

/* bytes as a JSON string, quotes included: valid UTF-8 whatever the bytes (a file name or a
 * source text may hold any; a byte that is not UTF-8 is written U+FFFD), with the characters
 * that would act instead of showing (rulec_display_char) escaped. */
static void diag_json_string(struct diag_text *t, const char *bytes, size_t length)
{
    diag_bytes(t, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < length;) {
        unsigned char c = (unsigned char)bytes[i];
        char shown[RULEC_DISPLAY_SIZE];
        int escaped = 0;
        size_t n = 1;
        if (c >= 0x7F)
            n = rulec_display_char(bytes + i, length - i, shown, &escaped);
        /* U+2028 and U+2029 end a line in JavaScript: escaped too, as sink_json_string does. */
        if (n == 3 && c == 0xE2 && (unsigned char)bytes[i + 1] == 0x80
            && ((unsigned char)bytes[i + 2] == 0xA8 || (unsigned char)bytes[i + 2] == 0xA9)) {
            escaped = 1;
            snprintf(shown, sizeof shown, "<U+%04X>", (unsigned)rulec_utf8_code(bytes + i, n));
        }
        if (c >= 0x20 && c != '"' && c != '\\' && !escaped) {
            i += n;
            continue;
        }
        diag_bytes(t, bytes + run, i - run);
        if (c == '"' || c == '\\')
            diag_printf(t, "\\%c", c);
        else if (c < 0x7F)
            diag_printf(t, "\\u%04x", c);
        else if (shown[1] == 'U')
            diag_printf(t, "\\u%.4s", shown + 3);     /* "<U+202E>": its four digits */
        else
            diag_printf(t, "\\ufffd");
        i += n;
        run = i;
    }
    diag_bytes(t, bytes + run, length - run);
    diag_bytes(t, "\"", 1);
}

/* bytes for a terminal: each character that would act instead of showing (a control, a
 * bidirectional override, a byte that is not UTF-8) written as its name, "<U+202E>", so that a
 * diagnostic shows the rule file as it reads, not as it would display; t NULL only counts.
 * Returns the columns written: a tab counts as one (the caret line copies it). */
static size_t diag_safe_bytes(struct diag_text *t, const char *bytes, size_t length)
{
    size_t columns = 0;
    for (size_t i = 0; i < length;) {
        char shown[RULEC_DISPLAY_SIZE];
        int escaped;
        size_t n = rulec_display_char(bytes + i, length - i, shown, &escaped);
        if (t)
            diag_bytes(t, shown, strlen(shown));
        columns += escaped ? strlen(shown) : 1;
        i += n;
    }
    return columns;
}

/* The columns the characters of bytes take once written by diag_safe_bytes. */
static size_t diag_columns(const char *bytes, size_t length)
{
    return diag_safe_bytes(NULL, bytes, length);
}

/* The line and 1-based column (in characters) of a byte offset, and where its line starts. */
static size_t diag_position(struct diag *diag, size_t offset, unsigned *line, unsigned *column)
{
    size_t line_start = offset;
    while (line_start > 0 && diag->text[line_start - 1] != '\n')
        line_start--;
    *column = 1;
    for (size_t i = line_start; i < offset; i++)
        if (!diag_is_continuation(diag->text[i]))
            (*column)++;
    *line = diag_line(diag, offset);
    return line_start;
}

/* One diagnostic as one JSON object on one line:
 * {"file","line","column","end":{"line","column"},"severity","message"[,"example":{…}]};
 * the end is the column just past the span, and a note about the whole file has no position. */
static void diag_report_json(struct diag *diag, const char *kind, const struct diag_span *span,
                             const char *format, va_list args)
{
    struct diag_text t = { NULL, 0, 0, 0 };
    struct diag_text message = { NULL, 0, 0, 0 };
    diag_vprintf(&message, format, args);
    diag_bytes(&t, "{\"file\":", strlen("{\"file\":"));
    diag_json_string(&t, diag->path, strlen(diag->path));
    if (span) {
        unsigned line, column, end_line, end_column;
        diag_position(diag, span->begin, &line, &column);
        diag_position(diag, span->end, &end_line, &end_column);
        diag_printf(&t, ",\"line\":%u,\"column\":%u,\"end\":{\"line\":%u,\"column\":%u}", line,
                    column, end_line, end_column);
    }
    diag_printf(&t, ",\"severity\":\"%s\",\"message\":", kind);
    diag_json_string(&t, message.failed ? "" : message.data, message.failed ? 0 : message.length);
    if (diag->example) {
        /* "name=value name=value": names and values are words of the rule language. */
        diag_bytes(&t, ",\"example\":{", strlen(",\"example\":{"));
        const char *p = diag->example;
        int first = 1;
        while (*p) {
            while (*p == ' ')
                p++;
            const char *word = p;
            while (*p && *p != ' ')
                p++;
            const char *equals = memchr(word, '=', (size_t)(p - word));
            if (!equals)
                continue;
            if (!first)
                diag_bytes(&t, ",", 1);
            first = 0;
            diag_json_string(&t, word, (size_t)(equals - word));
            diag_bytes(&t, ":", 1);
            diag_json_string(&t, equals + 1, (size_t)(p - equals - 1));
        }
        diag_bytes(&t, "}", 1);
    }
    diag_bytes(&t, "}\n", 2);
    if (!t.failed)
        fwrite(t.data, 1, t.length, diag->out);
    free(t.data);
    free(message.data);
}

static void diag_report(struct diag *diag, const char *kind, struct diag_span span,
                        const char *format, va_list args)
{
    if (span.begin > diag->length)
        span.begin = diag->length;
    if (span.end < span.begin)
        span.end = span.begin;
    if (span.end > diag->length)
        span.end = diag->length;
    /* A span ends on a character's boundary, so its width counts whole characters. */
    while (span.end < diag->length && diag_is_continuation(diag->text[span.end]))
        span.end++;
    if (diag->json) {
        diag_report_json(diag, kind, &span, format, args);
        return;
    }
    unsigned line, column;
    size_t line_start = diag_position(diag, span.begin, &line, &column);
    size_t line_end = span.begin;
    /* A CR ends the line only before LF (or the end): a lone one is shown, escaped. */
    while (line_end < diag->length && diag->text[line_end] != '\n'
           && !(diag->text[line_end] == '\r'
                && (line_end + 1 == diag->length || diag->text[line_end + 1] == '\n')))
        line_end++;

    struct diag_text t = { NULL, 0, 0, 0 };
    struct diag_text message = { NULL, 0, 0, 0 };
    diag_vprintf(&message, format, args);
    diag_safe_bytes(&t, diag->path, strlen(diag->path));
    diag_printf(&t, ":%u:%u: %s: ", line, column, kind);
    if (!message.failed)
        diag_safe_bytes(&t, message.data, message.length);
    free(message.data);
    diag_bytes(&t, "\n  ", 3);
    /* A long line is shown around the caret: DIAG_WINDOW characters each side at most. */
    size_t shown_start = diag_chars_back(diag->text, span.begin, line_start, DIAG_WINDOW);
    size_t shown_end = diag_chars_forward(diag->text, span.begin, line_end, DIAG_WINDOW);
    int cut_before = shown_start > line_start, cut_after = shown_end < line_end;
    if (cut_before)
        diag_bytes(&t, "…", strlen("…"));
    diag_safe_bytes(&t, diag->text + shown_start, shown_end - shown_start);
    if (cut_after)
        diag_bytes(&t, "…", strlen("…"));
    diag_bytes(&t, "\n  ", 3);
    if (cut_before)
        diag_bytes(&t, " ", 1);
    /* The caret under the character, each one before it as wide as it was written. */
    for (size_t i = shown_start; i < span.begin;) {
        if (diag->text[i] == '\t') {
            diag_bytes(&t, "\t", 1);
            i++;
            continue;
        }
        size_t next = diag_chars_forward(diag->text, i, span.begin, 1);
        for (size_t k = diag_columns(diag->text + i, next - i); k > 0; k--)
            diag_bytes(&t, " ", 1);
        i = next;
    }
    size_t underline_end = span.end < shown_end ? span.end : shown_end;
    size_t first = diag_chars_forward(diag->text, span.begin, underline_end > span.begin
                                      ? underline_end : span.begin + (span.begin < diag->length),
                                      1);
    size_t width = first > span.begin ? diag_columns(diag->text + span.begin, first - span.begin) : 1;
    diag_bytes(&t, "^", 1);
    for (size_t k = 1; k < width; k++)
        diag_bytes(&t, "~", 1);
    if (underline_end > first)
        for (size_t k = diag_columns(diag->text + first, underline_end - first); k > 0; k--)
            diag_bytes(&t, "~", 1);
    diag_bytes(&t, "\n", 1);
    if (!t.failed)
        fwrite(t.data, 1, t.length, diag->out);
    free(t.data);
}

void diag_file_error(FILE *out, int json, const char *path, const char *format, ...)
{
    struct diag_text message = { NULL, 0, 0, 0 }, t = { NULL, 0, 0, 0 };
    va_list args;
    va_start(args, format);
    diag_vprintf(&message, format, args);
    va_end(args);
    if (message.failed)
        message.length = 0;
    if (json) {
        diag_bytes(&t, "{\"file\":", strlen("{\"file\":"));
        diag_json_string(&t, path, strlen(path));
        diag_bytes(&t, ",\"severity\":\"error\",\"message\":",
                   strlen(",\"severity\":\"error\",\"message\":"));
        diag_json_string(&t, message.data ? message.data : "", message.length);
        diag_bytes(&t, "}\n", 2);
    } else {
        diag_safe_bytes(&t, path, strlen(path));
        diag_bytes(&t, ": error: ", strlen(": error: "));
        diag_safe_bytes(&t, message.data ? message.data : "", message.length);
        diag_bytes(&t, "\n", 1);
    }
    if (!t.failed)
        fwrite(t.data, 1, t.length, out);
    free(t.data);
    free(message.data);
}

/* A note about the whole file, in JSON. */
static void diag_json_note(struct diag *diag, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_report_json(diag, "note", NULL, format, args);
    va_end(args);
}

/* A note about the whole file, as text. */
static void diag_file_note(struct diag *diag, const char *format, ...)
{
    struct diag_text message = { NULL, 0, 0, 0 }, t = { NULL, 0, 0, 0 };
    va_list args;
    va_start(args, format);
    diag_vprintf(&message, format, args);
    va_end(args);
    diag_safe_bytes(&t, diag->path, strlen(diag->path));
    diag_bytes(&t, ": note: ", strlen(": note: "));
    if (!message.failed)
        diag_bytes(&t, message.data, message.length);
    diag_bytes(&t, "\n", 1);
    if (!t.failed)
        fwrite(t.data, 1, t.length, diag->out);
    free(t.data);
    free(message.data);
}

/* Past DIAG_MAX_ERRORS errors, the rest are counted, not shown (nor their notes): one error
 * can cause many, and a file that is not text would otherwise print megabytes. The same for
 * warnings, apart: a thousand rules that never decide are a thousand warnings. */
static int diag_shown(struct diag *diag, int kind)
{
    int *count = kind == 'e' ? &diag->errors : &diag->warnings;
    if (kind != 'n' && *count == DIAG_MAX_ERRORS) {
        const char *what = kind == 'e' ? "erreurs : les suivantes ne sont pas montrées"
                                       : "avertissements : les suivants ne sont pas montrés";
        if (diag->json)
            diag_json_note(diag, "plus de %d %s", DIAG_MAX_ERRORS, what);
        else
            diag_file_note(diag, "plus de %d %s", DIAG_MAX_ERRORS, what);
    }
    if (kind != 'n')
        diag->hiding = *count >= DIAG_MAX_ERRORS;
    return !diag->hiding;
}

void diag_error(struct diag *diag, struct diag_span span, const char *format, ...)
{
    if (diag_shown(diag, 'e')) {
        va_list args;
        va_start(args, format);
        diag_report(diag, "error", span, format, args);
        va_end(args);
    }
    diag->example = NULL;   /* for this diagnostic only, shown or not */
    diag->errors++;
}

void diag_warning(struct diag *diag, struct diag_span span, const char *format, ...)
{
    if (diag_shown(diag, 'w')) {
        va_list args;
        va_start(args, format);
        diag_report(diag, "warning", span, format, args);
        va_end(args);
    }
    diag->example = NULL;
    diag->warnings++;
}

void diag_note(struct diag *diag, struct diag_span span, const char *format, ...)
{
    if (!diag_shown(diag, 'n'))
        return;
    va_list args;
    va_start(args, format);
    diag_report(diag, "note", span, format, args);
    va_end(args);
}
