/* src/backend/emit_internal.h — what the C backend's files share, and nothing outside the
 * backend includes: text primitives, the plan, each file's writer.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_EMIT_INTERNAL_H
#define RULEC_EMIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "emit.h"

/* Identifiers made from the rule file's names have at most this many characters: the
 * significant initial characters C99 guarantees for an internal identifier. */
#define EMIT_MAX_NAME 63

/* The C backend's files: emit.c (text, the driver), emit_header.c, emit_tables.c,
 * emit_code.c, emit_names.c. */

/* Appends printf-style text. */
void emit(struct buffer *text, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* A C string literal (NULL as NULL). */
void emit_string(struct buffer *text, const char *value);
/* Text from the rule file inside a C comment. */
void emit_comment_text(struct buffer *text, const char *value);
/* The banner of a generated file. */
void emit_banner(struct buffer *text, const struct rulec_policy *policy, const char *digest,
                 const char *extension, const char *purpose);

/* The runtime's enumerations as C spells them, indexed by value (emit.c). */
extern const char *const emit_type_names[];
extern const char *const emit_op_names[];
extern const char *const emit_operand_names[];
extern const char *const emit_outcome_names[];

/* What the emitter decides before it prints anything: the tables' widths, and whether the
 * typed API runs the diagram as code. */
struct emit_plan {
    unsigned child_width, bound_width;
    int code;
};
struct emit_plan emit_plan_for(const struct rulec_policy *policy);

void emit_header(struct buffer *h, const struct rulec_policy *policy, const char *digest);
void emit_tables(struct buffer *c, const struct rulec_policy *policy, const struct emit_plan *plan);
void emit_api(struct buffer *c, const struct rulec_policy *policy, const struct emit_plan *plan);

#endif
