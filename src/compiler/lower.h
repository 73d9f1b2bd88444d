/* src/compiler/lower.h — the decision structure laid out as runtime tables.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_LOWER_H
#define RULEC_LOWER_H

#include "check.h"
#include "diagram.h"
#include <rulec/rulec.h>

/* Lays out the diagram reachable from its root, nodes numbered in depth-first preorder with
 * children in cell order, so that the same policy always gives the same tables. The result
 * lives in the arena. rule_file is the path written in generated banners. unfinished: the
 * policy has gaps or conflicts, which become leaves that say so (struct rulec_policy). The
 * tables always carry what explains an answer (struct rulec_explain). */
struct rulec_policy *lower_policy(struct arena *arena, const struct check_model *model,
                              const struct diagram *diagram, const char *rule_file,
                              int unfinished);

#endif
