/* tests/test_diagram.c — the decision structure: reduction, sharing, exceptions, conflicts.
 * Part of rulec; see README.md. */
#include "helpers.h"
#include "naive.h"

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
        int var = d->dd.nodes[ref].var;
        ref = dd_child(&d->dd, ref, var, cells[var]);
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

/* A node on a date is as wide as the answers below it, not as the date's cut points: each
 * kind's rule draws its own interval on day, and each kind's node on day has three edges
 * (before, inside, after), although day has six cut points. */
static void test_date_nodes_span_intervals(void **state)
{
    (void)state;
    build("rule base cites s \"1\" then route = x\n"
          "rule ra exception to base cites s \"2\" when kind = a and day between 2018-01-01 and 2018-01-31 then route = y\n"
          "rule rb exception to base cites s \"3\" when kind = b and day between 2018-03-01 and 2018-03-31 then route = y\n"
          "rule rc exception to base cites s \"4\" when kind = c and day between 2018-05-01 and 2018-05-31 then route = z\n",
          COMPILE_OK);
    assert_int_equal(compiled.model->vars[2].ncuts, 6);
    /* Below each kind: three intervals and "absent", not seven cells. */
    const struct rulec_policy *policy = compiled.policy;
    const struct rulec_node *kind = &policy->nodes[policy->root];
    assert_int_equal(kind->var, 0);
    for (unsigned member = 0; member < 3; member++) {
        int32_t child = rulec_child(policy, kind->first_child + member);
        assert_true(child >= 0);
        assert_int_equal(policy->nodes[child].var, 2);
        assert_int_equal(policy->nodes[child].nchildren, 4);
    }
    /* With kind absent, the three merge: as wide as their answers differ (seven intervals). */
    int32_t absent = rulec_child(policy, kind->first_child + 3);
    assert_int_equal(policy->nodes[absent].nchildren, 8);
    /* And the runtime finds the interval of a day by its own bounds. */
    struct rulec_claim claim = { 0 };
    struct rulec_result result;
    claim.present = 0x5;                           /* kind and day */
    claim.values[0] = 1;                           /* b */
    claim.values[2] = rulec_days_from_civil(2018, 3, 31);
    assert_int_equal(rulec_decide(compiled.policy, &claim, &result), RULEC_OK);
    assert_string_equal(compiled.policy->rules[result.rule].name, "rb");
    claim.values[2] = rulec_days_from_civil(2018, 4, 1);
    assert_int_equal(rulec_decide(compiled.policy, &claim, &result), RULEC_OK);
    assert_string_equal(compiled.policy->rules[result.rule].name, "base");
    claim.values[2] = rulec_days_from_civil(2018, 1, 15);
    assert_int_equal(rulec_decide(compiled.policy, &claim, &result), RULEC_OK);
    assert_string_equal(compiled.policy->rules[result.rule].name, "base");
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
    assert_int_equal(low, rulec_days_from_civil(2018, 4, 1));
    assert_int_equal(high, rulec_days_from_civil(2018, 6, 30));
    int cells[6] = { 0, 0, 2, 0, 0, 0 };
    assert_int_equal(walk(compiled.diagram, cells), 2);
}

/* --- Differential test: the compiled tables against the rules read one by one --------- */

/* A value near the cuts of an input: where rules change their minds. */
static int32_t pick_value(const struct check_var *var, unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    unsigned r = *seed >> 8;
    if (var->type == RULEC_TYPE_BOOL)
        return (int32_t)(r & 1);
    if (var->type == RULEC_TYPE_ENUM)
        return (int32_t)(r % (unsigned)var->nmembers);
    int32_t base = var->ncuts ? var->cuts[r % (unsigned)var->ncuts] : rulec_days_from_civil(2018, 4, 1);
    return base + (int32_t)((r >> 4) % 400) - 200;
}

static void test_tables_match_rules_read_one_by_one(void **state)
{
    (void)state;
    char *out = NULL;
    FILE *quiet = open_memstream(&out, &(size_t){ 0 });
    assert_int_equal(compile_file(&compiled, "rules/ramq2018.rules", NULL, quiet), COMPILE_OK);
    fclose(quiet);
    const struct check_model *model = compiled.model;
    const struct rulec_policy *policy = compiled.policy;
    unsigned seed = 2018;
    int decided = 0, missing = 0;
    for (int n = 0; n < 20000; n++) {
        struct rulec_claim full;
        memset(&full, 0, sizeof full);
        for (int v = 0; v < model->ninputs; v++) {
            /* Keep the date inputs of one claim close together, as real claims are. */
            full.values[v] = pick_value(&model->vars[v], &seed);
            full.present |= (uint64_t)1 << v;
        }
        struct rulec_result result;
        assert_int_equal(rulec_decide(policy, &full, &result), RULEC_OK);
        int winner = naive_decide(model, &full);
        assert_true(winner >= 0);
        assert_true(naive_same_outcome(&model->rules[result.rule], &model->rules[winner]));

        /* Drop some inputs: a decision must be the one every completion gets. */
        struct rulec_claim partial = full;
        for (int v = 0; v < model->ninputs; v++) {
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 12) % 4 == 0)
                partial.present &= ~((uint64_t)1 << v);
        }
        enum rulec_status status = rulec_decide(policy, &partial, &result);
        if (status == RULEC_MISSING) {
            assert_false(partial.present >> result.input & 1);
            missing++;
            continue;
        }
        assert_int_equal(status, RULEC_OK);
        decided++;
        for (int k = 0; k < 8; k++) {
            struct rulec_claim completion = partial;
            for (int v = 0; v < model->ninputs; v++)
                if (!(partial.present >> v & 1)) {
                    completion.values[v] = pick_value(&model->vars[v], &seed);
                    completion.present |= (uint64_t)1 << v;
                }
            assert_true(naive_same_outcome(&model->rules[result.rule],
                                     &model->rules[naive_decide(model, &completion)]));
        }
    }
    print_message("%d partial claims decided, %d needing an input\n", decided, missing);
    /* Both paths were exercised. */
    assert_true(decided > 1000);
    assert_true(missing > 1000);
    free(out);
}

/* Conditions built three ways: an 'and' of tests of distinct variables, written out of the
 * variables' order (made as a chain, bottom up), an 'and' that tests one variable twice, and
 * one with an 'or' inside (folded with apply). Each answer is the one the rules give read one
 * by one, and every rule is reached. */
static void test_conditions_made_as_chains_or_folded(void **state)
{
    (void)state;
    build("rule base cites s \"0\" then route = z\n"
          "rule r1 exception to base cites s \"1\" when sent >= 2018-04-01 and kind = a and flag "
          "and day < 2018-06-01 then route = x\n"
          "rule r2 exception to base, r1 cites s \"2\" when day >= 2018-01-01 and kind = b "
          "and day < 2018-03-01 then route = y\n"
          "rule r3 exception to base, r1, r2 cites s \"3\" when (kind = c or flag) "
          "and sent < 2017-01-01 then route = x\n"
          "rule r4 exception to base, r1, r2, r3 cites s \"4\" when kind = a and "
          "day >= 2019-01-01 and not flag then route = y\n", COMPILE_OK);
    const struct check_model *model = compiled.model;
    int reached[5] = { 0 };
    unsigned seed = 7;
    for (int n = 0; n < 20000; n++) {
        struct rulec_claim claim;
        memset(&claim, 0, sizeof claim);
        for (int v = 0; v < model->ninputs; v++) {
            claim.values[v] = pick_value(&model->vars[v], &seed);
            claim.present |= (uint64_t)1 << v;
        }
        struct rulec_result result;
        assert_int_equal(rulec_decide(compiled.policy, &claim, &result), RULEC_OK);
        int winner = naive_decide(model, &claim);
        assert_int_equal(result.rule, winner);
        reached[result.rule]++;
    }
    for (int r = 0; r < 5; r++)
        assert_true(reached[r] > 0);
    /* Every node's children test variables later in the order: the chains were made in it. */
    const struct diagram *d = compiled.diagram;
    for (uint32_t n = 0; n < d->dd.nnodes; n++) {
        const struct dd_node *node = &d->dd.nodes[n];
        for (int e = 0; e < node->nedges; e++) {
            dd_ref child = d->dd.edges[node->first_edge + (uint32_t)e].child;
            if (!DD_IS_TERMINAL(child))
                assert_true(d->level[d->dd.nodes[child].var] > d->level[node->var]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_irrelevant_inputs_vanish, teardown),
        cmocka_unit_test_teardown(test_conditions_made_as_chains_or_folded, teardown),
        cmocka_unit_test_teardown(test_date_nodes_span_intervals, teardown),
        cmocka_unit_test_teardown(test_exception_wins_and_chains, teardown),
        cmocka_unit_test_teardown(test_same_outcome_is_no_conflict, teardown),
        cmocka_unit_test_teardown(test_conflict_and_gap_terminals, teardown),
        cmocka_unit_test_teardown(test_intervals_split_at_cuts, teardown),
        cmocka_unit_test_teardown(test_tables_match_rules_read_one_by_one, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
