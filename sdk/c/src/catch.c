/* catch.c — ty_catch through lunatic::trap::catch, which re-enters the guest through the
 * export _lunatic_catch_trap(function, pointer) and returns 0 if that traps. */
#include "internal.h"

__attribute__((export_name("_lunatic_catch_trap")))
int32_t _lunatic_catch_trap(int32_t function, int32_t pointer) {
    return ((int32_t (*)(int32_t))(intptr_t)function)(pointer);
}

struct catch_frame {
    int32_t (*fn)(int32_t);
    int32_t arg;
    int32_t result;
};

/* Returns 1, never 0, so that 0 can only mean "trapped"; the real result goes through the
 * frame. */
static int32_t catch_thunk(int32_t pointer) {
    struct catch_frame *f = (struct catch_frame *)(intptr_t)pointer;
    f->result = f->fn(f->arg);
    return 1;
}

int ty_catch(int32_t (*fn)(int32_t), int32_t arg, int32_t *result) {
    if (!fn) return ty__fail(TY_EINVAL, "ty_catch: no function");
    /* The frame is on the shadow stack. A trap leaves __stack_pointer wherever the trapped
     * code had moved it; this function's epilogue resets it from its own frame base. */
    struct catch_frame f = { fn, arg, 0 };
    if (lunatic_trap_catch((int32_t)(intptr_t)catch_thunk, (int32_t)(intptr_t)&f) == 0)
        return ty__fail(TY_ETRAP, "the function trapped");
    if (result) *result = f.result;
    return TY_OK;
}
