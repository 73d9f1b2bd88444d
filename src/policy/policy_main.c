/* src/policy/policy_main.c — the evaluator program of a generated policy (build/ramq2018):
 * decides one claim given as name=value arguments, for a clerk or as JSON.
 * Part of rulec; see README.md for the licence.
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy. */
#include <stdio.h>
#include <string.h>

#include "files.h"
#include "report.h"
#include "run.h"
#include <rulec/rulec.h>
#include POLICY_HEADER

static void policy_usage(FILE *out, const struct rulec_policy *policy)
{
    const char *program = policy->name;
    fprintf(out, "usage : %s [--json] nom=valeur...\n"
            "        %s --explain [--json] [--all | --why-not RÉPONSE] nom=valeur...\n"
            "        %s --batch [--format csv|jsonl] [--delimiter ,|;|tab] [DEMANDES|-]\n"
            "        %s --help | --version\n\n"
            "%s\n\nDonnées de la demande :\n", program, program, program, program, policy->title);
    for (unsigned v = 0; v < policy->ninputs; v++) {
        const struct rulec_var *var = &policy->vars[v];
        fprintf(out, "  %-22s %s", var->name, var->label);
        if (var->type == RULEC_TYPE_ENUM) {
            fputs(" :", out);
            for (unsigned m = 0; m < var->nmembers; m++)
                fprintf(out, " %s", var->members[m]);
        } else if (var->type == RULEC_TYPE_INT && var->bounded) {
            char range[64];
            rulec_range_text(range, sizeof range, var->low, var->high);
            fprintf(out, " : entier %s", range);
        } else {
            fprintf(out, " : %s", var->type == RULEC_TYPE_DATE ? "AAAA-MM-JJ"
                                  : var->type == RULEC_TYPE_BOOL ? "true ou false (ou 1, 0)" : "entier");
        }
        fputc('\n', out);
    }
    fputs("\n--explain dit la réponse, le passage sur lequel elle repose et les trois autres\n"
          "réponses les plus proches, chacune avec ce qu'il faudrait changer à la demande ;\n"
          "--all, toutes les règles (celles qui ont cédé, et pour chaque autre la condition qui\n"
          "échoue) ; --why-not RÉPONSE (résultat=valeur, règle=nom, non_précisé ou invalide),\n"
          "le plus petit changement qui la donnerait. --all et --why-not valent --explain.\n", out);
    fputs("\n--batch lit les demandes dans le fichier DEMANDES, ou sur l'entrée standard (sans\n"
          "fichier, ou « - ») : CSV avec une ligne d'en-tête qui nomme les colonnes (champ vide :\n"
          "donnée absente ; séparateur « , », « ; » ou tabulation, reconnu dans l'en-tête ou\n"
          "donné par --delimiter), ou JSON Lines avec --format jsonl ; il écrit une réponse par\n"
          "demande, dans l'ordre. Les options vont n'importe où avant « -- ».\n"
          "\nStatut de sortie : 0 décision rendue ; 2 ligne de commande incorrecte, demande\n"
          "incomplète ou valeur refusée ; 1 erreur interne ou réponse impossible à écrire.\n"
          "Avec --batch : 0 toutes décidées ; 3 certaines rejetées ; 2 en-tête illisible ou\n"
          "incorrect (aucune colonne ne nomme une donnée, colonne nommée deux fois ou comme une\n"
          "colonne de la réponse, nom presque celui d'une donnée) ; 1 erreur de lecture ou\n"
          "d'écriture.\n", out);
}

int main(int argc, char **argv)
{
    const struct rulec_policy *policy = POLICY_TABLES();
    if (argc < 2) {
        policy_usage(stderr, policy);
        return 2;
    }
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            policy_usage(stdout, policy);
            return files_close_stdout(policy->name) != 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("%s (%s)\nrègles : %s, SHA-256 %s\n", policy->name, policy->generator,
                   policy->rule_file, policy->rule_sha256);
            return files_close_stdout(policy->name) != 0;
        }
    }
    /* One claim's answer is for a person: written escaped (files_shield), and so are the
     * messages, a batch's too (a few lines, which may quote a hostile header). A batch's
     * answers stream. */
    int batch = 0;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--why-not") == 0 || strcmp(argv[i], "--format") == 0
            || strcmp(argv[i], "--delimiter") == 0)
            i++;                                  /* its value, not an option */
        else
            batch |= strcmp(argv[i], "--batch") == 0;
    }
    struct files_shield out, err;
    FILE *to_out = batch ? stdout : files_shield_open(&out, stdout);
    FILE *to_err = files_shield_open(&err, stderr);
    int status = run_policy(policy, argc - 1, argv + 1, to_out, to_err, policy->name);
    int kept = files_shield_close(&err) == 0;
    if ((!batch && files_shield_close(&out) != 0) || !kept) {
        fprintf(stderr, "%s: mémoire épuisée : la réponse est incomplète\n", policy->name);
        status = 1;
    }
    /* An answer that could not be written is an error (1), whatever the decision was. */
    return files_close_stdout(policy->name) != 0 ? 1 : status;
}
