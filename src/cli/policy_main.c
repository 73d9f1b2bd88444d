/* src/cli/policy_main.c — the evaluator program of a generated policy (build/ramq2018):
 * decides one claim given as name=value arguments, for a clerk or as JSON.
 * Part of rulec; see README.md for the licence.
 * Built with -DPOLICY_HEADER='"ramq2018.h"' -DPOLICY_TABLES=ramq2018_policy. */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "rt.h"
#include POLICY_HEADER

#define POLICY_STRING2(x) #x
#define POLICY_STRING(x) POLICY_STRING2(x)

int main(int argc, char **argv)
{
    const struct rt_policy *policy = POLICY_TABLES();
    const char *program = policy->name;
    int json = 0, first = 1;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: %s [--json] nom=valeur...\n\n%s\n\nDonnées de la demande :\n", program,
               policy->title);
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
        fputs("\nStatut de sortie : 0 décision rendue ; 2 demande incomplète ou valeur refusée.\n",
              stdout);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--json") == 0) {
        json = 1;
        first = 2;
    }
    struct rt_claim claim;
    if (report_parse_claim(policy, argc - first, argv + first, &claim, stderr, program) != 0)
        return 2;
    struct rt_result result;
    enum rt_status status = rt_decide(policy, &claim, &result);
    if (status == RT_MISSING) {
        report_missing(stderr, program, policy, result.missing);
        return 2;
    }
    if (status != RT_OK) {
        fprintf(stderr, "%s: erreur interne : tables de décision malformées\n", program);
        return 1;
    }
    if (json)
        report_json(stdout, policy, &result);
    else
        report_text(stdout, policy, &result);
    return 0;
}
