/* bench/ifchain.c — the ramq2018 policy written by hand as a C if-chain: the practical limit a
 * compiled policy is measured against. Same contract as ramq2018_decide (gen/ramq2018.h):
 * same input and result structs, same answers on every complete claim (bench/decide_bench.c
 * checks every field on every claim before timing anything).
 *
 * Written the way a careful developer would: dates stay YYYYMMDD numbers, compared as numbers
 * (their order is the calendar's), and only a deadline goes through day arithmetic. The rule
 * names, citations and lines are copied from the rule file. Part of rulec; see README.md. */
#include "ifchain.h"

#include <stddef.h>

enum {
    R_hors_portee, R_demande_avant_service, R_etat_compte_avant_service,
    R_demande_avant_etat_compte, R_facturation_nouveau_systeme, R_facturation_ancien_systeme,
    R_facturation_sans_acces, R_refacturation_ancien_systeme, R_refacturation_papier_dentiste,
    R_refacturation_papier_optometriste, R_refacturation_papier_chirurgien_buccal,
    R_refacturation_revision, R_refacturation_papier_2018_avec_acces,
    R_refacturation_refusee_956, R_refacturation_papier_apres_bascule,
    R_modification_annulation, R_remboursement_personne_assuree
};

static const struct {
    const char *name, *citation, *quote;
    unsigned line;
    const char *reason, *interpretation;
} rules[] = {
    [R_hors_portee] = { "hors_portee",
        "RAMQ, Infolettre 375, 28 février 2018, introduction",
        "Cette infolettre donne la marche à suivre pour facturer et refacturer, à partir du 1er avril 2018, des services rémunérés à l'acte rendus avant ou à compter de cette date.",
        90, "L'infolettre 375 vise les demandes transmises à compter du 1er avril 2018 ; elle ne dit rien de celles transmises avant.",
        NULL },
    [R_demande_avant_service] = { "demande_avant_service",
        "RAMQ, Infolettre 375, 28 février 2018, section 1.1",
        "en respectant le délai de facturation de 90 jours à compter de la date du service",
        95, "La demande est datée d'avant le service : un service se facture une fois rendu.",
        NULL },
    [R_etat_compte_avant_service] = { "etat_compte_avant_service",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2",
        "la date de l'état de compte sur lequel figure le refus de paiement",
        100, "L'état de compte qui montre le refus de paiement est daté d'avant le service refusé.",
        NULL },
    [R_demande_avant_etat_compte] = { "demande_avant_etat_compte",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2",
        "au plus tard 90 jours suivant la date de l'état de compte sur lequel figure le refus de paiement",
        105, "La refacturation est datée d'avant l'état de compte qui montre le refus de paiement.",
        NULL },
    [R_facturation_nouveau_systeme] = { "facturation_nouveau_systeme",
        "RAMQ, Infolettre 375, 28 février 2018, section 1; RAMQ, Infolettre 375, 28 février 2018, section 1.2; Loi sur l'assurance maladie (hors infolettre), art. 22.1",
        "la facturation à l'acte dans l'ancien système ne sera plus possible et devra être faite dans le nouveau système de facturation à l'acte",
        113, NULL,
        NULL },
    [R_facturation_ancien_systeme] = { "facturation_ancien_systeme",
        "RAMQ, Infolettre 375, 28 février 2018, section 1.1",
        "le professionnel qui utilise l'ancien système de facturation de la Régie au moyen d'un logiciel de facturation et qui y a toujours accès au 1er avril 2018 pourra continuer de l'utiliser en respectant le délai de facturation de 90 jours à compter de la date du service",
        121, NULL,
        NULL },
    [R_facturation_sans_acces] = { "facturation_sans_acces",
        "RAMQ, Infolettre 375, 28 février 2018, introduction; RAMQ, Infolettre 375, 28 février 2018, section 1.1; RAMQ, Infolettre 375, 28 février 2018, section 2.1; Loi sur l'assurance maladie (hors infolettre), art. 22.1",
        "a jusqu'au 31 mars 2018 pour recourir aux services d'une agence de facturation migrée vers la nouvelle facturation à l'acte ou à ceux d'un développeur de logiciels, ou pour utiliser le service en ligne FacturActe de la Régie",
        127, NULL,
        "Tout professionnel passe au nouveau système au plus tard le 31 mars 2018, par une agence migrée, un développeur de logiciels ou FacturActe (introduction). L'ancien système n'est qu'une permission (« pourra », 1.1), réservée à qui y a toujours accès par un logiciel, et 2.1 tient la migration pour faite même pour lui. Sans cet accès, il ne reste que le nouveau système, pour un service d'avant le 1er avril comme d'après. Aucune phrase ne le dit seule : c'est la lecture de ces trois passages ensemble." },
    [R_refacturation_ancien_systeme] = { "refacturation_ancien_systeme",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.1; RAMQ, Infolettre 375, 28 février 2018, section 1.1",
        "le professionnel qui a facturé des services dans l'ancien système au moyen d'un logiciel de facturation et qui y aura toujours accès au 1er avril 2018 devra continuer à l'utiliser pour refacturer les services rendus jusqu'au 31 mars 2018 inclusivement",
        140, NULL,
        NULL },
    [R_refacturation_papier_dentiste] = { "refacturation_papier_dentiste",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2",
        "devra utiliser la version papier de la Demande de paiement – Dentiste (1670) ou de la Demande de paiement – Optométriste (1500)",
        148, NULL,
        NULL },
    [R_refacturation_papier_optometriste] = { "refacturation_papier_optometriste",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2",
        "devra utiliser la version papier de la Demande de paiement – Dentiste (1670) ou de la Demande de paiement – Optométriste (1500)",
        155, NULL,
        NULL },
    [R_refacturation_papier_chirurgien_buccal] = { "refacturation_papier_chirurgien_buccal",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2; RAMQ, Infolettre 375, 28 février 2018, section 1.2; RAMQ, Infolettre 375, 28 février 2018, introduction",
        "devra utiliser la version papier de la Demande de paiement – Dentiste (1670) ou de la Demande de paiement – Optométriste (1500)",
        162, NULL,
        "2.2 oblige tout professionnel que l'infolettre vise, le spécialiste en chirurgie buccale et maxillo-faciale compris, à utiliser la Demande de paiement – Dentiste (1670) ou celle de l'optométriste (1500). L'infolettre range ce spécialiste avec les dentistes : un manuel pour les dentistes et les spécialistes en chirurgie buccale et maxillo-faciale, un autre pour les optométristes (1.2), une liste de développeurs Dentisterie et une Optométrie (introduction). Il remplit donc la 1670, avec le délai et les mentions de 2.2." },
    [R_refacturation_revision] = { "refacturation_revision",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2, Demande de révision",
        "Pour refacturer des services rendus du 1er janvier au 31 mars 2018, le professionnel qui n'aura plus accès à l'ancien système au moyen d'un logiciel de facturation au 1er avril 2018 devra faire une demande de révision selon la procédure habituelle.",
        172, NULL,
        NULL },
    [R_refacturation_papier_2018_avec_acces] = { "refacturation_papier_2018_avec_acces",
        "RAMQ, Infolettre 375, 28 février 2018, section 2.2, Demande de révision",
        "le professionnel qui n'aura plus accès à l'ancien système au moyen d'un logiciel de facturation au 1er avril 2018 devra faire une demande de révision",
        179, "Pour un service de janvier à mars 2018 facturé sur papier, l'infolettre prévoit la demande de révision pour le professionnel qui n'a plus accès à l'ancien système ; elle ne dit rien de celui qui y a toujours accès par un logiciel.",
        NULL },
    [R_refacturation_refusee_956] = { "refacturation_refusee_956",
        "RAMQ, Infolettre 375, 28 février 2018, section 1.2; Loi sur l'assurance maladie (hors infolettre), art. 22.1",
        "L'ancien système n'acceptera pas la facturation des services dont la date est égale ou postérieure au 1er avril 2018.",
        187, NULL,
        "L'ancien système refuse toute demande de paiement informatisée d'un service daté du 1er avril 2018 ou après, avec le message 956 qui renvoie au nouveau système (1.2) : rien n'y a été facturé, il n'y a donc rien à y refacturer. Le service reste à facturer, et 1.2 dit où : dans le nouveau système, avec son délai." },
    [R_refacturation_papier_apres_bascule] = { "refacturation_papier_apres_bascule",
        "RAMQ, Infolettre 375, 28 février 2018, section 1.2; Loi sur l'assurance maladie (hors infolettre), art. 22.1",
        "Les services rendus à compter du 1er avril 2018 devront être facturés dans le nouveau système de facturation à l'acte. L'ancien système n'acceptera pas la facturation des services dont la date est égale ou postérieure au 1er avril 2018.",
        197, NULL,
        "Une première demande sur papier d'un service daté du 1er avril 2018 ou après allait à l'ancien système, qui n'accepte pas ces services (1.2) : rien n'a été facturé. Le service se facture donc dans le nouveau système (1.2), comme une demande informatisée refusée, mais sans le message 956, qui ne répond qu'aux demandes informatisées." },
    [R_modification_annulation] = { "modification_annulation",
        "RAMQ, Infolettre 375, 28 février 2018, section 2, Annulation ou modification d'une facture",
        "Dans le nouveau système de facturation à l'acte, la refacturation n'existe pas. Elle est remplacée par les fonctions de modification ou d'annulation d'une facture. Ces fonctions peuvent être utilisées pour les factures déjà transmises dans ce système.",
        206, NULL,
        NULL },
    [R_remboursement_personne_assuree] = { "remboursement_personne_assuree",
        "RAMQ, Infolettre 375, 28 février 2018, section 3",
        "La procédure d'utilisation et de transmission du formulaire Demande de remboursement à la personne assurée (2058 ou 2076) doit, quant à elle, continuer d'être suivie comme auparavant",
        215, NULL,
        NULL },
};

#define BASCULE 20180401
#define DEBUT_2018 20180101

static int valid_date(int32_t n)
{
    static const unsigned char days_in[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int32_t y = n / 10000, m = n / 100 % 100, d = n % 100;
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days_in[m] + (m == 2 && leap);
}

/* YYYYMMDD + days, through the day count (Howard Hinnant's civil calendar algorithms). */
static int32_t add_days(int32_t n, int32_t days)
{
    int32_t y = n / 10000, m = n / 100 % 100, d = n % 100;
    y -= m <= 2;
    int32_t era = (y >= 0 ? y : y - 399) / 400;
    int32_t yoe = y - era * 400;
    int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int32_t z = era * 146097 + doe + days;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp + (mp < 10 ? 3 : -9);
    return (y + (m <= 2)) * 10000 + m * 100 + d;
}

static enum ramq2018_status missing(struct ramq2018_result *result, const char *input)
{
    result->error_input = input;
    return RAMQ2018_MISSING;
}

static enum ramq2018_status bad(struct ramq2018_result *result, const char *input)
{
    result->error_input = input;
    return RAMQ2018_BADINPUT;
}

static enum ramq2018_status rule(struct ramq2018_result *result, int r, enum ramq2018_outcome outcome)
{
    result->outcome = outcome;
    result->rule = rules[r].name;
    result->citation = rules[r].citation;
    result->quote = rules[r].quote;
    result->line = rules[r].line;
    result->reason = rules[r].reason;
    result->interpretation = rules[r].interpretation;
    return RAMQ2018_OK;
}

static enum ramq2018_status with_deadline(struct ramq2018_result *result, int r,
                                          enum ramq2018_canal_value canal, int32_t from, int32_t sent)
{
    result->outputs.has_canal = true;
    result->outputs.canal = canal;
    result->outputs.has_echeance = true;
    result->outputs.echeance = add_days(from, 90);
    result->outputs.has_hors_delai = true;
    result->outputs.hors_delai = sent > result->outputs.echeance;
    return rule(result, r, RAMQ2018_DECIDED);
}

static enum ramq2018_status channel(struct ramq2018_result *result, int r, enum ramq2018_canal_value canal)
{
    result->outputs.has_canal = true;
    result->outputs.canal = canal;
    return rule(result, r, RAMQ2018_DECIDED);
}

enum ramq2018_status ifchain_decide(const struct ramq2018_input *in, struct ramq2018_result *result)
{
    *result = (struct ramq2018_result){ 0 };
    if (in->has_profession && (unsigned)in->profession > RAMQ2018_PROFESSION_OPTOMETRISTE)
        return bad(result, "profession");
    if (in->has_demande && (unsigned)in->demande > RAMQ2018_DEMANDE_REMBOURSER_ASSURE)
        return bad(result, "demande");
    if (in->has_date_service && !valid_date(in->date_service))
        return bad(result, "date_service");
    if (in->has_date_demande && !valid_date(in->date_demande))
        return bad(result, "date_demande");
    if (in->has_systeme_initial && (unsigned)in->systeme_initial > RAMQ2018_SYSTEME_INITIAL_NOUVEAU)
        return bad(result, "systeme_initial");
    if (in->has_date_etat_compte && !valid_date(in->date_etat_compte))
        return bad(result, "date_etat_compte");

    if (!in->has_date_demande)
        return missing(result, "date_demande");
    if (!in->has_date_service)
        return missing(result, "date_service");
    int32_t service = in->date_service, sent = in->date_demande;
    if (sent < service)
        return rule(result, R_demande_avant_service, RAMQ2018_INVALID);
    if (sent < BASCULE)
        return rule(result, R_hors_portee, RAMQ2018_UNSPECIFIED);
    if (!in->has_demande)
        return missing(result, "demande");

    switch (in->demande) {
    case RAMQ2018_DEMANDE_REMBOURSER_ASSURE:
        return channel(result, R_remboursement_personne_assuree, RAMQ2018_CANAL_FORMULAIRE_2058_2076);
    case RAMQ2018_DEMANDE_FACTURER:
        if (service >= BASCULE)
            return with_deadline(result, R_facturation_nouveau_systeme,
                                 RAMQ2018_CANAL_NOUVEAU_SYSTEME, service, sent);
        if (!in->has_acces_ancien_systeme)
            return missing(result, "acces_ancien_systeme");
        if (in->acces_ancien_systeme)
            return with_deadline(result, R_facturation_ancien_systeme,
                                 RAMQ2018_CANAL_ANCIEN_SYSTEME, service, sent);
        return with_deadline(result, R_facturation_sans_acces, RAMQ2018_CANAL_NOUVEAU_SYSTEME,
                             service, sent);
    default:
        break;
    }

    /* Rebilling. */
    if (!in->has_systeme_initial)
        return missing(result, "systeme_initial");
    if (in->systeme_initial == RAMQ2018_SYSTEME_INITIAL_NOUVEAU)
        return channel(result, R_modification_annulation, RAMQ2018_CANAL_MODIFICATION_ANNULATION);
    bool paper = in->systeme_initial == RAMQ2018_SYSTEME_INITIAL_PAPIER;
    if (service >= BASCULE && paper)
        return with_deadline(result, R_refacturation_papier_apres_bascule,
                             RAMQ2018_CANAL_NOUVEAU_SYSTEME, service, sent);
    if (service >= BASCULE) {
        result->outputs.has_message = true;
        result->outputs.message = 956;
        return with_deadline(result, R_refacturation_refusee_956, RAMQ2018_CANAL_NOUVEAU_SYSTEME,
                             service, sent);
    }
    if (!paper && !in->has_acces_ancien_systeme)
        return missing(result, "acces_ancien_systeme");
    bool access = !paper && in->acces_ancien_systeme;
    if (service < DEBUT_2018 && (paper || !access)) {
        if (!in->has_date_etat_compte)
            return missing(result, "date_etat_compte");
        int32_t statement = in->date_etat_compte;
        if (statement < service)
            return rule(result, R_etat_compte_avant_service, RAMQ2018_INVALID);
        if (sent < statement)
            return rule(result, R_demande_avant_etat_compte, RAMQ2018_INVALID);
        if (!in->has_profession)
            return missing(result, "profession");
        result->outputs.has_mentions = true;
        result->outputs.mentions = RAMQ2018_MENTIONS_DATE_SERVICE | RAMQ2018_MENTIONS_LETTRE_B_CASE_CS |
                           RAMQ2018_MENTIONS_NO_DEMANDE_ET_DATE_ETAT_COMPTE;
        if (in->profession == RAMQ2018_PROFESSION_DENTISTE)
            return with_deadline(result, R_refacturation_papier_dentiste,
                                 RAMQ2018_CANAL_FORMULAIRE_1670, statement, sent);
        if (in->profession == RAMQ2018_PROFESSION_CHIRURGIEN_BUCCAL)
            return with_deadline(result, R_refacturation_papier_chirurgien_buccal,
                                 RAMQ2018_CANAL_FORMULAIRE_1670, statement, sent);
        return with_deadline(result, R_refacturation_papier_optometriste,
                             RAMQ2018_CANAL_FORMULAIRE_1500, statement, sent);
    }
    if (access)
        return channel(result, R_refacturation_ancien_systeme, RAMQ2018_CANAL_ANCIEN_SYSTEME);
    /* 2018-01-01 to 2018-03-31. */
    if (paper) {
        if (!in->has_acces_ancien_systeme)
            return missing(result, "acces_ancien_systeme");
        if (in->acces_ancien_systeme)
            return rule(result, R_refacturation_papier_2018_avec_acces, RAMQ2018_UNSPECIFIED);
    }
    return channel(result, R_refacturation_revision, RAMQ2018_CANAL_DEMANDE_REVISION);
}
