/* module.h — compiled modules with their imports resolved (module.c): what spawning links
 * an instance against. */
#ifndef TYCHO_RUNTIME_MODULE_H
#define TYCHO_RUNTIME_MODULE_H

#include "runtime.h"

/* The imports for an instance of m under config c (denied ones: trapping stubs). */
bool tr_module_imports(tr_module *m, const tr_config *c, tw_extern *out, char *err,
                       size_t errlen);
uint32_t tr_module_nimports(const tr_module *m);

#endif
