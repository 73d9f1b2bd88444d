/* tests/fuzz/fuzz_rules.c — the rule-file front end on any bytes: parse, check, diagram,
 * analyse, tables, decision table (both renderings) and C emission, all in memory. Must never crash, leak into
 * undefined behaviour, or end the process. Part of rulec; see README.md for the licence. */
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
    if (compile_text(&c, "fuzz.rules", (const char *)data, size, NULL, fuzz_quiet()) == COMPILE_OK) {
        struct emit_text header = { NULL, 0, 0 }, source = { NULL, 0, 0 };
        emit_policy(c.policy, "0", &header, &source);
        emit_text_free(&header);
        emit_text_free(&source);
        struct region_table table;
        if (regions_build(&c.arena, c.model, c.diagram, &table) == 0) {
            decision_table_text(fuzz_quiet(), c.model, c.policy, &table);
            decision_table_json(fuzz_quiet(), c.model, c.policy, &table);
        }
        /* Every example runs too: the same path as rulec test. */
        struct rt_result result;
        for (int i = 0; i < c.model->nexamples; i++)
            rt_decide(c.policy, &c.model->examples[i].claim, &result);
    }
    compile_free(&c);
    return 0;
}
