/* src/compiler/check_linear.c — derived values (let): an expression over inputs reduced to
 * plus - minus + offset, the form rulec_derive evaluates.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

/* name days: a number of days written once, as a constant; a constant that depends on an
 * enumeration (lookup) is a rule's deadline only. A shift is fixed where the rule is written:
 * a number of days from an input would make the deadline a sum the decision cannot cut. */
static int check_linear_days(struct checker *c, const struct ast_expr *expr,
                             struct check_linear *out)
{
    struct check_symbol *symbol = check_lookup(&c->values, expr->name);
    if (!symbol->name) {
        check_unknown(c, expr->span, expr->name);
        return -1;
    }
    if (symbol->kind != SYM_CONST || (symbol->type != RULEC_TYPE_INT && !symbol->lookup)) {
        diag_error(c->diag, expr->span, "'%s' est %s%s : un nombre de %s est un nombre (90 %s) "
                   "ou une constante entière (constante délai = 90, puis délai %s), fixé "
                   "dans le fichier", expr->name,
                   symbol->kind == SYM_CONST ? "une constante " : "une ",
                   symbol->kind == SYM_CONST ? check_type_word(symbol->type)
                                             : check_symbol_words[symbol->kind],
                   keyword(c->diag, "days"), keyword(c->diag, "days"), keyword(c->diag, "days"));
        return -1;
    }
    out->type = RULEC_TYPE_INT;
    out->days = 1;
    if (symbol->lookup) {
        if (c->model->lookups[symbol->lookup - 1].type != RULEC_TYPE_INT) {
            diag_error(c->diag, expr->span, "la table '%s' donne des dates, pas des nombres de %s",
                       expr->name, keyword(c->diag, "days"));
            return -1;
        }
        out->lookup = symbol->lookup;
    } else {
        out->offset = symbol->value;
    }
    return 0;
}

/* A term: a name, a number or a number of days. */
static int check_linear_term(struct checker *c, const struct ast_expr *expr,
                             struct check_linear *out)
{
    out->plus = out->minus = -1;
    out->offset = 0;
    out->days = 0;
    out->lookup = 0;
    switch (expr->kind) {
    case AST_EXPR_DAYS:
        if (expr->name)
            return check_linear_days(c, expr, out);
        out->type = RULEC_TYPE_INT;
        out->offset = expr->number;
        out->days = 1;
        return 0;
    case AST_EXPR_NAME: {
        struct check_symbol *symbol = check_lookup(&c->values, expr->name);
        if (!symbol->name) {
            check_unknown(c, expr->span, expr->name);
            return -1;
        }
        if (symbol->kind == SYM_CONST) {
            out->type = symbol->type;
            out->offset = symbol->value;
            if (symbol->type == RULEC_TYPE_DATE) {
                diag_error(c->diag, expr->span, "une valeur dérivée part d'une entrée, pas de la "
                           "date constante '%s'", expr->name);
                return -1;
            }
            if (symbol->type != RULEC_TYPE_INT) {
                diag_error(c->diag, expr->span, "la constante '%s' est %s : une valeur dérivée "
                           "additionne et soustrait des dates et des entiers", expr->name,
                           check_type_word(symbol->type));
                return -1;
            }
            return 0;
        }
        if (symbol->kind == SYM_LET) {
            const struct check_var *var = &c->model->vars[symbol->index];
            out->plus = var->plus;
            out->minus = var->minus;
            out->offset = var->offset;
            out->type = var->type;
            return 0;
        }
        if (symbol->kind == SYM_INPUT) {
            const struct check_var *var = &c->model->vars[symbol->index];
            if (!check_ordered(var->type)) {
                diag_error(c->diag, expr->span, "l'entrée '%s' est %s : une valeur dérivée "
                           "additionne et soustrait des dates et des entiers", expr->name,
                           check_type_word(var->type));
                return -1;
            }
            out->plus = symbol->index;
            out->type = var->type;
            return 0;
        }
        diag_error(c->diag, expr->span, "'%s' est une %s : une valeur dérivée se calcule à partir "
                   "d'entrées", expr->name, check_symbol_words[symbol->kind]);
        return -1;
    }
    case AST_EXPR_INT:
        out->type = RULEC_TYPE_INT;
        out->offset = expr->number;
        return 0;
    default:
        diag_error(c->diag, expr->span, "une valeur dérivée additionne et soustrait des entrées et des nombres");
        return -1;
    }
}

/* left + right or left - right (op), into out. */
static int check_linear_combine(struct checker *c, const struct ast_expr *expr,
                                const struct check_linear *left, struct check_linear right,
                                struct check_linear *out)
{
    if (expr->kind == AST_EXPR_SUB) {
        int swap = right.plus;
        right.plus = right.minus;
        right.minus = swap;
        right.offset = -right.offset;
    }
    /* date + int = date; date - date = int; int +/- int = int. */
    int left_date = left->type == RULEC_TYPE_DATE, right_date = right.type == RULEC_TYPE_DATE;
    if (left_date && right_date && expr->kind == AST_EXPR_ADD) {
        diag_error(c->diag, expr->span, "deux dates ne s'additionnent pas : soustrayez-les "
                   "pour compter les jours qui les séparent");
        return -1;
    }
    if (!left_date && right_date) {
        diag_error(c->diag, expr->span, "écrivez la date d'abord : date + nombre %s",
                   keyword(c->diag, "days"));
        return -1;
    }
    if (left_date && !right_date && right.plus < 0 && right.minus < 0 && !right.days) {
        diag_error(c->diag, expr->span, "une date se décale d'un nombre de %s : écrivez %lld %s",
                   keyword(c->diag, "days"), (long long)(right.offset < 0 ? -right.offset
                                                                          : right.offset),
                   keyword(c->diag, "days"));
        return -1;
    }
    if (right.lookup && (expr->kind == AST_EXPR_SUB || left->lookup)) {
        diag_error(c->diag, expr->span, "une table de délais s'ajoute une fois à une date : "
                   "date + %s", keyword(c->diag, "days"));
        return -1;
    }
    out->lookup = left->lookup ? left->lookup : right.lookup;
    out->days = 0;
    out->type = left_date && !right_date ? RULEC_TYPE_DATE : RULEC_TYPE_INT;
    out->offset = left->offset + right.offset;
    int pluses[2] = { left->plus, right.plus }, minuses[2] = { left->minus, right.minus };
    /* Terms that cancel (x - x) go; more than one input on a side is not a difference. */
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            if (pluses[i] >= 0 && pluses[i] == minuses[j])
                pluses[i] = minuses[j] = -1;
    int plus_count = (pluses[0] >= 0) + (pluses[1] >= 0);
    int minus_count = (minuses[0] >= 0) + (minuses[1] >= 0);
    if (plus_count > 1 || minus_count > 1) {
        diag_error(c->diag, expr->span, "une valeur dérivée est une entrée plus ou moins un "
                   "nombre, ou la différence de deux entrées");
        return -1;
    }
    out->plus = pluses[0] >= 0 ? pluses[0] : pluses[1];
    out->minus = minuses[0] >= 0 ? minuses[0] : minuses[1];
    if (out->offset < INT32_MIN / 2 || out->offset > INT32_MAX / 2) {
        diag_error(c->diag, expr->span, "nombre hors limites");
        return -1;
    }
    return 0;
}

/* The grammar makes a + b - c + ... a left-deep tree whose right operands are terms: it is
 * folded from its leftmost term up, in a loop, so that a chain of any length costs no stack
 * (a 100,000-term chain once overflowed it). */
int check_linear(struct checker *c, const struct ast_expr *expr, struct check_linear *out)
{
    size_t depth = 0;
    const struct ast_expr *leftmost = expr;
    while (leftmost->kind == AST_EXPR_ADD || leftmost->kind == AST_EXPR_SUB) {
        leftmost = leftmost->left;
        depth++;
    }
    if (check_linear_term(c, leftmost, out))
        return -1;
    /* Up the spine: the node k steps above the leftmost term is found from the top. */
    const struct ast_expr **spine = depth ? arena_alloc(c->arena, sizeof *spine * depth) : NULL;
    size_t k = depth;
    for (const struct ast_expr *node = expr; k > 0; node = node->left)
        spine[--k] = node;
    for (k = 0; k < depth; k++) {
        struct check_linear right, sum;
        if (check_linear_term(c, spine[k]->right, &right)
            || check_linear_combine(c, spine[k], out, right, &sum))
            return -1;
        *out = sum;
    }
    return 0;
}
