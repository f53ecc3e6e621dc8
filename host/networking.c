/* networking.c — lunatic::networking: what its TCP, UDP and TLS functions (tcp.c, udp.c,
 * tls.c) share — socket addresses in and out, results, handles, ciovecs — and the DNS
 * functions: resolve, resolve_next, drop_dns_iterator. */
#include <stdlib.h>
#include <sys/uio.h>

#include "host.h"

#define FN(name) "lunatic::networking::" #name

bool host_addr_in(tw_hostcall *hc, uint32_t type, uint32_t ptr, uint32_t port, uint32_t flow,
                  uint32_t scope, tr_addr *a, const char *fn) {
    if (type != 4 && type != 6) {
        tw_hostcall_trapf(hc, "%s: unsupported address type %u (4 or 6)", fn, type);
        return false;
    }
    const uint8_t *ip = tw_hostcall_r(hc, ptr, type == 4 ? 4 : 16);
    if (!ip) {
        TW_GUEST_OOB(fn);
        return false;
    }
    *a = (tr_addr){.family = (uint8_t)type, .port = (uint16_t)port, .flowinfo = flow,
                   .scope_id = scope};
    memcpy(a->ip, ip, type == 4 ? 4 : 16);
    return true;
}

uint64_t host_addr_out(tr_process *p, const tr_addr *a) {
    tr_dns *d = tr_dns_one(a);
    if (!d) return UINT64_MAX;
    uint64_t id = tr_res_add(p, TR_TAB_DNS, d);
    if (id == UINT64_MAX) tr_dns_free(d);
    return id;
}

tw_host_status host_net_end(tw_hostcall *hc, tw_val *sp, int code, const char *err, uint32_t ptr,
                            bool write_ok, uint64_t ok_value, const char *fn) {
    if (code == TR_NET_FATAL) return tw_hostcall_trapf(hc, "%s: %s", fn, err);
    if (code == 1) {
        ok_value = tr_error_new(SELF, err);
        if (ok_value == UINT64_MAX) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
        write_ok = true;
    }
    if (code != TR_TIMEOUT && write_ok && !tw_hostcall_put64(hc, ptr, ok_value))
        return TW_GUEST_OOB(fn);
    TW_RET32((uint32_t)code);
    return TW_HOST_OK;
}

tr_sock *host_sock(tw_hostcall *hc, int tab, uint64_t id, const char *fn) {
    static const char *const what[TR_NTABS] = {
        [TR_TAB_TCP_LISTENER] = "tcp listener", [TR_TAB_TCP_STREAM] = "tcp stream",
        [TR_TAB_TLS_LISTENER] = "tls listener", [TR_TAB_TLS_STREAM] = "tls stream",
        [TR_TAB_UDP_SOCKET] = "udp socket"};
    tr_sock *s = tr_res_get(SELF, tab, id);
    if (!s) tw_hostcall_trapf(hc, "%s: unknown %s id %llu", fn, what[tab], (unsigned long long)id);
    return s;
}

bool host_ciovecs(tw_hostcall *hc, uint32_t ptr, uint32_t n, struct iovec *iov, int max, int *cnt,
                  const char *fn) {
    tw_guest g = tw_guest_of(hc);
    const uint8_t *l = tw_guest_r(&g, ptr, (uint64_t)n * 8);
    if (!l) {
        TW_GUEST_OOB(fn);
        return false;
    }
    uint32_t k = n < (uint32_t)max ? n : (uint32_t)max;   /* more: a short write */
    for (uint32_t i = 0; i < n; i++) {
        uint32_t b = tw_ld32(l + 8 * i), len = tw_ld32(l + 8 * i + 4);
        uint8_t *p = tw_guest_r(&g, b, len);
        if (!p) {
            TW_GUEST_OOB(fn);
            return false;
        }
        if (i < k) iov[i] = (struct iovec){p, len};
    }
    *cnt = (int)k;
    return true;
}

/* ---- DNS ---------------------------------------------------------------------------------- */

/* resolve(name_ptr, name_len, timeout_ms, id_ptr) -> 0 iterator id / 1 error id / 9027 */
HOST_FN(resolve) {
    char *name = tw_guest_string(hc, TW_ARG32(0), TW_ARG32(1), FN(resolve));
    if (!name) return TW_HOST_TRAP;
    if (!tw_hostcall_w(hc, TW_ARG32(3), 8)) { free(name); return TW_GUEST_OOB(FN(resolve)); }
    tr_dns *d = NULL;
    int code = 1;
    char err[256] = "";
    tw_host_status st = tr_resolve(hc, name, TW_ARG32(1), TW_ARG64(2), &d, &code, err, sizeof err);
    free(name);
    if (st == TW_HOST_BLOCK) return st;
    uint64_t id = 0;
    if (code == 0 && (id = tr_res_add(SELF, TR_TAB_DNS, d)) == UINT64_MAX) {
        tr_dns_free(d);
        return tw_hostcall_trapf(hc, FN(resolve) ": out of memory");
    }
    return host_net_end(hc, sp, code, err, TW_ARG32(3), true, id, FN(resolve));
}

/* resolve_next(iter, type_u32_ptr, addr_16_ptr, port_u16_ptr, flowinfo_u32_ptr,
 * scope_u32_ptr) -> 0 written / 1 exhausted. An IPv4 address writes 4 octets and leaves
 * flow info and scope id alone (as Lunatic does). */
HOST_FN(resolve_next) {
    tr_dns *d = tr_res_get(SELF, TR_TAB_DNS, TW_ARG64(0));
    if (!d)
        return tw_hostcall_trapf(hc, FN(resolve_next) ": unknown dns iterator id %llu",
                                 (unsigned long long)TW_ARG64(0));
    tw_guest g = tw_guest_of(hc);
    uint8_t *type = tw_guest_w(&g, TW_ARG32(1), 4), *ip = tw_guest_w(&g, TW_ARG32(2), 16),
            *port = tw_guest_w(&g, TW_ARG32(3), 2), *flow = tw_guest_w(&g, TW_ARG32(4), 4),
            *scope = tw_guest_w(&g, TW_ARG32(5), 4);
    if (!type || !ip || !port || !flow || !scope) return TW_GUEST_OOB(FN(resolve_next));
    tr_addr a;
    if (!tr_dns_next(d, &a)) {
        TW_RET32(1);
        return TW_HOST_OK;
    }
    tw_st32(type, a.family);
    memcpy(ip, a.ip, a.family == 4 ? 4 : 16);
    tw_st16(port, a.port);
    if (a.family == 6) {
        tw_st32(flow, a.flowinfo);
        tw_st32(scope, a.scope_id);
    }
    TW_RET32(0);
    return TW_HOST_OK;
}

HOST_FN(drop_dns_iterator) {
    (void)sp;
    if (!tr_res_drop(SELF, TR_TAB_DNS, TW_ARG64(0)))
        return tw_hostcall_trapf(hc, FN(drop_dns_iterator) ": unknown dns iterator id %llu",
                                 (unsigned long long)TW_ARG64(0));
    return TW_HOST_OK;
}

const tw_hostdef host_networking[] = {
    {"lunatic::networking", "resolve", "iiIi:i", resolve},
    {"lunatic::networking", "resolve_next", "Iiiiii:i", resolve_next},
    {"lunatic::networking", "drop_dns_iterator", "I:", drop_dns_iterator},
    {0},
};
