/*
 * load: keeps C connections in flight against one server on loopback and verifies every byte.
 *
 *   read mode (default): connect, read to EOF, close; the bytes must equal EXPECTED.
 *   request mode (-r FILE): connect, send FILE, read to EOF; the reply must equal EXPECTED.
 *   hang-up mode (-H MS): one connection at a time: connect, wait MS, close, and print the
 *   wall-clock time of each close (for matching against a server's log).
 *
 * -R RATE opens at most RATE connections a second (default: as fast as it can). A burst of
 * thousands of SYNs overflows the listen queue; the kernel then answers with SYN cookies and
 * drops the final ACKs it cannot queue, and a client that only reads never notices: it waits for
 * ever on a connection the server has never seen. Ramping up avoids measuring that instead.
 *
 * Prints one line of key=value pairs: ok errors mismatches seconds rate p50_ms p99_ms max_ms
 * max_gap_ms (largest pause between two reads on any connection) cpu_s (this tool's own CPU).
 * Built by scripts/bench with the system's cc; needs nothing but libc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "tools.h"

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

enum state { CONNECTING, SENDING, READING };

struct conn {
    int fd;
    enum state state;
    double started, last_read;
    size_t sent, received;
    int mismatch;
};

static char *expected, *request;
static size_t expected_len, request_len;
static double *latencies;
static long ok, errors, mismatches, started_total, total;
static double max_gap;
static struct sockaddr_in target;
static int epfd, source_cycle;
static double open_rate, ramp_start;

static int open_socket(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    /* Spread connections over 127.0.0.1-8 so that one ephemeral port range is not the limit. */
    struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = 0};
    src.sin_addr.s_addr = htonl(0x7f000001 + (source_cycle++ % 8));
    int one = 1;
    setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&src, sizeof src) < 0) { close(fd); return -1; }
    return fd;
}

static void start_one(void) {
    if (started_total >= total) return;
    if (open_rate > 0 && started_total >= (now() - ramp_start) * open_rate) return; /* the main loop retries */
    started_total++;
    int fd = open_socket();
    if (fd < 0) { errors++; start_one(); return; }
    struct conn *c = calloc(1, sizeof *c);
    c->fd = fd;
    c->started = now();
    c->state = CONNECTING;
    int r = connect(fd, (struct sockaddr *)&target, sizeof target);
    if (r < 0 && errno != EINPROGRESS) { errors++; close(fd); free(c); start_one(); return; }
    struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN, .data.ptr = c};
    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

static void finish(struct conn *c, int failed) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    if (failed) errors++;
    else if (c->mismatch || c->received != expected_len) mismatches++;
    else latencies[ok++] = now() - c->started;
    free(c);
    start_one();
}

static void on_event(struct conn *c, unsigned events) {
    if (c->state == CONNECTING) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err) { finish(c, 1); return; }
        c->state = request ? SENDING : READING;
        c->last_read = now();
        struct epoll_event ev = {.events = request ? EPOLLOUT | EPOLLIN : EPOLLIN, .data.ptr = c};
        epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
    }
    if (c->state == SENDING && (events & EPOLLOUT)) {
        ssize_t n = write(c->fd, request + c->sent, request_len - c->sent);
        if (n < 0 && errno != EAGAIN) { finish(c, 1); return; }
        if (n > 0) c->sent += n;
        if (c->sent == request_len) {
            c->state = READING;
            struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
            epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
        }
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        char buf[65536];
        for (;;) {
            ssize_t n = read(c->fd, buf, sizeof buf);
            if (n > 0) {
                double t = now();
                if (c->received > 0 && t - c->last_read > max_gap) max_gap = t - c->last_read;
                c->last_read = t;
                if (c->received + n > expected_len || memcmp(expected + c->received, buf, n) != 0) c->mismatch = 1;
                c->received += n;
                continue;
            }
            if (n == 0) { finish(c, 0); return; }
            if (errno == EAGAIN) return;
            finish(c, 1);
            return;
        }
    }
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int hang_up(long trials, int wait_ms) {
    for (long i = 0; i < trials; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *)&target, sizeof target) < 0) { perror("connect"); return 1; }
        struct timespec pause = {wait_ms / 1000, (wait_ms % 1000) * 1000000L};
        nanosleep(&pause, NULL);
        struct timespec wall;
        clock_gettime(CLOCK_REALTIME, &wall);
        close(fd);
        printf("hangup_ms=%.3f\n", wall.tv_sec * 1e3 + wall.tv_nsec / 1e6);
        fflush(stdout);
        struct timespec gap = {0, 100 * 1000000L}; /* let the upstream's close be logged */
        nanosleep(&gap, NULL);
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1", *expected_path = NULL, *request_path = NULL;
    int port = 0, concurrency = 1, hangup = -1;
    double timeout = 120;
    total = 1;
    for (int opt; (opt = getopt(argc, argv, "a:p:c:n:e:r:H:t:R:")) != -1;) {
        switch (opt) {
        case 'a': host = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'c': concurrency = atoi(optarg); break;
        case 'n': total = atol(optarg); break;
        case 'e': expected_path = optarg; break;
        case 'r': request_path = optarg; break;
        case 'H': hangup = atoi(optarg); break;
        case 't': timeout = atof(optarg); break;
        case 'R': open_rate = atof(optarg); break;
        default:
            fprintf(stderr, "usage: load -p PORT [-a HOST] [-c CONCURRENCY] [-n TOTAL] -e EXPECTED [-r REQUEST] [-H HANGUP_MS] [-t SECONDS] [-R OPEN_RATE]\n");
            return 2;
        }
    }
    target.sin_family = AF_INET;
    target.sin_port = htons(port);
    inet_pton(AF_INET, host, &target.sin_addr);
    if (hangup >= 0) return hang_up(total, hangup);
    if (!expected_path || port <= 0) { fprintf(stderr, "load: -p and -e are required\n"); return 2; }

    struct rlimit files = {1 << 17, 1 << 17};
    setrlimit(RLIMIT_NOFILE, &files);
    expected = slurp(expected_path, &expected_len);
    if (request_path) request = slurp(request_path, &request_len);
    latencies = calloc(total, sizeof *latencies);
    epfd = epoll_create1(0);

    double start = now();
    ramp_start = start;
    for (int i = 0; i < concurrency; i++) start_one();
    struct epoll_event events[1024];
    while (ok + errors + mismatches < total) {
        if (now() - start > timeout) {
            errors += total - ok - errors - mismatches;
            break;
        }
        int n = epoll_wait(epfd, events, 1024, open_rate > 0 ? 1 : 1000);
        for (int i = 0; i < n; i++) on_event(events[i].data.ptr, events[i].events);
        /* Top up to the concurrency the ramp allows by now. */
        long in_flight = started_total - ok - errors - mismatches;
        while (open_rate > 0 && in_flight < concurrency && started_total < total &&
               started_total < (now() - ramp_start) * open_rate) {
            start_one();
            in_flight++;
        }
    }
    double seconds = now() - start;

    qsort(latencies, ok, sizeof *latencies, by_value);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    printf("ok=%ld errors=%ld mismatches=%ld seconds=%.3f rate=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f max_gap_ms=%.1f cpu_s=%.2f\n",
           ok, errors, mismatches, seconds, ok / seconds,
           ok ? latencies[ok / 2] * 1e3 : 0, ok ? latencies[(long)(ok * 0.99)] * 1e3 : 0,
           ok ? latencies[ok - 1] * 1e3 : 0, max_gap * 1e3, cpu);
    return errors || mismatches ? 1 : 0;
}
