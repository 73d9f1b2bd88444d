/* src/ext/sqlite.c — a policy as an SQLite loadable extension (make sqlite:
 * build/sqlite/<policy>.so). After `.load build/sqlite/ramq2018`, the SQL function
 * ramq2018(profession, demande, …) takes the policy's inputs in declaration order and returns
 * the answer as JSON text, the same bytes as `build/ramq2018 --json`; a claim that cannot be
 * decided returns {"outcome":"rejected","error":"…"}, as batch mode writes it, never an SQL
 * error that would stop a query over a million rows. ramq2018_rules_sha256() returns the rule
 * file's SHA-256, the version of the rules that decides (as in PostgreSQL); and one typed
 * function per key of the answer, ramq2018_canal(…), …, ramq2018_outcome(…), … (below).
 *
 * Values: NULL or '' is an absent input (as an empty CSV field in batch mode); anything else
 * is read as its text, as batch mode reads a field: an enumeration member's name, true or
 * false or 1 or 0, YYYY-MM-DD, a decimal integer. Text that is not UTF-8 is refused: SQLite
 * stores what it is given (a blob, cast(x'ff' as text)), and a refusal quotes the value.
 *
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy. The entry point
 * is sqlite3_extension_init, the name SQLite tries first: the one it derives from the file's
 * name keeps only its first letters ("ramq" for ramq2018.so).
 * Part of rulec; see README.md for the licence. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdio.h>

#include "answer.h"
#include "report.h"
#include <rulec/rulec.h>
#include POLICY_HEADER

/* SQLite's JSON functions take a value of this subtype as JSON rather than as a string, so
 * that json_object('answer', ramq2018(…)) nests the object. */
#define EXT_JSON_SUBTYPE 74

/* Whether length bytes are UTF-8 as RFC 3629 defines it: no overlong form, no surrogate, nothing
 * past U+10FFFF. A value is quoted in its refusal, and an answer holding a stray byte would be
 * JSON that no strict reader takes (SQLite's json_valid does not look). NUL is U+0000 here;
 * answer_read_value refuses it with its own message. */
static int ext_is_utf8(const unsigned char *text, size_t length)
{
    for (size_t i = 0; i < length;) {
        size_t n = text[i] < 0x80 ? 1 : rulec_utf8_length((const char *)text + i, length - i);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

/* Reads the claim from argv: 0, or -1 with the refusal in message, or -2 out of memory. */
static int ext_read_claim(const struct rulec_policy *policy, int argc, sqlite3_value **argv,
                          struct rulec_claim *claim, char *message, size_t size)
{
    claim->present = 0;
    for (int i = 0; i < argc; i++) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
            continue;
        const unsigned char *text = sqlite3_value_text(argv[i]);
        if (!text)
            return -2;
        size_t length = (size_t)sqlite3_value_bytes(argv[i]);
        if (!ext_is_utf8(text, length)) {
            snprintf(message, size, "%s : valeur refusée : elle n'est pas du texte UTF-8 valide",
                     policy->vars[i].name);
            return -1;
        }
        if (answer_read_value(policy, i, (const char *)text, length, claim, message, size) != 0)
            return -1;
    }
    return 0;
}

static void ext_decide(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const struct answer_rules *rules = sqlite3_user_data(context);
    const struct rulec_policy *policy = rules->policy;
    struct rulec_claim claim;
    /* The answer is built in place: a sink in memory mode, on the stack (64 KiB). */
    struct sink sink;
    sink_init(&sink, NULL);
    char message[ANSWER_MESSAGE_SIZE];
    int read = ext_read_claim(policy, argc, argv, &claim, message, sizeof message);
    if (read == -2) {
        sqlite3_result_error_nomem(context);
        return;
    }
    if (read != 0)
        answer_rejected(&sink, message);
    else
        answer_json(&sink, rules, &claim);
    const char *json = sink_text(&sink);
    if (!json) {
        /* Past 64 KiB: no rule file has answers that long (reasons and citations are lines). */
        sink_init(&sink, NULL);
        answer_rejected(&sink, "réponse trop longue (plus de 64 Kio)");
        json = sink_text(&sink);
    }
    sqlite3_result_text(context, json, (int)sink.length, SQLITE_TRANSIENT);
    sqlite3_result_subtype(context, EXT_JSON_SUBTYPE);
}

/* Typed functions: one per key of the JSON answer, as in PostgreSQL (src/ext/postgres.c):
 * <policy>_<output>(…) returns that output (an enumeration's member or a date as text, a
 * boolean as 1 or 0, an integer as an integer, a set as a JSON array of its members), and
 * <policy>_outcome, _reason, _rule, _citation, _interpretation and _error the answer's other
 * keys as text; each is NULL where the JSON answer has no such key. A query on one answer
 * writes no JSON. The function's user data says which key: an index into ext_keys, outputs
 * first, then the answer's other keys in report_answer_keys's order (src/policy/report.h). */
#define EXT_PARTS REPORT_ANSWER_KEYS
static const unsigned ext_keys[] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37
};
_Static_assert(sizeof ext_keys / sizeof *ext_keys == RULEC_MAX_OUTPUTS + EXT_PARTS,
               "one entry of ext_keys per output index and per other key of the answer");

static void ext_output(sqlite3_context *context, const struct rulec_policy *policy,
                       const struct rulec_result *result, unsigned o)
{
    if (!(result->set >> o & 1)) {
        sqlite3_result_null(context);
        return;
    }
    struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
    int32_t value = result->values[o];
    char date[11];
    switch (domain.type) {
    case RULEC_TYPE_BOOL:
    case RULEC_TYPE_INT:
        sqlite3_result_int64(context, value);
        return;
    case RULEC_TYPE_DATE:
        rulec_date_format(value, date);
        sqlite3_result_text(context, date, 10, SQLITE_TRANSIENT);
        return;
    case RULEC_TYPE_ENUM:
        if (value < 0 || (uint32_t)value >= domain.nmembers)
            sqlite3_result_null(context);
        else    /* the tables' strings live as long as the library */
            sqlite3_result_text(context, domain.members[value], -1, SQLITE_STATIC);
        return;
    default: {
        struct sink sink;
        sink_init(&sink, NULL);
        sink_char(&sink, '[');
        int first = 1;
        for (unsigned m = 0; m < domain.nmembers; m++)
            if ((uint32_t)value >> m & 1) {
                if (!first)
                    sink_char(&sink, ',');
                sink_json_string(&sink, domain.members[m]);
                first = 0;
            }
        sink_char(&sink, ']');
        const char *json = sink_text(&sink);
        if (!json) {
            sqlite3_result_error_nomem(context);
            return;
        }
        sqlite3_result_text(context, json, (int)sink.length, SQLITE_TRANSIENT);
        sqlite3_result_subtype(context, EXT_JSON_SUBTYPE);
    }
    }
}

static void ext_typed(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const struct rulec_policy *policy = POLICY_TABLES();
    unsigned key = *(const unsigned *)sqlite3_user_data(context);
    struct rulec_claim claim;
    struct rulec_result result;
    char message[ANSWER_MESSAGE_SIZE];
    int read = ext_read_claim(policy, argc, argv, &claim, message, sizeof message);
    if (read == -2) {
        sqlite3_result_error_nomem(context);
        return;
    }
    enum rulec_status status = RULEC_OK;
    if (read == 0 && (status = rulec_decide(policy, &claim, &result)) != RULEC_OK)
        rulec_refusal_text(message, sizeof message, policy, &claim, status, &result);
    int rejected = read != 0 || status != RULEC_OK;
    if (key < RULEC_MAX_OUTPUTS) {
        if (rejected)
            sqlite3_result_null(context);
        else
            ext_output(context, policy, &result, key);
        return;
    }
    const char *text = answer_key_text(policy, &result, rejected ? message : NULL,
                                       (int)(key - RULEC_MAX_OUTPUTS));
    if (!text)
        sqlite3_result_null(context);
    else
        sqlite3_result_text(context, text, -1, text == message ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

/* <policy>_rules_sha256(): the rule file's SHA-256, as PostgreSQL's function of that name, so
 * that an answer stored in either database can be traced to the rules that gave it. */
static void ext_rules_sha256(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    const struct rulec_policy *policy = sqlite3_user_data(context);
    sqlite3_result_text(context, policy->rule_sha256, -1, SQLITE_STATIC);
}

static void *ext_allocate(size_t size, void *context)
{
    (void)context;
    return sqlite3_malloc64(size);
}

/* When the connection closes, or the function is replaced. */
static void ext_destroy(void *data)
{
    struct answer_rules *rules = data;
    sqlite3_free(answer_rules_memory(rules));
    sqlite3_free(rules);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **error, const sqlite3_api_routines *api);

int sqlite3_extension_init(sqlite3 *db, char **error, const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    const struct rulec_policy *policy = POLICY_TABLES();
    /* The typed functions, one name each (PostgreSQL's script refuses such a policy too). */
    char message[512];
    if (report_answer_clash(policy, message, sizeof message) >= 0) {
        *error = sqlite3_mprintf("%s", message);
        return SQLITE_ERROR;
    }
    char *name = sqlite3_mprintf("%s_rules_sha256", policy->name);
    if (!name)
        return SQLITE_NOMEM;
    int status = sqlite3_create_function_v2(db, name, 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                            SQLITE_INNOCUOUS, (void *)policy, ext_rules_sha256,
                                            NULL, NULL, NULL);
    sqlite3_free(name);
    int typed = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
#ifdef SQLITE_RESULT_SUBTYPE
    typed |= SQLITE_RESULT_SUBTYPE;
#endif
    for (unsigned k = 0; k < RULEC_MAX_OUTPUTS + EXT_PARTS && status == SQLITE_OK; k++) {
        if (k < RULEC_MAX_OUTPUTS && k >= policy->noutputs)
            continue;
        name = sqlite3_mprintf("%s_%s", policy->name, k < RULEC_MAX_OUTPUTS
                               ? policy->outputs[k].name : report_answer_keys[k - RULEC_MAX_OUTPUTS]);
        if (!name)
            return SQLITE_NOMEM;
        status = sqlite3_create_function_v2(db, name, (int)policy->ninputs, typed,
                                            (void *)&ext_keys[k], ext_typed, NULL, NULL, NULL);
        sqlite3_free(name);
    }
    if (status != SQLITE_OK)
        return status;
    struct answer_rules *rules = sqlite3_malloc64(sizeof *rules);
    if (!rules)
        return SQLITE_NOMEM;
    /* Without the rules' fixed texts (out of memory) every answer is written in full. */
    answer_rules_build(rules, policy, ext_allocate, NULL);
    /* The same claim always gets the same answer, and the function reads nothing else. */
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
#ifdef SQLITE_RESULT_SUBTYPE
    flags |= SQLITE_RESULT_SUBTYPE;
#endif
    /* On failure SQLite calls ext_destroy itself. */
    return sqlite3_create_function_v2(db, policy->name, (int)policy->ninputs, flags, rules,
                                      ext_decide, NULL, NULL, ext_destroy);
}
