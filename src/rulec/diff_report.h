/* src/rulec/diff_report.h — rulec diff: what an edit changes, for a terminal or as JSON.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DIFF_REPORT_H
#define RULEC_DIFF_REPORT_H

#include <stdio.h>

#include "compile.h"

/* Compares two compiled policies and writes what changes. Returns 0 nothing changes, 1
 * something does, -1 the diff could not be made (too many paths, memory; said on err), -2
 * writing failed. */
int diff_policies(FILE *out, FILE *err, struct compilation *old, struct compilation *new,
                  int json, int answers_only);

#endif
