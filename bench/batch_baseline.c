/* bench/batch_baseline.c — batch mode written by hand for ramq2018: reads the CSV on stdin,
 * decides each row with the if-chain (bench/ifchain.c) and writes the same columns as
 * `build/ramq2018 --batch`, byte for byte on rows that decide (bench/run.sh compares them).
 *
 * A fair limit, written for speed: input read in large blocks, each answer assembled in a
 * buffer and written with one call. It parses RFC 4180 quoted fields but, unlike rulec, not
 * line breaks inside them, and its error column is terse.
 * Part of rulec; see README.md for the licence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifchain.h"

#define MAX_LINE 65536
#define MAX_FIELDS 64

enum column { C_PROFESSION, C_DEMANDE, C_DATE_SERVICE, C_DATE_DEMANDE, C_SYSTEME_INITIAL,
              C_ACCES, C_DATE_ETAT_COMPTE, C_OTHER };

static const char *const column_names[] = {
    "profession", "demande", "date_service", "date_demande", "systeme_initial",
    "acces_ancien_systeme", "date_etat_compte"
};

struct line_reader {
    char buffer[1 << 20];
    size_t start, end;
    int eof;
};

/* The next line, without its line break, NUL-terminated in place; NULL at the end. */
static char *next_line(struct line_reader *r, size_t *length)
{
    for (;;) {
        char *newline = memchr(r->buffer + r->start, '\n', r->end - r->start);
        if (newline || (r->eof && r->start < r->end)) {
            char *line = r->buffer + r->start;
            size_t n = newline ? (size_t)(newline - line) : r->end - r->start;
            r->start += n + (newline != NULL);
            if (n && line[n - 1] == '\r')
                n--;
            line[n] = '\0';
            *length = n;
            return line;
        }
        if (r->eof)
            return NULL;
        memmove(r->buffer, r->buffer + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
        size_t got = fread(r->buffer + r->end, 1, sizeof r->buffer - r->end - 1, stdin);
        r->end += got;
        if (got == 0)
            r->eof = 1;
    }
}

/* Splits a line into fields, unquoting in place. Returns the number of fields. */
static int split(char *line, char **fields)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == MAX_FIELDS)
            return n;
        if (*p == '"') {
            char *out = ++p;
            fields[n++] = out;
            for (;;) {
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"' || !*p) {
                    p += *p == '"';
                    break;
                } else {
                    *out++ = *p++;
                }
            }
            *out = '\0';
        } else {
            fields[n++] = p;
            p += strcspn(p, ",");
        }
        if (*p != ',') {
            *p = '\0';
            return n;
        }
        *p++ = '\0';
    }
}

static int parse_date(const char *s, int32_t *number)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    if (s[10])
        return -1;
    *number = ((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0')) * 10000
              + ((s[5] - '0') * 10 + (s[6] - '0')) * 100 + (s[8] - '0') * 10 + (s[9] - '0');
    return 0;
}

struct out {
    char *p;
};

static void put(struct out *o, const char *s, size_t n)
{
    memcpy(o->p, s, n);
    o->p += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* A field, quoted when it must be. */
static void put_field(struct out *o, const char *s)
{
    if (!s[strcspn(s, ",\"\r\n")]) {
        puts_(o, s);
        return;
    }
    *o->p++ = '"';
    for (; *s; s++) {
        if (*s == '"')
            *o->p++ = '"';
        *o->p++ = *s;
    }
    *o->p++ = '"';
}

static void put_date(struct out *o, int32_t n)
{
    char d[10] = { (char)('0' + n / 10000000), (char)('0' + n / 1000000 % 10),
                   (char)('0' + n / 100000 % 10), (char)('0' + n / 10000 % 10), '-',
                   (char)('0' + n / 1000 % 10), (char)('0' + n / 100 % 10), '-',
                   (char)('0' + n / 10 % 10), (char)('0' + n % 10) };
    put(o, d, sizeof d);
}

static void put_int(struct out *o, long v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%ld", v);
    put(o, digits, (size_t)n);
}

int main(void)
{
    static struct line_reader reader;
    static char answer[3 * MAX_LINE];
    static char copy[MAX_LINE + 1];
    static const char *const outcomes[] = { "decided", "unspecified", "invalid" };
    static const char *const canals[] = { "ancien_systeme", "nouveau_systeme", "formulaire_1670",
        "formulaire_1500", "demande_revision", "modification_annulation", "formulaire_2058_2076" };
    static const char *const professions[] = { "dentiste", "chirurgien_buccal", "optometriste" };
    static const char *const demandes[] = { "facturer", "refacturer", "rembourser_assure" };
    static const char *const systemes[] = { "ancien_logiciel", "papier", "nouveau" };
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);

    size_t length;
    char *line = next_line(&reader, &length);
    if (!line)
        return 0;
    char *fields[MAX_FIELDS];
    memcpy(copy, line, length + 1);
    int ncolumns = split(copy, fields);
    enum column columns[MAX_FIELDS];
    for (int c = 0; c < ncolumns; c++) {
        columns[c] = C_OTHER;
        for (int k = 0; k < C_OTHER; k++)
            if (strcmp(fields[c], column_names[k]) == 0)
                columns[c] = (enum column)k;
    }
    fwrite(line, 1, length, stdout);
    fputs(",outcome,canal,echeance,hors_delai,mentions,message,rule,citation,reason,interpretation,error\n", stdout);

    unsigned long rows = 0, decided = 0;
    while ((line = next_line(&reader, &length))) {
        rows++;
        struct out o = { answer };
        put(&o, line, length);
        memcpy(copy, line, length + 1);
        int n = split(copy, fields);
        struct ramq2018_input in;
        memset(&in, 0, sizeof in);
        const char *error = n != ncolumns ? "wrong number of fields" : NULL;
        for (int c = 0; c < n && !error; c++) {
            const char *f = fields[c];
            if (!*f || columns[c] == C_OTHER)
                continue;
            int ok = 0;
            switch (columns[c]) {
            case C_PROFESSION:
                for (int k = 0; k < 3; k++)
                    if (strcmp(f, professions[k]) == 0)
                        in.profession = (enum ramq2018_profession_value)k, ok = in.has_profession = true;
                break;
            case C_DEMANDE:
                for (int k = 0; k < 3; k++)
                    if (strcmp(f, demandes[k]) == 0)
                        in.demande = (enum ramq2018_demande_value)k, ok = in.has_demande = true;
                break;
            case C_SYSTEME_INITIAL:
                for (int k = 0; k < 3; k++)
                    if (strcmp(f, systemes[k]) == 0)
                        in.systeme_initial = (enum ramq2018_systeme_initial_value)k,
                        ok = in.has_systeme_initial = true;
                break;
            case C_ACCES:
                ok = strcmp(f, "true") == 0 || strcmp(f, "false") == 0;
                in.acces_ancien_systeme = f[0] == 't';
                in.has_acces_ancien_systeme = ok;
                break;
            case C_DATE_SERVICE:
                ok = in.has_date_service = parse_date(f, &in.date_service) == 0;
                break;
            case C_DATE_DEMANDE:
                ok = in.has_date_demande = parse_date(f, &in.date_demande) == 0;
                break;
            case C_DATE_ETAT_COMPTE:
                ok = in.has_date_etat_compte = parse_date(f, &in.date_etat_compte) == 0;
                break;
            default:
                break;
            }
            if (!ok)
                error = column_names[columns[c]];
        }
        struct ramq2018_result r;
        if (!error && ifchain_decide(&in, &r) != RAMQ2018_OK)
            error = r.error_input;
        if (error) {
            puts_(&o, ",rejected,,,,,,,,,,");
            put_field(&o, error);
        } else {
            decided++;
            *o.p++ = ',';
            puts_(&o, outcomes[r.outcome]);
            *o.p++ = ',';
            if (r.outputs.has_canal)
                puts_(&o, canals[r.outputs.canal]);
            *o.p++ = ',';
            if (r.outputs.has_echeance)
                put_date(&o, r.outputs.echeance);
            *o.p++ = ',';
            if (r.outputs.has_hors_delai)
                puts_(&o, r.outputs.hors_delai ? "true" : "false");
            *o.p++ = ',';
            if (r.outputs.has_mentions && r.outputs.mentions)
                puts_(&o, "date_service lettre_b_case_cs no_demande_et_date_etat_compte");
            *o.p++ = ',';
            if (r.outputs.has_message)
                put_int(&o, r.outputs.message);
            *o.p++ = ',';
            puts_(&o, r.rule);
            *o.p++ = ',';
            put_field(&o, r.citation);
            *o.p++ = ',';
            if (r.reason)
                put_field(&o, r.reason);
            *o.p++ = ',';
            if (r.interpretation)
                put_field(&o, r.interpretation);
            *o.p++ = ',';
        }
        *o.p++ = '\n';
        fwrite(answer, 1, (size_t)(o.p - answer), stdout);
    }
    fprintf(stderr, "batch_baseline: %lu rows, %lu decided, %lu rejected\n", rows, decided,
            rows - decided);
    return fflush(stdout) == 0 ? 0 : 1;
}
