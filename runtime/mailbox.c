/* mailbox.c — messages, the scratch area, send, selective receive, sleep, send_after.
 *
 * A mailbox is a FIFO list under its process's lock. Receive scans it in order for the
 * first message whose tag is in the list (untagged messages never match a non-empty
 * list; ProcessDied messages have no tag), leaving the others queued. A receive that
 * finds nothing records what it waits for, so a sender wakes the process only with a
 * message that can end the wait. */
#include <stdlib.h>
#include <string.h>

#include "process.h"

bool tr_arm_wait_timer(tr_process *p, uint64_t deadline_ns);
void tr_disarm_wait_timer(tr_process *p);

tr_message *tr_message_new(int64_t tag, size_t capacity) {
    tr_message *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->kind = TR_MSG_DATA;
    m->tag = tag;
    if (capacity > 1 << 20) capacity = 1 << 20;   /* a hint; don't let a guest make us reserve GiBs */
    if (capacity && !(m->data = malloc(capacity))) capacity = 0;
    m->cap = capacity;
    return m;
}

tr_message *tr_message_signal(int kind, int64_t tag, uint64_t pid) {
    tr_message *m = tr_message_new(tag, 0);
    if (m) {
        m->kind = kind;
        m->pid = pid;
    }
    return m;
}

void tr_message_free(tr_message *m) {
    if (!m) return;
    for (uint32_t i = 0; i < m->nres; i++)
        if (m->res[i].ptr && m->res[i].kind == TR_RES_MODULE) tr_module_unref(m->res[i].ptr);
    free(m->res);
    free(m->data);
    free(m);
}

bool tr_message_write(tr_message *m, const void *src, size_t len) {
    if (len > m->cap - m->len) {
        if (len > SIZE_MAX / 2 - m->len) return false;
        size_t nc = m->cap ? m->cap : 64;
        while (nc < m->len + len) nc *= 2;
        uint8_t *nd = realloc(m->data, nc);
        if (!nd) return false;
        m->data = nd;
        m->cap = nc;
    }
    if (len) memcpy(m->data + m->len, src, len);
    m->len += len;
    return true;
}

int64_t tr_message_attach(tr_message *m, int kind, void *ptr) {
    if (m->nres == m->capres) {
        uint32_t nc = m->capres ? m->capres * 2 : 4;
        tr_attached *nr = realloc(m->res, nc * sizeof *nr);
        if (!nr) return -1;
        m->res = nr;
        m->capres = nc;
    }
    m->res[m->nres] = (tr_attached){kind, ptr};
    return m->nres++;
}

tr_message *tr_scratch(tr_process *p) { return p->scratch; }
void tr_scratch_set(tr_process *p, tr_message *m) {
    tr_message_free(p->scratch);
    p->scratch = m;
}
tr_message *tr_scratch_take(tr_process *p) {
    tr_message *m = p->scratch;
    p->scratch = NULL;
    return m;
}

/* ---- delivery ----------------------------------------------------------------------- */

static bool matches(const tr_process *p, const tr_message *m) {
    if (m->seq <= p->wait_after_seq) return false;
    if (!p->wait_ntags) return true;
    if (m->kind == TR_MSG_PROCESS_DIED || m->tag == 0) return false;
    for (uint32_t i = 0; i < p->wait_ntags; i++)
        if (p->wait_tags[i] == m->tag) return true;
    return false;
}

void tr_mailbox_push_locked(tr_process *p, tr_message *m) {
    if (p->state == TR_DONE) { tr_message_free(m); return; }
    m->next = NULL;
    m->seq = ++p->mb_seq;
    if (p->mb_tail) p->mb_tail->next = m;
    else p->mb_head = m;
    p->mb_tail = m;
    if (p->wait == TR_WAIT_RECEIVE && matches(p, m)) tr_wake_locked(p);
}

void tr_mailbox_free(tr_process *p) {
    for (tr_message *m = p->mb_head, *nx; m; m = nx) {
        nx = m->next;
        tr_message_free(m);
    }
    p->mb_head = p->mb_tail = NULL;
}

void tr_send(tr_runtime *rt, uint64_t to, tr_message *m) {
    tr_process *p = tr_lookup(rt, to);
    if (!p) { tr_message_free(m); return; }   /* dead or unknown: dropped, like Lunatic */
    pthread_mutex_lock(&p->lock);
    tr_mailbox_push_locked(p, m);
    pthread_mutex_unlock(&p->lock);
    tr_process_unref(p);
}

/* ---- waiting ------------------------------------------------------------------------ */

static uint64_t deadline_after(uint64_t ms) {
    uint64_t now = tr_now_ns();
    if (ms > (UINT64_MAX - now) / 1000000u) return UINT64_MAX;
    return now + ms * 1000000u;
}

static void end_wait_locked(tr_process *p) {
    p->in_wait = false;
    p->wait = TR_WAIT_NONE;
    p->wait_ntags = 0;
    p->wait_after_seq = 0;
    p->timed_out = false;
    tr_disarm_wait_timer(p);
}

static tw_host_status receive(tw_hostcall *hc, const int64_t *tags, uint32_t ntags,
                              uint64_t timeout_ms, uint64_t after_seq, int *code) {
    tr_process *p = tr_current(hc);
    pthread_mutex_lock(&p->lock);
    bool first = !p->in_wait;
    if (first) {
        if (ntags > p->wait_tags_cap) {
            int64_t *nt = realloc(p->wait_tags, ntags * sizeof *nt);
            if (!nt) {
                pthread_mutex_unlock(&p->lock);
                return tw_hostcall_trapf(hc, "out of memory in receive");
            }
            p->wait_tags = nt;
            p->wait_tags_cap = ntags;
        }
        if (ntags) memcpy(p->wait_tags, tags, ntags * sizeof *tags);
        p->wait_ntags = ntags;
        p->wait_after_seq = after_seq;
        tr_disarm_wait_timer(p);   /* a WASI wait's leftover timer must not time this out */
        p->timed_out = false;
        p->in_wait = true;
    }
    tr_message **pp = &p->mb_head, *prev = NULL;
    while (*pp && !matches(p, *pp)) { prev = *pp; pp = &(*pp)->next; }
    tr_message *m = *pp;
    if (m) {
        *pp = m->next;
        if (p->mb_tail == m) p->mb_tail = prev;
        m->next = NULL;
        end_wait_locked(p);
        pthread_mutex_unlock(&p->lock);
        m->cursor = 0;
        if (m->kind == TR_MSG_PROCESS_DIED) tr_forget_monitored(p, m->pid);
        tr_scratch_set(p, m);
        *code = m->kind == TR_MSG_DATA ? TR_RECV_DATA
              : m->kind == TR_MSG_LINK_DIED ? TR_RECV_LINK_DIED : TR_RECV_PROCESS_DIED;
        return TW_HOST_OK;
    }
    if (p->timed_out || timeout_ms == 0) {
        end_wait_locked(p);
        pthread_mutex_unlock(&p->lock);
        *code = TR_TIMEOUT;
        return TW_HOST_OK;
    }
    p->wait = TR_WAIT_RECEIVE;
    if (first && timeout_ms != UINT64_MAX && !tr_arm_wait_timer(p, deadline_after(timeout_ms))) {
        end_wait_locked(p);
        pthread_mutex_unlock(&p->lock);
        return tw_hostcall_trapf(hc, "out of memory in receive");
    }
    pthread_mutex_unlock(&p->lock);
    return TW_HOST_BLOCK;
}

tw_host_status tr_receive(tw_hostcall *hc, const int64_t *tags, uint32_t ntags,
                          uint64_t timeout_ms, int *code) {
    return receive(hc, tags, ntags, timeout_ms, 0, code);
}

tw_host_status tr_send_receive(tw_hostcall *hc, uint64_t to, int64_t tag, uint64_t timeout_ms,
                               int *code) {
    tr_process *p = tr_current(hc);
    uint64_t mark = 0;
    pthread_mutex_lock(&p->lock);
    bool first = !p->in_wait;
    if (first) mark = p->mb_seq;       /* only replies arriving from now on count */
    pthread_mutex_unlock(&p->lock);
    if (first) {
        tr_message *m = tr_scratch_take(p);
        if (!m) return tw_hostcall_trapf(hc, "send_receive_skip_search: no message to send");
        tr_send(p->rt, to, m);
    }
    return receive(hc, &tag, 1, timeout_ms, mark, code);
}

tw_host_status tr_sleep(tw_hostcall *hc, uint64_t ms) {
    tr_process *p = tr_current(hc);
    pthread_mutex_lock(&p->lock);
    if (!p->in_wait) {
        if (ms == 0) { pthread_mutex_unlock(&p->lock); return TW_HOST_OK; }
        p->in_wait = true;
        tr_disarm_wait_timer(p);
        p->timed_out = false;
        p->wait = TR_WAIT_SLEEP;
        if (!tr_arm_wait_timer(p, deadline_after(ms))) {
            end_wait_locked(p);
            pthread_mutex_unlock(&p->lock);
            return tw_hostcall_trapf(hc, "out of memory in sleep_ms");
        }
    } else if (p->timed_out) {
        end_wait_locked(p);
        pthread_mutex_unlock(&p->lock);
        return TW_HOST_OK;
    }
    pthread_mutex_unlock(&p->lock);
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
    *box = tr_timer_add(p->rt->timers, deadline_after(delay_ms), delayed_fire, delayed_drop, d);
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
