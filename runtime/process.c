/* process.c — a process's life: spawn, the process table, kill, links, monitors, death. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "process.h"

/* ---- the process table: id -> process, sharded so spawns and sends rarely contend ----
 * Each shard is a reader-writer lock (preferring writers): the many senders that look up
 * one busy process share it instead of queueing on a mutex. */

#define SHARD_OF(id) ((id) % TR_SHARDS)
#define BUCKET_OF(id, n) (((id) / TR_SHARDS) & ((n) - 1))

static bool table_insert(tr_runtime *rt, tr_process *p) {
    tr_shard *s = &rt->shard[SHARD_OF(p->id)];
    pthread_rwlock_wrlock(&s->lock);
    if (s->count + 1 > s->nbuckets) {         /* grow to keep chains short */
        uint64_t nb = s->nbuckets ? s->nbuckets * 2 : 16;
        tr_process **b = calloc(nb, sizeof *b);
        if (!b) { pthread_rwlock_unlock(&s->lock); return false; }
        for (uint64_t i = 0; i < s->nbuckets; i++)
            for (tr_process *q = s->buckets[i], *nx; q; q = nx) {
                nx = q->hnext;
                uint64_t k = BUCKET_OF(q->id, nb);
                q->hnext = b[k];
                b[k] = q;
            }
        free(s->buckets);
        s->buckets = b;
        s->nbuckets = nb;
    }
    uint64_t k = BUCKET_OF(p->id, s->nbuckets);
    p->hnext = s->buckets[k];
    s->buckets[k] = p;
    s->count++;
    pthread_rwlock_unlock(&s->lock);
    return true;
}

static void table_remove(tr_runtime *rt, tr_process *p) {
    tr_shard *s = &rt->shard[SHARD_OF(p->id)];
    pthread_rwlock_wrlock(&s->lock);
    if (s->nbuckets) {
        tr_process **pp = &s->buckets[BUCKET_OF(p->id, s->nbuckets)];
        while (*pp && *pp != p) pp = &(*pp)->hnext;
        if (*pp) { *pp = p->hnext; s->count--; }
    }
    pthread_rwlock_unlock(&s->lock);
}

tr_process *tr_lookup(tr_runtime *rt, uint64_t id) {
    tr_shard *s = &rt->shard[SHARD_OF(id)];
    pthread_rwlock_rdlock(&s->lock);
    tr_process *p = NULL;
    if (s->nbuckets)
        for (p = s->buckets[BUCKET_OF(id, s->nbuckets)]; p && p->id != id; p = p->hnext) {}
    if (p) {
        /* the caller goes on to its lock, state and wait (a sender, a signal) */
        __builtin_prefetch((const char *)p + 64);
        __builtin_prefetch((const char *)p + 128);
        atomic_fetch_add(&p->refs, 1);
    }
    pthread_rwlock_unlock(&s->lock);
    return p;
}

static void process_free(tr_process *p) {
    tr_process_unref(p->to);
    tr_mailbox_free(p);
    tr_message_free(p->scratch);
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

void tr_process_unref(tr_process *p) {
    if (p && atomic_fetch_sub(&p->refs, 1) == 1) process_free(p);
}

void tr_process_free_all(tr_runtime *rt) {
    /* first the references processes keep to the last one they sent to (they may form
     * cycles), then the table's */
    for (int i = 0; i < TR_SHARDS; i++) {
        tr_shard *s = &rt->shard[i];
        for (uint64_t b = 0; b < s->nbuckets; b++)
            for (tr_process *p = s->buckets[b]; p; p = p->hnext) {
                tr_process_unref(p->to);
                p->to = NULL;
            }
    }
    for (int i = 0; i < TR_SHARDS; i++) {
        tr_shard *s = &rt->shard[i];
        for (uint64_t b = 0; b < s->nbuckets; b++)
            for (tr_process *p = s->buckets[b], *nx; p; p = nx) {
                nx = p->hnext;
                tr_process_unref(p);
            }
        free(s->buckets);
        s->buckets = NULL;
        s->nbuckets = s->count = 0;
    }
}

/* ---- accessors ---------------------------------------------------------------------- */

uint64_t tr_process_id(const tr_process *p) { return p->id; }
tr_runtime *tr_process_runtime(const tr_process *p) { return p->rt; }
tr_config *tr_process_config(tr_process *p) { return p->config; }
tr_module *tr_process_module(tr_process *p) { return p->module; }
tw_wasi *tr_process_wasi(tr_process *p) { return p->wasi; }
bool tr_process_initializing(const tr_process *p) { return p->initializing; }

/* ---- waking ------------------------------------------------------------------------- */

void tr_wake_locked(tr_process *p) {
    if (p->state == TR_WAITING) {
        for (int i = 0; i < TR_HOT; i++)
            if (p->hot[i]) __builtin_prefetch(p->hot[i]);
        p->state = TR_RUNNABLE;
        tr_enqueue(p->rt, p);
    } else if (p->state == TR_RUNNING) {
        p->wake_pending = true;
    }
}

void tr_wake(tr_process *p) {
    tr_mutex_lock(&p->lock);
    tr_wake_locked(p);
    tr_mutex_unlock(&p->lock);
}

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

/* The host directory `path` as an fd shared by every process that preopens it: a
 * million processes must not cost a million fds. -1 with a message if it cannot be opened. */
static int shared_dirfd(tr_runtime *rt, const char *path, char *err, size_t errlen) {
    pthread_mutex_lock(&rt->dirs_lock);
    int fd = -1;
    for (uint32_t i = 0; i < rt->ndirfds && fd < 0; i++)
        if (!strcmp(rt->dirfds[i].path, path)) fd = rt->dirfds[i].fd;
    if (fd < 0) {
        void *nd = realloc(rt->dirfds, (rt->ndirfds + 1) * sizeof *rt->dirfds);
        char *copy = strdup(path);
        if (nd) rt->dirfds = nd;
        if (!nd || !copy) {
            free(copy);
            snprintf(err, errlen, "out of memory");
        } else if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
            free(copy);
            snprintf(err, errlen, "cannot open directory %s: %s", path, strerror(errno));
        } else {
            rt->dirfds[rt->ndirfds].path = copy;
            rt->dirfds[rt->ndirfds++].fd = fd;
        }
    }
    pthread_mutex_unlock(&rt->dirs_lock);
    return fd;
}

void tr_dirfds_close(tr_runtime *rt) {
    for (uint32_t i = 0; i < rt->ndirfds; i++) {
        close(rt->dirfds[i].fd);
        free(rt->dirfds[i].path);
    }
    free(rt->dirfds);
    rt->dirfds = NULL;
    rt->ndirfds = 0;
}

/* The WASI world of a config: args, environment, preopened directories. */
static tw_wasi *wasi_for(tr_runtime *rt, const tr_config *c, char *err, size_t errlen) {
    tw_wasi *w = tw_wasi_new();
    if (!w) { snprintf(err, errlen, "out of memory"); return NULL; }
    bool ok = tw_wasi_set_args(w, (int)c->nargs, c->args);
    for (uint32_t i = 0; ok && i < c->nenv; i++) ok = tw_wasi_add_env(w, c->env[i]);
    if (!ok) {
        snprintf(err, errlen, "out of memory");
        tw_wasi_free(w);
        return NULL;
    }
    for (uint32_t i = 0; i < c->ndirs; i++) {
        int fd = shared_dirfd(rt, c->dirs[i], err, errlen);
        if (fd < 0 || !tw_wasi_preopen_fd(w, fd, c->guest_dirs[i])) {
            if (fd >= 0) snprintf(err, errlen, "out of memory");
            tw_wasi_free(w);
            return NULL;
        }
    }
    return w;
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
    if (!(p->wasi = wasi_for(rt, cfg, err, errlen))) goto fail;
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
    process_free(p);
    return NULL;
}

static bool grow(void **arr, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) return true;
    uint32_t nc = *cap ? *cap * 2 : 4;
    while (nc < need) nc *= 2;
    void *na = realloc(*arr, (size_t)nc * elem);
    if (!na) return false;
    *arr = na;
    *cap = nc;
    return true;
}

static bool add_link_locked(tr_process *p, uint64_t pid, int64_t tag, bool fresh) {
    for (uint32_t i = 0; !fresh && i < p->nlinks; i++)   /* a new child has no link yet */
        if (p->links[i].pid == pid) { p->links[i].tag = tag; return true; }
    if (!grow((void **)&p->links, &p->caplinks, p->nlinks + 1, sizeof *p->links)) return false;
    p->links[p->nlinks++] = (tr_link_entry){pid, tag};
    return true;
}

static void remove_link_locked(tr_process *p, uint64_t pid) {
    for (uint32_t i = 0; i < p->nlinks; i++)
        if (p->links[i].pid == pid) { p->links[i] = p->links[--p->nlinks]; return; }
}

int tr_spawn(tr_process *parent, int64_t link, const tr_config *cfg, tr_module *m,
             const char *func, const tr_param *params, uint32_t nparams, uint64_t *id,
             char *err, size_t errlen) {
    tr_runtime *rt = parent->rt;
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
        ok = add_link_locked(parent, child->id, 0, true);
        tr_mutex_unlock(&parent->lock);
        ok = ok && add_link_locked(child, parent->id, link, true);
    }
    if (!ok || !table_insert(rt, child)) {   /* out of memory: undo */
        if (link) {
            tr_mutex_lock(&parent->lock);
            remove_link_locked(parent, child->id);
            tr_mutex_unlock(&parent->lock);
        }
        atomic_fetch_sub(&rt->alive, 1);
        process_free(child);
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
    if (!table_insert(rt, p)) {
        atomic_fetch_sub(&rt->alive, 1);
        process_free(p);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    *pid = p->id;
    tr_enqueue(rt, p);
    return 0;
}

/* ---- signals: kill, links, monitors ------------------------------------------------- */

bool tr_exists(tr_runtime *rt, uint64_t id) {
    tr_process *p = tr_lookup(rt, id);
    tr_process_unref(p);
    return p != NULL;
}

void tr_kill(tr_runtime *rt, uint64_t id) {
    tr_process *p = tr_lookup(rt, id);
    if (!p) return;
    tr_mutex_lock(&p->lock);
    if (p->state != TR_DONE) {
        if (!p->killed) p->killed_by_link = 0;
        p->killed = true;
        tr_wake_locked(p);
    }
    tr_mutex_unlock(&p->lock);
    tr_process_unref(p);
}

/* A linked process died abnormally: p dies too, or gets a LinkDied message. Lock held. */
static void link_failed_locked(tr_process *p, uint64_t dead, int64_t tag) {
    if (p->state == TR_DONE) return;
    if (p->trap_exits) {
        tr_message *m = tr_message_signal(TR_MSG_LINK_DIED, tag, dead);
        if (m) tr_mailbox_push_locked(p, m);
    } else {
        if (!p->killed) p->killed_by_link = dead;
        p->killed = true;
        tr_wake_locked(p);
    }
}

void tr_link(tr_process *p, int64_t tag, uint64_t other) {
    if (other == p->id) return;
    tr_process *q = tr_lookup(p->rt, other);
    bool missing = !q;
    if (q) {
        /* Lock in id order: two processes may link to each other at once. */
        tr_process *a = p->id < q->id ? p : q, *b = a == p ? q : p;
        tr_mutex_lock(&a->lock);
        tr_mutex_lock(&b->lock);
        if (q->state == TR_DONE) missing = true;
        else if (!add_link_locked(p, other, tag, false) || !add_link_locked(q, p->id, tag, false)) {
            remove_link_locked(p, other);
            missing = true;   /* out of memory: behave as if it were gone */
        }
        tr_mutex_unlock(&b->lock);
        tr_mutex_unlock(&a->lock);
        tr_process_unref(q);
    }
    if (missing) {   /* Lunatic: LinkDied(NoProcess) to self */
        tr_mutex_lock(&p->lock);
        link_failed_locked(p, other, tag);
        tr_mutex_unlock(&p->lock);
    }
}

void tr_unlink(tr_process *p, uint64_t other) {
    tr_mutex_lock(&p->lock);
    remove_link_locked(p, other);
    tr_mutex_unlock(&p->lock);
    tr_process *q = tr_lookup(p->rt, other);
    if (!q) return;
    tr_mutex_lock(&q->lock);
    remove_link_locked(q, p->id);
    tr_mutex_unlock(&q->lock);
    tr_process_unref(q);
}

void tr_die_when_link_dies(tr_process *p, bool die) {
    tr_mutex_lock(&p->lock);
    p->trap_exits = !die;
    tr_mutex_unlock(&p->lock);
}

void tr_monitor(tr_process *p, uint64_t other) {
    tr_process *q = tr_lookup(p->rt, other);
    bool gone = !q;
    if (q) {
        tr_mutex_lock(&q->lock);
        if (q->state == TR_DONE) gone = true;
        else {
            bool dup = false;
            for (uint32_t i = 0; i < q->nmonitors; i++) dup |= q->monitors[i] == p->id;
            /* Also in my own list, so my death takes me off q's (else a server
             * monitored by many short-lived clients would collect dead entries). */
            if (!dup && grow((void **)&p->monitoring, &p->capmonitoring, p->nmonitoring + 1,
                             sizeof *p->monitoring) &&
                grow((void **)&q->monitors, &q->capmonitors, q->nmonitors + 1,
                     sizeof *q->monitors)) {
                q->monitors[q->nmonitors++] = p->id;
                p->monitoring[p->nmonitoring++] = other;
            } else if (!dup) {
                gone = true;
            }
        }
        tr_mutex_unlock(&q->lock);
        tr_process_unref(q);
    }
    if (gone) {   /* Erlang's noproc: a ProcessDied message at once (Lunatic: nothing) */
        tr_message *m = tr_message_signal(TR_MSG_PROCESS_DIED, 0, other);
        if (!m) return;
        tr_mutex_lock(&p->lock);
        tr_mailbox_push_locked(p, m);
        tr_mutex_unlock(&p->lock);
    }
}

void tr_forget_monitored(tr_process *p, uint64_t other) {
    for (uint32_t i = 0; i < p->nmonitoring; i++)
        if (p->monitoring[i] == other) { p->monitoring[i] = p->monitoring[--p->nmonitoring]; return; }
}

void tr_stop_monitoring(tr_process *p, uint64_t other) {
    tr_forget_monitored(p, other);
    tr_process *q = tr_lookup(p->rt, other);
    if (!q) return;
    tr_mutex_lock(&q->lock);
    for (uint32_t i = 0; i < q->nmonitors; i++)
        if (q->monitors[i] == p->id) { q->monitors[i] = q->monitors[--q->nmonitors]; break; }
    tr_mutex_unlock(&q->lock);
    tr_process_unref(q);
}

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
    table_remove(rt, p);           /* from now on, sends to p are dropped */
    tr_process_unref(p->to);       /* (never p itself: see tr_send_from) */
    p->to = NULL;
    /* No longer alive: before links and monitors hear of it, so that a process which
     * waited for a ProcessDied to spawn again is not refused by --max-processes. */
    atomic_fetch_sub(&rt->alive, 1);
    if (p->has_names) tr_registry_remove_process(p->env->registry, p->id);

    for (uint32_t i = 0; i < nlinks; i++) {
        tr_process *q = tr_lookup(rt, links[i].pid);
        if (!q) continue;
        tr_mutex_lock(&q->lock);
        remove_link_locked(q, p->id);
        if (reason != TR_DEATH_NORMAL) link_failed_locked(q, p->id, links[i].tag);
        tr_mutex_unlock(&q->lock);
        tr_process_unref(q);
    }
    for (uint32_t i = 0; i < p->nmonitoring; i++) {   /* off the lists of those I monitor */
        tr_process *q = tr_lookup(rt, p->monitoring[i]);
        if (!q) continue;
        tr_mutex_lock(&q->lock);
        for (uint32_t k = 0; k < q->nmonitors; k++)
            if (q->monitors[k] == p->id) { q->monitors[k] = q->monitors[--q->nmonitors]; break; }
        tr_mutex_unlock(&q->lock);
        tr_process_unref(q);
    }
    p->nmonitoring = 0;
    for (uint32_t i = 0; i < nmons; i++) {
        tr_message *m = tr_message_signal(TR_MSG_PROCESS_DIED, 0, p->id);
        if (m) tr_send(rt, mons[i], m);
    }
    free(links);
    free(mons);

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
