/* src/rulec/doc.h — rulec doc: the auditor's report, one self-contained French HTML page.
 * Part of rulec; see README.md for the licence. */
#ifndef RULEC_DOC_H
#define RULEC_DOC_H

#include "compile.h"
#include "buffer.h"

/* Writes the page of a compiled policy into page (malloc'd: buffer_free): sources, counts,
 * every rule with its citations (verified or not), condition in words, answer, exceptions,
 * note, interpretation and examples; the decision table grouped by the first variable
 * tested; what the source leaves open, the readings, the impossible combinations. Nothing is
 * fetched from anywhere: no script, font or style outside the page. The same bytes for the
 * same rule file. Returns 0, or -1 when the table could not be built or memory ran out. */
int doc_write(struct buffer *page, struct compilation *c);

#endif
