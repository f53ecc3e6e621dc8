/* message.c — lunatic::message: the scratch area, send, selective receive, modules and
 * connections (TCP and TLS streams, UDP sockets) in messages. */
#include <stdlib.h>

#include "host.h"

#define FN(name) "lunatic::message::" #name

HOST_FN(create_data) {
    tr_message *m = tr_message_new((int64_t)TW_ARG64(0), TW_ARG64(1));
    if (!m) return tw_hostcall_trapf(hc, FN(create_data) ": out of memory");
    tr_scratch_set(SELF, m);
    return TW_HOST_OK;
}

HOST_FN(write_data) {
    tr_message *m = tr_scratch(SELF);
    if (!m || tr_message_kind(m) != TR_MSG_DATA)
        return tw_hostcall_trapf(hc, FN(write_data) ": no data message (call create_data first)");
    uint8_t *src = tw_hostcall_r(hc, TW_ARG32(0), TW_ARG32(1));
    if (!src) return TW_GUEST_OOB(FN(write_data));
    if (!tr_message_write(m, src, TW_ARG32(1)))
        return tw_hostcall_trapf(hc, FN(write_data) ": out of memory");
    TW_RET32(TW_ARG32(1));
    return TW_HOST_OK;
}

HOST_FN(read_data) {
    tr_message *m = tr_scratch(SELF);
    if (!m) return tw_hostcall_trapf(hc, FN(read_data) ": no message (receive one first)");
    tw_guest g = tw_guest_of(hc);
    uint8_t *dst = tw_guest_r(&g, TW_ARG32(0), TW_ARG32(1));
    if (!dst) return TW_GUEST_OOB(FN(read_data));
    size_t n = tr_message_read(m, dst, TW_ARG32(1));
    if (n) tw_memory_wrote(g.mem, TW_ARG32(0), n);
    TW_RET32(n);
    return TW_HOST_OK;
}

HOST_FN(seek_data) {
    tr_message *m = tr_scratch(SELF);
    if (!m) return tw_hostcall_trapf(hc, FN(seek_data) ": no message");
    tr_message_seek(m, TW_ARG64(0));
    return TW_HOST_OK;
}

HOST_FN(get_tag) {
    tr_message *m = tr_scratch(SELF);
    TW_RET64(m ? tr_message_tag(m) : 0);
    return TW_HOST_OK;
}

/* The dead process of a ProcessDied message (and, beyond Lunatic, of a LinkDied one). */
HOST_FN(get_process_id) {
    tr_message *m = tr_scratch(SELF);
    TW_RET64(m ? tr_message_pid(m) : 0);
    return TW_HOST_OK;
}

HOST_FN(data_size) {
    tr_message *m = tr_scratch(SELF);
    TW_RET64(m ? tr_message_size(m) : 0);
    return TW_HOST_OK;
}

HOST_FN(push_module) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch(p);
    if (!m) return tw_hostcall_trapf(hc, FN(push_module) ": no message (call create_data first)");
    tr_module *mod = tr_res_get(p, TR_TAB_MODULE, TW_ARG64(0));
    if (!mod)
        return tw_hostcall_trapf(hc, FN(push_module) ": unknown module id %llu",
                                 (unsigned long long)TW_ARG64(0));
    int64_t idx = tr_message_attach(m, TR_RES_MODULE, mod);
    if (idx < 0) return tw_hostcall_trapf(hc, FN(push_module) ": out of memory");
    tr_module_ref(mod);   /* the module stays in the sender's table too */
    TW_RET64(idx);
    return TW_HOST_OK;
}

HOST_FN(take_module) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch(p);
    uint64_t i = TW_ARG64(0);
    tr_module *mod = m ? tr_message_take_resource(m, i, TR_RES_MODULE) : NULL;
    if (!mod)
        return tw_hostcall_trapf(hc, FN(take_module) ": no module at index %llu of the message",
                                 (unsigned long long)i);
    uint64_t id = tr_res_add(p, TR_TAB_MODULE, mod);
    if (id == UINT64_MAX) {
        tr_module_unref(mod);
        return tw_hostcall_trapf(hc, FN(take_module) ": out of memory");
    }
    TW_RET64(id);
    return TW_HOST_OK;
}

/* A connection moves: pushing takes the handle out of the sender's table (the message
 * holds its reference); taking puts it into the receiver's. A message dropped with a
 * connection still in it closes that handle. */
static tw_host_status push_conn(tw_hostcall *hc, tw_val *sp, int tab, int kind, const char *what,
                                const char *fn) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch(p);
    if (!m) return tw_hostcall_trapf(hc, "%s: no message (call create_data first)", fn);
    tr_sock *s = tr_res_get(p, tab, TW_ARG64(0));
    if (!s) return tw_hostcall_trapf(hc, "%s: unknown %s id %llu", fn, what, (unsigned long long)TW_ARG64(0));
    int64_t idx = tr_message_attach(m, kind, s);
    if (idx < 0) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    tr_res_take(p, tab, TW_ARG64(0));
    TW_RET64(idx);
    return TW_HOST_OK;
}

static tw_host_status take_conn(tw_hostcall *hc, tw_val *sp, int tab, int kind, const char *what,
                                const char *fn) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch(p);
    uint64_t i = TW_ARG64(0);
    tr_sock *s = m ? tr_message_take_resource(m, i, kind) : NULL;
    if (!s) return tw_hostcall_trapf(hc, "%s: no %s at index %llu of the message", fn, what, (unsigned long long)i);
    uint64_t id = tr_res_add(p, tab, s);
    if (id == UINT64_MAX) {
        tr_sock_unref(s);
        return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    }
    TW_RET64(id);
    return TW_HOST_OK;
}

#define CONN_FNS(name, tab, kind, what)                                                   \
    HOST_FN(push_##name) { return push_conn(hc, sp, tab, kind, what, FN(push_##name)); } \
    HOST_FN(take_##name) { return take_conn(hc, sp, tab, kind, what, FN(take_##name)); }
CONN_FNS(tcp_stream, TR_TAB_TCP_STREAM, TR_RES_TCP_STREAM, "tcp stream")
CONN_FNS(tls_stream, TR_TAB_TLS_STREAM, TR_RES_TLS_STREAM, "tls stream")
CONN_FNS(udp_socket, TR_TAB_UDP_SOCKET, TR_RES_UDP_SOCKET, "udp socket")

HOST_FN(send) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch_take(p);
    if (!m) return tw_hostcall_trapf(hc, FN(send) ": no message (call create_data first)");
    tr_send_from(p, TW_ARG64(0), m);
    TW_RET32(0);
    return TW_HOST_OK;
}

HOST_FN(send_receive_skip_search) {
    int code;
    tw_host_status st = tr_send_receive(hc, TW_ARG64(0), (int64_t)TW_ARG64(1), TW_ARG64(2), &code);
    if (st == TW_HOST_OK) TW_RET32(code);
    return st;
}

HOST_FN(receive) {
    uint32_t n = TW_ARG32(1);
    const uint8_t *b = tw_hostcall_r(hc, TW_ARG32(0), (uint64_t)n * 8);
    if (!b) return TW_GUEST_OOB(FN(receive));
    int64_t small[16], *tags = n <= 16 ? small : malloc((size_t)n * sizeof *tags);
    if (!tags) return tw_hostcall_trapf(hc, FN(receive) ": out of memory");
    for (uint32_t i = 0; i < n; i++) tags[i] = (int64_t)tw_ld64(b + 8 * i);
    int code;
    tw_host_status st = tr_receive(hc, tags, n, TW_ARG64(2), &code);
    if (tags != small) free(tags);
    if (st == TW_HOST_OK) TW_RET32(code);
    else if (st == TW_HOST_BLOCK && n) tr_wait_hint(hc, b);   /* read again when woken */
    return st;
}

#define M(name, sig) {"lunatic::message", #name, sig, name}
const tw_hostdef host_message[] = {
    M(create_data, "II:"),
    M(write_data, "ii:i"),
    M(read_data, "ii:i"),
    M(seek_data, "I:"),
    M(get_tag, ":I"),
    M(get_process_id, ":I"),
    M(data_size, ":I"),
    M(push_module, "I:I"),
    M(take_module, "I:I"),
    M(push_tcp_stream, "I:I"),
    M(take_tcp_stream, "I:I"),
    M(push_tls_stream, "I:I"),
    M(take_tls_stream, "I:I"),
    M(push_udp_socket, "I:I"),
    M(take_udp_socket, "I:I"),
    M(send, "I:i"),
    M(send_receive_skip_search, "III:i"),
    M(receive, "iiI:i"),
    {0},
};
