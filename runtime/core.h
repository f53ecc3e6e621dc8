/* core.h — the runtime as a whole (struct tr_runtime): what every part of it reaches
 * through rt. Its life (new, start, run, stop, free) is runtime.c. */
#ifndef TYCHO_RUNTIME_CORE_H
#define TYCHO_RUNTIME_CORE_H

#include "ptable.h"
#include "sched.h"
#include "timer.h"

struct tr_runtime {
    tr_options opt;
    unsigned nworkers;
    unsigned nworkers_made;           /* workers[] entries (nworkers drops to 0 when stopped) */
    tr_worker *workers;
    atomic_uint next_worker;          /* round robin for wakes from outside workers */

    pthread_mutex_t idle_lock;
    pthread_cond_t idle_cond;
    atomic_uint sleeping;
    atomic_ulong runnable;
    atomic_bool stopping;

    tr_shard shard[TR_SHARDS];
    atomic_ulong next_pid;
    atomic_ulong next_module_id;
    atomic_ulong alive;

    tr_env *env;                      /* the default environment (id 1) */
    atomic_ulong next_env_id;
    tr_timers *timers;
    struct tr_poller *poller;
    _Atomic(struct tr_net *) net;     /* networking (netpoll.c), started on first use */

    bool started;                     /* workers running (tr_runtime_start) */
    /* the root process's end (tr_runtime_run) */
    pthread_mutex_t done_lock;
    pthread_cond_t done_cond;
    bool root_done;
    int exit_code;
    tw_val *results; uint32_t nresults;   /* what the root's entry returned */

    struct tr_metrics *metrics;

    /* Preopened directories, opened once and shared by every process's WASI context. */
    pthread_mutex_t dirs_lock;
    struct { char *path; int fd; } *dirfds;
    uint32_t ndirfds;
};

#endif
