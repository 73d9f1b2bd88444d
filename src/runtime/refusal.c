/* src/runtime/refusal.c — why a claim was refused, as a clerk reads it: the one text that
 * rulec's programs, both database functions and any program linking librulec write for each
 * status of rulec_decide.
 * Part of rulec; see README.md for the licence.
 * Includes no compiler header: generated programs link this file alone. */
#include <rulec/rulec.h>

#include <stdarg.h>
#include <stdio.h>

/* Text appended to buffer as snprintf would write it, counting the length the whole text
 * needs even past size. */
struct refusal_text {
    char *buffer;
    size_t size, length;
};

#ifdef __GNUC__
static void refusal_append(struct refusal_text *t, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
#endif
static void refusal_append(struct refusal_text *t, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *at = t->length < t->size ? t->buffer + t->length : NULL;
    size_t room = t->length < t->size ? t->size - t->length : 0;
    int written = vsnprintf(at, room, format, args);
    va_end(args);
    if (written > 0)
        t->length += (size_t)written;
}

static size_t refusal_done(struct refusal_text *t)
{
    if (t->size > 0 && t->length >= t->size)
        t->buffer[t->size - 1] = '\0';
    return t->length;
}

/* The values a domain allows, appended to t. */
static void refusal_allowed(struct refusal_text *t, const struct rulec_domain *domain)
{
    switch (domain->type) {
    case RULEC_TYPE_BOOL:
        refusal_append(t, "valeurs permises : true, false (ou 1, 0)");
        break;
    case RULEC_TYPE_INT: {
        char range[64] = "";
        if (domain->bounded)
            rulec_range_text(range, sizeof range, domain->low, domain->high);
        refusal_append(t, "valeur permise : un nombre entier%s%s", range[0] ? " " : "", range);
        break;
    }
    case RULEC_TYPE_DATE:
        refusal_append(t, "valeur permise : une date réelle AAAA-MM-JJ des années 1000 à 9999, "
                       "par exemple 2018-04-01");
        break;
    case RULEC_TYPE_SET:
        refusal_append(t, "valeurs permises : ses éléments, séparés par des espaces ou des "
                       "virgules, parmi ");
        for (unsigned i = 0; i < domain->nmembers; i++)
            refusal_append(t, "%s%s", i ? ", " : "", domain->members[i]);
        break;
    default:
        refusal_append(t, "valeurs permises : ");
        for (unsigned i = 0; i < domain->nmembers; i++)
            refusal_append(t, "%s%s", i ? ", " : "", domain->members[i]);
        break;
    }
}

size_t rulec_allowed_text(char *buffer, size_t size, const struct rulec_domain *domain)
{
    struct refusal_text t = { buffer, size, 0 };
    if (size > 0)
        buffer[0] = '\0';
    refusal_allowed(&t, domain);
    return refusal_done(&t);
}

size_t rulec_missing_text(char *buffer, size_t size, const struct rulec_policy *policy, int input)
{
    const struct rulec_var *var = &policy->vars[input];
    struct rulec_domain domain = rulec_var_domain(var);
    struct refusal_text t = { buffer, size, 0 };
    refusal_append(&t, "%s : donnée manquante, nécessaire à cette décision (%s) ; ", var->name,
                   var->label);
    refusal_allowed(&t, &domain);
    return refusal_done(&t);
}

size_t rulec_out_of_range_text(char *buffer, size_t size, const struct rulec_policy *policy,
                               const struct rulec_claim *claim, int input)
{
    char date[11];
    rulec_date_format(claim->values[input], date);
    struct refusal_text t = { buffer, size, 0 };
    refusal_append(&t, "%s : avec %s, une date de la décision sortirait des années 1000 à 9999",
                   policy->vars[input].name, date);
    return refusal_done(&t);
}

size_t rulec_refusal_text(char *buffer, size_t size, const struct rulec_policy *policy,
                          const struct rulec_claim *claim, enum rulec_status status,
                          const struct rulec_result *result)
{
    struct refusal_text t = { buffer, size, 0 };
    int valid = policy && result && policy->abi == RULEC_ABI_TAG;
    int input = valid && result->input >= 0 && (unsigned)result->input < policy->ninputs
                ? result->input : -1;
    switch (status) {
    case RULEC_MISSING:
        if (input >= 0)
            return rulec_missing_text(buffer, size, policy, input);
        break;
    case RULEC_OUT_OF_RANGE:
        if (input >= 0 && claim)
            return rulec_out_of_range_text(buffer, size, policy, claim, input);
        break;
    case RULEC_UNDECIDED:
        if (valid && result->region >= 0 && (unsigned)result->region < policy->nundecided) {
            refusal_append(&t, "aucune règle ne décide : %s", policy->undecided[result->region]);
            return refusal_done(&t);
        }
        break;
    case RULEC_BAD_INPUT:
        if (input >= 0 && claim) {
            const struct rulec_var *var = &policy->vars[input];
            struct rulec_domain domain = rulec_var_domain(var);
            /* An integer outside its declared range is a value of the type; an enumeration's or
             * a boolean's is no value at all. */
            if (var->type == RULEC_TYPE_INT)
                refusal_append(&t, "%s : valeur hors de ses bornes (%ld) ; ", var->name,
                               (long)claim->values[input]);
            else
                refusal_append(&t, "%s : valeur hors de son type (%ld, et non l'indice d'une "
                               "valeur) ; ", var->name, (long)claim->values[input]);
            refusal_allowed(&t, &domain);
        } else {
            refusal_append(&t, "appel incorrect : un pointeur NULL, ou une donnée que la "
                           "politique n'a pas");
        }
        return refusal_done(&t);
    case RULEC_BAD_ABI:
        refusal_append(&t, "tables de décision d'une autre version de rulec : recompilez-les "
                       "avec celle de la bibliothèque (rulec %s)", rulec_libversion());
        return refusal_done(&t);
    default:
        break;
    }
    refusal_append(&t, "erreur interne : tables de décision malformées");
    return refusal_done(&t);
}
