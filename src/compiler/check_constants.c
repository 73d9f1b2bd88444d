/* src/compiler/check_constants.c — constants, dates and the types of declarations.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <string.h>

const char *check_type_word(enum rulec_type type)
{
    switch (type) {
    case RULEC_TYPE_BOOL: return "un booléen";
    case RULEC_TYPE_INT: return "un entier";
    case RULEC_TYPE_DATE: return "une date";
    case RULEC_TYPE_ENUM: return "une énumération";
    default: return "un ensemble";
    }
}

/* "a, b, c" for a message. */
const char *check_member_list(struct checker *c, int count, const char **members)
{
    size_t length = 1;
    for (int i = 0; i < count; i++)
        length += strlen(members[i]) + 2;
    char *text = arena_alloc(c->arena, length);
    text[0] = '\0';
    for (int i = 0; i < count; i++) {
        if (i)
            strcat(text, ", ");
        strcat(text, members[i]);
    }
    return text;
}

int check_member_index(int count, const char **members, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(members[i], name) == 0)
            return i;
    return -1;
}

static int check_date(struct checker *c, const struct ast_expr *expr, int32_t *value)
{
    if (expr->year < 1000 || expr->year > 9999) {
        diag_error(c->diag, expr->span, "%04d-%02d-%02d : les dates vont de l'an 1000 à l'an 9999",
                   expr->year, expr->month, expr->day);
        return -1;
    }
    if (!rulec_date_valid(expr->year, expr->month, expr->day)) {
        diag_error(c->diag, expr->span, "%04d-%02d-%02d n'est pas une date du calendrier",
                   expr->year, expr->month, expr->day);
        return -1;
    }
    *value = rulec_days_from_civil(expr->year, expr->month, expr->day);
    return 0;
}

/* { a, b }: a set's value, the mask of its members. */
static int check_set_constant(struct checker *c, int nmembers, const char **members,
                              const struct ast_expr *expr, const char *what, int32_t *value)
{
    if (expr->kind != AST_EXPR_SET) {
        diag_error(c->diag, expr->span, "%s est un ensemble : écrivez ses éléments entre "
                   "accolades, comme { %s }", what, nmembers ? members[0] : "");
        return -1;
    }
    uint32_t mask = 0;
    int status = 0;
    for (int i = 0; i < expr->items.count; i++) {
        const struct ast_expr *item = expr->items.items[i];
        int index = item->kind == AST_EXPR_NAME
                        ? check_member_index(nmembers, members, item->name) : -1;
        if (index < 0) {
            diag_error(c->diag, item->span, "%s n'a pas d'élément '%s' ; ses éléments : %s",
                       what, item->kind == AST_EXPR_NAME ? item->name : "de cette forme",
                       check_member_list(c, nmembers, members));
            status = -1;
        } else if (mask >> index & 1) {
            diag_error(c->diag, item->span, "'%s' figure deux fois dans cet ensemble", item->name);
            status = -1;
        } else {
            mask |= (uint32_t)1 << index;
        }
    }
    *value = (int32_t)mask;
    return status;
}

/* A constant value of a type: a literal, a declared constant, or a member's name. `what`
 * names the thing that receives it, for messages. */
int check_constant(struct checker *c, enum rulec_type type, int nmembers,
                          const char **members, const struct ast_expr *expr, const char *what,
                          int32_t *value)
{
    if ((type == RULEC_TYPE_ENUM || type == RULEC_TYPE_SET) && nmembers == 0)
        return -1;    /* its declaration went past the member limit, and said so */
    if (type == RULEC_TYPE_SET)
        return check_set_constant(c, nmembers, members, expr, what, value);
    if (expr->kind == AST_EXPR_NAME) {
        if (type == RULEC_TYPE_ENUM) {
            int index = check_member_index(nmembers, members, expr->name);
            if (index >= 0) {
                *value = index;
                return 0;
            }
        }
        struct check_symbol *symbol = check_lookup(&c->values, expr->name);
        if (symbol->name && symbol->kind == SYM_CONST) {
            if (symbol->lookup) {
                const struct check_lookup *lookup = &c->model->lookups[symbol->lookup - 1];
                diag_error(c->diag, expr->span, "la constante '%s' dépend de '%s' (%s) : %s "
                           "demande ici une valeur fixe ; une table sert de délai à une date "
                           "limite (date + %s %s) ou de valeur à une sortie (%s)", expr->name,
                           c->model->vars[lookup->key].name, keyword(c->diag, "lookup"), what,
                           expr->name, keyword(c->diag, "days"), keyword(c->diag, "then"));
                return -1;
            }
            if (symbol->type != type) {
                diag_error(c->diag, expr->span, "la constante '%s' est %s, mais %s est %s", expr->name,
                           check_type_word(symbol->type), what, check_type_word(type));
                return -1;
            }
            *value = symbol->value;
            return 0;
        }
        if (type == RULEC_TYPE_ENUM)
            diag_error(c->diag, expr->span, "'%s' n'est pas une valeur de %s ; valeurs permises : %s",
                       expr->name, what, check_member_list(c, nmembers, members));
        else if (symbol->name)
            diag_error(c->diag, expr->span, "'%s' est une %s, pas une constante : %s demande ici "
                       "une valeur fixe", expr->name, check_symbol_words[symbol->kind], what);
        else
            check_unknown(c, expr->span, expr->name);
        return -1;
    }
    enum rulec_type written;
    switch (expr->kind) {
    case AST_EXPR_INT: written = RULEC_TYPE_INT; break;
    case AST_EXPR_DATE: written = RULEC_TYPE_DATE; break;
    case AST_EXPR_BOOL: written = RULEC_TYPE_BOOL; break;
    case AST_EXPR_SET: written = RULEC_TYPE_SET; break;
    default:
        if (expr->kind == AST_EXPR_ADD || expr->kind == AST_EXPR_SUB)
            diag_error(c->diag, expr->span, "%s demande ici une valeur fixe, pas un calcul ; "
                       "pour comparer deux données, déclarez leur écart (%s ecart = a - b) et "
                       "comparez-le à une constante", what, keyword(c->diag, "let"));
        else
            diag_error(c->diag, expr->span, "%s demande ici une valeur fixe, pas un calcul", what);
        return -1;
    }
    if (written != type) {
        if (type == RULEC_TYPE_ENUM)
            diag_error(c->diag, expr->span, "%s est une énumération ; valeurs permises : %s", what,
                       check_member_list(c, nmembers, members));
        else
            diag_error(c->diag, expr->span, "%s est %s, mais cette valeur est %s", what,
                       check_type_word(type), check_type_word(written));
        return -1;
    }
    switch (expr->kind) {
    case AST_EXPR_DATE:
        return check_date(c, expr, value);
    case AST_EXPR_INT:
        if (expr->number < INT32_MIN || expr->number > INT32_MAX) {
            diag_error(c->diag, expr->span, "nombre hors limites");
            return -1;
        }
        *value = (int32_t)expr->number;
        return 0;
    case AST_EXPR_BOOL:
        *value = (int32_t)expr->number;
        return 0;
    default:   /* a set: its items are read by check_set, and a set output is no constant */
        *value = 0;
        return 0;
    }
}

int check_type(struct checker *c, const struct ast_type *type, enum rulec_type *out,
               int *nmembers, const char ***members, const char ***labels, int max)
{
    static const enum rulec_type kinds[] = { RULEC_TYPE_BOOL, RULEC_TYPE_INT, RULEC_TYPE_DATE,
                                          RULEC_TYPE_ENUM, RULEC_TYPE_SET };
    *out = kinds[type->kind];
    *nmembers = type->members.count;
    int status = 0;
    if (*nmembers > max) {
        /* Past the limit, the members are not looked at (nor compared two by two), and the
         * declaration keeps none: no later test builds a mask from a member past the limit. */
        diag_error(c->diag, type->span, "%d éléments : %s en a au plus %d", *nmembers,
                   *out == RULEC_TYPE_SET ? "un ensemble" : "une énumération", max);
        *nmembers = 0;
        status = -1;
    }
    *members = arena_calloc(c->arena, (size_t)*nmembers + 1, sizeof **members);
    *labels = arena_calloc(c->arena, (size_t)*nmembers + 1, sizeof **labels);
    for (int i = 0; i < *nmembers; i++) {
        const struct ast_member *member = type->members.items[i];
        if (check_member_index(i, *members, member->name) >= 0) {
            diag_error(c->diag, member->span, "'%s' est déjà un élément", member->name);
            status = -1;
        }
        (*members)[i] = member->name;
        (*labels)[i] = member->label ? member->label : member->name;
    }
    return status;
}

int check_ordered(enum rulec_type type)
{
    return type == RULEC_TYPE_INT || type == RULEC_TYPE_DATE;
}

const char *check_range_text(struct arena *arena, int32_t low, int32_t high)
{
    char range[64];
    rulec_range_text(range, sizeof range, low, high);
    return arena_printf(arena, "un entier%s%s", range[0] ? " " : "", range);
}
