/* src/compiler/check.c — the checker's passes in order: from syntax tree to the checked
 * model (names resolved, types checked, conditions lowered to tests, cut points collected).
 * Part of rulec; see README.md for the licence. */
#include "checker.h"

#include <string.h>

static int check_count(const struct ast_file *file, enum ast_decl_kind kind)
{
    int count = 0;
    for (int i = 0; i < file->decls.count; i++)
        count += ((const struct ast_decl *)file->decls.items[i])->kind == kind;
    return count;
}

static void check_source(struct checker *c, const struct ast_decl *decl)
{
    struct check_model *model = c->model;
    if (!check_declare(c, &c->sources, &decl->name, SYM_SOURCE, model->nsources))
        return;
    struct check_source *source = &model->sources[model->nsources++];
    source->name = decl->name.name;
    source->title = decl->label;
    source->note = decl->note;
    source->file = decl->file.name;
    source->span = decl->name.span;
}

static struct check_definition *check_define(struct checker *c, enum check_definition_kind kind,
                                             const struct ast_decl *decl, struct diag_span text);

static void check_input(struct checker *c, const struct ast_decl *decl)
{
    struct check_model *model = c->model;
    if (model->ninputs >= RULEC_MAX_VARS
        || !check_declare(c, &c->values, &decl->name, SYM_INPUT, model->ninputs))
        return;
    struct check_var *var = &model->vars[model->ninputs++];
    var->name = decl->name.name;
    var->label = decl->label ? decl->label : decl->name.name;
    var->is_input = 1;
    var->plus = var->minus = -1;
    var->span = decl->name.span;
    check_type(c, decl->type, &var->type, &var->nmembers, &var->members, &var->member_labels,
               CHECK_MAX_MEMBERS);
    if (var->type == RULEC_TYPE_SET)
        diag_error(c->diag, decl->type->span, "une entrée est un booléen, un entier, une date "
                   "ou une énumération, pas un ensemble");
    var->low = INT32_MIN;
    var->high = INT32_MAX;
    if (decl->type->low || decl->type->high)    /* the range itself: check_range */
        check_define(c, CHECK_DEFINE_INPUT, decl, decl->type->span)->var = model->ninputs - 1;
}

/* An integer input's declared range: each bound a number or an integer constant (declared
 * anywhere: ranges are read after every constant); '>' and '<' leave the bound out. Leaves
 * INT32_MIN, INT32_MAX where none is given or a bound is wrong (and said so). */
static void check_range(struct checker *c, const struct ast_decl *decl, int32_t *low,
                        int32_t *high)
{
    const struct ast_type *type = decl->type;
    *low = INT32_MIN;
    *high = INT32_MAX;
    if (!type->low && !type->high)
        return;
    if (type->kind != AST_TYPE_INT) {
        diag_error(c->diag, type->span, "seul un entier se borne ('%s %s 0 %s 99') ; une date "
                   "se teste dans les conditions des règles", keyword(c->diag, "int"),
                   keyword(c->diag, "between"), keyword(c->diag, "and"));
        return;
    }
    const char *what = arena_printf(c->arena, "la borne de '%s'", decl->name.name);
    int32_t bound[2] = { INT32_MIN, INT32_MAX };
    const struct ast_expr *written[2] = { type->low, type->high };
    int strict[2] = { type->low_strict, type->high_strict };
    for (int side = 0; side < 2; side++) {
        if (!written[side])
            continue;
        int32_t value;
        if (check_constant(c, RULEC_TYPE_INT, 0, NULL, written[side], what, &value) != 0)
            return;
        if (strict[side] && value == (side ? INT32_MIN : INT32_MAX)) {
            diag_error(c->diag, written[side]->span, "aucun entier n'est %s %d",
                       side ? "inférieur à" : "supérieur à", (int)value);
            return;
        }
        bound[side] = strict[side] ? value + (side ? -1 : 1) : value;
    }
    if (bound[0] > bound[1]) {
        diag_error(c->diag, type->span, "aucun entier ne va de %d à %d : '%s' n'aurait aucune "
                   "valeur ; la plus petite borne vient d'abord", (int)bound[0], (int)bound[1],
                   decl->name.name);
        return;
    }
    *low = bound[0];
    *high = bound[1];
}

/* A definition for the report, in the file's order; its kind's details are the caller's. */
static struct check_definition *check_define(struct checker *c, enum check_definition_kind kind,
                                             const struct ast_decl *decl, struct diag_span text)
{
    struct check_model *model = c->model;
    struct check_definition *definition = &model->definitions[model->ndefinitions++];
    definition->kind = kind;
    definition->name = decl->name.name;
    definition->label = decl->label;
    definition->text = check_text(c, text);
    definition->line = diag_line(c->diag, decl->span.begin);
    definition->var = -1;
    return definition;
}

/* const name = lookup key { member : value, ..., otherwise : value }: one value per member
 * of key, each member named at most once, every member covered (or an 'otherwise'), values
 * of one type, fixed (numbers, dates, booleans or fixed constants). */
static void check_const_lookup(struct checker *c, const struct ast_decl *decl,
                               struct check_symbol *symbol)
{
    struct check_model *model = c->model;
    const struct ast_expr *expr = decl->expr;
    struct check_symbol *key = check_lookup(&c->values, expr->name);
    if (!key->name) {
        check_unknown(c, expr->span, expr->name);
        return;
    }
    if (key->kind != SYM_INPUT || model->vars[key->index].type != RULEC_TYPE_ENUM) {
        diag_error(c->diag, expr->span, "'%s' n'est pas une entrée énumération : '%s' choisit "
                   "une valeur selon le membre d'une énumération", expr->name,
                   keyword(c->diag, "lookup"));
        return;
    }
    const struct check_var *var = &model->vars[key->index];
    int32_t *values = arena_calloc(c->arena, (size_t)var->nmembers, sizeof *values);
    unsigned char *given = arena_calloc(c->arena, (size_t)var->nmembers, 1);
    const struct ast_expr *otherwise = NULL;
    int errors = 0;
    int32_t otherwise_value = 0;
    symbol->type = RULEC_TYPE_INT;
    for (int i = 0; i < expr->items.count; i++) {
        const struct ast_expr *entry = expr->items.items[i];
        const struct ast_expr *value = entry->left;
        enum rulec_type type = value->kind == AST_EXPR_DATE ? RULEC_TYPE_DATE
                            : value->kind == AST_EXPR_BOOL ? RULEC_TYPE_BOOL : RULEC_TYPE_INT;
        if (value->kind == AST_EXPR_NAME) {
            struct check_symbol *named = check_lookup(&c->values, value->name);
            if (named->name && named->kind == SYM_CONST && !named->lookup)
                type = named->type;
        }
        if (i == 0)
            symbol->type = type;
        int32_t number;
        const char *what = entry->name
            ? arena_printf(c->arena, "la valeur de '%s' pour %s", decl->name.name, entry->name)
            : arena_printf(c->arena, "la valeur de '%s' %s", decl->name.name,
                           keyword(c->diag, "otherwise"));
        if (check_constant(c, symbol->type, 0, NULL, value, what, &number)) {
            errors++;
            continue;
        }
        if (!entry->name) {
            if (otherwise) {
                diag_error(c->diag, entry->span, "'%s' est déjà écrit plus haut : une table a "
                           "une seule valeur par défaut", keyword(c->diag, "otherwise"));
                errors++;
            }
            otherwise = entry;
            otherwise_value = number;
            continue;
        }
        int member = check_member_index(var->nmembers, var->members, entry->name);
        if (member < 0) {
            diag_error(c->diag, entry->span, "'%s' n'est pas une valeur de '%s' ; valeurs "
                       "permises : %s", entry->name, var->name,
                       check_member_list(c, var->nmembers, var->members));
            errors++;
        } else if (given[member]) {
            diag_error(c->diag, entry->span, "'%s' a déjà sa valeur plus haut dans cette table",
                       entry->name);
            errors++;
        } else {
            given[member] = 1;
            values[member] = number;
        }
    }
    if (symbol->type != RULEC_TYPE_INT && symbol->type != RULEC_TYPE_DATE && !errors) {
        diag_error(c->diag, expr->span, "une table '%s' donne des nombres (des jours) ou des "
                   "dates", keyword(c->diag, "lookup"));
        errors++;
    }
    const char *uncovered = NULL;
    int otherwise_used = 0;
    for (int m = 0; m < var->nmembers; m++) {
        if (given[m])
            continue;
        if (otherwise) {
            values[m] = otherwise_value;
            otherwise_used = 1;
        } else {
            uncovered = uncovered ? arena_printf(c->arena, "%s, %s", uncovered, var->members[m])
                                  : var->members[m];
        }
    }
    if (uncovered && !errors) {
        diag_error(c->diag, expr->span, "la table '%s' ne donne pas de valeur pour %s : écrivez "
                   "chaque valeur de '%s', ou '%s : …' pour les autres", decl->name.name,
                   uncovered, var->name, keyword(c->diag, "otherwise"));
        errors++;
    }
    if (otherwise && !otherwise_used && !errors) {
        diag_error(c->diag, otherwise->span, "chaque valeur de '%s' a la sienne : '%s' ne "
                   "servirait jamais", var->name, keyword(c->diag, "otherwise"));
        errors++;
    }
    if (errors)
        return;
    int first = model->nlookup_values;
    int32_t *grown = arena_calloc(c->arena, (size_t)(first + var->nmembers), sizeof *grown);
    if (first)
        memcpy(grown, model->lookup_values, sizeof *grown * (size_t)first);
    memcpy(grown + first, values, sizeof *grown * (size_t)var->nmembers);
    model->lookup_values = grown;
    model->nlookup_values = first + var->nmembers;
    struct check_lookup *lookups = arena_calloc(c->arena, (size_t)model->nlookups + 1,
                                                sizeof *lookups);
    if (model->nlookups)
        memcpy(lookups, model->lookups, sizeof *lookups * (size_t)model->nlookups);
    struct check_lookup *lookup = &lookups[model->nlookups];
    lookup->name = decl->name.name;
    lookup->key = key->index;
    lookup->type = symbol->type;
    lookup->first = first;
    model->lookups = lookups;
    symbol->lookup = ++model->nlookups;
    struct check_definition *definition = check_define(c, CHECK_DEFINE_CONST, decl, expr->span);
    definition->type = symbol->type;
}

static void check_const(struct checker *c, const struct ast_decl *decl)
{
    struct check_symbol *symbol = check_declare(c, &c->values, &decl->name, SYM_CONST, 0);
    if (!symbol)
        return;
    const struct ast_expr *expr = decl->expr;
    if (expr->kind == AST_EXPR_LOOKUP) {
        check_const_lookup(c, decl, symbol);
        return;
    }
    symbol->type = expr->kind == AST_EXPR_DATE ? RULEC_TYPE_DATE
                   : expr->kind == AST_EXPR_BOOL ? RULEC_TYPE_BOOL : RULEC_TYPE_INT;
    if (expr->kind == AST_EXPR_NAME)
        diag_error(c->diag, expr->span, "une constante est une date, un nombre, %s ou %s",
                   keyword(c->diag, "true"), keyword(c->diag, "false"));
    else if (check_constant(c, symbol->type, 0, NULL, expr,
                            arena_printf(c->arena, "la constante '%s'", decl->name.name),
                            &symbol->value) == 0) {
        struct check_definition *definition = check_define(c, CHECK_DEFINE_CONST, decl, expr->span);
        definition->type = symbol->type;
        definition->value = symbol->value;
    }
}

static void check_output(struct checker *c, const struct ast_decl *decl)
{
    struct check_model *model = c->model;
    if (model->noutputs >= RULEC_MAX_OUTPUTS) {
        diag_error(c->diag, decl->name.span, "trop de sorties : la limite est %d", RULEC_MAX_OUTPUTS);
        return;
    }
    if (!check_declare(c, &c->values, &decl->name, SYM_OUTPUT, model->noutputs))
        return;
    struct check_output *output = &model->outputs[model->noutputs++];
    output->name = decl->name.name;
    output->label = decl->label ? decl->label : decl->name.name;
    output->span = decl->name.span;
    /* The limit follows the declared type: a set is a mask of RULEC_MAX_MEMBERS bits. */
    int set = decl->type->kind == AST_TYPE_SET;
    check_type(c, decl->type, &output->type, &output->nmembers, &output->members,
               &output->member_labels, set ? RULEC_MAX_MEMBERS : CHECK_MAX_MEMBERS);
    if (decl->type->low || decl->type->high)
        diag_error(c->diag, decl->type->span, "une sortie prend les valeurs que les règles lui "
                   "donnent : seule une donnée entière se borne ('%s %s 0 %s 99')",
                   keyword(c->diag, "int"), keyword(c->diag, "between"), keyword(c->diag, "and"));
}

/* Everything but derived values, rules and examples, in order, so that a derived value or
 * a computed output reads only what stands above it. */
static void check_declarations(struct checker *c, const struct ast_file *file)
{
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        switch (decl->kind) {
        case AST_DECL_SOURCE: check_source(c, decl); break;
        case AST_DECL_INPUT: check_input(c, decl); break;
        case AST_DECL_CONST: check_const(c, decl); break;
        case AST_DECL_OUTPUT: check_output(c, decl); break;
        default: break;
        }
    }
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_INPUT || (!decl->type->low && !decl->type->high))
            continue;
        struct check_symbol *symbol = check_lookup(&c->values, decl->name.name);
        if (symbol->name && symbol->kind == SYM_INPUT && symbol->span.begin == decl->name.span.begin)
            check_range(c, decl, &c->model->vars[symbol->index].low,
                        &c->model->vars[symbol->index].high);
    }
}

/* Derived values after every input, so that variables list inputs first. */
static void check_lets(struct checker *c, const struct ast_file *file)
{
    struct check_model *model = c->model;
    model->nvars = model->ninputs;
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_LET)
            continue;
        struct check_linear linear;
        if (check_linear(c, decl->expr, &linear))
            continue;
        if (linear.lookup) {
            diag_error(c->diag, decl->expr->span, "une table de délais ('%s') fixe la date limite "
                       "d'une règle (%s echeance = date + délai %s), pas une valeur dérivée",
                       keyword(c->diag, "lookup"), keyword(c->diag, "then"), keyword(c->diag, "days"));
            continue;
        }
        if (linear.plus < 0 && linear.minus < 0) {
            diag_error(c->diag, decl->expr->span, "une valeur dérivée lit au moins une entrée : "
                       "déclarez une valeur fixe avec '%s'", keyword(c->diag, "const"));
            continue;
        }
        int index = model->nvars;
        if (index >= RULEC_MAX_VARS
            || !check_declare(c, &c->values, &decl->name, SYM_LET, index))
            continue;
        struct check_var *var = &model->vars[index];
        var->name = decl->name.name;
        var->label = decl->label ? decl->label : decl->name.name;
        var->type = linear.type;
        var->plus = linear.plus;
        var->minus = linear.minus;
        var->offset = (int32_t)linear.offset;
        var->low = INT32_MIN;
        var->high = INT32_MAX;
        var->span = decl->name.span;
        model->nvars = index + 1;
        check_define(c, CHECK_DEFINE_LET, decl, decl->expr->span)->var = index;
    }
}

/* Formulas and named conditions read inputs and derived values, so they come next, in
 * order: a named condition may use those declared above it. */
static void check_formulas(struct checker *c, const struct ast_file *file)
{
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
            if (symbol) {
                symbol->cond = cond ? cond : check_cond_new(c, CHECK_COND_TRUE);
                check_define(c, CHECK_DEFINE_CONDITION, decl, decl->when->span)->cond = symbol->cond;
            }
        }
    }
}

/* A property, its name unique among properties. */
static void check_properties_one(struct checker *c, const struct ast_decl *decl)
{
    struct check_model *model = c->model;
    for (int i = 0; i < model->nproperties; i++)
        if (strcmp(model->properties[i].name, decl->name.name) == 0) {
            diag_error(c->diag, decl->name.span, "la propriété '%s' est déjà énoncée à la ligne %u",
                       decl->name.name, model->properties[i].line);
            diag_note(c->diag, model->properties[i].span, "'%s' est ici", decl->name.name);
            return;
        }
    check_property(c, &model->properties[model->nproperties++], decl);
}

/* The rules, which may name any rule as the one they are an exception to. bodies, when not
 * NULL: the rules' conditions and outcomes, the k-th rule's under mark k, released once read
 * (a block holds hundreds of rules: released every 256, and all at the end). */
static void check_rules(struct checker *c, const struct ast_file *file, int errors_before,
                        struct arena *bodies)
{
    struct check_model *model = c->model;
    int read = 0;
    check_leaves_begin(c);
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_RULE)
            continue;
        if (check_declare(c, &c->rules, &decl->name, SYM_RULE, model->nrules))
            check_rule(c, model->nrules++, decl);
        if (bodies && ++read % 256 == 0)
            arena_release_through(bodies, read);
    }
    check_leaves_free(c);
    if (bodies)
        arena_release_through(bodies, read);
    int rule_index = 0;
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind != AST_DECL_RULE)
            continue;
        struct check_symbol *symbol = check_lookup(&c->rules, decl->name.name);
        if (symbol->span.begin == decl->name.span.begin)
            check_exceptions(c, rule_index++, decl);
    }
    if (c->diag->errors == errors_before)
        check_exception_cycles(c);
}

struct check_model *check_file(struct arena *arena, struct arena *scratch, struct diag *diag,
                               const struct ast_file *file, int release_bodies)
{
    struct checker checker = { .arena = arena, .scratch = scratch, .diag = diag };
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
    c->var_what = arena_calloc(arena, (size_t)ninputs + (size_t)nlets + 1, sizeof *c->var_what);
    c->output_what = arena_calloc(arena, (size_t)check_count(file, AST_DECL_OUTPUT) + 1,
                                  sizeof *c->output_what);
    model->sources = arena_calloc(arena, (size_t)check_count(file, AST_DECL_SOURCE) + 1,
                                  sizeof *model->sources);
    model->rules = arena_calloc(arena, (size_t)check_count(file, AST_DECL_RULE) + 1,
                                sizeof *model->rules);
    model->examples = arena_calloc(arena, (size_t)check_count(file, AST_DECL_EXAMPLE) + 1,
                                   sizeof *model->examples);
    model->properties = arena_calloc(arena, (size_t)check_count(file, AST_DECL_PROPERTY) + 1,
                                     sizeof *model->properties);
    model->definitions = arena_calloc(arena, (size_t)check_count(file, AST_DECL_CONST)
                                      + (size_t)ninputs
                                      + (size_t)nlets + (size_t)check_count(file, AST_DECL_CONDITION)
                                      + 1, sizeof *model->definitions);
    /* Each table sized to what is declared in it (check_declare's callers): at 100,000 rules,
     * three tables of every declaration's size were 37 MB. */
    check_table_init(scratch, &c->values, (unsigned)(ninputs + nlets
                                                   + check_count(file, AST_DECL_CONST)
                                                   + check_count(file, AST_DECL_CONDITION)
                                                   + check_count(file, AST_DECL_OUTPUT)));
    check_table_init(scratch, &c->rules, (unsigned)check_count(file, AST_DECL_RULE));
    check_table_init(scratch, &c->sources, (unsigned)check_count(file, AST_DECL_SOURCE));
    if (ninputs + nlets > RULEC_MAX_VARS)
        diag_error(diag, file->policy.span, "%d entrées et valeurs dérivées : la limite est %d",
                   ninputs + nlets, RULEC_MAX_VARS);

    check_declarations(c, file);
    check_lets(c, file);
    check_formulas(c, file);
    check_rules(c, file, errors_before, release_bodies ? file->bodies : NULL);
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        if (decl->kind == AST_DECL_EXAMPLE)
            check_example(c, &model->examples[model->nexamples++], decl);
        else if (decl->kind == AST_DECL_PROPERTY)
            check_properties_one(c, decl);
    }
    check_finish_cuts(c);
    return diag->errors == errors_before ? model : NULL;
}
