/* tests/test_emit.c — generated C: banner, determinism, tables, digest.
 * Part of rulec; see README.md. */
#include "helpers.h"

#include "emit.h"
#include "ramq2018.h"
#include "sha256.h"

static void assert_same_string(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

/* The committed tables are the in-memory tables of rulec, field by field: what rulec eval and
 * rulec test evaluate is what billing software links. */
static void test_generated_tables_equal_memory_tables(void **state)
{
    (void)state;
    struct compilation c;
    FILE *quiet = fopen("/dev/null", "w");
    assert_non_null(quiet);
    assert_int_equal(compile_file(&c, "rules/ramq2018.rules", NULL, quiet), COMPILE_OK);
    fclose(quiet);
    const struct rulec_policy *m = c.policy, *g = ramq2018_policy();
    assert_same_string(m->name, g->name);
    assert_same_string(m->title, g->title);
    assert_same_string(m->rule_file, g->rule_file);
    assert_int_equal(m->nvars, g->nvars);
    assert_int_equal(m->ninputs, g->ninputs);
    for (unsigned v = 0; v < m->nvars; v++) {
        const struct rulec_var *a = &m->vars[v], *b = &g->vars[v];
        assert_same_string(a->name, b->name);
        assert_same_string(a->label, b->label);
        assert_int_equal(a->type, b->type);
        assert_int_equal(a->is_input, b->is_input);
        assert_int_equal(a->plus, b->plus);
        assert_int_equal(a->minus, b->minus);
        assert_int_equal(a->offset, b->offset);
        assert_int_equal(a->nmembers, b->nmembers);
        for (unsigned i = 0; i < a->nmembers; i++) {
            assert_same_string(a->members[i], b->members[i]);
            assert_same_string(a->member_labels[i], b->member_labels[i]);
        }
        assert_int_equal(a->ncuts, b->ncuts);
        if (a->ncuts)
            assert_memory_equal(a->cuts, b->cuts, sizeof *a->cuts * a->ncuts);
    }
    assert_int_equal(m->noutputs, g->noutputs);
    for (unsigned o = 0; o < m->noutputs; o++) {
        const struct rulec_output *a = &m->outputs[o], *b = &g->outputs[o];
        assert_same_string(a->name, b->name);
        assert_same_string(a->label, b->label);
        assert_int_equal(a->type, b->type);
        assert_int_equal(a->computed, b->computed);
        assert_int_equal(a->op, b->op);
        assert_int_equal(a->left.kind, b->left.kind);
        assert_int_equal(a->left.value, b->left.value);
        assert_int_equal(a->right.kind, b->right.kind);
        assert_int_equal(a->right.value, b->right.value);
        assert_int_equal(a->nmembers, b->nmembers);
        for (unsigned i = 0; i < a->nmembers; i++)
            assert_same_string(a->members[i], b->members[i]);
    }
    assert_int_equal(m->nsources, g->nsources);
    for (unsigned s = 0; s < m->nsources; s++) {
        assert_same_string(m->sources[s].name, g->sources[s].name);
        assert_same_string(m->sources[s].title, g->sources[s].title);
        assert_same_string(m->sources[s].note, g->sources[s].note);
    }
    assert_int_equal(m->nrules, g->nrules);
    for (unsigned r = 0; r < m->nrules; r++) {
        const struct rulec_rule *a = &m->rules[r], *b = &g->rules[r];
        assert_same_string(a->name, b->name);
        assert_int_equal(a->outcome, b->outcome);
        assert_same_string(a->reason, b->reason);
        assert_same_string(a->note, b->note);
        assert_same_string(a->citation, b->citation);
        assert_int_equal(a->line, b->line);
        assert_int_equal(a->nassigns, b->nassigns);
        assert_int_equal(a->ncites, b->ncites);
        for (unsigned i = 0; i < a->nassigns; i++) {
            const struct rulec_assign *x = &m->assigns[a->first_assign + i];
            const struct rulec_assign *y = &g->assigns[b->first_assign + i];
            assert_int_equal(x->output, y->output);
            assert_int_equal(x->kind, y->kind);
            assert_int_equal(x->var, y->var);
            assert_int_equal(x->key, y->key);
            assert_int_equal(x->value, y->value);
        }
        for (unsigned i = 0; i < a->ncites; i++) {
            const struct rulec_cite *x = &m->cites[a->first_cite + i];
            const struct rulec_cite *y = &g->cites[b->first_cite + i];
            assert_int_equal(x->source, y->source);
            assert_same_string(x->section, y->section);
            assert_same_string(x->quote, y->quote);
        }
    }
    assert_int_equal(m->nlookup_values, g->nlookup_values);
    for (unsigned i = 0; i < m->nlookup_values; i++)
        assert_int_equal(m->lookup_values[i], g->lookup_values[i]);
    assert_int_equal(m->nnodes, g->nnodes);
    /* ramq2018's children fit int8_t, its dates (days since 1970, about 17,500) int16_t. */
    assert_int_equal(g->child_width, 1);
    assert_int_equal(g->bound_width, 2);
    assert_int_equal(m->root, g->root);
    for (uint32_t n = 0; n < m->nnodes; n++) {
        assert_int_equal(m->nodes[n].var, g->nodes[n].var);
        assert_int_equal(m->nodes[n].nchildren, g->nodes[n].nchildren);
        assert_int_equal(m->nodes[n].first_child, g->nodes[n].first_child);
        /* The committed tables are narrowed; every bound that is read must be equal. */
        uint32_t first = m->nodes[n].first_child, count = m->nodes[n].nchildren;
        for (uint32_t i = 0; i < count; i++) {
            assert_int_equal(rulec_child(m, first + i), rulec_child(g, first + i));
            if (i > 0 && i + 1 < count)
                assert_int_equal(rulec_bound(m, first + i), rulec_bound(g, first + i));
        }
    }
    compile_free(&c);
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    char hex[65];
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* 56 bytes: the padding spills into a second block. */
    sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* The portable rounds on their own, whatever this processor has. */
    sha256_hex_with("abc", 3, hex, 0);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The SHA extensions' rounds give the portable rounds' digest: every length to 300 bytes (the
 * padding in one block and in two, any number of whole blocks before it) and a megabyte. On a
 * processor without them there is nothing to compare, and the test says so. */
static void test_sha256_accelerated_same(void **state)
{
    (void)state;
    if (!sha256_accelerated())
        skip();
    size_t size = (size_t)1 << 20;
    unsigned char *data = malloc(size);
    assert_non_null(data);
    uint32_t x = 12345;
    for (size_t i = 0; i < size; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (unsigned char)(x >> 16);
    }
    char portable[65], accelerated[65];
    for (size_t length = 0; length <= 300; length++) {
        sha256_hex_with(data, length, portable, 0);
        sha256_hex_with(data, length, accelerated, 1);
        assert_string_equal(accelerated, portable);
    }
    sha256_hex_with(data, size, portable, 0);
    sha256_hex_with(data, size, accelerated, 1);
    assert_string_equal(accelerated, portable);
    sha256_hex_with("abc", 3, accelerated, 1);
    assert_string_equal(accelerated, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    free(data);
}

/* A policy of 1,000 rules, each with a condition and an outcome of its own: the checker
 * releases rules' bodies every 256 rules (check_rules), so this one is released in four
 * steps. Its text, NUL-terminated; free it. */
static char *thousand_rules(void)
{
    size_t size = 200000;
    char *text = malloc(size);
    assert_non_null(text);
    size_t at = (size_t)snprintf(text, size, "%srule base cites s \"0\" then route = z\n",
                                 HELPER_HEAD);
    for (int k = 0; k < 1000; k++)
        at += (size_t)snprintf(text + at, size - at,
                               "rule r%d exception to base cites s \"%d\"\n"
                               "  when day = %d-%02d-%02d and kind in { a, %s } and not flag\n"
                               "  then route = %s, limit = day + %d days\n",
                               k, k, 2000 + k / 300, 1 + k / 25 % 12, 1 + k % 25,
                               k % 2 ? "b" : "c", k % 3 ? "x" : "y", k);
    assert_true(at < size);
    return text;
}

/* The syntax tree released once checked, and the rules' bodies as they are checked (what rulec
 * check, compile, eval and explain ask): the tables written are the same bytes as with the
 * tree kept, so nothing after the check read it. Under the sanitizers, a read of the released
 * tree would also stop here. */
static void test_tree_released_same_tables(void **state)
{
    (void)state;
    struct buffer kept[2], released[2];
    char *thousand = thousand_rules();
    for (int policy = 0; policy < 2; policy++)
    for (int release = 0; release < 2; release++) {
        struct compilation c;
        struct compile_options options = { .release_tree = release };
        FILE *quiet = fopen("/dev/null", "w");
        assert_non_null(quiet);
        if (policy == 0)
            assert_int_equal(compile_file(&c, "rules/ramq2018.rules", &options, quiet), COMPILE_OK);
        else
            assert_int_equal(compile_text(&c, "mille.rules", thousand, strlen(thousand), &options,
                                          quiet), COMPILE_OK);
        fclose(quiet);
        if (policy == 1)
            assert_int_equal(c.model->nrules, 1001);
        if (release)
            assert_null(c.file);
        else
            assert_non_null(c.file);
        struct buffer *pair = release ? released : kept;
        memset(pair, 0, sizeof *pair * 2);
        assert_int_equal(emit_policy(c.policy, c.policy->rule_sha256, &pair[0], &pair[1]), 0);
        compile_free(&c);
        if (release)
            for (int i = 0; i < 2; i++) {
                assert_int_equal(kept[i].length, released[i].length);
                assert_memory_equal(kept[i].data, released[i].data, kept[i].length);
                buffer_free(&kept[i]);
                buffer_free(&released[i]);
            }
    }
    free(thousand);
}

static void test_output_is_deterministic_and_bannered(void **state)
{
    (void)state;
    static const char text[] = HELPER_HEAD
        "input remarque \"fin */ de commentaire\" : int\n"
        "rule r1 cites s \"1\" \"une phrase\" when day < 2018-04-01 then route = x, limit = day + 90 days\n"
        "rule r2 cites s \"2\" when day >= 2018-04-01 then unspecified \"*/ pas de fin\"\n";
    struct buffer first[2], second[2];
    for (int round = 0; round < 2; round++) {
        struct compilation c;
        char *out = NULL;
        assert_int_equal(helper_compile(&c, text, &out), COMPILE_OK);
        free(out);
        struct buffer *pair = round ? second : first;
        memset(pair, 0, sizeof *pair * 2);
        emit_policy(c.policy, "00ff", &pair[0], &pair[1]);
        compile_free(&c);
    }
    assert_int_equal(first[0].length, second[0].length);
    assert_int_equal(first[1].length, second[1].length);
    assert_memory_equal(first[0].data, second[0].data, first[0].length);
    assert_memory_equal(first[1].data, second[1].data, first[1].length);

    const char *banner = "/* p.c — the policy's decision tables and typed API\n"
                         " * Generated by rulec " RULEC_VERSION " from t.rules\n"
                         " * (SHA-256 00ff).\n"
                         " * Do not edit: change the rule file and run make. */\n";
    assert_memory_equal(first[1].data, banner, strlen(banner));
    assert_non_null(strstr(first[1].data, "static const int32_t p_cuts_day[1] = {\n"
                                          "    17622, /* 2018-04-01 */\n};\n"));
    assert_non_null(strstr(first[1].data, "{ 1, RULEC_ASSIGN_SHIFT, 2, -1, 90 }, /* r1: limit = day + 90 days */"));
    assert_non_null(strstr(first[1].data, "\"*/ pas de fin\""));
    /* The tables say their layout first, and stop a compiler of another header. */
    assert_non_null(strstr(first[1].data, "#if RULEC_ABI != 1\n#error "));
    assert_non_null(strstr(first[1].data, "static const struct rulec_policy p_tables = {\n"
                                          "    0x726c6301u,  /* RULEC_ABI_TAG of layout 1 */\n"));
    assert_non_null(strstr(first[0].data, "enum p_status p_decide(const struct p_input *input, "
                                          "struct p_result *result);"));
    assert_non_null(strstr(first[0].data, "    bool has_day;\n    int32_t day; /* Jour, a date "
                                          "written YYYYMMDD (20180401) */\n"));
    assert_non_null(strstr(first[0].data, "    int32_t remarque; /* fin * / de commentaire */\n"));
    for (int i = 0; i < 2; i++) {
        buffer_free(&first[i]);
        buffer_free(&second[i]);
    }
}

static void test_banner_path_is_never_absolute(void **state)
{
    (void)state;
    struct arena arena;
    arena_init(&arena);
    assert_string_equal(compile_banner_path(&arena, "/no/such/dir/rules/x.rules"), "rules/x.rules");
    assert_string_equal(compile_banner_path(&arena, "x.rules"), "x.rules");
    arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_sha256_accelerated_same),
        cmocka_unit_test(test_output_is_deterministic_and_bannered),
        cmocka_unit_test(test_banner_path_is_never_absolute),
        cmocka_unit_test(test_generated_tables_equal_memory_tables),
        cmocka_unit_test(test_tree_released_same_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
