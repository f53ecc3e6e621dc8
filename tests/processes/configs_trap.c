/* configs_trap.c — the root calls a config getter with an id it does not have: the call
 * traps with "unknown config id", tycho prints it and exits 134. Raw imports only. */
//! exit: 134
#include "tycho.h"

int main(void) {
    int64_t c = lunatic_process_create_config();   /* id 0: exists, so 1 does not */
    lunatic_process_config_set_max_fuel((uint64_t)c, 1);
    return (int)lunatic_process_config_get_max_fuel((uint64_t)c + 1);
}
