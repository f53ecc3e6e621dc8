/* mailbox.c — mailboxes: send, selective receive, request/reply (send_receive_skip_search).
 *
 * A mailbox is a lock-free queue that senders append to, and a list of the messages a
 * selective receive passed over, both in arrival order; only the process itself takes
 * messages off (see tr_send and receive). Receive looks in order for the first message
 * whose tag is in the list (untagged messages never match a non-empty list; ProcessDied
 * messages have no tag), leaving the others. A receive that finds nothing records what
 * it waits for, so a sender wakes the process only with a message that can end the wait.
 * send_receive_skip_search never looks at the mailbox: the process announces the tag it
 * waits for before it sends the request, and the sender of a message with that tag hands
 * it over directly (tr_process.reply), so a request costs the same with a million
 * messages queued as with none. (Messages themselves: message.c.) */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "link.h"
#include "mailbox.h"
#include "wait.h"

/* ---- delivery ----------------------------------------------------------------------- */

/* Does a message (its kind and tag) end a receive for `tags` (none: any message)?
 * Untagged messages never match a non-empty list, ProcessDied messages have no tag. */
static bool tag_wanted(const int64_t *tags, uint32_t ntags, int kind, int64_t tag) {
    if (!ntags) return true;
    if (kind == TR_MSG_PROCESS_DIED || tag == 0) return false;
    for (uint32_t i = 0; i < ntags; i++)
        if (tags[i] == tag) return true;
    return false;
}

/* The queue is an intrusive multi-producer single-consumer list (D. Vyukov's): a
 * sender swaps itself in as the tail and then links the old tail to it; the process
 * follows the links from its head. Between a sender's swap and its link the queue looks
 * shorter than it is to the process; that sender then sees `receiving` (see tr_send). */
void tr_mailbox_init(tr_process *p) {
    atomic_init(&p->mq_stub.next, NULL);
    p->mq_head = &p->mq_stub;
    atomic_init(&p->mq_tail, &p->mq_stub);
}

static void mq_push(tr_process *p, tr_mqnode *n) {
    atomic_store_explicit(&n->next, NULL, memory_order_relaxed);
    tr_mqnode *prev = atomic_exchange(&p->mq_tail, n);
    atomic_store_explicit(&prev->next, n, memory_order_release);
}

/* The oldest message of the queue, or NULL (empty, or a sender is between its two
 * steps). Only p itself (or its death) calls this. */
static tr_message *mq_pop(tr_process *p) {
    tr_mqnode *head = p->mq_head, *next = atomic_load(&head->next);
    if (head == &p->mq_stub) {
        if (!next) return NULL;
        p->mq_head = head = next;
        next = atomic_load(&next->next);
    }
    if (!next) {
        if (head != atomic_load(&p->mq_tail)) return NULL;   /* a sender is linking */
        mq_push(p, &p->mq_stub);          /* head is the last: put the stub behind it */
        next = atomic_load(&head->next);
        if (!next) return NULL;
    }
    p->mq_head = next;
    return (tr_message *)head;            /* link is a message's first member */
}

/* Appends m to the process's own list (messages a receive passed over). */
static void saved_append(tr_process *p, tr_message *m) {
    m->next = NULL;
    if (p->mb_tail) p->mb_tail->next = m;
    else p->mb_head = m;
    p->mb_tail = m;
}

/* Moves everything queued to the own list (at death). */
static void mq_drain(tr_process *p) {
    for (tr_message *m; (m = mq_pop(p));) saved_append(p, m);
}

/* Wakes p if it waits for a message like this one. Lock held. */
static void wake_if_wanted_locked(tr_process *p, int kind, int64_t tag) {
    if (p->wait == TR_WAIT_RECEIVE && tag_wanted(p->wait_tags, p->wait_ntags, kind, tag))
        tr_wake_locked(p);
}

/* Hands m to p as the reply it waits for, if it is one (p's lock held): true if taken. */
static bool reply_locked(tr_process *p, tr_message *m) {
    if (p->wait != TR_WAIT_REPLY || p->reply || !tag_wanted(&p->reply_tag, 1, m->kind, m->tag))
        return false;
    m->next = NULL;
    p->reply = m;
    tr_wake_locked(p);
    return true;
}

void tr_mailbox_push_locked(tr_process *p, tr_message *m) {
    if (p->state == TR_DONE) { tr_message_free(m); return; }
    if (reply_locked(p, m)) return;
    int kind = m->kind;
    int64_t tag = m->tag;
    mq_push(p, &m->link);
    wake_if_wanted_locked(p, kind, tag);
}

void tr_mailbox_free(tr_process *p) {
    tr_message_free(p->reply);
    p->reply = NULL;
    mq_drain(p);
    for (tr_message *m = p->mb_head, *nx; m; m = nx) {
        nx = m->next;
        tr_message_free(m);
    }
    p->mb_head = p->mb_tail = NULL;
}

/* The common path takes no lock: the message goes onto the queue, and only when the
 * receiver waits in a receive does the sender lock it to see whether to wake it. The
 * receiver announces that wait (`receiving`) before it looks at the queue one last
 * time, and the sender links its message before it looks at `receiving` (sequentially
 * consistent): so either the receiver finds the message or the sender finds the
 * receiver waiting. Kind and tag are read before the push: from then on the receiver
 * may take (and free) the message at any time. */
static void deliver(tr_process *p, tr_message *m) {
    int kind = m->kind;
    int64_t tag = m->tag;
    if (atomic_load(&p->receiving)) {
        /* It waits: maybe for this very message (a reply is handed over, not queued).
         * A process that starts waiting for a reply after this load announced it before
         * sending its request, so this message was sent before the request: not its
         * reply, and queued as the older message it is. */
        tr_mutex_lock(&p->lock);
        if (p->state == TR_DONE || !reply_locked(p, m)) {
            mq_push(p, &m->link);     /* (to a dead process: freed with it) */
            wake_if_wanted_locked(p, kind, tag);
        }
        tr_mutex_unlock(&p->lock);
        return;
    }
    mq_push(p, &m->link);    /* to a process dying meanwhile: freed with it */
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load(&p->receiving)) {
        tr_mutex_lock(&p->lock);
        wake_if_wanted_locked(p, kind, tag);
        tr_mutex_unlock(&p->lock);
    }
}

void tr_send(tr_runtime *rt, uint64_t to, tr_message *m) {
    tr_process *p = tr_lookup(rt, to);
    if (!p) { tr_message_free(m); return; }   /* dead or unknown: dropped, like Lunatic */
    deliver(p, m);
    tr_process_unref(p);
}

/* A process's send. It keeps a reference to the last process it sent to (not itself:
 * that would keep it alive), so that a conversation with one peer skips the process
 * table; a dead peer is `gone` and looked up (and not found) again. */
void tr_send_from(tr_process *self, uint64_t to, tr_message *m) {
    tr_process *p = self->to;
    if (!p || self->to_pid != to || atomic_load(&p->gone)) {
        tr_process_unref(p);
        self->to = NULL;
        p = tr_lookup(self->rt, to);
        if (!p) { tr_message_free(m); return; }
        if (p == self) {
            deliver(p, m);
            tr_process_unref(p);
            return;
        }
        self->to = p;
        self->to_pid = to;
    }
    deliver(p, m);
}

/* ---- waiting ------------------------------------------------------------------------ */



/* Takes the first message that ends a receive for tags: from the own list (unless
 * `queue_only`: it was searched with these tags already), then from the queue, keeping
 * the ones passed over in order. NULL if there is none. */
static tr_message *take(tr_process *p, bool queue_only, const int64_t *tags, uint32_t ntags) {
    if (!queue_only) {
        for (tr_message *prev = NULL, *m = p->mb_head; m; prev = m, m = m->next) {
            if (!tag_wanted(tags, ntags, m->kind, m->tag)) continue;
            if (prev) prev->next = m->next;
            else p->mb_head = m->next;
            if (p->mb_tail == m) p->mb_tail = prev;
            m->next = NULL;
            return m;
        }
    }
    for (tr_message *m; (m = mq_pop(p));) {
        if (tag_wanted(tags, ntags, m->kind, m->tag)) {
            m->next = NULL;
            return m;
        }
        saved_append(p, m);
    }
    return NULL;
}

static tw_host_status got(tr_process *p, tr_message *m, int *code) {
    m->cursor = 0;
    if (m->kind == TR_MSG_PROCESS_DIED) tr_forget_monitored(p, m->pid);
    tr_scratch_set(p, m);
    *code = m->kind == TR_MSG_DATA ? TR_RECV_DATA
          : m->kind == TR_MSG_LINK_DIED ? TR_RECV_LINK_DIED : TR_RECV_PROCESS_DIED;
    return TW_HOST_OK;
}

/* A receive: the first call looks through the mailbox with no lock; if nothing is
 * there it records what it waits for (under the lock, where senders read it), looks at
 * the queue once more (still locked: a sender that saw `receiving` waits) and blocks. The engine re-issues the call when the process is
 * woken: it looks again, and ends the wait when a message (or the timeout) came. */
tw_host_status tr_receive(tw_hostcall *hc, const int64_t *tags, uint32_t ntags,
                          uint64_t timeout_ms, int *code) {
    tr_process *p = tr_current(hc);
    tr_message *m;
    if (!p->in_wait) {
        if ((m = take(p, false, tags, ntags))) return got(p, m, code);
        if (timeout_ms == 0) { *code = TR_TIMEOUT; return TW_HOST_OK; }
        tr_mutex_lock(&p->lock);
        if (ntags <= TR_WAIT_INLINE) {
            if (p->wait_tags != p->wait_tags_inline) free(p->wait_tags);
            p->wait_tags = p->wait_tags_inline;
            p->wait_tags_cap = 0;
        } else if (ntags > p->wait_tags_cap) {
            int64_t *nt = malloc(ntags * sizeof *nt);
            if (!nt) {
                tr_mutex_unlock(&p->lock);
                return tw_hostcall_trapf(hc, "out of memory in receive");
            }
            if (p->wait_tags != p->wait_tags_inline) free(p->wait_tags);
            p->wait_tags = nt;
            p->wait_tags_cap = ntags;
        }
        if (ntags) memcpy(p->wait_tags, tags, ntags * sizeof *tags);
        p->wait_ntags = ntags;
        tr_disarm_wait_timer(p);   /* a WASI wait's leftover timer must not time this out */
        p->timed_out = false;
        p->in_wait = true;
        p->wait = TR_WAIT_RECEIVE;
        atomic_store(&p->receiving, true);
        if (timeout_ms != UINT64_MAX && !tr_arm_wait_timer(p, tr_deadline_after(timeout_ms))) {
            tr_end_wait_locked(p);
            tr_mutex_unlock(&p->lock);
            return tw_hostcall_trapf(hc, "out of memory in receive");
        }
    } else {
        tr_mutex_lock(&p->lock);
    }
    /* Waiting (announced): what came since? */
    m = take(p, true, p->wait_tags, p->wait_ntags);
    if (m || p->timed_out) {
        tr_end_wait_locked(p);
        tr_mutex_unlock(&p->lock);
        if (m) return got(p, m, code);
        *code = TR_TIMEOUT;
        return TW_HOST_OK;
    }
    tr_mutex_unlock(&p->lock);
    return TW_HOST_BLOCK;
}

void tr_wait_hint(tw_hostcall *hc, const void *addr) { tr_current(hc)->wait_hot = addr; }

/* send_receive_skip_search: announces the wait for `tag` (under the lock, where senders
 * look), then sends the request; from then on a sender of a message with that tag hands
 * it over in p->reply. Nothing queued is looked at: O(1) in the mailbox's length. */
tw_host_status tr_send_receive(tw_hostcall *hc, uint64_t to, int64_t tag, uint64_t timeout_ms,
                               int *code) {
    tr_process *p = tr_current(hc);
    if (!p->in_wait) {
        tr_message *m = tr_scratch_take(p);
        if (!m) return tw_hostcall_trapf(hc, "send_receive_skip_search: no message to send");
        tr_mutex_lock(&p->lock);
        tr_disarm_wait_timer(p);
        p->timed_out = false;
        p->in_wait = true;
        p->wait = TR_WAIT_REPLY;
        p->reply_tag = tag;
        atomic_store(&p->receiving, true);
        if (timeout_ms != 0 && timeout_ms != UINT64_MAX &&
            !tr_arm_wait_timer(p, tr_deadline_after(timeout_ms))) {
            tr_end_wait_locked(p);
            tr_mutex_unlock(&p->lock);
            tr_message_free(m);
            return tw_hostcall_trapf(hc, "out of memory in send_receive_skip_search");
        }
        tr_mutex_unlock(&p->lock);
        tr_send_from(p, to, m);
    }
    tr_mutex_lock(&p->lock);
    tr_message *r = p->reply;
    if (r || p->timed_out || timeout_ms == 0) {
        p->reply = NULL;
        tr_end_wait_locked(p);
        tr_mutex_unlock(&p->lock);
        if (r) return got(p, r, code);
        *code = TR_TIMEOUT;
        return TW_HOST_OK;
    }
    tr_mutex_unlock(&p->lock);
    return TW_HOST_BLOCK;
}

