/*
 * peer: a hostile poetry server on 127.0.0.1, for scripts/soak and scripts/abuse. It prints
 * "port N" once it listens, then serves every client until it is stopped (SIGTERM), and then
 * prints how many bytes it sent in all.
 *
 *   peer endless            sends lines of verse without end
 *   peer reset-after BYTES  sends BYTES of verse, then resets the connection (SO_LINGER 0)
 *
 * Written apart from the suite's own `serve --fault`, so that the suite is tested against a peer
 * that shares none of its code. Needs nothing but libc.
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
#include <sys/socket.h>
#include <unistd.h>

struct client {
    int fd;
    unsigned long long sent;
};

static volatile sig_atomic_t stopping;

static void stop(int signal) {
    (void)signal;
    stopping = 1;
}

static void reset(int epfd, struct client *c) {
    struct linger abort_close = {1, 0};
    setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &abort_close, sizeof abort_close);
    epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

int main(int argc, char **argv) {
    long long limit = -1;
    if (argc == 2 && strcmp(argv[1], "endless") == 0) limit = -1;
    else if (argc == 3 && strcmp(argv[1], "reset-after") == 0) limit = atoll(argv[2]);
    else { fprintf(stderr, "usage: peer endless | peer reset-after BYTES\n"); return 2; }

    static char verse[65536];
    const char *line = "and still the poem goes on, and on, and on,\n";
    for (size_t i = 0; i < sizeof verse; i++) verse[i] = line[i % strlen(line)];

    signal(SIGPIPE, SIG_IGN);
    struct sigaction on_term = {.sa_handler = stop};
    sigaction(SIGTERM, &on_term, NULL);
    sigaction(SIGINT, &on_term, NULL);
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = 0};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 1024) < 0 ||
        getsockname(listener, (struct sockaddr *)&address, &length) < 0) {
        perror("peer");
        return 1;
    }
    printf("port %d\n", ntohs(address.sin_port));
    fflush(stdout);

    int epfd = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &ev);
    unsigned long long total = 0;
    struct epoll_event events[256];
    while (!stopping) {
        int n = epoll_wait(epfd, events, 256, 200);
        for (int i = 0; i < n; i++) {
            struct client *c = events[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct client *added = calloc(1, sizeof *added);
                    added->fd = fd;
                    struct epoll_event out = {.events = EPOLLOUT, .data.ptr = added};
                    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &out);
                }
                continue;
            }
            if (events[i].events & (EPOLLERR | EPOLLHUP)) { reset(epfd, c); continue; }
            size_t chunk = sizeof verse;
            if (limit >= 0 && (unsigned long long)limit - c->sent < chunk) chunk = limit - c->sent;
            ssize_t sent = chunk ? send(c->fd, verse, chunk, MSG_NOSIGNAL) : 0;
            if (sent < 0 && errno != EAGAIN) { reset(epfd, c); continue; }
            if (sent > 0) { c->sent += sent; total += sent; }
            if (limit >= 0 && c->sent >= (unsigned long long)limit) reset(epfd, c);
        }
    }
    fprintf(stderr, "peer: sent %llu bytes in all\n", total);
    return 0;
}
