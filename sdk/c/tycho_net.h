/* tycho_net.h — networking for C guests: lunatic::networking (TCP, UDP, DNS, TLS) and the
 * messages that carry connections (lunatic::message::push/take_*), raw and typed, plus a
 * TCP server helper (a listener process and one process per connection, supervised).
 * Include after (or instead of) tycho.h; the code is in libtycho.a (src/net.c, serve.c).
 *
 *  1. RAW IMPORTS: lunatic::networking::<name> is lunatic_networking_<name>, with the ABI's
 *     wasm types (lunatic-abi.md §6, Appendix A). Socket addresses are passed as (type 4|6,
 *     pointer to 4 or 16 bytes, port, flow info, scope id); results are written through
 *     pointers as u64 (ids, byte counts, error ids).
 *
 *  2. TYPED WRAPPERS, prefix ty_: the conventions of tycho.h — 0 (TY_OK) success; negative
 *     TY_E* failure with its text in ty_last_error() (the host's error is turned into text
 *     and dropped: the OS's message, e.g. "Connection refused (os error 111)");
 *     TY_TIMEOUT (9027) when a timeout elapsed. Addresses are ty_sockaddr values; ids are
 *     the host's u64 handles (meaningful only in the process that holds them: move a
 *     stream to another process with ty_msg_push_tcp_stream / ty_msg_take_tcp_stream).
 *
 * Every call that would wait (accept, connect, read, write, resolve, a TLS handshake)
 * parks only the calling process; the worker thread serves other processes meanwhile.
 */
#ifndef TYCHO_NET_H
#define TYCHO_NET_H

#include "tycho.h"

/* ---- lunatic::networking: raw imports -------------------------------------------------- */
#define TY_NET(name) TY_IMPORT("lunatic::networking", #name)
TY_NET(resolve) uint32_t lunatic_networking_resolve(const char *name, uint32_t name_len, uint64_t timeout_ms, uint64_t *id);
TY_NET(resolve_next) uint32_t lunatic_networking_resolve_next(uint64_t iter, uint32_t *addr_type, uint8_t *addr16, uint16_t *port, uint32_t *flow_info, uint32_t *scope_id);
TY_NET(drop_dns_iterator) void lunatic_networking_drop_dns_iterator(uint64_t iter);

TY_NET(tcp_bind) uint32_t lunatic_networking_tcp_bind(uint32_t addr_type, const uint8_t *addr, uint32_t port, uint32_t flow_info, uint32_t scope_id, uint64_t *id);
TY_NET(drop_tcp_listener) void lunatic_networking_drop_tcp_listener(uint64_t listener);
TY_NET(tcp_local_addr) uint32_t lunatic_networking_tcp_local_addr(uint64_t listener, uint64_t *id);
TY_NET(tcp_accept) uint32_t lunatic_networking_tcp_accept(uint64_t listener, uint64_t *id, uint64_t *peer_iter);
TY_NET(tcp_connect) uint32_t lunatic_networking_tcp_connect(uint32_t addr_type, const uint8_t *addr, uint32_t port, uint32_t flow_info, uint32_t scope_id, uint64_t timeout_ms, uint64_t *id);
TY_NET(tcp_peer_addr) uint32_t lunatic_networking_tcp_peer_addr(uint64_t stream, uint64_t *id);
TY_NET(drop_tcp_stream) void lunatic_networking_drop_tcp_stream(uint64_t stream);
TY_NET(clone_tcp_stream) uint64_t lunatic_networking_clone_tcp_stream(uint64_t stream);
TY_NET(tcp_write_vectored) uint32_t lunatic_networking_tcp_write_vectored(uint64_t stream, const void *ciovecs, uint32_t count, uint64_t *out);
TY_NET(tcp_peek) uint32_t lunatic_networking_tcp_peek(uint64_t stream, void *buf, uint32_t len, uint64_t *out);
TY_NET(tcp_read) uint32_t lunatic_networking_tcp_read(uint64_t stream, void *buf, uint32_t len, uint64_t *out);
TY_NET(set_read_timeout) void lunatic_networking_set_read_timeout(uint64_t stream, uint64_t ms);
TY_NET(set_write_timeout) void lunatic_networking_set_write_timeout(uint64_t stream, uint64_t ms);
TY_NET(set_peek_timeout) void lunatic_networking_set_peek_timeout(uint64_t stream, uint64_t ms);
TY_NET(get_read_timeout) uint64_t lunatic_networking_get_read_timeout(uint64_t stream);
TY_NET(get_write_timeout) uint64_t lunatic_networking_get_write_timeout(uint64_t stream);
TY_NET(get_peek_timeout) uint64_t lunatic_networking_get_peek_timeout(uint64_t stream);
TY_NET(tcp_flush) uint32_t lunatic_networking_tcp_flush(uint64_t stream, uint64_t *error_id);

TY_NET(tls_bind) uint32_t lunatic_networking_tls_bind(uint32_t addr_type, const uint8_t *addr, uint32_t port, uint32_t flow_info, uint32_t scope_id, uint64_t *id, const void *certs, uint32_t certs_len, const void *keys, uint32_t keys_len);
TY_NET(drop_tls_listener) void lunatic_networking_drop_tls_listener(uint64_t listener);
TY_NET(tls_local_addr) uint32_t lunatic_networking_tls_local_addr(uint64_t listener, uint64_t *id);
TY_NET(tls_accept) uint32_t lunatic_networking_tls_accept(uint64_t listener, uint64_t *id, uint64_t *peer_iter);
TY_NET(tls_connect) uint32_t lunatic_networking_tls_connect(const char *host, uint32_t host_len, uint32_t port, uint64_t timeout_ms, uint64_t *id, const void *certs, uint32_t certs_count);
TY_NET(drop_tls_stream) void lunatic_networking_drop_tls_stream(uint64_t stream);
TY_NET(clone_tls_stream) uint64_t lunatic_networking_clone_tls_stream(uint64_t stream);
TY_NET(tls_write_vectored) uint32_t lunatic_networking_tls_write_vectored(uint64_t stream, const void *ciovecs, uint32_t count, uint64_t *out);
TY_NET(tls_read) uint32_t lunatic_networking_tls_read(uint64_t stream, void *buf, uint32_t len, uint64_t *out);
TY_NET(set_tls_read_timeout) void lunatic_networking_set_tls_read_timeout(uint64_t stream, uint64_t ms);
TY_NET(set_tls_write_timeout) void lunatic_networking_set_tls_write_timeout(uint64_t stream, uint64_t ms);
TY_NET(get_tls_read_timeout) uint64_t lunatic_networking_get_tls_read_timeout(uint64_t stream);
TY_NET(get_tls_write_timeout) uint64_t lunatic_networking_get_tls_write_timeout(uint64_t stream);
TY_NET(tls_flush) uint32_t lunatic_networking_tls_flush(uint64_t stream, uint64_t *error_id);

TY_NET(udp_bind) uint32_t lunatic_networking_udp_bind(uint32_t addr_type, const uint8_t *addr, uint32_t port, uint32_t flow_info, uint32_t scope_id, uint64_t *id);
TY_NET(udp_local_addr) uint32_t lunatic_networking_udp_local_addr(uint64_t sock, uint64_t *id);
TY_NET(udp_peer_addr) uint32_t lunatic_networking_udp_peer_addr(uint64_t sock, uint64_t *id);
TY_NET(drop_udp_socket) void lunatic_networking_drop_udp_socket(uint64_t sock);
TY_NET(udp_receive) uint32_t lunatic_networking_udp_receive(uint64_t sock, void *buf, uint32_t len, uint64_t *out);
TY_NET(udp_receive_from) uint32_t lunatic_networking_udp_receive_from(uint64_t sock, void *buf, uint32_t len, uint64_t *out, uint64_t *from_iter);
TY_NET(udp_connect) uint32_t lunatic_networking_udp_connect(uint64_t sock, uint32_t addr_type, const uint8_t *addr, uint32_t port, uint32_t flow_info, uint32_t scope_id, uint64_t timeout_ms, uint64_t *id);
TY_NET(clone_udp_socket) uint64_t lunatic_networking_clone_udp_socket(uint64_t sock);
TY_NET(set_udp_socket_broadcast) void lunatic_networking_set_udp_socket_broadcast(uint64_t sock, uint32_t on);
TY_NET(get_udp_socket_broadcast) uint32_t lunatic_networking_get_udp_socket_broadcast(uint64_t sock);
TY_NET(set_udp_socket_ttl) void lunatic_networking_set_udp_socket_ttl(uint64_t sock, uint32_t ttl);
TY_NET(get_udp_socket_ttl) uint32_t lunatic_networking_get_udp_socket_ttl(uint64_t sock);
TY_NET(udp_send_to) uint32_t lunatic_networking_udp_send_to(uint64_t sock, const void *buf, uint32_t len, uint32_t addr_type, const uint8_t *addr, uint32_t port, uint32_t flow_info, uint32_t scope_id, uint64_t *out);
TY_NET(udp_send) uint32_t lunatic_networking_udp_send(uint64_t sock, const void *buf, uint32_t len, uint64_t *out);
#undef TY_NET

/* ---- addresses ------------------------------------------------------------------------- */
typedef struct ty_sockaddr {
    uint32_t type;          /* 4 or 6 */
    uint8_t  addr[16];      /* 4 bytes used for IPv4 */
    uint16_t port;
    uint32_t flow_info, scope_id;
} ty_sockaddr;

/* "127.0.0.1:8080", "[::1]:8080", "localhost:80" is NOT parsed (use ty_resolve): 0 or
 * TY_EINVAL. */
int ty_addr_parse(const char *text, ty_sockaddr *out);
/* "1.2.3.4:80" / "[::1]:80" into buf (at least 48 bytes); returns buf. */
char *ty_addr_format(const ty_sockaddr *a, char *buf, size_t len);
/* Resolves "host:port" (lunatic::networking::resolve) and drains the iterator: at most
 * cap addresses into out, *n = how many there were in all. 0, TY_TIMEOUT, TY_EHOST. */
int ty_resolve(const char *name, uint64_t timeout_ms, ty_sockaddr *out, size_t cap, size_t *n);

/* ---- TCP ------------------------------------------------------------------------------- */
typedef uint64_t ty_tcp_listener;
typedef uint64_t ty_tcp_stream;
#define TY_NO_TIMEOUT_MS UINT64_MAX   /* = TY_NO_TIMEOUT: no timeout */

int ty_tcp_bind(const ty_sockaddr *a, ty_tcp_listener *out);
int ty_tcp_listen(const char *addr, ty_tcp_listener *out);          /* parse + bind */
int ty_tcp_listener_addr(ty_tcp_listener l, ty_sockaddr *out);
/* peer may be NULL. */
int ty_tcp_accept(ty_tcp_listener l, ty_tcp_stream *out, ty_sockaddr *peer);
int ty_tcp_connect(const ty_sockaddr *a, uint64_t timeout_ms, ty_tcp_stream *out);
int ty_tcp_connect_to(const char *addr, uint64_t timeout_ms, ty_tcp_stream *out);  /* parse */
int ty_tcp_peer_addr(ty_tcp_stream s, ty_sockaddr *out);
/* *got = 0 means the peer closed its side. TY_TIMEOUT after the read (peek) timeout. */
int ty_tcp_read(ty_tcp_stream s, void *buf, size_t len, size_t *got);
int ty_tcp_peek(ty_tcp_stream s, void *buf, size_t len, size_t *got);
/* One write (may be short): *wrote bytes. */
int ty_tcp_write(ty_tcp_stream s, const void *buf, size_t len, size_t *wrote);
typedef struct ty_iovec { const void *base; uint32_t len; } ty_iovec;   /* the ABI's ciovec */
int ty_tcp_writev(ty_tcp_stream s, const ty_iovec *iov, size_t n, size_t *wrote);
/* Writes everything (loops over short writes). */
int ty_tcp_write_all(ty_tcp_stream s, const void *buf, size_t len);
int ty_tcp_flush(ty_tcp_stream s);
static inline void ty_tcp_set_read_timeout(ty_tcp_stream s, uint64_t ms) { lunatic_networking_set_read_timeout(s, ms); }
static inline void ty_tcp_set_write_timeout(ty_tcp_stream s, uint64_t ms) { lunatic_networking_set_write_timeout(s, ms); }
static inline void ty_tcp_set_peek_timeout(ty_tcp_stream s, uint64_t ms) { lunatic_networking_set_peek_timeout(s, ms); }
static inline uint64_t ty_tcp_read_timeout(ty_tcp_stream s) { return lunatic_networking_get_read_timeout(s); }
static inline uint64_t ty_tcp_write_timeout(ty_tcp_stream s) { return lunatic_networking_get_write_timeout(s); }
static inline uint64_t ty_tcp_peek_timeout(ty_tcp_stream s) { return lunatic_networking_get_peek_timeout(s); }
static inline ty_tcp_stream ty_tcp_clone(ty_tcp_stream s) { return lunatic_networking_clone_tcp_stream(s); }
static inline void ty_tcp_close(ty_tcp_stream s) { lunatic_networking_drop_tcp_stream(s); }
static inline void ty_tcp_listener_close(ty_tcp_listener l) { lunatic_networking_drop_tcp_listener(l); }

/* ---- UDP ------------------------------------------------------------------------------- */
typedef uint64_t ty_udp_socket;
int ty_udp_bind(const ty_sockaddr *a, ty_udp_socket *out);
int ty_udp_open(const char *addr, ty_udp_socket *out);              /* parse + bind */
int ty_udp_connect(ty_udp_socket u, const ty_sockaddr *a, uint64_t timeout_ms);
int ty_udp_send(ty_udp_socket u, const void *buf, size_t len, size_t *sent);
int ty_udp_send_to(ty_udp_socket u, const void *buf, size_t len, const ty_sockaddr *to, size_t *sent);
int ty_udp_recv(ty_udp_socket u, void *buf, size_t len, size_t *got);
int ty_udp_recv_from(ty_udp_socket u, void *buf, size_t len, size_t *got, ty_sockaddr *from);
int ty_udp_local_addr(ty_udp_socket u, ty_sockaddr *out);
/* TY_ENOTCONN when the socket is not connected. */
int ty_udp_peer_addr(ty_udp_socket u, ty_sockaddr *out);
static inline void ty_udp_set_broadcast(ty_udp_socket u, int on) { lunatic_networking_set_udp_socket_broadcast(u, (uint32_t)!!on); }
static inline int ty_udp_broadcast(ty_udp_socket u) { return (int)lunatic_networking_get_udp_socket_broadcast(u); }
static inline void ty_udp_set_ttl(ty_udp_socket u, uint32_t ttl) { lunatic_networking_set_udp_socket_ttl(u, ttl); }
static inline uint32_t ty_udp_ttl(ty_udp_socket u) { return lunatic_networking_get_udp_socket_ttl(u); }
static inline ty_udp_socket ty_udp_clone(ty_udp_socket u) { return lunatic_networking_clone_udp_socket(u); }
static inline void ty_udp_close(ty_udp_socket u) { lunatic_networking_drop_udp_socket(u); }

/* ---- TLS ------------------------------------------------------------------------------- */
typedef uint64_t ty_tls_listener;
typedef uint64_t ty_tls_stream;
/* cert/key: PEM text (the certificate chain, the private key). */
int ty_tls_bind(const ty_sockaddr *a, const char *cert_pem, size_t cert_len, const char *key_pem,
                size_t key_len, ty_tls_listener *out);
int ty_tls_listener_addr(ty_tls_listener l, ty_sockaddr *out);
/* A failed handshake traps the calling process (the ABI's rule). */
int ty_tls_accept(ty_tls_listener l, ty_tls_stream *out, ty_sockaddr *peer);
/* ca_pems: n PEM CA certificates to trust (n == 0: the system's CA store). */
int ty_tls_connect(const char *host, uint16_t port, uint64_t timeout_ms, const char *const *ca_pems,
                   const size_t *ca_lens, size_t n, ty_tls_stream *out);
int ty_tls_read(ty_tls_stream s, void *buf, size_t len, size_t *got);
int ty_tls_write(ty_tls_stream s, const void *buf, size_t len, size_t *wrote);
int ty_tls_writev(ty_tls_stream s, const ty_iovec *iov, size_t n, size_t *wrote);
int ty_tls_write_all(ty_tls_stream s, const void *buf, size_t len);
int ty_tls_flush(ty_tls_stream s);
static inline void ty_tls_set_read_timeout(ty_tls_stream s, uint64_t ms) { lunatic_networking_set_tls_read_timeout(s, ms); }
static inline void ty_tls_set_write_timeout(ty_tls_stream s, uint64_t ms) { lunatic_networking_set_tls_write_timeout(s, ms); }
static inline uint64_t ty_tls_read_timeout(ty_tls_stream s) { return lunatic_networking_get_tls_read_timeout(s); }
static inline uint64_t ty_tls_write_timeout(ty_tls_stream s) { return lunatic_networking_get_tls_write_timeout(s); }
static inline ty_tls_stream ty_tls_clone(ty_tls_stream s) { return lunatic_networking_clone_tls_stream(s); }
static inline void ty_tls_close(ty_tls_stream s) { lunatic_networking_drop_tls_stream(s); }
static inline void ty_tls_listener_close(ty_tls_listener l) { lunatic_networking_drop_tls_listener(l); }

/* ---- connections in messages (they MOVE: the sender's handle is gone) ------------------- */
static inline uint64_t ty_msg_push_tcp_stream(ty_tcp_stream s) { return lunatic_message_push_tcp_stream(s); }
static inline ty_tcp_stream ty_msg_take_tcp_stream(uint64_t index) { return lunatic_message_take_tcp_stream(index); }
static inline uint64_t ty_msg_push_tls_stream(ty_tls_stream s) { return lunatic_message_push_tls_stream(s); }
static inline ty_tls_stream ty_msg_take_tls_stream(uint64_t index) { return lunatic_message_take_tls_stream(index); }
static inline uint64_t ty_msg_push_udp_socket(ty_udp_socket u) { return lunatic_message_push_udp_socket(u); }
static inline ty_udp_socket ty_msg_take_udp_socket(uint64_t index) { return lunatic_message_take_udp_socket(index); }

/* ---- a TCP server: a listener process, one process per connection, supervised ----------
 * ty_tcp_serve binds `addr` ("127.0.0.1:0" picks a free port) in the calling process (so
 * that a bind error is returned, and *bound tells the port), then spawns a one-for-one
 * supervisor whose one child is the listener process: it accepts connections and spawns,
 * for each, a process that runs handler(stream, arg) — the stream is moved to it in a
 * message (push_tcp_stream). Connection processes are not linked: one failing (a trap, a
 * client gone) does not touch the listener or the others; the stream is closed when its
 * process ends. If the listener fails, the supervisor restarts it on the same address.
 * *sup = the supervisor (ty_supervisor_stop(sup, ms) stops serving). */
typedef void (*ty_conn_handler)(ty_tcp_stream stream, int64_t arg);
int ty_tcp_serve(const char *addr, ty_conn_handler handler, int64_t arg, ty_pid *sup,
                 ty_sockaddr *bound);

#endif
