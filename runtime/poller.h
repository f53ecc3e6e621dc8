/* poller.h — the I/O poller thread (poller.c): host fds parked processes wait for. */
#ifndef TYCHO_RUNTIME_POLLER_H
#define TYCHO_RUNTIME_POLLER_H

#include <poll.h>

#include "process.h"

struct tr_poller *tr_poller_new(tr_runtime *rt);
void tr_poller_free(struct tr_poller *pl);
/* Wakes p when any of fds is ready (or on error); false on OOM. */
bool tr_poller_watch(struct tr_poller *pl, tr_process *p, const struct pollfd *fds, uint32_t n);

#endif
