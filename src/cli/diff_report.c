/* src/cli/diff_report.c — rulec diff's two renderings (diff_report.h).
 * Part of rulec; see README.md for the licence. */
#include "diff_report.h"

#include <string.h>

#include "decision_table.h"
#include "diff.h"
#include "keywords.h"
#include "report.h"
#include "sink.h"

static const char *const diff_kind_words[] = { "added", "removed", "changed" };
static const char *const diff_kind_marks[] = { "+", "-", "~" };

/* One version's answer to the example, as eval --json writes it (or refused, with why). */
static void diff_answer_json(struct sink *out, const struct rt_policy *policy,
                             const struct rt_claim *claim)
{
    struct rt_result result;
    enum rt_status status = rt_decide(policy, claim, &result);
    sink_char(out, '{');
    if (status == RT_OK) {
        report_json_fields(out, policy, &result);
    } else {
        char text[REPORT_REFUSAL_SIZE];
        report_refusal_text(text, sizeof text, policy, claim, status, &result);
        sink_string(out, "\"outcome\":\"rejected\",\"error\":");
        sink_json_string(out, text);
    }
    sink_char(out, '}');
}

/* One version's answer on one line: outputs as the rule file writes them, then the rule. */
static void diff_answer_text(FILE *out, const struct compilation *c, const struct rt_claim *claim)
{
    const struct rt_policy *policy = c->policy;
    struct rt_result result;
    enum rt_status status = rt_decide(policy, claim, &result);
    if (status == RT_MISSING) {
        fprintf(out, "donnée manquante : %s", policy->vars[result.missing].name);
        return;
    }
    if (status == RT_UNDECIDED) {
        fprintf(out, "aucune règle ne décide : %s", policy->undecided[result.missing]);
        return;
    }
    if (status != RT_OK) {
        fputs("refusée (date hors des années 1000 à 9999, ou tables malformées)", out);
        return;
    }
    if (result.outcome != RT_OUTCOME_DECIDED)
        fprintf(out, "%s, ", keyword(&c->diag, rt_outcome_name(result.outcome)));
    decision_table_outputs_rules(out, policy, &result, c->diag.french);
    fprintf(out, "règle %s", policy->rules[result.rule].name);
}

static void diff_example_text(FILE *out, const struct diff *d, const struct rt_claim *claim)
{
    const struct diff_space *s = &d->space;
    for (int c = 0; c < s->model.ninputs; c++) {
        struct rt_domain domain = rt_var_domain(&s->vars[c]);
        char value[64];
        rt_format_value(value, sizeof value, &domain, claim->values[c], RT_NOTATION_RULES);
        fprintf(out, "%s%s=%s", c ? " " : "", s->vars[c].name, value);
    }
}

static int diff_text(FILE *out, const struct diff *d, struct compilation *old,
                     struct compilation *new)
{
    fprintf(out, "vocabulaire : %d %s%s\n", d->nvocabulary,
            diag_plural(d->nvocabulary, "changement", "changements"),
            d->breaking ? (d->nvocabulary == 1 ? ", qui casse l'API C"
                                               : ", dont certains cassent l'API C") : "");
    for (int i = 0; i < d->nvocabulary; i++) {
        const struct diff_vocabulary *v = &d->vocabulary[i];
        fprintf(out, "  %s %s %s%s%s%s\n", diff_kind_marks[v->kind], v->what, v->name,
                v->detail[0] ? " : " : "", v->detail, v->breaking ? " [API C cassée]" : "");
    }
    fprintf(out, "régions dont la réponse change : %d\n", d->nregions);
    for (int i = 0; i < d->nregions; i++) {
        const struct diff_region *region = &d->regions[i];
        struct rt_claim a, b;
        diff_claim_for(d, &region->example, 0, &a);
        diff_claim_for(d, &region->example, 1, &b);
        fprintf(out, "  %d. ", i + 1);
        /* In the new version's language. */
        decision_table_region_words(out, d->space.vars, &region->when, new->diag.french);
        fputs("\n     exemple : ", out);
        diff_example_text(out, d, &region->example);
        fputs("\n     avant : ", out);
        diff_answer_text(out, old, &a);
        fputs("\n     après : ", out);
        diff_answer_text(out, new, &b);
        fputc('\n', out);
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

static int diff_json(FILE *file, const struct diff *d, struct compilation *old,
                     struct compilation *new)
{
    struct sink sink, *out = &sink;
    sink_init(out, file);
    sink_string(out, "{\"vocabulary\": [");
    for (int i = 0; i < d->nvocabulary; i++) {
        const struct diff_vocabulary *v = &d->vocabulary[i];
        sink_string(out, i ? ",\n  {\"change\": \"" : "\n  {\"change\": \"");
        sink_string(out, diff_kind_words[v->kind]);
        sink_string(out, "\", \"what\": \"");
        sink_string(out, v->what);
        sink_string(out, "\", \"name\": ");
        sink_json_string(out, v->name);
        if (v->detail[0]) {
            sink_string(out, ", \"detail\": ");
            sink_json_string(out, v->detail);
        }
        sink_string(out, v->breaking ? ", \"breaking\": true}" : ", \"breaking\": false}");
    }
    sink_string(out, "],\n \"regions\": [");
    const struct diff_space *s = &d->space;
    for (int i = 0; i < d->nregions; i++) {
        const struct diff_region *region = &d->regions[i];
        sink_string(out, i ? ",\n  {\"when\": {" : "\n  {\"when\": {");
        for (int t = 0; t < region->when.ntests; t++) {
            sink_string(out, t ? ", " : "");
            decision_table_json_test(out, &s->vars[region->when.tests[t].var], &region->when.tests[t]);
        }
        sink_string(out, "},\n   \"example\": {");
        for (int c = 0; c < s->model.ninputs; c++) {
            struct rt_domain domain = rt_var_domain(&s->vars[c]);
            char value[64];
            rt_format_value(value, sizeof value, &domain, region->example.values[c], RT_NOTATION_JSON);
            sink_string(out, c ? ", " : "");
            sink_json_string(out, s->vars[c].name);
            sink_string(out, ": ");
            sink_string(out, value);
        }
        struct rt_claim a, b;
        diff_claim_for(d, &region->example, 0, &a);
        diff_claim_for(d, &region->example, 1, &b);
        sink_string(out, "},\n   \"old\": ");
        diff_answer_json(out, old->policy, &a);
        sink_string(out, ",\n   \"new\": ");
        diff_answer_json(out, new->policy, &b);
        sink_char(out, '}');
    }
    sink_string(out, "]}\n");
    return sink_flush(out);
}

int diff_policies(FILE *out, FILE *err, struct compilation *old, struct compilation *new,
                  int json, int answers_only)
{
    struct diff d;
    if (diff_build(&old->arena, old, new, answers_only, &d) != 0) {
        fprintf(err, "rulec: diff : les tables ont trop de chemins à comparer (plus de %ld "
                "étapes), ou la mémoire manque\n", DIFF_BUDGET);
        return -1;
    }
    if ((json ? diff_json(out, &d, old, new) : diff_text(out, &d, old, new)) != 0)
        return -2;
    return d.nvocabulary > 0 || d.nregions > 0;
}
