/* sched.c — the scheduler: worker threads with their own run queues, work stealing,
 * fuel slices, and what ends a slice (a return, a trap, a block, the end of its fuel).
 *
 * Each worker has two queues. Its stack (last in, first out) takes the processes spawned
 * on it: a tree of processes that spawn and wait for their children runs depth first,
 * like calls, so only a path of the tree is alive at a time and the memory finished
 * processes free is reused while it is still resident (breadth first, a million-process
 * tree is all alive at once). Its queue (first in, first out) takes everything else:
 * processes woken by a message, a timer or I/O, and processes at the end of their slice.
 *
 * A worker alternates between the two when both have work (so woken parents keep up
 * with the children that wake them). Once in TR_STACK_AGE pops at most, it takes the
 * bottom of its stack instead if that has waited longer than that, so that an endless
 * chain of spawns cannot keep a spawned process from ever starting (and a big tree is
 * not turned breadth first by it). With nothing of its own
 * it steals another worker's oldest work (queue head, else stack bottom: the biggest
 * subtree), else sleeps on the idle condition variable.
 * No worker ever sleeps while a process is runnable: `runnable` counts queued processes
 * and is re-checked under idle_lock before waiting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "wait.h"

static _Thread_local tr_worker *current_worker;

tr_msg_cache *tr_worker_msg_cache(void) { return current_worker ? &current_worker->msgs : NULL; }

static void list_push_front(tr_plist *l, tr_process *p) {
    p->qprev = NULL;
    p->qnext = l->head;
    if (l->head) l->head->qprev = p;
    else l->tail = p;
    l->head = p;
}

static void list_push_back(tr_plist *l, tr_process *p) {
    p->qnext = NULL;
    p->qprev = l->tail;
    if (l->tail) l->tail->qnext = p;
    else l->head = p;
    l->tail = p;
}

static tr_process *list_take(tr_plist *l, tr_process *p) {
    if (!p) return NULL;
    if (p->qprev) p->qprev->qnext = p->qnext;
    else l->head = p->qnext;
    if (p->qnext) p->qnext->qprev = p->qprev;
    else l->tail = p->qprev;
    p->qnext = p->qprev = NULL;
    return p;
}

/* Puts p on w's stack or queue; returns how many processes w has queued now. */
static unsigned queue(tr_worker *w, tr_process *p, bool stack) {
    tr_mutex_lock(&w->lock);
    p->qstamp = w->pops;
    if (stack) list_push_front(&w->stack, p);
    else list_push_back(&w->queue, p);
    unsigned len = atomic_fetch_add(&w->len, 1) + 1;
    tr_mutex_unlock(&w->lock);
    return len;
}

static void wake_idle(tr_runtime *rt) {
    if (atomic_load(&rt->sleeping)) {
        pthread_mutex_lock(&rt->idle_lock);
        pthread_cond_signal(&rt->idle_cond);
        pthread_mutex_unlock(&rt->idle_lock);
    }
}

/* Makes p runnable (spawned: `fresh`): on the current worker when called from one, else
 * on a worker chosen round robin. */
static void enqueue(tr_runtime *rt, tr_process *p, bool fresh) {
    tr_worker *w = current_worker && current_worker->rt == rt
                       ? current_worker
                       : &rt->workers[atomic_fetch_add(&rt->next_worker, 1) % rt->nworkers];
    bool local = w == current_worker;
    unsigned len = queue(w, p, local && fresh);
    atomic_fetch_add(&rt->runnable, 1);
    /* A worker that wakes one process will run it itself as soon as the current one
     * blocks or yields: waking a sleeping worker to steal it would only bounce the pair
     * between threads through futexes. Wake one when there is more than this worker can
     * take next, or when the wake comes from outside the workers. */
    if (local && len <= 1) return;
    wake_idle(rt);
}

void tr_enqueue(tr_runtime *rt, tr_process *p) { enqueue(rt, p, false); }
void tr_enqueue_spawned(tr_runtime *rt, tr_process *p) { enqueue(rt, p, true); }

/* A process at the end of its slice: the tail of its worker's queue. */
static void requeue(tr_runtime *rt, tr_process *p) {
    unsigned len = queue(current_worker, p, false);
    atomic_fetch_add(&rt->runnable, 1);
    if (len > 1) wake_idle(rt);      /* the worker takes it back if nothing else is there */
}

/* w's next process (see the top), or its oldest (stealing). */
static tr_process *pop(tr_worker *w, bool steal) {
    if (!atomic_load(&w->len)) return NULL;
    tr_process *p;
    if (steal) {
        if (!tr_mutex_trylock(&w->lock)) return NULL;
        p = w->queue.head ? list_take(&w->queue, w->queue.head)
                          : list_take(&w->stack, w->stack.tail);
    } else {
        tr_mutex_lock(&w->lock);
        unsigned n = ++w->pops;
        if (w->stack.tail && n - w->stack.tail->qstamp > TR_STACK_AGE &&
            n - w->aged > TR_STACK_AGE) {
            w->aged = n;
            p = list_take(&w->stack, w->stack.tail);
        }
        else if (w->queue.head && (!w->stack.head || n % 2 == 0))
            p = list_take(&w->queue, w->queue.head);
        else
            p = list_take(&w->stack, w->stack.head);
    }
    if (p) {
        atomic_fetch_sub(&w->len, 1);
        atomic_fetch_sub(&w->rt->runnable, 1);
    }
    tr_mutex_unlock(&w->lock);
    return p;
}

static tr_process *next_process(tr_worker *w) {
    tr_runtime *rt = w->rt;
    for (;;) {
        /* Stopping (the root ended): leave queued processes to tr_runtime_free. */
        if (atomic_load(&rt->stopping)) return NULL;
        tr_process *p = pop(w, false);
        if (p) return p;
        for (unsigned k = 1; k < rt->nworkers; k++)   /* steal */
            if ((p = pop(&rt->workers[(w->index + k) % rt->nworkers], true))) return p;
        pthread_mutex_lock(&rt->idle_lock);
        atomic_fetch_add(&rt->sleeping, 1);
        while (!atomic_load(&rt->runnable) && !atomic_load(&rt->stopping))
            pthread_cond_wait(&rt->idle_cond, &rt->idle_lock);
        atomic_fetch_sub(&rt->sleeping, 1);
        pthread_mutex_unlock(&rt->idle_lock);
        if (atomic_load(&rt->stopping)) return NULL;
    }
}

/* ---- one slice of a process --------------------------------------------------------- */

/* Why a killed process dies (for --log-failures and a failing root). */
static const char *kill_reason(const tr_process *p, char *buf, size_t n) {
    if (!p->killed_by_link) return "killed";
    snprintf(buf, n, "killed: linked process %llu failed", (unsigned long long)p->killed_by_link);
    return buf;
}

void tr_run_slice(tr_process *p) {
    char why[96];
    tr_mutex_lock(&p->lock);
    if (p->killed) {
        tr_mutex_unlock(&p->lock);
        tr_process_die(p, TR_DEATH_FAILURE, kill_reason(p, why, sizeof why), NULL);
        return;
    }
    p->state = TR_RUNNING;
    p->wake_pending = false;
    tr_mutex_unlock(&p->lock);

    for (;;) {
        uint64_t fuel = TR_SLICE;
        if (p->limited_fuel && p->fuel_left < fuel) fuel = p->fuel_left;
        tw_status st = tw_run(p->inst, fuel);
        if (p->limited_fuel) p->fuel_left -= fuel - tw_fuel_left(p->inst);
        switch (st) {
        case TW_RETURNED:
            if (p->initializing) {      /* the start function is done: now the entry */
                p->initializing = false;
                if (!tw_call_begin(p->inst, p->entry, p->entry_args)) {
                    tr_process_die(p, TR_DEATH_FAILURE, tw_trap_message(p->inst), NULL);
                    return;
                }
                break;                  /* requeue below: it used part of its slice */
            }
            {   /* a kill (or a failed link) that came during the last slice still counts */
                tr_mutex_lock(&p->lock);
                bool killed = p->killed;
                tr_mutex_unlock(&p->lock);
                tr_process_die(p, killed ? TR_DEATH_FAILURE : TR_DEATH_NORMAL,
                               killed ? kill_reason(p, why, sizeof why) : NULL, NULL);
            }
            return;
        case TW_TRAPPED: {
            int code;
            bool exited = tw_wasi_exited(p->wasi, &code);
            tr_mutex_lock(&p->lock);
            bool killed = p->killed;
            tr_mutex_unlock(&p->lock);
            tr_process_die(p, exited && code == 0 && !killed ? TR_DEATH_NORMAL : TR_DEATH_FAILURE,
                           tw_trap_message(p->inst), tw_trap_backtrace(p->inst));
            return;
        }
        case TW_OUT_OF_FUEL:
            if (p->limited_fuel && p->fuel_left == 0) {
                tr_process_die(p, TR_DEATH_FAILURE, "out of fuel (the config's max_fuel)", NULL);
                return;
            }
            break;
        case TW_BLOCKED:
            break;
        }
        tr_mutex_lock(&p->lock);
        if (p->killed) {
            tr_mutex_unlock(&p->lock);
            tr_process_die(p, TR_DEATH_FAILURE, kill_reason(p, why, sizeof why), NULL);
            return;
        }
        bool park = st == TW_BLOCKED && !p->wake_pending;
        if (park && p->wait == TR_WAIT_NONE) park = tr_wait_wasi_locked(p);
        if (park) {
            int n = tw_instance_hot(p->inst, p->hot, TR_HOT - 1);
            for (int i = n; i < TR_HOT - 1; i++) p->hot[i] = NULL;
            p->hot[TR_HOT - 1] = p->wait_hot;
        }
        p->state = park ? TR_WAITING : TR_RUNNABLE;
        p->wake_pending = false;
        if (!park) requeue(p->rt, p);
        tr_mutex_unlock(&p->lock);
        return;
    }
}

static void *worker_main(void *arg) {
    tr_worker *w = arg;
    current_worker = w;
    tr_process *p;
    while ((p = next_process(w))) tr_run_slice(p);
    return NULL;
}

bool tr_sched_start(tr_runtime *rt, char *err, size_t errlen) {
    for (unsigned i = 0; i < rt->nworkers; i++) {
        tr_worker *w = &rt->workers[i];
        w->rt = rt;
        w->index = i;
        tr_mutex_init(&w->lock);
    }
    for (unsigned i = 0; i < rt->nworkers; i++) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 1 << 20);   /* the engine never recurses on it */
        int e = pthread_create(&rt->workers[i].thread, &attr, worker_main, &rt->workers[i]);
        pthread_attr_destroy(&attr);
        if (e) {
            snprintf(err, errlen, "cannot start worker thread %u: %s", i, strerror(e));
            rt->nworkers = i;
            tr_sched_stop(rt);
            return false;
        }
    }
    return true;
}

void tr_sched_stop(tr_runtime *rt) {
    pthread_mutex_lock(&rt->idle_lock);
    atomic_store(&rt->stopping, true);
    pthread_cond_broadcast(&rt->idle_cond);
    pthread_mutex_unlock(&rt->idle_lock);
    for (unsigned i = 0; i < rt->nworkers; i++) pthread_join(rt->workers[i].thread, NULL);
}

