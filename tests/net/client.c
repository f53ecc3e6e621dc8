/* client.c — the clients of tests/net/run.sh, good and hostile, against the HTTP example
 * (examples/http.c) on 127.0.0.1:PORT. Each mode prints one line of exact results.
 *   client PORT get PATH         one request; prints the status line and the body
 *   client PORT many N           N connections at once, two keep-alive requests on each
 *   client PORT pipeline         three requests in one write
 *   client PORT chunked          a chunked POST (405), then a GET on the same connection
 *   client PORT garbage          bytes that are no request: 400, then the server closes
 *   client PORT oversize         a 9 KiB head: 431, then the server closes
 *   client PORT slowloris N MS   N connections trickling a request a byte every 100 ms
 *                                while another client makes 20 requests; the server must
 *                                close the slow ones after its request timeout (MS)
 *   client PORT vanish N         N clients that send a request and reset the connection
 *                                at once, without reading the answer
 *   client PORT burst N          N connect/close in a row, as fast as possible
 *   client PORT echo N           N round trips of 64 KiB through an echo server */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;

static int dial(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        fprintf(stderr, "client: connect: %s\n", strerror(errno));
        exit(1);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void put(int fd, const char *s, size_t n) {
    while (n) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads one response (status line, headers with Content-Length, body): 0 at the end of
 * the connection, else the status; the body into body (if not NULL). A per-connection
 * buffer keeps what followed. */
typedef struct { int fd; char buf[65536]; size_t len; } conn;

static int fill(conn *c, double timeout) {
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    if (poll(&p, 1, (int)(timeout * 1000)) <= 0) return -1;
    ssize_t n = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
    if (n <= 0) return 0;
    c->len += (size_t)n;
    return 1;
}

static int response(conn *c, char *body, size_t cap) {
    for (;;) {
        char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
        if (end) {
            size_t head = (size_t)(end + 4 - c->buf);
            int status = 0;
            sscanf(c->buf, "HTTP/1.%*d %d", &status);
            size_t clen = 0;
            char *cl = memmem(c->buf, head, "Content-Length: ", 16);
            if (cl) clen = strtoul(cl + 16, NULL, 10);
            while (c->len < head + clen)
                if (fill(c, 10) <= 0) return -1;
            if (body) {
                size_t k = clen < cap - 1 ? clen : cap - 1;
                memcpy(body, c->buf + head, k);
                body[k] = 0;
            }
            memmove(c->buf, c->buf + head + clen, c->len - head - clen);
            c->len -= head + clen;
            return status;
        }
        int r = fill(c, 10);
        if (r <= 0) return r;
    }
}

static const char GET[] = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: client PORT MODE [ARGS]\n"); return 2; }
    port = atoi(argv[1]);
    const char *mode = argv[2];
    int n = argc > 3 ? atoi(argv[3]) : 0;
    static conn c1;
    char body[256];
    if (!strcmp(mode, "get")) {
        c1.fd = dial();
        char req[256];
        snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", argc > 3 ? argv[3] : "/");
        put(c1.fd, req, strlen(req));
        int st = response(&c1, body, sizeof body);
        printf("%d %s", st, body);
        return st == 200 ? 0 : 1;
    }
    if (!strcmp(mode, "many")) {
        conn *cs = calloc((size_t)n, sizeof *cs);
        for (int i = 0; i < n; i++) cs[i].fd = dial();
        for (int i = 0; i < n; i++) put(cs[i].fd, GET, sizeof GET - 1);
        int ok = 0;
        for (int i = 0; i < n; i++) ok += response(&cs[i], body, sizeof body) == 200 && !strcmp(body, "Hello, World!\n");
        for (int i = 0; i < n; i++) put(cs[i].fd, GET, sizeof GET - 1);
        for (int i = 0; i < n; i++) ok += response(&cs[i], body, sizeof body) == 200 && !strcmp(body, "Hello, World!\n");
        for (int i = 0; i < n; i++) close(cs[i].fd);
        free(cs);
        printf("many %d: %d of %d requests answered right\n", n, ok, 2 * n);
        return ok == 2 * n ? 0 : 1;
    }
    if (!strcmp(mode, "pipeline")) {
        c1.fd = dial();
        const char *r = "GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /json HTTP/1.1\r\nHost: t\r\n\r\n"
                        "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n";
        put(c1.fd, r, strlen(r));
        printf("pipeline:");
        for (int i = 0; i < 3; i++) printf(" %d", response(&c1, NULL, 0));
        printf("\n");
        return 0;
    }
    if (!strcmp(mode, "chunked")) {
        c1.fd = dial();
        const char *r = "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n";
        put(c1.fd, r, strlen(r));
        int a = response(&c1, NULL, 0), b = response(&c1, body, sizeof body);
        printf("chunked POST: %d, then GET: %d %s", a, b, body);
        return 0;
    }
    if (!strcmp(mode, "garbage") || !strcmp(mode, "oversize")) {
        c1.fd = dial();
        if (!strcmp(mode, "garbage")) {
            { const char *g = "\x01\x02\x03 not http\r\n\r\n"; put(c1.fd, g, strlen(g)); }
        } else {
            static char big[9300];
            size_t k = (size_t)snprintf(big, sizeof big, "GET / HTTP/1.1\r\nX: ");
            memset(big + k, 'a', 9000);
            memcpy(big + k + 9000, "\r\n\r\n", 4);
            put(c1.fd, big, k + 9004);
        }
        int st = response(&c1, NULL, 0);
        int end = 1;
        while (end > 0 && (end = fill(&c1, 5)) > 0) {}
        printf("%s: %d, then the server %s\n", mode, st, end == 0 ? "closed the connection" : "kept it open");
        return 0;
    }
    if (!strcmp(mode, "slowloris")) {
        double timeout = argc > 4 ? atof(argv[4]) / 1000 : 1;
        int *fds = calloc((size_t)n, sizeof *fds);
        for (int i = 0; i < n; i++) fds[i] = dial();
        int closed = 0, good = 0;
        double start = now_s(), last_close = start;
        for (int step = 0; now_s() - start < timeout + 3 && (closed < n || step < 20); step++) {
            for (int i = 0; i < n; i++) {
                if (fds[i] < 0) continue;
                char ch = GET[step % (int)(sizeof GET - 2)];
                if (send(fds[i], &ch, 1, MSG_NOSIGNAL) != 1) {
                    close(fds[i]);
                    fds[i] = -1;
                    closed++;
                    last_close = now_s();
                    continue;
                }
                struct pollfd p = {.fd = fds[i], .events = POLLIN};
                char b[512];
                if (poll(&p, 1, 0) > 0 && recv(fds[i], b, sizeof b, MSG_DONTWAIT) <= 0) {
                    close(fds[i]);
                    fds[i] = -1;
                    closed++;
                    last_close = now_s();
                }
            }
            if (step < 20) {                      /* meanwhile, a client that is not slow */
                conn *g = calloc(1, sizeof *g);
                g->fd = dial();
                put(g->fd, GET, sizeof GET - 1);
                good += response(g, body, sizeof body) == 200;
                close(g->fd);
                free(g);
            }
            usleep(100000);
        }
        double took = last_close - start;
        for (int i = 0; i < n; i++)
            if (fds[i] >= 0) close(fds[i]);
        free(fds);
        printf("slowloris %d: %d closed by the server, after the timeout and within 3 s of it: %s; "
               "20 other requests meanwhile: %d answered\n",
               n, closed, took >= timeout && took < timeout + 3 ? "yes" : "no", good);
        return 0;
    }
    if (!strcmp(mode, "vanish")) {
        for (int i = 0; i < n; i++) {
            int fd = dial();
            put(fd, GET, sizeof GET - 1);
            struct linger l = {1, 0};           /* close with a reset */
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
            close(fd);
        }
        printf("vanish %d: done\n", n);
        return 0;
    }
    if (!strcmp(mode, "burst")) {
        int refused = 0;
        for (int i = 0; i < n; i++) {
            int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                    .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
            if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) refused++;
            close(fd);
        }
        printf("burst %d: %d refused\n", n, refused);
        return 0;
    }
    if (!strcmp(mode, "echo")) {
        static char out[65536], back[65536];
        int fd = dial(), same = 0;
        for (int r = 0; r < n; r++) {
            for (size_t i = 0; i < sizeof out; i++) out[i] = (char)(i * 31 + (size_t)r);
            put(fd, out, sizeof out);
            size_t got = 0;
            while (got < sizeof back) {
                ssize_t k = recv(fd, back + got, sizeof back - got, 0);
                if (k <= 0) break;
                got += (size_t)k;
            }
            same += got == sizeof back && !memcmp(out, back, sizeof out);
        }
        close(fd);
        printf("echo: %d of %d round trips of 64 KiB came back the same\n", same, n);
        return 0;
    }
    fprintf(stderr, "client: unknown mode %s\n", mode);
    return 2;
}
