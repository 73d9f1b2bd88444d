/* src/ext/postgres.c — a policy as a PostgreSQL extension (make postgres, built with PGXS;
 * make postgres-install; then CREATE EXTENSION ramq2018). The SQL function
 * ramq2018(profession text, demande text, date_service date, …) takes the policy's inputs in
 * declaration order, in PostgreSQL's types (an enumeration as text, a date as date, a boolean
 * as boolean, an integer as bigint), NULL meaning absent, and returns the answer as jsonb: the
 * object `build/ramq2018 --json` prints, or {"outcome":"rejected","error":"…"} as batch mode
 * writes it, never an SQL error that would stop a query. It is IMMUTABLE and PARALLEL SAFE:
 * the answer depends on the arguments only, and the extension keeps no state.
 *
 * The answer is built as jsonb directly, key by key, from the decision (not written as JSON
 * text and parsed again: the parse took two thirds of the time); its keys and values are those
 * of report_json_fields, which tests/postgres.sh checks on 100,000 claims against batch mode.
 *
 * Memory: rulec's code allocates nothing; what is allocated is PostgreSQL's, with palloc in
 * the call's context: the jsonb, a date's text, detoasted arguments.
 *
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy; the SQL script
 * (src/ext/pg_script.c) names the C functions rulec_decide and rulec_rules_sha256.
 * Part of rulec; see README.md for the licence. */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "answer.h"
#include "report.h"
#include "rt.h"
#include POLICY_HEADER

PG_MODULE_MAGIC;

/* PostgreSQL counts days from 2000-01-01, rulec from 1970-01-01. */
#define EXT_EPOCH_SHIFT (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE)

/* Reads argument i into claim. Returns 0, or -1 with the refusal in message. */
static int ext_argument(FunctionCallInfo fcinfo, const struct rt_policy *policy, int i,
                        struct rt_claim *claim, char *message, size_t size)
{
    const struct rt_var *var = &policy->vars[i];
    char number[32];
    switch (var->type) {
    case RT_TYPE_BOOL:
        claim->present |= (uint64_t)1 << i;
        claim->values[i] = PG_GETARG_BOOL(i) ? 1 : 0;
        return 0;
    case RT_TYPE_DATE: {
        DateADT date = PG_GETARG_DATEADT(i);
        int64 days = (int64)date + EXT_EPOCH_SHIFT;
        if (!DATE_NOT_FINITE(date) && rt_days_in_range(days)) {
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
    case RT_TYPE_INT:
        /* bigint in SQL; the rules' integers are 32-bit: read as text, so that a value out of
         * range gets batch mode's message. */
        snprintf(number, sizeof number, INT64_FORMAT, PG_GETARG_INT64(i));
        return answer_read_value(policy, i, number, strlen(number), claim, message, size);
    default: {
        text *value = PG_GETARG_TEXT_PP(i);
        return answer_read_value(policy, i, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value), claim,
                                 message, size);
    }
    }
}

/* A jsonb string of a C string: the text is read where it is (the tables' strings, or the
 * caller's message) until the jsonb is written. */
static JsonbValue ext_string(const char *text)
{
    JsonbValue value;
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

/* An output's value as --json writes it (RT_NOTATION_JSON): true or false, a number, a date
 * or a member as a string, a set as an array of members. */
static void ext_push_output(JsonbParseState **state, const struct rt_output *output, int32_t value)
{
    struct rt_domain domain = rt_output_domain(output);
    ext_push_key(state, output->name);
    JsonbValue v;
    switch (domain.type) {
    case RT_TYPE_BOOL:
        v.type = jbvBool;
        v.val.boolean = value != 0;
        break;
    case RT_TYPE_INT:
        v.type = jbvNumeric;
        v.val.numeric = int64_to_numeric(value);
        break;
    case RT_TYPE_DATE: {
        char *date = palloc(11);
        rt_date_format(value, date);
        v = ext_string(date);
        break;
    }
    case RT_TYPE_ENUM:
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

PG_FUNCTION_INFO_V1(rulec_decide);

Datum rulec_decide(PG_FUNCTION_ARGS)
{
    const struct rt_policy *policy = POLICY_TABLES();
    struct rt_claim claim;
    claim.present = 0;
    char message[ANSWER_MESSAGE_SIZE];
    int rejected = 0;
    if (PG_NARGS() != (int)policy->ninputs) {
        snprintf(message, sizeof message, "%s attend %u arguments, pas %d", policy->name,
                 (unsigned)policy->ninputs, PG_NARGS());
        rejected = 1;
    }
    for (int i = 0; i < PG_NARGS() && !rejected; i++)
        if (!PG_ARGISNULL(i))
            rejected = ext_argument(fcinfo, policy, i, &claim, message, sizeof message) != 0;
    struct rt_result result;
    enum rt_status status = RT_OK;
    if (!rejected && (status = rt_decide(policy, &claim, &result)) != RT_OK) {
        report_refusal_text(message, sizeof message, policy, &claim, status, &result);
        rejected = 1;
    }
    JsonbParseState *state = NULL;
    pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
    if (rejected) {
        ext_push_string(&state, "outcome", "rejected");
        ext_push_string(&state, "error", message);
    } else {
        const struct rt_rule *rule = &policy->rules[result.rule];
        ext_push_string(&state, "outcome", rt_outcome_name(result.outcome));
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

PG_FUNCTION_INFO_V1(rulec_rules_sha256);

/* The version of the rules the function decides with: the rule file's SHA-256. */
Datum rulec_rules_sha256(PG_FUNCTION_ARGS)
{
    (void)fcinfo;
    PG_RETURN_TEXT_P(cstring_to_text(POLICY_TABLES()->rule_sha256));
}
