/*
 * probe: the good client. For -d SECONDS it fetches from one server on loopback, one fetch at a
 * time with a pause between, checks every byte, and reports the latency of the fetches that
 * succeeded. scripts/abuse runs it while an attack goes on, to see what the attack costs others.
 *
 *   probe -p PORT -e EXPECTED [-r REQUEST] -d SECONDS [-i PAUSE_MS] [-t FETCH_TIMEOUT_S]
 *
 * Prints: ok errors p50_ms p99_ms max_ms. A fetch that fails (refused, reset, wrong bytes, or
 * slower than -t, default 10 s) counts as an error, not as a latency.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../bench.d/tools.h"

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One fetch: 1 when the reply is exactly EXPECTED followed by a clean close. */
static int fetch(const struct sockaddr_in *target, const char *request, size_t request_len,
                 const char *expected, size_t expected_len, double timeout) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    struct timeval tv = {(time_t)timeout, (suseconds_t)((timeout - (time_t)timeout) * 1e6)};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int good = connect(fd, (const struct sockaddr *)target, sizeof *target) == 0;
    for (size_t sent = 0; good && sent < request_len;) {
        ssize_t n = write(fd, request + sent, request_len - sent);
        if (n <= 0) good = 0;
        else sent += n;
    }
    size_t received = 0;
    char buf[65536];
    double deadline = now() + timeout;
    while (good) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0 || now() > deadline || received + n > expected_len || memcmp(expected + received, buf, n) != 0) good = 0;
        else received += n;
    }
    close(fd);
    return good && received == expected_len;
}

int main(int argc, char **argv) {
    const char *expected_path = NULL, *request_path = NULL;
    int port = 0, pause_ms = 20;
    double duration = 0, timeout = 10;
    for (int opt; (opt = getopt(argc, argv, "p:e:r:d:i:t:")) != -1;) {
        switch (opt) {
        case 'p': port = atoi(optarg); break;
        case 'e': expected_path = optarg; break;
        case 'r': request_path = optarg; break;
        case 'd': duration = atof(optarg); break;
        case 'i': pause_ms = atoi(optarg); break;
        case 't': timeout = atof(optarg); break;
        default:
            fprintf(stderr, "usage: probe -p PORT -e EXPECTED [-r REQUEST] -d SECONDS [-i PAUSE_MS] [-t FETCH_TIMEOUT_S]\n");
            return 2;
        }
    }
    if (!expected_path || port <= 0 || duration <= 0) { fprintf(stderr, "probe: -p, -e and -d are required\n"); return 2; }
    size_t expected_len, request_len = 0;
    char *expected = slurp(expected_path, &expected_len);
    char *request = request_path ? slurp(request_path, &request_len) : NULL;
    struct sockaddr_in target = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);

    size_t capacity = 1024, ok = 0, errors = 0;
    double *latencies = malloc(capacity * sizeof *latencies);
    double end = now() + duration;
    while (now() < end) {
        double started = now();
        if (fetch(&target, request, request_len, expected, expected_len, timeout)) {
            if (ok == capacity) latencies = realloc(latencies, (capacity *= 2) * sizeof *latencies);
            latencies[ok++] = now() - started;
        } else {
            errors++;
        }
        struct timespec pause = {pause_ms / 1000, (pause_ms % 1000) * 1000000L};
        nanosleep(&pause, NULL);
    }
    qsort(latencies, ok, sizeof *latencies, by_value);
    printf("ok=%zu errors=%zu p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n", ok, errors,
           ok ? latencies[ok / 2] * 1e3 : 0, ok ? latencies[(size_t)(ok * 0.99)] * 1e3 : 0,
           ok ? latencies[ok - 1] * 1e3 : 0);
    return 0;
}
