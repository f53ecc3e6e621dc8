/* sched.h — the scheduler (sched.c): worker threads, their run stacks and queues,
 * stealing, and running a process for a slice. */
#ifndef TYCHO_RUNTIME_SCHED_H
#define TYCHO_RUNTIME_SCHED_H

#include <pthread.h>

#include "process.h"

typedef struct { tr_process *head, *tail; } tr_plist;

typedef struct tr_worker {
    tr_runtime *rt;
    unsigned index;
    pthread_t thread;
    tr_mutex lock;
    tr_plist stack, queue;            /* see sched.c */
    atomic_uint len;                  /* processes on both */
    unsigned pops;                    /* own pops: the clock of the fairness rules */
    unsigned aged;                    /* pops at its last aged stack-bottom pop */
    tr_msg_cache msgs;
} tr_worker;

bool tr_sched_start(tr_runtime *rt, char *err, size_t errlen);
void tr_sched_stop(tr_runtime *rt);
/* Makes p runnable: woken (back of a queue), or spawned (top of a spawn stack). */
void tr_enqueue(tr_runtime *rt, tr_process *p);
void tr_enqueue_spawned(tr_runtime *rt, tr_process *p);
/* The current worker's message cache; NULL outside the workers. */
tr_msg_cache *tr_worker_msg_cache(void);

#endif
