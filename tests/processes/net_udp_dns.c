/* net_udp_dns.c — lunatic::networking's UDP functions on loopback (IPv4 and IPv6) and the
 * DNS functions, with exact outcomes: bind, local and peer addresses (peer_addr's
 * "not connected" code), send_to / receive_from, connect / send / receive, a datagram cut
 * to the buffer, broadcast and TTL, clones, a receive that waits for a datagram another
 * process sends later, a socket moved to another process in a message; resolve of
 * "localhost" (offline: /etc/hosts), of address literals, of malformed names, and draining
 * and dropping its iterator. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tycho_net.h"

#define T_SOCK  4
#define T_DONE  5
#define WAIT_MS 10000

static void check(const char *what, int rc) {
    printf("%s: %s%s%s\n", what, rc == 0 ? "ok" : rc == TY_TIMEOUT ? "timeout" : "error",
           rc && rc != TY_TIMEOUT ? " " : "", rc && rc != TY_TIMEOUT ? ty_last_error() : "");
}

/* Sends "late" to the address in `arg` (a port on 127.0.0.1) after 100 ms. */
static void late_sender(int64_t port) {
    ty_udp_socket u;
    ty_udp_open("127.0.0.1:0", &u);
    ty_sleep_ms(100);
    ty_sockaddr to;
    ty_addr_parse("127.0.0.1:0", &to);
    to.port = (uint16_t)port;
    size_t n;
    ty_udp_send_to(u, "late", 4, &to, &n);
}

/* Takes a socket from a message and answers on it. */
static void taker(int64_t parent) {
    if (ty_receive_tag(T_SOCK, WAIT_MS) != TY_MSG_DATA) { puts("taker: no socket"); return; }
    uint64_t index = 0;
    ty_read_u64(&index);
    ty_udp_socket u = ty_msg_take_udp_socket(index);
    size_t n;
    ty_udp_send(u, "from the taker", 14, &n);
    ty_send_raw((ty_pid)parent, T_DONE, "", 0);
}

static void resolve(const char *name, uint64_t timeout_ms) {
    ty_sockaddr a[8];
    size_t n = 0;
    int rc = ty_resolve(name, timeout_ms, a, 8, &n);
    printf("resolve %s: ", name);
    if (rc) {
        printf("%s %s\n", rc == TY_TIMEOUT ? "timeout" : "error", rc == TY_TIMEOUT ? "" : ty_last_error());
        return;
    }
    bool v4 = false;
    char t[64];
    for (size_t i = 0; i < n && i < 8; i++) v4 |= !strcmp(ty_addr_format(&a[i], t, sizeof t), "127.0.0.1:80");
    if (v4) printf("127.0.0.1:80 among the addresses\n");   /* (::1 too, on some hosts) */
    else printf("%zu address%s, first %s\n", n, n == 1 ? "" : "es", ty_addr_format(&a[0], t, sizeof t));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    ty_udp_socket u1, u2;
    check("bind u1 127.0.0.1:0", ty_udp_open("127.0.0.1:0", &u1));
    check("bind u2 127.0.0.1:0", ty_udp_open("127.0.0.1:0", &u2));
    ty_sockaddr a1, a2, from;
    ty_udp_local_addr(u1, &a1);
    ty_udp_local_addr(u2, &a2);
    printf("different ports: %s\n", a1.port != a2.port && a1.port && a2.port ? "yes" : "no");
    int rc = ty_udp_peer_addr(u1, &from);
    printf("peer_addr of an unconnected socket: %s\n", rc == TY_ENOTCONN ? "not connected" : "?");
    size_t n;
    check("send_to u1 -> u2", ty_udp_send_to(u1, "ping", 4, &a2, &n));
    char buf[64] = {0};
    check("receive_from on u2", ty_udp_recv_from(u2, buf, sizeof buf, &n, &from));
    printf("  %zu bytes [%s] from u1: %s\n", n, buf, from.port == a1.port ? "yes" : "no");
    check("connect u2 to u1", ty_udp_connect(u2, &a1, 1000));
    ty_sockaddr peer;
    check("peer_addr", ty_udp_peer_addr(u2, &peer));
    printf("  is u1: %s\n", peer.port == a1.port ? "yes" : "no");
    check("send on u2", ty_udp_send(u2, "0123456789", 10, &n));
    memset(buf, 0, sizeof buf);
    check("receive into 4 bytes", ty_udp_recv(u1, buf, 4, &n));
    printf("  %zu bytes [%s] (the rest of the datagram is gone)\n", n, buf);
    printf("broadcast: %d", ty_udp_broadcast(u1));
    ty_udp_set_broadcast(u1, 1);
    printf(", set: %d\n", ty_udp_broadcast(u1));
    ty_udp_set_ttl(u1, 42);
    printf("ttl set 42: %u\n", ty_udp_ttl(u1));
    ty_udp_socket c = ty_udp_clone(u1);
    ty_udp_close(u1);
    ty_pid p;
    ty_spawn(late_sender, a1.port, &p);
    memset(buf, 0, sizeof buf);
    check("receive on the clone, waiting for a datagram sent 100 ms later", ty_udp_recv(c, buf, sizeof buf, &n));
    printf("  [%s]\n", buf);

    /* a socket moved to another process */
    ty_pid t;
    ty_spawn(taker, (int64_t)ty_self(), &t);
    ty_msg_begin(T_SOCK);
    ty_msg_u64(ty_msg_push_udp_socket(u2));
    ty_send(t);
    if (ty_receive_tag(T_DONE, WAIT_MS) != TY_MSG_DATA) puts("taker did not finish");
    memset(buf, 0, sizeof buf);
    check("the clone receives what the taker sent", ty_udp_recv(c, buf, sizeof buf, &n));
    printf("  [%s]\n", buf);
    ty_udp_close(c);

    /* IPv6 */
    ty_udp_socket v6;
    check("bind [::1]:0", ty_udp_open("[::1]:0", &v6));
    ty_sockaddr a6;
    ty_udp_local_addr(v6, &a6);
    printf("  type %u\n", a6.type);
    check("send_to itself", ty_udp_send_to(v6, "six", 3, &a6, &n));
    memset(buf, 0, sizeof buf);
    check("receive_from", ty_udp_recv_from(v6, buf, sizeof buf, &n, &from));
    char t6[64];
    printf("  [%s] from %s\n", buf, a6.port == from.port && from.type == 6 ? "itself" : ty_addr_format(&from, t6, sizeof t6));
    ty_udp_close(v6);

    /* DNS */
    resolve("localhost:80", 5000);
    resolve("127.0.0.1:8080", 5000);
    resolve("[::1]:443", 5000);
    resolve("localhost", 5000);
    resolve("localhost:99999", 5000);
    resolve(":80", 5000);
    uint64_t it = 0;
    uint32_t r = lunatic_networking_resolve("127.0.0.1:1", 11, UINT64_MAX, &it);
    uint32_t type; uint8_t ip[16]; uint16_t port; uint32_t fl = 77, sc = 77;
    uint32_t first = lunatic_networking_resolve_next(it, &type, ip, &port, &fl, &sc);
    uint32_t second = lunatic_networking_resolve_next(it, &type, ip, &port, &fl, &sc);
    printf("raw resolve: %u, next: %u (type %u, %u.%u.%u.%u port %u; flow info and scope untouched for IPv4: %s), next: %u (exhausted)\n",
           r, first, type, ip[0], ip[1], ip[2], ip[3], port, fl == 77 && sc == 77 ? "yes" : "no", second);
    lunatic_networking_drop_dns_iterator(it);
    return 0;
}
