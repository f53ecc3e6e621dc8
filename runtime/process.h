/* process.h — a process as the runtime holds it (struct tr_process), its environment,
 * and its life and death (process.c, environment.c). Not for the host layer. */
#ifndef TYCHO_RUNTIME_PROCESS_H
#define TYCHO_RUNTIME_PROCESS_H

#include "lock.h"
#include "message.h"
#include "registry.h"
#include "runtime.h"
#include "tunables.h"

/* An environment (environment.c): a registry and an id, shared by the processes in it. */
typedef struct tr_env {
    atomic_uint refs;
    uint64_t id;
    tr_registry *registry;
} tr_env;

enum { TR_RUNNABLE, TR_RUNNING, TR_WAITING, TR_DONE };
/* Why a process died. */
enum { TR_DEATH_NORMAL, TR_DEATH_FAILURE, TR_DEATH_NOPROC };

typedef struct { uint64_t pid; int64_t tag; } tr_link_entry;

typedef struct {
    void **slot; uint64_t n, cap;     /* ids index slot[]; NULL = dropped */
} tr_table;

/* What a parked process waits for (set by the blocking host call, under the lock). */
/* TR_WAIT_REPLY: send_receive_skip_search, for a message tagged `reply_tag` that arrives
 * after the request: the sender hands it over in `reply` without queueing it. */
/* TR_WAIT_IO: a socket, the resolver or a TLS handshake (net.h). */
enum { TR_WAIT_NONE, TR_WAIT_RECEIVE, TR_WAIT_REPLY, TR_WAIT_SLEEP, TR_WAIT_WASI, TR_WAIT_IO };

/* A process parked on a socket (net.h): in sock->waiters under sock->lock. */
struct tr_sockwait {
    struct tr_sockwait *next, **pprev;
    struct tr_sockwait *wake_next;        /* the epoll thread's list of ones to wake */
    tr_process *p;
    tr_sock *sock;                        /* linked into it, or NULL */
};
struct tr_io_op;

/* The first two cache lines hold what a sender touches: the lookup (id, refs, hnext),
 * the mailbox queue's tail and `receiving`, the lock, state and what to prefetch. */
struct tr_process {
    uint64_t id;
    atomic_uint refs;                 /* the table's reference + lookups in flight */
    atomic_bool receiving;            /* waits in a receive: a sender locks, maybe wakes */
    atomic_bool gone;                 /* dead: off the table (senders that kept it drop) */
    tr_process *hnext;                /* process table chain */
    /* The mailbox queue (mailbox.c): senders append to it without a lock. */
    _Atomic(tr_mqnode *) mq_tail;
    tr_runtime *rt;
    tr_process *qnext, *qprev;        /* run stack or queue */
    unsigned qstamp;                  /* its worker's pops when it was queued */

    tr_mutex lock;                    /* guards everything down to the next comment */
    int state;
    int wait;                         /* TR_WAIT_* (written by the process itself) */
    uint32_t wait_ntags;              /* ditto: the tags it waits for (in wait_tags_inline */
    int64_t *wait_tags;               /* up to TR_WAIT_INLINE of them) */
    bool wake_pending;                /* an event arrived while RUNNING */
    bool killed;                      /* kill, or a linked process failed */
    bool trap_exits;                  /* die_when_link_dies(0) */
    bool timed_out;
    uint32_t wait_tags_cap;           /* of a malloc'd wait_tags */
    int64_t wait_tags_inline[TR_WAIT_INLINE];
    const void *hot[TR_HOT];          /* parked: what resuming it reads first (prefetched
                                       * by the process that wakes it); the last: wait_hot */
    uint64_t killed_by_link;          /* killed because this linked process failed (0: kill) */
    int64_t reply_tag;                /* TR_WAIT_REPLY: the tag it waits for */
    tr_message *reply;                /* TR_WAIT_REPLY: the reply, handed over by its sender */
    tr_link_entry *links; uint32_t nlinks, caplinks;
    uint64_t *monitors; uint32_t nmonitors, capmonitors;   /* who monitors me */
    bool has_names;                   /* registered in the registry at least once */

    /* The mailbox (mailbox.c), the rest: only the process itself (or its death) takes
     * messages off the queue, into `mb_*` the ones a selective receive passed over. */
    tr_mqnode *mq_head;
    tr_mqnode mq_stub;
    tr_message *mb_head, *mb_tail;

    /* The process's own; only the worker running it touches these. */
    tw_instance *inst;
    tr_module *module;
    tr_config *config;
    tw_wasi *wasi;
    tw_func *entry;
    tw_val *entry_args;
    bool initializing;                /* running the start function */
    bool limited_fuel;
    uint64_t fuel_left;               /* reductions, when limited_fuel */
    uint64_t wait_timer;              /* timer id of the current wait, 0 = none */
    bool in_wait;                     /* the blocking host call was issued before */
    const void *wait_hot;             /* guest data that call reads again when re-issued */
    uint64_t to_pid; tr_process *to;  /* the last process it sent to, with a reference */
    uint64_t wait_deadline;
    uint64_t *monitoring; uint32_t nmonitoring, capmonitoring;   /* whom I monitor */
    tr_message *scratch;
    tr_table tabs[TR_NTABS];
    struct tr_sockwait sockwait;      /* parked on a socket (net.h) */
    struct tr_io_op *io_op;           /* a networking call's state across re-issues */
    tr_env *env;                      /* its environment (a reference): the registry */
    tw_wasi_output *output;           /* its stdout/stderr captured there (a reference), or
                                       * NULL; children inherit it */
    tr_end_fn on_end; void *on_end_arg;   /* a top-level process: who hears of its end */
};


/* process.c */
/* Ends p (the worker running it calls this): unlinks, notifies links and monitors,
 * frees its resources. msg: the failure message (for --log-failures and a top-level
 * process's report). */
void tr_process_die(tr_process *p, int reason, const char *msg, const char *backtrace);
/* Frees what is left of p (its last reference went: ptable.c). */
void tr_process_free(tr_process *p);

/* environment.c */
tr_env *tr_env_new(tr_runtime *rt);
void tr_env_ref(tr_env *e);
void tr_env_unref(tr_env *e);

#endif
