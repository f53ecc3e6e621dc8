/* tls_echo.c — a TLS echo server: one process per connection.
 *
 *   make build/examples/processes/tls_echo.wasm
 *   mkdir -p /tmp/certs && openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
 *       -subj /CN=localhost -keyout /tmp/certs/key.pem -out /tmp/certs/cert.pem
 *   build/tycho run --dir /tmp/certs::certs build/examples/processes/tls_echo.wasm \
 *       127.0.0.1:7443 certs/cert.pem certs/key.pem
 *   openssl s_client -connect 127.0.0.1:7443 -quiet
 *
 * Arguments: ADDR CERT.pem KEY.pem (the certificate chain and its private key, PEM). The
 * files are read with WASI, so tycho must be given the directory that holds them with
 * --dir (without it: "Capabilities insufficient"). Prints one line, "listening on
 * 127.0.0.1:PORT" ("127.0.0.1:0" picks a free port), and serves until it is killed.
 *
 * The processes: the root reads the files and spawns an ACCEPTOR, which binds the TLS
 * listener, reports the address it got, and accepts in a loop; each accepted stream is
 * moved (ty_msg_push_tls_stream) to a new CONNECTION process that echoes every byte back
 * (64 KiB buffer) until the client closes. A failed TLS handshake traps the process that
 * calls tls_accept (the ABI's rule): the acceptor dies, the root, which monitors it,
 * spawns a new one on the same address, and the connections already open go on. A slow
 * handshake holds the accept loop while it lasts (the handshake is inside tls_accept). */
#include <stdio.h>
#include <stdlib.h>

#include "tycho_net.h"

enum {
    TAG_SETUP = 1,  /* root -> acceptor: [ty_sockaddr][bytes cert][bytes key][u8 first start] */
    TAG_READY,      /* acceptor -> root: [i32 0][ty_sockaddr bound] or [i32 error][str text] */
    TAG_CONN,       /* acceptor -> connection: [u64 stream index] */
};

static char buf[65536];

static void connection(int64_t arg) {
    (void)arg;
    uint64_t index;
    size_t got;
    if (ty_receive_tag(TAG_CONN, 60000) != TY_MSG_DATA || ty_read_u64(&index) != TY_OK) return;
    ty_tls_stream s = ty_msg_take_tls_stream(index);
    while (ty_tls_read(s, buf, sizeof buf, &got) == TY_OK && got > 0)
        if (ty_tls_write_all(s, buf, got) != TY_OK) break;
    /* Returning ends the process, which closes the stream. */
}

/* A ty_msg_bytes value into a new buffer (malformed setup: trap). */
static char *read_bytes(size_t *len) {
    uint64_t n;
    char *p;
    if (ty_read_u64(&n) != TY_OK || !(p = malloc(n ? n : 1)) || ty_read_raw(p, n) != n) abort();
    *len = n;
    return p;
}

static void acceptor(int64_t root) {
    ty_sockaddr addr;
    uint8_t first;
    size_t cert_len, key_len;
    if (ty_receive_tag(TAG_SETUP, TY_NO_TIMEOUT) != TY_MSG_DATA ||
        ty_read_raw(&addr, sizeof addr) != sizeof addr)
        abort();
    char *cert = read_bytes(&cert_len), *key = read_bytes(&key_len);
    if (ty_read_u8(&first) != TY_OK) abort();

    ty_tls_listener l;
    int rc = ty_tls_bind(&addr, cert, cert_len, key, key_len, &l);
    /* After a restart the old listener's socket may take a moment to be closed. */
    for (int tries = 0; rc != TY_OK && !first && tries < 20; tries++) {
        ty_sleep_ms(100);
        rc = ty_tls_bind(&addr, cert, cert_len, key, key_len, &l);
    }
    free(cert);
    free(key);
    if (rc == TY_OK) rc = ty_tls_listener_addr(l, &addr);
    ty_msg_begin(TAG_READY);
    ty_msg_i32(rc);
    if (rc == TY_OK) ty_msg_raw(&addr, sizeof addr);
    else ty_msg_str(ty_last_error());
    ty_send((ty_pid)root);
    if (rc != TY_OK) return;

    for (;;) {
        ty_tls_stream s;
        ty_pid pid;
        if (ty_tls_accept(l, &s, NULL) != TY_OK) {   /* a failed handshake traps instead */
            ty_sleep_ms(10);                          /* e.g. out of file descriptors */
            continue;
        }
        if (ty_spawn(connection, 0, &pid) != TY_OK) {
            ty_tls_close(s);
            continue;
        }
        ty_msg_begin(TAG_CONN);
        ty_msg_u64(ty_msg_push_tls_stream(s));
        ty_send(pid);
    }
}

/* The whole file in a new buffer, or NULL (errno set). */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t n = 0, cap = 0, got;
    if (!f) return NULL;
    do {
        if (n == cap) {
            char *q = realloc(p, cap = cap ? 2 * cap : 8192);
            if (!q) break;
            p = q;
        }
        n += got = fread(p + n, 1, cap - n, f);
    } while (got > 0);
    int bad = ferror(f) || n == 0;
    fclose(f);
    if (bad) {
        free(p);
        return NULL;
    }
    *len = n;
    return p;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: tycho run --dir DIR tls_echo.wasm ADDR DIR/CERT.pem DIR/KEY.pem\n");
        return 2;
    }
    size_t cert_len, key_len;
    char *cert = read_file(argv[2], &cert_len), *key = read_file(argv[3], &key_len);
    if (!cert || !key) {
        perror(!cert ? argv[2] : argv[3]);
        fprintf(stderr, "tls_echo: (is its directory given to tycho with --dir?)\n");
        return 1;
    }
    ty_sockaddr addr;
    if (ty_addr_parse(argv[1], &addr) != TY_OK) {
        fprintf(stderr, "tls_echo: %s\n", ty_last_error());
        return 1;
    }

    /* Start the acceptor; start it again whenever it dies (a failed handshake). */
    for (uint8_t first = 1;; first = 0) {
        ty_pid acc;
        if (ty_spawn(acceptor, (int64_t)ty_self(), &acc) != TY_OK) {
            fprintf(stderr, "tls_echo: %s\n", ty_last_error());
            return 1;
        }
        ty_msg_begin(TAG_SETUP);
        ty_msg_raw(&addr, sizeof addr);
        ty_msg_bytes(cert, cert_len);
        ty_msg_bytes(key, key_len);
        ty_msg_u8(first);
        ty_send(acc);
        ty_monitor(acc);

        int ready = 0;
        for (;;) {
            int code = ty_receive(NULL, 0, TY_NO_TIMEOUT);
            if (code == TY_MSG_PROCESS_DIED && ty_msg_dead_pid() == acc) break;
            if (code != TY_MSG_DATA || ty_msg_tag() != TAG_READY) continue;
            int32_t status;
            char text[256];
            if (ty_read_i32(&status) != TY_OK) return 1;
            if (status != TY_OK) {
                ty_read_str(text, sizeof text);
                fprintf(stderr, "tls_echo: %s: %s\n", argv[1], text);
                return 1;
            }
            ready = 1;
            if (first) {
                ty_read_raw(&addr, sizeof addr);   /* the port, if it was 0 */
                printf("listening on %s\n", ty_addr_format(&addr, text, sizeof text));
                fflush(stdout);
            }
        }
        if (!ready) {
            fprintf(stderr, "tls_echo: the acceptor failed before it was listening\n");
            return 1;
        }
    }
}
