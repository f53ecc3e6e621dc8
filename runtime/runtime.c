/* runtime.c — the runtime's life: creating it (its threads: workers, the timer, the
 * poller), running a root process or top-level processes, stopping and freeing it. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "metrics.h"
#include "net.h"
#include "poller.h"
#include "world.h"

static tw_wasi *wasi_of(tw_instance *inst) {
    tr_process *p = tw_instance_user(inst);
    return p ? p->wasi : NULL;
}

tr_runtime *tr_runtime_new(const tr_options *opt, char *err, size_t errlen) {
    /* Spawning allocates a few KiB per process from the worker threads' malloc arenas:
     * let them grow (and shrink) in large steps instead of an mprotect per spawn and a
     * trim per exit. */
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    tr_runtime *rt = calloc(1, sizeof *rt);
    if (!rt) { snprintf(err, errlen, "out of memory"); return NULL; }
    rt->opt = *opt;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    rt->nworkers = opt->workers ? opt->workers : ncpu > 0 ? (unsigned)ncpu : 1;
    rt->workers = calloc(rt->nworkers, sizeof *rt->workers);
    rt->nworkers_made = rt->workers ? rt->nworkers : 0;
    atomic_init(&rt->next_env_id, 1);   /* the default environment is 1, like lunatic run's */
    rt->env = tr_env_new(rt);
    rt->timers = tr_timers_new();
    if (!rt->workers || !rt->env || !rt->timers) {
        snprintf(err, errlen, "out of memory");
        tr_runtime_free(rt);
        return NULL;
    }
    if (!(rt->poller = tr_poller_new(rt))) {
        snprintf(err, errlen, "cannot start the I/O poller");
        tr_runtime_free(rt);
        return NULL;
    }
    pthread_mutex_init(&rt->idle_lock, NULL);
    pthread_cond_init(&rt->idle_cond, NULL);
    pthread_mutex_init(&rt->done_lock, NULL);
    pthread_mutex_init(&rt->dirs_lock, NULL);
    pthread_cond_init(&rt->done_cond, NULL);
    pthread_rwlockattr_t ra;
    pthread_rwlockattr_init(&ra);
    pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    for (int i = 0; i < TR_SHARDS; i++) pthread_rwlock_init(&rt->shard[i].lock, &ra);
    pthread_rwlockattr_destroy(&ra);
    atomic_init(&rt->next_pid, 1);   /* process ids start at 1, like Lunatic's */
    atomic_init(&rt->next_module_id, 1);
    tw_wasi_set_resolver(wasi_of);
    return rt;
}

bool tr_runtime_start(tr_runtime *rt, char *err, size_t errlen) {
    if (!tr_sched_start(rt, err, errlen)) return false;
    rt->started = true;
    return true;
}

void tr_runtime_stop(tr_runtime *rt) {
    if (!rt->started) return;
    tr_sched_stop(rt);
    rt->started = false;
    rt->nworkers = 0;   /* stopped: tr_runtime_free must not join again */
    fflush(stdout);
}

/* The root's end: its failure reported on stderr, and the exit code for tr_runtime_run. */
static void root_ended(void *arg, uint64_t pid, const tr_end *end) {
    (void)pid;
    tr_runtime *rt = arg;
    int code = 0;
    if (end->exited) {
        code = end->exit_code;
    } else if (end->failed) {
        fflush(stdout);
        fprintf(stderr, "error: %s\n", end->message ? end->message : "process failed");
        const char *bt = end->backtrace;
        if (bt && *bt) fprintf(stderr, "%s%s", bt, bt[strlen(bt) - 1] == '\n' ? "" : "\n");
        code = 134;
    }
    pthread_mutex_lock(&rt->done_lock);
    if (end->nresults && (rt->results = calloc(end->nresults, sizeof *rt->results))) {
        memcpy(rt->results, end->results, end->nresults * sizeof *rt->results);
        rt->nresults = end->nresults;
    }
    rt->root_done = true;
    rt->exit_code = code;
    pthread_cond_signal(&rt->done_cond);
    pthread_mutex_unlock(&rt->done_lock);
}

const tw_val *tr_runtime_results(const tr_runtime *rt, uint32_t *n) {
    *n = rt->nresults;
    return rt->results;
}

int tr_runtime_run(tr_runtime *rt, tr_module *m, const char *entry, const tr_param *params,
                   uint32_t nparams, const tr_config *cfg) {
    char err[256];
    uint64_t pid;
    tr_top top = {.on_end = root_ended, .arg = rt};
    if (tr_spawn_top(rt, m, entry, params, nparams, cfg, &top, &pid, err, sizeof err) != 0 ||
        !tr_runtime_start(rt, err, sizeof err)) {
        fprintf(stderr, "tycho: error: %s\n", err);
        return 1;
    }
    pthread_mutex_lock(&rt->done_lock);
    while (!rt->root_done) pthread_cond_wait(&rt->done_cond, &rt->done_lock);
    int code = rt->exit_code;
    pthread_mutex_unlock(&rt->done_lock);
    tr_runtime_stop(rt);
    return code;
}

void tr_runtime_free(tr_runtime *rt) {
    if (!rt) return;
    tr_runtime_stop(rt);
    if (rt->timers) tr_timers_free(rt->timers);   /* before processes: callbacks look them up */
    if (rt->poller) tr_poller_free(rt->poller);
    tr_net_stop(rt);                 /* no thread wakes a process from here on */
    /* Processes still queued hold no extra reference; free them all with the table. */
    tr_process_free_all(rt);
    tr_net_free(rt);                 /* (their sockets are closed) */
    tr_env_unref(rt->env);
    tr_dirfds_close(rt);
    if (rt->opt.metrics) tr_metrics_print(rt);
    tr_metrics_free(rt);
    for (unsigned i = 0; rt->workers && i < rt->nworkers_made; i++)
        tr_msg_cache_free(&rt->workers[i].msgs);
    free(rt->workers);
    free(rt->results);
    free(rt);
}
