/* src/cli/reader.h — reads a stream record by record for batch mode: CSV records (RFC 4180:
 * quoted fields, embedded commas, quotes and line breaks, CRLF or LF) or plain lines, in
 * constant memory. Part of rulec; see README.md for the licence.
 *
 * One record at a time is kept, in a buffer that grows up to READER_MAX_RECORD; a longer record
 * is skipped through (its quotes still followed, so the next record starts right) and returned
 * with the error READER_TOO_LONG. Every record read is returned exactly once. */
#ifndef RULEC_READER_H
#define RULEC_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The longest record kept; memory stays under a few times this, whatever the input. */
#define READER_MAX_RECORD (1u << 20)
/* The most fields of one record (CSV), or keys of one JSON line. */
#define READER_MAX_FIELDS 4096

enum reader_error {
    READER_OK,
    READER_TOO_LONG,
    READER_UNCLOSED_QUOTE,
    READER_QUOTE_IN_FIELD,
    READER_AFTER_QUOTE,
    READER_TOO_MANY_FIELDS
};

struct reader {
    FILE *in;
    int csv;                       /* 1: fields may be quoted; 0: a record is one line */
    char *data;
    size_t capacity, start, end;
    int eof, failed;               /* failed: a read error */
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
    int crlf;                      /* it ended with \r\n */
    enum reader_error error;
    unsigned error_field;          /* 1-based, for quote errors */
    unsigned nfields;              /* CSV: fields in reader_field; lines: 1 */
};

/* Returns 0, or -1 when memory ran out (reader_close still frees what was taken). */
int reader_open(struct reader *r, FILE *in, int csv);
void reader_close(struct reader *r);
/* The next record. Returns 1, or 0 at the end of the input. */
int reader_next(struct reader *r, struct reader_record *record);
/* Field i of the last CSV record, unquoted, NUL-terminated. */
const char *reader_field(const struct reader *r, unsigned i);

#endif
