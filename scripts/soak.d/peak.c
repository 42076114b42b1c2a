/*
 * peak: runs a command and reports its exit status, wall time and peak resident memory (the
 * kernel's own figure, from wait4), so that a process that exits can still be measured. A guard
 * kills it (SIGKILL) when its RSS passes -m MB or it runs longer than -t seconds, so a client that
 * has no bound cannot take the machine down with it.
 *
 *   peak [-m MAX_MB] [-t SECONDS] -- COMMAND [ARGS...]
 *
 * Prints to stderr, last: "peak: status=N seconds=S peak_rss_mb=M killed=none|memory|time".
 * Needs nothing but libc.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../bench.d/tools.h"

static long rss_mb(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    long kb = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &kb) == 1) break;
    fclose(f);
    return kb / 1024;
}

int main(int argc, char **argv) {
    long max_mb = 1024;
    double max_seconds = 120;
    int opt;
    while ((opt = getopt(argc, argv, "+m:t:")) != -1) {
        if (opt == 'm') max_mb = atol(optarg);
        else if (opt == 't') max_seconds = atof(optarg);
        else return 2;
    }
    if (optind >= argc) { fprintf(stderr, "usage: peak [-m MAX_MB] [-t SECONDS] -- COMMAND [ARGS...]\n"); return 2; }
    double start = now();
    pid_t child = fork();
    if (child == 0) {
        execvp(argv[optind], argv + optind);
        perror(argv[optind]);
        _exit(127);
    }
    const char *killed = "none";
    int status = 0;
    struct rusage usage;
    for (;;) {
        pid_t done = wait4(child, &status, WNOHANG, &usage);
        if (done == child) break;
        if (strcmp(killed, "none") == 0 && rss_mb(child) > max_mb) { killed = "memory"; kill(child, SIGKILL); }
        if (strcmp(killed, "none") == 0 && now() - start > max_seconds) { killed = "time"; kill(child, SIGKILL); }
        struct timespec pause = {0, 20 * 1000000L};
        nanosleep(&pause, NULL);
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fprintf(stderr, "peak: status=%d seconds=%.2f peak_rss_mb=%ld killed=%s\n", code, now() - start,
            usage.ru_maxrss / 1024, killed);
    return code;
}
