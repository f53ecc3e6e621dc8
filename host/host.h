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

/* The namespaces' tables (ended by a zeroed entry), and the NULL-ended list of them all
 * (host.c): what the runtime links Lunatic guests against, with WASI's. */
extern const tw_hostdef *const host_namespaces[];
extern const tw_hostdef host_process[], host_message[], host_timer[], host_registry[],
    host_error[], host_version[], host_trap[], host_wasi_config[], host_metrics[],
    host_distributed[], host_tycho[];

#endif
