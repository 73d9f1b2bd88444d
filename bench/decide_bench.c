/* bench/decide_bench.c — decisions per second of ramq2018_decide (the compiled tables, through
 * the runtime) against ifchain_decide (the policy by hand), on the same pre-generated claims.
 *
 * First every claim is decided both ways and every field compared: a benchmark of two
 * functions that disagree measures nothing. Then the two are timed in alternation, REPS times
 * each, and the medians compared.
 *   usage: decide_bench [CLAIMS [REPS]]         default 10,000,000 claims, 7 repetitions
 *          decide_bench --dump N FILE           writes the first N claims as JSON Lines
 *          decide_bench --csv N FILE            ... as CSV, with an id column
 *          decide_bench --answers N FILE        ... rulec's answers, one line each
 * Prints "key=value" lines for bench/run.sh. Part of rulec; see README.md for the licence. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claims.h"
#include "ifchain.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int same(enum ramq2018_status sa, const struct ramq2018_result *a, enum ramq2018_status sb,
                const struct ramq2018_result *b)
{
    return sa == sb && a->outcome == b->outcome && same_text(a->reason, b->reason)
        && a->outputs.has_canal == b->outputs.has_canal && (!a->outputs.has_canal || a->outputs.canal == b->outputs.canal)
        && a->outputs.has_echeance == b->outputs.has_echeance && (!a->outputs.has_echeance || a->outputs.echeance == b->outputs.echeance)
        && a->outputs.has_hors_delai == b->outputs.has_hors_delai && (!a->outputs.has_hors_delai || a->outputs.hors_delai == b->outputs.hors_delai)
        && a->outputs.has_mentions == b->outputs.has_mentions && (!a->outputs.has_mentions || a->outputs.mentions == b->outputs.mentions)
        && a->outputs.has_message == b->outputs.has_message && (!a->outputs.has_message || a->outputs.message == b->outputs.message)
        && same_text(a->rule, b->rule) && same_text(a->citation, b->citation)
        && same_text(a->quote, b->quote) && a->line == b->line
        && same_text(a->interpretation, b->interpretation)
        && same_text(a->error_input, b->error_input);
}

static void print_claim(FILE *out, const struct ramq2018_input *c)
{
    fprintf(out, "demande=%s profession=%s date_service=%ld date_demande=%ld systeme_initial=%s "
            "acces_ancien_systeme=%s date_etat_compte=%ld",
            ramq2018_demande_name(c->demande), ramq2018_profession_name(c->profession),
            (long)c->date_service, (long)c->date_demande,
            ramq2018_systeme_initial_name(c->systeme_initial),
            c->acces_ancien_systeme ? "true" : "false", (long)c->date_etat_compte);
}

typedef enum ramq2018_status (*decide_fn)(const struct ramq2018_input *, struct ramq2018_result *);

static double run(decide_fn decide, const struct ramq2018_input *claims, size_t n,
                  unsigned long *checksum)
{
    struct ramq2018_result result;
    unsigned long sum = 0;
    double start = now();
    for (size_t i = 0; i < n; i++) {
        decide(&claims[i], &result);
        sum += result.line + (unsigned long)result.outputs.echeance + result.outputs.canal;
    }
    double elapsed = now() - start;
    *checksum += sum;
    return elapsed;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void date_text(int32_t number, char *text)
{
    int32_t days = 0;
    rulec_date_from_number(number, &days);
    rulec_date_format(days, text);
}

/* The claims as JSON Lines (for the engines that are not C) or as CSV with an id column. */
static int dump(size_t n, const char *path, int csv)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return 1;
    }
    if (csv)
        fputs("id,demande,profession,date_service,date_demande,systeme_initial,"
              "acces_ancien_systeme,date_etat_compte\n", out);
    struct claims_random r = { CLAIMS_SEED };
    for (size_t i = 0; i < n; i++) {
        struct ramq2018_input c;
        char ds[11], dd[11], ec[11];
        claims_make(&r, &c);
        date_text(c.date_service, ds);
        date_text(c.date_demande, dd);
        date_text(c.date_etat_compte, ec);
        const char *demande = ramq2018_demande_name(c.demande);
        const char *profession = ramq2018_profession_name(c.profession);
        const char *systeme = ramq2018_systeme_initial_name(c.systeme_initial);
        const char *acces = c.acces_ancien_systeme ? "true" : "false";
        if (csv)
            fprintf(out, "%zu,%s,%s,%s,%s,%s,%s,%s\n", i, demande, profession, ds, dd, systeme,
                    acces, ec);
        else
            fprintf(out, "{\"demande\":\"%s\",\"profession\":\"%s\",\"date_service\":\"%s\","
                    "\"date_demande\":\"%s\",\"systeme_initial\":\"%s\",\"acces_ancien_systeme\":%s,"
                    "\"date_etat_compte\":\"%s\"}\n", demande, profession, ds, dd, systeme, acces, ec);
    }
    return fclose(out) == 0 ? 0 : 1;
}

/* What rulec decides for the first n claims, one line each: rule and outputs, the form the
 * other engines print, so that a plain comparison checks them. */
static int dump_answers(size_t n, const char *path)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return 1;
    }
    struct claims_random r = { CLAIMS_SEED };
    for (size_t i = 0; i < n; i++) {
        struct ramq2018_input c;
        struct ramq2018_result a;
        claims_make(&r, &c);
        ramq2018_decide(&c, &a);
        fprintf(out, "%s %s %ld %d %ld %ld\n", a.rule,
                a.outputs.has_canal ? ramq2018_canal_name(a.outputs.canal) : "-",
                a.outputs.has_echeance ? (long)a.outputs.echeance : 0L, a.outputs.has_hors_delai ? (int)a.outputs.hors_delai : -1,
                a.outputs.has_mentions ? (long)a.outputs.mentions : 0L, a.outputs.has_message ? (long)a.outputs.message : 0L);
    }
    return fclose(out) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--dump") == 0)
        return dump((size_t)strtoul(argv[2], NULL, 10), argv[3], 0);
    if (argc == 4 && strcmp(argv[1], "--csv") == 0)
        return dump((size_t)strtoul(argv[2], NULL, 10), argv[3], 1);
    if (argc == 4 && strcmp(argv[1], "--answers") == 0)
        return dump_answers((size_t)strtoul(argv[2], NULL, 10), argv[3]);
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000000;
    int reps = argc > 2 ? atoi(argv[2]) : 7;
    if (n == 0 || reps < 1 || reps > 101) {
        fputs("usage: decide_bench [CLAIMS [REPS]] | --dump|--csv|--answers N FILE\n", stderr);
        return 2;
    }
    struct ramq2018_input *claims = malloc(sizeof *claims * n);
    if (!claims) {
        fputs("decide_bench: out of memory\n", stderr);
        return 1;
    }
    struct claims_random r = { CLAIMS_SEED };
    for (size_t i = 0; i < n; i++)
        claims_make(&r, &claims[i]);

    /* The same answers, field by field, on every claim; and which rules the claims reach. */
    const char *rules_seen[64];
    unsigned long rule_counts[64];
    unsigned nseen = 0;
    for (size_t i = 0; i < n; i++) {
        struct ramq2018_result a, b;
        enum ramq2018_status sa = ramq2018_decide(&claims[i], &a);
        enum ramq2018_status sb = ifchain_decide(&claims[i], &b);
        if (!same(sa, &a, sb, &b)) {
            fprintf(stderr, "decide_bench: claim %zu: rulec says %s (status %d), the if-chain %s "
                    "(status %d):\n  ", i, a.rule ? a.rule : "-", sa, b.rule ? b.rule : "-", sb);
            print_claim(stderr, &claims[i]);
            fputc('\n', stderr);
            return 1;
        }
        unsigned k = 0;
        while (k < nseen && rules_seen[k] != a.rule)
            k++;
        if (k == nseen && nseen < 64) {
            rules_seen[nseen] = a.rule;
            rule_counts[nseen++] = 0;
        }
        if (k < 64)
            rule_counts[k]++;
    }
    printf("claims=%zu\nagree=%zu\nrules_reached=%u\nclaim_bytes=%zu\n", n, n, nseen,
           sizeof *claims);
    for (unsigned k = 0; k < nseen; k++)
        printf("rule_%s=%lu\n", rules_seen[k] ? rules_seen[k] : "(none)", rule_counts[k]);

    double rulec[101], ifchain[101];
    unsigned long checksum = 0;
    for (int i = 0; i < reps; i++) {
        rulec[i] = run(ramq2018_decide, claims, n, &checksum);
        ifchain[i] = run(ifchain_decide, claims, n, &checksum);
    }
    qsort(rulec, (size_t)reps, sizeof rulec[0], by_value);
    qsort(ifchain, (size_t)reps, sizeof ifchain[0], by_value);
    double tr = rulec[reps / 2], ti = ifchain[reps / 2];
    printf("reps=%d\nrulec_ns=%.2f\nifchain_ns=%.2f\nrulec_per_s=%.0f\nifchain_per_s=%.0f\n"
           "ratio=%.3f\nchecksum=%lu\n", reps, tr / (double)n * 1e9, ti / (double)n * 1e9,
           (double)n / tr, (double)n / ti, tr / ti, checksum);
    free(claims);
    return 0;
}
