/* src/compiler/check_outputs.c — computed outputs, and the values rules assign to outputs.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <string.h>

/* An operand of a computed output: an input, derived value, earlier output or constant. */
static int check_operand(struct checker *c, const struct ast_expr *expr, int output_index,
                         struct rulec_operand *operand, enum rulec_type *type)
{
    if (expr->kind == AST_EXPR_NAME) {
        struct check_symbol *symbol = check_lookup(&c->values, expr->name);
        if (!symbol->name) {
            check_unknown(c, expr->span, expr->name);
            return -1;
        }
        switch (symbol->kind) {
        case SYM_INPUT:
        case SYM_LET:
            operand->kind = RULEC_OPERAND_VAR;
            operand->value = symbol->index;
            *type = c->model->vars[symbol->index].type;
            return 0;
        case SYM_CONST:
            operand->kind = RULEC_OPERAND_CONST;
            operand->value = symbol->value;
            *type = symbol->type;
            return 0;
        case SYM_OUTPUT:
            if (symbol->index >= output_index) {
                diag_error(c->diag, expr->span, "une sortie calculée lit des sorties déclarées "
                           "avant elle, et '%s' ne l'est pas", expr->name);
                return -1;
            }
            operand->kind = RULEC_OPERAND_OUTPUT;
            operand->value = symbol->index;
            *type = c->model->outputs[symbol->index].type;
            return 0;
        default:
            diag_error(c->diag, expr->span, "'%s' est une %s : une sortie calculée lit des "
                       "entrées, des valeurs dérivées, des sorties et des constantes", expr->name,
                       check_symbol_words[symbol->kind]);
            return -1;
        }
    }
    operand->kind = RULEC_OPERAND_CONST;
    switch (expr->kind) {
    case AST_EXPR_INT: *type = RULEC_TYPE_INT; break;
    case AST_EXPR_DATE: *type = RULEC_TYPE_DATE; break;
    case AST_EXPR_BOOL: *type = RULEC_TYPE_BOOL; break;
    default:
        diag_error(c->diag, expr->span, "une sortie calculée compare des noms et des valeurs fixes");
        return -1;
    }
    return check_constant(c, *type, 0, NULL, expr, "cette comparaison", &operand->value);
}

void check_output_formula(struct checker *c, int index, const struct ast_decl *decl)
{
    struct check_output *output = &c->model->outputs[index];
    const struct ast_cond *formula = decl->formula;
    if (formula->kind != AST_COND_CMP) {
        diag_error(c->diag, formula->span, "une sortie calculée est une seule comparaison : nom opérateur valeur");
        return;
    }
    if (output->type != RULEC_TYPE_BOOL) {
        diag_error(c->diag, decl->type->span, "une sortie calculée est un booléen");
        return;
    }
    struct ast_expr left_expr;
    memset(&left_expr, 0, sizeof left_expr);
    left_expr.kind = AST_EXPR_NAME;
    left_expr.span = formula->name_span;
    left_expr.name = formula->name;
    enum rulec_type left_type, right_type;
    if (check_operand(c, &left_expr, index, &output->left, &left_type)
        || check_operand(c, formula->value, index, &output->right, &right_type))
        return;
    if (left_type != right_type || left_type == RULEC_TYPE_SET || left_type == RULEC_TYPE_ENUM) {
        diag_error(c->diag, formula->span, "cette comparaison oppose %s et %s : une sortie "
                   "calculée compare deux dates, deux entiers ou deux booléens",
                   check_type_word(left_type),
                   check_type_word(right_type));
        return;
    }
    if (left_type == RULEC_TYPE_BOOL && formula->op != AST_OP_EQ && formula->op != AST_OP_NE) {
        diag_error(c->diag, formula->span, "les booléens se comparent seulement avec = et !=");
        return;
    }
    output->computed = 1;
    output->op = (enum rulec_op)formula->op;
}

/* The value of an assignment to an output in a rule: a constant, or date input + days. */
/* "la sortie 'name'" for output index, made once (checker.h). */
static const char *check_output_what(struct checker *c, int index)
{
    if (!c->output_what[index])
        c->output_what[index] = arena_printf(c->arena, "la sortie '%s'",
                                             c->model->outputs[index].name);
    return c->output_what[index];
}

int check_assign(struct checker *c, const struct ast_assign *assign, struct rulec_assign *out,
                        int allow_shift)
{
    struct check_symbol *symbol = check_lookup(&c->values, assign->target.name);
    if (!symbol->name || symbol->kind != SYM_OUTPUT) {
        if (!symbol->name)
            diag_error(c->diag, assign->target.span, "sortie inconnue '%s'", assign->target.name);
        else
            diag_error(c->diag, assign->target.span, "'%s' est une %s, pas une sortie",
                       assign->target.name, check_symbol_words[symbol->kind]);
        return -1;
    }
    const struct check_output *output = &c->model->outputs[symbol->index];
    out->output = (uint8_t)symbol->index;
    out->kind = RULEC_ASSIGN_CONST;
    out->var = -1;
    out->key = -1;
    const char *what = check_output_what(c, symbol->index);
    if (output->computed && allow_shift) {
        diag_error(c->diag, assign->target.span, "la sortie '%s' se calcule par sa formule : "
                   "une règle ne la fixe pas", output->name);
        return -1;
    }
    const struct ast_expr *expr = assign->value;
    if (allow_shift && output->type == RULEC_TYPE_DATE
        && (expr->kind == AST_EXPR_ADD || expr->kind == AST_EXPR_SUB
            || (expr->kind == AST_EXPR_NAME && check_lookup(&c->values, expr->name)->kind != SYM_CONST))) {
        struct check_linear linear;
        if (check_linear(c, expr, &linear))
            return -1;
        if (linear.type != RULEC_TYPE_DATE || linear.plus < 0 || linear.minus >= 0) {
            diag_error(c->diag, expr->span, "%s est une date : écrivez une date, une constante, "
                       "ou une entrée date plus un nombre de jours (%s)", what, keyword(c->diag, "days"));
            return -1;
        }
        if (linear.offset < -(int64_t)RULEC_MAX_SHIFT || linear.offset > RULEC_MAX_SHIFT) {
            diag_error(c->diag, expr->span, "un décalage de %lld jours sort de toute date : les "
                       "dates vont de l'an 1000 à l'an 9999, soit au plus %d jours d'écart",
                       (long long)linear.offset, RULEC_MAX_SHIFT);
            return -1;
        }
        out->kind = RULEC_ASSIGN_SHIFT;
        out->var = (int8_t)linear.plus;
        out->value = (int32_t)linear.offset;
        if (linear.lookup) {
            const struct check_lookup *lookup = &c->model->lookups[linear.lookup - 1];
            if (linear.offset) {
                diag_error(c->diag, expr->span, "la table '%s' donne le délai entier : ajoutez "
                           "ces %lld %s à ses valeurs", lookup->name, (long long)linear.offset,
                           keyword(c->diag, "days"));
                return -1;
            }
            int members = c->model->vars[lookup->key].nmembers;
            for (int k = 0; k < members; k++) {
                int32_t days = c->model->lookup_values[lookup->first + k];
                if (days < -RULEC_MAX_SHIFT || days > RULEC_MAX_SHIFT) {
                    diag_error(c->diag, expr->span, "la table '%s' décale de %ld jours pour %s, "
                               "ce qui sort de toute date : les dates vont de l'an 1000 à l'an "
                               "9999, soit au plus %d jours d'écart", lookup->name, (long)days,
                               c->model->vars[lookup->key].members[k], RULEC_MAX_SHIFT);
                    return -1;
                }
            }
            out->key = (int8_t)lookup->key;
            out->value = lookup->first;
        }
        return 0;
    }
    if (expr->kind == AST_EXPR_NAME) {
        struct check_symbol *named = check_lookup(&c->values, expr->name);
        if (named->name && named->kind == SYM_CONST && named->lookup) {
            const struct check_lookup *lookup = &c->model->lookups[named->lookup - 1];
            if (lookup->type != output->type || !allow_shift) {
                diag_error(c->diag, expr->span, "la table '%s' donne %s, mais %s est %s%s",
                           expr->name, check_type_word(lookup->type), what,
                           check_type_word(output->type),
                           allow_shift ? "" : " ; un exemple attend une valeur fixe");
                return -1;
            }
            out->key = (int8_t)lookup->key;
            out->value = lookup->first;
            return 0;
        }
    }
    return check_constant(c, output->type, output->nmembers, output->members, expr, what,
                          &out->value);
}
