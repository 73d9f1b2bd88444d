/* src/policy/json.c — reads one flat JSON object, member by member (RFC 8259 values, strings of
 * well-formed UTF-8; nested ones are checked whole but not kept). Part of rulec; see README.md for the licence. */
#include "json.h"

#include <string.h>

#include <rulec/rulec.h>

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
        if (c >= 0x80) {
            size_t length = rulec_utf8_length(j->p, (size_t)(j->end - j->p));
            if (length == 0)
                return json_fail(j, "du texte UTF-8 valide (octet qui ne forme pas un caractère)");
            memcpy(o, j->p, length);
            o += length;
            j->p += length;
            continue;
        }
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

/* The deepest nesting of objects and arrays checked: deeper is refused rather than recursed
 * into, so a hostile line cannot exhaust the stack. */
#define JSON_MAX_DEPTH 128

static int json_any(struct json *j, char *discard, unsigned depth);

/* A member's key, decoded at *out (which moves past it), then its colon and the blanks around
 * it; an object's members are read so whether kept (json_next) or skipped (json_any). */
static int json_key(struct json *j, char **out)
{
    if (j->p == j->end || *j->p != '"')
        return json_fail(j, "un nom de champ entre guillemets");
    if (json_string(j, out) != 0)
        return -1;
    json_space(j);
    if (j->p == j->end || *j->p != ':')
        return json_fail(j, "« : » après le nom de champ");
    j->p++;
    json_space(j);
    return 0;
}

/* A nested object or array at j->p, checked as RFC 8259 says but not kept: it only passes
 * through, so its strings are decoded into discard (as long as the line) and dropped. */
static int json_nested(struct json *j, char *discard, unsigned depth)
{
    if (depth >= JSON_MAX_DEPTH)
        return json_fail(j, "au plus 128 objets ou tableaux imbriqués");
    char close = *j->p == '{' ? '}' : ']';
    j->p++;
    json_space(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            char *o = discard;
            if (json_key(j, &o) != 0)
                return -1;
        }
        if (json_any(j, discard, depth + 1) != 0)
            return -1;
        json_space(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            json_space(j);
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return 0;
        }
        return json_fail(j, close == '}' ? "« , » ou « } »" : "« , » ou « ] »");
    }
}

/* A literal true, false or null at j->p: *kind set, or -1 when it is none of them. */
static int json_word(struct json *j, enum json_kind *kind)
{
    static const struct { const char *word; enum json_kind kind; } words[] = {
        { "true", JSON_TRUE }, { "false", JSON_FALSE }, { "null", JSON_NULL }
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t length = strlen(words[i].word);
        if ((size_t)(j->end - j->p) >= length && memcmp(j->p, words[i].word, length) == 0) {
            j->p += length;
            *kind = words[i].kind;
            return 0;
        }
    }
    return -1;
}

/* Any value inside a nested one, checked and dropped. */
static int json_any(struct json *j, char *discard, unsigned depth)
{
    enum json_kind kind;
    if (j->p == j->end)
        return json_fail(j, "une valeur");
    char c = *j->p;
    if (c == '"') {
        char *o = discard;
        return json_string(j, &o);
    }
    if (c == '{' || c == '[')
        return json_nested(j, discard, depth);
    if (c == '-' || (c >= '0' && c <= '9'))
        return json_number(j);
    if (json_word(j, &kind) == 0)
        return 0;
    return json_fail(j, "une valeur (chaîne, nombre, true, false, null, objet ou tableau)");
}

/* A member's value at j->p. Strings and numbers are decoded into *scratch; nested objects and
 * arrays only pass through, so they are checked whole (json_nested), not decoded. */
static int json_value(struct json *j, enum json_kind *kind, char **scratch)
{
    if (j->p == j->end)
        return json_fail(j, "une valeur");
    char c = *j->p;
    if (c == '"') {
        *kind = JSON_STRING;
        return json_string(j, scratch);
    }
    if (json_word(j, kind) == 0)
        return 0;
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
    return json_nested(j, *scratch, 0);
}

unsigned long json_column(const struct json *j)
{
    unsigned long column = 1;
    for (const char *p = j->line; p < j->error_at; p++)
        column += ((unsigned char)*p & 0xC0) != 0x80;
    return column;
}

int json_open(struct json *j, const char *text, size_t length, char *scratch)
{
    j->p = j->line = text;
    j->end = text + length;
    j->error = j->error_at = NULL;
    j->scratch = scratch;
    json_space(j);
    if (j->p == j->end)
        return json_fail(j, "un objet JSON (la ligne est vide)");
    if (*j->p != '{')
        return json_fail(j, "un objet JSON « { »");
    j->p++;
    json_space(j);
    return 0;
}

/* After the closing brace: nothing but blanks. */
static int json_close(struct json *j)
{
    j->p++;
    json_space(j);
    return j->p == j->end ? 0 : json_fail(j, "la fin de la ligne après l'objet");
}

int json_next(struct json *j, struct json_member *member)
{
    if (j->error)
        return -1;
    if (j->p < j->end && *j->p == '}')
        return json_close(j);
    /* Each member's key and value are decoded at the start of scratch: never longer than
     * their text, so one line's length always suffices. */
    char *scratch = j->scratch;
    member->start = j->p;
    member->key = scratch;
    if (json_key(j, &scratch) != 0)
        return -1;
    const char *value = j->p;
    char *text = scratch;
    if (json_value(j, &member->kind, &scratch) != 0)
        return -1;
    member->end = j->p;
    if (member->kind != JSON_STRING && member->kind != JSON_NUMBER) {
        memcpy(text, value, (size_t)(j->p - value));
        text[j->p - value] = '\0';
    }
    member->text = text;
    json_space(j);
    if (j->p < j->end && *j->p == ',') {
        j->p++;
        json_space(j);
        if (j->p < j->end && *j->p == '}')
            return json_fail(j, "un nom de champ entre guillemets");
        return 1;
    }
    if (j->p < j->end && *j->p == '}')
        return 1;
    return json_fail(j, "« , » ou « } »");
}
