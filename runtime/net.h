/* net.h — networking inside the runtime: sockets shared by their handles (socket.c), the
 * epoll thread that wakes the processes waiting on them (netpoll.c), the resolver threads
 * (dns.c) and TLS over OpenSSL (tls.c). The host layer sees these through runtime.h.
 *
 * Nothing here blocks a worker. Every socket is non-blocking and registered once with the
 * runtime's epoll instance, edge-triggered for reading and writing. An operation that
 * would wait records the socket's event generation before trying, and when the kernel
 * says EAGAIN it parks the calling process on the socket (tr_sock_wait) unless an event
 * came in between (the generation moved: try again at once). The epoll thread bumps the
 * generation of every socket it hears of and wakes all the processes parked on it; each
 * re-issues its host call, which tries again. A timeout is a wait timer armed at the first
 * wait of a call; when it fires the re-issued call returns TR_TIMEOUT.
 *
 * Lifetimes: a socket is refcounted — each handle in a process's table (clones are more
 * handles), a message carrying it, an operation in progress. The last reference takes it
 * out of epoll and closes it; its memory is freed by the epoll thread after the batch of
 * events in progress (which may still name it) is done. A dying process unlinks itself
 * from the socket it waits on and drops its pending operation (tr_net_process_end). */
#ifndef TYCHO_RUNTIME_NET_H
#define TYCHO_RUNTIME_NET_H

#include <stdatomic.h>
#include <sys/socket.h>

#include "process.h"

struct tr_tls;                            /* tls.c */

struct tr_sock {
    atomic_uint refs;
    int fd;
    int kind;                             /* TR_SOCK_* */
    tr_runtime *rt;
    tr_mutex lock;                        /* waiters; a TLS stream's SSL calls */
    atomic_uint gen;                      /* events seen by the epoll thread */
    struct tr_sockwait *waiters;
    _Atomic uint64_t timeout_ms[3];       /* TR_TIMEOUT_READ/WRITE/PEEK, shared by clones */
    struct tr_tls *tls;                   /* TLS: the connection, or a listener's context */
    struct tr_sock *grave_next;           /* freed by the epoll thread */
};

/* An operation that spans several issues of one host call (a connect, a TLS handshake, a
 * lookup): what it needs between them, freed with it, or by the process's death. */
typedef struct tr_io_op {
    void (*free)(struct tr_io_op *op);
} tr_io_op;

/* ---- netpoll.c ------------------------------------------------------------------------- */
/* The runtime's networking (epoll thread, resolver threads), started on first use; NULL
 * with a message when it cannot be. */
struct tr_net *tr_net_get(tr_runtime *rt, char *err, size_t errlen);
void tr_net_stop(tr_runtime *rt);       /* joins its threads (at shutdown) */
void tr_net_free(tr_runtime *rt);       /* then, once every socket is closed */
struct tr_resolver *tr_net_resolver(tr_runtime *rt);    /* after tr_net_get */
/* A dying process: off the socket it waits on; its operation in progress dropped. */
void tr_net_process_end(tr_process *p);
/* Registers a new non-blocking fd: a socket of `kind` with one reference. NULL (and fd
 * closed) on failure, with a message. */
tr_sock *tr_sock_new(tr_runtime *rt, int fd, int kind, char *err, size_t errlen);
/* The calling process parks on s: TR_PARKED (return TW_HOST_BLOCK), TR_RETRY when an
 * event came after `gen` was read (try again now), TR_NOMEM (its timeout could not be
 * armed: the wait is ended). The first wait of a call arms its timeout (UINT64_MAX: none),
 * which then runs from that first wait across re-issues. */
enum { TR_PARKED, TR_RETRY, TR_NOMEM };
int tr_sock_wait(tr_process *p, tr_sock *s, unsigned gen, uint64_t timeout_ms);
/* The same without a socket (the resolver wakes p itself): TR_PARKED or TR_NOMEM. */
int tr_io_wait(tr_process *p, uint64_t timeout_ms);
/* The call is over (done, failed, timed out): unparks p from its socket, ends the wait. */
void tr_sock_wait_end(tr_process *p);
/* True when the call being re-issued has timed out (then its wait is ended). */
bool tr_sock_timed_out(tr_process *p);
/* "<strerror> (os error N)", as Rust's io::Error prints. */
void tr_net_oserr(char *err, size_t errlen, int e);

/* ---- socket.c ---------------------------------------------------------------------------- */
/* tr_addr <-> struct sockaddr; false if the family is not 4 or 6. */
bool tr_addr_to_sa(const tr_addr *a, struct sockaddr_storage *ss, socklen_t *len);
void tr_addr_from_sa(const struct sockaddr *sa, tr_addr *a);
/* Steps of operations that span re-issues (a TLS connect chains them): TR_STEP_BLOCK
 * means parked (return TW_HOST_BLOCK and call the step again when re-issued). They never
 * end the call's wait: the host call does, once, at its end. */
enum { TR_STEP_DONE, TR_STEP_FAIL, TR_STEP_BLOCK };
/* Accepts a connection on listener l: *fd (non-blocking), peer (may be NULL). */
int tr_accept_step(tr_process *p, tr_sock *l, int *fd, tr_addr *peer, char *err, size_t errlen);
/* Connects *sp (NULL at the first step: a new socket is made) to a. */
int tr_connect_step(tr_process *p, tr_sock **sp, const tr_addr *a, uint64_t timeout_ms, char *err,
                    size_t errlen);
/* A bound, listening TCP fd; -1 with a message. */
int tr_tcp_bound_fd(const tr_addr *a, char *err, size_t errlen);

/* ---- dns.c ------------------------------------------------------------------------------- */
struct tr_resolver *tr_resolver_new(char *err, size_t errlen);
void tr_resolver_free(struct tr_resolver *r);
/* A lookup in progress (its job), and the step that starts or collects it. */
struct tr_lookup;
int tr_lookup_step(tr_process *p, struct tr_lookup **lk, const char *host, uint16_t port,
                   uint64_t timeout_ms, tr_dns **out, char *err, size_t errlen);
void tr_lookup_drop(struct tr_lookup *lk);
/* Looks host up off the workers (the same re-issue protocol as the sockets). */
tw_host_status tr_resolve_op(tw_hostcall *hc, const char *host, uint16_t port, uint64_t timeout_ms,
                             tr_dns **out, int *code, char *err, size_t errlen);

/* ---- tls.c ------------------------------------------------------------------------------- */
void tr_tls_free(struct tr_tls *t);
struct iovec;
tw_host_status tr_tls_read(tw_hostcall *hc, tr_sock *s, void *buf, size_t len, uint64_t *got,
                           int *code, char *err, size_t errlen);
tw_host_status tr_tls_write(tw_hostcall *hc, tr_sock *s, const struct iovec *iov, int n,
                            uint64_t *wrote, int *code, char *err, size_t errlen);

#endif
