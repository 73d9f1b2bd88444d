/* src/compiler/check.c — resolves names, checks types, turns conditions into interval and
 * member tests, and collects the cut points that partition each date and integer.
 * Part of rulec; see README.md for the licence. */
#include "check.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum check_symbol_kind { SYM_NONE, SYM_INPUT, SYM_LET, SYM_CONST, SYM_OUTPUT, SYM_SOURCE, SYM_RULE,
                         SYM_CONDITION };

struct check_symbol {
    const char *name;
    enum check_symbol_kind kind;
    int index;
    struct diag_span span;
    enum rt_type type;       /* constants */
    int32_t value;
    struct check_cond *cond; /* named conditions */
};

/* Open addressing; the table never fills past half. */
struct check_table {
    struct check_symbol *slots;
    unsigned capacity, count;
};

struct checker {
    struct arena *arena;
    struct diag *diag;
    struct check_model *model;
    struct check_table values;   /* inputs, lets, consts, outputs share one namespace */
    struct check_table rules;
    struct check_table sources;
};

/* Every kind of name is feminine in French: "une entrée", "la règle". */
static const char *const check_symbol_words[] = {
    "", "entrée", "valeur dérivée", "constante", "sortie", "source", "règle", "condition"
};

static unsigned check_hash(const char *name)
{
    unsigned hash = 2166136261u;
    for (; *name; name++)
        hash = (hash ^ (unsigned char)*name) * 16777619u;
    return hash;
}

static void check_table_init(struct arena *arena, struct check_table *table, unsigned expected)
{
    unsigned capacity = 16;
    while (capacity < expected * 2 + 2)
        capacity *= 2;
    table->slots = arena_calloc(arena, capacity, sizeof *table->slots);
    table->capacity = capacity;
    table->count = 0;
}

static struct check_symbol *check_lookup(struct check_table *table, const char *name)
{
    unsigned mask = table->capacity - 1;
    for (unsigned i = check_hash(name) & mask;; i = (i + 1) & mask) {
        if (!table->slots[i].name || strcmp(table->slots[i].name, name) == 0)
            return &table->slots[i];
    }
}

/* Names that become C identifiers in generated code (fields, enumerators) must not be C
 * keywords; rule and source names only appear in strings. */
static int check_c_keyword(const char *name)
{
    static const char *const keywords[] = {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double",
        "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
        "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
        "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true",
        "false", "_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic",
        "_Generic", "_Noreturn", "_Static_assert", "_Thread_local"
    };
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strcmp(keywords[i], name) == 0)
            return 1;
    return 0;
}

/* Declares a name; reports a duplicate and returns NULL. */
static struct check_symbol *check_declare(struct checker *c, struct check_table *table,
                                          const struct ast_name *name,
                                          enum check_symbol_kind kind, int index)
{
    if ((kind == SYM_INPUT || kind == SYM_OUTPUT) && check_c_keyword(name->name))
        diag_error(c->diag, name->span, "'%s' est un mot réservé du C, et une %s devient un "
                   "champ des structures C générées : choisissez un autre nom", name->name,
                   check_symbol_words[kind]);
    struct check_symbol *slot = check_lookup(table, name->name);
    if (slot->name) {
        diag_error(c->diag, name->span, "le nom '%s' est déjà pris par une %s, ligne %u",
                   name->name, check_symbol_words[slot->kind],
                   diag_line(c->diag, slot->span.begin));
        return NULL;
    }
    slot->name = name->name;
    slot->kind = kind;
    slot->index = index;
    slot->span = name->span;
    table->count++;
    return slot;
}

/* Edit distance, bounded: the suggestion for a misspelt name. */
static int check_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diagonal = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int above = row[j];
            int best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* "nom inconnu 'x'", with "vouliez-vous dire 'y' ?" when one declared name is close. */
static void check_unknown(struct checker *c, struct diag_span span, const char *name)
{
    const char *best = NULL;
    int best_distance = 3;
    for (unsigned i = 0; i < c->values.capacity; i++) {
        const char *candidate = c->values.slots[i].name;
        if (!candidate)
            continue;
        int distance = check_distance(name, candidate);
        /* Ties go to the first name in byte order, so the hash order never shows. */
        if (distance < best_distance
            || (distance == best_distance && best && strcmp(candidate, best) < 0)) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (best)
        diag_error(c->diag, span, "nom inconnu '%s' ; vouliez-vous dire '%s' ?", name, best);
    else
        diag_error(c->diag, span, "nom inconnu '%s'", name);
}

static const char *check_type_word(enum rt_type type)
{
    switch (type) {
    case RT_TYPE_BOOL: return "un booléen";
    case RT_TYPE_INT: return "un entier";
    case RT_TYPE_DATE: return "une date";
    case RT_TYPE_ENUM: return "une énumération";
    default: return "un ensemble";
    }
}

/* "a, b, c" for a message. */
static const char *check_member_list(struct checker *c, int count, const char **members)
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

static int check_member_index(int count, const char **members, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(members[i], name) == 0)
            return i;
    return -1;
}

static int check_date(struct checker *c, const struct ast_expr *expr, int32_t *value)
{
    if (!rt_date_valid(expr->year, expr->month, expr->day)) {
        diag_error(c->diag, expr->span, "%04d-%02d-%02d n'est pas une date du calendrier",
                   expr->year, expr->month, expr->day);
        return -1;
    }
    *value = rt_days_from_civil(expr->year, expr->month, expr->day);
    return 0;
}

/* A constant value of a type: a literal, a declared constant, or a member's name. `what`
 * names the thing that receives it, for messages. */
static int check_constant(struct checker *c, enum rt_type type, int nmembers,
                          const char **members, const struct ast_expr *expr, const char *what,
                          int32_t *value)
{
    if (type == RT_TYPE_SET) {
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
    if (expr->kind == AST_EXPR_NAME) {
        if (type == RT_TYPE_ENUM) {
            int index = check_member_index(nmembers, members, expr->name);
            if (index >= 0) {
                *value = index;
                return 0;
            }
        }
        struct check_symbol *symbol = check_lookup(&c->values, expr->name);
        if (symbol->name && symbol->kind == SYM_CONST) {
            if (symbol->type != type) {
                diag_error(c->diag, expr->span, "la constante '%s' est %s, mais %s est %s", expr->name,
                           check_type_word(symbol->type), what, check_type_word(type));
                return -1;
            }
            *value = symbol->value;
            return 0;
        }
        if (type == RT_TYPE_ENUM)
            diag_error(c->diag, expr->span, "'%s' n'est pas une valeur de %s ; valeurs permises : %s",
                       expr->name, what, check_member_list(c, nmembers, members));
        else if (symbol->name)
            diag_error(c->diag, expr->span, "'%s' est une %s, pas une constante : %s demande ici "
                       "une valeur fixe", expr->name, check_symbol_words[symbol->kind], what);
        else
            check_unknown(c, expr->span, expr->name);
        return -1;
    }
    enum rt_type written;
    switch (expr->kind) {
    case AST_EXPR_INT: written = RT_TYPE_INT; break;
    case AST_EXPR_DATE: written = RT_TYPE_DATE; break;
    case AST_EXPR_BOOL: written = RT_TYPE_BOOL; break;
    case AST_EXPR_SET: written = RT_TYPE_SET; break;
    default:
        diag_error(c->diag, expr->span, "%s demande ici une valeur fixe, pas un calcul", what);
        return -1;
    }
    if (written != type) {
        if (type == RT_TYPE_ENUM)
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
    default:
        *value = (int32_t)expr->number;
        return 0;
    }
}

static int check_type(struct checker *c, const struct ast_type *type, enum rt_type *out,
                      int *nmembers, const char ***members, const char ***labels, int max)
{
    static const enum rt_type kinds[] = { RT_TYPE_BOOL, RT_TYPE_INT, RT_TYPE_DATE,
                                          RT_TYPE_ENUM, RT_TYPE_SET };
    *out = kinds[type->kind];
    *nmembers = type->members.count;
    *members = arena_calloc(c->arena, (size_t)*nmembers + 1, sizeof **members);
    *labels = arena_calloc(c->arena, (size_t)*nmembers + 1, sizeof **labels);
    int status = 0;
    if (*nmembers > max) {
        diag_error(c->diag, type->span, "trop d'éléments : la limite est %d", max);
        status = -1;
    }
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

static void check_add_cut(struct checker *c, struct check_var *var, int32_t cut)
{
    int low = 0, high = var->ncuts;
    while (low < high) {
        int middle = (low + high) / 2;
        if (var->cuts[middle] < cut)
            low = middle + 1;
        else
            high = middle;
    }
    if (low < var->ncuts && var->cuts[low] == cut)
        return;
    if (var->ncuts == var->cuts_capacity) {
        int capacity = var->cuts_capacity ? var->cuts_capacity * 2 : 8;
        int32_t *cuts = arena_alloc(c->arena, sizeof *cuts * (size_t)capacity);
        if (var->ncuts)
            memcpy(cuts, var->cuts, sizeof *cuts * (size_t)var->ncuts);
        var->cuts = cuts;
        var->cuts_capacity = capacity;
    }
    memmove(var->cuts + low + 1, var->cuts + low, sizeof *var->cuts * (size_t)(var->ncuts - low));
    var->cuts[low] = cut;
    var->ncuts++;
}

/* The variable a condition or formula tests, or -1 after an error. */
static int check_tested_var(struct checker *c, const char *name, struct diag_span span)
{
    struct check_symbol *symbol = check_lookup(&c->values, name);
    if (!symbol->name) {
        check_unknown(c, span, name);
        return -1;
    }
    if (symbol->kind == SYM_CONDITION) {
        diag_error(c->diag, span, "'%s' est une condition : elle s'écrit seule, sans comparaison",
                   name);
        return -1;
    }
    if (symbol->kind == SYM_INPUT || symbol->kind == SYM_LET)
        return symbol->index;
    diag_error(c->diag, span, "'%s' est une %s : une condition teste des entrées et des valeurs "
               "dérivées", name, check_symbol_words[symbol->kind]);
    return -1;
}

static struct check_cond *check_cond_new(struct checker *c, enum check_cond_kind kind)
{
    struct check_cond *cond = arena_calloc(c->arena, 1, sizeof *cond);
    cond->kind = kind;
    cond->low = INT32_MIN;
    cond->high = INT32_MAX;
    return cond;
}

static int check_ordered(enum rt_type type)
{
    return type == RT_TYPE_INT || type == RT_TYPE_DATE;
}

/* Turns a test on an ordered variable into [low, high] and records its cuts. */
static struct check_cond *check_interval(struct checker *c, int var, int32_t low, int32_t high)
{
    struct check_cond *cond = check_cond_new(c, CHECK_COND_TEST);
    cond->var = var;
    cond->low = low;
    cond->high = high;
    if (low != INT32_MIN)
        check_add_cut(c, &c->model->vars[var], low);
    if (high != INT32_MAX)
        check_add_cut(c, &c->model->vars[var], high + 1);
    return cond;
}

static struct check_cond *check_members(struct checker *c, int var, uint64_t members)
{
    struct check_cond *cond = check_cond_new(c, CHECK_COND_TEST);
    cond->var = var;
    cond->members = members;
    return cond;
}

static const char *check_var_what(struct checker *c, const struct check_var *var)
{
    return arena_printf(c->arena, "%s '%s'", var->is_input ? "l'entrée" : "la valeur dérivée",
                        var->name);
}

static struct check_cond *check_condition(struct checker *c, const struct ast_cond *ast)
{
    struct check_cond *cond;
    switch (ast->kind) {
    case AST_COND_AND:
    case AST_COND_OR: {
        struct check_cond *left = check_condition(c, ast->left);
        struct check_cond *right = check_condition(c, ast->right);
        if (!left || !right)
            return NULL;
        cond = check_cond_new(c, ast->kind == AST_COND_AND ? CHECK_COND_AND : CHECK_COND_OR);
        cond->left = left;
        cond->right = right;
        return cond;
    }
    case AST_COND_NOT: {
        struct check_cond *inner = check_condition(c, ast->left);
        if (!inner)
            return NULL;
        cond = check_cond_new(c, CHECK_COND_NOT);
        cond->left = inner;
        return cond;
    }
    case AST_COND_IS: {
        struct check_symbol *symbol = check_lookup(&c->values, ast->name);
        if (symbol->name && symbol->kind == SYM_CONDITION)
            return symbol->cond;    /* shared, never modified: conditions are trees of values */
        break;
    }
    default:
        break;
    }
    int index = check_tested_var(c, ast->name, ast->name_span);
    if (index < 0)
        return NULL;
    struct check_var *var = &c->model->vars[index];
    const char *what = check_var_what(c, var);
    int32_t value, high;
    switch (ast->kind) {
    case AST_COND_IS:
        if (var->type != RT_TYPE_BOOL) {
            diag_error(c->diag, ast->name_span, "%s est %s, pas un booléen : comparez-la à une valeur",
                       what, check_type_word(var->type));
            return NULL;
        }
        return check_members(c, index, 2);
    case AST_COND_CMP:
        if (check_constant(c, var->type, var->nmembers, var->members, ast->value, what, &value))
            return NULL;
        if (!check_ordered(var->type)) {
            if (ast->op != AST_OP_EQ && ast->op != AST_OP_NE) {
                diag_error(c->diag, ast->span, "%s est %s : elle se compare seulement avec = et !=",
                           what, check_type_word(var->type));
                return NULL;
            }
            uint64_t bit = (uint64_t)1 << value;
            uint64_t all = var->nmembers >= 64 ? ~(uint64_t)0
                                               : ((uint64_t)1 << var->nmembers) - 1;
            return check_members(c, index, ast->op == AST_OP_EQ ? bit : all & ~bit);
        }
        switch (ast->op) {
        case AST_OP_EQ: return check_interval(c, index, value, value);
        case AST_OP_NE:
            cond = check_cond_new(c, CHECK_COND_NOT);
            cond->left = check_interval(c, index, value, value);
            return cond;
        case AST_OP_LT:
            if (value == INT32_MIN)
                break;
            return check_interval(c, index, INT32_MIN, value - 1);
        case AST_OP_LE: return check_interval(c, index, INT32_MIN, value);
        case AST_OP_GT:
            if (value == INT32_MAX)
                break;
            return check_interval(c, index, value + 1, INT32_MAX);
        case AST_OP_GE: return check_interval(c, index, value, INT32_MAX);
        }
        diag_error(c->diag, ast->span, "cette comparaison n'est jamais vraie");
        return NULL;
    case AST_COND_IN: {
        uint64_t members = 0;
        struct check_cond *any = NULL;
        int status = 0;
        for (int i = 0; i < ast->values.count; i++) {
            if (check_constant(c, var->type, var->nmembers, var->members, ast->values.items[i],
                               what, &value)) {
                status = -1;
                continue;
            }
            if (!check_ordered(var->type)) {
                members |= (uint64_t)1 << value;
                continue;
            }
            struct check_cond *test = check_interval(c, index, value, value);
            if (any) {
                struct check_cond *or = check_cond_new(c, CHECK_COND_OR);
                or->left = any;
                or->right = test;
                test = or;
            }
            any = test;
        }
        if (status)
            return NULL;
        return check_ordered(var->type) ? any : check_members(c, index, members);
    }
    case AST_COND_BETWEEN:
        if (!check_ordered(var->type)) {
            diag_error(c->diag, ast->span, "%s est %s : 'between' s'applique à une date ou à un entier",
                       what, check_type_word(var->type));
            return NULL;
        }
        if (check_constant(c, var->type, 0, NULL, ast->value, what, &value)
            || check_constant(c, var->type, 0, NULL, ast->high, what, &high))
            return NULL;
        if (high < value) {
            diag_error(c->diag, ast->high->span, "la borne supérieure est sous la borne inférieure");
            return NULL;
        }
        return check_interval(c, index, value, high);
    default:
        return NULL;
    }
}

/* A derived value's expression, reduced to plus - minus + offset over inputs. */
struct check_linear {
    int plus, minus;
    int64_t offset;
    enum rt_type type;
};

static int check_linear(struct checker *c, const struct ast_expr *expr, struct check_linear *out)
{
    out->plus = out->minus = -1;
    out->offset = 0;
    switch (expr->kind) {
    case AST_EXPR_NAME: {
        struct check_symbol *symbol = check_lookup(&c->values, expr->name);
        if (!symbol->name) {
            check_unknown(c, expr->span, expr->name);
            return -1;
        }
        if (symbol->kind == SYM_CONST) {
            out->type = symbol->type;
            out->offset = symbol->value;
            if (symbol->type == RT_TYPE_DATE) {
                diag_error(c->diag, expr->span, "une valeur dérivée part d'une entrée, pas de la "
                           "date constante '%s'", expr->name);
                return -1;
            }
            if (symbol->type != RT_TYPE_INT) {
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
    case AST_EXPR_DAYS:
        out->type = RT_TYPE_INT;
        out->offset = expr->number;
        return 0;
    case AST_EXPR_ADD:
    case AST_EXPR_SUB: {
        struct check_linear left, right;
        if (check_linear(c, expr->left, &left) || check_linear(c, expr->right, &right))
            return -1;
        if (expr->kind == AST_EXPR_SUB) {
            int swap = right.plus;
            right.plus = right.minus;
            right.minus = swap;
            right.offset = -right.offset;
        }
        /* date + int = date; date - date = int; int +/- int = int. */
        int left_date = left.type == RT_TYPE_DATE, right_date = right.type == RT_TYPE_DATE;
        if (left_date && right_date && expr->kind == AST_EXPR_ADD) {
            diag_error(c->diag, expr->span, "deux dates ne s'additionnent pas : soustrayez-les "
                       "pour compter les jours qui les séparent");
            return -1;
        }
        if (!left_date && right_date) {
            diag_error(c->diag, expr->span, "écrivez la date d'abord : date + nombre days");
            return -1;
        }
        out->type = left_date && !right_date ? RT_TYPE_DATE : RT_TYPE_INT;
        out->offset = left.offset + right.offset;
        int pluses[2] = { left.plus, right.plus }, minuses[2] = { left.minus, right.minus };
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
    default:
        diag_error(c->diag, expr->span, "une valeur dérivée additionne et soustrait des entrées et des nombres");
        return -1;
    }
}

/* An operand of a computed output: an input, derived value, earlier output or constant. */
static int check_operand(struct checker *c, const struct ast_expr *expr, int output_index,
                         struct rt_operand *operand, enum rt_type *type)
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
            operand->kind = RT_OPERAND_VAR;
            operand->value = symbol->index;
            *type = c->model->vars[symbol->index].type;
            return 0;
        case SYM_CONST:
            operand->kind = RT_OPERAND_CONST;
            operand->value = symbol->value;
            *type = symbol->type;
            return 0;
        case SYM_OUTPUT:
            if (symbol->index >= output_index) {
                diag_error(c->diag, expr->span, "une sortie calculée lit des sorties déclarées "
                           "avant elle, et '%s' ne l'est pas", expr->name);
                return -1;
            }
            operand->kind = RT_OPERAND_OUTPUT;
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
    operand->kind = RT_OPERAND_CONST;
    switch (expr->kind) {
    case AST_EXPR_INT: *type = RT_TYPE_INT; break;
    case AST_EXPR_DATE: *type = RT_TYPE_DATE; break;
    case AST_EXPR_BOOL: *type = RT_TYPE_BOOL; break;
    default:
        diag_error(c->diag, expr->span, "une sortie calculée compare des noms et des valeurs fixes");
        return -1;
    }
    return check_constant(c, *type, 0, NULL, expr, "cette comparaison", &operand->value);
}

static void check_output_formula(struct checker *c, int index, const struct ast_decl *decl)
{
    struct check_output *output = &c->model->outputs[index];
    const struct ast_cond *formula = decl->formula;
    if (formula->kind != AST_COND_CMP) {
        diag_error(c->diag, formula->span, "une sortie calculée est une seule comparaison : nom opérateur valeur");
        return;
    }
    if (output->type != RT_TYPE_BOOL) {
        diag_error(c->diag, decl->type->span, "une sortie calculée est un booléen");
        return;
    }
    struct ast_expr left_expr = { AST_EXPR_NAME, formula->name_span, formula->name, 0, 0, 0, 0,
                                  NULL, NULL, { NULL, 0, 0 } };
    enum rt_type left_type, right_type;
    if (check_operand(c, &left_expr, index, &output->left, &left_type)
        || check_operand(c, formula->value, index, &output->right, &right_type))
        return;
    if (left_type != right_type || left_type == RT_TYPE_SET || left_type == RT_TYPE_ENUM) {
        diag_error(c->diag, formula->span, "cette comparaison oppose %s et %s : une sortie "
                   "calculée compare deux dates, deux entiers ou deux booléens",
                   check_type_word(left_type),
                   check_type_word(right_type));
        return;
    }
    if (left_type == RT_TYPE_BOOL && formula->op != AST_OP_EQ && formula->op != AST_OP_NE) {
        diag_error(c->diag, formula->span, "les booléens se comparent seulement avec = et !=");
        return;
    }
    output->computed = 1;
    output->op = (enum rt_op)formula->op;
}

/* The value of an assignment to an output in a rule: a constant, or date input + days. */
static int check_assign(struct checker *c, const struct ast_assign *assign, struct rt_assign *out,
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
    out->kind = RT_ASSIGN_CONST;
    out->var = -1;
    const char *what = arena_printf(c->arena, "la sortie '%s'", output->name);
    if (output->computed && allow_shift) {
        diag_error(c->diag, assign->target.span, "la sortie '%s' se calcule par sa formule : "
                   "une règle ne la fixe pas", output->name);
        return -1;
    }
    const struct ast_expr *expr = assign->value;
    if (allow_shift && output->type == RT_TYPE_DATE
        && (expr->kind == AST_EXPR_ADD || expr->kind == AST_EXPR_SUB
            || (expr->kind == AST_EXPR_NAME && check_lookup(&c->values, expr->name)->kind != SYM_CONST))) {
        struct check_linear linear;
        if (check_linear(c, expr, &linear))
            return -1;
        if (linear.type != RT_TYPE_DATE || linear.plus < 0 || linear.minus >= 0) {
            diag_error(c->diag, expr->span, "%s est une date : écrivez une date, une constante, "
                       "ou une entrée date plus un nombre de jours (days)", what);
            return -1;
        }
        out->kind = RT_ASSIGN_SHIFT;
        out->var = (int8_t)linear.plus;
        out->value = (int32_t)linear.offset;
        return 0;
    }
    return check_constant(c, output->type, output->nmembers, output->members, expr, what,
                          &out->value);
}

static int check_compare_assign(const void *a, const void *b)
{
    const struct rt_assign *x = a, *y = b;
    return (int)x->output - (int)y->output;
}

static void check_rule(struct checker *c, int index, const struct ast_decl *decl)
{
    struct check_rule *rule = &c->model->rules[index];
    rule->name = decl->name.name;
    rule->span = decl->name.span;
    rule->line = diag_line(c->diag, decl->span.begin);
    rule->note = decl->note;
    rule->reason = decl->reason;
    rule->outcome = decl->outcome == AST_OUTCOME_ASSIGN ? RT_OUTCOME_DECIDED
                    : decl->outcome == AST_OUTCOME_UNSPECIFIED ? RT_OUTCOME_UNSPECIFIED
                                                                : RT_OUTCOME_INVALID;
    rule->exception_to_all = decl->exception_to_all;

    rule->ncites = decl->cites.count;
    rule->cites = arena_calloc(c->arena, (size_t)rule->ncites, sizeof *rule->cites);
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
        rule->cites[i].source = (uint16_t)symbol->index;
        rule->cites[i].interprets = (uint8_t)cite->interprets;
        interprets |= cite->interprets;
        rule->cites[i].section = cite->section;
        rule->cites[i].quote = cite->quote;
        citation_length += strlen(c->model->sources[symbol->index].title)
                           + strlen(cite->section) + 16;
    }
    char *citation = arena_alloc(c->arena, citation_length);
    citation[0] = '\0';
    for (int i = 0; i < rule->ncites; i++) {
        if (!rule->cites[i].section)
            continue;
        /* A section cited twice (two sentences of 1.2) is named once. */
        int again = 0;
        for (int j = 0; j < i && !again; j++)
            again = rule->cites[j].section && rule->cites[j].source == rule->cites[i].source
                    && strcmp(rule->cites[j].section, rule->cites[i].section) == 0;
        if (again)
            continue;
        if (citation[0])
            strcat(citation, "; ");
        strcat(citation, c->model->sources[rule->cites[i].source].title);
        strcat(citation, ", ");
        strcat(citation, rt_section_prefix(rule->cites[i].section));
        strcat(citation, rule->cites[i].section);
    }
    rule->citation = citation;
    /* A reading of several passages names them (interprets) and says why (because). */
    rule->interpretation = decl->because.name;
    if (decl->because.name && !interprets)
        diag_error(c->diag, decl->because.span, "'because' donne le raisonnement d'une lecture : "
                   "nommez les passages lus ensemble avec 'interprets SOURCE \"section\" \"citation\"'");
    else if (interprets && !decl->because.name)
        diag_error(c->diag, decl->name.span, "la règle '%s' interprète des passages sans dire "
                   "pourquoi : ajoutez 'because \"raisonnement\"' après ses citations",
                   decl->name.name);

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

static void check_exceptions(struct checker *c, int index, const struct ast_decl *decl)
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

/* Depth-first search for a cycle in "is an exception to": 0 unvisited, 1 on the path, 2 done. */
static int check_exception_cycle(struct checker *c, int index, unsigned char *state)
{
    state[index] = 1;
    const struct check_rule *rule = &c->model->rules[index];
    for (int i = 0; i < rule->nexceptions; i++) {
        int next = rule->exceptions[i];
        if (next < 0 || state[next] == 2)
            continue;
        if (state[next] == 1) {
            diag_error(c->diag, rule->span, "les règles '%s' et '%s' sont des exceptions l'une à "
                       "l'autre, directement ou par d'autres règles", rule->name,
                       c->model->rules[next].name);
            return -1;
        }
        if (check_exception_cycle(c, next, state))
            return -1;
    }
    state[index] = 2;
    return 0;
}

static void check_example(struct checker *c, struct check_example *example,
                          const struct ast_decl *decl)
{
    example->title = decl->name.name;
    example->span = decl->span;
    example->line = diag_line(c->diag, decl->span.begin);
    for (int i = 0; i < decl->given.count; i++) {
        const struct ast_assign *given = decl->given.items[i];
        struct check_symbol *symbol = check_lookup(&c->values, given->target.name);
        if (!symbol->name || symbol->kind != SYM_INPUT) {
            diag_error(c->diag, given->target.span, "'%s' n'est pas une entrée", given->target.name);
            continue;
        }
        if (example->claim.present >> symbol->index & 1) {
            diag_error(c->diag, given->target.span, "l'entrée '%s' est donnée deux fois",
                       given->target.name);
            continue;
        }
        const struct check_var *var = &c->model->vars[symbol->index];
        int32_t value;
        if (check_constant(c, var->type, var->nmembers, var->members, given->value,
                           check_var_what(c, var), &value))
            continue;
        example->claim.values[symbol->index] = value;
        example->claim.present |= (uint64_t)1 << symbol->index;
    }
    example->nexpects = decl->expect.count;
    example->expects = arena_calloc(c->arena, (size_t)example->nexpects, sizeof *example->expects);
    for (int i = 0; i < decl->expect.count; i++) {
        const struct ast_expect *ast = decl->expect.items[i];
        struct check_expect *expect = &example->expects[i];
        expect->kind = ast->kind;
        expect->span = ast->name.span;
        struct check_symbol *symbol;
        switch (ast->kind) {
        case AST_EXPECT_OUTPUT:
            symbol = check_lookup(&c->values, ast->name.name);
            if (!symbol->name || symbol->kind != SYM_OUTPUT) {
                diag_error(c->diag, ast->name.span, "'%s' n'est pas une sortie", ast->name.name);
                break;
            }
            expect->index = symbol->index;
            expect->has_value = ast->value != NULL;
            if (ast->value) {
                struct ast_assign assign = { ast->name, ast->value };
                struct rt_assign value;
                if (check_assign(c, &assign, &value, 0) == 0)
                    expect->value = value.value;
            }
            break;
        case AST_EXPECT_MISSING:
            symbol = check_lookup(&c->values, ast->name.name);
            if (!symbol->name || symbol->kind != SYM_INPUT)
                diag_error(c->diag, ast->name.span, "'%s' n'est pas une entrée", ast->name.name);
            else
                expect->index = symbol->index;
            break;
        case AST_EXPECT_RULE:
            symbol = check_lookup(&c->rules, ast->name.name);
            if (!symbol->name)
                diag_error(c->diag, ast->name.span, "règle inconnue '%s'", ast->name.name);
            else
                expect->index = symbol->index;
            break;
        default:
            break;
        }
    }
}

/* Records one identifier of the generated C; reports it when another declaration already
 * makes the same one. */
static void check_c_name(struct checker *c, struct check_table *names, const char *identifier,
                         struct diag_span span, const char *what)
{
    struct check_symbol *slot = check_lookup(names, identifier);
    if (slot->name) {
        if (slot->span.end == 0 && slot->span.begin == 0)
            diag_error(c->diag, span, "%s donnerait le nom C %s, que l'API générée utilise déjà : "
                       "choisissez un autre nom", what, identifier);
        else
            diag_error(c->diag, span, "%s donnerait le nom C %s, comme la déclaration de la ligne "
                       "%u : choisissez un autre nom", what, identifier,
                       diag_line(c->diag, slot->span.begin));
        return;
    }
    slot->name = identifier;
    slot->span = span;
    names->count++;
}

/* NAME_MEMBER, as the generated header spells an enumerator or flag (after the policy). */
static const char *check_upper(struct arena *arena, const char *name, const char *member)
{
    char *text = arena_printf(arena, "%s_%s", name, member);
    for (char *p = text; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return text;
}

/* The generated header turns names into struct fields, enumerators and enum tags: two
 * declarations must never make the same one, nor take one the API itself uses. */
static void check_generated_names(struct checker *c)
{
    const struct check_model *model = c->model;
    struct check_table fields, results, constants, tags;
    int total = model->nvars + model->noutputs + 16;
    for (int v = 0; v < model->ninputs; v++)
        total += model->vars[v].nmembers;
    for (int o = 0; o < model->noutputs; o++)
        total += model->outputs[o].nmembers;
    check_table_init(c->arena, &fields, (unsigned)total);
    check_table_init(c->arena, &results, (unsigned)total);
    check_table_init(c->arena, &constants, (unsigned)total);
    check_table_init(c->arena, &tags, (unsigned)total);
    struct diag_span api = { 0, 0 };
    static const char *const result_fields[] = { "outcome", "reason", "rule", "citation",
                                                 "quote", "line", "error_input" };
    for (size_t i = 0; i < sizeof result_fields / sizeof result_fields[0]; i++)
        check_c_name(c, &results, result_fields[i], api, "");
    static const char *const api_tags[] = { "input", "result", "outcome", "status" };
    for (size_t i = 0; i < sizeof api_tags / sizeof api_tags[0]; i++)
        check_c_name(c, &tags, api_tags[i], api, "");
    static const char *const api_constants[] = { "DECIDED", "UNSPECIFIED", "INVALID", "OK",
                                                 "MISSING_INPUT", "BAD_INPUT",
                                                 "INTERNAL_ERROR" };
    for (size_t i = 0; i < sizeof api_constants / sizeof api_constants[0]; i++)
        check_c_name(c, &constants, arena_printf(c->arena, "%s", api_constants[i]), api, "");

    for (int pass = 0; pass < 2; pass++) {
        int count = pass ? model->noutputs : model->ninputs;
        for (int i = 0; i < count; i++) {
            const char *name = pass ? model->outputs[i].name : model->vars[i].name;
            struct diag_span span = pass ? model->outputs[i].span : model->vars[i].span;
            enum rt_type type = pass ? model->outputs[i].type : model->vars[i].type;
            int nmembers = pass ? model->outputs[i].nmembers : model->vars[i].nmembers;
            const char **members = pass ? model->outputs[i].members : model->vars[i].members;
            const char *what = arena_printf(c->arena, "%s '%s'", pass ? "la sortie" : "l'entrée",
                                            name);
            struct check_table *table = pass ? &results : &fields;
            check_c_name(c, table, name, span, what);
            check_c_name(c, table, arena_printf(c->arena, "has_%s", name), span, what);
            if (type == RT_TYPE_ENUM)
                check_c_name(c, &tags, name, span, what);
            for (int m = 0; m < nmembers; m++) {
                const char *member = check_upper(c->arena, name, members[m]);
                check_c_name(c, &constants, member, span,
                             arena_printf(c->arena, "l'élément '%s' de %s", members[m], what));
            }
        }
    }
}

static int check_count(const struct ast_file *file, enum ast_decl_kind kind)
{
    int count = 0;
    for (int i = 0; i < file->decls.count; i++)
        count += ((const struct ast_decl *)file->decls.items[i])->kind == kind;
    return count;
}

struct check_model *check_file(struct arena *arena, struct diag *diag, const struct ast_file *file)
{
    struct checker checker = { arena, diag, NULL, { NULL, 0, 0 }, { NULL, 0, 0 }, { NULL, 0, 0 } };
    struct checker *c = &checker;
    int errors_before = diag->errors;
    struct check_model *model = arena_calloc(arena, 1, sizeof *model);
    c->model = model;
    model->name = file->policy.name;
    model->title = file->title;
    model->span = file->policy.span;

    int ninputs = check_count(file, AST_DECL_INPUT), nlets = check_count(file, AST_DECL_LET);
    model->vars = arena_calloc(arena, (size_t)ninputs + (size_t)nlets + 1, sizeof *model->vars);
    model->outputs = arena_calloc(arena, (size_t)check_count(file, AST_DECL_OUTPUT) + 1,
                                  sizeof *model->outputs);
    model->sources = arena_calloc(arena, (size_t)check_count(file, AST_DECL_SOURCE) + 1,
                                  sizeof *model->sources);
    model->rules = arena_calloc(arena, (size_t)check_count(file, AST_DECL_RULE) + 1,
                                sizeof *model->rules);
    model->examples = arena_calloc(arena, (size_t)check_count(file, AST_DECL_EXAMPLE) + 1,
                                   sizeof *model->examples);
    check_table_init(arena, &c->values, (unsigned)file->decls.count);
    check_table_init(arena, &c->rules, (unsigned)file->decls.count);
    check_table_init(arena, &c->sources, (unsigned)file->decls.count);
    if (ninputs + nlets > RT_MAX_VARS)
        diag_error(diag, file->policy.span, "%d entrées et valeurs dérivées : la limite est %d",
                   ninputs + nlets, RT_MAX_VARS);

    /* Declarations in two passes: first everything but rules and examples, in order, so a
     * derived value or computed output reads only what stands above it; then the rules,
     * which may name any rule as the one they are an exception to. */
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        struct check_symbol *symbol;
        switch (decl->kind) {
        case AST_DECL_SOURCE:
            if (check_declare(c, &c->sources, &decl->name, SYM_SOURCE, model->nsources)) {
                struct check_source *source = &model->sources[model->nsources++];
                source->name = decl->name.name;
                source->title = decl->label;
                source->note = decl->note;
                source->span = decl->name.span;
            }
            break;
        case AST_DECL_INPUT: {
            if (model->ninputs >= RT_MAX_VARS
                || !check_declare(c, &c->values, &decl->name, SYM_INPUT, model->ninputs))
                break;
            struct check_var *var = &model->vars[model->ninputs++];
            var->name = decl->name.name;
            var->label = decl->label ? decl->label : decl->name.name;
            var->is_input = 1;
            var->plus = var->minus = -1;
            var->span = decl->name.span;
            check_type(c, decl->type, &var->type, &var->nmembers, &var->members,
                       &var->member_labels, 64);
            if (var->type == RT_TYPE_SET)
                diag_error(diag, decl->type->span, "une entrée est un booléen, un entier, une date "
                           "ou une énumération, pas un ensemble");
            break;
        }
        case AST_DECL_CONST: {
            symbol = check_declare(c, &c->values, &decl->name, SYM_CONST, 0);
            if (!symbol)
                break;
            const struct ast_expr *expr = decl->expr;
            symbol->type = expr->kind == AST_EXPR_DATE ? RT_TYPE_DATE
                           : expr->kind == AST_EXPR_BOOL ? RT_TYPE_BOOL : RT_TYPE_INT;
            if (expr->kind == AST_EXPR_NAME)
                diag_error(diag, expr->span, "une constante est une date, un nombre, true ou false");
            else
                check_constant(c, symbol->type, 0, NULL, expr,
                               arena_printf(arena, "la constante '%s'", decl->name.name),
                               &symbol->value);
            break;
        }
        case AST_DECL_OUTPUT: {
            if (model->noutputs >= RT_MAX_OUTPUTS) {
                diag_error(diag, decl->name.span, "trop de sorties : la limite est %d",
                           RT_MAX_OUTPUTS);
                break;
            }
            if (!check_declare(c, &c->values, &decl->name, SYM_OUTPUT, model->noutputs))
                break;
            int index = model->noutputs++;
            struct check_output *output = &model->outputs[index];
            output->name = decl->name.name;
            output->label = decl->label ? decl->label : decl->name.name;
            output->span = decl->name.span;
            check_type(c, decl->type, &output->type, &output->nmembers, &output->members,
                       &output->member_labels, output->type == RT_TYPE_SET ? RT_MAX_MEMBERS : 64);
            if (output->type == RT_TYPE_SET && output->nmembers > RT_MAX_MEMBERS)
                diag_error(diag, decl->type->span, "un ensemble a au plus %d éléments",
                           RT_MAX_MEMBERS);
            break;
        }
        default:
            break;
        }
    }
    /* Derived values after every input, so that variables list inputs first. */
    model->nvars = model->ninputs;
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_LET)
            continue;
        struct check_linear linear;
        if (check_linear(c, decl->expr, &linear))
            continue;
        if (linear.plus < 0 && linear.minus < 0) {
            diag_error(diag, decl->expr->span, "une valeur dérivée lit au moins une entrée : "
                       "déclarez une valeur fixe avec 'const'");
            continue;
        }
        int index = model->nvars;
        if (!check_declare(c, &c->values, &decl->name, SYM_LET, index))
            continue;
        struct check_var *var = &model->vars[index];
        var->name = decl->name.name;
        var->label = decl->name.name;
        var->type = linear.type;
        var->plus = linear.plus;
        var->minus = linear.minus;
        var->offset = (int32_t)linear.offset;
        var->span = decl->name.span;
        model->nvars = index + 1;
    }

    /* Formulas and named conditions read inputs and derived values, so they come next, in
     * order: a named condition may use those declared above it. */
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind == AST_DECL_OUTPUT && decl->formula) {
            struct check_symbol *symbol = check_lookup(&c->values, decl->name.name);
            if (symbol->name && symbol->kind == SYM_OUTPUT
                && symbol->span.begin == decl->name.span.begin)
                check_output_formula(c, symbol->index, decl);
        } else if (decl->kind == AST_DECL_CONDITION) {
            struct check_cond *cond = check_condition(c, decl->when);
            struct check_symbol *symbol = check_declare(c, &c->values, &decl->name,
                                                        SYM_CONDITION, 0);
            if (symbol)
                symbol->cond = cond ? cond : check_cond_new(c, CHECK_COND_TRUE);
        }
    }

    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind == AST_DECL_RULE
            && check_declare(c, &c->rules, &decl->name, SYM_RULE, model->nrules))
            check_rule(c, model->nrules++, decl);
    }
    int rule_index = 0;
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_RULE)
            continue;
        struct check_symbol *symbol = check_lookup(&c->rules, decl->name.name);
        if (symbol->span.begin == decl->name.span.begin)
            check_exceptions(c, rule_index++, decl);
    }
    if (diag->errors == errors_before) {
        unsigned char *state = arena_calloc(arena, (size_t)model->nrules + 1, 1);
        for (int i = 0; i < model->nrules; i++)
            if (!state[i] && check_exception_cycle(c, i, state))
                break;
    }
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind == AST_DECL_EXAMPLE)
            check_example(c, &model->examples[model->nexamples++], decl);
    }
    if (diag->errors == errors_before)
        check_generated_names(c);
    return diag->errors == errors_before ? model : NULL;
}
