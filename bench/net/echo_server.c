/* echo_server.c — `make bench-net`: the reference TCP echo server the tycho echo example
 * (examples/echo.c) is measured against: plain C, non-blocking sockets, level-triggered
 * epoll, one event loop per thread (THREADS threads, default 1; bench/net/run.sh gives it
 * BENCH_WORKERS, the number of tycho workers). Every thread waits on the one listening
 * socket (EPOLLEXCLUSIVE) and serves the connections it accepted. Whatever a connection
 * sends is written back as it is; when the peer does not read, the server stops reading
 * from that connection until its echo buffer has drained (no unbounded buffering).
 * Prints "listening on 127.0.0.1:PORT" on stdout once it accepts connections, then runs
 * until killed.
 *   echo_server HOST:PORT [THREADS]      e.g. echo_server 127.0.0.1:0 2   (port 0: any)
 * Build: cc -O2 -Wall -Wextra -std=c11 -D_GNU_SOURCE -o echo_server echo_server.c -lpthread
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE (256 * 1024)   /* per connection: read at most this much ahead of writes */
#define MAX_EVENTS 256

struct conn {
    int fd;
    uint32_t events;            /* what epoll waits for now */
    size_t start, end;          /* buf[start, end): read, not yet written back */
    char buf[BUF_SIZE];
};

static int listen_fd;

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void conn_close(int ep, struct conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

static int conn_want(int ep, struct conn *c, uint32_t events) {
    if (c->events == events) return 0;
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) return -1;
    c->events = events;
    return 0;
}

/* Reads and writes back until the socket would block; returns -1 when the connection is
 * over (peer closed, error). */
static int conn_serve(int ep, struct conn *c) {
    for (;;) {
        while (c->start < c->end) {
            ssize_t n = write(c->fd, c->buf + c->start, c->end - c->start);
            if (n < 0) {
                if (errno == EINTR) continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return conn_want(ep, c, EPOLLOUT);   /* stop reading until it drains */
                return -1;
            }
            c->start += (size_t)n;
        }
        c->start = c->end = 0;
        ssize_t n = read(c->fd, c->buf, BUF_SIZE);
        if (n == 0) return -1;
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return conn_want(ep, c, EPOLLIN);
            return -1;
        }
        c->end = (size_t)n;
    }
}

static void accept_all(int ep) {
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE) perror("accept4");
            return;   /* EAGAIN: another thread took it, or none left */
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = malloc(sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->start = c->end = 0;
        c->events = EPOLLIN;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
            close(fd);
            free(c);
        }
    }
}

static void *loop(void *arg) {
    (void)arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = NULL};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev) < 0) die("epoll_ctl (listening socket)");
    struct epoll_event events[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(ep, events, MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (!c) {
                accept_all(ep);
                continue;
            }
            if (conn_serve(ep, c) < 0) conn_close(ep, c);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s HOST:PORT [THREADS]\n", argv[0]);
        return 2;
    }
    char host[64];
    const char *colon = strrchr(argv[1], ':');
    if (!colon || (size_t)(colon - argv[1]) >= sizeof host) {
        fprintf(stderr, "echo_server: bad address '%s' (want HOST:PORT)\n", argv[1]);
        return 2;
    }
    memcpy(host, argv[1], (size_t)(colon - argv[1]));
    host[colon - argv[1]] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    long threads = argc > 2 ? strtol(argv[2], NULL, 10) : 1;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "echo_server: bad address '%s' (want IPV4:PORT)\n", argv[1]);
        return 2;
    }
    if (threads < 1 || threads > 256) {
        fprintf(stderr, "echo_server: THREADS must be 1..256\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) die("socket");
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(listen_fd, 4096) < 0) die("listen");
    socklen_t len = sizeof addr;
    if (getsockname(listen_fd, (struct sockaddr *)&addr, &len) < 0) die("getsockname");
    printf("listening on %s:%u\n", host, (unsigned)ntohs(addr.sin_port));
    fflush(stdout);

    for (long i = 1; i < threads; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, loop, NULL) != 0) die("pthread_create");
    }
    loop(NULL);
    return 0;
}
