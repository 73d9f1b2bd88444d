/* src/cli/rulec.c — the rulec command: check, compile, eval and test a rule file.
 * Part of rulec; see README.md for the licence. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "report.h"
#include "rt.h"
#include "sha256.h"

/* Exit codes; keep in step with the usage text and README.md. */
enum {
    EXIT_OK = 0,
    EXIT_RULES = 1,    /* the rule file has errors, or an example failed */
    EXIT_USAGE = 2,    /* bad command line or bad claim */
    EXIT_IO = 3        /* a file could not be read or written */
};

static const char usage[] =
    "usage: rulec check FILE\n"
    "       rulec compile FILE -o DIR\n"
    "       rulec eval FILE [--json] name=value...\n"
    "       rulec eval FILE --batch [--format csv|jsonl] < CLAIMS\n"
    "       rulec test FILE\n"
    "       rulec --help | --version\n"
    "\n"
    "  check    checks names and types, proves every claim is decided by exactly one rule\n"
    "           (after exceptions), and reports gaps and conflicts with an example claim\n"
    "  compile  checks, then writes DIR/<policy>.h and DIR/<policy>.c\n"
    "  eval     decides one claim given as name=value arguments; with --batch, every claim\n"
    "           read from stdin (CSV with a header row, or JSON Lines), one answer each\n"
    "  test     runs the file's examples and prints 'N passed, N failed'\n"
    "\n"
    "exit status: 0 success; 1 the rule file has errors or an example failed;\n"
    "             2 bad command line or bad claim; 3 a file could not be read or written;\n"
    "             eval --batch: 0 every claim decided, 3 some rejected, 1 I/O error\n";

static int rulec_usage_error(const char *message)
{
    fprintf(stderr, "rulec: %s\n%s", message, usage);
    return EXIT_USAGE;
}

/* Compiles the rule file. On errors, counts them on stderr, releases the compilation and
 * returns the exit status; otherwise returns EXIT_OK and the caller releases it. */
static int rulec_load(struct compilation *c, const char *path)
{
    enum compile_status status = compile_file(c, path, stderr);
    if (status == COMPILE_OK)
        return EXIT_OK;
    if (c->diag.errors)
        fprintf(stderr, "%d erreur%s\n", c->diag.errors, c->diag.errors == 1 ? "" : "s");
    compile_free(c);
    return status == COMPILE_IO ? EXIT_IO : EXIT_RULES;
}

static int rulec_check(const char *path)
{
    struct compilation c;
    int status = rulec_load(&c, path);
    if (status != EXIT_OK)
        return status;
    printf("%s: politique %s : %d règles, %d entrées, %d valeurs dérivées, %d sorties ; chaque "
           "demande est décidée par exactement une règle (%lu nœuds de décision)%s\n",
           path, c.model->name, c.model->nrules, c.model->ninputs,
           c.model->nvars - c.model->ninputs, c.model->noutputs,
           (unsigned long)c.policy->nnodes, c.diag.warnings ? ", avec avertissements" : "");
    compile_free(&c);
    return EXIT_OK;
}

static int rulec_write(const char *dir, const char *name, const char *extension,
                       const struct emit_text *text)
{
    size_t length = strlen(dir) + strlen(name) + strlen(extension) + 16;
    char *path = malloc(length), *temporary = malloc(length + 8);
    if (!path || !temporary) {
        free(path);
        free(temporary);
        return -1;
    }
    snprintf(path, length, "%s/%s.%s", dir, name, extension);
    snprintf(temporary, length + 8, "%s.tmp", path);
    FILE *file = fopen(temporary, "wb");
    int status = -1;
    if (file) {
        size_t written = fwrite(text->data, 1, text->length, file);
        if (fclose(file) == 0 && written == text->length && rename(temporary, path) == 0)
            status = 0;
        else
            remove(temporary);
    }
    if (status)
        fprintf(stderr, "rulec: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    free(temporary);
    return status;
}

static int rulec_compile(const char *path, const char *dir)
{
    struct compilation c;
    int status = rulec_load(&c, path);
    if (status != EXIT_OK)
        return status;
    char digest[65];
    sha256_hex(c.text, c.length, digest);
    struct emit_text header = { NULL, 0, 0 }, source = { NULL, 0, 0 };
    emit_policy(c.policy, digest, &header, &source);
    int result = EXIT_OK;
    if (rulec_write(dir, c.model->name, "h", &header) || rulec_write(dir, c.model->name, "c", &source))
        result = EXIT_IO;
    emit_text_free(&header);
    emit_text_free(&source);
    compile_free(&c);
    return result;
}

static int rulec_eval(const char *path, int argc, char **argv)
{
    struct compilation c;
    int status = rulec_load(&c, path);
    if (status != EXIT_OK)
        return status;
    /* report_run's statuses are this program's: 0, 2 bad claim, 1 malformed tables. */
    status = report_run(c.policy, argc, argv, stdout, stderr, "rulec");
    compile_free(&c);
    return status;
}

/* An output's value as the rule file writes it. */
static const char *rulec_value(struct arena *arena, const struct rt_output *output, int32_t value)
{
    char date[11];
    switch (output->type) {
    case RT_TYPE_BOOL:
        return value ? "true" : "false";
    case RT_TYPE_DATE:
        rt_date_format(value, date);
        return arena_strdup(arena, date);
    case RT_TYPE_ENUM:
        return output->members[value];
    case RT_TYPE_SET: {
        const char *text = "{";
        for (unsigned m = 0; m < output->nmembers; m++)
            if ((uint32_t)value >> m & 1)
                text = arena_printf(arena, "%s%s %s", text, text[1] ? "," : "", output->members[m]);
        return arena_printf(arena, "%s }", text);
    }
    default:
        return arena_printf(arena, "%ld", (long)value);
    }
}

/* Checks one example; reports each mismatch and returns the number found. */
static int rulec_example(struct compilation *c, const struct check_example *example)
{
    const struct rt_policy *policy = c->policy;
    struct arena *arena = &c->arena;
    struct rt_result result;
    enum rt_status status = rt_decide(policy, &example->claim, &result);
    int failures = 0;
    const char *got;
    if (status == RT_MISSING)
        got = arena_printf(arena, "entrée manquante '%s'", policy->vars[result.missing].name);
    else if (status != RT_OK)
        got = "tables malformées";
    else
        got = arena_printf(arena, "%s de la règle '%s'",
                           result.outcome == RT_OUTCOME_DECIDED ? "décision"
                           : result.outcome == RT_OUTCOME_UNSPECIFIED ? "issue non précisée"
                                                                      : "issue invalide",
                           policy->rules[result.rule].name);
    int wants_missing = 0, wants_outcome = RT_OUTCOME_DECIDED;
    uint32_t mentioned = 0;
    for (int i = 0; i < example->nexpects; i++) {
        const struct check_expect *expect = &example->expects[i];
        switch (expect->kind) {
        case AST_EXPECT_MISSING:
            wants_missing = 1;
            if (status != RT_MISSING || result.missing != expect->index) {
                diag_error(&c->diag, expect->span, "exemple « %s » : attendu : entrée manquante "
                           "'%s' ; obtenu : %s", example->title,
                           policy->vars[expect->index].name, got);
                failures++;
            }
            break;
        case AST_EXPECT_UNSPECIFIED:
            wants_outcome = RT_OUTCOME_UNSPECIFIED;
            break;
        case AST_EXPECT_INVALID:
            wants_outcome = RT_OUTCOME_INVALID;
            break;
        case AST_EXPECT_RULE:
            if (status != RT_OK || result.rule != expect->index) {
                diag_error(&c->diag, expect->span, "exemple « %s » : attendu : la règle '%s' ; "
                           "obtenu : %s", example->title, policy->rules[expect->index].name, got);
                failures++;
            }
            break;
        case AST_EXPECT_OUTPUT: {
            const struct rt_output *output = &policy->outputs[expect->index];
            mentioned |= (uint32_t)1 << expect->index;
            if (status != RT_OK)
                break;
            int set = (int)(result.set >> expect->index & 1);
            if (!expect->has_value && set) {
                diag_error(&c->diag, expect->span, "exemple « %s » : attendu : %s = unset ; "
                           "obtenu : %s = %s (%s)", example->title, output->name, output->name,
                           rulec_value(arena, output, result.values[expect->index]), got);
                failures++;
            } else if (expect->has_value && !set) {
                diag_error(&c->diag, expect->span, "exemple « %s » : attendu : %s = %s ; "
                           "obtenu : %s = unset (%s)", example->title, output->name,
                           rulec_value(arena, output, expect->value), output->name, got);
                failures++;
            } else if (expect->has_value && result.values[expect->index] != expect->value) {
                diag_error(&c->diag, expect->span, "exemple « %s » : attendu : %s = %s ; "
                           "obtenu : %s = %s (%s)", example->title, output->name,
                           rulec_value(arena, output, expect->value), output->name,
                           rulec_value(arena, output, result.values[expect->index]), got);
                failures++;
            }
            break;
        }
        }
    }
    if (wants_missing)
        return failures;
    if (status != RT_OK) {
        diag_error(&c->diag, example->span, "exemple « %s » : obtenu : %s", example->title, got);
        return failures + 1;
    }
    if (result.outcome != wants_outcome) {
        static const char *const words[] = { "une décision", "issue non précisée (unspecified)",
                                             "issue invalide (invalid)" };
        diag_error(&c->diag, example->span, "exemple « %s » : attendu : %s ; obtenu : %s",
                   example->title, words[wants_outcome], got);
        failures++;
    }
    /* An example states the whole outcome: every output set must be expected. */
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if ((result.set >> o & 1) && !(mentioned >> o & 1)) {
            diag_error(&c->diag, example->span, "exemple « %s » : %s = %s est fixée sans être "
                       "attendue (%s) ; un exemple énonce toute l'issue", example->title,
                       policy->outputs[o].name,
                       rulec_value(arena, &policy->outputs[o], result.values[o]), got);
            failures++;
        }
    }
    return failures;
}

static int rulec_test(const char *path)
{
    struct compilation c;
    int status = rulec_load(&c, path);
    if (status != EXIT_OK)
        return status;
    int passed = 0, failed = 0;
    for (int i = 0; i < c.model->nexamples; i++) {
        if (rulec_example(&c, &c.model->examples[i]) == 0)
            passed++;
        else
            failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    compile_free(&c);
    return failed ? EXIT_RULES : EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return rulec_usage_error("missing command");
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "--version") == 0) {
        printf("rulec %s\n", RULEC_VERSION);
        return EXIT_OK;
    }
    if (argc < 3)
        return rulec_usage_error("missing rule file");
    const char *path = argv[2];
    if (strcmp(command, "check") == 0) {
        if (argc != 3)
            return rulec_usage_error("check takes one rule file");
        return rulec_check(path);
    }
    if (strcmp(command, "compile") == 0) {
        if (argc != 5 || strcmp(argv[3], "-o") != 0)
            return rulec_usage_error("compile takes a rule file and -o DIR");
        return rulec_compile(path, argv[4]);
    }
    if (strcmp(command, "eval") == 0)
        return rulec_eval(path, argc - 3, argv + 3);
    if (strcmp(command, "test") == 0) {
        if (argc != 3)
            return rulec_usage_error("test takes one rule file");
        return rulec_test(path);
    }
    return rulec_usage_error("unknown command");
}
