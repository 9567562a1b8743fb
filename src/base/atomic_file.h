/*
 * Writing an output file (export, report, chart, calendar, simulated diary) so that the
 * old file stays whole until the new one is complete, and so that nobody but the owner can
 * read it: the data are health records.
 *
 * The text goes to a fresh temporary file in the target's own directory (so the final
 * rename stays on one file system), created with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600:
 * a file or symbolic link planted at that name makes the open fail instead of writing
 * through it. Commit flushes, fsyncs, renames over the target and fsyncs the directory.
 * On any failure, and on SIGINT, SIGTERM, SIGHUP or SIGPIPE while a file is open, the
 * temporary file is removed; only SIGKILL can leave one behind (named ".NAME.trp-PID-XXXXXX"),
 * and the next successful write of NAME removes those whose process is gone.
 * The path "-" means standard output, written directly.
 */
#ifndef TRP_BASE_ATOMIC_FILE_H
#define TRP_BASE_ATOMIC_FILE_H

#include <stdio.h>

#include "base/arena.h"
#include "base/err.h"

struct atomic_file {
    FILE *f;          /* where to write */
    const char *path; /* the target, or NULL when writing to standard output */
    char *tmp;        /* the temporary file while open */
    int done;         /* committed or aborted */
    int direct;       /* path is a device or a pipe, written in place (no rename) */
};

/* True for NULL and "-", the names of standard output. */
int atomic_file_is_stdout(const char *path);

/* Opens a temporary file for PATH (or uses STD_OUT for "-" and NULL; a PATH that names a
 * device or a pipe, like /dev/null, is opened and written in place). *out lives in the
 * arena, which aborts the file when it is freed, so an early return anywhere after this
 * cannot leave the temporary behind. */
int atomic_file_open(struct arena *a, const char *path, FILE *std_out, struct atomic_file **out,
                     struct trp_err *err);

/* Makes the new file the target: flush, fsync, rename, fsync the directory. On failure
 * the temporary file is removed and the target is as it was. */
int atomic_file_commit(struct atomic_file *af, struct trp_err *err);

/* Drops the temporary file (no-op after commit or a second abort). */
void atomic_file_abort(struct atomic_file *af);

/* Open, write LEN bytes, commit: for outputs built in memory. */
int atomic_file_write_all(struct arena *a, const char *path, FILE *std_out, const void *data,
                          size_t len, struct trp_err *err);

#endif
