/* src/policy/reader.c — reads CSV records or lines, one at a time, in constant memory.
 * Part of rulec; see README.md for the licence. */
#include "reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define READER_CHUNK 65536

int reader_open(struct reader *r, FILE *in, int csv)
{
    memset(r, 0, sizeof *r);
    r->in = in;
    r->csv = csv;
    r->line = 1;
    reader_delimiter(r, ',');
    r->capacity = READER_CHUNK;
    r->data = malloc(r->capacity);
    r->text = malloc(READER_MAX_RECORD + READER_MAX_FIELDS + 1);
    r->fields = malloc(sizeof *r->fields * READER_MAX_FIELDS);
    return r->data && r->text && r->fields ? 0 : -1;
}

void reader_delimiter(struct reader *r, char delimiter)
{
    memset(r->special, 0, sizeof r->special);
    r->special['\n'] = r->special['\r'] = r->special['"'] = r->special['\0'] = 1;
    r->special[(unsigned char)delimiter] = 1;
    r->delimiter = delimiter;
}

void reader_unread(struct reader *r, const struct reader_record *record)
{
    r->start = (size_t)(record->raw - r->data);
    r->line = record->line;
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
            r->failed = ENOMEM;
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
            r->failed = errno ? errno : EIO;
        r->eof = 1;
        return -1;
    }
    return 0;
}

enum scan_state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

/* The line break at data[p] (\n, \r\n or a lone \r): its length, and how it ends a line. */
static size_t reader_break(const char *data, size_t p, size_t end, enum reader_eol *eol)
{
    if (data[p] == '\n') {
        *eol = READER_EOL_LF;
        return 1;
    }
    if (p + 1 < end && data[p + 1] == '\n') {
        *eol = READER_EOL_CRLF;
        return 2;
    }
    *eol = READER_EOL_CR;
    return 1;
}

/* Makes rec the first physical line of the record that starts at r->start, which ends at
 * first_break, and resumes reading after that line. */
static void reader_first_line(struct reader *r, struct reader_record *rec, size_t first_break,
                              unsigned field, enum reader_error cause)
{
    size_t length = reader_break(r->data, first_break, r->end, &rec->eol);
    rec->cause = cause;
    rec->cause_fields = rec->nfields;
    rec->error = READER_BROKEN;
    rec->error_field = field;
    rec->raw = r->data + r->start;
    rec->length = first_break - r->start;
    rec->line = r->line;
    rec->nfields = 0;
    r->line++;
    r->start = first_break + length;
}

/* Where a record stopped: its end, the line break's length, and the first line break inside
 * a quoted field (SIZE_MAX: none) with its field, and the lines it spans. */
struct reader_end {
    size_t p, break_length, first_break;
    unsigned break_field;
    unsigned long lines;
};

/* A record read whole: its raw bytes and line, and where the next starts. A record that
 * spans lines and turns out malformed gives back only its first line (reader_first_line), so
 * that one bad quote never swallows the lines after it. */
static void reader_end_record(struct reader *r, struct reader_record *rec,
                              const struct reader_end *at)
{
    /* A NUL byte leaves the record's shape whole: it is refused as it is, not cut. */
    if (at->first_break != SIZE_MAX
        && ((rec->error != READER_OK && rec->error != READER_NUL)
            || (r->expected_fields && rec->nfields != r->expected_fields))) {
        reader_first_line(r, rec, at->first_break, at->break_field,
                          rec->error != READER_OK ? rec->error : READER_FIELD_COUNT);
        return;
    }
    rec->raw = r->data + r->start;
    rec->length = at->p - r->start;
    rec->line = r->line;
    r->line += at->lines + (at->p < r->end);
    r->start = at->p < r->end ? at->p + at->break_length : at->p;
}

/* Scans one record from r->data[r->start..r->end). Returns 1 with the record complete (the
 * end of input ends the last one), 0 when more bytes are needed. Over 80 lines, kept whole on
 * purpose: it is one state machine over the bytes, the hot loop of batch mode, and its states
 * read best side by side (as re2c's generated scanners are one function). */
static int reader_scan(struct reader *r, struct reader_record *rec)
{
    const char *data = r->data;
    const unsigned char *special = r->special;
    const char delimiter = r->delimiter;
    size_t p = r->start, end = r->end, break_length = 0;
    size_t first_break = SIZE_MAX;          /* the first line break inside a quoted field */
    unsigned break_field = 0;
    enum scan_state state = FIELD_START;
    char *out = r->text;
    unsigned long lines = 0;
    rec->error = READER_OK;
    rec->error_field = 0;
    rec->nfields = 0;
    rec->eol = READER_EOL_NONE;
    rec->cause = READER_OK;
    rec->cause_fields = 0;
    r->fields[0] = 0;
    for (; p < end; p++) {
        char c = data[p];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && p + 1 == end && !r->eof)
                return 0;                       /* \r\n may be split across reads */
            enum reader_eol eol;
            size_t length = reader_break(data, p, end, &eol);
            if (state != QUOTED || !r->csv) {
                rec->eol = eol;
                break_length = length;
                break;
            }
            /* A line break inside a quoted field is data. */
            if (first_break == SIZE_MAX) {
                first_break = p;
                break_field = rec->nfields + 1;
            }
            lines++;
            memcpy(out, data + p, length);
            out += length;
            p += length - 1;
            continue;
        }
        if (!r->csv) {
            /* A JSON line: only its end matters here (JSON has no raw \r or \n inside a
             * line, so the first of either ends it). */
            const char *newline = memchr(data + p, '\n', end - p);
            size_t stop = newline ? (size_t)(newline - data) : end;
            const char *cr = memchr(data + p, '\r', stop - p);
            p = (cr ? (size_t)(cr - data) : stop) - 1;
            continue;
        }
        if (state == UNQUOTED || state == FIELD_START) {
            /* The common case: copy a run of plain bytes at once. */
            size_t run = p;
            while (run < end && !special[(unsigned char)data[run]])
                run++;
            if (run > p) {
                memcpy(out, data + p, run - p);
                out += run - p;
                state = UNQUOTED;
                p = run - 1;
                continue;
            }
        }
        if (c == '\0') {
            /* A field with a NUL would be read cut short ("facturer\0XYZ" as "facturer"):
             * the record is refused instead, as JSON Lines and SQLite refuse it. */
            if (!rec->error) {
                rec->error = READER_NUL;
                rec->error_field = rec->nfields + 1;
            }
            if (state == FIELD_START)
                state = UNQUOTED;
            continue;
        }
        switch (state) {
        case FIELD_START:
            if (c == '"') {
                state = QUOTED;
                break;
            }
            state = UNQUOTED;
            /* fall through */
        case UNQUOTED:
            if (c == delimiter) {
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
            if (c == delimiter) {
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
    struct reader_end at = { p, break_length, first_break, break_field, lines };
    reader_end_record(r, rec, &at);
    return 1;
}

/* A record fills READER_MAX_RECORD bytes. When it spans lines, its first line is returned as
 * broken; when its first line alone is that long, the line is skipped to its end. */
static void reader_too_long(struct reader *r, struct reader_record *rec)
{
    /* The first line break, and the field it falls in when it is inside quotes. */
    int quoted = 0;
    unsigned field = 1;
    for (size_t p = r->start; r->csv && p < r->end; p++) {
        char c = r->data[p];
        if (c == '"') {
            quoted = !quoted;
        } else if (c == r->delimiter && !quoted) {
            field++;
        } else if (c == '\n' || c == '\r') {
            /* Outside quotes the scan would have ended the record here. */
            rec->nfields = field;
            reader_first_line(r, rec, p, field, READER_TOO_LONG);
            return;
        }
    }
    rec->line = r->line;
    rec->raw = NULL;
    rec->length = 0;
    rec->nfields = 0;
    rec->error = READER_TOO_LONG;
    rec->error_field = 0;
    rec->cause = READER_OK;
    rec->eol = READER_EOL_NONE;
    for (;;) {
        for (size_t p = r->start; p < r->end; p++) {
            if (r->data[p] == '\n' || r->data[p] == '\r') {
                if (r->data[p] == '\r' && p + 1 == r->end && !r->eof) {
                    /* Its \n may follow in the next read: keep the \r, which reader_fill
                     * moves to the front, and read on. */
                    r->start = p;
                    reader_fill(r);
                    p = r->start;
                }
                r->start = p + reader_break(r->data, p, r->end, &rec->eol);
                r->line++;
                return;
            }
        }
        r->start = 0;
        r->end = fread(r->data, 1, r->capacity, r->in);
        if (r->end == 0) {
            r->failed = ferror(r->in) ? (errno ? errno : EIO) : 0;
            r->eof = 1;
            return;
        }
    }
}

/* Skips a UTF-8 byte order mark at the very start of the input. */
static void reader_start(struct reader *r)
{
    while (r->end - r->start < 3 && reader_fill(r) == 0)
        continue;
    if (r->end - r->start >= 3 && memcmp(r->data + r->start, "\xEF\xBB\xBF", 3) == 0) {
        r->start += 3;
        r->bom = 1;
    }
    r->started = 1;
}

int reader_next(struct reader *r, struct reader_record *rec)
{
    if (!r->started)
        reader_start(r);
    for (;;) {
        if (r->start == r->end && r->eof)
            return 0;
        if (r->start < r->end && reader_scan(r, rec))
            return 1;
        if (r->end - r->start >= READER_MAX_RECORD) {
            reader_too_long(r, rec);
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
