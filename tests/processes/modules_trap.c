/* modules_trap.c — the root drops a module id it does not have: the call traps with
 * "unknown module id", tycho prints it and exits 134. Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    lunatic_process_drop_module(3);
    return 0;
}
