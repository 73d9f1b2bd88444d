/* src/policy/files.h — writes a command's output files so that they cannot be hijacked or left
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
    /* When not NULL, what writes the file instead of data: it is given the temporary's
     * descriptor (which it must not close) and returns 0, or -1 with errno set. For a text too
     * large to keep whole before writing it: rulec compile's tables, rulec doc's page. */
    int (*fill)(void *context, int fd);
    void *context;
};

/* Writes the n files into dir. Returns 0, or -1 with which file could not be written and why
 * in error (size bytes); then no target has changed. */
int files_write(char *error, size_t size, const char *dir, const struct files_output *files,
                size_t n);

/* Writes all of data to fd, as many write calls as it takes. Returns 0, or -1 with errno set. */
int files_write_all(int fd, const char *data, size_t length);

/* What a program wrote for a terminal, kept in memory until it ends and then written to the
 * real stream with every character that would act instead of showing (a control, a
 * bidirectional override, a byte that is not UTF-8) written as its name, "<U+202E>"
 * (rulec_display_char): a reason or a claim's value cannot move the cursor, recolour the terminal
 * or reverse the text that a clerk reads. Batch mode streams and does not use it. */
struct files_shield {
    FILE *memory;            /* what the program writes into; NULL when it could not be made */
    FILE *target;
    char *data;
    size_t length;
};
/* Opens the memory stream. Returns it, or target itself when memory could not be had. */
FILE *files_shield_open(struct files_shield *shield, FILE *target);
/* Writes what was kept to the target, escaped, and frees it. Returns 0, or -1 when the memory
 * stream had failed (the output is then incomplete; errno set). */
int files_shield_close(struct files_shield *shield);

/* Flushes and closes stdout, as gnulib's close_stdout: a full disk or a closed pipe is an
 * error to report, not an answer silently lost. Returns 0, or -1 after saying on stderr why the
 * output could not be written. Call it last, in main. */
int files_close_stdout(const char *program);

#endif
