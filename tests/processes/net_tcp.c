/* net_tcp.c — lunatic::networking's TCP functions on loopback, with exact outcomes:
 * bind (and the errors: the port taken), local/peer addresses, connect (refused,
 * unreachable), accept,
 * write_vectored, read, peek, flush, the three timeouts (9027 on time, u64::MAX = none,
 * shared by clones), clones, a peer that closes (read 0), a stream moved to another
 * process in the middle of a conversation (push/take_tcp_stream), a stream in a message
 * that is never received (closed with the message), and the misuses that trap the caller
 * only (unknown ids, a bad address type, addresses and buffers outside memory), seen
 * through links with --log-failures. */
//! options: --log-failures
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "tycho_net.h"

#define T_BEFORE  2
#define T_AFTER   3
#define T_STREAM  4
#define T_DONE    5
#define LINK_BASE 100
#define WAIT_MS   10000

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void check(const char *what, int rc) {
    printf("%s: %s%s%s\n", what, rc == 0 ? "ok" : rc == TY_TIMEOUT ? "timeout" : "error",
           rc && rc != TY_TIMEOUT ? " " : "", rc && rc != TY_TIMEOUT ? ty_last_error() : "");
}

/* A connected pair on loopback: *a is the client side, *b the accepted one. */
static void pair(ty_tcp_listener l, ty_tcp_stream *a, ty_tcp_stream *b) {
    ty_sockaddr la;
    if (ty_tcp_listener_addr(l, &la) || ty_tcp_connect(&la, 5000, a) || ty_tcp_accept(l, b, NULL)) {
        printf("pair failed: %s\n", ty_last_error());
        exit(1);
    }
}

static void read_exact(ty_tcp_stream s, size_t n, const char *what) {
    char buf[256] = {0};
    size_t got = 0, total = 0;
    while (total < n) {
        int rc = ty_tcp_read(s, buf + total, n - total, &got);
        if (rc || got == 0) { printf("%s: read failed (%d)\n", what, rc); return; }
        total += got;
    }
    printf("%s: [%s]\n", what, buf);
}

/* ---- a process continuing a conversation it received in a message -------------------- */

static void taker(int64_t parent) {
    if (ty_receive_tag(T_STREAM, WAIT_MS) != TY_MSG_DATA) { puts("taker: no stream"); return; }
    uint64_t index = 0;
    ty_read_u64(&index);
    ty_tcp_stream s = ty_msg_take_tcp_stream(index);
    read_exact(s, 6, "taker reads the rest");
    ty_tcp_write_all(s, "from the taker", 14);
    ty_send_raw((ty_pid)parent, T_DONE, "", 0);
}

/* ---- misuses: each traps the process making it ----------------------------------------- */

static const char *const misuse_names[] = {
    "tcp_read of an unknown stream", "tcp_accept of an unknown listener",
    "drop_tcp_stream of an unknown id", "tcp_bind with address type 5",
    "tcp_connect with an address outside memory", "tcp_read into a buffer outside memory",
    "tcp_write_vectored of a ciovec outside memory", "take_tcp_stream from an empty message",
    "push_tcp_stream of an unknown id", "resolve_next of an unknown iterator",
};

static void misuse(int64_t arg) {
    ty_pid parent;
    int which = misuse_start(arg, T_BEFORE, &parent);
    uint64_t out = 0, out2 = 0;
    uint8_t ip[4] = {127, 0, 0, 1};
    static uint32_t ciovec[2] = {0xFFFFFF00u, 64};
    switch (which) {
    case 0: lunatic_networking_tcp_read(77, ip, 4, &out); break;
    case 1: lunatic_networking_tcp_accept(77, &out, &out2); break;
    case 2: lunatic_networking_drop_tcp_stream(77); break;
    case 3: lunatic_networking_tcp_bind(5, ip, 0, 0, 0, &out); break;
    case 4: lunatic_networking_tcp_connect(6, (const uint8_t *)0xFFFFFFF8u, 1, 0, 0, 100, &out); break;
    case 5: {
        ty_tcp_listener l;
        ty_tcp_stream a, b;
        ty_tcp_listen("127.0.0.1:0", &l);
        pair(l, &a, &b);
        lunatic_networking_tcp_read(a, (void *)0xFFFFFFF0u, 64, &out);
        break;
    }
    case 6: {
        ty_tcp_listener l;
        ty_tcp_stream a, b;
        ty_tcp_listen("127.0.0.1:0", &l);
        pair(l, &a, &b);
        lunatic_networking_tcp_write_vectored(a, ciovec, 1, &out);
        break;
    }
    case 7: ty_msg_begin(1); lunatic_message_take_tcp_stream(0); break;
    case 8: ty_msg_begin(1); lunatic_message_push_tcp_stream(77); break;
    case 9: {
        uint32_t t; uint16_t port;
        lunatic_networking_resolve_next(77, &t, ip, &port, &t, &t);
        break;
    }
    }
    ty_send_raw(parent, T_AFTER, "", 0);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    ty_tcp_listener l;
    check("bind 127.0.0.1:0", ty_tcp_listen("127.0.0.1:0", &l));
    ty_sockaddr la;
    check("local address", ty_tcp_listener_addr(l, &la));
    printf("  type %u, port chosen: %s\n", la.type, la.port ? "yes" : "no");
    char text[64];
    ty_tcp_listener l2;
    int rc = ty_tcp_bind(&la, &l2);
    check("bind the same port again", rc);

    /* a port where nobody listens: bind one, learn it, close it */
    ty_tcp_listener tmp;
    ty_sockaddr closed;
    ty_tcp_listen("127.0.0.1:0", &tmp);
    ty_tcp_listener_addr(tmp, &closed);
    ty_tcp_listener_close(tmp);
    ty_tcp_stream x;
    check("connect to a closed port", ty_tcp_connect(&closed, 5000, &x));
    /* (a multicast address: the kernel refuses TCP to it before any packet leaves) */
    check("connect to 224.0.0.1:80", ty_tcp_connect_to("224.0.0.1:80", 5000, &x));

    ty_tcp_stream a, b;
    pair(l, &a, &b);
    puts("connect + accept: ok");
    ty_sockaddr pa, pb;
    ty_tcp_peer_addr(a, &pa);
    ty_tcp_peer_addr(b, &pb);
    printf("client's peer is the listener: %s\n", pa.port == la.port ? "yes" : "no");
    printf("accepted peer: %s\n", strncmp(ty_addr_format(&pb, text, sizeof text), "127.0.0.1:", 10) ? text : "127.0.0.1:<port>");

    /* write_vectored, peek, read */
    ty_iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three", 5}};
    size_t n = 0;
    check("write_vectored of 3 buffers", ty_tcp_writev(a, iov, 3, &n));
    printf("  wrote %zu\n", n);
    char buf[64] = {0};
    check("peek", ty_tcp_peek(b, buf, 7, &n));
    printf("  peeked %zu [%s]\n", n, buf);
    read_exact(b, 13, "read all 13");
    check("flush", ty_tcp_flush(a));

    /* timeouts */
    printf("read timeout by default: %s\n", ty_tcp_read_timeout(b) == UINT64_MAX ? "none" : "set");
    ty_tcp_set_read_timeout(b, 150);
    ty_tcp_stream bc = ty_tcp_clone(b);
    printf("the clone's read timeout: %llu\n", (unsigned long long)ty_tcp_read_timeout(bc));
    uint64_t t0 = now_ms();
    rc = ty_tcp_read(b, buf, sizeof buf, &n);
    uint64_t el = now_ms() - t0;
    printf("read with nothing to read: %s after >= 150 ms: %s, < 3 s: %s\n",
           rc == TY_TIMEOUT ? "timeout" : "not a timeout", el >= 150 ? "yes" : "no", el < 3000 ? "yes" : "no");
    ty_tcp_set_peek_timeout(b, 50);
    t0 = now_ms();
    rc = ty_tcp_peek(b, buf, sizeof buf, &n);
    el = now_ms() - t0;
    printf("peek timeout 50 ms: %s, on time: %s\n", rc == TY_TIMEOUT ? "timeout" : "?", el >= 50 ? "yes" : "no");
    ty_tcp_set_read_timeout(b, UINT64_MAX);
    printf("cleared: %s\n", ty_tcp_read_timeout(bc) == UINT64_MAX ? "none" : "set");
    /* a write timeout: the peer does not read, the buffers fill */
    ty_tcp_set_write_timeout(a, 200);
    static char big[65536];
    size_t total = 0;
    for (int i = 0; i < 10000; i++) {
        rc = ty_tcp_write(a, big, sizeof big, &n);
        if (rc) break;
        total += n;
    }
    printf("writing to a peer that does not read: %s after more than 64 KiB: %s\n",
           rc == TY_TIMEOUT ? "timeout" : "?", total > 65536 ? "yes" : "no");
    ty_tcp_close(a);
    /* drain b until the end: the clone sees the same connection */
    size_t drained = 0;
    while (ty_tcp_read(bc, big, sizeof big, &n) == 0 && n) drained += n;
    printf("after the peer closed: drained everything it wrote: %s, then read returns 0\n",
           drained == total ? "yes" : "no");
    ty_tcp_close(b);
    ty_tcp_close(bc);

    /* a stream moved to another process mid-conversation */
    pair(l, &a, &b);
    ty_tcp_write_all(a, "hello world", 11);
    read_exact(b, 5, "the first process reads");
    ty_pid t;
    ty_spawn(taker, (int64_t)ty_self(), &t);
    ty_msg_begin(T_STREAM);
    ty_msg_u64(ty_msg_push_tcp_stream(b));
    ty_send(t);
    if (ty_receive_tag(T_DONE, WAIT_MS) != TY_MSG_DATA) puts("taker did not finish");
    read_exact(a, 14, "the client reads the taker's answer");
    size_t got = 0;
    check("then the taker's end is closed (its process ended): read", ty_tcp_read(a, buf, sizeof buf, &got));
    printf("  %zu bytes\n", got);
    ty_tcp_close(a);

    /* a stream in a message nobody receives: closed when the message is dropped */
    pair(l, &a, &b);
    ty_msg_begin(T_STREAM);
    ty_msg_u64(ty_msg_push_tcp_stream(b));
    ty_msg_begin(0);                          /* the message being built is dropped */
    check("the peer of a stream dropped in a message: read", ty_tcp_read(a, buf, sizeof buf, &got));
    printf("  %zu bytes (closed)\n", got);
    ty_tcp_close(a);
    ty_tcp_listener_close(l);

    misuse_cases(misuse_names, COUNT_OF(misuse_names), misuse, LINK_BASE, T_BEFORE, T_AFTER, WAIT_MS);
    return 0;
}
