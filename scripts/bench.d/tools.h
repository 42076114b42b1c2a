/* What every load and soak tool needs: a monotonic clock in seconds, and a whole file read into memory. */
#ifndef POETRY_TOOLS_H
#define POETRY_TOOLS_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static inline double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static inline char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    struct stat st;
    fstat(fileno(f), &st);
    char *buf = malloc(st.st_size + 1);
    *len = fread(buf, 1, st.st_size, f);
    fclose(f);
    return buf;
}

#endif
