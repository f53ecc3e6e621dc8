/* host.c — the list of the Lunatic (and tycho::) namespaces tycho links guests against. */
#include "host.h"

const tw_hostdef *const host_namespaces[] = {
    host_process, host_message, host_timer, host_registry, host_error, host_version,
    host_trap, host_wasi_config, host_metrics, host_distributed, host_tycho, host_networking,
    host_tcp, host_udp, host_tls, NULL,
};
