/* tcp.c — lunatic::networking's TCP functions (lunatic-abi.md §6): listeners, streams,
 * their addresses, timeouts and clones. Calls that wait park only the calling process
 * (runtime/net.h); a bad handle or pointer traps it. */
#include <stdio.h>
#include <sys/uio.h>

#include "host.h"

#define FN(name) "lunatic::networking::" #name
#define IOV_MAX_GUEST 1024

/* A new handle for s in table tab (s's reference moves into the table). */
static bool add_handle(tr_process *p, int tab, tr_sock *s, uint64_t *id) {
    *id = tr_res_add(p, tab, s);
    if (*id != UINT64_MAX) return true;
    tr_sock_unref(s);
    return false;
}

/* tcp_bind(type, addr_ptr, port, flow, scope, id_ptr) -> 0 listener / 1 error */
HOST_FN(tcp_bind) {
    tr_addr a;
    if (!host_addr_in(hc, TW_ARG32(0), TW_ARG32(1), TW_ARG32(2), TW_ARG32(3), TW_ARG32(4), &a, FN(tcp_bind)))
        return TW_HOST_TRAP;
    tr_sock *s = NULL;
    char err[256] = "";
    uint64_t id = 0;
    int code = tr_sock_bind(SELF, TR_SOCK_TCP_LISTENER, &a, &s, err, sizeof err);
    if (code == 0 && !add_handle(SELF, TR_TAB_TCP_LISTENER, s, &id))
        return tw_hostcall_trapf(hc, FN(tcp_bind) ": out of memory");
    return host_net_end(hc, sp, code, err, TW_ARG32(5), true, id, FN(tcp_bind));
}

static tw_host_status drop(tw_hostcall *hc, tw_val *sp, int tab, const char *fn) {
    if (!host_sock(hc, tab, TW_ARG64(0), fn)) return TW_HOST_TRAP;
    tr_res_drop(SELF, tab, TW_ARG64(0));
    return TW_HOST_OK;
}
HOST_FN(drop_tcp_listener) { return drop(hc, sp, TR_TAB_TCP_LISTENER, FN(drop_tcp_listener)); }
HOST_FN(drop_tcp_stream) { return drop(hc, sp, TR_TAB_TCP_STREAM, FN(drop_tcp_stream)); }

/* A socket's own (local) or peer address as a DNS iterator: 0 / 1 error. */
static tw_host_status addr_of(tw_hostcall *hc, tw_val *sp, int tab, bool peer, const char *fn) {
    tr_sock *s = host_sock(hc, tab, TW_ARG64(0), fn);
    if (!s) return TW_HOST_TRAP;
    tr_addr a;
    char err[256] = "";
    int code = peer ? tr_sock_peer_addr(s, &a, err, sizeof err) : tr_sock_local_addr(s, &a, err, sizeof err);
    if (code == 3) { code = 1; snprintf(err, sizeof err, "Transport endpoint is not connected (os error 107)"); }
    uint64_t id = 0;
    if (code == 0 && (id = host_addr_out(SELF, &a)) == UINT64_MAX)
        return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    return host_net_end(hc, sp, code, err, TW_ARG32(1), true, id, fn);
}
HOST_FN(tcp_local_addr) { return addr_of(hc, sp, TR_TAB_TCP_LISTENER, false, FN(tcp_local_addr)); }
HOST_FN(tcp_peer_addr) { return addr_of(hc, sp, TR_TAB_TCP_STREAM, true, FN(tcp_peer_addr)); }

/* tcp_accept(listener, id_ptr, peer_iter_ptr) -> 0 stream + peer iterator / 1 error */
HOST_FN(tcp_accept) {
    tr_sock *l = host_sock(hc, TR_TAB_TCP_LISTENER, TW_ARG64(0), FN(tcp_accept));
    if (!l) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(1), 8) || !tw_hostcall_w(hc, TW_ARG32(2), 8))
        return TW_GUEST_OOB(FN(tcp_accept));
    tr_sock *s = NULL;
    tr_addr peer;
    int code = 1;
    char err[256] = "";
    if (tr_tcp_accept(hc, l, &s, &peer, &code, err, sizeof err) == TW_HOST_BLOCK) return TW_HOST_BLOCK;
    uint64_t id = 0, pid = 0;
    if (code == 0) {
        if (!add_handle(SELF, TR_TAB_TCP_STREAM, s, &id) || (pid = host_addr_out(SELF, &peer)) == UINT64_MAX)
            return tw_hostcall_trapf(hc, FN(tcp_accept) ": out of memory");
        tw_hostcall_put64(hc, TW_ARG32(2), pid);
    }
    return host_net_end(hc, sp, code, err, TW_ARG32(1), true, id, FN(tcp_accept));
}

/* tcp_connect(type, addr_ptr, port, flow, scope, timeout_ms, id_ptr) -> 0 / 1 / 9027 */
HOST_FN(tcp_connect) {
    tr_addr a;
    if (!host_addr_in(hc, TW_ARG32(0), TW_ARG32(1), TW_ARG32(2), TW_ARG32(3), TW_ARG32(4), &a, FN(tcp_connect)))
        return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(6), 8)) return TW_GUEST_OOB(FN(tcp_connect));
    tr_sock *s = NULL;
    int code = 1;
    char err[256] = "";
    if (tr_tcp_connect(hc, &a, TW_ARG64(5), &s, &code, err, sizeof err) == TW_HOST_BLOCK)
        return TW_HOST_BLOCK;
    uint64_t id = 0;
    if (code == 0 && !add_handle(SELF, TR_TAB_TCP_STREAM, s, &id))
        return tw_hostcall_trapf(hc, FN(tcp_connect) ": out of memory");
    return host_net_end(hc, sp, code, err, TW_ARG32(6), true, id, FN(tcp_connect));
}

HOST_FN(clone_tcp_stream) {
    tr_sock *s = host_sock(hc, TR_TAB_TCP_STREAM, TW_ARG64(0), FN(clone_tcp_stream));
    if (!s) return TW_HOST_TRAP;
    uint64_t id;
    if (!add_handle(SELF, TR_TAB_TCP_STREAM, tr_sock_ref(s), &id))
        return tw_hostcall_trapf(hc, FN(clone_tcp_stream) ": out of memory");
    TW_RET64(id);
    return TW_HOST_OK;
}

/* Shared by tcp_* and tls_* (tls.c): read/peek into the guest buffer; write ciovecs. */
tw_host_status host_stream_read(tw_hostcall *hc, tw_val *sp, int tab, bool peek, const char *fn) {
    tr_sock *s = host_sock(hc, tab, TW_ARG64(0), fn);
    if (!s) return TW_HOST_TRAP;
    uint8_t *buf = tw_hostcall_w(hc, TW_ARG32(1), TW_ARG32(2));
    if (!buf || !tw_hostcall_w(hc, TW_ARG32(3), 8)) return TW_GUEST_OOB(fn);
    uint64_t got = 0;
    int code = 1;
    char err[256] = "";
    if (tr_stream_read(hc, s, buf, TW_ARG32(2), peek, &got, &code, err, sizeof err) == TW_HOST_BLOCK)
        return TW_HOST_BLOCK;
    return host_net_end(hc, sp, code, err, TW_ARG32(3), true, got, fn);
}

tw_host_status host_stream_write(tw_hostcall *hc, tw_val *sp, int tab, const char *fn) {
    tr_sock *s = host_sock(hc, tab, TW_ARG64(0), fn);
    if (!s) return TW_HOST_TRAP;
    struct iovec iov[IOV_MAX_GUEST];
    int cnt;
    if (!host_ciovecs(hc, TW_ARG32(1), TW_ARG32(2), iov, IOV_MAX_GUEST, &cnt, fn)) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(3), 8)) return TW_GUEST_OOB(fn);
    uint64_t wrote = 0;
    int code = 1;
    char err[256] = "";
    if (tr_stream_write(hc, s, iov, cnt, &wrote, &code, err, sizeof err) == TW_HOST_BLOCK)
        return TW_HOST_BLOCK;
    return host_net_end(hc, sp, code, err, TW_ARG32(3), true, wrote, fn);
}

HOST_FN(tcp_read) { return host_stream_read(hc, sp, TR_TAB_TCP_STREAM, false, FN(tcp_read)); }
HOST_FN(tcp_peek) { return host_stream_read(hc, sp, TR_TAB_TCP_STREAM, true, FN(tcp_peek)); }
HOST_FN(tcp_write_vectored) { return host_stream_write(hc, sp, TR_TAB_TCP_STREAM, FN(tcp_write_vectored)); }

/* TCP has no user-space buffer: flushing is checking the handle. */
HOST_FN(tcp_flush) {
    if (!host_sock(hc, TR_TAB_TCP_STREAM, TW_ARG64(0), FN(tcp_flush))) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(1), 8)) return TW_GUEST_OOB(FN(tcp_flush));
    TW_RET32(0);
    return TW_HOST_OK;
}

/* Timeouts, stored in the connection (shared by its clones): u64::MAX = none. */
tw_host_status host_set_timeout(tw_hostcall *hc, tw_val *sp, int tab, int which, const char *fn) {
    tr_sock *s = host_sock(hc, tab, TW_ARG64(0), fn);
    if (!s) return TW_HOST_TRAP;
    tr_sock_set_timeout(s, which, TW_ARG64(1));
    return TW_HOST_OK;
}
tw_host_status host_get_timeout(tw_hostcall *hc, tw_val *sp, int tab, int which, const char *fn) {
    tr_sock *s = host_sock(hc, tab, TW_ARG64(0), fn);
    if (!s) return TW_HOST_TRAP;
    TW_RET64(tr_sock_timeout(s, which));
    return TW_HOST_OK;
}
#define TIMEOUT_FNS(kind, which)                                                              \
    HOST_FN(set_##kind##_timeout) {                                                           \
        return host_set_timeout(hc, sp, TR_TAB_TCP_STREAM, which, FN(set_##kind##_timeout));     \
    }                                                                                         \
    HOST_FN(get_##kind##_timeout) {                                                           \
        return host_get_timeout(hc, sp, TR_TAB_TCP_STREAM, which, FN(get_##kind##_timeout)); \
    }
TIMEOUT_FNS(read, TR_TIMEOUT_READ)
TIMEOUT_FNS(write, TR_TIMEOUT_WRITE)
TIMEOUT_FNS(peek, TR_TIMEOUT_PEEK)

#define N(name, sig) {"lunatic::networking", #name, sig, name}
const tw_hostdef host_tcp[] = {
    N(tcp_bind, "iiiiii:i"),
    N(drop_tcp_listener, "I:"),
    N(tcp_local_addr, "Ii:i"),
    N(tcp_accept, "Iii:i"),
    N(tcp_connect, "iiiiiIi:i"),
    N(tcp_peer_addr, "Ii:i"),
    N(drop_tcp_stream, "I:"),
    N(clone_tcp_stream, "I:I"),
    N(tcp_write_vectored, "Iiii:i"),
    N(tcp_peek, "Iiii:i"),
    N(tcp_read, "Iiii:i"),
    N(set_read_timeout, "II:"),
    N(set_write_timeout, "II:"),
    N(set_peek_timeout, "II:"),
    N(get_read_timeout, "I:I"),
    N(get_write_timeout, "I:I"),
    N(get_peek_timeout, "I:I"),
    N(tcp_flush, "Ii:i"),
    {0},
};
