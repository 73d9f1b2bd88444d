/* src/compiler/parse.c — runs the generated scanner and parser over one rule file.
 * Part of rulec; see README.md for the licence. */
#include "parse.h"

#include <limits.h>
#include <string.h>

#include "hash.h"

#include "parser.h"
#define YYSTYPE PARSE_STYPE
#define YYLTYPE PARSE_LTYPE
/* The scanner is declared by YY_DECL in the parser header's parse_lex prototype. */
#define YY_DECL int parse_lex(PARSE_STYPE *, PARSE_LTYPE *, yyscan_t, struct parse_context *)
#include "lexer.h"

static size_t parse_name_slot(const char *text, size_t length, size_t mask)
{
    return hash_finish(hash_bytes(text, length)) & mask;
}

const char *parse_name(struct parse_context *context, const char *text, size_t length)
{
    if ((context->nnames + 1) * 2 > context->names_capacity) {
        size_t capacity = context->names_capacity ? context->names_capacity * 2 : 1024;
        const char **names = arena_calloc(context->tree, capacity, sizeof *names);
        for (size_t i = 0; i < context->names_capacity; i++) {
            const char *name = context->names[i];
            if (!name)
                continue;
            size_t slot = parse_name_slot(name, strlen(name), capacity - 1);
            while (names[slot])
                slot = (slot + 1) & (capacity - 1);
            names[slot] = name;
        }
        context->names = names;
        context->names_capacity = capacity;
    }
    size_t mask = context->names_capacity - 1, slot = parse_name_slot(text, length, mask);
    for (; context->names[slot]; slot = (slot + 1) & mask) {
        const char *name = context->names[slot];
        if (strncmp(name, text, length) == 0 && name[length] == '\0')
            return name;
    }
    context->names[slot] = arena_strndup(context->arena, text, length);
    context->nnames++;
    return context->names[slot];
}

size_t parse_input(struct parse_context *context, char *buffer, size_t size)
{
    size_t left = context->diag->length - context->read;
    size_t count = left < size ? left : size;
    memcpy(buffer, context->diag->text + context->read, count);
    context->read += count;
    return count;
}

void parse_enter_rule(struct parse_context *context)
{
    context->in_rule = 1;
    context->rules_read++;
    if (context->bodies)
        context->bodies->mark = context->rules_read;
}

struct ast_file *parse_file(struct arena *arena, struct arena *tree, struct arena *bodies,
                            struct diag *diag)
{
    struct parse_context context = { .arena = arena, .tree = tree, .bodies = bodies, .diag = diag };
    context.file = arena_calloc(tree, 1, sizeof *context.file);
    context.file->bodies = bodies;
    /* Refused whole: past the limit, positions no longer fit a span, and the file would be
     * reported on at the wrong places. */
    if (diag->length > PARSE_MAX_LENGTH) {
        struct diag_span start = { 0, 0 };
        diag_error(diag, start, "fichier de règles trop grand : %zu octets, la limite est de %zu",
                   diag->length, PARSE_MAX_LENGTH);
        return NULL;
    }
    yyscan_t scanner;
    if (parse_lex_init_extra(&context, &scanner) != 0) {
        struct diag_span start = { 0, 0 };
        diag_error(diag, start, "mémoire épuisée au démarrage de l'analyse du fichier");
        return NULL;
    }
    int errors_before = diag->errors;
    /* Out of memory in the scanner or the parser goes to the caller's guard: the scanner's
     * buffers are given back first. */
    jmp_buf out_of_memory;
    jmp_buf *guard = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(guard);
        parse_lex_destroy(scanner);
        arena_out_of_memory();
    }
    int status = parse_parse(scanner, &context);
    arena_guard(guard);
    parse_lex_destroy(scanner);
    if (status != 0 || diag->errors != errors_before)
        return NULL;
    return context.file;
}
