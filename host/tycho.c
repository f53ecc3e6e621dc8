/* tycho.c — tycho::process extensions (the versioned registry is in registry.c). */
#include <stdlib.h>

#include "host.h"

/* config_allow_namespace(config, prefix_ptr, prefix_len): restrict the config to host
 * functions whose "module::name" starts with one of its allowed prefixes. */
HOST_FN(config_allow_namespace) {
    const char *fn = "tycho::process::config_allow_namespace";
    tr_config *c = tr_res_get(SELF, TR_TAB_CONFIG, TW_ARG64(0));
    if (!c) return tw_hostcall_trapf(hc, "%s: unknown config id %llu", fn, (unsigned long long)TW_ARG64(0));
    char *prefix = tw_guest_string(hc, TW_ARG32(1), TW_ARG32(2), fn);
    if (!prefix) return TW_HOST_TRAP;
    bool ok = tr_config_add_ns(c, prefix, TW_ARG32(2));
    free(prefix);
    return ok ? TW_HOST_OK : tw_hostcall_trapf(hc, "%s: out of memory", fn);
}

const tw_hostdef host_tycho[] = {
    {"tycho::process", "config_allow_namespace", "Iii:", config_allow_namespace},
    {0},
};
