/* registry.c — lunatic::registry (plain names) and tycho::registry (versioned names).
 * Unlike Lunatic's, names vanish when their process dies (see docs/processes.md). */
#include "host.h"
#include "../runtime/registry.h"

#define FN(name) "lunatic::registry::" #name

/* The name argument (ptr, len) at sp[i], sp[i+1], checked. NULL after a trap. */
static const char *name_arg(tw_hostcall *hc, tw_val *sp, int i, const char *fname) {
    const uint8_t *s = tw_hostcall_r(hc, TW_ARG32(i), TW_ARG32(i + 1));
    if (!s) { TW_GUEST_OOB(fname); return NULL; }
    if (!tw_utf8_valid(s, TW_ARG32(i + 1))) {
        tw_hostcall_trapf(hc, "%s: string is not valid UTF-8", fname);
        return NULL;
    }
    return (const char *)s;
}

static tr_registry *reg(tw_hostcall *hc) { return tr_process_registry(SELF); }

HOST_FN(put) {
    const char *name = name_arg(hc, sp, 0, FN(put));
    if (!name) return TW_HOST_TRAP;
    if (!tr_registry_put(reg(hc), name, TW_ARG32(1), TW_ARG64(2), TW_ARG64(3)))
        return tw_hostcall_trapf(hc, FN(put) ": out of memory");
    if (TW_ARG64(2) == 0) tr_process_registered(SELF, TW_ARG64(3));
    return TW_HOST_OK;
}

HOST_FN(get) {
    const char *name = name_arg(hc, sp, 0, FN(get));
    if (!name) return TW_HOST_TRAP;
    if (!tw_hostcall_r(hc, TW_ARG32(2), 8) || !tw_hostcall_r(hc, TW_ARG32(3), 8)) return TW_GUEST_OOB(FN(get));
    uint64_t node, pid;
    if (!tr_registry_get(reg(hc), name, TW_ARG32(1), &node, &pid)) { TW_RET32(1); return TW_HOST_OK; }
    tw_hostcall_put64(hc, TW_ARG32(2), node);
    tw_hostcall_put64(hc, TW_ARG32(3), pid);
    TW_RET32(0);
    return TW_HOST_OK;
}

HOST_FN(remove) {
    const char *name = name_arg(hc, sp, 0, FN(remove));
    if (!name) return TW_HOST_TRAP;
    tr_registry_remove(reg(hc), name, TW_ARG32(1));
    return TW_HOST_OK;
}

/* tycho::registry::put_versioned(name_ptr, name_len, ver_ptr, ver_len, node, pid) -> i32 */
HOST_FN(put_versioned) {
    const char *fn = "tycho::registry::put_versioned";
    const char *name = name_arg(hc, sp, 0, fn), *ver = name ? name_arg(hc, sp, 2, fn) : NULL;
    if (!ver) return TW_HOST_TRAP;
    int r = tr_registry_put_versioned(reg(hc), name, TW_ARG32(1), ver, TW_ARG32(3), TW_ARG64(4), TW_ARG64(5));
    if (r < 0) return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    if (r == 0 && TW_ARG64(4) == 0) tr_process_registered(SELF, TW_ARG64(5));
    TW_RET32(r);
    return TW_HOST_OK;
}

/* tycho::registry::get_versioned(name_ptr, name_len, req_ptr, req_len, node_ptr, pid_ptr) -> i32 */
HOST_FN(get_versioned) {
    const char *fn = "tycho::registry::get_versioned";
    const char *name = name_arg(hc, sp, 0, fn), *req = name ? name_arg(hc, sp, 2, fn) : NULL;
    if (!req) return TW_HOST_TRAP;
    if (!tw_hostcall_r(hc, TW_ARG32(4), 8) || !tw_hostcall_r(hc, TW_ARG32(5), 8)) return TW_GUEST_OOB(fn);
    uint64_t node = 0, pid = 0;
    int r = tr_registry_get_versioned(reg(hc), name, TW_ARG32(1), req, TW_ARG32(3), &node, &pid);
    if (r == 0) {
        tw_hostcall_put64(hc, TW_ARG32(4), node);
        tw_hostcall_put64(hc, TW_ARG32(5), pid);
    }
    TW_RET32(r);
    return TW_HOST_OK;
}

const tw_hostdef host_registry[] = {
    {"lunatic::registry", "put", "iiII:", put},
    {"lunatic::registry", "get", "iiii:i", get},
    {"lunatic::registry", "remove", "ii:", remove},
    {"tycho::registry", "put_versioned", "iiiiII:i", put_versioned},
    {"tycho::registry", "get_versioned", "iiiiii:i", get_versioned},
    {0},
};
