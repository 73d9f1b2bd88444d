/* src/compiler/check_properties.c — properties: what must hold of the answer to every claim,
 * lowered to tests of the claim, of the outcome and of the outputs (property.c proves them).
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <string.h>

/* A property is proved by a case split over its tests; past this many, its proof could take
 * longer than any audit waits for. */
#define CHECK_PROPERTY_MAX_TESTS 256

static struct check_prop *check_prop_new(struct checker *c, enum check_prop_kind kind,
                                         const struct ast_cond *ast)
{
    struct check_prop *prop = arena_calloc(c->arena, 1, sizeof *prop);
    prop->kind = kind;
    prop->plus = prop->minus = -1;
    prop->text = check_text(c, ast->span);
    return prop;
}

static struct check_prop *check_prop_formula(struct checker *c, const struct ast_cond *ast);

/* output op value, where value is a member, a set, a constant, or an input or derived value
 * shifted by a number of days (echeance = date_service + 90 jours). */
static struct check_prop *check_prop_output_compare(struct checker *c, const struct ast_cond *ast,
                                                    int index)
{
    const struct check_output *output = &c->model->outputs[index];
    const char *what = arena_printf(c->arena, "le résultat '%s'", output->name);
    struct check_prop *prop = check_prop_new(c, CHECK_PROP_OUTPUT, ast);
    prop->output = index;
    int32_t value;
    if (output->type == RULEC_TYPE_ENUM || output->type == RULEC_TYPE_BOOL
        || output->type == RULEC_TYPE_SET) {
        if (ast->op != AST_OP_EQ && ast->op != AST_OP_NE) {
            diag_error(c->diag, ast->span, "%s est %s : il se compare seulement avec = et !=",
                       what, check_type_word(output->type));
            return NULL;
        }
        if (check_constant(c, output->type, output->nmembers, output->members, ast->value, what,
                           &value))
            return NULL;
        if (output->type == RULEC_TYPE_SET) {
            prop->test = CHECK_PROP_EQUALS;
            prop->members = (uint64_t)(uint32_t)value;
        } else {
            prop->test = CHECK_PROP_MEMBER;
            prop->members = (uint64_t)1 << value;
        }
    } else {
        /* A date or an integer: against a fixed value, or a shift of the claim's values. */
        prop->test = CHECK_PROP_COMPARE;
        prop->op = (enum rulec_op)ast->op;
        const struct ast_expr *right = ast->value;
        struct check_symbol *symbol = right->kind == AST_EXPR_NAME
                                      ? check_lookup(&c->values, right->name) : NULL;
        if (right->kind == AST_EXPR_DATE || right->kind == AST_EXPR_INT
            || (symbol && symbol->name && symbol->kind == SYM_CONST && !symbol->lookup)) {
            if (check_constant(c, output->type, 0, NULL, right, what, &value))
                return NULL;
            prop->offset = value;
        } else {
            struct check_linear linear;
            if (check_linear(c, right, &linear))
                return NULL;
            if (linear.type != output->type) {
                diag_error(c->diag, right->span, "%s est %s, mais cette valeur est %s", what,
                           check_type_word(output->type), check_type_word(linear.type));
                return NULL;
            }
            prop->plus = linear.plus;
            prop->minus = linear.minus;
            prop->offset = (int32_t)linear.offset;
            prop->lookup = linear.lookup;
        }
    }
    if (ast->op == AST_OP_NE) {
        /* output != value is not (output = value): true where the output is not set. */
        prop->op = RULEC_OP_EQ;
        struct check_prop *not = check_prop_new(c, CHECK_PROP_NOT, ast);
        not->children = arena_alloc(c->arena, sizeof *not->children);
        not->children[0] = prop;
        not->nchildren = 1;
        return not;
    }
    return prop;
}

/* A test naming an output, the outcome, or else a test of the claim as a rule writes it. */
static struct check_prop *check_prop_atom(struct checker *c, const struct ast_cond *ast)
{
    if (ast->kind == AST_COND_OUTCOME) {
        struct check_prop *prop = check_prop_new(c, CHECK_PROP_OUTCOME, ast);
        prop->outcomes = 1u << (ast->outcome == AST_OUTCOME_ASSIGN ? RULEC_OUTCOME_DECIDED
                                : ast->outcome == AST_OUTCOME_UNSPECIFIED ? RULEC_OUTCOME_UNSPECIFIED
                                                                          : RULEC_OUTCOME_INVALID);
        return prop;
    }
    struct check_symbol *symbol = check_lookup(&c->values, ast->name);
    if (symbol->name && symbol->kind == SYM_OUTPUT) {
        int index = symbol->index;
        const struct check_output *output = &c->model->outputs[index];
        struct check_prop *prop;
        switch (ast->kind) {
        case AST_COND_UNSET:
            if (ast->op != AST_OP_EQ && ast->op != AST_OP_NE) {
                diag_error(c->diag, ast->span, "un résultat est %s ou ne l'est pas : écrivez "
                           "%s = %s ou %s != %s", keyword(c->diag, "unset"), output->name,
                           keyword(c->diag, "unset"), output->name, keyword(c->diag, "unset"));
                return NULL;
            }
            prop = check_prop_new(c, CHECK_PROP_OUTPUT, ast);
            prop->output = index;
            prop->test = CHECK_PROP_IS_SET;
            if (ast->op == AST_OP_NE)
                return prop;
            struct check_prop *not = check_prop_new(c, CHECK_PROP_NOT, ast);
            not->children = arena_alloc(c->arena, sizeof *not->children);
            not->children[0] = prop;
            not->nchildren = 1;
            return not;
        case AST_COND_IS:
            if (output->type != RULEC_TYPE_BOOL) {
                diag_error(c->diag, ast->name_span, "le résultat '%s' est %s, pas un booléen : "
                           "comparez-le à une valeur", output->name, check_type_word(output->type));
                return NULL;
            }
            prop = check_prop_new(c, CHECK_PROP_OUTPUT, ast);
            prop->output = index;
            prop->test = CHECK_PROP_MEMBER;
            prop->members = 2;
            return prop;
        case AST_COND_CMP:
            return check_prop_output_compare(c, ast, index);
        case AST_COND_IN: {
            if (output->type != RULEC_TYPE_ENUM) {
                diag_error(c->diag, ast->span, "le résultat '%s' est %s : '%s' s'applique à une "
                           "énumération", output->name, check_type_word(output->type),
                           keyword(c->diag, "in"));
                return NULL;
            }
            prop = check_prop_new(c, CHECK_PROP_OUTPUT, ast);
            prop->output = index;
            prop->test = CHECK_PROP_MEMBER;
            for (int i = 0; i < ast->values.count; i++) {
                int32_t value;
                if (check_constant(c, output->type, output->nmembers, output->members,
                                   ast->values.items[i], arena_printf(c->arena, "le résultat '%s'",
                                                                      output->name), &value))
                    return NULL;
                prop->members |= (uint64_t)1 << value;
            }
            return prop;
        }
        default:
            diag_error(c->diag, ast->span, "un résultat se compare avec = != < <= > >= ou '%s'",
                       keyword(c->diag, "in"));
            return NULL;
        }
    }
    if (ast->kind == AST_COND_UNSET) {
        diag_error(c->diag, ast->span, "seul un résultat peut être %s : une donnée de la demande "
                   "qui manque la rend incomplète, et une propriété parle des demandes complètes",
                   keyword(c->diag, "unset"));
        return NULL;
    }
    if (ast->kind == AST_COND_CMP && ast->value->kind == AST_EXPR_NAME) {
        struct check_symbol *right = check_lookup(&c->values, ast->value->name);
        if (right->name && right->kind == SYM_OUTPUT) {
            diag_error(c->diag, ast->value->span, "écrivez le résultat à gauche : %s %s %s",
                       ast->value->name, rulec_op_text((unsigned)(ast->op == AST_OP_LT ? AST_OP_GT
                                                        : ast->op == AST_OP_GT ? AST_OP_LT
                                                        : ast->op == AST_OP_LE ? AST_OP_GE
                                                        : ast->op == AST_OP_GE ? AST_OP_LE
                                                                               : ast->op)),
                       ast->name);
            return NULL;
        }
    }
    c->no_cuts = 1;
    const struct check_cond *cond = check_condition(c, ast);
    c->no_cuts = 0;
    if (!cond)
        return NULL;
    struct check_prop *prop = check_prop_new(c, CHECK_PROP_CLAIM, ast);
    prop->cond = cond;
    return prop;
}

/* a and b and c, one node (check_chain does the same for rules). */
static struct check_prop *check_prop_chain(struct checker *c, const struct ast_cond *ast)
{
    int count = ast->values.count;
    struct check_prop *prop = check_prop_new(c, ast->kind == AST_COND_AND ? CHECK_PROP_AND
                                                                          : CHECK_PROP_OR, ast);
    prop->children = arena_alloc(c->arena, sizeof *prop->children * (size_t)count);
    prop->nchildren = count;
    int failed = 0;
    for (int k = 0; k < count; k++)
        failed |= (prop->children[k] = check_prop_formula(c, ast->values.items[k])) == NULL;
    return failed ? NULL : prop;
}

static struct check_prop *check_prop_formula(struct checker *c, const struct ast_cond *ast)
{
    switch (ast->kind) {
    case AST_COND_AND:
    case AST_COND_OR:
        return check_prop_chain(c, ast);
    case AST_COND_NOT: {
        struct check_prop *inner = check_prop_formula(c, ast->left);
        if (!inner)
            return NULL;
        struct check_prop *not = check_prop_new(c, CHECK_PROP_NOT, ast);
        not->children = arena_alloc(c->arena, sizeof *not->children);
        not->children[0] = inner;
        not->nchildren = 1;
        return not;
    }
    default:
        return check_prop_atom(c, ast);
    }
}

/* The tests a formula makes, named conditions counted in full. */
static long check_cond_tests(const struct check_cond *cond)
{
    if (cond->kind == CHECK_COND_TEST)
        return cond->nranges > 1 ? cond->nranges : 1;
    long count = 0;
    for (int i = 0; i < cond->nchildren; i++)
        count += check_cond_tests(cond->children[i]);
    return count;
}

static long check_prop_tests(const struct check_prop *prop)
{
    if (prop->kind == CHECK_PROP_CLAIM)
        return check_cond_tests(prop->cond);
    if (prop->kind == CHECK_PROP_OUTCOME || prop->kind == CHECK_PROP_OUTPUT)
        return 1;
    long count = 0;
    for (int i = 0; i < prop->nchildren; i++)
        count += check_prop_tests(prop->children[i]);
    return count;
}

void check_property(struct checker *c, struct check_property *property, const struct ast_decl *decl)
{
    property->name = decl->name.name;
    property->label = decl->label;
    property->span = decl->name.span;
    property->line = diag_line(c->diag, decl->span.begin);
    check_citations(c, decl, "la propriété", &property->ncites, &property->cites,
                    &property->citation, &property->interpretation);
    if (decl->when) {
        property->when = check_prop_formula(c, decl->when);
    } else {
        property->when = arena_calloc(c->arena, 1, sizeof *property->when);
        property->when->kind = CHECK_PROP_TRUE;
        property->when->text = "";
    }
    property->requires = check_prop_formula(c, decl->requires);
    if (!property->when || !property->requires)
        return;
    long tests = check_prop_tests(property->when) + check_prop_tests(property->requires);
    if (tests > CHECK_PROPERTY_MAX_TESTS)
        diag_error(c->diag, decl->name.span, "la propriété '%s' fait %ld tests, conditions "
                   "nommées comprises : une propriété en fait au plus %d ; énoncez-en "
                   "plusieurs", property->name, tests, CHECK_PROPERTY_MAX_TESTS);
}
