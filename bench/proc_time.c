/*
 * proc_time N CMD [ARGS...]: runs CMD N times (after one warm-up) with its output sent to
 * /dev/null and prints the median wall time and the median CPU time (user + system, from
 * wait4's rusage) per run in milliseconds. CPU time is the figure that holds on a shared,
 * loaded machine; wall time is what a person waits. Used by bench/where_bench.sh, because a
 * shell loop around `date` adds several milliseconds of its own to every run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_once(char **argv, double *wall, double *cpu)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *wall = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    *cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: proc_time N CMD [ARGS...]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    if (n < 1 || n > 100000) {
        fprintf(stderr, "proc_time: N must be 1..100000\n");
        return 2;
    }
    double *wall = malloc(n * sizeof *wall), *cpu = malloc(n * sizeof *cpu), w, c;
    if (!wall || !cpu || run_once(argv + 2, &w, &c)) {
        fprintf(stderr, "proc_time: %s failed\n", argv[2]);
        return 1;
    }
    for (int i = 0; i < n; i++)
        if (run_once(argv + 2, &wall[i], &cpu[i])) {
            fprintf(stderr, "proc_time: %s failed\n", argv[2]);
            return 1;
        }
    qsort(wall, n, sizeof *wall, cmp);
    qsort(cpu, n, sizeof *cpu, cmp);
    printf("%.2f %.2f\n", wall[n / 2], cpu[n / 2]);
    free(wall);
    free(cpu);
    return 0;
}
