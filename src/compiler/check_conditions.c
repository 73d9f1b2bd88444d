/* src/compiler/check_conditions.c — conditions lowered to tests the decision diagram reads:
 * a set of members for enumerations and booleans, ranges of values for dates and integers,
 * whose bounds become the variable's cut points.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* Appended as conditions are lowered, sorted once at the end (check_finish_cuts): inserting
 * each in order cost quadratic time on a list of many values. */
static void check_add_cut(struct checker *c, struct check_var *var, int32_t cut)
{
    if (var->ncuts == var->cuts_capacity) {
        int capacity = var->cuts_capacity ? var->cuts_capacity * 2 : 8;
        int32_t *cuts = arena_alloc(c->arena, sizeof *cuts * (size_t)capacity);
        if (var->ncuts)
            memcpy(cuts, var->cuts, sizeof *cuts * (size_t)var->ncuts);
        var->cuts = cuts;
        var->cuts_capacity = capacity;
    }
    var->cuts[var->ncuts++] = cut;
}

static int check_compare_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

void check_finish_cuts(struct checker *c)
{
    for (int v = 0; v < c->model->nvars; v++) {
        struct check_var *var = &c->model->vars[v];
        if (var->ncuts < 2)
            continue;
        qsort(var->cuts, (size_t)var->ncuts, sizeof *var->cuts, check_compare_int32);
        int unique = 1;
        for (int i = 1; i < var->ncuts; i++)
            if (var->cuts[i] != var->cuts[unique - 1])
                var->cuts[unique++] = var->cuts[i];
        var->ncuts = unique;
    }
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
    if (symbol->kind == SYM_OUTPUT)
        diag_error(c->diag, span, "'%s' est une sortie : une condition de règle teste des "
                   "entrées et des valeurs dérivées ; ce qui doit tenir d'une réponse s'écrit "
                   "dans une propriété (%s … %s …)", name, keyword(c->diag, "property"),
                   keyword(c->diag, "requires"));
    else
        diag_error(c->diag, span, "'%s' est une %s : une condition teste des entrées et des "
                   "valeurs dérivées", name, check_symbol_words[symbol->kind]);
    return -1;
}

struct check_cond *check_cond_new(struct checker *c, enum check_cond_kind kind)
{
    struct check_cond *cond = arena_calloc(c->arena, 1, sizeof *cond);
    cond->kind = kind;
    return cond;
}

const char *check_var_what(struct checker *c, const struct check_var *var)
{
    const char **what = &c->var_what[var - c->model->vars];
    if (!*what)
        *what = arena_printf(c->arena, "%s '%s'", var->is_input ? "l'entrée" : "la valeur dérivée",
                             var->name);
    return *what;
}


/* A test that var lies in one of the ranges (ascending, disjoint, not adjacent); records
 * their bounds as cuts. */
static struct check_cond *check_ranges(struct checker *c, int var,
                                       const struct check_range *ranges, int nranges)
{
    struct check_cond *cond = check_cond_new(c, CHECK_COND_TEST);
    cond->var = var;
    cond->ranges = ranges;
    cond->nranges = nranges;
    for (int i = 0; i < nranges && !c->no_cuts; i++) {
        if (ranges[i].low != INT32_MIN)
            check_add_cut(c, &c->model->vars[var], ranges[i].low);
        if (ranges[i].high != INT32_MAX)
            check_add_cut(c, &c->model->vars[var], ranges[i].high + 1);
    }
    return cond;
}

static struct check_cond *check_interval(struct checker *c, int var, int32_t low, int32_t high)
{
    struct check_range *range = arena_alloc(c->arena, sizeof *range);
    range->low = low;
    range->high = high;
    return check_ranges(c, var, range, 1);
}

static struct check_cond *check_members(struct checker *c, int var, uint64_t members)
{
    struct check_cond *cond = check_cond_new(c, CHECK_COND_TEST);
    cond->var = var;
    cond->members = members;
    return cond;
}

/* var op value: a member test for enumerations and booleans, ranges for dates and
 * integers. */
static struct check_cond *check_compare(struct checker *c, const struct ast_cond *ast, int index,
                                        const struct check_var *var, const char *what)
{
    int32_t value;
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
    case AST_OP_NE: {
        struct check_range outside[2] = { { INT32_MIN, value - 1 }, { value + 1, INT32_MAX } };
        int from = value == INT32_MIN, to = value == INT32_MAX ? 1 : 2;
        return check_ranges(c, index, outside + from, to - from);
    }
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
}

/* var in { ... }. */
static struct check_cond *check_in(struct checker *c, const struct ast_cond *ast, int index,
                                   const struct check_var *var, const char *what)
{
    int32_t value;
    /* One test for the whole list: its values sorted, neighbours joined into ranges
     * (a list of 100,000 codes once became as many nested 'or's, and quadratic memory). */
    uint64_t members = 0;
    int status = 0, count = 0;
    int32_t *values = arena_alloc(c->arena, sizeof *values * (size_t)(ast->values.count + 1));
    for (int i = 0; i < ast->values.count; i++) {
        if (check_constant(c, var->type, var->nmembers, var->members, ast->values.items[i],
                           what, &value)) {
            status = -1;
            continue;
        }
        if (check_ordered(var->type))
            values[count++] = value;
        else
            members |= (uint64_t)1 << value;
    }
    if (status)
        return NULL;
    if (!check_ordered(var->type))
        return check_members(c, index, members);
    qsort(values, (size_t)count, sizeof *values, check_compare_int32);
    struct check_range *ranges = arena_alloc(c->arena, sizeof *ranges * (size_t)(count + 1));
    int nranges = 0;
    for (int i = 0; i < count; i++) {
        if (nranges && (int64_t)values[i] <= (int64_t)ranges[nranges - 1].high + 1) {
            if (values[i] > ranges[nranges - 1].high)
                ranges[nranges - 1].high = values[i];
            continue;
        }
        ranges[nranges].low = ranges[nranges].high = values[i];
        nranges++;
    }
    return check_ranges(c, index, ranges, nranges);
}

/* A test of a bounded integer that no value of its range passes can hold of no claim: the
 * analyst most likely wrote it to refuse what the range refuses already (late_count < 0 with
 * late_count >= 0). Said at the test, where the rule that never decides would otherwise be
 * all the analysis shows. */
static struct check_cond *check_in_range(struct checker *c, const struct ast_cond *ast,
                                         struct check_cond *cond)
{
    if (!cond || cond->kind != CHECK_COND_TEST)
        return cond;
    const struct check_var *var = &c->model->vars[cond->var];
    if (var->type != RULEC_TYPE_INT || (var->low == INT32_MIN && var->high == INT32_MAX))
        return cond;
    for (int i = 0; i < cond->nranges; i++)
        if (cond->ranges[i].low <= var->high && cond->ranges[i].high >= var->low)
            return cond;
    diag_warning(c->diag, ast->span, "'%s' est %s : ce test n'est vrai d'aucune demande ; une "
                 "valeur hors de cet intervalle est refusée avant toute règle", var->name,
                 check_range_text(c->arena, var->low, var->high));
    return cond;
}

/* A comparison, a membership or a named boolean: one test. */
static struct check_cond *check_test(struct checker *c, const struct ast_cond *ast)
{
    int index = check_tested_var(c, ast->name, ast->name_span);
    if (index < 0)
        return NULL;
    struct check_var *var = &c->model->vars[index];
    const char *what = check_var_what(c, var);
    int32_t value, high;
    switch (ast->kind) {
    case AST_COND_IS:
        if (var->type != RULEC_TYPE_BOOL) {
            diag_error(c->diag, ast->name_span, "%s est %s, pas un booléen : comparez-la à une valeur",
                       what, check_type_word(var->type));
            return NULL;
        }
        return check_members(c, index, 2);
    case AST_COND_CMP:
        return check_in_range(c, ast, check_compare(c, ast, index, var, what));
    case AST_COND_IN:
        return check_in_range(c, ast, check_in(c, ast, index, var, what));
    case AST_COND_BETWEEN:
        if (!check_ordered(var->type)) {
            diag_error(c->diag, ast->span, "%s est %s : '%s' s'applique à une date ou à un entier",
                       what, check_type_word(var->type), keyword(c->diag, "between"));
            return NULL;
        }
        if (check_constant(c, var->type, 0, NULL, ast->value, what, &value)
            || check_constant(c, var->type, 0, NULL, ast->high, what, &high))
            return NULL;
        if (high < value) {
            diag_error(c->diag, ast->high->span, "la borne supérieure est sous la borne inférieure");
            return NULL;
        }
        return check_in_range(c, ast, check_interval(c, index, value, high));
    default:
        return NULL;
    }
}
/* a and b and c is one node of the tree (ast_cond_chain), and one of the model: a chain of any
 * length costs no stack (a 100,000-term chain once overflowed it). Only parentheses nest, and
 * the parser bounds their depth. */
static struct check_cond *check_chain(struct checker *c, const struct ast_cond *ast)
{
    int count = ast->values.count;
    struct check_cond *cond = check_cond_new(c, ast->kind == AST_COND_AND ? CHECK_COND_AND
                                                                         : CHECK_COND_OR);
    cond->children = arena_alloc(c->arena, sizeof *cond->children * (size_t)count);
    cond->nchildren = count;
    int failed = 0;
    for (int k = 0; k < count; k++)
        failed |= (cond->children[k] = check_condition(c, ast->values.items[k])) == NULL;
    return failed ? NULL : cond;
}

/* The span widened to the parentheses its text leaves open: a condition's span stops inside
 * the ones around its last (or first) operand, "(a ou (b et c" for "(a ou (b et c))". */
static struct diag_span check_balanced(const struct diag *diag, struct diag_span span)
{
    const char *text = diag->text;
    long depth = 0, lowest = 0;
    for (size_t i = span.begin; i < span.end; i++) {
        if (text[i] == '#')
            while (i + 1 < span.end && text[i + 1] != '\n')
                i++;
        else if (text[i] == '(')
            depth++;
        else if (text[i] == ')' && --depth < lowest)
            lowest = depth;
    }
    for (long open = -lowest; open > 0; open--) {
        size_t at = span.begin;
        while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n'
                          || text[at - 1] == '\r'))
            at--;
        if (at == 0 || text[at - 1] != '(')
            break;
        span.begin = at - 1;
    }
    for (long close = depth - lowest; close > 0; close--) {
        size_t at = span.end;
        while (at < diag->length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n'
                                     || text[at] == '\r'))
            at++;
        if (at >= diag->length || text[at] != ')')
            break;
        span.end = at + 1;
    }
    return span;
}

/* check_text into text, which has room for the balanced span and a NUL; returns its length. */
static size_t check_text_into(const struct diag *diag, struct diag_span span, char *text)
{
    const char *from = diag->text + span.begin;
    size_t length = span.end > span.begin ? span.end - span.begin : 0;
    char *to = text;
    for (size_t i = 0; i < length; i++) {
        char ch = from[i];
        if (ch == '#') {
            while (i + 1 < length && from[i + 1] != '\n')
                i++;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            if (to > text && to[-1] != ' ')
                *to++ = ' ';
            continue;
        }
        *to++ = ch;
    }
    while (to > text && to[-1] == ' ')
        to--;
    *to = '\0';
    return (size_t)(to - text);
}

const char *check_text(struct checker *c, struct diag_span span)
{
    span = check_balanced(c->diag, span);
    size_t room = span.end > span.begin ? span.end - span.begin : 0;
    char *text = arena_alloc_text(c->arena, room + 1);
    check_text_into(c->diag, span, text);
    return text;
}

static struct check_cond *check_condition_lowered(struct checker *c, const struct ast_cond *ast);

/* The rules' tests, each text once (check_leaf). */
struct check_leaves {
    struct check_cond **slots;     /* open addressing, a power of two, at most half full */
    uint32_t *hashes;
    size_t count, capacity;
    char *text;                    /* the text being looked up */
    size_t text_capacity;
};

void check_leaves_free(struct checker *c)
{
    if (!c->leaves)
        return;
    free(c->leaves->slots);
    free(c->leaves->hashes);
    free(c->leaves->text);
    free(c->leaves);
    c->leaves = NULL;
}

void check_leaves_begin(struct checker *c)
{
    c->leaves = arena_heap_calloc(1, sizeof *c->leaves);
}

static size_t check_leaf_index(const struct check_leaves *leaves, uint32_t hash, const char *text)
{
    size_t mask = leaves->capacity - 1;
    size_t i = hash & mask;
    while (leaves->slots[i] && (leaves->hashes[i] != hash || strcmp(leaves->slots[i]->text, text) != 0))
        i = (i + 1) & mask;
    return i;
}

static void check_leaf_insert(struct check_leaves *leaves, uint32_t hash, struct check_cond *cond)
{
    if ((leaves->count + 1) * 2 > leaves->capacity) {
        struct check_leaves old = *leaves;
        leaves->capacity = old.capacity ? old.capacity * 2 : 1024;
        leaves->slots = arena_heap_calloc(leaves->capacity, sizeof *leaves->slots);
        leaves->hashes = arena_heap_calloc(leaves->capacity, sizeof *leaves->hashes);
        for (size_t k = 0; k < old.capacity; k++)
            if (old.slots[k]) {
                size_t i = old.hashes[k] & (leaves->capacity - 1);
                while (leaves->slots[i])
                    i = (i + 1) & (leaves->capacity - 1);
                leaves->slots[i] = old.slots[k];
                leaves->hashes[i] = old.hashes[k];
            }
        free(old.slots);
        free(old.hashes);
    }
    size_t i = check_leaf_index(leaves, hash, cond->text);
    leaves->slots[i] = cond;
    leaves->hashes[i] = hash;
    leaves->count++;
}

/* A test of a rule's condition (not an and, or or not, nor a named condition): its text, on
 * one line, says all it means (one namespace, no scope), so a test written again is the one
 * made the first time, shared like a named condition (conditions are trees of values, never
 * modified). At 100,000 rules, two tests in three were written before: 25 MB of the model,
 * made and kept again. A test that drew a warning is made again at each place, so that each
 * place is told; one with an error is not kept. */
static struct check_cond *check_leaf(struct checker *c, const struct ast_cond *ast)
{
    struct check_leaves *leaves = c->leaves;
    struct diag_span span = check_balanced(c->diag, ast->span);
    size_t room = (span.end > span.begin ? span.end - span.begin : 0) + 1;
    if (room > leaves->text_capacity) {
        free(leaves->text);
        leaves->text = arena_heap_calloc(room, 1);
        leaves->text_capacity = room;
    }
    size_t length = check_text_into(c->diag, span, leaves->text);
    uint32_t hash = hash_bytes(leaves->text, length);
    if (leaves->capacity) {
        size_t i = check_leaf_index(leaves, hash, leaves->text);
        if (leaves->slots[i])
            return leaves->slots[i];
    }
    int warnings = c->diag->warnings, errors = c->diag->errors;
    struct check_cond *cond = check_condition_lowered(c, ast);
    if (!cond)
        return NULL;
    cond->text = arena_strndup(c->arena, leaves->text, length);
    if (c->diag->warnings == warnings && c->diag->errors == errors)
        check_leaf_insert(leaves, hash, cond);
    return cond;
}

/* Whether ast is a test check_leaf may share: not an and, or or not, nor a named condition. */
static int check_is_leaf(struct checker *c, const struct ast_cond *ast)
{
    if (ast->kind == AST_COND_AND || ast->kind == AST_COND_OR || ast->kind == AST_COND_NOT)
        return 0;
    if (ast->kind == AST_COND_IS) {
        const struct check_symbol *symbol = check_lookup(&c->values, ast->name);
        return !(symbol->name && symbol->kind == SYM_CONDITION);
    }
    return 1;
}

struct check_cond *check_condition(struct checker *c, const struct ast_cond *ast)
{
    /* Never while a property's tests are lowered (no_cuts): those are not the rules'. */
    if (c->leaves && !c->no_cuts && check_is_leaf(c, ast))
        return check_leaf(c, ast);
    struct check_cond *cond = check_condition_lowered(c, ast);
    if (cond && !cond->text)        /* a named condition keeps the text it was defined with */
        cond->text = check_text(c, ast->span);
    return cond;
}

/* check_condition's work. */
static struct check_cond *check_condition_lowered(struct checker *c, const struct ast_cond *ast)
{
    switch (ast->kind) {
    case AST_COND_AND:
    case AST_COND_OR:
        return check_chain(c, ast);
    case AST_COND_NOT: {
        struct check_cond *inner = check_condition(c, ast->left);
        if (!inner)
            return NULL;
        struct check_cond *cond = check_cond_new(c, CHECK_COND_NOT);
        cond->children = arena_alloc(c->arena, sizeof *cond->children);
        cond->children[0] = inner;
        cond->nchildren = 1;
        return cond;
    }
    case AST_COND_IS: {
        struct check_symbol *symbol = check_lookup(&c->values, ast->name);
        if (symbol->name && symbol->kind == SYM_CONDITION)
            return symbol->cond;    /* shared, never modified: conditions are trees of values */
        return check_test(c, ast);
    }
    case AST_COND_UNSET:
    case AST_COND_OUTCOME:
        diag_error(c->diag, ast->span, "'%s' parle de la réponse : une condition de règle ne lit "
                   "que la demande ; écrivez-le dans une propriété (%s … %s …)",
                   check_text(c, ast->span), keyword(c->diag, "property"),
                   keyword(c->diag, "requires"));
        return NULL;
    default:
        return check_test(c, ast);
    }
}
