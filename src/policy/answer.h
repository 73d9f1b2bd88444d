/* src/policy/answer.h — what the database functions share: a value read from a column as batch
 * mode reads a field, with batch mode's message when refused (SQLite and PostgreSQL), and one
 * claim's answer as one JSON object, the same bytes as `--json` for a decision and batch
 * mode's rejected object otherwise, so that a bad row never aborts a query (SQLite; PostgreSQL
 * builds the same keys and values as jsonb). Nothing here allocates but answer_rules_build,
 * through the allocator it is given.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_ANSWER_H
#define RULEC_ANSWER_H

#include <stddef.h>

#include <rulec/rulec.h>
#include "sink.h"

/* Room for a refusal message: answer_read_value's, or rulec_refusal_text's (answer.c checks
 * that it holds RULEC_REFUSAL_SIZE). */
#define ANSWER_MESSAGE_SIZE 4096

/* Reads text (length bytes, not NUL-terminated) as the value of input into claim. Empty text
 * leaves the input absent, as an empty CSV field does in batch mode. Returns 0, or -1 with
 * batch mode's message (without its "ligne N : ") in message: a text holding a NUL byte, or
 * one the input's type does not allow. */
int answer_read_value(const struct rulec_policy *policy, int input, const char *text, size_t length,
                      struct rulec_claim *claim, char *message, size_t size);

/* What an answer holds that depends on its rule only (the outcome and reason before the
 * outputs, the rule, citation and interpretation after them), written once as JSON for every
 * rule: a function called for each row of a table then copies them instead of escaping the
 * same strings again (a third of its time). */
struct answer_rules {
    const struct rulec_policy *policy;
    const char **head, **tail;     /* per rule */
    size_t *head_length, *tail_length;
};

/* The memory answer_rules_build takes, in one block, from allocate (the database's own
 * allocator: sqlite3_malloc64). Returns NULL when it fails. */
typedef void *answer_allocate(size_t size, void *context);

/* Fills rules for policy. Returns 0, or -1 when allocate fails or a rule's fixed text does not
 * fit 64 KiB; answer_json then writes every answer in full (rules->policy is set either way). */
int answer_rules_build(struct answer_rules *rules, const struct rulec_policy *policy,
                       answer_allocate *allocate, void *context);
/* The block answer_rules_build took (for the database's own free), or NULL. */
void *answer_rules_memory(const struct answer_rules *rules);

/* Decides claim and writes {"outcome":…} (report_json_fields), or
 * {"outcome":"rejected","error":…} with rulec_decide's refusal, without a line break: the same
 * bytes with rules built or not. */
void answer_json(struct sink *out, const struct answer_rules *rules, const struct rulec_claim *claim);

/* {"outcome":"rejected","error":message}. */
void answer_rejected(struct sink *out, const char *message);

/* The text of key (enum report_answer_key: outcome, reason, …, error) in the answer to a claim,
 * as the JSON answer writes it: for a claim refused with message (not NULL), "rejected" and
 * message, and no other key; for a decided one, its outcome's name and its rule's texts, and
 * no error. NULL where the answer has no such key. What the databases' typed functions
 * return. */
const char *answer_key_text(const struct rulec_policy *policy, const struct rulec_result *result,
                            const char *message, int key);

#endif
