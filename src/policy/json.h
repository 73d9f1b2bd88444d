/* src/policy/json.h — reads one flat JSON object, member by member, for batch mode's JSON Lines.
 * Strings are decoded (escapes, surrogate pairs) into the caller's scratch space and must be
 * well-formed UTF-8; nested objects and arrays are checked as RFC 8259 says (to a depth of
 * 128) and returned as raw text, to pass through, so whatever passes is JSON.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_JSON_H
#define RULEC_JSON_H

#include <stddef.h>

enum json_kind { JSON_STRING, JSON_NUMBER, JSON_TRUE, JSON_FALSE, JSON_NULL, JSON_NESTED };

struct json {
    const char *p, *end, *line;
    const char *error;             /* when malformed: what was expected, in French */
    const char *error_at;
    char *scratch;                 /* at least as long as the text, plus one */
};

struct json_member {
    const char *key;               /* decoded, in scratch */
    enum json_kind kind;
    const char *text;              /* decoded string, number, or the raw value; in scratch */
    const char *start, *end;       /* the raw member, from the key's quote to the value's end */
};

/* Starts reading text (length bytes) as an object: its opening brace. Returns 0 or -1. */
int json_open(struct json *j, const char *text, size_t length, char *scratch);
/* The next member: 1 with *member filled (valid until the next call), 0 after the closing
 * brace and nothing but blanks after it, -1 when malformed (j->error says what was expected). */
int json_next(struct json *j, struct json_member *member);
/* The 1-based column, in characters, where the text is malformed. */
unsigned long json_column(const struct json *j);

#endif
