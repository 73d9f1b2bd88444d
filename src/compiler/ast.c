/* src/compiler/ast.c — constructors for the syntax tree; the grammar's actions call only these.
 * Part of rulec; see README.md for the licence. */
#include "ast.h"

#include <string.h>

void ast_list_push(struct arena *arena, struct ast_list *list, void *item)
{
    if (list->count == list->capacity) {
        int capacity = list->capacity ? list->capacity * 2 : 4;
        void **items = arena_alloc(arena, sizeof *items * (size_t)capacity);
        if (list->count)
            memcpy(items, list->items, sizeof *items * (size_t)list->count);
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = item;
}

struct diag_span ast_span(struct diag_span first, struct diag_span last)
{
    struct diag_span span = { first.begin, last.end };
    return span;
}

struct ast_expr *ast_expr_new(struct arena *arena, enum ast_expr_kind kind, struct diag_span span)
{
    struct ast_expr *expr = arena_calloc(arena, 1, sizeof *expr);
    expr->kind = kind;
    expr->span = span;
    return expr;
}

struct ast_expr *ast_expr_binary(struct arena *arena, enum ast_expr_kind kind,
                                 struct ast_expr *left, struct ast_expr *right)
{
    struct ast_expr *expr = ast_expr_new(arena, kind, ast_span(left->span, right->span));
    expr->left = left;
    expr->right = right;
    return expr;
}

struct ast_cond *ast_cond_new(struct arena *arena, enum ast_cond_kind kind, struct diag_span span)
{
    struct ast_cond *cond = arena_calloc(arena, 1, sizeof *cond);
    cond->kind = kind;
    cond->span = span;
    return cond;
}

struct ast_cond *ast_cond_chain(struct arena *arena, enum ast_cond_kind kind,
                                struct ast_cond *left, struct ast_cond *right)
{
    struct ast_cond *chain = left;
    if (left->kind != kind) {
        chain = ast_cond_new(arena, kind, left->span);
        ast_list_push(arena, &chain->values, left);
    }
    ast_list_push(arena, &chain->values, right);
    chain->span = ast_span(chain->span, right->span);
    return chain;
}

struct ast_decl *ast_decl_new(struct arena *arena, enum ast_decl_kind kind, struct diag_span span)
{
    struct ast_decl *decl = arena_calloc(arena, 1, sizeof *decl);
    decl->kind = kind;
    decl->span = span;
    return decl;
}

struct ast_type *ast_type_bounded(struct arena *arena, const struct ast_expr *low, int low_strict,
                                  const struct ast_expr *high, int high_strict)
{
    struct ast_type *type = arena_calloc(arena, 1, sizeof *type);
    type->low = low;
    type->low_strict = low_strict;
    type->high = high;
    type->high_strict = high_strict;
    return type;
}
