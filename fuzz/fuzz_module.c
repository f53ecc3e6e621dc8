/* fuzz_module.c — libFuzzer target: decode + validate + translate a module, instantiate
 * it with dummy imports of the right types, run its start function and each exported
 * function (zero arguments) on a small fuel budget, then free everything.
 * Any crash, sanitizer report or leak is a bug in the engine: bad input must only ever
 * produce an error message or a trap. */
#include <stdint.h>
#include <stdlib.h>

#include "engine.h"

#define FUEL          10000
#define MAX_EXPORTS   16
#define MAX_PAGES     256          /* 16 MiB: bigger imported memories are skipped */
#define MAX_TABLE     (1u << 16)

static volatile tw_val sink;  /* results are read, so reading them is checked */

/* Imported functions return zeros; env carries the result count. */
static tw_host_status zero_host(tw_hostcall *hc, tw_val *sp) {
    uintptr_t nresults = (uintptr_t)hc->env;
    for (uintptr_t i = 0; i < nresults; i++) sp[i] = 0;
    return TW_HOST_OK;
}

/* Runs the pending call on a small budget; abandons it if it does not finish. */
static tw_status run_bounded(tw_instance *inst) {
    tw_status st = tw_run(inst, FUEL);
    if (st == TW_OUT_OF_FUEL || st == TW_BLOCKED) tw_call_abort(inst);
    return st;
}

static void exercise(tw_instance *inst, tw_module *m) {
    if (tw_instance_has_start(inst) && run_bounded(inst) == TW_TRAPPED) return;
    uint32_t n = tw_module_num_exports(m), called = 0;
    for (uint32_t i = 0; i < n && called < MAX_EXPORTS; i++) {
        tw_export_info e;
        tw_module_export(m, i, &e);
        tw_extern ext;
        if (e.kind != TW_EXT_FUNC || !tw_instance_export(inst, e.name, &ext)) continue;
        const tw_functype *ft = tw_func_type(ext.u.func);
        tw_val *args = calloc((size_t)ft->nparams + 1, sizeof *args);
        if (!args) return;
        if (tw_call_begin(inst, ext.u.func, args)) {
            if (run_bounded(inst) == TW_RETURNED) {
                const tw_val *res = tw_results(inst);
                for (uint32_t r = 0; r < ft->nresults; r++) sink ^= res[r];
            }
            called++;
        }
        free(args);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char err[256];
    tw_module *m = tw_module_new(data, size, err, sizeof err);
    if (!m) return 0;

    uint32_t nimp = tw_module_num_imports(m);
    tw_extern *imps = calloc((size_t)nimp + 1, sizeof *imps);
    bool ok = imps != NULL;
    for (uint32_t i = 0; ok && i < nimp; i++) {
        tw_import_info ii;
        tw_module_import(m, i, &ii);
        tw_extern *x = &imps[i];
        x->kind = ii.kind;
        switch (ii.kind) {
        case TW_EXT_FUNC:
            x->u.func = tw_func_new_host(ii.func, zero_host, (void *)(uintptr_t)ii.func->nresults);
            ok = x->u.func != NULL;
            break;
        case TW_EXT_TABLE:
            ok = ii.limits.min <= MAX_TABLE &&
                 (x->u.table = tw_table_new(ii.elemtype, ii.limits)) != NULL;
            break;
        case TW_EXT_MEMORY:
            ok = ii.limits.min <= MAX_PAGES &&
                 (x->u.memory = tw_memory_new(ii.limits)) != NULL;
            break;
        case TW_EXT_GLOBAL:
            ok = (x->u.global = tw_global_new(ii.valtype, ii.mut, 0)) != NULL;
            break;
        default:
            ok = false;
        }
    }

    if (ok) {
        tw_config cfg = {.max_memory_bytes = (uint64_t)MAX_PAGES * 65536,
                         .max_call_depth = 2000, .max_stack_bytes = 1u << 20};
        tw_instance *inst = tw_instance_new(m, imps, nimp, &cfg, err, sizeof err);
        if (inst) {
            exercise(inst, m);
            tw_instance_free(inst);
        }
    }

    /* imps is zeroed: entries never made are funcs with a NULL pointer */
    for (uint32_t i = 0; imps && i < nimp; i++) {
        tw_extern *x = &imps[i];
        switch (x->kind) {
        case TW_EXT_FUNC: if (x->u.func) tw_func_free(x->u.func); break;
        case TW_EXT_TABLE: if (x->u.table) tw_table_free(x->u.table); break;
        case TW_EXT_MEMORY: if (x->u.memory) tw_memory_free(x->u.memory); break;
        case TW_EXT_GLOBAL: if (x->u.global) tw_global_free(x->u.global); break;
        }
    }
    free(imps);
    tw_module_free(m);
    return 0;
}
