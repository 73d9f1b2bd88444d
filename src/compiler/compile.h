/* src/compiler/compile.h — the passes in order: read, parse, check (and the backend's check of
 * names, when the caller gives it), build, analyse, lower to tables, prove the properties.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_COMPILE_H
#define RULEC_COMPILE_H

#include <stdio.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "diagram.h"
#include "quote.h"
#include <rulec/rulec.h>

struct compile_options {
    const char *sources;           /* folder of the sources' texts: quotes are verified there;
                                      NULL: they are not */
    int unfinished;                /* 1: gaps and conflicts are warnings, and a claim that
                                      falls in one is answered RULEC_UNDECIDED (eval, test,
                                      explain); the tables are then not for generated code */
    int diagnostics_json;          /* 1: each diagnostic as one JSON object a line (diag.h) */
    int properties_quiet;          /* 1: a property that fails is recorded, not reported
                                      (rulec diff says which an edit breaks) */
    /* What the backend the tables are for makes of the model's names (the C backend's
     * emit_check_names: two declarations making one C identifier, a C keyword), reported
     * with the checker's errors; NULL: none. Returns 0, or -1 after reporting. The compiler
     * knows no backend: the caller names it. */
    int (*check_names)(struct arena *arena, struct diag *diag, const struct check_model *model);
    /* 1: the syntax tree is released once checked (compilation.file is then NULL), for a
     * caller that reads only the model and the tables, as every rulec command does: the tree
     * was the larger part of a compilation's memory (at 100,000 rules, 290 MB of a 666 MB
     * peak). What quote_verify found is kept in the model (check_rule.found). */
    int release_tree;
};

struct compilation {
    struct arena arena;
    struct arena tree;             /* the syntax tree's nodes (parse_file) */
    struct arena bodies;           /* its rules' conditions and outcomes (parse_file) */
    struct diag diag;
    char *text;                    /* the rule file, NUL-terminated */
    size_t length;
    int text_owned;                /* text is malloc'd (read from a file), not in the arena */
    const char *banner_path;       /* the path written in generated banners */
    const struct ast_file *file;   /* NULL once released (compile_options.release_tree) */
    struct quote_counts quotes;    /* what quote verification found */
    int quotes_checked;            /* 1 when a folder of texts was given */
    struct check_model *model;
    struct diagram *diagram;
    struct rulec_policy *policy;      /* NULL when the rule file has errors */
    int unfinished;                /* compiled with options->unfinished: the tables are
                                      never to be emitted as C */
    int nproperties_failed;        /* properties not proven (errors; warnings when
                                      unfinished) */
    unsigned char *properties_failed;  /* 1 for each of the model's properties not proven */
    struct rulec_claim *property_witnesses;   /* a claim that breaks each one (property.h) */
};

enum compile_status { COMPILE_OK = 0, COMPILE_ERRORS = 1, COMPILE_IO = 3, COMPILE_MEMORY = 4 };

/* Compiles the rule file at path ("-": standard input); diagnostics go to out. options may
 * be NULL. */
enum compile_status compile_file(struct compilation *compilation, const char *path,
                                 const struct compile_options *options, FILE *out);
/* Compiles text held in memory (tests); path is used in messages only. */
enum compile_status compile_text(struct compilation *compilation, const char *path,
                                 const char *text, size_t length,
                                 const struct compile_options *options, FILE *out);
/* Releases the diagram once the tables are lowered (rulec compile, before it writes them):
 * at 100,000 rules, a third of the peak. c->diagram is then NULL; the policy stands. */
void compile_release_diagram(struct compilation *c);
void compile_free(struct compilation *compilation);

/* The last two components of the file's real path ("rules/ramq2018.rules"): the same from
 * any working directory, and never absolute. */
const char *compile_banner_path(struct arena *arena, const char *path);

#endif
