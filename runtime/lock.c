/* lock.c — the slow paths of tr_mutex (lock.h). */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lock.h"

static void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

void tr_mutex_lock_slow(tr_mutex *m) {
    for (int i = 0; i < 100; i++) {          /* the holder is likely running: wait a bit */
        cpu_relax();
        int c = 0;
        if (atomic_load_explicit(&m->v, memory_order_relaxed) == 0 &&
            atomic_compare_exchange_weak_explicit(&m->v, &c, 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return;
    }
    /* Mark it contended (2) and sleep until it is free; whoever takes it from here
     * leaves it marked, so its unlock wakes the next sleeper. */
    while (atomic_exchange_explicit(&m->v, 2, memory_order_acquire) != 0)
        syscall(SYS_futex, &m->v, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
}

void tr_mutex_wake(tr_mutex *m) {
    syscall(SYS_futex, &m->v, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}
