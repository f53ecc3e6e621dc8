/* internal.h — shared by the SDK's sources; not installed for guests. */
#ifndef TYCHO_SDK_INTERNAL_H
#define TYCHO_SDK_INTERNAL_H

#include "tycho.h"

/* The export every ty_spawn* child starts in: params (i32 fn table index, i64 arg). */
#define TY_TRAMPOLINE "_tycho_spawn_trampoline"
void _tycho_spawn_trampoline(int32_t fn_index, int64_t arg);
/* The export lunatic::trap::catch re-enters: calls table[function](pointer). */
int32_t _lunatic_catch_trap(int32_t function, int32_t pointer);

/* Records `text` as ty_last_error() and returns `code`. */
int ty__fail(int code, const char *text);
/* Records host error `err` (its text; the error is dropped) and returns TY_EHOST. */
int ty__fail_host(uint64_t err);

#endif
