/* timer.h — the timer service: one thread that fires callbacks at CLOCK_MONOTONIC
 * deadlines (receive timeouts, sleep_ms, poll_oneoff deadlines, timer::send_after), so that
 * no worker thread ever sleeps on a timer and nothing polls.
 *
 * The thread sleeps on a condition variable until the earliest deadline; adding an earlier
 * timer wakes it. Pending timers live in a binary min-heap by (deadline, id) and a hash
 * table from id to timer: add and cancel are O(log n); about 60 bytes per pending timer.
 *
 * Callbacks run on the timer thread, one at a time, in (deadline, id) order, without the
 * service's lock held: they may call tr_timer_add and tr_timer_cancel. They should be
 * short (make a process runnable, post a message): a slow one delays every later timer.
 *
 * Exactly one of fn or drop runs per timer, exactly once. A timer is "pending" until the
 * thread takes it to fire it; from then on tr_timer_cancel returns false and fn will run
 * (it may still be running when tr_timer_cancel returns: a caller that frees what fn
 * touches must synchronise with fn itself, e.g. under the lock fn takes).
 */
#ifndef TYCHO_RUNTIME_TIMER_H
#define TYCHO_RUNTIME_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tr_timers tr_timers;

/* fn runs on the timer thread. drop runs on the thread calling tr_timer_cancel (after the
 * service's lock is released) or tr_timers_free. */
typedef void (*tr_timer_fn)(void *arg, uint64_t timer_id);

/* Starts the thread. NULL on failure (out of memory, no thread). */
tr_timers *tr_timers_new(void);

/* Stops the thread: waits for a callback in progress to return, then runs `drop` (if any)
 * of every pending timer on the calling thread, which must not be the timer thread (not
 * from a callback). Nothing may use t concurrently or afterwards, drop callbacks included.
 * NULL is a no-op. */
void tr_timers_free(tr_timers *t);

/* Fires fn(arg, id) once at CLOCK_MONOTONIC time deadline_ns (now or past: as soon as
 * possible; UINT64_MAX: never, only cancel or free end it). Returns a timer id > 0, never
 * reused, or 0 if out of memory, in which case neither fn nor drop will run (arg is still
 * the caller's). `drop` (may be NULL) is called instead of fn when the timer is cancelled
 * or the service is freed, so arg can be released. */
uint64_t tr_timer_add(tr_timers *t, uint64_t deadline_ns, tr_timer_fn fn, tr_timer_fn drop,
                      void *arg);

/* true if the timer was pending and is now cancelled: drop has run (on this thread, before
 * returning) and fn never will. false if the id is unknown (0, stale, never issued), the
 * timer already fired or is firing (fn may still be running), or was cancelled before. */
bool tr_timer_cancel(tr_timers *t, uint64_t id);

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t tr_now_ns(void);

/* Timers added and not yet taken to fire nor cancelled. */
size_t tr_timers_pending(tr_timers *t);

#endif
