/* process.h — the runtime's insides: the process and runtime structures shared by
 * process.c (life and death, links, monitors), sched.c (workers and run queues),
 * mailbox.c (messages and receive), resource.c, module.c. Not for the host layer. */
#ifndef TYCHO_RUNTIME_PROCESS_H
#define TYCHO_RUNTIME_PROCESS_H

#include "lock.h"
#include "runtime.h"
#include "registry.h"
#include "timer.h"

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
enum { TR_WAIT_NONE, TR_WAIT_RECEIVE, TR_WAIT_REPLY, TR_WAIT_SLEEP, TR_WAIT_WASI };

enum { TR_WAIT_INLINE = 2, TR_HOT = 5 };

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
    tr_env *env;                      /* its environment (a reference): the registry */
    tw_wasi_output *output;           /* its stdout/stderr captured there (a reference), or
                                       * NULL; children inherit it */
    tr_end_fn on_end; void *on_end_arg;   /* a top-level process: who hears of its end */
};


#define TR_SHARDS 64

typedef struct {
    pthread_rwlock_t lock;
    tr_process **buckets; uint64_t nbuckets, count;
} tr_shard;

typedef struct { tr_process *head, *tail; } tr_plist;

/* A worker's message structs for reuse (mailbox.c): the ones it freed itself, and the
 * ones it created that other threads freed (returned without a lock, taken back all at
 * once when its own run out). */
enum { TR_MSG_CACHE = 4096 };
typedef struct tr_msg_cache {
    tr_message *free; unsigned n;
    _Atomic(tr_message *) returned; atomic_uint nreturned;
} tr_msg_cache;
void tr_msg_cache_free(tr_msg_cache *c);
/* The current worker's cache (sched.c); NULL outside the workers. */
tr_msg_cache *tr_worker_msg_cache(void);

typedef struct tr_worker {
    tr_runtime *rt;
    unsigned index;
    pthread_t thread;
    tr_mutex lock;
    tr_plist stack, queue;            /* see sched.c */
    atomic_uint len;                  /* processes on both */
    unsigned pops;                    /* own pops: the clock of the fairness rules */
    unsigned aged;                    /* pops at its last aged stack-bottom pop */
    tr_msg_cache msgs;
} tr_worker;

struct tr_runtime {
    tr_options opt;
    unsigned nworkers;
    unsigned nworkers_made;           /* workers[] entries (nworkers drops to 0 when stopped) */
    tr_worker *workers;
    atomic_uint next_worker;          /* round robin for wakes from outside workers */

    pthread_mutex_t idle_lock;
    pthread_cond_t idle_cond;
    atomic_uint sleeping;
    atomic_ulong runnable;
    atomic_bool stopping;

    tr_shard shard[TR_SHARDS];
    atomic_ulong next_pid;
    atomic_ulong next_module_id;
    atomic_ulong alive;

    tr_env *env;                      /* the default environment (id 1) */
    atomic_ulong next_env_id;
    tr_timers *timers;
    struct tr_poller *poller;

    bool started;                     /* workers running (tr_runtime_start) */
    /* the root process's end (tr_runtime_run) */
    pthread_mutex_t done_lock;
    pthread_cond_t done_cond;
    bool root_done;
    int exit_code;
    tw_val *results; uint32_t nresults;   /* what the root's entry returned */

    struct tr_metrics *metrics;

    /* Preopened directories, opened once and shared by every process's WASI context. */
    pthread_mutex_t dirs_lock;
    struct { char *path; int fd; } *dirfds;
    uint32_t ndirfds;
};

/* environment.c */
tr_env *tr_env_new(tr_runtime *rt);
void tr_env_ref(tr_env *e);
void tr_env_unref(tr_env *e);

/* process.c */
void tr_dirfds_close(tr_runtime *rt);
/* At shutdown (workers stopped): every process still in the table is dropped. */
void tr_process_free_all(tr_runtime *rt);
tr_process *tr_lookup(tr_runtime *rt, uint64_t id);    /* +1 ref, NULL if not alive */
void tr_process_unref(tr_process *p);
/* p received the ProcessDied of `other`: no longer monitoring it. */
void tr_forget_monitored(tr_process *p, uint64_t other);
/* Ends p (the worker running it calls this): unlinks, notifies links and monitors,
 * frees its resources. msg: the failure message (for --log-failures and a top-level
 * process's report). */
void tr_process_die(tr_process *p, int reason, const char *msg, const char *backtrace);
/* Makes p runnable if it is waiting; if it is running, remembers the event. Lock held. */
void tr_wake_locked(tr_process *p);
void tr_wake(tr_process *p);

/* sched.c */
bool tr_sched_start(tr_runtime *rt, char *err, size_t errlen);
void tr_sched_stop(tr_runtime *rt);
void tr_enqueue(tr_runtime *rt, tr_process *p);
void tr_enqueue_spawned(tr_runtime *rt, tr_process *p);
/* Runs p for one slice (the worker's loop calls it). */
void tr_run_slice(tr_process *p);

/* mailbox.c */
void tr_mailbox_push_locked(tr_process *p, tr_message *m);   /* wakes p if it matches */
void tr_mailbox_init(tr_process *p);
void tr_mailbox_free(tr_process *p);
tr_message *tr_message_signal(int kind, int64_t tag, uint64_t pid);

/* resource.c */
void tr_tables_free(tr_process *p);

/* module.c: imports for an instance of m under config c (denied ones trap). */
bool tr_module_imports(tr_module *m, const tr_config *c, tw_extern *out, char *err, size_t errlen);
uint32_t tr_module_nimports(const tr_module *m);

/* poller.c: fds a WASI call waits for. */
struct tr_poller *tr_poller_new(tr_runtime *rt);
void tr_poller_free(struct tr_poller *pl);
bool tr_poller_watch(struct tr_poller *pl, tr_process *p, const struct pollfd *fds, uint32_t n);

/* metrics.c */
void tr_metrics_print(tr_runtime *rt);
void tr_metrics_free(tr_runtime *rt);

#endif
