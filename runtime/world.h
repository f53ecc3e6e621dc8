/* world.h — a process's WASI world from its config (world.c). */
#ifndef TYCHO_RUNTIME_WORLD_H
#define TYCHO_RUNTIME_WORLD_H

#include "runtime.h"

/* A WASI context with c's arguments, environment and preopened directories (opened once
 * per runtime, shared); NULL with a message in err. */
tw_wasi *tr_world_new(tr_runtime *rt, const tr_config *c, char *err, size_t errlen);
/* Closes the shared directory fds (at the runtime's end). */
void tr_dirfds_close(tr_runtime *rt);

#endif
