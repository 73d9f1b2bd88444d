/* examples/decide.c — the README's C API example, compiled and run by `make check`.
 * Part of rulec; see README.md for the licence. */
#include <stdbool.h>
#include <stdio.h>

#include "ramq2018.h"

int main(void)
{
    struct ramq2018_input in = {0};
    in.has_demande = true;      in.demande = RAMQ2018_DEMANDE_FACTURER;
    in.has_date_service = true; in.date_service = 20180214;        /* dates are YYYYMMDD */
    in.has_date_demande = true; in.date_demande = 20180403;
    in.has_acces_ancien_systeme = true; in.acces_ancien_systeme = true;

    struct ramq2018_result out;
    switch (ramq2018_decide(&in, &out)) {
    case RAMQ2018_OK:
        if (out.outcome == RAMQ2018_DECIDED && out.outputs.has_canal)
            printf("%s by %d (%s)\n", ramq2018_canal_name(out.outputs.canal),
                   (int)out.outputs.echeance, out.citation);
        else                        /* RAMQ2018_UNSPECIFIED or RAMQ2018_INVALID */
            printf("%s\n", out.reason);
        return 0;
    case RAMQ2018_MISSING:          /* the decision needs out.error_input */
    case RAMQ2018_BADINPUT:         /* out.error_input holds no allowed value */
        fprintf(stderr, "%s\n", out.error_input);
        return 2;
    case RAMQ2018_INTERNAL:         /* malformed tables: never for rulec's */
    case RAMQ2018_MISMATCH:         /* librulec of another layout: rebuild the tables */
        break;
    }
    return 1;
}
