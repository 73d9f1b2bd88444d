/* src/policy/sink.h — a buffered writer for decisions: batch mode writes millions of small
 * pieces, and stdio's per-call locking would cost more than deciding. Part of rulec; see
 * README.md for the licence. */
#ifndef RULEC_SINK_H
#define RULEC_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rulec/rulec.h>

#define SINK_SIZE 65536

struct sink {
    FILE *file;             /* NULL: the buffer is the whole output (a database function's
                               answer); what does not fit sets failed to ENOBUFS and is
                               dropped, and nothing is allocated */
    size_t length;
    int failed;             /* a write to file failed: its errno, else 0 */
    char buffer[SINK_SIZE + 1];   /* + 1: the NUL of sink_text */
};

void sink_init(struct sink *sink, FILE *file);
/* The buffer as a string, in memory mode (file NULL): NUL-terminated, or NULL when the output
 * did not fit. */
const char *sink_text(struct sink *sink);
/* Writes what is buffered. Returns 0, or -1 when a write failed (now or before). */
int sink_flush(struct sink *sink);
void sink_bytes(struct sink *sink, const char *bytes, size_t length);
void sink_string(struct sink *sink, const char *text);
void sink_char(struct sink *sink, char c);
/* An output's value in a notation, through rulec_format_value. */
void sink_value(struct sink *sink, const struct rulec_output *output, int32_t value,
                enum rulec_notation notation);
/* text as a JSON string, quotes included. */
void sink_json_string(struct sink *sink, const char *text);
/* Whether text must be quoted as a CSV field between delimiters (',' ';' or '\t'): it holds
 * the delimiter, a quote or a line break. */
int sink_csv_needs_quotes(const char *text, char delimiter);
/* text as one CSV field (RFC 4180), quoted when it must be. */
void sink_csv_field(struct sink *sink, const char *text, char delimiter);

#endif
