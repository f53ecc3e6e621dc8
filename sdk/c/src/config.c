/* config.c — configs (the setters and getters are inline in tycho.h). */
#include "internal.h"

ty_config ty_config_new(void) {
    int64_t id = lunatic_process_create_config();
    if (id < 0) ty__fail(TY_EPERM, "ty_config_new: the process may not create configs");
    return id;
}
