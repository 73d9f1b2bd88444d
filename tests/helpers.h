/* tests/helpers.h — shared by the unit tests: compile a rule text held in memory and capture
 * its diagnostics. Part of rulec; see README.md for the licence. */
#ifndef RULEC_TEST_HELPERS_H
#define RULEC_TEST_HELPERS_H

#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analyse.h"
#include "compile.h"

/* Compiles text as "t.rules"; *messages receives everything reported (free it). */
static inline enum compile_status helper_compile(struct compilation *c, const char *text,
                                                 char **messages)
{
    size_t size = 0;
    FILE *out = open_memstream(messages, &size);
    assert_non_null(out);
    enum compile_status status = compile_text(c, "t.rules", text, strlen(text), NULL, out);
    fclose(out);
    return status;
}

/* A small policy's common head: one source, four inputs, two outputs. */
#define HELPER_HEAD                                                                       \
    "policy p \"Politique\"\n"                                                            \
    "source s \"Source\"\n"                                                               \
    "input kind \"Genre\" : enum { a \"A\", b \"B\", c \"C\" }\n"                           \
    "input flag \"Drapeau\" : bool\n"                                                     \
    "input day \"Jour\" : date\n"                                                         \
    "input sent \"Envoi\" : date\n"                                                       \
    "let delay = sent - day\n"                                                            \
    "output route \"Voie\" : enum { x \"X\", y \"Y\", z \"Z\" }\n"                          \
    "output limit \"Limite\" : date\n"

/* Compiles HELPER_HEAD followed by body, expects the status, and returns everything reported
 * (free it). */
static inline char *helper_messages(const char *body, enum compile_status expected)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", HELPER_HEAD, body);
    struct compilation c;
    char *out = NULL;
    assert_int_equal(helper_compile(&c, text, &out), expected);
    compile_free(&c);
    return out;
}

/* Builds a claim for the policy by name=value texts; fails the test on a bad one. */
static inline void helper_claim(const struct rulec_policy *policy, struct rulec_claim *claim, ...)
{
    va_list args;
    va_start(args, claim);
    memset(claim, 0, sizeof *claim);
    const char *arg;
    while ((arg = va_arg(args, const char *)) != NULL) {
        int input;
        assert_int_equal(rulec_claim_parse_arg(policy, claim, arg, &input), RULEC_PARSE_OK);
    }
    va_end(args);
}

#endif
