/* src/cli/files.h — writes a command's output files so that they cannot be hijacked or left
 * half-done, as git's lockfile.c does: every file is first written whole to a temporary of
 * its own, created with mkstemp (O_CREAT|O_EXCL: a symbolic link or a file planted at a
 * predictable name is never opened), in the target's folder; only when all are written are
 * they renamed over the targets. A failure before the renames leaves every target as it was;
 * the renames themselves are undone from hard-link backups if one fails midway, so the old
 * pair (compile's .h and .c) never sits beside a new half. Part of rulec; see README.md for the
 * licence. */
#ifndef RULEC_FILES_H
#define RULEC_FILES_H

#include <stddef.h>
#include <stdio.h>

struct files_output {
    const char *name;        /* the file's name in the folder: "ramq2018.h" */
    const char *data;
    size_t length;
};

/* Writes the n files into dir. Returns 0, or -1 after saying on err which file could not be
 * written and why; then no target has changed. */
int files_write(FILE *err, const char *program, const char *dir, const struct files_output *files,
                size_t n);

/* Flushes and closes stdout, as gnulib's close_stdout: a full disk or a closed pipe is an
 * error to report, not an answer silently lost. Returns 0, or -1 after saying on stderr why the
 * output could not be written. Call it last, in main. */
int files_close_stdout(const char *program);

#endif
