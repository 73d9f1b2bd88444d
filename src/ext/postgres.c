/* src/ext/postgres.c — a policy as a PostgreSQL extension (make postgres, built with PGXS;
 * make postgres-install; then CREATE EXTENSION ramq2018). The SQL function
 * ramq2018(profession text, demande text, date_service date, …) takes the policy's inputs in
 * declaration order, in PostgreSQL's types (an enumeration as text, a date as date, a boolean
 * as boolean, an integer as bigint), NULL meaning absent, and returns the answer as jsonb: the
 * object `build/ramq2018 --json` prints, or {"outcome":"rejected","error":"…"} as batch mode
 * writes it, never an SQL error that would stop a query. Beside it, one typed function per key
 * of the answer (ramq2018_canal(…) text, ramq2018_echeance(…) date, ramq2018_outcome(…), …:
 * below). All are IMMUTABLE and PARALLEL SAFE: the answer depends on the arguments only; what
 * a call keeps between rows (fn_extra: struct ext_call) is made from the policy's tables,
 * the same for every row.
 *
 * The answer is built as jsonb directly, key by key, from the decision (not written as JSON
 * text and parsed again: the parse took two thirds of the time); its keys and values are those
 * of report_json_fields, which tests/postgres.sh checks on 100,000 claims against batch mode.
 *
 * Encodings: rulec's text is UTF-8, a database's text is in its encoding. In a database that
 * is not UTF8, text arguments are converted to UTF-8 before they are read, and every string
 * of the answer to the database's encoding. CREATE EXTENSION first calls
 * rulec_check_encoding, which refuses a database whose encoding cannot hold every character
 * the extension can write (LATIN1 lacks the policy's « – » and a cut value's « … »; WIN1252
 * has them): a query never stops on a character that has no equivalent.
 *
 * Memory: rulec's code allocates nothing; what is allocated is PostgreSQL's, with palloc in
 * the call's context (the jsonb, a date's text, detoasted arguments, converted text) or, for
 * what a call keeps between rows, in the function's context (fn_mcxt), freed with the query.
 *
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy; the SQL script
 * (src/ext/pg_script.c) names the C functions rulec_pg_decide, rulec_pg_output_<index>,
 * rulec_pg_<key> (outcome, reason, …), rulec_pg_rules_sha256 and rulec_check_encoding.
 * Part of rulec; see README.md for the licence. */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "answer.h"
#include "report.h"
#include <rulec/rulec.h>
#include POLICY_HEADER
#include "pg_text.h"

PG_MODULE_MAGIC;

/* PostgreSQL counts days from 2000-01-01, rulec from 1970-01-01. */
#define EXT_EPOCH_SHIFT (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE)

/* Encodings ------------------------------------------------------------------------------ */

/* The database's encoding and its conversions from and to UTF-8, looked up once per process:
 * a backend or a parallel worker serves one database, whose encoding never changes.
 * InvalidOid where PostgreSQL has no conversion: SQL_ASCII and MULE_INTERNAL. */
static struct {
    int encoding;       /* -1 until looked up */
    Oid from_utf8, to_utf8;
} ext_database = { -1, InvalidOid, InvalidOid };

static int ext_encoding(void)
{
    if (ext_database.encoding < 0) {
        int encoding = GetDatabaseEncoding();
        if (encoding != PG_UTF8) {
            ext_database.from_utf8 = FindDefaultConversionProc(PG_UTF8, encoding);
            ext_database.to_utf8 = FindDefaultConversionProc(encoding, PG_UTF8);
        }
        ext_database.encoding = encoding;
    }
    return ext_database.encoding;
}

/* Every server encoding agrees with ASCII on its 128 characters: ASCII text needs no
 * conversion, and most of what the extension writes and reads is ASCII. */
static int ext_is_ascii(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (IS_HIGHBIT_SET(text[i]))
            return 0;
    return 1;
}

/* length bytes of text converted with proc, from encoding from to encoding to, into *converted
 * (palloc'd, NUL-terminated). Returns the converted length, or -1 when some character has no
 * equivalent (with error, an ERROR instead). */
static int ext_convert(Oid proc, int from, int to, const char *text, int length, char **converted,
                       bool error)
{
    int room = length * MAX_CONVERSION_GROWTH + 1;
    char *out = palloc(room);
    int done = pg_do_encoding_conversion_buf(proc, from, to, (unsigned char *)text, length,
                                             (unsigned char *)out, room, !error);
    if (done < length) {
        pfree(out);
        return -1;
    }
    *converted = out;
    return (int)strlen(out);
}

/* Whether the database's encoding has the UTF-8 character at text (pg_utf_mblen bytes). */
static int ext_has_character(const char *text)
{
    if (!IS_HIGHBIT_SET(*text) || ext_encoding() == PG_UTF8)
        return 1;
    if (!OidIsValid(ext_database.from_utf8))
        return 0;
    unsigned char out[4 * MAX_CONVERSION_GROWTH + 1];
    int length = pg_utf_mblen((const unsigned char *)text);
    return pg_do_encoding_conversion_buf(ext_database.from_utf8, PG_UTF8, ext_database.encoding,
                                         (unsigned char *)text, length, out, sizeof out, true)
           == length;
}

/* A UTF-8 string of rulec's in the database's encoding. rulec_check_encoding has made sure at
 * CREATE EXTENSION that every character of it has an equivalent, so the ERROR that a
 * conversion raises otherwise cannot happen. */
static const char *ext_to_database(const char *text)
{
    if (ext_encoding() == PG_UTF8 || !OidIsValid(ext_database.from_utf8))
        return text;
    size_t length = strlen(text);
    char *converted;
    if (ext_is_ascii(text, length))
        return text;
    if (ext_convert(ext_database.from_utf8, PG_UTF8, ext_database.encoding, text, (int)length,
                    &converted, true) < 0)
        return text;    /* not reached: the conversion raised an ERROR */
    return converted;
}

/* In a database that is not UTF8, a text argument is read from its first bytes at most, cut
 * on a character: a gigabyte of text is never converted. A value longer than 255 bytes is
 * refused as too long (answer_read_value), and one cut at this length still is once in UTF-8,
 * where no character of a server encoding takes less than half its bytes. */
#define EXT_READ_MAX 1024

static void ext_no_equivalent_text(char *message, size_t size, const struct rulec_var *var)
{
    snprintf(message, size, "%s : valeur refusée : un de ses caractères n'a pas d'équivalent "
             "en UTF-8", var->name);
}

/* Reads a text argument, in the database's encoding, as the value of input i. */
static int ext_read_text(const struct rulec_policy *policy, int i, const char *text, size_t length,
                         struct rulec_claim *claim, char *message, size_t size)
{
    if (ext_encoding() != PG_UTF8) {
        int kept = pg_encoding_mbcliplen(ext_database.encoding, text, (int)length, EXT_READ_MAX);
        if (!ext_is_ascii(text, (size_t)kept)) {
            char *converted;
            int converted_length = -1;
            /* SQL_ASCII has none: CREATE EXTENSION refused it (rulec_check_encoding). */
            if (OidIsValid(ext_database.to_utf8))
                converted_length = ext_convert(ext_database.to_utf8, ext_database.encoding,
                                               PG_UTF8, text, kept, &converted, false);
            if (converted_length < 0) {
                ext_no_equivalent_text(message, size, &policy->vars[i]);
                return -1;
            }
            text = converted;
            kept = converted_length;
        }
        length = (size_t)kept;
    }
    return answer_read_value(policy, i, text, length, claim, message, size);
}

/* What a function call keeps for the rest of its query, in fn_extra (allocated in fn_mcxt on
 * the first row): for each enumeration input, its members by the length of their names, so
 * that a value is compared with the one or two members of its length rather than tried
 * against each in turn (reading the arguments had cost twice the decision: a mispredicted
 * branch per member tried); and an enumeration output's members as text, made when first
 * returned. */
#define EXT_NAME_MAX 255

struct ext_members {
    int16 first[EXT_NAME_MAX + 1];      /* by length: the first member of that length, or -1 */
    int16 next[FLEXIBLE_ARRAY_MEMBER];  /* the next member of the same length, or -1 */
};

struct ext_call {
    struct ext_members *inputs[RULEC_MAX_VARS];  /* NULL: not an enumeration, or a name too
                                                    long to be indexed (read the whole way) */
    text **members;                     /* the output's members (ext_member_text), or NULL */
};

static struct ext_members *ext_index_members(MemoryContext memory, const struct rulec_var *var)
{
    struct ext_members *index = MemoryContextAlloc(memory, offsetof(struct ext_members, next) +
                                                   var->nmembers * sizeof (int16));
    for (unsigned length = 0; length <= EXT_NAME_MAX; length++)
        index->first[length] = -1;
    /* Backwards, so that each length's chain lists its members in order. */
    for (int m = (int)var->nmembers - 1; m >= 0; m--) {
        size_t length = strlen(var->members[m]);
        if (length > EXT_NAME_MAX) {
            pfree(index);
            return NULL;
        }
        index->next[m] = index->first[length];
        index->first[length] = (int16)m;
    }
    return index;
}

static struct ext_call *ext_call(FunctionCallInfo fcinfo, const struct rulec_policy *policy)
{
    struct ext_call *call = fcinfo->flinfo->fn_extra;
    if (call)
        return call;
    MemoryContext memory = fcinfo->flinfo->fn_mcxt;
    call = MemoryContextAllocZero(memory, sizeof *call);
    for (unsigned i = 0; i < policy->ninputs && i < RULEC_MAX_VARS; i++)
        if (policy->vars[i].type == RULEC_TYPE_ENUM && policy->vars[i].nmembers <= PG_INT16_MAX)
            call->inputs[i] = ext_index_members(memory, &policy->vars[i]);
    fcinfo->flinfo->fn_extra = call;
    return call;
}

/* Reads argument i into claim. Returns 0, or -1 with the refusal in message. */
static int ext_argument(FunctionCallInfo fcinfo, const struct rulec_policy *policy,
                        const struct ext_call *call, int i, struct rulec_claim *claim,
                        char *message, size_t size)
{
    const struct rulec_var *var = &policy->vars[i];
    char number[32];
    switch (var->type) {
    case RULEC_TYPE_BOOL:
        claim->present |= (uint64_t)1 << i;
        claim->values[i] = PG_GETARG_BOOL(i) ? 1 : 0;
        return 0;
    case RULEC_TYPE_DATE: {
        DateADT date = PG_GETARG_DATEADT(i);
        int64 days = (int64)date + EXT_EPOCH_SHIFT;
        if (!DATE_NOT_FINITE(date) && rulec_days_in_range(days)) {
            claim->present |= (uint64_t)1 << i;
            claim->values[i] = (int32_t)days;
            return 0;
        }
        /* Infinite, or outside the years 1000 to 9999: refused as its text, as batch mode
         * refuses it. */
        char *shown = DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(date)));
        report_bad_value_text(message, size, var, shown);
        pfree(shown);
        return -1;
    }
    case RULEC_TYPE_INT:
        /* bigint in SQL; the rules' integers are 32-bit: read as text, so that a value out of
         * range gets batch mode's message. */
        snprintf(number, sizeof number, INT64_FORMAT, PG_GETARG_INT64(i));
        return answer_read_value(policy, i, number, strlen(number), claim, message, size);
    default: {
        text *value = PG_GETARG_TEXT_PP(i);
        const char *data = VARDATA_ANY(value);
        size_t length = VARSIZE_ANY_EXHDR(value);
        /* A member's name, byte for byte: names are ASCII, the same bytes in every server
         * encoding. Anything else goes the whole way, to be converted or refused. */
        const struct ext_members *index = call->inputs[i];
        if (index && length <= EXT_NAME_MAX)
            for (int m = index->first[length]; m >= 0; m = index->next[m])
                if (memcmp(var->members[m], data, length) == 0) {
                    claim->present |= (uint64_t)1 << i;
                    claim->values[i] = m;
                    return 0;
                }
        return ext_read_text(policy, i, data, length, claim, message, size);
    }
    }
}

/* A jsonb string of a C string in UTF-8, in the database's encoding: the text is read where it
 * is (the tables' strings, or the caller's message) until the jsonb is written. */
static JsonbValue ext_string(const char *text)
{
    JsonbValue value;
    text = ext_to_database(text);
    value.type = jbvString;
    value.val.string.val = (char *)text;
    value.val.string.len = (int)strlen(text);
    return value;
}

static void ext_push_key(JsonbParseState **state, const char *key)
{
    JsonbValue k = ext_string(key);
    pushJsonbValue(state, WJB_KEY, &k);
}

static void ext_push_string(JsonbParseState **state, const char *key, const char *text)
{
    ext_push_key(state, key);
    JsonbValue v = ext_string(text);
    pushJsonbValue(state, WJB_VALUE, &v);
}

/* An output's value as --json writes it (RULEC_NOTATION_JSON): true or false, a number, a date
 * or a member as a string, a set as an array of members. */
static void ext_push_output(JsonbParseState **state, const struct rulec_output *output, int32_t value)
{
    struct rulec_domain domain = rulec_output_domain(output);
    ext_push_key(state, output->name);
    JsonbValue v;
    switch (domain.type) {
    case RULEC_TYPE_BOOL:
        v.type = jbvBool;
        v.val.boolean = value != 0;
        break;
    case RULEC_TYPE_INT:
        v.type = jbvNumeric;
        v.val.numeric = int64_to_numeric(value);
        break;
    case RULEC_TYPE_DATE: {
        char *date = palloc(11);
        rulec_date_format(value, date);
        v = ext_string(date);
        break;
    }
    case RULEC_TYPE_ENUM:
        if (value < 0 || (uint32_t)value >= domain.nmembers)
            v.type = jbvNull;
        else
            v = ext_string(domain.members[value]);
        break;
    default:
        pushJsonbValue(state, WJB_BEGIN_ARRAY, NULL);
        for (unsigned m = 0; m < domain.nmembers; m++)
            if ((uint32_t)value >> m & 1) {
                JsonbValue member = ext_string(domain.members[m]);
                pushJsonbValue(state, WJB_ELEM, &member);
            }
        pushJsonbValue(state, WJB_END_ARRAY, NULL);
        return;
    }
    pushJsonbValue(state, WJB_VALUE, &v);
}

static void ext_arguments_text(char *message, size_t size, const struct rulec_policy *policy,
                               int nargs)
{
    snprintf(message, size, "%s attend %u arguments, pas %d", policy->name,
             (unsigned)policy->ninputs, nargs);
}

/* Decides the claim in fcinfo's arguments: 0 with *result, or -1 with the refusal in message
 * (a value refused, an input missing, a date out of range: what batch mode would say). */
static int ext_decide_arguments(FunctionCallInfo fcinfo, const struct rulec_policy *policy,
                                struct rulec_result *result, char *message, size_t size)
{
    struct rulec_claim claim;
    claim.present = 0;
    if (PG_NARGS() != (int)policy->ninputs) {
        ext_arguments_text(message, size, policy, PG_NARGS());
        return -1;
    }
    const struct ext_call *call = ext_call(fcinfo, policy);
    for (int i = 0; i < PG_NARGS(); i++)
        if (!PG_ARGISNULL(i) && ext_argument(fcinfo, policy, call, i, &claim, message, size) != 0)
            return -1;
    enum rulec_status status = rulec_decide(policy, &claim, result);
    if (status != RULEC_OK) {
        rulec_refusal_text(message, size, policy, &claim, status, result);
        return -1;
    }
    return 0;
}

PG_FUNCTION_INFO_V1(rulec_pg_decide);

Datum rulec_pg_decide(PG_FUNCTION_ARGS)
{
    const struct rulec_policy *policy = POLICY_TABLES();
    char message[ANSWER_MESSAGE_SIZE];
    struct rulec_result result;
    int rejected = ext_decide_arguments(fcinfo, policy, &result, message, sizeof message) != 0;
    JsonbParseState *state = NULL;
    pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
    if (rejected) {
        ext_push_string(&state, "outcome", "rejected");
        ext_push_string(&state, "error", message);
    } else {
        const struct rulec_rule *rule = &policy->rules[result.rule];
        ext_push_string(&state, "outcome", rulec_outcome_name(result.outcome));
        if (rule->reason)
            ext_push_string(&state, "reason", rule->reason);
        for (unsigned o = 0; o < policy->noutputs; o++)
            if (result.set >> o & 1)
                ext_push_output(&state, &policy->outputs[o], result.values[o]);
        ext_push_string(&state, "rule", rule->name);
        ext_push_string(&state, "citation", rule->citation);
        if (rule->interpretation)
            ext_push_string(&state, "interpretation", rule->interpretation);
    }
    JsonbValue *object = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
    PG_RETURN_POINTER(JsonbValueToJsonb(object));
}

/* Typed functions: one per key of the JSON answer -------------------------------------------
 * <policy>_<output>(…) returns that output in its SQL type (an enumeration as text, a date as
 * date, a boolean as boolean, an integer as bigint, a set as text[]), and <policy>_outcome,
 * _reason, _rule, _citation, _interpretation and _error return those keys as text; each is
 * NULL where the JSON answer has no such key (an output the answer does not set, any output of
 * a rejected claim, the error of a decided one). They exist for what jsonb cannot do cheaply:
 * a query that filters or groups on one answer reads no JSON (SELECT count(*) … WHERE
 * ramq2018_canal(…) = 'ancien_systeme'), and postgres_fdw sends such a comparison to the
 * server that holds the rows, where a text constant compared with jsonb ->> stays behind (its
 * collation is not derived from a column of the foreign table). pg_script binds
 * <policy>_<output> to rulec_pg_output_<index>: one C function per output index, the same
 * for every policy, so that this file needs no policy's names. */

static Datum ext_text(const char *utf8)
{
    return PointerGetDatum(cstring_to_text(ext_to_database(utf8)));
}

/* Member m of an enumeration output as text, made once per query and kept in the call's
 * memory (struct ext_call), which lives as long as the query: a function may return a pointer
 * to memory it does not own, as text_larger returns its argument, and nothing writes into a
 * result. A tenth of the function's time went into making the same few texts on every row. */
static Datum ext_member_text(FunctionCallInfo fcinfo, const struct rulec_domain *domain,
                             unsigned m)
{
    struct ext_call *call = ext_call(fcinfo, POLICY_TABLES());
    if (!call->members)
        call->members = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
                                               domain->nmembers * sizeof *call->members);
    if (!call->members[m]) {
        MemoryContext caller = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
        call->members[m] = cstring_to_text(ext_to_database(domain->members[m]));
        MemoryContextSwitchTo(caller);
    }
    return PointerGetDatum(call->members[m]);
}

static Datum ext_output(FunctionCallInfo fcinfo, unsigned o)
{
    const struct rulec_policy *policy = POLICY_TABLES();
    char message[ANSWER_MESSAGE_SIZE];
    struct rulec_result result;
    if (o >= policy->noutputs)    /* an SQL script of another policy's: not an answer */
        ereport(ERROR, (errcode(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION),
                        errmsg_internal("%s a %u sorties, pas %u : le script SQL de "
                                        "l'extension n'est pas celui de sa bibliothèque",
                                        policy->name, (unsigned)policy->noutputs, o + 1)));
    if (ext_decide_arguments(fcinfo, policy, &result, message, sizeof message) != 0 ||
        !(result.set >> o & 1))
        PG_RETURN_NULL();
    struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
    int32_t value = result.values[o];
    switch (domain.type) {
    case RULEC_TYPE_BOOL:
        PG_RETURN_BOOL(value != 0);
    case RULEC_TYPE_INT:
        PG_RETURN_INT64((int64)value);
    case RULEC_TYPE_DATE:
        PG_RETURN_DATEADT((DateADT)((int64)value - EXT_EPOCH_SHIFT));
    case RULEC_TYPE_ENUM:
        if (value < 0 || (uint32_t)value >= domain.nmembers)
            PG_RETURN_NULL();
        return ext_member_text(fcinfo, &domain, (unsigned)value);
    default: {
        Datum members[RULEC_MAX_MEMBERS];
        int n = 0;
        for (unsigned m = 0; m < domain.nmembers && m < RULEC_MAX_MEMBERS; m++)
            if ((uint32_t)value >> m & 1)
                members[n++] = ext_text(domain.members[m]);
        PG_RETURN_ARRAYTYPE_P(construct_array(members, n, TEXTOID, -1, false, TYPALIGN_INT));
    }
    }
}

/* rulec_pg_output_0 … rulec_pg_output_31: RULEC_MAX_OUTPUTS of them. */
#define EXT_OUTPUT_FUNCTION(n) \
    PG_FUNCTION_INFO_V1(rulec_pg_output_##n); \
    Datum rulec_pg_output_##n(PG_FUNCTION_ARGS) { return ext_output(fcinfo, n); }
#define EXT_OUTPUT_FUNCTIONS_8(a, b, c, d, e, f, g, h) \
    EXT_OUTPUT_FUNCTION(a) EXT_OUTPUT_FUNCTION(b) EXT_OUTPUT_FUNCTION(c) EXT_OUTPUT_FUNCTION(d) \
    EXT_OUTPUT_FUNCTION(e) EXT_OUTPUT_FUNCTION(f) EXT_OUTPUT_FUNCTION(g) EXT_OUTPUT_FUNCTION(h)
EXT_OUTPUT_FUNCTIONS_8(0, 1, 2, 3, 4, 5, 6, 7)
EXT_OUTPUT_FUNCTIONS_8(8, 9, 10, 11, 12, 13, 14, 15)
EXT_OUTPUT_FUNCTIONS_8(16, 17, 18, 19, 20, 21, 22, 23)
EXT_OUTPUT_FUNCTIONS_8(24, 25, 26, 27, 28, 29, 30, 31)
#if RULEC_MAX_OUTPUTS != 32
#error "one rulec_pg_output_<n> per output index: RULEC_MAX_OUTPUTS changed"
#endif

/* The answer's other keys (REPORT_ANSWER_KEY_LIST, src/policy/report.h): rulec_pg_outcome,
 * rulec_pg_reason, …, which pg_script binds to <policy>_outcome(…), …. */
static Datum ext_part(FunctionCallInfo fcinfo, enum report_answer_key key)
{
    const struct rulec_policy *policy = POLICY_TABLES();
    char message[ANSWER_MESSAGE_SIZE];
    struct rulec_result result;
    int rejected = ext_decide_arguments(fcinfo, policy, &result, message, sizeof message) != 0;
    const char *text = answer_key_text(policy, &result, rejected ? message : NULL, (int)key);
    if (!text)
        PG_RETURN_NULL();
    return ext_text(text);
}

#define EXT_PART_FUNCTION(key) \
    PG_FUNCTION_INFO_V1(rulec_pg_##key); \
    Datum rulec_pg_##key(PG_FUNCTION_ARGS) { return ext_part(fcinfo, REPORT_KEY_##key); }
REPORT_ANSWER_KEY_LIST(EXT_PART_FUNCTION)

PG_FUNCTION_INFO_V1(rulec_pg_rules_sha256);

/* The version of the rules the function decides with: the rule file's SHA-256. */
Datum rulec_pg_rules_sha256(PG_FUNCTION_ARGS)
{
    (void)fcinfo;
    PG_RETURN_TEXT_P(cstring_to_text(POLICY_TABLES()->rule_sha256));
}

/* Checking the database's encoding --------------------------------------------------------- */

/* Called with each text the extension can write; returns non-zero to stop. */
typedef int ext_text_visit(const char *text, void *context);

/* In a function with visit, context and int stop: visits text unless it is NULL (a rule's
 * reason and interpretation may be), and returns what visit returned if it says stop. */
#define EXT_VISIT(text) \
    do { \
        const char *visited = (text); \
        if (visited && (stop = visit(visited, context)) != 0) \
            return stop; \
    } while (0)

/* An allowed value of var's type: with a space before it, report_suggest finds it, and the
 * refusal says « vouliez-vous dire … ? ». */
static const char *ext_allowed_value(const struct rulec_var *var)
{
    switch (var->type) {
    case RULEC_TYPE_BOOL: return "true";
    case RULEC_TYPE_INT: return "1";
    case RULEC_TYPE_DATE: return "2018-04-01";
    default: return var->nmembers ? var->members[0] : "";
    }
}

/* The refusals input i can get (answer_read_value, rulec_refusal_text, ext_read_text), with
 * values that are ASCII: what a claim brings into a message came from the database, in its
 * encoding, and goes back to it. Returns what visit returned to stop, or 0. */
static int ext_each_refusal(const struct rulec_policy *policy, int i, ext_text_visit *visit,
                            void *context)
{
    const struct rulec_var *var = &policy->vars[i];
    char message[ANSWER_MESSAGE_SIZE], near[256], value[101];
    struct rulec_claim claim;
    memset(&claim, 0, sizeof claim);
    int stop;
    /* A NUL byte; a value cut for being long (« … »); one near an allowed value. */
    memset(value, 'x', sizeof value - 1);
    value[sizeof value - 1] = '\0';
    snprintf(near, sizeof near, " %s", ext_allowed_value(var));
    const char *values[] = { "\0", value, near };
    size_t lengths[] = { 1, strlen(value), strlen(near) };
    for (int v = 0; v < 3; v++)
        EXT_VISIT(answer_read_value(policy, i, values[v], lengths[v], &claim, message,
                                    sizeof message) != 0 ? message : NULL);
    ext_no_equivalent_text(message, sizeof message, var);
    EXT_VISIT(message);
    rulec_missing_text(message, sizeof message, policy, i);
    EXT_VISIT(message);
    if (var->type == RULEC_TYPE_DATE) {
        rulec_out_of_range_text(message, sizeof message, policy, &claim, i);
        EXT_VISIT(message);
    }
    return 0;
}

/* Calls visit on every text the extension can write in a database, until it returns non-zero,
 * which is then returned: the answers' strings (rules_sha256's is hexadecimal), every refusal,
 * and the SQL script's comments (src/ext/pg_script.c). Dates, numbers and JSON keys are
 * ASCII. */
static int ext_each_text(const struct rulec_policy *policy, ext_text_visit *visit, void *context)
{
    char message[ANSWER_MESSAGE_SIZE];
    int stop;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        const struct rulec_rule *rule = &policy->rules[r];
        EXT_VISIT(rulec_outcome_name(rule->outcome));
        EXT_VISIT(rule->reason);
        EXT_VISIT(rule->name);
        EXT_VISIT(rule->citation);
        EXT_VISIT(rule->interpretation);
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        struct rulec_domain domain = rulec_output_domain(&policy->outputs[o]);
        EXT_VISIT(policy->outputs[o].name);
        for (unsigned m = 0; m < domain.nmembers; m++)
            EXT_VISIT(domain.members[m]);
    }
    for (unsigned i = 0; i < policy->ninputs; i++)
        if ((stop = ext_each_refusal(policy, (int)i, visit, context)) != 0)
            return stop;
    struct rulec_claim claim;
    struct rulec_result result;
    memset(&claim, 0, sizeof claim);
    memset(&result, 0, sizeof result);
    rulec_refusal_text(message, sizeof message, policy, &claim, RULEC_BAD_TABLES, &result);
    EXT_VISIT(message);
    for (uint32_t k = 0; k < policy->nundecided; k++) {
        result.region = (int)k;
        rulec_refusal_text(message, sizeof message, policy, &claim, RULEC_UNDECIDED, &result);
        EXT_VISIT(message);
    }
    ext_arguments_text(message, sizeof message, policy, 0);
    EXT_VISIT(message);
    EXT_VISIT(policy->title);
    snprintf(message, sizeof message, PG_TEXT_SHA256_COMMENT, policy->name);
    EXT_VISIT(message);
    for (unsigned o = 0; o < policy->noutputs; o++) {
        snprintf(message, sizeof message, PG_TEXT_OUTPUT_COMMENT, policy->outputs[o].label);
        EXT_VISIT(message);
    }
    static const char *const part_comments[] = PG_PART_COMMENTS;
    for (unsigned p = 0; p < REPORT_ANSWER_KEYS; p++)
        EXT_VISIT(part_comments[p]);
    return 0;
}

/* The length of the UTF-8 character at text, or 0 when there is none (tables compiled from a
 * rule file that was not UTF-8): pg_utf_mblen reads the first byte only. */
static int ext_utf8_length(const char *text)
{
    int length = pg_utf_mblen((const unsigned char *)text);
    if (strnlen(text, (size_t)length) < (size_t)length ||
        !pg_utf8_islegal((const unsigned char *)text, length))
        return 0;
    return length;
}

/* Stops at the first character of text that the database's encoding lacks: returns its code
 * point (never 0: NUL ends the text), U+FFFD for a byte that is not UTF-8. */
static int ext_lacks(const char *text, void *context)
{
    (void)context;
    while (*text) {
        int length = ext_utf8_length(text);
        if (length == 0)
            return 0xFFFD;
        if (!ext_has_character(text))
            return (int)utf8_to_unicode((const unsigned char *)text);
        text += length;
    }
    return 0;
}

/* A UTF-8 message in the database's encoding for ereport, which sends it on converted to the
 * client's: a character the encoding lacks becomes '?', as PostgreSQL's own translated
 * messages get from gettext. SQL_ASCII converts nothing, so the UTF-8 is left as it is; a
 * UTF-8 client reads it. */
static char *ext_message(const char *text)
{
    StringInfoData out;
    initStringInfo(&out);
    while (*text) {
        int length = ext_utf8_length(text);
        char *converted;
        if (length > 0 && (!IS_HIGHBIT_SET(*text) || ext_encoding() == PG_SQL_ASCII))
            appendBinaryStringInfo(&out, text, length);
        else if (length > 0 && OidIsValid(ext_database.from_utf8) &&
                 ext_convert(ext_database.from_utf8, PG_UTF8, ext_database.encoding, text,
                             length, &converted, false) >= 0)
            appendStringInfoString(&out, converted);
        else
            appendStringInfoChar(&out, '?');
        text += length > 0 ? length : 1;
    }
    return out.data;
}

PG_FUNCTION_INFO_V1(rulec_check_encoding);

/* Called by the SQL script before it creates anything else: refuses, with an ERROR that aborts
 * CREATE EXTENSION, a database whose encoding lacks a character of some text the extension
 * can write, rather than let a query stop on it later (or write it garbled, as a LATIN1
 * database did with UTF-8 bytes taken for its own). SQL_ASCII is refused too: PostgreSQL
 * converts nothing there, so an answer would reach every client as UTF-8 bytes whatever its
 * client_encoding, and a text argument could be in any encoding; that it holds ASCII only
 * is all SQL_ASCII promises, and the product's French text is not ASCII. */
Datum rulec_check_encoding(PG_FUNCTION_ARGS)
{
    (void)fcinfo;
    const struct rulec_policy *policy = POLICY_TABLES();
    if (ext_encoding() == PG_UTF8)
        PG_RETURN_VOID();
    int lacked = ext_each_text(policy, ext_lacks, NULL);
    if (lacked == 0)
        PG_RETURN_VOID();
    const char *name = GetDatabaseEncodingName();
    char message[512];
    snprintf(message, sizeof message, "l'extension %s ne peut pas être créée dans une base de "
             "données en %s : cet encodage n'a pas le caractère U+%04X de ses textes",
             policy->name, name, (unsigned)lacked);
    ereport(ERROR, (errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
                    errmsg_internal("%s", ext_message(message)),
                    errhint("%s", ext_message("Créez la base de données en UTF8 : CREATE "
                                              "DATABASE nom ENCODING 'UTF8' TEMPLATE "
                                              "template0;"))));
    PG_RETURN_VOID();
}
