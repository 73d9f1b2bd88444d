/* src/rulec/doc.c — the auditor's report (doc.h).
 * Part of rulec; see README.md for the licence.
 *
 * The page answers an auditor's first question first: which claims get which answer, and on
 * which sentence does that rest (the view by answer). Then the sources, the counts, what each
 * name means (definitions), every rule, the decision table, the readings and the examples.
 * Everything is said with the rule file's labels and in words; what the file writes appears
 * beside it, in code. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "decision_table.h"
#include "buffer.h"
#include "report.h"
#include "keywords.h"
#include "quote.h"
#include "regions.h"

/* What text holds that the page must guard against: 1 a character that would act on the text
 * around it (rulec_display_char: a bidirectional override, isolate or mark; the lexer has refused
 * controls and unpaired overrides, but paired ones and marks remain), 2 a letter of a script
 * written right to left (Hebrew, Arabic, …), which reorders the neutral characters beside it. */
static int doc_guard(const char *text)
{
    int guard = 0;
    for (const unsigned char *u = (const unsigned char *)text; *u; u++) {
        if (*u < 0x80)
            continue;
        char shown[RULEC_DISPLAY_SIZE];
        int escaped;
        size_t n = rulec_display_char((const char *)u, RULEC_UTF8_MAX, shown, &escaped);
        uint32_t code = n > 1 ? rulec_utf8_code((const char *)u, n) : 0;
        if (escaped)
            guard |= 1;
        else if ((code >= 0x0590 && code <= 0x08FF) || (code >= 0xFB1D && code <= 0xFDFF)
                 || (code >= 0xFE70 && code <= 0xFEFF) || (code >= 0x10800 && code <= 0x10FFF)
                 || (code >= 0x1E800 && code <= 0x1EFFF))
            guard |= 2;
        u += n - 1;
    }
    return guard;
}

/* Text inside HTML: & < > " escaped. A character that would act on the text around it is not
 * written but named, small and boxed (« <U+202E> »): the page shows the rule file as it reads,
 * and an auditor sees that the character is there ("Titre <U+202E> 0001 $ payer" would otherwise show
 * as "Titre reyap $ 1000"). A text with right-to-left letters is isolated (<bdi>) so that it
 * cannot reorder the page's words around it. element 0: for <title>, which holds text only. */
static void doc_text_as(struct buffer *page, const char *text, int element)
{
    text = text ? text : "";
    int guard = doc_guard(text);
    if (guard && element)
        buffer_printf(page, "<bdi>");
    for (const char *p = text; *p; p++) {
        char shown[RULEC_DISPLAY_SIZE];
        int escaped = 0;
        switch (*p) {
        case '&': buffer_printf(page, "&amp;"); break;
        case '<': buffer_printf(page, "&lt;"); break;
        case '>': buffer_printf(page, "&gt;"); break;
        case '"': buffer_printf(page, "&quot;"); break;
        default:
            /* A character that would act (C0 controls but tab and line feed, DEL; a
             * bidirectional control): named, as rulec_display_char names it. */
            if ((guard & 1 && (unsigned char)*p >= 0x80) || ((unsigned char)*p < 0x20 && *p != '\t'
                                                            && *p != '\n') || *p == 0x7f) {
                size_t n = rulec_display_char(p, RULEC_UTF8_MAX, shown, &escaped);
                int name = (int)strlen(shown) - 2;      /* "U+202E" without its brackets */
                if (escaped && element)
                    buffer_printf(page, "<span class=\"bidi\">&lt;%.*s&gt;</span>", name, shown + 1);
                else if (escaped)
                    buffer_printf(page, "[%.*s]", name, shown + 1);
                else
                    buffer_printf(page, "%.*s", (int)n, p);
                p += n - 1;
            } else {
                buffer_printf(page, "%c", *p);
            }
            break;
        }
    }
    if (guard && element)
        buffer_printf(page, "</bdi>");
}

static void doc_text(struct buffer *page, const char *text)
{
    doc_text_as(page, text, 1);
}

static void doc_code(struct buffer *page, const char *text)
{
    buffer_printf(page, "<code>");
    doc_text(page, text);
    buffer_printf(page, "</code>");
}

/* A value, as the rule file writes it (a boolean's keyword in language). */
static void doc_rules_value(struct buffer *page, struct rulec_domain domain, int32_t value,
                            int language)
{
    size_t length = decision_table_rules_value(NULL, 0, &domain, value, language);
    char *text = arena_heap_calloc(length + 1, 1);
    decision_table_rules_value(text, length + 1, &domain, value, language);
    doc_text(page, text);
    free(text);
}

static const char *const doc_months[12] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"
};

/* A date as a French reader writes it: "1er avril 2018", "31 mars 2018"; with_year 0 leaves
 * the year out ("du 1er janvier au 31 mars 2018"). */
static void doc_date(struct buffer *page, int32_t days, int with_year)
{
    int year, month, day;
    rulec_civil_from_days(days, &year, &month, &day);
    buffer_printf(page, "%d%s %s", day, day == 1 ? "er" : "", doc_months[month - 1]);
    if (with_year)
        buffer_printf(page, " %d", year);
}

/* An interval of dates in words: "jusqu'au 31 mars 2018", "à partir du 1er avril 2018",
 * "du 1er janvier au 31 mars 2018", "le 1er avril 2018". */
static void doc_date_range(struct buffer *page, int32_t low, int32_t high)
{
    if (low == INT32_MIN && high == INT32_MAX) {
        buffer_printf(page, "toute date");
    } else if (low == INT32_MIN) {
        buffer_printf(page, "jusqu'au ");
        doc_date(page, high, 1);
    } else if (high == INT32_MAX) {
        buffer_printf(page, "à partir du ");
        doc_date(page, low, 1);
    } else if (low == high) {
        buffer_printf(page, "le ");
        doc_date(page, low, 1);
    } else {
        int low_year, high_year, month, day;
        rulec_civil_from_days(low, &low_year, &month, &day);
        rulec_civil_from_days(high, &high_year, &month, &day);
        buffer_printf(page, "du ");
        doc_date(page, low, low_year != high_year);
        buffer_printf(page, " au ");
        doc_date(page, high, 1);
    }
}

/* An interval of integers in words. */
static void doc_int_range(struct buffer *page, int32_t low, int32_t high, const char *unit)
{
    if (low == INT32_MIN && high == INT32_MAX)
        buffer_printf(page, "toute valeur");
    else if (low == INT32_MIN)
        buffer_printf(page, "au plus %ld%s", (long)high, unit);
    else if (high == INT32_MAX)
        buffer_printf(page, "au moins %ld%s", (long)low, unit);
    else if (low == high)
        buffer_printf(page, "%ld%s", (long)low, unit);
    else
        buffer_printf(page, "de %ld à %ld%s", (long)low, (long)high, unit);
}

static void doc_quoted_label(struct buffer *page, const struct check_var *var)
{
    buffer_printf(page, "« ");
    doc_text(page, var->label);
    buffer_printf(page, " »");
}

/* A member of an enumeration in words: its label, or the member's name when it has none. */
static void doc_member(struct buffer *page, const char *const *labels,
                       const char *const *members, int m)
{
    doc_text(page, labels && labels[m] ? labels[m] : members[m]);
}

/* The members of mask, in words: "Chirurgien dentiste ou Optométriste", "oui". */
static void doc_members(struct buffer *page, const struct check_var *var, uint64_t mask)
{
    int count = var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers, shown = 0;
    for (int m = 0; m < count; m++) {
        if (!(mask >> m & 1))
            continue;
        buffer_printf(page, "%s", shown++ ? " ou " : "");
        if (var->type == RULEC_TYPE_BOOL)
            buffer_printf(page, "%s", m ? "oui" : "non");
        else
            doc_member(page, (const char *const *)var->member_labels,
                       (const char *const *)var->members, m);
    }
}

/* A derived value x = plus - minus + offset in [low, high], said of the two dates: "« A » le
 * jour de « B » ou après", "« A » avant « B »", "« A » de 0 à 90 jours après « B »". */
static void doc_difference(struct buffer *page, const struct check_var *plus,
                           const struct check_var *minus, int64_t low, int64_t high,
                           int no_low, int no_high, int dates)
{
    const char *unit = dates ? " jours" : "";
    doc_quoted_label(page, plus);
    if (!dates) {
        buffer_printf(page, " − ");
        doc_quoted_label(page, minus);
        buffer_printf(page, " : ");
        doc_int_range(page, no_low ? INT32_MIN : (int32_t)low, no_high ? INT32_MAX : (int32_t)high, "");
        return;
    }
    if (no_low && !no_high && high == -1)
        buffer_printf(page, " avant ");
    else if (no_low && !no_high && high == 0)
        buffer_printf(page, " au plus tard le jour de ");
    else if (!no_low && no_high && low == 0) {
        buffer_printf(page, " le jour de ");
        doc_quoted_label(page, minus);
        buffer_printf(page, " ou après");
        return;
    }
    else if (!no_low && no_high && low == 1)
        buffer_printf(page, " après ");
    else if (!no_low && no_high && low > 0)
        buffer_printf(page, " au moins %lld%s après ", (long long)low, unit);
    else if (no_low && !no_high && high < 0)
        buffer_printf(page, " au moins %lld%s avant ", (long long)-high, unit);
    else if (no_low && !no_high)
        buffer_printf(page, " au plus %lld%s après ", (long long)high, unit);
    else if (!no_low && no_high)
        buffer_printf(page, " au plus %lld%s avant ", (long long)-low, unit);
    else if (low == high)
        buffer_printf(page, " %lld%s après ", (long long)low, unit);
    else
        buffer_printf(page, " de %lld à %lld%s après ", (long long)low, (long long)high, unit);
    doc_quoted_label(page, minus);
}

/* What a region asks of one variable, in words, with the variable's label. */
static void doc_test(struct buffer *page, const struct check_model *model,
                     const struct region_test *test)
{
    const struct check_var *var = &model->vars[test->var];
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM) {
        doc_text(page, var->label);
        buffer_printf(page, " : ");
        doc_members(page, var, test->members);
        return;
    }
    if (var->is_input) {
        doc_text(page, var->label);
        buffer_printf(page, " : ");
        if (var->type == RULEC_TYPE_DATE)
            doc_date_range(page, test->low, test->high);
        else
            doc_int_range(page, test->low, test->high, "");
        return;
    }
    /* A derived value: said of the inputs it reads. */
    int no_low = test->low == INT32_MIN, no_high = test->high == INT32_MAX;
    int64_t low = (int64_t)test->low - var->offset, high = (int64_t)test->high - var->offset;
    if (var->plus >= 0 && var->minus >= 0) {
        doc_difference(page, &model->vars[var->plus], &model->vars[var->minus], low, high,
                       no_low, no_high, model->vars[var->plus].type == RULEC_TYPE_DATE);
        return;
    }
    /* One input, plus or minus a number: the interval moved onto it. */
    const struct check_var *input = &model->vars[var->plus >= 0 ? var->plus : var->minus];
    int32_t from = no_low ? INT32_MIN : (int32_t)low, to = no_high ? INT32_MAX : (int32_t)high;
    if (var->plus < 0) {
        int32_t swap = from;
        from = to == INT32_MAX ? INT32_MIN : -to;
        to = swap == INT32_MIN ? INT32_MAX : -swap;
    }
    doc_text(page, input->label);
    buffer_printf(page, " : ");
    if (input->type == RULEC_TYPE_DATE)
        doc_date_range(page, from, to);
    else
        doc_int_range(page, from, to, "");
}

/* A region in words, one test after another; skip: a variable the heading already says. */
static void doc_region(struct buffer *page, const struct check_model *model,
                       const struct region *region, int skip)
{
    int shown = 0;
    for (int i = 0; i < region->ntests; i++) {
        if (region->tests[i].var == skip)
            continue;
        buffer_printf(page, "%s", shown++ ? " ; " : "");
        doc_test(page, model, &region->tests[i]);
    }
    if (!shown)
        buffer_printf(page, "toute demande");
}

static const char *doc_outcome_words(int outcome)
{
    return outcome == RULEC_OUTCOME_UNSPECIFIED ? "non précisé par la source"
           : outcome == RULEC_OUTCOME_INVALID ? "combinaison impossible" : "décision";
}

static void doc_output_value(struct buffer *page, const struct check_output *output,
                             int32_t value);

/* A value that depends on an enumeration, in words: "« Date du service » plus 120 jours pour
 * Optométriste, 90 jours autrement", the default as rulec table chooses it. */
static void doc_lookup(struct buffer *page, const struct check_model *m,
                       const struct rulec_policy *policy, const struct rulec_assign *assign)
{
    const struct check_var *key = &m->vars[assign->key];
    const int32_t *values = policy->lookup_values + assign->value;
    int best = (int)decision_table_lookup_default(policy, assign);
    int shift = assign->kind == RULEC_ASSIGN_SHIFT;
    if (shift) {
        doc_quoted_label(page, &m->vars[assign->var]);
        buffer_printf(page, " plus ");
    }
    const struct check_output *output = &m->outputs[assign->output];
    for (int k = 0; k < key->nmembers; k++) {
        if (values[k] == values[best])
            continue;
        if (shift)
            buffer_printf(page, "%ld jours", (long)values[k]);
        else
            doc_output_value(page, output, values[k]);
        buffer_printf(page, " pour ");
        doc_member(page, (const char *const *)key->member_labels,
                   (const char *const *)key->members, k);
        buffer_printf(page, ", ");
    }
    if (shift)
        buffer_printf(page, "%ld jours", (long)values[best]);
    else
        doc_output_value(page, output, values[best]);
    buffer_printf(page, " autrement (selon ");
    doc_quoted_label(page, key);
    buffer_printf(page, ")");
}

static void doc_rule_link(struct buffer *page, const char *name)
{
    buffer_printf(page, "<a href=\"#regle-%s\"><code>%s</code></a>", name, name);
}

/* A constant value of an output, in words: a member's label, a set's labels, a French date,
 * oui or non, a number. */
static void doc_output_value(struct buffer *page, const struct check_output *output,
                             int32_t value)
{
    const char *const *labels = (const char *const *)output->member_labels;
    const char *const *members = (const char *const *)output->members;
    switch (output->type) {
    case RULEC_TYPE_ENUM:
        doc_member(page, labels, members, value);
        return;
    case RULEC_TYPE_SET: {
        int listed = 0;
        for (int k = 0; k < output->nmembers; k++)
            if ((uint32_t)value >> k & 1) {
                buffer_printf(page, "%s", listed++ ? ", " : "");
                doc_member(page, labels, members, k);
            }
        if (!listed)
            buffer_printf(page, "aucune");
        return;
    }
    case RULEC_TYPE_DATE:
        doc_date(page, value, 1);
        return;
    case RULEC_TYPE_BOOL:
        buffer_printf(page, "%s", value ? "oui" : "non");
        return;
    default:
        buffer_printf(page, "%ld", (long)value);
        return;
    }
}

/* An operand of a computed output, in words. */
static void doc_operand(struct buffer *page, const struct check_model *model,
                        const struct rulec_operand *operand, const struct rulec_operand *other)
{
    switch (operand->kind) {
    case RULEC_OPERAND_VAR:
        doc_quoted_label(page, &model->vars[operand->value]);
        return;
    case RULEC_OPERAND_OUTPUT:
        buffer_printf(page, "« ");
        doc_text(page, model->outputs[operand->value].label);
        buffer_printf(page, " »");
        return;
    default: {
        enum rulec_type type = other->kind == RULEC_OPERAND_VAR ? model->vars[other->value].type
                            : other->kind == RULEC_OPERAND_OUTPUT ? model->outputs[other->value].type
                                                               : RULEC_TYPE_INT;
        if (type == RULEC_TYPE_DATE)
            doc_date(page, operand->value, 1);
        else if (type == RULEC_TYPE_BOOL)
            buffer_printf(page, "%s", operand->value ? "oui" : "non");
        else
            buffer_printf(page, "%ld", (long)operand->value);
        return;
    }
    }
}

/* A computed output's meaning: "oui quand « A » est après « B »". */
static void doc_computed(struct buffer *page, const struct check_model *model,
                         const struct check_output *output)
{
    int dates = (output->left.kind == RULEC_OPERAND_VAR && model->vars[output->left.value].type == RULEC_TYPE_DATE)
                || (output->left.kind == RULEC_OPERAND_OUTPUT
                    && model->outputs[output->left.value].type == RULEC_TYPE_DATE);
    /* Before and after the right operand: another date ("« A » est le même jour que « B » ou
     * après"), or a day ("« A » est le 10 février 2021 ou après"). Indexed by enum rulec_op:
     * keep in step with it. */
    static const char *const date_words[][2] = {
        { "est le même jour que", "" }, { "n'est pas le même jour que", "" }, { "est avant", "" },
        { "est au plus tard le jour de", "" }, { "est après", "" }, { "est le même jour que", " ou après" },
    };
    static const char *const day_words[][2] = {
        { "est le", "" }, { "n'est pas le", "" }, { "est avant le", "" }, { "est au plus tard le", "" },
        { "est après le", "" }, { "est le", " ou après" },
    };
    static const char *const number_words[][2] = {
        { "est égal à", "" }, { "diffère de", "" }, { "est inférieur à", "" }, { "est au plus", "" },
        { "est supérieur à", "" }, { "est au moins", "" },
    };
    const char *const *words = !dates ? number_words[output->op]
                               : output->right.kind == RULEC_OPERAND_CONST ? day_words[output->op]
                                                                            : date_words[output->op];
    buffer_printf(page, "oui quand ");
    doc_operand(page, model, &output->left, &output->right);
    buffer_printf(page, " %s ", words[0]);
    doc_operand(page, model, &output->right, &output->left);
    buffer_printf(page, "%s, sinon non", words[1]);
}

/* What a rule's answer sets, each output in words: a value, a date plus days, a comparison. */
static void doc_answer_items(struct buffer *page, const struct compilation *c, int r,
                             int skip_output, const char *separator)
{
    const struct check_model *m = c->model;
    const struct rulec_policy *policy = c->policy;
    const struct rulec_rule *rule = &policy->rules[r];
    uint32_t set = rulec_rule_outputs(policy, rule);
    int shown = 0;
    for (int o = 0; o < m->noutputs; o++) {
        if (!(set >> o & 1) || o == skip_output)
            continue;
        const struct check_output *output = &m->outputs[o];
        buffer_printf(page, "%s<span class=\"item\">", shown++ ? separator : "");
        doc_text(page, output->label);
        buffer_printf(page, " : ");
        const struct rulec_assign *assign = NULL;
        for (unsigned i = 0; i < rule->nassigns; i++)
            if (policy->assigns[rule->first_assign + i].output == o)
                assign = &policy->assigns[rule->first_assign + i];
        if (output->computed) {
            doc_computed(page, m, output);
        } else if (assign->key >= 0) {
            doc_lookup(page, m, policy, assign);
        } else if (assign->kind == RULEC_ASSIGN_SHIFT) {
            doc_quoted_label(page, &m->vars[assign->var]);
            buffer_printf(page, " %s %ld jours", assign->value < 0 ? "moins" : "plus", labs((long)assign->value));
        } else {
            doc_output_value(page, output, assign->value);
            if (output->type == RULEC_TYPE_ENUM)
                buffer_printf(page, " <code>%s</code>", output->members[assign->value]);
        }
        buffer_printf(page, "</span>");
    }
    if (!shown && skip_output < 0)
        buffer_printf(page, "<span class=\"item\">aucun résultat à inscrire</span>");
}

/* What a rule answers, whole: the outputs, or the outcome and its reason. */
static void doc_answer(struct buffer *page, const struct compilation *c, int r)
{
    const struct rulec_rule *rule = &c->policy->rules[r];
    if (rule->outcome != RULEC_OUTCOME_DECIDED) {
        buffer_printf(page, "<span class=\"outcome-%s\">%s</span> : ", rulec_outcome_name(rule->outcome),
             doc_outcome_words(rule->outcome));
        doc_text(page, rule->reason);
        return;
    }
    doc_answer_items(page, c, r, -1, "<br>");
}

static void doc_badge(struct buffer *page, const struct compilation *c, int found,
                      const struct rulec_cite *cite)
{
    if (!c->model->sources[cite->source].file)
        buffer_printf(page, "<span class=\"badge warn\">source sans texte : rien ne la vérifie</span>");
    else if (!cite->quote)
        buffer_printf(page, "<span class=\"badge na\">sans citation textuelle</span>");
    else if (!c->quotes_checked)
        buffer_printf(page, "<span class=\"badge na\">non vérifiée (rapport fait sans --sources)</span>");
    else if (found == QUOTE_FOUND)
        buffer_printf(page, "<span class=\"badge ok\">vérifiée dans le texte</span>");
    else if (found == QUOTE_ELSEWHERE)
        buffer_printf(page, "<span class=\"badge warn\">trouvée hors de la section citée</span>");
    else if (found == QUOTE_NOT_FOUND)
        buffer_printf(page, "<span class=\"badge no\">introuvable</span>");
    else
        buffer_printf(page, "<span class=\"badge na\">non vérifiée</span>");
}

/* What quote_verify found for citation i of ncites (found: the model's, check.h). Read from
 * the model, not the syntax tree: finding each rule's declaration by name made the report
 * quadratic in the rules. */
static int doc_cite_found(const unsigned char *found, int ncites, int i)
{
    return found && i >= 0 && i < ncites ? found[i] : QUOTE_UNCHECKED;
}

/* A citation's quote, as a block, when it has one. */
static void doc_quote(struct buffer *page, const struct rulec_cite *cite)
{
    if (!cite->quote)
        return;
    buffer_printf(page, "<blockquote>« ");
    doc_text(page, cite->quote);
    buffer_printf(page, " »</blockquote>");
}

/* A citation's place: "RAMQ, Infolettre 375, 28 février 2018, section 1.1". */
static void doc_cite_place(struct buffer *page, const struct check_model *m,
                           const struct rulec_cite *cite)
{
    doc_text(page, m->sources[cite->source].title);
    buffer_printf(page, ", %s", rulec_section_prefix(cite->section));
    doc_text(page, cite->section);
}

/* Citations by place (report_cite_list), with " (source sans texte)" after a source that
 * has none. */
static void doc_cite_list(struct buffer *page, const struct compilation *c,
                          const struct rulec_cite *cites, int count, int which)
{
    char text[4096];
    report_cite_list(text, sizeof text, c->policy, cites, (unsigned)count, which);
    doc_text(page, text);
    int textless = 0, chosen = 0;
    for (int i = 0; i < count; i++) {
        if (which >= 0 && (int)cites[i].interprets != which)
            continue;
        chosen++;
        textless += !c->model->sources[cites[i].source].file;
    }
    if (textless)
        buffer_printf(page, textless == chosen ? " (source sans texte)" : " (en partie sur une source sans texte)");
}

/* --- the page's state ------------------------------------------------------------------------ */

struct doc {
    struct buffer *page;
    struct compilation *c;
    /* The decision table, as rulec table prints it: its regions are as large as they can be
     * (regions_build joins two of one rule wherever one variable alone tells them apart), so
     * each is one line of the answers, and links to its row. */
    struct region_table table;
    int *example_rule;             /* the rule deciding each example, -1 none */
    /* Who beats whom: the rules that decide some claim rule r applies to, yields[yields_at[r]
     * .. yields_at[r + 1]), and those r decides a claim of, wins[wins_at[r] ..
     * wins_at[r + 1]); ascending, r itself left out. */
    int *yields, *yields_at, *wins, *wins_at;
    int *regions, *regions_at;     /* each rule's regions: regions[regions_at[r] ..
                                      regions_at[r + 1]), indices into table, ascending */
    int language;                  /* the rule file's keywords (enum keyword_language) */
};

static const char *doc_keyword(const struct doc *d, const char *english)
{
    return keyword_in((enum keyword_language)d->language, english);
}

/* Who beats whom, on real claims: for each rule, the rules that decide some claim its
 * condition applies to (yields), and the other way (wins). Lists, not a rules x rules table:
 * at 10,000 rules that table was 100 MB, and reading a row of it for each rule was most of
 * writing the page. */
static int doc_beats(struct doc *d)
{
    const struct check_model *m = d->c->model;
    struct arena *arena = &d->c->arena;
    int n = m->nrules, count;
    unsigned char *marks = arena_calloc(arena, (size_t)n + 1, 1);
    int *found = arena_alloc(arena, sizeof *found * (size_t)(n + 1));
    size_t room = (size_t)n + 1, used = 0;
    d->yields = arena_alloc(arena, sizeof *d->yields * room);
    d->yields_at = arena_alloc(arena, sizeof *d->yields_at * (size_t)(n + 1));
    for (int l = 0; l < n; l++) {
        d->yields_at[l] = (int)used;
        if (regions_deciders(m, d->c->diagram, m->rules[l].when, marks, found, &count) != 0)
            return -1;
        if (used + (size_t)count > room) {
            while (used + (size_t)count > room)
                room *= 2;
            int *more = arena_alloc(arena, sizeof *more * room);
            memcpy(more, d->yields, sizeof *more * used);
            d->yields = more;
        }
        for (int i = 0; i < count; i++)
            if (found[i] != l)
                d->yields[used++] = found[i];
    }
    d->yields_at[n] = (int)used;
    /* wins: the same pairs the other way round, each list ascending as l is. */
    d->wins_at = arena_calloc(arena, (size_t)n + 2, sizeof *d->wins_at);
    for (size_t i = 0; i < used; i++)
        d->wins_at[d->yields[i] + 1]++;
    for (int r = 0; r < n; r++)
        d->wins_at[r + 1] += d->wins_at[r];
    d->wins = arena_alloc(arena, sizeof *d->wins * (used + 1));
    int *fill = arena_alloc(arena, sizeof *fill * (size_t)(n + 1));
    memcpy(fill, d->wins_at, sizeof *fill * (size_t)(n + 1));
    for (int l = 0; l < n; l++)
        for (int i = d->yields_at[l]; i < d->yields_at[l + 1]; i++)
            d->wins[fill[d->yields[i]]++] = l;
    return 0;
}

/* Each rule's regions, listed once rather than looked for among all of them for every
 * answer. */
static void doc_index(struct doc *d)
{
    struct arena *arena = &d->c->arena;
    int n = d->c->model->nrules, total = d->table.nregions;
    d->regions_at = arena_calloc(arena, (size_t)n + 2, sizeof *d->regions_at);
    for (int k = 0; k < total; k++)
        d->regions_at[d->table.regions[k].rule + 1]++;
    for (int r = 0; r < n; r++)
        d->regions_at[r + 1] += d->regions_at[r];
    d->regions = arena_alloc(arena, sizeof *d->regions * (size_t)(total + 1));
    int *fill = arena_alloc(arena, sizeof *fill * (size_t)(n + 1));
    memcpy(fill, d->regions_at, sizeof *fill * (size_t)(n + 1));
    for (int k = 0; k < total; k++)
        d->regions[fill[d->table.regions[k].rule]++] = k;
}

/* --- the head, the sources, the counts -------------------------------------------------------- */

static const char doc_style[] =
    "body{font:16px/1.5 Georgia,'DejaVu Serif',serif;color:#1d1d1d;max-width:62rem;margin:0 auto;padding:1.5rem 2rem;background:#fff;overflow-wrap:break-word}"
    "h1{font-size:1.7rem;margin:.2rem 0 .4rem}h2{font-size:1.3rem;border-bottom:2px solid #1f4e79;color:#1f4e79;margin-top:2.2rem}"
    "h3{font-size:1.1rem;margin:.2rem 0}h4{font-size:1rem;margin:.8rem 0 .2rem}"
    "code,.mono{font:.88em/1.4 'DejaVu Sans Mono',monospace;background:#f3f3f0;padding:0 .2em;overflow-wrap:anywhere}"
    "p.meta,.meta{color:#555;font-size:.9rem}p.meta{margin:.1rem 0}nav ol{columns:2;font-size:.95rem}"
    "table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.6rem 0 1.2rem;table-layout:fixed}"
    "th,td{border:1px solid #c9c9c9;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
    "th{background:#e8eef5}tr:nth-child(even) td{background:#fafaf7}"
    "col.n{width:2.5rem}col.rule{width:19%}col.answer{width:34%}"
    ".counts td:first-child{width:75%}.counts td:last-child{text-align:right;font-weight:bold}"
    "article.rule,article.answer,article.property{border:1px solid #d6d6d0;border-left:5px solid #1f4e79;padding:.6rem 1rem;margin:1rem 0}"
    "article.rule,article.property{break-inside:avoid}article.property{border-left-color:#2f855a}"
    "article.unspecified{border-left-color:#b7791f}article.invalid{border-left-color:#9b2c2c}"
    "div.by-rule{margin:.5rem 0 .9rem;padding-left:.6rem;border-left:2px solid #e3e3dc}"
    "ul.claims{margin:.2rem 0;padding-left:1.3rem}ul.claims li{margin:.15rem 0}"
    "blockquote{margin:.3rem 0 .3rem 1rem;padding:.1rem .8rem;border-left:3px solid #b8c7d9;font-style:italic;background:#f7f9fc}"
    ".badge{display:inline-block;font:bold .72rem/1.6 sans-serif;padding:0 .45rem;border-radius:.6rem;margin-left:.4rem;vertical-align:middle}"
    ".ok{background:#d9f2dd;color:#1e5c2a}.warn{background:#fdf0cf;color:#7a5200}.no{background:#f9d6d5;color:#7f1d1d}.na{background:#e6e6e6;color:#444}"
    "span.bidi{font:bold .7em/1 'DejaVu Sans Mono',monospace;color:#7f1d1d;border:1px solid #7f1d1d;padding:0 .15em;margin:0 .1em;unicode-bidi:isolate}"
    ".outcome-decided{color:#1e5c2a}.outcome-unspecified{color:#7a5200}.outcome-invalid{color:#7f1d1d}"
    "dl{margin:.3rem 0}dt{font-weight:bold;margin-top:.4rem}dd{margin-left:1.2rem}"
    "ul.cond{margin:.1rem 0;padding-left:1.3rem}span.item{display:inline}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}a{color:inherit;text-decoration:none}"
    "h2,h3,h4{break-after:avoid}tr,div.by-rule{break-inside:avoid}}";

static void doc_head(struct doc *d)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    const struct rulec_policy *policy = d->c->policy;
    buffer_printf(page, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    doc_text_as(page, m->title, 0);    /* <title> holds text only: no <bdi> there */
    buffer_printf(page, " — rapport d'audit</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n"
         "<p class=\"meta\">Rapport d'audit de la politique <code>%s</code></p>\n<h1>", doc_style,
         m->name);
    doc_text(page, m->title);
    buffer_printf(page, "</h1>\n<p class=\"meta\">Fichier de règles <code>");
    doc_text(page, policy->rule_file);
    buffer_printf(page, "</code>, SHA-256 <code>%s</code> ; produit par %s.</p>\n</header>\n",
         policy->rule_sha256, policy->generator);
    buffer_printf(page, "<nav><h2>Sommaire</h2><ol><li><a href=\"#reponses\">Réponses : qui va où, et sur quelle phrase</a></li>"
         "<li><a href=\"#sources\">Sources</a></li>"
         "<li><a href=\"#chiffres\">En chiffres</a></li><li><a href=\"#definitions\">Définitions</a></li>"
         "<li><a href=\"#regles\">Les règles</a></li>");
    if (m->nproperties)
        buffer_printf(page, "<li><a href=\"#proprietes\">Propriétés</a></li>");
    buffer_printf(page, "<li><a href=\"#table\">Table de décision</a></li>"
         "<li><a href=\"#lectures\">Lectures</a></li><li><a href=\"#exemples\">Exemples</a></li></ol></nav>\n");
}

static void doc_sources(struct doc *d)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    buffer_printf(page, "<section id=\"sources\"><h2>Sources</h2>\n<dl>\n");
    for (int s = 0; s < m->nsources; s++) {
        buffer_printf(page, "<dt>");
        doc_text(page, m->sources[s].title);
        buffer_printf(page, " <span class=\"meta\">(<code>%s</code>)</span></dt>\n<dd>", m->sources[s].name);
        if (m->sources[s].file) {
            buffer_printf(page, "Texte : <code>");
            doc_text(page, m->sources[s].file);
            buffer_printf(page, "</code>%s", d->c->quotes_checked ? ", où chaque citation a été cherchée."
                                                         : " (rapport fait sans --sources : les citations n'y ont pas été cherchées).");
        } else {
            buffer_printf(page, "<strong>Aucun texte</strong> : rien ne vérifie ce que les règles en citent.");
        }
        if (m->sources[s].note) {
            buffer_printf(page, " ");
            doc_text(page, m->sources[s].note);
        }
        buffer_printf(page, "</dd>\n");
    }
    buffer_printf(page, "</dl>\n</section>\n");
}

static void doc_counts(struct doc *d)
{
    struct buffer *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    int interpret = 0, regions[3] = { 0, 0, 0 };
    for (int r = 0; r < m->nrules; r++)
        interpret += m->rules[r].interpretation != NULL;
    for (int k = 0; k < d->table.nregions; k++)
        regions[m->rules[d->table.regions[k].rule].outcome]++;
    buffer_printf(page, "<section id=\"chiffres\"><h2>En chiffres</h2>\n<table class=\"counts\">\n");
    buffer_printf(page, "<tr><td>Règles</td><td>%d</td></tr>\n", m->nrules);
    /* Keywords in the rule file's language (keywords.h). */
    buffer_printf(page, "<tr><td>… qui appliquent le texte tel qu'il est écrit (<code>%s</code>)</td><td>%d</td></tr>\n",
         doc_keyword(d, "cites"), m->nrules - interpret);
    buffer_printf(page, "<tr><td>… qui reposent sur une lecture de plusieurs passages (<code>%s</code>)</td><td>%d</td></tr>\n",
         doc_keyword(d, "interprets"), interpret);
    buffer_printf(page, "<tr><td>Régions de la table de décision</td><td>%d</td></tr>\n", d->table.nregions);
    buffer_printf(page, "<tr><td>… décidées</td><td>%d</td></tr>\n", regions[RULEC_OUTCOME_DECIDED]);
    buffer_printf(page, "<tr><td>… que la source ne précise pas (<code>%s</code>)</td><td>%d</td></tr>\n",
         doc_keyword(d, "unspecified"), regions[RULEC_OUTCOME_UNSPECIFIED]);
    buffer_printf(page, "<tr><td>… impossibles (<code>%s</code>)</td><td>%d</td></tr>\n",
         doc_keyword(d, "invalid"), regions[RULEC_OUTCOME_INVALID]);
    buffer_printf(page, "<tr><td>Exemples</td><td>%d</td></tr>\n", m->nexamples);
    if (c->quotes_checked) {
        buffer_printf(page, "<tr><td>Citations vérifiées dans le texte de leur source</td><td>%d</td></tr>\n",
             c->quotes.verified);
        buffer_printf(page, "<tr><td>… dont trouvées hors de la section citée</td><td>%d</td></tr>\n",
             c->quotes.misplaced);
    } else {
        buffer_printf(page, "<tr><td>Citations non vérifiées (rapport fait sans <code>--sources</code>)</td><td>%d</td></tr>\n",
             c->quotes.unverified);
    }
    buffer_printf(page, "<tr><td>Citations sans citation textuelle, d'une source qui a un texte</td><td>%d</td></tr>\n",
         c->quotes.no_quote);
    buffer_printf(page, "<tr><td><strong>Citations d'une source sans texte, que rien ne vérifie</strong>");
    /* Which rules' answers rest on them, and what those answers set. */
    int any = 0;
    for (int r = 0; r < m->nrules; r++) {
        int textless = 0;
        for (int i = 0; i < m->rules[r].ncites; i++)
            textless |= m->sources[m->rules[r].cites[i].source].file == NULL;
        if (!textless)
            continue;
        buffer_printf(page, "%s<li>", any++ ? "" : "<br>Les règles qui les citent, et leurs réponses, qui "
                      "reposent en partie sur ces passages (quelle partie, la note de la règle le dit "
                      "quand elle le dit) :<ul class=\"claims\">");
        doc_rule_link(page, m->rules[r].name);
        buffer_printf(page, " (");
        for (int i = 0, shown = 0; i < m->rules[r].ncites; i++)
            if (m->sources[m->rules[r].cites[i].source].file == NULL) {
                buffer_printf(page, "%s", shown++ ? ", " : "");
                doc_cite_place(page, m, &m->rules[r].cites[i]);
            }
        buffer_printf(page, ") : ");
        doc_answer_items(page, c, r, -1, " ; ");
        buffer_printf(page, "</li>");
    }
    if (any)
        buffer_printf(page, "</ul>");
    /* And the properties that cite them: the count is of every citation. */
    int properties = 0;
    for (int k = 0; k < m->nproperties; k++) {
        const struct check_property *property = &m->properties[k];
        int textless = 0;
        for (int i = 0; i < property->ncites; i++)
            textless |= m->sources[property->cites[i].source].file == NULL;
        if (!textless)
            continue;
        buffer_printf(page, "%s<a href=\"#propriete-%s\"><code>%s</code></a> (", properties++ ? " ; "
                      : any ? "Les propriétés qui les citent : " : "<br>Les propriétés qui les citent : ",
                      property->name, property->name);
        for (int i = 0, shown = 0; i < property->ncites; i++)
            if (m->sources[property->cites[i].source].file == NULL) {
                buffer_printf(page, "%s", shown++ ? ", " : "");
                doc_cite_place(page, m, &property->cites[i]);
            }
        buffer_printf(page, ")");
    }
    buffer_printf(page, "%s</td><td>%d</td></tr>\n", properties ? "." : "", c->quotes.textless);
    buffer_printf(page, "</table>\n</section>\n");
}

/* --- the view by answer --------------------------------------------------------------------- */

/* The passage a rule's answer rests on: its first quoted citation, or, for a reading of
 * several passages, the reasoning with the passages named. */
static void doc_rule_basis(struct doc *d, int r)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    const struct check_rule *rule = &m->rules[r];
    /* The citation the answer rests on, -1 when it reads several together (report.h). */
    int named = report_main_cite(&d->c->policy->rules[r], rule->cites);
    if (rule->interpretation) {
        buffer_printf(page, "<p>Lecture de plusieurs passages (<code>%s</code>) : ", doc_keyword(d, "interprets"));
        doc_cite_list(page, d->c, rule->cites, rule->ncites, 1);
        buffer_printf(page, ".</p><blockquote>");
        doc_text(page, rule->interpretation);
        buffer_printf(page, "</blockquote>\n");
    } else {
        const struct rulec_cite *cite = &rule->cites[named];
        buffer_printf(page, "<p>");
        if (rule->outcome == RULEC_OUTCOME_UNSPECIFIED)
            buffer_printf(page, "La source n'en dit pas plus que ce passage : ");
        doc_cite_place(page, m, cite);
        doc_badge(page, d->c, doc_cite_found(rule->found, rule->ncites, named), cite);
        buffer_printf(page, "</p>");
        doc_quote(page, cite);
        buffer_printf(page, "\n");
    }
    /* The other citations, by place: a deadline from a law, a second sentence. */
    struct rulec_cite others[64];
    int nothers = 0;
    for (int i = 0; i < rule->ncites && nothers < 64; i++)
        if (!(rule->interpretation ? rule->cites[i].interprets : i == named))
            others[nothers++] = rule->cites[i];
    if (nothers) {
        buffer_printf(page, "<p class=\"meta\">Cite aussi : ");
        doc_cite_list(page, d->c, others, nothers, -1);
        buffer_printf(page, ".</p>\n");
    }
}

/* Whether rule r gives the answer: the outcome (unspecified, invalid), or, decided, value of
 * output (-1: no value of it). A lookup gives the value when one of its members does. */
static int doc_gives(const struct doc *d, int r, int output, int32_t value, int outcome)
{
    const struct rulec_policy *policy = d->c->policy;
    const struct rulec_rule *rule = &policy->rules[r];
    if (outcome != RULEC_OUTCOME_DECIDED)
        return (int)rule->outcome == outcome;
    if (rule->outcome != RULEC_OUTCOME_DECIDED)
        return 0;
    const struct rulec_assign *assign = NULL;
    for (unsigned i = 0; i < rule->nassigns; i++)
        if (policy->assigns[rule->first_assign + i].output == output)
            assign = &policy->assigns[rule->first_assign + i];
    int gives = value < 0 ? assign == NULL : assign && assign->key < 0 && assign->value == value;
    if (value >= 0 && assign && assign->key >= 0 && assign->kind == RULEC_ASSIGN_CONST)
        for (unsigned k = 0; k < policy->vars[assign->key].nmembers; k++)
            gives |= policy->lookup_values[assign->value + k] == value;
    return gives;
}

/* How many regions of the table get the answer: counted before the answer is written, so that
 * its heading can say it and the page is written straight into its file. */
static int doc_answer_regions(const struct doc *d, int output, int32_t value, int outcome)
{
    int regions = 0;
    for (int r = 0; r < d->c->model->nrules; r++)
        if (doc_gives(d, r, output, value, outcome))
            regions += d->regions_at[r + 1] - d->regions_at[r];
    return regions;
}

/* One answer's regions, rule by rule: the claims in words (each a row of the decision table,
 * linked), the rule and its passage, and what else its answer sets. */
static void doc_answer_rules(struct doc *d, int output, int32_t value, int outcome)
{
    struct buffer *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    for (int r = 0; r < m->nrules; r++) {
        if (d->regions_at[r] == d->regions_at[r + 1] || !doc_gives(d, r, output, value, outcome))
            continue;
        buffer_printf(page, "<div class=\"by-rule\"><h4>");
        doc_rule_link(page, m->rules[r].name);
        buffer_printf(page, " <span class=\"meta\">ligne %u</span></h4>\n", m->rules[r].line);
        if (outcome != RULEC_OUTCOME_DECIDED) {
            buffer_printf(page, "<p>");
            doc_text(page, m->rules[r].reason);
            buffer_printf(page, "</p>\n");
        }
        buffer_printf(page, "<p class=\"meta\">Les demandes :</p><ul class=\"claims\">");
        for (int at = d->regions_at[r]; at < d->regions_at[r + 1]; at++) {
            int k = d->regions[at];
            buffer_printf(page, "<li>");
            doc_region(page, m, &d->table.regions[k], -1);
            buffer_printf(page, " <span class=\"meta\">(table : <a href=\"#region-%d\">%d</a>)</span></li>",
                          k + 1, k + 1);
        }
        buffer_printf(page, "</ul>\n");
        doc_rule_basis(d, r);
        if (outcome == RULEC_OUTCOME_DECIDED) {
            int other = 0;
            uint32_t set = rulec_rule_outputs(c->policy, &c->policy->rules[r]);
            for (int o = 0; o < m->noutputs; o++)
                other += (set >> o & 1) && o != output;
            if (other) {
                buffer_printf(page, "<p>Avec : ");
                doc_answer_items(page, c, r, output, " ; ");
                buffer_printf(page, ".</p>\n");
            }
        }
        /* The analyst's note: it may say which passage a part of the answer comes from (a
         * deadline from the law, not from the text quoted above). */
        if (m->rules[r].note) {
            buffer_printf(page, "<p class=\"meta\">Note : ");
            doc_text(page, m->rules[r].note);
            buffer_printf(page, "</p>\n");
        }
        buffer_printf(page, "</div>\n");
    }
}

static void doc_answers(struct doc *d)
{
    struct buffer *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    buffer_printf(page, "<section id=\"reponses\"><h2>Réponses : qui va où, et sur quelle phrase</h2>\n"
         "<p>Pour chaque réponse que la politique peut donner, les demandes qui la reçoivent "
         "(en mots, d'après la table de décision), la règle qui la donne, le passage sur lequel "
         "elle repose et ce que sa réponse fixe d'autre, comme la date limite.</p>\n");
    int enums = 0;
    for (int o = 0; o < m->noutputs; o++)
        enums += m->outputs[o].type == RULEC_TYPE_ENUM && !m->outputs[o].computed;
    for (int o = 0; o < m->noutputs; o++) {
        const struct check_output *output = &m->outputs[o];
        if (output->type != RULEC_TYPE_ENUM || output->computed)
            continue;
        if (enums > 1) {
            buffer_printf(page, "<h3>");
            doc_text(page, output->label);
            buffer_printf(page, " <code>%s</code></h3>\n", output->name);
        }
        uint64_t never = 0;      /* the members no claim gets */
        for (int v = 0; v <= output->nmembers; v++) {
            /* v = nmembers: decided claims that get no value of this output, last. */
            int32_t wanted = v == output->nmembers ? -1 : v;
            int regions = doc_answer_regions(d, o, wanted, RULEC_OUTCOME_DECIDED);
            if (!regions) {
                if (wanted >= 0)
                    never |= (uint64_t)1 << v;
                continue;
            }
            buffer_printf(page, "<article class=\"answer\" id=\"reponse-%s-%s\"><h3>", output->name,
                 wanted >= 0 ? output->members[wanted] : "aucune");
            if (wanted >= 0) {
                doc_member(page, (const char *const *)output->member_labels,
                           (const char *const *)output->members, wanted);
                buffer_printf(page, " <code>%s = %s</code>", output->name, output->members[wanted]);
            } else {
                buffer_printf(page, "Décidées sans ");
                doc_text(page, output->label);
            }
            buffer_printf(page, " <span class=\"meta\">(%d %s de la table)</span></h3>\n", regions,
                 diag_plural(regions, "région", "régions"));
            doc_answer_rules(d, o, wanted, RULEC_OUTCOME_DECIDED);
            buffer_printf(page, "</article>\n");
        }
        if (never) {
            buffer_printf(page, "<p>Aucune demande ne reçoit : ");
            for (int v = 0, shown = 0; v < output->nmembers; v++) {
                if (!(never >> v & 1))
                    continue;
                buffer_printf(page, "%s", shown++ ? ", " : "");
                doc_member(page, (const char *const *)output->member_labels,
                           (const char *const *)output->members, v);
                buffer_printf(page, " <code>%s</code>", output->members[v]);
            }
            buffer_printf(page, ".</p>\n");
        }
    }
    static const struct { int outcome; const char *id, *title, *intro; } outcomes[] = {
        { RULEC_OUTCOME_UNSPECIFIED, "silences", "Ce que la source ne dit pas",
          "Les demandes pour lesquelles la source est muette : la politique le dit au lieu de "
          "deviner, avec la raison, et cite ce que la source dit de plus proche." },
        { RULEC_OUTCOME_INVALID, "impossibles", "Combinaisons impossibles",
          "Les demandes qui ne peuvent exister, et pourquoi." },
    };
    for (int i = 0; i < 2; i++) {
        buffer_printf(page, "<article class=\"answer %s\" id=\"%s\"><h3>%s <code>%s</code></h3>\n<p>%s</p>\n",
             rulec_outcome_name((unsigned)outcomes[i].outcome), outcomes[i].id, outcomes[i].title,
             doc_keyword(d, outcomes[i].outcome == RULEC_OUTCOME_UNSPECIFIED ? "unspecified" : "invalid"),
             outcomes[i].intro);
        if (doc_answer_regions(d, -1, 0, outcomes[i].outcome) == 0)
            buffer_printf(page, "<p><em>Aucune.</em></p>\n");
        else
            doc_answer_rules(d, -1, 0, outcomes[i].outcome);
        buffer_printf(page, "</article>\n");
    }
    buffer_printf(page, "</section>\n");
}

/* --- definitions ---------------------------------------------------------------------------- */

static void doc_cond_words(struct buffer *page, const struct check_model *model,
                           const struct check_cond *cond);

static void doc_definitions(struct doc *d)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    buffer_printf(page, "<section id=\"definitions\"><h2>Définitions</h2>\n<p>Chaque nom que les "
         "conditions emploient, en mots et tel que le fichier l'écrit.</p>\n<dl>\n");
    for (int i = 0; i < m->ndefinitions; i++) {
        const struct check_definition *def = &m->definitions[i];
        buffer_printf(page, "<dt id=\"def-%s\"><code>%s</code>", def->name, def->name);
        if (def->label) {
            buffer_printf(page, " — ");
            doc_text(page, def->label);
        }
        buffer_printf(page, " <span class=\"meta\">(%s, ligne %u)</span></dt>\n<dd>",
             def->kind == CHECK_DEFINE_CONST ? "constante" : def->kind == CHECK_DEFINE_LET
             ? "valeur dérivée" : def->kind == CHECK_DEFINE_INPUT ? "donnée bornée"
             : "condition nommée", def->line);
        switch (def->kind) {
        case CHECK_DEFINE_INPUT: {
            const struct check_var *var = &m->vars[def->var];
            buffer_printf(page, "%s ; une demande hors de cet intervalle est refusée, aucune règle ne la "
                 "décide", check_range_text(&d->c->arena, var->low, var->high));
            break;
        }
        case CHECK_DEFINE_CONST:
            if (def->type == RULEC_TYPE_DATE)
                doc_date(page, def->value, 1);
            else if (def->type == RULEC_TYPE_BOOL)
                buffer_printf(page, "%s", def->value ? "oui" : "non");
            else
                buffer_printf(page, "%ld", (long)def->value);
            break;
        case CHECK_DEFINE_LET: {
            const struct check_var *var = &m->vars[def->var];
            if (var->plus >= 0 && var->minus >= 0 && m->vars[var->plus].type == RULEC_TYPE_DATE) {
                buffer_printf(page, "le nombre de jours de ");
                doc_quoted_label(page, &m->vars[var->minus]);
                buffer_printf(page, " à ");
                doc_quoted_label(page, &m->vars[var->plus]);
            } else {
                if (var->plus >= 0)
                    doc_quoted_label(page, &m->vars[var->plus]);
                if (var->minus >= 0) {
                    buffer_printf(page, " moins ");
                    doc_quoted_label(page, &m->vars[var->minus]);
                }
            }
            if (var->offset)
                buffer_printf(page, " %s %ld%s", var->offset < 0 ? "moins" : "plus", labs((long)var->offset),
                     var->type == RULEC_TYPE_DATE ? " jours" : "");
            break;
        }
        default:
            doc_cond_words(page, m, def->cond);
            break;
        }
        buffer_printf(page, "<br><span class=\"meta\">dans le fichier : </span>");
        doc_code(page, def->text);
        buffer_printf(page, "</dd>\n");
    }
    if (!m->ndefinitions)
        buffer_printf(page, "<dd><em>Le fichier ne définit ni donnée bornée, ni constante, ni valeur dérivée, ni condition nommée.</em></dd>\n");
    buffer_printf(page, "</dl>\n</section>\n");
}

/* --- the rules ------------------------------------------------------------------------------ */

/* A test of a condition in words: the variable's label, then what it must be. */
static void doc_test_words(struct buffer *page, const struct check_model *model,
                           const struct check_cond *cond)
{
    const struct check_var *var = &model->vars[cond->var];
    if (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM || cond->nranges == 1) {
        struct region_test test = { cond->var, cond->members,
                                    cond->nranges ? cond->ranges[0].low : 0,
                                    cond->nranges ? cond->ranges[0].high : 0 };
        doc_test(page, model, &test);
        return;
    }
    for (int i = 0; i < cond->nranges; i++) {
        struct region_test test = { cond->var, 0, cond->ranges[i].low, cond->ranges[i].high };
        buffer_printf(page, "%s", i ? " ou " : "");
        doc_test(page, model, &test);
    }
}

/* The items of an 'and' (an 'or'): an operand that is itself an 'and' (a named condition,
 * say) gives its own items, so that a list is not headed "toutes ces conditions :" twice. */
static void doc_cond_items(struct buffer *page, const struct check_model *model,
                           const struct check_cond *cond, enum check_cond_kind kind)
{
    for (int i = 0; i < cond->nchildren; i++) {
        const struct check_cond *child = cond->children[i];
        if (child->kind == kind) {
            doc_cond_items(page, model, child, kind);
            continue;
        }
        buffer_printf(page, "<li>");
        doc_cond_words(page, model, child);
        buffer_printf(page, "</li>");
    }
}

/* A condition in words, as nested lists. */
static void doc_cond_words(struct buffer *page, const struct check_model *model,
                           const struct check_cond *cond)
{
    switch (cond->kind) {
    case CHECK_COND_TRUE:
        buffer_printf(page, "toute demande");
        return;
    case CHECK_COND_TEST:
        doc_test_words(page, model, cond);
        return;
    case CHECK_COND_NOT: {
        /* Not a boolean or an enumeration's members: its other members, as the view by answer
         * says it ("… : non"). */
        const struct check_cond *test = cond->children[0];
        const struct check_var *var = test->kind == CHECK_COND_TEST ? &model->vars[test->var] : NULL;
        if (var && (var->type == RULEC_TYPE_BOOL || var->type == RULEC_TYPE_ENUM)) {
            int count = var->type == RULEC_TYPE_BOOL ? 2 : var->nmembers;
            uint64_t all = count >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << count) - 1;
            struct region_test other = { test->var, ~test->members & all, 0, 0 };
            doc_test(page, model, &other);
            return;
        }
        buffer_printf(page, "<em>pas ceci :</em> ");
        doc_cond_words(page, model, test);
        return;
    }
    default:
        buffer_printf(page, "%s<ul class=\"cond\">", cond->kind == CHECK_COND_AND ? "toutes ces conditions :"
                                                                         : "l'une de ces conditions :");
        doc_cond_items(page, model, cond, cond->kind);
        buffer_printf(page, "</ul>");
        return;
    }
}

/* An example's expected answer, in words. */
static void doc_expected(struct buffer *page, const struct check_model *m,
                         const struct check_example *example)
{
    for (int i = 0; i < example->nexpects; i++) {
        const struct check_expect *e = &example->expects[i];
        buffer_printf(page, "%s", i ? " ; " : "");
        switch (e->kind) {
        case AST_EXPECT_OUTPUT: {
            const struct check_output *output = &m->outputs[e->index];
            doc_text(page, output->label);
            buffer_printf(page, " : ");
            if (!e->has_value)
                buffer_printf(page, "aucun");
            else
                doc_output_value(page, output, e->value);
            break;
        }
        case AST_EXPECT_UNSPECIFIED:
            buffer_printf(page, "<span class=\"outcome-unspecified\">non précisé par la source</span>");
            break;
        case AST_EXPECT_INVALID:
            buffer_printf(page, "<span class=\"outcome-invalid\">combinaison impossible</span>");
            break;
        case AST_EXPECT_MISSING:
            buffer_printf(page, "donnée manquante : ");
            doc_text(page, m->vars[e->index].label);
            break;
        default:
            buffer_printf(page, "décidée par ");
            doc_rule_link(page, m->rules[e->index].name);
            break;
        }
    }
}

/* The rules r yields to (winners) or wins over, as links; "aucune" when none. */
static void doc_rule_list(struct doc *d, int r, int winners)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    const int *list = winners ? d->yields : d->wins, *at = winners ? d->yields_at : d->wins_at;
    for (int i = at[r]; i < at[r + 1]; i++) {
        buffer_printf(page, "%s", i > at[r] ? ", " : "");
        doc_rule_link(page, m->rules[list[i]].name);
    }
    if (at[r] == at[r + 1])
        buffer_printf(page, "aucune");
}

static void doc_rule(struct doc *d, int r)
{
    struct buffer *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    const struct check_rule *rule = &m->rules[r];
    buffer_printf(page, "<article class=\"rule %s\" id=\"regle-%s\">\n<h3><code>%s</code> "
         "<span class=\"meta\">ligne %u — %s</span></h3>\n<dl>\n", rulec_outcome_name(rule->outcome),
         rule->name, rule->name, rule->line, doc_outcome_words(rule->outcome));
    buffer_printf(page, "<dt>Citations</dt>\n");
    for (int i = 0; i < rule->ncites; i++) {
        const struct rulec_cite *cite = &rule->cites[i];
        buffer_printf(page, "<dd>%s", cite->interprets ? "<em>lu avec les autres passages :</em> " : "");
        doc_cite_place(page, m, cite);
        doc_badge(page, c, doc_cite_found(rule->found, rule->ncites, i), cite);
        doc_quote(page, cite);
        buffer_printf(page, "</dd>\n");
    }
    buffer_printf(page, "<dt>Quand</dt><dd>");
    doc_cond_words(page, m, rule->when);
    if (rule->when->text && rule->when->text[0]) {
        buffer_printf(page, "<br><span class=\"meta\">dans le fichier : </span>");
        doc_code(page, rule->when->text);
    }
    buffer_printf(page, "</dd>\n<dt>Alors</dt><dd>");
    doc_answer(page, c, r);
    buffer_printf(page, "</dd>\n");
    if (rule->exception_to_all || rule->nexceptions) {
        buffer_printf(page, "<dt>Déclarée exception à</dt><dd>%s", rule->exception_to_all ? "toutes les règles" : "");
        for (int i = 0; i < rule->nexceptions; i++) {
            buffer_printf(page, "%s", i || rule->exception_to_all ? ", " : "");
            doc_rule_link(page, m->rules[rule->exceptions[i]].name);
        }
        buffer_printf(page, "</dd>\n");
    }
    buffer_printf(page, "<dt>L'emporte sur</dt><dd>");
    doc_rule_list(d, r, 0);
    buffer_printf(page, " <span class=\"meta\">(règles qui s'appliquent aussi à des demandes qu'elle décide)</span></dd>\n"
         "<dt>Cède devant</dt><dd>");
    doc_rule_list(d, r, 1);
    buffer_printf(page, " <span class=\"meta\">(règles qui décident des demandes auxquelles elle s'applique)</span></dd>\n");
    if (rule->interpretation) {
        buffer_printf(page, "<dt>Interprétation</dt><dd>");
        doc_text(page, rule->interpretation);
        buffer_printf(page, "</dd>\n");
    }
    if (rule->note) {
        buffer_printf(page, "<dt>Note</dt><dd>");
        doc_text(page, rule->note);
        buffer_printf(page, "</dd>\n");
    }
    buffer_printf(page, "<dt>Exemples qui l'exercent</dt>");
    int shown = 0;
    for (int i = 0; i < m->nexamples; i++)
        if (d->example_rule[i] == r) {
            buffer_printf(page, "<dd><a href=\"#exemple-%d\">", i + 1);
            doc_text(page, m->examples[i].title);
            buffer_printf(page, "</a> — attendu : ");
            doc_expected(page, m, &m->examples[i]);
            buffer_printf(page, "</dd>");
            shown++;
        }
    buffer_printf(page, "%s\n</dl>\n</article>\n", shown ? "" : "<dd><strong>aucun</strong></dd>");
}

/* --- the decision table --------------------------------------------------------------------- */

static int doc_same_test(const struct region_test *a, const struct region_test *b)
{
    if (!a || !b)
        return a == b;
    return a->members == b->members && a->low == b->low && a->high == b->high;
}

/* The table, its rows grouped by what they ask of the first variable the diagram tests; a row
 * per region: the claims in words, every output of the answer, the rule. */
static void doc_table(struct doc *d)
{
    struct buffer *page = d->page;
    const struct compilation *c = d->c;
    const struct rulec_policy *policy = c->policy;
    const struct check_model *m = c->model;
    int first = diagram_first_var(c->diagram);
    buffer_printf(page, "<section id=\"table\"><h2>Table de décision</h2>\n<p>Chaque ligne est une région "
         "de demandes complètes, la réponse qu'elle reçoit et la règle qui la décide ; les régions "
         "sont disjointes et couvrent toutes les demandes possibles. Une donnée que la ligne ne "
         "nomme pas peut prendre toute valeur. <code>rulec table</code> écrit la même table.</p>\n");
    for (int start = 0, number = 1; start < d->table.nregions;) {
        const struct region_test *group = first >= 0 ? decision_table_test_of(&d->table.regions[start], first) : NULL;
        int end = start + 1;
        while (end < d->table.nregions
               && doc_same_test(group, first >= 0 ? decision_table_test_of(&d->table.regions[end], first) : NULL))
            end++;
        buffer_printf(page, "<h3>");
        if (group)
            doc_test(page, m, group);
        else
            buffer_printf(page, "Toute demande");
        buffer_printf(page, "</h3>\n<table>\n<colgroup><col class=\"n\"><col><col class=\"answer\"><col class=\"rule\"></colgroup>\n"
             "<tr><th>#</th><th>Demandes</th><th>Réponse</th><th>Règle</th></tr>\n");
        for (int k = start; k < end; k++, number++) {
            const struct region *region = &d->table.regions[k];
            const struct rulec_rule *rule = &policy->rules[region->rule];
            buffer_printf(page, "<tr id=\"region-%d\"><td>%d</td><td>", number, number);
            doc_region(page, m, region, first);
            buffer_printf(page, rule->outcome == RULEC_OUTCOME_DECIDED ? "</td><td>" : "</td><td class=\"outcome-%s\">",
                 rulec_outcome_name(rule->outcome));
            doc_answer(page, c, region->rule);
            buffer_printf(page, "</td><td>");
            doc_rule_link(page, rule->name);
            buffer_printf(page, "</td></tr>\n");
        }
        buffer_printf(page, "</table>\n");
        start = end;
    }
    buffer_printf(page, "</section>\n");
}

/* What must hold of every claim's answer: each property, proven (a report is only written
 * for a file whose properties all hold), with its sentence. */
static void doc_properties(struct doc *d)
{
    struct buffer *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    if (!m->nproperties)
        return;
    buffer_printf(page, "<section id=\"proprietes\"><h2>Propriétés</h2>\n<p>Ce qui doit tenir de la "
         "réponse à toute demande (<code>%s</code>). rulec les prouve sur les tables qui "
         "décident, pour chaque demande complète, et refuse le fichier dont une propriété ne "
         "tient pas, avec une demande qui la contredit.</p>\n", doc_keyword(d, "property"));
    for (int k = 0; k < m->nproperties; k++) {
        const struct check_property *property = &m->properties[k];
        buffer_printf(page, "<article class=\"property\" id=\"propriete-%s\">\n<h3><code>%s</code> "
             "<span class=\"meta\">ligne %u</span> <span class=\"badge ok\">prouvée pour "
             "toute demande</span></h3>\n", property->name, property->name, property->line);
        if (property->label) {
            buffer_printf(page, "<p>");
            doc_text(page, property->label);
            buffer_printf(page, "</p>\n");
        }
        buffer_printf(page, "<dl>\n<dt>Citations</dt>\n");
        for (int i = 0; i < property->ncites; i++) {
            const struct rulec_cite *cite = &property->cites[i];
            buffer_printf(page, "<dd>%s", cite->interprets ? "<em>lu avec les autres passages :</em> " : "");
            doc_cite_place(page, m, cite);
            doc_badge(page, c, doc_cite_found(property->found, property->ncites, i), cite);
            doc_quote(page, cite);
            buffer_printf(page, "</dd>\n");
        }
        if (property->when->kind != CHECK_PROP_TRUE) {
            buffer_printf(page, "<dt>Quand</dt><dd>");
            doc_code(page, property->when->text);
            buffer_printf(page, "</dd>\n");
        } else {
            buffer_printf(page, "<dt>Quand</dt><dd>toute demande</dd>\n");
        }
        buffer_printf(page, "<dt>Exige</dt><dd>");
        doc_code(page, property->requires->text);
        buffer_printf(page, "</dd>\n");
        if (property->interpretation) {
            buffer_printf(page, "<dt>Interprétation</dt><dd>");
            doc_text(page, property->interpretation);
            buffer_printf(page, "</dd>\n");
        }
        buffer_printf(page, "</dl>\n</article>\n");
    }
    buffer_printf(page, "</section>\n");
}

static void doc_readings(struct doc *d)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    buffer_printf(page, "<section id=\"lectures\"><h2>Lectures</h2>\n<p>Les réponses qu'aucune phrase ne "
         "donne seule : chaque règle nomme les passages lus ensemble (<code>%s</code>) et en "
         "donne le raisonnement (<code>%s</code>).</p>\n", doc_keyword(d, "interprets"),
         doc_keyword(d, "because"));
    for (int r = 0; r < m->nrules; r++) {
        const struct check_rule *rule = &m->rules[r];
        if (!rule->interpretation)
            continue;
        buffer_printf(page, "<h3>");
        doc_rule_link(page, rule->name);
        buffer_printf(page, "</h3>\n<p>Passages : ");
        doc_cite_list(page, d->c, rule->cites, rule->ncites, 1);
        buffer_printf(page, ".</p>\n<blockquote>");
        doc_text(page, rule->interpretation);
        buffer_printf(page, "</blockquote>\n");
    }
    buffer_printf(page, "</section>\n");
}

static void doc_examples(struct doc *d)
{
    struct buffer *page = d->page;
    const struct check_model *m = d->c->model;
    const struct rulec_policy *policy = d->c->policy;
    buffer_printf(page, "<section id=\"exemples\"><h2>Exemples</h2>\n<table>\n<colgroup><col class=\"n\"><col>"
         "<col><col class=\"answer\"><col class=\"rule\"></colgroup>\n<tr><th>#</th><th>Exemple</th>"
         "<th>Demande</th><th>Réponse attendue</th><th>Règle qui décide</th></tr>\n");
    for (int i = 0; i < m->nexamples; i++) {
        const struct check_example *example = &m->examples[i];
        buffer_printf(page, "<tr id=\"exemple-%d\"><td>%d</td><td>", i + 1, i + 1);
        doc_text(page, example->title);
        buffer_printf(page, " <span class=\"meta\">(ligne %u)</span></td><td class=\"mono\">", example->line);
        for (unsigned v = 0, shown = 0; v < policy->ninputs; v++) {
            if (!(example->claim.present >> v & 1))
                continue;
            buffer_printf(page, "%s%s = ", shown++ ? ", " : "", policy->vars[v].name);
            doc_rules_value(page, rulec_var_domain(&policy->vars[v]), example->claim.values[v], d->language);
        }
        buffer_printf(page, "</td><td>");
        doc_expected(page, m, example);
        buffer_printf(page, "</td><td>");
        if (d->example_rule[i] >= 0)
            doc_rule_link(page, policy->rules[d->example_rule[i]].name);
        else
            buffer_printf(page, "<em>aucune : une donnée manque</em>");
        buffer_printf(page, "</td></tr>\n");
    }
    buffer_printf(page, "</table>\n</section>\n");
}

int doc_write(struct buffer *page, struct compilation *c)
{
    struct doc d;
    memset(&d, 0, sizeof d);
    d.page = page;
    d.c = c;
    d.language = c->diag.french ? KEYWORD_FRENCH : KEYWORD_ENGLISH;
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    if (regions_build(&c->arena, c->model, c->diagram, &d.table) != 0 || doc_beats(&d) != 0) {
        arena_guard(saved);
        return -1;
    }
    doc_index(&d);
    d.example_rule = arena_alloc(&c->arena, sizeof *d.example_rule * (size_t)(c->model->nexamples + 1));
    for (int i = 0; i < c->model->nexamples; i++) {
        struct rulec_result result;
        d.example_rule[i] = rulec_decide(c->policy, &c->model->examples[i].claim, &result) == RULEC_OK
                            ? result.rule : -1;
    }
    doc_head(&d);
    doc_answers(&d);
    doc_sources(&d);
    doc_counts(&d);
    doc_definitions(&d);
    buffer_printf(page, "<section id=\"regles\"><h2>Les règles</h2>\n");
    for (int r = 0; r < c->model->nrules; r++)
        doc_rule(&d, r);
    buffer_printf(page, "</section>\n");
    doc_properties(&d);
    doc_table(&d);
    doc_readings(&d);
    doc_examples(&d);
    buffer_printf(page, "</body>\n</html>\n");
    arena_guard(saved);
    return 0;
}
