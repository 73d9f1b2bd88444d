/* src/backend/emit.c — the C backend's driver and text primitives: the header
 * (emit_header.c); then, the plan decided (emit_plan_for), the source: the tables
 * (emit_tables.c) and the code (emit_code.c).
 * Part of rulec; see README.md for the licence. */
#include "emit.h"

#include "arena.h"
#include "emit_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void emit(struct buffer *text, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    buffer_vprintf(text, format, args);
    va_end(args);
}

/* A C string literal. UTF-8 passes through as it is (C99 accepts it in literals); quotes,
 * backslashes and control characters are escaped, and so is every byte of a character that
 * would act on the text around it (rulec_display_char: a bidirectional control, C1, a byte that
 * is not UTF-8), in octal, so that the generated C passes -Wbidi-chars and cannot show one
 * thing and compile another. Three octal digits always: a digit after one is not absorbed. */
void emit_string(struct buffer *text, const char *value)
{
    if (!value) {
        buffer_append(text, "NULL", 4);
        return;
    }
    buffer_append(text, "\"", 1);
    const unsigned char *p = (const unsigned char *)value;
    while (*p) {
        /* A run that needs no escape, appended whole: a call per character was a fifth of
         * writing the tables of 100,000 rules. */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && !(*p == '?' && p[1] == '?'))
            p++;
        if (p > run)
            buffer_append(text, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        if (*p == '"' || *p == '\\') {
            emit(text, "\\%c", *p);
        } else if (*p < 0x20 || *p == 0x7f) {
            emit(text, "\\%03o", *p);
        } else if (*p == '?') {
            emit(text, "?\\");   /* no trigraphs: the ?? that stopped the run */
        } else {
            char shown[RULEC_DISPLAY_SIZE];
            int escaped;
            size_t n = rulec_display_char((const char *)p, RULEC_UTF8_MAX, shown, &escaped);
            for (size_t i = 0; i < n; i++)
                emit(text, escaped ? "\\%03o" : "%c", p[i]);
            p += n - 1;
        }
        p++;
    }
    buffer_append(text, "\"", 1);
}

/* Text from the rule file inside a C comment: nothing in it may end the comment ("*" "/"),
 * open one inside it ("/" "*", -Wcomment), form a trigraph, or act instead of showing (a
 * control or bidirectional character, a byte that is not UTF-8: written as its name,
 * "<U+202E>", as rulec_display_char says), so that the generated C compiles warning-free whatever
 * the rule file holds. */
void emit_comment_text(struct buffer *text, const char *value)
{
    for (const char *p = value; *p; p++) {
        char shown[RULEC_DISPLAY_SIZE];
        int escaped;
        if ((p[0] == '*' && p[1] == '/') || (p[0] == '/' && p[1] == '*')
            || (p[0] == '?' && p[1] == '?')) {
            emit(text, "%c ", *p);
            continue;
        }
        size_t n = rulec_display_char(p, RULEC_UTF8_MAX, shown, &escaped);
        if (escaped)
            emit(text, "%s", shown);
        else
            emit(text, "%.*s", (int)n, p);
        p += n - 1;
    }
}

/* The runtime's enumerations as C spells them. Keep in step with enum rulec_type, rulec_op,
 * rulec_operand_kind and rulec_outcome (rulec.h); the assertions below count them. */
const char *const emit_type_names[] = {
    "RULEC_TYPE_BOOL", "RULEC_TYPE_INT", "RULEC_TYPE_DATE", "RULEC_TYPE_ENUM", "RULEC_TYPE_SET"
};
const char *const emit_op_names[] = {
    "RULEC_OP_EQ", "RULEC_OP_NE", "RULEC_OP_LT", "RULEC_OP_LE", "RULEC_OP_GT", "RULEC_OP_GE"
};
const char *const emit_operand_names[] = {
    "RULEC_OPERAND_VAR", "RULEC_OPERAND_OUTPUT", "RULEC_OPERAND_CONST"
};
const char *const emit_outcome_names[] = {
    "RULEC_OUTCOME_DECIDED", "RULEC_OUTCOME_UNSPECIFIED", "RULEC_OUTCOME_INVALID"
};
_Static_assert(sizeof emit_type_names / sizeof *emit_type_names == RULEC_TYPE_SET + 1,
               "emit_type_names and enum rulec_type");
_Static_assert(sizeof emit_op_names / sizeof *emit_op_names == RULEC_OP_GE + 1,
               "emit_op_names and enum rulec_op");
_Static_assert(sizeof emit_operand_names / sizeof *emit_operand_names == RULEC_OPERAND_CONST + 1,
               "emit_operand_names and enum rulec_operand_kind");
_Static_assert(sizeof emit_outcome_names / sizeof *emit_outcome_names == RULEC_OUTCOME_INVALID + 1,
               "emit_outcome_names and enum rulec_outcome");

void emit_banner(struct buffer *text, const struct rulec_policy *policy, const char *digest,
                        const char *extension, const char *purpose)
{
    /* The file's own name, not its directory: rulec compile -o writes it wherever it is told. */
    emit(text, "/* %s.%s — %s\n", policy->name, extension, purpose);
    emit(text, " * Generated by rulec %s from ", RULEC_VERSION);
    emit_comment_text(text, policy->rule_file);
    emit(text, "\n");
    emit(text, " * (SHA-256 %s).\n", digest);
    emit(text, " * Do not edit: change the rule file and run make. */\n");
}

int emit_policy_header(const struct rulec_policy *policy, const char *digest, struct buffer *header)
{
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    emit_header(header, policy, digest);
    arena_guard(saved);
    return 0;
}

int emit_policy_source(const struct rulec_policy *policy, const char *digest, struct buffer *source)
{
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    struct emit_plan plan = emit_plan_for(policy);
    emit_banner(source, policy, digest, "c", "the policy's decision tables and typed API");
    emit(source, "#include \"%s.h\"\n\n#include <string.h>\n\n#include <rulec/rulec.h>\n\n", policy->name);
    /* Tables written for one layout, compiled against a header of another, would be read as
     * something else: the compiler stops here instead. */
    emit(source, "#if RULEC_ABI != %d\n#error \"%s.c was generated for the tables' layout %d of "
         "<rulec/rulec.h>: regenerate it with this rulec (rulec compile)\"\n#endif\n\n",
         RULEC_ABI, policy->name, RULEC_ABI);
    emit_tables(source, policy, &plan);
    emit_api(source, policy, &plan);
    arena_guard(saved);
    return 0;
}

int emit_policy(const struct rulec_policy *policy, const char *digest, struct buffer *header,
                struct buffer *source)
{
    return emit_policy_header(policy, digest, header) != 0
           || emit_policy_source(policy, digest, source) != 0 ? -1 : 0;
}
