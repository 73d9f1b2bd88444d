/* src/runtime/text.c — the one renderer of values: a value of an input or an output as the
 * rule file writes it, as JSON, as a CSV field, or for a clerk, into a caller's buffer.
 * Part of rulec; see README.md for the licence.
 * Allocates nothing and includes no compiler header, like decide.c: rulec, the policy program,
 * and the database extensions all print values through it, so they print them alike. */
#include <rulec/rulec.h>

#include <string.h>

/* Appends length bytes of text to buffer as snprintf would: never past size, always
 * terminated when size > 0; *used counts what the whole text needs. */
static void rulec_put_bytes(char *buffer, size_t size, size_t *used, const char *text, size_t length)
{
    if (*used < size) {
        size_t room = size - *used - 1;
        size_t copied = length < room ? length : room;
        memcpy(buffer + *used, text, copied);
        buffer[*used + copied] = '\0';
    }
    *used += length;
}

static void rulec_put(char *buffer, size_t size, size_t *used, const char *text)
{
    rulec_put_bytes(buffer, size, used, text, strlen(text));
}

/* A decimal integer, without printf: batch mode writes one per row. */
static void rulec_put_int(char *buffer, size_t size, size_t *used, int32_t value)
{
    char digits[12];
    size_t at = sizeof digits;
    uint32_t magnitude = value < 0 ? 0u - (uint32_t)value : (uint32_t)value;
    do {
        digits[--at] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        digits[--at] = '-';
    rulec_put_bytes(buffer, size, used, digits + at, sizeof digits - at);
}

size_t rulec_format_value(char *buffer, size_t size, const struct rulec_domain *domain, int32_t value,
                          enum rulec_notation notation)
{
    size_t used = 0;
    char number[16];
    if (size > 0)
        buffer[0] = '\0';
    int json = notation == RULEC_NOTATION_JSON, clerk = notation == RULEC_NOTATION_CLERK;
    switch (domain->type) {
    case RULEC_TYPE_BOOL:
        rulec_put(buffer, size, &used, clerk ? (value ? "oui" : "non") : value ? "true" : "false");
        break;
    case RULEC_TYPE_INT:
        rulec_put_int(buffer, size, &used, value);
        break;
    case RULEC_TYPE_DATE:
        rulec_date_format(value, number);
        if (json)
            rulec_put_bytes(buffer, size, &used, "\"", 1);
        rulec_put_bytes(buffer, size, &used, number, 10);
        if (json)
            rulec_put_bytes(buffer, size, &used, "\"", 1);
        break;
    case RULEC_TYPE_ENUM:
        if (value < 0 || (uint32_t)value >= domain->nmembers) {
            rulec_put(buffer, size, &used, json ? "null" : "?");
            break;
        }
        if (clerk) {
            rulec_put(buffer, size, &used, domain->member_labels[value]);
            rulec_put(buffer, size, &used, " (");
        }
        rulec_put(buffer, size, &used, json ? "\"" : "");
        rulec_put(buffer, size, &used, domain->members[value]);
        rulec_put(buffer, size, &used, json ? "\"" : clerk ? ")" : "");
        break;
    default: {
        /* Members are names of the rule language ([a-z0-9_]): nothing to escape in JSON. */
        static const char *const open[] = { "{", "[", "", "" };
        static const char *const between[] = { ",", ",", " ", "" };
        rulec_put(buffer, size, &used, open[notation]);
        int first = 1;
        for (unsigned m = 0; m < domain->nmembers; m++) {
            if (!((uint32_t)value >> m & 1))
                continue;
            if (clerk) {
                rulec_put(buffer, size, &used, "\n  - ");
                rulec_put(buffer, size, &used, domain->member_labels[m]);
                rulec_put(buffer, size, &used, " (");
                rulec_put(buffer, size, &used, domain->members[m]);
                rulec_put(buffer, size, &used, ")");
                first = 0;
                continue;
            }
            if (!first)
                rulec_put(buffer, size, &used, between[notation]);
            rulec_put(buffer, size, &used, notation == RULEC_NOTATION_RULES ? " " : json ? "\"" : "");
            rulec_put(buffer, size, &used, domain->members[m]);
            rulec_put(buffer, size, &used, json ? "\"" : "");
            first = 0;
        }
        if (clerk && first)
            rulec_put(buffer, size, &used, "aucune");
        rulec_put(buffer, size, &used, notation == RULEC_NOTATION_RULES ? " }" : json ? "]" : "");
        break;
    }
    }
    return used;
}

struct rulec_domain rulec_var_domain(const struct rulec_var *var)
{
    struct rulec_domain domain = { var->type, var->nmembers, var->members, var->member_labels,
                                var->bounded, var->low, var->high };
    return domain;
}

struct rulec_domain rulec_output_domain(const struct rulec_output *output)
{
    struct rulec_domain domain = { output->type, output->nmembers, output->members,
                                output->member_labels, 0, INT32_MIN, INT32_MAX };
    return domain;
}

size_t rulec_range_text(char *buffer, size_t size, int32_t low, int32_t high)
{
    size_t used = 0;
    if (size > 0)
        buffer[0] = '\0';
    if (low != INT32_MIN) {
        rulec_put(buffer, size, &used, high != INT32_MAX ? "de " : "d'au moins ");
        rulec_put_int(buffer, size, &used, low);
    }
    if (high != INT32_MAX) {
        rulec_put(buffer, size, &used, low != INT32_MIN ? " à " : "d'au plus ");
        rulec_put_int(buffer, size, &used, high);
    }
    return used;
}

/* Keep in step with enum rulec_outcome and enum rulec_op (rulec.h). */
static const char *const rulec_outcome_names[] = { "decided", "unspecified", "invalid" };
static const char *const rulec_op_texts[] = { "=", "!=", "<", "<=", ">", ">=" };

const char *rulec_outcome_name(unsigned outcome)
{
    return outcome < sizeof rulec_outcome_names / sizeof *rulec_outcome_names ? rulec_outcome_names[outcome]
                                                                        : NULL;
}

const char *rulec_op_text(unsigned op)
{
    return op < sizeof rulec_op_texts / sizeof *rulec_op_texts ? rulec_op_texts[op] : NULL;
}

size_t rulec_utf8_length(const char *text, size_t available)
{
    const unsigned char *u = (const unsigned char *)text;
    unsigned char lead = u[0];
    size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (length == 0 || available < length)
        return 0;
    /* The second byte's range depends on the first (the Unicode standard's table 3-7). */
    unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    if (u[1] < low || u[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if ((u[i] & 0xC0) != 0x80)
            return 0;
    return length;
}

uint32_t rulec_utf8_code(const char *text, size_t length)
{
    const unsigned char *u = (const unsigned char *)text;
    uint32_t code = length == 1 ? u[0] : length == 2 ? u[0] & 0x1Fu : length == 3 ? u[0] & 0x0Fu
                    : u[0] & 0x07u;
    for (size_t i = 1; i < length; i++)
        code = code << 6 | (u[i] & 0x3Fu);
    return code;
}

static const char rulec_hex_digits[] = "0123456789ABCDEF";

size_t rulec_display_char(const char *text, size_t available, char display[RULEC_DISPLAY_SIZE],
                          int *escaped)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t length = u[0] < 0x80 ? 1 : rulec_utf8_length(text, available);
    *escaped = 1;
    if (length == 0) {
        display[0] = '<', display[1] = '0', display[2] = 'x';
        display[3] = rulec_hex_digits[u[0] >> 4], display[4] = rulec_hex_digits[u[0] & 15];
        display[5] = '>', display[6] = '\0';
        return 1;
    }
    uint32_t code = rulec_utf8_code(text, length);
    int acts = (code < 0x20 && code != '\t' && code != '\n') || (code >= 0x7F && code <= 0x9F)
               || code == 0x061C || code == 0x200E || code == 0x200F
               || (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
    if (!acts) {
        memcpy(display, text, length);
        display[length] = '\0';
        *escaped = 0;
        return length;
    }
    size_t n = 0;
    display[n++] = '<', display[n++] = 'U', display[n++] = '+';
    for (int shift = 12; shift >= 0; shift -= 4)
        display[n++] = rulec_hex_digits[code >> shift & 15];
    display[n++] = '>';
    display[n] = '\0';
    return length;
}
