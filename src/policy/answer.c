/* src/policy/answer.c — one claim's answer as one JSON object, for the database functions.
 * Part of rulec; see README.md for the licence. */
#include "answer.h"

#include <string.h>

#include "report.h"

_Static_assert(ANSWER_MESSAGE_SIZE >= RULEC_REFUSAL_SIZE,
               "a refusal message must hold rulec_refusal_text");

int answer_read_value(const struct rulec_policy *policy, int input, const char *text, size_t length,
                      struct rulec_claim *claim, char *message, size_t size)
{
    const struct rulec_var *var = &policy->vars[input];
    if (length == 0)
        return 0;
    /* The common case, a member's name, is read where it is: the copy below, which a database
     * row's value needs in every other case, was a fifth of SQLite's typed function's time
     * (PostgreSQL's finds members through its own index first: src/ext/postgres.c). A
     * member's name holds no NUL, so neither does a value equal to it. */
    if (var->type == RULEC_TYPE_ENUM)
        for (unsigned m = 0; m < var->nmembers; m++)
            if (var->members[m][0] == text[0] && strlen(var->members[m]) == length &&
                memcmp(var->members[m], text, length) == 0) {
                claim->present |= (uint64_t)1 << input;
                claim->values[input] = (int32_t)m;
                return 0;
            }
    /* A value is read as a C string: copy it out, so that a value of any length from a
     * database is bounded here and a NUL inside it is seen. */
    char copy[256];
    if (memchr(text, '\0', length)) {
        snprintf(message, size, "%s : valeur refusée : elle contient un octet nul", var->name);
        return -1;
    }
    size_t kept = length < sizeof copy ? length : sizeof copy - 1;
    memcpy(copy, text, kept);
    copy[kept] = '\0';
    int32_t value;
    if (kept < length || rulec_parse_value(var, copy, &value) != 0) {
        /* No value of any type is 255 bytes long: a longer one is refused, shown cut. */
        report_bad_value_text(message, size, var, copy);
        return -1;
    }
    claim->present |= (uint64_t)1 << input;
    claim->values[input] = value;
    return 0;
}

const char *answer_key_text(const struct rulec_policy *policy, const struct rulec_result *result,
                            const char *message, int key)
{
    if (message)
        return key == REPORT_KEY_outcome ? "rejected" : key == REPORT_KEY_error ? message : NULL;
    const struct rulec_rule *rule = &policy->rules[result->rule];
    switch (key) {
    case REPORT_KEY_outcome: return rulec_outcome_name(result->outcome);
    case REPORT_KEY_reason: return rule->reason;
    case REPORT_KEY_rule: return rule->name;
    case REPORT_KEY_citation: return rule->citation;
    case REPORT_KEY_interpretation: return rule->interpretation;
    default: return NULL;
    }
}

void answer_rejected(struct sink *out, const char *message)
{
    sink_string(out, "{\"outcome\":\"rejected\",\"error\":");
    sink_json_string(out, message);
    sink_char(out, '}');
}

/* Copies what sink holds to text, notes where and how long; returns the end of the copy. */
static char *answer_keep(const struct sink *sink, char *text, const char **kept, size_t *length)
{
    memcpy(text, sink->buffer, sink->length);
    *kept = text;
    *length = sink->length;
    return text + sink->length;
}

int answer_rules_build(struct answer_rules *rules, const struct rulec_policy *policy,
                       answer_allocate *allocate, void *context)
{
    rules->policy = policy;
    rules->head = rules->tail = NULL;
    rules->head_length = rules->tail_length = NULL;
    /* Two passes: the lengths, then the texts, into one block. */
    struct sink sink;
    size_t total = 0;
    for (uint32_t r = 0; r < policy->nrules; r++) {
        sink_init(&sink, NULL);
        report_json_head(&sink, policy, (int)r);
        report_json_tail(&sink, policy, (int)r);
        if (sink.failed)
            return -1;
        total += sink.length;
    }
    size_t n = policy->nrules;
    size_t pointers = 2 * n * (sizeof(const char *) + sizeof(size_t));
    char *block = allocate(pointers + total + 1, context);
    if (!block)
        return -1;
    const char **head = (const char **)(void *)block;
    const char **tail = head + n;
    size_t *head_length = (size_t *)(void *)(tail + n);
    size_t *tail_length = head_length + n;
    char *text = (char *)(tail_length + n);
    for (uint32_t r = 0; r < n; r++) {
        sink_init(&sink, NULL);
        report_json_head(&sink, policy, (int)r);
        text = answer_keep(&sink, text, &head[r], &head_length[r]);
        sink_init(&sink, NULL);
        report_json_tail(&sink, policy, (int)r);
        text = answer_keep(&sink, text, &tail[r], &tail_length[r]);
    }
    rules->head = head;
    rules->tail = tail;
    rules->head_length = head_length;
    rules->tail_length = tail_length;
    return 0;
}

void *answer_rules_memory(const struct answer_rules *rules)
{
    return (void *)rules->head;
}

void answer_json(struct sink *out, const struct answer_rules *rules, const struct rulec_claim *claim)
{
    const struct rulec_policy *policy = rules->policy;
    struct rulec_result result;
    enum rulec_status status = rulec_decide(policy, claim, &result);
    if (status != RULEC_OK) {
        char text[RULEC_REFUSAL_SIZE];
        rulec_refusal_text(text, sizeof text, policy, claim, status, &result);
        answer_rejected(out, text);
        return;
    }
    sink_char(out, '{');
    if (rules->head) {
        sink_bytes(out, rules->head[result.rule], rules->head_length[result.rule]);
        report_json_outputs(out, policy, &result);
        sink_bytes(out, rules->tail[result.rule], rules->tail_length[result.rule]);
    } else {
        report_json_fields(out, policy, &result);
    }
    sink_char(out, '}');
}
