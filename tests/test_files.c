/* tests/test_files.c — src/policy/files.c's writes that cannot be half-done, with the failures a
 * test cannot cause from outside: rename and link fail on demand (the program is linked with
 * -Wl,--wrap=rename,--wrap=link, so every call files.c makes goes through the wrappers below).
 * Part of rulec; see README.md. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "files.h"

int __real_rename(const char *from, const char *to);
int __real_link(const char *from, const char *to);

static int rename_fails_at;     /* the call (1, 2, …) that fails; 0: none */
static int renames_all_fail;    /* 1: that call and every later one fail */
static int renames;             /* calls so far */
static int links_fail;          /* 1: link fails as on a file system without hard links */

int __wrap_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to)
{
    renames++;
    if (rename_fails_at && (renames == rename_fails_at
                            || (renames_all_fail && renames > rename_fails_at))) {
        errno = EBUSY;
        return -1;
    }
    return __real_rename(from, to);
}

int __wrap_link(const char *from, const char *to);
int __wrap_link(const char *from, const char *to)
{
    if (links_fail) {
        errno = EPERM;
        return -1;
    }
    return __real_link(from, to);
}

static char dir[64];

static void put(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect(const char *name, const char *text)
{
    char path[128], got[64] = "";
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, text);
}

/* What the folder holds, names sorted, one string: temporaries and backups must be gone. */
static void expect_names(const char *names)
{
    char command[160], got[256] = "";
    snprintf(command, sizeof command, "ls -A %s | tr '\\n' ' '", dir);
    FILE *ls = popen(command, "r");
    assert_non_null(ls);
    size_t n = fread(got, 1, sizeof got - 1, ls);
    got[n] = '\0';
    pclose(ls);
    assert_string_equal(got, names);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rulec-files-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    put("p.h", "old h");
    put("p.c", "old c");
    rename_fails_at = renames_all_fail = renames = links_fail = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char command[96];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    return system(command) == 0 ? 0 : -1;
}

static const struct files_output pair[2] = {
    { .name = "p.h", .data = "new h", .length = 5 }, { .name = "p.c", .data = "new c", .length = 5 },
};

/* A file written by its fill, in pieces, as rulec compile writes its tables; or a fill that
 * fails partway, as on a full disk. */
static int fill_pieces(void *context, int fd)
{
    const char *pieces[] = { "new ", "filled", " c" };
    for (int i = 0; i < 3; i++) {
        if (context && i == 2) {
            errno = ENOSPC;
            return -1;
        }
        if (files_write_all(fd, pieces[i], strlen(pieces[i])) != 0)
            return -1;
    }
    return 0;
}

static void test_filled_file_written(void **state)
{
    (void)state;
    char error[512];
    const struct files_output filled[2] = {
        { .name = "p.h", .data = "new h", .length = 5 }, { .name = "p.c", .fill = fill_pieces },
    };
    assert_int_equal(files_write(error, sizeof error, dir, filled, 2), 0);
    expect("p.h", "new h");
    expect("p.c", "new filled c");
    expect_names("p.c p.h ");
}

/* A fill that fails: neither file changes, its half-written temporary is removed, and the
 * message says which file and why. */
static void test_fill_failure_changes_nothing(void **state)
{
    (void)state;
    char error[512];
    int fail = 1;
    const struct files_output filled[2] = {
        { .name = "p.h", .data = "new h", .length = 5 },
        { .name = "p.c", .fill = fill_pieces, .context = &fail },
    };
    assert_int_equal(files_write(error, sizeof error, dir, filled, 2), -1);
    char expected[512];
    snprintf(expected, sizeof expected, "écriture de %s/p.c impossible : %s ; aucun fichier n'a "
             "été modifié", dir, strerror(ENOSPC));
    assert_string_equal(error, expected);
    expect("p.h", "old h");
    expect("p.c", "old c");
    expect_names("p.c p.h ");
}

static void test_both_written(void **state)
{
    (void)state;
    char error[512];
    assert_int_equal(files_write(error, sizeof error, dir, pair, 2), 0);
    expect("p.h", "new h");
    expect("p.c", "new c");
    expect_names("p.c p.h ");
}

/* The .h is in place when the .c's rename fails: the old .h is put back from its backup. */
static void test_second_rename_fails_first_undone(void **state)
{
    (void)state;
    char error[512], want[512];
    rename_fails_at = 2;
    assert_int_equal(files_write(error, sizeof error, dir, pair, 2), -1);
    snprintf(want, sizeof want, "remplacement de %s/p.c impossible : Device or resource busy ; "
             "aucun fichier n'a été modifié", dir);
    assert_string_equal(error, want);
    rename_fails_at = 0;
    expect("p.h", "old h");
    expect("p.c", "old c");
    expect_names("p.c p.h ");
}

/* Without hard links (protected_hardlinks, vfat), the backup is a copy: the same outcome. */
static void test_backup_by_copy(void **state)
{
    (void)state;
    char error[512];
    links_fail = 1;
    rename_fails_at = 2;
    assert_int_equal(files_write(error, sizeof error, dir, pair, 2), -1);
    rename_fails_at = 0;
    expect("p.h", "old h");
    expect("p.c", "old c");
    expect_names("p.c p.h ");
    renames = 0;
    assert_int_equal(files_write(error, sizeof error, dir, pair, 2), 0);
    expect("p.h", "new h");
    expect_names("p.c p.h ");
}

/* A new file that had no old one is removed again when a later rename fails. */
static void test_new_file_removed_on_failure(void **state)
{
    (void)state;
    char error[512];
    static const struct files_output fresh[2] = {
        { .name = "q.h", .data = "new", .length = 3 }, { .name = "p.c", .data = "new c", .length = 5 },
    };
    rename_fails_at = 2;
    assert_int_equal(files_write(error, sizeof error, dir, fresh, 2), -1);
    rename_fails_at = 0;
    expect("p.c", "old c");
    expect_names("p.c p.h ");
}

/* The backup cannot be put back either: it is kept, and the message says where. */
static void test_backup_kept_when_it_cannot_be_put_back(void **state)
{
    (void)state;
    char error[512];
    rename_fails_at = 2;  /* the .h's rename succeeds, the .c's fails, and so does the undo */
    renames_all_fail = 1;
    assert_int_equal(files_write(error, sizeof error, dir, pair, 2), -1);
    rename_fails_at = 0;
    assert_non_null(strstr(error, "l'ancien "));
    assert_non_null(strstr(error, "/.p.h.ancien."));
    assert_non_null(strstr(error, "les autres fichiers sont ceux d'avant"));
    expect("p.h", "new h");
    expect("p.c", "old c");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_both_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_rename_fails_first_undone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_by_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_file_removed_on_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backup_kept_when_it_cannot_be_put_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_filled_file_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fill_failure_changes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
