/* src/cli/report.c — claims from name=value arguments; decisions as French text or JSON.
 * Part of rulec; see README.md for the licence. */
#include "report.h"

#include "batch.h"

#include <stdlib.h>
#include <string.h>

void report_allowed(char *buffer, size_t size, const struct rt_var *var)
{
    switch (var->type) {
    case RT_TYPE_BOOL:
        snprintf(buffer, size, "valeurs permises : true, false");
        return;
    case RT_TYPE_INT:
        snprintf(buffer, size, "valeur permise : un nombre entier");
        return;
    case RT_TYPE_DATE:
        snprintf(buffer, size, "valeur permise : une date réelle AAAA-MM-JJ, par exemple 2018-04-01");
        return;
    default: {
        size_t used = (size_t)snprintf(buffer, size, "valeurs permises : ");
        for (unsigned i = 0; i < var->nmembers && used < size; i++)
            used += (size_t)snprintf(buffer + used, size - used, "%s%s", i ? ", " : "",
                                     var->members[i]);
        return;
    }
    }
}

static void report_print_allowed(FILE *err, const struct rt_var *var)
{
    char allowed[REPORT_ALLOWED_SIZE];
    report_allowed(allowed, sizeof allowed, var);
    fputs(allowed, err);
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
            report_print_allowed(err, &policy->vars[input]);
            fputc('\n', err);
            return -1;
        }
    }
    return 0;
}

void report_missing_text(char *buffer, size_t size, const struct rt_policy *policy, int input)
{
    const struct rt_var *var = &policy->vars[input];
    char allowed[REPORT_ALLOWED_SIZE];
    report_allowed(allowed, sizeof allowed, var);
    snprintf(buffer, size, "%s : donnée manquante, nécessaire à cette décision (%s) ; %s",
             var->name, var->label, allowed);
}

void report_missing(FILE *err, const char *program, const struct rt_policy *policy, int input)
{
    char text[REPORT_ALLOWED_SIZE + 256];
    report_missing_text(text, sizeof text, policy, input);
    fprintf(err, "%s: %s\n", program, text);
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

void report_value_write(struct sink *out, const struct rt_output *output, int32_t value,
                        enum report_notation notation)
{
    int json = notation == REPORT_JSON;
    switch (output->type) {
    case RT_TYPE_BOOL:
        sink_string(out, value ? "true" : "false");
        break;
    case RT_TYPE_INT:
        sink_long(out, (long)value);
        break;
    case RT_TYPE_DATE:
        if (json)
            sink_char(out, '"');
        sink_date(out, value);
        if (json)
            sink_char(out, '"');
        break;
    case RT_TYPE_ENUM:
        if (json)
            sink_json_string(out, output->members[value]);
        else
            sink_string(out, output->members[value]);
        break;
    default: {
        if (json)
            sink_char(out, '[');
        int first = 1;
        for (unsigned m = 0; m < output->nmembers; m++) {
            if (!((uint32_t)value >> m & 1))
                continue;
            if (!first)
                sink_char(out, json ? ',' : ' ');
            if (json)
                sink_json_string(out, output->members[m]);
            else
                sink_string(out, output->members[m]);
            first = 0;
        }
        if (json)
            sink_char(out, ']');
        break;
    }
    }
}

void report_json_fields(struct sink *out, const struct rt_policy *policy,
                        const struct rt_result *result)
{
    static const char *const outcomes[] = { "decided", "unspecified", "invalid" };
    const struct rt_rule *rule = &policy->rules[result->rule];
    sink_string(out, "\"outcome\":\"");
    sink_string(out, outcomes[result->outcome]);
    sink_char(out, '"');
    if (rule->reason) {
        sink_string(out, ",\"reason\":");
        sink_json_string(out, rule->reason);
    }
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (!(result->set >> o & 1))
            continue;
        const struct rt_output *output = &policy->outputs[o];
        sink_char(out, ',');
        sink_json_string(out, output->name);
        sink_char(out, ':');
        report_value_write(out, output, result->values[o], REPORT_JSON);
    }
    sink_string(out, ",\"rule\":");
    sink_json_string(out, rule->name);
    sink_string(out, ",\"citation\":");
    sink_json_string(out, rule->citation);
}

void report_json(FILE *out, const struct rt_policy *policy, const struct rt_result *result)
{
    struct sink sink;
    sink_init(&sink, out);
    sink_char(&sink, '{');
    report_json_fields(&sink, policy, result);
    sink_string(&sink, "}\n");
    sink_flush(&sink);
}

int report_run(const struct rt_policy *policy, int argc, char **argv, FILE *out, FILE *err,
               const char *program)
{
    int json = 0, batch = 0, count = 0;
    const char *format = NULL;
    char **args = argc > 0 ? malloc(sizeof *args * (size_t)argc) : NULL;
    if (argc > 0 && !args) {
        fprintf(err, "%s: mémoire épuisée\n", program);
        return 1;
    }
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--batch") == 0)
            batch = 1;
        else if (strcmp(argv[i], "--format") == 0)
            format = i + 1 < argc ? argv[++i] : "";
        else
            args[count++] = argv[i];
    }
    if (batch || format) {
        const char *problem =
            !batch ? "--format ne sert qu'avec --batch"
            : json ? "--json ne sert pas avec --batch : écrire --format jsonl"
            : count ? "avec --batch, les demandes se lisent sur l'entrée standard, pas en arguments"
            : format && strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0
                ? "--format : valeurs permises : csv, jsonl"
                : NULL;
        free(args);
        if (problem) {
            fprintf(err, "%s: %s\n", program, problem);
            return 2;
        }
        return batch_run(policy, format && strcmp(format, "jsonl") == 0 ? BATCH_JSONL : BATCH_CSV,
                         stdin, out, err, program);
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
