/* src/rulec/rulec.c — the rulec command line: its commands (check, compile, eval, explain, test,
 * table, diff, doc) in one table, each run by the function the table names.
 * Part of rulec; see README.md for the licence. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compile.h"
#include "coverage.h"
#include "diff_report.h"
#include "doc.h"
#include "decision_table.h"
#include "emit.h"
#include "files.h"
#include "example.h"
#include "explain.h"
#include "keywords.h"
#include "report.h"
#include "run.h"
#include <rulec/rulec.h>

/* Where the commands write: stdout and stderr themselves for a batch, which streams, else
 * memory that main writes out escaped at the end (files_shield): what the rule file or a
 * claim holds cannot act on the terminal. Statics of this program, set once by main before
 * any command runs; no library code sees them. */
static FILE *rulec_out, *rulec_err;

/* Exit codes; keep in step with the usage text and README.md. */
enum {
    EXIT_OK = 0,
    EXIT_RULES = 1,    /* the rule file has errors, or an example failed */
    EXIT_USAGE = 2,    /* bad command line or bad claim */
    EXIT_IO = 3        /* a file could not be read or written */
};

/* The options each command takes. */
enum {
    OPT_SOURCES = 1, OPT_OUTPUT = 2, OPT_JSON = 4, OPT_BATCH = 8, OPT_COVERAGE = 16,
    OPT_REQUIRE = 32, OPT_ANSWERS_ONLY = 64, OPT_DIAGNOSTICS_JSON = 128, OPT_ALL = 256,
    OPT_WHY_NOT = 512
};
#define RULEC_OPTION_BITS 10

struct rulec_command;

/* What the command line says. */
struct rulec_args {
    const struct rulec_command *command;
    const char *paths[2];
    int npaths;
    const char *output, *sources;
    unsigned given;       /* the options given */
    const char *first_given[RULEC_OPTION_BITS];   /* the name each option was first given as,
                                                     by flag bit */
    const char *why_not;  /* explain --why-not's answer wanted */
    char **rest;          /* eval's options, then room for "--" and the claim */
    int nrest;
    char **claim;         /* eval's and explain's name=value arguments */
    int nclaim;
    int json_diagnostics; /* --diagnostics=json is on the command line, wherever */
};

static const char usage[] =
    "usage : rulec check [--sources DOSSIER] [--diagnostics=json] FICHIER\n"
    "        rulec compile [--sources DOSSIER] [--diagnostics=json] FICHIER -o DOSSIER\n"
    "        rulec eval FICHIER [--json] nom=valeur...\n"
    "        rulec eval FICHIER --batch [--format csv|jsonl] [--delimiter ,|;|tab] [DEMANDES|-]\n"
    "        rulec explain FICHIER [--json] [--all | --why-not RÉPONSE] nom=valeur...\n"
    "        rulec test [--sources DOSSIER] [--coverage] [--require-coverage] FICHIER\n"
    "        rulec table FICHIER [--json]\n"
    "        rulec diff [--sources DOSSIER] ANCIEN NOUVEAU [--json] [--answers-only]\n"
    "        rulec doc [--sources DOSSIER] FICHIER -o DOSSIER\n"
    "        rulec --help | --version\n"
    "\n"
    "  check    vérifie les noms et les types, prouve que chaque demande est décidée par\n"
    "           exactement une règle (après exceptions) et signale lacunes et conflits avec\n"
    "           une demande en exemple ; compte les règles qui citent, qui interprètent, les\n"
    "           issues non précisées et invalides\n"
    "  compile  vérifie et exécute les exemples, puis écrit DOSSIER/<politique>.h et\n"
    "           DOSSIER/<politique>.c ; rien n'est écrit si un exemple échoue ; DOSSIER\n"
    "           doit exister, comme pour un compilateur C\n"
    "  eval     décide une demande donnée en arguments nom=valeur ; avec --batch, chaque\n"
    "           demande lue (CSV avec ligne d'en-tête, ou JSON Lines), une réponse chacune\n"
    "  explain  la réponse, le passage sur lequel elle repose et les trois autres réponses\n"
    "           les plus proches, chacune avec ce qu'il faudrait changer ; --all ajoute les\n"
    "           règles qui s'appliquaient aussi et ont cédé, et pour chaque règle qui ne\n"
    "           s'applique pas la première de ses conditions qui échoue ; --why-not RÉPONSE\n"
    "           (résultat=valeur, règle=nom, non_précisé, invalide) le plus petit changement\n"
    "           de la demande qui la donnerait, ou qu'aucune demande ne l'obtient\n"
    "  test     exécute les exemples du fichier et écrit « N exemples réussis, N en échec » ;\n"
    "           avec --coverage, ce que décide chaque règle et chaque région de la table,\n"
    "           et une demande à coller dans un exemple pour chaque région qu'aucun\n"
    "           n'atteint ;\n"
    "           --require-coverage échoue si une règle n'est exercée par aucun exemple\n"
    "  table    la table de décision : chaque région de demandes complètes et sa réponse,\n"
    "           régions disjointes couvrant toutes les demandes ; --json pour les outils\n"
    "  diff     ce qu'une modification change : vocabulaire (et constantes C renumérotées),\n"
    "           textes (citations, raisons, interprétations, notes, étiquettes, sources),\n"
    "           chaque région de demandes dont la réponse change, avec un exemple, et les\n"
    "           propriétés qu'elle casse ou répare ; --answers-only ne compare que l'issue\n"
    "           et les sorties ; --sources dit si chaque nouvelle citation est dans le texte\n"
    "  doc      écrit DOSSIER/<politique>.html, le rapport de l'auditeur, en une page ;\n"
    "           DOSSIER est créé s'il manque\n"
    "\n"
    "  eval, test et explain acceptent un fichier inachevé : une demande qui tombe dans\n"
    "  une lacune ou un conflit reçoit « aucune règle ne décide » (statut 1).\n"
    "\n"
    "  --sources DOSSIER  cherche chaque citation dans le texte que sa source nomme\n"
    "                     (source … fichier \"nom\"), lu dans DOSSIER\n"
    "  --diagnostics=json (check, compile) chaque diagnostic en un objet JSON par ligne\n"
    "                     sur la sortie d'erreur : file, line, column, end, severity,\n"
    "                     message, et example (la demande) pour une lacune ou un conflit\n"
    "  FICHIER « - » : l'entrée standard. Les options vont n'importe où avant « -- ».\n"
    "\n"
    "statut de sortie : 0 succès ; 1 le fichier de règles a des erreurs ou un exemple échoue ;\n"
    "                   2 ligne de commande ou demande incorrecte ; 3 fichier illisible ou\n"
    "                   impossible à écrire, ou mémoire épuisée ;\n"
    "                   eval, explain : 1 aucune règle ne décide la demande ;\n"
    "                   diff : 0 aucun changement, 1 des changements, 2 erreur ;\n"
    "                   eval --batch : 0 toutes décidées, 3 certaines rejetées, 2 en-tête\n"
    "                   illisible ou incorrect, 1 erreur de lecture ou d'écriture\n";


/* Says what stops a command on stderr: "rulec: message", or with --diagnostics=json one JSON
 * object about path (diag_file_error), so that stderr holds JSON only. */
static void rulec_say(int json, const char *path, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static void rulec_say(int json, const char *path, const char *format, ...)
{
    char message[4096];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (json)
        diag_file_error(rulec_err, 1, path, "%s", message);
    else
        fprintf(rulec_err, "rulec: %s\n", message);
}

/* Compiles the rule file. On errors, counts them on stderr, releases the compilation and
 * returns the exit status; otherwise returns EXIT_OK and the caller releases it. */
static int rulec_load_with(struct compilation *c, const char *path,
                           const struct compile_options *options)
{
    int json = options->diagnostics_json;
    enum compile_status status = compile_file(c, path, options, rulec_err);
    if (status == COMPILE_OK)
        return EXIT_OK;
    /* With --diagnostics=json, stderr holds JSON objects only. */
    if (c->diag.errors && !json)
        fprintf(rulec_err, "%d %s\n", c->diag.errors, diag_plural(c->diag.errors, "erreur", "erreurs"));
    compile_free(c);
    /* Out of memory is a resource the machine lacks, like a file it cannot read. */
    return status == COMPILE_IO || status == COMPILE_MEMORY ? EXIT_IO : EXIT_RULES;
}

/* The syntax tree is released once checked: every command reads only the model and the
 * tables (what quote_verify found is kept in the model). */
static int rulec_load(struct compilation *c, const char *path, const char *sources,
                      int unfinished, int json)
{
    struct compile_options options = { .sources = sources, .unfinished = unfinished,
                                       .diagnostics_json = json,
                                       .check_names = emit_check_names, .release_tree = 1 };
    return rulec_load_with(c, path, &options);
}

/* What the citations rest on: quotes verified in the sources' texts (or not looked for), and
 * the citations of a source with no text, which nothing verifies, with the rules that make
 * them, since their answers rest on that source alone. */
static void rulec_citation_counts(const struct compilation *c, const char *sources)
{
    const struct quote_counts *q = &c->quotes;
    const struct check_model *m = c->model;
    if (c->quotes_checked)
        fprintf(rulec_out, "  citations : %d %s dans les textes de %s%s", q->verified,
               diag_plural(q->verified, "vérifiée", "vérifiées"), sources,
               q->misplaced ? ", dont certaines hors de la section citée" : "");
    else if (q->unverified)
        fprintf(rulec_out, "  citations : %d %s : donnez --sources DOSSIER pour les chercher dans les "
               "textes des sources", q->unverified, diag_plural(q->unverified, "non vérifiée",
                                                                 "non vérifiées"));
    else    /* none to look for: --sources would find nothing to verify */
        fprintf(rulec_out, "  citations : aucune à chercher dans le texte d'une source");
    if (q->no_quote)
        fprintf(rulec_out, " ; %d sans citation textuelle", q->no_quote);
    if (q->textless) {
        fprintf(rulec_out, " ; %d %s sur une source sans texte, que rien ne vérifie", q->textless,
               diag_plural(q->textless, "repose", "reposent"));
        int sources_shown = 0;
        for (int s = 0; s < m->nsources; s++) {
            if (m->sources[s].file)
                continue;
            int rules = 0;
            for (int r = 0; r < m->nrules; r++) {
                int cites = 0;
                for (int i = 0; i < m->rules[r].ncites; i++)
                    cites |= m->rules[r].cites[i].source == s;
                if (!cites)
                    continue;
                if (rules == 0)
                    fprintf(rulec_out, "%s%s, dans les règles ", sources_shown++ ? " ; " : " (",
                           m->sources[s].name);
                if (rules < 5)
                    fprintf(rulec_out, "%s%s", rules ? ", " : "", m->rules[r].name);
                else if (rules == 5)
                    fprintf(rulec_out, ", …");
                rules++;
            }
            int properties = 0, citing = 0;
            for (int k = 0; k < m->nproperties; k++)
                for (int i = 0; i < m->properties[k].ncites; i++)
                    if (m->properties[k].cites[i].source == s) {
                        citing++;
                        break;
                    }
            for (int k = 0; k < m->nproperties; k++) {
                int cites = 0;
                for (int i = 0; i < m->properties[k].ncites; i++)
                    cites |= m->properties[k].cites[i].source == s;
                if (!cites)
                    continue;
                if (properties == 0 && rules)
                    fprintf(rulec_out, ", et dans %s ",
                            diag_plural(citing, "la propriété", "les propriétés"));
                else if (properties == 0)
                    fprintf(rulec_out, "%s%s, dans %s ", sources_shown++ ? " ; " : " (",
                            m->sources[s].name,
                            diag_plural(citing, "la propriété", "les propriétés"));
                if (properties < 5)
                    fprintf(rulec_out, "%s%s", properties ? ", " : "", m->properties[k].name);
                else if (properties == 5)
                    fprintf(rulec_out, ", …");
                properties++;
            }
        }
        if (sources_shown)
            fputc(')', rulec_out);
    }
    fputc('\n', rulec_out);
}

static int command_check(const struct rulec_args *a)
{
    const char *path = a->paths[0], *sources = a->sources;
    int json = (a->given & OPT_DIAGNOSTICS_JSON) != 0;
    struct compilation c;
    int status = rulec_load(&c, path, sources, 0, json);
    if (status != EXIT_OK)
        return status;
    const struct check_model *m = c.model;
    int nderived = m->nvars - m->ninputs;
    fprintf(rulec_out, "%s: politique %s : %d %s, %d %s, %d %s, %d %s ; chaque demande est décidée par "
           "exactement une règle (%lu %s)%s\n", c.diag.path, m->name,
           m->nrules, diag_plural(m->nrules, "règle", "règles"),
           m->ninputs, diag_plural(m->ninputs, "entrée", "entrées"),
           nderived, diag_plural(nderived, "valeur dérivée", "valeurs dérivées"),
           m->noutputs, diag_plural(m->noutputs, "sortie", "sorties"),
           (unsigned long)c.policy->nnodes,
           diag_plural((long)c.policy->nnodes, "nœud de décision", "nœuds de décision"),
           c.diag.warnings ? ", avec avertissements" : "");
    int interpret = 0, unspecified = 0, invalid = 0;
    for (int r = 0; r < m->nrules; r++) {
        interpret += m->rules[r].interpretation != NULL;
        unspecified += m->rules[r].outcome == RULEC_OUTCOME_UNSPECIFIED;
        invalid += m->rules[r].outcome == RULEC_OUTCOME_INVALID;
    }
    int literal = m->nrules - interpret;
    fprintf(rulec_out, "  règles : %d %s le texte tel qu'il est écrit (%s), %d %s sur une lecture de "
           "plusieurs passages (%s) ; %d %s (%s), %d %s (%s)\n",
           literal, diag_plural(literal, "applique", "appliquent"), keyword(&c.diag, "cites"),
           interpret, diag_plural(interpret, "repose", "reposent"), keyword(&c.diag, "interprets"),
           unspecified, diag_plural(unspecified, "non précisée", "non précisées"),
           keyword(&c.diag, "unspecified"),
           invalid, diag_plural(invalid, "invalide", "invalides"), keyword(&c.diag, "invalid"));
    rulec_citation_counts(&c, sources);
    if (m->nproperties)
        fprintf(rulec_out, "  propriétés : %d %s pour toute demande\n", m->nproperties,
                diag_plural(m->nproperties, "prouvée", "prouvées"));
    compile_free(&c);
    return EXIT_OK;
}

/* "name.first" and, when second is given, "name.second" after its NUL, in one allocation.
 * Returns NULL when memory ran out. */
static char *rulec_file_names(const char *name, const char *first, const char *second)
{
    size_t length = strlen(name) + 1;
    char *names = malloc(2 * (length + 8));
    if (!names)
        return NULL;
    int used = sprintf(names, "%s.%s", name, first);
    if (second)
        sprintf(names + used + 1, "%s.%s", name, second);
    return names;
}

/* Runs the file's examples; failures are reported through the compilation's diagnostics.
 * Returns how many failed. */
static int rulec_examples(struct compilation *c, int *passed)
{
    int failed = 0;
    *passed = 0;
    for (int i = 0; i < c->model->nexamples; i++) {
        if (example_run(&c->arena, &c->diag, c->policy, &c->model->examples[i]) == 0)
            (*passed)++;
        else
            failed++;
    }
    return failed;
}

/* A file written as it is made rather than kept whole (files_output.fill): the tables' C of
 * 100,000 rules is 130 MB, the report of 30,000 rules 127 MB, and a buffer doubling to hold
 * either took twice that. write makes the text into the buffer, which hands it to fd as it
 * grows; it returns 0, or -1 when it could not make it (memory ran out; for the report, also
 * a policy too large to tabulate). */
struct rulec_stream {
    int (*write)(struct rulec_stream *stream, struct buffer *text);
    struct compilation *c;
    int fd;
    int error;                     /* errno of the write that failed, or 0 */
    int failed;                    /* write returned -1 */
};

static int rulec_stream_write(void *context, const char *data, size_t length)
{
    struct rulec_stream *stream = context;
    if (files_write_all(stream->fd, data, length) == 0)
        return 0;
    stream->error = errno;
    return -1;
}

static int rulec_stream_fill(void *context, int fd)
{
    struct rulec_stream *stream = context;
    stream->fd = fd;
    struct buffer_sink sink = { .write = rulec_stream_write, .context = stream };
    struct buffer text = { .sink = &sink };
    int status = stream->write(stream, &text);
    int saved = 0;
    if (sink.failed) {
        /* The file could not be written (a full disk, a file too large): what happened first,
         * said even if making the text failed after. */
        saved = stream->error;
        status = -1;
    } else if (status != 0) {
        stream->failed = 1;        /* nothing of a text not made is written */
        saved = ENOMEM;
    } else if (buffer_finish(&text) != 0) {
        saved = stream->error;
        status = -1;
    }
    buffer_free(&text);
    errno = saved;
    return status;
}

static int rulec_write_source(struct rulec_stream *stream, struct buffer *text)
{
    return emit_policy_source(stream->c->policy, stream->c->policy->rule_sha256, text);
}

static int rulec_write_page(struct rulec_stream *stream, struct buffer *text)
{
    return doc_write(text, stream->c);
}

static int command_compile(const struct rulec_args *a)
{
    const char *path = a->paths[0], *dir = a->output, *sources = a->sources;
    int json = (a->given & OPT_DIAGNOSTICS_JSON) != 0;
    struct compilation c;
    int status = rulec_load(&c, path, sources, 0, json);
    if (status != EXIT_OK)
        return status;
    int passed, failed = rulec_examples(&c, &passed);
    if (failed) {
        rulec_say(json, c.diag.path, "%d %s sur %d %s : les tables ne sont pas écrites", failed,
                  diag_plural(failed, "exemple", "exemples"), c.model->nexamples,
                  diag_plural(failed, "échoue", "échouent"));
        compile_free(&c);
        return EXIT_RULES;
    }
    /* Released before the C, which grows as large, is written. */
    compile_release_diagram(&c);
    struct buffer header = { .data = NULL };
    int result = EXIT_OK;
    char error[4096];
    if (emit_policy_header(c.policy, c.policy->rule_sha256, &header) != 0) {
        rulec_say(json, c.diag.path, "mémoire épuisée pendant l'écriture du C");
        result = EXIT_IO;
    } else {
        /* Both files are written before either replaces the old one (files.h); the source goes
         * to its temporary as it is made (rulec_stream). */
        char *names = rulec_file_names(c.model->name, "h", "c");
        struct rulec_stream source = { .write = rulec_write_source, .c = &c };
        struct files_output files[2] = {
            { .name = names, .data = header.data, .length = header.length },
            { .name = names ? names + strlen(names) + 1 : NULL, .fill = rulec_stream_fill,
              .context = &source },
        };
        if (!names) {
            rulec_say(json, c.diag.path, "mémoire épuisée");
            result = EXIT_IO;
        } else if (files_write(error, sizeof error, dir, files, 2) != 0) {
            if (source.failed)
                rulec_say(json, c.diag.path, "mémoire épuisée pendant l'écriture du C");
            else
                rulec_say(json, c.diag.path, "%s", error);
            result = EXIT_IO;
        }
        free(names);
    }
    buffer_free(&header);
    compile_free(&c);
    return result;
}

/* For what a person reads (eval, explain, the report): the rule file as the user named it
 * ("../y1/r.rules"), not the two last parts that generated tables carry so that they do not
 * depend on where they were built. */
static void rulec_named_as_given(struct compilation *c)
{
    c->policy->rule_file = c->diag.path;
}

/* The policy's own command line (src/policy/run.c), as build/ramq2018 has it: eval's options,
 * then the claim after "--". */
static int command_eval(const struct rulec_args *a)
{
    struct compilation c;
    int status = rulec_load(&c, a->paths[0], NULL, 1, 0);
    if (status != EXIT_OK)
        return status;
    rulec_named_as_given(&c);
    static char end_of_options[] = "--";
    int argc = a->nrest;
    a->rest[argc++] = end_of_options;
    for (int i = 0; i < a->nclaim; i++)
        a->rest[argc++] = a->claim[i];
    /* run_policy's statuses are this program's: 0, 2 bad claim, 1 malformed tables. */
    status = run_policy(c.policy, argc, a->rest, rulec_out, rulec_err, "rulec");
    compile_free(&c);
    return status;
}

/* Why the claim gets its answer, or what would give it another (src/policy/explain.c). */
static int command_explain(const struct rulec_args *a)
{
    struct compilation c;
    int status = rulec_load(&c, a->paths[0], NULL, 1, 0);
    if (status != EXIT_OK)
        return status;
    rulec_named_as_given(&c);
    struct explain_options options = { (a->given & OPT_JSON) != 0, (a->given & OPT_ALL) != 0,
                                       a->why_not };
    const char *problem = explain_options_problem(&options);
    struct rulec_claim claim;
    if (problem) {
        fprintf(rulec_err, "rulec: %s\n", problem);
        status = EXIT_USAGE;
    } else if (report_parse_claim(c.policy, a->nclaim, a->claim, &claim, rulec_err, "rulec") != 0) {
        status = EXIT_USAGE;
    } else {
        status = explain_claim(c.policy, &claim, &options, rulec_out, rulec_err, "rulec");
    }
    compile_free(&c);
    return status;
}

static int command_test(const struct rulec_args *a)
{
    const char *path = a->paths[0], *sources = a->sources;
    int coverage = (a->given & OPT_COVERAGE) != 0, require = (a->given & OPT_REQUIRE) != 0;
    struct compilation c;
    int status = rulec_load(&c, path, sources, 1, 0);
    if (status != EXIT_OK)
        return status;
    int passed, failed = rulec_examples(&c, &passed);
    fprintf(rulec_out, "%d %s, %d en échec\n", passed, diag_plural(passed, "exemple réussi", "exemples réussis"),
           failed);
    /* A property that fails was reported as a warning (the file may be unfinished): here it
     * fails the test, as an example does. */
    int proven = c.model->nproperties - c.nproperties_failed;
    if (c.model->nproperties)
        fprintf(rulec_out, "%d %s, %d en échec\n", proven,
                diag_plural(proven, "propriété prouvée", "propriétés prouvées"),
                c.nproperties_failed);
    status = failed || c.nproperties_failed ? EXIT_RULES : EXIT_OK;
    if (coverage || require) {
        int uncovered = coverage_report(rulec_out, &c, coverage);
        if (uncovered < 0) {
            fprintf(rulec_err, "rulec: %s : la politique a trop de chemins pour en mesurer la "
                    "couverture (plus de %ld étapes) ou la mémoire manque\n", path,
                    REGIONS_BUDGET);
            status = EXIT_RULES;
        } else if (require && uncovered > 0) {
            status = EXIT_RULES;
        }
    }
    compile_free(&c);
    return status;
}

static int command_table(const struct rulec_args *a)
{
    const char *path = a->paths[0];
    int json = (a->given & OPT_JSON) != 0;
    struct compilation c;
    int status = rulec_load(&c, path, NULL, 0, 0);
    if (status != EXIT_OK)
        return status;
    struct region_table table;
    int language = c.diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH, written;
    if (regions_fit(c.model, c.diagram) && regions_build(&c.arena, c.model, c.diagram, &table) == 0)
        written = json ? decision_table_json(rulec_out, c.model, c.policy, &table)
                       : decision_table_text(rulec_out, c.model, c.policy, &table, language);
    else    /* past REGIONS_BUDGET steps (or out of memory): written as walked, unmerged, and
             * straight to stdout, not through main's shield, which holds all output in memory
             * (1 GB for 2^22 regions). Nothing in a table acts on a terminal: names are ASCII
             * (the lexer refuses others), values are numbers, dates and members, and a JSON
             * string escapes every character the shield would name (sink_json_string). */
        written = decision_table_stream(stdout, c.model, c.policy, c.diagram, json, language);
    compile_free(&c);
    if (written == -2) {
        fprintf(rulec_err, "rulec: %s : la mémoire manque pour écrire la table\n", path);
        return EXIT_RULES;
    }
    if (written != 0) {
        fprintf(rulec_err, "rulec: écriture de la table impossible : %s\n", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}


static int command_diff(const struct rulec_args *a)
{
    const char *old_path = a->paths[0], *new_path = a->paths[1], *sources = a->sources;
    int json = (a->given & OPT_JSON) != 0, answers_only = (a->given & OPT_ANSWERS_ONLY) != 0;
    struct compilation old, new;
    /* Unfinished files too: the edit under way may open a gap, which the diff then shows;
     * and a property it breaks, which the diff says with the claim that breaks it. */
    struct compile_options options = { .sources = sources, .unfinished = 1, .properties_quiet = 1,
                                       .check_names = emit_check_names, .release_tree = 1 };
    int status = rulec_load_with(&old, old_path, &options);
    if (status != EXIT_OK)
        return status == EXIT_RULES ? EXIT_USAGE : status;
    status = rulec_load_with(&new, new_path, &options);
    if (status != EXIT_OK) {
        compile_free(&old);
        return status == EXIT_RULES ? EXIT_USAGE : status;
    }
    int changes = diff_policies(rulec_out, rulec_err, &old, &new, json, answers_only);
    compile_free(&old);
    compile_free(&new);
    /* 0 nothing changes, 1 something does; a diff that could not be made is an error. */
    return changes < 0 ? (changes == -2 ? EXIT_IO : EXIT_USAGE) : changes > 0;
}

/* Makes dir and the folders above it that are missing, as mkdir -p does. Returns 0, or -1
 * with errno set and the path that failed said on stderr. */
static int rulec_make_dir(const char *dir)
{
    char *path = malloc(strlen(dir) + 1);
    if (!path) {
        fputs("rulec: mémoire épuisée\n", rulec_err);
        return -1;
    }
    strcpy(path, dir);
    int status = 0;
    for (char *p = path + 1; status == 0; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char kept = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(path, 0777) != 0 && (errno != EEXIST || stat(path, &st) != 0
                                      || !S_ISDIR(st.st_mode))) {
            if (errno == EEXIST)
                errno = ENOTDIR;
            fprintf(rulec_err, "rulec: création du dossier %s impossible : %s\n", path,
                    strerror(errno));
            status = -1;
        }
        *p = kept;
        if (kept == '\0')
            break;
    }
    free(path);
    return status;
}

static int command_doc(const struct rulec_args *a)
{
    const char *path = a->paths[0], *dir = a->output, *sources = a->sources;
    struct compilation c;
    int status = rulec_load(&c, path, sources, 0, 0);
    if (status != EXIT_OK)
        return status;
    rulec_named_as_given(&c);
    int result = EXIT_OK;
    char *names = NULL, error[4096];
    struct rulec_stream page = { .write = rulec_write_page, .c = &c };
    /* A report goes where it is asked, folders made as needed (compile, like a C compiler,
     * writes only into a folder that exists: generated code lands in a tree of the
     * project's, and a mistyped -o should not grow a new one). */
    if (rulec_make_dir(dir) != 0) {
        result = EXIT_IO;
    } else if (!(names = rulec_file_names(c.model->name, "html", NULL))) {
        fputs("rulec: mémoire épuisée\n", rulec_err);
        result = EXIT_IO;
    } else if (files_write(error, sizeof error, dir,
                           &(struct files_output){ .name = names, .fill = rulec_stream_fill, .context = &page },
                           1) != 0) {
        /* The page is written as it is made: a report that could not be made leaves no file. */
        if (page.failed)
            fprintf(rulec_err, "rulec: %s : le rapport n'a pu être écrit (politique trop grande pour "
                    "en dresser la table, ou mémoire épuisée)\n", path);
        else
            fprintf(rulec_err, "rulec: %s\n", error);
        result = EXIT_IO;
    } else {
        fprintf(rulec_out, "%s/%s.html\n", dir, c.model->name);
    }
    free(names);
    compile_free(&c);
    return result;
}

/* The commands: what each takes, and the function that runs it (main calls it, once the
 * command line is valid for it). */
struct rulec_command {
    const char *name;
    int paths;            /* rule files named */
    unsigned options;     /* the options it takes */
    int claim;            /* 1: name=value arguments follow */
    int (*run)(const struct rulec_args *args);   /* returns the exit status */
    const char *also;     /* other words for it, space-separated, that an unknown command
                             suggests it for (the French verb first): never accepted as it */
    unsigned marks;       /* options that only it takes among those a mistyped command line
                             may carry before its file: what rulec_unknown_command suggests */
};

static const struct rulec_command rulec_commands[] = {
    { "check", 1, OPT_SOURCES | OPT_DIAGNOSTICS_JSON, 0, command_check, "vérifier verify", 0 },
    { "compile", 1, OPT_SOURCES | OPT_OUTPUT | OPT_DIAGNOSTICS_JSON, 0, command_compile,
      "compiler", OPT_OUTPUT },
    { "eval", 1, OPT_JSON | OPT_BATCH, 1, command_eval, "évaluer décider evaluate decide", OPT_BATCH },
    { "explain", 1, OPT_JSON | OPT_ALL | OPT_WHY_NOT, 1, command_explain, "expliquer why",
      OPT_ALL | OPT_WHY_NOT },
    { "test", 1, OPT_SOURCES | OPT_COVERAGE | OPT_REQUIRE, 0, command_test, "tester",
      OPT_COVERAGE | OPT_REQUIRE },
    { "table", 1, OPT_JSON, 0, command_table, "tableau", 0 },
    { "diff", 2, OPT_SOURCES | OPT_JSON | OPT_ANSWERS_ONLY, 0, command_diff,
      "comparer différence compare", OPT_ANSWERS_ONLY },
    { "doc", 1, OPT_SOURCES | OPT_OUTPUT, 0, command_doc, "rapport report audit", 0 },
};

static const struct rulec_option {
    const char *name;
    unsigned flag;
    int takes_value;
} rulec_options[] = {
    { "--sources", OPT_SOURCES, 1 }, { "-o", OPT_OUTPUT, 1 }, { "--json", OPT_JSON, 0 },
    { "--batch", OPT_BATCH, 0 }, { "--format", OPT_BATCH, 1 }, { "--delimiter", OPT_BATCH, 1 },
    { "--coverage", OPT_COVERAGE, 0 }, { "--require-coverage", OPT_REQUIRE, 0 },
    { "--answers-only", OPT_ANSWERS_ONLY, 0 }, { "--diagnostics=json", OPT_DIAGNOSTICS_JSON, 0 },
    { "--all", OPT_ALL, 0 }, { "--why-not", OPT_WHY_NOT, 1 },
};


/* A bad command line: the message and the usage; with --diagnostics=json anywhere on it, one
 * JSON object (its "file" is "rulec", as the command is what is wrong). */
static int rulec_usage_error(const struct rulec_args *args, const char *message)
{
    if (args->json_diagnostics)
        diag_file_error(rulec_err, 1, "rulec", "%s ; voir rulec --help", message);
    else
        fprintf(rulec_err, "rulec: %s\n%s", message, usage);
    return EXIT_USAGE;
}

/* Whether text, a word from the command line, may be shown as it is: every character shows as
 * itself (rulec_display_char: no control, no bidirectional override, UTF-8), and it is short. */
static int rulec_showable(const char *text)
{
    size_t length = strlen(text);
    if (length > 200)
        return 0;
    for (size_t at = 0; at < length;) {
        char shown[RULEC_DISPLAY_SIZE];
        int escaped;
        at += rulec_display_char(text + at, RULEC_UTF8_MAX, shown, &escaped);
        if (escaped || (unsigned char)text[at - 1] <= ' ')
            return 0;
    }
    return 1;
}

/* text with the accented letters of French as their plain letter (é as e, ç as c), into out
 * of size bytes: "verifier" is asked for as often as "vérifier". */
static const char *rulec_fold(const char *text, char *out, size_t size)
{
    static const char plain[] = "aaaaaaeceeeeiiiidnooooo/ouuuuyty";   /* U+00E0 to U+00FF */
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && n + 1 < size; p++)
        if (p[0] == 0xc3 && p[1] >= 0xa0 && p[1] <= 0xbf)
            out[n++] = plain[*++p - 0xa0];
        else
            out[n++] = (char)*p;
    out[n] = '\0';
    return out;
}

/* Whether word, folded, is one of the space-separated words of list, folded. */
static int rulec_among(const char *word, const char *list)
{
    char folded[64], candidate[64], one[64];
    rulec_fold(word, folded, sizeof folded);
    for (const char *p = list; *p;) {
        size_t length = strcspn(p, " ");
        if (length < sizeof one) {
            memcpy(one, p, length);
            one[length] = '\0';
            if (strcmp(folded, rulec_fold(one, candidate, sizeof candidate)) == 0)
                return 1;
        }
        p += length + (p[length] == ' ');
    }
    return 0;
}

/* A command rulec lacks, with what was likely meant: the command of another name that does it
 * (rulec_command.also; the coverage is test's option), one spelt nearly so, or, for a rule file
 * where the command goes, the command line with the command its options call for before it.
 * A word is shown only when it shows as itself (rulec_showable): it comes from the command
 * line, and goes to the terminal. With a suggestion, the message alone, not the usage under
 * which it would scroll away. */
static int rulec_unknown_command(const struct rulec_args *args, const char *arg, int argc, char **argv)
{
    size_t ncommands = sizeof rulec_commands / sizeof *rulec_commands;
    const char *meant = NULL;
    if (rulec_among(arg, "coverage couverture"))
        meant = "test --coverage";
    for (size_t k = 0; k < ncommands && !meant; k++)
        if (rulec_among(arg, rulec_commands[k].also))
            meant = rulec_commands[k].name;
    int best = 3;
    for (size_t k = 0; k < ncommands && !meant; k++) {
        int distance = report_distance(arg, strlen(arg), rulec_commands[k].name);
        if (distance < best) {
            best = distance;
            meant = rulec_commands[k].name;
        }
    }
    int shown = rulec_showable(arg);
    char message[1024];
    size_t length = strlen(arg);
    struct stat st;
    if ((length > 6 && strcmp(arg + length - 6, ".rules") == 0) || (stat(arg, &st) == 0 && S_ISREG(st.st_mode))) {
        /* A rule file: the command its options call for (check when none does), then the
         * command line as it was typed. */
        const char *command = "check";
        for (size_t k = 0; k < ncommands; k++)
            if (args->given & rulec_commands[k].marks)
                command = rulec_commands[k].name;
        int used = snprintf(message, sizeof message, "%s%s%s n'est pas une commande : la commande "
                            "vient d'abord, « rulec %s", shown ? "« " : "un fichier de règles",
                            shown ? arg : "", shown ? " »" : "", command);
        int whole = shown;
        for (int i = 1; i < argc && whole && used > 0 && (size_t)used < sizeof message; i++) {
            whole = rulec_showable(argv[i]);
            if (whole)
                used += snprintf(message + used, sizeof message - (size_t)used, " %s", argv[i]);
        }
        if (used > 0 && (size_t)used < sizeof message)
            snprintf(message + used, sizeof message - (size_t)used, "%s", whole ? " »" : " FICHIER »");
        meant = command;
    } else {
        snprintf(message, sizeof message, "commande inconnue%s%s%s%s%s%s", shown ? " « " : "",
                 shown ? arg : "", shown ? " »" : "", meant ? " ; vouliez-vous dire « rulec " : "",
                 meant ? meant : "", meant ? " » ?" : "");
    }
    if (!meant || args->json_diagnostics)
        return rulec_usage_error(args, message);
    fprintf(rulec_err, "rulec: %s\n(rulec --help : toutes les commandes)\n", message);
    return EXIT_USAGE;
}

static int rulec_flag_bit(unsigned flag)
{
    int bit = 0;
    while (flag > 1u) {
        flag >>= 1;
        bit++;
    }
    return bit;
}

/* Reads options anywhere before "--", in any order; eval's are kept in args->rest for
 * run_policy. Returns -1 to go on, or the exit status (--help, --version, a bad option). */
static int rulec_parse(int argc, char **argv, struct rulec_args *args)
{
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int option = !options_done && arg[0] == '-' && arg[1] != '\0';
        if (option && strcmp(arg, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (option && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
            fputs(usage, rulec_out);
            return EXIT_OK;
        }
        if (option && strcmp(arg, "--version") == 0) {
            fprintf(rulec_out, "rulec %s\n", RULEC_VERSION);
            return EXIT_OK;
        }
        if (option) {
            const struct rulec_option *known = NULL;
            for (size_t k = 0; k < sizeof rulec_options / sizeof *rulec_options; k++)
                if (strcmp(arg, rulec_options[k].name) == 0)
                    known = &rulec_options[k];
            if (!known) {
                char message[256];
                if (rulec_showable(arg))
                    snprintf(message, sizeof message, "option inconnue « %s »", arg);
                else
                    snprintf(message, sizeof message, "option inconnue");
                return rulec_usage_error(args, message);
            }
            if (known->takes_value && i + 1 >= argc) {
                char message[128];
                snprintf(message, sizeof message, "l'option %s attend une valeur", arg);
                return rulec_usage_error(args, message);
            }
            if (!(args->given & known->flag))
                args->first_given[rulec_flag_bit(known->flag)] = known->name;
            args->given |= known->flag;
            if (known->flag == OPT_OUTPUT)
                args->output = argv[++i];
            else if (known->flag == OPT_SOURCES)
                args->sources = argv[++i];
            else if (known->flag == OPT_WHY_NOT)
                args->why_not = argv[++i];
            else if (known->flag == OPT_JSON || known->flag == OPT_BATCH) {
                /* eval passes them on to the policy's command line. */
                args->rest[args->nrest++] = argv[i];
                if (known->takes_value)
                    args->rest[args->nrest++] = argv[++i];
            }
            continue;
        }
        if (!args->command) {
            for (size_t k = 0; k < sizeof rulec_commands / sizeof *rulec_commands; k++)
                if (strcmp(arg, rulec_commands[k].name) == 0)
                    args->command = &rulec_commands[k];
            if (!args->command)
                return rulec_unknown_command(args, arg, argc, argv);
        } else if (args->npaths < args->command->paths) {
            args->paths[args->npaths++] = arg;
        } else if (args->command->claim) {
            args->claim[args->nclaim++] = argv[i];
        } else {
            return rulec_usage_error(args, "argument de trop");
        }
    }
    return -1;
}

/* Whether the options suit the command. Returns -1 when they do, else the exit status. */
static int rulec_validate(const struct rulec_args *args)
{
    const struct rulec_command *command = args->command;
    if (!command)
        return rulec_usage_error(args, "commande manquante");
    if (args->npaths < command->paths)
        return rulec_usage_error(args, command->paths == 2 ? "diff compare deux fichiers de règles : "
                                                       "ANCIEN et NOUVEAU"
                                                     : "fichier de règles manquant");
    unsigned extra = args->given & ~command->options;
    if (extra) {
        char message[256];
        snprintf(message, sizeof message, "%s ne sert pas avec %s : voir rulec --help",
                 args->first_given[rulec_flag_bit(extra & -extra)], command->name);
        return rulec_usage_error(args, message);
    }
    if ((command->options & OPT_OUTPUT) && !args->output) {
        char message[128];
        snprintf(message, sizeof message, "%s écrit dans le dossier donné par -o DOSSIER",
                 command->name);
        return rulec_usage_error(args, message);
    }
    return -1;
}

int main(int argc, char **argv)
{
    struct rulec_args args;
    memset(&args, 0, sizeof args);
    /* rest and claim share one array: rest grows from the front, claim from argc + 1, and
     * eval copies claim behind rest, never past what it has read. */
    args.rest = malloc(sizeof *args.rest * ((size_t)argc * 2 + 4));
    if (!args.rest) {
        fputs("rulec: mémoire épuisée\n", stderr);
        return EXIT_IO;
    }
    rulec_out = stdout;
    rulec_err = stderr;
    args.claim = args.rest + argc + 2;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        args.json_diagnostics |= strcmp(argv[i], "--diagnostics=json") == 0;
    int status = rulec_parse(argc, argv, &args);
    if (status < 0)
        status = rulec_validate(&args);
    /* Messages always, answers but a batch's (which stream): files_shield. */
    struct files_shield out, err;
    int shielded = status < 0, batch = (args.given & OPT_BATCH) != 0;
    if (shielded) {
        rulec_out = batch ? stdout : files_shield_open(&out, stdout);
        rulec_err = files_shield_open(&err, stderr);
    }
    if (status < 0)
        status = args.command->run(&args);
    free(args.rest);
    if (shielded) {
        int kept = files_shield_close(&err) == 0;
        if ((!batch && files_shield_close(&out) != 0) || !kept) {
            fputs("rulec: mémoire épuisée : la sortie est incomplète\n", stderr);
            status = EXIT_IO;
        }
    }
    /* A full disk or a closed pipe under stdout is a file that could not be written, unless
     * the command already failed for its own reason (eval --batch: 1 on a write error). */
    if (files_close_stdout("rulec") != 0 && status == EXIT_OK)
        status = EXIT_IO;
    return status;
}
