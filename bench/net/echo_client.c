/* echo_client.c — `make bench-net`: the load client of the TCP echo benchmark. Opens
 * CONNS connections to an echo server (default 50) and, on each, repeatedly writes one
 * SIZE-byte message (default 64 KiB) and reads the SIZE-byte echo back before sending the
 * next one, for SECONDS seconds (default 10), spread over THREADS threads (default 1),
 * each an epoll loop over its share of the connections. Every echo is compared with the
 * bytes sent (each connection's message is its own pseudo-random bytes, with the round
 * number stamped at both ends, so bytes from another connection or an earlier round are
 * caught). Prints:
 *   result throughput_mb_s X   echoed payload, in 10^6 bytes per second (one direction:
 *                              the bytes that came back; as many went out)
 *   result roundtrips N        complete, verified round trips in SECONDS
 *   result roundtrip_us X      mean time of a round trip (CONNS x SECONDS / N)
 *   check mismatches N         echoes that differed from what was sent (must be 0)
 * and exits 1 on a mismatch, a connection the server closed or reset, or no round trip
 * at all.
 *   echo_client [-c CONNS] [-d SECONDS] [-s SIZE] [-t THREADS] HOST:PORT
 * Build: cc -O2 -Wall -Wextra -std=c11 -D_GNU_SOURCE -o echo_client echo_client.c -lpthread
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
    int fd;
    uint32_t events;
    uint64_t round;
    size_t sent, received;
    unsigned char *out, *in;
};

struct worker {
    pthread_t thread;
    struct conn *conns;
    int n;
    uint64_t roundtrips, mismatches;
    int failed;
};

static struct sockaddr_in server;
static size_t size = 64 * 1024;
static double deadline;            /* CLOCK_MONOTONIC seconds */
static atomic_int stop;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void stamp(struct conn *c) {
    memcpy(c->out, &c->round, sizeof c->round);
    memcpy(c->out + size - sizeof c->round, &c->round, sizeof c->round);
    c->sent = c->received = 0;
}

static int want(int ep, struct conn *c, uint32_t events) {
    if (c->events == events) return 0;
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) return -1;
    c->events = events;
    return 0;
}

/* Moves a connection along as far as it goes without blocking. Returns -1 on a failure
 * (reported on stderr), 0 otherwise. */
static int step(struct worker *w, int ep, struct conn *c) {
    for (;;) {
        int progress = 0;
        if (c->sent < size) {
            ssize_t n = write(c->fd, c->out + c->sent, size - c->sent);
            if (n > 0) {
                c->sent += (size_t)n;
                progress = 1;
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                perror("echo_client: write");
                return -1;
            }
        }
        /* Never more than the rest of this message: bytes beyond it would be an error the
         * next round's comparison catches. */
        ssize_t n = read(c->fd, c->in + c->received, size - c->received);
        if (n == 0) {
            fprintf(stderr, "echo_client: the server closed a connection\n");
            return -1;
        }
        if (n > 0) {
            c->received += (size_t)n;
            progress = 1;
        } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            perror("echo_client: read");
            return -1;
        }
        if (c->received == size) {
            if (memcmp(c->in, c->out, size) != 0) {
                w->mismatches++;
                fprintf(stderr, "echo_client: round %llu: the echo differs from what was sent\n",
                        (unsigned long long)c->round);
                return -1;
            }
            if (atomic_load_explicit(&stop, memory_order_relaxed) || now() >= deadline) {
                atomic_store(&stop, 1);
                return 0;
            }
            w->roundtrips++;
            c->round++;
            stamp(c);
            continue;
        }
        if (!progress) break;
    }
    return want(ep, c, c->sent < size ? EPOLLIN | EPOLLOUT : EPOLLIN);
}

static void *run(void *arg) {
    struct worker *w = arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        perror("echo_client: epoll_create1");
        w->failed = 1;
        return NULL;
    }
    for (int i = 0; i < w->n; i++) {
        struct conn *c = &w->conns[i];
        c->events = EPOLLIN | EPOLLOUT;
        struct epoll_event ev = {.events = c->events, .data.ptr = c};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) {
            perror("echo_client: epoll_ctl");
            w->failed = 1;
            return NULL;
        }
    }
    struct epoll_event events[256];
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        int n = epoll_wait(ep, events, 256, 100);
        if (n < 0 && errno != EINTR) {
            perror("echo_client: epoll_wait");
            w->failed = 1;
            break;
        }
        for (int i = 0; i < n; i++) {
            if (step(w, ep, events[i].data.ptr) < 0) {
                w->failed = 1;
                atomic_store(&stop, 1);
                break;
            }
        }
        if (now() >= deadline) atomic_store(&stop, 1);
    }
    close(ep);
    return NULL;
}

static long number(const char *s, const char *what, long min, long max) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == 0 || *end || v < min || v > max) {
        fprintf(stderr, "echo_client: %s must be %ld..%ld, not '%s'\n", what, min, max, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    long conns = 50, seconds = 10, threads = 1;
    int opt;
    while ((opt = getopt(argc, argv, "c:d:s:t:")) != -1) {
        switch (opt) {
        case 'c': conns = number(optarg, "CONNS", 1, 1000000); break;
        case 'd': seconds = number(optarg, "SECONDS", 1, 86400); break;
        case 's': size = (size_t)number(optarg, "SIZE", 16, 1 << 30); break;
        case 't': threads = number(optarg, "THREADS", 1, 256); break;
        default:
            fprintf(stderr, "usage: %s [-c CONNS] [-d SECONDS] [-s SIZE] [-t THREADS] HOST:PORT\n", argv[0]);
            return 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "usage: %s [-c CONNS] [-d SECONDS] [-s SIZE] [-t THREADS] HOST:PORT\n", argv[0]);
        return 2;
    }
    char host[64];
    const char *colon = strrchr(argv[optind], ':');
    if (!colon || (size_t)(colon - argv[optind]) >= sizeof host) {
        fprintf(stderr, "echo_client: bad address '%s' (want HOST:PORT)\n", argv[optind]);
        return 2;
    }
    memcpy(host, argv[optind], (size_t)(colon - argv[optind]));
    host[colon - argv[optind]] = 0;
    server.sin_family = AF_INET;
    server.sin_port = htons((uint16_t)number(colon + 1, "PORT", 1, 65535));
    if (inet_pton(AF_INET, host, &server.sin_addr) != 1) {
        fprintf(stderr, "echo_client: bad IPv4 address '%s'\n", host);
        return 2;
    }
    if (threads > conns) threads = conns;
    signal(SIGPIPE, SIG_IGN);

    /* Connect everything first (blocking), then start the clock. */
    struct conn *all = calloc((size_t)conns, sizeof *all);
    if (!all) return 1;
    uint64_t seed = 0x9e3779b97f4a7c15u;
    for (long i = 0; i < conns; i++) {
        struct conn *c = &all[i];
        c->out = malloc(size);
        c->in = malloc(size);
        if (!c->out || !c->in) {
            fprintf(stderr, "echo_client: out of memory\n");
            return 1;
        }
        for (size_t j = 0; j < size; j++) {   /* xorshift64: each connection its own bytes */
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            c->out[j] = (unsigned char)(seed >> 32);
        }
        c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&server, sizeof server) < 0) {
            fprintf(stderr, "echo_client: connection %ld to %s: %s\n", i + 1, argv[optind], strerror(errno));
            return 1;
        }
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
        stamp(c);
    }

    struct worker *workers = calloc((size_t)threads, sizeof *workers);
    if (!workers) return 1;
    double t0 = now();
    deadline = t0 + (double)seconds;
    long given = 0;
    for (long t = 0; t < threads; t++) {
        struct worker *w = &workers[t];
        w->n = (int)((conns - given) / (threads - t));
        w->conns = all + given;
        given += w->n;
        if (pthread_create(&w->thread, NULL, run, w) != 0) {
            perror("echo_client: pthread_create");
            return 1;
        }
    }
    uint64_t roundtrips = 0, mismatches = 0;
    int failed = 0;
    for (long t = 0; t < threads; t++) {
        pthread_join(workers[t].thread, NULL);
        roundtrips += workers[t].roundtrips;
        mismatches += workers[t].mismatches;
        failed |= workers[t].failed;
    }
    double secs = now() - t0;
    if (secs < (double)seconds) secs = (double)seconds;   /* (a failure ends it early) */
    printf("result throughput_mb_s %.1f\n", (double)roundtrips * (double)size / secs / 1e6);
    printf("result roundtrips %llu\n", (unsigned long long)roundtrips);
    printf("result roundtrip_us %.1f\n",
           roundtrips ? (double)conns * secs * 1e6 / (double)roundtrips : 0.0);
    printf("check mismatches %llu\n", (unsigned long long)mismatches);
    for (long i = 0; i < conns; i++) close(all[i].fd);
    if (roundtrips == 0 && !failed) fprintf(stderr, "echo_client: no round trip completed\n");
    return failed || mismatches || roundtrips == 0 ? 1 : 0;
}
