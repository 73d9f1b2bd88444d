/* src/cli/reader.c — reads CSV records or lines, one at a time, in constant memory.
 * Part of rulec; see README.md for the licence. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#define READER_CHUNK 65536

int reader_open(struct reader *r, FILE *in, int csv)
{
    memset(r, 0, sizeof *r);
    r->in = in;
    r->csv = csv;
    r->line = 1;
    r->capacity = READER_CHUNK;
    r->data = malloc(r->capacity);
    r->text = malloc(READER_MAX_RECORD + READER_MAX_FIELDS + 1);
    r->fields = malloc(sizeof *r->fields * READER_MAX_FIELDS);
    return r->data && r->text && r->fields ? 0 : -1;
}

void reader_close(struct reader *r)
{
    free(r->data);
    free(r->text);
    free(r->fields);
}

/* Moves the unread bytes to the front, grows the buffer when a record fills it, and reads.
 * Returns 0 when bytes were added, -1 at end of input or on a read error. */
static int reader_fill(struct reader *r)
{
    if (r->eof)
        return -1;
    if (r->start > 0) {
        memmove(r->data, r->data + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->capacity) {
        size_t capacity = r->capacity * 2;
        char *data = realloc(r->data, capacity);
        if (!data) {
            r->failed = 1;
            r->eof = 1;
            return -1;
        }
        r->data = data;
        r->capacity = capacity;
    }
    size_t got = fread(r->data + r->end, 1, r->capacity - r->end, r->in);
    r->end += got;
    if (got == 0) {
        if (ferror(r->in))
            r->failed = 1;
        r->eof = 1;
        return -1;
    }
    return 0;
}

enum scan_state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

/* The bytes that end a run of plain bytes in a CSV field. */
static const unsigned char csv_special[256] = { ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1 };

/* Scans one record from r->data[r->start..r->end). Returns 1 with the record complete (the
 * end of input ends the last one), 0 when more bytes are needed. */
static int reader_scan(struct reader *r, struct reader_record *rec)
{
    const char *data = r->data;
    size_t p = r->start, end = r->end;
    enum scan_state state = FIELD_START;
    char *out = r->text;
    unsigned lines = 0;
    rec->error = READER_OK;
    rec->error_field = 0;
    rec->nfields = 0;
    rec->crlf = 0;
    r->fields[0] = 0;
    for (; p < end; p++) {
        char c = data[p];
        if (c == '\n' && state != QUOTED) {
            rec->crlf = p > r->start && data[p - 1] == '\r';
            break;
        }
        if (c == '\r' && state != QUOTED) {
            if (p + 1 == end && !r->eof)
                return 0;                       /* \r\n may be split across reads */
            if (p + 1 == end || data[p + 1] == '\n')
                continue;                       /* the line break's \r: not data */
        }
        if (!r->csv) {
            /* A JSON line: only its end matters here. */
            const char *newline = memchr(data + p, '\n', end - p);
            p = (newline ? (size_t)(newline - data) : end) - 1;
            continue;
        }
        if (state == UNQUOTED || state == FIELD_START) {
            /* The common case: copy a run of plain bytes at once. */
            size_t run = p;
            while (run < end && !csv_special[(unsigned char)data[run]])
                run++;
            if (run > p) {
                memcpy(out, data + p, run - p);
                out += run - p;
                state = UNQUOTED;
                p = run - 1;
                continue;
            }
        }
        if (c == '\n')
            lines++;
        switch (state) {
        case FIELD_START:
            if (c == '"') {
                state = QUOTED;
                break;
            }
            state = UNQUOTED;
            /* fall through */
        case UNQUOTED:
            if (c == ',') {
                *out++ = '\0';
                if (++rec->nfields == READER_MAX_FIELDS) {
                    rec->error = rec->error ? rec->error : READER_TOO_MANY_FIELDS;
                    rec->nfields--;
                    out = r->text + r->fields[rec->nfields];
                }
                r->fields[rec->nfields] = (uint32_t)(out - r->text);
                state = FIELD_START;
                break;
            }
            if (c == '"' && !rec->error) {
                rec->error = READER_QUOTE_IN_FIELD;
                rec->error_field = rec->nfields + 1;
            }
            *out++ = c;
            break;
        case QUOTED:
            if (c == '"')
                state = QUOTE_IN_QUOTED;
            else
                *out++ = c;
            break;
        case QUOTE_IN_QUOTED:
            if (c == '"') {
                *out++ = '"';
                state = QUOTED;
                break;
            }
            if (c == ',') {
                state = UNQUOTED;
                p--;                            /* let UNQUOTED end the field */
                break;
            }
            if (!rec->error) {
                rec->error = READER_AFTER_QUOTE;
                rec->error_field = rec->nfields + 1;
            }
            state = UNQUOTED;
            *out++ = c;
            break;
        }
    }
    if (p == end && !r->eof)
        return 0;
    if (state == QUOTED && !rec->error) {
        rec->error = READER_UNCLOSED_QUOTE;
        rec->error_field = rec->nfields + 1;
    }
    *out = '\0';
    rec->nfields++;
    rec->raw = data + r->start;
    rec->length = p - r->start - (size_t)(rec->crlf || (p > r->start && p == end &&
                                                       data[p - 1] == '\r'));
    rec->line = r->line;
    r->line += lines + (p < end);
    r->start = p < end ? p + 1 : p;
    return 1;
}

/* Skips the rest of a record too long to keep, following its quotes. */
static void reader_skip(struct reader *r, struct reader_record *rec)
{
    int quoted = 0;
    unsigned long lines = 0;
    rec->crlf = 0;
    for (;;) {
        for (size_t p = r->start; p < r->end; p++) {
            char c = r->data[p];
            if (r->csv && c == '"')
                quoted = !quoted;
            else if (c == '\n' && !quoted) {
                rec->crlf = p > r->start && r->data[p - 1] == '\r';
                r->start = p + 1;
                r->line += lines + 1;
                return;
            } else if (c == '\n') {
                lines++;
            }
        }
        r->start = 0;
        r->end = fread(r->data, 1, r->capacity, r->in);
        if (r->end == 0) {
            r->failed = ferror(r->in) != 0;
            r->eof = 1;
            r->line += lines;
            return;
        }
    }
}

int reader_next(struct reader *r, struct reader_record *rec)
{
    for (;;) {
        if (r->start == r->end && r->eof)
            return 0;
        if (r->start < r->end && reader_scan(r, rec))
            return 1;
        if (r->end - r->start >= READER_MAX_RECORD) {
            rec->line = r->line;
            reader_skip(r, rec);
            rec->raw = NULL;
            rec->length = 0;
            rec->nfields = 0;
            rec->error = READER_TOO_LONG;
            return 1;
        }
        if (reader_fill(r) != 0 && r->start == r->end)
            return 0;
    }
}

const char *reader_field(const struct reader *r, unsigned i)
{
    return r->text + r->fields[i];
}
