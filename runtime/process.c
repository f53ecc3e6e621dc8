/* process.c — a process's life and death: spawning (a child, a top-level process), the
 * accessors of the host layer, dying (links and monitors told, resources freed), and
 * the registry's bookkeeping of its names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core.h"
#include "link.h"
#include "mailbox.h"
#include "module.h"
#include "net.h"
#include "resource.h"
#include "world.h"





void tr_process_free(tr_process *p) {
    tr_process_unref(p->to);
    tr_mailbox_free(p);
    tr_message_free(p->scratch);
    tr_net_process_end(p);
    tr_tables_free(p);
    if (p->inst) tw_instance_free(p->inst);
    if (p->wasi) tw_wasi_free(p->wasi);
    if (p->module) tr_module_unref(p->module);
    tr_config_free(p->config);
    tr_env_unref(p->env);
    tw_wasi_output_unref(p->output);
    free(p->entry_args);
    if (p->wait_tags != p->wait_tags_inline) free(p->wait_tags);
    free(p->links);
    free(p->monitors);
    free(p->monitoring);
    
    free(p);
}



/* ---- accessors ---------------------------------------------------------------------- */

uint64_t tr_process_id(const tr_process *p) { return p->id; }
tr_runtime *tr_process_runtime(const tr_process *p) { return p->rt; }
tr_config *tr_process_config(tr_process *p) { return p->config; }
tr_module *tr_process_module(tr_process *p) { return p->module; }
tw_wasi *tr_process_wasi(tr_process *p) { return p->wasi; }
bool tr_process_initializing(const tr_process *p) { return p->initializing; }



/* ---- spawning ------------------------------------------------------------------------- */

static tr_process *process_alloc(tr_runtime *rt) {
    /* cache-line aligned: a sender's fields are the first lines (see process.h) */
    size_t size = (sizeof(tr_process) + 63) & ~(size_t)63;
    tr_process *p = aligned_alloc(64, size);
    if (!p) return NULL;
    memset(p, 0, size);
    p->rt = rt;
    atomic_init(&p->refs, 1);
    tr_mutex_init(&p->lock);
    p->state = TR_RUNNABLE;
    tr_mailbox_init(p);
    return p;
}




/* Builds a process (not yet in the table or a queue) in environment env, its output
 * going to `output` (NULL: the host's stdio). Takes cfg. */
static tr_process *process_create(tr_runtime *rt, tr_config *cfg, tr_module *m,
                                  const char *func, const tr_param *params, uint32_t nparams,
                                  tr_env *env, tw_wasi_output *output, char *err,
                                  size_t errlen) {
    uint64_t limit = rt->opt.max_processes;
    if (limit && atomic_fetch_add(&rt->alive, 1) >= limit) {
        atomic_fetch_sub(&rt->alive, 1);
        snprintf(err, errlen, "process limit reached (--max-processes %llu)",
                 (unsigned long long)limit);
        tr_config_free(cfg);
        return NULL;
    }
    if (!limit) atomic_fetch_add(&rt->alive, 1);
    tr_process *p = process_alloc(rt);
    if (!p) {
        atomic_fetch_sub(&rt->alive, 1);
        snprintf(err, errlen, "out of memory");
        tr_config_free(cfg);
        return NULL;
    }
    p->config = cfg;
    p->module = m;
    tr_module_ref(m);
    p->env = env;
    tr_env_ref(env);
    p->output = output;
    tw_wasi_output_ref(output);
    p->limited_fuel = cfg->max_fuel != 0;
    p->fuel_left = cfg->max_fuel > UINT64_MAX / TR_FUEL_UNIT ? UINT64_MAX
                                                              : cfg->max_fuel * TR_FUEL_UNIT;
    if (!(p->wasi = tr_world_new(rt, cfg, err, errlen))) goto fail;
    if (output) tw_wasi_set_output(p->wasi, output);

    uint32_t ni = tr_module_nimports(m);
    tw_extern *imports = calloc(ni + 1, sizeof *imports);
    if (!imports) { snprintf(err, errlen, "out of memory"); goto fail; }
    if (!tr_module_imports(m, cfg, imports, err, errlen)) { free(imports); goto fail; }
    /* The engine reads 0 as "no limit"; a config's 0 means none at all (as in Lunatic). */
    tw_config tc = {.max_memory_bytes = cfg->max_memory ? cfg->max_memory : 1,
                    .imports_checked = true};   /* by tr_module_compile, once */
    p->inst = tw_instance_new(tr_module_engine(m), imports, ni, &tc, err, errlen);
    free(imports);
    if (!p->inst) goto fail;
    tw_instance_set_user(p->inst, p);

    tw_extern ext;
    if (!tw_instance_export(p->inst, func, &ext) || ext.kind != TW_EXT_FUNC) {
        snprintf(err, errlen, "no function export named \"%s\"", func);
        goto fail;
    }
    const tw_functype *ft = tw_func_type(ext.u.func);
    if (ft->nparams != nparams) {
        snprintf(err, errlen, "function \"%s\" takes %u parameter%s, got %u", func,
                 ft->nparams, ft->nparams == 1 ? "" : "s", nparams);
        goto fail;
    }
    p->entry = ext.u.func;
    p->entry_args = calloc(nparams + ft->nresults + 1, sizeof *p->entry_args);
    if (!p->entry_args) { snprintf(err, errlen, "out of memory"); goto fail; }
    for (uint32_t i = 0; i < nparams; i++) {
        if (params[i].type != ft->params[i]) {
            snprintf(err, errlen, "parameter %u of \"%s\" is %s, got %s", i + 1, func,
                     tw_valtype_name(ft->params[i]), tw_valtype_name(params[i].type));
            goto fail;
        }
        p->entry_args[i] = params[i].v;
    }
    if (tw_instance_has_start(p->inst)) p->initializing = true;
    else if (!tw_call_begin(p->inst, p->entry, p->entry_args)) {
        snprintf(err, errlen, "%s", tw_trap_message(p->inst));
        goto fail;
    }
    p->id = atomic_fetch_add(&rt->next_pid, 1);
    return p;
fail:
    atomic_fetch_sub(&rt->alive, 1);
    tr_process_free(p);
    return NULL;
}




int tr_spawn(tr_process *parent, int64_t link, const tr_config *cfg, tr_module *m,
             const char *func, const tr_param *params, uint32_t nparams, uint64_t *id,
             char *err, size_t errlen) {
    tr_runtime *rt = parent->rt;
    if (!parent->config->can_spawn) {
        snprintf(err, errlen, "this process may not spawn processes (config)");
        return TR_EPERM;
    }
    if (parent->initializing) {
        snprintf(err, errlen, "cannot spawn a process during module initialization");
        return 1;
    }
    tr_config *c = tr_config_intersect(parent->config, cfg, err, errlen);
    if (!c) return 1;
    tr_process *child = process_create(rt, c, m, func, params, nparams, parent->env,
                                       parent->output, err, errlen);
    if (!child) return 1;
    bool ok = true;
    if (link) {
        /* The child stores the tag (the parent sees it when the child dies); the parent
         * stores 0 (Lunatic's spawn-link). Both before the child runs. */
        tr_mutex_lock(&parent->lock);
        ok = tr_link_add_locked(parent, child->id, 0, true);
        tr_mutex_unlock(&parent->lock);
        ok = ok && tr_link_add_locked(child, parent->id, link, true);
    }
    if (!ok || !tr_ptable_insert(rt, child)) {   /* out of memory: undo */
        if (link) {
            tr_mutex_lock(&parent->lock);
            tr_link_remove_locked(parent, child->id);
            tr_mutex_unlock(&parent->lock);
        }
        atomic_fetch_sub(&rt->alive, 1);
        tr_process_free(child);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    *id = child->id;
    tr_enqueue_spawned(rt, child);
    return 0;
}

/* A top-level process: every permission, cfg's world, reported to top->on_end. */
int tr_spawn_top(tr_runtime *rt, tr_module *m, const char *entry, const tr_param *params,
                 uint32_t nparams, const tr_config *cfg, const tr_top *top, uint64_t *pid,
                 char *err, size_t errlen) {
    tr_config *c = tr_config_clone(cfg);
    tr_env *env = top->own_environment ? tr_env_new(rt) : rt->env;
    if (!c || !env) {
        tr_config_free(c);
        if (env && env != rt->env) tr_env_unref(env);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    c->can_compile = c->can_create_configs = c->can_spawn = true;
    tr_process *p = process_create(rt, c, m, entry, params, nparams, env, top->output, err,
                                   errlen);
    if (env != rt->env) tr_env_unref(env);   /* the process holds it now (or failed) */
    if (!p) return 1;
    p->on_end = top->on_end;
    p->on_end_arg = top->arg;
    if (!tr_ptable_insert(rt, p)) {
        atomic_fetch_sub(&rt->alive, 1);
        tr_process_free(p);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    *pid = p->id;
    tr_enqueue(rt, p);
    return 0;
}

/* ---- signals: kill, links, monitors ------------------------------------------------- */










/* ---- death -------------------------------------------------------------------------- */

void tr_process_die(tr_process *p, int reason, const char *msg, const char *backtrace) {
    tr_runtime *rt = p->rt;
    tr_mutex_lock(&p->lock);
    p->state = TR_DONE;
    tr_link_entry *links = p->links;
    uint32_t nlinks = p->nlinks;
    uint64_t *mons = p->monitors;
    uint32_t nmons = p->nmonitors;
    p->links = NULL;
    p->nlinks = p->caplinks = 0;
    p->monitors = NULL;
    p->nmonitors = p->capmonitors = 0;
    tr_mutex_unlock(&p->lock);

    atomic_store(&p->gone, true);  /* senders that kept a reference drop from now on */
    tr_ptable_remove(rt, p);           /* from now on, sends to p are dropped */
    tr_process_unref(p->to);       /* (never p itself: see tr_send_from) */
    p->to = NULL;
    /* No longer alive: before links and monitors hear of it, so that a process which
     * waited for a ProcessDied to spawn again is not refused by --max-processes. */
    atomic_fetch_sub(&rt->alive, 1);
    if (p->has_names) tr_registry_remove_process(p->env->registry, p->id);

    /* The failure line first, then its consequences: linked processes hear of it after
     * the line is out (their own output comes later). */
    int wcode = 0;
    bool exited = p->wasi && tw_wasi_exited(p->wasi, &wcode);
    if (rt->opt.log_failures && !p->on_end && reason != TR_DEATH_NORMAL) {
        if (exited)
            fprintf(stderr, "tycho: process %llu exited with status %d\n",
                    (unsigned long long)p->id, wcode);
        else
            fprintf(stderr, "tycho: process %llu failed: %s\n", (unsigned long long)p->id,
                    msg ? msg : "failure");
    }
    tr_links_release(p, reason, links, nlinks, mons, nmons);
    if (p->on_end) {
        tr_end end = {.failed = reason != TR_DEATH_NORMAL, .exited = exited,
                      .exit_code = wcode, .message = msg, .backtrace = backtrace};
        if (!end.failed && !exited && p->inst) {
            end.results = tw_results(p->inst);
            end.nresults = tw_func_type(p->entry)->nresults;
        }
        p->on_end(p->on_end_arg, p->id, &end);
    }
    /* Free the heavy parts now; the struct lives while references remain. */
    if (p->inst) { tw_instance_free(p->inst); p->inst = NULL; }
    tr_net_process_end(p);         /* off its socket; its operation in progress dropped */
    tr_tables_free(p);
    tr_message_free(p->scratch);
    p->scratch = NULL;
    tr_process_unref(p);           /* the table's reference */
}

/* ---- registry bookkeeping ----------------------------------------------------------- */

/* After `by` put a name for pid into its environment's registry: pid's death must remove
 * it. If pid is already dying (or gone), remove its names now — its death may have looked
 * before the put. (A process of another environment is not marked: its death cleans its
 * own registry.) */
void tr_process_registered(tr_process *by, uint64_t pid) {
    tr_process *p = tr_lookup(by->rt, pid);
    bool gone = !p;
    if (p) {
        tr_mutex_lock(&p->lock);
        if (p->state == TR_DONE) gone = true;
        else if (p->env == by->env) p->has_names = true;
        tr_mutex_unlock(&p->lock);
        tr_process_unref(p);
    }
    if (gone) tr_registry_remove_process(by->env->registry, pid);
}
