/* net.c — the typed wrappers of lunatic::networking (tycho_net.h): addresses, DNS, TCP,
 * UDP and TLS. Every host result goes through one of the helpers below, so the rules are
 * in one place: 0 = ok; 1 = an error id (its text becomes ty_last_error(), the error is
 * dropped: TY_EHOST); 9027 = TY_TIMEOUT. Addresses come back as DNS iterators, which are
 * always drained and dropped here. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "tycho_net.h"

/* The ABI's ciovec is {u32 ptr, u32 len}: on wasm32 that is ty_iovec itself. */
_Static_assert(sizeof(void *) == 4, "wasm32: pointers are 32 bits");
_Static_assert(sizeof(ty_iovec) == 8 && offsetof(ty_iovec, base) == 0 &&
               offsetof(ty_iovec, len) == 4, "ty_iovec must be the ABI's 8-byte ciovec");

#define ABI_TIMEOUT 9027

/* ---- results ---------------------------------------------------------------------------- */

/* The 0 / 1 + error id / 9027 convention; v is what the host wrote through the pointer. */
static int result(uint32_t rc, uint64_t v) {
    if (rc == 0) return TY_OK;
    if (rc == 1) return ty__fail_host(v);
    if (rc == ABI_TIMEOUT) return ty__fail(TY_TIMEOUT, "timed out");
    return ty__fail(TY_EHOST, "unexpected result code from the host");
}

/* Same, for calls that write a byte count on success. */
static int count_result(uint32_t rc, uint64_t v, size_t *n) {
    int r = result(rc, v);
    if (n) *n = r == TY_OK ? (size_t)v : 0;
    return r;
}

/* Buffers of more than 4 GiB cannot exist on wasm32; clamp anyway (a short read/write). */
static uint32_t clamp32(size_t len) { return len > UINT32_MAX ? UINT32_MAX : (uint32_t)len; }

static int bad_addr(const ty_sockaddr *a) { return !a || (a->type != 4 && a->type != 6); }

/* ---- addresses -------------------------------------------------------------------------- */

/* One address from a DNS iterator: 0 = *out written, 1 = exhausted. */
static int next_addr(uint64_t iter, ty_sockaddr *out) {
    memset(out, 0, sizeof *out);
    return (int)lunatic_networking_resolve_next(iter, &out->type, out->addr, &out->port,
                                                &out->flow_info, &out->scope_id);
}

/* The one address of an iterator returned by the host (local/peer address); drops it. */
static int take_addr(uint64_t iter, ty_sockaddr *out) {
    ty_sockaddr a;
    int rc = next_addr(iter, &a);
    lunatic_networking_drop_dns_iterator(iter);
    if (rc != 0) return ty__fail(TY_EHOST, "the host returned no address");
    if (out) *out = a;
    return TY_OK;
}

/* A peer address the caller may not want: filled (or zeroed) if peer != NULL, and the
 * iterator is dropped either way. */
static void take_peer(uint64_t iter, ty_sockaddr *peer) {
    if (!peer) {
        lunatic_networking_drop_dns_iterator(iter);
    } else if (take_addr(iter, peer) != TY_OK) {
        memset(peer, 0, sizeof *peer);
    }
}

static int parse_port(const char *s, uint16_t *port) {
    unsigned long v = 0;
    if (!*s) return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return 0;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > 65535) return 0;
    }
    *port = (uint16_t)v;
    return 1;
}

int ty_addr_parse(const char *text, ty_sockaddr *out) {
    char host[64];
    ty_sockaddr a;
    memset(&a, 0, sizeof a);
    if (!text || !out) return ty__fail(TY_EINVAL, "ty_addr_parse: NULL argument");
    const char *port;
    if (text[0] == '[') {                           /* [v6]:port or [v6%scope]:port */
        const char *end = strchr(text, ']');
        if (!end || end[1] != ':' || (size_t)(end - text - 1) >= sizeof host) goto bad;
        memcpy(host, text + 1, (size_t)(end - text - 1));
        host[end - text - 1] = 0;
        char *pct = strchr(host, '%');
        if (pct) {   /* a numeric scope id (interface names cannot be looked up here) */
            uint64_t scope = 0;
            const char *d = pct + 1;
            if (!*d) goto bad;
            for (; *d; d++) {
                if (*d < '0' || *d > '9' || (scope = scope * 10 + (uint64_t)(*d - '0')) > UINT32_MAX)
                    goto bad;
            }
            a.scope_id = (uint32_t)scope;
            *pct = 0;
        }
        if (inet_pton(AF_INET6, host, a.addr) != 1) goto bad;
        a.type = 6;
        port = end + 2;
    } else {                                        /* a.b.c.d:port */
        const char *colon = strrchr(text, ':');
        if (!colon || (size_t)(colon - text) >= sizeof host) goto bad;
        memcpy(host, text, (size_t)(colon - text));
        host[colon - text] = 0;
        if (inet_pton(AF_INET, host, a.addr) != 1) goto bad;
        a.type = 4;
        port = colon + 1;
    }
    if (!parse_port(port, &a.port)) goto bad;
    *out = a;
    return TY_OK;
bad:;
    char msg[160];
    snprintf(msg, sizeof msg, "not a socket address (IP:PORT or [IPv6]:PORT): %.100s", text);
    return ty__fail(TY_EINVAL, msg);
}

char *ty_addr_format(const ty_sockaddr *a, char *buf, size_t len) {
    char ip[INET6_ADDRSTRLEN];
    if (!buf || len == 0) return buf;
    if (!a || (a->type != 4 && a->type != 6) ||
        !inet_ntop(a->type == 4 ? AF_INET : AF_INET6, a->addr, ip, sizeof ip)) {
        snprintf(buf, len, "(invalid address)");
    } else if (a->type == 4) {
        snprintf(buf, len, "%s:%u", ip, (unsigned)a->port);
    } else if (a->scope_id) {
        snprintf(buf, len, "[%s%%%u]:%u", ip, (unsigned)a->scope_id, (unsigned)a->port);
    } else {
        snprintf(buf, len, "[%s]:%u", ip, (unsigned)a->port);
    }
    return buf;
}

int ty_resolve(const char *name, uint64_t timeout_ms, ty_sockaddr *out, size_t cap, size_t *n) {
    if (!name || (!out && cap)) return ty__fail(TY_EINVAL, "ty_resolve: NULL argument");
    uint64_t iter = 0;
    int rc = result(lunatic_networking_resolve(name, (uint32_t)strlen(name), timeout_ms, &iter),
                    iter);
    if (n) *n = 0;
    if (rc) return rc;
    size_t count = 0;
    ty_sockaddr a;
    while (next_addr(iter, &a) == 0) {
        if (count < cap) out[count] = a;
        count++;
    }
    lunatic_networking_drop_dns_iterator(iter);
    if (n) *n = count;
    return TY_OK;
}

/* ---- TCP -------------------------------------------------------------------------------- */

int ty_tcp_bind(const ty_sockaddr *a, ty_tcp_listener *out) {
    if (bad_addr(a) || !out) return ty__fail(TY_EINVAL, "ty_tcp_bind: bad address or NULL");
    uint64_t id = 0;
    int rc = result(lunatic_networking_tcp_bind(a->type, a->addr, a->port, a->flow_info,
                                                a->scope_id, &id), id);
    if (rc == TY_OK) *out = id;
    return rc;
}

int ty_tcp_listen(const char *addr, ty_tcp_listener *out) {
    ty_sockaddr a;
    int rc = ty_addr_parse(addr, &a);
    return rc ? rc : ty_tcp_bind(&a, out);
}

int ty_tcp_listener_addr(ty_tcp_listener l, ty_sockaddr *out) {
    uint64_t iter = 0;
    int rc = result(lunatic_networking_tcp_local_addr(l, &iter), iter);
    return rc ? rc : take_addr(iter, out);
}

int ty_tcp_accept(ty_tcp_listener l, ty_tcp_stream *out, ty_sockaddr *peer) {
    if (!out) return ty__fail(TY_EINVAL, "ty_tcp_accept: NULL stream");
    uint64_t id = 0, iter = 0;
    int rc = result(lunatic_networking_tcp_accept(l, &id, &iter), id);
    if (rc) return rc;
    take_peer(iter, peer);
    *out = id;
    return TY_OK;
}

int ty_tcp_connect(const ty_sockaddr *a, uint64_t timeout_ms, ty_tcp_stream *out) {
    if (bad_addr(a) || !out) return ty__fail(TY_EINVAL, "ty_tcp_connect: bad address or NULL");
    uint64_t id = 0;
    int rc = result(lunatic_networking_tcp_connect(a->type, a->addr, a->port, a->flow_info,
                                                   a->scope_id, timeout_ms, &id), id);
    if (rc == TY_OK) *out = id;
    return rc;
}

int ty_tcp_connect_to(const char *addr, uint64_t timeout_ms, ty_tcp_stream *out) {
    ty_sockaddr a;
    int rc = ty_addr_parse(addr, &a);
    return rc ? rc : ty_tcp_connect(&a, timeout_ms, out);
}

int ty_tcp_peer_addr(ty_tcp_stream s, ty_sockaddr *out) {
    uint64_t iter = 0;
    int rc = result(lunatic_networking_tcp_peer_addr(s, &iter), iter);
    return rc ? rc : take_addr(iter, out);
}

int ty_tcp_read(ty_tcp_stream s, void *buf, size_t len, size_t *got) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tcp_read: NULL buffer");
    uint64_t v = 0;
    return count_result(lunatic_networking_tcp_read(s, buf, clamp32(len), &v), v, got);
}

int ty_tcp_peek(ty_tcp_stream s, void *buf, size_t len, size_t *got) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tcp_peek: NULL buffer");
    uint64_t v = 0;
    return count_result(lunatic_networking_tcp_peek(s, buf, clamp32(len), &v), v, got);
}

int ty_tcp_writev(ty_tcp_stream s, const ty_iovec *iov, size_t n, size_t *wrote) {
    if ((!iov && n) || n > UINT32_MAX) return ty__fail(TY_EINVAL, "ty_tcp_writev: bad iovec");
    uint64_t v = 0;
    return count_result(lunatic_networking_tcp_write_vectored(s, iov, (uint32_t)n, &v), v,
                        wrote);
}

int ty_tcp_write(ty_tcp_stream s, const void *buf, size_t len, size_t *wrote) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tcp_write: NULL buffer");
    ty_iovec iov = { buf, clamp32(len) };
    return ty_tcp_writev(s, &iov, 1, wrote);
}

/* Loops over short writes; a write of 0 bytes (of a non-empty buffer) is an error. */
static int write_all(int (*write)(uint64_t, const void *, size_t, size_t *), uint64_t s,
                     const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        size_t n = 0;
        int rc = write(s, p, len, &n);
        if (rc) return rc;
        if (n == 0) return ty__fail(TY_EHOST, "write: the stream accepted no bytes");
        p += n;
        len -= n;
    }
    return TY_OK;
}

int ty_tcp_write_all(ty_tcp_stream s, const void *buf, size_t len) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tcp_write_all: NULL buffer");
    return write_all(ty_tcp_write, s, buf, len);
}

int ty_tcp_flush(ty_tcp_stream s) {
    uint64_t err = 0;
    return result(lunatic_networking_tcp_flush(s, &err), err);
}

/* ---- UDP -------------------------------------------------------------------------------- */

int ty_udp_bind(const ty_sockaddr *a, ty_udp_socket *out) {
    if (bad_addr(a) || !out) return ty__fail(TY_EINVAL, "ty_udp_bind: bad address or NULL");
    uint64_t id = 0;
    int rc = result(lunatic_networking_udp_bind(a->type, a->addr, a->port, a->flow_info,
                                                a->scope_id, &id), id);
    if (rc == TY_OK) *out = id;
    return rc;
}

int ty_udp_open(const char *addr, ty_udp_socket *out) {
    ty_sockaddr a;
    int rc = ty_addr_parse(addr, &a);
    return rc ? rc : ty_udp_bind(&a, out);
}

int ty_udp_connect(ty_udp_socket u, const ty_sockaddr *a, uint64_t timeout_ms) {
    if (bad_addr(a)) return ty__fail(TY_EINVAL, "ty_udp_connect: bad address");
    uint64_t v = 0;
    return result(lunatic_networking_udp_connect(u, a->type, a->addr, a->port, a->flow_info,
                                                 a->scope_id, timeout_ms, &v), v);
}

int ty_udp_send(ty_udp_socket u, const void *buf, size_t len, size_t *sent) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_udp_send: NULL buffer");
    uint64_t v = 0;
    return count_result(lunatic_networking_udp_send(u, buf, clamp32(len), &v), v, sent);
}

int ty_udp_send_to(ty_udp_socket u, const void *buf, size_t len, const ty_sockaddr *to,
                   size_t *sent) {
    if ((!buf && len) || bad_addr(to))
        return ty__fail(TY_EINVAL, "ty_udp_send_to: NULL buffer or bad address");
    uint64_t v = 0;
    return count_result(lunatic_networking_udp_send_to(u, buf, clamp32(len), to->type, to->addr,
                                                       to->port, to->flow_info, to->scope_id,
                                                       &v), v, sent);
}

int ty_udp_recv(ty_udp_socket u, void *buf, size_t len, size_t *got) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_udp_recv: NULL buffer");
    uint64_t v = 0;
    return count_result(lunatic_networking_udp_receive(u, buf, clamp32(len), &v), v, got);
}

int ty_udp_recv_from(ty_udp_socket u, void *buf, size_t len, size_t *got, ty_sockaddr *from) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_udp_recv_from: NULL buffer");
    uint64_t v = 0, iter = 0;
    int rc = count_result(lunatic_networking_udp_receive_from(u, buf, clamp32(len), &v, &iter),
                          v, got);
    if (rc == TY_OK) take_peer(iter, from);
    return rc;
}

int ty_udp_local_addr(ty_udp_socket u, ty_sockaddr *out) {
    uint64_t iter = 0;
    int rc = result(lunatic_networking_udp_local_addr(u, &iter), iter);
    return rc ? rc : take_addr(iter, out);
}

/* Its own convention: 0 = iterator, 1 = not connected (nothing written), 2 = error id. */
int ty_udp_peer_addr(ty_udp_socket u, ty_sockaddr *out) {
    uint64_t v = 0;
    uint32_t rc = lunatic_networking_udp_peer_addr(u, &v);
    if (rc == 0) return take_addr(v, out);
    if (rc == 1) return ty__fail(TY_ENOTCONN, "not connected");
    if (rc == 2) return ty__fail_host(v);
    return ty__fail(TY_EHOST, "unexpected result code from the host");
}

/* ---- TLS -------------------------------------------------------------------------------- */

int ty_tls_bind(const ty_sockaddr *a, const char *cert_pem, size_t cert_len, const char *key_pem,
                size_t key_len, ty_tls_listener *out) {
    if (bad_addr(a) || !out || (!cert_pem && cert_len) || (!key_pem && key_len))
        return ty__fail(TY_EINVAL, "ty_tls_bind: bad address or NULL");
    uint64_t id = 0;
    int rc = result(lunatic_networking_tls_bind(a->type, a->addr, a->port, a->flow_info,
                                                a->scope_id, &id, cert_pem, clamp32(cert_len),
                                                key_pem, clamp32(key_len)), id);
    if (rc == TY_OK) *out = id;
    return rc;
}

int ty_tls_listener_addr(ty_tls_listener l, ty_sockaddr *out) {
    uint64_t iter = 0;
    int rc = result(lunatic_networking_tls_local_addr(l, &iter), iter);
    return rc ? rc : take_addr(iter, out);
}

int ty_tls_accept(ty_tls_listener l, ty_tls_stream *out, ty_sockaddr *peer) {
    if (!out) return ty__fail(TY_EINVAL, "ty_tls_accept: NULL stream");
    uint64_t id = 0, iter = 0;
    int rc = result(lunatic_networking_tls_accept(l, &id, &iter), id);
    if (rc) return rc;
    take_peer(iter, peer);
    *out = id;
    return TY_OK;
}

int ty_tls_connect(const char *host, uint16_t port, uint64_t timeout_ms, const char *const *ca_pems,
                   const size_t *ca_lens, size_t n, ty_tls_stream *out) {
    if (!host || !out || (n && (!ca_pems || !ca_lens)) || n > UINT32_MAX)
        return ty__fail(TY_EINVAL, "ty_tls_connect: NULL argument");
    /* The certificates as {u32 ptr, u32 len} records: ty_iovec's layout. */
    ty_iovec *certs = NULL;
    if (n) {
        certs = malloc(n * sizeof *certs);
        if (!certs) return ty__fail(TY_ENOMEM, "ty_tls_connect: out of memory");
        for (size_t i = 0; i < n; i++) {
            certs[i].base = ca_pems[i];
            certs[i].len = clamp32(ca_lens[i]);
        }
    }
    uint64_t id = 0;
    int rc = result(lunatic_networking_tls_connect(host, (uint32_t)strlen(host), port,
                                                   timeout_ms, &id, certs, (uint32_t)n), id);
    free(certs);
    if (rc == TY_OK) *out = id;
    return rc;
}

int ty_tls_read(ty_tls_stream s, void *buf, size_t len, size_t *got) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tls_read: NULL buffer");
    uint64_t v = 0;
    return count_result(lunatic_networking_tls_read(s, buf, clamp32(len), &v), v, got);
}

int ty_tls_writev(ty_tls_stream s, const ty_iovec *iov, size_t n, size_t *wrote) {
    if ((!iov && n) || n > UINT32_MAX) return ty__fail(TY_EINVAL, "ty_tls_writev: bad iovec");
    uint64_t v = 0;
    return count_result(lunatic_networking_tls_write_vectored(s, iov, (uint32_t)n, &v), v,
                        wrote);
}

int ty_tls_write(ty_tls_stream s, const void *buf, size_t len, size_t *wrote) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tls_write: NULL buffer");
    ty_iovec iov = { buf, clamp32(len) };
    return ty_tls_writev(s, &iov, 1, wrote);
}

int ty_tls_write_all(ty_tls_stream s, const void *buf, size_t len) {
    if (!buf && len) return ty__fail(TY_EINVAL, "ty_tls_write_all: NULL buffer");
    return write_all(ty_tls_write, s, buf, len);
}

int ty_tls_flush(ty_tls_stream s) {
    uint64_t err = 0;
    return result(lunatic_networking_tls_flush(s, &err), err);
}
