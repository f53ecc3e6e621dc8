/* hostcall.h — the host-call layer: what every host function includes, whatever its
 * namespace (wasi/ and host/ alike, and any to come).
 *
 *  - Tables: a namespace is an array of tw_hostdef {module, name, signature, function},
 *    ended by a zeroed entry. Whoever links modules (the runtime) is handed the tables
 *    and finds each import in them (tw_hostdef_find); nothing treats a namespace apart.
 *  - Signatures: one format, "PARAMS:RESULTS" with i = i32, I = i64, f = f32, d = f64
 *    ("iiI:i" takes i32, i32, i64 and returns an i32), parsed by tw_hostdef_type.
 *  - Arguments and results: TW_ARG32(k) / TW_ARG64(k) read argument k, TW_RET32 /
 *    TW_RET64 write the result (all in `sp`, the host function's value array).
 *  - Guest memory: every pointer a guest passes is checked before use. tw_guest_of(hc)
 *    takes the caller's memory once; tw_guest_r (read) and tw_guest_w (written: the
 *    range is reported to the engine, which must clear it before the memory's buffer
 *    goes to another instance) give a host pointer to [p, p+len) or NULL when any of it
 *    is out of bounds. Little-endian loads and stores for unaligned guest data.
 *  - Traps: tw_hostcall_trapf (engine.h) with a message; TW_GUEST_OOB(fname) for an
 *    out-of-bounds pointer, tw_guest_string for a checked UTF-8 string argument.
 */
#ifndef TYCHO_HOSTCALL_H
#define TYCHO_HOSTCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "engine.h"

/* ---- namespaces ------------------------------------------------------------------ */

typedef struct {
    const char *module, *name;
    const char *sig;             /* "PARAMS:RESULTS", letters i I f d */
    tw_host_fn fn;
} tw_hostdef;

/* The entry for module::name in any of `tables` (a NULL-ended list of tables), or NULL. */
const tw_hostdef *tw_hostdef_find(const tw_hostdef *const *tables, const char *module,
                                  const char *name);

/* The entry for a module's import in `tables`, with the import's type checked; NULL with
 * a one-line message otherwise: "unknown import MODULE::NAME", or "incompatible import
 * type for MODULE::NAME: expected (i32, i32) -> (i32), got (i32) -> ()" (or "got a memory",
 * or "... has a malformed signature"). */
const tw_hostdef *tw_hostdef_resolve(const tw_hostdef *const *tables, const tw_import_info *imp,
                                     char *err, size_t errlen);

/* Room for the value types of a parsed signature. */
typedef struct { uint8_t params[16], results[4]; } tw_sigbuf;
/* The function type of a signature (its arrays in *buf); false if it is malformed. */
bool tw_hostdef_type(const char *sig, tw_sigbuf *buf, tw_functype *out);
/* "(i32, i64) -> (i32)" into buf (cut to its size): for messages. */
void tw_functype_text(const tw_functype *t, char *buf, size_t n);

/* ---- arguments and results ------------------------------------------------------- */

#define TW_ARG32(k) ((uint32_t)sp[k])
#define TW_ARG64(k) ((uint64_t)sp[k])
#define TW_RET32(v) (sp[0] = (uint32_t)(v))
#define TW_RET64(v) (sp[0] = (uint64_t)(v))

/* ---- guest memory ------------------------------------------------------------------ */

typedef struct { uint8_t *base; uint64_t size; tw_memory *mem; } tw_guest;

/* The calling instance's memory 0 (all zero if it has none: every access fails). */
static inline tw_guest tw_guest_of(tw_hostcall *hc) {
    tw_guest g = {NULL, 0, tw_instance_memory(hc->instance)};
    if (g.mem) { g.base = tw_memory_base(g.mem); g.size = tw_memory_size(g.mem); }
    return g;
}
/* [p, p+len) for reading, or NULL if any of it is out of bounds. */
static inline uint8_t *tw_guest_r(const tw_guest *g, uint32_t p, uint64_t len) {
    if (!g->base || (uint64_t)p + len > g->size) return NULL;
    return g->base + p;
}
/* The same for writing: the range counts as written. */
static inline uint8_t *tw_guest_w(const tw_guest *g, uint32_t p, uint64_t len) {
    uint8_t *d = tw_guest_r(g, p, len);
    if (d && len) tw_memory_wrote(g->mem, p, len);
    return d;
}
/* One-shot forms, for a host function that touches guest memory once or twice. */
static inline uint8_t *tw_hostcall_r(tw_hostcall *hc, uint32_t p, uint64_t len) {
    tw_guest g = tw_guest_of(hc);
    return tw_guest_r(&g, p, len);
}
static inline uint8_t *tw_hostcall_w(tw_hostcall *hc, uint32_t p, uint64_t len) {
    tw_guest g = tw_guest_of(hc);
    return tw_guest_w(&g, p, len);
}

/* Little-endian values at unaligned host addresses (one move on a little-endian host). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TW_LE_LOAD(T, s) T v; memcpy(&v, s, sizeof v); return v
#define TW_LE_STORE(d, v) memcpy(d, &v, sizeof v)
#else
#define TW_LE_LOAD(T, s) T v = 0; for (size_t i = 0; i < sizeof v; i++) v |= (T)(s)[i] << 8 * i; return v
#define TW_LE_STORE(d, v) for (size_t i = 0; i < sizeof v; i++) (d)[i] = (uint8_t)((v) >> 8 * i)
#endif
static inline uint16_t tw_ld16(const uint8_t *s) { TW_LE_LOAD(uint16_t, s); }
static inline uint32_t tw_ld32(const uint8_t *s) { TW_LE_LOAD(uint32_t, s); }
static inline uint64_t tw_ld64(const uint8_t *s) { TW_LE_LOAD(uint64_t, s); }
static inline void tw_st16(uint8_t *d, uint16_t v) { TW_LE_STORE(d, v); }
static inline void tw_st32(uint8_t *d, uint32_t v) { TW_LE_STORE(d, v); }
static inline void tw_st64(uint8_t *d, uint64_t v) { TW_LE_STORE(d, v); }

/* Stores a u32 / u64 at guest address p; false if out of bounds. */
static inline bool tw_guest_put32(const tw_guest *g, uint32_t p, uint32_t v) {
    uint8_t *d = tw_guest_w(g, p, 4);
    if (d) tw_st32(d, v);
    return d != NULL;
}
static inline bool tw_guest_put64(const tw_guest *g, uint32_t p, uint64_t v) {
    uint8_t *d = tw_guest_w(g, p, 8);
    if (d) tw_st64(d, v);
    return d != NULL;
}

/* One-shot forms of the stores. */
static inline bool tw_hostcall_put32(tw_hostcall *hc, uint32_t p, uint32_t v) {
    tw_guest g = tw_guest_of(hc);
    return tw_guest_put32(&g, p, v);
}
static inline bool tw_hostcall_put64(tw_hostcall *hc, uint32_t p, uint64_t v) {
    tw_guest g = tw_guest_of(hc);
    return tw_guest_put64(&g, p, v);
}

/* ---- traps ----------------------------------------------------------------------- */

/* "lunatic::process::spawn: guest memory access out of bounds" */
#define TW_GUEST_OOB(fname) tw_hostcall_trapf(hc, "%s: guest memory access out of bounds", fname)

/* Valid UTF-8 (the Lunatic ABI's strings must be). */
bool tw_utf8_valid(const uint8_t *s, size_t n);
/* A NUL-terminated copy of the guest string [p, p+len), checked (bounds, UTF-8); NULL
 * after setting a trap in hc (naming fname). The caller frees it. */
char *tw_guest_string(tw_hostcall *hc, uint32_t p, uint32_t len, const char *fname);

#endif
