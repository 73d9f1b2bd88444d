/* src/compiler/check_rules.c — rules: their citations and interpretation, condition,
 * assignments, and the rules they are exceptions to.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <stdlib.h>
#include <string.h>

static int check_compare_assign(const void *a, const void *b)
{
    const struct rulec_assign *x = a, *y = b;
    return (int)x->output - (int)y->output;
}

/* The citations of a rule or a property, the text that names them for a reader, and its
 * interpretation. */
void check_citations(struct checker *c, const struct ast_decl *decl, const char *what,
                     int *ncites_out, struct rulec_cite **cites_out, const char **citation_out,
                     const char **interpretation)
{
    int ncites = decl->cites.count;
    struct rulec_cite *cites = arena_calloc(c->arena, (size_t)ncites, sizeof *cites);
    size_t citation_length = 1;
    int interprets = 0;
    for (int i = 0; i < decl->cites.count; i++) {
        const struct ast_cite *cite = decl->cites.items[i];
        struct check_symbol *symbol = check_lookup(&c->sources, cite->source.name);
        if (!symbol->name) {
            diag_error(c->diag, cite->source.span, "source inconnue '%s' : déclarez-la avec "
                       "'source %s \"titre\"'", cite->source.name, cite->source.name);
            continue;
        }
        cites[i].source = (uint16_t)symbol->index;
        cites[i].interprets = (uint8_t)cite->interprets;
        interprets |= cite->interprets;
        cites[i].section = cite->section;
        cites[i].quote = cite->quote;
        citation_length += strlen(c->model->sources[symbol->index].title)
                           + strlen(cite->section) + 16;
    }
    char *citation = arena_alloc(c->arena, citation_length);
    citation[0] = '\0';
    for (int i = 0; i < ncites; i++) {
        if (!cites[i].section)
            continue;
        /* A section cited twice (two sentences of 1.2) is named once. */
        int again = 0;
        for (int j = 0; j < i && !again; j++)
            again = cites[j].section && cites[j].source == cites[i].source
                    && strcmp(cites[j].section, cites[i].section) == 0;
        if (again)
            continue;
        if (citation[0])
            strcat(citation, "; ");
        strcat(citation, c->model->sources[cites[i].source].title);
        strcat(citation, ", ");
        strcat(citation, rulec_section_prefix(cites[i].section));
        strcat(citation, cites[i].section);
    }
    *ncites_out = ncites;
    *cites_out = cites;
    *citation_out = citation;
    /* A reading of several passages names them (interprets) and says why (because). */
    *interpretation = decl->because.name;
    if (decl->because.name && !interprets)
        diag_error(c->diag, decl->because.span, "'%s' donne le raisonnement d'une lecture : "
                   "nommez les passages lus ensemble avec '%s SOURCE \"section\" \"citation\"'",
                   keyword(c->diag, "because"), keyword(c->diag, "interprets"));
    else if (interprets && !decl->because.name)
        diag_error(c->diag, decl->name.span, "%s '%s' interprète des passages sans dire "
                   "pourquoi : ajoutez '%s \"raisonnement\"' après ses citations",
                   what, decl->name.name, keyword(c->diag, "because"));
}

void check_rule(struct checker *c, int index, const struct ast_decl *decl)
{
    struct check_rule *rule = &c->model->rules[index];
    rule->name = decl->name.name;
    rule->span = decl->name.span;
    rule->line = diag_line(c->diag, decl->span.begin);
    rule->note = decl->note;
    rule->reason = decl->reason;
    rule->outcome = decl->outcome == AST_OUTCOME_ASSIGN ? RULEC_OUTCOME_DECIDED
                    : decl->outcome == AST_OUTCOME_UNSPECIFIED ? RULEC_OUTCOME_UNSPECIFIED
                                                                : RULEC_OUTCOME_INVALID;
    rule->exception_to_all = decl->exception_to_all;

    check_citations(c, decl, "la règle", &rule->ncites, &rule->cites, &rule->citation,
                    &rule->interpretation);

    if (decl->when)
        rule->when = check_condition(c, decl->when);
    else
        rule->when = check_cond_new(c, CHECK_COND_TRUE);

    rule->nassigns = decl->assigns.count;
    rule->assigns = arena_calloc(c->arena, (size_t)rule->nassigns, sizeof *rule->assigns);
    for (int i = 0; i < rule->nassigns; i++) {
        const struct ast_assign *assign = decl->assigns.items[i];
        if (check_assign(c, assign, &rule->assigns[i], 1))
            continue;
        for (int j = 0; j < i; j++) {
            const struct ast_assign *earlier = decl->assigns.items[j];
            if (strcmp(earlier->target.name, assign->target.name) == 0)
                diag_error(c->diag, assign->target.span, "la sortie '%s' est fixée deux fois dans cette règle",
                           assign->target.name);
        }
    }
    qsort(rule->assigns, (size_t)rule->nassigns, sizeof *rule->assigns, check_compare_assign);
}

void check_exceptions(struct checker *c, int index, const struct ast_decl *decl)
{
    struct check_rule *rule = &c->model->rules[index];
    rule->nexceptions = decl->exceptions.count;
    rule->exceptions = arena_calloc(c->arena, (size_t)rule->nexceptions + 1,
                                    sizeof *rule->exceptions);
    for (int i = 0; i < decl->exceptions.count; i++) {
        const struct ast_name *name = decl->exceptions.items[i];
        struct check_symbol *symbol = check_lookup(&c->rules, name->name);
        rule->exceptions[i] = -1;
        if (!symbol->name)
            diag_error(c->diag, name->span, "règle inconnue '%s'", name->name);
        else if (symbol->index == index)
            diag_error(c->diag, name->span, "une règle ne peut être une exception à elle-même");
        else
            rule->exceptions[i] = symbol->index;
    }
}

/* A cycle in "is an exception to", found depth first with an explicit stack (a chain of
 * 100,000 exceptions would overflow the C stack): state 0 unvisited, 1 on the path, 2 done.
 * Reports the first cycle and returns -1, else 0. */
int check_exception_cycles(struct checker *c)
{
    const struct check_model *model = c->model;
    unsigned char *state = arena_calloc(c->scratch, (size_t)model->nrules + 1, 1);
    int *stack = arena_alloc(c->scratch, sizeof *stack * (size_t)(model->nrules + 1));
    int *next_edge = arena_calloc(c->scratch, (size_t)model->nrules + 1, sizeof *next_edge);
    for (int start = 0; start < model->nrules; start++) {
        if (state[start])
            continue;
        int top = 0;
        stack[top++] = start;
        state[start] = 1;
        while (top) {
            int index = stack[top - 1];
            const struct check_rule *rule = &model->rules[index];
            if (next_edge[index] == rule->nexceptions) {
                state[index] = 2;
                top--;
                continue;
            }
            int next = rule->exceptions[next_edge[index]++];
            if (next < 0 || state[next] == 2)
                continue;
            if (state[next] == 1) {
                diag_error(c->diag, rule->span, "les règles '%s' et '%s' sont des exceptions "
                           "l'une à l'autre, directement ou par d'autres règles", rule->name,
                           model->rules[next].name);
                return -1;
            }
            state[next] = 1;
            stack[top++] = next;
        }
    }
    return 0;
}
