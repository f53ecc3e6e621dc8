/* wasi_sock.c — sock_accept/recv/send/shutdown on sockets the host handed the guest.
 * Like fd_read, nothing waits: a socket that is not ready blocks the call (TW_HOST_BLOCK)
 * or, for a non-blocking fd, fails with EAGAIN. */
#include <errno.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_impl.h"

static tw_host_status not_ready(tw_hostcall *hc, tw_val *sp, wasi_fd *f, short ev) {
    if (f->nonblock) RET(E_AGAIN);
    wasi_wait_add(W, f->host, ev);
    return TW_HOST_BLOCK;
}

/* The guest's iovec list, MAX_IOVS buffers at most: a stream takes a short transfer for
 * a longer list; a datagram cannot be cut, so it is EMSGSIZE. */
static int sock_iovs(const tw_guest *g, wasi_fd *f, uint32_t ptr, uint32_t n, struct iovec *iov,
                     int *cnt) {
    if (n > MAX_IOVS) {
        int type = 0;
        socklen_t len = sizeof type;
        if (getsockopt(f->host, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM)
            return E_MSGSIZE;
        n = MAX_IOVS;
    }
    uint64_t bytes;
    *cnt = (int)n;
    return wasi_iovs(g, ptr, 0, n, iov, &bytes);
}

WASI_FN(sock_accept) {
    tw_wasi *w = W;
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    int e = wasi_fd_check(w, TW_ARG32(0), R_SOCK_ACCEPT, &f);
    if (e) RET(e);
    uint32_t flags = TW_ARG32(1);
    if (flags & ~(uint32_t)FDF_NONBLOCK) RET(E_INVAL);
    if (!tw_guest_w(&g, TW_ARG32(2), 4)) RET(E_FAULT);
    wasi_wait_reset(w);
    int h = accept4(f->host, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (h < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return not_ready(hc, sp, f, POLLIN);
    if (h < 0) RET(wasi_errno(errno));
    uint64_t r = R_FD_READ | R_FD_WRITE | R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN |
                 R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET;
    int64_t nfd = wasi_fd_add(w, h, FT_SOCK_STREAM, r, 0);
    if (nfd < 0) { close(h); RET(E_NFILE); }
    w->fds[nfd].nonblock = flags & FDF_NONBLOCK;
    tw_guest_put32(&g, TW_ARG32(2), (uint32_t)nfd);
    RET(E_SUCCESS);
}

WASI_FN(sock_recv) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), R_FD_READ, &f);
    if (e) RET(e);
    uint32_t ri = TW_ARG32(3);
    if (ri & ~3u) RET(E_INVAL);
    struct iovec iov[MAX_IOVS];
    int cnt;
    if ((e = sock_iovs(&g, f, TW_ARG32(1), TW_ARG32(2), iov, &cnt))) RET(e);
    if (!tw_guest_w(&g, TW_ARG32(4), 4) || !tw_guest_w(&g, TW_ARG32(5), 2)) RET(E_FAULT);
    wasi_wait_reset(W);
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = (size_t)cnt};
    /* MSG_WAITALL would wait in the host: a short read is what the guest gets instead */
    ssize_t n = recvmsg(f->host, &m, MSG_DONTWAIT | (ri & 1 ? MSG_PEEK : 0));
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return not_ready(hc, sp, f, POLLIN);
    if (n < 0) RET(wasi_errno(errno));
    tw_guest_put32(&g, TW_ARG32(4), (uint32_t)n);
    tw_st16(tw_guest_w(&g, TW_ARG32(5), 2), m.msg_flags & MSG_TRUNC ? 1 : 0);
    RET(E_SUCCESS);
}

WASI_FN(sock_send) {
    tw_guest g = tw_guest_of(hc);
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), R_FD_WRITE, &f);
    if (e) RET(e);
    if (TW_ARG32(3) != 0) RET(E_INVAL);
    struct iovec iov[MAX_IOVS];
    int cnt;
    if ((e = sock_iovs(&g, f, TW_ARG32(1), TW_ARG32(2), iov, &cnt))) RET(e);
    if (!tw_guest_w(&g, TW_ARG32(4), 4)) RET(E_FAULT);
    wasi_wait_reset(W);
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = (size_t)cnt};
    ssize_t n = sendmsg(f->host, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return not_ready(hc, sp, f, POLLOUT);
    if (n < 0) RET(wasi_errno(errno));
    tw_guest_put32(&g, TW_ARG32(4), (uint32_t)n);
    RET(E_SUCCESS);
}

WASI_FN(sock_shutdown) {
    wasi_fd *f;
    int e = wasi_fd_check(W, TW_ARG32(0), R_SOCK_SHUTDOWN, &f);
    if (e) RET(e);
    static const int how[] = {0, SHUT_RD, SHUT_WR, SHUT_RDWR};
    uint32_t h = TW_ARG32(1);
    if (h == 0 || h > 3) RET(E_INVAL);
    RET(shutdown(f->host, how[h]) == 0 ? E_SUCCESS : wasi_errno(errno));
}
