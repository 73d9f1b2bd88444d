/* bench/claims.h — random ramq2018 claims for the benchmarks, the same for every engine: a
 * seeded generator, so claim i is the same claim in every program and every run.
 * Dates are drawn around the policy's cut points (2018-01-01, 2018-04-01, the 90-day
 * deadlines) so that every rule decides some claims; decide_bench prints how many.
 * Part of rulec; see README.md for the licence. */
#ifndef BENCH_CLAIMS_H
#define BENCH_CLAIMS_H

#include <stdint.h>

#include "ramq2018.h"
#include <rulec/rulec.h>

struct claims_random {
    uint64_t state;
};

static inline uint64_t claims_next(struct claims_random *r)
{
    /* xorshift64* */
    r->state ^= r->state >> 12;
    r->state ^= r->state << 25;
    r->state ^= r->state >> 27;
    return r->state * 0x2545F4914F6CDD1DULL;
}

static inline int32_t claims_between(struct claims_random *r, int32_t low, int32_t high)
{
    return low + (int32_t)(claims_next(r) >> 33) % (high - low + 1);
}

/* A complete claim: every input given. */
static inline void claims_make(struct claims_random *r, struct ramq2018_input *c)
{
    int32_t first = rulec_days_from_civil(2017, 9, 1), last = rulec_days_from_civil(2018, 6, 30);
    int32_t service = claims_between(r, first, last);
    int32_t sent = service + claims_between(r, -15, 200);
    int32_t statement = service + claims_between(r, -20, 180);
    c->has_profession = c->has_demande = c->has_date_service = c->has_date_demande = true;
    c->has_systeme_initial = c->has_acces_ancien_systeme = c->has_date_etat_compte = true;
    c->profession = (enum ramq2018_profession_value)claims_between(r, 0, 2);
    c->demande = (enum ramq2018_demande_value)claims_between(r, 0, 2);
    c->systeme_initial = (enum ramq2018_systeme_initial_value)claims_between(r, 0, 2);
    c->acces_ancien_systeme = claims_between(r, 0, 1) != 0;
    c->date_service = rulec_date_to_number(service);
    c->date_demande = rulec_date_to_number(sent);
    c->date_etat_compte = rulec_date_to_number(statement);
}

#define CLAIMS_SEED 0x52414D5132303138ULL   /* "RAMQ2018" */

#endif
