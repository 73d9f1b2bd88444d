/* src/compiler/emit.c — the C backend's driver and text primitives: decide (emit_plan_for),
 * then write the header (emit_header.c), the tables (emit_tables.c) and the code (emit_code.c).
 * Part of rulec; see README.md for the licence. */
#include "emit.h"

#include "arena.h"
#include "emit_api.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void emit(struct emit_text *text, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0)
        return;
    if (text->length + (size_t)length + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 4096;
        while (capacity < text->length + (size_t)length + 1)
            capacity *= 2;
        text->data = arena_heap_realloc(text->data, capacity, 1);
        text->capacity = capacity;
    }
    va_start(args, format);
    vsnprintf(text->data + text->length, (size_t)length + 1, format, args);
    va_end(args);
    text->length += (size_t)length;
}

void emit_text_free(struct emit_text *text)
{
    free(text->data);
    text->data = NULL;
    text->length = text->capacity = 0;
}

/* A C string literal. UTF-8 passes through as it is (C99 accepts it in literals); quotes,
 * backslashes and control characters are escaped, and so is every byte of a character that
 * would act on the text around it (rulec_display_char: a bidirectional control, C1, a byte that
 * is not UTF-8), in octal, so that the generated C passes -Wbidi-chars and cannot show one
 * thing and compile another. Three octal digits always: a digit after one is not absorbed. */
void emit_string(struct emit_text *text, const char *value)
{
    if (!value) {
        emit(text, "NULL");
        return;
    }
    emit(text, "\"");
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if (*p == '"' || *p == '\\') {
            emit(text, "\\%c", *p);
        } else if (*p < 0x20 || *p == 0x7f) {
            emit(text, "\\%03o", *p);
        } else if (*p == '?' && p[1] == '?') {
            emit(text, "?\\");   /* no trigraphs */
        } else if (*p >= 0x80) {
            char shown[RULEC_DISPLAY_SIZE];
            int escaped;
            size_t n = rulec_display_char((const char *)p, RULEC_UTF8_MAX, shown, &escaped);
            for (size_t i = 0; i < n; i++)
                emit(text, escaped ? "\\%03o" : "%c", p[i]);
            p += n - 1;
        } else {
            emit(text, "%c", *p);
        }
    }
    emit(text, "\"");
}

/* Text from the rule file inside a C comment: nothing in it may end the comment ("*" "/"),
 * open one inside it ("/" "*", -Wcomment), form a trigraph, or act instead of showing (a
 * control or bidirectional character, a byte that is not UTF-8: written as its name,
 * "<U+202E>", as rulec_display_char says), so that the generated C compiles warning-free whatever
 * the rule file holds. */
void emit_comment_text(struct emit_text *text, const char *value)
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

const char *emit_upper(const char *name, char *buffer, size_t size)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++)
        buffer[i] = (char)toupper((unsigned char)name[i]);
    buffer[i] = '\0';
    return buffer;
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

void emit_banner(struct emit_text *text, const struct rulec_policy *policy, const char *digest,
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

int emit_policy(const struct rulec_policy *policy, const char *digest, struct emit_text *header,
                struct emit_text *source)
{
    jmp_buf out_of_memory;
    jmp_buf *saved = arena_guard(&out_of_memory);
    if (setjmp(out_of_memory)) {
        arena_guard(saved);
        return -1;
    }
    struct emit_plan plan = emit_plan_for(policy);
    emit_header(header, policy, digest);
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
