/* tycho.c — tycho::process extensions (the versioned registry is in registry.c). */
#include <stdlib.h>

#include "host.h"

/* config_allow_namespace(config, prefix_ptr, prefix_len): restrict the config to host
 * functions whose "module::name" starts with one of its allowed prefixes. */
HOST_FN(config_allow_namespace) {
    const char *fn = "tycho::process::config_allow_namespace";
    tr_config *c = tr_res_get(SELF, TR_TAB_CONFIG, ARG64(0));
    if (!c) return tw_hostcall_trapf(hc, "%s: unknown config id %llu", fn, (unsigned long long)ARG64(0));
    char *prefix = host_string(hc, ARG32(1), ARG32(2), fn);
    if (!prefix) return TW_HOST_TRAP;
    bool ok = tr_config_add_ns(c, prefix, ARG32(2));
    free(prefix);
    return ok ? TW_HOST_OK : tw_hostcall_trapf(hc, "%s: out of memory", fn);
}

const tr_hostdef host_tycho[] = {
    {"tycho::process", "config_allow_namespace", "Iii:", config_allow_namespace},
    {0},
};
