/* src/cli/report.c — claims from name=value arguments; decisions as French text or JSON.
 * Part of rulec; see README.md for the licence. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void report_allowed(FILE *err, const struct rt_var *var)
{
    switch (var->type) {
    case RT_TYPE_BOOL:
        fputs("valeurs permises : true, false", err);
        break;
    case RT_TYPE_INT:
        fputs("valeur permise : un nombre entier", err);
        break;
    case RT_TYPE_DATE:
        fputs("valeur permise : une date réelle AAAA-MM-JJ, par exemple 2018-04-01", err);
        break;
    default:
        fputs("valeurs permises : ", err);
        for (unsigned i = 0; i < var->nmembers; i++)
            fprintf(err, "%s%s", i ? ", " : "", var->members[i]);
        break;
    }
}

int report_parse_claim(const struct rt_policy *policy, int argc, char **argv,
                       struct rt_claim *claim, FILE *err, const char *program)
{
    memset(claim, 0, sizeof *claim);
    for (int i = 0; i < argc; i++) {
        int input;
        const char *arg = argv[i];
        const char *equals = strchr(arg, '=');
        switch (rt_claim_parse_arg(policy, claim, arg, &input)) {
        case RT_PARSE_OK:
            continue;
        case RT_PARSE_NO_EQUALS:
            fprintf(err, "%s: l'argument « %s » n'a pas la forme nom=valeur\n", program, arg);
            return -1;
        case RT_PARSE_UNKNOWN_INPUT:
            fprintf(err, "%s: « %.*s » n'est pas une donnée de la demande ; données : ", program,
                    (int)(equals - arg), arg);
            for (unsigned v = 0; v < policy->ninputs; v++)
                fprintf(err, "%s%s", v ? ", " : "", policy->vars[v].name);
            fputc('\n', err);
            return -1;
        case RT_PARSE_REPEATED:
            fprintf(err, "%s: %s : donnée fournie deux fois\n", program,
                    policy->vars[input].name);
            return -1;
        case RT_PARSE_BAD_VALUE:
            fprintf(err, "%s: %s : valeur « %s » refusée ; ", program, policy->vars[input].name,
                    equals + 1);
            report_allowed(err, &policy->vars[input]);
            fputc('\n', err);
            return -1;
        }
    }
    return 0;
}

void report_missing(FILE *err, const char *program, const struct rt_policy *policy, int input)
{
    const struct rt_var *var = &policy->vars[input];
    fprintf(err, "%s: %s : donnée manquante, nécessaire à cette décision (%s) ; ", program,
            var->name, var->label);
    report_allowed(err, var);
    fputc('\n', err);
}

static void report_value(FILE *out, const struct rt_output *output, int32_t value)
{
    char date[11];
    switch (output->type) {
    case RT_TYPE_BOOL:
        fputs(value ? "oui" : "non", out);
        break;
    case RT_TYPE_INT:
        fprintf(out, "%ld", (long)value);
        break;
    case RT_TYPE_DATE:
        rt_date_format(value, date);
        fputs(date, out);
        break;
    case RT_TYPE_ENUM:
        fprintf(out, "%s (%s)", output->member_labels[value], output->members[value]);
        break;
    default:
        if (value == 0)
            fputs("aucune", out);
        for (unsigned m = 0; m < output->nmembers; m++)
            if ((uint32_t)value >> m & 1)
                fprintf(out, "\n  - %s (%s)", output->member_labels[m], output->members[m]);
        break;
    }
}

void report_text(FILE *out, const struct rt_policy *policy, const struct rt_result *result)
{
    const struct rt_rule *rule = &policy->rules[result->rule];
    switch (result->outcome) {
    case RT_OUTCOME_UNSPECIFIED:
        fprintf(out, "Décision : la source ne le précise pas.\n  %s\n", rule->reason);
        break;
    case RT_OUTCOME_INVALID:
        fprintf(out, "Décision : combinaison impossible.\n  %s\n", rule->reason);
        break;
    default:
        for (unsigned o = 0; o < policy->noutputs; o++) {
            if (!(result->set >> o & 1))
                continue;
            fprintf(out, "%s :%s", policy->outputs[o].label,
                    policy->outputs[o].type == RT_TYPE_SET && result->values[o] ? "" : " ");
            report_value(out, &policy->outputs[o], result->values[o]);
            fputc('\n', out);
        }
        break;
    }
    fprintf(out, "Pourquoi : règle %s (%s, ligne %lu)\n", rule->name, policy->rule_file,
            (unsigned long)rule->line);
    for (unsigned i = 0; i < rule->ncites; i++) {
        const struct rt_cite *cite = &policy->cites[rule->first_cite + i];
        fprintf(out, "  %s, %s%s", policy->sources[cite->source].title,
                rt_section_prefix(cite->section), cite->section);
        if (cite->quote)
            fprintf(out, " : « %s »", cite->quote);
        fputc('\n', out);
    }
    if (rule->note)
        fprintf(out, "Note : %s\n", rule->note);
}

void report_json_string(FILE *out, const char *value)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

void report_json(FILE *out, const struct rt_policy *policy, const struct rt_result *result)
{
    static const char *const outcomes[] = { "decided", "unspecified", "invalid" };
    const struct rt_rule *rule = &policy->rules[result->rule];
    fprintf(out, "{\"outcome\":\"%s\"", outcomes[result->outcome]);
    if (rule->reason) {
        fputs(",\"reason\":", out);
        report_json_string(out, rule->reason);
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (!(result->set >> o & 1))
            continue;
        const struct rt_output *output = &policy->outputs[o];
        int32_t value = result->values[o];
        fputc(',', out);
        report_json_string(out, output->name);
        fputc(':', out);
        char date[11];
        switch (output->type) {
        case RT_TYPE_BOOL:
            fputs(value ? "true" : "false", out);
            break;
        case RT_TYPE_INT:
            fprintf(out, "%ld", (long)value);
            break;
        case RT_TYPE_DATE:
            rt_date_format(value, date);
            fprintf(out, "\"%s\"", date);
            break;
        case RT_TYPE_ENUM:
            report_json_string(out, output->members[value]);
            break;
        default: {
            fputc('[', out);
            int first = 1;
            for (unsigned m = 0; m < output->nmembers; m++) {
                if (!((uint32_t)value >> m & 1))
                    continue;
                if (!first)
                    fputc(',', out);
                report_json_string(out, output->members[m]);
                first = 0;
            }
            fputc(']', out);
            break;
        }
        }
    }
    fputs(",\"rule\":", out);
    report_json_string(out, rule->name);
    fputs(",\"citation\":", out);
    report_json_string(out, rule->citation);
    fputs("}\n", out);
}

int report_run(const struct rt_policy *policy, int argc, char **argv, FILE *out, FILE *err,
               const char *program)
{
    int json = 0, count = 0;
    char **args = argc > 0 ? malloc(sizeof *args * (size_t)argc) : NULL;
    if (argc > 0 && !args) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        return 1;
    }
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else
            args[count++] = argv[i];
    }
    struct rt_claim claim;
    int status = report_parse_claim(policy, count, args, &claim, err, program);
    free(args);
    if (status != 0)
        return 2;
    struct rt_result result;
    switch (rt_decide(policy, &claim, &result)) {
    case RT_OK:
        break;
    case RT_MISSING:
        report_missing(err, program, policy, result.missing);
        return 2;
    default:
        fprintf(err, "%s: erreur interne : tables de décision malformées\n", program);
        return 1;
    }
    if (json)
        report_json(out, policy, &result);
    else
        report_text(out, policy, &result);
    return 0;
}
