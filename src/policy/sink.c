/* src/policy/sink.c — a buffered writer for decisions. Part of rulec; see README.md. */
#include "sink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rulec/rulec.h>

void sink_init(struct sink *sink, FILE *file)
{
    sink->file = file;
    sink->length = 0;
    sink->failed = 0;
}

const char *sink_text(struct sink *sink)
{
    if (sink->file || sink->failed)
        return NULL;
    sink->buffer[sink->length] = '\0';
    return sink->buffer;
}

int sink_flush(struct sink *sink)
{
    if (!sink->file)
        return sink->failed ? -1 : 0;
    if (sink->length && fwrite(sink->buffer, 1, sink->length, sink->file) != sink->length)
        sink->failed = errno ? errno : EIO;
    sink->length = 0;
    if (fflush(sink->file) != 0)
        sink->failed = errno ? errno : EIO;
    return sink->failed ? -1 : 0;
}

/* Empties the buffer into the file. In memory mode there is nowhere to empty it: callers
 * check sink_fits first. */
static void sink_drain(struct sink *sink)
{
    if (sink->length && fwrite(sink->buffer, 1, sink->length, sink->file) != sink->length)
        sink->failed = errno ? errno : EIO;
    sink->length = 0;
}

/* In memory mode, whether length more bytes fit; when not, the output is marked failed. */
static int sink_fits(struct sink *sink, size_t length)
{
    if (sink->file || (length <= SINK_SIZE - sink->length && !sink->failed))
        return 1;
    sink->failed = ENOBUFS;
    return 0;
}

void sink_bytes(struct sink *sink, const char *bytes, size_t length)
{
    if (!sink_fits(sink, length))
        return;
    if (sink->length + length > SINK_SIZE) {
        sink_drain(sink);
        if (length > SINK_SIZE) {
            if (fwrite(bytes, 1, length, sink->file) != length)
                sink->failed = errno ? errno : EIO;
            return;
        }
    }
    memcpy(sink->buffer + sink->length, bytes, length);
    sink->length += length;
}

void sink_string(struct sink *sink, const char *text)
{
    sink_bytes(sink, text, strlen(text));
}

void sink_char(struct sink *sink, char c)
{
    if (!sink_fits(sink, 1))
        return;
    if (sink->length == SINK_SIZE)
        sink_drain(sink);
    sink->buffer[sink->length++] = c;
}

void sink_json_string(struct sink *sink, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    sink_char(sink, '"');
    const char *run = text;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F)
            continue;
        size_t length = 1;
        uint32_t code = c;
        if (c >= 0x80) {
            /* Every answer is valid UTF-8 (a byte that is not is written as U+FFFD), and a
             * bidirectional formatting character or a line separator is written escaped, so
             * that the text cannot disguise itself where the JSON is shown. */
            char shown[RULEC_DISPLAY_SIZE];
            int escaped;
            length = rulec_utf8_length(p, RULEC_UTF8_MAX);
            if (length != 0 && (rulec_display_char(p, length, shown, &escaped), !escaped)
                && !(length == 3 && (unsigned char)p[1] == 0x80
                     && ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9)
                     && c == 0xE2)) {
                p += length - 1;
                continue;
            }
            if (length == 0) {
                length = 1;
                code = 0xFFFD;
            } else {
                /* A four-byte character never acts: it passed above. */
                code = length < 4 ? rulec_utf8_code(p, length) : 0xFFFD;
            }
        }
        sink_bytes(sink, run, (size_t)(p - run));
        run = p + length;
        if (c == '"' || c == '\\') {
            sink_char(sink, '\\');
            sink_char(sink, (char)c);
        } else if (c == '\n') {
            sink_string(sink, "\\n");
        } else {
            char escape[6] = { '\\', 'u', hex[code >> 12 & 15], hex[code >> 8 & 15],
                               hex[code >> 4 & 15], hex[code & 15] };
            sink_bytes(sink, escape, sizeof escape);
        }
        p += length - 1;
    }
    sink_string(sink, run);
    sink_char(sink, '"');
}

int sink_csv_needs_quotes(const char *text, char delimiter)
{
    for (; *text; text++)
        if (*text == delimiter || *text == '"' || *text == '\r' || *text == '\n')
            return 1;
    return 0;
}

void sink_csv_field(struct sink *sink, const char *text, char delimiter)
{
    if (!sink_csv_needs_quotes(text, delimiter)) {
        sink_string(sink, text);
        return;
    }
    sink_char(sink, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            sink_char(sink, '"');
        sink_char(sink, *p);
    }
    sink_char(sink, '"');
}

void sink_value(struct sink *sink, const struct rulec_output *output, int32_t value,
                enum rulec_notation notation)
{
    struct rulec_domain domain = rulec_output_domain(output);
    /* Straight into the buffer when it fits (batch mode writes a value per output and row). */
    size_t room = SINK_SIZE - sink->length;
    size_t length = rulec_format_value(sink->buffer + sink->length, room, &domain, value, notation);
    if (length < room) {
        sink->length += length;
        return;
    }
    if (!sink->file) {
        /* Memory mode never allocates (a database function allocates only through the
         * database): a value that does not fit fails the output. */
        sink->failed = ENOBUFS;
        return;
    }
    char *text = malloc(length + 1);   /* past the buffer's room: rare */
    if (!text) {
        sink->failed = ENOMEM;
        return;
    }
    rulec_format_value(text, length + 1, &domain, value, notation);
    sink_bytes(sink, text, length);
    free(text);
}
