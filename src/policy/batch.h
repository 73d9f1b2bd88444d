/* src/policy/batch.h — batch mode: decides a stream of claims (CSV or JSON Lines) in constant
 * memory, one answer per claim, in order, for rulec eval and the generated policy's program.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_BATCH_H
#define RULEC_BATCH_H

#include <stdio.h>

#include <rulec/rulec.h>

enum batch_format { BATCH_CSV, BATCH_JSONL };

/* Exit statuses. */
enum {
    BATCH_ALL_DECIDED = 0,
    BATCH_FAILED = 1,        /* in or out could not be read or written; malformed tables */
    BATCH_BAD_HEADER = 2,    /* CSV: no column of the header names an input; nothing written */
    BATCH_SOME_REJECTED = 3  /* some claims were answered with an error */
};

/* Reads claims from in and writes one answer per claim to out, in the order read:
 * CSV: a header row names the columns, separated by delimiter (',' ';' or '\t'; 0: found
 *   from the header); a column named like an input is read as that input (empty field:
 *   absent), any other passes through; each row is written back unchanged, followed by the
 *   columns outcome, one per output, rule, citation, reason, interpretation and error. Lines
 *   end in LF, CRLF or CR; blank lines are skipped and counted.
 * JSONL: one object per line; keys named like inputs are read (null: absent), the others are
 *   copied to the front of the answer, which has the fields of --json (or outcome "rejected"
 *   and error).
 * A claim that cannot be decided (bad value, wrong column count, malformed line, a needed
 * input missing, longer than READER_MAX_RECORD) is answered with outcome "rejected" and an
 * error naming the field and the line. Ends with one summary line on err. */
int batch_run(const struct rulec_policy *policy, enum batch_format format, int delimiter, FILE *in,
              FILE *out, FILE *err, const char *program);

#endif
