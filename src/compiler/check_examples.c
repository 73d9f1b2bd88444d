/* src/compiler/check_examples.c — examples: the claim they give and what they expect.
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

void check_example(struct checker *c, struct check_example *example,
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
        if (value < var->low || value > var->high) {
            diag_error(c->diag, given->value->span, "%s vaut %ld hors de ses valeurs permises "
                       "(%s) : une telle demande est refusée, aucune règle ne la décide",
                       check_var_what(c, var), (long)value,
                       check_range_text(c->arena, var->low, var->high));
            continue;
        }
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
                struct rulec_assign value;
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
