/*
 * Unit tests for output files: a new file replaces the old one whole and private (0600),
 * nothing is left behind when a write is dropped, a directory is refused, and a device or
 * a pipe (`-o /dev/null`, a FIFO another program reads) is written in place: a rename
 * would put a regular file where the device was, and as root that breaks /dev/null for
 * every program on the machine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/atomic_file.h"

struct fix {
    char dir[64];
    struct arena *a;
};

static int setup(void **state)
{
    struct fix *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/trp-atomic.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    f->a = arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fix *f = *state;
    arena_free(f->a);
    DIR *d = opendir(f->dir);
    struct dirent *de;
    char p[512];
    while (d && (de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", f->dir, de->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    rmdir(f->dir);
    free(f);
    return 0;
}

static size_t entries_in(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(d);
    return n;
}

static void test_replaces_whole_and_private(void **state)
{
    struct fix *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/report.html", f->dir);
    FILE *old = fopen(path, "w");
    fputs("the old report, longer than the new one", old);
    fclose(old);
    chmod(path, 0644);
    struct trp_err err = {0};
    assert_int_equal(atomic_file_write_all(f->a, path, stdout, "new", 3, &err), 0);
    char buf[64] = {0};
    FILE *in = fopen(path, "r");
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    fclose(in);
    assert_int_equal(n, 3);
    assert_string_equal(buf, "new");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(entries_in(f->dir), 1); /* no temporary left beside it */
}

static void test_abort_leaves_target(void **state)
{
    struct fix *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/out.csv", f->dir);
    struct atomic_file *af;
    struct trp_err err = {0};
    assert_int_equal(atomic_file_open(f->a, path, stdout, &af, &err), 0);
    fputs("half a file", af->f);
    atomic_file_abort(af);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(entries_in(f->dir), 0);
}

static void test_directory_refused(void **state)
{
    struct fix *f = *state;
    struct trp_err err = {0};
    assert_int_equal(atomic_file_write_all(f->a, f->dir, stdout, "x", 1, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "directory"));
    struct stat st;
    assert_int_equal(stat(f->dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

static void test_pipe_written_in_place(void **state)
{
    struct fix *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/to-printer", f->dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    /* A reader holds the pipe open, as the program reading it would. */
    int rd = open(path, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    struct trp_err err = {0};
    assert_int_equal(atomic_file_write_all(f->a, path, stdout, "pain 6", 6, &err), 0);
    char buf[16] = {0};
    assert_int_equal(read(rd, buf, sizeof buf - 1), 6);
    close(rd);
    assert_string_equal(buf, "pain 6");
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(entries_in(f->dir), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_replaces_whole_and_private, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_leaves_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_directory_refused, setup, teardown),
        /* A FIFO stands for /dev/null, which a broken rule would replace for the whole
         * machine when the suite runs as root. */
        cmocka_unit_test_setup_teardown(test_pipe_written_in_place, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
