/* src/policy/reader.h — reads a stream record by record for batch mode: CSV records (RFC 4180:
 * quoted fields, embedded commas, quotes and line breaks, CRLF or LF) or plain lines, in
 * constant memory. Part of rulec; see README.md for the licence.
 *
 * One record at a time is kept, in a buffer that grows up to READER_MAX_RECORD. Lines end in
 * LF, CRLF or a lone CR. A quoted field may hold line breaks, but a record that spans lines
 * and turns out malformed (its quote never closed, text after a closing quote, the wrong
 * number of fields, longer than READER_MAX_RECORD) is returned as its first physical line
 * alone, with the error READER_BROKEN, and reading resumes at the next physical line: one
 * stray quote never swallows the records after it. A single line longer than
 * READER_MAX_RECORD is skipped to its end and returned with READER_TOO_LONG. Every line read
 * belongs to exactly one record returned. A UTF-8 byte order mark at the start of the input,
 * as spreadsheets write, is skipped: it is not part of the first field. */
#ifndef RULEC_READER_H
#define RULEC_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The longest record kept; memory stays under a few times this, whatever the input. */
#define READER_MAX_RECORD (1u << 20)
/* The most fields of one record (CSV), or keys of one JSON line. */
#define READER_MAX_FIELDS 4096

/* ORDER: batch.c's record_errors has a message for each; keep them in step. */
enum reader_error {
    READER_OK,
    READER_TOO_LONG,
    READER_UNCLOSED_QUOTE,
    READER_QUOTE_IN_FIELD,
    READER_AFTER_QUOTE,
    READER_TOO_MANY_FIELDS,
    READER_NUL,                    /* a NUL byte in a field (CSV): not text, or UTF-16 */
    READER_FIELD_COUNT,            /* only as the cause of READER_BROKEN */
    READER_BROKEN                  /* the first line of a malformed record that spans lines */
};

enum reader_eol { READER_EOL_NONE, READER_EOL_LF, READER_EOL_CRLF, READER_EOL_CR };

struct reader {
    FILE *in;
    int csv;                       /* 1: fields may be quoted; 0: a record is one line */
    char delimiter;                /* CSV: ',' unless set with reader_delimiter */
    unsigned char special[256];    /* CSV: the bytes that end a run of plain field bytes */
    unsigned expected_fields;      /* CSV: the header's count once known, else 0 */
    char *data;
    size_t capacity, start, end;
    int eof, failed;               /* failed: a read error's errno, else 0 */
    int started;                   /* the input's first bytes were looked at for a BOM */
    int bom;                       /* 1: it began with one (skipped) */
    unsigned long line;            /* the line the next record starts on */
    char *text;                    /* decoded fields, each followed by a NUL; scratch space of
                                      READER_MAX_RECORD + READER_MAX_FIELDS + 1 bytes */
    uint32_t *fields;              /* offset of each field in text */
};

struct reader_record {
    const char *raw;               /* the record as read, without its line break; NULL when
                                      too long to keep */
    size_t length;
    unsigned long line;            /* its first line */
    enum reader_eol eol;           /* how its (last) line ended */
    enum reader_error error;
    unsigned error_field;          /* 1-based, for quote errors */
    enum reader_error cause;       /* READER_BROKEN: what was wrong with the whole record */
    unsigned cause_fields;         /* cause READER_FIELD_COUNT: the fields it had */
    unsigned nfields;              /* CSV: fields in reader_field; lines: 1 */
};

/* Returns 0, or -1 when memory ran out (reader_close still frees what was taken). */
int reader_open(struct reader *r, FILE *in, int csv);
void reader_close(struct reader *r);
/* Sets the CSV field delimiter (',' ';' or '\t'). */
void reader_delimiter(struct reader *r, char delimiter);
/* The next record. Returns 1, or 0 at the end of the input. */
int reader_next(struct reader *r, struct reader_record *record);
/* Puts back the record that reader_next just returned, to be read again (after changing the
 * delimiter, say). Only right after reader_next. */
void reader_unread(struct reader *r, const struct reader_record *record);
/* Field i of the last CSV record, unquoted, NUL-terminated. */
const char *reader_field(const struct reader *r, unsigned i);

#endif
