/* engine.h — the whole public interface of tycho's WebAssembly engine.
 *
 * The engine knows about modules, instances, host functions and fuel; it knows nothing
 * about processes. A module is decoded, validated and translated once (tw_module_new) and
 * is then immutable and shareable by any number of instances on any thread. An instance
 * executes on its own heap-allocated stack: wasm->wasm calls never recurse on the C stack,
 * so a running call can be suspended (out of fuel, or a host function that blocks) and
 * resumed later on any OS thread.
 *
 * Values cross the API as raw 64-bit cells (tw_val): i32 in the low 32 bits (upper bits
 * zero), i64 as is, f32/f64 as their IEEE bit patterns, references as an opaque u64 where
 * 0 is null (funcref: a tw_func pointer; externref: whatever the host chose, never 0).
 */
#ifndef TYCHO_ENGINE_H
#define TYCHO_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t tw_val;

/* Value types use their binary encoding. */
enum {
    TW_I32 = 0x7F, TW_I64 = 0x7E, TW_F32 = 0x7D, TW_F64 = 0x7C,
    TW_V128 = 0x7B, /* reserved: SIMD is not supported yet (2 slots when it is) */
    TW_FUNCREF = 0x70, TW_EXTERNREF = 0x6F,
};

/* External kinds, binary encoding. */
typedef enum { TW_EXT_FUNC = 0, TW_EXT_TABLE = 1, TW_EXT_MEMORY = 2, TW_EXT_GLOBAL = 3 } tw_extkind;

typedef struct tw_module   tw_module;
typedef struct tw_instance tw_instance;
typedef struct tw_func     tw_func;
typedef struct tw_table    tw_table;
typedef struct tw_memory   tw_memory;
typedef struct tw_global   tw_global;

/* A function type. Built by the decoder for module types, or by tw_functype_new for hosts. */
typedef struct tw_functype {
    uint32_t nparams, nresults;
    const uint8_t *params;   /* nparams value types */
    const uint8_t *results;  /* nresults value types */
} tw_functype;

typedef struct { uint64_t min, max; bool has_max; } tw_limits;

/* "i32", "i64", "f32", "f64", "v128", "funcref", "externref", or "?" for anything else. */
const char *tw_valtype_name(uint8_t t);
/* Same parameter and result types. */
bool tw_functype_equal(const tw_functype *a, const tw_functype *b);

/* An extern: what an import is satisfied with, or what an export yields. */
typedef struct {
    tw_extkind kind;
    union { tw_func *func; tw_table *table; tw_memory *memory; tw_global *global; } u;
} tw_extern;

/* ---- modules --------------------------------------------------------------------- */

/* Decode, validate and translate. On failure returns NULL and writes a one-line message
 * into err ("malformed: ...", "invalid: ...", "unsupported: SIMD ..."). */
tw_module *tw_module_new(const uint8_t *bytes, size_t len, char *err, size_t errlen);
/* Drops the caller's reference: instances keep their module alive, so a module may be
 * freed while instances of it still run. */
void tw_module_free(tw_module *m);

typedef struct {
    const char *module, *name;
    tw_extkind kind;
    const tw_functype *func;             /* TW_EXT_FUNC */
    uint8_t elemtype; tw_limits limits;  /* TW_EXT_TABLE (elemtype) / TW_EXT_MEMORY */
    uint8_t valtype; bool mut;           /* TW_EXT_GLOBAL */
} tw_import_info;

typedef struct {
    const char *name;
    tw_extkind kind;
    uint32_t index;
    const tw_functype *func;             /* TW_EXT_FUNC: its type */
} tw_export_info;

uint32_t tw_module_num_imports(const tw_module *m);
void tw_module_import(const tw_module *m, uint32_t i, tw_import_info *out);
uint32_t tw_module_num_exports(const tw_module *m);
void tw_module_export(const tw_module *m, uint32_t i, tw_export_info *out);
/* Name of function `idx` from the name section, or NULL. */
const char *tw_module_func_name(const tw_module *m, uint32_t idx);
/* Custom sections are kept: count, and name/contents of each. */
uint32_t tw_module_num_customs(const tw_module *m);
const char *tw_module_custom(const tw_module *m, uint32_t i, const uint8_t **data, size_t *len);

/* ---- host objects ---------------------------------------------------------------- */

/* TW_HOST_CALL: returned only through tw_hostcall_invoke (see "nested calls" below). */
typedef enum { TW_HOST_OK = 0, TW_HOST_TRAP = 1, TW_HOST_BLOCK = 2, TW_HOST_CALL = 3 } tw_host_status;

struct tw_nested_call;

/* What a host function is given. `instance` is the instance whose code made the call
 * (its memory is the one guest pointers refer to). On TW_HOST_TRAP set `trap` to a static
 * or long-lived message (or use tw_hostcall_trapf). On TW_HOST_BLOCK the instance stops
 * with TW_BLOCKED and the same call is issued again, with the same arguments, on the next
 * tw_run: a host keeps whatever progress it made in its own env. */
typedef struct tw_hostcall {
    tw_instance *instance;
    void *env;
    const char *trap;
    struct {                         /* the engine's; hosts do not touch it */
        tw_instance *runner;         /* whose tw_run is executing (owns the stack) */
        tw_func *host;               /* the host function being called */
        uint32_t sp, base;           /* slot offsets: sp; the args of a nested call */
        tw_func *call;               /* set by tw_hostcall_invoke */
        struct tw_nested_call *done; /* the finished nested call this issue reports */
    } priv_;
} tw_hostcall;

/* Arguments are in sp[0..nparams); results are written to sp[0..nresults). */
typedef tw_host_status (*tw_host_fn)(tw_hostcall *hc, tw_val *sp);

/* Copies the type. The func is freed with tw_func_free. */
tw_func *tw_func_new_host(const tw_functype *type, tw_host_fn fn, void *env);
void tw_func_free(tw_func *f);           /* host funcs only */
const tw_functype *tw_func_type(const tw_func *f);
/* Formats a trap message into a buffer owned by the call and returns TW_HOST_TRAP. */
tw_host_status tw_hostcall_trapf(tw_hostcall *hc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- nested calls: a host function calling back into wasm, catching traps ---------------
 *
 * A host function may have the engine call a function f (wasm or host, of any instance;
 * usually an export of hc->instance) and catch a trap in it, as Lunatic's
 * lunatic::trap::catch does with the guest's _lunatic_catch_trap. The engine is stackless,
 * so the nested call does not run below the host function on the C stack: it runs in the
 * same tw_run loop, on the same heap stack, and may run out of fuel, block in host calls,
 * be resumed on any thread, and make nested calls itself, like any other code. Hence a
 * host function that calls back is a small state machine over two issues of one call:
 *
 *   1. It calls tw_hostcall_invoke(hc, f, args) and returns what that returns
 *      (TW_HOST_CALL). The engine then runs f(args).
 *   2. When f has returned or trapped, the engine issues the same host call again (same
 *      function, same arguments in sp). This time tw_hostcall_nested() reports the
 *      outcome, and the host function finishes like any other: TW_HOST_OK with results in
 *      sp, TW_HOST_TRAP, TW_HOST_BLOCK (it is then re-issued later with the same outcome),
 *      or a new tw_hostcall_invoke.
 *
 *       static tw_host_status catch_(tw_hostcall *hc, tw_val *sp)   // (i32 fn, i32 ptr) -> i32
 *       {
 *           const tw_val *r;
 *           switch (tw_hostcall_nested(hc, &r, NULL)) {
 *           case TW_NESTED_NONE:     return tw_hostcall_invoke(hc, catch_trap_export, sp);
 *           case TW_NESTED_RETURNED: sp[0] = (uint32_t)r[0]; return TW_HOST_OK;
 *           case TW_NESTED_TRAPPED:  sp[0] = 0; return TW_HOST_OK;
 *           }
 *           return TW_HOST_OK;
 *       }
 *
 * A trap inside f (any trap: wasm, host, "call stack exhausted") unwinds only what f
 * pushed: the caller's frames, locals and operand stack are as they were, and execution
 * goes on with the re-issued host call. Memory and globals that f changed stay changed
 * (wasm has no rollback). A trap outside every nested call ends the whole call as usual;
 * so does a trap raised by the re-issued host function itself (unless an enclosing nested
 * call catches it). Fuel is shared: f is charged to the running tw_run budget, and each
 * issue of the host call costs one unit. Nesting depth counts against max_call_depth.
 * tw_call_abort and tw_instance_free discard pending nested calls. */

typedef enum {
    TW_NESTED_NONE = 0,    /* this is not the issue that ends a nested call */
    TW_NESTED_RETURNED,    /* f returned: *results = its results */
    TW_NESTED_TRAPPED,     /* f trapped: *trap = the message */
} tw_nested_status;

/* Only from inside a host function, with hc as given: copies args (f's nparams values; they
 * may point into sp) onto the stack and returns TW_HOST_CALL, which the host function must
 * return for the call to happen (any other status drops the request). Returns TW_HOST_TRAP
 * with a message instead if it cannot (stack exhausted). Using sp after this call is not
 * allowed: the stack may have moved. */
tw_host_status tw_hostcall_invoke(tw_hostcall *hc, tw_func *f, const tw_val *args);
/* The outcome of the nested call that this issue of the host call follows, or
 * TW_NESTED_NONE. results / trap may be NULL; what they point at stays valid until the host
 * function returns or calls tw_hostcall_invoke. */
tw_nested_status tw_hostcall_nested(const tw_hostcall *hc, const tw_val **results,
                                    const char **trap);

tw_table *tw_table_new(uint8_t elemtype, tw_limits lim);
void tw_table_free(tw_table *t);
uint32_t tw_table_size(const tw_table *t);
tw_memory *tw_memory_new(tw_limits lim_pages);       /* NULL if it cannot be allocated */
void tw_memory_free(tw_memory *m);
/* The memory's bytes, for a host that may write anywhere in them (all of the memory
 * then counts as written: recycling its buffer costs more). */
uint8_t *tw_memory_data(tw_memory *m);
/* The bytes for reading, or for writes that the host reports with tw_memory_wrote.
 * (A recycled buffer is cleared page by page from what was reported: a write that is not
 * reported could leak to the next owner of the buffer.) */
uint8_t *tw_memory_base(tw_memory *m);
void tw_memory_wrote(tw_memory *m, uint64_t off, uint64_t len);
uint64_t tw_memory_size(const tw_memory *m);         /* bytes */
/* Freed linear memories keep their written pages resident for the next instance (no
 * page faults on reuse) while the pool holds less than this many bytes; beyond it they
 * go back to the kernel in batches. Default: 1/16 of physical memory, at least 256 MiB. */
void tw_memory_pool_budget(size_t bytes);
/* Memory images (a module's data segments, mapped copy-on-write into new instances; see
 * engine/image.c) are mapped onto at most this many buffers at once (default: a share of
 * vm.max_map_count); beyond, they are copied. SIZE_MAX restores the default. */
void tw_memory_image_map_limit(size_t n);
tw_global *tw_global_new(uint8_t valtype, bool mut, tw_val v);
void tw_global_free(tw_global *g);
tw_val tw_global_get(const tw_global *g);
void tw_global_set(tw_global *g, tw_val v);

/* ---- instances ------------------------------------------------------------------- */

typedef struct {
    uint64_t max_memory_bytes; /* cap on every memory this instance defines; 0 = 4 GiB */
    uint32_t max_call_depth;   /* frames; 0 = default (TW_DEFAULT_CALL_DEPTH) */
    uint32_t max_stack_bytes;  /* operand/local slots; 0 = default (TW_DEFAULT_STACK_BYTES) */
    bool imports_checked;      /* the caller already checked that every import has the
                                * type the module expects (e.g. once per module, when it
                                * resolves the same functions for many instances): skip it */
} tw_config;

#define TW_DEFAULT_CALL_DEPTH  200000u
#define TW_DEFAULT_STACK_BYTES (64u << 20)

/* Links imports (in the module's import order), allocates memories/tables/globals,
 * evaluates initializers and applies active element and data segments. Does NOT run the
 * start function: if tw_instance_has_start, the instance has a pending call of it, and
 * the caller drives it with tw_run like any other call. On failure returns NULL with a
 * message: "unknown import", "incompatible import type ...", or a trap message
 * ("out of bounds table access", ...) for segments that do not fit. */
tw_instance *tw_instance_new(tw_module *m, const tw_extern *imports, uint32_t nimports,
                             const tw_config *cfg, char *err, size_t errlen);
void tw_instance_free(tw_instance *inst);
bool tw_instance_has_start(const tw_instance *inst);
tw_module *tw_instance_module(const tw_instance *inst);
/* Export lookup by name; false if there is none. */
bool tw_instance_export(tw_instance *inst, const char *name, tw_extern *out);
tw_memory *tw_instance_memory(tw_instance *inst);    /* memory 0 or NULL */
void tw_instance_set_user(tw_instance *inst, void *user);
void *tw_instance_user(const tw_instance *inst);

/* ---- execution ------------------------------------------------------------------- */

typedef enum {
    TW_RETURNED = 0,   /* the call finished: results via tw_results */
    TW_OUT_OF_FUEL,    /* state saved; call tw_run again (any thread) to continue */
    TW_BLOCKED,        /* a host function asked to wait; tw_run re-issues it */
    TW_TRAPPED,        /* tw_trap_message says why; the instance can take a new call */
} tw_status;

/* Sets up a call of `f` (which may belong to any instance) with args on inst's stack.
 * Returns false (message in tw_trap_message) if a call is already in progress. */
bool tw_call_begin(tw_instance *inst, tw_func *f, const tw_val *args);
/* Runs the pending call for at most `fuel` reductions (function entries + loop
 * back-edges). UINT64_MAX = unbounded. */
tw_status tw_run(tw_instance *inst, uint64_t fuel);
/* Fuel left from the last tw_run budget. */
uint64_t tw_fuel_left(const tw_instance *inst);
/* Up to n addresses that resuming a suspended instance will read first (its execution
 * state, the current frame's slots, its memory's descriptor, the top of a C shadow stack
 * if global 0 looks like one). A scheduler that knows which instance runs next can
 * prefetch them while it does other work. Returns how many it wrote. */
int tw_instance_hot(const tw_instance *inst, const void **out, int n);
const tw_val *tw_results(const tw_instance *inst);   /* valid after TW_RETURNED */
const char *tw_trap_message(const tw_instance *inst);
/* Backtrace of the last trap, innermost first, one "  at NAME" line per frame. */
const char *tw_trap_backtrace(const tw_instance *inst);
/* Abandons a suspended call (out of fuel or blocked), with any nested calls it has pending,
 * so a new one can begin. */
void tw_call_abort(tw_instance *inst);

/* Convenience: begin + run to completion with unbounded fuel; blocking host calls are
 * re-issued immediately (busy re-issue; for tests and the spec runner only). */
tw_status tw_call(tw_instance *inst, tw_func *f, const tw_val *args, tw_val *results);

/* Bytes an instance of this module costs while idle (structs, stack, tables, memory). */
size_t tw_instance_footprint(const tw_instance *inst);

#endif
