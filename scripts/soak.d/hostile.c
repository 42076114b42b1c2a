/*
 * hostile: valid but hostile clients, for scripts/abuse. Each mode opens -c connections to one
 * server on loopback (at -R a second, default 500), keeps them for -d seconds, and notes when and
 * how the server ended each one.
 *
 *   hostile drip  -p PORT -c N -d SECONDS [-i INTERVAL_MS]  sends a netstring length for 1,000,000
 *                 bytes, then one byte per interval (default 1000 ms), and reads whatever comes
 *   hostile stall -p PORT -c N -d SECONDS                   never reads, never sends
 *   hostile flood -p PORT -c N -d SECONDS                   never sends; reads and discards
 *
 * Prints one line: opened refused eof reset held (still open at the end), resets within a second
 * of connecting (reset_at_once), and the latest time after connecting at which the server ended
 * one (last_end_s). For stall, nothing is read, so a clean close is seen as eof only once the
 * server has sent everything. Needs nothing but libc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "../bench.d/tools.h"

enum mode { DRIP, STALL, FLOOD };
enum end { OPEN, END_EOF, END_RESET, END_REFUSED };

struct conn {
    int fd, connected;
    double started, ended;
    enum end end;
};

/* Stops watching a connection the server ended; its descriptor stays open, as an attacker's would. */
static void ended(int epfd, struct conn *c, enum end end) {
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    c->end = end;
    c->ended = now();
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: hostile drip|stall|flood -p PORT -c N -d SECONDS [-R RATE] [-i INTERVAL_MS]\n"); return 2; }
    enum mode mode;
    if (strcmp(argv[1], "drip") == 0) mode = DRIP;
    else if (strcmp(argv[1], "stall") == 0) mode = STALL;
    else if (strcmp(argv[1], "flood") == 0) mode = FLOOD;
    else { fprintf(stderr, "hostile: unknown mode %s\n", argv[1]); return 2; }
    int port = 0, interval_ms = 1000;
    long count = 1;
    double duration = 10, rate = 500;
    optind = 2;
    for (int opt; (opt = getopt(argc, argv, "p:c:d:R:i:")) != -1;) {
        switch (opt) {
        case 'p': port = atoi(optarg); break;
        case 'c': count = atol(optarg); break;
        case 'd': duration = atof(optarg); break;
        case 'R': rate = atof(optarg); break;
        case 'i': interval_ms = atoi(optarg); break;
        default: return 2;
        }
    }
    if (port <= 0 || count < 1) { fprintf(stderr, "hostile: -p and -c are required\n"); return 2; }
    signal(SIGPIPE, SIG_IGN);
    struct rlimit files = {count + 64, count + 64};
    setrlimit(RLIMIT_NOFILE, &files);

    struct sockaddr_in target = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
    struct conn *conns = calloc(count, sizeof *conns);
    int epfd = epoll_create1(0);
    long started = 0;
    double start = now(), next_drip = start + interval_ms / 1e3;
    struct epoll_event events[256];
    char buf[65536];
    while (now() - start < duration) {
        while (started < count && started < (now() - start) * rate) {
            struct conn *c = &conns[started++];
            c->started = now();
            c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (c->fd < 0 || (connect(c->fd, (struct sockaddr *)&target, sizeof target) < 0 && errno != EINPROGRESS)) {
                c->end = END_REFUSED;
                c->ended = now();
                continue;
            }
            struct epoll_event ev = {.events = EPOLLOUT | EPOLLRDHUP, .data.ptr = c};
            epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
        }
        if (mode == DRIP && now() >= next_drip) {
            next_drip += interval_ms / 1e3;
            for (long i = 0; i < started; i++) {
                struct conn *c = &conns[i];
                if (c->end == OPEN && c->connected && send(c->fd, "a", 1, MSG_NOSIGNAL) < 0 && errno != EAGAIN)
                    ended(epfd, c, errno == EPIPE ? END_EOF : END_RESET);
            }
        }
        int n = epoll_wait(epfd, events, 256, 5);
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (c->end != OPEN) continue;
            if (!c->connected) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err) { ended(epfd, c, err == ECONNRESET ? END_RESET : END_REFUSED); continue; }
                c->connected = 1;
                if (mode == DRIP) send(c->fd, "1000000:", 8, MSG_NOSIGNAL);
                struct epoll_event ev = {.events = (mode == STALL ? 0 : EPOLLIN) | EPOLLRDHUP, .data.ptr = c};
                epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
                continue;
            }
            if (mode == STALL) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
                ended(epfd, c, err ? END_RESET : END_EOF);
                continue;
            }
            for (;;) {
                ssize_t r = read(c->fd, buf, sizeof buf);
                if (r > 0) continue;
                if (r == 0) ended(epfd, c, END_EOF);
                else if (errno != EAGAIN) ended(epfd, c, END_RESET);
                break;
            }
        }
    }
    long refused = 0, eof = 0, reset = 0, held = 0, reset_at_once = 0;
    double last_end = 0;
    for (long i = 0; i < started; i++) {
        struct conn *c = &conns[i];
        if (c->end == OPEN) held++;
        else if (c->end == END_REFUSED) refused++;
        else if (c->end == END_EOF) eof++;
        else reset++;
        if (c->end == END_RESET && c->ended - c->started < 1) reset_at_once++;
        if (c->end != OPEN && c->ended - c->started > last_end) last_end = c->ended - c->started;
    }
    printf("opened=%ld refused=%ld eof=%ld reset=%ld held=%ld reset_at_once=%ld last_end_s=%.1f\n",
           started - refused, refused, eof, reset, held, reset_at_once, last_end);
    return 0;
}
