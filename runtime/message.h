/* message.h — messages as the runtime holds them (message.c): the data, the attached
 * resources, the link a mailbox queues them by, and the per-worker caches that recycle
 * their structs. The host layer sees messages only through runtime.h's accessors. */
#ifndef TYCHO_RUNTIME_MESSAGE_H
#define TYCHO_RUNTIME_MESSAGE_H

#include <stdatomic.h>

#include "runtime.h"
#include "tunables.h"

/* The link of a message in a mailbox queue (mailbox.c). */
typedef struct tr_mqnode { _Atomic(struct tr_mqnode *) next; } tr_mqnode;

/* A resource attached to a message (push_module, ...): NULL once taken. */
typedef struct { int kind; void *ptr; } tr_attached;

struct tr_message {
    tr_mqnode link;           /* first: the queue's nodes are messages (or its stub) */
    tr_message *next;
    int kind;                 /* TR_MSG_* */
    uint32_t hint;            /* create_data's capacity hint, used at the first growth */
    int64_t tag;
    uint64_t pid;             /* LINK_DIED / PROCESS_DIED: who died */
    uint8_t *data; size_t len, cap, cursor;
    tr_attached *res; uint32_t nres, capres;
    struct tr_msg_cache *origin;   /* the worker cache it came from (NULL: malloc) */
    uint8_t inline_data[TR_MSG_INLINE];
};

/* A worker's message structs for reuse: the ones it freed itself, and the ones it
 * created that other threads freed (returned without a lock, taken back all at once when
 * its own run out). */
typedef struct tr_msg_cache {
    tr_message *free; unsigned n;
    _Atomic(tr_message *) returned; atomic_uint nreturned;
} tr_msg_cache;
void tr_msg_cache_free(tr_msg_cache *c);

/* A LinkDied or ProcessDied message. */
tr_message *tr_message_signal(int kind, int64_t tag, uint64_t pid);

#endif
