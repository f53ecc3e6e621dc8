/* node.c — the nodes this runtime knows: what lunatic::distributed addresses.
 *
 * tycho runs as a single node today. Its id is 0 (Lunatic's when it is not distributed),
 * it knows no other node, and a message or spawn aimed at another node fails with "node
 * not found". A message or spawn aimed at this node's own id is delivered or spawned
 * here, so a guest that always goes through lunatic::distributed works on one node as it
 * will on many. Distribution replaces the "not found" branches with the transport. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"

uint64_t tr_node_id(const tr_runtime *rt) { (void)rt; return 0; }

uint32_t tr_nodes(const tr_runtime *rt, uint64_t *out, uint32_t max) {
    (void)rt; (void)out; (void)max;
    return 0;                 /* no other node */
}

int tr_node_send(tr_process *self, uint64_t node, uint64_t pid, tr_message *m) {
    if (node != tr_node_id(self->rt)) {
        tr_message_free(m);
        return TR_NODE_NOT_FOUND;
    }
    tr_send_from(self, pid, m);
    return 0;
}

int tr_node_spawn(tr_process *parent, uint64_t node, const tr_config *cfg, uint64_t module_id,
                  const char *func, const tr_param *params, uint32_t nparams, uint64_t *id,
                  char *err, size_t errlen) {
    if (node != tr_node_id(parent->rt)) {
        snprintf(err, errlen, "node %llu not found", (unsigned long long)node);
        return TR_NODE_NOT_FOUND;
    }
    /* A node knows the modules by their runtime-wide ids; here, the caller's own. */
    if (module_id != tr_module_id(parent->module)) {
        snprintf(err, errlen, "module %llu not found on node %llu", (unsigned long long)module_id,
                 (unsigned long long)node);
        return TR_NODE_NO_MODULE;
    }
    int rc = tr_spawn(parent, 0, cfg, parent->module, func, params, nparams, id, err, errlen);
    return rc == TR_EPERM ? TR_EPERM : rc ? TR_NODE_NOT_FOUND : 0;
}

/* ---- node queries (exec_lookup_nodes): a result list per query, a resource ---------- */

struct tr_node_query { uint32_t n; uint64_t nodes[]; };

uint64_t tr_node_lookup(tr_process *p, const char *query, size_t len, uint32_t *count) {
    (void)query; (void)len;
    /* Every node matches or none does; with no other node, the list is empty. */
    tr_node_query *q = malloc(sizeof *q);
    if (!q) return UINT64_MAX;
    q->n = tr_nodes(p->rt, q->nodes, 0);
    *count = q->n;
    uint64_t id = tr_res_add(p, TR_TAB_NODE_QUERY, q);
    if (id == UINT64_MAX) free(q);
    return id;
}

int64_t tr_node_lookup_results(tr_process *p, uint64_t query, uint64_t *out, uint32_t max) {
    tr_node_query *q = tr_res_take(p, TR_TAB_NODE_QUERY, query);
    if (!q) return -1;
    uint32_t n = q->n < max ? q->n : max;
    for (uint32_t i = 0; i < n; i++) out[i] = q->nodes[i];
    free(q);
    return n;
}
