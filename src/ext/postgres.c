/* src/ext/postgres.c — a policy as a PostgreSQL extension (make postgres, built with PGXS;
 * make postgres-install; then CREATE EXTENSION ramq2018). The SQL function
 * ramq2018(profession text, demande text, date_service date, …) takes the policy's inputs in
 * declaration order, in PostgreSQL's types (an enumeration as text, a date as date, a boolean
 * as boolean, an integer as bigint), NULL meaning absent, and returns the answer as jsonb: the
 * object `build/ramq2018 --json` prints, or {"outcome":"rejected","error":"…"} as batch mode
 * writes it, never an SQL error that would stop a query. It is IMMUTABLE and PARALLEL SAFE:
 * the answer depends on the arguments only, and the backend's state is the rules' fixed JSON
 * texts, written once when the library is loaded.
 *
 * Memory: rulec's code allocates nothing (the answer is built in a sink in memory mode, on the
 * stack); what is allocated is PostgreSQL's: the rules' texts in TopMemoryContext, the jsonb
 * and detoasted arguments with palloc in the call's context.
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
#include "utils/memutils.h"

#include "answer.h"
#include "report.h"
#include "rt.h"
#include POLICY_HEADER

PG_MODULE_MAGIC;

/* The rules' fixed JSON texts: built once per backend, read-only after (answer.h). */
static struct answer_rules ext_rules;

/* PostgreSQL counts days from 2000-01-01, rulec from 1970-01-01. */
#define EXT_EPOCH_SHIFT (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE)

static void *ext_allocate(size_t size, void *context)
{
    (void)context;
    return MemoryContextAllocExtended(TopMemoryContext, size, MCXT_ALLOC_NO_OOM);
}

void _PG_init(void);

void _PG_init(void)
{
    /* Out of memory here leaves the texts unbuilt: every answer is then written in full. */
    answer_rules_build(&ext_rules, POLICY_TABLES(), ext_allocate, NULL);
}

/* Reads argument i into claim. Returns 0, or -1 with the refusal in message. */
static int ext_argument(FunctionCallInfo fcinfo, int i, struct rt_claim *claim, char *message,
                        size_t size)
{
    const struct rt_policy *policy = ext_rules.policy;
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

PG_FUNCTION_INFO_V1(rulec_decide);

Datum rulec_decide(PG_FUNCTION_ARGS)
{
    const struct rt_policy *policy = ext_rules.policy;
    struct rt_claim claim;
    claim.present = 0;
    struct sink sink;
    sink_init(&sink, NULL);
    char message[ANSWER_MESSAGE_SIZE];
    int rejected = 0;
    if (PG_NARGS() != (int)policy->ninputs) {
        snprintf(message, sizeof message, "%s attend %u arguments, pas %d", policy->name,
                 (unsigned)policy->ninputs, PG_NARGS());
        rejected = 1;
    }
    for (int i = 0; i < PG_NARGS() && !rejected; i++)
        if (!PG_ARGISNULL(i))
            rejected = ext_argument(fcinfo, i, &claim, message, sizeof message) != 0;
    if (rejected)
        answer_rejected(&sink, message);
    else
        answer_json(&sink, &ext_rules, &claim);
    const char *json = sink_text(&sink);
    if (!json) {
        sink_init(&sink, NULL);
        answer_rejected(&sink, "réponse trop longue (plus de 64 Kio)");
        json = sink_text(&sink);
    }
    PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(json)));
}

PG_FUNCTION_INFO_V1(rulec_rules_sha256);

/* The version of the rules the function decides with: the rule file's SHA-256. */
Datum rulec_rules_sha256(PG_FUNCTION_ARGS)
{
    (void)fcinfo;
    PG_RETURN_TEXT_P(cstring_to_text(ext_rules.policy->rule_sha256));
}
