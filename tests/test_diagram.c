/* tests/test_diagram.c — the decision structure: reduction, sharing, exceptions, conflicts.
 * Part of rulec; see README.md. */
#include "helpers.h"

static struct compilation compiled;
static char *messages;

static void build(const char *body, enum compile_status expected)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", HELPER_HEAD, body);
    assert_int_equal(helper_compile(&compiled, text, &messages), expected);
}

static int teardown(void **state)
{
    (void)state;
    compile_free(&compiled);
    free(messages);
    messages = NULL;
    return 0;
}

/* The terminal reached by choosing cell[v] at each node. */
static int walk(const struct diagram *d, const int *cells)
{
    diagram_ref ref = d->root;
    while (!DIAGRAM_IS_TERMINAL(ref)) {
        const struct diagram_node *node = &d->nodes[ref];
        ref = d->children[node->first_child + (uint32_t)cells[node->var]];
    }
    return DIAGRAM_TERMINAL_OF(ref);
}

static void test_irrelevant_inputs_vanish(void **state)
{
    (void)state;
    build("rule r1 cites s \"1\" when kind = a then route = x\n"
          "rule r2 cites s \"1\" when kind in { b, c } then route = y\n", COMPILE_OK);
    const struct diagram *d = compiled.diagram;
    /* One test on kind, none on flag, day or sent. */
    assert_int_equal(compiled.policy->nnodes, 1);
    assert_int_equal(compiled.policy->nodes[0].var, 0);
    int cells[6] = { 2, 0, 0, 0, 0, 0 };
    assert_int_equal(walk(d, cells), 1);
    cells[0] = 0;
    assert_int_equal(walk(d, cells), 0);
}

static void test_exception_wins_and_chains(void **state)
{
    (void)state;
    build("rule base cites s \"1\" then route = x\n"
          "rule special exception to base cites s \"2\" when flag then route = y\n"
          "rule narrower exception to special cites s \"3\" when flag and kind = c then route = z\n",
          COMPILE_OK);
    const struct diagram *d = compiled.diagram;
    int cells[6] = { 0, 0, 0, 0, 0, 0 };
    assert_int_equal(walk(d, cells), 0);        /* flag false: base */
    cells[1] = 1;
    assert_int_equal(walk(d, cells), 1);        /* flag true: special */
    cells[0] = 2;
    assert_int_equal(walk(d, cells), 2);        /* and kind c: narrower beats both */
    assert_int_equal(d->nconflicts, 0);
}

static void test_same_outcome_is_no_conflict(void **state)
{
    (void)state;
    build("rule r1 cites s \"1\" when kind = a then route = x\n"
          "rule r2 cites s \"2\" when kind != c then route = x\n"
          "rule r3 cites s \"3\" when kind = c then route = y\n", COMPILE_OK);
    int cells[6] = { 0, 0, 0, 0, 0, 0 };
    assert_int_equal(walk(compiled.diagram, cells), 0);   /* r1 and r2 agree: the first */
}

static void test_conflict_and_gap_terminals(void **state)
{
    (void)state;
    build("rule r1 cites s \"1\" when kind = a then route = x\n"
          "rule r2 cites s \"2\" when kind = a and flag then route = y\n", COMPILE_ERRORS);
    const struct diagram *d = compiled.diagram;
    int cells[6] = { 0, 1, 0, 0, 0, 0 };
    assert_int_equal(d->nconflicts, 1);
    assert_int_equal(walk(d, cells), d->gap + 1);
    assert_int_equal(d->conflicts[0].nrules, 2);
    cells[0] = 1;
    assert_int_equal(walk(d, cells), d->gap);
}

static void test_intervals_split_at_cuts(void **state)
{
    (void)state;
    build("rule early cites s \"1\" when day < 2018-04-01 then route = x\n"
          "rule window cites s \"1\" when day between 2018-04-01 and 2018-06-30 then route = y\n"
          "rule late cites s \"1\" when day > 2018-06-30 then route = z\n", COMPILE_OK);
    const struct check_var *day = &compiled.model->vars[2];
    assert_int_equal(day->ncuts, 2);
    int32_t low, high;
    diagram_cell_bounds(day, 1, &low, &high);
    assert_int_equal(low, rt_days_from_civil(2018, 4, 1));
    assert_int_equal(high, rt_days_from_civil(2018, 6, 30));
    int cells[6] = { 0, 0, 2, 0, 0, 0 };
    assert_int_equal(walk(compiled.diagram, cells), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_irrelevant_inputs_vanish, teardown),
        cmocka_unit_test_teardown(test_exception_wins_and_chains, teardown),
        cmocka_unit_test_teardown(test_same_outcome_is_no_conflict, teardown),
        cmocka_unit_test_teardown(test_conflict_and_gap_terminals, teardown),
        cmocka_unit_test_teardown(test_intervals_split_at_cuts, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
