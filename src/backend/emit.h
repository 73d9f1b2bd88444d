/* src/backend/emit.h — the C backend: serializes runtime tables as C, <policy>.h (the typed
 * API) and <policy>.c (the tables, and the code that walks them).
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_EMIT_H
#define RULEC_EMIT_H

#include <stddef.h>

#include "arena.h"
#include "buffer.h"
#include "check.h"
#include "diag.h"
#include <rulec/rulec.h>

/* The typed API runs the diagram as generated C up to this size, and the tables through
 * rulec_decide beyond: see emit_api. */
#define EMIT_CODE_MAX_NODES 2000
#define EMIT_CODE_MAX_RULES 1000


/* Writes the header and the source into two texts (malloc'd: buffer_free). digest is the
 * rule file's SHA-256 in hex. Output depends only on its arguments: no dates, no paths but
 * the rule file's as given. Returns 0, or -1 when memory ran out (the texts are then partial;
 * free them). */
int emit_policy(const struct rulec_policy *policy, const char *digest, struct buffer *header,
                struct buffer *source);
/* Its two halves, the same texts: emit_policy is the header, then the source. The source may
 * go to a sink as it is written (struct buffer_sink; the caller calls buffer_finish), so that
 * rulec compile never holds the tables' C whole. */
int emit_policy_header(const struct rulec_policy *policy, const char *digest, struct buffer *header);
int emit_policy_source(const struct rulec_policy *policy, const char *digest, struct buffer *source);

/* Reports what the rule file's names would make of the generated C: two declarations making
 * one identifier, a C keyword, a name past EMIT_MAX_NAME characters, a policy whose header
 * would hide another. Returns 0, or -1 after reporting. */
int emit_check_names(struct arena *arena, struct diag *diag, const struct check_model *model);

#endif
