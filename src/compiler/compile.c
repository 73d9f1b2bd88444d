/* src/compiler/compile.c — runs the compiler's passes over one rule file.
 * Part of rulec; see README.md for the licence. */
#define _XOPEN_SOURCE 700   /* realpath */
#include "compile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "parse.h"
#include "property.h"
#include "sha256.h"
#include "lower.h"

const char *compile_banner_path(struct arena *arena, const char *path)
{
    char *real = realpath(path, NULL);
    const char *full = real ? real : path;
    const char *last = strrchr(full, '/');
    const char *start = full;
    if (last) {
        const char *before = last;
        while (before > full && before[-1] != '/')
            before--;
        start = before;
    }
    const char *result = arena_strdup(arena, start[0] == '/' ? start + 1 : start);
    free(real);
    return result;
}

static enum compile_status compile_passes(struct compilation *c, const char *path,
                                          const char *text, size_t length,
                                          const struct compile_options *options, FILE *out);

/* Compiles text under one out-of-memory guard. The banner the generated files name is
 * disk_path's last two components (compile_banner_path) when the text was read from a file,
 * else banner as given. owned: NULL, or text itself, malloc'd and NUL-terminated, which the
 * compilation then keeps (compile_free releases it) instead of copying it. */
static enum compile_status compile_guarded(struct compilation *c, const char *path,
                                           const char *text, size_t length, char *owned,
                                           const char *disk_path, const char *banner,
                                           const struct compile_options *options, FILE *out)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
    /* Blocks of 1 MB, which malloc maps on their own: released, they go back to the system
     * and the peak falls; 64 KB blocks would stay in the heap's free lists. */
    arena_init_blocks(&c->tree, (size_t)1 << 20);
    arena_init_blocks(&c->bodies, (size_t)1 << 20);
    if (owned) {
        c->text = owned;
        c->text_owned = 1;
    }
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        /* What the compilation holds is released first: the message may need memory to be
         * written (rulec writes diagnostics to a memory stream, files_shield), and would
         * otherwise be lost with the only news of the failure. */
        compile_free(c);
        diag_file_error(out, options && options->diagnostics_json, path,
                        "mémoire épuisée pendant la compilation");
        return COMPILE_MEMORY;
    }
    c->banner_path = disk_path ? compile_banner_path(&c->arena, disk_path) : banner;
    enum compile_status status = compile_passes(c, path, text, length, options, out);
    arena_guard(saved);
    return status;
}

enum compile_status compile_text(struct compilation *c, const char *path, const char *text,
                                 size_t length, const struct compile_options *options, FILE *out)
{
    return compile_guarded(c, path, text, length, NULL, NULL, path, options, out);
}

/* What quote_verify found for each citation, into the model, where rulec doc and rulec diff
 * read it (the tree may be released). Without errors, the model's rules and properties are
 * the file's, in its order. */
static void compile_keep_found(struct compilation *c, const struct ast_file *file)
{
    if (!c->model || c->diag.errors)
        return;
    int rule = 0, property = 0;
    for (int i = 0; i < file->decls.count; i++) {
        const struct ast_decl *decl = file->decls.items[i];
        int *ncites;
        unsigned char **found;
        if (decl->kind == AST_DECL_RULE && rule < c->model->nrules) {
            ncites = &c->model->rules[rule].ncites;
            found = &c->model->rules[rule++].found;
        } else if (decl->kind == AST_DECL_PROPERTY && property < c->model->nproperties) {
            ncites = &c->model->properties[property].ncites;
            found = &c->model->properties[property++].found;
        } else {
            continue;
        }
        *found = arena_calloc(&c->arena, (size_t)*ncites + 1, 1);
        for (int k = 0; k < *ncites && k < decl->cites.count; k++)
            (*found)[k] = (unsigned char)((const struct ast_cite *)decl->cites.items[k])->found;
    }
}

static void compile_release_tree(struct compilation *c)
{
    arena_free(&c->tree);
    arena_free(&c->bodies);
    c->file = NULL;
}

/* The passes, under compile_guarded's guard. */
static enum compile_status compile_passes(struct compilation *c, const char *path,
                                          const char *text, size_t length,
                                          const struct compile_options *options, FILE *out)
{
    if (!c->text_owned)
        c->text = arena_strndup(&c->arena, text, length);
    c->length = length;
    diag_init(&c->diag, path, c->text, length, out);
    c->diag.json = options && options->diagnostics_json;
    /* A longer file is refused by parse_file, before any position in it is named (a span
     * holds 32 bits). */
    if (length <= PARSE_MAX_LENGTH && memchr(text, '\0', length)) {
        struct diag_span span = { (uint32_t)((const char *)memchr(text, '\0', length) - text), 0 };
        span.end = span.begin + 1;
        diag_error(&c->diag, span, "le fichier de règles contient un octet NUL : il doit être du texte UTF-8");
        return COMPILE_ERRORS;
    }
    struct ast_file *file = parse_file(&c->arena, &c->tree, &c->bodies, &c->diag);
    if (!file)
        return COMPILE_ERRORS;
    c->file = file;
    int release = options && options->release_tree;
    c->model = check_file(&c->arena, &c->tree, &c->diag, file, release);
    if (!c->model) {
        if (release)
            compile_release_tree(c);   /* its rules' bodies are gone already: none of it stays */
        return COMPILE_ERRORS;
    }
    if (options && options->check_names && options->check_names(&c->arena, &c->diag, c->model) != 0) {
        if (release)
            compile_release_tree(c);
        return COMPILE_ERRORS;
    }
    const char *sources = options ? options->sources : NULL;
    c->quotes_checked = sources != NULL;
    quote_verify(&c->arena, &c->diag, file, sources, &c->quotes);
    compile_keep_found(c, file);
    if (release) {
        /* Checked: the model holds what the passes below read, with the names and strings,
         * which live in c->arena. */
        compile_release_tree(c);
    }
    if (c->diag.errors)
        return COMPILE_ERRORS;
    c->diagram = diagram_build(&c->arena, c->model);
    c->unfinished = options && options->unfinished;
    if (analyse_policy(&c->arena, &c->diag, c->model, c->diagram, c->unfinished) != 0)
        return COMPILE_ERRORS;
    c->policy = lower_policy(&c->arena, c->model, c->diagram, c->banner_path, c->unfinished);
    char *digest = arena_alloc(&c->arena, 65);
    sha256_hex(c->text, c->length, digest);
    c->policy->rule_sha256 = digest;
    c->policy->generator = "rulec " RULEC_VERSION;
    /* Properties are proven on the tables that run: a claim that breaks one is checked
     * with rulec_decide before it is reported. */
    c->properties_failed = arena_calloc(&c->arena, (size_t)c->model->nproperties + 1, 1);
    c->property_witnesses = arena_calloc(&c->arena, (size_t)c->model->nproperties + 1,
                                         sizeof *c->property_witnesses);
    int quiet = options && options->properties_quiet;
    c->nproperties_failed = property_prove(&c->arena, quiet ? NULL : &c->diag, c->model,
                                           c->diagram, c->policy,
                                           c->unfinished, c->properties_failed,
                                           c->property_witnesses);
    if (c->nproperties_failed && !c->unfinished) {
        c->policy = NULL;
        return COMPILE_ERRORS;
    }
    return COMPILE_OK;
}

enum compile_status compile_file(struct compilation *c, const char *path,
                                 const struct compile_options *options, FILE *out)
{
    memset(c, 0, sizeof *c);
    int standard_input = strcmp(path, "-") == 0;
    const char *shown = standard_input ? "<stdin>" : path;
    FILE *file = standard_input ? stdin : fopen(path, "rb");
    int json = options && options->diagnostics_json;
    if (!file) {
        diag_file_error(out, json, shown, "lecture du fichier de règles impossible : %s",
                        strerror(errno));
        return COMPILE_IO;
    }
    size_t length;
    jmp_buf out_of_memory;
    jmp_buf *guard = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(guard);
        if (!standard_input)
            fclose(file);
        diag_file_error(out, json, shown, "mémoire épuisée à la lecture du fichier de règles");
        return COMPILE_MEMORY;
    }
    char *text = arena_heap_read_file(file, &length);
    arena_guard(guard);
    int saved = errno;
    if (!standard_input)
        fclose(file);
    if (!text) {
        diag_file_error(out, json, shown, "lecture du fichier de règles impossible : %s",
                        strerror(saved));
        return COMPILE_IO;
    }
    return compile_guarded(c, shown, text, length, text, standard_input ? NULL : path, "stdin",
                           options, out);
}

void compile_release_diagram(struct compilation *c)
{
    diagram_free(c->diagram);
    c->diagram = NULL;
}

void compile_free(struct compilation *c)
{
    diagram_free(c->diagram);
    arena_free(&c->tree);
    arena_free(&c->bodies);
    arena_free(&c->arena);
    if (c->text_owned)
        free(c->text);
    c->text = NULL;
    c->text_owned = 0;
    c->file = NULL;
    c->model = NULL;
    c->diagram = NULL;
    c->policy = NULL;
}
