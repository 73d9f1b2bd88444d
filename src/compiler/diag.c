/* src/compiler/diag.c — GNU-style diagnostics with the source line and a caret.
 * Part of rulec; see README.md for the licence. */
#include "diag.h"

#include <stdarg.h>

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

static void diag_report(struct diag *diag, const char *kind, struct diag_span span,
                        const char *format, va_list args)
{
    if (span.begin > diag->length)
        span.begin = diag->length;
    if (span.end < span.begin)
        span.end = span.begin;
    size_t line_start = span.begin;
    while (line_start > 0 && diag->text[line_start - 1] != '\n')
        line_start--;
    size_t line_end = span.begin;
    while (line_end < diag->length && diag->text[line_end] != '\n' && diag->text[line_end] != '\r')
        line_end++;
    unsigned column = 1;
    for (size_t i = line_start; i < span.begin; i++)
        if (!diag_is_continuation(diag->text[i]))
            column++;

    fprintf(diag->out, "%s:%u:%u: %s: ", diag->path, diag_line(diag, span.begin), column, kind);
    vfprintf(diag->out, format, args);
    fputc('\n', diag->out);

    fputs("  ", diag->out);
    fwrite(diag->text + line_start, 1, line_end - line_start, diag->out);
    fputs("\n  ", diag->out);
    for (size_t i = line_start; i < span.begin; i++) {
        if (diag->text[i] == '\t')
            fputc('\t', diag->out);
        else if (!diag_is_continuation(diag->text[i]))
            fputc(' ', diag->out);
    }
    fputc('^', diag->out);
    size_t underline_end = span.end < line_end ? span.end : line_end;
    for (size_t i = span.begin + 1; i < underline_end; i++)
        if (!diag_is_continuation(diag->text[i]))
            fputc('~', diag->out);
    fputc('\n', diag->out);
}

void diag_error(struct diag *diag, struct diag_span span, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_report(diag, "error", span, format, args);
    va_end(args);
    diag->errors++;
}

void diag_warning(struct diag *diag, struct diag_span span, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_report(diag, "warning", span, format, args);
    va_end(args);
    diag->warnings++;
}

void diag_note(struct diag *diag, struct diag_span span, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_report(diag, "note", span, format, args);
    va_end(args);
}
