/* udp.c — lunatic::networking's UDP functions (lunatic-abi.md §6): bind, connect, send,
 * send_to, receive, receive_from, addresses, broadcast, TTL, clones. Sending and
 * receiving wait (parking the process) when the socket is not ready; they have no
 * timeout, as in Lunatic. */
#include "host.h"

#define FN(name) "lunatic::networking::" #name

static tr_sock *sock_of(tw_hostcall *hc, tw_val *sp, const char *fn) {
    return host_sock(hc, TR_TAB_UDP_SOCKET, TW_ARG64(0), fn);
}

/* udp_bind(type, addr_ptr, port, flow, scope, id_ptr) -> 0 socket / 1 error */
HOST_FN(udp_bind) {
    tr_addr a;
    if (!host_addr_in(hc, TW_ARG32(0), TW_ARG32(1), TW_ARG32(2), TW_ARG32(3), TW_ARG32(4), &a, FN(udp_bind)))
        return TW_HOST_TRAP;
    tr_sock *s = NULL;
    char err[256] = "";
    uint64_t id = 0;
    int code = tr_sock_bind(SELF, TR_SOCK_UDP, &a, &s, err, sizeof err);
    if (code == 0 && (id = tr_res_add(SELF, TR_TAB_UDP_SOCKET, s)) == UINT64_MAX) {
        tr_sock_unref(s);
        return tw_hostcall_trapf(hc, FN(udp_bind) ": out of memory");
    }
    return host_net_end(hc, sp, code, err, TW_ARG32(5), true, id, FN(udp_bind));
}

HOST_FN(drop_udp_socket) {
    (void)sp;
    if (!sock_of(hc, sp, FN(drop_udp_socket))) return TW_HOST_TRAP;
    tr_res_drop(SELF, TR_TAB_UDP_SOCKET, TW_ARG64(0));
    return TW_HOST_OK;
}

HOST_FN(clone_udp_socket) {
    tr_sock *s = sock_of(hc, sp, FN(clone_udp_socket));
    if (!s) return TW_HOST_TRAP;
    uint64_t id = tr_res_add(SELF, TR_TAB_UDP_SOCKET, tr_sock_ref(s));
    if (id == UINT64_MAX) {
        tr_sock_unref(s);
        return tw_hostcall_trapf(hc, FN(clone_udp_socket) ": out of memory");
    }
    TW_RET64(id);
    return TW_HOST_OK;
}

HOST_FN(udp_local_addr) {
    tr_sock *s = sock_of(hc, sp, FN(udp_local_addr));
    if (!s) return TW_HOST_TRAP;
    tr_addr a;
    char err[256] = "";
    int code = tr_sock_local_addr(s, &a, err, sizeof err);
    uint64_t id = 0;
    if (code == 0 && (id = host_addr_out(SELF, &a)) == UINT64_MAX)
        return tw_hostcall_trapf(hc, FN(udp_local_addr) ": out of memory");
    return host_net_end(hc, sp, code, err, TW_ARG32(1), true, id, FN(udp_local_addr));
}

/* udp_peer_addr(sock, id_ptr) -> 0 iterator / 1 not connected (nothing written) / 2 error */
HOST_FN(udp_peer_addr) {
    tr_sock *s = sock_of(hc, sp, FN(udp_peer_addr));
    if (!s) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(1), 8)) return TW_GUEST_OOB(FN(udp_peer_addr));
    tr_addr a;
    char err[256] = "";
    int code = tr_sock_peer_addr(s, &a, err, sizeof err);
    uint64_t id;
    if (code == 3) { TW_RET32(1); return TW_HOST_OK; }
    if (code == 0) id = host_addr_out(SELF, &a);
    else id = tr_error_new(SELF, err);
    if (id == UINT64_MAX) return tw_hostcall_trapf(hc, FN(udp_peer_addr) ": out of memory");
    tw_hostcall_put64(hc, TW_ARG32(1), id);
    TW_RET32(code == 0 ? 0 : 2);
    return TW_HOST_OK;
}

/* udp_connect(sock, type, addr_ptr, port, flow, scope, timeout_ms, id_ptr) -> 0 / 1 error.
 * (A UDP connect only sets the peer: it never waits, so the timeout never elapses.) */
HOST_FN(udp_connect) {
    tr_sock *s = sock_of(hc, sp, FN(udp_connect));
    if (!s) return TW_HOST_TRAP;
    tr_addr a;
    if (!host_addr_in(hc, TW_ARG32(1), TW_ARG32(2), TW_ARG32(3), TW_ARG32(4), TW_ARG32(5), &a, FN(udp_connect)))
        return TW_HOST_TRAP;
    char err[256] = "";
    int code = tr_udp_connect(s, &a, err, sizeof err);
    return host_net_end(hc, sp, code, err, TW_ARG32(7), false, 0, FN(udp_connect));
}

static tw_host_status do_send(tw_hostcall *hc, tw_val *sp, const tr_addr *to, uint32_t out, const char *fn) {
    tr_sock *s = sock_of(hc, sp, fn);
    if (!s) return TW_HOST_TRAP;
    const uint8_t *buf = tw_hostcall_r(hc, TW_ARG32(1), TW_ARG32(2));
    if (!buf || !tw_hostcall_w(hc, out, 8)) return TW_GUEST_OOB(fn);
    uint64_t n = 0;
    int code = 1;
    char err[256] = "";
    if (tr_udp_send(hc, s, buf, TW_ARG32(2), to, &n, &code, err, sizeof err) == TW_HOST_BLOCK)
        return TW_HOST_BLOCK;
    return host_net_end(hc, sp, code, err, out, true, n, fn);
}

HOST_FN(udp_send) { return do_send(hc, sp, NULL, TW_ARG32(3), FN(udp_send)); }

/* udp_send_to(sock, buf, len, type, addr_ptr, port, flow, scope, out_ptr) */
HOST_FN(udp_send_to) {
    tr_addr a;
    if (!host_addr_in(hc, TW_ARG32(3), TW_ARG32(4), TW_ARG32(5), TW_ARG32(6), TW_ARG32(7), &a, FN(udp_send_to)))
        return TW_HOST_TRAP;
    return do_send(hc, sp, &a, TW_ARG32(8), FN(udp_send_to));
}

static tw_host_status do_receive(tw_hostcall *hc, tw_val *sp, bool from, const char *fn) {
    tr_sock *s = sock_of(hc, sp, fn);
    if (!s) return TW_HOST_TRAP;
    uint8_t *buf = tw_hostcall_w(hc, TW_ARG32(1), TW_ARG32(2));
    if (!buf || !tw_hostcall_w(hc, TW_ARG32(3), 8) || (from && !tw_hostcall_w(hc, TW_ARG32(4), 8)))
        return TW_GUEST_OOB(fn);
    uint64_t n = 0;
    tr_addr src;
    int code = 1;
    char err[256] = "";
    if (tr_udp_recv(hc, s, buf, TW_ARG32(2), &n, from ? &src : NULL, &code, err, sizeof err) ==
        TW_HOST_BLOCK)
        return TW_HOST_BLOCK;
    if (code == 0 && from) {
        uint64_t id = host_addr_out(SELF, &src);
        if (id == UINT64_MAX) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
        tw_hostcall_put64(hc, TW_ARG32(4), id);
    }
    return host_net_end(hc, sp, code, err, TW_ARG32(3), true, n, fn);
}

HOST_FN(udp_receive) { return do_receive(hc, sp, false, FN(udp_receive)); }
HOST_FN(udp_receive_from) { return do_receive(hc, sp, true, FN(udp_receive_from)); }

HOST_FN(set_udp_socket_broadcast) {
    (void)sp;
    tr_sock *s = sock_of(hc, sp, FN(set_udp_socket_broadcast));
    if (!s) return TW_HOST_TRAP;
    tr_udp_set_broadcast(s, TW_ARG32(1) != 0);
    return TW_HOST_OK;
}
HOST_FN(get_udp_socket_broadcast) {
    tr_sock *s = sock_of(hc, sp, FN(get_udp_socket_broadcast));
    if (!s) return TW_HOST_TRAP;
    TW_RET32(tr_udp_broadcast(s) ? 1 : 0);
    return TW_HOST_OK;
}
HOST_FN(set_udp_socket_ttl) {
    (void)sp;
    tr_sock *s = sock_of(hc, sp, FN(set_udp_socket_ttl));
    if (!s) return TW_HOST_TRAP;
    tr_udp_set_ttl(s, TW_ARG32(1));
    return TW_HOST_OK;
}
HOST_FN(get_udp_socket_ttl) {
    tr_sock *s = sock_of(hc, sp, FN(get_udp_socket_ttl));
    if (!s) return TW_HOST_TRAP;
    TW_RET32(tr_udp_ttl(s));
    return TW_HOST_OK;
}

#define N(name, sig) {"lunatic::networking", #name, sig, name}
const tw_hostdef host_udp[] = {
    N(udp_bind, "iiiiii:i"),
    N(udp_local_addr, "Ii:i"),
    N(udp_peer_addr, "Ii:i"),
    N(drop_udp_socket, "I:"),
    N(udp_receive, "Iiii:i"),
    N(udp_receive_from, "Iiiii:i"),
    N(udp_connect, "IiiiiiIi:i"),
    N(clone_udp_socket, "I:I"),
    N(set_udp_socket_broadcast, "Ii:"),
    N(get_udp_socket_broadcast, "I:i"),
    N(set_udp_socket_ttl, "Ii:"),
    N(get_udp_socket_ttl, "I:i"),
    N(udp_send_to, "Iiiiiiiii:i"),
    N(udp_send, "Iiii:i"),
    {0},
};
