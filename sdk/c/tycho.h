/* tycho.h — the C guest SDK for tycho (and Lunatic v0.13): processes, messages, tags,
 * request/reply, configs, the registry, a one-for-one supervisor, timers and trap catching.
 *
 * Build guests with  clang-19 --target=wasm32-wasi -O2 -Isdk/c prog.c build/sdk/libtycho.a
 * (see sdk/c/README.md). The header has two layers:
 *
 *  1. RAW IMPORTS. Every host function of the guest ABI (docs: lunatic-abi.md, Appendix A)
 *     in the namespaces process, message, timer, registry, error, version, trap, wasi and
 *     metrics, plus the tycho:: extensions. Naming scheme: import `<ns>::<sub>::<name>` is
 *     the C function `<ns>_<sub>_<name>`, e.g. `lunatic::process::spawn` ->
 *     lunatic_process_spawn, `lunatic::error::drop` -> lunatic_error_drop,
 *     `tycho::registry::put_versioned` -> tycho_registry_put_versioned. The C types give
 *     exactly the wasm types of the ABI: int64_t/uint64_t = i64, int32_t/uint32_t = i32,
 *     double = f64, and every pointer is an i32 (wasm32). Signedness follows the Rust
 *     host side (u64 -> uint64_t, i64 -> int64_t). lunatic::networking (TCP, UDP, DNS,
 *     TLS) is in tycho_net.h with its wrappers; not declared: lunatic::sqlite, and the
 *     control server's certificate helpers of lunatic::distributed. Every function of
 *     lunatic::message is, including push/take of TCP/TLS streams and UDP sockets.
 *     Declaring costs nothing: a module imports only the functions it calls.
 *
 *  2. TYPED WRAPPERS, prefix ty_. Conventions:
 *     - int results: 0 (TY_OK) = success; negative TY_E* = failure, with a text in
 *       ty_last_error(); TY_TIMEOUT (9027) = timed out. A few return positive
 *       informational codes (documented at the function).
 *     - Host errors (the ABI's "1 + error id" results) are turned into text at once and
 *       the error resource is dropped: no error handle ever leaks to the caller.
 *     - Every process has its own memory, so the library's state (last error, request
 *       counter) is per process; there are no threads inside a process.
 *
 * MESSAGES. A process has ONE message scratch area (lunatic-abi.md §2): the message being
 * built, or the one just received. ty_msg_begin() discards whatever was there; ty_send()
 * consumes it (so do ty_send_after and ty_send_raw); ty_receive() replaces it.
 * ty_request, ty_reply, ty_send_raw and ty_supervisor_child/stop build (ty_request also
 * receives) messages of their own, replacing its content: read what you need from a
 * received message first. ty_spawn*, the registry, configs and ty_catch leave it alone.
 *
 * VALUE ENCODING written by ty_msg_* and read by ty_read_*: little-endian fixed width;
 * u8/i32/u32 = 1/4/4 bytes, i64/u64/f64 = 8 bytes, bytes/str = u64 length + the bytes
 * (no NUL). This is bincode 1.x's default (fixint, little-endian) encoding of u8, i32,
 * u32, i64, u64, f64, Vec<u8> and String, the default serializer of lunatic-rs, so a C
 * process can talk to a Rust one for such types.
 *
 * TAGS. A tag is a non-zero i64 put on a message (0 = untagged) or on a link. Selective
 * receive by tag never returns untagged messages. The SDK reserves two ranges, so
 * applications should use tags in 1 .. 0x7478ffffffffffff:
 *     negative tags (top bit set)     reply tags of ty_request (unique per request)
 *     0x7479000000000000 and above    the supervisor's control and child-link tags
 *
 * REQUEST/REPLY wire layout (ty_request / ty_read_request / ty_reply):
 *     request message: tag = the server's request tag (chosen by the application),
 *                      data = [u64 reply_pid LE][i64 reply_tag LE][payload bytes]
 *     reply message:   tag = reply_tag, data = [reply payload bytes] (raw, no header)
 * The client sends with lunatic::message::send_receive_skip_search, which waits only for a
 * NEW message with the reply tag: the rest of the mailbox is neither scanned nor consumed.
 * reply_tag is fresh for every request (top bit set | 31 bits of the client's pid << 32 |
 * a 32-bit per-process counter), so a reply that arrives after its request timed out stays
 * in the mailbox, where no tag-selective receive will ever match it (a receive of "any
 * message" will).
 *
 * SPAWN CONVENTION. In wasm32 a C function pointer is its index in the module's function
 * table, and every process runs its own instance of the same module (the same table).
 * ty_spawn(fn, arg) therefore spawns the export "_tycho_spawn_trampoline" (defined by this
 * library) with the params (i32 fn, i64 arg); the trampoline calls fn(arg) in the new
 * process. The new process starts with the module's initial data (static variables are
 * NOT shared with the parent): pass what the child needs through `arg` (an integer, an
 * index into a static const table, ...) or send it as a first message. Spawn params are
 * 17-byte records: byte 0 = 0x7F (i32) / 0x7E (i64), bytes 1..16 = the value as a
 * sign-extended u128, little-endian (ty_param_i32/ty_param_i64 build them). A process
 * entry returning normally dies with reason Normal; a trap (abort(), __builtin_trap(),
 * out-of-bounds, ...) dies with Failure, which kills linked processes unless they trap
 * link deaths (ty_die_when_link_dies(0)).
 *
 * TOOLCHAIN NOTE (wasm-ld command modules): in a module with a main() (a "command"),
 * wasm-ld wraps every export other than _start so that it runs the static constructors
 * (if any) before and __wasm_call_dtors (atexit handlers, stdio flush) after the call.
 * For a process entry (_tycho_spawn_trampoline, or any export spawned by name) that is
 * what you want: a child initialises like main() and flushes stdout when it returns. But
 * the trap::catch entry _lunatic_catch_trap is an export too: see ty_catch.
 */
#ifndef TYCHO_H
#define TYCHO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(__wasm32__)
#error "tycho.h is for wasm32 guests: compile with clang --target=wasm32-wasi"
#endif

#define TY_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* ======================================================================================
 * 1. RAW IMPORTS
 * ==================================================================================== */

/* ---- lunatic::process ---------------------------------------------------------------- */
/* 0 = module id in *id; 1 = error id in *id; -1 = no can_compile_modules permission. */
TY_IMPORT("lunatic::process", "compile_module")
int32_t lunatic_process_compile_module(const void *wasm, uint32_t wasm_len, uint64_t *id);
TY_IMPORT("lunatic::process", "drop_module")
void lunatic_process_drop_module(uint64_t module_id);
/* Config id, or -1 without can_create_configs. */
TY_IMPORT("lunatic::process", "create_config")
int64_t lunatic_process_create_config(void);
TY_IMPORT("lunatic::process", "drop_config")
void lunatic_process_drop_config(uint64_t config_id);
TY_IMPORT("lunatic::process", "config_set_max_memory")
void lunatic_process_config_set_max_memory(uint64_t config_id, uint64_t max_memory);
TY_IMPORT("lunatic::process", "config_get_max_memory")
uint64_t lunatic_process_config_get_max_memory(uint64_t config_id);
TY_IMPORT("lunatic::process", "config_set_max_fuel")
void lunatic_process_config_set_max_fuel(uint64_t config_id, uint64_t max_fuel);
TY_IMPORT("lunatic::process", "config_get_max_fuel")
uint64_t lunatic_process_config_get_max_fuel(uint64_t config_id);
TY_IMPORT("lunatic::process", "config_can_compile_modules")
int32_t lunatic_process_config_can_compile_modules(uint64_t config_id);
TY_IMPORT("lunatic::process", "config_set_can_compile_modules")
void lunatic_process_config_set_can_compile_modules(uint64_t config_id, uint32_t can);
TY_IMPORT("lunatic::process", "config_can_create_configs")
int32_t lunatic_process_config_can_create_configs(uint64_t config_id);
TY_IMPORT("lunatic::process", "config_set_can_create_configs")
void lunatic_process_config_set_can_create_configs(uint64_t config_id, uint32_t can);
TY_IMPORT("lunatic::process", "config_can_spawn_processes")
int32_t lunatic_process_config_can_spawn_processes(uint64_t config_id);
TY_IMPORT("lunatic::process", "config_set_can_spawn_processes")
void lunatic_process_config_set_can_spawn_processes(uint64_t config_id, uint32_t can);
/* link: 0 = no link, else link tag; config_id/module_id: -1 = the caller's. params: 17-byte
 * records. 0 = process id in *id; 1 = error id in *id. Traps without can_spawn_processes. */
TY_IMPORT("lunatic::process", "spawn")
int32_t lunatic_process_spawn(int64_t link, int64_t config_id, int64_t module_id,
                              const char *func, uint32_t func_len,
                              const void *params, uint32_t params_len, uint64_t *id);
/* 0 = spawned (*node_id, *id); 1 = error id in *id; 2 = name taken, existing (*node_id, *id). */
TY_IMPORT("lunatic::process", "get_or_spawn")
int32_t lunatic_process_get_or_spawn(const char *name, uint32_t name_len, int64_t link,
                                     int64_t config_id, int64_t module_id,
                                     const char *func, uint32_t func_len,
                                     const void *params, uint32_t params_len,
                                     uint64_t *node_id, uint64_t *id);
TY_IMPORT("lunatic::process", "sleep_ms")
void lunatic_process_sleep_ms(uint64_t millis);
TY_IMPORT("lunatic::process", "die_when_link_dies")
void lunatic_process_die_when_link_dies(uint32_t trap);
TY_IMPORT("lunatic::process", "process_id")
uint64_t lunatic_process_process_id(void);
TY_IMPORT("lunatic::process", "environment_id")
uint64_t lunatic_process_environment_id(void);
TY_IMPORT("lunatic::process", "link")
void lunatic_process_link(int64_t tag, uint64_t process_id);
TY_IMPORT("lunatic::process", "unlink")
void lunatic_process_unlink(uint64_t process_id);
TY_IMPORT("lunatic::process", "monitor")
void lunatic_process_monitor(uint64_t process_id);
TY_IMPORT("lunatic::process", "stop_monitoring")
void lunatic_process_stop_monitoring(uint64_t process_id);
TY_IMPORT("lunatic::process", "kill")
void lunatic_process_kill(uint64_t process_id);
TY_IMPORT("lunatic::process", "exists")
int32_t lunatic_process_exists(uint64_t process_id);

/* ---- lunatic::message ---------------------------------------------------------------- */
TY_IMPORT("lunatic::message", "create_data")
void lunatic_message_create_data(int64_t tag, uint64_t buffer_capacity);
TY_IMPORT("lunatic::message", "write_data")
uint32_t lunatic_message_write_data(const void *data, uint32_t len);
TY_IMPORT("lunatic::message", "read_data")
uint32_t lunatic_message_read_data(void *data, uint32_t len);
TY_IMPORT("lunatic::message", "seek_data")
void lunatic_message_seek_data(uint64_t index);
TY_IMPORT("lunatic::message", "get_tag")
int64_t lunatic_message_get_tag(void);
TY_IMPORT("lunatic::message", "get_process_id")
uint64_t lunatic_message_get_process_id(void);
TY_IMPORT("lunatic::message", "data_size")
uint64_t lunatic_message_data_size(void);
TY_IMPORT("lunatic::message", "push_module")
uint64_t lunatic_message_push_module(uint64_t module_id);
TY_IMPORT("lunatic::message", "take_module")
uint64_t lunatic_message_take_module(uint64_t index);
/* Resources of lunatic::networking travelling in messages (moved, not copied). */
TY_IMPORT("lunatic::message", "push_tcp_stream")
uint64_t lunatic_message_push_tcp_stream(uint64_t stream_id);
TY_IMPORT("lunatic::message", "take_tcp_stream")
uint64_t lunatic_message_take_tcp_stream(uint64_t index);
TY_IMPORT("lunatic::message", "push_tls_stream")
uint64_t lunatic_message_push_tls_stream(uint64_t stream_id);
TY_IMPORT("lunatic::message", "take_tls_stream")
uint64_t lunatic_message_take_tls_stream(uint64_t index);
TY_IMPORT("lunatic::message", "push_udp_socket")
uint64_t lunatic_message_push_udp_socket(uint64_t socket_id);
TY_IMPORT("lunatic::message", "take_udp_socket")
uint64_t lunatic_message_take_udp_socket(uint64_t index);
TY_IMPORT("lunatic::message", "send")
int32_t lunatic_message_send(uint64_t process_id);
/* 0 = reply in the scratch area; 9027 = timeout. */
TY_IMPORT("lunatic::message", "send_receive_skip_search")
int32_t lunatic_message_send_receive_skip_search(uint64_t process_id, int64_t wait_on_tag,
                                                 uint64_t timeout_ms);
/* tags: n i64 tags (n == 0: any message). 0 data, 1 link died, 2 process died, 9027 timeout. */
TY_IMPORT("lunatic::message", "receive")
int32_t lunatic_message_receive(const int64_t *tags, uint32_t n, uint64_t timeout_ms);

/* ---- lunatic::timer ------------------------------------------------------------------ */
TY_IMPORT("lunatic::timer", "send_after")
uint64_t lunatic_timer_send_after(uint64_t process_id, uint64_t delay_ms);
/* 1 = found and cancelled; 0 = unknown, fired or already cancelled. */
TY_IMPORT("lunatic::timer", "cancel_timer")
int32_t lunatic_timer_cancel_timer(uint64_t timer_id);

/* ---- lunatic::registry --------------------------------------------------------------- */
TY_IMPORT("lunatic::registry", "put")
void lunatic_registry_put(const char *name, uint32_t name_len, uint64_t node_id,
                          uint64_t process_id);
/* 0 = found (*node_id, *process_id written); 1 = not found. */
TY_IMPORT("lunatic::registry", "get")
int32_t lunatic_registry_get(const char *name, uint32_t name_len, uint64_t *node_id,
                             uint64_t *process_id);
TY_IMPORT("lunatic::registry", "remove")
void lunatic_registry_remove(const char *name, uint32_t name_len);

/* ---- lunatic::error ------------------------------------------------------------------ */
TY_IMPORT("lunatic::error", "string_size")
uint32_t lunatic_error_string_size(uint64_t error_id);
/* Writes string_size(error_id) bytes (no NUL) at dst. */
TY_IMPORT("lunatic::error", "to_string")
void lunatic_error_to_string(uint64_t error_id, char *dst);
TY_IMPORT("lunatic::error", "drop")
void lunatic_error_drop(uint64_t error_id);

/* ---- lunatic::version ---------------------------------------------------------------- */
TY_IMPORT("lunatic::version", "major")
uint32_t lunatic_version_major(void);
TY_IMPORT("lunatic::version", "minor")
uint32_t lunatic_version_minor(void);
TY_IMPORT("lunatic::version", "patch")
uint32_t lunatic_version_patch(void);

/* ---- lunatic::trap ------------------------------------------------------------------- */
/* Calls the export _lunatic_catch_trap(function, pointer); returns its result, or 0 if it
 * trapped. */
TY_IMPORT("lunatic::trap", "catch")
int32_t lunatic_trap_catch(int32_t function, int32_t pointer);

/* ---- lunatic::wasi ------------------------------------------------------------------- */
TY_IMPORT("lunatic::wasi", "config_add_environment_variable")
void lunatic_wasi_config_add_environment_variable(uint64_t config_id, const char *key,
                                                  uint32_t key_len, const char *value,
                                                  uint32_t value_len);
TY_IMPORT("lunatic::wasi", "config_add_command_line_argument")
void lunatic_wasi_config_add_command_line_argument(uint64_t config_id, const char *arg,
                                                   uint32_t arg_len);
TY_IMPORT("lunatic::wasi", "config_preopen_dir")
void lunatic_wasi_config_preopen_dir(uint64_t config_id, const char *dir, uint32_t dir_len);

/* ---- lunatic::metrics ---------------------------------------------------------------- */
TY_IMPORT("lunatic::metrics", "counter")
void lunatic_metrics_counter(const char *name, uint32_t name_len, uint64_t value);
TY_IMPORT("lunatic::metrics", "increment_counter")
void lunatic_metrics_increment_counter(const char *name, uint32_t name_len);
TY_IMPORT("lunatic::metrics", "gauge")
void lunatic_metrics_gauge(const char *name, uint32_t name_len, double value);
TY_IMPORT("lunatic::metrics", "increment_gauge")
void lunatic_metrics_increment_gauge(const char *name, uint32_t name_len, double value);
TY_IMPORT("lunatic::metrics", "decrement_gauge")
void lunatic_metrics_decrement_gauge(const char *name, uint32_t name_len, double value);
TY_IMPORT("lunatic::metrics", "histogram")
void lunatic_metrics_histogram(const char *name, uint32_t name_len, double value);

/* ---- lunatic::distributed (a single node: see docs/processes.md) ------------------- */
TY_IMPORT("lunatic::distributed", "node_id")
uint64_t lunatic_distributed_node_id(void);
TY_IMPORT("lunatic::distributed", "nodes_count")
uint32_t lunatic_distributed_nodes_count(void);
/* Copies up to max node ids; returns how many. */
TY_IMPORT("lunatic::distributed", "get_nodes")
uint32_t lunatic_distributed_get_nodes(uint64_t *nodes, uint32_t max);
/* The runtime-wide id of the module this process runs. */
TY_IMPORT("lunatic::distributed", "module_id")
uint64_t lunatic_distributed_module_id(void);
/* 0 = process id in *id; 1 = node not found (or the spawn failed there), 2 = module not
 * found: an error id in *id. */
TY_IMPORT("lunatic::distributed", "spawn")
int32_t lunatic_distributed_spawn(uint64_t node_id, int64_t config_id, uint64_t module_id,
                                  const char *func, uint32_t func_len, const uint8_t *params,
                                  uint32_t params_len, uint64_t *id);
/* 0 = sent; 1 = node not found (the message is dropped). */
TY_IMPORT("lunatic::distributed", "send")
int32_t lunatic_distributed_send(uint64_t node_id, uint64_t process_id);
/* As lunatic::message's (0 reply / 9027 timeout); 1 = node not found. */
TY_IMPORT("lunatic::distributed", "send_receive_skip_search")
int32_t lunatic_distributed_send_receive_skip_search(uint64_t node_id, uint64_t process_id,
                                                     int64_t wait_on_tag, uint64_t timeout_ms);
/* 0 = query id in *query_id, number of nodes found in *nodes_len; 1 = error id in *error. */
TY_IMPORT("lunatic::distributed", "exec_lookup_nodes")
int32_t lunatic_distributed_exec_lookup_nodes(const char *query, uint32_t query_len,
                                              uint64_t *query_id, uint64_t *nodes_len,
                                              uint64_t *error);
/* Copies up to max node ids of the query and forgets it: the count, or -1 with an error
 * id in *error (unknown query). */
TY_IMPORT("lunatic::distributed", "copy_lookup_nodes_results")
int32_t lunatic_distributed_copy_lookup_nodes_results(uint64_t query_id, uint64_t *nodes,
                                                      uint32_t max, uint64_t *error);

/* ---- tycho:: extensions (ARCHITECTURE.md, "tycho extensions") ------------------------ */
/* Restrict a config to host functions whose "module::name" starts with one of the allowed
 * prefixes (call once per prefix). No prefix = everything the parent may call. */
TY_IMPORT("tycho::process", "config_allow_namespace")
void tycho_process_config_allow_namespace(uint64_t config_id, const char *prefix,
                                          uint32_t prefix_len);
/* Registers name@version (semver "1.4.2"). Result: 0 = ok, non-zero = malformed version. */
TY_IMPORT("tycho::registry", "put_versioned")
int32_t tycho_registry_put_versioned(const char *name, uint32_t name_len,
                                     const char *version, uint32_t version_len,
                                     uint64_t node_id, uint64_t process_id);
/* Highest version matching the requirement ("^1.2", "~1.4", "=1.0.0", ">=1.0, <2.0", "*").
 * 0 = found; 1 = not found; 2 = malformed requirement. */
TY_IMPORT("tycho::registry", "get_versioned")
int32_t tycho_registry_get_versioned(const char *name, uint32_t name_len,
                                     const char *requirement, uint32_t requirement_len,
                                     uint64_t *node_id, uint64_t *process_id);

/* ======================================================================================
 * 2. TYPED WRAPPERS
 * ==================================================================================== */

typedef uint64_t ty_pid;     /* process id (local node) */
typedef int64_t  ty_config;  /* config handle; TY_INHERIT = the caller's config */
typedef int64_t  ty_module;  /* module handle; TY_INHERIT = the caller's module */
typedef uint64_t ty_timer;   /* timer handle */

#define TY_INHERIT    ((int64_t)-1)   /* config/module argument: the caller's own */
#define TY_NO_TIMEOUT UINT64_MAX      /* timeout argument: wait forever */

/* ---- result codes -------------------------------------------------------------------- */
#define TY_OK          0
#define TY_EHOST     (-1)   /* the host returned an error; its text is in ty_last_error() */
#define TY_EINVAL    (-2)   /* bad argument */
#define TY_ENOTFOUND (-3)   /* no such name / child */
#define TY_ESHORT    (-4)   /* the message ended before the value being read */
#define TY_ETRUNC    (-5)   /* the value did not fit the buffer (truncated copy made) */
#define TY_ENOMEM    (-6)   /* malloc failed */
#define TY_EPERM     (-7)   /* the process lacks the permission (config flag) */
#define TY_EVERSION  (-8)   /* malformed semantic version or requirement */
#define TY_ETRAP     (-9)   /* ty_catch: the function trapped */
#define TY_ERESTARTS (-10)  /* ty_supervise: more than max_restarts within period_ms */
#define TY_ELINK     (-11)  /* ty_supervise: a linked process that is not a child failed */
#define TY_ENOTCONN  (-12)  /* ty_udp_peer_addr: the socket is not connected */
#define TY_TIMEOUT   9027   /* same value as the ABI's timeout code */

/* Receive results: exactly the ABI codes of lunatic::message::receive. */
#define TY_MSG_DATA          0
#define TY_MSG_LINK_DIED     1
#define TY_MSG_PROCESS_DIED  2
/* (TY_TIMEOUT = 9027) */

/* ---- errors -------------------------------------------------------------------------- */
/* Text of the last failure in this process ("" if none). Valid until the next failure. */
const char *ty_last_error(void);
/* Copies the text of host error `err` into buf (truncated to cap-1 bytes, NUL-terminated
 * when cap > 0) and DROPS the error resource. Returns the full length of the text. */
size_t ty_error_string(uint64_t err, char *buf, size_t cap);

/* ---- process ------------------------------------------------------------------------- */
static inline ty_pid ty_self(void) { return lunatic_process_process_id(); }
static inline uint64_t ty_environment_id(void) { return lunatic_process_environment_id(); }
static inline void ty_sleep_ms(uint64_t ms) { lunatic_process_sleep_ms(ms); }
/* trap = 1 (default): a linked process failing kills this one. trap = 0: it becomes a
 * TY_MSG_LINK_DIED message instead, carrying the link's tag (Erlang's trap_exit). */
static inline void ty_die_when_link_dies(int trap) { lunatic_process_die_when_link_dies(trap != 0); }
static inline void ty_link(int64_t tag, ty_pid pid) { lunatic_process_link(tag, pid); }
static inline void ty_unlink(ty_pid pid) { lunatic_process_unlink(pid); }
static inline void ty_monitor(ty_pid pid) { lunatic_process_monitor(pid); }
static inline void ty_stop_monitoring(ty_pid pid) { lunatic_process_stop_monitoring(pid); }
static inline void ty_kill(ty_pid pid) { lunatic_process_kill(pid); }
static inline int ty_exists(ty_pid pid) { return lunatic_process_exists(pid) != 0; }

/* ---- spawning ------------------------------------------------------------------------ */
/* The process entry: a C function taking one i64 (see SPAWN CONVENTION above). */
typedef void (*ty_entry)(int64_t arg);

/* Spawns fn(arg) in a new process with the caller's config. 0 = *out is its pid. */
int ty_spawn(ty_entry fn, int64_t arg, ty_pid *out);
/* Same, linked to the caller with link tag `tag` (must be non-zero): when the child fails
 * the caller dies too, or, after ty_die_when_link_dies(0), gets a TY_MSG_LINK_DIED message
 * whose tag is `tag`. */
int ty_spawn_link(int64_t tag, ty_entry fn, int64_t arg, ty_pid *out);
/* General form: config (TY_INHERIT = the caller's), link_tag (0 = no link). */
int ty_spawn_config(ty_config config, int64_t link_tag, ty_entry fn, int64_t arg, ty_pid *out);

/* Spawns the exported function `export_name` of `module` (TY_INHERIT = the caller's own
 * module) with raw params. */
typedef struct ty_param { uint8_t bytes[17]; } ty_param;
static inline ty_param ty_param_i64(int64_t v) {
    ty_param p;
    uint64_t lo = (uint64_t)v, hi = v < 0 ? UINT64_MAX : 0;
    p.bytes[0] = 0x7E;
    for (int i = 0; i < 8; i++) {
        p.bytes[1 + i] = (uint8_t)(lo >> (8 * i));
        p.bytes[9 + i] = (uint8_t)(hi >> (8 * i));
    }
    return p;
}
static inline ty_param ty_param_i32(int32_t v) {
    ty_param p = ty_param_i64(v);
    p.bytes[0] = 0x7F;
    return p;
}
int ty_spawn_export(ty_config config, int64_t link_tag, ty_module module,
                    const char *export_name, const ty_param *params, size_t nparams,
                    ty_pid *out);

/* Named processes (lunatic::process::get_or_spawn, atomic): if `name` is registered,
 * *out = its pid and the result is TY_FOUND; else fn(arg) is spawned, registered under
 * `name`, *out = its pid and the result is 0. Negative on failure. */
#define TY_FOUND 1
int ty_spawn_named(const char *name, ty_entry fn, int64_t arg, ty_pid *out);
int ty_spawn_named_config(const char *name, ty_config config, int64_t link_tag,
                          ty_entry fn, int64_t arg, ty_pid *out);

/* Compiles wasm bytes into a module handle usable with ty_spawn_export. TY_EPERM without
 * can_compile_modules. */
int ty_compile_module(const void *wasm, size_t len, ty_module *out);
static inline void ty_drop_module(ty_module m) { lunatic_process_drop_module((uint64_t)m); }

/* ---- messages: building and sending -------------------------------------------------- */
/* Starts a new message with `tag` (0 = untagged) in the scratch area. */
void ty_msg_begin(int64_t tag);
void ty_msg_raw(const void *data, size_t len);          /* bytes as they are */
void ty_msg_u8(uint8_t v);
void ty_msg_u32(uint32_t v);
void ty_msg_i32(int32_t v);
void ty_msg_u64(uint64_t v);
void ty_msg_i64(int64_t v);
void ty_msg_f64(double v);
void ty_msg_bytes(const void *data, size_t len);        /* u64 length + bytes */
void ty_msg_str(const char *s);                         /* u64 strlen + bytes */
/* Attaches a module to the message; the receiver takes it with ty_msg_take_module(index). */
static inline uint64_t ty_msg_push_module(ty_module m) { return lunatic_message_push_module((uint64_t)m); }
/* Sends the built message (and empties the scratch area). Unknown pids: silently dropped. */
static inline void ty_send(ty_pid pid) { (void)lunatic_message_send(pid); }
/* Convenience: a message holding exactly `data` (raw), sent to pid. */
void ty_send_raw(ty_pid pid, int64_t tag, const void *data, size_t len);

/* ---- messages: receiving and reading ------------------------------------------------- */
/* Waits for the first message whose tag is one of tags[0..n) (n == 0: any message,
 * including untagged ones and TY_MSG_PROCESS_DIED), at most timeout_ms (TY_NO_TIMEOUT).
 * Returns TY_MSG_DATA, TY_MSG_LINK_DIED, TY_MSG_PROCESS_DIED or TY_TIMEOUT; the message is
 * then in the scratch area. */
static inline int ty_receive(const int64_t *tags, size_t n, uint64_t timeout_ms) {
    return lunatic_message_receive(tags, (uint32_t)n, timeout_ms);
}
static inline int ty_receive_tag(int64_t tag, uint64_t timeout_ms) {
    return lunatic_message_receive(&tag, 1, timeout_ms);
}
static inline int64_t ty_msg_tag(void) { return lunatic_message_get_tag(); }
static inline size_t ty_msg_size(void) { return (size_t)lunatic_message_data_size(); }
/* For TY_MSG_PROCESS_DIED: the monitored process that died. */
static inline ty_pid ty_msg_dead_pid(void) { return lunatic_message_get_process_id(); }
/* Moves the read cursor to byte `index` (0 = start again). */
static inline void ty_msg_seek(size_t index) { lunatic_message_seek_data(index); }
static inline ty_module ty_msg_take_module(uint64_t index) { return (ty_module)lunatic_message_take_module(index); }

/* Readers advance the read cursor. 0 = ok; TY_ESHORT = the message ended first. */
size_t ty_read_raw(void *buf, size_t len);              /* returns bytes copied */
int ty_read_u8(uint8_t *v);
int ty_read_u32(uint32_t *v);
int ty_read_i32(int32_t *v);
int ty_read_u64(uint64_t *v);
int ty_read_i64(int64_t *v);
int ty_read_f64(double *v);
/* A ty_msg_bytes value: copies min(length, cap) bytes, *len = full length (may be NULL).
 * TY_ETRUNC if it did not fit (the rest is skipped, so the cursor is after the value). */
int ty_read_bytes(void *buf, size_t cap, size_t *len);
/* A ty_msg_str value as a NUL-terminated string (cap >= 1). TY_ETRUNC if cut. */
int ty_read_str(char *buf, size_t cap);

/* ---- request / reply ----------------------------------------------------------------- */
typedef struct ty_reply_to { ty_pid pid; int64_t tag; } ty_reply_to;

/* Sends `req` to pid as a request tagged `tag` and waits up to timeout_ms for the reply.
 * Copies min(reply size, cap) bytes to `reply`; *got = the reply's full size (may be NULL).
 * 0 = ok; TY_TIMEOUT; TY_ETRUNC = reply larger than cap. Uses the scratch area. */
int ty_request(ty_pid pid, int64_t tag, const void *req, size_t len,
               void *reply, size_t cap, uint64_t timeout_ms, size_t *got);
/* Server side: after receiving a request, reads its [reply_pid][reply_tag] header; the
 * cursor is then at the payload (ty_msg_size() - 16 bytes, read with ty_read_*). */
int ty_read_request(ty_reply_to *from);
/* Receives a request tagged `tag` and reads its header. Returns 0, TY_TIMEOUT, TY_ESHORT
 * (malformed request, consumed) or TY_MSG_LINK_DIED (a link with this tag died). */
int ty_receive_request(int64_t tag, uint64_t timeout_ms, ty_reply_to *from);
/* Sends `data` as the reply to a request (builds a new message: uses the scratch area). */
void ty_reply(const ty_reply_to *to, const void *data, size_t len);

/* ---- configs ------------------------------------------------------------------------- */
/* A new config: every permission denied, no namespace restriction, max memory 4 GiB, no
 * fuel limit, no args/env/dirs. Returns its handle, or -1 (= TY_INHERIT!) without
 * can_create_configs: check `< 0` before spawning with it. */
ty_config ty_config_new(void);
static inline void ty_config_drop(ty_config c) { lunatic_process_drop_config((uint64_t)c); }
static inline void ty_config_set_max_memory(ty_config c, uint64_t bytes) { lunatic_process_config_set_max_memory((uint64_t)c, bytes); }
static inline uint64_t ty_config_max_memory(ty_config c) { return lunatic_process_config_get_max_memory((uint64_t)c); }
/* Fuel in units of 100,000 instructions (Lunatic's unit); 0 = unlimited. */
static inline void ty_config_set_max_fuel(ty_config c, uint64_t units) { lunatic_process_config_set_max_fuel((uint64_t)c, units); }
static inline uint64_t ty_config_max_fuel(ty_config c) { return lunatic_process_config_get_max_fuel((uint64_t)c); }
static inline void ty_config_set_can_compile_modules(ty_config c, int can) { lunatic_process_config_set_can_compile_modules((uint64_t)c, can != 0); }
static inline int ty_config_can_compile_modules(ty_config c) { return lunatic_process_config_can_compile_modules((uint64_t)c) != 0; }
static inline void ty_config_set_can_create_configs(ty_config c, int can) { lunatic_process_config_set_can_create_configs((uint64_t)c, can != 0); }
static inline int ty_config_can_create_configs(ty_config c) { return lunatic_process_config_can_create_configs((uint64_t)c) != 0; }
static inline void ty_config_set_can_spawn_processes(ty_config c, int can) { lunatic_process_config_set_can_spawn_processes((uint64_t)c, can != 0); }
static inline int ty_config_can_spawn_processes(ty_config c) { return lunatic_process_config_can_spawn_processes((uint64_t)c) != 0; }
/* tycho extension: allow host functions whose "module::name" starts with prefix, e.g.
 * "lunatic::process::" or "wasi_snapshot_preview1::fd_write". Call once per prefix. */
static inline void ty_config_allow_namespace(ty_config c, const char *prefix) {
    tycho_process_config_allow_namespace((uint64_t)c, prefix, (uint32_t)strlen(prefix));
}
static inline void ty_config_add_env(ty_config c, const char *key, const char *value) {
    lunatic_wasi_config_add_environment_variable((uint64_t)c, key, (uint32_t)strlen(key),
                                                 value, (uint32_t)strlen(value));
}
static inline void ty_config_add_arg(ty_config c, const char *arg) {
    lunatic_wasi_config_add_command_line_argument((uint64_t)c, arg, (uint32_t)strlen(arg));
}
static inline void ty_config_preopen_dir(ty_config c, const char *dir) {
    lunatic_wasi_config_preopen_dir((uint64_t)c, dir, (uint32_t)strlen(dir));
}

/* ---- registry ------------------------------------------------------------------------ */
/* Names are UTF-8 (invalid UTF-8 traps). tycho removes a process's names (plain and
 * versioned) when it dies, so a name bound to a process that has already ended does not
 * stick (Lunatic itself never removes names). */
static inline void ty_register(const char *name, ty_pid pid) {
    lunatic_registry_put(name, (uint32_t)strlen(name), 0, pid);
}
static inline void ty_unregister(const char *name) {
    lunatic_registry_remove(name, (uint32_t)strlen(name));
}
/* 0 = found (*pid set); TY_ENOTFOUND. */
int ty_lookup(const char *name, ty_pid *pid);
/* tycho extension: name@version, e.g. ty_register_version("kv", "1.2.0", pid).
 * 0 = ok; TY_EVERSION = malformed version. */
int ty_register_version(const char *name, const char *version, ty_pid pid);
/* Highest registered version of `name` matching `requirement` ("^1", "~1.4", "*", ...).
 * 0 = found; TY_ENOTFOUND; TY_EVERSION = malformed requirement. */
int ty_lookup_version(const char *name, const char *requirement, ty_pid *pid);

/* ---- timers -------------------------------------------------------------------------- */
/* Sends the message built with ty_msg_* to pid after delay_ms (consumes the scratch area). */
static inline ty_timer ty_send_after(ty_pid pid, uint64_t delay_ms) {
    return lunatic_timer_send_after(pid, delay_ms);
}
/* 1 = cancelled before firing; 0 = unknown, already fired or cancelled. */
static inline int ty_cancel_timer(ty_timer t) { return lunatic_timer_cancel_timer(t) != 0; }

/* ---- trap catching ------------------------------------------------------------------- */
/* Runs fn(arg) through lunatic::trap::catch. 0 = it returned (*result = its value, result
 * may be NULL); TY_ETRAP = it trapped, and this process lives on. After a trap: memory it
 * malloc'ed is leaked and data it was changing may be half-updated (a trap inside malloc
 * can corrupt the heap), so keep the caught code simple or treat the process as suspect.
 * Toolchain caveat: _lunatic_catch_trap is a wasm export, so in a command module (one with
 * main) wasm-ld makes it run __wasm_call_dtors on return: atexit handlers registered so
 * far run (once) and stdio is flushed, and static constructors, if the program has any,
 * run again before fn. Don't combine ty_catch with atexit()/constructors. */
int ty_catch(int32_t (*fn)(int32_t), int32_t arg, int32_t *result);

/* ---- supervisor (one-for-one) -------------------------------------------------------- */
typedef struct ty_child_spec {
    const char *name;   /* optional (NULL): registered under this name after every start */
    ty_entry    fn;     /* the child's entry, run as fn(arg) */
    int64_t     arg;
} ty_child_spec;

/* The supervisor's reserved tags. Child i is linked with tag TY_SUP_CHILD_TAG(i). */
#define TY_TAG_SDK_BASE     ((int64_t)0x7479000000000000)
#define TY_SUP_STOP_TAG     (TY_TAG_SDK_BASE + 1)
#define TY_SUP_QUERY_TAG    (TY_TAG_SDK_BASE + 2)
#define TY_SUP_CHILD_TAG(i) (TY_TAG_SDK_BASE + 0x100000000 + (int64_t)(i))

/* Runs a one-for-one supervisor IN THE CALLING PROCESS until it is stopped or gives up:
 *  - calls ty_die_when_link_dies(0), spawns children[i] linked with TY_SUP_CHILD_TAG(i)
 *    and registers it under children[i].name (if any);
 *  - when a child FAILS (trap, kill, a failed link of its own) it is restarted (and
 *    re-registered). A child that returns normally is not restarted ("transient"): the ABI
 *    reports only abnormal deaths to links;
 *  - if more than max_restarts restarts happen within period_ms, or a linked process that
 *    is not a child fails (e.g. the supervisor's own parent), it kills every child and
 *    returns TY_ERESTARTS / TY_ELINK: the caller then escalates, typically with abort(),
 *    which fails this process and so its own supervisor's link;
 *  - ty_supervisor_stop() makes it kill every child and return 0;
 *  - ty_supervisor_child() asks it for the current pid of child i.
 * Before returning it unlinks and kills the children and restores
 * ty_die_when_link_dies(1). It receives EVERY message of the process: messages that are
 * not for it are discarded, so run it in a process of its own, e.g.
 *     static const ty_child_spec kids[] = {{"db", db_main, 0}, {NULL, worker_main, 7}};
 *     static void sup_main(int64_t a) { (void)a; if (ty_supervise(kids, 2, 3, 5000)) abort(); }
 *     ... ty_spawn(sup_main, 0, &sup);
 * Returns TY_EINVAL (no children, max_restarts < 0), TY_ENOMEM, or TY_EHOST when a
 * (re)start fails. */
int ty_supervise(const ty_child_spec *children, size_t n, int max_restarts, uint64_t period_ms);
/* Current pid of child `index` of supervisor `sup`: 0, TY_ENOTFOUND (bad index, or the
 * child ended normally), TY_TIMEOUT. Request/reply with tag TY_SUP_QUERY_TAG,
 * payload [u64 index], reply [u64 pid] or empty. */
int ty_supervisor_child(ty_pid sup, size_t index, ty_pid *child, uint64_t timeout_ms);
/* Stops supervisor `sup` (request tagged TY_SUP_STOP_TAG, empty payload) and waits up to
 * timeout_ms for its (empty) reply, sent once every child is killed. 0 or TY_TIMEOUT; with
 * timeout 0 the stop is only requested. */
int ty_supervisor_stop(ty_pid sup, uint64_t timeout_ms);

/* ---- version, metrics ---------------------------------------------------------------- */
static inline void ty_runtime_version(uint32_t *major, uint32_t *minor, uint32_t *patch) {
    if (major) *major = lunatic_version_major();
    if (minor) *minor = lunatic_version_minor();
    if (patch) *patch = lunatic_version_patch();
}
static inline void ty_metric_counter(const char *name, uint64_t v) { lunatic_metrics_counter(name, (uint32_t)strlen(name), v); }
static inline void ty_metric_increment_counter(const char *name) { lunatic_metrics_increment_counter(name, (uint32_t)strlen(name)); }
static inline void ty_metric_gauge(const char *name, double v) { lunatic_metrics_gauge(name, (uint32_t)strlen(name), v); }
static inline void ty_metric_increment_gauge(const char *name, double v) { lunatic_metrics_increment_gauge(name, (uint32_t)strlen(name), v); }
static inline void ty_metric_decrement_gauge(const char *name, double v) { lunatic_metrics_decrement_gauge(name, (uint32_t)strlen(name), v); }
static inline void ty_metric_histogram(const char *name, double v) { lunatic_metrics_histogram(name, (uint32_t)strlen(name), v); }

#ifdef __cplusplus
}
#endif
#endif /* TYCHO_H */
