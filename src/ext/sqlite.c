/* src/ext/sqlite.c — a policy as an SQLite loadable extension (make sqlite:
 * build/sqlite/<policy>.so). After `.load build/sqlite/ramq2018`, the SQL function
 * ramq2018(profession, demande, …) takes the policy's inputs in declaration order and returns
 * the answer as JSON text, the same bytes as `build/ramq2018 --json`; a claim that cannot be
 * decided returns {"outcome":"rejected","error":"…"}, as batch mode writes it, never an SQL
 * error that would stop a query over a million rows. ramq2018_rules_sha256() returns the rule
 * file's SHA-256, the version of the rules that decides (as in PostgreSQL).
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

static void ext_decide(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const struct answer_rules *rules = sqlite3_user_data(context);
    const struct rulec_policy *policy = rules->policy;
    struct rulec_claim claim;
    claim.present = 0;
    /* The answer is built in place: a sink in memory mode, on the stack (64 KiB). */
    struct sink sink;
    sink_init(&sink, NULL);
    char message[ANSWER_MESSAGE_SIZE];
    int rejected = 0;
    for (int i = 0; i < argc && !rejected; i++) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
            continue;
        const unsigned char *text = sqlite3_value_text(argv[i]);
        if (!text) {
            sqlite3_result_error_nomem(context);
            return;
        }
        size_t length = (size_t)sqlite3_value_bytes(argv[i]);
        if (!ext_is_utf8(text, length)) {
            snprintf(message, sizeof message, "%s : valeur refusée : elle n'est pas du texte "
                     "UTF-8 valide", policy->vars[i].name);
            rejected = 1;
            break;
        }
        rejected = answer_read_value(policy, i, (const char *)text, length, &claim, message,
                                     sizeof message) != 0;
    }
    if (rejected)
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
    (void)error;
    const struct rulec_policy *policy = POLICY_TABLES();
    /* A policy's name has at most 63 characters (the checker refuses more). */
    char name[96];
    snprintf(name, sizeof name, "%s_rules_sha256", policy->name);
    int status = sqlite3_create_function_v2(db, name, 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                            SQLITE_INNOCUOUS, (void *)policy, ext_rules_sha256,
                                            NULL, NULL, NULL);
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
