/* tests/test_regions.c — the decision table: its regions are disjoint, cover every claim, and
 * each gives the answer rulec_decide gives. Random complete claims, on the RAMQ policy and on a
 * small one. Part of rulec; see README.md for the licence. */
#include "helpers.h"

#include "regions.h"

/* A value for each input: dates near the policy's boundaries (2017-06-01 to 2019-01-31,
 * with its cut points more likely), members and booleans at random. */
static void random_claim(const struct check_model *model, struct rulec_claim *claim,
                         unsigned *seed)
{
    memset(claim, 0, sizeof *claim);
    for (int v = 0; v < model->ninputs; v++) {
        const struct check_var *var = &model->vars[v];
        int32_t value;
        switch (var->type) {
        case RULEC_TYPE_BOOL: value = rand_r(seed) % 2; break;
        case RULEC_TYPE_ENUM: value = rand_r(seed) % var->nmembers; break;
        case RULEC_TYPE_DATE:
            if (var->ncuts && rand_r(seed) % 4 == 0)
                value = var->cuts[rand_r(seed) % var->ncuts] - rand_r(seed) % 2;
            else
                value = rulec_days_from_civil(2017, 6, 1) + rand_r(seed) % 610;
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
        struct rulec_claim claim;
        random_claim(c->model, &claim, &seed);
        int found = -1, count = 0;
        for (int r = 0; r < table.nregions; r++)
            if (regions_contains(c->model, &table.regions[r], &claim)) {
                found = r;
                count++;
            }
        struct rulec_result result;
        assert_int_equal(rulec_decide(c->policy, &claim, &result), RULEC_OK);
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

/* Streamed (regions_stream, what rulec table writes past REGIONS_BUDGET), the regions are the
 * walk's own, unmerged: merged as regions_build merges them, they are its table exactly,
 * region by region, test by test. */
struct streamed {
    struct arena *arena;
    struct region *list;
    int count, capacity;
};

static int keep_streamed(void *context, const struct region *region)
{
    struct streamed *s = context;
    regions_append(s->arena, &s->list, &s->count, &s->capacity, region);
    /* The region's tests live until this returns: the copy must own its own. */
    struct region *kept = &s->list[s->count - 1];
    struct region_test *tests = arena_alloc(s->arena, sizeof *tests * (size_t)(region->ntests + 1));
    memcpy(tests, region->tests, sizeof *tests * (size_t)region->ntests);
    kept->tests = tests;
    return 0;
}

static int stop_at_third(void *context, const struct region *region)
{
    (void)region;
    return ++*(int *)context == 3;
}

static void test_streamed_regions_are_the_table(void **state)
{
    (void)state;
    struct compilation c;
    FILE *quiet = fopen("/dev/null", "w");
    assert_int_equal(compile_file(&c, "rules/ramq2018.rules", NULL, quiet), COMPILE_OK);
    fclose(quiet);
    struct region_table table;
    assert_int_equal(regions_build(&c.arena, c.model, c.diagram, &table), 0);
    struct streamed s = { &c.arena, NULL, 0, 0 };
    assert_int_equal(regions_stream(c.model, c.diagram, keep_streamed, &s), 0);
    assert_true(s.count > table.nregions);     /* the walk cuts more than the table shows */
    int merged = regions_merge_list(&c.arena, c.model, s.list, s.count);
    assert_int_equal(merged, table.nregions);
    for (int r = 0; r < merged; r++) {
        assert_int_equal(s.list[r].rule, table.regions[r].rule);
        assert_int_equal(s.list[r].ntests, table.regions[r].ntests);
        for (int i = 0; i < s.list[r].ntests; i++) {
            const struct region_test *x = &s.list[r].tests[i], *y = &table.regions[r].tests[i];
            assert_int_equal(x->var, y->var);
            assert_true(x->members == y->members && x->low == y->low && x->high == y->high);
        }
    }
    int seen = 0;
    assert_int_equal(regions_stream(c.model, c.diagram, stop_at_third, &seen), 1);
    assert_int_equal(seen, 3);
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

/* A region of one answer that the diagram cuts for other answers' sake is one row: the
 * commercial lease is not split at the count of 3 that only residential leases test, though
 * the diagram tests the count first (an exception to all reads it). The three professions'
 * claims that one rule decides in the RAMQ table are one row too; an L shape stays two. */
static void test_regions_merge_what_the_diagram_cuts(void **state)
{
    (void)state;
    struct compilation c;
    char *messages = NULL;
    assert_int_equal(helper_compile(&c,
                         "policy bail \"Bail\"\n"
                         "source s \"Source\"\n"
                         "input kind \"Kind\" : enum { residential \"R\", commercial \"C\" }\n"
                         "input late_count \"Late payments\" : int\n"
                         "output action \"Action\" : enum { warn \"W\", evict \"E\", nothing \"N\" }\n"
                         "rule sanity exception to all cites s \"0\" when late_count < 0 then invalid \"neg\"\n"
                         "rule commercial cites s \"1\" when kind = commercial then action = warn\n"
                         "rule res_low cites s \"2\" when kind = residential and late_count < 3 then action = nothing\n"
                         "rule res_high cites s \"3\" when kind = residential and late_count >= 3 then action = evict\n",
                         &messages), COMPILE_OK);
    free(messages);
    struct region_table table;
    assert_int_equal(regions_build(&c.arena, c.model, c.diagram, &table), 0);
    assert_int_equal(table.nregions, 4);
    /* In the walk's order: sanity (count ≤ -1), res_low, commercial (count ≥ 0), res_high. */
    static const int rules[] = { 0, 2, 1, 3 };
    for (int r = 0; r < 4; r++)
        assert_int_equal(table.regions[r].rule, rules[r]);
    const struct region *commercial = &table.regions[2];
    assert_int_equal(commercial->ntests, 2);
    assert_int_equal(commercial->tests[0].members, 0x2);
    assert_int_equal(commercial->tests[1].low, 0);
    assert_int_equal(commercial->tests[1].high, INT32_MAX);
    /* The impossible claim, whatever the kind: the kind is not tested. */
    assert_int_equal(table.regions[0].ntests, 1);
    assert_int_equal(table.regions[0].tests[0].high, -1);
    check_table(&c, 20000);
    compile_free(&c);

    FILE *quiet = fopen("/dev/null", "w");
    assert_int_equal(compile_file(&c, "rules/ramq2018.rules", NULL, quiet), COMPILE_OK);
    fclose(quiet);
    assert_int_equal(regions_build(&c.arena, c.model, c.diagram, &table), 0);
    assert_int_equal(table.nregions, 22);
    /* No two regions of one rule differ on one variable with a union that is a box. */
    for (int a = 0; a < table.nregions; a++)
        for (int b = a + 1; b < table.nregions; b++) {
            const struct region *x = &table.regions[a], *y = &table.regions[b];
            if (x->rule != y->rule || x->ntests != y->ntests)
                continue;
            int differ = 0, where = -1;
            for (int i = 0; i < x->ntests; i++) {
                const struct region_test *s = &x->tests[i], *t = &y->tests[i];
                if (s->var != t->var) {
                    differ = 2;
                    break;
                }
                if (s->members != t->members || s->low != t->low || s->high != t->high) {
                    differ++;
                    where = i;
                }
            }
            if (differ != 1)
                continue;
            const struct region_test *s = &x->tests[where], *t = &y->tests[where];
            /* Members always unite; intervals unite when they touch. */
            assert_true(s->members == 0);
            assert_false(s->high != INT32_MAX && s->high + 1 == t->low);
            assert_false(t->high != INT32_MAX && t->high + 1 == s->low);
        }
    compile_free(&c);
}

/* Nothing to merge: no region, and no list (found by fuzz_audit: memcpy to NULL). */
static void test_merge_nothing(void **state)
{
    (void)state;
    struct compilation c;
    char *messages = NULL;
    assert_int_equal(helper_compile(&c, HELPER_HEAD "rule r1 cites s \"1\" then route = x\n",
                                    &messages), COMPILE_OK);
    free(messages);
    assert_int_equal(regions_merge_list(&c.arena, c.model, NULL, 0), 0);
    compile_free(&c);
}

static int ascending(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
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
    unsigned char *marks = calloc((size_t)c.model->nrules, 1);
    int *found = calloc((size_t)c.model->nrules, sizeof *found), count = -1;
    /* Where the old system's rule applies: itself, out of scope before 1 April, and
     * impossible before the service; listed ascending. */
    assert_int_equal(regions_deciders(c.model, c.diagram, c.model->rules[old].when, marks, found, &count), 0);
    int expected[3] = { old, scope, before }, nexpected = 3;
    qsort(expected, 3, sizeof expected[0], ascending);
    assert_int_equal(count, nexpected);
    assert_memory_equal(found, expected, sizeof expected);
    for (int r = 0; r < c.model->nrules; r++)
        assert_int_equal(marks[r], 0);
    /* The new system's rule needs a service from 1 April: a claim sent before then is
     * impossible, never merely out of scope (a sent date before a later service). */
    assert_int_equal(regions_deciders(c.model, c.diagram, c.model->rules[new].when, marks, found, &count), 0);
    expected[0] = new < before ? new : before;
    expected[1] = new < before ? before : new;
    assert_int_equal(count, 2);
    assert_memory_equal(found, expected, 2 * sizeof expected[0]);
    for (int r = 0; r < c.model->nrules; r++)
        assert_int_equal(marks[r], 0);
    free(found);
    free(marks);
    compile_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ramq2018_regions),
        cmocka_unit_test(test_regions_are_maximal),
        cmocka_unit_test(test_regions_merge_what_the_diagram_cuts),
        cmocka_unit_test(test_merge_nothing),
        cmocka_unit_test(test_streamed_regions_are_the_table),
        cmocka_unit_test(test_deciders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
