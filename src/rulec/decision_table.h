/* src/rulec/decision_table.h — rulec table: the decision table as text for a terminal, or as
 * JSON that later commands read as it is.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DECISION_TABLE_H
#define RULEC_DECISION_TABLE_H

#include <stdio.h>

#include "check.h"
#include "regions.h"
#include <rulec/rulec.h>

/* {"policy": NAME, "regions": [{"when": {...}, "answer": {...}}, ...]}: when names each
 * variable a region tests ({"in": [...]} members or booleans; {"min": ..., "max": ...}
 * inclusive, dates as "YYYY-MM-DD", either side left out when open); answer holds outcome,
 * rule, reason or interpretation where they apply, and the outputs as the rule sets them (a
 * constant, or the expression as text). Returns 0, or -1 when writing failed. */
int decision_table_json(FILE *out, const struct check_model *model, const struct rulec_policy *policy,
                        const struct region_table *table);
/* A row per region, a column per variable tested, then the rule and its answer; booleans and
 * shifts in language (enum keyword_language): vrai, + 90 jours in a French file. */
int decision_table_text(FILE *out, const struct check_model *model, const struct rulec_policy *policy,
                        const struct region_table *table, int language);
/* A table too large to hold and merge (regions_build refused it), written as the walk finds
 * its regions, unmerged (regions_stream): as text in aligned columns (two walks: the widths,
 * then the rows), its last line saying so; or as JSON, the table's object with "merged":
 * false after its regions. Returns 0, -1 when writing failed (errno says why), -2 when memory
 * ran out. */
int decision_table_stream(FILE *out, const struct check_model *model,
                          const struct rulec_policy *policy, const struct diagram *diagram,
                          int json, int language);

/* Room for any cell: 64 members of up to 63 characters, with their separators. */
#define DECISION_TABLE_CELL_SIZE 4224
/* The member of a lookup assignment's key (assign->key >= 0) whose value is shown as the
 * default ('otherwise'): the most frequent value, the first member of those. */
unsigned decision_table_lookup_default(const struct rulec_policy *policy,
                                       const struct rulec_assign *assign);
/* The region's test on var, or NULL. */
const struct region_test *decision_table_test_of(const struct region *region, int var);
/* What a region asks of a variable, as JSON ("name": {"in": [...]} or {"min": …, "max": …}). */
struct sink;
void decision_table_json_test(struct sink *out, const struct rulec_var *var,
                              const struct region_test *test);
/* A value as a rule file in language (enum keyword_language) writes it: rulec_format_value's
 * RULEC_NOTATION_RULES, with a boolean's keyword (true, or vrai in a French file). Returns what
 * rulec_format_value returns. */
size_t decision_table_rules_value(char *buffer, size_t size, const struct rulec_domain *domain,
                                  int32_t value, int language);
/* The outputs an answer sets, as a rule file in that language writes them:
 * "canal = x, hors_delai = faux, ". */
void decision_table_outputs_rules(FILE *out, const struct rulec_policy *policy,
                                  const struct rulec_result *result, int french);
/* A region in the rule file's words: "profession in { dentiste }, date_service <= …". */
void decision_table_region_words(FILE *out, const struct rulec_var *vars, const struct region *region,
                                 int french);

#endif
