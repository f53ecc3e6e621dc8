/* ptable.c — the process table: id -> process, sharded so that spawns and sends rarely
 * contend. Each shard is a reader-writer lock (preferring writers): the many senders that
 * look up one busy process share it instead of queueing on a mutex. A process is in the
 * table from its spawn to its death; the table holds one reference. */
#include <stdlib.h>

#include "core.h"

#define SHARD_OF(id) ((id) % TR_SHARDS)
#define BUCKET_OF(id, n) (((id) / TR_SHARDS) & ((n) - 1))

bool tr_ptable_insert(tr_runtime *rt, tr_process *p) {
    tr_shard *s = &rt->shard[SHARD_OF(p->id)];
    pthread_rwlock_wrlock(&s->lock);
    if (s->count + 1 > s->nbuckets) {         /* grow to keep chains short */
        uint64_t nb = s->nbuckets ? s->nbuckets * 2 : 16;
        tr_process **b = calloc(nb, sizeof *b);
        if (!b) { pthread_rwlock_unlock(&s->lock); return false; }
        for (uint64_t i = 0; i < s->nbuckets; i++)
            for (tr_process *q = s->buckets[i], *nx; q; q = nx) {
                nx = q->hnext;
                uint64_t k = BUCKET_OF(q->id, nb);
                q->hnext = b[k];
                b[k] = q;
            }
        free(s->buckets);
        s->buckets = b;
        s->nbuckets = nb;
    }
    uint64_t k = BUCKET_OF(p->id, s->nbuckets);
    p->hnext = s->buckets[k];
    s->buckets[k] = p;
    s->count++;
    pthread_rwlock_unlock(&s->lock);
    return true;
}

void tr_ptable_remove(tr_runtime *rt, tr_process *p) {
    tr_shard *s = &rt->shard[SHARD_OF(p->id)];
    pthread_rwlock_wrlock(&s->lock);
    if (s->nbuckets) {
        tr_process **pp = &s->buckets[BUCKET_OF(p->id, s->nbuckets)];
        while (*pp && *pp != p) pp = &(*pp)->hnext;
        if (*pp) { *pp = p->hnext; s->count--; }
    }
    pthread_rwlock_unlock(&s->lock);
}

tr_process *tr_lookup(tr_runtime *rt, uint64_t id) {
    tr_shard *s = &rt->shard[SHARD_OF(id)];
    pthread_rwlock_rdlock(&s->lock);
    tr_process *p = NULL;
    if (s->nbuckets)
        for (p = s->buckets[BUCKET_OF(id, s->nbuckets)]; p && p->id != id; p = p->hnext) {}
    if (p) {
        /* the caller goes on to its lock, state and wait (a sender, a signal) */
        __builtin_prefetch((const char *)p + 64);
        __builtin_prefetch((const char *)p + 128);
        atomic_fetch_add(&p->refs, 1);
    }
    pthread_rwlock_unlock(&s->lock);
    return p;
}

void tr_process_unref(tr_process *p) {
    if (p && atomic_fetch_sub(&p->refs, 1) == 1) tr_process_free(p);
}

void tr_process_free_all(tr_runtime *rt) {
    /* first the references processes keep to the last one they sent to (they may form
     * cycles), then the table's */
    for (int i = 0; i < TR_SHARDS; i++) {
        tr_shard *s = &rt->shard[i];
        for (uint64_t b = 0; b < s->nbuckets; b++)
            for (tr_process *p = s->buckets[b]; p; p = p->hnext) {
                tr_process_unref(p->to);
                p->to = NULL;
            }
    }
    for (int i = 0; i < TR_SHARDS; i++) {
        tr_shard *s = &rt->shard[i];
        for (uint64_t b = 0; b < s->nbuckets; b++)
            for (tr_process *p = s->buckets[b], *nx; p; p = nx) {
                nx = p->hnext;
                tr_process_unref(p);
            }
        free(s->buckets);
        s->buckets = NULL;
        s->nbuckets = s->count = 0;
    }
}

bool tr_exists(tr_runtime *rt, uint64_t id) {
    tr_process *p = tr_lookup(rt, id);
    tr_process_unref(p);
    return p != NULL;
}
