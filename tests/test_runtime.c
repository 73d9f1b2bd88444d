/* tests/test_runtime.c — rulec_decide, dates and claim text, on tables built in memory.
 * Part of rulec; see README.md. */
#include "helpers.h"

static struct compilation compiled;
static char *messages;

static int setup(void **state)
{
    (void)state;
    static const char text[] = HELPER_HEAD
        "output late \"En retard\" : bool = sent > limit\n"
        "output flags \"Drapeaux\" : set { f1 \"F1\", f2 \"F2\" }\n"
        "rule before cites s \"1\" when delay < 0 then invalid \"avant\"\n"
        "rule fast exception to slow cites s \"2\" \"vite\" when delay >= 0 and kind = a "
        "then route = x, limit = day + 90 days, flags = { f2 }\n"
        "rule slow cites s \"3\" when delay >= 0 and kind in { a, b } and flag then route = y\n"
        "rule quiet cites s \"4\" when delay >= 0 and (kind = c or kind = b and not flag) "
        "then unspecified \"silence\"\n";
    return helper_compile(&compiled, text, &messages) == COMPILE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    compile_free(&compiled);
    free(messages);
    return 0;
}

static void test_decides_and_computes_outputs(void **state)
{
    (void)state;
    const struct rulec_policy *policy = compiled.policy;
    struct rulec_claim claim;
    struct rulec_result result;
    helper_claim(policy, &claim, "kind=a", "day=2018-04-01", "sent=2018-06-30", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_string_equal(policy->rules[result.rule].name, "fast");
    assert_int_equal(result.outcome, RULEC_OUTCOME_DECIDED);
    assert_int_equal(result.set, 0x1 | 0x2 | 0x4 | 0x8);   /* route, limit, late, flags */
    assert_int_equal(result.values[0], 0);
    assert_int_equal(result.values[1], rulec_days_from_civil(2018, 6, 30));
    assert_int_equal(result.values[2], 0);                  /* day 90: on time */
    assert_int_equal(result.values[3], 2);                  /* { f2 } */

    helper_claim(policy, &claim, "kind=a", "day=2018-04-01", "sent=2018-07-01", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_int_equal(result.values[2], 1);                  /* day 91: late */
}

static void test_outcomes_and_missing_inputs(void **state)
{
    (void)state;
    const struct rulec_policy *policy = compiled.policy;
    struct rulec_claim claim;
    struct rulec_result result;
    helper_claim(policy, &claim, "kind=b", "day=2018-04-01", "sent=2018-04-02", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_MISSING);
    assert_string_equal(policy->vars[result.input].name, "flag");

    helper_claim(policy, &claim, "kind=b", "flag=false", "day=2018-04-01", "sent=2018-04-02",
                 NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_int_equal(result.outcome, RULEC_OUTCOME_UNSPECIFIED);
    assert_string_equal(policy->rules[result.rule].reason, "silence");
    assert_int_equal(result.set, 0);

    helper_claim(policy, &claim, "kind=c", "day=2018-04-02", "sent=2018-04-01", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_int_equal(result.outcome, RULEC_OUTCOME_INVALID);

    helper_claim(policy, &claim, "kind=c", "day=2018-04-02", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_MISSING);
    assert_string_equal(policy->vars[result.input].name, "sent");
}

static void test_absent_input_that_does_not_matter(void **state)
{
    (void)state;
    /* kind is tested first, but with a negative delay every kind gives "invalid": a claim
     * without kind is decided, whatever the order of the inputs. */
    const struct rulec_policy *policy = compiled.policy;
    struct rulec_claim claim;
    struct rulec_result result;
    helper_claim(policy, &claim, "day=2018-04-02", "sent=2018-04-01", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_string_equal(policy->rules[result.rule].name, "before");
    /* With a positive delay, kind decides between rules: it is needed. */
    helper_claim(policy, &claim, "day=2018-04-01", "sent=2018-04-02", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_MISSING);
    assert_string_equal(policy->vars[result.input].name, "kind");
    /* kind=c needs no flag; kind=b does. */
    helper_claim(policy, &claim, "kind=c", "day=2018-04-01", "sent=2018-04-02", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_string_equal(policy->rules[result.rule].name, "quiet");
}

static void test_dates(void **state)
{
    (void)state;
    int32_t days;
    char text[11];
    assert_int_equal(rulec_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(rulec_days_from_civil(2018, 4, 1) - rulec_days_from_civil(2018, 1, 1), 90);
    assert_int_equal(rulec_date_parse("2020-02-29", &days), 0);
    rulec_date_format(days + 1, text);
    assert_string_equal(text, "2020-03-01");
    assert_int_equal(rulec_date_parse("2018-02-29", &days), -1);
    assert_int_equal(rulec_date_parse("2018-2-28", &days), -1);
    assert_int_equal(rulec_date_parse("2018-02-280", &days), -1);
    assert_int_equal(rulec_date_parse("0999-12-31", &days), -1);
    assert_int_equal(rulec_date_from_number(20180401, &days), 0);
    assert_int_equal(rulec_date_to_number(days), 20180401);
    assert_int_equal(rulec_date_from_number(20181301, &days), -1);
    /* The inline conversion the generated code uses agrees with the reference functions on
     * every number shaped like a date of the years 999 to 10000, months 0-13, days 0-32. */
    unsigned long real = 0;
    for (int year = 999; year <= 10000; year++)
        for (int month = 0; month <= 13; month++)
            for (int day = 0; day <= 32; day++) {
                int32_t number = year * 10000 + month * 100 + day;
                int valid = rulec_date_valid(year, month, day);
                int32_t got = -1;
                if ((rulec_date_from_number(number, &got) == 0) != valid)
                    fail_msg("rulec_date_from_number(%ld): valid should be %d", (long)number, valid);
                if (valid && got != rulec_days_from_civil(year, month, day))
                    fail_msg("rulec_date_from_number(%ld) = %ld", (long)number, (long)got);
                real += (unsigned long)valid;
            }
    assert_int_equal(real, 3287182);        /* the days from 1000-01-01 to 9999-12-31 */
    assert_int_equal(rulec_date_from_number(-20180401, &days), -1);
    /* 2022-03-28 + 90 days = 2022-06-26, RAMQ's own worked example. */
    rulec_date_format(rulec_days_from_civil(2022, 3, 28) + 90, text);
    assert_string_equal(text, "2022-06-26");
    /* Any int32 is written without overflow: the open ends of a range are such values. */
    rulec_date_format(INT32_MAX, text);
    assert_string_equal(text, "----------");
    rulec_date_format(INT32_MIN, text);
    assert_string_equal(text, "----------");
}

static void test_claim_text(void **state)
{
    (void)state;
    const struct rulec_policy *policy = compiled.policy;
    struct rulec_claim claim;
    int input;
    memset(&claim, 0, sizeof claim);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "kind", &input), RULEC_PARSE_NO_EQUALS);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "sort=a", &input), RULEC_PARSE_UNKNOWN_INPUT);
    assert_int_equal(input, -1);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "kind=d", &input), RULEC_PARSE_BAD_VALUE);
    assert_int_equal(input, 0);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "flag=yes", &input), RULEC_PARSE_BAD_VALUE);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "day=", &input), RULEC_PARSE_BAD_VALUE);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "kind=c", &input), RULEC_PARSE_OK);
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "kind=c", &input), RULEC_PARSE_REPEATED);
    assert_int_equal(claim.present, 1);
    assert_int_equal(claim.values[0], 2);
    /* A name with a NUL inside (a CSV header can hold one): no input, and nothing read past
     * an input's name (regression: tests/fuzz/regressions/batch-nul-in-header). */
    assert_int_equal(rulec_input_index(policy, "kind\0\0xyz", 8), -1);
    assert_int_equal(rulec_input_index(policy, "kind\0", 5), -1);
    assert_int_equal(rulec_input_index(policy, "kind", 4), 0);
}

static void test_citations_read_as_written(void **state)
{
    (void)state;
    assert_string_equal(rulec_section_prefix("1.2"), "section ");
    assert_string_equal(rulec_section_prefix("art. 22.1"), "");
    assert_string_equal(rulec_section_prefix("introduction"), "");
}

static void test_cells_by_binary_search(void **state)
{
    (void)state;
    static const int32_t cuts[3] = { 10, 20, 30 };
    struct rulec_var var;
    memset(&var, 0, sizeof var);
    var.type = RULEC_TYPE_INT;
    var.ncuts = 3;
    var.cuts = cuts;
    assert_int_equal(rulec_cell(&var, -5), 0);
    assert_int_equal(rulec_cell(&var, 9), 0);
    assert_int_equal(rulec_cell(&var, 10), 1);
    assert_int_equal(rulec_cell(&var, 29), 2);
    assert_int_equal(rulec_cell(&var, 30), 3);
}

static void test_malformed_tables_are_refused(void **state)
{
    (void)state;
    struct rulec_policy broken = *compiled.policy;
    struct rulec_claim claim;
    struct rulec_result result;
    helper_claim(&broken, &claim, "kind=a", "day=2018-04-01", "sent=2018-06-30", NULL);
    broken.root = (int32_t)broken.nnodes + 5;
    assert_int_equal(rulec_decide(&broken, &claim, &result), RULEC_BAD_TABLES);
    broken.root = -(int32_t)broken.nrules - 1;
    assert_int_equal(rulec_decide(&broken, &claim, &result), RULEC_BAD_TABLES);
}

/* Tables of another layout are refused by every entry point that reads them, with a status
 * of their own, before anything but the tag is read; the refusal's text says what to do. */
static void test_tables_of_another_layout_are_refused(void **state)
{
    (void)state;
    struct rulec_policy other = *compiled.policy;
    struct rulec_claim claim;
    struct rulec_result result;
    helper_claim(&other, &claim, "kind=a", "day=2018-04-01", "sent=2018-06-30", NULL);
    assert_int_equal(rulec_decide(&other, &claim, &result), RULEC_OK);
    other.abi = RULEC_ABI_TAG + 1;
    /* Nothing past the tag may be read: the rest is garbage in another layout. */
    other.nodes = NULL;
    other.vars = NULL;
    assert_int_equal(rulec_decide(&other, &claim, &result), RULEC_BAD_ABI);
    assert_int_equal(result.rule, -1);
    assert_int_equal(result.input, -1);
    assert_int_equal(result.region, -1);
    assert_int_equal(rulec_finish(&other, &claim, -1, &result), RULEC_BAD_ABI);
    struct rulec_want want = { RULEC_WANT_OUTCOME, 0, RULEC_OUTCOME_DECIDED, 0 };
    struct rulec_change change;
    assert_int_equal(rulec_why_not(&other, &claim, &want, &change), RULEC_WHY_NOT_BAD_ABI);
    char text[RULEC_REFUSAL_SIZE];
    size_t length = rulec_refusal_text(text, sizeof text, &other, &claim, RULEC_BAD_ABI, &result);
    assert_string_equal(text, "tables de décision d'une autre version de rulec : recompilez-les "
                              "avec celle de la bibliothèque (rulec " RULEC_VERSION ")");
    assert_int_equal(length, strlen(text));
    /* Cut to the buffer, and the length the whole needs. */
    char small[8];
    assert_int_equal(rulec_refusal_text(small, sizeof small, &other, &claim, RULEC_BAD_ABI,
                                        &result), length);
    assert_string_equal(small, "tables ");
    /* A refusal's length counts the whole text, allowed values included, however short the
     * buffer. */
    char whole[RULEC_REFUSAL_SIZE];
    size_t needed = rulec_missing_text(whole, sizeof whole, compiled.policy, 0);
    assert_int_equal(needed, strlen(whole));
    assert_int_equal(rulec_missing_text(small, sizeof small, compiled.policy, 0), needed);
    assert_int_equal(strlen(small), sizeof small - 1);
}

/* The header's version and the library's agree, and the number spells the string. */
static void test_version(void **state)
{
    (void)state;
    unsigned major, minor, patch;
    assert_int_equal(sscanf(RULEC_VERSION, "%u.%u.%u", &major, &minor, &patch), 3);
    assert_int_equal(RULEC_VERSION_NUMBER, major * 1000000 + minor * 1000 + patch);
    assert_int_equal(RULEC_VERSION_MAJOR, major);
    assert_string_equal(rulec_libversion(), RULEC_VERSION);
    assert_int_equal(rulec_libversion_number(), RULEC_VERSION_NUMBER);
}

/* An enumeration or a boolean outside its type is the caller's error (RULEC_BAD_INPUT, naming
 * the input), not the tables' (RULEC_BAD_TABLES); one past the members must not read as absent
 * (the node's last child). A NULL argument is refused too. */
static void test_values_outside_their_type_are_bad_input(void **state)
{
    (void)state;
    const struct rulec_policy *policy = compiled.policy;
    struct rulec_claim claim;
    struct rulec_result result;
    static const int32_t kinds[] = { 3, 4, -1, INT32_MAX, INT32_MIN };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        helper_claim(policy, &claim, "kind=a", "day=2018-04-01", "sent=2018-06-30", NULL);
        claim.values[0] = kinds[i];
        assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_BAD_INPUT);
        assert_int_equal(result.input, 0);
        assert_int_equal(rulec_claim_check(policy, &claim), 0);
    }
    helper_claim(policy, &claim, "kind=a", "flag=true", "day=2018-04-01", "sent=2018-06-30", NULL);
    claim.values[1] = 2;
    assert_int_equal(rulec_claim_check(policy, &claim), 1);
    struct rulec_want want;
    struct rulec_change change;
    assert_int_equal(rulec_parse_want(policy, "route=y", &want), RULEC_PARSE_OK);
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_BAD_INPUT);
    assert_int_equal(rulec_decide(NULL, &claim, &result), RULEC_BAD_INPUT);
    assert_int_equal(result.input, -1);
    assert_int_equal(rulec_decide(policy, NULL, &result), RULEC_BAD_INPUT);
    assert_int_equal(rulec_decide(policy, &claim, NULL), RULEC_BAD_INPUT);
    assert_int_equal(rulec_why_not(policy, &claim, &want, NULL), RULEC_WHY_NOT_BAD_INPUT);
    assert_int_equal(rulec_why_not(NULL, &claim, &want, &change), RULEC_WHY_NOT_BAD_INPUT);
}

/* The lease policy's rules, after its inputs and its output. */
#define BAIL_RULES                                                                         \
    "rule commercial cites s \"1\" when kind = commercial then action = warn\n"            \
    "rule res_low cites s \"2\" when kind = residential and late_count < 3 "               \
    "then action = nothing\n"                                                              \
    "rule res_high cites s \"3\" when kind = residential and late_count >= 3 "             \
    "then action = evict\n"

/* An integer input with a declared range: a value outside is a bad claim wherever it is
 * given, read or not; within, an input is asked for only where the answer depends on it; a
 * change offered by rulec_why_not stays inside, and says its ends. */
static void test_bounded_integers(void **state)
{
    (void)state;
    struct compilation c;
    char *out = NULL;
    assert_int_equal(helper_compile(&c,
                         "policy bail \"Bail\"\n"
                         "source s \"Source\"\n"
                         "input kind \"Kind\" : enum { residential \"R\", commercial \"C\" }\n"
                         "input late_count \"Late payments\" : int between 0 and 99\n"
                         "input other \"Other\" : int\n"
                         "output action \"Action\" : enum { warn \"W\", evict \"E\", nothing \"N\" }\n"
                         BAIL_RULES,
                         &out), COMPILE_OK);
    free(out);
    const struct rulec_policy *policy = c.policy;
    assert_int_equal(policy->bounded, 0x2);
    assert_int_equal(policy->vars[1].low, 0);
    assert_int_equal(policy->vars[1].high, 99);
    assert_int_equal(policy->vars[2].low, INT32_MIN);
    assert_int_equal(policy->vars[2].high, INT32_MAX);
    struct rulec_claim claim;
    struct rulec_result result;
    /* A commercial lease needs no count. */
    helper_claim(policy, &claim, "kind=commercial", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    assert_string_equal(policy->rules[result.rule].name, "commercial");
    helper_claim(policy, &claim, "kind=residential", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_MISSING);
    assert_int_equal(result.input, 1);
    /* The ends are in; one past either is refused, read (residential) or not (commercial). */
    static const struct { const char *kind; int32_t count; enum rulec_status status; } cases[] = {
        { "kind=residential", 0, RULEC_OK }, { "kind=residential", 99, RULEC_OK },
        { "kind=residential", -1, RULEC_BAD_INPUT }, { "kind=residential", 100, RULEC_BAD_INPUT },
        { "kind=commercial", -1, RULEC_BAD_INPUT }, { "kind=commercial", INT32_MAX, RULEC_BAD_INPUT },
        { "kind=commercial", INT32_MIN, RULEC_BAD_INPUT },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        helper_claim(policy, &claim, cases[i].kind, NULL);
        claim.values[1] = cases[i].count;
        claim.present |= 2;
        assert_int_equal(rulec_decide(policy, &claim, &result), cases[i].status);
        assert_int_equal(rulec_claim_check(policy, &claim), cases[i].status == RULEC_OK ? -1 : 1);
        if (cases[i].status != RULEC_OK)
            assert_int_equal(result.input, 1);
    }
    /* An unbounded integer takes any value. */
    helper_claim(policy, &claim, "kind=commercial", "other=-2147483648", NULL);
    assert_int_equal(rulec_decide(policy, &claim, &result), RULEC_OK);
    /* Text: the range is the type. */
    int32_t value;
    assert_int_equal(rulec_parse_value(&policy->vars[1], "99", &value), 0);
    assert_int_equal(value, 99);
    assert_int_equal(rulec_parse_value(&policy->vars[1], "100", &value), -1);
    assert_int_equal(rulec_parse_value(&policy->vars[1], "-1", &value), -1);
    /* A variable a tool fills in itself, zeroed first, has no range. */
    struct rulec_var plain;
    memset(&plain, 0, sizeof plain);
    plain.type = RULEC_TYPE_INT;
    assert_int_equal(rulec_parse_value(&plain, "-5", &value), 0);
    assert_int_equal(value, -5);
    int input = -1;
    assert_int_equal(rulec_claim_parse_arg(policy, &claim, "late_count=-1", &input), RULEC_PARSE_BAD_VALUE);
    assert_int_equal(input, 1);
    /* Why not nothing for a count of 5: the counts from 0 to 2, by their ends. */
    helper_claim(policy, &claim, "kind=residential", "late_count=5", NULL);
    struct rulec_want want;
    struct rulec_change change;
    assert_int_equal(rulec_parse_want(policy, "action=nothing", &want), RULEC_PARSE_OK);
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_FOUND);
    assert_int_equal(change.changed, 0x2);
    assert_int_equal(change.claim.values[1], 2);
    assert_int_equal(change.ranges[1].low, 0);
    assert_int_equal(change.ranges[1].high, 2);
    claim.values[1] = -5;
    assert_int_equal(rulec_why_not(policy, &claim, &want, &change), RULEC_WHY_NOT_BAD_INPUT);
    compile_free(&c);

    /* A rule that refuses what the range refuses already decides nothing (two warnings), and
     * does not make the count needed where nothing else reads it. */
    assert_int_equal(helper_compile(&c,
                         "policy bail \"Bail\"\n"
                         "source s \"Source\"\n"
                         "input kind \"Kind\" : enum { residential \"R\", commercial \"C\" }\n"
                         "input late_count \"Late payments\" : int >= 0\n"
                         "output action \"Action\" : enum { warn \"W\", evict \"E\", nothing \"N\" }\n"
                         "rule sanity exception to all cites s \"0\" when late_count < 0 "
                         "then invalid \"negative\"\n"
                         BAIL_RULES,
                         &out), COMPILE_OK);
    assert_non_null(strstr(out, "ce test n'est vrai d'aucune demande"));
    assert_non_null(strstr(out, "la règle 'sanity' ne décide aucune demande"));
    free(out);
    helper_claim(c.policy, &claim, "kind=commercial", NULL);
    assert_int_equal(rulec_decide(c.policy, &claim, &result), RULEC_OK);
    assert_string_equal(c.policy->rules[result.rule].name, "commercial");
    helper_claim(c.policy, &claim, "kind=residential", NULL);
    assert_int_equal(rulec_decide(c.policy, &claim, &result), RULEC_MISSING);
    compile_free(&c);
}

/* rulec_display_char: what a terminal would obey is named, the rest shown as it is. */
static void test_text_that_acts_is_named(void **state)
{
    (void)state;
    static const struct { const char *text; size_t consumed; const char *shown; int escaped; } cases[] = {
        { "a", 1, "a", 0 },
        { "\t", 1, "\t", 0 },
        { "\n", 1, "\n", 0 },
        { "\033[31m", 1, "<U+001B>", 1 },
        { "\r", 1, "<U+000D>", 1 },
        { "\x7f", 1, "<U+007F>", 1 },
        { "\xc2\x9b", 2, "<U+009B>", 1 },          /* C1 CSI */
        { "\xc3\xa9", 2, "\xc3\xa9", 0 },          /* é */
        { "\xe2\x80\xae", 3, "<U+202E>", 1 },      /* RLO */
        { "\xe2\x81\xa6", 3, "<U+2066>", 1 },      /* LRI */
        { "\xe2\x80\x8f", 3, "<U+200F>", 1 },      /* RLM */
        { "\xd8\x9c", 2, "<U+061C>", 1 },          /* ALM */
        { "\xe2\x80\x94", 3, "\xe2\x80\x94", 0 },  /* an em dash */
        { "\xf0\x9d\x84\x9e", 4, "\xf0\x9d\x84\x9e", 0 },
        { "\xff", 1, "<0xFF>", 1 },
        { "\xc0\xaf", 1, "<0xC0>", 1 },            /* overlong */
        { "\xed\xa0\x80", 1, "<0xED>", 1 },        /* a surrogate */
        { "\xf4\x90\x80\x80", 1, "<0xF4>", 1 },    /* past U+10FFFF */
        { "\xe2\x80", 1, "<0xE2>", 1 },            /* cut short */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char shown[RULEC_DISPLAY_SIZE];
        int escaped = -1;
        size_t consumed = rulec_display_char(cases[i].text, strlen(cases[i].text), shown, &escaped);
        assert_int_equal(consumed, cases[i].consumed);
        assert_string_equal(shown, cases[i].shown);
        assert_int_equal(escaped, cases[i].escaped);
    }
    assert_int_equal(rulec_utf8_length("\xc3\xa9", 1), 0);   /* fewer bytes than it needs */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decides_and_computes_outputs),
        cmocka_unit_test(test_outcomes_and_missing_inputs),
        cmocka_unit_test(test_absent_input_that_does_not_matter),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_claim_text),
        cmocka_unit_test(test_citations_read_as_written),
        cmocka_unit_test(test_cells_by_binary_search),
        cmocka_unit_test(test_malformed_tables_are_refused),
        cmocka_unit_test(test_tables_of_another_layout_are_refused),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_text_that_acts_is_named),
        cmocka_unit_test(test_values_outside_their_type_are_bad_input),
        cmocka_unit_test(test_bounded_integers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
