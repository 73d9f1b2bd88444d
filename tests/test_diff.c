/* tests/test_diff.c — rulec diff is exact both ways: on random claims of hand-made edits of
 * the RAMQ file, a claim lies in a reported region exactly when its answer changes, judged
 * here by deciding it with both versions and comparing what they print.
 * Part of rulec; see README.md for the licence. */
#include "helpers.h"

#include "diff.h"

static char *read_rules(void)
{
    FILE *file = fopen("rules/ramq2018.rules", "rb");
    assert_non_null(file);
    static char text[1 << 17];
    size_t length = fread(text, 1, sizeof text - 1, file);
    fclose(file);
    text[length] = '\0';
    return strdup(text);
}

/* text with the first occurrence of from replaced by to (every one when all). */
static char *replace(char *text, const char *from, const char *to, int all)
{
    char *at = strstr(text, from);
    assert_non_null(at);
    while (at) {
        size_t before = (size_t)(at - text), length = strlen(text);
        char *result = malloc(length - strlen(from) + strlen(to) + 1);
        memcpy(result, text, before);
        strcpy(result + before, to);
        strcat(result, at + strlen(from));
        free(text);
        text = result;
        at = all ? strstr(text + before + strlen(to), from) : NULL;
    }
    return text;
}

/* A value of an output or a variable as the rule file writes it, for comparing versions. */
static void output_text(const struct rulec_output *output, int32_t value, char *buffer, size_t size)
{
    struct rulec_domain domain = rulec_output_domain(output);
    rulec_format_value(buffer, size, &domain, value, RULEC_NOTATION_RULES);
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether the claim's answer differs between the versions, from what each decides. */
static int answer_changes(const struct rulec_policy *a, const struct rulec_claim *x,
                          const struct rulec_policy *b, const struct rulec_claim *y, int answers_only)
{
    struct rulec_result r, s;
    enum rulec_status p = rulec_decide(a, x, &r), q = rulec_decide(b, y, &s);
    if (p != q)
        return 1;
    if (p == RULEC_MISSING)
        return strcmp(a->vars[r.input].name, b->vars[s.input].name) != 0;
    if (p != RULEC_OK)
        return 0;
    const struct rulec_rule *u = &a->rules[r.rule], *v = &b->rules[s.rule];
    if (r.outcome != s.outcome)
        return 1;
    if (!answers_only && (strcmp(u->name, v->name) != 0 || !same_text(u->citation, v->citation)
                          || !same_text(u->reason, v->reason)
                          || !same_text(u->interpretation, v->interpretation)))
        return 1;
    for (unsigned o = 0; o < a->noutputs; o++)
        for (unsigned q2 = 0; q2 < b->noutputs; q2++) {
            if (strcmp(a->outputs[o].name, b->outputs[q2].name) != 0)
                continue;
            int set_a = (int)(r.set >> o & 1), set_b = (int)(s.set >> q2 & 1);
            if (set_a != set_b)
                return 1;
            char one[512], two[512];
            if (!set_a)
                continue;
            output_text(&a->outputs[o], r.values[o], one, sizeof one);
            output_text(&b->outputs[q2], s.values[q2], two, sizeof two);
            if (strcmp(one, two) != 0)
                return 1;
        }
    return 0;
}

/* Whether one output (by name) is set in one version only, or set to other values. */
static int output_changes(const struct rulec_policy *a, const struct rulec_claim *x,
                          const struct rulec_policy *b, const struct rulec_claim *y, const char *name)
{
    struct rulec_result r, s;
    if (rulec_decide(a, x, &r) != RULEC_OK || rulec_decide(b, y, &s) != RULEC_OK)
        return 0;              /* no value: the region says so, not an output */
    int o = -1, p = -1;
    for (unsigned i = 0; i < a->noutputs; i++)
        o = strcmp(a->outputs[i].name, name) == 0 ? (int)i : o;
    for (unsigned i = 0; i < b->noutputs; i++)
        p = strcmp(b->outputs[i].name, name) == 0 ? (int)i : p;
    if (o < 0 || p < 0)
        return 0;
    int set_a = (int)(r.set >> o & 1), set_b = (int)(s.set >> p & 1);
    if (set_a != set_b)
        return 1;
    if (!set_a)
        return 0;
    char one[512], two[512];
    output_text(&a->outputs[o], r.values[o], one, sizeof one);
    output_text(&b->outputs[p], s.values[p], two, sizeof two);
    return strcmp(one, two) != 0;
}

static uint64_t seed = 88172645463325252u;
static uint32_t draw(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed % n);
}

/* Diffs the RAMQ file against edited, then checks random claims; returns how many changed,
 * and in *nneeds how many claims lacking one input saw its need change. */
static int check_edit(char *edited, int answers_only, int *nregions, int *nneeds)
{
    char *original = read_rules();
    struct compilation old, new;
    struct compile_options options = { .unfinished = 1 };
    FILE *sink = fopen("/dev/null", "w");
    assert_int_equal(compile_text(&old, "old.rules", original, strlen(original), &options, sink), COMPILE_OK);
    assert_int_equal(compile_text(&new, "new.rules", edited, strlen(edited), &options, sink), COMPILE_OK);
    fclose(sink);
    struct diff d;
    assert_int_equal(diff_build(&old.arena, &old, &new, answers_only, &d), 0);
    *nregions = d.nregions;
    /* Each region's example changes. */
    for (int k = 0; k < d.nregions; k++) {
        struct rulec_claim x, y;
        diff_claim_for(&d, &d.regions[k].example, 0, &x);
        diff_claim_for(&d, &d.regions[k].example, 1, &y);
        assert_true(diff_contains(&d, &d.regions[k], &d.regions[k].example));
        assert_true(answer_changes(old.policy, &x, new.policy, &y, answers_only));
    }
    int32_t low = rulec_days_from_civil(2017, 6, 1), span = 600;
    int changed = 0, needs = 0;
    for (int i = 0; i < 100000; i++) {
        struct rulec_claim common;
        memset(&common, 0, sizeof common);
        const struct check_model *m = &d.space.model;
        for (int c = 0; c < m->ninputs; c++) {
            const struct check_var *var = &m->vars[c];
            common.present |= (uint64_t)1 << c;
            common.values[c] = var->type == RULEC_TYPE_BOOL ? (int32_t)draw(2)
                               : var->type == RULEC_TYPE_ENUM ? (int32_t)draw((uint32_t)var->nmembers)
                                                           : low + (int32_t)draw((uint32_t)span);
        }
        struct rulec_claim x, y;
        diff_claim_for(&d, &common, 0, &x);
        diff_claim_for(&d, &common, 1, &y);
        int changes = answer_changes(old.policy, &x, new.policy, &y, answers_only);
        int inside = -1;
        for (int k = 0; k < d.nregions && inside < 0; k++)
            if (diff_contains(&d, &d.regions[k], &common))
                inside = k;
        if (changes != (inside >= 0))
            fail_msg("claim %d: changes %d, inside a region %d", i, changes, inside >= 0);
        changed += changes;
        /* Each output's value changes exactly where the region says: everywhere, or in one
         * of its parts. */
        for (int o = 0; inside >= 0 && o < d.regions[inside].noutputs; o++) {
            const struct diff_output *output = &d.regions[inside].outputs[o];
            int in_part = output->everywhere;
            for (int k = 0; k < output->nparts && !in_part; k++) {
                struct diff_region part = d.regions[inside];
                part.when = output->parts[k];
                in_part = diff_contains(&d, &part, &common);
            }
            int moved = output_changes(old.policy, &x, new.policy, &y, output->name);
            assert_true(output->exact);
            if (moved != in_part)
                fail_msg("claim %d: %s changes %d, in its parts %d", i, output->name, moved, in_part);
        }
        /* Without one input: the input becomes needed, or is needed no more, exactly where a
         * need of the diff says so. */
        int absent = (int)draw((uint32_t)m->ninputs);
        struct rulec_claim partial = common;
        partial.present &= ~((uint64_t)1 << absent);
        diff_claim_for(&d, &partial, 0, &x);
        diff_claim_for(&d, &partial, 1, &y);
        struct rulec_result r, t;
        enum rulec_status p = rulec_decide(old.policy, &x, &r), q = rulec_decide(new.policy, &y, &t);
        int need = p == RULEC_OK && q == RULEC_MISSING && d.space.new_var[t.input] == absent ? 1
                   : q == RULEC_OK && p == RULEC_MISSING && d.space.old_var[r.input] == absent ? 2 : 0;
        int listed_need = 0;
        for (int k = 0; k < d.nneeds; k++) {
            struct diff_region in = { d.needs[k].when, 0, 0, { 0, { 0 } }, 0, NULL };
            if (d.needs[k].input == absent && diff_contains(&d, &in, &common))
                listed_need = d.needs[k].needed ? 1 : 2;
        }
        if (need != listed_need) {
            char text[1024] = "";
            for (int c = 0; c < m->ninputs; c++)
                snprintf(text + strlen(text), sizeof text - strlen(text), " %d", common.values[c]);
            fail_msg("claim %d without %s: need %d, listed %d;%s", i, m->vars[absent].name, need,
                     listed_need, text);
        }
        needs += need != 0;
        /* And an output no region lists keeps its value. */
        for (unsigned o = 0; o < old.policy->noutputs; o++) {
            int listed = 0;
            for (int k = 0; inside >= 0 && k < d.regions[inside].noutputs; k++)
                listed |= strcmp(d.regions[inside].outputs[k].name, old.policy->outputs[o].name) == 0;
            if (!listed && output_changes(old.policy, &x, new.policy, &y, old.policy->outputs[o].name))
                fail_msg("claim %d: %s changes, but no region says so", i, old.policy->outputs[o].name);
        }
    }
    compile_free(&old);
    compile_free(&new);
    free(original);
    free(edited);
    *nneeds = needs;
    return changed;
}

static void test_deadline(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *edited = replace(read_rules(), "alors canal = nouveau_systeme, echeance = date_service + delai_facturation jours",
                           "alors canal = nouveau_systeme, echeance = date_service + 120 jours", 0);
    assert_true(check_edit(edited, 0, &nregions, &nneeds) > 0);
    assert_int_equal(nregions, 1);
}

static void test_constant_date(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *edited = replace(read_rules(), "(section 2.2)\" = 2018-01-01", "(section 2.2)\" = 2018-02-01", 0);
    assert_true(check_edit(edited, 0, &nregions, &nneeds) > 0);
    assert_true(nregions > 0);
}

static void test_added_rule(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *edited = replace(read_rules(), "\nrègle facturation_ancien_systeme\n",
        "\nrègle optometriste_juin exception à facturation_nouveau_systeme\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  quand demande = facturer et profession = optometriste et date_service >= 2018-06-01\n"
        "  alors canal = formulaire_1500, echeance = date_service + 30 jours\n"
        "\nrègle facturation_ancien_systeme\n", 0);
    assert_true(check_edit(edited, 0, &nregions, &nneeds) > 0);
    assert_true(nregions > 0);
    /* Answers only: the same regions change, the outputs do. */
    edited = replace(read_rules(), "\nrègle facturation_ancien_systeme\n",
        "\nrègle optometriste_juin exception à facturation_nouveau_systeme\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  quand demande = facturer et profession = optometriste et date_service >= 2018-06-01\n"
        "  alors canal = nouveau_systeme, echeance = date_service + 90 jours\n"
        "\nrègle facturation_ancien_systeme\n", 0);
    assert_int_equal(check_edit(edited, 1, &nregions, &nneeds), 0);
    assert_int_equal(nregions, 0);
}

static void test_reformatted_and_reordered(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *text = read_rules();
    /* The first rule moved to the end, and every condition's layout changed. */
    char *start = strstr(text, "règle hors_portee"), *end = strstr(start + 1, "\nrègle ");
    size_t block = (size_t)(end - start) + 1;
    char *moved = malloc(strlen(text) + 4);
    memcpy(moved, text, (size_t)(start - text));
    strcpy(moved + (start - text), end + 1);
    strcat(moved, "\n");
    strncat(moved, start, block);
    free(text);
    moved = replace(moved, "  quand ", "\n      quand   ", 1);
    moved = replace(moved, " et date_service", "\n     et   date_service", 1);
    assert_int_equal(check_edit(moved, 0, &nregions, &nneeds), 0);
    assert_int_equal(nregions, 0);
}

/* 120 days for optometrists only, in one line: only optometrists' claims change, their
 * deadline everywhere, their lateness on days 91 to 120 only; each region's example is such
 * a day, late before and on time after. */
static void test_lookup_for_one_profession(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *edited = replace(read_rules(), "(1.1 ; loi, art. 22.1)\" = 90",
                           "(1.1 ; loi, art. 22.1)\" = selon profession { optometriste : 120, autrement : 90 }", 0);
    assert_true(check_edit(edited, 0, &nregions, &nneeds) > 0);
    assert_int_equal(nregions, 5);
    /* Claims without the profession: some it decided are now missing it. */
    assert_true(nneeds > 0);
}

/* A computed output's definition: late from the deadline itself (>=), not the day after. The
 * regions are the claims sent on the deadline, whatever decides them. */
static void test_computed_definition(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *edited = replace(read_rules(), "= date_demande > echeance", "= date_demande >= echeance", 0);
    assert_true(check_edit(edited, 1, &nregions, &nneeds) > 0);
    assert_true(nregions > 0);
}

/* A deadline counted from another date: the deadline changes where the two dates differ, and
 * lateness where the claim is sent more than 90 days after the service. */
static void test_deadline_from_another_date(void **state)
{
    (void)state;
    int nregions, nneeds;
    char *edited = replace(read_rules(), "alors canal = nouveau_systeme, echeance = date_service + delai_facturation jours",
                           "alors canal = nouveau_systeme, echeance = date_demande + delai_facturation jours", 0);
    assert_true(check_edit(edited, 0, &nregions, &nneeds) > 0);
    assert_true(nregions > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadline),
        cmocka_unit_test(test_constant_date),
        cmocka_unit_test(test_added_rule),
        cmocka_unit_test(test_reformatted_and_reordered),
        cmocka_unit_test(test_lookup_for_one_profession),
        cmocka_unit_test(test_computed_definition),
        cmocka_unit_test(test_deadline_from_another_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
