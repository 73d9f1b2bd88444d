/* src/compiler/emit_api.h — what the C backend's files share: the fixed parts of the
 * generated API, printed by emit.c and reserved by emit_names.c from the same lists.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_EMIT_API_H
#define RULEC_EMIT_API_H

#include <stddef.h>

/* Identifiers made from the rule file's names have at most this many characters: the
 * significant initial characters C99 guarantees for an internal identifier. */
#define EMIT_MAX_NAME 63

/* A field of struct <policy>_result: its C type ("%s" is the policy's name), name, comment. */
struct emit_field {
    const char *type, *name, *comment;
};

#define EMIT_RESULT_HEAD 2      /* before the outputs' fields */
#define EMIT_RESULT_TAIL 6      /* after them */
#define EMIT_API_TAGS 4
#define EMIT_API_CONSTANTS 7
extern const struct emit_field emit_result_head[EMIT_RESULT_HEAD];
extern const struct emit_field emit_result_tail[EMIT_RESULT_TAIL];
extern const char *const emit_api_tags[EMIT_API_TAGS];
extern const char *const emit_api_constants[EMIT_API_CONSTANTS];

#endif
