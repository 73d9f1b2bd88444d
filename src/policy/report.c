/* src/policy/report.c — claims from name=value arguments; decisions as French text or JSON.
 * Part of rulec; see README.md for the licence. */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "valeurs permises : ..." for var, into buffer. */
static void report_allowed(char *buffer, size_t size, const struct rulec_var *var)
{
    struct rulec_domain domain = rulec_var_domain(var);
    rulec_allowed_text(buffer, size, &domain);
}

/* ASCII letters compared without case: the names of the rule language are ASCII. */
static int report_same_ignoring_case(const char *a, const char *b, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y || y == '\0')
            return 0;
    }
    return b[length] == '\0';
}

/* The names an answer writes besides the outputs'; keep in step with report_json_head and
 * report_json_tail, and batch.c's CSV columns, which write them. */
#define REPORT_KEY_STRING(key) #key,
const char *const report_answer_keys[REPORT_ANSWER_KEYS] = { REPORT_ANSWER_KEY_LIST(REPORT_KEY_STRING) };
#undef REPORT_KEY_STRING
_Static_assert(REPORT_KEY_COUNT == REPORT_ANSWER_KEYS, "REPORT_ANSWER_KEYS counts the list");

int report_answer_name(const struct rulec_policy *policy, const char *name)
{
    for (size_t i = 0; i < REPORT_ANSWER_KEYS; i++)
        if (strcmp(name, report_answer_keys[i]) == 0)
            return 1;
    for (unsigned o = 0; o < policy->noutputs; o++)
        if (strcmp(name, policy->outputs[o].name) == 0)
            return 1;
    return 0;
}

int report_answer_clash(const struct rulec_policy *policy, char *message, size_t size)
{
    size_t fixed = REPORT_ANSWER_KEYS;
    for (unsigned o = 0; o < policy->noutputs; o++) {
        const char *name = policy->outputs[o].name;
        size_t length = strlen(name);   /* report_same_ignoring_case reads b's end after it */
        for (size_t i = 0; i < fixed; i++)
            if (report_same_ignoring_case(name, report_answer_keys[i], length)) {
                snprintf(message, size, "la sortie %s a le nom de la clé « %s » de la réponse : "
                         "la fonction SQL %s_%s ne peut pas dire les deux ; renommez la sortie",
                         name, report_answer_keys[i], policy->name, report_answer_keys[i]);
                return (int)o;
            }
        for (unsigned other = 0; other < o; other++)
            if (report_same_ignoring_case(name, policy->outputs[other].name, length)) {
                snprintf(message, size, "les sorties %s et %s ne diffèrent que par les "
                         "majuscules : une base de données n'en ferait qu'une fonction, %s_%s ; "
                         "renommez l'une d'elles", policy->outputs[other].name, name,
                         policy->name, name);
                return (int)o;
            }
    }
    return -1;
}

void report_answer_names(char *buffer, size_t size, const struct rulec_policy *policy)
{
    size_t used = (size_t)snprintf(buffer, size, "outcome");
    for (unsigned o = 0; o < policy->noutputs && used < size; o++)
        used += (size_t)snprintf(buffer + used, size - used, ", %s", policy->outputs[o].name);
    for (size_t i = 1; i < REPORT_ANSWER_KEYS && used < size; i++)
        used += (size_t)snprintf(buffer + used, size - used, ", %s", report_answer_keys[i]);
}

/* The compiler's check_distance (src/compiler/check_symbols.c) is its twin, kept apart because
 * this code ships inside the policy's program, which links no compiler. */
int report_distance(const char *a, size_t la, const char *b)
{
    size_t lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diagonal = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int above = row[j];
            int best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

int report_near_input(const struct rulec_policy *policy, const char *name, const unsigned char *taken)
{
    /* The name as a rule file would write it: trimmed (non-breaking spaces too), lower case,
     * spaces and hyphens as underscores. */
    char folded[64];
    size_t n = 0;
    const char *end = name + strlen(name);
    while (*name == ' ' || *name == '\t' || ((unsigned char)name[0] == 0xC2 && (unsigned char)name[1] == 0xA0))
        name += *name == ' ' || *name == '\t' ? 1 : 2;
    while (end > name && (end[-1] == ' ' || end[-1] == '\t'
                          || (end - name >= 2 && (unsigned char)end[-2] == 0xC2
                              && (unsigned char)end[-1] == 0xA0)))
        end -= end[-1] == ' ' || end[-1] == '\t' ? 1 : 2;
    if (end - name >= (long)sizeof folded || end == name)
        return -1;
    for (const char *p = name; p < end; p++)
        folded[n++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a')
                      : *p == ' ' || *p == '-' ? '_' : *p;
    folded[n] = '\0';
    int best = -1, best_distance = 99;
    for (unsigned v = 0; v < policy->ninputs; v++) {
        if (taken[v])
            continue;
        size_t length = strlen(policy->vars[v].name);
        /* One slip in a short name, two in a long one: more would suggest a different word. */
        int allowed = length >= 8 ? 2 : length >= 4 ? 1 : 0;
        int distance = report_distance(folded, n, policy->vars[v].name);
        if (distance <= allowed && distance < best_distance) {
            best = (int)v;
            best_distance = distance;
        }
    }
    return best;
}

int report_suggest(const struct rulec_var *var, const char *text, char *buffer, size_t size)
{
    /* Without the spaces around it (non-breaking ones too, as spreadsheets leave them). */
    const char *start = text, *end = text + strlen(text);
    for (;;) {
        if (*start == ' ' || *start == '\t')
            start++;
        else if ((unsigned char)start[0] == 0xC2 && (unsigned char)start[1] == 0xA0)
            start += 2;
        else
            break;
    }
    for (;;) {
        if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        else if (end - start >= 2 && (unsigned char)end[-2] == 0xC2 && (unsigned char)end[-1] == 0xA0)
            end -= 2;
        else
            break;
    }
    size_t length = (size_t)(end - start);
    const char *found = NULL;
    /* Keep in step with rulec_parse_value (src/runtime/decide.c), which accepts these. */
    static const char *const booleans[] = { "true", "false", "1", "0" };
    if (var->type == RULEC_TYPE_ENUM) {
        for (unsigned i = 0; i < var->nmembers && !found; i++)
            if (report_same_ignoring_case(start, var->members[i], length))
                found = var->members[i];
    } else if (var->type == RULEC_TYPE_BOOL) {
        for (unsigned i = 0; i < 4 && !found; i++)
            if (report_same_ignoring_case(start, booleans[i], length))
                found = booleans[i];
    } else if (length > 0 && length < 64 && (start != text || *end)) {
        char trimmed[64];
        int32_t value;
        memcpy(trimmed, start, length);
        trimmed[length] = '\0';
        if (rulec_parse_value(var, trimmed, &value) == 0)
            return snprintf(buffer, size, "%s", trimmed) > 0;
        return 0;
    }
    /* Never "did you mean" the very text refused (a JSON number where a string was wanted). */
    return found && strcmp(found, text) != 0 && snprintf(buffer, size, "%s", found) > 0;
}

/* Why text is refused for var: "vouliez-vous dire « x » ? " when report_suggest finds one,
 * then the allowed values. */
static void report_refusal(char *buffer, size_t size, const struct rulec_var *var, const char *text)
{
    char suggestion[128];
    size_t used = 0;
    if (report_suggest(var, text, suggestion, sizeof suggestion))
        used = (size_t)snprintf(buffer, size, "vouliez-vous dire « %s » ? ", suggestion);
    if (used < size)
        report_allowed(buffer + used, size - used, var);
}

void report_bad_value_text(char *buffer, size_t size, const struct rulec_var *var, const char *text)
{
    char allowed[RULEC_REFUSAL_SIZE + 256];
    report_refusal(allowed, sizeof allowed, var, text);
    char shown[64];
    size_t length = strlen(text);
    if (length >= sizeof shown) {
        /* Cut on a character boundary, and say it was cut. */
        size_t cut = sizeof shown - 4;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(shown, text, cut);
        memcpy(shown + cut, "…", 4);
        text = shown;
        shown[cut + 3] = '\0';
    }
    snprintf(buffer, size, "%s : valeur « %s » refusée ; %s", var->name, text, allowed);
}

int report_parse_claim(const struct rulec_policy *policy, int argc, char **argv,
                       struct rulec_claim *claim, FILE *err, const char *program)
{
    memset(claim, 0, sizeof *claim);
    for (int i = 0; i < argc; i++) {
        int input;
        const char *arg = argv[i];
        const char *equals = strchr(arg, '=');
        switch (rulec_claim_parse_arg(policy, claim, arg, &input)) {
        case RULEC_PARSE_OK:
            continue;
        case RULEC_PARSE_NO_EQUALS:
            fprintf(err, "%s: l'argument « %s » n'a pas la forme nom=valeur\n", program, arg);
            return -1;
        case RULEC_PARSE_UNKNOWN_INPUT:
            fprintf(err, "%s: « %.*s » n'est pas une donnée de la demande ; données : ", program,
                    (int)(equals - arg), arg);
            for (unsigned v = 0; v < policy->ninputs; v++)
                fprintf(err, "%s%s", v ? ", " : "", policy->vars[v].name);
            fputc('\n', err);
            return -1;
        case RULEC_PARSE_REPEATED:
            fprintf(err, "%s: %s : donnée fournie deux fois\n", program,
                    policy->vars[input].name);
            return -1;
        case RULEC_PARSE_BAD_VALUE:
        {
            char refusal[RULEC_REFUSAL_SIZE + 256];
            report_refusal(refusal, sizeof refusal, &policy->vars[input], equals + 1);
            fprintf(err, "%s: %s : valeur « %s » refusée ; %s\n", program,
                    policy->vars[input].name, equals + 1, refusal);
            return -1;
        }
        }
    }
    return 0;
}

/* Appends as snprintf would, never past size; *used counts what the whole text needs. */
static void report_put(char *buffer, size_t size, size_t *used, const char *text)
{
    size_t length = strlen(text);
    if (*used < size) {
        size_t room = size - *used - 1, copied = length < room ? length : room;
        memcpy(buffer + *used, text, copied);
        buffer[*used + copied] = '\0';
    }
    *used += length;
}

void report_cite_list(char *buffer, size_t size, const struct rulec_policy *policy,
                      const struct rulec_cite *cites, unsigned count, int which)
{
    size_t used = 0;
    if (size)
        buffer[0] = '\0';
    int shown_sources = 0;
    for (unsigned s = 0; s < policy->nsources; s++) {
        const char *sections[64];
        unsigned n = 0;
        for (unsigned i = 0; i < count && n < 64; i++) {
            int chosen = which >= 0 ? (int)cites[i].interprets == which
                         : which == -1 || (int)i != -2 - which;
            if (!chosen || cites[i].source != s)
                continue;
            unsigned seen = 0;
            while (seen < n && strcmp(sections[seen], cites[i].section) != 0)
                seen++;
            if (seen == n)
                sections[n++] = cites[i].section;
        }
        if (!n)
            continue;
        report_put(buffer, size, &used, shown_sources++ ? " ; " : "");
        report_put(buffer, size, &used, policy->sources[s].title);
        for (unsigned k = 0; k < n; k++) {
            report_put(buffer, size, &used, k == 0 ? (n > 1 ? " : " : ", ") : k == n - 1 ? " et " : ", ");
            report_put(buffer, size, &used, rulec_section_prefix(sections[k]));
            report_put(buffer, size, &used, sections[k]);
        }
    }
}

int report_main_cite(const struct rulec_rule *rule, const struct rulec_cite *cites)
{
    if (rule->interpretation)
        return -1;
    for (unsigned i = 0; i < rule->ncites; i++)
        if (cites[i].quote)
            return (int)i;
    return 0;
}

static void report_value(FILE *out, const struct rulec_output *output, int32_t value)
{
    struct sink sink;
    sink_init(&sink, out);
    sink_value(&sink, output, value, RULEC_NOTATION_CLERK);
    sink_flush(&sink);
}

void report_text(FILE *out, const struct rulec_policy *policy, const struct rulec_result *result)
{
    const struct rulec_rule *rule = &policy->rules[result->rule];
    switch (result->outcome) {
    case RULEC_OUTCOME_UNSPECIFIED:
        fprintf(out, "Décision : la source ne le précise pas.\n  %s\n", rule->reason);
        break;
    case RULEC_OUTCOME_INVALID:
        fprintf(out, "Décision : combinaison impossible.\n  %s\n", rule->reason);
        break;
    default:
        for (unsigned o = 0; o < policy->noutputs; o++) {
            if (!(result->set >> o & 1))
                continue;
            fprintf(out, "%s :%s", policy->outputs[o].label,
                    policy->outputs[o].type == RULEC_TYPE_SET && result->values[o] ? "" : " ");
            report_value(out, &policy->outputs[o], result->values[o]);
            fputc('\n', out);
        }
        break;
    }
    fprintf(out, "Pourquoi : règle %s (%s, ligne %lu)\n", rule->name, policy->rule_file,
            (unsigned long)rule->line);
    for (unsigned i = 0; i < rule->ncites; i++) {
        const struct rulec_cite *cite = &policy->cites[rule->first_cite + i];
        fprintf(out, "  %s%s, %s%s", cite->interprets ? "lu avec les autres passages : " : "",
                policy->sources[cite->source].title, rulec_section_prefix(cite->section),
                cite->section);
        if (cite->quote)
            fprintf(out, " : « %s »", cite->quote);
        fputc('\n', out);
    }
    if (rule->interpretation)
        fprintf(out, "Interprétation : %s\n", rule->interpretation);
    if (rule->note)
        fprintf(out, "Note : %s\n", rule->note);
}

void report_json_head(struct sink *out, const struct rulec_policy *policy, int rule_index)
{
    const struct rulec_rule *rule = &policy->rules[rule_index];
    sink_string(out, "\"outcome\":\"");
    sink_string(out, rulec_outcome_name(rule->outcome));
    sink_char(out, '"');
    if (rule->reason) {
        sink_string(out, ",\"reason\":");
        sink_json_string(out, rule->reason);
    }
}

void report_json_outputs(struct sink *out, const struct rulec_policy *policy,
                         const struct rulec_result *result)
{
    for (unsigned o = 0; o < policy->noutputs; o++) {
        if (!(result->set >> o & 1))
            continue;
        const struct rulec_output *output = &policy->outputs[o];
        sink_char(out, ',');
        sink_json_string(out, output->name);
        sink_char(out, ':');
        sink_value(out, output, result->values[o], RULEC_NOTATION_JSON);
    }
}

void report_json_tail(struct sink *out, const struct rulec_policy *policy, int rule_index)
{
    const struct rulec_rule *rule = &policy->rules[rule_index];
    sink_string(out, ",\"rule\":");
    sink_json_string(out, rule->name);
    sink_string(out, ",\"citation\":");
    sink_json_string(out, rule->citation);
    if (rule->interpretation) {
        sink_string(out, ",\"interpretation\":");
        sink_json_string(out, rule->interpretation);
    }
}

void report_json_fields(struct sink *out, const struct rulec_policy *policy,
                        const struct rulec_result *result)
{
    report_json_head(out, policy, result->rule);
    report_json_outputs(out, policy, result);
    report_json_tail(out, policy, result->rule);
}

void report_json(FILE *out, const struct rulec_policy *policy, const struct rulec_result *result)
{
    struct sink sink;
    sink_init(&sink, out);
    sink_char(&sink, '{');
    report_json_fields(&sink, policy, result);
    sink_string(&sink, "}\n");
    sink_flush(&sink);
}

