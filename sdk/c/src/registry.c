/* registry.c — lookups (plain and versioned) and versioned registration. Names are
 * registered on node 0 (tycho is not distributed from the guest's point of view here). */
#include "internal.h"

int ty_lookup(const char *name, ty_pid *pid) {
    uint64_t node = 0, id = 0;
    if (lunatic_registry_get(name, (uint32_t)strlen(name), &node, &id) != 0)
        return ty__fail(TY_ENOTFOUND, "no process registered under that name");
    if (pid) *pid = id;
    return TY_OK;
}

int ty_register_version(const char *name, const char *version, ty_pid pid) {
    if (tycho_registry_put_versioned(name, (uint32_t)strlen(name), version,
                                     (uint32_t)strlen(version), 0, pid) != 0)
        return ty__fail(TY_EVERSION, "malformed semantic version");
    return TY_OK;
}

int ty_lookup_version(const char *name, const char *requirement, ty_pid *pid) {
    uint64_t node = 0, id = 0;
    switch (tycho_registry_get_versioned(name, (uint32_t)strlen(name), requirement,
                                         (uint32_t)strlen(requirement), &node, &id)) {
    case 0:
        if (pid) *pid = id;
        return TY_OK;
    case 1: return ty__fail(TY_ENOTFOUND, "no registered version matches");
    case 2: return ty__fail(TY_EVERSION, "malformed version requirement");
    default: return ty__fail(TY_EHOST, "get_versioned: unexpected result");
    }
}
