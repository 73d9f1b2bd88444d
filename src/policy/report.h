/* src/policy/report.h — reading claims from arguments and writing decisions, for both
 * rulec eval and the generated policy's program, so the two print alike.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_REPORT_H
#define RULEC_REPORT_H

#include <stdio.h>

#include <rulec/rulec.h>
#include "sink.h"

/* Reads name=value arguments into claim. On a bad argument, writes one line naming the field
 * (and the allowed values) to err, prefixed by program, and returns -1. */
int report_parse_claim(const struct rulec_policy *policy, int argc, char **argv,
                       struct rulec_claim *claim, FILE *err, const char *program);

/* Citations by place, those of one source together and each section once: "RAMQ,
 * Infolettre 375, 28 février 2018 : introduction, section 1.1 et section 2.1 ; Loi …, art.
 * 22.1", into buffer (as snprintf). which: 1 the citations that interpret, 0 those that do
 * not, -1 all, -2 - k all but the k-th. */
void report_cite_list(char *buffer, size_t size, const struct rulec_policy *policy,
                      const struct rulec_cite *cites, unsigned count, int which);

/* The citation a rule's answer rests on first: its first quoted one, else its first; -1 for a
 * rule that reads several passages together (they all are). cites: the rule's own. */
int report_main_cite(const struct rulec_rule *rule, const struct rulec_cite *cites);

/* The decision for a clerk, in French. */
void report_text(FILE *out, const struct rulec_policy *policy, const struct rulec_result *result);
/* The decision as one JSON object on one line. */
void report_json(FILE *out, const struct rulec_policy *policy, const struct rulec_result *result);
/* The fields of that object, without braces, for writers that add their own: the head (the
 * outcome and reason), the outputs, the tail (rule, citation, interpretation). Head and tail
 * depend on the rule only, so a writer may keep them written (answer.h). */
void report_json_fields(struct sink *out, const struct rulec_policy *policy,
                        const struct rulec_result *result);
void report_json_head(struct sink *out, const struct rulec_policy *policy, int rule);
void report_json_outputs(struct sink *out, const struct rulec_policy *policy,
                         const struct rulec_result *result);
void report_json_tail(struct sink *out, const struct rulec_policy *policy, int rule);
/* Whether name is one an answer writes (outcome, reason, each output, rule, citation,
 * interpretation, error), in JSON or as a CSV column: a claim's own key or column of that name
 * would make two, and a reader would take the claim's for the answer's. */
int report_answer_name(const struct rulec_policy *policy, const char *name);
/* The keys of an answer besides its outputs, in the order the JSON answer writes them, listed
 * once: X(key) for each. report_answer_keys holds them as strings; the databases' typed
 * functions (<policy>_outcome, …: src/ext/) and their C entry points are made from the list. */
#define REPORT_ANSWER_KEY_LIST(X) X(outcome) X(reason) X(rule) X(citation) X(interpretation) X(error)
#define REPORT_ANSWER_KEYS 6u
extern const char *const report_answer_keys[REPORT_ANSWER_KEYS];
#define REPORT_KEY_ENUM(key) REPORT_KEY_##key,
enum report_answer_key { REPORT_ANSWER_KEY_LIST(REPORT_KEY_ENUM) REPORT_KEY_COUNT };
#undef REPORT_KEY_ENUM
/* The first output whose name, ignoring case as SQL does, is one of the answer's other keys
 * or another output's: the databases' typed functions (<policy>_<key>) would be one function
 * for both. Returns its index with the reason in message, or -1. */
int report_answer_clash(const struct rulec_policy *policy, char *message, size_t size);
/* Those names, "outcome, reason, canal, …, error", into buffer. */
void report_answer_names(char *buffer, size_t size, const struct rulec_policy *policy);
/* The input that name, which names none, was probably meant for ("Demande", "demande ",
 * "date service", "profesion" for demande, date_service, profession), among those taken[v]
 * says no other column names; -1 when none is that close. */
int report_near_input(const struct rulec_policy *policy, const char *name, const unsigned char *taken);
/* The edit distance between a (la bytes) and b, two short names; 99 past 63 bytes. */
int report_distance(const char *a, size_t la, const char *b);
/* Why text is refused as a value of var, as batch mode and the database functions say it:
 * "name : valeur « text » refusée ; " and report_refusal; a text of 64 bytes or more is shown
 * cut, with "…". */
void report_bad_value_text(char *buffer, size_t size, const struct rulec_var *var, const char *text);
/* When text is an allowed value of var but for letter case or surrounding spaces, writes that
 * value into buffer and returns 1; otherwise returns 0. */
int report_suggest(const struct rulec_var *var, const char *text, char *buffer, size_t size);

#endif
