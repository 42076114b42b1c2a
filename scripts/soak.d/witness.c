/*
 * witness: opens N connections to one server on loopback, reads each to its end, and records how
 * each ended, so that a short poem that ended in a clean close can be told from one cut off by a
 * reset. Used by scripts/soak (SIGTERM under load) and scripts/abuse (a proxy with a bad upstream).
 *
 *   witness -p PORT -n N -e EXPECTED [-R RATE] [-t SECONDS] [-o FILE]
 *
 * Prints one line of key=value counts:
 *   whole        the expected bytes, then a clean close (EOF)
 *   short_clean  fewer (or other) bytes, then a clean close: the failure scripts look for
 *   reset        a reset (ECONNRESET) at any point, with however many bytes came before it
 *   refused      the connection was never made (refused, or reset while connecting)
 *   timeout      still open after -t SECONDS (default 120)
 *   mismatch     bytes that differ from EXPECTED, however the connection ended
 * With -o, one line per connection to FILE: index, bytes, end (eof, reset, refused, timeout).
 * Needs nothing but libc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../bench.d/tools.h"

enum end { OPEN, END_EOF, END_RESET, END_REFUSED, END_TIMEOUT };
static const char *end_names[] = {"open", "eof", "reset", "refused", "timeout"};

struct conn {
    int fd, connected, mismatch;
    size_t received;
    enum end end;
};

static void finish(int epfd, struct conn *c, enum end end, long *open) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->end = end;
    (*open)--;
}

int main(int argc, char **argv) {
    const char *expected_path = NULL, *out_path = NULL;
    int port = 0;
    long total = 1;
    double rate = 0, timeout = 120;
    for (int opt; (opt = getopt(argc, argv, "p:n:e:R:t:o:")) != -1;) {
        switch (opt) {
        case 'p': port = atoi(optarg); break;
        case 'n': total = atol(optarg); break;
        case 'e': expected_path = optarg; break;
        case 'R': rate = atof(optarg); break;
        case 't': timeout = atof(optarg); break;
        case 'o': out_path = optarg; break;
        default:
            fprintf(stderr, "usage: witness -p PORT -n N -e EXPECTED [-R RATE] [-t SECONDS] [-o FILE]\n");
            return 2;
        }
    }
    if (!expected_path || port <= 0 || total < 1) { fprintf(stderr, "witness: -p, -n and -e are required\n"); return 2; }
    size_t expected_len;
    char *expected = slurp(expected_path, &expected_len);
    struct rlimit files = {total + 64, total + 64};
    setrlimit(RLIMIT_NOFILE, &files);

    struct sockaddr_in target = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
    struct conn *conns = calloc(total, sizeof *conns);
    int epfd = epoll_create1(0);
    long started = 0, open = 0;
    double start = now();
    struct epoll_event events[256];
    char buf[65536];
    while (started < total || open > 0) {
        while (started < total && (rate <= 0 || started < (now() - start) * rate)) {
            struct conn *c = &conns[started++];
            c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (c->fd < 0 || (connect(c->fd, (struct sockaddr *)&target, sizeof target) < 0 && errno != EINPROGRESS)) {
                if (c->fd >= 0) close(c->fd);
                c->end = END_REFUSED;
                continue;
            }
            struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.ptr = c};
            epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
            open++;
        }
        if (now() - start > timeout) break;
        int n = epoll_wait(epfd, events, 256, rate > 0 ? 1 : 100);
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (!c->connected) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
                /* Reading the error clears it: a reset seen here must be counted here, not as a later EOF. */
                if (err) {
                    while (err == ECONNRESET && read(c->fd, buf, sizeof buf) > 0) {}
                    finish(epfd, c, err == ECONNRESET ? END_RESET : END_REFUSED, &open);
                    continue;
                }
                c->connected = 1;
                struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
                epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
            }
            for (;;) {
                ssize_t r = read(c->fd, buf, sizeof buf);
                if (r > 0) {
                    if (c->received + r > expected_len || memcmp(expected + c->received, buf, r) != 0) c->mismatch = 1;
                    c->received += r;
                    continue;
                }
                if (r == 0) finish(epfd, c, END_EOF, &open);
                else if (errno != EAGAIN) finish(epfd, c, END_RESET, &open);
                break;
            }
        }
    }
    long whole = 0, short_clean = 0, reset = 0, refused = 0, timed_out = 0, mismatch = 0;
    FILE *out = out_path ? fopen(out_path, "w") : NULL;
    for (long i = 0; i < started; i++) {
        struct conn *c = &conns[i];
        if (c->end == OPEN) { c->end = END_TIMEOUT; close(c->fd); }
        if (c->end == END_EOF && !c->mismatch && c->received == expected_len) whole++;
        else if (c->end == END_EOF) short_clean++;
        else if (c->end == END_RESET) reset++;
        else if (c->end == END_REFUSED) refused++;
        else timed_out++;
        if (c->mismatch) mismatch++;
        if (out) fprintf(out, "%ld %zu %s\n", i, c->received, end_names[c->end]);
    }
    refused += total - started;
    if (out) fclose(out);
    printf("whole=%ld short_clean=%ld reset=%ld refused=%ld timeout=%ld mismatch=%ld seconds=%.2f\n",
           whole, short_clean, reset, refused, timed_out, mismatch, now() - start);
    return 0;
}
