/* errors_trap.c — the root asks the size of an error it does not have: the call traps
 * with "unknown error id", tycho prints it and exits 134. Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    return (int)lunatic_error_string_size(5);
}
