/* src/cli/doc.c — the auditor's report (doc.h).
 * Part of rulec; see README.md for the licence. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "decision_table.h"
#include "emit_api.h"
#include "keywords.h"
#include "quote.h"
#include "regions.h"

/* Text inside HTML: & < > " escaped. */
static void doc_text(struct emit_text *page, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&': emit(page, "&amp;"); break;
        case '<': emit(page, "&lt;"); break;
        case '>': emit(page, "&gt;"); break;
        case '"': emit(page, "&quot;"); break;
        default: emit(page, "%c", *p); break;
        }
    }
}

/* A value of a variable or an output, as a clerk reads it. */
static void doc_value(struct emit_text *page, struct rt_domain domain, int32_t value, int clerk)
{
    size_t length = rt_format_value(NULL, 0, &domain, value,
                                    clerk ? RT_NOTATION_CLERK : RT_NOTATION_RULES);
    char *text = arena_heap_calloc(length + 1, 1);
    rt_format_value(text, length + 1, &domain, value, clerk ? RT_NOTATION_CLERK : RT_NOTATION_RULES);
    doc_text(page, text);
    free(text);
}

static const char doc_style[] =
    "body{font:16px/1.5 Georgia,'DejaVu Serif',serif;color:#1d1d1d;max-width:62rem;margin:0 auto;padding:1.5rem 2rem;background:#fff}"
    "h1{font-size:1.7rem;margin:.2rem 0 .4rem}h2{font-size:1.3rem;border-bottom:2px solid #1f4e79;color:#1f4e79;margin-top:2.2rem}"
    "h3{font-size:1.1rem;margin:.2rem 0}code,.mono{font:.88em/1.4 'DejaVu Sans Mono',monospace;background:#f3f3f0;padding:0 .2em}"
    "p.meta{color:#555;font-size:.9rem;margin:.1rem 0}nav ol{columns:2;font-size:.95rem}"
    "table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.6rem 0 1.2rem}"
    "th,td{border:1px solid #c9c9c9;padding:.25rem .4rem;text-align:left;vertical-align:top}"
    "th{background:#e8eef5}tr:nth-child(even) td{background:#fafaf7}"
    ".counts td:first-child{width:70%}.counts td:last-child{text-align:right;font-weight:bold}"
    "article.rule{border:1px solid #d6d6d0;border-left:5px solid #1f4e79;padding:.6rem 1rem;margin:1rem 0;break-inside:avoid}"
    "article.unspecified{border-left-color:#b7791f}article.invalid{border-left-color:#9b2c2c}"
    "blockquote{margin:.3rem 0 .3rem 1rem;padding:.1rem .8rem;border-left:3px solid #b8c7d9;font-style:italic;background:#f7f9fc}"
    ".badge{display:inline-block;font:bold .72rem/1.6 sans-serif;padding:0 .45rem;border-radius:.6rem;margin-left:.4rem;vertical-align:middle}"
    ".ok{background:#d9f2dd;color:#1e5c2a}.warn{background:#fdf0cf;color:#7a5200}.no{background:#f9d6d5;color:#7f1d1d}.na{background:#e6e6e6;color:#444}"
    ".outcome-decided{color:#1e5c2a}.outcome-unspecified{color:#7a5200}.outcome-invalid{color:#7f1d1d}"
    "dl{margin:.3rem 0}dt{font-weight:bold;margin-top:.4rem}dd{margin-left:1.2rem}"
    "ul.cond{margin:.1rem 0;padding-left:1.3rem}"
    "@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}a{color:inherit;text-decoration:none}"
    "h2{break-after:avoid}table,tr{break-inside:avoid}}";

/* --- pieces ------------------------------------------------------------------------------- */

static const char *doc_outcome_words(int outcome)
{
    return outcome == RT_OUTCOME_UNSPECIFIED ? "non précisé par la source"
           : outcome == RT_OUTCOME_INVALID ? "combinaison impossible" : "décision";
}

static void doc_rule_link(struct emit_text *page, const char *name)
{
    emit(page, "<a href=\"#regle-%s\"><code>%s</code></a>", name, name);
}

/* A test in words: the variable's label, then what it must be. */
static void doc_test_words(struct emit_text *page, const struct check_model *model,
                           const struct check_cond *cond)
{
    const struct check_var *var = &model->vars[cond->var];
    struct rt_domain domain = { (uint8_t)var->type, (uint16_t)var->nmembers,
                                (const char *const *)var->members,
                                (const char *const *)var->member_labels };
    doc_text(page, var->label ? var->label : var->name);
    emit(page, " (<code>%s</code>) : ", var->name);
    if (var->type == RT_TYPE_BOOL || var->type == RT_TYPE_ENUM) {
        int count = var->type == RT_TYPE_BOOL ? 2 : var->nmembers, shown = 0;
        for (int m = 0; m < count; m++)
            if (cond->members >> m & 1) {
                emit(page, "%s", shown++ ? " ou " : "");
                doc_value(page, domain, m, 1);
            }
        return;
    }
    for (int i = 0; i < cond->nranges; i++) {
        const struct check_range *range = &cond->ranges[i];
        emit(page, "%s", i ? " ou " : "");
        if (range->low == INT32_MIN) {
            emit(page, "au plus ");
            doc_value(page, domain, range->high, 0);
        } else if (range->high == INT32_MAX) {
            emit(page, "au moins ");
            doc_value(page, domain, range->low, 0);
        } else if (range->low == range->high) {
            doc_value(page, domain, range->low, 0);
        } else {
            emit(page, "de ");
            doc_value(page, domain, range->low, 0);
            emit(page, " à ");
            doc_value(page, domain, range->high, 0);
        }
    }
    if (var->type == RT_TYPE_INT && !var->is_input)
        emit(page, " jours");
}

/* A condition in words, as nested lists. */
static void doc_cond_words(struct emit_text *page, const struct check_model *model,
                           const struct check_cond *cond)
{
    switch (cond->kind) {
    case CHECK_COND_TRUE:
        emit(page, "toute demande");
        return;
    case CHECK_COND_TEST:
        doc_test_words(page, model, cond);
        return;
    case CHECK_COND_NOT:
        emit(page, "<em>pas ceci :</em> ");
        doc_cond_words(page, model, cond->children[0]);
        return;
    default:
        emit(page, "%s<ul class=\"cond\">", cond->kind == CHECK_COND_AND ? "toutes ces conditions :"
                                                                         : "l'une de ces conditions :");
        for (int i = 0; i < cond->nchildren; i++) {
            emit(page, "<li>");
            doc_cond_words(page, model, cond->children[i]);
            emit(page, "</li>");
        }
        emit(page, "</ul>");
        return;
    }
}

/* What the rule answers. */
static void doc_answer(struct emit_text *page, const struct rt_policy *policy, const struct rt_rule *rule)
{
    if (rule->outcome != RT_OUTCOME_DECIDED) {
        emit(page, "<span class=\"outcome-%s\">%s</span> : ", rt_outcome_name(rule->outcome),
             doc_outcome_words(rule->outcome));
        doc_text(page, rule->reason);
        return;
    }
    emit(page, "<ul class=\"cond\">");
    for (unsigned i = 0; i < rule->nassigns; i++) {
        const struct rt_assign *assign = &policy->assigns[rule->first_assign + i];
        const struct rt_output *output = &policy->outputs[assign->output];
        emit(page, "<li>");
        doc_text(page, output->label);
        emit(page, " (<code>%s</code>) : ", output->name);
        if (assign->kind == RT_ASSIGN_SHIFT) {
            doc_text(page, policy->vars[assign->var].label);
            emit(page, " %s %ld jours", assign->value < 0 ? "moins" : "plus", labs((long)assign->value));
        } else {
            doc_value(page, rt_output_domain(output), assign->value, 1);
        }
        emit(page, "</li>");
    }
    emit(page, "</ul>");
}

static void doc_badge(struct emit_text *page, const struct compilation *c, int found, const char *quote)
{
    if (!quote)
        emit(page, "<span class=\"badge na\">sans citation textuelle</span>");
    else if (!c->quotes_checked)
        emit(page, "<span class=\"badge na\">non vérifiée (rapport fait sans --sources)</span>");
    else if (found == QUOTE_FOUND)
        emit(page, "<span class=\"badge ok\">vérifiée dans le texte</span>");
    else if (found == QUOTE_ELSEWHERE)
        emit(page, "<span class=\"badge warn\">trouvée hors de la section citée</span>");
    else if (found == QUOTE_NOT_FOUND)
        emit(page, "<span class=\"badge no\">introuvable</span>");
    else
        emit(page, "<span class=\"badge na\">non vérifiable : source sans texte</span>");
}

static const struct ast_decl *doc_rule_decl(const struct compilation *c, const char *name)
{
    for (int i = 0; i < c->file->decls.count; i++) {
        const struct ast_decl *decl = c->file->decls.items[i];
        if (decl->kind == AST_DECL_RULE && strcmp(decl->name.name, name) == 0)
            return decl;
    }
    return NULL;
}

/* --- sections ----------------------------------------------------------------------------- */

struct doc {
    struct emit_text *page;
    struct compilation *c;
    struct region_table table;
    int *example_rule;            /* the rule deciding each example, -1 none */
};

static void doc_head(struct doc *d)
{
    struct emit_text *page = d->page;
    const struct check_model *m = d->c->model;
    const struct rt_policy *policy = d->c->policy;
    emit(page, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    doc_text(page, m->title);
    emit(page, " — rapport d'audit</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n"
         "<p class=\"meta\">Rapport d'audit de la politique <code>%s</code></p>\n<h1>", doc_style,
         m->name);
    doc_text(page, m->title);
    emit(page, "</h1>\n<p class=\"meta\">Fichier de règles <code>");
    doc_text(page, policy->rule_file);
    emit(page, "</code>, SHA-256 <code>%s</code> ; produit par %s.</p>\n</header>\n",
         policy->rule_sha256, policy->generator);
    emit(page, "<nav><h2>Sommaire</h2><ol><li><a href=\"#sources\">Sources</a></li>"
         "<li><a href=\"#chiffres\">En chiffres</a></li><li><a href=\"#regles\">Les règles</a></li>"
         "<li><a href=\"#table\">Table de décision</a></li>"
         "<li><a href=\"#silences\">Ce que l'infolettre ne dit pas</a></li>"
         "<li><a href=\"#lectures\">Lectures</a></li>"
         "<li><a href=\"#impossibles\">Combinaisons impossibles</a></li>"
         "<li><a href=\"#exemples\">Exemples</a></li></ol></nav>\n");
}

static void doc_sources(struct doc *d)
{
    struct emit_text *page = d->page;
    const struct check_model *m = d->c->model;
    emit(page, "<section id=\"sources\"><h2>Sources</h2>\n<dl>\n");
    for (int s = 0; s < m->nsources; s++) {
        emit(page, "<dt>");
        doc_text(page, m->sources[s].title);
        emit(page, " <span class=\"meta\">(<code>%s</code>)</span></dt>\n", m->sources[s].name);
        if (m->sources[s].note) {
            emit(page, "<dd>");
            doc_text(page, m->sources[s].note);
            emit(page, "</dd>\n");
        }
    }
    emit(page, "</dl>\n</section>\n");
}

static void doc_counts(struct doc *d)
{
    struct emit_text *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    int interpret = 0, regions[3] = { 0, 0, 0 };
    for (int r = 0; r < m->nrules; r++)
        interpret += m->rules[r].interpretation != NULL;
    for (int k = 0; k < d->table.nregions; k++)
        regions[m->rules[d->table.regions[k].rule].outcome]++;
    emit(page, "<section id=\"chiffres\"><h2>En chiffres</h2>\n<table class=\"counts\">\n");
    emit(page, "<tr><td>Règles</td><td>%d</td></tr>\n", m->nrules);
    /* Keywords in the rule file's language (keywords.h). */
    const struct diag *diag = &d->c->diag;
    emit(page, "<tr><td>… qui appliquent le texte tel qu'il est écrit (<code>%s</code>)</td><td>%d</td></tr>\n",
         keyword(diag, "cites"), m->nrules - interpret);
    emit(page, "<tr><td>… qui reposent sur une lecture de plusieurs passages (<code>%s</code>)</td><td>%d</td></tr>\n",
         keyword(diag, "interprets"), interpret);
    emit(page, "<tr><td>Régions de la table de décision</td><td>%d</td></tr>\n", d->table.nregions);
    emit(page, "<tr><td>… décidées</td><td>%d</td></tr>\n", regions[RT_OUTCOME_DECIDED]);
    emit(page, "<tr><td>… que la source ne précise pas</td><td>%d</td></tr>\n", regions[RT_OUTCOME_UNSPECIFIED]);
    emit(page, "<tr><td>… impossibles</td><td>%d</td></tr>\n", regions[RT_OUTCOME_INVALID]);
    emit(page, "<tr><td>Exemples</td><td>%d</td></tr>\n", m->nexamples);
    if (c->quotes_checked) {
        emit(page, "<tr><td>Citations vérifiées dans le texte de leur source</td><td>%d</td></tr>\n",
             c->quotes.verified);
        emit(page, "<tr><td>… dont trouvées hors de la section citée</td><td>%d</td></tr>\n",
             c->quotes.misplaced);
        emit(page, "<tr><td>Citations non vérifiables (source sans texte)</td><td>%d</td></tr>\n",
             c->quotes.unverified);
    } else {
        emit(page, "<tr><td>Citations non vérifiées (rapport fait sans <code>--sources</code>)</td><td>%d</td></tr>\n",
             c->quotes.unverified);
    }
    emit(page, "</table>\n</section>\n");
}

static void doc_rule(struct doc *d, int r)
{
    struct emit_text *page = d->page;
    const struct compilation *c = d->c;
    const struct check_model *m = c->model;
    const struct check_rule *rule = &m->rules[r];
    const struct rt_rule *table_rule = &c->policy->rules[r];
    const struct ast_decl *decl = doc_rule_decl(c, rule->name);
    emit(page, "<article class=\"rule %s\" id=\"regle-%s\">\n<h3><code>%s</code> "
         "<span class=\"meta\">ligne %u — %s</span></h3>\n<dl>\n", rt_outcome_name(rule->outcome),
         rule->name, rule->name, rule->line, doc_outcome_words(rule->outcome));
    emit(page, "<dt>Citations</dt>\n");
    for (int i = 0; i < rule->ncites; i++) {
        const struct rt_cite *cite = &rule->cites[i];
        emit(page, "<dd>%s", cite->interprets ? "<em>lu avec les autres passages :</em> " : "");
        doc_text(page, m->sources[cite->source].title);
        emit(page, ", %s", rt_section_prefix(cite->section));
        doc_text(page, cite->section);
        doc_badge(page, c, decl && i < decl->cites.count
                  ? ((const struct ast_cite *)decl->cites.items[i])->found : QUOTE_UNCHECKED,
                  cite->quote);
        if (cite->quote) {
            emit(page, "<blockquote>« ");
            doc_text(page, cite->quote);
            emit(page, " »</blockquote>");
        }
        emit(page, "</dd>\n");
    }
    emit(page, "<dt>Quand</dt><dd>");
    doc_cond_words(page, m, rule->when);
    if (rule->when->text && rule->when->text[0]) {
        emit(page, "<br><span class=\"meta\">dans le fichier : <code>");
        doc_text(page, rule->when->text);
        emit(page, "</code></span>");
    }
    emit(page, "</dd>\n<dt>Alors</dt><dd>");
    doc_answer(page, c->policy, table_rule);
    emit(page, "</dd>\n");
    if (rule->exception_to_all || rule->nexceptions) {
        emit(page, "<dt>Exception à</dt><dd>%s", rule->exception_to_all ? "toutes les règles" : "");
        for (int i = 0; i < rule->nexceptions; i++) {
            emit(page, "%s", i || rule->exception_to_all ? ", " : "");
            doc_rule_link(page, m->rules[rule->exceptions[i]].name);
        }
        emit(page, "</dd>\n");
    }
    if (rule->interpretation) {
        emit(page, "<dt>Interprétation</dt><dd>");
        doc_text(page, rule->interpretation);
        emit(page, "</dd>\n");
    }
    if (rule->note) {
        emit(page, "<dt>Note</dt><dd>");
        doc_text(page, rule->note);
        emit(page, "</dd>\n");
    }
    emit(page, "<dt>Exemples qui l'exercent</dt><dd>");
    int shown = 0;
    for (int i = 0; i < m->nexamples; i++)
        if (d->example_rule[i] == r) {
            emit(page, "%s<a href=\"#exemple-%d\">", shown++ ? " ; " : "", i + 1);
            doc_text(page, m->examples[i].title);
            emit(page, "</a>");
        }
    emit(page, "%s</dd>\n</dl>\n</article>\n", shown ? "" : "<strong>aucun</strong>");
}

/* A region's test on a variable, as rulec table writes it. */
static void doc_region_cell(struct emit_text *page, const struct rt_var *var, const struct region_test *test)
{
    char cell[DECISION_TABLE_CELL_SIZE];
    decision_table_cell_text(var, test, cell, sizeof cell, KEYWORD_FRENCH);
    emit(page, test ? "<td>" : "<td class=\"meta\">");
    doc_text(page, cell);
    emit(page, "</td>");
}

static int doc_same_test(const struct region_test *a, const struct region_test *b)
{
    if (!a || !b)
        return a == b;
    return a->members == b->members && a->low == b->low && a->high == b->high;
}

/* The decision table, its rows grouped by what they ask of the first variable the diagram
 * tests. */
static void doc_table(struct doc *d)
{
    struct emit_text *page = d->page;
    const struct compilation *c = d->c;
    const struct rt_policy *policy = c->policy;
    const struct dd *dd = &c->diagram->dd;
    int first = DIAGRAM_IS_TERMINAL(c->diagram->root) ? -1 : dd->nodes[c->diagram->root].var;
    emit(page, "<section id=\"table\"><h2>Table de décision</h2>\n<p>Chaque ligne est une région "
         "de demandes complètes et la règle qui la décide ; les régions sont disjointes et "
         "couvrent toutes les demandes possibles. « · » : la valeur ne compte pas.</p>\n");
    for (int start = 0, number = 1; start < d->table.nregions;) {
        const struct region_test *group = first >= 0 ? decision_table_test_of(&d->table.regions[start], first) : NULL;
        int end = start + 1;
        while (end < d->table.nregions
               && doc_same_test(group, first >= 0 ? decision_table_test_of(&d->table.regions[end], first) : NULL))
            end++;
        unsigned char *shown = arena_heap_calloc((size_t)policy->nvars + 1, 1);
        for (int k = start; k < end; k++)
            for (int i = 0; i < d->table.regions[k].ntests; i++)
                if (d->table.regions[k].tests[i].var != first)
                    shown[d->table.regions[k].tests[i].var] = 1;
        emit(page, "<h3>");
        if (first >= 0) {
            emit(page, "<code>%s</code> : ", policy->vars[first].name);
            emit(page, "<table style=\"display:inline;border:0;width:auto;margin:0\"><tr>");
            doc_region_cell(page, &policy->vars[first], group);
            emit(page, "</tr></table>");
        } else {
            emit(page, "Toute demande");
        }
        emit(page, "</h3>\n<table>\n<tr><th>#</th>");
        for (unsigned v = 0; v < policy->nvars; v++)
            if (shown[v])
                emit(page, "<th><code>%s</code></th>", policy->vars[v].name);
        emit(page, "<th>Règle</th><th>Issue</th></tr>\n");
        for (int k = start; k < end; k++, number++) {
            const struct region *region = &d->table.regions[k];
            const struct rt_rule *rule = &policy->rules[region->rule];
            emit(page, "<tr><td>%d</td>", number);
            for (unsigned v = 0; v < policy->nvars; v++)
                if (shown[v])
                    doc_region_cell(page, &policy->vars[v], decision_table_test_of(region, (int)v));
            emit(page, "<td>");
            doc_rule_link(page, rule->name);
            emit(page, "</td><td class=\"outcome-%s\">%s</td></tr>\n", rt_outcome_name(rule->outcome),
                 doc_outcome_words(rule->outcome));
        }
        emit(page, "</table>\n");
        free(shown);
        start = end;
    }
    emit(page, "</section>\n");
}

/* The rules of one outcome, each with its reason and the regions it decides. */
static void doc_outcome_section(struct doc *d, int outcome, const char *id, const char *title,
                                const char *intro)
{
    struct emit_text *page = d->page;
    const struct check_model *m = d->c->model;
    emit(page, "<section id=\"%s\"><h2>%s</h2>\n<p>%s</p>\n", id, title, intro);
    int any = 0;
    for (int r = 0; r < m->nrules; r++) {
        if ((int)m->rules[r].outcome != outcome)
            continue;
        any = 1;
        emit(page, "<h3>");
        doc_rule_link(page, m->rules[r].name);
        emit(page, "</h3>\n<p>");
        doc_text(page, m->rules[r].reason);
        emit(page, "</p>\n<ul>");
        for (int k = 0; k < d->table.nregions; k++) {
            if (d->table.regions[k].rule != r)
                continue;
            emit(page, "<li class=\"mono\">");
            const struct region *region = &d->table.regions[k];
            for (int i = 0; i < region->ntests; i++) {
                const struct rt_var *var = &d->c->policy->vars[region->tests[i].var];
                emit(page, "%s%s ", i ? " ; " : "", var->name);
                emit(page, "<table style=\"display:inline;border:0;width:auto;margin:0\"><tr>");
                doc_region_cell(page, var, &region->tests[i]);
                emit(page, "</tr></table>");
            }
            emit(page, "%s</li>", region->ntests ? "" : "toute demande");
        }
        emit(page, "</ul>\n");
    }
    if (!any)
        emit(page, "<p><em>Aucune.</em></p>\n");
    emit(page, "</section>\n");
}

static void doc_readings(struct doc *d)
{
    struct emit_text *page = d->page;
    const struct check_model *m = d->c->model;
    emit(page, "<section id=\"lectures\"><h2>Lectures</h2>\n<p>Les réponses qu'aucune phrase ne "
         "donne seule : chaque règle nomme les passages lus ensemble et en donne le "
         "raisonnement.</p>\n");
    for (int r = 0; r < m->nrules; r++) {
        const struct check_rule *rule = &m->rules[r];
        if (!rule->interpretation)
            continue;
        emit(page, "<h3>");
        doc_rule_link(page, rule->name);
        emit(page, "</h3>\n<p>Passages : ");
        for (int i = 0, shown = 0; i < rule->ncites; i++)
            if (rule->cites[i].interprets) {
                emit(page, "%s%s", shown++ ? ", " : "", rt_section_prefix(rule->cites[i].section));
                doc_text(page, rule->cites[i].section);
            }
        emit(page, ".</p>\n<blockquote>");
        doc_text(page, rule->interpretation);
        emit(page, "</blockquote>\n");
    }
    emit(page, "</section>\n");
}

static void doc_examples(struct doc *d)
{
    struct emit_text *page = d->page;
    const struct check_model *m = d->c->model;
    const struct rt_policy *policy = d->c->policy;
    emit(page, "<section id=\"exemples\"><h2>Exemples</h2>\n<table>\n<tr><th>#</th><th>Exemple</th>"
         "<th>Demande</th><th>Règle qui décide</th></tr>\n");
    for (int i = 0; i < m->nexamples; i++) {
        const struct check_example *example = &m->examples[i];
        emit(page, "<tr id=\"exemple-%d\"><td>%d</td><td>", i + 1, i + 1);
        doc_text(page, example->title);
        emit(page, " <span class=\"meta\">(ligne %u)</span></td><td class=\"mono\">", example->line);
        for (unsigned v = 0, shown = 0; v < policy->ninputs; v++) {
            if (!(example->claim.present >> v & 1))
                continue;
            emit(page, "%s%s=", shown++ ? " " : "", policy->vars[v].name);
            doc_value(page, rt_var_domain(&policy->vars[v]), example->claim.values[v], 0);
        }
        emit(page, "</td><td>");
        if (d->example_rule[i] >= 0)
            doc_rule_link(page, policy->rules[d->example_rule[i]].name);
        else
            emit(page, "<em>aucune : une donnée manque</em>");
        emit(page, "</td></tr>\n");
    }
    emit(page, "</table>\n</section>\n");
}

int doc_write(struct emit_text *page, struct compilation *c)
{
    struct doc d = { page, c, { 0, NULL, NULL }, NULL };
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    if (regions_build(&c->arena, c->model, c->diagram, &d.table) != 0) {
        arena_guard(saved);
        return -1;
    }
    d.example_rule = arena_alloc(&c->arena, sizeof *d.example_rule * (size_t)(c->model->nexamples + 1));
    for (int i = 0; i < c->model->nexamples; i++) {
        struct rt_result result;
        d.example_rule[i] = rt_decide(c->policy, &c->model->examples[i].claim, &result) == RT_OK
                            ? result.rule : -1;
    }
    doc_head(&d);
    doc_sources(&d);
    doc_counts(&d);
    emit(page, "<section id=\"regles\"><h2>Les règles</h2>\n");
    for (int r = 0; r < c->model->nrules; r++)
        doc_rule(&d, r);
    emit(page, "</section>\n");
    doc_table(&d);
    char intro[256];
    snprintf(intro, sizeof intro, "Les demandes pour lesquelles la source est muette : la "
             "politique le dit (<code>%s</code>) au lieu de deviner, avec la raison.",
             keyword(&c->diag, "unspecified"));
    doc_outcome_section(&d, RT_OUTCOME_UNSPECIFIED, "silences", "Ce que l'infolettre ne dit pas",
                        intro);
    doc_readings(&d);
    snprintf(intro, sizeof intro, "Les demandes qui ne peuvent exister (<code>%s</code>), et "
             "pourquoi.", keyword(&c->diag, "invalid"));
    doc_outcome_section(&d, RT_OUTCOME_INVALID, "impossibles", "Combinaisons impossibles", intro);
    doc_examples(&d);
    emit(page, "</body>\n</html>\n");
    arena_guard(saved);
    return 0;
}
