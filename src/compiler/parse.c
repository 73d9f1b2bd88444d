/* src/compiler/parse.c — runs the generated scanner and parser over one rule file.
 * Part of rulec; see README.md for the licence. */
#include "parse.h"

#include "parser.h"
#define YYSTYPE PARSE_STYPE
#define YYLTYPE PARSE_LTYPE
/* The scanner is declared by YY_DECL in the parser header's parse_lex prototype. */
#define YY_DECL int parse_lex(PARSE_STYPE *, PARSE_LTYPE *, yyscan_t, struct parse_context *)
#include "lexer.h"

struct ast_file *parse_file(struct arena *arena, struct diag *diag)
{
    struct parse_context context = { arena, diag, 0, NULL, 0, NULL };
    context.file = arena_calloc(arena, 1, sizeof *context.file);
    yyscan_t scanner;
    if (parse_lex_init(&scanner) != 0) {
        struct diag_span start = { 0, 0 };
        diag_error(diag, start, "mémoire épuisée au démarrage de l'analyse du fichier");
        return NULL;
    }
    YY_BUFFER_STATE buffer = parse__scan_bytes(diag->text, (int)diag->length, scanner);
    int errors_before = diag->errors;
    int status = parse_parse(scanner, &context);
    parse__delete_buffer(buffer, scanner);
    parse_lex_destroy(scanner);
    if (status != 0 || diag->errors != errors_before)
        return NULL;
    return context.file;
}
