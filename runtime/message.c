/* message.c — messages: building (write, attach), reading (the cursor, resources),
 * the scratch area, and recycling their structs per worker. */
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "module.h"
#include "process.h"
#include "sched.h"

tr_message *tr_message_new(int64_t tag, size_t capacity) {
    tr_msg_cache *c = tr_worker_msg_cache();
    tr_message *m;
    if (c && !c->n && atomic_load_explicit(&c->returned, memory_order_relaxed)) {
        c->free = atomic_exchange(&c->returned, NULL);   /* take back what others freed */
        for (tr_message *r = c->free; r; r = r->next) c->n++;
        atomic_fetch_sub(&c->nreturned, c->n);
    }
    if (c && c->n) {
        m = c->free;
        c->free = m->next;
        c->n--;
    } else if (!(m = malloc(sizeof *m))) {
        return NULL;
    }
    m->origin = c;
    m->next = NULL;
    m->kind = TR_MSG_DATA;
    m->tag = tag;
    m->pid = 0;
    m->len = m->cursor = 0;
    m->res = NULL;
    m->nres = m->capres = 0;
    m->data = m->inline_data;
    m->cap = TR_MSG_INLINE;
    /* A hint: nothing is reserved until the data outgrows the inline bytes (and never
     * more than 1 MiB for a hint: a guest must not make us reserve GiBs). */
    m->hint = capacity > 1 << 20 ? 1 << 20 : (uint32_t)capacity;
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
        if (m->res[i].ptr) {
            if (m->res[i].kind == TR_RES_MODULE) tr_module_unref(m->res[i].ptr);
            else tr_sock_unref(m->res[i].ptr);   /* a connection never received: closed */
        }
    free(m->res);
    if (m->data != m->inline_data) free(m->data);
    tr_msg_cache *c = tr_worker_msg_cache(), *o = m->origin;
    if (c && c == o && c->n < TR_MSG_CACHE) {      /* mine: keep it */
        m->next = c->free;
        c->free = m;
        c->n++;
        return;
    }
    /* Another worker's: give it back (the memory goes home to the thread that takes
     * from it, instead of contending for the other thread's malloc arena). */
    if (o && o != c && atomic_fetch_add(&o->nreturned, 1) < TR_MSG_CACHE) {
        tr_message *old = atomic_load_explicit(&o->returned, memory_order_relaxed);
        do m->next = old;
        while (!atomic_compare_exchange_weak(&o->returned, &old, m));
        return;
    }
    if (o && o != c) atomic_fetch_sub(&o->nreturned, 1);
    free(m);
}

static void free_chain(tr_message *m) {
    for (tr_message *nx; m; m = nx) {
        nx = m->next;
        free(m);
    }
}

void tr_msg_cache_free(tr_msg_cache *c) {
    free_chain(c->free);
    free_chain(atomic_exchange(&c->returned, NULL));
    c->free = NULL;
    c->n = 0;
}

bool tr_message_write(tr_message *m, const void *src, size_t len) {
    if (len > m->cap - m->len) {
        if (len > SIZE_MAX / 2 - m->len) return false;
        size_t nc = m->cap > 64 ? m->cap : 64;
        if (m->data == m->inline_data && m->hint > nc) nc = m->hint;
        while (nc < m->len + len) nc *= 2;
        bool in = m->data == m->inline_data;
        uint8_t *nd = realloc(in ? NULL : m->data, nc);
        if (!nd) return false;
        if (in) memcpy(nd, m->inline_data, m->len);
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

/* ---- reading ------------------------------------------------------------------------- */

int tr_message_kind(const tr_message *m) { return m->kind; }
int64_t tr_message_tag(const tr_message *m) { return m->tag; }
uint64_t tr_message_pid(const tr_message *m) { return m->kind == TR_MSG_DATA ? 0 : m->pid; }
size_t tr_message_size(const tr_message *m) { return m->len; }

size_t tr_message_read(tr_message *m, void *dst, size_t n) {
    size_t left = m->cursor < m->len ? m->len - m->cursor : 0;
    if (n > left) n = left;
    if (n) memcpy(dst, m->data + m->cursor, n);
    m->cursor += n;
    return n;
}

void tr_message_seek(tr_message *m, uint64_t index) {
    m->cursor = index < m->len ? index : m->len;
}

void *tr_message_take_resource(tr_message *m, uint64_t index, int kind) {
    if (index >= m->nres || !m->res[index].ptr || m->res[index].kind != kind) return NULL;
    void *r = m->res[index].ptr;
    m->res[index].ptr = NULL;
    return r;
}
