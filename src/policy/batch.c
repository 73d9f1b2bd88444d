/* src/policy/batch.c — batch mode: CSV (RFC 4180) and JSON Lines claims in, one answer per claim
 * out, streaming in constant memory. Part of rulec; see README.md for the licence.
 *
 * Records come from src/policy/reader.c, one at a time; every record read gets exactly one
 * answer, a rejected one when it cannot be decided. Nothing is ever dropped. */
#include "batch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "reader.h"
#include "report.h"
#include "sink.h"

#define BATCH_MESSAGE 4096
/* The hash table of one JSON line's passed-through keys: a power of two, twice the most. */
#define BATCH_KEY_SLOTS (2 * READER_MAX_FIELDS)

/* ---------------------------------------------------------------------------------------- */
/* Answers */

struct batch {
    const struct rulec_policy *policy;
    struct sink out;
    const char **spans;            /* JSONL: keys that pass through, start and end of each */
    char *keys;                    /* JSONL: those keys decoded, each followed by a NUL */
    size_t keys_used;
    uint32_t *key_slots;           /* JSONL: BATCH_KEY_SLOTS offsets into keys, plus one; 0 free */
    uint32_t *key_slot_list;       /* the slots in use, to clear them */
    unsigned nkey_slots;
    char **tails;                  /* CSV: each rule's last columns */
    unsigned long long read, decided, rejected, blank;
    int bad_tables;
    int bom;                       /* CSV: the input began with a byte order mark */
    char delimiter;                /* CSV: between fields */
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
    int used = snprintf(b->message, sizeof b->message, "ligne %lu : ", line);
    report_bad_value_text(b->message + used, sizeof b->message - (size_t)used,
                          &b->policy->vars[input], text);
}

/* Decides the claim. Returns 0 decided, -1 rejected with b->message set. */
static int batch_decide(struct batch *b, unsigned long line, const struct rulec_claim *claim,
                        struct rulec_result *result)
{
    enum rulec_status status = rulec_decide(b->policy, claim, result);
    if (status == RULEC_OK)
        return 0;
    b->bad_tables |= status == RULEC_BAD_TABLES || status == RULEC_BAD_ABI;
    char text[RULEC_REFUSAL_SIZE];
    rulec_refusal_text(text, sizeof text, b->policy, claim, status, result);
    batch_message(b, line, "%s%s", text, "");
    return -1;
}

/* The decision columns: outcome, each output, rule, citation, reason, interpretation, error. */
static void batch_csv_answer(struct batch *b, const struct rulec_result *result, int rejected)
{
    const struct rulec_policy *policy = b->policy;
    struct sink *out = &b->out;
    sink_char(out, b->delimiter);
    if (rejected) {
        sink_string(out, "rejected");
        for (unsigned o = 0; o < policy->noutputs + 4u; o++)
            sink_char(out, b->delimiter);
        sink_char(out, b->delimiter);
        sink_csv_field(out, b->message, b->delimiter);
        return;
    }
    sink_string(out, rulec_outcome_name(result->outcome));
    for (unsigned o = 0; o < policy->noutputs; o++) {
        sink_char(out, b->delimiter);
        if (result->set >> o & 1)
            sink_value(out, &policy->outputs[o], result->values[o], RULEC_NOTATION_CSV);
    }
    sink_bytes(out, b->tails[result->rule], strlen(b->tails[result->rule]));
}

/* text as a CSV field, quoted when it must be, appended to buffer (which has room). */
static char *batch_csv_append(char *buffer, const char *text, char delimiter)
{
    if (!sink_csv_needs_quotes(text, delimiter))
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

/* Each rule's last columns, ",rule,citation,reason,interpretation,", written once rather than
 * every row (with the file's delimiter for the commas). */
static int batch_csv_tails(struct batch *b)
{
    const struct rulec_policy *policy = b->policy;
    b->tails = calloc(policy->nrules + 1, sizeof *b->tails);
    if (!b->tails)
        return -1;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        const struct rulec_rule *rule = &policy->rules[r];
        const char *reason = rule->reason ? rule->reason : "";
        const char *interpretation = rule->interpretation ? rule->interpretation : "";
        size_t size = 2 * (strlen(rule->name) + strlen(rule->citation) + strlen(reason)
                           + strlen(interpretation)) + 16;
        char *tail = b->tails[r] = malloc(size);
        if (!tail)
            return -1;
        *tail++ = b->delimiter;
        tail = batch_csv_append(tail, rule->name, b->delimiter);
        *tail++ = b->delimiter;
        tail = batch_csv_append(tail, rule->citation, b->delimiter);
        *tail++ = b->delimiter;
        tail = batch_csv_append(tail, reason, b->delimiter);
        *tail++ = b->delimiter;
        tail = batch_csv_append(tail, interpretation, b->delimiter);
        *tail++ = b->delimiter;
        *tail = '\0';
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* CSV */

/* ORDER: one message per enum reader_error (reader.h); keep them in step. */
static const char *const record_errors[] = {
    [READER_OK] = "",
    [READER_TOO_LONG] = "ligne de plus de 1 Mio, non conservée",
    [READER_UNCLOSED_QUOTE] = "champ %u : guillemet ouvrant jamais fermé",
    [READER_QUOTE_IN_FIELD] = "champ %u : guillemet dans un champ qui ne commence pas par un "
                              "guillemet (écrire le champ entre guillemets, et \"\" pour \")",
    [READER_AFTER_QUOTE] = "champ %u : texte après le guillemet fermant",
    [READER_TOO_MANY_FIELDS] = "plus de 4096 champs",
    [READER_NUL] = "champ %u : octet NUL : la ligne n'est pas du texte (un fichier exporté en "
                   "UTF-16 ? l'enregistrer en CSV UTF-8)",
    [READER_FIELD_COUNT] = "",
    [READER_BROKEN] = "champ %u : guillemet ouvert sur cette ligne et jamais refermé comme il "
                      "faut (%s) ; seule cette ligne est rejetée, la lecture reprend à la "
                      "ligne suivante",
};

/* Why a record that spans lines was cut to its first line. */
static void batch_broken_cause(const struct reader_record *rec, unsigned ncolumns, char *buffer,
                               size_t size)
{
    switch (rec->cause) {
    case READER_UNCLOSED_QUOTE:
        snprintf(buffer, size, "aucun guillemet fermant jusqu'à la fin des données");
        break;
    case READER_AFTER_QUOTE:
        snprintf(buffer, size, "texte après le guillemet qui le fermerait");
        break;
    case READER_TOO_LONG:
        snprintf(buffer, size, "l'enregistrement dépasserait 1 Mio");
        break;
    case READER_NUL:
        snprintf(buffer, size, "octet NUL dans un champ");
        break;
    case READER_FIELD_COUNT:
        snprintf(buffer, size, "l'enregistrement aurait %u champs au lieu de %u",
                 rec->cause_fields, ncolumns);
        break;
    default:
        snprintf(buffer, size, "%s", "enregistrement mal formé");
        break;
    }
}

/* The reader's error for rec, after "ligne N : " (a row) or "ligne N : en-tête illisible : "
 * (header 1), into buffer. */
static void batch_record_text(char *buffer, size_t size, int header,
                              const struct reader_record *rec, unsigned ncolumns)
{
    int used = snprintf(buffer, size, header ? "ligne %lu : en-tête illisible : " : "ligne %lu : ",
                        rec->line);
    char cause[256];
    batch_broken_cause(rec, ncolumns, cause, sizeof cause);
    /* The header is not skipped as a row is: its message does not say reading resumes. */
    if (rec->error == READER_BROKEN)
        snprintf(buffer + used, size - (size_t)used, header ? "champ %u : guillemet ouvert sur "
                 "cette ligne et jamais refermé comme il faut (%s)" : record_errors[READER_BROKEN],
                 rec->error_field, cause);
    else
        snprintf(buffer + used, size - (size_t)used, record_errors[rec->error], rec->error_field);
}

static void batch_record_error(struct batch *b, const struct reader_record *rec, unsigned ncolumns)
{
    batch_record_text(b->message, sizeof b->message, 0, rec, ncolumns);
}

/* A line with nothing on it but spaces, tabs and delimiters: a spreadsheet's empty row. */
static int batch_blank(const struct reader_record *rec, char delimiter)
{
    if (rec->error != READER_OK)
        return 0;
    for (size_t i = 0; i < rec->length; i++)
        if (rec->raw[i] != ' ' && rec->raw[i] != '\t' && rec->raw[i] != delimiter)
            return 0;
    return 1;
}

static const char *batch_newline(enum reader_eol eol)
{
    return eol == READER_EOL_CRLF ? "\r\n" : eol == READER_EOL_CR ? "\r" : "\n";
}

/* How many of the header's fields, split at delimiter, name an input (quotes and spaces
 * around a name allowed): to tell a ';' or tab file from a ',' one. */
static unsigned batch_inputs_named(const struct rulec_policy *policy, const char *raw, size_t length,
                                   char delimiter)
{
    unsigned count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= length; i++) {
        if (i < length && raw[i] != delimiter)
            continue;
        size_t a = start, z = i;
        while (a < z && (raw[a] == ' ' || raw[a] == '"'))
            a++;
        while (z > a && (raw[z - 1] == ' ' || raw[z - 1] == '"'))
            z--;
        count += rulec_input_index(policy, raw + a, z - a) >= 0;
        start = i + 1;
    }
    return count;
}

/* The header names no input: one message with the columns found and the inputs expected. */
static void batch_no_input_column(struct batch *b, const struct reader_record *rec, FILE *err,
                                  const char *program)
{
    const struct rulec_policy *policy = b->policy;
    fprintf(err, "%s: ligne %lu : aucune colonne de l'en-tête ne nomme une donnée de la demande ; "
            "en-tête lu : « %.*s » ; données attendues : ", program, rec->line,
            rec->raw ? (int)(rec->length < 300 ? rec->length : 300) : 0, rec->raw ? rec->raw : "");
    for (unsigned v = 0; v < policy->ninputs; v++)
        fprintf(err, "%s%s", v ? ", " : "", policy->vars[v].name);
    fputs(" (séparateurs reconnus : « , », « ; » et tabulation ; sinon --delimiter)\n", err);
}

/* Reads the header into rec, past any blank line, with its delimiter: the one given, else ','
 * unless only ';' or a tab makes the names inputs. Returns 0 at the end of input. */
static int batch_csv_first(struct batch *b, struct reader *r, int delimiter,
                           struct reader_record *rec)
{
    if (delimiter)
        reader_delimiter(r, (char)delimiter);
    do {
        if (!reader_next(r, rec))
            return 0;
    } while (batch_blank(rec, r->delimiter) && ++b->blank);
    /* A quoted header read with the wrong delimiter may look malformed ("a";"b" read at
     * commas): the other delimiters are tried on it all the same. */
    if (delimiter || rec->error == READER_TOO_LONG
        || (rec->error == READER_OK && batch_inputs_named(b->policy, rec->raw, rec->length, ',') > 0))
        return 1;
    /* A spreadsheet set to French writes ';'; some export tabs. */
    static const char others[] = { ';', '\t' };
    for (unsigned i = 0; i < sizeof others; i++) {
        if (batch_inputs_named(b->policy, rec->raw, rec->length, others[i]) > 0) {
            reader_delimiter(r, others[i]);
            reader_unread(r, rec);
            return reader_next(r, rec);
        }
    }
    return 1;
}

/* Which column is which input (inputs[c], -1 for a column that passes through). Writes what
 * is wrong with the header into header_error (empty when nothing): a column named twice, a
 * column the answer's own columns would repeat, a column that nearly names an input no other
 * column names. Returns how many columns name an input. */
static unsigned batch_csv_columns(struct batch *b, const struct reader *r,
                                  const struct reader_record *rec, int *inputs,
                                  char *header_error, size_t size)
{
    const struct rulec_policy *policy = b->policy;
    header_error[0] = '\0';
    if (rec->error != READER_OK) {
        /* The same text as a row's: READER_BROKEN's format takes the cause too. */
        batch_record_text(header_error, size, 1, rec, rec->nfields);
        return 0;
    }
    unsigned char taken[RULEC_MAX_VARS] = { 0 };
    unsigned named = 0;
    for (unsigned c = 0; c < rec->nfields; c++) {
        const char *name = reader_field(r, c);
        inputs[c] = rulec_input_index(policy, name, strlen(name));
        if (inputs[c] < 0)
            continue;
        named++;
        if (taken[inputs[c]] && !header_error[0])
            snprintf(header_error, size, "ligne %lu : en-tête : la colonne %s est nommée deux fois",
                     rec->line, name);
        taken[inputs[c]] = 1;
    }
    for (unsigned c = 0; c < rec->nfields && !header_error[0]; c++) {
        const char *name = reader_field(r, c);
        if (inputs[c] >= 0)
            continue;
        if (report_answer_name(policy, name)) {
            char names[1024];
            report_answer_names(names, sizeof names, policy);
            snprintf(header_error, size, "ligne %lu : en-tête : la colonne %u « %.200s » porte un "
                     "nom des colonnes de la réponse (%s) : renommez-la, sinon la réponse aurait "
                     "deux colonnes %.200s", rec->line, c + 1, name, names, name);
            break;
        }
        int near = report_near_input(policy, name, taken);
        if (near >= 0)
            snprintf(header_error, size, "ligne %lu : en-tête : colonne %u « %.200s » : "
                     "vouliez-vous dire « %s » ? Une colonne qui ne nomme pas une donnée passe "
                     "telle quelle, et la donnée %s manquerait à chaque ligne", rec->line, c + 1,
                     name, policy->vars[near].name, policy->vars[near].name);
    }
    return named;
}

/* The header as read, then the answer's columns. */
static void batch_csv_header_out(struct batch *b, const struct reader_record *rec,
                                 const char *newline)
{
    static const char *const trailing[] = { "rule", "citation", "reason", "interpretation", "error" };
    struct sink *out = &b->out;
    /* The byte order mark the input began with, which a spreadsheet needs to read the answer
     * as UTF-8 too. */
    if (b->bom)
        sink_string(out, "\xEF\xBB\xBF");
    if (rec->length)
        sink_bytes(out, rec->raw, rec->length);
    sink_char(out, b->delimiter);
    sink_string(out, "outcome");
    for (unsigned o = 0; o < b->policy->noutputs; o++) {
        sink_char(out, b->delimiter);
        sink_csv_field(out, b->policy->outputs[o].name, b->delimiter);
    }
    for (unsigned i = 0; i < sizeof trailing / sizeof *trailing; i++) {
        sink_char(out, b->delimiter);
        sink_string(out, trailing[i]);
    }
    sink_string(out, newline);
}

/* Reads one row's claim. Returns 0, or -1 with b->message set. */
static int batch_csv_claim(struct batch *b, const struct reader *r, const struct reader_record *rec,
                           const int *inputs, unsigned ncolumns, struct rulec_claim *claim)
{
    if (rec->error != READER_OK) {
        batch_record_error(b, rec, ncolumns);
        return -1;
    }
    if (rec->nfields != ncolumns) {
        snprintf(b->message, sizeof b->message,
                 "ligne %lu : %u champ%s au lieu de %u, le nombre de colonnes de l'en-tête",
                 rec->line, rec->nfields, rec->nfields > 1 ? "s" : "", ncolumns);
        return -1;
    }
    claim->present = 0;
    for (unsigned c = 0; c < ncolumns; c++) {
        int input = inputs[c];
        const char *text = reader_field(r, c);
        if (input < 0 || !text[0])
            continue;
        if (rulec_parse_value(&b->policy->vars[input], text, &claim->values[input]) != 0) {
            batch_bad_value(b, rec->line, input, text);
            return -1;
        }
        claim->present |= (uint64_t)1 << input;
    }
    return 0;
}

/* The row as read. A row with a quoting error goes whole, as text, into the first column, so
 * that the answer stays well-formed CSV; a short row is padded. */
static void batch_csv_row_out(struct batch *b, const struct reader_record *rec, unsigned ncolumns)
{
    struct sink *out = &b->out;
    unsigned written = rec->nfields;
    if (rec->error == READER_TOO_LONG) {
        written = 1;
    } else if (rec->error != READER_OK) {
        /* A NUL byte is shown as U+2400 (the symbol for NUL): the answer stays text, and
         * nothing after it is lost. */
        char *raw = malloc(3 * rec->length + 1);
        if (raw) {
            size_t n = 0;
            for (size_t i = 0; i < rec->length; i++) {
                if (rec->raw[i] == '\0') {
                    memcpy(raw + n, "\xE2\x90\x80", 3);
                    n += 3;
                } else {
                    raw[n++] = rec->raw[i];
                }
            }
            raw[n] = '\0';
            sink_csv_field(out, raw, b->delimiter);
            free(raw);
        }
        written = 1;
    } else {
        sink_bytes(out, rec->raw, rec->length);
    }
    for (; written < ncolumns; written++)
        sink_char(out, b->delimiter);
}

/* Returns 0, -1 when memory ran out, BATCH_BAD_HEADER when no column names an input. */
static int batch_csv(struct batch *b, struct reader *r, int delimiter, FILE *err,
                     const char *program)
{
    struct reader_record rec;
    if (!batch_csv_first(b, r, delimiter, &rec))
        return 0;
    unsigned ncolumns = rec.nfields;
    int *inputs = malloc(sizeof *inputs * (ncolumns ? ncolumns : 1));
    if (!inputs) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        return -1;
    }
    char header_error[BATCH_MESSAGE];
    /* A header that cannot be read, or that would make every row's answer wrong, stops the
     * batch before any row: one message, rather than the same refusal on every row. */
    if (batch_csv_columns(b, r, &rec, inputs, header_error, sizeof header_error) == 0
        && !header_error[0]) {
        batch_no_input_column(b, &rec, err, program);
        free(inputs);
        return BATCH_BAD_HEADER;
    }
    if (header_error[0]) {
        fprintf(err, "%s: %s\n", program, header_error);
        free(inputs);
        return BATCH_BAD_HEADER;
    }
    r->expected_fields = ncolumns;
    b->delimiter = r->delimiter;
    b->bom = r->bom;
    if (batch_csv_tails(b) != 0) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        free(inputs);
        return -1;
    }
    const char *newline = batch_newline(rec.eol);
    batch_csv_header_out(b, &rec, newline);
    struct rulec_claim claim;
    struct rulec_result result;
    while (reader_next(r, &rec)) {
        if (batch_blank(&rec, b->delimiter)) {
            b->blank++;
            continue;
        }
        b->read++;
        int rejected = batch_csv_claim(b, r, &rec, inputs, ncolumns, &claim) != 0
                       || batch_decide(b, rec.line, &claim, &result) != 0;
        batch_csv_row_out(b, &rec, ncolumns);
        batch_csv_answer(b, &result, rejected);
        sink_string(&b->out, newline);
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

/* One member of a claim line, read into the claim. Returns 0, or -1 with b->message set. */
static int batch_jsonl_member(struct batch *b, unsigned long line, const struct json_member *m,
                              int input, struct rulec_claim *claim)
{
    const struct rulec_var *var = &b->policy->vars[input];
    if (claim->present >> input & 1) {
        batch_message(b, line, "%s : donnée fournie deux fois%s", var->name, "");
        return -1;
    }
    if (m->kind == JSON_NULL)
        return 0;                                 /* absent, as if left out */
    int ok = 0;
    /* A number for an integer, or 1 and 0 for a boolean, as databases export them. */
    if (m->kind == JSON_STRING
        || (m->kind == JSON_NUMBER && (var->type == RULEC_TYPE_INT || var->type == RULEC_TYPE_BOOL)))
        ok = rulec_parse_value(var, m->text, &claim->values[input]) == 0;
    else if ((m->kind == JSON_TRUE || m->kind == JSON_FALSE) && var->type == RULEC_TYPE_BOOL)
        ok = 1, claim->values[input] = m->kind == JSON_TRUE;
    if (!ok) {
        batch_bad_value(b, line, input, m->text);
        return -1;
    }
    claim->present |= (uint64_t)1 << input;
    return 0;
}

/* Whether key was passed through already on this line; adds it when not. The keys are kept
 * in b->keys, found through a hash table of BATCH_KEY_SLOTS offsets cleared per line. */
static int batch_key_seen(struct batch *b, const char *key)
{
    size_t length = strlen(key);
    /* FNV-1a, as the compiler's hash_bytes (src/compiler/hash.h), which this part may not
     * include. */
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; i++)
        hash = (hash ^ (unsigned char)key[i]) * 16777619u;
    for (uint32_t slot = hash & (BATCH_KEY_SLOTS - 1);; slot = (slot + 1) & (BATCH_KEY_SLOTS - 1)) {
        uint32_t at = b->key_slots[slot];
        if (at == 0) {
            b->key_slots[slot] = (uint32_t)b->keys_used + 1;
            b->key_slot_list[b->nkey_slots++] = slot;
            memcpy(b->keys + b->keys_used, key, length + 1);
            b->keys_used += length + 1;
            return 0;
        }
        if (strcmp(b->keys + at - 1, key) == 0)
            return 1;
    }
}

/* A key that is not an input, to pass through to the answer unless the answer has it too or
 * the line gave it already: then it is left out, and the line refused with *why set (first
 * reason only), so that every line written has each key once. */
static void batch_jsonl_pass(struct batch *b, unsigned long line, const struct json_member *m,
                             unsigned *npassed, int *rejected)
{
    const char *why = NULL;
    /* The count first: batch_key_seen's table holds READER_MAX_FIELDS keys at most. */
    if (report_answer_name(b->policy, m->key))
        why = "porte un nom de la réponse";
    else if (*npassed + 2 > 2 * READER_MAX_FIELDS)
        why = "dépasse les 4096 champs d'une ligne";
    else if (batch_key_seen(b, m->key))
        why = "est donné deux fois";
    if (!why) {
        b->spans[(*npassed)++] = m->start;
        b->spans[(*npassed)++] = m->end;
        return;
    }
    if (*rejected)
        return;
    *rejected = 1;
    char names[1024] = "";
    if (why[0] == 'p')
        report_answer_names(names, sizeof names, b->policy);
    int used = snprintf(b->message, sizeof b->message, "ligne %lu : le champ « %.200s » %s%s%s%s",
                        line, m->key, why, names[0] ? " (" : "", names, names[0] ? ")" : "");
    snprintf(b->message + used, sizeof b->message - (size_t)used, " ; il n'est pas recopié dans "
             "la réponse, qui n'a ainsi chaque nom qu'une fois%s",
             why[0] == 'p' ? " : renommez-le" : "");
}

/* One claim line. Writes the answer; returns 0 decided, -1 rejected. */
static int batch_jsonl_line(struct batch *b, struct reader *r, const struct reader_record *rec)
{
    const struct rulec_policy *policy = b->policy;
    struct sink *out = &b->out;
    /* Keys that are not inputs pass through: their spans, key to end of value. */
    const char **spans = b->spans;
    unsigned npassed = 0;
    uint64_t nulls = 0;              /* inputs given as null: absent, but given */
    struct rulec_claim claim;
    claim.present = 0;
    int rejected = 0, more;
    struct json j;
    struct json_member m;
    while (b->nkey_slots > 0)
        b->key_slots[b->key_slot_list[--b->nkey_slots]] = 0;
    b->keys_used = 0;
    if (json_open(&j, rec->raw, rec->length, r->text) == 0)
        while ((more = json_next(&j, &m)) == 1) {
            int input = rulec_input_index(policy, m.key, strlen(m.key));
            if (input < 0) {
                batch_jsonl_pass(b, rec->line, &m, &npassed, &rejected);
            } else if (!rejected) {
                claim.present |= nulls & (uint64_t)1 << input;   /* a null, then a value */
                rejected = batch_jsonl_member(b, rec->line, &m, input, &claim) != 0;
                nulls |= (uint64_t)(m.kind == JSON_NULL) << input;
            }
        }
    if (j.error) {
        npassed = 0;
        int used = snprintf(b->message, sizeof b->message,
                            "ligne %lu, colonne %lu : JSON mal formé : attendu ", rec->line,
                            json_column(&j));
        snprintf(b->message + used, sizeof b->message - (size_t)used, "%s", j.error);
        rejected = 1;
    }
    claim.present &= ~nulls;
    struct rulec_result result;
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
    struct reader_record rec;
    while (reader_next(r, &rec)) {
        if (batch_blank(&rec, ' ')) {
            b->blank++;
            continue;
        }
        b->read++;
        if (rec.error == READER_TOO_LONG) {
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

int batch_run(const struct rulec_policy *policy, enum batch_format format, int delimiter, FILE *in,
              FILE *out, FILE *err, const char *program)
{
    struct reader r;
    struct batch *b = malloc(sizeof *b);
    int opened = reader_open(&r, in, format == BATCH_CSV);
    if (b) {
        b->spans = malloc(sizeof *b->spans * 2 * READER_MAX_FIELDS);
        /* Decoded keys are never longer than the line. */
        b->keys = malloc(READER_MAX_RECORD + READER_MAX_FIELDS + 1);
        b->key_slots = calloc(BATCH_KEY_SLOTS, sizeof *b->key_slots);
        b->key_slot_list = malloc(sizeof *b->key_slot_list * READER_MAX_FIELDS * 2);
        b->keys_used = 0;
        b->nkey_slots = 0;
    }
    if (!b || !b->spans || !b->keys || !b->key_slots || !b->key_slot_list || opened != 0) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        if (b) {
            free(b->spans);
            free(b->keys);
            free(b->key_slots);
            free(b->key_slot_list);
        }
        free(b);
        reader_close(&r);
        return BATCH_FAILED;
    }
    b->policy = policy;
    sink_init(&b->out, out);
    b->read = b->decided = b->rejected = b->blank = 0;
    b->bad_tables = 0;
    int failed = 0, bad_header = 0;
    b->tails = NULL;
    b->delimiter = ',';
    if (format == BATCH_CSV) {
        int status = batch_csv(b, &r, delimiter, err, program);
        bad_header = status == BATCH_BAD_HEADER;
        failed = status != 0 && !bad_header;
    } else {
        batch_jsonl(b, &r);
    }
    if (sink_flush(&b->out) != 0) {
        fprintf(err, "%s: écriture des réponses impossible : %s\n", program,
                strerror(b->out.failed));
        failed = 1;
    }
    if (r.failed) {
        fprintf(err, "%s: lecture des demandes interrompue : %s\n", program, strerror(r.failed));
        failed = 1;
    }
    if (b->bad_tables) {
        fprintf(err, "%s: erreur interne : tables de décision malformées\n", program);
        failed = 1;
    }
    if (!bad_header) {
        fprintf(err, "%s: demandes lues : %llu ; décidées : %llu ; rejetées : %llu", program,
                b->read, b->decided, b->rejected);
        if (b->blank)
            fprintf(err, " ; lignes vides ignorées : %llu", b->blank);
        fputc('\n', err);
        /* Which version of the rules gave these answers, as --version says it. */
        fprintf(err, "%s: règles : %s, SHA-256 %s\n", program, policy->rule_file,
                policy->rule_sha256);
    }
    int status = bad_header ? BATCH_BAD_HEADER : failed ? BATCH_FAILED
                 : b->rejected ? BATCH_SOME_REJECTED : BATCH_ALL_DECIDED;
    reader_close(&r);
    if (b->tails)
        for (uint32_t i = 0; i < policy->nrules; i++)
            free(b->tails[i]);
    free(b->tails);
    free(b->spans);
    free(b->keys);
    free(b->key_slots);
    free(b->key_slot_list);
    free(b);
    return status;
}
