/* src/compiler/diag.h — the one diagnostic reporter: file:line:col, source line, caret.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DIAG_H
#define RULEC_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A span of the rule file in bytes; line and column are computed only when reported. 32 bits:
 * a rule file is at most PARSE_MAX_LENGTH bytes (parse_file refuses a longer one before any
 * position in it is named), and every node of the syntax tree holds a span or two: at 100,000
 * rules, 64-bit offsets were 25 MB more of tree. */
struct diag_span {
    uint32_t begin, end;
};

struct diag {
    const char *path;       /* as given on the command line: never made absolute */
    const char *text;       /* the whole rule file, NUL-terminated */
    size_t length;
    FILE *out;
    int errors, warnings;
    size_t line_offset;     /* a remembered position and its line: lines are asked for */
    unsigned line_number;   /* mostly in order, so counting resumes from there */
    int hiding;             /* past DIAG_MAX_ERRORS: errors are counted, not shown */
    int json;               /* 1: each diagnostic is one JSON object on one line (editors, CI;
                               rulec check --diagnostics=json), instead of the caret form */
    int french;             /* the file is written with French keywords (keywords.h): the
                               messages name keywords in French */
    const char *example;    /* a claim as name=value words, for the next diagnostic only: in
                               JSON its "example" object (a gap's or a conflict's claim) */
};

#define DIAG_MAX_ERRORS 50  /* errors shown; the rest are counted */
#define DIAG_WINDOW 100     /* characters of a long source line shown each side of the caret */

void diag_init(struct diag *diag, const char *path, const char *text, size_t length, FILE *out);
void diag_error(struct diag *diag, struct diag_span span, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(struct diag *diag, struct diag_span span, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note(struct diag *diag, struct diag_span span, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* An error about a file as a whole (it cannot be read, memory ran out): "path: error:
 * message", or with json one JSON object without position, so that with --diagnostics=json
 * every line on stderr is JSON, always. */
void diag_file_error(FILE *out, int json, const char *path, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
/* 1-based line of a byte offset. */
unsigned diag_line(struct diag *diag, size_t offset);
/* one or many, as French counts agree: the singular for 0 and 1 ("0 changement", "1 règle"),
 * the plural from 2. Every message that counts goes through it. */
const char *diag_plural(long count, const char *one, const char *many);

#endif
