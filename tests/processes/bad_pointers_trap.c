/* bad_pointers_trap.c — the root passes spawn an id_ptr far outside its memory: the call
 * traps, tycho prints "error: lunatic::process::spawn: guest memory access out of
 * bounds" and exits 134. Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    return lunatic_process_spawn(0, -1, -1, "main", 4, 0, 0, (uint64_t *)0xFFFFFFF0u);
}
