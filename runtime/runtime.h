/* runtime.h — processes, the scheduler, messages, links and monitors, configs, modules and
 * per-process resources: the whole interface of tycho's runtime layer.
 *
 * A process is a WebAssembly instance plus a mailbox, links, monitors, a config and
 * resource tables, identified by a u64 id that is never reused. Processes run on a few
 * worker threads (tr_runtime_new's `workers`), each owning a run queue; idle workers steal.
 * A process runs for a fuel slice, then goes to the back of a queue; when a host call
 * must wait (receive, sleep, a WASI read) it returns TW_HOST_BLOCK after registering
 * what wakes it, the worker parks the process and goes on with another one.
 *
 * Locking: each process has one mutex guarding its mailbox, state, links and monitors.
 * Everything else of a process (scratch message, resource tables, config) is touched only
 * by the process itself, i.e. by the one worker running it, without a lock.
 *
 * The host layer (host/) calls these functions from host functions; it finds the calling
 * process with tr_current(hc). Nothing here knows the guest ABI's encodings.
 */
#ifndef TYCHO_RUNTIME_H
#define TYCHO_RUNTIME_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../engine/engine.h"
#include "../engine/hostcall.h"
#include "../wasi/wasi.h"

typedef struct tr_runtime tr_runtime;
typedef struct tr_process tr_process;
typedef struct tr_module tr_module;
typedef struct tr_config tr_config;
typedef struct tr_message tr_message;

/* Lunatic's receive results and timeout code. */
enum { TR_RECV_DATA = 0, TR_RECV_LINK_DIED = 1, TR_RECV_PROCESS_DIED = 2, TR_TIMEOUT = 9027 };

/* Fuel: Lunatic's config_set_max_fuel(n) counts units of ~100,000 instructions; here a
 * unit is 100,000 reductions (function entries + loop back-edges). */
#define TR_FUEL_UNIT 100000u

/* ---- configs --------------------------------------------------------------------- */

/* A config is what a process may do: limits, permission flags, allowed host namespaces,
 * and the WASI world (args, environment, preopened directories) of processes spawned with
 * it. The runtime copies a config at spawn, intersected with the parent's. Opaque: read
 * and changed through these functions. */
/* Results of the runtime's entry points that check a capability: the caller lacks it. */
enum { TR_EPERM = -1 };

tr_config *tr_config_new(void);       /* Lunatic's create_config: nothing allowed */
/* create_config for process p: 0 (*out a new config), TR_EPERM (p may not create
 * configs), 1 (out of memory). */
int tr_config_create(tr_process *p, tr_config **out);
tr_config *tr_config_clone(const tr_config *c);
void tr_config_free(tr_config *c);    /* drops one reference */
bool tr_config_add_ns(tr_config *c, const char *prefix, size_t len);
/* Denies the host functions whose "module::name" starts with prefix, whatever else the
 * config allows; children inherit the denial (tycho run --deny-net). */
bool tr_config_deny_ns(tr_config *c, const char *prefix, size_t len);
bool tr_config_add_arg(tr_config *c, const char *s, size_t len);
bool tr_config_add_env(tr_config *c, const char *k, size_t klen, const char *v, size_t vlen);
bool tr_config_add_dir(tr_config *c, const char *host, const char *guest);
/* Its limits and permission flags (flags: 0 or 1; setting one: any non-zero is 1). */
typedef enum {
    TR_CFG_MAX_MEMORY,            /* bytes; Lunatic's default is 4 GiB (u32::MAX) */
    TR_CFG_MAX_FUEL,              /* units of TR_FUEL_UNIT; 0 = unlimited */
    TR_CFG_CAN_COMPILE, TR_CFG_CAN_CREATE_CONFIGS, TR_CFG_CAN_SPAWN,
} tr_config_field;
uint64_t tr_config_get(const tr_config *c, tr_config_field f);
void tr_config_set(tr_config *c, tr_config_field f, uint64_t v);
/* True if the qualified import name is allowed by c's namespace lists. */
bool tr_config_allows(const tr_config *c, const char *qualified);
/* What a child gets: `want` intersected with the parent's config (limits, flags and
 * namespaces; preopens must lie inside the parent's). NULL with a message otherwise.
 * When want is the parent's own config, that config itself, with one more reference
 * (it must then not be changed). */
tr_config *tr_config_intersect(const tr_config *parent, const tr_config *want, char *err,
                               size_t errlen);

/* ---- modules --------------------------------------------------------------------- */

/* A compiled module with its imports resolved against the host functions: shared by every
 * process running it, refcounted. */
tr_module *tr_module_compile(tr_runtime *rt, const uint8_t *bytes, size_t len, char *err,
                             size_t errlen);
/* compile_module for process p: 0 (*out the module), 1 (a message in err: not valid,
 * out of memory), TR_EPERM (p may not compile modules). */
int tr_process_compile(tr_process *p, const uint8_t *bytes, size_t len, tr_module **out,
                       char *err, size_t errlen);
void tr_module_ref(tr_module *m);
void tr_module_unref(tr_module *m);
tw_module *tr_module_engine(const tr_module *m);
/* The module's id, unique in the runtime (from 1, in the order modules are compiled):
 * lunatic::distributed::module_id. */
uint64_t tr_module_id(const tr_module *m);

/* ---- the runtime ------------------------------------------------------------------ */

typedef struct {
    /* The host functions guests link against: namespace tables (engine/hostcall.h), a
     * NULL-ended list (host/'s Lunatic namespaces, wasi/'s tw_wasi_namespace, ...). */
    const tw_hostdef *const *namespaces;
    unsigned workers;         /* 0 = one per online CPU */
    uint64_t max_processes;   /* 0 = unlimited */
    bool metrics;             /* print lunatic::metrics figures at exit */
    bool log_failures;        /* one stderr line per failing process (not top-level ones:
                                 their end is reported to whoever spawned them) */
} tr_options;

tr_runtime *tr_runtime_new(const tr_options *opt, char *err, size_t errlen);
/* Spawn parameters (decoded from the guest's 17-byte records, or the command line). */
typedef struct { uint8_t type; tw_val v; } tr_param;

/* Spawns the root process: `entry` of m with params, every permission flag and the WASI
 * world of cfg; runs until the root process ends; returns its exit code (0 normal, the
 * proc_exit code, or 134 after a failure, whose message and backtrace went to stderr).
 * Other processes still alive are then stopped. After a normal end, what entry returned
 * is in tr_runtime_results. */
int tr_runtime_run(tr_runtime *rt, tr_module *m, const char *entry, const tr_param *params,
                   uint32_t nparams, const tr_config *cfg);
const tw_val *tr_runtime_results(const tr_runtime *rt, uint32_t *n);
void tr_runtime_free(tr_runtime *rt);

/* Top-level processes, for a driver of its own (the test mode): start the workers, spawn
 * any number of processes like the root (each told apart by its tr_top), learn of each
 * one's end through its callback, stop. tr_runtime_run is this with one process. */
typedef struct {
    bool failed;              /* a failure: a trap, a kill, proc_exit with a non-zero code */
    bool exited; int exit_code;   /* it called proc_exit (with exit_code) */
    const char *message;      /* a failure's reason, or NULL */
    const char *backtrace;    /* a trap's backtrace, or NULL */
    const tw_val *results;    /* a normal end: what the entry returned (nresults values) */
    uint32_t nresults;
} tr_end;
/* Called once, on the worker where the process ended; must not block. */
typedef void (*tr_end_fn)(void *arg, uint64_t pid, const tr_end *end);
typedef struct {
    tw_wasi_output *output;   /* its stdout/stderr go there (and its children's); NULL: ours */
    bool own_environment;     /* a registry (and environment id) of its own */
    tr_end_fn on_end; void *arg;
} tr_top;
bool tr_runtime_start(tr_runtime *rt, char *err, size_t errlen);
/* `entry` of m with params, every permission flag and cfg's WASI world. 0 (*pid set),
 * else 1 with a one-line message in err. */
int tr_spawn_top(tr_runtime *rt, tr_module *m, const char *entry, const tr_param *params,
                 uint32_t nparams, const tr_config *cfg, const tr_top *top, uint64_t *pid,
                 char *err, size_t errlen);
/* Stops the workers; processes still alive are dropped by tr_runtime_free. */
void tr_runtime_stop(tr_runtime *rt);

/* ---- processes (for the host layer) ---------------------------------------------- */

/* The process whose instance made the host call. */
static inline tr_process *tr_current(const tw_hostcall *hc) {
    return (tr_process *)tw_instance_user(hc->instance);
}
uint64_t tr_process_id(const tr_process *p);
tr_runtime *tr_process_runtime(const tr_process *p);
tr_config *tr_process_config(tr_process *p);       /* its own (a snapshot; don't free) */
tr_module *tr_process_module(tr_process *p);
tw_wasi *tr_process_wasi(tr_process *p);
bool tr_process_initializing(const tr_process *p); /* still in the start function */


/* Spawns `func` of m with cfg (intersected with the parent's) and params. link != 0
 * links the child to parent with that tag. 0 ok (*id set); TR_EPERM when the parent may
 * not spawn processes; otherwise 1 and a one-line message in err. */
int tr_spawn(tr_process *parent, int64_t link, const tr_config *cfg, tr_module *m,
             const char *func, const tr_param *params, uint32_t nparams, uint64_t *id,
             char *err, size_t errlen);

bool tr_exists(tr_runtime *rt, uint64_t id);
void tr_kill(tr_runtime *rt, uint64_t id);
void tr_link(tr_process *p, int64_t tag, uint64_t other);
void tr_unlink(tr_process *p, uint64_t other);
void tr_monitor(tr_process *p, uint64_t other);
void tr_stop_monitoring(tr_process *p, uint64_t other);
void tr_die_when_link_dies(tr_process *p, bool die);

/* ---- messages --------------------------------------------------------------------- */

enum { TR_MSG_DATA = 0, TR_MSG_LINK_DIED = 1, TR_MSG_PROCESS_DIED = 2 };
/* Kinds of resources attached to messages. */
enum { TR_RES_MODULE = 1, TR_RES_TCP_STREAM, TR_RES_TLS_STREAM, TR_RES_UDP_SOCKET };

/* A message: a tag, bytes with a read cursor, attached resources; or a LinkDied /
 * ProcessDied signal. Opaque: built and read through these functions. Data up to
 * TR_MSG_INLINE bytes (tunables.h) lives inside the message; freed messages are kept by
 * the worker that freed them for its next ones (message.c). */
tr_message *tr_message_new(int64_t tag, size_t capacity);
void tr_message_free(tr_message *m);
bool tr_message_write(tr_message *m, const void *src, size_t len);
/* Attaches a resource; returns its index, or -1 on OOM. */
int64_t tr_message_attach(tr_message *m, int kind, void *ptr);
/* The resource of that kind at index (taken: the slot is emptied), or NULL. */
void *tr_message_take_resource(tr_message *m, uint64_t index, int kind);
int tr_message_kind(const tr_message *m);             /* TR_MSG_* */
int64_t tr_message_tag(const tr_message *m);          /* 0: untagged (signals: the link's) */
uint64_t tr_message_pid(const tr_message *m);         /* a signal's dead process, else 0 */
size_t tr_message_size(const tr_message *m);          /* data bytes */
/* Copies up to n bytes from the read cursor to dst and advances it; returns how many. */
size_t tr_message_read(tr_message *m, void *dst, size_t n);
void tr_message_seek(tr_message *m, uint64_t index);  /* the cursor (clamped to the size) */

/* The scratch area: the message being built or the one just received. */
tr_message *tr_scratch(tr_process *p);
void tr_scratch_set(tr_process *p, tr_message *m);   /* frees the previous one */
tr_message *tr_scratch_take(tr_process *p);

/* Delivers m to process `to` (takes ownership; dropped if `to` is not alive). */
void tr_send(tr_runtime *rt, uint64_t to, tr_message *m);
/* The same, from a process's own send (faster for a conversation with one peer). */
void tr_send_from(tr_process *self, uint64_t to, tr_message *m);

/* Host-call side of receive: call from the host function, same arguments on every
 * re-issue. Returns TW_HOST_OK with *code set (a TR_RECV_* or TR_TIMEOUT; the message is
 * then in the scratch area), or TW_HOST_BLOCK. tags NULL/ntags 0 = any message.
 * timeout_ms UINT64_MAX = none. */
/* A blocked host call will read `addr` (guest data) again when re-issued: the process
 * that wakes this one prefetches it. Only a hint. */
void tr_wait_hint(tw_hostcall *hc, const void *addr);
tw_host_status tr_receive(tw_hostcall *hc, const int64_t *tags, uint32_t ntags,
                          uint64_t timeout_ms, int *code);
/* send_receive_skip_search: sends the scratch message to `to` (first issue only), then
 * waits for the first message tagged `tag` that arrives after the send began. */
tw_host_status tr_send_receive(tw_hostcall *hc, uint64_t to, int64_t tag, uint64_t timeout_ms,
                               int *code);
/* sleep_ms: TW_HOST_BLOCK until the time has passed, then TW_HOST_OK. */
tw_host_status tr_sleep(tw_hostcall *hc, uint64_t ms);
/* timer::send_after / cancel_timer; the timer is a resource of p. */
uint64_t tr_send_after(tr_process *p, uint64_t to, uint64_t delay_ms, tr_message *m);
bool tr_cancel_timer(tr_process *p, uint64_t timer_id);

/* ---- nodes (node.c): lunatic::distributed ------------------------------------------- */

/* This runtime is one node: its id (0: not distributed), and the other nodes it knows
 * (none yet: copies nothing, returns 0). */
uint64_t tr_node_id(const tr_runtime *rt);
uint32_t tr_nodes(const tr_runtime *rt, uint64_t *out, uint32_t max);
enum { TR_NODE_NOT_FOUND = 1, TR_NODE_NO_MODULE = 2 };
/* Sends m (taken) to process pid of `node`: this node's own id delivers it as
 * tr_send_from does. 0, or TR_NODE_NOT_FOUND (m dropped). */
int tr_node_send(tr_process *self, uint64_t node, uint64_t pid, tr_message *m);
/* Spawns func of the module with runtime-wide id module_id on `node` (no link). 0 (*id
 * set), or TR_NODE_NOT_FOUND / TR_NODE_NO_MODULE with a message in err (a spawn that
 * fails on the node: TR_NODE_NOT_FOUND with its reason), or TR_EPERM. */
int tr_node_spawn(tr_process *parent, uint64_t node, const tr_config *cfg, uint64_t module_id,
                  const char *func, const tr_param *params, uint32_t nparams, uint64_t *id,
                  char *err, size_t errlen);
/* exec_lookup_nodes: the nodes matching a query, kept as a resource of p until their
 * ids are copied out; *count is how many. UINT64_MAX on OOM. */
typedef struct tr_node_query tr_node_query;
uint64_t tr_node_lookup(tr_process *p, const char *query, size_t len, uint32_t *count);
/* Copies up to max node ids of the query (and forgets it); -1 if the id is unknown. */
int64_t tr_node_lookup_results(tr_process *p, uint64_t query, uint64_t *out, uint32_t max);

/* ---- networking (socket.c, netpoll.c, dns.c, tls.c): lunatic::networking ------------
 * Sockets are shared by their handles: each handle in a process's table holds one
 * reference (clone = one more; a message carrying one holds one). Calls that can wait
 * take the host call and return TW_HOST_BLOCK (the process is parked until its socket,
 * the resolver or its timeout wakes it; call again with the same arguments) or TW_HOST_OK
 * with *code: 0 done, 1 failed (a one-line message in err, e.g. "Connection refused (os
 * error 111)"), TR_TIMEOUT, or TR_NET_FATAL (a failed TLS handshake: the ABI traps). */
typedef struct tr_sock tr_sock;
typedef struct tr_dns tr_dns;
typedef struct {
    uint8_t family;           /* 4 or 6 */
    uint8_t ip[16];           /* 4 bytes used for IPv4 */
    uint16_t port;
    uint32_t flowinfo, scope_id;
} tr_addr;
enum { TR_SOCK_TCP_LISTENER, TR_SOCK_TCP, TR_SOCK_UDP, TR_SOCK_TLS_LISTENER, TR_SOCK_TLS };
enum { TR_TIMEOUT_READ, TR_TIMEOUT_WRITE, TR_TIMEOUT_PEEK };
enum { TR_NET_FATAL = 2 };

tr_sock *tr_sock_ref(tr_sock *s);
void tr_sock_unref(tr_sock *s);
int tr_sock_kind(const tr_sock *s);
uint64_t tr_sock_timeout(tr_sock *s, int which);          /* ms, UINT64_MAX = none */
void tr_sock_set_timeout(tr_sock *s, int which, uint64_t ms);
/* A bound TCP listener or UDP socket (kind TR_SOCK_TCP_LISTENER / TR_SOCK_UDP): 0 or 1. */
int tr_sock_bind(tr_process *p, int kind, const tr_addr *a, tr_sock **out, char *err,
                 size_t errlen);
int tr_sock_local_addr(tr_sock *s, tr_addr *out, char *err, size_t errlen);
/* 0, 1 (error), or 3 when the socket is not connected. */
int tr_sock_peer_addr(tr_sock *s, tr_addr *out, char *err, size_t errlen);
tw_host_status tr_tcp_accept(tw_hostcall *hc, tr_sock *l, tr_sock **out, tr_addr *peer, int *code,
                             char *err, size_t errlen);
tw_host_status tr_tcp_connect(tw_hostcall *hc, const tr_addr *a, uint64_t timeout_ms,
                              tr_sock **out, int *code, char *err, size_t errlen);
/* TCP or TLS stream: reads (or peeks, TCP) up to len bytes; *got 0 = the peer closed. */
tw_host_status tr_stream_read(tw_hostcall *hc, tr_sock *s, void *buf, size_t len, bool peek,
                              uint64_t *got, int *code, char *err, size_t errlen);
/* TCP or TLS stream: one write of the buffers (may be short). */
struct iovec;
tw_host_status tr_stream_write(tw_hostcall *hc, tr_sock *s, const struct iovec *iov, int n,
                               uint64_t *wrote, int *code, char *err, size_t errlen);
int tr_udp_connect(tr_sock *s, const tr_addr *a, char *err, size_t errlen);
/* to NULL: the connected peer. */
tw_host_status tr_udp_send(tw_hostcall *hc, tr_sock *s, const void *buf, size_t len,
                           const tr_addr *to, uint64_t *sent, int *code, char *err, size_t errlen);
/* from NULL: not wanted. A datagram longer than len is cut to len. */
tw_host_status tr_udp_recv(tw_hostcall *hc, tr_sock *s, void *buf, size_t len, uint64_t *got,
                           tr_addr *from, int *code, char *err, size_t errlen);
bool tr_udp_broadcast(tr_sock *s);
void tr_udp_set_broadcast(tr_sock *s, bool on);
uint32_t tr_udp_ttl(tr_sock *s);
void tr_udp_set_ttl(tr_sock *s, uint32_t ttl);
/* A TLS listener: PEM certificate chain and private key. 0 or 1. */
int tr_tls_bind(tr_process *p, const tr_addr *a, const char *cert, size_t cert_len,
                const char *key, size_t key_len, tr_sock **out, char *err, size_t errlen);
tw_host_status tr_tls_accept(tw_hostcall *hc, tr_sock *l, tr_sock **out, tr_addr *peer, int *code,
                             char *err, size_t errlen);
/* Connects to host:port (a name or an address), verifies the server's certificate for
 * host against the n PEM CA certificates (n == 0: the system's store). */
tw_host_status tr_tls_connect(tw_hostcall *hc, const char *host, uint16_t port, uint64_t timeout_ms,
                              const char *const *cas, const size_t *ca_lens, uint32_t n,
                              tr_sock **out, int *code, char *err, size_t errlen);
/* DNS: "host:port" (IPv6 literals in brackets) resolved off the workers. */
tw_host_status tr_resolve(tw_hostcall *hc, const char *name, size_t len, uint64_t timeout_ms,
                          tr_dns **out, int *code, char *err, size_t errlen);
tr_dns *tr_dns_one(const tr_addr *a);                     /* NULL on OOM */
bool tr_dns_next(tr_dns *d, tr_addr *out);                /* false: exhausted */
void tr_dns_free(tr_dns *d);

/* ---- per-process resource tables ---------------------------------------------------- */

/* One table per kind; ids start at 0 and are never reused. The table owns the objects:
 * dropping (or the process dying) frees them with the kind's destructor. */
enum { TR_TAB_CONFIG, TR_TAB_MODULE, TR_TAB_ERROR, TR_TAB_TIMER, TR_TAB_NODE_QUERY, TR_TAB_DNS,
       TR_TAB_TCP_LISTENER, TR_TAB_TCP_STREAM, TR_TAB_TLS_LISTENER, TR_TAB_TLS_STREAM,
       TR_TAB_UDP_SOCKET, TR_NTABS };
uint64_t tr_res_add(tr_process *p, int table, void *obj);   /* UINT64_MAX on OOM */
void *tr_res_get(tr_process *p, int table, uint64_t id);    /* NULL if unknown */
void *tr_res_take(tr_process *p, int table, uint64_t id);   /* removes without freeing */
bool tr_res_drop(tr_process *p, int table, uint64_t id);    /* false if unknown */
/* An error resource holding a copy of msg. */
uint64_t tr_error_new(tr_process *p, const char *msg);

/* ---- registry (runtime/registry.h), environments and metrics ---------------------- */
/* The registry of p's environment, and the environment's id (environment.c). */
struct tr_registry *tr_process_registry(tr_process *p);
uint64_t tr_process_environment(const tr_process *p);
/* `by` put a name for process pid into its registry: pid's death removes it (if pid is
 * gone already, at once). */
void tr_process_registered(tr_process *by, uint64_t pid);
void tr_metric(tr_runtime *rt, int kind, const char *name, size_t len, double v);
enum { TR_METRIC_COUNTER, TR_METRIC_INC_COUNTER, TR_METRIC_GAUGE, TR_METRIC_INC_GAUGE,
       TR_METRIC_DEC_GAUGE, TR_METRIC_HISTOGRAM };

#endif
