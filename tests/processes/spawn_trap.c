/* spawn_trap.c — the root process spawns with a config id it does not have: the call
 * traps ("unknown config id"), the root dies and tycho prints the trap and exits 134.
 * Only raw imports: the backtrace stays short and stable. */
//! exit: 134
#include "tycho.h"

int main(void) {
    uint64_t id = 0;
    lunatic_process_spawn(0, 42, -1, "main", 4, 0, 0, &id);
    return 0;
}
