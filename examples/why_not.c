/* examples/why_not.c — the README's why-not example: what a claim would need to be billed in
 * the old system, asked of the generated tables. Compiled and run by `make check`.
 * Part of rulec; see README.md for the licence. */
#include <stdio.h>

#include "ramq2018.h"
#include <rulec/rulec.h>

int main(void)
{
    const struct rulec_policy *policy = ramq2018_policy();
    static const char *const claim_text[] = {
        "demande=facturer", "profession=dentiste", "date_service=2018-02-14",
        "date_demande=2018-04-03", "acces_ancien_systeme=false",
    };
    struct rulec_claim claim = {0};
    for (size_t i = 0; i < sizeof claim_text / sizeof *claim_text; i++) {
        int input;
        if (rulec_claim_parse_arg(policy, &claim, claim_text[i], &input) != RULEC_PARSE_OK)
            return 2;
    }
    struct rulec_want want;
    if (rulec_parse_want(policy, "canal=ancien_systeme", &want) != RULEC_PARSE_OK)
        return 2;
    struct rulec_change change;                /* about 1.3 KB: no allocation anywhere */
    if (rulec_why_not(policy, &claim, &want, &change) != RULEC_WHY_NOT_FOUND)
        return 1;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(change.changed >> v & 1))
            continue;
        struct rulec_domain domain = rulec_var_domain(&policy->vars[v]);
        char value[64];
        rulec_format_value(value, sizeof value, &domain, change.claim.values[v], RULEC_NOTATION_RULES);
        printf("%s = %s\n", policy->vars[v].name, value);
    }
    printf("then decided by %s\n", policy->rules[change.rule].name);
    return 0;
}
