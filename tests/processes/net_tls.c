/* net_tls.c — lunatic::networking's TLS functions with OpenSSL, against a self-signed
 * certificate made for this run (for the name "localhost" only: setup below): a listener
 * process (tls_bind, tls_local_addr, tls_accept) and the root as the client (tls_connect
 * trusting that certificate; write_vectored, read, flush, timeouts, clones, the end of the
 * stream); a certificate that is not PEM (an error); and the handshakes that fail, which
 * trap the process making them (lunatic-abi.md §6): a server that does not speak TLS and
 * a client that sends garbage to tls_accept. (A client that rejects the certificate makes
 * both ends fail at once: net_tls_untrusted_trap.c and net_tls_name_trap.c, where the
 * client is the root.) */
//! setup: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null
//! options: --log-failures --dir @WORK@::/work
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tycho_net.h"

#define T_PORT    4
#define T_DONE    5
#define LINK_BASE 100
#define WAIT_MS   10000

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { printf("cannot read %s\n", path); exit(1); }
    static char bufs[2][8192];
    static int k;
    char *b = bufs[k++ % 2];
    *len = fread(b, 1, 8191, f);
    b[*len] = 0;
    fclose(f);
    return b;
}

static void check(const char *what, int rc) {
    printf("%s: %s%s%s\n", what, rc == 0 ? "ok" : rc == TY_TIMEOUT ? "timeout" : "error",
           rc && rc != TY_TIMEOUT ? " " : "", rc && rc != TY_TIMEOUT ? ty_last_error() : "");
}

/* The TLS server: binds, tells the root its port, then for each connection echoes until
 * the client closes. A failed handshake traps it (the root sees that through a link). */
static void server(int64_t root) {
    size_t cl, kl;
    const char *cert = slurp("/work/cert.pem", &cl), *key = slurp("/work/key.pem", &kl);
    ty_sockaddr a;
    ty_addr_parse("127.0.0.1:0", &a);
    ty_tls_listener l;
    if (ty_tls_bind(&a, cert, cl, key, kl, &l)) { printf("server: %s\n", ty_last_error()); return; }
    ty_tls_listener_addr(l, &a);
    send_u64((ty_pid)root, T_PORT, a.port);
    for (;;) {
        ty_tls_stream s;
        ty_sockaddr peer;
        if (ty_tls_accept(l, &s, &peer)) { printf("accept: %s\n", ty_last_error()); return; }
        char buf[256];
        size_t n;
        while (ty_tls_read(s, buf, sizeof buf, &n) == 0 && n) ty_tls_write_all(s, buf, n);
        ty_tls_close(s);
    }
}

static char ca[8192];
static size_t ca_len;


/* A child that connects to a server that answers with garbage: its handshake fails. */
static void failing(int64_t arg) {
    ty_pid parent = (ty_pid)((uint64_t)arg & 0xFFFFFFFFu);
    ty_send_raw(parent, 2, "", 0);
    ty_tls_stream s;
    int rc = ty_tls_connect("localhost", (uint16_t)((uint64_t)arg >> 32), 5000, NULL, NULL, 0, &s);
    printf("(survived: %d %s)\n", rc, ty_last_error());
    ty_send_raw(parent, 3, "", 0);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    ty_die_when_link_dies(0);
    const char *c = slurp("/work/cert.pem", &ca_len);
    memcpy(ca, c, ca_len);
    ty_pid srv;
    ty_spawn_link(50, server, (int64_t)ty_self(), &srv);
    if (ty_receive_tag(T_PORT, WAIT_MS) != TY_MSG_DATA) { puts("no server"); return 1; }
    uint16_t port = (uint16_t)msg_u64();
    puts("server listening");

    ty_sockaddr a;
    ty_addr_parse("127.0.0.1:0", &a);
    ty_tls_listener bad;
    check("tls_bind with a certificate that is not PEM", ty_tls_bind(&a, "garbage", 7, "garbage", 7, &bad));
    size_t kl;
    const char *key = slurp("/work/key.pem", &kl);
    check("tls_bind with the key as the certificate", ty_tls_bind(&a, key, kl, key, kl, &bad));

    const char *cas[1] = {ca};
    size_t lens[1] = {ca_len};
    ty_tls_stream s;
    check("tls_connect localhost, trusting the certificate", ty_tls_connect("localhost", port, 5000, cas, lens, 1, &s));
    ty_iovec iov[2] = {{"hello ", 6}, {"tls", 3}};
    size_t n;
    check("write_vectored", ty_tls_writev(s, iov, 2, &n));
    printf("  wrote %zu\n", n);
    check("flush", ty_tls_flush(s));
    char buf[64] = {0};
    size_t got = 0;
    while (got < 9 && ty_tls_read(s, buf + got, sizeof buf - got, &n) == 0 && n) got += n;
    printf("echoed: [%s]\n", buf);
    printf("read timeout by default: %s\n", ty_tls_read_timeout(s) == UINT64_MAX ? "none" : "set");
    ty_tls_stream c2 = ty_tls_clone(s);
    ty_tls_set_read_timeout(s, 100);
    printf("the clone's read timeout: %llu\n", (unsigned long long)ty_tls_read_timeout(c2));
    check("read with nothing to read", ty_tls_read(c2, buf, sizeof buf, &n));
    ty_tls_set_write_timeout(c2, 1000);
    printf("write timeout: %llu\n", (unsigned long long)ty_tls_write_timeout(s));
    ty_tls_close(s);
    ty_tls_close(c2);

    /* a plain TCP server, for the handshake that fails */
    ty_tcp_listener plain;
    ty_tcp_listen("127.0.0.1:0", &plain);
    ty_sockaddr pa;
    ty_tcp_listener_addr(plain, &pa);
    trap_case tc = {.tag = LINK_BASE};
    if (ty_spawn_config(TY_INHERIT, tc.tag, failing, (int64_t)((uint64_t)pa.port << 32 | ty_self()), &tc.pid)) {
        puts("spawn failed");
        return 1;
    }
    ty_monitor(tc.pid);
    ty_tcp_stream t;
    ty_tcp_accept(plain, &t, NULL);
    ty_tcp_write_all(t, "HTTP/1.1 400 Bad Request\r\n\r\n", 28);
    ty_tcp_close(t);
    tc.before = ty_receive_tag(2, WAIT_MS);
    int64_t tags[2] = {tc.tag, 3};
    tc.after = ty_receive(tags, 2, WAIT_MS);
    tc.its_tag = tc.after == TY_MSG_LINK_DIED && ty_msg_tag() == tc.tag;
    trap_case_end(&tc, WAIT_MS);
    printf("tls_connect to a server that does not speak TLS: %s, %s%s, %s\n", recv_name(tc.before),
           recv_name(tc.after), tc.its_tag ? " (its tag)" : "", recv_name(tc.last));

    /* garbage to tls_accept: the server process traps (it is linked to the root) */
    ty_sockaddr sa;
    ty_addr_parse("127.0.0.1:0", &sa);
    sa.port = port;
    ty_tcp_stream g;
    ty_tcp_connect(&sa, 5000, &g);
    ty_tcp_write_all(g, "GET / HTTP/1.1\r\n\r\n", 18);
    int rc = ty_receive_tag(50, WAIT_MS);
    printf("garbage to tls_accept: the server process: %s%s\n", recv_name(rc),
           rc == TY_MSG_LINK_DIED ? " (its link tag)" : "");
    ty_tcp_close(g);
    return 0;
}
