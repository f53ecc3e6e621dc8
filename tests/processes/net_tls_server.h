/* net_tls_server.h — the TLS server of the net_tls_*_trap.c tests (a header, not a test:
 * run.sh runs the .c files): a process, not linked (its own failed handshake ends it
 * quietly), that serves this run's certificate from /work and tells the root its port. */
#ifndef TESTS_PROCESSES_NET_TLS_SERVER_H
#define TESTS_PROCESSES_NET_TLS_SERVER_H

#include <stdio.h>
#include <stdlib.h>

#include "tycho_net.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    static char bufs[2][8192];
    static int k;
    char *b = bufs[k++ % 2];
    *len = f ? fread(b, 1, 8191, f) : 0;
    if (f) fclose(f);
    return b;
}

static void server(int64_t root) {
    size_t cl, kl;
    const char *cert = slurp("/work/cert.pem", &cl), *key = slurp("/work/key.pem", &kl);
    ty_sockaddr a;
    ty_addr_parse("127.0.0.1:0", &a);
    ty_tls_listener l;
    if (ty_tls_bind(&a, cert, cl, key, kl, &l)) abort();
    ty_tls_listener_addr(l, &a);
    ty_send_raw((ty_pid)root, 4, &a.port, 2);
    ty_tls_stream s;
    ty_tls_accept(l, &s, NULL);
}

static uint16_t start_server(void) {
    ty_pid srv;
    ty_spawn(server, (int64_t)ty_self(), &srv);
    uint16_t port = 0;
    if (ty_receive_tag(4, 10000) != TY_MSG_DATA) abort();
    ty_read_raw(&port, 2);
    return port;
}

#endif
