/* tests/fuzz/fuzz_audit.c — the auditor's commands on any bytes: the input is two rule files
 * (an old and a new, split at the first line "%%"; without one, the file and itself), and each
 * that compiles goes through rulec doc (the HTML report), diff (text and JSON, with and without
 * --answers-only), table (text and JSON) and explain (short, --all, JSON, and --why-not each
 * rule, each outcome and the first output's every member) on each of its examples' claims.
 * Must never crash, leak into undefined behaviour, or end the process; the report must hold no
 * <script> (every string of the rule file is escaped) and no character that acts on the text
 * around it (a bidirectional control or mark: rulec_display_char's list, written by name).
 * Part of rulec; see README.md for the licence. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "decision_table.h"
#include "diff_report.h"
#include "doc.h"
#include "emit.h"
#include "explain.h"
#include "regions.h"

#include "fuzz.h"

/* The report escapes what the rule file holds: no character that would act (but the line
 * breaks and tabs of the page itself) reaches it, and no script. */
static void fuzz_check_page(const struct buffer *page)
{
    for (size_t i = 0; i < page->length;) {
        const char *p = page->data + i;
        if (page->length - i >= 7 && memcmp(p, "<script", 7) == 0)
            abort();
        char shown[RULEC_DISPLAY_SIZE];
        int escaped;
        size_t n = rulec_display_char(p, page->length - i, shown, &escaped);
        /* A byte that is not UTF-8 stops nothing here: the lexer refused it already. */
        if (escaped && shown[1] == 'U' && *p != '\r')
            abort();
        i += n;
    }
}

static void fuzz_explain(const struct compilation *c)
{
    const struct rulec_policy *policy = c->policy;
    char want[512];
    for (int i = 0; i < c->model->nexamples && i < 4; i++) {
        const struct rulec_claim *claim = &c->model->examples[i].claim;
        for (int mode = 0; mode < 4; mode++) {
            struct explain_options options = { mode & 1, mode >> 1, NULL };
            explain_claim(policy, claim, &options, fuzz_quiet(), fuzz_quiet(), "fuzz");
        }
        static const char *const outcomes[] = { "non_précisé", "invalide", "décidé", "x=y", "" };
        for (size_t k = 0; k < sizeof outcomes / sizeof *outcomes; k++) {
            struct explain_options options = { (int)(k & 1), 0, outcomes[k] };
            explain_claim(policy, claim, &options, fuzz_quiet(), fuzz_quiet(), "fuzz");
        }
        for (uint32_t r = 0; r < policy->nrules && r < 8; r++) {
            snprintf(want, sizeof want, "règle=%s", policy->rules[r].name);
            struct explain_options options = { (int)(r & 1), 0, want };
            explain_claim(policy, claim, &options, fuzz_quiet(), fuzz_quiet(), "fuzz");
        }
        if (policy->noutputs) {
            const struct rulec_output *output = &policy->outputs[0];
            for (unsigned m = 0; m < output->nmembers && m < 8; m++) {
                snprintf(want, sizeof want, "%s=%s", output->name, output->members[m]);
                struct explain_options options = { 0, 0, want };
                explain_claim(policy, claim, &options, fuzz_quiet(), fuzz_quiet(), "fuzz");
            }
        }
    }
}

/* doc, table and explain on one compiled file. */
static void fuzz_one(struct compilation *c)
{
    struct buffer page = { .data = NULL };
    if (doc_write(&page, c) == 0)
        fuzz_check_page(&page);
    buffer_free(&page);
    struct region_table table;
    if (regions_build(&c->arena, c->model, c->diagram, &table) == 0) {
        decision_table_text(fuzz_quiet(), c->model, c->policy, &table, c->diag.french);
        decision_table_json(fuzz_quiet(), c->model, c->policy, &table);
    }
    fuzz_explain(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t old_length = size;
    const char *new_text = text;
    size_t new_length = size;
    for (size_t i = 0; i + 2 <= size; i++) {
        if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, "%%", 2) == 0
            && (i + 2 == size || text[i + 2] == '\n')) {
            old_length = i;
            new_text = text + i + 2 + (i + 2 < size);
            new_length = size - (size_t)(new_text - text);
            break;
        }
    }
    struct compilation old, new;
    /* Unfinished files too, as rulec diff and explain take them. */
    struct compile_options options = { .unfinished = 1, .release_tree = 1 };   /* as rulec diff */
    enum compile_status a = compile_text(&old, "old.rules", text, old_length, &options, fuzz_quiet());
    enum compile_status b = compile_text(&new, "new.rules", new_text, new_length, &options,
                                         fuzz_quiet());
    if (a == COMPILE_OK)
        fuzz_one(&old);
    if (a == COMPILE_OK && b == COMPILE_OK)
        for (int mode = 0; mode < 4; mode++)
            diff_policies(fuzz_quiet(), fuzz_quiet(), &old, &new, mode & 1, mode >> 1);
    compile_free(&old);
    compile_free(&new);
    return 0;
}
