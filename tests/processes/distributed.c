/* distributed.c — lunatic::distributed on a single node: node_id 0, no other node,
 * module_id the runtime-wide id of the running module (the root's is 1), send and
 * send_receive_skip_search to this node delivered locally and to another node refused
 * with 1 (the message dropped), spawn here (with a config, with a bad export, with an
 * unknown module) and on an unknown node, node lookups finding nothing, and the
 * certificate helpers trapping with their reason (seen through a link). */
//! options: --log-failures
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define T_ECHO   5
#define T_REPLY  6
#define T_LATE   7
#define WAIT_MS  10000

static void echo(int64_t arg) {
    (void)arg;
    for (;;) {
        if (ty_receive_tag(T_ECHO, WAIT_MS) != TY_MSG_DATA) return;
        uint64_t from = msg_u64();
        send_u64(from, T_REPLY, lunatic_distributed_module_id());
    }
}

static void report(int64_t to) {
    send_u64((ty_pid)to, T_LATE, lunatic_distributed_node_id() + 100);
}

/* (declared here: the SDK leaves the certificate helpers out) */
TY_IMPORT("lunatic::distributed", "test_root_cert")
int32_t lunatic_distributed_test_root_cert(uint32_t *len_ptr);

static void cert_helper(int64_t arg) {
    uint32_t len = 0;
    (void)arg;
    lunatic_distributed_test_root_cert(&len);
}

static void error_text(uint64_t err) {
    char buf[128];
    ty_error_string(err, buf, sizeof buf);
    printf("  error: %s\n", buf);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    ty_die_when_link_dies(0);
    uint64_t nodes[4] = {7, 7, 7, 7};
    printf("node_id: %llu, nodes_count: %u, get_nodes: %u (first slot still %llu)\n",
           (unsigned long long)lunatic_distributed_node_id(), lunatic_distributed_nodes_count(),
           lunatic_distributed_get_nodes(nodes, 4), (unsigned long long)nodes[0]);
    uint64_t mod = lunatic_distributed_module_id();
    printf("module_id: %llu\n", (unsigned long long)mod);

    ty_pid srv;
    ty_spawn(echo, 0, &srv);
    /* send to this node: delivered */
    ty_msg_begin(T_ECHO);
    ty_msg_u64(ty_self());
    printf("send to node 0: %d\n", lunatic_distributed_send(0, srv));
    if (ty_receive_tag(T_REPLY, WAIT_MS) == TY_MSG_DATA)
        printf("  reply: the child's module_id is %llu\n", (unsigned long long)msg_u64());
    /* send to another node: 1, dropped */
    ty_msg_begin(T_ECHO);
    ty_msg_u64(ty_self());
    printf("send to node 3: %d\n", lunatic_distributed_send(3, srv));
    printf("  then a receive: %s\n", recv_name(ty_receive_tag(T_REPLY, 100)));

    /* request/reply through distributed */
    ty_msg_begin(T_ECHO);
    ty_msg_u64(ty_self());
    int rc = lunatic_distributed_send_receive_skip_search(0, srv, T_REPLY, WAIT_MS);
    printf("send_receive_skip_search on node 0: %d, reply %llu\n", rc,
           rc == 0 ? (unsigned long long)msg_u64() : 0ull);
    ty_msg_begin(T_ECHO);
    ty_msg_u64(ty_self());
    printf("send_receive_skip_search on node 9: %d\n",
           lunatic_distributed_send_receive_skip_search(9, srv, T_REPLY, WAIT_MS));

    /* spawn */
    ty_param p = ty_param_i64((int64_t)ty_self());
    uint64_t id = 0;
    const char *tramp = "_tycho_spawn_trampoline";
    ty_param ps[2] = {ty_param_i32((int32_t)(intptr_t)report), p};
    rc = lunatic_distributed_spawn(0, -1, mod, tramp, (uint32_t)strlen(tramp), ps[0].bytes,
                                   sizeof ps, &id);
    printf("spawn on node 0: %d\n", rc);
    if (rc == 0 && ty_receive_tag(T_LATE, WAIT_MS) == TY_MSG_DATA)
        printf("  the child reports node %llu (+100)\n", (unsigned long long)msg_u64());
    rc = lunatic_distributed_spawn(5, -1, mod, tramp, (uint32_t)strlen(tramp), ps[0].bytes,
                                   sizeof ps, &id);
    printf("spawn on node 5: %d\n", rc);
    if (rc) error_text(id);
    rc = lunatic_distributed_spawn(0, -1, mod + 41, tramp, (uint32_t)strlen(tramp), ps[0].bytes,
                                   sizeof ps, &id);
    printf("spawn of module %llu: %d\n", (unsigned long long)(mod + 41), rc);
    if (rc) error_text(id);
    rc = lunatic_distributed_spawn(0, -1, mod, "no_such", 7, NULL, 0, &id);
    printf("spawn of a missing export: %d\n", rc);
    if (rc) error_text(id);
    ty_config cfg;
    lunatic_process_create_config();   /* id 0, unused: the next is 1 */
    cfg = (ty_config)lunatic_process_create_config();
    lunatic_process_config_set_can_spawn_processes((uint64_t)cfg, 1);
    rc = lunatic_distributed_spawn(0, cfg, mod, tramp, (uint32_t)strlen(tramp), ps[0].bytes,
                                   sizeof ps, &id);
    printf("spawn with config %lld: %d\n", (long long)cfg, rc);
    if (rc == 0 && ty_receive_tag(T_LATE, WAIT_MS) == TY_MSG_DATA)
        printf("  the child reports node %llu (+100)\n", (unsigned long long)msg_u64());

    /* lookups */
    uint64_t q = 99, n = 99, err = 99;
    rc = lunatic_distributed_exec_lookup_nodes("role=db", 7, &q, &n, &err);
    printf("exec_lookup_nodes: %d, query %llu, %llu nodes\n", rc, (unsigned long long)q,
           (unsigned long long)n);
    printf("copy_lookup_nodes_results: %d\n",
           lunatic_distributed_copy_lookup_nodes_results(q, nodes, 4, &err));
    rc = lunatic_distributed_copy_lookup_nodes_results(q, nodes, 4, &err);
    printf("copy_lookup_nodes_results again: %d\n", rc);
    if (rc < 0) error_text(err);

    /* the certificate helpers trap */
    ty_pid c;
    ty_spawn_link(77, cert_helper, 0, &c);
    rc = ty_receive_tag(77, WAIT_MS);
    printf("test_root_cert: %s (tag %lld)\n", recv_name(rc), (long long)ty_msg_tag());

    return 0;
}
