/*
 * atomic_file.h: temp file + fsync + rename, private (0600), cleaned up on failure and on
 * catchable signals. A device or a pipe is written in place.
 */
#include "base/atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/* The temporary file a signal handler must remove. trp writes one output file at a time,
 * so one slot suffices; it is a fixed buffer because a handler may not allocate. */
static char pending_tmp[PATH_MAX];
static volatile sig_atomic_t pending_set;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define N_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction saved[N_SIGNALS];

static void on_signal(int sig)
{
    if (pending_set)
        unlink(pending_tmp);
    /* Die of the same signal so the parent sees what happened. */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Called with the cleanup signals blocked, so none can strike between creating the
 * temporary file and arming its removal. A signal the process ignores (SIGINT for a
 * background job) stays ignored. */
static void pending_begin(const char *tmp)
{
    if (strlen(tmp) >= sizeof pending_tmp)
        return; /* cannot be that long: the open would have failed with ENAMETOOLONG */
    memcpy(pending_tmp, tmp, strlen(tmp) + 1);
    pending_set = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_SIGNALS; i++) {
        sigaction(cleanup_signals[i], NULL, &saved[i]);
        if (saved[i].sa_handler != SIG_IGN)
            sigaction(cleanup_signals[i], &sa, NULL);
    }
}

static void block_cleanup_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaddset(&set, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void pending_end(void)
{
    if (!pending_set)
        return;
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaction(cleanup_signals[i], &saved[i], NULL);
    pending_set = 0;
}

int atomic_file_is_stdout(const char *path)
{
    return !path || !strcmp(path, "-");
}

static void abort_deferred(void *p)
{
    atomic_file_abort(p);
}

/* The directory part of PATH ("." when it has none) and the base name. */
static void split_path(struct arena *a, const char *path, char **dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *dir = arena_strdup(a, ".");
        *base = path;
    } else {
        *dir = slash == path ? arena_strdup(a, "/") : arena_strndup(a, path, (size_t)(slash - path));
        *base = slash + 1;
    }
}

int atomic_file_open(struct arena *a, const char *path, FILE *std_out, struct atomic_file **out,
                     struct trp_err *err)
{
    struct atomic_file *af = arena_zalloc(a, 1, sizeof *af);
    *out = af;
    if (atomic_file_is_stdout(path)) {
        af->f = std_out;
        return 0;
    }
    af->done = 1; /* nothing to abort until the temporary exists */
    if (!*path)
        return trp_err_set(err, TRP_EUSAGE, "the output file name is empty");
    char *dir;
    const char *base;
    split_path(a, path, &dir, &base);
    struct stat st;
    if (!*base || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return trp_err_set(err, TRP_EINVAL, "cannot write %s: it names a directory", path);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a pipe (/dev/null, a FIFO another program reads) is written in
         * place: a rename would put a regular file where the device was. */
        int dfd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (dfd < 0 || !(af->f = fdopen(dfd, "wb"))) {
            int e = errno;
            if (dfd >= 0)
                close(dfd);
            return trp_err_set(err, TRP_EIO, "cannot write %s: %s", path, strerror(e));
        }
        af->path = path;
        af->direct = 1;
        af->done = 0;
        arena_defer(a, abort_deferred, af);
        return 0;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 20 ^ (uint64_t)ts.tv_sec;
    int fd = -1;
    char *tmp = NULL;
    sigset_t old_mask;
    block_cleanup_signals(&old_mask);
    for (int attempt = 0; attempt < 100; attempt++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        char suffix[7];
        for (int i = 0; i < 6; i++)
            suffix[i] = letters[(seed >> (10 + 5 * i)) % 36];
        suffix[6] = '\0';
        tmp = arena_printf(a, "%s/.%s.trp-%ld-%s", dir, base, (long)getpid(), suffix);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int e = errno;
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        return trp_err_set(err, TRP_EIO, "cannot write %s: %s", path, strerror(e));
    }
    /* The umask can only take bits away; 0600 is what we want whatever it is (a umask of
     * 0200 would otherwise leave a file its owner cannot rewrite). */
    if (fchmod(fd, 0600) != 0 || !(af->f = fdopen(fd, "wb"))) {
        int e = errno;
        close(fd);
        unlink(tmp);
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        return trp_err_set(err, TRP_EIO, "cannot write %s: %s", path, strerror(e));
    }
    af->path = path;
    af->tmp = tmp;
    af->done = 0;
    pending_begin(tmp);
    sigprocmask(SIG_SETMASK, &old_mask, NULL); /* a signal that came meanwhile acts now */
    arena_defer(a, abort_deferred, af);
    return 0;
}

/* Removes the temporary files that a killed trp (SIGKILL, power loss) left beside DIR/BASE:
 * ".BASE.trp-PID-XXXXXX" whose process no longer exists. A live process's file (another trp
 * writing the same name right now) is left alone, and so is anything that is not a regular
 * file of ours. Best effort: a failure here never fails the write. */
static void sweep_stale(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char prefix[NAME_MAX + 8];
    int np = snprintf(prefix, sizeof prefix, ".%s.trp-", base);
    if (np < 0 || (size_t)np >= sizeof prefix) {
        closedir(d);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, prefix, (size_t)np) != 0)
            continue;
        const char *p = de->d_name + np;
        char *end;
        errno = 0;
        long pid = strtol(p, &end, 10);
        if (end == p || *end != '-' || strlen(end + 1) != 6 || errno || pid <= 0)
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char full[PATH_MAX];
        if (snprintf(full, sizeof full, "%s/%s", dir, de->d_name) >= (int)sizeof full)
            continue;
        struct stat st;
        if (lstat(full, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
            unlink(full);
    }
    closedir(d);
}

static int fail(struct atomic_file *af, int e, struct trp_err *err)
{
    const char *path = af->path;
    atomic_file_abort(af);
    return trp_err_set(err, TRP_EIO, "cannot write %s: %s", path, e ? strerror(e) : "write error");
}

int atomic_file_commit(struct atomic_file *af, struct trp_err *err)
{
    if (af->done)
        return trp_err_set(err, TRP_EIO, "internal: output file committed twice");
    if (!af->path) {
        af->done = 1;
        if (fflush(af->f) != 0 || ferror(af->f))
            return trp_err_set(err, TRP_EIO, "cannot write to standard output: %s", strerror(errno));
        return 0;
    }
    errno = 0;
    if (fflush(af->f) != 0 || ferror(af->f))
        return fail(af, errno, err);
    if (af->direct) {
        FILE *f = af->f;
        af->f = NULL;
        af->done = 1;
        if (fclose(f) != 0)
            return trp_err_set(err, TRP_EIO, "cannot write %s: %s", af->path, strerror(errno));
        return 0;
    }
    if (fsync(fileno(af->f)) != 0)
        return fail(af, errno, err);
    FILE *f = af->f;
    af->f = NULL;
    if (fclose(f) != 0)
        return fail(af, errno, err);
    if (rename(af->tmp, af->path) != 0)
        return fail(af, errno, err);
    af->done = 1;
    pending_end();
    /* The rename itself must reach the disk, or a crash can bring back the old file. */
    const char *slash = strrchr(af->path, '/');
    char dir[PATH_MAX];
    if (!slash)
        memcpy(dir, ".", 2);
    else if (slash == af->path)
        memcpy(dir, "/", 2);
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - af->path), af->path);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    sweep_stale(dir, slash ? slash + 1 : af->path);
    return 0;
}

void atomic_file_abort(struct atomic_file *af)
{
    if (af->done)
        return;
    af->done = 1;
    if (!af->path)
        return;
    if (af->f)
        fclose(af->f);
    af->f = NULL;
    if (af->direct)
        return;
    unlink(af->tmp);
    pending_end();
}

int atomic_file_write_all(struct arena *a, const char *path, FILE *std_out, const void *data,
                          size_t len, struct trp_err *err)
{
    struct atomic_file *af;
    int rc = atomic_file_open(a, path, std_out, &af, err);
    if (rc)
        return rc;
    if (len && fwrite(data, 1, len, af->f) != len) {
        int e = errno;
        atomic_file_abort(af);
        return trp_err_set(err, TRP_EIO, "cannot write %s: %s",
                           af->path ? af->path : "to standard output", strerror(e));
    }
    return atomic_file_commit(af, err);
}
