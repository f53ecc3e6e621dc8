/* host.h — what every host namespace file shares: checked access to the calling guest's
 * memory, and the tables of host functions each namespace exports to the runtime.
 *
 * The host layer is thin: it checks guest pointers, decodes arguments, calls the runtime
 * and encodes results. A bad pointer, an unknown resource id or invalid UTF-8 traps the
 * calling process only (Lunatic: "Trap raised during host call"). */
#ifndef TYCHO_HOST_H
#define TYCHO_HOST_H

#include <stdint.h>
#include <string.h>

#include "../runtime/runtime.h"

#define HOST_FN(name) static tw_host_status name(tw_hostcall *hc, tw_val *sp)
#define ARG32(i) ((uint32_t)sp[i])
#define ARG64(i) ((uint64_t)sp[i])
#define RET32(v) (sp[0] = (uint32_t)(v))
#define RET64(v) (sp[0] = (uint64_t)(v))
#define SELF tr_current(hc)

/* [p, p+len) in the caller's memory, for reading, or NULL (the caller then traps). */
static inline uint8_t *host_mem(tw_hostcall *hc, uint32_t p, uint64_t len) {
    tw_memory *m = tw_instance_memory(hc->instance);
    if (!m) return NULL;
    if ((uint64_t)p + len > tw_memory_size(m)) return NULL;
    return tw_memory_base(m) + p;
}
/* The same, for writing: the range is reported as written, so that the engine clears it
 * before the memory's buffer goes to another process. */
static inline uint8_t *host_mem_w(tw_hostcall *hc, uint32_t p, uint64_t len) {
    uint8_t *d = host_mem(hc, p, len);
    if (d) tw_memory_wrote(tw_instance_memory(hc->instance), p, len);
    return d;
}

/* Little-endian u64 at an unaligned guest address (one move on a little-endian host). */
static inline void host_st64(uint8_t *d, uint64_t v) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(d, &v, 8);
#else
    for (int i = 0; i < 8; i++) d[i] = (uint8_t)(v >> 8 * i);
#endif
}
static inline uint64_t host_ld64(const uint8_t *s) {
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&v, s, 8);
#else
    for (int i = 0; i < 8; i++) v |= (uint64_t)s[i] << 8 * i;
#endif
    return v;
}

/* Writes a u64 LE at guest address p; false if out of bounds. */
static inline bool host_put64(tw_hostcall *hc, uint32_t p, uint64_t v) {
    uint8_t *d = host_mem_w(hc, p, 8);
    if (d) host_st64(d, v);
    return d != NULL;
}

/* A trap naming the function: "lunatic::process::spawn: memory access out of bounds". */
#define HOST_OOB(fname) tw_hostcall_trapf(hc, "%s: guest memory access out of bounds", fname)

/* Valid UTF-8 (the ABI's strings must be). */
bool host_utf8(const uint8_t *s, size_t n);
/* A NUL-terminated copy of the guest string [p, p+len), checked (bounds, UTF-8);
 * NULL after setting a trap message in hc. The caller frees it. */
char *host_string(tw_hostcall *hc, uint32_t p, uint32_t len, const char *fname);

/* Decodes spawn's 17-byte parameter records (lunatic-abi.md §0); NULL with a message in
 * err on a bad encoding. The caller frees the array. */
tr_param *host_spawn_params(const uint8_t *b, uint32_t len, uint32_t *n, char *err,
                            size_t errlen);

/* The namespaces' tables (ended by a zeroed entry), collected in host.c. */
extern const tr_hostdef host_process[], host_message[], host_timer[], host_registry[],
    host_error[], host_version[], host_trap[], host_wasi_config[], host_metrics[],
    host_distributed[], host_tycho[];

#endif
