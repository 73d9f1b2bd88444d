/* src/rulec/diff_report.c — rulec diff's two renderings (diff_report.h).
 * Part of rulec; see README.md for the licence. */
#include "diff_report.h"

#include <string.h>

#include "analyse.h"
#include "decision_table.h"
#include "diff.h"
#include "keywords.h"
#include "report.h"
#include "sink.h"

static const char *const diff_kind_words[] = { "added", "removed", "changed" };
static const char *const diff_kind_marks[] = { "+", "-", "~" };

/* One version's answer to the example, as eval --json writes it (or refused, with why). */
static void diff_answer_json(struct sink *out, const struct rulec_policy *policy,
                             const struct rulec_claim *claim)
{
    struct rulec_result result;
    enum rulec_status status = rulec_decide(policy, claim, &result);
    sink_char(out, '{');
    if (status == RULEC_OK) {
        report_json_fields(out, policy, &result);
    } else {
        char text[RULEC_REFUSAL_SIZE];
        rulec_refusal_text(text, sizeof text, policy, claim, status, &result);
        sink_string(out, "\"outcome\":\"rejected\",\"error\":");
        sink_json_string(out, text);
    }
    sink_char(out, '}');
}

/* One version's answer on one line: outputs as the rule file writes them, then the rule. */
static void diff_answer_text(FILE *out, const struct compilation *c, const struct rulec_claim *claim)
{
    const struct rulec_policy *policy = c->policy;
    struct rulec_result result;
    enum rulec_status status = rulec_decide(policy, claim, &result);
    if (status == RULEC_MISSING) {
        fprintf(out, "donnée manquante : %s", policy->vars[result.input].name);
        return;
    }
    if (status == RULEC_UNDECIDED) {
        fprintf(out, "aucune règle ne décide : %s", policy->undecided[result.region]);
        return;
    }
    if (status != RULEC_OK) {
        fputs("refusée (date hors des années 1000 à 9999, ou tables malformées)", out);
        return;
    }
    if (result.outcome != RULEC_OUTCOME_DECIDED)
        fprintf(out, "%s, ", keyword(&c->diag, rulec_outcome_name(result.outcome)));
    decision_table_outputs_rules(out, policy, &result, c->diag.french);
    fprintf(out, "règle %s", policy->rules[result.rule].name);
}

static void diff_example_text(FILE *out, const struct diff *d, const struct rulec_claim *claim)
{
    const struct diff_space *s = &d->space;
    int shown = 0;
    for (int c = 0; c < s->model.ninputs; c++) {
        if (!(claim->present >> c & 1))
            continue;
        struct rulec_domain domain = rulec_var_domain(&s->vars[c]);
        char value[64];
        rulec_format_value(value, sizeof value, &domain, claim->values[c], RULEC_NOTATION_RULES);
        fprintf(out, "%s%s=%s", shown++ ? " " : "", s->vars[c].name, value);
    }
    if (!shown)
        fputs("(toute demande)", out);
}

/* A region's tests as JSON members, as rulec table --json writes its "when". */
static void diff_tests_json(struct sink *out, const struct diff *d, const struct region *region)
{
    for (int t = 0; t < region->ntests; t++) {
        sink_string(out, t ? ", " : "");
        decision_table_json_test(out, &d->space.vars[region->tests[t].var], &region->tests[t]);
    }
}

/* A claim's inputs as JSON members, "name": value. */
static void diff_example_json(struct sink *out, const struct diff *d, const struct rulec_claim *claim)
{
    const struct diff_space *s = &d->space;
    for (int c = 0, shown = 0; c < s->model.ninputs; c++) {
        if (!(claim->present >> c & 1))
            continue;
        struct rulec_domain domain = rulec_var_domain(&s->vars[c]);
        char value[64];
        rulec_format_value(value, sizeof value, &domain, claim->values[c], RULEC_NOTATION_JSON);
        sink_string(out, shown++ ? ", " : "");
        sink_json_string(out, s->vars[c].name);
        sink_string(out, ": ");
        sink_string(out, value);
    }
}

/* A part of a region: the tests it adds to the region's (those that narrow it). */
static struct region diff_narrowing(const struct region *part, const struct region *region,
                                    struct region_test *tests)
{
    struct region narrow = { 0, 0, tests };
    for (int i = 0; i < part->ntests; i++) {
        const struct region_test *t = &part->tests[i];
        int same = 0;
        for (int j = 0; j < region->ntests; j++) {
            const struct region_test *u = &region->tests[j];
            same |= u->var == t->var && u->members == t->members && u->low == t->low
                    && u->high == t->high;
        }
        if (!same)
            tests[narrow.ntests++] = *t;
    }
    return narrow;
}

/* Where each output's value changes in the region: everywhere, or on the parts said. */
static void diff_outputs_text(FILE *out, const struct diff *d, const struct diff_region *region,
                              int french)
{
    if (!region->noutputs)
        return;
    fputs("\n     change : ", out);
    for (int i = 0; i < region->noutputs; i++) {
        const struct diff_output *output = &region->outputs[i];
        fprintf(out, "%s%s ", i ? " ; " : "", output->name);
        if (output->everywhere) {
            fputs("partout", out);
            continue;
        }
        if (!output->exact) {
            fputs("peut-être, en un endroit que la différence ne situe pas (une valeur qui lit "
                  "plus de deux données)", out);
            continue;
        }
        fputs("où ", out);
        for (int k = 0; k < output->nparts; k++) {
            struct region_test tests[RULEC_MAX_VARS * 2];
            struct region narrow = diff_narrowing(&output->parts[k], &region->when, tests);
            fputs(k ? " ou " : "", out);
            decision_table_region_words(out, d->space.vars, &narrow, french);
        }
    }
}

/* --- Properties: which an edit breaks, fixes, adds or removes --- */

enum diff_property_change { PROPERTY_SAME, PROPERTY_ADDED, PROPERTY_REMOVED, PROPERTY_BROKEN,
                            PROPERTY_FIXED, PROPERTY_REWORDED, PROPERTY_STILL_FAILING };
static const char *const diff_property_words[] = { "same", "added", "removed", "broken", "fixed",
                                                   "reworded", "failing" };

struct diff_property {
    enum diff_property_change change;
    const struct check_property *property;  /* the new version's, or the old's when removed */
    int old_fails, new_fails;                /* -1: absent from that version */
    const struct rulec_claim *witness;          /* a claim that breaks it (new version's, or the
                                                old's when fixed), or NULL */
    int witness_new;                         /* 1: witness is over the new version's inputs */
    const struct check_property *was;        /* the old version's, when its statement differs */
};

static int diff_property_index(const struct check_model *model, const char *name)
{
    for (int k = 0; k < model->nproperties; k++)
        if (strcmp(model->properties[k].name, name) == 0)
            return k;
    return -1;
}

static int diff_property_same_text(const struct check_property *a, const struct check_property *b)
{
    return strcmp(a->when->text, b->when->text) == 0
           && strcmp(a->requires->text, b->requires->text) == 0;
}

/* claim, over from's inputs, as a claim over to's: inputs matched by name and type, members
 * by name; an input to has and from lacks is absent. */
static void diff_property_claim(const struct check_model *from, const struct check_model *to,
                                const struct rulec_claim *claim, struct rulec_claim *out)
{
    memset(out, 0, sizeof *out);
    for (int v = 0; v < to->ninputs; v++) {
        const struct check_var *var = &to->vars[v];
        for (int u = 0; u < from->ninputs; u++) {
            const struct check_var *other = &from->vars[u];
            if (strcmp(other->name, var->name) != 0 || other->type != var->type
                || !(claim->present >> u & 1))
                continue;
            int32_t value = claim->values[u];
            if (var->type == RULEC_TYPE_ENUM) {
                int found = -1;
                for (int m = 0; m < var->nmembers && found < 0; m++)
                    if (value >= 0 && value < other->nmembers
                        && strcmp(var->members[m], other->members[value]) == 0)
                        found = m;
                if (found < 0)
                    break;
                value = found;
            }
            out->values[v] = value;
            out->present |= (uint64_t)1 << v;
            break;
        }
    }
}

/* A property's witness names only what its own version reads (the prover leaves out the
 * rest); the other version may ask for more to decide it: those inputs are given back, with
 * the values the witness was found with, so that both answers are decisions. */
static const struct rulec_claim *diff_property_example(struct arena *arena,
                                                   const struct check_model *model,
                                                   const struct compilation *other,
                                                   const struct rulec_claim *witness)
{
    struct rulec_claim *example = arena_alloc(arena, sizeof *example);
    *example = *witness;
    for (int round = 0; round < model->ninputs; round++) {
        struct rulec_claim claim;
        struct rulec_result result;
        diff_property_claim(model, other->model, example, &claim);
        if (rulec_decide(other->policy, &claim, &result) != RULEC_MISSING || result.input < 0)
            break;
        const char *name = other->policy->vars[result.input].name;
        int given = 0;
        for (int v = 0; v < model->ninputs && !given; v++)
            if (strcmp(model->vars[v].name, name) == 0 && !(example->present >> v & 1)) {
                example->present |= (uint64_t)1 << v;
                given = 1;
            }
        if (!given)
            break;
    }
    return example;
}

/* Every property of either version with what the edit does to it, the new version's order
 * first, then those removed. Returns the count; changes counts those that are changes. */
static int diff_properties(struct arena *arena, const struct compilation *old,
                           const struct compilation *new, struct diff_property **out,
                           int *changes)
{
    const struct check_model *a = old->model, *b = new->model;
    struct diff_property *list = arena_calloc(arena, (size_t)(a->nproperties + b->nproperties)
                                                     + 1, sizeof *list);
    int count = 0;
    *changes = 0;
    for (int k = 0; k < b->nproperties; k++) {
        struct diff_property *p = &list[count++];
        p->property = &b->properties[k];
        p->new_fails = new->properties_failed[k];
        int j = diff_property_index(a, p->property->name);
        p->old_fails = j < 0 ? -1 : old->properties_failed[j];
        if (new->property_witnesses[k].present) {
            p->witness = diff_property_example(arena, b, old, &new->property_witnesses[k]);
            p->witness_new = 1;
        }
        if (j < 0)
            p->change = PROPERTY_ADDED;
        else if (!p->old_fails && p->new_fails)
            p->change = PROPERTY_BROKEN;
        else if (p->old_fails && !p->new_fails)
            p->change = PROPERTY_FIXED;
        else if (!diff_property_same_text(&a->properties[j], p->property))
            p->change = PROPERTY_REWORDED;
        else if (p->new_fails)
            p->change = PROPERTY_STILL_FAILING;
        else
            p->change = PROPERTY_SAME;
        if (j >= 0 && !diff_property_same_text(&a->properties[j], p->property))
            p->was = &a->properties[j];
        if (p->change == PROPERTY_FIXED && old->property_witnesses[j].present) {
            p->witness = diff_property_example(arena, a, new, &old->property_witnesses[j]);
            p->witness_new = 0;
        }
        *changes += p->change != PROPERTY_SAME && p->change != PROPERTY_STILL_FAILING;
        if (p->change == PROPERTY_SAME)
            count--;
    }
    for (int j = 0; j < a->nproperties; j++) {
        if (diff_property_index(b, a->properties[j].name) >= 0)
            continue;
        struct diff_property *p = &list[count++];
        p->property = &a->properties[j];
        p->change = PROPERTY_REMOVED;
        p->old_fails = old->properties_failed[j];
        p->new_fails = -1;
        (*changes)++;
    }
    *out = list;
    return count;
}


static const char *diff_property_status(int fails)
{
    return fails < 0 ? "absente" : fails ? "non respectée" : "respectée";
}

static void diff_property_statement(FILE *out, const struct check_property *property)
{
    if (property->when->kind != CHECK_PROP_TRUE)
        fprintf(out, "quand %s, ", property->when->text);
    fputs(property->requires->text, out);
}

static void diff_properties_text(FILE *out, struct arena *arena, struct compilation *old,
                                 struct compilation *new)
{
    struct diff_property *list;
    int changes, count = diff_properties(arena, old, new, &list, &changes);
    if (old->model->nproperties == 0 && new->model->nproperties == 0)
        return;
    fprintf(out, "propriétés dont la preuve change : %d", changes);
    int failing = 0;
    for (int k = 0; k < new->model->nproperties; k++)
        failing += new->properties_failed[k];
    if (failing)
        fprintf(out, " ; %d non %s après", failing, diag_plural(failing, "respectée",
                                                               "respectées"));
    fputc('\n', out);
    static const char *const what[] = { "", "ajoutée", "retirée", "n'est plus respectée",
                                        "est maintenant respectée", "énoncé changé",
                                        "n'est toujours pas respectée" };
    static const char marks[] = { ' ', '+', '-', '!', '~', '~', '!' };
    for (int i = 0; i < count; i++) {
        const struct diff_property *p = &list[i];
        const struct check_property *property = p->property;
        fprintf(out, "  %c %s : %s", marks[p->change], property->name, what[p->change]);
        if (p->change == PROPERTY_ADDED || p->change == PROPERTY_REWORDED)
            fprintf(out, ", %s", diff_property_status(p->new_fails));
        if (p->change == PROPERTY_REWORDED && p->old_fails != p->new_fails)
            fprintf(out, " (%s avant)", diff_property_status(p->old_fails));
        /* What the property gave up or took on, when its statement changed. */
        if (p->was) {
            fputs("\n     exigeait : ", out);
            diff_property_statement(out, p->was);
        }
        fputs("\n     exige : ", out);
        diff_property_statement(out, property);
        fputc('\n', out);
        if (!p->witness || p->change == PROPERTY_REMOVED)
            continue;
        const struct check_model *model = p->witness_new ? new->model : old->model;
        struct rulec_claim before, after;
        if (p->witness_new) {
            after = *p->witness;
            diff_property_claim(model, old->model, p->witness, &before);
        } else {
            before = *p->witness;
            diff_property_claim(model, new->model, p->witness, &after);
        }
        fprintf(out, "     exemple : %s", analyse_claim_text(arena, model, p->witness));
        if (p->old_fails >= 0) {
            fputs("\n     avant : ", out);
            diff_answer_text(out, old, &before);
        }
        fputs("\n     après : ", out);
        diff_answer_text(out, new, &after);
        fputc('\n', out);
    }
}

static void diff_properties_json(struct sink *out, struct arena *arena, struct compilation *old,
                                 struct compilation *new)
{
    struct diff_property *list;
    int changes, count = diff_properties(arena, old, new, &list, &changes);
    sink_string(out, ",\n \"properties\": [");
    for (int i = 0; i < count; i++) {
        const struct diff_property *p = &list[i];
        sink_string(out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
        sink_json_string(out, p->property->name);
        sink_string(out, ", \"change\": \"");
        sink_string(out, diff_property_words[p->change]);
        sink_string(out, "\", \"old\": ");
        sink_string(out, p->old_fails < 0 ? "null" : p->old_fails ? "\"fails\"" : "\"holds\"");
        sink_string(out, ", \"new\": ");
        sink_string(out, p->new_fails < 0 ? "null" : p->new_fails ? "\"fails\"" : "\"holds\"");
        /* The statement, when and requires as the file writes them; the old one when it differs. */
        const struct check_property *statements[2] = { p->was, p->property };
        for (int k = p->was ? 0 : 1; k < 2; k++) {
            sink_string(out, k ? ", \"when\": " : ", \"old_when\": ");
            if (statements[k]->when->kind != CHECK_PROP_TRUE)
                sink_json_string(out, statements[k]->when->text);
            else
                sink_string(out, "null");
            sink_string(out, k ? ", \"requires\": " : ", \"old_requires\": ");
            sink_json_string(out, statements[k]->requires->text);
        }
        if (p->witness && p->change != PROPERTY_REMOVED) {
            const struct check_model *model = p->witness_new ? new->model : old->model;
            sink_string(out, ", \"example\": {");
            int first = 1;
            for (int v = 0; v < model->ninputs; v++) {
                const struct check_var *var = &model->vars[v];
                if (!(p->witness->present >> v & 1))
                    continue;
                struct rulec_domain domain = { (uint8_t)var->type, (uint16_t)var->nmembers,
                                            var->members, var->member_labels,
                                            var->low != INT32_MIN || var->high != INT32_MAX,
                                            var->low, var->high };
                char value[128];
                rulec_format_value(value, sizeof value, &domain, p->witness->values[v],
                                   RULEC_NOTATION_JSON);
                sink_string(out, first ? "" : ", ");
                first = 0;
                sink_json_string(out, var->name);
                sink_string(out, ": ");
                sink_string(out, value);
            }
            sink_char(out, '}');
        }
        sink_char(out, '}');
    }
    sink_char(out, ']');
}

/* What changed, in the words of the new version's file: its keywords in its language
 * ("règle", "donnée"), the other words in French for a French file. */
static const char *diff_what_text(const struct compilation *c, const char *what)
{
    static const char *const french[][2] = {
        { "member", "membre" }, { "c_constant", "constante C" }, { "cite", "citation" },
        { "reason", "raison" }, { "interpretation", "interprétation" },
        { "label", "étiquette" }, { "title", "titre" },
    };
    const char *word = keyword(&c->diag, what);
    if (word != what || !c->diag.french)
        return word;
    for (size_t i = 0; i < sizeof french / sizeof french[0]; i++)
        if (strcmp(french[i][0], what) == 0)
            return french[i][1];
    return what;
}

/* An example (a region's or a need's) and its answer in each version, as lines of text. */
static void diff_before_after_text(FILE *out, const struct diff *d, const struct rulec_claim *example,
                                   const struct compilation *old, const struct compilation *new)
{
    struct rulec_claim a, b;
    diff_claim_for(d, example, 0, &a);
    diff_claim_for(d, example, 1, &b);
    fputs("\n     exemple : ", out);
    diff_example_text(out, d, example);
    fputs("\n     avant : ", out);
    diff_answer_text(out, old, &a);
    fputs("\n     après : ", out);
    diff_answer_text(out, new, &b);
}

/* The example's answer in each version, as the members "old" and "new" that follow. */
static void diff_before_after_json(struct sink *out, const struct diff *d,
                                   const struct rulec_claim *example,
                                   const struct compilation *old, const struct compilation *new)
{
    struct rulec_claim a, b;
    diff_claim_for(d, example, 0, &a);
    diff_claim_for(d, example, 1, &b);
    sink_string(out, ",\n   \"old\": ");
    diff_answer_json(out, old->policy, &a);
    sink_string(out, ",\n   \"new\": ");
    diff_answer_json(out, new->policy, &b);
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
        fprintf(out, "  %s %s %s%s%s%s\n", diff_kind_marks[v->kind], diff_what_text(new, v->what),
                v->name, v->detail[0] ? " : " : "", v->detail,
                v->breaking ? " [API C cassée]" : "");
    }
    if (d->ntexts)
        fprintf(out, "textes : %d %s\n", d->ntexts,
                diag_plural(d->ntexts, "changement", "changements"));
    for (int i = 0; i < d->ntexts; i++) {
        const struct diff_vocabulary *v = &d->texts[i];
        fprintf(out, "  %s %s %s : %s\n", diff_kind_marks[v->kind], diff_what_text(new, v->what),
                v->name, v->detail);
    }
    fprintf(out, "régions dont la réponse change : %d\n", d->nregions);
    for (int i = 0; i < d->nregions; i++) {
        const struct diff_region *region = &d->regions[i];
        fprintf(out, "  %d. ", i + 1);
        /* In the new version's language. */
        decision_table_region_words(out, d->space.vars, &region->when, new->diag.french);
        diff_before_after_text(out, d, &region->example, old, new);
        diff_outputs_text(out, d, region, new->diag.french);
        fputc('\n', out);
    }
    if (d->nneeds || d->needs_skipped)
        fprintf(out, "données dont le besoin change : %d%s\n", d->nneeds,
                d->needs_skipped ? " ; certaines données non examinées : trop de chemins" : "");
    for (int i = 0; i < d->nneeds; i++) {
        const struct diff_need *need = &d->needs[i];
        fprintf(out, "  %c %s %s, pour les demandes sans elle : ", need->needed ? '+' : '-',
                d->space.vars[need->input].name,
                need->needed ? "devient nécessaire" : "n'est plus nécessaire");
        decision_table_region_words(out, d->space.vars, &need->when, new->diag.french);
        diff_before_after_text(out, d, &need->example, old, new);
        fputc('\n', out);
    }
    diff_properties_text(out, &old->arena, old, new);
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
    sink_string(out, "],\n \"texts\": [");
    for (int i = 0; i < d->ntexts; i++) {
        const struct diff_vocabulary *v = &d->texts[i];
        sink_string(out, i ? ",\n  {\"change\": \"" : "\n  {\"change\": \"");
        sink_string(out, diff_kind_words[v->kind]);
        sink_string(out, "\", \"what\": \"");
        sink_string(out, v->what);
        sink_string(out, "\", \"name\": ");
        sink_json_string(out, v->name);
        sink_string(out, ", \"detail\": ");
        sink_json_string(out, v->detail);
        sink_string(out, ", \"old\": ");
        if (v->old_text)
            sink_json_string(out, v->old_text);
        else
            sink_string(out, "null");
        sink_string(out, ", \"new\": ");
        if (v->new_text)
            sink_json_string(out, v->new_text);
        else
            sink_string(out, "null");
        sink_char(out, '}');
    }
    sink_string(out, "],\n \"regions\": [");
    const struct diff_space *s = &d->space;
    for (int i = 0; i < d->nregions; i++) {
        const struct diff_region *region = &d->regions[i];
        sink_string(out, i ? ",\n  {\"when\": {" : "\n  {\"when\": {");
        diff_tests_json(out, d, &region->when);
        sink_string(out, "},\n   \"example\": {");
        diff_example_json(out, d, &region->example);
        sink_string(out, "},\n   \"outputs\": {");
        for (int o = 0; o < region->noutputs; o++) {
            const struct diff_output *output = &region->outputs[o];
            sink_string(out, o ? ", " : "");
            sink_json_string(out, output->name);
            if (output->everywhere) {
                sink_string(out, ": \"everywhere\"");
                continue;
            }
            sink_string(out, output->exact ? ": [" : ": {\"exact\": false, \"where\": [");
            for (int k = 0; k < output->nparts; k++) {
                struct region_test tests[RULEC_MAX_VARS * 2];
                struct region narrow = diff_narrowing(&output->parts[k], &region->when, tests);
                sink_string(out, k ? ", {" : "{");
                diff_tests_json(out, d, &narrow);
                sink_char(out, '}');
            }
            sink_string(out, output->exact ? "]" : "]}");
        }
        sink_char(out, '}');
        diff_before_after_json(out, d, &region->example, old, new);
        sink_char(out, '}');
    }
    sink_string(out, "],\n \"needs\": [");
    for (int i = 0; i < d->nneeds; i++) {
        const struct diff_need *need = &d->needs[i];
        sink_string(out, i ? ",\n  {\"input\": " : "\n  {\"input\": ");
        sink_json_string(out, s->vars[need->input].name);
        sink_string(out, need->needed ? ", \"change\": \"needed\", \"when\": {"
                                      : ", \"change\": \"no_longer_needed\", \"when\": {");
        diff_tests_json(out, d, &need->when);
        sink_string(out, "},\n   \"example\": {");
        diff_example_json(out, d, &need->example);
        sink_char(out, '}');
        diff_before_after_json(out, d, &need->example, old, new);
        sink_char(out, '}');
    }
    sink_char(out, ']');
    diff_properties_json(out, &old->arena, old, new);
    sink_string(out, "}\n");
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
    struct diff_property *properties;
    int property_changes;
    diff_properties(&old->arena, old, new, &properties, &property_changes);
    return d.nvocabulary > 0 || d.ntexts > 0 || d.nregions > 0 || d.nneeds > 0
           || property_changes > 0;
}
