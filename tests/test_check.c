/* tests/test_check.c — names, types, cut points and derived values.
 * Part of rulec; see README.md. */
#include "helpers.h"

static void assert_first_line(const char *body, const char *expected)
{
    char *out = helper_messages(body, COMPILE_ERRORS);
    char *newline = strchr(out, '\n');
    if (newline)
        *newline = '\0';
    assert_string_equal(out, expected);
    free(out);
}

static void test_errors_name_the_problem(void **state)
{
    (void)state;
    assert_first_line("rule r cites s \"1\" when kind = d then route = x\n",
                      "t.rules:10:32: error: 'd' n'est pas une valeur de l'entrée 'kind' ; "
                      "valeurs permises : a, b, c");
    assert_first_line("rule r cites s \"1\" when day < 2018-02-30 then route = x\n",
                      "t.rules:10:31: error: 2018-02-30 n'est pas une date du calendrier");
    assert_first_line("rule r cites s \"1\" when nothing then route = x\n",
                      "t.rules:10:25: error: nom inconnu 'nothing'");
    assert_first_line("rule r cites s \"1\" when day < 3 then route = x\n",
                      "t.rules:10:31: error: l'entrée 'day' est une date, mais cette valeur est un "
                      "entier");
    assert_first_line("rule r cites s \"1\" when route = x then route = x\n",
                      "t.rules:10:25: error: 'route' est une sortie : une condition de règle "
                      "teste des entrées et des valeurs dérivées ; ce qui doit tenir d'une "
                      "réponse s'écrit dans une propriété (property … requires …)");
    assert_first_line("rule r cites nowhere \"1\" then route = x\n",
                      "t.rules:10:14: error: source inconnue 'nowhere' : déclarez-la avec 'source "
                      "nowhere \"titre\"'");
    assert_first_line("input flag : bool\n",
                      "t.rules:10:7: error: le nom 'flag' est déjà pris par une entrée, ligne 4");
    assert_first_line("rule r cites s \"1\" then route = x, route = y\n",
                      "t.rules:10:36: error: la sortie 'route' est fixée deux fois dans cette règle");
    assert_first_line("rule r cites s \"1\" then limit = sent - day\n",
                      "t.rules:10:33: error: la sortie 'limit' est une date : écrivez une date, "
                      "une constante, ou une entrée date plus un nombre de jours (days)");
    assert_first_line("rule r exception to q cites s \"1\" then route = x\n"
                      "rule q exception to r cites s \"1\" then route = x\n",
                      "t.rules:11:6: error: les règles 'q' et 'r' sont des exceptions l'une à "
                      "l'autre, directement ou par d'autres règles");
    assert_first_line("let bad = day + sent\n",
                      "t.rules:10:11: error: deux dates ne s'additionnent pas : soustrayez-les "
                      "pour compter les jours qui les séparent");
}

static void test_model(void **state)
{
    (void)state;
    struct compilation c;
    char *out = NULL;
    const char *text = HELPER_HEAD
        "const cut = 2018-04-01\n"
        "let late = delay - 90\n"
        "rule r1 cites s \"1\" when day < cut and late > 0 then route = x, limit = day + 90 days\n"
        "rule r2 cites s \"1\" when day < cut and late <= 0 then route = y\n"
        "rule r3 cites s \"1\" when day >= cut then route = z\n";
    assert_int_equal(helper_compile(&c, text, &out), COMPILE_OK);
    assert_string_equal(out, "");
    const struct check_model *model = c.model;
    assert_int_equal(model->ninputs, 4);
    assert_int_equal(model->nvars, 6);
    /* late = sent - day - 90: plus sent, minus day. */
    const struct check_var *late = &model->vars[5];
    assert_string_equal(late->name, "late");
    assert_int_equal(late->plus, 3);
    assert_int_equal(late->minus, 2);
    assert_int_equal(late->offset, -90);
    /* late > 0 and late <= 0 cut late at 1; day < cut cuts day at 2018-04-01. */
    assert_int_equal(late->ncuts, 1);
    assert_int_equal(late->cuts[0], 1);
    assert_int_equal(model->vars[2].ncuts, 1);
    assert_int_equal(model->vars[2].cuts[0], rulec_days_from_civil(2018, 4, 1));
    assert_int_equal(model->rules[0].nassigns, 2);
    assert_int_equal(model->rules[0].assigns[1].kind, RULEC_ASSIGN_SHIFT);
    assert_int_equal(model->rules[0].assigns[1].value, 90);
    assert_string_equal(model->rules[0].citation, "Source, section 1");
    free(out);
    compile_free(&c);
}

/* A test written again in a rule is the one made the first time (check_leaf), whatever the
 * blanks and comments; a named condition of the same text stays its own; a test that drew a
 * warning is made again, and warns, at each place. */
static void test_tests_written_again_are_shared(void **state)
{
    (void)state;
    struct compilation c;
    char *out = NULL;
    const char *text = HELPER_HEAD
        "input n \"N\" : int >= 0\n"
        "condition early = day < 2018-04-01\n"
        "rule r1 cites s \"1\" when day < 2018-04-01 and kind = a then route = x\n"
        "rule r2 cites s \"1\" when day   <   2018-04-01 # commentaire\n"
        "  and kind = b then route = y\n"
        "rule r3 cites s \"1\" when early and kind = c then route = z\n"
        "rule r4 cites s \"1\" when day >= 2018-04-01 and n >= 0 then route = z\n"
        "rule r5 cites s \"1\" when n < 0 then route = x\n"
        "rule r6 cites s \"1\" when n < 0 and flag then route = y\n";
    assert_int_equal(helper_compile(&c, text, &out), COMPILE_OK);
    const struct check_model *model = c.model;
    const struct check_cond *r1 = model->rules[0].when->children[0];
    const struct check_cond *r2 = model->rules[1].when->children[0];
    const struct check_cond *r3 = model->rules[2].when->children[0];
    assert_ptr_equal(r1, r2);
    assert_string_equal(r1->text, "day < 2018-04-01");
    assert_ptr_not_equal(r3, r1);                  /* early: the named condition's own */
    assert_string_equal(r3->text, "day < 2018-04-01");
    assert_ptr_not_equal(model->rules[0].when->children[1], model->rules[1].when->children[1]);
    /* n < 0 warns in r5 and again in r6: two tests, two warnings. */
    const struct check_cond *r5 = model->rules[4].when;
    const struct check_cond *r6 = model->rules[5].when->children[0];
    assert_ptr_not_equal(r5, r6);
    assert_string_equal(r5->text, "n < 0");
    assert_non_null(strstr(out, "t.rules:17:26: warning: 'n' est un entier d'au moins 0 : ce test "
                               "n'est vrai d'aucune demande"));
    assert_non_null(strstr(out, "t.rules:18:26: warning: 'n' est un entier d'au moins 0 : ce test "
                               "n'est vrai d'aucune demande"));
    free(out);
    compile_free(&c);
}

/* A rule that interprets keeps its reasoning; its citation names each section once. */
static void test_interpretation(void **state)
{
    (void)state;
    struct compilation c;
    char *out;
    const char *text =
        "policy p \"t\"\nsource s \"Source\"\nsource l \"Loi\"\ninput x : bool\noutput o : bool\n"
        "rule r1 interprets s \"1.2\" \"a\" interprets s \"1.2\" \"b\" interprets s \"2\" cites l \"1.2\"\n"
        "  because \"parce que\" when x then o = true\n"
        "rule r2 cites s \"3\" when not x then o = false\n";
    assert_int_equal(helper_compile(&c, text, &out), COMPILE_OK);
    const struct check_model *model = c.model;
    assert_string_equal(model->rules[0].interpretation, "parce que");
    assert_string_equal(model->rules[0].citation,
                        "Source, section 1.2; Source, section 2; Loi, section 1.2");
    assert_int_equal(model->rules[0].cites[0].interprets, 1);
    assert_int_equal(model->rules[0].cites[3].interprets, 0);
    assert_null(model->rules[1].interpretation);
    assert_int_equal(c.policy->rules[0].interpretation == model->rules[0].interpretation, 1);
    free(out);
    compile_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_name_the_problem),
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_tests_written_again_are_shared),
        cmocka_unit_test(test_interpretation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
