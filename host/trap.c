/* trap.c — lunatic::trap::catch(function, pointer) -> i32: calls the guest's export
 * _lunatic_catch_trap(function, pointer); if that traps, returns 0 instead of ending the
 * process, else its i32 result. Built on the engine's nested calls: the first issue starts
 * the call, the re-issue after it ended reports the outcome (see engine.h). */
#include "host.h"

HOST_FN(catch_) {
    const tw_val *r;
    const char *trap = NULL;
    switch (tw_hostcall_nested(hc, &r, &trap)) {
    case TW_NESTED_NONE: {
        tw_extern ext;
        if (!tw_instance_export(hc->instance, "_lunatic_catch_trap", &ext) ||
            ext.kind != TW_EXT_FUNC)
            return tw_hostcall_trapf(hc, "lunatic::trap::catch: the module has no "
                                         "_lunatic_catch_trap export");
        const tw_functype *ft = tw_func_type(ext.u.func);
        if (ft->nparams != 2 || ft->params[0] != TW_I32 || ft->params[1] != TW_I32 ||
            ft->nresults != 1 || ft->results[0] != TW_I32)
            return tw_hostcall_trapf(hc, "lunatic::trap::catch: _lunatic_catch_trap must "
                                         "have type (i32, i32) -> i32");
        return tw_hostcall_invoke(hc, ext.u.func, sp);
    }
    case TW_NESTED_RETURNED: TW_RET32(r[0]); return TW_HOST_OK;
    case TW_NESTED_TRAPPED:
        /* proc_exit unwinds as a trap, but it is an exit, not a failure to catch. */
        if (tw_wasi_exited(tr_process_wasi(SELF), &(int){0})) {
            hc->trap = tw_wasi_exit_trap;
            return TW_HOST_TRAP;
        }
        TW_RET32(0);
        return TW_HOST_OK;
    }
    return TW_HOST_OK;
}

const tw_hostdef host_trap[] = {
    {"lunatic::trap", "catch", "ii:i", catch_},
    {0},
};
