/* module.c — compiled modules as the runtime holds them: the engine's module plus each
 * import resolved once to a host function of the runtime's namespace tables (given to
 * tr_runtime_new). Spawning then only picks, per import, the function or — when the
 * process's config does not allow that namespace — a stub that traps with "permission
 * denied". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core.h"
#include "module.h"

struct tr_module {
    atomic_uint refs;
    uint64_t id;            /* runtime-wide (tr_module_id) */
    tw_module *m;
    uint32_t nimports;
    tw_func **funcs;        /* per import: the function to link */
    char **qualified;       /* per import: "module::name" */
    tw_func **denied;       /* per import: the trapping stub, made on first need */
    pthread_mutex_t lock;   /* guards denied[] */
};

static void module_free(tr_module *tm) {
    for (uint32_t i = 0; i < tm->nimports; i++) {
        if (tm->funcs && tm->funcs[i]) tw_func_free(tm->funcs[i]);
        if (tm->denied && tm->denied[i]) tw_func_free(tm->denied[i]);
        if (tm->qualified) free(tm->qualified[i]);
    }
    free(tm->funcs);
    free(tm->denied);
    free(tm->qualified);
    if (tm->m) tw_module_free(tm->m);
    pthread_mutex_destroy(&tm->lock);
    free(tm);
}

tr_module *tr_module_compile(tr_runtime *rt, const uint8_t *bytes, size_t len, char *err,
                             size_t errlen) {
    tr_module *tm = calloc(1, sizeof *tm);
    if (!tm) { snprintf(err, errlen, "out of memory"); return NULL; }
    atomic_init(&tm->refs, 1);
    tm->id = atomic_fetch_add(&rt->next_module_id, 1);
    pthread_mutex_init(&tm->lock, NULL);
    if (!(tm->m = tw_module_new(bytes, len, err, errlen))) { module_free(tm); return NULL; }
    uint32_t n = tw_module_num_imports(tm->m);
    tm->nimports = n;
    tm->funcs = calloc(n + 1, sizeof *tm->funcs);
    tm->denied = calloc(n + 1, sizeof *tm->denied);
    tm->qualified = calloc(n + 1, sizeof *tm->qualified);
    if (!tm->funcs || !tm->denied || !tm->qualified) {
        snprintf(err, errlen, "out of memory");
        module_free(tm);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        tw_import_info ii;
        tw_module_import(tm->m, i, &ii);
        size_t ql = strlen(ii.module) + strlen(ii.name) + 3;
        if (!(tm->qualified[i] = malloc(ql))) {
            snprintf(err, errlen, "out of memory");
            module_free(tm);
            return NULL;
        }
        snprintf(tm->qualified[i], ql, "%s::%s", ii.module, ii.name);
        if (ii.kind != TW_EXT_FUNC) {
            snprintf(err, errlen, "unknown import %s (tycho provides only functions)",
                     tm->qualified[i]);
            module_free(tm);
            return NULL;
        }
        const tw_hostdef *d = tw_hostdef_resolve(rt->opt.namespaces, &ii, err, errlen);
        if (!d) {
            module_free(tm);
            return NULL;
        }
        tw_sigbuf b;
        tw_functype ft;
        tw_hostdef_type(d->sig, &b, &ft);          /* (checked by tw_hostdef_resolve) */
        if (!(tm->funcs[i] = tw_func_new_host(&ft, d->fn, NULL))) {
            snprintf(err, errlen, "out of memory");
            module_free(tm);
            return NULL;
        }
    }
    return tm;
}

void tr_module_ref(tr_module *m) { atomic_fetch_add(&m->refs, 1); }
void tr_module_unref(tr_module *m) {
    if (m && atomic_fetch_sub(&m->refs, 1) == 1) module_free(m);
}
tw_module *tr_module_engine(const tr_module *m) { return m->m; }
uint64_t tr_module_id(const tr_module *m) { return m->id; }
uint32_t tr_module_nimports(const tr_module *m) { return m->nimports; }

static tw_host_status denied_fn(tw_hostcall *hc, tw_val *sp) {
    (void)sp;
    return tw_hostcall_trapf(hc, "permission denied: %s", (const char *)hc->env);
}

bool tr_module_imports(tr_module *m, const tr_config *c, tw_extern *out, char *err,
                       size_t errlen) {
    bool restricted = c->n_ns_lists || c->n_own_ns || c->n_denied;
    for (uint32_t i = 0; i < m->nimports; i++) {
        tw_func *f = m->funcs[i];
        if (restricted && !tr_config_allows(c, m->qualified[i])) {
            pthread_mutex_lock(&m->lock);
            if (!m->denied[i])
                m->denied[i] = tw_func_new_host(tw_func_type(f), denied_fn, m->qualified[i]);
            f = m->denied[i];
            pthread_mutex_unlock(&m->lock);
            if (!f) { snprintf(err, errlen, "out of memory"); return false; }
        }
        out[i] = (tw_extern){.kind = TW_EXT_FUNC, .u.func = f};
    }
    return true;
}

int tr_process_compile(tr_process *p, const uint8_t *bytes, size_t len, tr_module **out,
                       char *err, size_t errlen) {
    *out = NULL;
    if (!tr_config_get(tr_process_config(p), TR_CFG_CAN_COMPILE)) return TR_EPERM;
    return (*out = tr_module_compile(tr_process_runtime(p), bytes, len, err, errlen)) ? 0 : 1;
}
