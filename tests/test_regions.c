/* tests/test_regions.c — the decision table: its regions are disjoint, cover every claim, and
 * each gives the answer rt_decide gives. Random complete claims, on the RAMQ policy and on a
 * small one. Part of rulec; see README.md for the licence. */
#include "helpers.h"

#include "regions.h"

/* A value for each input: dates near the policy's boundaries (2017-06-01 to 2019-01-31,
 * with its cut points more likely), members and booleans at random. */
static void random_claim(const struct check_model *model, struct rt_claim *claim,
                         unsigned *seed)
{
    memset(claim, 0, sizeof *claim);
    for (int v = 0; v < model->ninputs; v++) {
        const struct check_var *var = &model->vars[v];
        int32_t value;
        switch (var->type) {
        case RT_TYPE_BOOL: value = rand_r(seed) % 2; break;
        case RT_TYPE_ENUM: value = rand_r(seed) % var->nmembers; break;
        case RT_TYPE_DATE:
            if (var->ncuts && rand_r(seed) % 4 == 0)
                value = var->cuts[rand_r(seed) % var->ncuts] - rand_r(seed) % 2;
            else
                value = rt_days_from_civil(2017, 6, 1) + rand_r(seed) % 610;
            break;
        default: value = rand_r(seed) % 200 - 100; break;
        }
        claim->values[v] = value;
        claim->present |= (uint64_t)1 << v;
    }
}

static void check_table(struct compilation *c, int claims)
{
    struct region_table table;
    assert_int_equal(regions_build(&c->arena, c->model, c->diagram, &table), 0);
    assert_true(table.nregions > 0);
    unsigned seed = 20180401;
    for (int i = 0; i < claims; i++) {
        struct rt_claim claim;
        random_claim(c->model, &claim, &seed);
        int found = -1, count = 0;
        for (int r = 0; r < table.nregions; r++)
            if (regions_contains(c->model, &table.regions[r], &claim)) {
                found = r;
                count++;
            }
        struct rt_result result;
        assert_int_equal(rt_decide(c->policy, &claim, &result), RT_OK);
        assert_int_equal(count, 1);
        assert_int_equal(table.regions[found].rule, result.rule);
    }
}

static void test_ramq2018_regions(void **state)
{
    (void)state;
    struct compilation c;
    FILE *quiet = fopen("/dev/null", "w");
    assert_int_equal(compile_file(&c, "rules/ramq2018.rules", NULL, quiet), COMPILE_OK);
    fclose(quiet);
    check_table(&c, 200000);
    /* Every rule decides some region: the table names them all. */
    struct region_table table;
    assert_int_equal(regions_build(&c.arena, c.model, c.diagram, &table), 0);
    unsigned char *seen = calloc((size_t)c.model->nrules, 1);
    for (int r = 0; r < table.nregions; r++)
        seen[table.regions[r].rule] = 1;
    for (int r = 0; r < c.model->nrules; r++)
        assert_true(seen[r]);
    free(seen);
    compile_free(&c);
}

/* Members with one answer are one region; intervals with one answer are one; an impossible
 * region (the claim sent before the service it bills, yet a non-negative delay) is not one. */
static void test_regions_are_maximal(void **state)
{
    (void)state;
    struct compilation c;
    char *messages = NULL;
    assert_int_equal(helper_compile(&c, HELPER_HEAD
                         "rule r1 cites s \"1\" when kind in { a, c } then route = x\n"
                         "rule r2 cites s \"1\" when kind = b and delay >= 0 then route = y\n"
                         "rule r3 cites s \"1\" when kind = b and delay < 0 then route = z\n",
                         &messages), COMPILE_OK);
    free(messages);
    struct region_table table;
    assert_int_equal(regions_build(&c.arena, c.model, c.diagram, &table), 0);
    assert_int_equal(table.nregions, 3);
    int r1 = -1;
    for (int r = 0; r < table.nregions; r++)
        if (table.regions[r].rule == 0)
            r1 = r;
    assert_true(r1 >= 0);
    assert_int_equal(table.regions[r1].ntests, 1);
    assert_int_equal(table.regions[r1].tests[0].members, 0x5);   /* a and c */
    check_table(&c, 20000);
    compile_free(&c);
}

/* Who beats whom, on real claims only: the rules that decide claims a rule applies to. */
static void test_deciders(void **state)
{
    (void)state;
    struct compilation c;
    FILE *quiet = tmpfile();
    assert_int_equal(compile_file(&c, "rules/ramq2018.rules", NULL, quiet), COMPILE_OK);
    fclose(quiet);
    int old = -1, new = -1, scope = -1, before = -1;
    for (int r = 0; r < c.model->nrules; r++) {
        const char *name = c.model->rules[r].name;
        old = strcmp(name, "facturation_ancien_systeme") == 0 ? r : old;
        new = strcmp(name, "facturation_nouveau_systeme") == 0 ? r : new;
        scope = strcmp(name, "hors_portee") == 0 ? r : scope;
        before = strcmp(name, "demande_avant_service") == 0 ? r : before;
    }
    unsigned char *deciders = calloc((size_t)c.model->nrules, 1);
    /* Where the old system's rule applies: itself, out of scope before 1 April, and
     * impossible before the service. */
    assert_int_equal(regions_deciders(c.model, c.diagram, c.model->rules[old].when, deciders), 0);
    for (int r = 0; r < c.model->nrules; r++)
        assert_int_equal(deciders[r], r == old || r == scope || r == before);
    /* The new system's rule needs a service from 1 April: a claim sent before then is
     * impossible, never merely out of scope (a sent date before a later service). */
    assert_int_equal(regions_deciders(c.model, c.diagram, c.model->rules[new].when, deciders), 0);
    for (int r = 0; r < c.model->nrules; r++)
        assert_int_equal(deciders[r], r == new || r == before);
    free(deciders);
    compile_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ramq2018_regions),
        cmocka_unit_test(test_regions_are_maximal),
        cmocka_unit_test(test_deciders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
