/* link.c — links and monitors, and the signals that travel along them: kill, a linked
 * process's failure (the process dies too, or gets a LinkDied message), a monitored
 * process's death (a ProcessDied message). All under the processes' locks, taken in id
 * order when two are needed. */
#include <stdlib.h>

#include "core.h"
#include "link.h"
#include "mailbox.h"
#include "wait.h"

bool tr_grow(void **arr, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) return true;
    uint32_t nc = *cap ? *cap * 2 : 4;
    while (nc < need) nc *= 2;
    void *na = realloc(*arr, (size_t)nc * elem);
    if (!na) return false;
    *arr = na;
    *cap = nc;
    return true;
}

bool tr_link_add_locked(tr_process *p, uint64_t pid, int64_t tag, bool fresh) {
    for (uint32_t i = 0; !fresh && i < p->nlinks; i++)   /* a new child has no link yet */
        if (p->links[i].pid == pid) { p->links[i].tag = tag; return true; }
    if (!tr_grow((void **)&p->links, &p->caplinks, p->nlinks + 1, sizeof *p->links)) return false;
    p->links[p->nlinks++] = (tr_link_entry){pid, tag};
    return true;
}

void tr_link_remove_locked(tr_process *p, uint64_t pid) {
    for (uint32_t i = 0; i < p->nlinks; i++)
        if (p->links[i].pid == pid) { p->links[i] = p->links[--p->nlinks]; return; }
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
void tr_link_failed_locked(tr_process *p, uint64_t dead, int64_t tag) {
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
        else if (!tr_link_add_locked(p, other, tag, false) || !tr_link_add_locked(q, p->id, tag, false)) {
            tr_link_remove_locked(p, other);
            missing = true;   /* out of memory: behave as if it were gone */
        }
        tr_mutex_unlock(&b->lock);
        tr_mutex_unlock(&a->lock);
        tr_process_unref(q);
    }
    if (missing) {   /* Lunatic: LinkDied(NoProcess) to self */
        tr_mutex_lock(&p->lock);
        tr_link_failed_locked(p, other, tag);
        tr_mutex_unlock(&p->lock);
    }
}

void tr_unlink(tr_process *p, uint64_t other) {
    tr_mutex_lock(&p->lock);
    tr_link_remove_locked(p, other);
    tr_mutex_unlock(&p->lock);
    tr_process *q = tr_lookup(p->rt, other);
    if (!q) return;
    tr_mutex_lock(&q->lock);
    tr_link_remove_locked(q, p->id);
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
            if (!dup && tr_grow((void **)&p->monitoring, &p->capmonitoring, p->nmonitoring + 1,
                             sizeof *p->monitoring) &&
                tr_grow((void **)&q->monitors, &q->capmonitors, q->nmonitors + 1,
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

/* At p's death: its links hear of it (a failure spreads), the processes it monitors drop
 * it, its monitors get a ProcessDied message. Frees the arrays. */
void tr_links_release(tr_process *p, int reason, tr_link_entry *links, uint32_t nlinks,
                      uint64_t *mons, uint32_t nmons) {
    tr_runtime *rt = p->rt;
    for (uint32_t i = 0; i < nlinks; i++) {
        tr_process *q = tr_lookup(rt, links[i].pid);
        if (!q) continue;
        tr_mutex_lock(&q->lock);
        tr_link_remove_locked(q, p->id);
        if (reason != TR_DEATH_NORMAL) tr_link_failed_locked(q, p->id, links[i].tag);
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
}
