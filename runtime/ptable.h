/* ptable.h — the process table (ptable.c): id -> live process. */
#ifndef TYCHO_RUNTIME_PTABLE_H
#define TYCHO_RUNTIME_PTABLE_H

#include <pthread.h>

#include "process.h"

typedef struct {
    pthread_rwlock_t lock;
    tr_process **buckets; uint64_t nbuckets, count;
} tr_shard;

/* Puts p in the table (false: out of memory) / takes it out (its death). */
bool tr_ptable_insert(tr_runtime *rt, tr_process *p);
void tr_ptable_remove(tr_runtime *rt, tr_process *p);
tr_process *tr_lookup(tr_runtime *rt, uint64_t id);    /* +1 ref, NULL if not alive */
void tr_process_unref(tr_process *p);
/* At shutdown (workers stopped): every process still in the table is dropped. */
void tr_process_free_all(tr_runtime *rt);

#endif
