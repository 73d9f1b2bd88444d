/* src/backend/emit_names.c — the names the C backend makes from the rule file's: struct
 * fields, enumerators, enum tags, file names. Two declarations must never make the same one;
 * none can take one the API itself uses, whose names are of other shapes (emit_header.c says
 * which). Another backend would have other rules.
 * Part of rulec; see README.md for the licence. */
#include "emit.h"
#include "emit_internal.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* A policy's name names gen/<policy>.h, found with -Igen before the system's headers and the
 * runtime's own: it must not hide one of them. */
static const char *const emit_header_names[] = {
    "assert", "complex", "ctype", "errno", "fenv", "float", "inttypes", "iso646",
    "limits", "locale", "math", "setjmp", "signal", "stdalign", "stdarg", "stdatomic",
    "stdbool", "stddef", "stdint", "stdio", "stdlib", "stdnoreturn", "string", "tgmath",
    "threads", "time", "uchar", "wchar", "wctype"
};

static const char *const emit_c_keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double",
    "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
    "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
    "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true",
    "false", "_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic",
    "_Generic", "_Noreturn", "_Static_assert", "_Thread_local"
};

static int emit_in(const char *name, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

/* One namespace of identifiers: open addressing, never past half full. */
struct emit_names {
    const char **names;
    struct diag_span *spans;
    unsigned capacity;
};

static void emit_names_init(struct arena *arena, struct emit_names *table, unsigned expected)
{
    table->capacity = 16;
    while (table->capacity < expected * 2 + 2)
        table->capacity *= 2;
    table->names = arena_calloc(arena, table->capacity, sizeof *table->names);
    table->spans = arena_calloc(arena, table->capacity, sizeof *table->spans);
}

static unsigned emit_hash(const char *name)
{
    return hash_bytes(name, strlen(name));
}

/* Records one identifier; reports it when another declaration already makes the same one. */
static void emit_name(struct diag *diag, struct emit_names *table, const char *identifier,
                      struct diag_span span, const char *what)
{
    unsigned mask = table->capacity - 1, i = emit_hash(identifier) & mask;
    while (table->names[i] && strcmp(table->names[i], identifier) != 0)
        i = (i + 1) & mask;
    if (!table->names[i]) {
        table->names[i] = identifier;
        table->spans[i] = span;
        return;
    }
    diag_error(diag, span, "%s donnerait le nom C %s, comme la déclaration de la ligne %u : "
               "choisissez un autre nom", what, identifier, diag_line(diag, table->spans[i].begin));
}

/* NAME_MEMBER, as the generated header spells an enumerator or flag (after the policy). */
static const char *emit_names_upper(struct arena *arena, const char *name, const char *member)
{
    char *text = arena_printf(arena, "%s_%s", name, member);
    for (char *p = text; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return text;
}

/* A name longer than C guarantees to tell apart (63 significant characters) would be cut
 * or confused with another by some compiler. */
static void emit_name_length(struct diag *diag, const char *name, struct diag_span span,
                             const char *what)
{
    size_t length = strlen(name);
    if (length > EMIT_MAX_NAME)
        diag_error(diag, span, "%s a un nom de %zu caractères : il devient un identificateur C, "
                   "qui en a au plus %d", what, length, EMIT_MAX_NAME);
}

/* A name as a message shows it: at most 40 bytes of it, and "…" when there is more. */
static const char *emit_short(struct arena *arena, const char *name)
{
    if (strlen(name) <= 40)
        return name;
    return arena_printf(arena, "%.40s…", name);
}

int emit_check_names(struct arena *arena, struct diag *diag, const struct check_model *model)
{
    int errors_before = diag->errors;
    if (emit_in(model->name, emit_header_names, sizeof emit_header_names / sizeof *emit_header_names))
        diag_error(diag, model->span, "une politique nommée '%s' écrirait %s.h, qui cacherait "
                   "l'en-tête du même nom (C ou runtime) : choisissez un autre nom", model->name,
                   model->name);
    emit_name_length(diag, model->name, model->span, "la politique");
    struct emit_names fields, results, constants, tags, ordinary;
    unsigned total = (unsigned)(model->nvars + model->noutputs) * 2 + 16;
    for (int v = 0; v < model->ninputs; v++)
        total += (unsigned)model->vars[v].nmembers;
    for (int o = 0; o < model->noutputs; o++)
        total += (unsigned)model->outputs[o].nmembers;
    emit_names_init(arena, &fields, total);
    emit_names_init(arena, &results, total);
    emit_names_init(arena, &constants, total);
    emit_names_init(arena, &tags, total);
    emit_names_init(arena, &ordinary, total * 3);

    for (int pass = 0; pass < 2; pass++) {
        int count = pass ? model->noutputs : model->ninputs;
        for (int i = 0; i < count; i++) {
            const char *name = pass ? model->outputs[i].name : model->vars[i].name;
            struct diag_span span = pass ? model->outputs[i].span : model->vars[i].span;
            enum rulec_type type = pass ? model->outputs[i].type : model->vars[i].type;
            int nmembers = pass ? model->outputs[i].nmembers : model->vars[i].nmembers;
            const char **members = pass ? model->outputs[i].members : model->vars[i].members;
            const char *what = arena_printf(arena, "%s '%s'", pass ? "la sortie" : "l'entrée",
                                            emit_short(arena, name));
            if (emit_in(name, emit_c_keywords, sizeof emit_c_keywords / sizeof *emit_c_keywords))
                diag_error(diag, span, "'%s' est un mot réservé du C, et une %s devient un "
                           "champ des structures C générées : choisissez un autre nom", name,
                           pass ? "sortie" : "entrée");
            emit_name_length(diag, name, span, what);
            struct emit_names *table = pass ? &results : &fields;
            emit_name(diag, table, name, span, what);
            emit_name(diag, table, arena_printf(arena, "has_%s", name), span, what);
            if (type == RULEC_TYPE_ENUM)
                emit_name(diag, &tags, arena_printf(arena, "%s_value", name), span, what);
            /* Functions and file-scope tables share one namespace after the policy's prefix:
             * an enumeration's <name>_name and <name>_from_name, the tables of its members'
             * names and labels, a date's or an integer's cut points (emit_tables.c). */
            if (type == RULEC_TYPE_ENUM) {
                emit_name(diag, &ordinary, arena_printf(arena, "%s_name", name), span, what);
                emit_name(diag, &ordinary, arena_printf(arena, "%s_from_name", name), span, what);
            }
            if (nmembers > 0) {
                emit_name(diag, &ordinary, arena_printf(arena, "members_%s", name), span, what);
                emit_name(diag, &ordinary, arena_printf(arena, "labels_%s", name), span, what);
            }
            if (!pass && (type == RULEC_TYPE_DATE || type == RULEC_TYPE_INT))
                emit_name(diag, &ordinary, arena_printf(arena, "cuts_%s", name), span, what);
            for (int m = 0; m < nmembers; m++) {
                const char *member_what = arena_printf(arena, "l'élément '%s' de %s",
                                                       emit_short(arena, members[m]), what);
                emit_name_length(diag, members[m], span, member_what);
                emit_name(diag, &constants, emit_names_upper(arena, name, members[m]), span,
                          member_what);
            }
        }
    }
    /* A let's cut points are a table too. */
    for (int v = model->ninputs; v < model->nvars; v++)
        emit_name(diag, &ordinary, arena_printf(arena, "cuts_%s", model->vars[v].name),
                  model->vars[v].span, arena_printf(arena, "'%s'", emit_short(arena, model->vars[v].name)));
    return diag->errors == errors_before ? 0 : -1;
}
