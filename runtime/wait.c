/* wait.c — waiting: what a blocked host call arranges so that its process is woken —
 * a timer (receive timeouts, sleep_ms), the poller (a WASI call's fds) — and waking it;
 * sleep_ms; timer::send_after (a message delivered by the timer thread). The blocking
 * host calls themselves (receive, request/reply) are in mailbox.c. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include "mailbox.h"
#include "poller.h"
#include "resource.h"
#include "sched.h"
#include "wait.h"

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

uint64_t tr_deadline_after(uint64_t ms) {
    uint64_t now = tr_now_ns();
    if (ms > (UINT64_MAX - now) / 1000000u) return UINT64_MAX;
    return now + ms * 1000000u;
}

void tr_end_wait_locked(tr_process *p) {
    p->in_wait = false;
    p->wait_hot = NULL;
    p->wait = TR_WAIT_NONE;
    atomic_store(&p->receiving, false);
    p->wait_ntags = 0;
    p->timed_out = false;
    tr_disarm_wait_timer(p);
}

typedef struct { tr_runtime *rt; uint64_t pid; } wake_arg;

static void wake_fire(void *arg, uint64_t timer_id) {
    wake_arg *a = arg;
    tr_process *p = tr_lookup(a->rt, a->pid);
    if (p) {
        tr_mutex_lock(&p->lock);
        if (p->wait_timer == timer_id) {
            p->timed_out = true;
            tr_wake_locked(p);
        }
        tr_mutex_unlock(&p->lock);
        tr_process_unref(p);
    }
    free(a);
}
static void wake_drop(void *arg, uint64_t timer_id) { (void)timer_id; free(arg); }

/* A timer that wakes p at deadline (and sets timed_out). Caller holds p's lock. */
bool tr_arm_wait_timer(tr_process *p, uint64_t deadline_ns) {
    wake_arg *a = malloc(sizeof *a);
    if (!a) return false;
    a->rt = p->rt;
    a->pid = p->id;
    uint64_t id = tr_timer_add(p->rt->timers, deadline_ns, wake_fire, wake_drop, a);
    if (!id) { free(a); return false; }
    p->wait_timer = id;
    return true;
}

void tr_disarm_wait_timer(tr_process *p) {
    if (p->wait_timer) tr_timer_cancel(p->rt->timers, p->wait_timer);
    p->wait_timer = 0;
}

/* After TW_BLOCKED in a WASI call: arrange the wake-up it needs. Lock held. */
bool tr_wait_wasi_locked(tr_process *p) {
    tw_wasi_waitinfo wi;
    tw_wasi_wait_info(p->wasi, &wi);
    if (wi.yield) return false;                       /* runnable again at once */
    tr_disarm_wait_timer(p);
    if (wi.deadline_ns >= 0 && !tr_arm_wait_timer(p, (uint64_t)wi.deadline_ns)) return false;
    if (wi.nfds && !tr_poller_watch(p->rt->poller, p, wi.fds, wi.nfds)) return false;
    return true;
}

tw_host_status tr_sleep(tw_hostcall *hc, uint64_t ms) {
    tr_process *p = tr_current(hc);
    tr_mutex_lock(&p->lock);
    if (!p->in_wait) {
        if (ms == 0) { tr_mutex_unlock(&p->lock); return TW_HOST_OK; }
        p->in_wait = true;
        tr_disarm_wait_timer(p);
        p->timed_out = false;
        p->wait = TR_WAIT_SLEEP;
        if (!tr_arm_wait_timer(p, tr_deadline_after(ms))) {
            tr_end_wait_locked(p);
            tr_mutex_unlock(&p->lock);
            return tw_hostcall_trapf(hc, "out of memory in sleep_ms");
        }
    } else if (p->timed_out) {
        tr_end_wait_locked(p);
        tr_mutex_unlock(&p->lock);
        return TW_HOST_OK;
    }
    tr_mutex_unlock(&p->lock);
    return TW_HOST_BLOCK;
}

/* ---- timers: send_after ------------------------------------------------------------- */

typedef struct { tr_runtime *rt; uint64_t to; tr_message *m; } delayed;

static void delayed_fire(void *arg, uint64_t id) {
    (void)id;
    delayed *d = arg;
    tr_send(d->rt, d->to, d->m);     /* dropped if the target died meanwhile */
    free(d);
}
static void delayed_drop(void *arg, uint64_t id) {
    (void)id;
    delayed *d = arg;
    tr_message_free(d->m);
    free(d);
}

uint64_t tr_send_after(tr_process *p, uint64_t to, uint64_t delay_ms, tr_message *m) {
    delayed *d = malloc(sizeof *d);
    uint64_t *box = malloc(sizeof *box);
    if (!d || !box) goto oom;
    *d = (delayed){p->rt, to, m};
    *box = tr_timer_add(p->rt->timers, tr_deadline_after(delay_ms), delayed_fire, delayed_drop, d);
    if (!*box) goto oom;
    uint64_t id = tr_res_add(p, TR_TAB_TIMER, box);
    if (id == UINT64_MAX) {
        tr_timer_cancel(p->rt->timers, *box);   /* runs delayed_drop */
        free(box);
        return UINT64_MAX;
    }
    return id;
oom:
    free(d);
    free(box);
    tr_message_free(m);
    return UINT64_MAX;
}

bool tr_cancel_timer(tr_process *p, uint64_t timer_id) {
    uint64_t *box = tr_res_take(p, TR_TAB_TIMER, timer_id);
    if (!box) return false;
    bool ok = tr_timer_cancel(p->rt->timers, *box);
    free(box);
    return ok;
}
