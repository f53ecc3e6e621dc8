/* tls.c — TLS for lunatic::networking over OpenSSL (libssl from Debian): listeners with a
 * PEM certificate chain and key, server and client handshakes, reads and writes. The
 * socket underneath is an ordinary non-blocking tr_sock: SSL_ERROR_WANT_READ/WRITE park
 * the process on it exactly as EAGAIN does (net.h). A connection's SSL object is used by
 * one call at a time (its own lock: clones may live in several processes).
 *
 * The ABI's rules: a failed handshake (tls_accept, tls_connect) traps the process
 * (TR_NET_FATAL); tls_connect with no CA certificates trusts the system's store (loaded
 * once, shared by every connection); the host name given is the SNI name and the name
 * the certificate must match. */
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core.h"
#include "net.h"

struct tr_tls {
    SSL_CTX *ctx;              /* a listener's (owned); NULL for a connection */
    SSL *ssl;                  /* a connection's */
    tr_mutex lock;
};

/* The last OpenSSL error, or `what` when there is none. */
static void ssl_message(char *err, size_t errlen, const char *what) {
    unsigned long e = ERR_get_error();
    char buf[256];
    if (e) ERR_error_string_n(e, buf, sizeof buf);
    snprintf(err, errlen, "%s%s%s", what, e ? ": " : "", e ? buf : "");
    ERR_clear_error();
}

void tr_tls_free(struct tr_tls *t) {
    if (!t) return;
    if (t->ssl) SSL_free(t->ssl);
    if (t->ctx) SSL_CTX_free(t->ctx);
    free(t);
}

static struct tr_tls *tls_new(SSL_CTX *ctx, SSL *ssl) {
    struct tr_tls *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->ctx = ctx;
    t->ssl = ssl;
    tr_mutex_init(&t->lock);
    return t;
}

/* ---- listeners ---------------------------------------------------------------------------- */

static SSL_CTX *server_ctx(const char *cert, size_t cert_len, const char *key, size_t key_len,
                           char *err, size_t errlen) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    BIO *cb = BIO_new_mem_buf(cert, (int)cert_len), *kb = BIO_new_mem_buf(key, (int)key_len);
    X509 *x = NULL;
    EVP_PKEY *pk = NULL;
    bool ok = false;
    if (!ctx || !cb || !kb) { snprintf(err, errlen, "out of memory"); goto out; }
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (!(x = PEM_read_bio_X509(cb, NULL, NULL, NULL))) {
        ssl_message(err, errlen, "invalid certificate (PEM)");
        goto out;
    }
    if (SSL_CTX_use_certificate(ctx, x) != 1) { ssl_message(err, errlen, "invalid certificate"); goto out; }
    X509 *extra;                              /* the rest of the chain */
    while ((extra = PEM_read_bio_X509(cb, NULL, NULL, NULL)))
        if (SSL_CTX_add_extra_chain_cert(ctx, extra) != 1) { X509_free(extra); break; }
    ERR_clear_error();                        /* (the end of the PEM text) */
    if (!(pk = PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL))) {
        ssl_message(err, errlen, "invalid private key (PEM)");
        goto out;
    }
    if (SSL_CTX_use_PrivateKey(ctx, pk) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
        ssl_message(err, errlen, "the private key does not match the certificate");
        goto out;
    }
    ok = true;
out:
    X509_free(x);
    EVP_PKEY_free(pk);
    BIO_free(cb);
    BIO_free(kb);
    if (!ok && ctx) { SSL_CTX_free(ctx); ctx = NULL; }
    return ctx;
}

int tr_tls_bind(tr_process *p, const tr_addr *a, const char *cert, size_t cert_len,
                const char *key, size_t key_len, tr_sock **out, char *err, size_t errlen) {
    SSL_CTX *ctx = server_ctx(cert, cert_len, key, key_len, err, errlen);
    if (!ctx) return 1;
    struct tr_tls *t = tls_new(ctx, NULL);
    if (!t) { SSL_CTX_free(ctx); snprintf(err, errlen, "out of memory"); return 1; }
    int fd = tr_tcp_bound_fd(a, err, errlen);
    tr_sock *s = fd >= 0 ? tr_sock_new(p->rt, fd, TR_SOCK_TLS_LISTENER, err, errlen) : NULL;
    if (!s) { tr_tls_free(t); return 1; }
    s->tls = t;
    *out = s;
    return 0;
}

/* ---- handshakes ---------------------------------------------------------------------------- */

/* One handshake step on s: TR_STEP_DONE, TR_STEP_BLOCK (parked), or TR_STEP_FAIL. */
static int handshake_step(tr_process *p, tr_sock *s, uint64_t timeout_ms, char *err, size_t errlen) {
    struct tr_tls *t = s->tls;
    for (;;) {
        unsigned gen = atomic_load(&s->gen);
        tr_mutex_lock(&t->lock);
        ERR_clear_error();
        int r = SSL_do_handshake(t->ssl);
        int e = r == 1 ? SSL_ERROR_NONE : SSL_get_error(t->ssl, r);
        if (e != SSL_ERROR_NONE && e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
            long v = SSL_get_verify_result(t->ssl);
            if (v != X509_V_OK)
                snprintf(err, errlen, "TLS handshake failed: certificate verify failed: %s",
                         X509_verify_cert_error_string(v));
            else
                ssl_message(err, errlen, "TLS handshake failed");
        }
        tr_mutex_unlock(&t->lock);
        if (e == SSL_ERROR_NONE) return TR_STEP_DONE;
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return TR_STEP_FAIL;
        int w = tr_sock_wait(p, s, gen, timeout_ms);
        if (w == TR_PARKED) return TR_STEP_BLOCK;
        if (w == TR_NOMEM) { snprintf(err, errlen, "out of memory"); return TR_STEP_FAIL; }
    }
}

typedef struct {
    tr_io_op op;
    tr_sock *sock;             /* the connection, once accepted / connecting */
    struct tr_lookup *lk;      /* tls_connect: the lookup */
    tr_dns *addrs;             /* tls_connect: the addresses to try */
    tr_addr peer;
    int stage;
} tls_op;
enum { ST_ACCEPT, ST_RESOLVE, ST_CONNECT, ST_HANDSHAKE };

static void tls_op_free(tr_io_op *op) {
    tls_op *o = (tls_op *)op;
    tr_sock_unref(o->sock);
    tr_lookup_drop(o->lk);
    tr_dns_free(o->addrs);
    free(o);
}

static tls_op *tls_op_get(tr_process *p, int first_stage, char *err, size_t errlen) {
    tls_op *o = (tls_op *)p->io_op;
    if (o) return o;
    if (!(o = calloc(1, sizeof *o))) { snprintf(err, errlen, "out of memory"); return NULL; }
    o->op.free = tls_op_free;
    o->stage = first_stage;
    p->io_op = &o->op;
    return o;
}

/* Ends the call: the op freed, the wait ended. */
static tw_host_status tls_done(tr_process *p, tls_op *o, int code, int *out_code) {
    tr_sock_wait_end(p);
    p->io_op = NULL;
    tls_op_free(&o->op);
    *out_code = code;
    return TW_HOST_OK;
}

/* Makes s (a connected TCP socket) a TLS connection of ctx, in the given role. */
static bool attach_ssl(tr_sock *s, SSL_CTX *ctx, bool server, const char *host, char *err,
                       size_t errlen) {
    SSL *ssl = SSL_new(ctx);
    struct tr_tls *t = ssl ? tls_new(NULL, ssl) : NULL;
    if (!t) {
        if (ssl) SSL_free(ssl);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    SSL_set_fd(ssl, s->fd);
    if (server) {
        SSL_set_accept_state(ssl);
    } else {
        SSL_set_connect_state(ssl);
        unsigned char ip[16];
        bool is_ip = inet_pton(AF_INET, host, ip) == 1 || inet_pton(AF_INET6, host, ip) == 1;
        if (is_ip) X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
        else {
            SSL_set_tlsext_host_name(ssl, host);
            SSL_set1_host(ssl, host);
        }
    }
    s->tls = t;
    s->kind = TR_SOCK_TLS;
    return true;
}

tw_host_status tr_tls_accept(tw_hostcall *hc, tr_sock *l, tr_sock **out, tr_addr *peer, int *code,
                             char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    tls_op *o = tls_op_get(p, ST_ACCEPT, err, errlen);
    if (!o) { *code = 1; return TW_HOST_OK; }
    if (o->stage == ST_ACCEPT) {
        int fd;
        int st = tr_accept_step(p, l, &fd, &o->peer, err, errlen);
        if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
        if (st == TR_STEP_FAIL) return tls_done(p, o, 1, code);
        if (!(o->sock = tr_sock_new(p->rt, fd, TR_SOCK_TCP, err, errlen)) ||
            !attach_ssl(o->sock, l->tls->ctx, true, NULL, err, errlen))
            return tls_done(p, o, 1, code);
        o->stage = ST_HANDSHAKE;
        tr_sock_wait_end(p);                  /* (the wait for the listener is over) */
    }
    int st = handshake_step(p, o->sock, UINT64_MAX, err, errlen);
    if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
    if (st == TR_STEP_FAIL) return tls_done(p, o, TR_NET_FATAL, code);
    *out = o->sock;
    *peer = o->peer;
    o->sock = NULL;
    return tls_done(p, o, 0, code);
}

/* ---- clients ------------------------------------------------------------------------------ */

static SSL_CTX *system_ctx;
static pthread_once_t system_once = PTHREAD_ONCE_INIT;

static SSL_CTX *client_ctx_new(void) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) return NULL;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return ctx;
}

static void system_ctx_init(void) {
    system_ctx = client_ctx_new();
    if (system_ctx && SSL_CTX_set_default_verify_paths(system_ctx) != 1) ERR_clear_error();
}

/* A client context trusting the n PEM certificates (n == 0: the system's store, shared:
 * one more reference). */
static SSL_CTX *client_ctx(const char *const *cas, const size_t *lens, uint32_t n, char *err,
                           size_t errlen) {
    if (n == 0) {
        pthread_once(&system_once, system_ctx_init);
        if (!system_ctx || SSL_CTX_up_ref(system_ctx) != 1) {
            snprintf(err, errlen, "cannot set up TLS");
            return NULL;
        }
        return system_ctx;
    }
    SSL_CTX *ctx = client_ctx_new();
    if (!ctx) { snprintf(err, errlen, "out of memory"); return NULL; }
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    for (uint32_t i = 0; i < n; i++) {
        BIO *b = BIO_new_mem_buf(cas[i], (int)lens[i]);
        X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
        BIO_free(b);
        if (!x || X509_STORE_add_cert(store, x) != 1) {
            X509_free(x);
            ssl_message(err, errlen, "invalid CA certificate (PEM)");
            SSL_CTX_free(ctx);
            return NULL;
        }
        X509_free(x);
    }
    return ctx;
}

tw_host_status tr_tls_connect(tw_hostcall *hc, const char *host, uint16_t port, uint64_t timeout_ms,
                              const char *const *cas, const size_t *ca_lens, uint32_t n,
                              tr_sock **out, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    bool first = p->io_op == NULL;
    tls_op *o = tls_op_get(p, ST_RESOLVE, err, errlen);
    if (!o) { *code = 1; return TW_HOST_OK; }
    if (!first && tr_sock_timed_out(p)) return tls_done(p, o, TR_TIMEOUT, code);
    if (o->stage == ST_RESOLVE) {
        int st = tr_lookup_step(p, &o->lk, host, port, timeout_ms, &o->addrs, err, errlen);
        if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
        if (st == TR_STEP_FAIL) return tls_done(p, o, 1, code);
        o->stage = ST_CONNECT;
    }
    if (o->stage == ST_CONNECT) {
        for (;;) {
            if (!o->sock && !tr_dns_next(o->addrs, &o->peer)) {
                if (!*err) snprintf(err, errlen, "could not resolve to any addresses");
                return tls_done(p, o, 1, code);
            }
            int st = tr_connect_step(p, &o->sock, &o->peer, timeout_ms, err, errlen);
            if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
            if (st == TR_STEP_DONE) break;
            tr_sock_unref(o->sock);           /* this address failed: the next one */
            o->sock = NULL;
        }
        SSL_CTX *ctx = client_ctx(cas, ca_lens, n, err, errlen);
        bool ok = ctx && attach_ssl(o->sock, ctx, false, host, err, errlen);
        if (ctx) SSL_CTX_free(ctx);           /* (the SSL holds its own reference) */
        if (!ok) return tls_done(p, o, 1, code);
        o->stage = ST_HANDSHAKE;
    }
    int st = handshake_step(p, o->sock, timeout_ms, err, errlen);
    if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
    if (st == TR_STEP_FAIL) return tls_done(p, o, TR_NET_FATAL, code);
    *out = o->sock;
    o->sock = NULL;
    return tls_done(p, o, 0, code);
}

/* ---- reading and writing --------------------------------------------------------------------- */

/* One SSL call under the connection's lock: > 0 bytes, 0 the end, -1 wait, -2 error. */
static long ssl_io(struct tr_tls *t, bool write, void *buf, size_t len, char *err, size_t errlen) {
    size_t n = 0;
    tr_mutex_lock(&t->lock);
    ERR_clear_error();
    int r = write ? SSL_write_ex(t->ssl, buf, len, &n) : SSL_read_ex(t->ssl, buf, len, &n);
    int e = r == 1 ? SSL_ERROR_NONE : SSL_get_error(t->ssl, r);
    long res;
    if (e == SSL_ERROR_NONE) res = (long)n;
    else if (e == SSL_ERROR_ZERO_RETURN) res = 0;
    else if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) res = -1;
    else {
        if (e == SSL_ERROR_SYSCALL && errno) tr_net_oserr(err, errlen, errno);
        else ssl_message(err, errlen, write ? "TLS write failed" : "TLS read failed");
        res = -2;
    }
    tr_mutex_unlock(&t->lock);
    return res;
}

static tw_host_status tls_rw(tw_hostcall *hc, tr_sock *s, bool write, void *buf, size_t len,
                             uint64_t *n, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    if (tr_sock_timed_out(p)) { *code = TR_TIMEOUT; return TW_HOST_OK; }
    for (;;) {
        unsigned gen = atomic_load(&s->gen);
        long r = len ? ssl_io(s->tls, write, buf, len, err, errlen) : 0;
        if (r >= 0) { *n = (uint64_t)r; *code = 0; break; }
        if (r == -2) { *code = 1; break; }
        int w = tr_sock_wait(p, s, gen, tr_sock_timeout(s, write ? TR_TIMEOUT_WRITE : TR_TIMEOUT_READ));
        if (w == TR_PARKED) return TW_HOST_BLOCK;
        if (w == TR_NOMEM) { snprintf(err, errlen, "out of memory"); *code = 1; break; }
    }
    tr_sock_wait_end(p);
    return TW_HOST_OK;
}

tw_host_status tr_tls_read(tw_hostcall *hc, tr_sock *s, void *buf, size_t len, uint64_t *got,
                           int *code, char *err, size_t errlen) {
    return tls_rw(hc, s, false, buf, len, got, code, err, errlen);
}

/* A TLS record carries at most 16 KiB: the buffers are gathered up to that (a short
 * write, as write_vectored allows). The same bytes come again when the call is re-issued
 * (SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: the copy may move). */
tw_host_status tr_tls_write(tw_hostcall *hc, tr_sock *s, const struct iovec *iov, int n,
                            uint64_t *wrote, int *code, char *err, size_t errlen) {
    uint8_t rec[16384];
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof rec; i++) {
        size_t k = iov[i].iov_len < sizeof rec - len ? iov[i].iov_len : sizeof rec - len;
        memcpy(rec + len, iov[i].iov_base, k);
        len += k;
    }
    return tls_rw(hc, s, true, rec, len, wrote, code, err, errlen);
}
