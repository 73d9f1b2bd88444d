/* src/cli/rulec.c — the rulec command: check, compile, eval and test a rule file.
 * Part of rulec; see README.md for the licence. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "decision_table.h"
#include "emit.h"
#include "example.h"
#include "run.h"
#include "rt.h"

/* Exit codes; keep in step with the usage text and README.md. */
enum {
    EXIT_OK = 0,
    EXIT_RULES = 1,    /* the rule file has errors, or an example failed */
    EXIT_USAGE = 2,    /* bad command line or bad claim */
    EXIT_IO = 3        /* a file could not be read or written */
};

static const char usage[] =
    "usage : rulec check [--sources DOSSIER] FICHIER\n"
    "        rulec compile [--sources DOSSIER] FICHIER -o DOSSIER\n"
    "        rulec eval FICHIER [--json] nom=valeur...\n"
    "        rulec eval FICHIER --batch [--format csv|jsonl] [--delimiter ,|;|tab] [DEMANDES|-]\n"
    "        rulec test [--sources DOSSIER] FICHIER\n"
    "        rulec table FICHIER [--json]\n"
    "        rulec --help | --version\n"
    "\n"
    "  check    vérifie les noms et les types, prouve que chaque demande est décidée par\n"
    "           exactement une règle (après exceptions) et signale lacunes et conflits avec\n"
    "           une demande en exemple ; compte les règles qui citent, qui interprètent, les\n"
    "           issues non précisées et invalides\n"
    "  compile  vérifie, puis écrit DOSSIER/<politique>.h et DOSSIER/<politique>.c\n"
    "  eval     décide une demande donnée en arguments nom=valeur ; avec --batch, chaque\n"
    "           demande lue (CSV avec ligne d'en-tête, ou JSON Lines), une réponse chacune\n"
    "  test     exécute les exemples du fichier et écrit « N passed, N failed »\n"
    "  table    la table de décision : chaque région de demandes complètes et sa réponse,\n"
    "           régions disjointes couvrant toutes les demandes ; --json pour les outils\n"
    "\n"
    "  --sources DOSSIER  cherche chaque citation dans le texte que sa source nomme\n"
    "                     (source … file \"nom\"), lu dans DOSSIER\n"
    "  FICHIER « - » : l'entrée standard. Les options vont n'importe où avant « -- ».\n"
    "\n"
    "statut de sortie : 0 succès ; 1 le fichier de règles a des erreurs ou un exemple échoue ;\n"
    "                   2 ligne de commande ou demande incorrecte ; 3 fichier illisible ou\n"
    "                   impossible à écrire, ou mémoire épuisée ;\n"
    "                   eval --batch : 0 toutes décidées, 3 certaines rejetées, 1 erreur\n"
    "                   de lecture ou d'écriture\n";

static int rulec_usage_error(const char *message)
{
    fprintf(stderr, "rulec: %s\n%s", message, usage);
    return EXIT_USAGE;
}

/* Compiles the rule file. On errors, counts them on stderr, releases the compilation and
 * returns the exit status; otherwise returns EXIT_OK and the caller releases it. */
static int rulec_load(struct compilation *c, const char *path, const char *sources)
{
    struct compile_options options = { sources };
    enum compile_status status = compile_file(c, path, &options, stderr);
    if (status == COMPILE_OK)
        return EXIT_OK;
    if (c->diag.errors)
        fprintf(stderr, "%d erreur%s\n", c->diag.errors, c->diag.errors == 1 ? "" : "s");
    compile_free(c);
    /* Out of memory is a resource the machine lacks, like a file it cannot read. */
    return status == COMPILE_IO || status == COMPILE_MEMORY ? EXIT_IO : EXIT_RULES;
}

static int rulec_check(const char *path, const char *sources)
{
    struct compilation c;
    int status = rulec_load(&c, path, sources);
    if (status != EXIT_OK)
        return status;
    const struct check_model *m = c.model;
    printf("%s: politique %s : %d règles, %d entrées, %d valeurs dérivées, %d sorties ; chaque "
           "demande est décidée par exactement une règle (%lu nœuds de décision)%s\n",
           c.diag.path, m->name, m->nrules, m->ninputs, m->nvars - m->ninputs, m->noutputs,
           (unsigned long)c.policy->nnodes, c.diag.warnings ? ", avec avertissements" : "");
    int interpret = 0, unspecified = 0, invalid = 0;
    for (int r = 0; r < m->nrules; r++) {
        interpret += m->rules[r].interpretation != NULL;
        unspecified += m->rules[r].outcome == RT_OUTCOME_UNSPECIFIED;
        invalid += m->rules[r].outcome == RT_OUTCOME_INVALID;
    }
    printf("  règles : %d appliquent le texte tel qu'il est écrit (cites), %d reposent sur une "
           "lecture de plusieurs passages (interprets) ; %d non précisées (unspecified), "
           "%d invalides (invalid)\n", m->nrules - interpret, interpret, unspecified, invalid);
    const struct quote_counts *q = &c.quotes;
    if (c.quotes_checked)
        printf("  citations : %d vérifiées dans les textes de %s, %d non vérifiables (source "
               "sans texte)%s\n", q->verified, sources, q->unverified,
               q->misplaced ? ", dont certaines hors de la section citée" : "");
    else
        printf("  citations : %d non vérifiées : donnez --sources DOSSIER pour les chercher "
               "dans les textes des sources\n", q->unverified);
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
        fprintf(stderr, "rulec: écriture de %s impossible : %s\n", path, strerror(errno));
    free(path);
    free(temporary);
    return status;
}

static int rulec_compile(const char *path, const char *dir, const char *sources)
{
    struct compilation c;
    int status = rulec_load(&c, path, sources);
    if (status != EXIT_OK)
        return status;
    struct emit_text header = { NULL, 0, 0 }, source = { NULL, 0, 0 };
    int result = EXIT_OK;
    if (emit_policy(c.policy, c.policy->rule_sha256, &header, &source) != 0) {
        fprintf(stderr, "rulec: mémoire épuisée pendant l'écriture du C\n");
        result = EXIT_IO;
    } else if (rulec_write(dir, c.model->name, "h", &header)
               || rulec_write(dir, c.model->name, "c", &source)) {
        result = EXIT_IO;
    }
    emit_text_free(&header);
    emit_text_free(&source);
    compile_free(&c);
    return result;
}

static int rulec_eval(const char *path, int argc, char **argv)
{
    struct compilation c;
    int status = rulec_load(&c, path, NULL);
    if (status != EXIT_OK)
        return status;
    /* run_policy's statuses are this program's: 0, 2 bad claim, 1 malformed tables. */
    status = run_policy(c.policy, argc, argv, stdout, stderr, "rulec");
    compile_free(&c);
    return status;
}

static int rulec_test(const char *path, const char *sources)
{
    struct compilation c;
    int status = rulec_load(&c, path, sources);
    if (status != EXIT_OK)
        return status;
    int passed = 0, failed = 0;
    for (int i = 0; i < c.model->nexamples; i++) {
        if (example_run(&c.arena, &c.diag, c.policy, &c.model->examples[i]) == 0)
            passed++;
        else
            failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    compile_free(&c);
    return failed ? EXIT_RULES : EXIT_OK;
}

static int rulec_table(const char *path, int json)
{
    struct compilation c;
    int status = rulec_load(&c, path, NULL);
    if (status != EXIT_OK)
        return status;
    struct region_table table;
    if (regions_build(&c.arena, c.model, c.diagram, &table) != 0) {
        fprintf(stderr, "rulec: %s : la politique a trop de chemins pour en écrire la table "
                "(plus de %ld étapes) ou la mémoire manque\n", path, REGIONS_BUDGET);
        compile_free(&c);
        return EXIT_RULES;
    }
    int written = json ? decision_table_json(stdout, c.model, c.policy, &table)
                       : decision_table_text(stdout, c.model, c.policy, &table);
    compile_free(&c);
    if (written != 0) {
        fprintf(stderr, "rulec: écriture de la table impossible : %s\n", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* What the command line says. */
struct rulec_args {
    const char *command, *path, *output, *sources;
    char **rest;          /* eval's options, then room for "--" and the claim */
    int nrest;
    char **claim;         /* eval's name=value arguments */
    int nclaim;
    int json;             /* --json was given */
};

/* Reads options anywhere before "--", in any order; eval's are kept in args->rest for
 * run_policy. Returns -1 to go on, or the exit status (--help, --version, a bad option). */
static int rulec_parse(int argc, char **argv, struct rulec_args *args)
{
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int option = !options_done && arg[0] == '-' && arg[1] != '\0';
        int takes_value = option && (strcmp(arg, "-o") == 0 || strcmp(arg, "--sources") == 0
                                     || strcmp(arg, "--format") == 0
                                     || strcmp(arg, "--delimiter") == 0);
        if (takes_value && i + 1 >= argc) {
            char message[128];
            snprintf(message, sizeof message, "l'option %s attend une valeur", arg);
            return rulec_usage_error(message);
        }
        if (option && strcmp(arg, "--") == 0) {
            options_done = 1;
        } else if (option && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (option && strcmp(arg, "--version") == 0) {
            printf("rulec %s\n", RULEC_VERSION);
            return EXIT_OK;
        } else if (takes_value && strcmp(arg, "-o") == 0) {
            args->output = argv[++i];
        } else if (takes_value && strcmp(arg, "--sources") == 0) {
            args->sources = argv[++i];
        } else if (takes_value) {
            args->rest[args->nrest++] = argv[i];
            args->rest[args->nrest++] = argv[++i];
        } else if (option && (strcmp(arg, "--json") == 0 || strcmp(arg, "--batch") == 0)) {
            args->json |= strcmp(arg, "--json") == 0;
            args->rest[args->nrest++] = argv[i];
        } else if (option) {
            char message[256];
            snprintf(message, sizeof message, "option inconnue « %.200s »", arg);
            return rulec_usage_error(message);
        } else if (!args->command) {
            args->command = arg;
        } else if (!args->path) {
            args->path = arg;
        } else {
            args->claim[args->nclaim++] = argv[i];
        }
    }
    return -1;
}

/* Whether the options suit the command. Returns -1 when they do, else the exit status. */
static int rulec_validate(const struct rulec_args *args)
{
    const char *command = args->command;
    if (!command)
        return rulec_usage_error("commande manquante");
    int is_eval = strcmp(command, "eval") == 0, is_compile = strcmp(command, "compile") == 0;
    int is_table = strcmp(command, "table") == 0;
    if (strcmp(command, "check") != 0 && !is_compile && !is_eval && !is_table
        && strcmp(command, "test") != 0)
        return rulec_usage_error("commande inconnue");
    if (!args->path)
        return rulec_usage_error("fichier de règles manquant");
    if (args->nclaim && !is_eval)
        return rulec_usage_error("argument de trop");
    if (args->nrest && !is_eval && !(is_table && args->nrest == 1 && args->json))
        return rulec_usage_error(is_table ? "table accepte seulement --json"
                                          : "--json, --batch, --format et --delimiter ne servent "
                                            "qu'avec eval (et --json avec table)");
    if (is_compile && !args->output)
        return rulec_usage_error("compile écrit dans le dossier donné par -o DOSSIER");
    if (!is_compile && args->output)
        return rulec_usage_error("-o ne sert qu'avec compile");
    if ((is_eval || is_table) && args->sources)
        return rulec_usage_error("--sources sert avec check, compile et test");
    return -1;
}

int main(int argc, char **argv)
{
    struct rulec_args args = { NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 };
    /* rest and claim share one array: rest grows from the front, claim from argc + 1, and
     * eval copies claim behind rest, never past what it has read. */
    args.rest = malloc(sizeof *args.rest * ((size_t)argc * 2 + 2));
    if (!args.rest) {
        fputs("rulec: mémoire épuisée\n", stderr);
        return EXIT_IO;
    }
    args.claim = args.rest + argc + 1;
    int status = rulec_parse(argc, argv, &args);
    if (status < 0)
        status = rulec_validate(&args);
    if (status < 0) {
        const char *command = args.command;
        if (strcmp(command, "check") == 0) {
            status = rulec_check(args.path, args.sources);
        } else if (strcmp(command, "compile") == 0) {
            status = rulec_compile(args.path, args.output, args.sources);
        } else if (strcmp(command, "test") == 0) {
            status = rulec_test(args.path, args.sources);
        } else if (strcmp(command, "table") == 0) {
            status = rulec_table(args.path, args.json);
        } else {
            static char end_of_options[] = "--";
            args.rest[args.nrest++] = end_of_options;
            for (int i = 0; i < args.nclaim; i++)
                args.rest[args.nrest++] = args.claim[i];
            status = rulec_eval(args.path, args.nrest, args.rest);
        }
    }
    free(args.rest);
    return status;
}
