/* tests/fuzz/fuzz_differential.c — three deciders must agree, field by field:
 * the generated typed API (ramq2018_decide, the walker as C), rulec_decide on the same tables,
 * and a naive evaluator (tests/naive.h) that reads each rule of rules/ramq2018.rules one by
 * one and applies exceptions pair by pair. The bytes make a claim: complete, partial, or
 * with values no input allows. A second half does the same for small random policies, built
 * from the bytes, compiled in memory and decided by rulec_decide and the naive evaluator.
 * Part of rulec; see README.md for the licence. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "naive.h"
#include "ramq2018.h"

#define FUZZ_OWN_INITIALIZE   /* it compiles the RAMQ file once, below */
#include "fuzz.h"

static struct compilation ramq;     /* compiled once, for the naive evaluator's model */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    if (compile_file(&ramq, "rules/ramq2018.rules", NULL, fuzz_quiet()) != COMPILE_OK) {
        fputs("fuzz_differential: run from the repository's top directory\n", stderr);
        exit(1);
    }
    return 0;
}

/* Bytes read in order; zeros past the end. */
struct bytes {
    const uint8_t *data;
    size_t size, at;
};

static unsigned next(struct bytes *b)
{
    return b->at < b->size ? b->data[b->at++] : 0;
}

/* A date near the policy's boundaries (2017-06-01 plus up to 1,023 days), or a far one. */
static int32_t some_date(struct bytes *b)
{
    unsigned low = next(b), high = next(b);
    if (high == 255)
        return RULEC_DAYS_MAX - (int32_t)low;
    if (high == 254)
        return RULEC_DAYS_MIN + (int32_t)low;
    return rulec_days_from_civil(2017, 6, 1) + (int32_t)(((high & 3) << 8) | low);
}

static void check_ramq(struct bytes *b)
{
    const struct rulec_policy *policy = ramq2018_policy();
    const struct check_model *model = ramq.model;
    struct rulec_claim claim;
    memset(&claim, 0, sizeof claim);
    struct ramq2018_input typed;
    memset(&typed, 0, sizeof typed);
    unsigned present = next(b), bad = next(b);
    int32_t values[7];
    for (int v = 0; v < 7; v++) {
        const struct rulec_var *var = &policy->vars[v];
        unsigned pick = next(b);
        values[v] = var->type == RULEC_TYPE_DATE ? some_date(b)
                    : var->type == RULEC_TYPE_BOOL ? (int32_t)(pick & 1)
                    : (int32_t)(pick % var->nmembers);
        if (present >> v & 1) {
            claim.values[v] = values[v];
            claim.present |= (uint64_t)1 << v;
        }
    }
    /* The typed API, with one value no input allows when asked. */
    typed.has_profession = claim.present & 1;
    typed.profession = (enum ramq2018_profession_value)values[0];
    typed.has_demande = claim.present >> 1 & 1;
    typed.demande = (enum ramq2018_demande_value)values[1];
    typed.has_date_service = claim.present >> 2 & 1;
    typed.date_service = rulec_date_to_number(values[2]);
    typed.has_date_demande = claim.present >> 3 & 1;
    typed.date_demande = rulec_date_to_number(values[3]);
    typed.has_systeme_initial = claim.present >> 4 & 1;
    typed.systeme_initial = (enum ramq2018_systeme_initial_value)values[4];
    typed.has_acces_ancien_systeme = claim.present >> 5 & 1;
    typed.acces_ancien_systeme = values[5] != 0;
    typed.has_date_etat_compte = claim.present >> 6 & 1;
    typed.date_etat_compte = rulec_date_to_number(values[6]);
    if (bad == 1)
        typed.profession = (enum ramq2018_profession_value)(3 + next(b));
    if (bad == 2)
        typed.date_service = 20180230;
    struct ramq2018_result result;
    enum ramq2018_status status = ramq2018_decide(&typed, &result);
    if ((bad == 1 && typed.has_profession) || (bad == 2 && typed.has_date_service)) {
        if (status != RAMQ2018_BADINPUT)
            abort();
        return;
    }
    struct rulec_result tables;
    enum rulec_status rulec_status = rulec_decide(policy, &claim, &tables);
    switch (rulec_status) {
    case RULEC_OK:
        if (status != RAMQ2018_OK || strcmp(result.rule, policy->rules[tables.rule].name) != 0
            || (int)result.outcome != tables.outcome)
            abort();
        break;
    case RULEC_MISSING:
        if (status != RAMQ2018_MISSING
            || strcmp(result.error_input, policy->vars[tables.input].name) != 0)
            abort();
        return;
    case RULEC_OUT_OF_RANGE:
        if (status != RAMQ2018_BADINPUT)
            abort();
        return;
    default:
        abort();
    }
    /* Field by field. */
    if (result.outputs.has_canal != (tables.set & 1) || (result.outputs.has_canal && (int)result.outputs.canal != tables.values[0])
        || result.outputs.has_echeance != (tables.set >> 1 & 1)
        || (result.outputs.has_echeance && result.outputs.echeance != rulec_date_to_number(tables.values[1]))
        || result.outputs.has_hors_delai != (tables.set >> 2 & 1)
        || (result.outputs.has_hors_delai && result.outputs.hors_delai != (tables.values[2] != 0))
        || result.outputs.has_mentions != (tables.set >> 3 & 1)
        || (result.outputs.has_mentions && result.outputs.mentions != (uint32_t)tables.values[3])
        || result.outputs.has_message != (tables.set >> 4 & 1)
        || (result.outputs.has_message && result.outputs.message != tables.values[4]))
        abort();
    /* A complete claim: the naive evaluator names a rule with the same outcome. A partial
     * one that is decided: every completion gets that outcome, so two of them do. */
    struct rulec_claim complete = claim;
    for (int v = 0; v < 7; v++)
        if (!(complete.present >> v & 1)) {
            complete.values[v] = values[v];
            complete.present |= (uint64_t)1 << v;
        }
    int naive = naive_decide(model, &complete);
    if (naive < 0 || !naive_same_outcome(&model->rules[naive], &model->rules[tables.rule]))
        abort();
}

static int gets(const struct rulec_policy *policy, const struct rulec_claim *claim,
                const struct rulec_want *want)
{
    struct rulec_result result;
    return rulec_decide(policy, claim, &result) == RULEC_OK && rulec_result_wanted(policy, &result, want);
}

/* The change gives the answer, and changing one input alone does not when it changes more;
 * changing one, no nearer value does. Every value that can matter is tried: each member, and
 * for a date each cut of any variable, a day either side, and shifted by the other date
 * (the derived value is their difference). */
static void check_smallest(const struct rulec_policy *policy, const struct rulec_claim *claim,
                           const struct rulec_want *want, const struct rulec_change *change)
{
    if (!gets(policy, &change->claim, want))
        abort();
    int count = 0;
    for (uint64_t bits = change->changed; bits; bits &= bits - 1)
        count++;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        int32_t values[256];
        int n = 0;
        if (var->type != RULEC_TYPE_DATE) {
            for (int m = 0; m < (var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers); m++)
                values[n++] = m;
        } else {
            for (unsigned w = 0; w < policy->nvars; w++)
                for (uint32_t k = 0; k < policy->vars[w].ncuts && n < 240; k++)
                    for (int d = -1; d <= 0; d++) {
                        int32_t cut = policy->vars[w].cuts[k] + d;
                        if (policy->vars[w].is_input) {
                            values[n++] = cut;
                            continue;
                        }
                        for (unsigned u = 0; u < policy->ninputs; u++)
                            if (u != v && policy->vars[u].type == RULEC_TYPE_DATE) {
                                values[n++] = claim->values[u] + cut;
                                values[n++] = claim->values[u] - cut;
                            }
                    }
        }
        for (int i = 0; i < n; i++) {
            if (var->type == RULEC_TYPE_DATE && !rulec_days_in_range(values[i]))
                continue;
            struct rulec_claim one = *claim;
            one.values[v] = values[i];
            if (values[i] == claim->values[v] || !gets(policy, &one, want))
                continue;
            if (count >= 2)
                abort();
            long distance = var->type == RULEC_TYPE_DATE ? labs((long)values[i] - claim->values[v]) : 0;
            if (distance < (long)change->distance)
                abort();
        }
    }
}

/* A small policy from the bytes: two enumerations, a boolean, two dates and their
 * difference; four to nine rules with conditions and exceptions picked by the bytes. Most
 * have gaps or conflicts and are refused; those that compile are checked claim by claim. */
static void check_policy(struct bytes *b)
{
    static const char *const tests[] = {
        "e = a", "e = b", "e in { a, c }", "g = p", "g != q", "f", "not f",
        "d1 < 2018-04-01", "d1 >= 2018-01-01", "d2 between 2018-03-01 and 2018-04-30",
        "delai >= 0", "delai < 90", "delai > 90", "d1 in { 2018-04-01, 2018-04-03 }",
    };
    char text[4096];
    int used = snprintf(text, sizeof text,
        "policy p \"P\"\nsource s \"S\"\n"
        "input e \"E\" : enum { a \"A\", b \"B\", c \"C\" }\ninput g \"G\" : enum { p \"P\", q \"Q\" }\n"
        "input f \"F\" : bool\ninput d1 \"D1\" : date\ninput d2 \"D2\" : date\n"
        "let delai = d2 - d1\noutput o \"O\" : enum { x \"X\", y \"Y\", z \"Z\" }\n"
        "rule base cites s \"1\" then o = x\n");
    int nrules = 4 + (int)(next(b) % 6);
    for (int r = 1; r < nrules && used < 3500; r++) {
        unsigned shape = next(b);
        used += snprintf(text + used, sizeof text - (size_t)used, "rule r%d ", r);
        if (shape & 1)
            used += snprintf(text + used, sizeof text - (size_t)used, "exception to %s ",
                             shape & 2 ? "all" : "base");
        else if (shape & 2 && r > 1)
            used += snprintf(text + used, sizeof text - (size_t)used, "exception to r%d ",
                             1 + (int)(next(b) % (unsigned)(r - 1)));
        used += snprintf(text + used, sizeof text - (size_t)used, "cites s \"1\" when %s",
                         tests[next(b) % (sizeof tests / sizeof *tests)]);
        if (shape & 4)
            used += snprintf(text + used, sizeof text - (size_t)used, " %s %s",
                             shape & 8 ? "or" : "and",
                             tests[next(b) % (sizeof tests / sizeof *tests)]);
        used += snprintf(text + used, sizeof text - (size_t)used, " then o = %c\n",
                         "xyz"[next(b) % 3]);
    }
    struct compilation c;
    if (compile_text(&c, "p.rules", text, (size_t)used, NULL, fuzz_quiet()) == COMPILE_OK) {
        struct rulec_claim claims[16];
        int32_t answers[16];
        for (int k = 0; k < 16; k++) {
            struct rulec_claim claim;
            memset(&claim, 0, sizeof claim);
            claim.values[0] = (int32_t)(next(b) % 3);
            claim.values[1] = (int32_t)(next(b) % 2);
            claim.values[2] = (int32_t)(next(b) % 2);
            claim.values[3] = some_date(b);
            claim.values[4] = some_date(b);
            claim.present = 0x1f;
            struct rulec_result result;
            if (rulec_decide(c.policy, &claim, &result) != RULEC_OK)
                abort();
            int naive = naive_decide(c.model, &claim);
            if (naive < 0 || !naive_same_outcome(&c.model->rules[naive],
                                                 &c.model->rules[result.rule]))
                abort();
            claims[k] = claim;
            answers[k] = result.values[0];
        }
        /* Why not the next claim's answer: someone gets it, so it is never out of reach; the
         * change found gives it; and no smaller one does. */
        for (int k = 0; k + 1 < 16; k++) {
            struct rulec_want want = { RULEC_WANT_OUTPUT, 0, answers[k + 1] };
            struct rulec_change change;
            enum rulec_why_not_status status = rulec_why_not(c.policy, &claims[k], &want, &change);
            if (status == RULEC_WHY_NOT_ALREADY && answers[k] == answers[k + 1])
                continue;
            if (status != RULEC_WHY_NOT_FOUND || !change.exact)
                abort();
            check_smallest(c.policy, &claims[k], &want, &change);
        }
    }
    compile_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bytes b = { data, size, 0 };
    if (size && data[0] & 1) {
        b.at = 1;
        check_policy(&b);
    } else {
        for (int k = 0; k < 4; k++)
            check_ramq(&b);
    }
    return 0;
}
