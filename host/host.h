/* host.h — what the Lunatic namespaces share: the host-call layer (engine/hostcall.h:
 * checked guest memory, arguments, signatures), the calling process, and the tables of
 * host functions each namespace exports.
 *
 * The host layer is thin: it checks guest pointers, decodes arguments, calls the runtime
 * and encodes results. A bad pointer, an unknown resource id or invalid UTF-8 traps the
 * calling process only (Lunatic: "Trap raised during host call"). */
#ifndef TYCHO_HOST_H
#define TYCHO_HOST_H

#include <stdint.h>
#include <string.h>

#include "../engine/hostcall.h"
#include "../runtime/runtime.h"

#define HOST_FN(name) static tw_host_status name(tw_hostcall *hc, tw_val *sp)
#define SELF tr_current(hc)

/* Decodes spawn's 17-byte parameter records (lunatic-abi.md §0); NULL with a message in
 * err on a bad encoding. The caller frees the array. */
tr_param *host_spawn_params(const uint8_t *b, uint32_t len, uint32_t *n, char *err,
                            size_t errlen);

/* ---- networking (networking.c): what tcp.c, udp.c and tls.c share ---------------------
 * Ids and byte counts go out as u64 through pointers; a failure writes an error id to the
 * same pointer and returns 1, a timeout returns 9027 (lunatic-abi.md §0). */
/* A socket address from the ABI's (type, ptr, port, flow info, scope id): false after
 * setting a trap (type not 4 or 6, address out of bounds). */
bool host_addr_in(tw_hostcall *hc, uint32_t type, uint32_t ptr, uint32_t port, uint32_t flow,
                  uint32_t scope, tr_addr *a, const char *fn);
/* A new DNS iterator holding one address; UINT64_MAX on OOM. */
uint64_t host_addr_out(tr_process *p, const tr_addr *a);
/* The end of a call with *code from the runtime (0, 1 + err, TR_TIMEOUT, TR_NET_FATAL):
 * on 0 writes ok_value to ptr (unless write_ok is false), on 1 an error id; returns the
 * ABI's result, or traps (TR_NET_FATAL, OOM, a bad pointer). */
tw_host_status host_net_end(tw_hostcall *hc, tw_val *sp, int code, const char *err, uint32_t ptr,
                            bool write_ok, uint64_t ok_value, const char *fn);
/* The socket of handle id in table `tab`; NULL after setting a trap ("unknown ..."). */
tr_sock *host_sock(tw_hostcall *hc, int tab, uint64_t id, const char *fn);
/* Guest ciovecs {u32 ptr, u32 len} -> host iovecs (at most max); false after a trap. */
struct iovec;
bool host_ciovecs(tw_hostcall *hc, uint32_t ptr, uint32_t n, struct iovec *iov, int max, int *cnt,
                  const char *fn);

/* Streams (tcp.c), shared with tls.c: read/peek (ARG0 id, buf, len, out ptr), write
 * ciovecs (ARG0 id, ciovecs, count, out ptr), a timeout's set/get (ARG0 id, ARG1 ms). */
tw_host_status host_stream_read(tw_hostcall *hc, tw_val *sp, int tab, bool peek, const char *fn);
tw_host_status host_stream_write(tw_hostcall *hc, tw_val *sp, int tab, const char *fn);
tw_host_status host_set_timeout(tw_hostcall *hc, tw_val *sp, int tab, int which, const char *fn);
tw_host_status host_get_timeout(tw_hostcall *hc, tw_val *sp, int tab, int which, const char *fn);

/* The namespaces' tables (ended by a zeroed entry), and the NULL-ended list of them all
 * (host.c): what the runtime links Lunatic guests against, with WASI's. */
extern const tw_hostdef *const host_namespaces[];
extern const tw_hostdef host_process[], host_message[], host_timer[], host_registry[],
    host_error[], host_version[], host_trap[], host_wasi_config[], host_metrics[],
    host_distributed[], host_tycho[], host_networking[], host_tcp[], host_udp[], host_tls[];

#endif
