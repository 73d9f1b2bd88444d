/* tests/test_property.c — properties: what the prover proves holds of every claim tried, and
 * what it finds breaks its property when the runtime decides it. Part of rulec; see README.md. */
#include "helpers.h"

#include "property.h"

/* A small generator, so that a failure names the claim it met again. */
static uint32_t next_random(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(*state >> 33);
}

/* A complete claim: every input given, dates around the policy's own (a year either side of
 * 2018-01-01), so that every rule's region is met often. */
static void random_claim(const struct check_model *model, uint64_t *state, struct rulec_claim *claim)
{
    memset(claim, 0, sizeof *claim);
    int32_t middle = rulec_days_from_civil(2018, 1, 1);
    for (int v = 0; v < model->ninputs; v++) {
        const struct check_var *var = &model->vars[v];
        uint32_t r = next_random(state);
        switch (var->type) {
        case RULEC_TYPE_BOOL: claim->values[v] = (int32_t)(r & 1); break;
        case RULEC_TYPE_ENUM: claim->values[v] = (int32_t)(r % (uint32_t)var->nmembers); break;
        case RULEC_TYPE_DATE: claim->values[v] = middle - 365 + (int32_t)(r % 731); break;
        default: claim->values[v] = (int32_t)(r % 401) - 200; break;
        }
        claim->present |= (uint64_t)1 << v;
    }
}

static enum compile_status compile_path(struct compilation *c, const char *path, int unfinished,
                                        char **messages)
{
    size_t size = 0;
    FILE *out = open_memstream(messages, &size);
    assert_non_null(out);
    struct compile_options options = { .unfinished = unfinished };
    enum compile_status status = compile_file(c, path, &options, out);
    fclose(out);
    return status;
}

/* The RAMQ file's properties are proven, and 200,000 claims drawn at random bear them out. */
static void test_ramq_properties_hold(void **state)
{
    (void)state;
    struct compilation c;
    char *messages = NULL;
    assert_int_equal(compile_path(&c, "rules/ramq2018.rules", 0, &messages), COMPILE_OK);
    assert_string_equal(messages, "");
    assert_int_equal(c.model->nproperties, 9);
    assert_int_equal(c.nproperties_failed, 0);
    uint64_t seed = 20180401;
    long checked = 0;
    for (int i = 0; i < 200000; i++) {
        struct rulec_claim claim;
        random_claim(c.model, &seed, &claim);
        struct rulec_result result;
        enum rulec_status status = rulec_decide(c.policy, &claim, &result);
        assert_int_equal(status, RULEC_OK);
        for (int k = 0; k < c.model->nproperties; k++) {
            if (!property_holds(c.model, &c.model->properties[k], &claim, status, &result))
                fail_msg("property %s broken by claim %d", c.model->properties[k].name, i);
            checked++;
        }
    }
    assert_int_equal(checked, 200000L * 9);
    free(messages);
    compile_free(&c);
}

/* The same file with four properties that do not hold: each fails with a claim that breaks
 * it when rulec_decide answers it, and the nine true ones still hold. */
static void test_counterexamples_break_their_property(void **state)
{
    (void)state;
    static const char extra[] =
        "\npropriété faux_canal \"x\"\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  quand demande = facturer et décidée\n"
        "  exige canal = nouveau_systeme\n"
        "propriété faux_delai \"x\"\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  quand echeance != absent\n"
        "  exige echeance > date_service + 90 jours\n"
        "propriété faux_retard \"x\"\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  exige non hors_delai\n"
        "propriété faux_longtemps \"x\"\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  quand jours_depuis_service > 100\n"
        "  exige non décidée ou hors_delai = vrai ou echeance = absent\n"
        "propriété vrai_ordre \"x\"\n"
        "  cite infolettre_375 \"1.2\"\n"
        "  quand hors_delai\n"
        "  exige echeance < date_demande et jours_depuis_service >= 0\n";
    FILE *in = fopen("rules/ramq2018.rules", "rb");
    assert_non_null(in);
    static char text[1 << 17];
    size_t length = fread(text, 1, sizeof text - sizeof extra, in);
    fclose(in);
    memcpy(text + length, extra, sizeof extra);
    struct compilation c;
    char *messages = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&messages, &size);
    struct compile_options options = { .sources = NULL };
    assert_int_equal(compile_text(&c, "t.rules", text, strlen(text), &options, out),
                     COMPILE_ERRORS);
    fclose(out);
    if (c.nproperties_failed != 4)
        fail_msg("%s", messages);
    assert_null(c.policy);
    compile_free(&c);
    free(messages);

    /* Unfinished (rulec test): warnings, and the tables to try the witnesses on. */
    messages = NULL;
    out = open_memstream(&messages, &size);
    options.unfinished = 1;
    assert_int_equal(compile_text(&c, "t.rules", text, strlen(text), &options, out), COMPILE_OK);
    fclose(out);
    assert_int_equal(c.nproperties_failed, 4);
    assert_int_equal(c.model->nproperties, 14);
    for (int k = 0; k < c.model->nproperties; k++) {
        const struct check_property *property = &c.model->properties[k];
        int expected_to_fail = strncmp(property->name, "faux_", 5) == 0;
        assert_int_equal(c.properties_failed[k], expected_to_fail);
        const struct rulec_claim *witness = &c.property_witnesses[k];
        if (!expected_to_fail) {
            assert_int_equal(witness->present, 0);
            continue;
        }
        /* It names what the decision and the property read, and breaks the property; so
         * does the complete claim it was found as (every value is kept). */
        assert_int_not_equal(witness->present, 0);
        assert_int_equal(witness->present & ~(((uint64_t)1 << c.model->ninputs) - 1), 0);
        struct rulec_claim complete = *witness;
        complete.present = ((uint64_t)1 << c.model->ninputs) - 1;
        const struct rulec_claim *claims[2] = { witness, &complete };
        for (int i = 0; i < 2; i++) {
            struct rulec_result result;
            enum rulec_status status = rulec_decide(c.policy, claims[i], &result);
            assert_int_equal(status, RULEC_OK);
            assert_false(property_holds(c.model, property, claims[i], status, &result));
        }
    }
    assert_non_null(strstr(messages, ":11: warning: la propriété 'faux_canal' n'est pas "
                                     "respectée : pour la demande "));
    assert_non_null(strstr(messages, "la règle 'facturation_ancien_systeme' (ligne 121) décide "
                                     "canal=ancien_systeme"));
    assert_null(strstr(messages, "vrai_ordre"));
    free(messages);
    compile_free(&c);
}

/* On a small policy: a lookup read by the answer and by the property, a computed output, and
 * the edit that breaks the property on exactly one member. */
static void test_lookup_and_computed_output(void **state)
{
    (void)state;
    static const char body[] =
        "const grace \"Délai\" = lookup kind { b : 30, otherwise : 10 }\n"
        "output late \"En retard\" : bool = sent > limit\n"
        "rule r1 cites s \"1\" when delay >= 0 then route = x, limit = day + grace days\n"
        "rule r2 exception to all cites s \"2\" when delay < 0 then invalid \"Avant.\"\n"
        "property p1 \"p\" cites s \"1\" when decided requires limit = day + grace days\n"
        "property p2 \"p\" cites s \"1\" when late requires delay > 10\n"
        "property p3 \"p\" cites s \"1\" when kind = b and decided requires not late or delay > 30\n"
        "property p4 \"p\" cites s \"1\" when invalid requires limit = unset and route = unset\n";
    char *messages = helper_messages(body, COMPILE_OK);
    assert_string_equal(messages, "");
    free(messages);

    /* 30 days become 40 in the rule only: p1 fails for b alone, with kind=b. */
    char edited[sizeof body + 16];
    const char *at = strstr(body, "limit = day + grace days\n");
    size_t before = (size_t)(at - body);
    snprintf(edited, sizeof edited, "%.*slimit = day + 40 days\n%s", (int)before, body,
             at + strlen("limit = day + grace days\n"));
    messages = helper_messages(edited, COMPILE_ERRORS);
    assert_non_null(strstr(messages, "la propriété 'p1' n'est pas respectée : pour la demande "
                                     "kind=a"));
    assert_null(strstr(messages, "'p2' n'est pas"));
    free(messages);
}

/* A differential test of the prover: small random policies and properties. A property proven
 * must hold on every decided claim tried (dates drawn in a window around the constants, so
 * that every boundary is met); one that fails must have a witness that breaks it. */
static const char *const random_atoms[] = {
    "kind = a", "kind in { b, c }", "flag", "delay < 3", "delay >= 10", "day >= 2018-01-05",
    "sent < 2018-01-20", "route = x", "route != y", "route in { y, z }", "limit = unset",
    "limit != unset", "limit <= day + 7 days", "limit > sent", "limit = sent - 2 days",
    "limit >= 2018-01-10", "late", "not late", "decided", "unspecified", "invalid",
    "limit < day + grace days", "limit = day + grace days",
};

static const char *random_pick(uint64_t *state, const char *const *from, size_t count)
{
    return from[next_random(state) % count];
}

static const char *random_formula(uint64_t *state, char *buffer, size_t size, int depth)
{
    size_t atoms = sizeof random_atoms / sizeof *random_atoms;
    uint32_t r = next_random(state) % 6;
    if (depth == 0 || r < 2)
        return random_pick(state, random_atoms, atoms);
    char left[256], right[256];
    const char *a = random_formula(state, left, sizeof left, depth - 1);
    const char *b = random_formula(state, right, sizeof right, depth - 1);
    snprintf(buffer, size, r == 2 ? "(%s and %s)" : r == 3 ? "(%s or %s)" : r == 4
             ? "not (%s and %s)" : "(%s or not %s)", a, b);
    return buffer;
}

static void test_random_policies(void **state)
{
    (void)state;
    uint64_t seed = 375;
    static const char *const conditions[] = {
        "kind = a", "kind = b", "flag", "not flag", "delay < 0", "delay between 0 and 5",
        "delay > 8", "day < 2018-01-08", "sent >= 2018-01-15", "kind in { a, c } and flag",
    };
    static const char *const answers[] = {
        "route = x", "route = y, limit = day + 7 days", "route = z, limit = sent - 2 days",
        "route = y, limit = 2018-01-12", "route = x, limit = day + grace days",
        "unspecified \"Muet.\"", "invalid \"Impossible.\"",
    };
    int proven = 0, broken = 0;
    for (int policy = 0; policy < 300; policy++) {
        char text[8192];
        int used = snprintf(text, sizeof text, "%s"
                            "const grace \"Délai\" = lookup kind { b : 4, otherwise : 9 }\n"
                            "output late \"En retard\" : bool = sent > limit\n"
                            "rule base cites s \"0\" then route = x, limit = day + 5 days\n",
                            HELPER_HEAD);
        int rules = 1 + (int)(next_random(&seed) % 4);
        for (int r = 0; r < rules; r++)
            used += snprintf(text + used, sizeof text - (size_t)used,
                             "rule r%d exception to base cites s \"1\" when %s then %s\n", r,
                             random_pick(&seed, conditions, sizeof conditions / sizeof *conditions),
                             random_pick(&seed, answers, sizeof answers / sizeof *answers));
        for (int k = 0; k < 3; k++) {
            char when[1024], requires[1024];
            const char *w = random_formula(&seed, when, sizeof when, 2);
            const char *q = random_formula(&seed, requires, sizeof requires, 2);
            used += snprintf(text + used, sizeof text - (size_t)used,
                             "property p%d \"p\" cites s \"1\" when %s requires %s\n", k, w, q);
        }
        struct compilation c;
        char *messages = NULL;
        size_t size = 0;
        FILE *out = open_memstream(&messages, &size);
        struct compile_options options = { .unfinished = 1 };
        enum compile_status status = compile_text(&c, "t.rules", text, strlen(text), &options, out);
        fclose(out);
        if (status != COMPILE_OK)
            fail_msg("policy %d does not compile:\n%s\n%s", policy, text, messages);
        for (int k = 0; k < c.model->nproperties; k++) {
            const struct check_property *property = &c.model->properties[k];
            if (c.properties_failed[k]) {
                const struct rulec_claim *witness = &c.property_witnesses[k];
                if (!witness->present)
                    fail_msg("policy %d, %s: failed without a witness:\n%s\n%s", policy,
                             property->name, text, messages);
                struct rulec_result result;
                enum rulec_status decided = rulec_decide(c.policy, witness, &result);
                assert_int_equal(decided, RULEC_OK);
                assert_false(property_holds(c.model, property, witness, decided, &result));
                broken++;
                continue;
            }
            proven++;
            uint64_t claims = seed ^ (uint64_t)k;
            for (int i = 0; i < 3000; i++) {
                struct rulec_claim claim;
                memset(&claim, 0, sizeof claim);
                claim.values[0] = (int32_t)(next_random(&claims) % 3);
                claim.values[1] = (int32_t)(next_random(&claims) % 2);
                claim.values[2] = rulec_days_from_civil(2018, 1, 1) + (int32_t)(next_random(&claims) % 25);
                claim.values[3] = claim.values[2] + (int32_t)(next_random(&claims) % 30) - 8;
                claim.present = 15;
                struct rulec_result result;
                enum rulec_status decided = rulec_decide(c.policy, &claim, &result);
                if (decided != RULEC_OK)
                    continue;     /* a gap or a conflict: no answer to speak of */
                if (!property_holds(c.model, property, &claim, decided, &result))
                    fail_msg("policy %d, %s proven but broken by kind=%d flag=%d day=%d "
                             "sent=%d:\n%s", policy, property->name, claim.values[0],
                             claim.values[1], claim.values[2], claim.values[3], text);
            }
        }
        free(messages);
        compile_free(&c);
    }
    /* Both verdicts are met often: the test tries the prover both ways. */
    assert_true(proven > 100);
    assert_true(broken > 100);
}

/* A computed output that compares a boolean input with a constant: the property reads it as
 * a test of that input. */
static void test_computed_boolean(void **state)
{
    (void)state;
    static const char body[] =
        "output unflagged \"Sans drapeau\" : bool = flag != true\n"
        "rule r1 cites s \"1\" then route = x\n"
        "property holds \"p\" cites s \"1\" when unflagged requires not flag\n"
        "property breaks \"p\" cites s \"1\" when unflagged requires flag\n";
    char *messages = helper_messages(body, COMPILE_ERRORS);
    /* The claim names flag, which the answer reads, and nothing else. */
    assert_non_null(strstr(messages, "error: la propriété 'breaks' n'est pas respectée : pour "
                                     "la demande flag=false, la règle 'r1'"));
    assert_null(strstr(messages, "'holds'"));
    free(messages);
}

/* What a property may not say, each with its message. */
static void test_property_errors(void **state)
{
    (void)state;
    static const struct {
        const char *body, *message;
    } cases[] = {
        { "rule r cites s \"1\" when route = x then route = y\n",
          "t.rules:10:25: error: 'route' est une sortie" },
        { "rule r cites s \"1\" when kind = a then route = x\n"
          "property p \"p\" cites s \"1\" requires day = unset\n",
          "seul un résultat peut être unset" },
        { "rule r cites s \"1\" when kind = a then route = x\n"
          "property p \"p\" cites s \"1\" requires route < x\n",
          "il se compare seulement avec = et !=" },
        { "rule r cites s \"1\" when decided then route = x\n",
          "une condition de règle ne lit que la demande" },
        { "rule r cites s \"1\" then route = x, limit = day + 3 days\n"
          "property p \"p\" cites s \"1\" requires day < limit\n",
          "écrivez le résultat à gauche : limit > day" },
        { "rule r cites s \"1\" then route = x\n"
          "property p \"p\" cites s \"1\" requires route != unset\n"
          "property p \"p\" cites s \"1\" requires route = x\n",
          "'p'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *messages = helper_messages(cases[i].body, COMPILE_ERRORS);
        if (!strstr(messages, cases[i].message))
            fail_msg("case %zu: wanted \"%s\" in:\n%s", i, cases[i].message, messages);
        free(messages);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ramq_properties_hold),
        cmocka_unit_test(test_counterexamples_break_their_property),
        cmocka_unit_test(test_lookup_and_computed_output),
        cmocka_unit_test(test_random_policies),
        cmocka_unit_test(test_computed_boolean),
        cmocka_unit_test(test_property_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
