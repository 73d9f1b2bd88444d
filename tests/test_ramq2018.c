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

static void test_new_system_with_deadline_and_message(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180401, 20180630);
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outcome, RAMQ2018_DECIDED);
    assert_true(result.has_canal);
    assert_int_equal(result.canal, RAMQ2018_CANAL_NOUVEAU_SYSTEME);
    assert_true(result.has_echeance);
    assert_int_equal(result.echeance, 20180630);
    assert_true(result.has_hors_delai);
    assert_false(result.hors_delai);
    assert_true(result.has_message);
    assert_int_equal(result.message, 956);
    assert_false(result.has_mentions);
    assert_string_equal(result.rule, "facturation_nouveau_systeme");
    assert_non_null(strstr(result.citation, "section 1.2"));
    assert_null(result.reason);

    input.date_demande = 20180701;   /* day 91 */
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_true(result.hors_delai);
}

static void test_old_system_needs_access(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180331, 20180403);
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_MISSING_INPUT);
    assert_string_equal(result.error_input, "acces_ancien_systeme");
    input.has_acces_ancien_systeme = true;
    input.acces_ancien_systeme = false;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.outcome, RAMQ2018_UNSPECIFIED);
    assert_false(result.has_canal);
    assert_string_equal(result.rule, "facturation_sans_acces");
    assert_non_null(result.reason);
}

static void test_paper_rebilling_mentions(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20171231, 20180420);
    input.demande = RAMQ2018_DEMANDE_REFACTURER;
    input.profession = RAMQ2018_PROFESSION_OPTOMETRISTE;
    input.has_systeme_initial = true;
    input.systeme_initial = RAMQ2018_SYSTEME_INITIAL_PAPIER;
    input.has_date_etat_compte = true;
    input.date_etat_compte = 20180302;
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_OK);
    assert_int_equal(result.canal, RAMQ2018_CANAL_FORMULAIRE_1500);
    assert_int_equal(result.echeance, 20180531);
    assert_int_equal(result.mentions, RAMQ2018_MENTIONS_DATE_SERVICE
                                      | RAMQ2018_MENTIONS_LETTRE_B_CASE_CS
                                      | RAMQ2018_MENTIONS_NO_DEMANDE_ET_DATE_ETAT_COMPTE);
}

static void test_bad_values_name_the_input(void **state)
{
    (void)state;
    struct ramq2018_input input = facturation(20180230, 20180420);
    struct ramq2018_result result;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_BAD_INPUT);
    assert_string_equal(result.error_input, "date_service");
    input = facturation(20180401, 20180420);
    input.profession = (enum ramq2018_profession)7;
    assert_int_equal(ramq2018_decide(&input, &result), RAMQ2018_BAD_INPUT);
    assert_string_equal(result.error_input, "profession");
}

static void test_names_and_values(void **state)
{
    (void)state;
    enum ramq2018_canal canal;
    assert_string_equal(ramq2018_canal_name(RAMQ2018_CANAL_DEMANDE_REVISION), "demande_revision");
    assert_null(ramq2018_canal_name((enum ramq2018_canal)99));
    assert_int_equal(ramq2018_canal_from_name("formulaire_1670", &canal), 0);
    assert_int_equal(canal, RAMQ2018_CANAL_FORMULAIRE_1670);
    assert_int_equal(ramq2018_canal_from_name("fax", &canal), -1);
    enum ramq2018_demande demande;
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
            if (status != RAMQ2018_OK || memcmp(&result, &thread_expected[i], sizeof result) != 0)
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
        thread_claims[i].profession = (enum ramq2018_profession)(i % 3);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_system_with_deadline_and_message),
        cmocka_unit_test(test_old_system_needs_access),
        cmocka_unit_test(test_paper_rebilling_mentions),
        cmocka_unit_test(test_bad_values_name_the_input),
        cmocka_unit_test(test_names_and_values),
        cmocka_unit_test(test_threads_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
