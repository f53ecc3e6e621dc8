/* spawn.c — spawning C functions (through the _tycho_spawn_trampoline export), exports
 * by name, named processes (get_or_spawn) and module compilation. */
#include "internal.h"

_Static_assert(sizeof(ty_param) == 17, "spawn params are packed 17-byte records");

/* In wasm32 a function pointer is its index in the (shared) function table. */
__attribute__((export_name(TY_TRAMPOLINE)))
void _tycho_spawn_trampoline(int32_t fn_index, int64_t arg) {
    ((ty_entry)(intptr_t)fn_index)(arg);
}

static void entry_params(ty_param p[2], ty_entry fn, int64_t arg) {
    p[0] = ty_param_i32((int32_t)(intptr_t)fn);
    p[1] = ty_param_i64(arg);
}

/* The ABI's 0 = id / 1 = error id convention of spawn and compile_module. */
static int id_result(int32_t rc, uint64_t id, uint64_t *out) {
    if (rc == 0) {
        if (out) *out = id;
        return TY_OK;
    }
    if (rc == 1) return ty__fail_host(id);
    return ty__fail(TY_EHOST, "unexpected result code from the host");
}

int ty_spawn_export(ty_config config, int64_t link_tag, ty_module module,
                    const char *export_name, const ty_param *params, size_t nparams,
                    ty_pid *out) {
    if (!export_name || (nparams && !params))
        return ty__fail(TY_EINVAL, "ty_spawn_export: no export name or params");
    uint64_t id = 0;
    int32_t rc = lunatic_process_spawn(link_tag, config, module, export_name,
                                       (uint32_t)strlen(export_name), params,
                                       (uint32_t)(nparams * sizeof(ty_param)), &id);
    return id_result(rc, id, out);
}

int ty_spawn_config(ty_config config, int64_t link_tag, ty_entry fn, int64_t arg, ty_pid *out) {
    if (!fn) return ty__fail(TY_EINVAL, "ty_spawn: no function");
    ty_param p[2];
    entry_params(p, fn, arg);
    /* The caller's own module: the table index only means something there. */
    return ty_spawn_export(config, link_tag, TY_INHERIT, TY_TRAMPOLINE, p, 2, out);
}

int ty_spawn(ty_entry fn, int64_t arg, ty_pid *out) {
    return ty_spawn_config(TY_INHERIT, 0, fn, arg, out);
}

int ty_spawn_link(int64_t tag, ty_entry fn, int64_t arg, ty_pid *out) {
    if (tag == 0) return ty__fail(TY_EINVAL, "ty_spawn_link: the link tag must be non-zero");
    return ty_spawn_config(TY_INHERIT, tag, fn, arg, out);
}

int ty_spawn_named_config(const char *name, ty_config config, int64_t link_tag,
                          ty_entry fn, int64_t arg, ty_pid *out) {
    if (!name || !fn) return ty__fail(TY_EINVAL, "ty_spawn_named: no name or function");
    ty_param p[2];
    entry_params(p, fn, arg);
    uint64_t node = 0, id = 0;
    int32_t rc = lunatic_process_get_or_spawn(name, (uint32_t)strlen(name), link_tag, config,
                                              TY_INHERIT, TY_TRAMPOLINE,
                                              (uint32_t)strlen(TY_TRAMPOLINE), p, sizeof p,
                                              &node, &id);
    if (rc == 2) {   /* already registered: (node, id) of the existing process */
        if (out) *out = id;
        return TY_FOUND;
    }
    return id_result(rc, id, out);
}

int ty_spawn_named(const char *name, ty_entry fn, int64_t arg, ty_pid *out) {
    return ty_spawn_named_config(name, TY_INHERIT, 0, fn, arg, out);
}

int ty_compile_module(const void *wasm, size_t len, ty_module *out) {
    if (!wasm && len) return ty__fail(TY_EINVAL, "ty_compile_module: no bytes");
    uint64_t id = 0;
    int32_t rc = lunatic_process_compile_module(wasm, (uint32_t)len, &id);
    if (rc == -1)
        return ty__fail(TY_EPERM, "ty_compile_module: the process may not compile modules");
    uint64_t m = 0;
    int r = id_result(rc, id, &m);
    if (r == TY_OK && out) *out = (ty_module)m;
    return r;
}
