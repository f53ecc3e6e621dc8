/* distributed.c — lunatic::distributed on a single node (runtime/node.c).
 *
 * Lunatic always provides this namespace, and its Rust SDK imports it into every program
 * that sends or spawns: `send` compares the target's node with node_id() and goes through
 * lunatic::distributed only when they differ. Here node_id is 0, no other node is known
 * (nodes_count 0, get_nodes copies nothing, lookups find nothing), and a message or spawn
 * for another node fails with "node not found"; for this node's own id it is delivered or
 * spawned locally. The certificate helpers (the control server's) are not provided: they
 * trap with a message saying so. */
#include <stdio.h>
#include <stdlib.h>

#include "host.h"

#define FN(name) "lunatic::distributed::" #name

HOST_FN(nodes_count) { TW_RET32(tr_nodes(tr_process_runtime(SELF), NULL, 0)); return TW_HOST_OK; }
HOST_FN(node_id) { TW_RET64(tr_node_id(tr_process_runtime(SELF))); return TW_HOST_OK; }
HOST_FN(module_id) { TW_RET64(tr_module_id(tr_process_module(SELF))); return TW_HOST_OK; }

/* get_nodes(nodes_ptr, max) -> count: up to max node ids (u64 LE). */
HOST_FN(get_nodes) {
    uint32_t max = TW_ARG32(1);
    uint8_t *d = tw_hostcall_w(hc, TW_ARG32(0), (uint64_t)max * 8);
    if (!d) return TW_GUEST_OOB(FN(get_nodes));
    uint64_t ids[64];
    uint32_t n = tr_nodes(tr_process_runtime(SELF), ids, max < 64 ? max : 64);
    for (uint32_t i = 0; i < n; i++) tw_st64(d + 8 * i, ids[i]);
    TW_RET32(n);
    return TW_HOST_OK;
}

/* spawn(node, config, module_id, func_ptr, func_len, params_ptr, params_len, id_ptr):
 * 0 with the process id, or 1 (node not found, or the spawn failed there) / 2 (module
 * not found) with an error id. */
HOST_FN(spawn) {
    const char *fn = FN(spawn);
    tr_process *p = SELF;
    if (!tw_hostcall_r(hc, TW_ARG32(7), 8)) return TW_GUEST_OOB(fn);
    int64_t config_id = (int64_t)TW_ARG64(1);
    tr_config *cfg = config_id == -1 ? tr_process_config(p)
                                     : tr_res_get(p, TR_TAB_CONFIG, (uint64_t)config_id);
    if (!cfg) return tw_hostcall_trapf(hc, "%s: unknown config id %lld", fn, (long long)config_id);
    char *func = tw_guest_string(hc, TW_ARG32(3), TW_ARG32(4), fn);
    if (!func) return TW_HOST_TRAP;
    uint8_t *pb = tw_hostcall_r(hc, TW_ARG32(5), TW_ARG32(6));
    if (!pb) { free(func); return TW_GUEST_OOB(fn); }
    char err[256];
    uint32_t n = 0;
    uint64_t id = 0;
    tr_param *ps = host_spawn_params(pb, TW_ARG32(6), &n, err, sizeof err);
    int rc = !ps ? TR_NODE_NOT_FOUND
                 : tr_node_spawn(p, TW_ARG64(0), cfg, TW_ARG64(2), func, ps, n, &id, err, sizeof err);
    free(ps);
    free(func);
    if (rc == TR_EPERM) return tw_hostcall_trapf(hc, "%s: %s", fn, err);
    if (rc) {
        id = tr_error_new(p, err);
        if (id == UINT64_MAX) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    }
    tw_hostcall_put64(hc, TW_ARG32(7), id);
    TW_RET32(rc);
    return TW_HOST_OK;
}

/* send(node, process_id) -> 0, or 1 when the node is not known (the message is dropped). */
HOST_FN(send) {
    tr_process *p = SELF;
    tr_message *m = tr_scratch_take(p);
    if (!m) return tw_hostcall_trapf(hc, FN(send) ": no message (call create_data first)");
    TW_RET32(tr_node_send(p, TW_ARG64(0), TW_ARG64(1), m));
    return TW_HOST_OK;
}

/* send_receive_skip_search(node, process_id, tag, timeout) -> 0 / 9027 as
 * lunatic::message's; 1 when the node is not known (the message is dropped). */
HOST_FN(send_receive_skip_search) {
    tr_process *p = SELF;
    if (TW_ARG64(0) != tr_node_id(tr_process_runtime(p))) {
        if (!tr_scratch(p))
            return tw_hostcall_trapf(hc, FN(send_receive_skip_search) ": no message to send");
        TW_RET32(tr_node_send(p, TW_ARG64(0), TW_ARG64(1), tr_scratch_take(p)));
        return TW_HOST_OK;
    }
    int code;
    tw_host_status st = tr_send_receive(hc, TW_ARG64(1), (int64_t)TW_ARG64(2), TW_ARG64(3), &code);
    if (st == TW_HOST_OK) TW_RET32(code);
    return st;
}

/* exec_lookup_nodes(query_ptr, query_len, query_id_ptr, nodes_len_ptr, error_ptr):
 * 0 with the query id and the number of nodes found (u64 each). */
HOST_FN(exec_lookup_nodes) {
    const char *fn = FN(exec_lookup_nodes);
    tr_process *p = SELF;
    char *query = tw_guest_string(hc, TW_ARG32(0), TW_ARG32(1), fn);
    if (!query) return TW_HOST_TRAP;
    if (!tw_hostcall_r(hc, TW_ARG32(2), 8) || !tw_hostcall_r(hc, TW_ARG32(3), 8) || !tw_hostcall_r(hc, TW_ARG32(4), 8)) {
        free(query);
        return TW_GUEST_OOB(fn);
    }
    uint32_t count = 0;
    uint64_t id = tr_node_lookup(p, query, TW_ARG32(1), &count);
    free(query);
    if (id == UINT64_MAX) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    tw_hostcall_put64(hc, TW_ARG32(2), id);
    tw_hostcall_put64(hc, TW_ARG32(3), count);
    TW_RET32(0);
    return TW_HOST_OK;
}

/* copy_lookup_nodes_results(query_id, nodes_ptr, max, error_ptr) -> count copied, or -1
 * with an error id (unknown query). */
HOST_FN(copy_lookup_nodes_results) {
    const char *fn = FN(copy_lookup_nodes_results);
    tr_process *p = SELF;
    uint32_t max = TW_ARG32(2);
    uint8_t *d = tw_hostcall_w(hc, TW_ARG32(1), (uint64_t)max * 8);
    if (!d || !tw_hostcall_r(hc, TW_ARG32(3), 8)) return TW_GUEST_OOB(fn);
    uint64_t ids[64];
    int64_t n = tr_node_lookup_results(p, TW_ARG64(0), ids, max < 64 ? max : 64);
    if (n < 0) {
        char msg[64];
        snprintf(msg, sizeof msg, "unknown query id %llu", (unsigned long long)TW_ARG64(0));
        uint64_t e = tr_error_new(p, msg);
        if (e == UINT64_MAX) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
        tw_hostcall_put64(hc, TW_ARG32(3), e);
        TW_RET32(-1);
        return TW_HOST_OK;
    }
    for (int64_t i = 0; i < n; i++) tw_st64(d + 8 * i, ids[i]);
    TW_RET32(n);
    return TW_HOST_OK;
}

/* The control server's certificate helpers: not part of a single node. */
#define UNSUPPORTED(name)                                                                 \
    HOST_FN(name) {                                                                       \
        (void)sp;                                                                         \
        return tw_hostcall_trapf(hc, FN(name) ": not supported (tycho is not distributed yet)"); \
    }
UNSUPPORTED(test_root_cert)
UNSUPPORTED(default_server_certificates)
UNSUPPORTED(sign_node)

#define D(name, sig) {"lunatic::distributed", #name, sig, name}
const tw_hostdef host_distributed[] = {
    D(nodes_count, ":i"),
    D(get_nodes, "ii:i"),
    D(node_id, ":I"),
    D(module_id, ":I"),
    D(spawn, "IIIiiiii:i"),
    D(send, "II:i"),
    D(send_receive_skip_search, "IIII:i"),
    D(exec_lookup_nodes, "iiiii:i"),
    D(copy_lookup_nodes_results, "Iiii:i"),
    D(test_root_cert, "i:i"),
    D(default_server_certificates, "iiiii:i"),
    D(sign_node, "iiiiiii:i"),
    {0},
};
