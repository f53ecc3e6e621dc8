/* resource.c — per-process resource tables (configs, modules, errors, timers, node queries,
 * DNS iterators, and handles of listeners, streams and sockets).
 * Ids start at 0 in each table and are never reused, as in Lunatic; a table is a plain
 * array indexed by id, so lookups are O(1) and touched only by the owning process. */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "module.h"
#include "resource.h"

static void free_obj(int table, void *obj) {
    switch (table) {
    case TR_TAB_CONFIG: tr_config_free(obj); break;
    case TR_TAB_MODULE: tr_module_unref(obj); break;
    case TR_TAB_ERROR: free(obj); break;
    case TR_TAB_TIMER: free(obj); break;   /* a timer still fires after its owner drops it */
    case TR_TAB_NODE_QUERY: free(obj); break;
    case TR_TAB_DNS: tr_dns_free(obj); break;
    case TR_TAB_TCP_LISTENER: case TR_TAB_TCP_STREAM: case TR_TAB_TLS_LISTENER:
    case TR_TAB_TLS_STREAM: case TR_TAB_UDP_SOCKET: tr_sock_unref(obj); break;   /* a handle */
    }
}

uint64_t tr_res_add(tr_process *p, int table, void *obj) {
    tr_table *t = &p->tabs[table];
    if (t->n == t->cap) {
        uint64_t nc = t->cap ? t->cap * 2 : 4;
        void **ns = realloc(t->slot, nc * sizeof *ns);
        if (!ns) return UINT64_MAX;
        t->slot = ns;
        t->cap = nc;
    }
    t->slot[t->n] = obj;
    return t->n++;
}

void *tr_res_get(tr_process *p, int table, uint64_t id) {
    tr_table *t = &p->tabs[table];
    return id < t->n ? t->slot[id] : NULL;
}

void *tr_res_take(tr_process *p, int table, uint64_t id) {
    tr_table *t = &p->tabs[table];
    if (id >= t->n) return NULL;
    void *obj = t->slot[id];
    t->slot[id] = NULL;
    return obj;
}

bool tr_res_drop(tr_process *p, int table, uint64_t id) {
    void *obj = tr_res_take(p, table, id);
    if (obj) free_obj(table, obj);
    return obj != NULL;
}

uint64_t tr_error_new(tr_process *p, const char *msg) {
    char *s = strdup(msg);
    if (!s) return UINT64_MAX;
    uint64_t id = tr_res_add(p, TR_TAB_ERROR, s);
    if (id == UINT64_MAX) free(s);
    return id;
}

void tr_tables_free(tr_process *p) {
    for (int k = 0; k < TR_NTABS; k++) {
        tr_table *t = &p->tabs[k];
        for (uint64_t i = 0; i < t->n; i++)
            if (t->slot[i]) free_obj(k, t->slot[i]);
        free(t->slot);
        t->slot = NULL;
        t->n = t->cap = 0;
    }
}
