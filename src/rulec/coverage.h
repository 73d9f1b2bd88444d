/* src/rulec/coverage.h — what the rule file's examples exercise: each rule, each region of the
 * decision table and each limit (a deadline's last day on time and first day late, the value
 * before a condition changes and the value itself), with a ready example for every region and
 * limit none reaches.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_COVERAGE_H
#define RULEC_COVERAGE_H

#include <stdio.h>

#include "compile.h"

/* Decides every example and finds the regions they reach. With verbose, writes the report to
 * out; in any case names on out each rule no example exercises. Returns how many rules no
 * example exercises, or -1 when the table could not be built (too many paths, or memory). */
int coverage_report(FILE *out, struct compilation *c, int verbose);

#endif
