/* src/policy/run.c — the command line of a policy, shared by rulec eval and the generated
 * policy's program: options, then one claim (rendered by report.c) or a batch (batch.c).
 * It calls both; neither calls it, nor each other but for batch's use of report's renderers.
 * Part of rulec; see README.md for the licence. */
#include "run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "explain.h"
#include "report.h"

/* "," ";" or "tab" (or a tab itself) as the byte it names; -1 for anything else. */
static int run_delimiter(const char *text)
{
    if (strcmp(text, "tab") == 0 || strcmp(text, "\t") == 0)
        return '\t';
    if (strcmp(text, ",") == 0 || strcmp(text, ";") == 0)
        return text[0];
    return -1;
}

/* The batch's claims: standard input, or the one file named. */
static int run_batch(const struct rulec_policy *policy, enum batch_format format, int delimiter,
                        int count, char **args, FILE *out, FILE *err, const char *program)
{
    if (count > 1 || (count == 1 && strchr(args[0], '='))) {
        fprintf(err, "%s: avec --batch, les demandes se lisent dans un fichier ou sur l'entrée "
                "standard (« - »), pas en arguments nom=valeur\n", program);
        return 2;
    }
    FILE *in = stdin;
    if (count == 1 && strcmp(args[0], "-") != 0) {
        in = fopen(args[0], "rb");
        if (!in) {
            fprintf(err, "%s: %s : lecture des demandes impossible : %s\n", program, args[0],
                    strerror(errno));
            return 1;
        }
    }
    int status = batch_run(policy, format, delimiter, in, out, err, program);
    if (in != stdin)
        fclose(in);
    return status;
}

/* What the command line asks. */
struct run_options {
    int json, batch, delimiter, explain, all;
    const char *format, *why_not;
    char **args;          /* the arguments that are not options, in order */
    int count;
};

/* Reads the options (anywhere before "--") into o. Returns NULL, or what is wrong; an unknown
 * option is said at once on err, and returns "". */
static const char *run_options(int argc, char **argv, struct run_options *o, FILE *err,
                               const char *program)
{
    int options_done = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (options_done) {
            o->args[o->count++] = argv[i];
        } else if (strcmp(arg, "--") == 0) {
            options_done = 1;
        } else if (strcmp(arg, "--json") == 0) {
            o->json = 1;
        } else if (strcmp(arg, "--batch") == 0) {
            o->batch = 1;
        } else if (strcmp(arg, "--explain") == 0) {
            o->explain = 1;
        } else if (strcmp(arg, "--all") == 0) {
            o->all = o->explain = 1;
        } else if (strcmp(arg, "--why-not") == 0) {
            if (i + 1 >= argc)
                return "--why-not attend la réponse voulue : résultat=valeur, règle=nom, ou une "
                       "issue (non_précisé, invalide, décidé)";
            o->why_not = argv[++i];
            o->explain = 1;
        } else if (strcmp(arg, "--format") == 0 || strcmp(arg, "--delimiter") == 0) {
            if (i + 1 >= argc)
                return arg[2] == 'f' ? "--format attend csv ou jsonl"
                                     : "--delimiter attend « , », « ; » ou tab";
            if (arg[2] == 'f')
                o->format = argv[++i];
            else if ((o->delimiter = run_delimiter(argv[++i])) < 0)
                return "--delimiter : valeurs permises : « , », « ; », tab";
        } else if (arg[0] == '-' && arg[1] != '\0' && !strchr(arg, '=')) {
            fprintf(err, "%s: option inconnue « %s » ; options : --json, --explain, --all, "
                    "--why-not, --batch, --format, --delimiter, --help, --version\n", program, arg);
            return "";
        } else {
            o->args[o->count++] = argv[i];
        }
    }
    struct explain_options explain = { o->json, o->all, o->why_not };
    const char *problem = explain_options_problem(&explain);
    if (problem)
        return problem;
    if (!o->batch && !o->format && !o->delimiter)
        return NULL;
    return o->explain ? "--explain, --all et --why-not expliquent une demande à la fois : ils ne "
                        "servent pas avec --batch"
           : !o->batch ? "--format et --delimiter ne servent qu'avec --batch"
           : o->json ? "--json ne sert pas avec --batch : écrire --format jsonl"
           : o->format && strcmp(o->format, "csv") != 0 && strcmp(o->format, "jsonl") != 0
               ? "--format : valeurs permises : csv, jsonl"
           : o->delimiter && o->format && strcmp(o->format, "jsonl") == 0
               ? "--delimiter ne sert qu'avec le format csv"
               : NULL;
}

/* One claim from name=value arguments, decided and written. */
static int run_claim(const struct rulec_policy *policy, const struct run_options *o, FILE *out,
                     FILE *err, const char *program)
{
    struct rulec_claim claim;
    if (report_parse_claim(policy, o->count, o->args, &claim, err, program) != 0)
        return 2;
    if (o->explain) {
        struct explain_options options = { o->json, o->all, o->why_not };
        return explain_claim(policy, &claim, &options, out, err, program);
    }
    struct rulec_result result;
    enum rulec_status status = rulec_decide(policy, &claim, &result);
    if (status != RULEC_OK) {
        char text[RULEC_REFUSAL_SIZE];
        rulec_refusal_text(text, sizeof text, policy, &claim, status, &result);
        fprintf(err, "%s: %s\n", program, text);
        /* A claim that lacks what the decision needs is a bad claim; no rule deciding it
         * (an unfinished policy) or malformed tables is the rules' fault. */
        return status == RULEC_MISSING || status == RULEC_OUT_OF_RANGE || status == RULEC_BAD_INPUT ? 2 : 1;
    }
    if (o->json)
        report_json(out, policy, &result);
    else
        report_text(out, policy, &result);
    return 0;
}

int run_policy(const struct rulec_policy *policy, int argc, char **argv, FILE *out, FILE *err,
               const char *program)
{
    struct run_options o = { 0, 0, 0, 0, 0, NULL, NULL, NULL, 0 };
    o.args = argc > 0 ? malloc(sizeof *o.args * (size_t)argc) : NULL;
    if (argc > 0 && !o.args) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        return 1;
    }
    const char *problem = run_options(argc, argv, &o, err, program);
    int status;
    if (problem) {
        if (problem[0])
            fprintf(err, "%s: %s\n", program, problem);
        status = 2;
    } else if (o.batch) {
        status = run_batch(policy, o.format && strcmp(o.format, "jsonl") == 0 ? BATCH_JSONL
                           : BATCH_CSV, o.delimiter, o.count, o.args, out, err, program);
    } else {
        status = run_claim(policy, &o, out, err, program);
    }
    free(o.args);
    return status;
}
