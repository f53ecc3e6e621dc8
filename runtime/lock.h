/* lock.h — tr_mutex: the lock of a process and of a run queue.
 *
 * Held for a few dozen instructions at a time and taken several times per message, so
 * its uncontended path is one compare-and-swap to lock and one exchange to unlock,
 * inline (a pthread mutex also keeps an owner and a user count, through calls). Under
 * contention it spins briefly, then sleeps on a futex (U. Drepper, "Futexes Are
 * Tricky", mutex #2). Values: 0 free, 1 locked, 2 locked with possible sleepers. No
 * recursion, no condition variables, no owner checks. */
#ifndef TYCHO_LOCK_H
#define TYCHO_LOCK_H

#include <stdatomic.h>
#include <stdbool.h>

typedef struct { atomic_int v; } tr_mutex;

void tr_mutex_lock_slow(tr_mutex *m);
void tr_mutex_wake(tr_mutex *m);

static inline void tr_mutex_init(tr_mutex *m) { atomic_init(&m->v, 0); }

static inline void tr_mutex_lock(tr_mutex *m) {
    int c = 0;
    if (!atomic_compare_exchange_strong_explicit(&m->v, &c, 1, memory_order_acquire,
                                                 memory_order_relaxed))
        tr_mutex_lock_slow(m);
}

static inline bool tr_mutex_trylock(tr_mutex *m) {
    int c = 0;
    return atomic_compare_exchange_strong_explicit(&m->v, &c, 1, memory_order_acquire,
                                                   memory_order_relaxed);
}

static inline void tr_mutex_unlock(tr_mutex *m) {
    if (atomic_exchange_explicit(&m->v, 0, memory_order_release) == 2) tr_mutex_wake(m);
}

#endif
