/* tls.c — lunatic::networking's TLS functions (lunatic-abi.md §6) over runtime/tls.c
 * (OpenSSL): listeners with a PEM certificate chain and key, accept, connect (the system's
 * CA store when no certificate is given), reads, writes, timeouts, clones. A failed
 * handshake traps the calling process, as the ABI says. */
#include <stdlib.h>

#include "host.h"

#define FN(name) "lunatic::networking::" #name

/* tls_bind(type, addr_ptr, port, flow, scope, id_ptr, certs_ptr, certs_len, keys_ptr,
 * keys_len) -> 0 listener / 1 error */
HOST_FN(tls_bind) {
    tr_addr a;
    if (!host_addr_in(hc, TW_ARG32(0), TW_ARG32(1), TW_ARG32(2), TW_ARG32(3), TW_ARG32(4), &a, FN(tls_bind)))
        return TW_HOST_TRAP;
    const char *cert = (const char *)tw_hostcall_r(hc, TW_ARG32(6), TW_ARG32(7));
    const char *key = (const char *)tw_hostcall_r(hc, TW_ARG32(8), TW_ARG32(9));
    if (!cert || !key) return TW_GUEST_OOB(FN(tls_bind));
    tr_sock *s = NULL;
    char err[256] = "";
    uint64_t id = 0;
    int code = tr_tls_bind(SELF, &a, cert, TW_ARG32(7), key, TW_ARG32(9), &s, err, sizeof err);
    if (code == 0 && (id = tr_res_add(SELF, TR_TAB_TLS_LISTENER, s)) == UINT64_MAX) {
        tr_sock_unref(s);
        return tw_hostcall_trapf(hc, FN(tls_bind) ": out of memory");
    }
    return host_net_end(hc, sp, code, err, TW_ARG32(5), true, id, FN(tls_bind));
}

static tw_host_status drop(tw_hostcall *hc, tw_val *sp, int tab, const char *fn) {
    if (!host_sock(hc, tab, TW_ARG64(0), fn)) return TW_HOST_TRAP;
    tr_res_drop(SELF, tab, TW_ARG64(0));
    return TW_HOST_OK;
}
HOST_FN(drop_tls_listener) { return drop(hc, sp, TR_TAB_TLS_LISTENER, FN(drop_tls_listener)); }
HOST_FN(drop_tls_stream) { return drop(hc, sp, TR_TAB_TLS_STREAM, FN(drop_tls_stream)); }

HOST_FN(tls_local_addr) {
    tr_sock *s = host_sock(hc, TR_TAB_TLS_LISTENER, TW_ARG64(0), FN(tls_local_addr));
    if (!s) return TW_HOST_TRAP;
    tr_addr a;
    char err[256] = "";
    int code = tr_sock_local_addr(s, &a, err, sizeof err);
    uint64_t id = 0;
    if (code == 0 && (id = host_addr_out(SELF, &a)) == UINT64_MAX)
        return tw_hostcall_trapf(hc, FN(tls_local_addr) ": out of memory");
    return host_net_end(hc, sp, code, err, TW_ARG32(1), true, id, FN(tls_local_addr));
}

/* tls_accept(listener, id_ptr, peer_iter_ptr) -> 0 stream + peer / 1 error; traps when
 * the handshake fails */
HOST_FN(tls_accept) {
    tr_sock *l = host_sock(hc, TR_TAB_TLS_LISTENER, TW_ARG64(0), FN(tls_accept));
    if (!l) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(1), 8) || !tw_hostcall_w(hc, TW_ARG32(2), 8))
        return TW_GUEST_OOB(FN(tls_accept));
    tr_sock *s = NULL;
    tr_addr peer;
    int code = 1;
    char err[256] = "";
    if (tr_tls_accept(hc, l, &s, &peer, &code, err, sizeof err) == TW_HOST_BLOCK) return TW_HOST_BLOCK;
    uint64_t id = 0, pid;
    if (code == 0) {
        if ((id = tr_res_add(SELF, TR_TAB_TLS_STREAM, s)) == UINT64_MAX) {
            tr_sock_unref(s);
            return tw_hostcall_trapf(hc, FN(tls_accept) ": out of memory");
        }
        if ((pid = host_addr_out(SELF, &peer)) == UINT64_MAX)
            return tw_hostcall_trapf(hc, FN(tls_accept) ": out of memory");
        tw_hostcall_put64(hc, TW_ARG32(2), pid);
    }
    return host_net_end(hc, sp, code, err, TW_ARG32(1), true, id, FN(tls_accept));
}

/* tls_connect(host_ptr, host_len, port, timeout_ms, id_ptr, certs_ptr, certs_count):
 * certs = certs_count records {u32 ptr, u32 len} of PEM CA certificates (0: the system's
 * store). 0 / 1 / 9027; traps when the handshake fails. */
HOST_FN(tls_connect) {
    char *host = tw_guest_string(hc, TW_ARG32(0), TW_ARG32(1), FN(tls_connect));
    if (!host) return TW_HOST_TRAP;
    uint32_t n = TW_ARG32(6);
    tw_guest g = tw_guest_of(hc);
    const uint8_t *recs = tw_guest_r(&g, TW_ARG32(5), (uint64_t)n * 8);
    const char **cas = calloc(n ? n : 1, sizeof *cas);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    tw_host_status st;
    if (!cas || !lens) { st = tw_hostcall_trapf(hc, FN(tls_connect) ": out of memory"); goto out; }
    if (!recs || !tw_guest_w(&g, TW_ARG32(4), 8)) { st = TW_GUEST_OOB(FN(tls_connect)); goto out; }
    for (uint32_t i = 0; i < n; i++) {
        lens[i] = tw_ld32(recs + 8 * i + 4);
        if (!(cas[i] = (const char *)tw_guest_r(&g, tw_ld32(recs + 8 * i), lens[i]))) {
            st = TW_GUEST_OOB(FN(tls_connect));
            goto out;
        }
    }
    tr_sock *s = NULL;
    int code = 1;
    char err[256] = "";
    st = tr_tls_connect(hc, host, (uint16_t)TW_ARG32(2), TW_ARG64(3), cas, lens, n, &s, &code, err, sizeof err);
    if (st == TW_HOST_BLOCK) goto out;
    uint64_t id = 0;
    if (code == 0 && (id = tr_res_add(SELF, TR_TAB_TLS_STREAM, s)) == UINT64_MAX) {
        tr_sock_unref(s);
        st = tw_hostcall_trapf(hc, FN(tls_connect) ": out of memory");
        goto out;
    }
    st = host_net_end(hc, sp, code, err, TW_ARG32(4), true, id, FN(tls_connect));
out:
    free(host);
    free(cas);
    free(lens);
    return st;
}

HOST_FN(clone_tls_stream) {
    tr_sock *s = host_sock(hc, TR_TAB_TLS_STREAM, TW_ARG64(0), FN(clone_tls_stream));
    if (!s) return TW_HOST_TRAP;
    uint64_t id = tr_res_add(SELF, TR_TAB_TLS_STREAM, tr_sock_ref(s));
    if (id == UINT64_MAX) {
        tr_sock_unref(s);
        return tw_hostcall_trapf(hc, FN(clone_tls_stream) ": out of memory");
    }
    TW_RET64(id);
    return TW_HOST_OK;
}

HOST_FN(tls_read) { return host_stream_read(hc, sp, TR_TAB_TLS_STREAM, false, FN(tls_read)); }
HOST_FN(tls_write_vectored) { return host_stream_write(hc, sp, TR_TAB_TLS_STREAM, FN(tls_write_vectored)); }

/* Every TLS write goes out at once (no buffering above the socket): nothing to flush. */
HOST_FN(tls_flush) {
    if (!host_sock(hc, TR_TAB_TLS_STREAM, TW_ARG64(0), FN(tls_flush))) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(1), 8)) return TW_GUEST_OOB(FN(tls_flush));
    TW_RET32(0);
    return TW_HOST_OK;
}

HOST_FN(set_tls_read_timeout) { return host_set_timeout(hc, sp, TR_TAB_TLS_STREAM, TR_TIMEOUT_READ, FN(set_tls_read_timeout)); }
HOST_FN(set_tls_write_timeout) { return host_set_timeout(hc, sp, TR_TAB_TLS_STREAM, TR_TIMEOUT_WRITE, FN(set_tls_write_timeout)); }
HOST_FN(get_tls_read_timeout) { return host_get_timeout(hc, sp, TR_TAB_TLS_STREAM, TR_TIMEOUT_READ, FN(get_tls_read_timeout)); }
HOST_FN(get_tls_write_timeout) { return host_get_timeout(hc, sp, TR_TAB_TLS_STREAM, TR_TIMEOUT_WRITE, FN(get_tls_write_timeout)); }

#define N(name, sig) {"lunatic::networking", #name, sig, name}
const tw_hostdef host_tls[] = {
    N(tls_bind, "iiiiiiiiii:i"),
    N(drop_tls_listener, "I:"),
    N(tls_local_addr, "Ii:i"),
    N(tls_accept, "Iii:i"),
    N(tls_connect, "iiiIiii:i"),
    N(drop_tls_stream, "I:"),
    N(clone_tls_stream, "I:I"),
    N(tls_write_vectored, "Iiii:i"),
    N(tls_read, "Iiii:i"),
    N(set_tls_read_timeout, "II:"),
    N(set_tls_write_timeout, "II:"),
    N(get_tls_read_timeout, "I:I"),
    N(get_tls_write_timeout, "I:I"),
    N(tls_flush, "Ii:i"),
    {0},
};
