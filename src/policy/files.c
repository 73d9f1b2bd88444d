/* src/policy/files.c — output files written whole and renamed into place, and stdout closed with
 * its errors reported. Part of rulec; see README.md for the licence. */
#define _XOPEN_SOURCE 700   /* mkstemp, fchmod, link, open_memstream */
#include "files.h"

#include <rulec/rulec.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file on its way: the target, its temporary, and the old target's backup once made. */
struct files_pending {
    char *target, *temporary, *backup;
    int renamed;             /* the temporary is now the target */
    int kept;                /* undoing failed: the backup is the old file, left for the user */
};

/* dir/.name<what>.XXXXXX made by mkstemp; returns its descriptor and sets *path (malloc'd), or
 * returns -1 with *path NULL (a name mkstemp tried and failed on is not ours to remove). The
 * leading dot keeps it out of `ls` and globs such as gen/\*.c while it exists. */
static int files_temporary(const char *dir, const char *name, const char *what, char **path)
{
    size_t size = strlen(dir) + strlen(name) + strlen(what) + 16;
    *path = malloc(size);
    if (!*path) {
        errno = ENOMEM;
        return -1;
    }
    snprintf(*path, size, "%s/.%s%s.XXXXXX", dir, name, what);
    int fd = mkstemp(*path);
    if (fd < 0) {
        int saved = errno;
        free(*path);
        *path = NULL;
        errno = saved;
    }
    return fd;
}

int files_write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, data, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = EIO;
            return -1;
        }
        data += written;
        length -= (size_t)written;
    }
    return 0;
}

/* Writes the file's text to fd (output->fill, or all of its data) and closes it, with the
 * permissions a plain fopen would give (mkstemp makes 0600). Returns 0, or -1 with errno set. */
static int files_fill(int fd, const struct files_output *output)
{
    mode_t mask = umask(0);
    umask(mask);
    int status = fchmod(fd, 0666 & ~mask);
    if (status == 0)
        status = output->fill ? output->fill(output->context, fd)
                              : files_write_all(fd, output->data, output->length);
    int saved = errno;
    if (close(fd) != 0 && status == 0)
        return -1;
    errno = saved;
    return status;
}

/* Copies the file at from into fd (then closed). Returns 0, or -1 with errno set. */
static int files_copy(const char *from, int fd)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    char buffer[65536];
    size_t got;
    int status = 0;
    while (status == 0 && (got = fread(buffer, 1, sizeof buffer, in)) > 0)
        for (size_t done = 0; status == 0 && done < got;) {
            ssize_t written = write(fd, buffer + done, got - done);
            if (written < 0 && errno == EINTR)
                continue;
            if (written <= 0)
                status = -1;
            else
                done += (size_t)written;
        }
    if (ferror(in))
        status = -1;
    int saved = errno;
    fclose(in);
    if (close(fd) != 0)
        status = -1;
    else
        errno = saved;
    return status;
}

/* Whether the target may be replaced (absent, a file or a link; rename cannot put a file over a
 * folder), said before anything moves, and, when keep, a backup of the old target to put back
 * if a later rename fails: a hard link, or where the file system or the kernel's
 * protected_hardlinks refuses one, a copy. Returns 0, or -1 with errno set and *doing saying
 * which step failed. */
static int files_prepare(const char *dir, const char *name, struct files_pending *p, int keep,
                         const char **doing)
{
    struct stat st;
    if (lstat(p->target, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EEXIST;
        return -1;
    }
    if (!keep)
        return 0;
    *doing = "sauvegarde de";
    int fd = files_temporary(dir, name, ".ancien", &p->backup);
    if (fd < 0)
        return -1;
    /* link() refuses to replace: the name mkstemp reserved is freed first. Someone who can
     * write into the folder could take it in between; link then fails, and the copy below
     * goes into a name of our own again. */
    close(fd);
    if (unlink(p->backup) == 0 && link(p->target, p->backup) == 0)
        return 0;
    free(p->backup);
    fd = files_temporary(dir, name, ".ancien", &p->backup);
    if (fd < 0 || files_copy(p->target, fd) != 0)
        return -1;
    return 0;
}

/* Puts back what the renames so far replaced. Returns 0, or -1 when an old file could not be
 * put back (its backup is then kept, marked kept). */
static int files_undo(struct files_pending *pending, size_t n)
{
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pending[i].renamed)
            continue;
        if (!pending[i].backup)
            unlink(pending[i].target);                /* there was no old file */
        else if (rename(pending[i].backup, pending[i].target) == 0)
            free(pending[i].backup), pending[i].backup = NULL;
        else
            pending[i].kept = 1, status = -1;
    }
    return status;
}

int files_write(char *error, size_t size, const char *dir, const struct files_output *files,
                size_t n)
{
    struct files_pending *pending = calloc(n ? n : 1, sizeof *pending);
    if (!pending) {
        snprintf(error, size, "mémoire épuisée");
        return -1;
    }
    int status = 0, undone = 0;
    const char *failed = NULL, *doing = "écriture de";
    int saved = 0;
    for (size_t i = 0; i < n && status == 0; i++) {
        size_t bytes = strlen(dir) + strlen(files[i].name) + 2;
        pending[i].target = malloc(bytes);
        if (!pending[i].target) {
            saved = ENOMEM, failed = files[i].name, status = -1;
            break;
        }
        snprintf(pending[i].target, bytes, "%s/%s", dir, files[i].name);
        failed = pending[i].target;
        int fd = files_temporary(dir, files[i].name, "", &pending[i].temporary);
        /* The last file needs no backup: nothing is renamed after it. */
        if (fd < 0 || files_fill(fd, &files[i]) != 0
            || files_prepare(dir, files[i].name, &pending[i], i + 1 < n, &doing) != 0)
            saved = errno, status = -1;
        else
            doing = "écriture de";
    }
    for (size_t i = 0; i < n && status == 0; i++) {
        if (rename(pending[i].temporary, pending[i].target) != 0) {
            saved = errno, failed = pending[i].target, doing = "remplacement de";
            status = -1;
            undone = files_undo(pending, i);
            break;
        }
        pending[i].renamed = 1;
    }
    if (status != 0) {
        int used = snprintf(error, size, "%s %s impossible : %s ; ", doing, failed ? failed : dir,
                            strerror(saved));
        for (size_t i = 0; i < n && used >= 0 && (size_t)used < size; i++)
            if (pending[i].kept)
                used += snprintf(error + used, size - (size_t)used, "l'ancien %s n'a pu être "
                                 "remis en place : il est dans %s ; ", pending[i].target,
                                 pending[i].backup);
        if (used >= 0 && (size_t)used < size)
            snprintf(error + used, size - (size_t)used, "%s", undone ? "les autres fichiers "
                     "sont ceux d'avant" : "aucun fichier n'a été modifié");
    }
    for (size_t i = 0; i < n; i++) {
        /* A renamed temporary is the target now, a backup put back is the old file again:
         * neither name is ours to remove. */
        if (pending[i].temporary && !pending[i].renamed)
            unlink(pending[i].temporary);
        if (pending[i].backup && !pending[i].kept)
            unlink(pending[i].backup);
        free(pending[i].target);
        free(pending[i].temporary);
        free(pending[i].backup);
    }
    free(pending);
    return status;
}

int files_close_stdout(const char *program)
{
    /* A write that failed already left its reason in errno (the shield writes last, just
     * before); otherwise errno is cleared, so that a stale one is never blamed. */
    if (!ferror(stdout))
        errno = 0;
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int saved = errno;
    if (fclose(stdout) != 0 && !failed)
        failed = 1, saved = errno;
    if (!failed)
        return 0;
    fprintf(stderr, "%s: écriture de la sortie standard impossible : %s\n", program,
            strerror(saved ? saved : EIO));
    return -1;
}

FILE *files_shield_open(struct files_shield *shield, FILE *target)
{
    shield->target = target;
    shield->data = NULL;
    shield->length = 0;
    shield->memory = open_memstream(&shield->data, &shield->length);
    return shield->memory ? shield->memory : target;
}

int files_shield_close(struct files_shield *shield)
{
    if (!shield->memory)
        return 0;
    int failed = ferror(shield->memory) != 0;
    if (fclose(shield->memory) != 0)
        failed = 1;
    const char *data = shield->data;
    size_t length = data ? shield->length : 0, run = 0;
    for (size_t i = 0; i < length;) {
        unsigned char c = (unsigned char)data[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;                              /* the common case, printable ASCII */
            continue;
        }
        char shown[RULEC_DISPLAY_SIZE];
        int escaped;
        size_t n = rulec_display_char(data + i, length - i, shown, &escaped);
        if (escaped) {
            fwrite(data + run, 1, i - run, shield->target);
            fputs(shown, shield->target);
            run = i + n;
        }
        i += n;
    }
    fwrite(data + run, 1, length - run, shield->target);
    free(shield->data);
    shield->data = NULL;
    shield->memory = NULL;
    if (failed)
        errno = ENOMEM;
    return failed ? -1 : 0;
}
