/* tests/fuzz/fuzz_rules.c — the rule-file front end on any bytes: parse, check, diagram,
 * analyse, tables, decision table (both renderings), C emission and why-not between the
 * examples' answers, all in memory. Must never crash, leak into undefined behaviour, or end
 * the process. Part of rulec; see README.md for the licence. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "compile.h"
#include "decision_table.h"
#include "emit.h"
#include "regions.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct compilation c;
    /* As rulec compiles: with the C backend's check of names, whose tables are emitted below,
     * and the syntax tree released once checked, so that nothing after reads it. */
    struct compile_options options = { .check_names = emit_check_names, .release_tree = 1 };
    if (compile_text(&c, "fuzz.rules", (const char *)data, size, &options, fuzz_quiet()) == COMPILE_OK) {
        struct buffer header = { .data = NULL }, source = { .data = NULL };
        emit_policy(c.policy, "0", &header, &source);
        buffer_free(&header);
        buffer_free(&source);
        struct region_table table;
        if (regions_build(&c.arena, c.model, c.diagram, &table) == 0) {
            decision_table_text(fuzz_quiet(), c.model, c.policy, &table, c.diag.french);
            decision_table_json(fuzz_quiet(), c.model, c.policy, &table);
        }
        /* Every example runs too: the same path as rulec test. And why not another answer:
         * from each example, the rule that decides another example is never out of reach,
         * and a change found gives it. */
        struct rulec_result result, other;
        for (int i = 0; i < c.model->nexamples && i < 8; i++) {
            rulec_decide(c.policy, &c.model->examples[i].claim, &result);
            for (int j = 0; j < c.model->nexamples && j < 8; j++) {
                if (rulec_decide(c.policy, &c.model->examples[j].claim, &other) != RULEC_OK)
                    continue;
                struct rulec_want want = { RULEC_WANT_RULE, 0, other.rule };
                struct rulec_change change;
                enum rulec_why_not_status status = rulec_why_not(c.policy, &c.model->examples[i].claim,
                                                                 &want, &change);
                if (status == RULEC_WHY_NOT_NEVER || status == RULEC_WHY_NOT_BAD_TABLES)
                    abort();
                if (status == RULEC_WHY_NOT_FOUND
                    && (rulec_decide(c.policy, &change.claim, &other) != RULEC_OK
                        || other.rule != want.value))
                    abort();
            }
        }
    }
    compile_free(&c);
    return 0;
}
