/* tests/test_dd.c — the decision-diagram store alone, with no rule in sight: reduction,
 * sharing, boolean apply, restriction, terminal mapping, several roots in one store, and
 * paths as maximal regions. Part of rulec; see README.md for the licence. */
#include "helpers.h"

#include "dd.h"

/* Two variables: v0 nominal with 4 members (cells 0-3), v1 ordered with 5 intervals. */
static const int cells[2] = { 4, 5 };
static const int level[2] = { 0, 1 };
static const unsigned char nominal[2] = { 1, 0 };

static int holds(const struct dd *dd, dd_ref ref, int c0, int c1)
{
    ref = dd_child(dd, ref, 0, c0);
    ref = dd_child(dd, ref, 1, c1);
    assert_true(DD_IS_TERMINAL(ref));
    return ref == DD_TRUE;
}

static void test_reduction_and_sharing(void **state)
{
    (void)state;
    struct dd dd;
    dd_init(&dd, 2, cells, level, nominal, 0);
    /* Equal neighbours merge; a node whose children are all one is that child. */
    dd_ref a = dd_cells(&dd, 1, 1, 2, DD_TRUE, DD_FALSE);
    dd_ref b = dd_cells(&dd, 1, 1, 2, DD_TRUE, DD_FALSE);
    assert_int_equal(a, b);
    assert_int_equal(dd.nnodes, 1);
    assert_int_equal(dd.nodes[a].nedges, 3);
    assert_int_equal(dd_cells(&dd, 1, 0, 4, DD_TRUE, DD_FALSE), DD_TRUE);
    dd_free(&dd);
}

static void test_apply_restrict_map(void **state)
{
    (void)state;
    struct dd dd;
    dd_init(&dd, 2, cells, level, nominal, 0);
    dd_ref members = dd_cells(&dd, 0, 1, 2, DD_TRUE, DD_FALSE);     /* v0 in {1, 2} */
    dd_ref range = dd_cells(&dd, 1, 2, 4, DD_TRUE, DD_FALSE);       /* v1 in 2..4 */
    dd_ref both = dd_and(&dd, members, range);
    dd_ref either = dd_or(&dd, members, range);
    dd_ref neither = dd_not(&dd, either);
    for (int c0 = 0; c0 < 4; c0++)
        for (int c1 = 0; c1 < 5; c1++) {
            int m = c0 == 1 || c0 == 2, r = c1 >= 2;
            assert_int_equal(holds(&dd, both, c0, c1), m && r);
            assert_int_equal(holds(&dd, either, c0, c1), m || r);
            assert_int_equal(holds(&dd, neither, c0, c1), !(m || r));
        }
    /* Several roots share one node table: x and not not x are one reference. */
    assert_int_equal(dd_not(&dd, neither), either);
    /* Restriction: v0 fixed to member 2 leaves the range; to member 0, false. */
    assert_int_equal(dd_restrict(&dd, both, 0, 2), range);
    assert_int_equal(dd_restrict(&dd, both, 0, 0), DD_FALSE);
    dd_free(&dd);
}

/* Compaction keeps what the roots reach, renumbered, with the same meaning; what is made after
 * is shared with it (the table of nodes was rebuilt), and apply still answers (its memo of
 * old numbers was cleared). */
static void test_compact(void **state)
{
    (void)state;
    struct dd dd;
    dd_init(&dd, 2, cells, level, nominal, 0);
    dd_ref members = dd_cells(&dd, 0, 1, 2, DD_TRUE, DD_FALSE);     /* v0 in {1, 2} */
    dd_ref range = dd_cells(&dd, 1, 2, 4, DD_TRUE, DD_FALSE);       /* v1 in 2..4 */
    dd_ref either = dd_or(&dd, members, range);
    dd_ref garbage = dd_and(&dd, dd_not(&dd, members), dd_cells(&dd, 1, 0, 0, DD_TRUE, DD_FALSE));
    (void)garbage;
    uint32_t before = dd.nnodes;
    dd_ref roots[3] = { either, DD_TRUE, range };
    dd_compact(&dd, roots, 3);
    assert_true(dd.nnodes < before);
    assert_int_equal(roots[1], DD_TRUE);
    for (int c0 = 0; c0 < 4; c0++)
        for (int c1 = 0; c1 < 5; c1++) {
            int m = c0 == 1 || c0 == 2, r = c1 >= 2;
            assert_int_equal(holds(&dd, roots[0], c0, c1), m || r);
            assert_int_equal(holds(&dd, roots[2], c0, c1), r);
        }
    uint32_t kept = dd.nnodes;
    assert_int_equal(dd_cells(&dd, 1, 2, 4, DD_TRUE, DD_FALSE), roots[2]);
    assert_int_equal(dd.nnodes, kept);
    dd_ref again = dd_or(&dd, dd_cells(&dd, 0, 1, 2, DD_TRUE, DD_FALSE), roots[2]);
    assert_int_equal(again, roots[0]);
    dd_free(&dd);
}

/* A result apply remembered under old numbers is not given for the new ones: before the
 * compaction, or(1, 2) was met with other nodes 1 and 2 than after it. */
static void test_compact_forgets_apply(void **state)
{
    (void)state;
    struct dd dd;
    dd_init(&dd, 2, cells, level, nominal, 0);
    dd_cells(&dd, 0, 3, 3, DD_TRUE, DD_FALSE);                      /* node 0, dropped */
    dd_ref a = dd_cells(&dd, 0, 1, 2, DD_TRUE, DD_FALSE);           /* v0 in {1, 2} */
    dd_ref b = dd_cells(&dd, 1, 2, 4, DD_TRUE, DD_FALSE);           /* v1 in 2..4 */
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    dd_or(&dd, a, b);
    dd_ref roots[1] = { a };
    dd_compact(&dd, roots, 1);
    assert_int_equal(roots[0], 0);
    dd_ref c = dd_cells(&dd, 1, 0, 1, DD_TRUE, DD_FALSE);           /* v1 in 0..1 */
    dd_ref d = dd_cells(&dd, 0, 0, 0, DD_TRUE, DD_FALSE);           /* v0 = 0 */
    assert_int_equal(c, 1);
    assert_int_equal(d, 2);
    dd_ref either = dd_or(&dd, c, d);
    assert_true(either >= 0 && (uint32_t)either < dd.nnodes);
    for (int c0 = 0; c0 < 4; c0++)
        for (int c1 = 0; c1 < 5; c1++)
            assert_int_equal(holds(&dd, either, c0, c1), c1 <= 1 || c0 == 0);
    dd_free(&dd);
}

static dd_ref swap(void *context, int terminal)
{
    (void)context;
    return terminal == 1 ? DD_FALSE : DD_TRUE;
}

static void test_map(void **state)
{
    (void)state;
    struct dd dd;
    dd_init(&dd, 2, cells, level, nominal, 0);
    dd_ref members = dd_cells(&dd, 0, 1, 2, DD_TRUE, DD_FALSE);
    assert_int_equal(dd_map(&dd, members, swap, NULL), dd_not(&dd, members));
    dd_free(&dd);
}

struct collected {
    int count, leaves[16], nranges[16], first[16][4];
    int depth_ranges[4];
};

static int collect_enter(void *context, const struct dd_branch *branch, int depth)
{
    struct collected *c = context;
    c->depth_ranges[depth] = branch->nranges;
    c->first[c->count][depth] = branch->ranges[0].first;
    return 0;
}

static int collect_leaf(void *context, int terminal, int depth)
{
    struct collected *c = context;
    c->leaves[c->count] = terminal;
    c->nranges[c->count] = depth ? c->depth_ranges[0] : 0;
    c->count++;
    if (c->count < 16)
        memcpy(c->first[c->count], c->first[c->count - 1], sizeof c->first[0]);
    return 0;
}

/* Members 0 and 3 lead to one child: one region with two ranges of cells; members 1 and 2 to
 * another. Paths are regions: disjoint and covering, as few as the diagram allows. */
static void test_walk_regions(void **state)
{
    (void)state;
    struct dd dd;
    dd_init(&dd, 2, cells, level, nominal, 0);
    dd_ref members = dd_cells(&dd, 0, 1, 2, DD_TRUE, DD_FALSE);
    struct collected c;
    memset(&c, 0, sizeof c);
    struct dd_walker walker = { collect_enter, NULL, collect_leaf, &c, 0, 1000 };
    assert_int_equal(dd_walk(&dd, members, &walker), 0);
    assert_int_equal(c.count, 2);
    assert_int_equal(c.leaves[0], 0);          /* members 0 and 3: false */
    assert_int_equal(c.nranges[0], 2);
    assert_int_equal(c.leaves[1], 1);          /* members 1 and 2: true, one range */
    assert_int_equal(c.nranges[1], 1);
    /* The budget stops a walk. */
    walker.budget = 1;
    assert_int_equal(dd_walk(&dd, members, &walker), -1);
    dd_free(&dd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reduction_and_sharing),
        cmocka_unit_test(test_apply_restrict_map),
        cmocka_unit_test(test_compact),
        cmocka_unit_test(test_compact_forgets_apply),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_walk_regions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
