/* process.c — lunatic::process: modules, configs, spawn, links, monitors, kill, sleep. */
#include <stdio.h>
#include <stdlib.h>

#include "host.h"
#include "../runtime/registry.h"

/* 0 with the id written, or 1 with an error resource written (Lunatic's convention). */
static tw_host_status result_or_error(tw_hostcall *hc, tw_val *sp, uint32_t out, bool ok,
                                      uint64_t id, const char *msg, const char *fname) {
    if (!ok) {
        id = tr_error_new(SELF, msg);
        if (id == UINT64_MAX) return tw_hostcall_trapf(hc, "%s: out of memory", fname);
    }
    if (!tw_hostcall_put64(hc, out, id)) return TW_GUEST_OOB(fname);
    TW_RET32(ok ? 0 : 1);
    return TW_HOST_OK;
}

HOST_FN(compile_module) {
    const char *fn = "lunatic::process::compile_module";
    tr_process *p = SELF;
    if (!tw_hostcall_r(hc, TW_ARG32(2), 8)) return TW_GUEST_OOB(fn);
    uint8_t *bytes = tw_hostcall_r(hc, TW_ARG32(0), TW_ARG32(1));
    if (!bytes) return TW_GUEST_OOB(fn);
    char err[256];
    tr_module *m;
    int rc = tr_process_compile(p, bytes, TW_ARG32(1), &m, err, sizeof err);
    if (rc == TR_EPERM) { TW_RET32(-1); return TW_HOST_OK; }
    uint64_t id = 0;
    if (m && (id = tr_res_add(p, TR_TAB_MODULE, m)) == UINT64_MAX) {
        tr_module_unref(m);
        return tw_hostcall_trapf(hc, "%s: out of memory", fn);
    }
    return result_or_error(hc, sp, TW_ARG32(2), m != NULL, id, err, fn);
}

HOST_FN(drop_module) {
    if (!tr_res_drop(SELF, TR_TAB_MODULE, TW_ARG64(0)))
        return tw_hostcall_trapf(hc, "lunatic::process::drop_module: unknown module id %llu",
                                 (unsigned long long)TW_ARG64(0));
    return TW_HOST_OK;
}

HOST_FN(create_config) {
    tr_process *p = SELF;
    tr_config *c;
    int rc = tr_config_create(p, &c);
    if (rc == TR_EPERM) { TW_RET64(-1); return TW_HOST_OK; }
    uint64_t id = c ? tr_res_add(p, TR_TAB_CONFIG, c) : UINT64_MAX;
    if (id == UINT64_MAX) {
        tr_config_free(c);
        return tw_hostcall_trapf(hc, "lunatic::process::create_config: out of memory");
    }
    TW_RET64(id);
    return TW_HOST_OK;
}

HOST_FN(drop_config) {
    if (!tr_res_drop(SELF, TR_TAB_CONFIG, TW_ARG64(0)))
        return tw_hostcall_trapf(hc, "lunatic::process::drop_config: unknown config id %llu",
                                 (unsigned long long)TW_ARG64(0));
    return TW_HOST_OK;
}

/* The config `id` of the caller, or NULL after setting a trap. */
static tr_config *config_arg(tw_hostcall *hc, uint64_t id, const char *fname) {
    tr_config *c = tr_res_get(SELF, TR_TAB_CONFIG, id);
    if (!c) tw_hostcall_trapf(hc, "%s: unknown config id %llu", fname, (unsigned long long)id);
    return c;
}

/* The config accessors: one getter and one setter per field. */
#define CONFIG_GET(name, field, RET)                                                        \
    HOST_FN(name) {                                                                         \
        tr_config *c = config_arg(hc, TW_ARG64(0), "lunatic::process::" #name);             \
        if (!c) return TW_HOST_TRAP;                                                        \
        RET(tr_config_get(c, field));                                                       \
        return TW_HOST_OK;                                                                  \
    }
#define CONFIG_SET(name, field, ARG)                                                        \
    HOST_FN(name) {                                                                         \
        tr_config *c = config_arg(hc, TW_ARG64(0), "lunatic::process::" #name);             \
        if (!c) return TW_HOST_TRAP;                                                        \
        tr_config_set(c, field, ARG(1));                                                    \
        return TW_HOST_OK;                                                                  \
    }
CONFIG_SET(config_set_max_memory, TR_CFG_MAX_MEMORY, TW_ARG64)
CONFIG_GET(config_get_max_memory, TR_CFG_MAX_MEMORY, TW_RET64)
CONFIG_SET(config_set_max_fuel, TR_CFG_MAX_FUEL, TW_ARG64)
CONFIG_GET(config_get_max_fuel, TR_CFG_MAX_FUEL, TW_RET64)
CONFIG_GET(config_can_compile_modules, TR_CFG_CAN_COMPILE, TW_RET32)
CONFIG_SET(config_set_can_compile_modules, TR_CFG_CAN_COMPILE, TW_ARG32)
CONFIG_GET(config_can_create_configs, TR_CFG_CAN_CREATE_CONFIGS, TW_RET32)
CONFIG_SET(config_set_can_create_configs, TR_CFG_CAN_CREATE_CONFIGS, TW_ARG32)
CONFIG_GET(config_can_spawn_processes, TR_CFG_CAN_SPAWN, TW_RET32)
CONFIG_SET(config_set_can_spawn_processes, TR_CFG_CAN_SPAWN, TW_ARG32)

tr_param *host_spawn_params(const uint8_t *b, uint32_t len, uint32_t *n, char *err,
                            size_t errlen) {
    if (len % 17) {
        snprintf(err, errlen, "spawn parameters: %u bytes is not a multiple of 17", len);
        return NULL;
    }
    *n = len / 17;
    tr_param *ps = calloc(*n + 1, sizeof *ps);
    if (!ps) { snprintf(err, errlen, "out of memory"); return NULL; }
    for (uint32_t i = 0; i < *n; i++, b += 17) {
        uint64_t lo = tw_ld64(b + 1);
        switch (b[0]) {
        case 0x7F: ps[i] = (tr_param){TW_I32, (uint32_t)lo}; break;
        case 0x7E: ps[i] = (tr_param){TW_I64, lo}; break;
        case 0x7B:
            snprintf(err, errlen, "spawn parameter %u: v128 is not supported (no SIMD yet)", i + 1);
            free(ps);
            return NULL;
        default:
            snprintf(err, errlen, "spawn parameter %u: unknown type code 0x%02x", i + 1, b[0]);
            free(ps);
            return NULL;
        }
    }
    return ps;
}

/* The shared part of spawn and get_or_spawn. Returns false after a trap; otherwise
 * *ok tells success (*id the pid) or failure (err). */
static bool do_spawn(tw_hostcall *hc, const char *fname, int64_t link, int64_t config_id,
                     int64_t module_id, uint32_t func_ptr, uint32_t func_len,
                     uint32_t params_ptr, uint32_t params_len, bool *ok, uint64_t *id,
                     char *err, size_t errlen) {
    tr_process *p = SELF;
    tr_config *cfg = config_id == -1 ? tr_process_config(p)
                                     : tr_res_get(p, TR_TAB_CONFIG, (uint64_t)config_id);
    if (!cfg) {
        tw_hostcall_trapf(hc, "%s: unknown config id %lld", fname, (long long)config_id);
        return false;
    }
    tr_module *m = module_id == -1 ? tr_process_module(p)
                                   : tr_res_get(p, TR_TAB_MODULE, (uint64_t)module_id);
    if (!m) {
        tw_hostcall_trapf(hc, "%s: unknown module id %lld", fname, (long long)module_id);
        return false;
    }
    char *func = tw_guest_string(hc, func_ptr, func_len, fname);
    if (!func) return false;
    uint8_t *pb = tw_hostcall_r(hc, params_ptr, params_len);
    if (!pb) { free(func); TW_GUEST_OOB(fname); return false; }
    uint32_t n = 0;
    tr_param *ps = host_spawn_params(pb, params_len, &n, err, errlen);
    int rc = ps ? tr_spawn(p, link, cfg, m, func, ps, n, id, err, errlen) : 1;
    free(ps);
    free(func);
    if (rc == TR_EPERM) {   /* Lunatic: spawning without the permission traps */
        tw_hostcall_trapf(hc, "%s: %s", fname, err);
        return false;
    }
    *ok = rc == 0;
    return true;
}

HOST_FN(spawn) {
    const char *fn = "lunatic::process::spawn";
    if (!tw_hostcall_r(hc, TW_ARG32(7), 8)) return TW_GUEST_OOB(fn);
    bool ok = false;
    uint64_t id = 0;
    char err[256];
    if (!do_spawn(hc, fn, (int64_t)TW_ARG64(0), (int64_t)TW_ARG64(1), (int64_t)TW_ARG64(2), TW_ARG32(3),
                  TW_ARG32(4), TW_ARG32(5), TW_ARG32(6), &ok, &id, err, sizeof err))
        return TW_HOST_TRAP;
    return result_or_error(hc, sp, TW_ARG32(7), ok, id, err, fn);
}

HOST_FN(get_or_spawn) {
    const char *fn = "lunatic::process::get_or_spawn";
    tr_process *p = SELF;
    uint32_t node_ptr = TW_ARG32(9), id_ptr = TW_ARG32(10);
    if (!tw_hostcall_r(hc, node_ptr, 8) || !tw_hostcall_r(hc, id_ptr, 8)) return TW_GUEST_OOB(fn);
    uint8_t *name = tw_hostcall_r(hc, TW_ARG32(0), TW_ARG32(1));
    if (!name) return TW_GUEST_OOB(fn);
    if (!tw_utf8_valid(name, TW_ARG32(1))) return tw_hostcall_trapf(hc, "%s: name is not valid UTF-8", fn);
    tr_runtime *rt = tr_process_runtime(p);
    tr_registry *r = tr_process_registry(p);
    uint64_t node = 0, id = 0;
    tr_registry_lock(r);
    if (tr_registry_get_locked(r, (const char *)name, TW_ARG32(1), &node, &id)) {
        tr_registry_unlock(r);
        tw_hostcall_put64(hc, node_ptr, node);
        tw_hostcall_put64(hc, id_ptr, id);
        TW_RET32(2);
        return TW_HOST_OK;
    }
    bool ok = false;
    char err[256];
    if (!do_spawn(hc, fn, (int64_t)TW_ARG64(2), (int64_t)TW_ARG64(3), (int64_t)TW_ARG64(4), TW_ARG32(5),
                  TW_ARG32(6), TW_ARG32(7), TW_ARG32(8), &ok, &id, err, sizeof err)) {
        tr_registry_unlock(r);
        return TW_HOST_TRAP;
    }
    bool put = ok && tr_registry_put_locked(r, (const char *)name, TW_ARG32(1), 0, id);
    tr_registry_unlock(r);
    if (ok && !put) {
        tr_kill(rt, id);
        ok = false;
        snprintf(err, sizeof err, "out of memory");
    }
    if (put) tr_process_registered(p, id);
    if (ok) {
        tw_hostcall_put64(hc, node_ptr, 0);
        tw_hostcall_put64(hc, id_ptr, id);
        TW_RET32(0);
        return TW_HOST_OK;
    }
    return result_or_error(hc, sp, id_ptr, false, 0, err, fn);
}

HOST_FN(sleep_ms) { return tr_sleep(hc, TW_ARG64(0)); }
HOST_FN(die_when_link_dies) { tr_die_when_link_dies(SELF, TW_ARG32(0) != 0); return TW_HOST_OK; }
HOST_FN(process_id) { TW_RET64(tr_process_id(SELF)); return TW_HOST_OK; }
HOST_FN(environment_id) { TW_RET64(tr_process_environment(SELF)); return TW_HOST_OK; }
HOST_FN(link) { tr_link(SELF, (int64_t)TW_ARG64(0), TW_ARG64(1)); return TW_HOST_OK; }
HOST_FN(unlink) { tr_unlink(SELF, TW_ARG64(0)); return TW_HOST_OK; }
HOST_FN(monitor) { tr_monitor(SELF, TW_ARG64(0)); return TW_HOST_OK; }
HOST_FN(stop_monitoring) { tr_stop_monitoring(SELF, TW_ARG64(0)); return TW_HOST_OK; }
HOST_FN(kill) { tr_kill(tr_process_runtime(SELF), TW_ARG64(0)); return TW_HOST_OK; }
HOST_FN(exists) { TW_RET32(tr_exists(tr_process_runtime(SELF), TW_ARG64(0))); return TW_HOST_OK; }

#define P(name, sig) {"lunatic::process", #name, sig, name}
const tw_hostdef host_process[] = {
    P(compile_module, "iii:i"),
    P(drop_module, "I:"),
    P(create_config, ":I"),
    P(drop_config, "I:"),
    P(config_set_max_memory, "II:"),
    P(config_get_max_memory, "I:I"),
    P(config_set_max_fuel, "II:"),
    P(config_get_max_fuel, "I:I"),
    P(config_can_compile_modules, "I:i"),
    P(config_set_can_compile_modules, "Ii:"),
    P(config_can_create_configs, "I:i"),
    P(config_set_can_create_configs, "Ii:"),
    P(config_can_spawn_processes, "I:i"),
    P(config_set_can_spawn_processes, "Ii:"),
    P(spawn, "IIIiiiii:i"),
    P(get_or_spawn, "iiIIIiiiiii:i"),
    P(sleep_ms, "I:"),
    P(die_when_link_dies, "i:"),
    P(process_id, ":I"),
    P(environment_id, ":I"),
    P(link, "II:"),
    P(unlink, "I:"),
    P(monitor, "I:"),
    P(stop_monitoring, "I:"),
    P(kill, "I:"),
    P(exists, "I:i"),
    {0},
};
