/* src/cli/batch.c — batch mode: CSV (RFC 4180) and JSON Lines claims in, one answer per claim
 * out, streaming in constant memory. Part of rulec; see README.md for the licence.
 *
 * The reader keeps one record at a time in a buffer that grows up to BATCH_MAX_RECORD; a longer
 * record is skipped through (its quotes still followed, so the next record starts right) and
 * answered with an error. Nothing is ever dropped: every record read gets exactly one answer. */
#include "batch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sink.h"

#define BATCH_CHUNK 65536
#define BATCH_MESSAGE 4096

/* ---------------------------------------------------------------------------------------- */
/* Reading records */

enum record_error {
    RECORD_OK,
    RECORD_TOO_LONG,
    RECORD_UNCLOSED_QUOTE,
    RECORD_QUOTE_IN_FIELD,
    RECORD_AFTER_QUOTE,
    RECORD_TOO_MANY_FIELDS
};

struct reader {
    FILE *in;
    int csv;                       /* 1: fields may be quoted; 0: a record is one line */
    char *data;
    size_t capacity, start, end;
    int eof, failed;
    unsigned long line;            /* the line the next record starts on */
    char *text;                    /* decoded fields, each followed by a NUL */
    uint32_t *fields;              /* offset of each field in text */
};

struct record {
    const char *raw;               /* the record as read, without its line break */
    size_t length;
    unsigned long line;            /* its first line */
    int crlf;                      /* it ended with \r\n */
    enum record_error error;
    unsigned error_field;          /* 1-based, for quote errors */
    unsigned nfields;
};

static int reader_open(struct reader *r, FILE *in, int csv)
{
    memset(r, 0, sizeof *r);
    r->in = in;
    r->csv = csv;
    r->line = 1;
    r->capacity = BATCH_CHUNK;
    r->data = malloc(r->capacity);
    r->text = malloc(BATCH_MAX_RECORD + BATCH_MAX_FIELDS + 1);
    r->fields = malloc(sizeof *r->fields * BATCH_MAX_FIELDS);
    return r->data && r->text && r->fields ? 0 : -1;
}

static void reader_close(struct reader *r)
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
static int reader_scan(struct reader *r, struct record *rec)
{
    const char *data = r->data;
    size_t p = r->start, end = r->end;
    enum scan_state state = FIELD_START;
    char *out = r->text;
    unsigned lines = 0;
    rec->error = RECORD_OK;
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
                if (++rec->nfields == BATCH_MAX_FIELDS) {
                    rec->error = rec->error ? rec->error : RECORD_TOO_MANY_FIELDS;
                    rec->nfields--;
                    out = r->text + r->fields[rec->nfields];
                }
                r->fields[rec->nfields] = (uint32_t)(out - r->text);
                state = FIELD_START;
                break;
            }
            if (c == '"' && !rec->error) {
                rec->error = RECORD_QUOTE_IN_FIELD;
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
                rec->error = RECORD_AFTER_QUOTE;
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
        rec->error = RECORD_UNCLOSED_QUOTE;
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
static void reader_skip(struct reader *r, struct record *rec)
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

/* The next record. Returns 1, or 0 at the end of input. */
static int reader_next(struct reader *r, struct record *rec)
{
    for (;;) {
        if (r->start == r->end && r->eof)
            return 0;
        if (r->start < r->end && reader_scan(r, rec))
            return 1;
        if (r->end - r->start >= BATCH_MAX_RECORD) {
            rec->line = r->line;
            reader_skip(r, rec);
            rec->raw = NULL;
            rec->length = 0;
            rec->nfields = 0;
            rec->error = RECORD_TOO_LONG;
            return 1;
        }
        if (reader_fill(r) != 0 && r->start == r->end)
            return 0;
    }
}

static const char *reader_field(const struct reader *r, unsigned i)
{
    return r->text + r->fields[i];
}

/* ---------------------------------------------------------------------------------------- */
/* Answers */

struct batch {
    const struct rt_policy *policy;
    struct sink out;
    const char **spans;            /* JSONL: keys that pass through, start and end of each */
    char **tails;                  /* CSV: each rule's last columns */
    unsigned long long read, decided, rejected;
    int bad_tables;
    char message[BATCH_MESSAGE];
};

/* Writes "ligne N : " and the formatted rest into b->message. */
static void batch_message(struct batch *b, unsigned long line, const char *format, const char *a,
                          const char *c)
{
    int used = snprintf(b->message, sizeof b->message, "ligne %lu : ", line);
    snprintf(b->message + used, sizeof b->message - (size_t)used, format, a, c);
}

static void batch_bad_value(struct batch *b, unsigned long line, int input, const char *text)
{
    char allowed[REPORT_ALLOWED_SIZE];
    const struct rt_var *var = &b->policy->vars[input];
    report_allowed(allowed, sizeof allowed, var);
    char shown[64];
    size_t length = strlen(text);
    if (length >= sizeof shown) {
        /* Cut on a character boundary, and say it was cut. */
        size_t cut = sizeof shown - 4;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(shown, text, cut);
        memcpy(shown + cut, "…", 4);
        text = shown;
        shown[cut + 3] = '\0';
    }
    int used = snprintf(b->message, sizeof b->message, "ligne %lu : %s : valeur « %s » refusée ; ",
                        line, var->name, text);
    snprintf(b->message + used, sizeof b->message - (size_t)used, "%s", allowed);
}

/* Decides the claim. Returns 0 decided, -1 rejected with b->message set. */
static int batch_decide(struct batch *b, unsigned long line, const struct rt_claim *claim,
                        struct rt_result *result)
{
    switch (rt_decide(b->policy, claim, result)) {
    case RT_OK:
        return 0;
    case RT_MISSING: {
        char text[REPORT_ALLOWED_SIZE + 256];
        report_missing_text(text, sizeof text, b->policy, result->missing);
        batch_message(b, line, "%s%s", text, "");
        return -1;
    }
    default:
        b->bad_tables = 1;
        batch_message(b, line, "erreur interne : tables de décision malformées%s%s", "", "");
        return -1;
    }
}

/* The decision columns: outcome, each output, rule, citation, reason, error. */
static void batch_csv_answer(struct batch *b, const struct rt_result *result, int rejected)
{
    static const char *const outcomes[] = { "decided", "unspecified", "invalid" };
    const struct rt_policy *policy = b->policy;
    struct sink *out = &b->out;
    sink_char(out, ',');
    if (rejected) {
        sink_string(out, "rejected");
        for (unsigned o = 0; o < policy->noutputs + 3u; o++)
            sink_char(out, ',');
        sink_char(out, ',');
        sink_csv_field(out, b->message);
        return;
    }
    sink_string(out, outcomes[result->outcome]);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        sink_char(out, ',');
        if (result->set >> o & 1)
            report_value_write(out, &policy->outputs[o], result->values[o], REPORT_CSV);
    }
    sink_bytes(out, b->tails[result->rule], strlen(b->tails[result->rule]));
}

/* text as a CSV field, quoted when it must be, appended to buffer (which has room). */
static char *batch_csv_append(char *buffer, const char *text)
{
    if (!text[strcspn(text, ",\"\r\n")])
        return strcpy(buffer, text) + strlen(text);
    *buffer++ = '"';
    for (; *text; text++) {
        if (*text == '"')
            *buffer++ = '"';
        *buffer++ = *text;
    }
    *buffer++ = '"';
    *buffer = '\0';
    return buffer;
}

/* Each rule's last columns, ",rule,citation,reason,", written once rather than every row. */
static int batch_csv_tails(struct batch *b)
{
    const struct rt_policy *policy = b->policy;
    b->tails = calloc(policy->nrules + 1, sizeof *b->tails);
    if (!b->tails)
        return -1;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        const struct rt_rule *rule = &policy->rules[r];
        const char *reason = rule->reason ? rule->reason : "";
        size_t size = 2 * (strlen(rule->name) + strlen(rule->citation) + strlen(reason)) + 16;
        char *tail = b->tails[r] = malloc(size);
        if (!tail)
            return -1;
        *tail++ = ',';
        tail = batch_csv_append(tail, rule->name);
        *tail++ = ',';
        tail = batch_csv_append(tail, rule->citation);
        *tail++ = ',';
        tail = batch_csv_append(tail, reason);
        *tail++ = ',';
        *tail = '\0';
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* CSV */

static const char *const record_errors[] = {
    [RECORD_TOO_LONG] = "enregistrement de plus de 1 Mio, non conservé",
    [RECORD_UNCLOSED_QUOTE] = "champ %u : guillemet ouvrant jamais fermé",
    [RECORD_QUOTE_IN_FIELD] = "champ %u : guillemet dans un champ qui ne commence pas par un "
                              "guillemet (écrire le champ entre guillemets, et \"\" pour \")",
    [RECORD_AFTER_QUOTE] = "champ %u : texte après le guillemet fermant",
    [RECORD_TOO_MANY_FIELDS] = "plus de 4096 champs",
};

static int batch_csv(struct batch *b, struct reader *r, FILE *err, const char *program)
{
    const struct rt_policy *policy = b->policy;
    struct record rec;
    if (!reader_next(r, &rec))
        return 0;
    /* The header: which column is which input. */
    unsigned ncolumns = rec.nfields;
    int *inputs = malloc(sizeof *inputs * (ncolumns ? ncolumns : 1));
    if (!inputs) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        return -1;
    }
    char header_error[BATCH_MESSAGE] = "";
    if (rec.error != RECORD_OK) {
        snprintf(header_error, sizeof header_error,
                 "ligne %lu : en-tête illisible : ", rec.line);
        size_t used = strlen(header_error);
        snprintf(header_error + used, sizeof header_error - used, record_errors[rec.error],
                 rec.error_field);
    }
    uint64_t seen = 0;
    for (unsigned c = 0; c < ncolumns; c++) {
        const char *name = reader_field(r, c);
        if (c == 0 && strncmp(name, "\xEF\xBB\xBF", 3) == 0)
            name += 3;                          /* a byte order mark, as spreadsheets write */
        inputs[c] = rt_input_index(policy, name, strlen(name));
        if (inputs[c] < 0)
            continue;
        if ((seen >> inputs[c] & 1) && !header_error[0])
            snprintf(header_error, sizeof header_error,
                     "ligne %lu : en-tête : la colonne %s est nommée deux fois", rec.line, name);
        seen |= (uint64_t)1 << inputs[c];
    }
    const char *newline = rec.crlf ? "\r\n" : "\n";
    struct sink *out = &b->out;
    if (rec.length)
        sink_bytes(out, rec.raw, rec.length);
    sink_string(out, ",outcome");
    for (unsigned o = 0; o < policy->noutputs; o++) {
        sink_char(out, ',');
        sink_csv_field(out, policy->outputs[o].name);
    }
    sink_string(out, ",rule,citation,reason,error");
    sink_string(out, newline);

    struct rt_claim claim;
    struct rt_result result;
    while (reader_next(r, &rec)) {
        b->read++;
        int rejected = 1;
        if (header_error[0]) {
            snprintf(b->message, sizeof b->message, "%s", header_error);
        } else if (rec.error != RECORD_OK) {
            int used = snprintf(b->message, sizeof b->message, "ligne %lu : ", rec.line);
            snprintf(b->message + used, sizeof b->message - (size_t)used, record_errors[rec.error],
                     rec.error_field);
        } else if (rec.nfields != ncolumns) {
            snprintf(b->message, sizeof b->message,
                     "ligne %lu : %u champ%s au lieu de %u, le nombre de colonnes de l'en-tête",
                     rec.line, rec.nfields, rec.nfields > 1 ? "s" : "", ncolumns);
        } else {
            claim.present = 0;
            rejected = 0;
            for (unsigned c = 0; c < ncolumns; c++) {
                int input = inputs[c];
                const char *text = reader_field(r, c);
                if (input < 0 || !text[0])
                    continue;
                if (rt_parse_value(&policy->vars[input], text, &claim.values[input]) != 0) {
                    batch_bad_value(b, rec.line, input, text);
                    rejected = 1;
                    break;
                }
                claim.present |= (uint64_t)1 << input;
            }
            if (!rejected)
                rejected = batch_decide(b, rec.line, &claim, &result) != 0;
        }
        /* The row as read. A row with a quoting error goes whole, as text, into the first
         * column, so that the answer stays well-formed CSV; a short row is padded. */
        unsigned written = rec.nfields;
        if (rec.error == RECORD_TOO_LONG) {
            written = 1;
        } else if (rec.error != RECORD_OK) {
            char *raw = malloc(rec.length + 1);
            if (raw) {
                memcpy(raw, rec.raw, rec.length);
                raw[rec.length] = '\0';
                sink_csv_field(out, raw);
                free(raw);
            }
            written = 1;
        } else {
            sink_bytes(out, rec.raw, rec.length);
        }
        for (; written < ncolumns; written++)
            sink_char(out, ',');
        batch_csv_answer(b, &result, rejected);
        sink_string(out, newline);
        if (rejected)
            b->rejected++;
        else
            b->decided++;
    }
    free(inputs);
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* JSON Lines */

struct json {
    const char *p, *end, *line;
    const char *error;             /* what was expected, when malformed */
    const char *error_at;
    char *text;                    /* decoded strings go here */
};

static void json_space(struct json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r'))
        j->p++;
}

static int json_fail(struct json *j, const char *what)
{
    if (!j->error) {
        j->error = what;
        j->error_at = j->p;
    }
    return -1;
}

static void json_utf8(char **out, unsigned long code)
{
    char *o = *out;
    if (code < 0x80) {
        *o++ = (char)code;
    } else if (code < 0x800) {
        *o++ = (char)(0xC0 | code >> 6);
        *o++ = (char)(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        *o++ = (char)(0xE0 | code >> 12);
        *o++ = (char)(0x80 | (code >> 6 & 0x3F));
        *o++ = (char)(0x80 | (code & 0x3F));
    } else {
        *o++ = (char)(0xF0 | code >> 18);
        *o++ = (char)(0x80 | (code >> 12 & 0x3F));
        *o++ = (char)(0x80 | (code >> 6 & 0x3F));
        *o++ = (char)(0x80 | (code & 0x3F));
    }
    *out = o;
}

static int json_hex4(struct json *j, unsigned long *code)
{
    *code = 0;
    for (int i = 0; i < 4; i++, j->p++) {
        if (j->p == j->end)
            return json_fail(j, "quatre chiffres hexadécimaux après \\u");
        char c = *j->p;
        unsigned digit = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                       : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                       : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (digit == 16)
            return json_fail(j, "quatre chiffres hexadécimaux après \\u");
        *code = *code << 4 | digit;
    }
    return 0;
}

/* A string at j->p (on its opening quote), decoded into *out (NUL-terminated; *out moves past
 * the NUL). */
static int json_string(struct json *j, char **out)
{
    char *o = *out;
    j->p++;
    for (;;) {
        if (j->p == j->end)
            return json_fail(j, "un guillemet fermant");
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') {
            j->p++;
            break;
        }
        if (c < 0x20)
            return json_fail(j, "un caractère de contrôle échappé (\\n, \\t, \\u0000…)");
        if (c != '\\') {
            *o++ = (char)c;
            j->p++;
            continue;
        }
        if (++j->p == j->end)
            return json_fail(j, "un caractère après \\");
        c = (unsigned char)*j->p++;
        unsigned long code;
        switch (c) {
        case '"': case '\\': case '/': *o++ = (char)c; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
            if (json_hex4(j, &code) != 0)
                return -1;
            if (code >= 0xD800 && code < 0xDC00) {
                unsigned long low;
                if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
                    return json_fail(j, "la seconde moitié d'une paire \\uD800-\\uDFFF");
                j->p += 2;
                if (json_hex4(j, &low) != 0)
                    return -1;
                if (low < 0xDC00 || low > 0xDFFF)
                    return json_fail(j, "la seconde moitié d'une paire \\uD800-\\uDFFF");
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            } else if (code >= 0xDC00 && code < 0xE000) {
                return json_fail(j, "une paire \\uD800-\\uDFFF complète");
            }
            if (code == 0)
                return json_fail(j, "un caractère autre que \\u0000");
            json_utf8(&o, code);
            break;
        default:
            j->p--;
            return json_fail(j, "un échappement connu (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
        }
    }
    *o++ = '\0';
    *out = o;
    return 0;
}

static int json_digits(struct json *j)
{
    if (j->p == j->end || *j->p < '0' || *j->p > '9')
        return json_fail(j, "un chiffre");
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    return 0;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(struct json *j)
{
    if (*j->p == '-')
        j->p++;
    if (j->p < j->end && *j->p == '0')
        j->p++;
    else if (json_digits(j) != 0)
        return -1;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (json_digits(j) != 0)
            return -1;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (json_digits(j) != 0)
            return -1;
    }
    return 0;
}

enum json_kind { JSON_STRING, JSON_NUMBER, JSON_TRUE, JSON_FALSE, JSON_NULL, JSON_NESTED };

/* Skips a value at j->p. Nested objects and arrays only pass through, so they are checked for
 * balance and strings, not decoded. */
static int json_value(struct json *j, enum json_kind *kind, char **scratch)
{
    static const struct { const char *word; enum json_kind kind; } words[] = {
        { "true", JSON_TRUE }, { "false", JSON_FALSE }, { "null", JSON_NULL }
    };
    if (j->p == j->end)
        return json_fail(j, "une valeur");
    char c = *j->p;
    if (c == '"') {
        *kind = JSON_STRING;
        return json_string(j, scratch);
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t length = strlen(words[i].word);
        if ((size_t)(j->end - j->p) >= length && memcmp(j->p, words[i].word, length) == 0) {
            j->p += length;
            *kind = words[i].kind;
            return 0;
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        const char *start = j->p;
        if (json_number(j) != 0)
            return -1;
        char *o = *scratch;
        memcpy(o, start, (size_t)(j->p - start));
        o[j->p - start] = '\0';
        *scratch = o + (j->p - start) + 1;
        *kind = JSON_NUMBER;
        return 0;
    }
    if (c != '{' && c != '[')
        return json_fail(j, "une valeur (chaîne, nombre, true, false, null, objet ou tableau)");
    *kind = JSON_NESTED;
    unsigned depth = 0;
    char *discard = *scratch;
    do {
        if (j->p == j->end)
            return json_fail(j, "la fin de l'objet ou du tableau imbriqué");
        c = *j->p;
        if (c == '"') {
            char *o = discard;
            if (json_string(j, &o) != 0)
                return -1;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
        j->p++;
    } while (depth > 0);
    return 0;
}

static unsigned long json_column(const struct json *j)
{
    unsigned long column = 1;
    for (const char *p = j->line; p < j->error_at; p++)
        column += ((unsigned char)*p & 0xC0) != 0x80;
    return column;
}

/* One claim line. Writes the answer; returns 0 decided, -1 rejected. */
static int batch_jsonl_line(struct batch *b, struct reader *r, const struct record *rec)
{
    const struct rt_policy *policy = b->policy;
    struct sink *out = &b->out;
    struct json j = { rec->raw, rec->raw + rec->length, rec->raw, NULL, NULL, r->text };
    /* Keys that are not inputs pass through: their spans, key to end of value. */
    const char **spans = b->spans;
    unsigned npassed = 0;
    uint64_t seen = 0;
    struct rt_claim claim;
    claim.present = 0;
    int rejected = 0;

    json_space(&j);
    if (j.p == j.end || *j.p != '{') {
        json_fail(&j, j.p == j.end ? "un objet JSON (la ligne est vide)" : "un objet JSON « { »");
    } else {
        j.p++;
        json_space(&j);
        if (j.p < j.end && *j.p == '}')
            j.p++;
        else
            for (;;) {
                json_space(&j);
                const char *key_start = j.p;
                char *scratch = r->text;
                if (j.p == j.end || *j.p != '"') {
                    json_fail(&j, "un nom de champ entre guillemets");
                    break;
                }
                char *key = scratch;
                if (json_string(&j, &scratch) != 0)
                    break;
                json_space(&j);
                if (j.p == j.end || *j.p != ':') {
                    json_fail(&j, "« : » après le nom de champ");
                    break;
                }
                j.p++;
                json_space(&j);
                const char *value_start = j.p;
                char *text = scratch;
                enum json_kind kind;
                if (json_value(&j, &kind, &scratch) != 0)
                    break;
                int input = rt_input_index(policy, key, strlen(key));
                if (input < 0) {
                    if (npassed + 2 <= 2 * BATCH_MAX_FIELDS) {
                        spans[npassed++] = key_start;
                        spans[npassed++] = j.p;
                    } else if (!rejected) {
                        batch_message(b, rec->line, "plus de %s champs%s", "4096", "");
                        rejected = 1;
                    }
                } else if (!rejected && (seen >> input & 1)) {
                    batch_message(b, rec->line, "%s : donnée fournie deux fois%s",
                                  policy->vars[input].name, "");
                    rejected = 1;
                } else if (!rejected && kind != JSON_NULL) {
                    const struct rt_var *var = &policy->vars[input];
                    int ok = 0;
                    if (kind == JSON_STRING || (kind == JSON_NUMBER && var->type == RT_TYPE_INT))
                        ok = rt_parse_value(var, text, &claim.values[input]) == 0;
                    else if ((kind == JSON_TRUE || kind == JSON_FALSE) && var->type == RT_TYPE_BOOL)
                        ok = 1, claim.values[input] = kind == JSON_TRUE;
                    if (!ok) {
                        if (kind != JSON_STRING && kind != JSON_NUMBER) {
                            size_t length = (size_t)(j.p - value_start);
                            memmove(text, value_start, length);
                            text[length] = '\0';
                        }
                        batch_bad_value(b, rec->line, input, text);
                        rejected = 1;
                    }
                    claim.present |= (uint64_t)1 << input;
                }
                if (input >= 0)
                    seen |= (uint64_t)1 << input;
                json_space(&j);
                if (j.p < j.end && *j.p == ',') {
                    j.p++;
                    continue;
                }
                if (j.p < j.end && *j.p == '}') {
                    j.p++;
                    break;
                }
                json_fail(&j, "« , » ou « } »");
                break;
            }
        json_space(&j);
        if (!j.error && j.p != j.end)
            json_fail(&j, "la fin de la ligne après l'objet");
    }
    if (j.error) {
        npassed = 0;
        int used = snprintf(b->message, sizeof b->message,
                            "ligne %lu, colonne %lu : JSON mal formé : attendu ", rec->line,
                            json_column(&j));
        snprintf(b->message + used, sizeof b->message - (size_t)used, "%s", j.error);
        rejected = 1;
    }
    struct rt_result result;
    if (!rejected)
        rejected = batch_decide(b, rec->line, &claim, &result) != 0;
    sink_char(out, '{');
    for (unsigned i = 0; i < npassed; i += 2) {
        sink_bytes(out, spans[i], (size_t)(spans[i + 1] - spans[i]));
        sink_char(out, ',');
    }
    if (rejected) {
        sink_string(out, "\"outcome\":\"rejected\",\"error\":");
        sink_json_string(out, b->message);
    } else {
        report_json_fields(out, policy, &result);
    }
    sink_string(out, "}\n");
    return rejected ? -1 : 0;
}

static void batch_jsonl(struct batch *b, struct reader *r)
{
    struct record rec;
    while (reader_next(r, &rec)) {
        b->read++;
        if (rec.error == RECORD_TOO_LONG) {
            batch_message(b, rec.line, "%s%s", "ligne de plus de 1 Mio, non conservée", "");
            sink_string(&b->out, "{\"outcome\":\"rejected\",\"error\":");
            sink_json_string(&b->out, b->message);
            sink_string(&b->out, "}\n");
            b->rejected++;
        } else if (batch_jsonl_line(b, r, &rec) == 0) {
            b->decided++;
        } else {
            b->rejected++;
        }
    }
}

/* ---------------------------------------------------------------------------------------- */

int batch_run(const struct rt_policy *policy, enum batch_format format, FILE *in, FILE *out,
              FILE *err, const char *program)
{
    struct reader r;
    struct batch *b = malloc(sizeof *b);
    int opened = reader_open(&r, in, format == BATCH_CSV);
    if (b)
        b->spans = malloc(sizeof *b->spans * 2 * BATCH_MAX_FIELDS);
    if (!b || !b->spans || opened != 0) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        if (b)
            free(b->spans);
        free(b);
        reader_close(&r);
        return BATCH_FAILED;
    }
    b->policy = policy;
    sink_init(&b->out, out);
    b->read = b->decided = b->rejected = 0;
    b->bad_tables = 0;
    int failed = 0;
    b->tails = NULL;
    if (format == BATCH_CSV && batch_csv_tails(b) != 0) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        failed = 1;
    } else if (format == BATCH_CSV) {
        failed = batch_csv(b, &r, err, program) != 0;
    }
    else
        batch_jsonl(b, &r);
    if (sink_flush(&b->out) != 0) {
        fprintf(err, "%s: écriture des réponses impossible\n", program);
        failed = 1;
    }
    if (r.failed) {
        fprintf(err, "%s: lecture des demandes interrompue par une erreur\n", program);
        failed = 1;
    }
    if (b->bad_tables) {
        fprintf(err, "%s: erreur interne : tables de décision malformées\n", program);
        failed = 1;
    }
    fprintf(err, "%s: demandes lues : %llu ; décidées : %llu ; rejetées : %llu\n", program,
            b->read, b->decided, b->rejected);
    int status = failed ? BATCH_FAILED : b->rejected ? BATCH_SOME_REJECTED : BATCH_ALL_DECIDED;
    reader_close(&r);
    if (b->tails)
        for (uint32_t i = 0; i < policy->nrules; i++)
            free(b->tails[i]);
    free(b->tails);
    free(b->spans);
    free(b);
    return status;
}
