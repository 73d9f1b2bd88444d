/* tests/test_ramq2018.c — the generated typed API of the RAMQ policy, as billing software
 * calls it. Part of rulec; see README.md. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ramq2018.h"
#include <rulec/rulec.h>

static struct ramq2018_input facturation(int32_t service, int32_t sent)
{
    struct ramq2018_input input;
    memset(&input, 0, sizeof input);
    input.has_profession = true;
    input.profession = RAMQ2018_PROFESSION_DENTISTE;
    input.has_demande = true;
    input.demande = RAMQ2018_DEMANDE_FACTURER;
    input.has_date_service = true;
    input.date_service = service;
    input.has_date_demande = true;
    input.date_demande = sent;
    return input;
}

/* 1.2: a new-system claim carries no 956, which is the old system's message, and applies the
 * text as written: no interpretation. */
static void test_new_system_with_deadline(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180401, 20180630);
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outcome, RAMQ2018_DECIDED);
    assert_true(result.outputs.has_canal);
    assert_int_equal(result.outputs.canal, RAMQ2018_CANAL_NOUVEAU_SYSTEME);
    assert_true(result.outputs.has_echeance);
    assert_int_equal(result.outputs.echeance, 20180630);
    assert_true(result.outputs.has_hors_delai);
    assert_false(result.outputs.hors_delai);
    assert_false(result.outputs.has_message);
    assert_false(result.outputs.has_mentions);
    assert_string_equal(result.rule, "facturation_nouveau_systeme");
    assert_non_null(strstr(result.citation, "section 1.2"));
    assert_null(result.reason);
    assert_null(result.interpretation);

    input.date_demande = 20180701;   /* day 91 */
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_true(result.outputs.hors_delai);
}

static void test_old_system_needs_access(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180331, 20180403);
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_MISSING);
    assert_string_equal(result.error_input, "acces_ancien_systeme");
    input.has_acces_ancien_systeme = true;
    input.acces_ancien_systeme = false;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outcome, RAMQ2018_DECIDED);
    assert_int_equal(result.outputs.canal, RAMQ2018_CANAL_NOUVEAU_SYSTEME);
    assert_int_equal(result.outputs.echeance, 20180629);
    assert_false(result.outputs.has_message);
    assert_string_equal(result.rule, "facturation_sans_acces");
    assert_null(result.reason);
    /* Read from the introduction, 1.1 and 2.1 together: the answer says so. */
    assert_non_null(result.interpretation);
    assert_non_null(strstr(result.interpretation, "« pourra », 1.1"));
}

/* A rebilling of a service of 1 April refused by the old system with 956 is billed in the new
 * system, with the 956 and the new system's deadline. */
static void test_refused_956_goes_to_new_system(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180401, 20180420);
    input.demande = RAMQ2018_DEMANDE_REFACTURER;
    input.has_systeme_initial = true;
    input.systeme_initial = RAMQ2018_SYSTEME_INITIAL_ANCIEN_LOGICIEL;
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outcome, RAMQ2018_DECIDED);
    assert_int_equal(result.outputs.canal, RAMQ2018_CANAL_NOUVEAU_SYSTEME);
    assert_int_equal(result.outputs.echeance, 20180630);
    assert_true(result.outputs.has_message);
    assert_int_equal(result.outputs.message, 956);
    assert_string_equal(result.rule, "refacturation_refusee_956");
    assert_non_null(result.interpretation);
    /* On paper: the same channel, no 956. */
    input.systeme_initial = RAMQ2018_SYSTEME_INITIAL_PAPIER;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outputs.canal, RAMQ2018_CANAL_NOUVEAU_SYSTEME);
    assert_false(result.outputs.has_message);
    assert_string_equal(result.rule, "refacturation_papier_apres_bascule");
}

/* A paper rebilling (2.2) of a service of 2017-12-15 by profession, sent 2018-04-20, refused on
 * the statement of 2018-03-02: the form, the deadline 90 days after it and the three mentions. */
static void assert_paper_rebilling(enum ramq2018_profession_value profession, enum ramq2018_canal_value form,
                                   bool interpreted)
{
    struct ramq2018_input input = facturation(20171215, 20180420);
    input.demande = RAMQ2018_DEMANDE_REFACTURER;
    input.profession = profession;
    input.has_systeme_initial = true;
    input.systeme_initial = RAMQ2018_SYSTEME_INITIAL_PAPIER;
    input.has_date_etat_compte = true;
    input.date_etat_compte = 20180302;
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outputs.canal, form);
    assert_int_equal(result.outputs.echeance, 20180531);
    assert_int_equal(result.outputs.mentions, RAMQ2018_MENTIONS_DATE_SERVICE
                                      | RAMQ2018_MENTIONS_LETTRE_B_CASE_CS
                                      | RAMQ2018_MENTIONS_NO_DEMANDE_ET_DATE_ETAT_COMPTE);
    assert_int_equal(result.interpretation != NULL, interpreted);
}

static void test_paper_rebilling_mentions(void **state)
{
    (void)state;
    assert_paper_rebilling(RAMQ2018_PROFESSION_OPTOMETRISTE, RAMQ2018_CANAL_FORMULAIRE_1500, false);
    assert_paper_rebilling(RAMQ2018_PROFESSION_DENTISTE, RAMQ2018_CANAL_FORMULAIRE_1670, false);
    /* The surgeon's form is the dentist's 1670: 1.2 and 2.2 read together, and said so. */
    assert_paper_rebilling(RAMQ2018_PROFESSION_CHIRURGIEN_BUCCAL, RAMQ2018_CANAL_FORMULAIRE_1670,
                           true);
}

static void test_bad_values_name_the_input(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180230, 20180420);
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_BADINPUT);
    assert_string_equal(result.error_input, "date_service");
    input = facturation(20180401, 20180420);
    input.profession = (enum ramq2018_profession_value)7;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_BADINPUT);
    assert_string_equal(result.error_input, "profession");
}

/* A NULL pointer is an error the call returns, never a crash. */
static void test_null_pointers_are_refused(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180401, 20180420);
    struct ramq2018_result result;
    result.error_input = "unchanged";
    assert_int_equal(ramq2018_decide(NULL, &result), RAMQ2018_BADINPUT);
    assert_null(result.error_input);
    assert_int_equal(ramq2018_decide(&input, NULL), RAMQ2018_BADINPUT);
    enum ramq2018_profession_value profession = RAMQ2018_PROFESSION_OPTOMETRISTE;
    assert_int_equal(ramq2018_profession_from_name(NULL, &profession), -1);
    assert_int_equal(profession, RAMQ2018_PROFESSION_OPTOMETRISTE);
    assert_int_equal(ramq2018_profession_from_name("dentiste", NULL), -1);
    assert_null(ramq2018_canal_name((enum ramq2018_canal_value)-1));
}

static void test_names_and_values(void **state)
{
    (void)state;
    enum ramq2018_canal_value canal;
    assert_string_equal(ramq2018_canal_name(RAMQ2018_CANAL_DEMANDE_REVISION), "demande_revision");
    assert_null(ramq2018_canal_name((enum ramq2018_canal_value)99));
    assert_int_equal(ramq2018_canal_from_name("formulaire_1670", &canal), 0);
    assert_int_equal(canal, RAMQ2018_CANAL_FORMULAIRE_1670);
    assert_int_equal(ramq2018_canal_from_name("fax", &canal), -1);
    enum ramq2018_demande_value demande;
    assert_int_equal(ramq2018_demande_from_name("rembourser_assure", &demande), 0);
    assert_int_equal(demande, RAMQ2018_DEMANDE_REMBOURSER_ASSURE);
}

/* Many threads decide at once and must agree with one thread: no shared state. */
#define THREADS 4
#define CLAIMS 2000

static struct ramq2018_input thread_claims[CLAIMS];
static struct ramq2018_result thread_expected[CLAIMS];

static void *decide_all(void *arg)
{
    long mismatches = 0;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < CLAIMS; i++) {
            struct ramq2018_result result;
            enum ramq2018_status status = ramq2018_decide(&thread_claims[i], &result);
            const struct ramq2018_result *want = &thread_expected[i];
            if (status != RAMQ2018_OK || result.rule != want->rule
                || result.outputs.has_canal != want->outputs.has_canal || result.outputs.canal != want->outputs.canal
                || result.outputs.has_echeance != want->outputs.has_echeance || result.outputs.echeance != want->outputs.echeance
                || result.outputs.has_hors_delai != want->outputs.has_hors_delai
                || result.outputs.hors_delai != want->outputs.hors_delai || result.outcome != want->outcome)
                mismatches++;
        }
    }
    *(long *)arg = mismatches;
    return NULL;
}

static void test_threads_agree(void **state)
{
    (void)state;
    /* Services either side of the boundaries, sent 0 to 9 days after 2018-04-15, with and
     * without access to the old system: old system, new system and unspecified outcomes. */
    static const int32_t services[] = { 20171002, 20171231, 20180101, 20180331, 20180401,
                                        20180410 };
    for (int i = 0; i < CLAIMS; i++) {
        thread_claims[i] = facturation(services[i % 6], 20180415 + i % 10);
        thread_claims[i].has_acces_ancien_systeme = true;
        thread_claims[i].acces_ancien_systeme = i % 2;
        thread_claims[i].profession = (enum ramq2018_profession_value)(i % 3);
        memset(&thread_expected[i], 0, sizeof thread_expected[i]);
        assert_int_equal(ramq2018_decide(&thread_claims[i], &thread_expected[i]), RAMQ2018_OK);
    }
    pthread_t threads[THREADS];
    long mismatches[THREADS];
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_create(&threads[t], NULL, decide_all, &mismatches[t]), 0);
    for (int t = 0; t < THREADS; t++) {
        assert_int_equal(pthread_join(threads[t], NULL), 0);
        assert_int_equal(mismatches[t], 0);
    }
}

/* The typed API walks the diagram as generated C and writes each rule's answer as C; the
 * runtime interprets the tables. Both must give the same answer to every claim: complete,
 * partial, and with values out of range. */
static uint64_t random_state = 0x9E3779B97F4A7C15ULL;

static uint32_t random_below(uint32_t n)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return (uint32_t)((random_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

static int32_t random_date(void)
{
    /* Around the cut points, now and then not a date at all. */
    if (random_below(50) == 0)
        return (int32_t)random_below(30000000);
    int32_t days = rulec_days_from_civil(2017, 6, 1) + (int32_t)random_below(500);
    return rulec_date_to_number(days);
}

static void test_code_agrees_with_tables(void **state)
{
    (void)state;
    const struct rulec_policy *policy = ramq2018_policy();
    unsigned long decided = 0, missing = 0, refused = 0;
    for (int i = 0; i < 200000; i++) {
        struct ramq2018_input in;
        memset(&in, 0, sizeof in);
        in.has_profession = random_below(8) != 0;
        in.profession = (enum ramq2018_profession_value)random_below(in.has_profession ? 3 : 5);
        in.has_demande = random_below(8) != 0;
        in.demande = (enum ramq2018_demande_value)random_below(3);
        in.has_date_service = random_below(8) != 0;
        in.date_service = random_date();
        in.has_date_demande = random_below(8) != 0;
        in.date_demande = random_date();
        in.has_systeme_initial = random_below(4) != 0;
        in.systeme_initial = (enum ramq2018_systeme_initial_value)random_below(3);
        in.has_acces_ancien_systeme = random_below(4) != 0;
        in.acces_ancien_systeme = random_below(2) != 0;
        in.has_date_etat_compte = random_below(4) != 0;
        in.date_etat_compte = random_date();
        if (random_below(100) == 0)
            in.systeme_initial = (enum ramq2018_systeme_initial_value)7;

        struct ramq2018_result typed;
        enum ramq2018_status status = ramq2018_decide(&in, &typed);

        /* The same claim, through the runtime. */
        struct rulec_claim claim;
        memset(&claim, 0, sizeof claim);
        const bool has[7] = { in.has_profession, in.has_demande, in.has_date_service,
                              in.has_date_demande, in.has_systeme_initial,
                              in.has_acces_ancien_systeme, in.has_date_etat_compte };
        const int32_t raw[7] = { (int32_t)in.profession, (int32_t)in.demande, in.date_service,
                                 in.date_demande, (int32_t)in.systeme_initial,
                                 in.acces_ancien_systeme, in.date_etat_compte };
        const char *bad = NULL;
        for (unsigned v = 0; v < 7 && !bad; v++) {
            if (!has[v])
                continue;
            const struct rulec_var *var = &policy->vars[v];
            int32_t value = raw[v];
            if (var->type == RULEC_TYPE_DATE ? rulec_date_from_number(raw[v], &value) != 0
                : var->type == RULEC_TYPE_ENUM && (uint32_t)raw[v] >= var->nmembers)
                bad = var->name;
            claim.values[v] = value;
            claim.present |= (uint64_t)1 << v;
        }
        if (bad) {
            assert_int_equal(status, RAMQ2018_BADINPUT);
            assert_string_equal(typed.error_input, bad);
            refused++;
            continue;
        }
        struct rulec_result result;
        enum rulec_status rulec_status = rulec_decide(policy, &claim, &result);
        if (rulec_status == RULEC_MISSING) {
            assert_int_equal(status, RAMQ2018_MISSING);
            assert_string_equal(typed.error_input, policy->vars[result.input].name);
            assert_null(typed.rule);
            missing++;
            continue;
        }
        assert_int_equal(rulec_status, RULEC_OK);
        assert_int_equal(status, RAMQ2018_OK);
        const struct rulec_rule *rule = &policy->rules[result.rule];
        assert_string_equal(typed.rule, rule->name);
        assert_int_equal(typed.outcome, result.outcome);
        assert_ptr_equal(typed.reason, rule->reason);
        assert_ptr_equal(typed.citation, rule->citation);
        assert_ptr_equal(typed.interpretation, rule->interpretation);
        assert_int_equal(typed.line, rule->line);
        assert_null(typed.error_input);
        const bool typed_has[5] = { typed.outputs.has_canal, typed.outputs.has_echeance, typed.outputs.has_hors_delai,
                                    typed.outputs.has_mentions, typed.outputs.has_message };
        const int32_t typed_value[5] = { (int32_t)typed.outputs.canal, typed.outputs.echeance, typed.outputs.hors_delai,
                                         (int32_t)typed.outputs.mentions, typed.outputs.message };
        for (unsigned o = 0; o < 5; o++) {
            assert_int_equal(typed_has[o], result.set >> o & 1);
            int32_t want = !typed_has[o] ? 0
                           : o == 1 ? rulec_date_to_number(result.values[o]) : result.values[o];
            assert_int_equal(typed_value[o], want);
        }
        decided++;
    }
    /* Every kind of answer was met. */
    assert_true(decided > 20000);
    assert_true(missing > 20000);
    assert_true(refused > 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_system_with_deadline),
        cmocka_unit_test(test_refused_956_goes_to_new_system),
        cmocka_unit_test(test_old_system_needs_access),
        cmocka_unit_test(test_paper_rebilling_mentions),
        cmocka_unit_test(test_bad_values_name_the_input),
        cmocka_unit_test(test_null_pointers_are_refused),
        cmocka_unit_test(test_names_and_values),
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_code_agrees_with_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
