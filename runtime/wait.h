/* wait.h — parking and waking processes (wait.c). */
#ifndef TYCHO_RUNTIME_WAIT_H
#define TYCHO_RUNTIME_WAIT_H

#include "process.h"

/* Makes p runnable if it is waiting; if it is running, remembers the event. */
void tr_wake_locked(tr_process *p);              /* p's lock held */
void tr_wake(tr_process *p);
/* CLOCK_MONOTONIC now + ms, saturated. */
uint64_t tr_deadline_after(uint64_t ms);
/* The wait is over (found, or timed out): clears what it recorded. Lock held. */
void tr_end_wait_locked(tr_process *p);
/* A timer that wakes p at deadline (and sets timed_out); false on OOM. Lock held. */
bool tr_arm_wait_timer(tr_process *p, uint64_t deadline_ns);
void tr_disarm_wait_timer(tr_process *p);
/* After TW_BLOCKED in a WASI call: arranges the wake-up it needs (timer, poller); false
 * when p is runnable again at once (a yield, or nothing could be arranged). Lock held. */
bool tr_wait_wasi_locked(tr_process *p);

#endif
