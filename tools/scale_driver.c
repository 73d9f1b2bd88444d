/* tools/scale_driver.c — decision time of a synthetic policy from tools/polygen, through its
 * generated typed API, for bench-scale. First checks that the typed API and rulec_decide on the
 * same tables agree on every claim, then times the typed API (median of 5).
 *   usage: scale_driver N [CLAIMS [--distinct]]    N and --distinct as polygen was given
 * Built against one generated synthetic.{h,c}. Part of rulec; see README.md for the licence. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rulec/rulec.h>
#include "synthetic.h"

static uint64_t state = 0x243F6A8885A308D3ULL;

static int32_t between(int32_t low, int32_t high)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return low + (int32_t)((state * 0x2545F4914F6CDD1DULL) >> 33) % (high - low + 1);
}

static int32_t date(int y, int m, int d, int32_t plus)
{
    return rulec_date_to_number(rulec_days_from_civil(y, m, d) + plus);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    size_t count = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 2000000;
    int distinct = argc > 3 && strcmp(argv[3], "--distinct") == 0;
    if (n < 1 || count < 1 || (argc > 3 && !distinct)) {
        fputs("usage: scale_driver N [CLAIMS [--distinct]]\n", stderr);
        return 2;
    }
    /* The days of d0 that the rules share out. */
    int32_t slots = distinct ? (int32_t)n * 2 : (int32_t)(n / 512 + 1) * 10;
    struct synthetic_input *claims = calloc(count, sizeof *claims);
    if (!claims)
        return 1;
    for (size_t i = 0; i < count; i++) {
        struct synthetic_input *c = &claims[i];
        c->has_e0 = c->has_e1 = c->has_e2 = c->has_e3 = true;
        c->has_d0 = c->has_d1 = c->has_d2 = c->has_d3 = true;
        c->has_i0 = c->has_i1 = c->has_b0 = c->has_b1 = true;
        c->e0 = (enum synthetic_e0_value)between(0, 3);
        c->e1 = (enum synthetic_e1_value)between(0, 7);
        c->e2 = (enum synthetic_e2_value)between(0, 15);
        c->e3 = (enum synthetic_e3_value)between(0, 31);
        c->d0 = date(2020, 1, 1, between(-5, slots + 5));
        c->d1 = date(2029, 12, 20, between(0, 70));
        c->d2 = date(2020, 12, 25, between(0, 45));
        c->d3 = date(2021, 2, 1, between(0, 30));
        c->i0 = between(-5, 160);
        c->i1 = between(-5, 45);
        c->b0 = between(0, 1);
        c->b1 = between(0, 1);
    }

    /* The typed API against the tables, field by field; and how many rules the claims reach. */
    const struct rulec_policy *policy = synthetic_policy();
    unsigned char *reached = calloc(policy->nrules, 1);
    size_t checked = count < 200000 ? count : 200000, nreached = 0;
    for (size_t i = 0; i < checked; i++) {
        const struct synthetic_input *c = &claims[i];
        struct synthetic_result typed;
        if (synthetic_decide(c, &typed) != SYNTHETIC_OK) {
            fprintf(stderr, "scale_driver: claim %zu not decided\n", i);
            return 1;
        }
        struct rulec_claim claim;
        const int32_t values[12] = { (int32_t)c->e0, (int32_t)c->e1, (int32_t)c->e2,
                                     (int32_t)c->e3, c->d0, c->d1, c->d2, c->d3, c->i0, c->i1,
                                     c->b0, c->b1 };
        claim.present = 0;
        for (unsigned v = 0; v < 12; v++) {
            claim.values[v] = values[v];
            if (policy->vars[v].type == RULEC_TYPE_DATE)
                rulec_date_from_number(values[v], &claim.values[v]);
            claim.present |= (uint64_t)1 << v;
        }
        struct rulec_result result;
        if (rulec_decide(policy, &claim, &result) != RULEC_OK
            || strcmp(policy->rules[result.rule].name, typed.rule) != 0
            || typed.outputs.has_canal != (result.set & 1) || (typed.outputs.has_canal && (int32_t)typed.outputs.canal != result.values[0])
            || typed.outputs.has_limite != (result.set >> 1 & 1)
            || (typed.outputs.has_limite && typed.outputs.limite != rulec_date_to_number(result.values[1]))
            || typed.outputs.has_code != (result.set >> 2 & 1) || (typed.outputs.has_code && typed.outputs.code != result.values[2])
            || typed.outputs.has_tardif != (result.set >> 3 & 1) || (typed.outputs.has_tardif && typed.outputs.tardif != result.values[3])
            || typed.outputs.has_recent != (result.set >> 4 & 1) || (typed.outputs.has_recent && typed.outputs.recent != result.values[4])) {
            fprintf(stderr, "scale_driver: claim %zu: the typed API says %s, the tables %s\n", i,
                    typed.rule, policy->rules[result.rule].name);
            return 1;
        }
        if (!reached[result.rule]) {
            reached[result.rule] = 1;
            nreached++;
        }
    }
    printf("agree=%zu\nrules_reached=%zu\nnodes=%lu\n", checked, nreached,
           (unsigned long)policy->nnodes);

    double times[5];
    unsigned long sum = 0;
    for (int k = 0; k < 5; k++) {
        struct synthetic_result r;
        double start = now();
        for (size_t i = 0; i < count; i++) {
            synthetic_decide(&claims[i], &r);
            sum += r.line;
        }
        times[k] = now() - start;
    }
    qsort(times, 5, sizeof times[0], by_value);
    printf("decide_ns=%.1f\nchecksum=%lu\n", times[2] / (double)count * 1e9, sum);
    free(reached);
    free(claims);
    return 0;
}
