/* tests/test_analyse.c — gaps, conflicts and dead rules, each with an example claim;
 * regions no claim can reach are not reported. Part of rulec; see README.md. */
#include "helpers.h"

static void test_gap_with_example(void **state)
{
    (void)state;
    char *out = helper_messages("rule r1 cites s \"1\" when kind = a then route = x\n"
                        "rule r2 cites s \"1\" when kind = b and day < 2018-04-01 then route = y\n"
                        "rule r3 cites s \"1\" when kind = c then route = z\n", COMPILE_ERRORS);
    assert_string_equal(out, "t.rules:1:8: error: aucune règle ne décide les demandes comme : "
                             "kind=b day=2018-04-01 ; ajoutez une règle, ou une règle "
                             "'unspecified' si la source est muette\n"
                             "  policy p \"Politique\"\n         ^\n");
    free(out);
}

static void test_conflict_with_example_and_notes(void **state)
{
    (void)state;
    char *out = helper_messages("rule r1 cites s \"1\" when flag then route = x\n"
                        "rule r2 cites s \"1\" when not flag then route = y\n"
                        "rule r3 cites s \"1\" when kind = c and flag then route = z\n",
                        COMPILE_ERRORS);
    assert_string_equal(out,
        "t.rules:12:6: error: les règles 'r1' (ligne 10) et 'r3' (ligne 12) s'appliquent toutes "
        "deux, avec des issues différentes, aux demandes comme : kind=c flag=true ; faites de "
        "l'une une exception à l'autre, ou restreignez une condition\n  rule r3 cites s \"1\" when kind = c and flag then route = z\n"
        "       ^~\n"
        "t.rules:10:6: note: 'r1' est ici\n  rule r1 cites s \"1\" when flag then route = x\n"
        "       ^~\n");
    free(out);
}

static void test_one_conflict_across_regions(void **state)
{
    (void)state;
    /* r1 and r2 disagree wherever flag holds; r3 or r4 agree with r1 alongside, so the sets
     * of rules differ between kind = a and the rest, but it is one conflict, named by the
     * pair that disagrees. */
    char *out = helper_messages("rule r1 cites s \"1\" when flag then route = x\n"
                                "rule r2 cites s \"1\" when flag then route = y\n"
                                "rule r3 cites s \"1\" when kind = a then route = x\n"
                                "rule r4 cites s \"1\" when kind != a then route = x\n",
                                COMPILE_ERRORS);
    assert_string_equal(out,
        "t.rules:11:6: error: les règles 'r1' (ligne 10) et 'r2' (ligne 11) s'appliquent toutes "
        "deux, avec des issues différentes, aux demandes comme : flag=true ; faites de l'une une "
        "exception à l'autre, ou restreignez une condition\n"
        "  rule r2 cites s \"1\" when flag then route = y\n       ^~\n"
        "t.rules:10:6: note: 'r1' est ici\n  rule r1 cites s \"1\" when flag then route = x\n"
        "       ^~\n"
        "t.rules:12:6: note: 'r3' s'y applique aussi\n"
        "  rule r3 cites s \"1\" when kind = a then route = x\n       ^~\n");
    free(out);
}

static void test_unreachable_regions_are_not_gaps(void **state)
{
    (void)state;
    /* delay = sent - day. "sent before 2018-04-01, day on or after it, delay >= 0" is no
     * claim, so leaving it without a rule is no gap. */
    char *out = helper_messages("rule before cites s \"1\" when delay < 0 then invalid \"avant\"\n"
                        "rule old cites s \"1\" when delay >= 0 and sent < 2018-04-01 and day < 2018-04-01 then route = x\n"
                        "rule new cites s \"1\" when delay >= 0 and sent >= 2018-04-01 then route = y\n",
                        COMPILE_OK);
    assert_string_equal(out, "");
    free(out);
}

static void test_dead_rule_warning(void **state)
{
    (void)state;
    char *out = helper_messages("rule all_x cites s \"1\" then route = x\n"
                        "rule hidden cites s \"1\" when delay < 0 and sent > 2018-01-01 and day < 2017-01-01 then route = x\n",
                        COMPILE_OK);
    assert_string_equal(out, "t.rules:11:6: warning: la règle 'hidden' ne décide aucune "
                             "demande : là où elle s'applique, une autre règle l'emporte ou "
                             "aucune demande n'est possible\n"
                             "  rule hidden cites s \"1\" when delay < 0 and sent > 2018-01-01 "
                             "and day < 2017-01-01 then route = x\n       ^~~~~~\n");
    free(out);
}

static void test_witness_of_a_region(void **state)
{
    (void)state;
    struct compilation c;
    char *out = NULL;
    char text[4096];
    snprintf(text, sizeof text, "%s%s", HELPER_HEAD,
             "rule r cites s \"1\" when delay > 90 or day < 2018-04-01 then route = x\n"
             "rule q cites s \"1\" when delay <= 90 and day >= 2018-04-01 then route = y\n");
    assert_int_equal(helper_compile(&c, text, &out), COMPILE_OK);
    /* day >= 2018-04-01 and delay > 90: the smallest such claim. */
    int cells[5] = { -1, -1, 1, -1, 1 };   /* kind, flag, day, sent, delay */
    assert_string_equal(analyse_witness(&c.arena, c.model, cells, NULL),
                        "day=2018-04-01 sent=2018-07-01");   /* 91 days */
    compile_free(&c);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap_with_example),
        cmocka_unit_test(test_conflict_with_example_and_notes),
        cmocka_unit_test(test_one_conflict_across_regions),
        cmocka_unit_test(test_unreachable_regions_are_not_gaps),
        cmocka_unit_test(test_dead_rule_warning),
        cmocka_unit_test(test_witness_of_a_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
