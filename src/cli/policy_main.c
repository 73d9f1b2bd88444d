/* src/cli/policy_main.c — the evaluator program of a generated policy (build/ramq2018):
 * decides one claim given as name=value arguments, for a clerk or as JSON.
 * Part of rulec; see README.md for the licence.
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy. */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "rt.h"
#include POLICY_HEADER

int main(int argc, char **argv)
{
    const struct rt_policy *policy = POLICY_TABLES();
    const char *program = policy->name;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: %s [--json] nom=valeur...\n"
               "       %s --batch [--format csv|jsonl] < DEMANDES\n\n"
               "%s\n\nDonnées de la demande :\n", program, program, policy->title);
        for (unsigned v = 0; v < policy->ninputs; v++) {
            const struct rt_var *var = &policy->vars[v];
            printf("  %-22s %s", var->name, var->label);
            if (var->type == RT_TYPE_ENUM) {
                fputs(" :", stdout);
                for (unsigned m = 0; m < var->nmembers; m++)
                    printf(" %s", var->members[m]);
            } else {
                printf(" : %s", var->type == RT_TYPE_DATE ? "AAAA-MM-JJ"
                                : var->type == RT_TYPE_BOOL ? "true ou false" : "entier");
            }
            fputc('\n', stdout);
        }
        fputs("\n--batch lit une demande par ligne sur l'entrée standard : CSV avec une ligne d'en-tête\n"
              "qui nomme les colonnes (champ vide : donnée absente), ou JSON Lines avec\n"
              "--format jsonl ; il écrit une réponse par demande, dans l'ordre.\n"
              "\nStatut de sortie : 0 décision rendue ; 2 demande incomplète ou valeur refusée.\n"
              "Avec --batch : 0 toutes décidées ; 3 certaines rejetées ; 1 erreur de lecture ou\n"
              "d'écriture.\n", stdout);
        return 0;
    }
    return report_run(policy, argc - 1, argv + 1, stdout, stderr, program);
}
