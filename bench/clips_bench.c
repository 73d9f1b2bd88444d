/* bench/clips_bench.c — the ramq2018 policy in CLIPS 6.30, the C rule engine (Debian's
 * libclips-dev), through its embedded C API, on the same claims as bench/decide_bench.c.
 *
 * The policy is written as CLIPS rules in the engine's own idiom: a claim is a fact; each
 * rule of the rule file is a defrule; exceptions are salience (the excepting rule fires
 * first and retracts the claim); the answer is a fact read back with EnvGetFactSlot. Dates go
 * in as day numbers (the conversion is done here in C and timed with the engine). Every
 * answer is compared with ramq2018_decide's, field by field, before anything is timed.
 *   usage: clips_bench [CLAIMS [REPS]]     default 200,000 claims, 5 repetitions
 * Prints "key=value" lines for bench/run.sh. Part of rulec; see README.md for the licence. */
#define _POSIX_C_SOURCE 199309L
#include <clips/clips.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claims.h"

static const char *const constructs[] = {
    "(deftemplate claim (slot demande) (slot profession) (slot ds) (slot dd) (slot sys)"
    "  (slot acces) (slot ec))",
    "(deftemplate answer (slot rule) (slot canal (default none)) (slot echeance (default 0))"
    "  (slot late (default none)) (slot mentions (default 0)) (slot message (default 0)))",
    /* Impossible claims and scope first: exceptions to all (and the invalid one to scope). */
    "(defrule demande_avant_service (declare (salience 30))"
    "  ?c <- (claim (ds ?ds) (dd ?dd&:(< ?dd ?ds)))"
    "  => (retract ?c) (assert (answer (rule demande_avant_service))))",
    "(defrule hors_portee (declare (salience 20))"
    "  ?c <- (claim (dd ?dd&:(< ?dd 17622)))"
    "  => (retract ?c) (assert (answer (rule hors_portee))))",
    /* Paper rebilling of a 2017 service (named condition refacturation_sur_papier). */
    "(defrule etat_compte_avant_service (declare (salience 10))"
    "  ?c <- (claim (demande refacturer) (ds ?ds&:(< ?ds 17532)) (sys ?s) (acces ?a) (ec ?ec&:(< ?ec ?ds)))"
    "  (test (or (eq ?s papier) (and (eq ?s ancien_logiciel) (eq ?a FALSE))))"
    "  => (retract ?c) (assert (answer (rule etat_compte_avant_service))))",
    "(defrule demande_avant_etat_compte (declare (salience 10))"
    "  ?c <- (claim (demande refacturer) (ds ?ds&:(< ?ds 17532)) (sys ?s) (acces ?a) (ec ?ec) (dd ?dd&:(< ?dd ?ec)))"
    "  (test (or (eq ?s papier) (and (eq ?s ancien_logiciel) (eq ?a FALSE))))"
    "  => (retract ?c) (assert (answer (rule demande_avant_etat_compte))))",
    "(defrule refacturation_papier (declare (salience 5))"
    "  ?c <- (claim (demande refacturer) (profession ?p) (ds ?ds&:(< ?ds 17532)) (sys ?s) (acces ?a) (ec ?ec) (dd ?dd))"
    "  (test (or (eq ?s papier) (and (eq ?s ancien_logiciel) (eq ?a FALSE))))"
    "  => (retract ?c)"
    "  (bind ?e (+ ?ec 90))"
    "  (if (eq ?p chirurgien_buccal)"
    "   then (assert (answer (rule refacturation_papier_chirurgien_buccal) (canal formulaire_1670) (echeance ?e) (late (> ?dd ?e)) (mentions 7)))"
    "   else (if (eq ?p dentiste)"
    "    then (assert (answer (rule refacturation_papier_dentiste) (canal formulaire_1670) (echeance ?e) (late (> ?dd ?e)) (mentions 7)))"
    "    else (assert (answer (rule refacturation_papier_optometriste) (canal formulaire_1500) (echeance ?e) (late (> ?dd ?e)) (mentions 7))))))",
    /* 1 Facturation. */
    "(defrule facturation_nouveau_systeme"
    "  ?c <- (claim (demande facturer) (ds ?ds&:(>= ?ds 17622)) (dd ?dd))"
    "  => (retract ?c) (bind ?e (+ ?ds 90))"
    "  (assert (answer (rule facturation_nouveau_systeme) (canal nouveau_systeme) (echeance ?e) (late (> ?dd ?e)))))",
    "(defrule facturation_ancien_systeme"
    "  ?c <- (claim (demande facturer) (ds ?ds&:(< ?ds 17622)) (dd ?dd) (acces TRUE))"
    "  => (retract ?c) (bind ?e (+ ?ds 90))"
    "  (assert (answer (rule facturation_ancien_systeme) (canal ancien_systeme) (echeance ?e) (late (> ?dd ?e)))))",
    "(defrule facturation_sans_acces"
    "  ?c <- (claim (demande facturer) (ds ?ds&:(< ?ds 17622)) (dd ?dd) (acces FALSE))"
    "  => (retract ?c) (bind ?e (+ ?ds 90))"
    "  (assert (answer (rule facturation_sans_acces) (canal nouveau_systeme) (echeance ?e) (late (> ?dd ?e)))))",
    /* 2 Refacturation. */
    "(defrule refacturation_ancien_systeme"
    "  ?c <- (claim (demande refacturer) (sys ancien_logiciel) (acces TRUE) (ds ?ds&:(< ?ds 17622)))"
    "  => (retract ?c) (assert (answer (rule refacturation_ancien_systeme) (canal ancien_systeme))))",
    "(defrule refacturation_revision"
    "  ?c <- (claim (demande refacturer) (sys ancien_logiciel|papier) (acces FALSE) (ds ?ds&:(>= ?ds 17532)&:(< ?ds 17622)))"
    "  => (retract ?c) (assert (answer (rule refacturation_revision) (canal demande_revision))))",
    "(defrule refacturation_papier_2018_avec_acces"
    "  ?c <- (claim (demande refacturer) (sys papier) (acces TRUE) (ds ?ds&:(>= ?ds 17532)&:(< ?ds 17622)))"
    "  => (retract ?c) (assert (answer (rule refacturation_papier_2018_avec_acces))))",
    "(defrule refacturation_refusee_956"
    "  ?c <- (claim (demande refacturer) (sys ancien_logiciel) (ds ?ds&:(>= ?ds 17622)) (dd ?dd))"
    "  => (retract ?c) (bind ?e (+ ?ds 90))"
    "  (assert (answer (rule refacturation_refusee_956) (canal nouveau_systeme) (echeance ?e) (late (> ?dd ?e)) (message 956))))",
    "(defrule refacturation_papier_apres_bascule"
    "  ?c <- (claim (demande refacturer) (sys papier) (ds ?ds&:(>= ?ds 17622)) (dd ?dd))"
    "  => (retract ?c) (bind ?e (+ ?ds 90))"
    "  (assert (answer (rule refacturation_papier_apres_bascule) (canal nouveau_systeme) (echeance ?e) (late (> ?dd ?e)))))",
    "(defrule modification_annulation"
    "  ?c <- (claim (demande refacturer) (sys nouveau))"
    "  => (retract ?c) (assert (answer (rule modification_annulation) (canal modification_annulation))))",
    /* 3 */
    "(defrule remboursement_personne_assuree"
    "  ?c <- (claim (demande rembourser_assure))"
    "  => (retract ?c) (assert (answer (rule remboursement_personne_assuree) (canal formulaire_2058_2076))))",
};

struct answer {
    char rule[64], canal[64];
    long echeance, mentions, message;
    int late;                      /* -1 unset */
};

static void *env;
static void *answer_template;

static void decide(const struct ramq2018_input *c, struct answer *a)
{
    int32_t ds = 0, dd = 0, ec = 0;
    rulec_date_from_number(c->date_service, &ds);
    rulec_date_from_number(c->date_demande, &dd);
    rulec_date_from_number(c->date_etat_compte, &ec);
    char fact[256];
    snprintf(fact, sizeof fact,
             "(claim (demande %s) (profession %s) (ds %ld) (dd %ld) (sys %s) (acces %s) (ec %ld))",
             ramq2018_demande_name(c->demande), ramq2018_profession_name(c->profession), (long)ds,
             (long)dd, ramq2018_systeme_initial_name(c->systeme_initial),
             c->acces_ancien_systeme ? "TRUE" : "FALSE", (long)ec);
    EnvAssertString(env, fact);
    EnvRun(env, -1);
    void *f = EnvGetNextFactInTemplate(env, answer_template, NULL);
    if (!f) {
        strcpy(a->rule, "(none)");
        return;
    }
    DATA_OBJECT v;
    EnvGetFactSlot(env, f, "rule", &v);
    snprintf(a->rule, sizeof a->rule, "%s", DOToString(v));
    EnvGetFactSlot(env, f, "canal", &v);
    snprintf(a->canal, sizeof a->canal, "%s", DOToString(v));
    EnvGetFactSlot(env, f, "echeance", &v);
    a->echeance = (long)DOToLong(v);
    EnvGetFactSlot(env, f, "late", &v);
    const char *late = DOToString(v);
    a->late = strcmp(late, "TRUE") == 0 ? 1 : strcmp(late, "FALSE") == 0 ? 0 : -1;
    EnvGetFactSlot(env, f, "mentions", &v);
    a->mentions = (long)DOToLong(v);
    EnvGetFactSlot(env, f, "message", &v);
    a->message = (long)DOToLong(v);
    EnvRetract(env, f);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 200000;
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    if (n == 0 || reps < 1 || reps > 101) {
        fputs("usage: clips_bench [CLAIMS [REPS]]\n", stderr);
        return 2;
    }
    env = CreateEnvironment();
    for (size_t i = 0; i < sizeof constructs / sizeof constructs[0]; i++)
        if (!EnvBuild(env, constructs[i])) {
            fprintf(stderr, "clips_bench: CLIPS refused construct %zu\n", i);
            return 1;
        }
    EnvReset(env);
    answer_template = EnvFindDeftemplate(env, "answer");

    struct ramq2018_input *claims = malloc(sizeof *claims * n);
    if (!claims)
        return 1;
    struct claims_random r = { CLAIMS_SEED };
    for (size_t i = 0; i < n; i++)
        claims_make(&r, &claims[i]);

    for (size_t i = 0; i < n; i++) {
        struct answer a;
        struct ramq2018_result want;
        decide(&claims[i], &a);
        ramq2018_decide(&claims[i], &want);
        long echeance = 0;
        if (want.outputs.has_echeance) {
            int32_t days = 0;
            rulec_date_from_number(want.outputs.echeance, &days);
            echeance = days;
        }
        if (strcmp(a.rule, want.rule) != 0
            || strcmp(a.canal, want.outputs.has_canal ? ramq2018_canal_name(want.outputs.canal) : "none") != 0
            || a.echeance != echeance || a.late != (want.outputs.has_hors_delai ? want.outputs.hors_delai : -1)
            || a.mentions != (want.outputs.has_mentions ? (long)want.outputs.mentions : 0)
            || a.message != (want.outputs.has_message ? want.outputs.message : 0)) {
            fprintf(stderr, "clips_bench: claim %zu: CLIPS says %s %s, rulec %s\n", i, a.rule,
                    a.canal, want.rule);
            return 1;
        }
    }
    printf("clips_claims=%zu\nclips_agree=%zu\n", n, n);

    double times[101];
    for (int k = 0; k < reps; k++) {
        struct answer a;
        unsigned long sum = 0;
        double start = now();
        for (size_t i = 0; i < n; i++) {
            decide(&claims[i], &a);
            sum += (unsigned long)a.echeance;
        }
        times[k] = now() - start;
        if (sum == 1)
            puts("");
    }
    qsort(times, (size_t)reps, sizeof times[0], by_value);
    printf("clips_reps=%d\nclips_ns=%.1f\nclips_per_s=%.0f\n", reps,
           times[reps / 2] / (double)n * 1e9, (double)n / times[reps / 2]);
    free(claims);
    DestroyEnvironment(env);
    return 0;
}
