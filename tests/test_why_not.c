/* tests/test_why_not.c — rulec_why_not on the generated RAMQ tables: exact changes for known
 * claims, and, on random claims, that the change found gives the answer wanted and that no
 * change of fewer inputs (nor, changing one, a nearer value) does, checked by brute force over
 * every value that can matter. Part of rulec; see README.md. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ramq2018.h"
#include <rulec/rulec.h>

static const struct rulec_policy *policy;

static int input_index(const char *name)
{
    int index = rulec_input_index(policy, name, strlen(name));
    assert_true(index >= 0);
    return index;
}

/* A claim from "name=value" words, NULL-terminated. */
static void claim_of(struct rulec_claim *claim, ...)
{
    memset(claim, 0, sizeof *claim);
    va_list args;
    va_start(args, claim);
    for (const char *arg; (arg = va_arg(args, const char *)) != NULL;) {
        int input;
        assert_int_equal(rulec_claim_parse_arg(policy, claim, arg, &input), RULEC_PARSE_OK);
    }
    va_end(args);
}

static struct rulec_want want_of(const char *text)
{
    struct rulec_want want;
    assert_int_equal(rulec_parse_want(policy, text, &want), RULEC_PARSE_OK);
    return want;
}

static int32_t day(const char *text)
{
    int32_t days;
    assert_int_equal(rulec_date_parse(text, &days), 0);
    return days;
}

#define EXAMPLE "demande=facturer", "profession=dentiste", "date_service=2018-02-14", \
                "date_demande=2018-04-03", "acces_ancien_systeme=false"

/* The claim: without access, the new system; the old system needs access, one input. */
static void test_old_system_needs_access(void **state)
{
    (void)state;
    struct rulec_claim claim;
    claim_of(&claim, EXAMPLE, NULL);
    struct rulec_want want = want_of("canal=ancien_systeme");
    struct rulec_change change;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_FOUND);
    int access = input_index("acces_ancien_systeme");
    assert_int_equal(change.changed, (uint64_t)1 << access);
    assert_int_equal(change.claim.values[access], 1);
    assert_int_equal(change.members[access], 2);          /* true, only */
    assert_int_equal(change.distance, 0);
    assert_true(change.exact);
    assert_string_equal(policy->rules[change.rule].name, "facturation_ancien_systeme");
}

/* The claim as it is already gets the new system. */
static void test_already(void **state)
{
    (void)state;
    struct rulec_claim claim;
    claim_of(&claim, EXAMPLE, NULL);
    struct rulec_want want = want_of("canal=nouveau_systeme");
    struct rulec_change change;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_ALREADY);
    assert_string_equal(policy->rules[change.rule].name, "facturation_sans_acces");
}

/* Out of scope: sent before 1 April. The nearest date is 31 March, 3 days earlier. */
static void test_nearest_date(void **state)
{
    (void)state;
    struct rulec_claim claim;
    claim_of(&claim, EXAMPLE, NULL);
    struct rulec_want want = want_of("non_précisé");
    struct rulec_change change;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_FOUND);
    int sent = input_index("date_demande");
    assert_int_equal(change.changed, (uint64_t)1 << sent);
    assert_int_equal(change.claim.values[sent], day("2018-03-31"));
    assert_int_equal(change.distance, 3);
    /* Any day from the service (14 February) to 31 March: on or after the service, else the
     * claim would be impossible rather than out of scope. */
    assert_int_equal(change.ranges[sent].low, day("2018-02-14"));
    assert_int_equal(change.ranges[sent].high, day("2018-03-31"));
    assert_string_equal(policy->rules[change.rule].name, "hors_portee");
}

/* Late: to be on time, the service moved to 30 March, or sent by 15 May: 44 days each. The
 * service date leaves more room (from 30 March to the sending date, through both systems)
 * than the sending date (1 April to 15 May), so it wins; with the service date fixed (a fact
 * the clerk cannot change), the sending date comes. */
static void test_on_time(void **state)
{
    (void)state;
    struct rulec_claim claim;
    claim_of(&claim, "demande=facturer", "profession=dentiste", "date_service=2018-02-14",
             "date_demande=2018-06-28", "acces_ancien_systeme=true", NULL);
    struct rulec_want want = want_of("hors_delai=false");
    struct rulec_change change;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_FOUND);
    int service = input_index("date_service"), sent = input_index("date_demande");
    assert_int_equal(change.changed, (uint64_t)1 << service);
    assert_int_equal(change.distance, 44);
    assert_int_equal(change.claim.values[service], day("2018-03-30"));
    /* Widened across paths: the old system to 31 March, the new one from 1 April. */
    assert_int_equal(change.ranges[service].low, day("2018-03-30"));
    assert_int_equal(change.ranges[service].high, day("2018-06-28"));
    assert_string_equal(policy->rules[change.rule].name, "facturation_ancien_systeme");

    want.fixed = (uint64_t)1 << service;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_FOUND);
    assert_int_equal(change.changed, (uint64_t)1 << sent);
    assert_int_equal(change.distance, 44);
    assert_int_equal(change.claim.values[sent], day("2018-05-15"));
    assert_int_equal(change.ranges[sent].low, day("2018-04-01"));
    assert_int_equal(change.ranges[sent].high, day("2018-05-15"));

    /* Both dates fixed: 90 days from 14 February end before 28 June in every system, and the
     * paper forms' deadline (from a statement) is for services of 2017: no claim like this
     * one is on time. */
    want.fixed |= (uint64_t)1 << sent;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_NEVER);
}

/* Rebilling on paper needs the statement's date, which the claim lacks: given, it counts. */
static void test_absent_input_given(void **state)
{
    (void)state;
    struct rulec_claim claim;
    claim_of(&claim, "demande=facturer", "profession=optometriste", "date_service=2017-10-05",
             "date_demande=2018-04-20", NULL);
    struct rulec_want want = want_of("canal=formulaire_1500");
    struct rulec_change change;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_FOUND);
    int demande = input_index("demande"), system = input_index("systeme_initial");
    int statement = input_index("date_etat_compte");
    assert_int_equal(change.changed, ((uint64_t)1 << demande) | ((uint64_t)1 << system)
                                     | ((uint64_t)1 << statement));
    assert_string_equal(policy->rules[change.rule].name, "refacturation_papier_optometriste");
    /* The statement falls between the service and the rebilling. */
    assert_int_equal(change.ranges[statement].low, day("2017-10-05"));
    assert_int_equal(change.ranges[statement].high, day("2018-04-20"));
    assert_true(change.exact);
}

static void test_never(void **state)
{
    (void)state;
    struct rulec_claim claim;
    claim_of(&claim, EXAMPLE, NULL);
    struct rulec_want want = want_of("message=957");
    struct rulec_change change;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_NEVER);
    assert_int_equal(change.rule, -1);
}

static void test_parse_want(void **state)
{
    (void)state;
    struct rulec_want want;
    assert_int_equal(rulec_parse_want(policy, "invalide", &want), RULEC_PARSE_OK);
    assert_int_equal(want.kind, RULEC_WANT_OUTCOME);
    assert_int_equal(want.value, RULEC_OUTCOME_INVALID);
    assert_int_equal(rulec_parse_want(policy, "unspecified", &want), RULEC_PARSE_OK);
    assert_int_equal(want.value, RULEC_OUTCOME_UNSPECIFIED);
    assert_int_equal(rulec_parse_want(policy, "règle=hors_portee", &want), RULEC_PARSE_OK);
    assert_int_equal(want.kind, RULEC_WANT_RULE);
    assert_string_equal(policy->rules[want.value].name, "hors_portee");
    assert_int_equal(rulec_parse_want(policy, "mentions=date_service lettre_b_case_cs", &want), RULEC_PARSE_OK);
    assert_int_equal(want.value, 3);
    assert_int_equal(rulec_parse_want(policy, "echeance=2018-05-15", &want), RULEC_PARSE_OK);
    assert_int_equal(want.value, day("2018-05-15"));
    assert_int_equal(rulec_parse_want(policy, "canal=ancien", &want), RULEC_PARSE_BAD_VALUE);
    assert_int_equal(rulec_parse_want(policy, "couleur=bleu", &want), RULEC_PARSE_UNKNOWN_INPUT);
    assert_int_equal(rulec_parse_want(policy, "rule=nulle", &want), RULEC_PARSE_BAD_VALUE);
    assert_int_equal(rulec_parse_want(policy, "ancien_systeme", &want), RULEC_PARSE_NO_EQUALS);
}

/* --- brute force ----------------------------------------------------------------------------- */

static uint64_t seed = 0x9e3779b97f4a7c15u;
static uint32_t next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed >> 16);
}

/* Every value input v can take that may matter: each member; for a date, every cut of every
 * variable, one day either side, shifted by every other date of the claim (the derived values
 * are differences of dates). */
static int candidates(const struct rulec_claim *claim, int v, int32_t *out, int capacity)
{
    const struct rulec_var *var = &policy->vars[v];
    int n = 0;
    if (var->type != RULEC_TYPE_DATE) {
        for (int m = 0; m < (var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers); m++)
            out[n++] = m;
        return n;
    }
    for (unsigned w = 0; w < policy->nvars; w++) {
        const struct rulec_var *other = &policy->vars[w];
        for (uint32_t c = 0; c < other->ncuts; c++)
            for (int d = -1; d <= 0; d++) {
                int32_t cut = other->cuts[c] + d;
                if (other->is_input && other->type == RULEC_TYPE_DATE && n < capacity)
                    out[n++] = cut;
                if (other->is_input)
                    continue;
                /* A derived value a - b with v on one side: v = b + cut, or v = a - cut. */
                for (unsigned u = 0; u < policy->ninputs; u++)
                    if ((int)u != v && (claim->present >> u & 1) && policy->vars[u].type == RULEC_TYPE_DATE
                        && n + 2 <= capacity) {
                        out[n++] = claim->values[u] + cut;
                        out[n++] = claim->values[u] - cut;
                    }
            }
    }
    /* Deadlines: a date 90 days from another, a day either side. */
    for (unsigned u = 0; u < policy->ninputs; u++)
        if ((int)u != v && (claim->present >> u & 1) && policy->vars[u].type == RULEC_TYPE_DATE
            && n + 6 <= capacity)
            for (int d = -1; d <= 1; d++) {
                out[n++] = claim->values[u] + 90 + d;
                out[n++] = claim->values[u] - 90 + d;
            }
    return n;
}

static int gets_it(const struct rulec_claim *claim, const struct rulec_want *want)
{
    struct rulec_result result;
    return rulec_decide(policy, claim, &result) == RULEC_OK && rulec_result_wanted(policy, &result, want);
}

/* The least distance at which changing only input v gives the answer, or -1. */
static long best_single(const struct rulec_claim *claim, int v, const struct rulec_want *want)
{
    static int32_t values[4096];
    int n = candidates(claim, v, values, 4096);
    long best = -1;
    for (int i = 0; i < n; i++) {
        if (!rulec_days_in_range(values[i]) && policy->vars[v].type == RULEC_TYPE_DATE)
            continue;
        struct rulec_claim changed = *claim;
        changed.values[v] = values[i];
        changed.present |= (uint64_t)1 << v;
        if (!gets_it(&changed, want))
            continue;
        long distance = 0;
        if ((claim->present >> v & 1) && policy->vars[v].type == RULEC_TYPE_DATE)
            distance = labs((long)values[i] - claim->values[v]);
        if (best < 0 || distance < best)
            best = distance;
    }
    return best;
}

static void random_claim(struct rulec_claim *claim)
{
    memset(claim, 0, sizeof *claim);
    static const char *const dates[] = { "2017-06-01", "2017-12-31", "2018-01-01", "2018-02-14",
                                         "2018-03-31", "2018-04-01", "2018-04-20", "2018-06-30",
                                         "2018-07-10" };
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (next_random() % 5 == 0)
            continue;         /* absent */
        const struct rulec_var *var = &policy->vars[v];
        if (var->type == RULEC_TYPE_DATE)
            claim->values[v] = day(dates[next_random() % 9]) + (int32_t)(next_random() % 21) - 10;
        else
            claim->values[v] = (int32_t)(next_random() % (var->type == RULEC_TYPE_BOOL ? 2u : var->nmembers));
        claim->present |= (uint64_t)1 << v;
    }
}

/* 6,000 random claims and wants: the change works, and no smaller one does. */
static void test_smallest_by_brute_force(void **state)
{
    (void)state;
    const char *const wants[] = { "canal=ancien_systeme", "canal=nouveau_systeme", "canal=formulaire_1670",
                                  "canal=demande_revision", "canal=formulaire_2058_2076", "non_précisé",
                                  "invalide", "hors_delai=false", "hors_delai=true", "message=956",
                                  "canal=modification_annulation" };
    int found = 0, singles = 0, ranges = 0;
    for (int trial = 0; trial < 6000; trial++) {
        struct rulec_claim claim;
        random_claim(&claim);
        struct rulec_want want = want_of(wants[next_random() % (sizeof wants / sizeof *wants)]);
        /* A quarter of the time, one input is a fact the change must keep. */
        if (next_random() % 4 == 0)
            want.fixed = (uint64_t)1 << (next_random() % policy->ninputs);
        struct rulec_change change;
        enum rulec_why_not_status status = rulec_why_not(policy, &claim, &want, &change);
        if (status == RULEC_WHY_NOT_ALREADY) {
            assert_true(gets_it(&claim, &want));
            continue;
        }
        if (status == RULEC_WHY_NOT_NEVER && want.fixed) {
            /* Then no change of one other input does it either. */
            for (unsigned v = 0; v < policy->ninputs; v++)
                if (!(want.fixed >> v & 1))
                    assert_true(best_single(&claim, (int)v, &want) < 0);
            continue;
        }
        assert_int_equal(status, RULEC_WHY_NOT_FOUND);
        assert_int_equal(change.changed & want.fixed, 0);
        assert_true(change.exact);
        found++;
        assert_true(gets_it(&change.claim, &want));
        /* Only the changed inputs differ. */
        for (unsigned v = 0; v < policy->ninputs; v++)
            if (!(change.changed >> v & 1)) {
                assert_int_equal(change.claim.present >> v & 1, claim.present >> v & 1);
                if (claim.present >> v & 1)
                    assert_int_equal(change.claim.values[v], claim.values[v]);
            }
        int count = __builtin_popcountll(change.changed);
        assert_true(count >= 1);
        /* Each changed date's range is exact at its ends: they give the answer, the days past
         * them do not (the other inputs as in the changed claim). */
        for (unsigned v = 0; v < policy->ninputs; v++) {
            if (!(change.changed >> v & 1) || policy->vars[v].type != RULEC_TYPE_DATE)
                continue;
            struct rulec_claim edge = change.claim;
            int32_t low = change.ranges[v].low, high = change.ranges[v].high;
            if (low != INT32_MIN) {
                edge.values[v] = low;
                assert_true(gets_it(&edge, &want));
                edge.values[v] = low - 1;
                assert_false(gets_it(&edge, &want));
            }
            if (high != INT32_MAX) {
                edge.values[v] = high;
                assert_true(gets_it(&edge, &want));
                edge.values[v] = high + 1;
                assert_false(gets_it(&edge, &want));
            }
            ranges++;
        }
        /* No single input does it when the change needs two or more; changing one, none
         * nearer. */
        for (unsigned v = 0; v < policy->ninputs; v++) {
            if (want.fixed >> v & 1)
                continue;
            long best = best_single(&claim, (int)v, &want);
            if (count >= 2) {
                if (best >= 0)
                    fprintf(stderr, "trial %d: input %s alone gives it\n", trial, policy->vars[v].name);
                assert_true(best < 0);
            } else if (change.changed >> v & 1) {
                assert_true(best >= 0);
                assert_int_equal(best, (long)change.distance);
                singles++;
            } else {
                if (!(best < 0 || best >= (long)change.distance)) {
                    fprintf(stderr, "trial %d: %s alone at distance %ld, change %llx at %u (fixed %llx); claim:",
                            trial, policy->vars[v].name, best, (unsigned long long)change.changed,
                            change.distance, (unsigned long long)want.fixed);
                    for (unsigned u = 0; u < policy->ninputs; u++)
                        if (claim.present >> u & 1)
                            fprintf(stderr, " %s=%d", policy->vars[u].name, claim.values[u]);
                    fprintf(stderr, " want kind %d output %d value %d\n", want.kind, want.output, want.value);
                }
                assert_true(best < 0 || best >= (long)change.distance);
            }
        }
    }
    assert_true(found > 1000);
    assert_true(singles > 300);
    assert_true(ranges > 500);
}

static int setup(void **state)
{
    (void)state;
    policy = ramq2018_policy();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_old_system_needs_access),
        cmocka_unit_test(test_already),
        cmocka_unit_test(test_nearest_date),
        cmocka_unit_test(test_on_time),
        cmocka_unit_test(test_absent_input_given),
        cmocka_unit_test(test_never),
        cmocka_unit_test(test_parse_want),
        cmocka_unit_test(test_smallest_by_brute_force),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
