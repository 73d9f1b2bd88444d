/* tests/fuzz/fuzz_claim.c — the claim arguments (name=value ...) of rulec eval and of the
 * policy program, on the RAMQ tables: the bytes are split into arguments at NUL and newline
 * and given to run_policy, the command line both programs share; then the same claim goes
 * through the typed API and rulec_decide, which must agree. Part of rulec; see README.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ramq2018.h"
#include <rulec/rulec.h>
#include "run.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    char *args[64];
    int count = 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (char *p = text; count < 64;) {
        args[count++] = p;
        size_t length = strcspn(p, "\n");
        if (p + length >= text + size || p[length] == '\0')
            break;
        p[length] = '\0';
        p += length + 1;
    }
    /* --batch would read standard input: the batch has its own harness. */
    int batch = 0;
    for (int i = 0; i < count; i++)
        batch |= strcmp(args[i], "--batch") == 0;
    const struct rulec_policy *policy = ramq2018_policy();
    if (!batch) {
        int status = run_policy(policy, count, args, fuzz_quiet(), fuzz_quiet(), "fuzz");
        if (status != 0 && status != 1 && status != 2)
            abort();
    }
    /* The claim read the way both programs read it, then decided two ways. */
    struct rulec_claim claim;
    memset(&claim, 0, sizeof claim);
    for (int i = 0; i < count; i++) {
        int input;
        rulec_claim_parse_arg(policy, &claim, args[i], &input);
    }
    struct rulec_result tables;
    enum rulec_status status = rulec_decide(policy, &claim, &tables);
    struct ramq2018_input typed;
    memset(&typed, 0, sizeof typed);
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (!(claim.present >> v & 1))
            continue;
        int32_t value = claim.values[v];
        switch (v) {
        case 0: typed.has_profession = true; typed.profession = (enum ramq2018_profession_value)value; break;
        case 1: typed.has_demande = true; typed.demande = (enum ramq2018_demande_value)value; break;
        case 2: typed.has_date_service = true; typed.date_service = rulec_date_to_number(value); break;
        case 3: typed.has_date_demande = true; typed.date_demande = rulec_date_to_number(value); break;
        case 4: typed.has_systeme_initial = true; typed.systeme_initial = (enum ramq2018_systeme_initial_value)value; break;
        case 5: typed.has_acces_ancien_systeme = true; typed.acces_ancien_systeme = value != 0; break;
        default: typed.has_date_etat_compte = true; typed.date_etat_compte = rulec_date_to_number(value); break;
        }
    }
    struct ramq2018_result result;
    enum ramq2018_status typed_status = ramq2018_decide(&typed, &result);
    if (status == RULEC_OK) {
        if (typed_status != RAMQ2018_OK || strcmp(result.rule, policy->rules[tables.rule].name) != 0)
            abort();
    } else if (status == RULEC_MISSING) {
        if (typed_status != RAMQ2018_MISSING
            || strcmp(result.error_input, policy->vars[tables.input].name) != 0)
            abort();
    } else if (status == RULEC_OUT_OF_RANGE) {
        if (typed_status != RAMQ2018_BADINPUT)
            abort();
    } else {
        abort();
    }
    free(text);
    return 0;
}
