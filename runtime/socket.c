/* socket.c — TCP and UDP sockets for lunatic::networking: bind, accept, connect, read,
 * write, send, receive, addresses and options. Every call tries the non-blocking system
 * call first and parks the process on the socket only when the kernel says EAGAIN (the
 * protocol is in net.h). TLS streams share the read/write entry points (tls.c does
 * their I/O). */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core.h"
#include "net.h"
#include "wait.h"

/* ---- addresses ------------------------------------------------------------------------ */

bool tr_addr_to_sa(const tr_addr *a, struct sockaddr_storage *ss, socklen_t *len) {
    memset(ss, 0, sizeof *ss);
    if (a->family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *)ss;
        in->sin_family = AF_INET;
        in->sin_port = htons(a->port);
        memcpy(&in->sin_addr, a->ip, 4);
        *len = sizeof *in;
        return true;
    }
    if (a->family == 6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(a->port);
        memcpy(&in6->sin6_addr, a->ip, 16);
        in6->sin6_flowinfo = htonl(a->flowinfo);
        in6->sin6_scope_id = a->scope_id;
        *len = sizeof *in6;
        return true;
    }
    return false;
}

void tr_addr_from_sa(const struct sockaddr *sa, tr_addr *a) {
    memset(a, 0, sizeof *a);
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        a->family = 4;
        a->port = ntohs(in->sin_port);
        memcpy(a->ip, &in->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        a->family = 6;
        a->port = ntohs(in6->sin6_port);
        memcpy(a->ip, &in6->sin6_addr, 16);
        a->flowinfo = ntohl(in6->sin6_flowinfo);
        a->scope_id = in6->sin6_scope_id;
    }
}

/* ---- creating ----------------------------------------------------------------------------- */

static int new_fd(int family, int type, char *err, size_t errlen) {
    int fd = socket(family == 6 ? AF_INET6 : AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) tr_net_oserr(err, errlen, errno);
    return fd;
}

/* A bound socket fd (listening for TCP); -1 with a message. */
static int bound_fd(const tr_addr *a, int type, char *err, size_t errlen) {
    struct sockaddr_storage ss;
    socklen_t len;
    if (!tr_addr_to_sa(a, &ss, &len)) {
        snprintf(err, errlen, "invalid address type %u (4 or 6)", a->family);
        return -1;
    }
    int fd = new_fd(a->family, type, err, errlen);
    if (fd < 0) return -1;
    int one = 1;
    if (type == SOCK_STREAM) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) != 0 ||
        (type == SOCK_STREAM && listen(fd, 4096) != 0)) {
        tr_net_oserr(err, errlen, errno);
        close(fd);
        return -1;
    }
    return fd;
}

int tr_sock_bind(tr_process *p, int kind, const tr_addr *a, tr_sock **out, char *err,
                 size_t errlen) {
    int fd = bound_fd(a, kind == TR_SOCK_UDP ? SOCK_DGRAM : SOCK_STREAM, err, errlen);
    if (fd < 0) return 1;
    return (*out = tr_sock_new(p->rt, fd, kind, err, errlen)) ? 0 : 1;
}

int tr_tcp_bound_fd(const tr_addr *a, char *err, size_t errlen) {
    return bound_fd(a, SOCK_STREAM, err, errlen);
}

int tr_sock_local_addr(tr_sock *s, tr_addr *out, char *err, size_t errlen) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(s->fd, (struct sockaddr *)&ss, &len) != 0) {
        tr_net_oserr(err, errlen, errno);
        return 1;
    }
    tr_addr_from_sa((struct sockaddr *)&ss, out);
    return 0;
}

int tr_sock_peer_addr(tr_sock *s, tr_addr *out, char *err, size_t errlen) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getpeername(s->fd, (struct sockaddr *)&ss, &len) != 0) {
        if (errno == ENOTCONN) return 3;
        tr_net_oserr(err, errlen, errno);
        return 1;
    }
    tr_addr_from_sa((struct sockaddr *)&ss, out);
    return 0;
}

/* ---- accept --------------------------------------------------------------------------- */

int tr_accept_step(tr_process *p, tr_sock *l, int *fd, tr_addr *peer, char *err, size_t errlen) {
    for (;;) {
        unsigned gen = atomic_load(&l->gen);
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int c = accept4(l->fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c >= 0) {
            if (peer) tr_addr_from_sa((struct sockaddr *)&ss, peer);
            int one = 1;
            setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            *fd = c;
            return TR_STEP_DONE;
        }
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            tr_net_oserr(err, errlen, errno);
            return TR_STEP_FAIL;
        }
        int w = tr_sock_wait(p, l, gen, UINT64_MAX);
        if (w == TR_PARKED) return TR_STEP_BLOCK;
        if (w == TR_NOMEM) { snprintf(err, errlen, "out of memory"); return TR_STEP_FAIL; }
    }
}

tw_host_status tr_tcp_accept(tw_hostcall *hc, tr_sock *l, tr_sock **out, tr_addr *peer, int *code,
                             char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    int fd;
    int st = tr_accept_step(p, l, &fd, peer, err, errlen);
    if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
    tr_sock_wait_end(p);
    *code = 1;
    if (st == TR_STEP_DONE && (*out = tr_sock_new(p->rt, fd, TR_SOCK_TCP, err, errlen))) *code = 0;
    return TW_HOST_OK;
}

/* ---- connect ---------------------------------------------------------------------------- */

int tr_connect_step(tr_process *p, tr_sock **sp, const tr_addr *a, uint64_t timeout_ms, char *err,
                    size_t errlen) {
    tr_sock *s = *sp;
    if (!s) {                                     /* the first issue: start connecting */
        struct sockaddr_storage ss;
        socklen_t len;
        if (!tr_addr_to_sa(a, &ss, &len)) {
            snprintf(err, errlen, "invalid address type %u (4 or 6)", a->family);
            return TR_STEP_FAIL;
        }
        int fd = new_fd(a->family, SOCK_STREAM, err, errlen);
        if (fd < 0) return TR_STEP_FAIL;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (!(s = *sp = tr_sock_new(p->rt, fd, TR_SOCK_TCP, err, errlen))) return TR_STEP_FAIL;
        unsigned gen = atomic_load(&s->gen);
        int r;
        do r = connect(fd, (struct sockaddr *)&ss, len);
        while (r != 0 && errno == EINTR);
        if (r == 0) return TR_STEP_DONE;
        if (errno != EINPROGRESS) {
            tr_net_oserr(err, errlen, errno);
            return TR_STEP_FAIL;
        }
        int w = tr_sock_wait(p, s, gen, timeout_ms);
        if (w == TR_PARKED) return TR_STEP_BLOCK;
        if (w == TR_NOMEM) { snprintf(err, errlen, "out of memory"); return TR_STEP_FAIL; }
    }
    for (;;) {                                    /* in progress: done yet? */
        unsigned gen = atomic_load(&s->gen);
        int e = 0;
        socklen_t el = sizeof e;
        if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0) e = errno;
        if (e) {
            tr_net_oserr(err, errlen, e);
            return TR_STEP_FAIL;
        }
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        if (getpeername(s->fd, (struct sockaddr *)&ss, &len) == 0) return TR_STEP_DONE;
        int w = tr_sock_wait(p, s, gen, timeout_ms);
        if (w == TR_PARKED) return TR_STEP_BLOCK;
        if (w == TR_NOMEM) { snprintf(err, errlen, "out of memory"); return TR_STEP_FAIL; }
    }
}

typedef struct {
    tr_io_op op;
    tr_sock *sock;
} connect_op;

static void connect_op_free(tr_io_op *op) {
    tr_sock_unref(((connect_op *)op)->sock);
    free(op);
}

tw_host_status tr_tcp_connect(tw_hostcall *hc, const tr_addr *a, uint64_t timeout_ms,
                              tr_sock **out, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    connect_op *op = (connect_op *)p->io_op;
    if (!op) {
        if (!(op = calloc(1, sizeof *op))) {
            snprintf(err, errlen, "out of memory");
            *code = 1;
            return TW_HOST_OK;
        }
        op->op.free = connect_op_free;
        p->io_op = &op->op;
    } else if (tr_sock_timed_out(p)) {
        *code = TR_TIMEOUT;
        goto done;
    }
    int st = tr_connect_step(p, &op->sock, a, timeout_ms, err, errlen);
    if (st == TR_STEP_BLOCK) return TW_HOST_BLOCK;
    *code = st == TR_STEP_DONE ? 0 : 1;
    if (st == TR_STEP_DONE) {
        *out = op->sock;
        op->sock = NULL;
    }
done:
    tr_sock_wait_end(p);
    p->io_op = NULL;
    op->op.free(&op->op);
    return TW_HOST_OK;
}

/* ---- streams ------------------------------------------------------------------------------ */

/* After a system call on s failed (errno): IO_AGAIN (try again now: interrupted, or an
 * event came in between), IO_BLOCK (parked: return TW_HOST_BLOCK), or IO_DONE with
 * *code = 1 and the message (a real error, or no memory for the timeout). */
enum { IO_AGAIN, IO_BLOCK, IO_DONE };
static int io_failed(tr_process *p, tr_sock *s, unsigned gen, uint64_t timeout_ms, int *code,
                     char *err, size_t errlen) {
    if (errno == EINTR) return IO_AGAIN;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
        tr_net_oserr(err, errlen, errno);
        *code = 1;
        return IO_DONE;
    }
    int w = tr_sock_wait(p, s, gen, timeout_ms);
    if (w == TR_PARKED) return IO_BLOCK;
    if (w == TR_RETRY) return IO_AGAIN;
    snprintf(err, errlen, "out of memory");
    *code = 1;
    return IO_DONE;
}

tw_host_status tr_stream_read(tw_hostcall *hc, tr_sock *s, void *buf, size_t len, bool peek,
                              uint64_t *got, int *code, char *err, size_t errlen) {
    if (s->kind == TR_SOCK_TLS) return tr_tls_read(hc, s, buf, len, got, code, err, errlen);
    tr_process *p = tr_current(hc);
    if (tr_sock_timed_out(p)) { *code = TR_TIMEOUT; return TW_HOST_OK; }
    for (;;) {
        unsigned gen = atomic_load(&s->gen);
        ssize_t n = recv(s->fd, buf, len, MSG_DONTWAIT | (peek ? MSG_PEEK : 0));
        if (n >= 0) {
            *got = (uint64_t)n;
            *code = 0;
            break;
        }
        int r = io_failed(p, s, gen, tr_sock_timeout(s, peek ? TR_TIMEOUT_PEEK : TR_TIMEOUT_READ),
                          code, err, errlen);
        if (r == IO_BLOCK) return TW_HOST_BLOCK;
        if (r == IO_DONE) break;
    }
    tr_sock_wait_end(p);
    return TW_HOST_OK;
}

tw_host_status tr_stream_write(tw_hostcall *hc, tr_sock *s, const struct iovec *iov, int n,
                               uint64_t *wrote, int *code, char *err, size_t errlen) {
    if (s->kind == TR_SOCK_TLS) return tr_tls_write(hc, s, iov, n, wrote, code, err, errlen);
    tr_process *p = tr_current(hc);
    if (tr_sock_timed_out(p)) { *code = TR_TIMEOUT; return TW_HOST_OK; }
    struct msghdr m = {.msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)n};
    for (;;) {
        unsigned gen = atomic_load(&s->gen);
        ssize_t w = sendmsg(s->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (w >= 0) {
            *wrote = (uint64_t)w;
            *code = 0;
            break;
        }
        int r = io_failed(p, s, gen, tr_sock_timeout(s, TR_TIMEOUT_WRITE), code, err, errlen);
        if (r == IO_BLOCK) return TW_HOST_BLOCK;
        if (r == IO_DONE) break;
    }
    tr_sock_wait_end(p);
    return TW_HOST_OK;
}

/* ---- UDP ------------------------------------------------------------------------------------ */

int tr_udp_connect(tr_sock *s, const tr_addr *a, char *err, size_t errlen) {
    struct sockaddr_storage ss;
    socklen_t len;
    if (!tr_addr_to_sa(a, &ss, &len)) {
        snprintf(err, errlen, "invalid address type %u (4 or 6)", a->family);
        return 1;
    }
    if (connect(s->fd, (struct sockaddr *)&ss, len) != 0) {
        tr_net_oserr(err, errlen, errno);
        return 1;
    }
    return 0;
}

tw_host_status tr_udp_send(tw_hostcall *hc, tr_sock *s, const void *buf, size_t len,
                           const tr_addr *to, uint64_t *sent, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    struct sockaddr_storage ss;
    socklen_t sl = 0;
    if (to && !tr_addr_to_sa(to, &ss, &sl)) {
        snprintf(err, errlen, "invalid address type %u (4 or 6)", to->family);
        *code = 1;
        return TW_HOST_OK;
    }
    for (;;) {
        unsigned gen = atomic_load(&s->gen);
        ssize_t n = sendto(s->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL,
                           to ? (struct sockaddr *)&ss : NULL, sl);
        if (n >= 0) {
            *sent = (uint64_t)n;
            *code = 0;
            break;
        }
        int r = io_failed(p, s, gen, UINT64_MAX, code, err, errlen);
        if (r == IO_BLOCK) return TW_HOST_BLOCK;
        if (r == IO_DONE) break;
    }
    tr_sock_wait_end(p);
    return TW_HOST_OK;
}

tw_host_status tr_udp_recv(tw_hostcall *hc, tr_sock *s, void *buf, size_t len, uint64_t *got,
                           tr_addr *from, int *code, char *err, size_t errlen) {
    tr_process *p = tr_current(hc);
    for (;;) {
        unsigned gen = atomic_load(&s->gen);
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        ssize_t n = recvfrom(s->fd, buf, len, MSG_DONTWAIT, (struct sockaddr *)&ss, &sl);
        if (n >= 0) {
            if (from) tr_addr_from_sa((struct sockaddr *)&ss, from);
            *got = (uint64_t)n;
            *code = 0;
            break;
        }
        int r = io_failed(p, s, gen, UINT64_MAX, code, err, errlen);
        if (r == IO_BLOCK) return TW_HOST_BLOCK;
        if (r == IO_DONE) break;
    }
    tr_sock_wait_end(p);
    return TW_HOST_OK;
}

static int sock_family(tr_sock *s) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    return getsockname(s->fd, (struct sockaddr *)&ss, &len) == 0 ? ss.ss_family : AF_INET;
}

bool tr_udp_broadcast(tr_sock *s) {
    int v = 0;
    socklen_t l = sizeof v;
    return getsockopt(s->fd, SOL_SOCKET, SO_BROADCAST, &v, &l) == 0 && v;
}

void tr_udp_set_broadcast(tr_sock *s, bool on) {
    int v = on;
    setsockopt(s->fd, SOL_SOCKET, SO_BROADCAST, &v, sizeof v);
}

uint32_t tr_udp_ttl(tr_sock *s) {
    int v = 0;
    socklen_t l = sizeof v;
    if (sock_family(s) == AF_INET6) getsockopt(s->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, &l);
    else getsockopt(s->fd, IPPROTO_IP, IP_TTL, &v, &l);
    return (uint32_t)v;
}

void tr_udp_set_ttl(tr_sock *s, uint32_t ttl) {
    int v = (int)ttl;
    if (sock_family(s) == AF_INET6) setsockopt(s->fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, sizeof v);
    else setsockopt(s->fd, IPPROTO_IP, IP_TTL, &v, sizeof v);
}
