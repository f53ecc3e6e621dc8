/* config.h — a config as the runtime holds it (config.c): its fields, read by spawning
 * (limits, the WASI world) and linking (namespaces). The host layer uses runtime.h's
 * functions. */
#ifndef TYCHO_RUNTIME_CONFIG_H
#define TYCHO_RUNTIME_CONFIG_H

#include <stdatomic.h>

#include "runtime.h"

struct tr_config {
    atomic_uint refs;             /* a process's own config is shared with the children
                                   * that inherit it (config -1); resources are not shared */
    uint64_t max_memory;          /* bytes; Lunatic's default is 4 GiB (u32::MAX) */
    uint64_t max_fuel;            /* units of TR_FUEL_UNIT; 0 = unlimited */
    bool can_compile, can_create_configs, can_spawn;
    /* Allowed namespaces: a conjunction of prefix lists (the parent's restrictions plus
     * the config's own); a qualified name "module::name" is allowed when, for every list,
     * it starts with one of its prefixes. No list = everything. */
    char ***ns_lists; uint32_t *ns_counts; uint32_t n_ns_lists;
    char **own_ns; uint32_t n_own_ns;   /* prefixes added to this config (its own list) */
    char **denied; uint32_t n_denied;   /* denied prefixes (tr_config_deny_ns): win over
                                         * every list, inherited by every child */
    char **args; uint32_t nargs;
    char **env; uint32_t nenv;          /* "NAME=VALUE" */
    char **dirs; uint32_t ndirs;        /* host directories (preopened as the same path) */
    char **guest_dirs;                  /* the name the guest sees for dirs[i] */
};

#endif
